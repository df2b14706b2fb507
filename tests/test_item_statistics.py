"""Item analysis from aggregate sums: checked against score matrices worked out by hand.

The database hands exam/results/item_statistics.py sums; these tests build the same sums from a
small matrix (pupils x questions) and compare the results with numbers worked out on
paper (the arithmetic is in the comments) and with a direct computation from the
matrix (statistics.pvariance, a plain Pearson), so neither can pass by construction.
"""

import doctest
import math
import statistics as pystats
from decimal import Decimal

import pytest

import exam.results.item_statistics as item_analysis
from exam.results.item_statistics import (
    DistractorRow,
    ItemStats,
    ItemSums,
    OptionSums,
    TotalSums,
    cronbach_alpha,
    distractor_table,
    flags,
    grade_distribution,
    group_summary,
    item_stats,
    mean_sd,
    n_term_simulation,
    reliability,
    score_histogram,
    sem,
)

# Six pupils, four questions: two of 1 point (0/1), one of 2, one of 3 points.
# Totals: 7, 5, 5, 3, 2, 0.
MIXED = [
    [1, 1, 2, 3],
    [1, 0, 2, 2],
    [1, 1, 1, 2],
    [0, 1, 1, 1],
    [1, 0, 0, 1],
    [0, 0, 0, 0],
]
MIXED_MAX = [1, 1, 2, 3]

# Six pupils, four questions of 1 point each. Totals: 4, 3, 2, 2, 1, 0.
BINARY = [
    [1, 1, 1, 1],
    [1, 1, 1, 0],
    [1, 1, 0, 0],
    [1, 0, 1, 0],
    [0, 1, 0, 0],
    [0, 0, 0, 0],
]
BINARY_MAX = [1, 1, 1, 1]


def sums_of(matrix, max_points):
    """What the GROUP BY queries return for a score matrix."""
    totals = [sum(row) for row in matrix]
    items = [
        ItemSums(
            question_id=j + 1,
            max_points=max_points[j],
            n=len(matrix),
            sum_x=sum(row[j] for row in matrix),
            sum_x2=sum(row[j] ** 2 for row in matrix),
            sum_xt=sum(row[j] * t for row, t in zip(matrix, totals, strict=True)),
        )
        for j in range(len(max_points))
    ]
    total = TotalSums(
        n=len(matrix),
        sum_t=sum(totals),
        sum_t2=sum(t * t for t in totals),
        max_total=sum(max_points),
    )
    return items, total


def option_sums_of(matrix, column, responses):
    """The per-option GROUP BY for one MC question: count and summed rest score."""
    by_option = {}
    for row, response in zip(matrix, responses, strict=True):
        rest = sum(row) - row[column]
        count, rest_sum = by_option.get(response, (0, 0))
        by_option[response] = (count + 1, rest_sum + rest)
    return [
        OptionSums(question_id=column + 1, option=option, count=count, sum_rest=rest_sum)
        for option, (count, rest_sum) in by_option.items()
    ]


def pearson(a, b):
    mean_a, mean_b = pystats.fmean(a), pystats.fmean(b)
    cov = sum((x - mean_a) * (y - mean_b) for x, y in zip(a, b, strict=True))
    return cov / math.sqrt(sum((x - mean_a) ** 2 for x in a) * sum((y - mean_b) ** 2 for y in b))


# --- per exam: mean, SD, reliability -------------------------------------------------


def test_it_computes_mean_and_population_sd_of_the_totals():
    _, total = sums_of(MIXED, MIXED_MAX)
    result = mean_sd(total)
    # sum_t = 22, sum_t2 = 49+25+25+9+4+0 = 112; var = (6*112 - 22^2) / 36 = 188/36 = 47/9
    assert result.n == 6
    assert result.mean == pytest.approx(22 / 6)
    assert result.sd == pytest.approx(math.sqrt(47 / 9))
    assert result.sd == pytest.approx(2.28522, abs=1e-5)
    assert result.sd == pytest.approx(pystats.pstdev([7, 5, 5, 3, 2, 0]))


