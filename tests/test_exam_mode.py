"""Exam mode reaches the pupil's exam pages: the server's deadline, hidden results
until release, and no free practice on an exam the class has as a test."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from exam import services
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Assignment
from tests.exam_builders import build_exam


@pytest.fixture
def exam(teacher, seed_text):
    return build_exam(author=teacher, text=seed_text, kinds=["mc", "open"], count=2)


@pytest.fixture
def classroom(teacher, pupil):
    room = class_services.create_classroom(teacher=teacher, name="5H")
    class_services.add_pupil(classroom=room, username=pupil.username)
    return room


@pytest.fixture
def exam_assignment(exam, classroom, teacher):
    return assignment_services.assign_exam(
        classroom=classroom,
        exam=exam,
        teacher=teacher,
        mode=Assignment.Mode.EXAM,
        time_limit_minutes=30,
    )


def _start(assignment, pupil):
    return assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)


def _save_url(attempt, question):
    return reverse("pupil:answer-save", args=[attempt.pk, question.pk])


def test_a_save_within_the_time_limit_is_kept(pupil_client, pupil, exam_assignment, exam):
    attempt = _start(exam_assignment, pupil)
    question = exam.questions.get(number=1)

    response = pupil_client.post(
        _save_url(attempt, question),
        {"value": "A", "revision": "1"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 200
    assert Answer.objects.get(attempt=attempt, question=question).response == "A"


def test_a_save_after_the_deadline_is_refused_and_the_answer_kept(
    pupil_client, pupil, exam_assignment, exam
):
    attempt = _start(exam_assignment, pupil)
    question = exam.questions.get(number=1)
    services.save_answer(attempt=attempt, question=question, value="A", revision=1)
    attempt.deadline_at = timezone.now() - timedelta(minutes=5)
    attempt.save(update_fields=["deadline_at"])

    response = pupil_client.post(
        _save_url(attempt, question),
        {"value": "B", "revision": "2"},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 409
    assert "Tijd is om" in response.content.decode() or "tijd is om" in response.content.decode()
    assert Answer.objects.get(attempt=attempt, question=question).response == "A"


def test_opening_the_exam_after_the_deadline_hands_it_in_without_showing_results(
    pupil_client, pupil, exam_assignment
):
    attempt = _start(exam_assignment, pupil)
    attempt.deadline_at = timezone.now() - timedelta(seconds=1)
    attempt.save(update_fields=["deadline_at"])

    response = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk]))

    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert response.status_code == 302
    assert response.url == reverse("pupil:assignment-list")


def test_exam_mode_results_stay_hidden_until_the_teacher_releases_them(
    pupil_client, pupil, exam_assignment
):
    attempt = _start(exam_assignment, pupil)
    services.submit_attempt(attempt=attempt)
    result_url = reverse("pupil:attempt-result", args=[attempt.pk])

    hidden = pupil_client.get(result_url)
    assignment_services.release_results(assignment=exam_assignment)
    shown = pupil_client.get(result_url)

    assert hidden.status_code == 302 and hidden.url == reverse("pupil:assignment-list")
    assert shown.status_code == 200
    assert "model 1" in shown.content.decode()


def test_the_exam_page_shows_the_servers_countdown(pupil_client, pupil, exam_assignment):
    attempt = _start(exam_assignment, pupil)

    page = pupil_client.get(reverse("pupil:attempt-detail", args=[attempt.pk])).content.decode()

    assert 'id="assignment-countdown"' in page
    assert timezone.localtime(attempt.deadline_at).isoformat()[:16] in page


def test_an_exam_assigned_as_a_test_cannot_be_practised_freely_first(
    pupil_client, pupil, exam_assignment, exam
):
    listed = pupil_client.get(reverse("pupil:home")).content.decode()
    response = pupil_client.post(reverse("pupil:exam-start", args=[exam.pk]))

    assert reverse("pupil:exam-start", args=[exam.pk]) not in listed
    assert "Je klas heeft dit examen als toets" in listed
    assert response.status_code == 302 and response.url == reverse("pupil:assignment-list")
    assert not exam.attempts.filter(assignment__isnull=True).exists()


def test_practice_mode_shows_results_right_after_submitting(
    pupil_client, pupil, exam, classroom, teacher
):
    practice = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode=Assignment.Mode.PRACTICE
    )
    attempt = _start(practice, pupil)

    response = pupil_client.post(reverse("pupil:attempt-submit", args=[attempt.pk]))

    assert response.status_code == 302
    assert response.url == reverse("pupil:attempt-result", args=[attempt.pk])


def test_an_exam_mode_attempt_is_handed_in_through_the_service(pupil, exam_assignment):
    # On PostgreSQL the lock must not reach the outer join to the assignment
    # (FOR UPDATE cannot be applied to the nullable side of an outer join).
    attempt = _start(exam_assignment, pupil)

    submitted = services.submit_attempt(attempt=attempt)

    assert submitted.submitted_at is not None
    assert submitted.assignment == exam_assignment
