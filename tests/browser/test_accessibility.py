"""The pupil's pages pass axe (WCAG 2.1 AA): no serious or critical violation.

One row per page a pupil sees, in the state she sees it: the login page, her start
page, the exam page (practice, with the hand-in dialog open, in exam mode with the
countdown, and on a phone), the practice result with the answer model and where an
exam-mode result leads before the teacher releases it. See docs/accessibility.md.
"""

import re

import pytest
from playwright.sync_api import expect

from exam import demo, services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Assignment
from tests.browser.axe import assert_no_serious_violations
from tests.browser.browser_builders import log_in
from tests.exam_builders import KINDS, build_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# A few answers of the demo exam (exam/fixtures/demo_exam.json), so that the
# navigator, the questions and the result show answered and right/wrong states.
DEMO_ANSWERS = {
    1: "A",
    2: "De SVB had een achterstand bij het uitbetalen.",
    3: {"1": "juist", "2": "onjuist", "3": "onjuist"},
    5: ["A", "D"],
    8: "B",
    10: "voordringkanalen",
    13: "5",
}


@pytest.fixture
def browser_context_args(browser_context_args):
    # No fades: axe measures the colours the page settles on, not a transition.
    return {
        **browser_context_args,
        "locale": "nl-NL",
        "viewport": {"width": 1280, "height": 860},
        "reduced_motion": "reduce",
    }


def answer_some(attempt, exam) -> None:
    questions = {q.number: q for q in exam.questions.all()}
    for number, value in DEMO_ANSWERS.items():
        services.save_answer(attempt=attempt, question=questions[number], value=value)


@pytest.fixture
def pupil_world(teacher, pupil, seed_text):
    """Everything a pupil may see: practice on the demo exam, and two tests."""
    demo_exam, _created = demo.ensure_demo_exam(author=teacher)
    handed_in = services.start_attempt(pupil=pupil, exam=demo_exam)
    answer_some(handed_in, demo_exam)
    services.submit_attempt(attempt=handed_in)
    practising = services.start_attempt(pupil=pupil, exam=demo_exam)
    answer_some(practising, demo_exam)

    classroom = class_services.create_classroom(teacher=teacher, name="5H")
    class_services.add_pupil(classroom=classroom, username=pupil.username)
    tests = {}
    for title in ("Toets A", "Toets B"):
        exam = build_exam(author=teacher, text=seed_text, title=title)
        assignment = assignment_services.assign_exam(
            classroom=classroom,
            exam=exam,
            teacher=teacher,
            mode=Assignment.Mode.EXAM,
            time_limit_minutes=50,
        )
        tests[title] = assignment_services.start_assignment_attempt(
            assignment=assignment, pupil=pupil
        )
    services.submit_attempt(attempt=tests["Toets A"])
    return {
        "practice": practising,
        "practice_result": handed_in,
        "test_running": tests["Toets B"],
        "test_handed_in": tests["Toets A"],
    }


def open_hand_in_dialog(page) -> None:
    page.locator("#exam-submit").click()
    expect(page.locator("#submit-modal")).to_be_visible()
    expect(page.locator("#confirm-submit")).to_be_visible()


# (name, path with {attempt} keys, phone?, what to do before the check)
PAGES = [
    ("start page", "/pupil/", False, None),
    ("exam page", "/pupil/attempts/{practice}/", False, None),
    ("exam page, hand-in dialog open", "/pupil/attempts/{practice}/", False, open_hand_in_dialog),
    ("exam page in exam mode", "/pupil/attempts/{test_running}/", False, None),
    ("exam page on a phone", "/pupil/attempts/{practice}/", True, None),
    ("exam page in exam mode on a phone", "/pupil/attempts/{test_running}/", True, None),
    ("practice result with the model", "/pupil/attempts/{practice_result}/result/", False, None),
    (
        "exam-mode result before release",
        "/pupil/attempts/{test_handed_in}/result/",
        False,
        None,
    ),
]


def test_the_login_page_has_no_serious_violation(live_server, page, db):
    page.goto(f"{live_server.url}/login/")
    assert_no_serious_violations(page, context="login page")
    # A failed login shows its message: that state is checked too.
    page.fill("#id_username", "nobody")
    page.fill("#id_password", "wrong")
    page.locator("main form button[type=submit]").click()
    expect(page.locator(".alert-danger")).to_be_visible()
    assert_no_serious_violations(page, context="login page after a failed login")
    expect_landmarks(page)


@pytest.mark.parametrize(
    ("name", "path", "on_phone", "prepare"), PAGES, ids=[row[0] for row in PAGES]
)
def test_the_pupil_page_has_no_serious_violation(
    live_server, page, pupil, pupil_world, name, path, on_phone, prepare
):
    page.set_default_timeout(10000)
    log_in(page, live_server, pupil)
    if on_phone:
        page.set_viewport_size(PHONE)
    url = path.format(**{key: attempt.pk for key, attempt in pupil_world.items()})
    page.goto(f"{live_server.url}{url}")
    page.wait_for_load_state("networkidle")
    if prepare:
        prepare(page)
    if name == "exam-mode result before release":
        # No score yet: the pupil lands on her assignments with a message.
        expect(page).to_have_url(re.compile(r"/me/assignments/$"))
        expect(page.locator("main .alert")).to_be_visible()
    assert_no_serious_violations(page, context=name)
    expect_landmarks(page)