def test_it_computes_cronbach_alpha_for_questions_of_different_points():
    items, total = sums_of(MIXED, MIXED_MAX)
    # Item variances: 2/9, 1/4, 2/3, 11/12 -> sum 37/18; total variance 47/9.
    # alpha = 4/3 * (1 - (37/18) / (47/9)) = 4/3 * (1 - 37/94) = 4/3 * 57/94 = 38/47
    assert cronbach_alpha(items, total) == pytest.approx(38 / 47)
    assert cronbach_alpha(items, total) == pytest.approx(0.80851, abs=1e-5)
    columns = list(zip(*MIXED, strict=True))
    direct = (4 / 3) * (
        1 - sum(pystats.pvariance(c) for c in columns) / pystats.pvariance([sum(r) for r in MIXED])
    )
    assert cronbach_alpha(items, total) == pytest.approx(direct)


def test_it_calls_the_coefficient_alpha_when_some_question_has_more_than_one_point():
    items, total = sums_of(MIXED, MIXED_MAX)
    result = reliability(items, total)
    assert result.name == "alpha"
    assert result.k == 4
    # SEM = sqrt(47/9) * sqrt(1 - 38/47) = sqrt(47/9) * sqrt(9/47) = 1 point
    assert result.sem == pytest.approx(1.0)


def test_it_calls_the_coefficient_kr20_when_every_question_is_scored_zero_or_one():
    items, total = sums_of(BINARY, BINARY_MAX)
    result = reliability(items, total)
    assert result.name == "kr20"
    # p = 4/6, 4/6, 3/6, 1/6; sum p(1-p) = 8/36 + 8/36 + 9/36 + 5/36 = 5/6
    # total variance: (6*34 - 12^2)/36 = 60/36 = 5/3
    # KR-20 = 4/3 * (1 - (5/6) / (5/3)) = 4/3 * 1/2 = 2/3
    assert result.coefficient == pytest.approx(2 / 3)
    # SEM = sqrt(5/3) * sqrt(1/3) = sqrt(5)/3 = 0.745
    assert result.sem == pytest.approx(math.sqrt(5) / 3)
    assert result.sem == pytest.approx(0.74536, abs=1e-5)
    kr20 = (4 / 3) * (
        1
        - sum(p * (1 - p) for p in (4 / 6, 4 / 6, 3 / 6, 1 / 6))
        / pystats.pvariance([4, 3, 2, 2, 1, 0])
    )
    assert result.coefficient == pytest.approx(kr20)


def test_it_takes_decimal_sums_as_postgresql_returns_them():
    items, total = sums_of(MIXED, MIXED_MAX)
    as_decimal = [
        ItemSums(
            question_id=i.question_id,
            max_points=i.max_points,
            n=i.n,
            sum_x=Decimal(i.sum_x),
            sum_x2=Decimal(i.sum_x2),
            sum_xt=Decimal(i.sum_xt),
        )
        for i in items
    ]
    decimal_total = TotalSums(
        n=total.n, sum_t=Decimal(total.sum_t), sum_t2=Decimal(total.sum_t2), max_total=8
    )
    assert cronbach_alpha(as_decimal, decimal_total) == pytest.approx(38 / 47)
    assert item_stats(as_decimal[3], decimal_total) == item_stats(items[3], total)


@pytest.mark.parametrize(
    ("sd", "alpha", "expected"),
    [
        (2.0, 0.75, 1.0),  # 2 * sqrt(0.25)
        (3.0, 0.0, 3.0),  # no reliability: all of the SD is error
        (3.0, -0.44, 3.6),  # 3 * sqrt(1.44): a negative alpha makes the SEM exceed the SD
        (3.0, 1.0, 0.0),
        (None, 0.8, None),
        (2.0, None, None),
    ],
)
def test_it_computes_the_standard_error_of_measurement(sd, alpha, expected):
    if expected is None:
        assert sem(sd, alpha) is None
    else:
        assert sem(sd, alpha) == pytest.approx(expected)


# --- per question: p, RIT, RIR --------------------------------------------------------


