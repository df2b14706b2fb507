"""A pupil's self-score in practice, then the teacher's mark, in two real browsers.

The pupil has handed in a practice assignment. On the result page the self-assessment
starts from what the computer found; the pupil ticks what they think their answer
has and saves it, and the practice total says it includes their own score. The
teacher then scores the answer on the marking page with a note; the pupil reloads
and sees the teacher's points and note, and the self-assessment form is gone.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Membership
from exam.services import save_answer, submit_attempt
from tests.browser.browser_builders import log_in
from tests.exam_builders import make_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "het tweede deel ontbreekt"


def test_the_pupil_self_scores_in_practice_and_then_sees_the_teachers_mark(
    page, browser, live_server, seed_text, teacher, pupil
):
    base = live_server.url
    page.set_default_timeout(15000)
    exam = make_exam(teacher, seed_text)
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="practice"
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    mc, open_question = exam.questions.order_by("number")
    save_answer(attempt=attempt, question=mc, value="B")
    # "voor" is a keyword of the first element only.
    save_answer(attempt=attempt, question=open_question, value="Ze dringen voor.")
    submit_attempt(attempt=attempt)
    result_url = base + reverse("pupil:attempt-result", args=[attempt.pk])

    # The pupil's self-assessment starts from what the computer found.
    log_in(page, live_server, pupil)
    page.goto(result_url)
    question = page.locator("#question-2")
    expect(question.locator("#q2-e0")).to_be_checked()
    expect(question.locator("#q2-e1")).not_to_be_checked()
    expect(page.locator("#result-total")).to_have_text("2 / 3")

    # The pupil thinks both elements are there and saves that.
    question.locator("#q2-e1").check()
    question.locator("[data-self-score-form] button[type=submit]").click()
    page.wait_for_load_state()
    expect(page.locator("#question-2")).to_have_attribute("data-source", "self")
    expect(page.locator("#result-total")).to_have_text("3 / 3")
    expect(page.locator("[data-counts-self-scores]")).to_be_visible()

    # The teacher gives one point with a note on the marking page.
    teacher_context = browser.new_context(viewport={"width": 1280, "height": 900})
    teacher_page = teacher_context.new_page()
    teacher_page.set_default_timeout(15000)
    log_in(teacher_page, live_server, teacher)
    marking = reverse("teacher:marking-question", args=[assignment.pk, open_question.pk])
    teacher_page.goto(f"{base}{marking}?all=1")
    card = teacher_page.locator(".marking-answer").first
    expect(card.locator("[data-self]")).to_have_text("2")
    expect(card.locator("[data-proposal]")).to_have_text("1")
    card.locator("input[name=elements][value='1']").uncheck()
    card.locator("input[name=elements][value='0']").check()
    card.locator("input[name=reason]").fill(NOTE)
    card.locator("[data-save]").click()
    expect(teacher_page.locator(".marking-answer.is-scored")).to_have_count(1)
    teacher_context.close()
    answer = Answer.objects.get(attempt=attempt, question=open_question)
    assert (answer.final_points, answer.self_points) == (1, 2)

    # The pupil reloads: the teacher's points and note, and no form any more.
    page.reload()
    question = page.locator("#question-2")
    expect(question).to_have_attribute("data-source", "teacher")
    expect(question.locator("[data-teacher-score]")).to_contain_text("1")
    expect(question.locator("[data-teacher-remark]")).to_have_text(NOTE)
    expect(question.locator("[data-self-score-form]")).to_have_count(0)
    expect(question.locator("input[name=elements]")).to_have_count(0)
    expect(page.locator("#result-total")).to_have_text("2 / 3")
    expect(page.locator("[data-counts-self-scores]")).to_have_count(0)
