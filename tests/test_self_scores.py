"""Self-scores are the pupil's own: they never change an official score (issue 8).

Exam mode: a self-score is kept beside the proposal and the teacher's score, but the
total, the grade, the results page and the exports stay as the teacher sees them.
Practice: the pupil's own result counts it, and says so. The result page starts the
self-assessment from the computer's proposal and, once the teacher has scored an
answer, shows the teacher's points and note instead of the form.
"""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from exam import marking, selectors
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Membership
from exam.points import capped, counted_points
from exam.services import save_answer, submit_attempt
from exam.totals import COUNTED_POINTS
from tests.exam_builders import make_exam


@pytest.fixture
def exam(teacher, seed_text):
    return make_exam(teacher, seed_text)


@pytest.fixture
def classroom(teacher, pupil):
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return room


def assign(classroom, exam, teacher, mode):
    extra = {"time_limit_minutes": 50} if mode == "exam" else {}
    return assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode=mode, **extra
    )


def take(assignment, pupil, *, open_text):
    """The pupil answers question 1 (MC, right) and question 2 (open) and hands in."""
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    questions = {q.number: q for q in assignment.exam.questions.all()}
    save_answer(attempt=attempt, question=questions[1], value="B")
    save_answer(attempt=attempt, question=questions[2], value=open_text)
    return submit_attempt(attempt=attempt)


def self_score_url(attempt):
    question = attempt.exam.questions.get(number=2)
    return reverse("pupil:answer-self-score", args=[attempt.pk, question.pk])