def test_it_computes_p_rit_and_rir_of_a_three_point_question():
    items, total = sums_of(MIXED, MIXED_MAX)
    result = item_stats(items[3], total)
    # scores 3,2,2,1,1,0: sum 9, mean 1.5, p = 1.5/3 = 0.5
    assert result.p == pytest.approx(0.5)
    assert result.mean == pytest.approx(1.5)
    # Sxx = 6*19 - 9^2 = 33 -> variance 33/36
    assert result.variance == pytest.approx(33 / 36)
    # sum_xt = 21+10+10+3+2+0 = 46; Sxt = 6*46 - 9*22 = 78; Stt = 188
    # RIT = 78 / sqrt(33*188) = 78 / 78.766 = 0.99028
    assert result.rit == pytest.approx(0.99028, abs=1e-5)
    # rest: Sxr = 78 - 33 = 45, Srr = 188 + 33 - 2*78 = 65; RIR = 45 / sqrt(33*65) = 0.97163
    assert result.rir == pytest.approx(0.97163, abs=1e-5)


def test_it_computes_rir_of_a_zero_one_question():
    items, total = sums_of(BINARY, BINARY_MAX)
    result = item_stats(items[0], total)
    # scores 1,1,1,1,0,0 vs totals 4,3,2,2,1,0: Sxx = 6*4 - 16 = 8, Stt = 60,
    # Sxt = 6*11 - 4*12 = 18 -> RIT = 18 / sqrt(480) = 0.82158
    # Sxr = 18 - 8 = 10, Srr = 60 + 8 - 36 = 32 -> RIR = 10 / sqrt(256) = 0.625
    assert result.p == pytest.approx(4 / 6)
    assert result.rit == pytest.approx(0.82158, abs=1e-5)
    assert result.rir == pytest.approx(0.625)


@pytest.mark.parametrize(("matrix", "max_points"), [(MIXED, MIXED_MAX), (BINARY, BINARY_MAX)])
def test_its_item_figures_agree_with_a_direct_computation_from_the_matrix(matrix, max_points):
    items, total = sums_of(matrix, max_points)
    totals = [sum(row) for row in matrix]
    for j, item in enumerate(items):
        column = [row[j] for row in matrix]
        rest = [t - x for t, x in zip(totals, column, strict=True)]
        result = item_stats(item, total)
        assert result.p == pytest.approx(pystats.fmean(column) / max_points[j])
        assert result.variance == pytest.approx(pystats.pvariance(column))
        assert result.rit == pytest.approx(pearson(column, totals))
        assert result.rir == pytest.approx(pearson(column, rest))
        # Leaving the item out of the total can only lower its correlation here.
        assert result.rir < result.rit


# --- edge cases: never a ZeroDivisionError ---------------------------------------------


def test_it_returns_none_everywhere_when_nobody_took_the_exam():
    total = TotalSums(n=0, sum_t=0, sum_t2=0, max_total=8)
    item = ItemSums(question_id=1, max_points=2, n=0, sum_x=0, sum_x2=0, sum_xt=0)
    assert mean_sd(total).mean is None
    assert mean_sd(total).sd is None
    stats = item_stats(item, total)
    assert (stats.mean, stats.variance, stats.p, stats.rit, stats.rir) == (None,) * 5
    assert cronbach_alpha([item, item], total) is None
    assert reliability([item, item], total).sem is None
    assert distractor_table([], key="A", n=0) == []
    assert flags(stats) == []
    assert group_summary([stats], {1: "mc"}) == []


def test_one_pupil_has_a_mean_but_no_spread_and_no_correlations():
    items, total = sums_of([[1, 0, 2, 3]], MIXED_MAX)
    assert mean_sd(total).mean == 6
    assert mean_sd(total).sd == 0
    assert cronbach_alpha(items, total) is None
    assert reliability(items, total).sem is None
    stats = item_stats(items[2], total)
    assert stats.p == 1.0
    assert stats.rit is None
    assert stats.rir is None


def test_a_question_everyone_answered_right_has_no_correlation_and_is_flagged_too_easy():
    matrix = [[1, 2], [1, 1], [1, 0], [1, 2]]
    items, total = sums_of(matrix, [1, 2])
    stats = item_stats(items[0], total)
    assert stats.p == 1.0
    assert stats.variance == 0
    assert stats.rit is None
    assert stats.rir is None
    assert flags(stats) == ["too_easy"]


def test_two_questions_that_cancel_out_have_no_alpha_and_a_negative_rir():
    # Whoever gets one right gets the other wrong: every total is 1, no variance.
    matrix = [[1, 0], [0, 1], [1, 0], [0, 1]]
    items, total = sums_of(matrix, [1, 1])
    assert cronbach_alpha(items, total) is None
    stats = item_stats(items[0], total)
    assert stats.rit is None
    # The rest score is the other question: a perfect negative correlation.
    assert stats.rir == pytest.approx(-1.0)
    assert flags(stats) == ["low_rir"]


