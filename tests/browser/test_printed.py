"""An exam as printed, in a real browser: two texts, an introduction above text 2, a
shared context over questions 2-3, and a stem that sends the pupil into text 2
("tekst 2, regels 3-4") while the question is on text 1."""

import re

import pytest
from playwright.sync_api import expect

from exam import authoring
from exam.classes import services as class_services
from exam.models import Exam, Question, SharedContext
from tests.browser.browser_builders import log_in
from tests.exam_builders import make_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INTRO = "Tekst 2 bestaat uit twee fragmenten."
CONTEXT = "Lees bij de volgende vragen eerst tekst 2, regels 5-6."
HIGHLIGHTED = re.compile(r"\bis-highlighted\b")


@pytest.fixture
def printed_exam(admin_user, teacher):
    first = make_text(lines=40, uploaded_by=admin_user)
    second = make_text(lines=40, uploaded_by=admin_user)
    exam = authoring.create_exam(
        author=teacher,
        title="Als gedrukt",
        texts=[first, second],
        intros=["", INTRO],
        duration_minutes=150,
    )
    stems = {
        1: "Wat staat er in regel 3?",
        2: "Vergelijk regel 3 met tekst 2, regels 3-4. Welk woord komt in beide voor?",
        3: "Welk woord staat in regel 8 van tekst 2?",
    }
    for number, stem in stems.items():
        Question.objects.create(
            exam=exam,
            number=number,
            text=first,
            kind=Question.Kind.GAP,
            stem=stem,
            max_points=1,
            scoring={"accepted": ["lezer"]},
            model_answer="lezer",
        )
    SharedContext.objects.create(exam=exam, first_number=2, last_number=3, body=CONTEXT)
    Exam.objects.filter(pk=exam.pk).update(is_published=True, practice_visibility="open")
    return exam, first, second


def test_a_reference_to_text_2_highlights_its_lines_and_the_context_and_intro_show(
    live_server, page, pupil, printed_exam
):
    exam, first, second = printed_exam
    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/")
    expect(page.locator(f"#exam-{exam.pk}-title")).to_be_visible()
    expect(page.locator(".exam-duration")).to_have_text("150 minuten")
    page.locator(f"form[action$='/exams/{exam.pk}/start/'] button").click()
    expect(page).to_have_url(re.compile(r"/pupil/attempts/\d+/$"))
    page.wait_for_load_state("load")

    # The introduction above text 2, in the booklet.
    intro = page.locator(f"#text-{second.pk}-exam-intro")
    expect(intro).to_contain_text(INTRO)
    # The shared context with question 2 and with question 3, not with question 1.
    expect(page.locator("#question-2 .exam-context")).to_contain_text(CONTEXT)
    expect(page.locator("#question-3 .exam-context")).to_contain_text(CONTEXT)
    expect(page.locator("#question-3 .exam-context-head")).to_have_text("Bij vraag 2 tot en met 3")
    expect(page.locator("#question-1 .exam-context")).to_have_count(0)

    # "tekst 2, regels 3-4" in question 2 (on text 1) highlights text 2's lines.
    reference = page.locator("#question-2 .exam-stem a.exam-ref", has_text="tekst 2, regels 3-4")
    reference.click()
    for line in (3, 4):
        expect(page.locator(f"#text-{second.pk}-line-{line}")).to_have_class(HIGHLIGHTED)
    for line in (2, 5):
        expect(page.locator(f"#text-{second.pk}-line-{line}")).not_to_have_class(HIGHLIGHTED)
    expect(page.locator(f"#text-{first.pk}-line-3")).not_to_have_class(HIGHLIGHTED)
    expect(page.locator(f"#text-{second.pk}-line-3")).to_be_in_viewport()
    expect(reference).to_have_class(re.compile(r"\bis-active\b"))

    # "regel 3" in the same stem stays with the question's own text.
    page.locator("#question-2 .exam-stem a.exam-ref", has_text="regel 3").first.click()
    expect(page.locator(f"#text-{first.pk}-line-3")).to_have_class(HIGHLIGHTED)
    expect(page.locator(f"#text-{second.pk}-line-3")).not_to_have_class(HIGHLIGHTED)

    # A reference in the shared context links into text 2 as well.
    page.locator("#question-3 .exam-context a.exam-ref").click()
    for line in (5, 6):
        expect(page.locator(f"#text-{second.pk}-line-{line}")).to_have_class(HIGHLIGHTED)
    page.screenshot(path="/tmp/printed-exam.png")


def test_on_a_phone_a_reference_to_text_2_switches_to_the_text(
    live_server, page, pupil, printed_exam
):
    exam, _first, second = printed_exam
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, pupil)
    page.goto(f"{live_server.url}/pupil/")
    page.locator(f"form[action$='/exams/{exam.pk}/start/'] button").click()
    # The page's modules have run (the references switch tabs) once it has loaded.
    page.wait_for_load_state("load")
    expect(page.locator("#booklet-pane")).to_be_hidden()
    page.locator("#question-3 .exam-stem a.exam-ref").click()
    expect(page.locator("#booklet-pane")).to_be_visible()
    expect(page.locator(f"#text-{second.pk}-line-8")).to_have_class(HIGHLIGHTED)
    expect(page.locator(f"#text-{second.pk}-line-8")).to_be_in_viewport()


def test_choosing_the_exam_pre_fills_the_time_limit_with_its_duration(
    live_server, page, teacher, pupil, printed_exam
):
    exam, _first, _second = printed_exam
    classroom = class_services.create_classroom(teacher=teacher, name="6 VWO")
    log_in(page, live_server, teacher)
    page.goto(f"{live_server.url}/teacher/classes/{classroom.pk}/assign/")
    limit = page.locator("input[name=time_limit_minutes]")
    expect(limit).to_have_value("")
    page.locator("select[name=exam]").select_option(str(exam.pk))
    expect(limit).to_have_value("150")
    # A limit the teacher typed is not overwritten by choosing again.
    limit.fill("100")
    page.locator("select[name=exam]").select_option("")
    page.locator("select[name=exam]").select_option(str(exam.pk))
    expect(limit).to_have_value("100")