def expect_landmarks(page) -> None:
    """A banner with the main menu, one main, one h1, and a skip link to the main."""
    expect(page.get_by_role("banner")).to_have_count(1)
    expect(page.get_by_role("banner").get_by_role("navigation")).to_have_count(1)
    expect(page.locator("main#main")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("a.skip-link")).to_have_attribute("href", "#main")


# The accessible name of each kind's answer fields (build_exam's exam: one of each
# kind, in the order of exam_builders.KINDS). Fields named only "Your answer" would
# leave a screen reader user who jumps from field to field guessing which question.
FIELD_NAMES = [
    (1, "input[type=radio]", r"^A optie A$"),
    (2, "input[type=checkbox]", r"^A keuze A$"),
    (3, "input[value=juist]", r"^1 bewering 1 juist$"),
    (3, "input[value=onjuist]", r"^1 bewering 1 onjuist$"),
    (4, "select", r"^a voorbeeld a$"),
    (5, "select", r"^Plek 1$"),
    (6, "[name=value]", r"^Vraag 6: Alinea$"),
    (7, "[name=value]", r"^Vraag 7: Je citaat$"),
    (8, "[name=value]", r"^Vraag 8: Je antwoord$"),
    (9, "[name=value]", r"^Vraag 9: Je antwoord$"),
    (10, "[name=value]", r"^Vraag 10: Je samenvatting$"),
]
GROUP_NAMES = [
    (1, "fieldset", r"^Vraag 1: Kies één antwoord"),
    (2, "fieldset", r"^Vraag 2: Kies er 2\."),
    (5, "fieldset", r"^Vraag 5: "),
]


def test_every_answer_field_says_which_question_and_what_it_is(
    live_server, page, teacher, pupil, seed_text
):
    exam = build_exam(author=teacher, text=seed_text)
    assert [q.kind for q in exam.questions.order_by("number")] == KINDS
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/attempts/{attempt.pk}/")
    for number, selector, name in FIELD_NAMES:
        field = page.locator(f"#question-{number} {selector}").first
        expect(field).to_have_accessible_name(re.compile(name))
    for number, selector, name in GROUP_NAMES:
        group = page.locator(f"#question-{number} {selector}").first
        expect(group).to_have_accessible_name(re.compile(name))


def open_modal(button_id: str, modal_id: str):
    def prepare(page) -> None:
        page.locator(f"#{button_id}").click()
        expect(page.locator(f"#{modal_id}")).to_be_visible()

    return prepare


def open_reading_menu(page) -> None:
    page.locator("#reading-menu-button").click()
    expect(page.locator("#reading-form")).to_be_visible()


# The exam room's tools (docs/pupils.md) and reading modes (docs/reading.md), on the
# running test with read-aloud switched on: every tool open, in every reading mode.
READING_MODES = {
    "normal": {},
    "largest font, widest spacing": {"font_size": 4, "line_spacing": 3},
    "dyslexia mode": {"dyslexia": True},
    "high contrast": {"high_contrast": True},
    "line reader": {"line_reader": True},
}
# tool: (how to open it, what shows while it is open)
TOOLS = {
    "reading menu open": (open_reading_menu, "#reading-form"),
    "overview open": (open_modal("overview-open", "overview-modal"), "#overview-modal"),
    "shortcut help open": (open_modal("shortcuts-open", "shortcuts-modal"), "#shortcuts-modal"),
    "hand-in dialog open": (open_hand_in_dialog, "#submit-modal"),
}


@pytest.mark.parametrize("mode", READING_MODES, ids=list(READING_MODES))
def test_the_exam_room_has_no_serious_violation_in_any_reading_mode(
    live_server, page, pupil, pupil_world, mode
):
    from accounts.services import update_reading_preferences

    page.set_default_timeout(10000)
    attempt = pupil_world["test_running"]
    assignment_services.set_read_aloud(assignment=attempt.assignment, pupil=None, enabled=True)
    tokens = update_reading_preferences(user=pupil, **READING_MODES[mode]).tokens
    log_in(page, live_server, pupil)
    url = f"{live_server.url}/pupil/attempts/{attempt.pk}/"
    page.goto(url)
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("data-reading", tokens)
    expect(page.locator("#read-aloud")).to_be_visible()
    assert_no_serious_violations(page, context=f"exam page, {mode}")
    # One tool after the other on the same page, each closed with Escape as a pupil
    # would (a reload per tool only repeated the page's loading).
    for tool, (prepare, shown) in TOOLS.items():
        prepare(page)
        assert_no_serious_violations(page, context=f"exam page, {mode}, {tool}")
        if "modal" in shown:
            # A dialog takes the focus once it has opened; Bootstrap ignores an
            # Escape before that.
            expect(page.locator(shown)).to_be_focused()
        page.keyboard.press("Escape")
        expect(page.locator(shown)).to_be_hidden()