def test_a_single_question_has_no_alpha():
    items, total = sums_of(MIXED, MIXED_MAX)
    single_total = TotalSums(n=6, sum_t=items[3].sum_x, sum_t2=items[3].sum_x2, max_total=3)
    assert cronbach_alpha(items[3:], single_total) is None


def test_it_refuses_item_sums_that_left_out_missing_answers():
    items, total = sums_of(MIXED, MIXED_MAX)
    short = ItemSums(question_id=9, max_points=1, n=5, sum_x=3, sum_x2=3, sum_xt=15)
    with pytest.raises(ValueError, match="counted as 0"):
        item_stats(short, total)
    with pytest.raises(ValueError, match="counted as 0"):
        cronbach_alpha([*items, short], total)


# --- distractors ---------------------------------------------------------------------


def test_it_builds_the_distractor_table_of_a_multiple_choice_question():
    # Question 2 of MIXED is MC with key B. Rest score = total - question 2's score:
    # pupil 1 chose B (rest 6), 2 chose C (rest 5), 3 B (4), 4 B (2), 5 A (2), 6 blank (0).
    responses = ["B", "C", "B", "B", "A", None]
    options = option_sums_of(MIXED, 1, responses)
    table = distractor_table(options, key="B", n=6, labels=["A", "B", "C", "D"])
    assert table == [
        DistractorRow(option="A", count=1, share=pytest.approx(1 / 6), mean_rest=2.0, is_key=False),
        # key: (6 + 4 + 2) / 3 = 4
        DistractorRow(option="B", count=3, share=0.5, mean_rest=4.0, is_key=True),
        DistractorRow(option="C", count=1, share=pytest.approx(1 / 6), mean_rest=5.0, is_key=False),
        DistractorRow(option="D", count=0, share=0.0, mean_rest=None, is_key=False),
        DistractorRow(
            option=None, count=1, share=pytest.approx(1 / 6), mean_rest=0.0, is_key=False
        ),
    ]
    # C drew a stronger pupil than the key did, but one chooser is not enough to flag.
    items, total = sums_of(MIXED, MIXED_MAX)
    assert flags(item_stats(items[1], total), table) == []


def test_it_lists_an_unexpected_response_after_the_options():
    options = [
        OptionSums(question_id=1, option="AB", count=1, sum_rest=3),
        OptionSums(question_id=1, option="A", count=2, sum_rest=10),
    ]
    table = distractor_table(options, key="A", n=3, labels=["A", "B"])
    assert [row.option for row in table] == ["A", "B", "AB"]
    assert [row.is_key for row in table] == [True, False, False]


def test_it_refuses_more_choices_than_attempts():
    options = [OptionSums(question_id=1, option="A", count=4, sum_rest=10)]
    with pytest.raises(ValueError):
        distractor_table(options, key="A", n=3)


# --- flags ---------------------------------------------------------------------------


def stats_with(p, rir):
    return ItemStats(question_id=1, max_points=1, n=40, mean=p, variance=0.2, p=p, rit=0.3, rir=rir)


@pytest.mark.parametrize(
    ("p", "rir", "expected"),
    [
        (0.50, 0.35, []),
        (0.29, 0.35, ["too_hard"]),
        (0.30, 0.35, []),  # the bound itself is fine
        (0.95, 0.35, []),
        (0.96, 0.35, ["too_easy"]),
        (0.50, 0.10, []),
        (0.50, 0.09, ["low_rir"]),
        (0.50, -0.20, ["low_rir"]),
        (0.20, 0.02, ["too_hard", "low_rir"]),
        (1.00, None, ["too_easy"]),  # no variance: no RIR to judge
        (None, None, []),  # nobody answered
    ],
)
def test_it_flags_questions_by_p_value_and_rir(p, rir, expected):
    assert flags(stats_with(p, rir)) == expected


def row(option, count, mean_rest, is_key=False):
    return DistractorRow(
        option=option, count=count, share=count / 30, mean_rest=mean_rest, is_key=is_key
    )


