"""Item analysis through the database: the sums the queries produce, checked by hand.

The score matrix is the one tests/test_item_statistics.py works out on paper (six pupils,
questions of 1, 1, 2 and 3 points, totals 7, 5, 5, 3, 2, 0), stored as real attempts
and answers. So these tests check the queries (coalescing missing answers, each pupil
once, the rest score per option) rather than the formulas again.
"""

import math
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from exam.models import Assignment, Attempt
from exam.results import analysis, queries
from exam.results import pupils as pupil_results
from exam.results.item_statistics import (
    FLAG_DISTRACTOR_BEATS_KEY,
    FLAG_LOW_RIR,
    FLAG_TOO_EASY,
    FLAG_TOO_HARD,
)
from tests.results_builders import (
    MIXED,
    MIXED_CHOICES,
    MIXED_MAX,
    add_attempts,
    make_class,
    make_exam,
)


@pytest.fixture
def mixed(teacher):
    exam = make_exam(author=teacher, max_points=MIXED_MAX)
    classroom, pupils = make_class(teacher=teacher, size=6)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    add_attempts(
        exam=exam, assignment=assignment, pupils=pupils, matrix=MIXED, choices=MIXED_CHOICES
    )
    return exam, assignment, pupils


# ---------------------------------------------------------------------------


def test_it_computes_the_exam_figures_worked_out_by_hand(mixed):
    _exam, assignment, _pupils = mixed
    result = analysis.analyse_assignment(assignment)
    assert result.n == 6
    assert result.max_total == 7
    # mean 22/6; variance (6*112 - 22^2)/36 = 188/36
    assert result.totals.mean == pytest.approx(22 / 6)
    assert result.totals.sd == pytest.approx(math.sqrt(188 / 36))
    # alpha = 38/47 and SEM = sqrt(47/9) * sqrt(9/47) = 1 point
    assert result.reliability.name == "alpha"
    assert result.reliability.coefficient == pytest.approx(38 / 47)
    assert result.reliability.sem == pytest.approx(1.0)


def test_it_computes_p_rit_and_rir_of_the_three_point_question(mixed):
    _exam, assignment, _pupils = mixed
    q4 = analysis.analyse_assignment(assignment).questions[3]
    # scores 3, 2, 2, 1, 1, 0: p = 9/6/3; Sxx 33, Stt 188, Sxt 78
    assert q4.stats.p == pytest.approx(0.5)
    assert q4.stats.rit == pytest.approx(78 / math.sqrt(33 * 188))
    assert q4.stats.rir == pytest.approx(45 / math.sqrt(33 * 65))


def test_a_missing_answer_counts_as_zero_points(mixed):
    _exam, assignment, _pupils = mixed
    q1 = analysis.analyse_assignment(assignment).questions[0]
    # Pupil 6 has no answer row for question 1; n stays 6 and the mean is 4/6.
    assert q1.stats.n == 6
    assert q1.stats.p == pytest.approx(4 / 6)


def test_it_builds_the_distractor_table_with_rest_scores(mixed):
    _exam, assignment, _pupils = mixed
    q1 = analysis.analyse_assignment(assignment).questions[0]
    rows = {row.option: row for row in q1.distractors}
    assert [row.option for row in q1.distractors] == ["A", "B", "C", "D", None]
    # A: pupils with totals 7, 5, 5, 2, rest scores 6, 4, 4, 1 -> mean 15/4
    assert rows["A"].is_key
    assert rows["A"].count == 4
    assert rows["A"].share == pytest.approx(4 / 6)
    assert rows["A"].mean_rest == pytest.approx(15 / 4)
    # B: the pupil with total 3 (0 on this question)
    assert rows["B"].count == 1
    assert rows["B"].mean_rest == pytest.approx(3.0)
    assert rows["C"].count == 0
    assert rows["C"].mean_rest is None
    # blank: the pupil with total 0 who never answered
    assert rows[None].count == 1
    assert rows[None].mean_rest == pytest.approx(0.0)


def test_it_flags_a_distractor_chosen_by_better_pupils_than_the_key(teacher):
    exam = make_exam(author=teacher, max_points=[1, 2, 2])
    classroom, pupils = make_class(teacher=teacher, size=6)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    # The two strongest pupils chose C (wrong), the weaker ones the key A.
    matrix = [[0, 2, 2], [0, 2, 2], [1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 0]]
    choices = ["C", "C", "A", "A", "A", "B"]
    add_attempts(exam=exam, assignment=assignment, pupils=pupils, matrix=matrix, choices=choices)
    q1 = analysis.analyse_assignment(assignment).questions[0]
    assert FLAG_DISTRACTOR_BEATS_KEY in q1.flags
    assert FLAG_LOW_RIR in q1.flags
    assert q1 in analysis.analyse_assignment(assignment).flagged