def result_page(client, attempt) -> str:
    response = client.get(reverse("pupil:attempt-result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def question_2(html: str) -> str:
    return re.search(r'<article[^>]*id="question-2".*?</article>', html, re.S).group(0)


# ---------------------------------------------------------------------------
# Exam mode


def test_in_exam_mode_a_self_score_changes_nothing_the_teacher_sees(
    classroom, exam, teacher, pupil, pupil_client, teacher_client
):
    assignment = assign(classroom, exam, teacher, "exam")
    attempt = take(assignment, pupil, open_text="Iets anders.")
    assignment_services.release_results(assignment=assignment, now=timezone.now())
    results_url = reverse("teacher:assignment-results", args=[assignment.pk])
    export_url = reverse(
        "teacher:results-export", args=["assignment", assignment.pk, "scores", "csv"]
    )
    export_before = teacher_client.get(export_url).content
    row_before = teacher_client.get(results_url).context["pupils"][0]

    response = pupil_client.post(self_score_url(attempt), {"elements": ["0", "1"]})

    assert response.status_code == 302
    answer = Answer.objects.get(attempt=attempt, question__number=2)
    assert (answer.self_points, answer.auto_points) == (2, 0)
    attempt.refresh_from_db()
    assert (attempt.total_points, attempt.grade) == (1, Decimal("4.0"))
    page = teacher_client.get(results_url)
    row = page.context["pupils"][0]
    assert (row.total_points, row.grade) == (row_before.total_points, row_before.grade)
    assert "1 / 3" in page.content.decode()
    assert teacher_client.get(export_url).content == export_before
    # The pupil's own page counts the proposal and says the self-score does not count.
    html = result_page(pupil_client, attempt)
    assert 'data-total="1"' in html
    assert 'data-source="proposal"' in question_2(html)
    assert "data-counts-self-scores" not in html


def test_the_marking_page_shows_the_exam_mode_self_score_beside_proposal_and_mark(
    classroom, exam, teacher, pupil, pupil_client, teacher_client
):
    assignment = assign(classroom, exam, teacher, "exam")
    attempt = take(assignment, pupil, open_text="Iets anders.")
    assignment_services.release_results(assignment=assignment, now=timezone.now())
    pupil_client.post(self_score_url(attempt), {"elements": ["0", "1"]})
    answer = Answer.objects.get(attempt=attempt, question__number=2)
    marking.mark_answer(answer=answer, elements=[0], teacher=teacher)
    url = reverse("teacher:marking-question", args=[assignment.pk, answer.question_id])
    html = teacher_client.get(url + "?all=1").content.decode()
    assert "<strong data-proposal>0</strong>" in html
    assert "<strong data-self>2</strong>" in html
    assert "1/2</span>" in html
    # Calibration compares the self-score with the teacher's: 2 against 1.
    calibration = selectors.calibration_total(Answer.objects.filter(pk=answer.pk))
    assert (calibration.compared, calibration.over, calibration.mean_difference) == (1, 1, 1.0)


# ---------------------------------------------------------------------------
# Practice


def test_in_practice_the_pupils_result_counts_the_self_score_and_says_so(
    classroom, exam, teacher, pupil, pupil_client
):
    assignment = assign(classroom, exam, teacher, "practice")
    attempt = take(assignment, pupil, open_text="Iets anders.")
    assert "data-counts-self-scores" not in result_page(pupil_client, attempt)

    pupil_client.post(self_score_url(attempt), {"elements": ["0", "1"]})

    html = result_page(pupil_client, attempt)
    assert 'data-total="3"' in html
    assert 'data-source="self"' in question_2(html)
    assert "data-counts-self-scores" in html


# ---------------------------------------------------------------------------
# The result page's self-assessment


def test_the_self_assessment_starts_from_the_computers_proposal(
    classroom, exam, teacher, pupil, pupil_client
):
    assignment = assign(classroom, exam, teacher, "practice")
    # "voor" is a keyword of element 1 (index 0) only.
    attempt = take(assignment, pupil, open_text="Ze dringen voor.")
    html = question_2(result_page(pupil_client, attempt))
    assert re.search(r'id="q2-e0" checked', html)
    assert not re.search(r'id="q2-e1" checked', html)

    pupil_client.post(self_score_url(attempt), {"elements": ["1"]})
    html = question_2(result_page(pupil_client, attempt))
    # Once saved, the boxes show the pupil's own choice.
    assert not re.search(r'id="q2-e0" checked', html)
    assert re.search(r'id="q2-e1" checked', html)


def test_after_the_teacher_scores_the_pupil_sees_points_and_note_and_no_form(
    classroom, exam, teacher, pupil, pupil_client
):
    assignment = assign(classroom, exam, teacher, "practice")
    attempt = take(assignment, pupil, open_text="Ze dringen voor.")
    pupil_client.post(self_score_url(attempt), {"elements": ["0", "1"]})
    answer = Answer.objects.get(attempt=attempt, question__number=2)
    marking.mark_answer(
        answer=answer, elements=[0], teacher=teacher, reason="tweede deel ontbreekt"
    )

    html = question_2(result_page(pupil_client, attempt))

    assert 'data-source="teacher"' in html
    assert re.search(r"data-teacher-score>.*?1 .*?2", html, re.S)
    assert "tweede deel ontbreekt" in html
    # The answer model's elements stay visible, the credited one marked.
    assert re.search(r"<li lang=\"nl\" data-credited>.*?ze dringen voor", html)
    assert "ze worden beloond" in html
    assert "data-self-score-form" not in html
    assert 'name="elements"' not in html
    assert pupil_client.post(self_score_url(attempt), {"elements": ["1"]}).status_code == 302
    answer.refresh_from_db()
    assert (answer.final_points, answer.self_points) == (1, 2)


# ---------------------------------------------------------------------------
# The rule in the database is the rule in Python


@pytest.mark.parametrize("mode", ["exam", "practice"])
@pytest.mark.parametrize(
    ("final", "own", "auto"),
    [(None, None, None), (None, 2, 0), (None, None, 1), (1, 2, 0), (2, 0, 2), (0, None, None)],
)
def test_the_database_counts_points_as_the_pure_rule_does(
    classroom, exam, teacher, pupil, mode, final, own, auto
):
    attempt = take(assign(classroom, exam, teacher, mode), pupil, open_text="x")
    answer = Answer.objects.get(attempt=attempt, question__number=2)
    Answer.objects.filter(pk=answer.pk).update(
        final_points=final, self_points=own, auto_points=auto
    )
    # Lower the maximum below a kept score, as "keep earlier scores" may leave it.
    answer.question.max_points = 1
    answer.question.save()
    counted = Answer.objects.annotate(points=COUNTED_POINTS).get(pk=answer.pk).points
    expected = capped(
        counted_points(
            final_points=final, self_points=own, auto_points=auto, self_counts=mode != "exam"
        ),
        1,
    )
    assert counted == expected
