"""Which points count, and an attempt's total and grade: tables, no database."""

from decimal import Decimal

import pytest

from exam.points import AttemptScore, attempt_score, capped, counted_points


@pytest.mark.parametrize(
    ("final", "own", "auto", "self_counts", "expected"),
    [
        # The teacher's (or the key's) score beats everything.
        (1, 2, 0, True, 1),
        (1, 2, 0, False, 1),
        (0, 2, 2, True, 0),
        # Then the self-score, where it counts (practice) ...
        (None, 2, 0, True, 2),
        (None, 0, 2, True, 0),
        # ... and never in exam mode: the proposal counts there.
        (None, 2, 0, False, 0),
        (None, 2, None, False, 0),
        # Then the proposal, else nothing.
        (None, None, 1, True, 1),
        (None, None, 1, False, 1),
        (None, None, None, True, 0),
    ],
)
def test_it_counts_the_teacher_then_the_self_score_where_allowed_then_the_proposal(
    final, own, auto, self_counts, expected
):
    assert (
        counted_points(
            final_points=final, self_points=own, auto_points=auto, self_counts=self_counts
        )
        == expected
    )


@pytest.mark.parametrize(
    ("points", "max_points", "expected"), [(0, 2, 0), (2, 2, 2), (3, 2, 2), (-1, 2, 0)]
)
def test_it_keeps_points_within_zero_and_the_maximum(points, max_points, expected):
    assert capped(points, max_points) == expected


@pytest.mark.parametrize(
    ("answers", "n_term", "expected"),
    [
        # 9 * 3 / 3 + 1 = 10.0
        ([(1, 1), (2, 2)], "1.0", AttemptScore(3, 3, Decimal("10.0"))),
        # 9 * 1 / 3 + 1 = 4.0
        ([(1, 1), (0, 2)], "1.0", AttemptScore(1, 3, Decimal("4.0"))),
        # A kept 2 on a question now worth 1 counts 1: 2 of 2, not 3 of 2.
        ([(1, 1), (2, 1)], "1.0", AttemptScore(2, 2, Decimal("10.0"))),
        ([(0, 1), (5, 1)], "1.0", AttemptScore(1, 2, Decimal("5.5"))),
        # The regulation's own example (N < 1 boundary): 88 of 90 with N = 0.6 is 9.6.
        ([(88, 90)], "0.6", AttemptScore(88, 90, Decimal("9.6"))),
        # 0 points is 1.0, whatever the N-term.
        ([(0, 2), (0, 3)], "2.0", AttemptScore(0, 5, Decimal("1.0"))),
        # Nothing to earn: no grade.
        ([], "1.0", AttemptScore(0, 0, None)),
    ],
)
def test_the_total_is_capped_per_question_then_graded(answers, n_term, expected):
    assert attempt_score(answers, n_term=Decimal(n_term)) == expected