def test_it_flags_too_hard_and_too_easy_questions(teacher):
    exam = make_exam(author=teacher, max_points=[1, 1, 1], kinds=["open", "open", "open"])
    classroom, pupils = make_class(teacher=teacher, size=5)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    matrix = [[1, 1, 0], [1, 1, 0], [1, 0, 0], [1, 0, 1], [1, 1, 0]]
    add_attempts(exam=exam, assignment=assignment, pupils=pupils, matrix=matrix)
    q1, _q2, q3 = analysis.analyse_assignment(assignment).questions
    assert q1.flags == [FLAG_TOO_EASY]  # everybody: p = 1.0
    assert FLAG_TOO_HARD in q3.flags  # p = 0.2


def test_only_each_pupils_first_submitted_attempt_counts(mixed):
    exam, assignment, pupils = mixed
    # A second, perfect attempt by pupil 6 and an unsubmitted one by pupil 5.
    later = timezone.now() + timedelta(days=1)
    add_attempts(
        exam=exam,
        assignment=assignment,
        pupils=[pupils[5]],
        matrix=[[1, 1, 2, 3]],
        choices=["A"],
        submitted_at=later,
    )
    Attempt.objects.create(pupil=pupils[4], exam=exam, assignment=assignment)
    result = analysis.analyse_assignment(assignment)
    assert result.n == 6
    assert result.totals.mean == pytest.approx(22 / 6)
    rows = pupil_results.assignment_pupils(assignment)
    sixth = next(r for r in rows if r.pupil_id == pupils[5].pk)
    assert sixth.attempts == 2
    assert sixth.total_points == 0


def test_the_exam_scope_takes_attempts_from_every_class(mixed, teacher, other_teacher):
    exam, _assignment, _pupils = mixed
    classroom, others = make_class(teacher=teacher, size=2, prefix="andere", name="5V")
    second = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    add_attempts(exam=exam, assignment=second, pupils=others, matrix=[[1, 1, 2, 3], [1, 1, 2, 3]])
    assert analysis.analyse_assignment(second).n == 2
    assert analysis.analyse_exam(exam).n == 8


def test_histogram_grades_and_pass_rate_come_from_the_totals(mixed):
    _exam, assignment, _pupils = mixed
    result = analysis.analyse_assignment(assignment)
    assert result.histogram == [(0, 1), (1, 0), (2, 1), (3, 1), (4, 0), (5, 2), (6, 0), (7, 1)]
    # N = 1.0, L = 7: 5 points -> 9*5/7 + 1 = 7.4; 3 -> 4.9; so 3 of 6 pass
    assert result.grades.passed == 3
    assert result.grades.pass_rate == pytest.approx(0.5)
    assert [row.n_term for row in result.simulation][0] == Decimal("0.0")
    assert len(result.simulation) == 21


def test_it_summarises_per_question_kind(mixed):
    _exam, assignment, _pupils = mixed
    result = analysis.analyse_assignment(assignment)
    kinds = {row.kind: row.summary for row in result.by_kind}
    assert kinds["mc"].questions == 1
    assert kinds["open"].questions == 3
    # open questions: means 3/6, 6/6, 9/6 of 1, 2, 3 points -> 3/6 of 6 points earned
    assert kinds["open"].score_share == pytest.approx((3 / 6 + 6 / 6 + 9 / 6) / 6)
    assert [row.position for row in result.by_text] == [1]


def test_an_exam_without_attempts_has_an_empty_analysis(teacher):
    exam = make_exam(author=teacher, max_points=[1, 2])
    result = analysis.analyse_exam(exam)
    assert result.n == 0
    assert result.totals.mean is None
    assert result.reliability.coefficient is None
    assert all(q.flags == [] for q in result.questions)


def _analysis_queries(assignment) -> int:
    with CaptureQueriesContext(connection) as ctx:
        analysis.analyse_assignment(assignment)
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_pupils_or_questions(teacher):
    small = make_exam(author=teacher, max_points=[1, 2], title="Klein")
    big = make_exam(author=teacher, max_points=[1] + [2] * 11, title="Groot")
    few_class, few = make_class(teacher=teacher, size=3, prefix="weinig", name="A")
    many_class, many = make_class(teacher=teacher, size=30, prefix="veel", name="B")
    few_assignment = Assignment.objects.create(exam=small, classroom=few_class, created_by=teacher)
    many_assignment = Assignment.objects.create(exam=big, classroom=many_class, created_by=teacher)
    add_attempts(exam=small, assignment=few_assignment, pupils=few, matrix=[[1, 2], [0, 1], [1, 0]])
    add_attempts(
        exam=big,
        assignment=many_assignment,
        pupils=many,
        matrix=[[i % 2] + [(i + j) % 3 for j in range(11)] for i in range(30)],
        choices=["ABCD"[i % 4] for i in range(30)],
    )
    assert _analysis_queries(few_assignment) == _analysis_queries(many_assignment) == 6


def test_it_reads_the_letters_of_a_stored_multiple_choice_response():
    assert queries.option_of("B") == "B"
    assert queries.option_of(["C", "A"]) == "A+C"
    assert queries.option_of(None) is None
    assert queries.option_of("") is None
