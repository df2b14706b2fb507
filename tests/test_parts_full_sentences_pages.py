""" "In volledige zinnen" on an open question in parts, on the pages: the authoring form
sets and edits it, the marker confirms or flips the one proposal for the whole answer,
and the pupil's result says what it cost."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from exam import authoring, marking, services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Exam, ExamText, Membership, Question
from tests.test_parts_views import SCORING, create_url, parts_post

HTMX = {"HTTP_HX_REQUEST": "true"}
# Part a in keywords, part b's one word: not in full sentences; 2 + 1 elements found.
KEYWORDS = {"a": "achterstand, hulpverleners", "b": "gebeld"}
SENTENCES = {"a": "Hulpverleners hadden een achterstand.", "b": "De SVB heeft ze gebeld."}


# --- the authoring form ----------------------------------------------------------------


@pytest.fixture
def exam(teacher, seed_text):
    return authoring.create_exam(
        author=teacher, title="Oefenexamen", texts=[seed_text], practice_visibility="open"
    )


def test_the_parts_form_sets_and_edits_full_sentences(teacher_client, exam, seed_text):
    data = parts_post(seed_text, full_sentences="on", sentences_deduct=2)
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 302, response.context["form"].errors
    question = exam.questions.get()
    assert question.scoring == {**SCORING, "full_sentences": {"deduct": 2}}

    # The edit form shows the box ticked with its deduction.
    url = reverse("teacher:question-edit", args=[exam.pk, question.pk])
    page = teacher_client.get(url)
    form = page.context["form"]
    assert form["full_sentences"].value() is True
    assert form["sentences_deduct"].value() == 2
    html = page.content.decode()
    assert re.search(r'<input[^>]*name="full_sentences"[^>]*checked', html)
    assert "js-sentences-deduct" in html

    # Saving as shown keeps it; another deduction is stored; unticking removes the rule.
    assert teacher_client.post(url, data).status_code == 302
    question.refresh_from_db()
    assert question.scoring["full_sentences"] == {"deduct": 2}
    teacher_client.post(url, parts_post(seed_text, full_sentences="on", sentences_deduct=1))
    question.refresh_from_db()
    assert question.scoring["full_sentences"] == {"deduct": 1}
    assert teacher_client.post(url, parts_post(seed_text)).status_code == 302
    question.refresh_from_db()
    assert question.scoring == SCORING
    html = teacher_client.get(url).content.decode()
    assert re.search(r'<input[^>]*name="full_sentences"', html)
    assert not re.search(r'<input[^>]*name="full_sentences"[^>]*checked', html)


def test_a_deduction_of_zero_is_refused_on_its_field(teacher_client, exam, seed_text):
    data = parts_post(seed_text, full_sentences="on", sentences_deduct=0)
    response = teacher_client.post(create_url(exam), data)
    assert response.status_code == 200
    assert "sentences_deduct" in response.context["form"].errors
    assert not exam.questions.exists()


# --- marking and the result page -------------------------------------------------------


@pytest.fixture
def assignment(teacher, pupil, seed_text):
    exam = Exam.objects.create(
        title="Delen",
        author=teacher,
        is_published=True,
        n_term=Decimal("1.0"),
        practice_visibility=Exam.PracticeVisibility.OPEN,
    )
    ExamText.objects.create(exam=exam, text=seed_text, position=1)
    Question.objects.create(
        exam=exam,
        number=1,
        text=seed_text,
        kind="parts",
        stem="Lees alinea 1. Geef antwoord in een of meer volledige zinnen.",
        max_points=3,
        scoring={**SCORING, "full_sentences": {"deduct": 1}},
        model_answer="a) achterstand, hulpverleners b) gebeld",
        answer_lines="1-26",
    )
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return assignment_services.assign_exam(
        classroom=room, exam=exam, teacher=teacher, mode="practice"
    )


def take(assignment, pupil, response) -> Answer:
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    question = assignment.exam.questions.get()
    services.save_answer(attempt=attempt, question=question, value=response)
    services.submit_attempt(attempt=attempt)
    return Answer.objects.get(attempt=attempt, question=question)


def marking_page(client, answer) -> str:
    url = reverse(
        "teacher:marking-question", args=[answer.attempt.assignment_id, answer.question_id]
    )
    response = client.get(url + "?all=1")
    assert response.status_code == 200
    return response.content.decode()


def result_page(client, answer) -> str:
    response = client.get(reverse("pupil:attempt-result", args=[answer.attempt_id]))
    assert response.status_code == 200
    html = response.content.decode()
    return re.search(r'<article[^>]*id="question-1".*?</article>', html, re.S).group(0)


def test_the_automatic_score_takes_one_point_for_the_whole_answer(assignment, pupil):
    answer = take(assignment, pupil, KEYWORDS)
    assert answer.auto_points == 2  # 3 elements, 1 off once
    assert answer.feedback["details"]["full_sentences"] is False
    assert "not_full_sentences" in answer.feedback["codes"]
    assert take(assignment, pupil, SENTENCES).auto_points == 3


def test_the_marker_sees_one_box_for_the_whole_answer(teacher_client, assignment, pupil):
    answer = take(assignment, pupil, KEYWORDS)
    html = marking_page(teacher_client, answer)
    card = re.search(rf'<article[^>]*id="answer-{answer.pk}".*?</article>', html, re.S).group(0)
    boxes = re.findall(r"<input[^>]*data-sentences[^>]*>", card)
    assert len(boxes) == 1
    assert 'data-proposal="no"' in boxes[0] and "checked" not in boxes[0]
    assert "computer: nee" in card
    assert "<kbd>z</kbd>" in html
    # The words stay per part; the length block adds no count of its own.
    assert card.count("data-word-count") == 2


@pytest.mark.parametrize(
    ("posted", "points", "judged"),
    [
        # The marker keeps the proposal: 3 elements, 1 off.
        ({"sentences_shown": "1"}, 2, False),
        # The marker flips it (key z): in full sentences after all.
        ({"sentences_shown": "1", "full_sentences": "1"}, 3, True),
    ],
)
def test_the_markers_confirmation_decides_the_points(
    teacher_client, pupil_client, assignment, pupil, posted, points, judged
):
    answer = take(assignment, pupil, KEYWORDS)
    response = teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]),
        {"action": "grade", "elements": ["0", "1", "2"], **posted},
        **HTMX,
    )
    assert response.status_code == 200
    answer.refresh_from_db()
    assert answer.final_points == points
    assert answer.feedback["teacher_full_sentences"] is judged
    answer.attempt.refresh_from_db()
    assert answer.attempt.total_points == points
    card = response.content.decode()
    assert "bevestigd" in card
    box = re.search(r"<input[^>]*data-sentences[^>]*>", card).group(0)
    assert ("checked" in box) is judged
    # The pupil's result says what the teacher judged.
    html = result_page(pupil_client, answer)
    assert f'data-full-sentences="{"yes" if judged else "no"}"' in html
    assert "oordeel van je docent" in html
    assert ("Niet in volledige zinnen: 1 punt afgetrokken." in html) is not judged


def test_the_result_shows_the_proposals_deduction_once(pupil_client, assignment, pupil):
    answer = take(assignment, pupil, KEYWORDS)
    html = result_page(pupil_client, answer)
    assert html.count("data-full-sentences") == 1
    assert "Niet in volledige zinnen: 1 punt afgetrokken." in html
    assert "voorstel van de computer" in html
    # The words are shown per part only.
    assert "data-word-count" not in html and html.count("data-part-words") == 2


def test_accepting_a_self_score_applies_the_flip(assignment, pupil, teacher):
    answer = services.self_score(answer=take(assignment, pupil, KEYWORDS), elements=[0, 1, 2])
    assert answer.self_points == 2  # the pupil's ticks, minus the proposal's point
    confirmed = marking.confirm_self_score(answer=answer, teacher=teacher, full_sentences=True)
    assert confirmed.final_points == 3


def test_a_question_in_parts_without_the_rule_shows_no_box(teacher_client, assignment, pupil):
    question = assignment.exam.questions.get()
    question.scoring = SCORING
    question.save()
    answer = take(assignment, pupil, KEYWORDS)
    assert answer.auto_points == 3
    assert "data-sentences" not in marking_page(teacher_client, answer)


def test_the_answer_model_states_the_rule_once(teacher_client, assignment):
    url = reverse("teacher:answer-model", args=[assignment.exam.pk])
    html = teacher_client.get(url).content.decode()
    assert html.count("Antwoord in volledige zinnen; anders gaat er 1p af.") == 1
    question = assignment.exam.questions.get()
    question.scoring = SCORING
    question.save()
    html = teacher_client.get(url).content.decode()
    assert "Antwoord in volledige zinnen" not in html
