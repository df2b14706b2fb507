"""Word limits and "in volledige zinnen" in a real browser.

The pupil types an open answer to a question with "Gebruik maximaal 5 woorden": the
counter under the box counts along and shows when the answer goes over. The marker
flips the computer's proposal on full sentences with one key (z), saves with Enter,
and the answer's points and the attempt's total change.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Attempt, Membership, Question
from exam.services import save_answer, start_attempt, submit_attempt
from tests.browser.browser_builders import log_in
from tests.exam_builders import OPEN_SCORING, make_exam

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_pupil_sees_the_count_go_over_the_limit_while_typing(
    page, live_server, seed_text, teacher, pupil
):
    page.set_default_timeout(15000)
    exam = make_exam(teacher, seed_text)
    Question.objects.filter(exam=exam, number=2).update(
        word_limit=5, scoring={**OPEN_SCORING, "over_limit": {"deduct": 1}}
    )
    attempt = start_attempt(pupil=pupil, exam=exam)
    log_in(page, live_server, pupil)
    page.goto(live_server.url + reverse("pupil:attempt-detail", args=[attempt.pk]))

    counter = page.locator("#q2-words")
    box = page.locator("#q2-value")
    expect(counter).to_contain_text("0 / 5 woorden")
    expect(counter).not_to_have_class("exam-wordcount is-over")

    box.press_sequentially("Ze dringen voor en")
    expect(counter.locator("[data-words]")).to_have_text("4")
    expect(counter).not_to_have_class("exam-wordcount is-over")
    box.press_sequentially(" winnen")
    expect(counter).to_contain_text("5 / 5 woorden")
    expect(counter).not_to_have_class("exam-wordcount is-over")
    expect(counter.locator(".exam-wordcount-over")).to_be_hidden()

    box.press_sequentially(" daardoor")
    expect(counter.locator("[data-words]")).to_have_text("6")
    expect(counter).to_have_class("exam-wordcount is-over")
    expect(counter.locator(".exam-wordcount-over")).to_be_visible()
    expect(counter.locator(".exam-wordcount-over")).to_contain_text("te veel")

    # Back under the limit, the warning goes.
    box.press("Backspace")
    box.fill("Ze dringen voor.")
    expect(counter.locator("[data-words]")).to_have_text("3")
    expect(counter).not_to_have_class("exam-wordcount is-over")


def test_the_marker_flips_the_full_sentences_proposal_with_one_key(
    page, live_server, seed_text, teacher, pupil
):
    page.set_default_timeout(15000)
    exam = make_exam(teacher, seed_text)
    Question.objects.filter(exam=exam, number=2).update(
        scoring={**OPEN_SCORING, "full_sentences": {"deduct": 1}}
    )
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    assignment = assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    mc, open_question = exam.questions.order_by("number")
    save_answer(attempt=attempt, question=mc, value="B")
    # Both elements as bare keywords: the computer proposes "not in full sentences".
    save_answer(attempt=attempt, question=open_question, value="voordringen, beloond")
    submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.total_points == 2  # 1 (MC) + 2 - 1 for the missing sentences

    log_in(page, live_server, teacher)
    marking = reverse("teacher:marking-question", args=[assignment.pk, open_question.pk])
    page.goto(live_server.url + marking)
    expect(page.locator("[data-marking][data-keyboard-ready=true]")).to_have_count(1)
    card = page.locator(".marking-answer").first
    box = card.locator("input[data-sentences]")
    expect(box).not_to_be_checked()
    expect(card.locator("[data-sentences-deduction]")).to_be_visible()

    # One key flips the proposal: in full sentences after all; the deduction goes.
    page.keyboard.press("z")
    expect(box).to_be_checked()
    expect(card.locator("[data-sentences-deduction]")).to_be_hidden()
    page.keyboard.press("Enter")
    expect(page.locator(".marking-answer.is-scored")).to_have_count(1)
    expect(page.locator(".marking-answer.is-scored .badge.text-bg-success")).to_have_text("2/2")

    answer = Answer.objects.get(attempt=attempt, question=open_question)
    assert (answer.final_points, answer.feedback["teacher_full_sentences"]) == (2, True)
    assert Attempt.objects.get(pk=attempt.pk).total_points == 3

    # Flipping back and saving again takes the point off once more.
    card = page.locator(".marking-answer").first
    card.focus()
    page.keyboard.press("z")
    expect(card.locator("input[data-sentences]")).not_to_be_checked()
    page.keyboard.press("Enter")
    expect(page.locator(".marking-answer .badge.text-bg-success")).to_have_text("1/2")
    assert Attempt.objects.get(pk=attempt.pk).total_points == 2