@pytest.mark.parametrize(
    ("rows", "flagged"),
    [
        # A good question: the key draws the stronger pupils.
        ([row("A", 5, 10.0), row("B", 20, 20.0, is_key=True), row("C", 5, 12.0)], False),
        # C draws pupils with a higher mean rest score than the key: suspicious.
        ([row("A", 5, 10.0), row("B", 20, 20.0, is_key=True), row("C", 5, 23.0)], True),
        # ... but not when only one pupil chose it (minimum 2 choosers).
        ([row("A", 5, 10.0), row("B", 20, 20.0, is_key=True), row("C", 1, 23.0)], False),
        ([row("A", 5, 10.0), row("B", 20, 20.0, is_key=True), row("C", 2, 23.0)], True),
        # Equal is not better.
        ([row("B", 20, 20.0, is_key=True), row("C", 5, 20.0)], False),
        # Pupils who left it blank are not a distractor.
        ([row("B", 20, 20.0, is_key=True), row(None, 5, 25.0)], False),
        # Nobody chose the key: no key mean to compare with (the p-value flags it).
        ([row("A", 20, 15.0), row("B", 0, None, is_key=True)], False),
    ],
)
def test_it_flags_a_distractor_that_attracts_better_pupils_than_the_key(rows, flagged):
    assert ("distractor_beats_key" in flags(stats_with(0.6, 0.3), rows)) is flagged


def test_the_minimum_number_of_choosers_can_be_raised():
    rows = [row("B", 20, 20.0, is_key=True), row("C", 3, 23.0)]
    assert flags(stats_with(0.6, 0.3), rows) == ["distractor_beats_key"]
    assert flags(stats_with(0.6, 0.3), rows, min_choosers=5) == []


# --- summaries per kind and per text ------------------------------------------------


def test_it_summarises_p_per_question_kind_and_per_text():
    items, total = sums_of(MIXED, MIXED_MAX)
    stats = [item_stats(item, total) for item in items]
    # p: 4/6, 3/6, 6/6/2 = 0.5, 9/6/3 = 0.5
    kinds = {1: "mc", 2: "mc", 3: "open", 4: "open"}
    by_kind = group_summary(stats, kinds)
    assert [g.key for g in by_kind] == ["mc", "open"]
    mc, open_ = by_kind
    assert (mc.questions, mc.max_points) == (2, 2)
    assert mc.mean_p == pytest.approx((4 / 6 + 3 / 6) / 2)  # 0.583
    assert mc.score_share == pytest.approx((4 / 6 + 3 / 6) / 2)
    assert open_.mean_p == pytest.approx(0.5)
    # points earned on average 1.0 + 1.5 = 2.5 of 5
    assert open_.score_share == pytest.approx(0.5)

    texts = {1: 1, 2: 2, 3: 1, 4: 2}
    by_text = group_summary(stats, texts)
    assert [(g.key, g.questions, g.max_points) for g in by_text] == [(1, 2, 3), (2, 2, 4)]
    # text 1: mean_p (4/6 + 0.5)/2 = 7/12; points (4/6 + 1.0) / 3 = 5/9
    assert by_text[0].mean_p == pytest.approx(7 / 12)
    assert by_text[0].score_share == pytest.approx(5 / 9)


# --- score and grade distributions -------------------------------------------------


def test_it_fills_every_possible_score_in_the_histogram():
    assert score_histogram([(7, 1), (5, 2), (3, 1), (2, 1), (0, 1)], max_total=8) == [
        (0, 1),
        (1, 0),
        (2, 1),
        (3, 1),
        (4, 0),
        (5, 2),
        (6, 0),
        (7, 1),
        (8, 0),
    ]


def test_the_histogram_of_no_attempts_is_all_zeros():
    assert score_histogram([], max_total=2) == [(0, 0), (1, 0), (2, 0)]


def test_the_histogram_keeps_a_score_above_the_current_maximum():
    assert score_histogram([(3, 1)], max_total=2) == [(0, 0), (1, 0), (2, 0), (3, 1)]


def test_it_counts_grades_and_passes_at_one_n_term():
    # L = 4, N = 1.0: 0 -> 1.0, 2 -> 9*2/4 + 1 = 5.5, 4 -> 10.0
    result = grade_distribution([(0, 1), (2, 2), (4, 1)], max_total=4, n_term=Decimal("1.0"))
    assert result.rows == ((Decimal("1.0"), 1), (Decimal("5.5"), 2), (Decimal("10.0"), 1))
    assert result.n == 4
    assert result.passed == 3
    assert result.pass_rate == 0.75
    # (1.0 + 5.5 + 5.5 + 10.0) / 4
    assert result.mean_grade == pytest.approx(5.5)


