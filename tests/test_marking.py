"""Marking: the marking queue, teachers' scores and overrides, calibration of self-scores."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.services import ensure_user
from exam import marking, selectors
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from exam.models import Answer, Membership
from exam.services import save_answer, self_score
from tests.exam_builders import make_exam
from tests.results_builders import open_answer, take


@pytest.fixture
def exam(teacher, seed_text):
    return make_exam(teacher, seed_text)


@pytest.fixture
def classroom(teacher, pupil):
    room = class_services.create_classroom(teacher=teacher, name="5 HAVO b")
    Membership.objects.create(classroom=room, pupil=pupil)
    return room


@pytest.fixture
def assignment(classroom, exam, teacher):
    return assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=50
    )


def mc_answer(attempt) -> Answer:
    return Answer.objects.get(attempt=attempt, question__number=1)


def add_pupil(classroom, username):
    user, _created = ensure_user(username=username, password="x" * 12, role="pupil")
    Membership.objects.create(classroom=classroom, pupil=user)
    return user


# ---------------------------------------------------------------------------
# The queue


def test_an_open_answer_waits_in_the_queue_and_a_closed_one_does_not(assignment, pupil, teacher):
    take(assignment, pupil)
    by_number = {q.number: q for q in selectors.queue_by_question(assignment)}
    assert (by_number[1].waiting, by_number[2].waiting) == (0, 1)
    assert selectors.waiting_count_for_teacher(teacher) == 1


def test_an_attempt_still_in_progress_is_not_in_the_queue(assignment, pupil, teacher):
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    question = assignment.exam.questions.get(number=2)
    save_answer(attempt=attempt, question=question, value="Ze dringen voor.")
    Answer.objects.filter(attempt=attempt).update(needs_review=True)
    assert selectors.waiting_count_for_teacher(teacher) == 0


def test_another_teachers_queue_is_empty(assignment, pupil, other_teacher):
    take(assignment, pupil)
    assert selectors.waiting_count_for_teacher(other_teacher) == 0


# ---------------------------------------------------------------------------
# Scoring by the teacher


def test_ticking_elements_makes_the_teachers_score_final_and_updates_the_grade(
    assignment, pupil, teacher
):
    attempt = take(assignment, pupil, open_text="Iets anders.")
    answer = open_answer(attempt)
    marking.mark_answer(answer=answer, elements=[0, 1], teacher=teacher)
    answer.refresh_from_db()
    attempt.refresh_from_db()
    assert answer.final_points == 2
    assert answer.scored_by == teacher
    assert answer.scored_at is not None
    assert answer.needs_review is False
    # 1 (MC) + 2 (open) of 3 with N = 1.0: 9 * 3/3 + 1 = 10.0
    assert attempt.total_points == 3
    assert attempt.grade == Decimal("10.0")
    assert selectors.waiting_count_for_teacher(teacher) == 0


def test_no_ticks_gives_zero_and_keeps_the_note(assignment, pupil, teacher):
    attempt = take(assignment, pupil)
    answer = marking.mark_answer(
        answer=open_answer(attempt), elements=[], teacher=teacher, reason="geen uitleg"
    )
    assert answer.final_points == 0
    assert answer.override_reason == "geen uitleg"
    attempt.refresh_from_db()
    assert attempt.total_points == 1


def test_an_unknown_element_is_refused(assignment, pupil, teacher):
    attempt = take(assignment, pupil)
    with pytest.raises(marking.MarkingError):
        marking.mark_answer(answer=open_answer(attempt), elements=[7], teacher=teacher)
    assert open_answer(attempt).scored_by is None


def test_an_answer_of_an_attempt_in_progress_cannot_be_scored(assignment, pupil, teacher):
    attempt = assignment_services.start_assignment_attempt(assignment=assignment, pupil=pupil)
    question = assignment.exam.questions.get(number=2)
    answer = save_answer(attempt=attempt, question=question, value="Ze dringen voor.")
    with pytest.raises(marking.MarkingError):
        marking.mark_answer(answer=answer, elements=[0], teacher=teacher)


def test_a_teacher_overrides_an_automatic_score_with_a_reason(assignment, pupil, teacher):
    attempt = take(assignment, pupil, mc="C")
    answer = marking.override_score(
        answer=mc_answer(attempt), points=1, reason="C is ook goed te verdedigen", teacher=teacher
    )
    assert (answer.final_points, answer.override_reason) == (1, "C is ook goed te verdedigen")
    attempt.refresh_from_db()
    assert attempt.total_points >= 1


@pytest.mark.parametrize(("points", "reason"), [(1, ""), (1, "   "), (2, "te veel"), (-1, "x")])
def test_an_override_needs_a_reason_and_points_within_the_maximum(
    assignment, pupil, teacher, points, reason
):
    attempt = take(assignment, pupil, mc="C")
    with pytest.raises(marking.MarkingError):
        marking.override_score(
            answer=mc_answer(attempt), points=points, reason=reason, teacher=teacher
        )
    assert mc_answer(attempt).final_points == 0


def test_the_teacher_accepts_the_pupils_self_score(assignment, pupil, teacher):
    attempt = take(assignment, pupil, self_elements=[0])
    answer = marking.confirm_self_score(answer=open_answer(attempt), teacher=teacher)
    assert (answer.final_points, answer.scored_by) == (1, teacher)


def test_a_self_score_cannot_be_accepted_when_there_is_none(assignment, pupil, teacher):
    attempt = take(assignment, pupil)
    with pytest.raises(marking.MarkingError):
        marking.confirm_self_score(answer=open_answer(attempt), teacher=teacher)


@pytest.fixture
def practice(classroom, exam, teacher):
    return assignment_services.assign_exam(
        classroom=classroom, exam=exam, teacher=teacher, mode="practice"
    )


def test_the_teachers_score_beats_the_self_score_in_the_total(practice, pupil, teacher):
    attempt = take(practice, pupil, self_elements=[0, 1])
    assert attempt.total_points == 3
    marking.mark_answer(answer=open_answer(attempt), elements=[0], teacher=teacher)
    attempt.refresh_from_db()
    assert attempt.total_points == 2


def test_in_exam_mode_a_self_score_leaves_total_and_grade_as_the_teacher_sees_them(
    assignment, pupil, teacher
):
    attempt = take(assignment, pupil, open_text="Iets anders.")
    before = (attempt.total_points, attempt.grade)
    self_score(answer=open_answer(attempt), elements=[0, 1])
    attempt.refresh_from_db()
    # 1 (MC) + the proposal 0; the pupil's 2 is kept beside it, for calibration.
    assert (attempt.total_points, attempt.grade) == before == (1, Decimal("4.0"))
    assert open_answer(attempt).self_points == 2
    marking.mark_answer(answer=open_answer(attempt), elements=[0], teacher=teacher)
    attempt.refresh_from_db()
    assert attempt.total_points == 2


def test_the_proposal_is_ticked_until_the_teacher_decides(assignment, pupil, teacher):
    attempt = take(assignment, pupil, open_text="Ze dringen voor.")
    answer = open_answer(attempt)
    assert selectors.teacher_elements(answer) == [0]
    marking.mark_answer(answer=answer, elements=[1], teacher=teacher)
    answer.refresh_from_db()
    assert selectors.teacher_elements(answer) == [1]


# ---------------------------------------------------------------------------
# Calibration


@pytest.fixture
def calibrated(assignment, classroom, pupil, teacher):
    """Three pupils' self-scores against the teacher's on question 2 (max 2).

    pupil: self 2, teacher 1 (+1); ann: self 0, teacher 2 (-2); bob: self 1, teacher 1 (0);
    cas self-scored but was not scored by the teacher: not compared.
    """
    ann = add_pupil(classroom, "ann")
    bob = add_pupil(classroom, "bob")
    cas = add_pupil(classroom, "cas")
    cases = [(pupil, [0, 1], [0]), (ann, [], [0, 1]), (bob, [1], [0]), (cas, [0], None)]
    for who, own, teachers in cases:
        attempt = take(assignment, who, self_elements=own if own else None)
        if not own:
            Answer.objects.filter(pk=open_answer(attempt).pk).update(self_points=0)
        if teachers is not None:
            marking.mark_answer(answer=open_answer(attempt), elements=teachers, teacher=teacher)
    return {"pupil": pupil, "ann": ann, "bob": bob, "cas": cas}


def test_calibration_per_pupil_counts_over_and_under_estimates(calibrated, assignment):
    rows = {
        row["username"]: row["calibration"]
        for row in selectors.calibration_by_pupil(
            Answer.objects.filter(attempt__assignment=assignment)
        )
    }
    assert set(rows) == {"pupil", "ann", "bob"}
    assert (rows["pupil"].over, rows["pupil"].mean_difference, rows["pupil"].tendency) == (
        1,
        1.0,
        "over",
    )
    assert (rows["ann"].under, rows["ann"].mean_difference, rows["ann"].tendency) == (
        1,
        -2.0,
        "under",
    )
    assert (rows["bob"].exact, rows["bob"].mean_distance, rows["bob"].tendency) == (
        1,
        0.0,
        "accurate",
    )


def test_calibration_per_question_averages_in_the_database(calibrated, assignment):
    answers = Answer.objects.filter(attempt__assignment=assignment)
    [row] = selectors.calibration_by_question(answers)
    c = row["calibration"]
    assert row["number"] == 2
    assert (c.compared, c.over, c.exact, c.under) == (3, 1, 1, 1)
    assert c.mean_difference == pytest.approx(-1 / 3)
    assert c.mean_distance == pytest.approx(1.0)


def test_the_teacher_sees_calibration_per_pupil_and_per_question(
    teacher_client, calibrated, assignment
):
    response = teacher_client.get(reverse("teacher:calibration", args=[assignment.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'data-pupil="ann"' in content
    assert 'data-question="2"' in content
    assert 'data-pupil="cas"' not in content


def test_the_pupil_sees_their_own_calibration_only(pupil_client, calibrated):
    response = pupil_client.get(reverse("pupil:assignment-list"))
    assert response.context["calibration"].compared == 1
    assert response.context["calibration"].tendency == "over"


def test_calibration_queries_do_not_grow_with_the_class(
    calibrated, assignment, django_assert_num_queries
):
    answers = Answer.objects.filter(attempt__assignment=assignment)
    with django_assert_num_queries(1):
        selectors.calibration_by_pupil(answers)
    with django_assert_num_queries(1):
        selectors.calibration_by_question(answers)


# ---------------------------------------------------------------------------
# The marking pages


def test_the_marking_page_shows_each_waiting_answer_with_a_checkbox_per_element(
    teacher_client, assignment, pupil, classroom
):
    take(assignment, pupil, open_text="Ze dringen voor.")
    take(assignment, add_pupil(classroom, "ann"), open_text="Geen idee.")
    question = assignment.exam.questions.get(number=2)
    response = teacher_client.get(
        reverse("teacher:marking-question", args=[assignment.pk, question.pk])
    )
    content = response.content.decode()
    assert len(response.context["cards"]) == 2
    assert content.count('type="checkbox" name="elements"') == 4
    assert "Ze dringen voor." in content and "Geen idee." in content
    assert "js/marking.js" in content


def test_saving_a_score_without_javascript_goes_back_to_the_queue(
    teacher_client, assignment, pupil
):
    attempt = take(assignment, pupil)
    answer = open_answer(attempt)
    response = teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]), {"elements": ["0", "1"]}
    )
    answer.refresh_from_db()
    assert answer.final_points == 2
    assert response.status_code == 302
    assert response["Location"].startswith(
        reverse("teacher:marking-question", args=[assignment.pk, answer.question_id])
    )


def test_saving_a_score_with_htmx_returns_the_scored_card(teacher_client, assignment, pupil):
    attempt = take(assignment, pupil)
    answer = open_answer(attempt)
    response = teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]),
        {"elements": ["1"]},
        HTTP_HX_REQUEST="true",
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f'id="answer-{answer.pk}"' in content
    assert "is-scored" in content
    assert "<html" not in content


def test_accepting_the_self_score_on_the_page(teacher_client, assignment, pupil):
    attempt = take(assignment, pupil, self_elements=[1])
    answer = open_answer(attempt)
    teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]), {"action": "confirm-self"}
    )
    answer.refresh_from_db()
    assert answer.final_points == 1
    assert answer.scored_by_id is not None


def test_an_override_on_the_attempt_page_keeps_its_reason(teacher_client, assignment, pupil):
    attempt = take(assignment, pupil, mc="A")
    answer = mc_answer(attempt)
    page = reverse("teacher:assignment-attempt", args=[assignment.pk, attempt.pk])
    response = teacher_client.post(
        reverse("teacher:answer-override", args=[answer.pk]),
        {"points": 1, "reason": "A klopt ook", "next": page},
    )
    answer.refresh_from_db()
    assert response["Location"] == page
    assert (answer.final_points, answer.override_reason) == (1, "A klopt ook")
    assert "A klopt ook" in teacher_client.get(page).content.decode()


def test_an_override_without_reason_changes_nothing(teacher_client, assignment, pupil):
    attempt = take(assignment, pupil, mc="A")
    answer = mc_answer(attempt)
    teacher_client.post(reverse("teacher:answer-override", args=[answer.pk]), {"points": 1})
    answer.refresh_from_db()
    assert answer.final_points == 0


def test_another_teacher_cannot_score_the_answer(other_teacher_client, assignment, pupil):
    attempt = take(assignment, pupil)
    answer = open_answer(attempt)
    response = other_teacher_client.post(
        reverse("teacher:mark-answer", args=[answer.pk]), {"elements": ["0"]}
    )
    assert response.status_code == 404
    answer.refresh_from_db()
    assert answer.scored_by is None


def test_the_marking_page_needs_few_queries_for_a_whole_class(
    teacher_client, assignment, classroom, django_assert_max_num_queries
):
    for i in range(6):
        take(assignment, add_pupil(classroom, f"p{i}"))
    question = assignment.exam.questions.get(number=2)
    with django_assert_max_num_queries(12):
        response = teacher_client.get(
            reverse("teacher:marking-question", args=[assignment.pk, question.pk])
        )
    assert len(response.context["cards"]) == 6


def test_the_dashboard_counts_answers_waiting_for_marking(teacher_client, assignment, pupil):
    take(assignment, pupil)
    response = teacher_client.get(reverse("teacher:dashboard"))
    assert response.context["waiting_total"] == 1
    assert [a.pk for a in response.context["open_assignments"]] == [assignment.pk]
    assert response.context["open_assignments"][0].waiting == 1


def test_the_pupils_list_offers_results_only_after_release(
    pupil_client, assignment, pupil, teacher
):
    attempt = take(assignment, pupil)
    marking.mark_answer(answer=open_answer(attempt), elements=[0, 1], teacher=teacher)
    before = pupil_client.get(reverse("pupil:assignment-list")).context["rows"][0][1]
    assignment_services.release_results(assignment=assignment, now=timezone.now())
    response = pupil_client.get(reverse("pupil:assignment-list"))
    after = response.context["rows"][0][1]
    assert (before.status, after.status) == ("submitted", "results")
    assert reverse("pupil:attempt-result", args=[attempt.pk]) in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.total_points == 3


# ---------------------------------------------------------------------------
# Regression: one rule for totals (issue 8)


def _open_post(text, *, max_points, **changes):
    data = {
        "text": text.pk,
        "stem": "Leg uit waarom de brutalen volgens de schrijver winnen.",
        "max_points": max_points,
        "model_answer": "Een antwoord als: ze dringen voor (1p) en worden daarvoor beloond (1p).",
        "elements-TOTAL_FORMS": 2,
        "elements-INITIAL_FORMS": 0,
        "elements-0-text": "ze dringen voor",
        "elements-0-points": 1,
        "elements-0-keywords": "voordringen, voor",
        "elements-1-text": "ze worden beloond",
        "elements-1-points": 1,
        "elements-1-keywords": "beloond, voorrang",
        "asked": 2,
    }
    data.update(changes)
    return data


def test_an_override_after_a_lowered_maximum_with_kept_scores_is_no_server_error(
    teacher_client, assignment, pupil, teacher, seed_text
):
    attempt = take(assignment, pupil, mc="B")
    marking.mark_answer(answer=open_answer(attempt), elements=[0, 1], teacher=teacher)
    question = assignment.exam.questions.get(number=2)
    edit = reverse("teacher:question-edit", args=[assignment.exam.pk, question.pk])
    # The teacher lowers question 2 from 2 points to 1 and keeps the earlier scores.
    page = teacher_client.post(edit, _open_post(seed_text, max_points=1)).content.decode()
    fingerprint = re.search(r'name="regrade_for" value="([0-9a-f]+)"', page).group(1)
    kept = teacher_client.post(
        edit, _open_post(seed_text, max_points=1, regrade="keep", regrade_for=fingerprint)
    )
    assert kept.status_code == 302
    assert open_answer(attempt).final_points == 2

    page = reverse("teacher:assignment-attempt", args=[assignment.pk, attempt.pk])
    response = teacher_client.post(
        reverse("teacher:answer-override", args=[mc_answer(attempt).pk]),
        {"points": 1, "reason": "nagekeken", "next": page},
    )

    assert response.status_code == 302
    attempt.refresh_from_db()
    # Each answer counts at most its question's maximum: 1 + min(2, 1) of 2 points.
    assert (attempt.total_points, attempt.grade) == (2, Decimal("10.0"))


def test_the_marking_page_shows_a_summarys_word_count_and_its_deduction(
    teacher_client, assignment, pupil
):
    # Question 2 as a summary of at most 4 words; every 2 words over cost 1 point.
    question = assignment.exam.questions.get(number=2)
    question.kind = "summary"
    question.word_limit = 4
    question.scoring = {**question.scoring, "over_limit": {"per_words": 2, "deduct": 1}}
    question.save()
    take(assignment, pupil, open_text="Ze dringen voor en worden daarvoor beloond.")
    response = teacher_client.get(
        reverse("teacher:marking-question", args=[assignment.pk, question.pk])
    )
    content = response.content.decode()
    assert "7 woorden (maximaal 4)" in content
    assert "2 punten aftrek wegens de lengte" in content


def test_the_marking_page_counts_the_words_of_an_open_answer(teacher_client, assignment, pupil):
    take(assignment, pupil, open_text="Ze dringen voor.")
    question = assignment.exam.questions.get(number=2)
    response = teacher_client.get(
        reverse("teacher:marking-question", args=[assignment.pk, question.pk])
    )
    content = response.content.decode()
    assert "3 woorden" in content
    assert "aftrek" not in content
