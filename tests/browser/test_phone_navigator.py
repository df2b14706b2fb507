"""On a phone (390 px) every question of the navigator is in sight and reachable.

A real exam has 20 to 40 questions; the navigator used to show 1-10 in one row and
hide the rest to the right with no hint. Now it wraps: the last question's button is
on screen, and tapping it shows that question.
"""

import pytest
from playwright.sync_api import expect

from exam import services
from tests.browser.browser_builders import log_in
from tests.exam_builders import build_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTIONS = 25


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "viewport": {"width": 390, "height": 844},
        "is_mobile": True,
        "has_touch": True,
    }


def test_every_question_is_in_sight_and_reachable_on_a_phone(
    live_server, page, teacher, pupil, seed_text
):
    exam = build_exam(author=teacher, text=seed_text, count=QUESTIONS)
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/")

    nav = page.locator(".exam-nav")
    # Nothing hides to the side: the navigator is no wider than what it shows.
    assert nav.evaluate("el => el.scrollWidth <= el.clientWidth")
    for number in (1, 10, 11, QUESTIONS):
        expect(page.locator(f"#nav-q{number}")).to_be_in_viewport(ratio=1)

    last = page.locator(f"#nav-q{QUESTIONS}")
    expect(last).to_have_accessible_name(f"Vraag {QUESTIONS}")
    last.tap()
    expect(page.locator(f"#question-{QUESTIONS}")).to_be_in_viewport()
    # The question's first field has the focus, ready for an answer.
    expect(page.locator(f"#question-{QUESTIONS} :focus")).to_have_count(1)


def test_the_text_and_questions_tabs_switch_with_the_arrow_keys(
    live_server, page, teacher, pupil, seed_text
):
    exam = build_exam(author=teacher, text=seed_text, count=2)
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/")

    questions, text = page.locator("#tab-questions"), page.locator("#tab-booklet")
    # One Tab stop for the tab list: the selected tab.
    expect(text).to_have_attribute("tabindex", "-1")
    questions.focus()
    page.keyboard.press("ArrowLeft")
    expect(text).to_be_focused()
    expect(text).to_have_attribute("aria-selected", "true")
    expect(page.locator("#booklet-pane")).to_be_visible()
    expect(page.locator("#questions-pane")).to_be_hidden()
    page.keyboard.press("End")
    expect(questions).to_be_focused()
    expect(page.locator("#questions-pane")).to_be_visible()


def _overlap(a: dict, b: dict) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_on_a_phone_the_title_and_progress_stay_readable_beside_the_tools(
    live_server, page, teacher, pupil, seed_text
):
    exam = build_exam(author=teacher, text=seed_text, count=QUESTIONS)
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/")

    title, progress = page.locator(".exam-title"), page.locator(".exam-progress")
    # The whole title and the progress on one line each, not squeezed to a letter.
    assert title.evaluate("el => el.scrollWidth <= el.clientWidth")
    assert progress.evaluate("el => el.getClientRects().length") == 1
    tools = ["#reading-menu-button", "#overview-open", "#shortcuts-open", "#exam-submit"]
    for selector in tools:
        expect(page.locator(selector)).to_be_in_viewport(ratio=1)
        for text in (title, progress):
            assert not _overlap(text.bounding_box(), page.locator(selector).bounding_box())