def test_a_grade_just_under_five_and_a_half_fails():
    # N = 0.9: 9*2/4 + 0.9 = 5.4 (within the N < 1 bounds 3.25 and 1.0)
    result = grade_distribution([(0, 1), (2, 2), (4, 1)], max_total=4, n_term=Decimal("0.9"))
    assert result.rows == ((Decimal("1.0"), 1), (Decimal("5.4"), 2), (Decimal("10.0"), 1))
    assert result.pass_rate == 0.25


def test_a_grade_distribution_without_attempts_has_no_pass_rate():
    result = grade_distribution([], max_total=4, n_term=Decimal("1.0"))
    assert (result.n, result.rows, result.pass_rate, result.mean_grade) == (0, (), None, None)


def test_a_score_above_the_current_maximum_counts_as_full_marks():
    result = grade_distribution([(5, 1), (2, 1)], max_total=4, n_term=Decimal("1.0"))
    assert result.rows == ((Decimal("5.5"), 1), (Decimal("10.0"), 1))


def test_the_n_term_simulation_runs_from_zero_to_two_in_steps_of_a_tenth():
    rows = n_term_simulation([(7, 1), (5, 2), (3, 1), (2, 1), (0, 1)], max_total=8)
    assert [r.n_term for r in rows] == [Decimal(i) / 10 for i in range(21)]
    # Shown as "1.0", the way a teacher writes an N-term, not "1".
    assert [str(r.n_term) for r in rows[9:12]] == ["0.9", "1.0", "1.1"]


def test_a_higher_n_term_never_lowers_the_pass_rate():
    score_counts = [(7, 1), (5, 2), (4, 3), (3, 1), (2, 1), (0, 1)]
    rows = n_term_simulation(score_counts, max_total=8)
    pass_rates = [r.pass_rate for r in rows]
    means = [r.mean_grade for r in rows]
    assert pass_rates == sorted(pass_rates)
    assert means == sorted(means)
    assert pass_rates[-1] > pass_rates[0]


def test_the_simulation_at_n_one_matches_grading_directly():
    from exam.grades import grade

    score_counts = [(7, 1), (5, 2), (4, 3), (3, 1), (2, 1), (0, 1)]
    at_one = next(r for r in n_term_simulation(score_counts, max_total=8) if r.n_term == 1)
    expected = {}
    for score, count in score_counts:
        g = grade(score=score, max_score=8, n_term=Decimal("1.0"))
        expected[g] = expected.get(g, 0) + count
    assert dict(at_one.rows) == expected
    assert at_one.passed == sum(c for g, c in expected.items() if g >= Decimal("5.5"))
    # 9*4/8 + 1 = 5.5 passes; 9*3/8 + 1 = 4.375 -> 4.4 fails: 1 + 2 + 3 = 6 of 9 pass
    assert at_one.pass_rate == pytest.approx(6 / 9)


# --- the docstrings' worked examples ----------------------------------------------


def test_the_worked_examples_in_the_docstrings_are_right():
    result = doctest.testmod(item_analysis)
    assert result.attempted > 0
    assert result.failed == 0


def test_float_sums_of_an_unvarying_question_give_no_variance_and_no_correlation():
    # Ten pupils all scored 0.1; summed in floats, sum_x is 0.9999999999999999 and
    # 10 * sum_x2 - sum_x^2 comes out as rounding noise, not 0.
    totals = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    item = ItemSums(
        question_id=1,
        max_points=1,
        n=10,
        sum_x=sum(0.1 for _ in totals),
        sum_x2=sum(0.1 * 0.1 for _ in totals),
        sum_xt=sum(0.1 * t for t in totals),
    )
    total = TotalSums(n=10, sum_t=sum(totals), sum_t2=sum(t * t for t in totals), max_total=10)
    assert 10 * item.sum_x2 - item.sum_x**2 != 0
    stats = item_stats(item, total)
    assert stats.variance == 0
    assert stats.rit is None
    assert stats.rir is None
    assert stats.p == pytest.approx(0.1)
