"""The N-term rule from score to grade: the CvTE's worked examples and its boundaries."""

from decimal import Decimal

import pytest

from exam.grades import grade

N_TERMS = [Decimal(tenths) / 10 for tenths in range(0, 21)]


@pytest.mark.parametrize(
    ("score", "max_score", "n_term", "expected"),
    [
        # The CvTE's example for a low N-term: the lower boundary lifts the top end.
        (87, 90, "0.6", "9.4"),
        (88, 90, "0.6", "9.6"),
        (89, 90, "0.6", "9.8"),
        (90, 90, "0.6", "10.0"),
        # N > 1: the main formula gives 10.14, the upper boundary caps it.
        (48, 50, "1.5", "9.8"),
        # N = 1: the plain line.
        (25, 50, "1.0", "5.5"),
        (0, 50, "1.0", "1.0"),
        (50, 50, "1.0", "10.0"),
        # The main formula where no boundary applies.
        (40, 90, "0.6", "4.6"),
        (30, 60, "1.3", "5.8"),
        # N > 1 near zero: 1 + 2 * (9/50) * 1 = 1.36 is below 9/50 + 1.5 = 1.68.
        (1, 50, "1.5", "1.4"),
        # N < 1 near zero: 1 + 0.5 * (9/50) * 1 = 1.09 is above 9/50 + 0.2 = 0.38.
        (1, 50, "0.2", "1.1"),
    ],
)
def test_it_grades_like_the_central_exam(score, max_score, n_term, expected):
    assert grade(score=score, max_score=max_score, n_term=Decimal(n_term)) == Decimal(expected)


@pytest.mark.parametrize("max_score", [1, 7, 24, 50, 90])
@pytest.mark.parametrize("n_term", N_TERMS)
def test_no_points_is_always_a_one_and_full_marks_always_a_ten(max_score, n_term):
    assert grade(score=0, max_score=max_score, n_term=n_term) == Decimal("1.0")
    assert grade(score=max_score, max_score=max_score, n_term=n_term) == Decimal("10.0")


@pytest.mark.parametrize("n_term", N_TERMS)
def test_a_higher_score_never_gives_a_lower_grade(n_term):
    grades = [grade(score=s, max_score=24, n_term=n_term) for s in range(25)]
    assert grades == sorted(grades)
    assert all(Decimal("1.0") <= g <= Decimal("10.0") for g in grades)


@pytest.mark.parametrize(
    ("score", "max_score", "n_term", "expected"),
    [
        # 9 * 15 / 20 + 1.0 = 7.75: rounded half up, not to even.
        (15, 20, "1.0", "7.8"),
        # 9 * 5 / 20 + 1.0 = 3.25 -> 3.3.
        (5, 20, "1.0", "3.3"),
        # 9 * 1 / 6 + 1.0 = 2.5 exactly.
        (1, 6, "1.0", "2.5"),
        # 9 * 7 / 12 + 1.1 = 6.35 exactly; float arithmetic would give 6.3.
        (7, 12, "1.1", "6.4"),
    ],
)
def test_it_rounds_half_up_and_only_at_the_end(score, max_score, n_term, expected):
    assert grade(score=score, max_score=max_score, n_term=Decimal(n_term)) == Decimal(expected)


def test_it_accepts_a_float_n_term_as_the_decimal_it_was_meant_to_be():
    assert grade(score=7, max_score=12, n_term=1.1) == Decimal("6.4")


def test_it_accepts_a_decimal_score():
    assert grade(score=Decimal("25"), max_score=50, n_term=1.0) == Decimal("5.5")


def test_the_grade_has_exactly_one_decimal():
    assert str(grade(score=50, max_score=50, n_term=Decimal("1.0"))) == "10.0"
    assert str(grade(score=0, max_score=50, n_term=Decimal("1.0"))) == "1.0"


@pytest.mark.parametrize(
    ("score", "max_score", "n_term"),
    [
        (5, 0, "1.0"),
        (5, -10, "1.0"),
        (-1, 50, "1.0"),
        (51, 50, "1.0"),
        (10, 50, "-0.1"),
        (10, 50, "2.1"),
        (10, 50, "abc"),
        (10, 50, "NaN"),
        (True, 50, "1.0"),
        (None, 50, "1.0"),
    ],
)
def test_it_refuses_impossible_input(score, max_score, n_term):
    with pytest.raises(ValueError):
        grade(score=score, max_score=max_score, n_term=n_term)
