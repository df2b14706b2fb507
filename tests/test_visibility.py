"""Practice visibility and the test lock (exam/visibility.py): defaults, the rule, the
author's form, and the pupil's home with assigned work first."""

import pytest
from django.urls import reverse
from django.utils import timezone

from exam import authoring, services, visibility
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Assignment, Attempt, Exam
from tests.exam_builders import make_exam


@pytest.fixture
def classroom(teacher, pupil):
    room = class_services.create_classroom(teacher=teacher, name="5H")
    class_services.add_pupil(classroom=room, username=pupil.username)
    return room


def _test(classroom, exam, teacher):
    return assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )


# --- defaults -------------------------------------------------------------------------


def test_a_new_exam_is_practised_only_through_assignments(teacher, seed_text):
    by_model = Exam.objects.create(title="Kaal", author=teacher)
    by_author = authoring.create_exam(author=teacher, title="Nieuw", texts=[seed_text])
    assert by_model.practice_visibility == Exam.PracticeVisibility.ASSIGNED
    assert by_author.practice_visibility == Exam.PracticeVisibility.ASSIGNED


def test_the_exam_form_offers_the_choice_with_its_explanation(teacher_client, seed_text):
    page = teacher_client.get(reverse("teacher:exam-create")).content.decode()
    teacher_client.post(
        reverse("teacher:exam-create"),
        {
            "title": "Open examen",
            "level": "havo",
            "n_term": "1.0",
            "text_1": seed_text.pk,
            "practice_visibility": "open",
        },
    )
    assert 'name="practice_visibility" value="assigned"' in page
    assert "alleen via opdrachten" in page
    assert "Zolang het examen in een klas een toets is" in page
    assert Exam.objects.get(title="Open examen").practice_visibility == "open"


def test_editing_without_the_field_keeps_the_exams_choice(teacher_client, teacher, seed_text):
    exam = make_exam(teacher, seed_text, published=False)
    teacher_client.post(
        reverse("teacher:exam-edit", args=[exam.pk]),
        {"title": "Ander", "level": "havo", "n_term": "1.0", "text_1": seed_text.pk},
    )
    exam.refresh_from_db()
    assert (exam.title, exam.practice_visibility) == ("Ander", "open")


# --- the rule -------------------------------------------------------------------------


def test_results_are_visible_in_exam_mode_only_after_release(classroom, teacher, pupil, seed_text):
    test = _test(classroom, make_exam(teacher, seed_text), teacher)
    attempt = assignment_services.start_assignment_attempt(assignment=test, pupil=pupil)
    assert not visibility.may_see_results(attempt)
    attempt = services.submit_attempt(attempt=attempt)
    assert not visibility.may_see_results(attempt)
    assignment_services.release_results(assignment=test)
    attempt.refresh_from_db()
    assert visibility.may_see_results(attempt)


def test_a_running_test_locks_practice_for_every_pupil_until_release(
    classroom, teacher, pupil, other_pupil, seed_text
):
    exam = make_exam(teacher, seed_text)
    assert visibility.practice_refusal(exam=exam, pupil=other_pupil) is None
    test = _test(classroom, exam, teacher)
    assert visibility.practice_refusal(exam=exam, pupil=pupil) == visibility.CLASS_TEST
    assert visibility.practice_refusal(exam=exam, pupil=other_pupil) == visibility.UNDER_TEST
    assignment_services.release_results(assignment=test)
    assert visibility.practice_refusal(exam=exam, pupil=other_pupil) is None


def test_an_exam_for_assignments_only_is_not_practised_freely(teacher, pupil, seed_text):
    exam = make_exam(teacher, seed_text, practice_visibility="assigned")
    with pytest.raises(services.ExamLocked) as locked:
        services.start_attempt(pupil=pupil, exam=exam)
    assert locked.value.code == visibility.ASSIGNMENTS_ONLY
    assert not Attempt.objects.exists()


def test_a_practice_attempt_is_not_handed_in_while_its_exam_is_a_test(
    classroom, teacher, pupil, other_pupil, seed_text
):
    exam = make_exam(teacher, seed_text)
    attempt = services.start_attempt(pupil=other_pupil, exam=exam)
    test = _test(classroom, exam, teacher)
    with pytest.raises(services.ExamLocked):
        services.submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None
    assignment_services.release_results(assignment=test)
    assert services.submit_attempt(attempt=attempt).submitted_at is not None


def test_a_practice_assignment_of_a_running_test_cannot_be_started(
    classroom, teacher, pupil, other_pupil, seed_text
):
    exam = make_exam(teacher, seed_text)
    other_class = class_services.create_classroom(teacher=teacher, name="5V")
    class_services.add_pupil(classroom=other_class, username=other_pupil.username)
    practice = assignment_services.assign_exam(
        classroom=other_class, exam=exam, teacher=teacher, mode="practice"
    )
    _test(classroom, exam, teacher)
    with pytest.raises(visibility.ExamLocked):
        assignment_services.start_assignment_attempt(assignment=practice, pupil=other_pupil)


