"""A pupil takes the whole demo exam with the keyboard alone.

No mouse: she logs in by typing, skips to the content, tabs to "Start", answers every
question kind with Tab, Space, arrow keys and typing, tabs on to "Hand in" at the end,
confirms in the dialog and reads her result. She gives the answers of the mouse pupil
in test_pupil_flow.py, so her score must be the one worked out there. Focus moves
through the questions in their reading order, never back.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from exam import demo
from tests.browser.browser_builders import (
    ANSWERS,
    DEMO,
    QUESTIONS,
    expected_grade,
    expected_points,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_TABS = 400


@pytest.fixture
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "viewport": {"width": 1280, "height": 860},
        "reduced_motion": "reduce",
    }


class Keyboard:
    """Tab to things, and note which question each focused element belongs to."""

    def __init__(self, page):
        self.page = page
        self.questions_seen: list[int] = []

    def focused_matches(self, selector: str) -> bool:
        return self.page.evaluate(
            "(s) => !!document.activeElement && document.activeElement.matches(s)", selector
        )

    def tab_to(self, selector: str) -> None:
        for _press in range(MAX_TABS):
            self.page.keyboard.press("Tab")
            number = self.page.evaluate(
                "() => { const q = document.activeElement.closest('article.exam-question');"
                " return q ? Number(q.dataset.number) : null; }"
            )
            if number is not None:
                self.questions_seen.append(number)
            if self.focused_matches(selector):
                return
        raise AssertionError(f"Tab never reached {selector}")

    def press(self, *keys: str) -> None:
        for key in keys:
            self.page.keyboard.press(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)


def answer_with_keys(keys: Keyboard, number: int) -> None:
    q, value = QUESTIONS[number], ANSWERS[number]
    box = f"#question-{number}"
    kind = q["kind"]
    labels = [c["label"] for c in q.get("choices", []) if c.get("role", "option") == "option"]
    if kind == "mc":
        # Tab lands on the group's first option; Space picks it, an arrow the next one.
        keys.tab_to(f"{box} input[type=radio]")
        steps = labels.index(value) if labels else "ABCD".index(value)
        keys.press("Space", *["ArrowDown"] * steps)
    elif kind == "multi":
        for label in value:
            keys.tab_to(f"{box} input[type=checkbox][value='{label}']")
            keys.press("Space")
    elif kind == "statements":
        for label, verdict in value.items():
            keys.tab_to(f"{box} input[name='s-{label}']")
            keys.press("Space" if verdict == "juist" else "ArrowRight")
    elif kind in ("matching", "ordering"):
        rows = value.items() if kind == "matching" else enumerate(value, start=1)
        prefix = "m" if kind == "matching" else "o"
        for key, label in rows:
            # A closed select picks the option whose text starts with what is typed.
            keys.tab_to(f"{box} select[name='{prefix}-{key}']")
            keys.type(label)
    elif kind == "citation" and isinstance(value, dict):
        keys.tab_to(f"{box} input[name=first]")
        keys.type(value["first"])
        keys.tab_to(f"{box} input[name=last]")
        keys.type(value["last"])
    elif kind == "parts":
        for label, text in value.items():
            keys.tab_to(f"{box} textarea[name='p-{label}']")
            keys.type(text)
    else:
        keys.tab_to(f"{box} [name=value]")
        keys.type(value)


def test_a_pupil_takes_the_whole_exam_with_the_keyboard_alone(live_server, page, demo_exam):
    page.set_default_timeout(15000)
    username, password = demo.ACCOUNTS[2][0], demo.ACCOUNTS[2][1]
    keys = Keyboard(page)

    # Log in: the username field has the focus.
    page.goto(f"{live_server.url}/login/")
    expect(page.locator("#id_username")).to_be_focused()
    keys.type(username)
    keys.press("Tab")
    keys.type(password)
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/pupil/$"))

    # The first Tab shows the skip link; Enter moves the focus to the content.
    keys.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    keys.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    keys.tab_to(f"form[action$='/exams/{demo_exam.pk}/start/'] button")
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/pupil/attempts/\d+/$"))

    # Every question in order, then on to "Hand in" after the last one.
    for number in sorted(QUESTIONS):
        answer_with_keys(keys, number)
    keys.tab_to(".exam-end [data-submit-trigger]")
    # Focus went through the questions in reading order, visiting each one.
    assert keys.questions_seen == sorted(keys.questions_seen)
    assert set(keys.questions_seen) == set(QUESTIONS)
    for number in QUESTIONS:
        expect(page.locator(f"#nav-q{number}")).to_have_class(re.compile(r"\bis-answered\b"))
    page.screenshot(path="/tmp/a11y-keyboard-exam.png")
    keys.press("Enter")

    # The dialog has the focus; Tab stays inside it up to "Hand in".
    expect(page.locator("#submit-modal [data-all-answered]")).to_be_visible()
    expect(page.locator("#submit-modal:focus, #submit-modal :focus")).to_have_count(1)
    keys.tab_to("#confirm-submit")
    page.screenshot(path="/tmp/a11y-keyboard-confirm.png")
    keys.press("Enter")
    expect(page).to_have_url(re.compile(r"/result/$"))

    numbers = sorted(QUESTIONS)
    total = sum(expected_points(n) for n in numbers)
    maximum = sum(q["max_points"] for q in QUESTIONS.values())
    grade = expected_grade(total, maximum, Decimal(DEMO["n_term"]))
    expect(page.locator("#result-total")).to_have_text(f"{total} / {maximum}")
    expect(page.locator("#result-grade")).to_have_text(str(grade).replace(".", ","))
