"""Word limits and "in volledige zinnen" on the pages: the pupil's exam page and
result, the marker's page, and the marker's confirmation deciding the final points."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from exam import marking
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Membership, Question
from exam.services import save_answer, self_score, start_attempt, submit_attempt
from tests.exam_builders import OPEN_SCORING, make_exam

KEYWORDS = "voordringen, beloond"  # both elements, no sentence
SENTENCE = "Ze dringen voor en worden daarvoor beloond."  # both elements, 7 words


@pytest.fixture
def exam(teacher, seed_text):
    exam = make_exam(teacher, seed_text)
    Question.objects.filter(exam=exam, number=2).update(
        scoring={**OPEN_SCORING, "full_sentences": {"deduct": 1}}
    )
    return exam


@pytest.fixture
def assignment(teacher, pupil, exam):
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="practice"
    )


def take(assignment, pupil, open_text):
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    questions = {q.number: q for q in assignment.exam.questions.all()}
    save_answer(attempt=attempt, question=questions[1], value="B")
    save_answer(attempt=attempt, question=questions[2], value=open_text)
    return submit_attempt(attempt=attempt)


def open_answer(attempt) -> Answer:
    return Answer.objects.get(attempt=attempt, question__number=2)


def marking_page(client, assignment) -> str:
    question = assignment.exam.questions.get(number=2)
    url = reverse("teacher:marking-question", args=[assignment.pk, question.pk])
    response = client.get(url + "?all=1")
    assert response.status_code == 200
    return response.content.decode()


def result_question_2(client, attempt) -> str:
    response = client.get(reverse("pupil:attempt-result", args=[attempt.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'<article[^>]*id="question-2".*?</article>', html, re.S).group(0)


def post_mark(client, answer, **data):
    return client.post(
        reverse("teacher:mark-answer", args=[answer.pk]),
        {"action": "grade", **data},
        HTTP_HX_REQUEST="true",
    )


# --- the automatic score and the marker's confirmation ---------------------------------


def test_the_automatic_score_deducts_for_keywords_and_flags_it(assignment, pupil):
    answer = open_answer(take(assignment, pupil, KEYWORDS))
    assert answer.auto_points == 1
    assert answer.feedback["details"]["full_sentences"] is False
    assert "not_full_sentences" in answer.feedback["codes"]
    sentence = open_answer(take(assignment, pupil, SENTENCE))
    assert sentence.auto_points == 2


def test_the_marking_page_shows_the_proposal_as_a_box_and_the_key(
    teacher_client, assignment, pupil
):
    answer = open_answer(take(assignment, pupil, KEYWORDS))
    html = marking_page(teacher_client, assignment)
    box = re.search(rf'<input[^>]*id="fs-{answer.pk}"[^>]*>', html).group(0)
    assert 'data-proposal="no"' in box
    assert "checked" not in box
    assert "computer: nee" in html
    assert "<kbd>z</kbd>" in html


@pytest.mark.parametrize(
    ("posted", "points", "judged"),
    [
        # The marker leaves the proposal (not in sentences): 2 elements - 1.
        ({"sentences_shown": "1"}, 1, False),
        # The marker flips it: in full sentences after all.
        ({"sentences_shown": "1", "full_sentences": "1"}, 2, True),
    ],
)
def test_the_markers_judgement_decides_the_final_points(
    teacher_client, assignment, pupil, posted, points, judged
):
    attempt = take(assignment, pupil, KEYWORDS)
    answer = open_answer(attempt)
    response = post_mark(teacher_client, answer, elements=["0", "1"], **posted)
    assert response.status_code == 200
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert answer.final_points == points
    assert answer.feedback["teacher_full_sentences"] is judged
    assert attempt.total_points == 1 + points
    # The swapped-in card shows the confirmed judgement.
    card = response.content.decode()
    assert "bevestigd" in card
    assert ("checked" in re.search(r"<input[^>]*data-sentences[^>]*>", card).group(0)) is judged


def test_a_save_without_the_box_keeps_the_judgement_given_before(assignment, pupil, teacher):
    answer = open_answer(take(assignment, pupil, KEYWORDS))
    marking.mark_answer(answer=answer, elements=[0, 1], teacher=teacher, full_sentences=True)
    answer = marking.mark_answer(answer=open_answer(answer.attempt), elements=[0], teacher=teacher)
    assert answer.final_points == 1
    assert answer.feedback["teacher_full_sentences"] is True


def test_accepting_a_self_score_applies_the_markers_judgement(assignment, pupil, teacher):
    attempt = take(assignment, pupil, KEYWORDS)
    answer = self_score(answer=open_answer(attempt), elements=[0, 1])
    assert answer.self_points == 1  # the pupil's ticks, minus the proposal's point
    flipped = marking.confirm_self_score(answer=answer, teacher=teacher, full_sentences=True)
    assert flipped.final_points == 2


def test_an_override_is_final_as_given(teacher_client, pupil_client, assignment, pupil, teacher):
    attempt = take(assignment, pupil, KEYWORDS)
    marking.override_score(answer=open_answer(attempt), points=2, reason="goed", teacher=teacher)
    html = result_question_2(pupil_client, attempt)
    assert "data-word-deduction" not in html
    assert "punt afgetrokken" not in html


# --- the pupil's result page -------------------------------------------------------------


def test_the_result_says_a_point_was_deducted_for_not_writing_full_sentences(
    pupil_client, assignment, pupil
):
    attempt = take(assignment, pupil, KEYWORDS)
    html = result_question_2(pupil_client, attempt)
    assert 'data-full-sentences="no"' in html
    assert "Niet in volledige zinnen: 1 punt afgetrokken." in html
    assert "voorstel van de computer" in html


def test_the_result_shows_the_teachers_judgement(pupil_client, assignment, pupil, teacher):
    attempt = take(assignment, pupil, KEYWORDS)
    marking.mark_answer(
        answer=open_answer(attempt), elements=[0, 1], teacher=teacher, full_sentences=True
    )
    html = result_question_2(pupil_client, attempt)
    assert 'data-full-sentences="yes"' in html
    assert "In volledige zinnen geschreven." in html
    assert "afgetrokken" not in html


# --- word limits on an open question ---------------------------------------------------


@pytest.fixture
def limited(exam):
    """Question 2 with "Gebruik maximaal 5 woorden" and a fixed 1-point deduction."""
    question = exam.questions.get(number=2)
    question.word_limit = 5
    question.scoring = {**OPEN_SCORING, "over_limit": {"deduct": 1}}
    question.save()
    return question


def test_an_open_answer_over_its_limit_loses_the_point_everywhere(
    teacher_client, pupil_client, assignment, pupil, teacher, limited
):
    attempt = take(assignment, pupil, SENTENCE)  # 7 words, limit 5
    answer = open_answer(attempt)
    assert (answer.auto_points, answer.feedback["details"]["deducted"]) == (1, 1)
    # The pupil's result: the count against the limit, and the point it cost.
    html = result_question_2(pupil_client, attempt)
    assert "7 woorden (maximaal 5)" in html
    assert "1 punt afgetrokken wegens overschrijding van het maximumaantal woorden." in html
    # The marker sees the same, and the teacher's ticks lose the point too.
    assert "1 punt aftrek wegens de lengte" in marking_page(teacher_client, assignment)
    answer = marking.mark_answer(answer=answer, elements=[0, 1], teacher=teacher)
    assert answer.final_points == 1


def test_a_self_score_loses_the_point_too(assignment, pupil, limited):
    attempt = take(assignment, pupil, SENTENCE)
    assert self_score(answer=open_answer(attempt), elements=[0, 1]).self_points == 1


def test_the_exam_page_counts_the_words_of_an_open_answer_with_a_limit(
    pupil_client, pupil, exam, limited
):
    attempt = start_attempt(pupil=pupil, exam=exam)
    save_answer(attempt=attempt, question=limited, value=SENTENCE)
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    counter = re.search(r'<div class="exam-wordcount[^"]*" id="q2-words".*?</div>', html, re.S)
    assert counter is not None
    assert "is-over" in counter.group(0)
    assert re.search(r"<span data-words>7</span> / 5", counter.group(0))
    assert 'data-word-limit="5"' in html


def test_an_open_question_without_a_limit_has_no_counter(pupil_client, pupil, exam):
    attempt = start_attempt(pupil=pupil, exam=exam)
    html = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()
    assert 'id="q2-words"' not in html


def test_the_marking_page_promises_no_deduction_from_nothing(teacher_client, assignment, pupil):
    # No element found: nothing to deduct from, so the card does not say a point goes.
    take(assignment, pupil, "geen idee")
    html = marking_page(teacher_client, assignment)
    assert re.search(r"<input[^>]*data-sentences[ >]", html)
    assert "data-sentences-deduction" not in html


def test_the_marking_page_says_what_unticking_would_cost(teacher_client, assignment, pupil):
    take(assignment, pupil, KEYWORDS)
    html = marking_page(teacher_client, assignment)
    assert "1 punt aftrek bij opslaan" in html