def test_the_refusals_for_a_list_of_exams_take_one_query(
    classroom, teacher, pupil, seed_text, django_assert_num_queries
):
    exams = [make_exam(teacher, seed_text, title=f"E{i}") for i in range(4)]
    _test(classroom, exams[0], teacher)
    exams[1].practice_visibility = "assigned"
    with django_assert_num_queries(1):
        refusals = visibility.practice_refusals(exams=exams, pupil=pupil)
    assert refusals == {
        exams[0].pk: visibility.CLASS_TEST,
        exams[1].pk: visibility.ASSIGNMENTS_ONLY,
    }


def test_the_lock_read_with_the_attempt_decides_as_practice_attempt_refusal(
    classroom, teacher, pupil, other_pupil, seed_text, django_assert_num_queries
):
    """The exam page reads the lock's facts with the attempt (one query); the decision
    is the same as practice_attempt_refusal's before, during and after a test."""
    exam = make_exam(teacher, seed_text)
    attempts = [services.start_attempt(pupil=p, exam=exam) for p in (pupil, other_pupil)]

    def annotated(attempt):
        return (
            Attempt.objects.select_related("exam", "assignment")
            .annotate(**visibility.attempt_lock_annotations())
            .get(pk=attempt.pk)
        )

    def check(expected):
        for attempt, code in zip(attempts, expected, strict=True):
            assert visibility.practice_attempt_refusal(attempt) == code
            read = annotated(attempt)
            with django_assert_num_queries(0):
                assert visibility.annotated_attempt_refusal(read) == code

    check([None, None])
    test = _test(classroom, exam, teacher)
    check([visibility.CLASS_TEST, visibility.UNDER_TEST])
    test_attempt = assignment_services.start_assignment_attempt(assignment=test, pupil=pupil)
    read = annotated(test_attempt)
    with django_assert_num_queries(0):
        assert visibility.annotated_attempt_refusal(read) is None
    assignment_services.release_results(assignment=test)
    check([None, None])


# --- the pupil's home: assigned work first ---------------------------------------------


def test_the_pupils_home_shows_assigned_work_with_its_deadline_before_free_practice(
    classroom, teacher, pupil_client, seed_text
):
    exam = make_exam(teacher, seed_text, title="Opgegeven", practice_visibility="assigned")
    make_exam(teacher, seed_text, title="Vrij")
    closes = timezone.now() + timezone.timedelta(days=2)
    assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice", closes_at=closes
    )

    html = pupil_client.get(reverse("pupil:home")).content.decode()

    assert html.index("Opgegeven door je docent") < html.index("Vrij oefenen")
    assert html.index("Opgegeven") < html.index(">Vrij<")
    assert timezone.localtime(closes).strftime("%H:%M") in html
    assignment = Assignment.objects.get(exam=exam)
    assert reverse("pupil:assignment-start", args=[assignment.pk]) in html


def test_starting_an_exam_assigned_for_practice_continues_the_assignments_attempt(
    classroom, teacher, pupil, pupil_client, seed_text
):
    exam = make_exam(teacher, seed_text)
    practice = assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice"
    )
    begun = assignment_services.start_assignment_attempt(assignment=practice, pupil=pupil)

    response = pupil_client.post(reverse("pupil:exam-start", args=[exam.pk]))

    assert response.url == reverse("pupil:attempt-detail", args=[begun.pk])
    assert Attempt.objects.filter(pupil=pupil).count() == 1


def test_the_hand_in_dialog_of_a_test_says_results_come_after_release(
    classroom, teacher, pupil, pupil_client, seed_text
):
    test = _test(classroom, make_exam(teacher, seed_text), teacher)
    attempt = assignment_services.start_assignment_attempt(assignment=test, pupil=pupil)

    dialog = pupil_client.get(
        reverse("pupil:attempt-submit", args=[attempt.pk]), headers={"HX-Request": "true"}
    ).content.decode()

    assert "Dit is een toets" in dialog
    assert "als je docent de resultaten vrijgeeft" in dialog
    assert "Je ziet dan je score" not in dialog


@pytest.mark.parametrize(
    ("is_practice", "under_test", "class_test", "refusal"),
    [
        (True, False, False, None),
        (True, True, False, visibility.UNDER_TEST),
        # The pupil's own class's test is named first: the message says "your class".
        (True, True, True, visibility.CLASS_TEST),
        # An exam-mode attempt is the test itself: the lock is not for it.
        (False, True, True, None),
    ],
)
def test_every_reading_of_the_test_lock_decides_alike(is_practice, under_test, class_test, refusal):
    assert (
        visibility.attempt_lock_refusal(
            is_practice=is_practice, under_test=under_test, class_test=class_test
        )
        == refusal
    )
    if is_practice:
        assert visibility.lock_refusal(under_test=under_test, class_test=class_test) == refusal
