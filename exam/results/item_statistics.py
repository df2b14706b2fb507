"""Item analysis of an exam, computed from sums the database has already added up.

Pure: no Django. The database does the per-answer work in a few GROUP BY queries
(one row per question, one row for the totals, one row per chosen MC option), so a
whole school's answers never pass through a Python loop; this module turns those
sums into the figures a teacher reads after an exam:

- per exam: mean, standard deviation, score histogram, grade distribution and pass
  rate, reliability (Cronbach's alpha, called KR-20 when every item is scored 0/1)
  and the standard error of measurement;
- per question: p-value, RIT and RIR, a distractor table for multiple choice, and
  flags for questions worth a second look;
- per question kind or per text: mean p;
- what the grades would have been for every N-term from 0.0 to 2.0.

Conventions:

- **Population variance** (divide by n, not n - 1) everywhere. The pupils who sat the
  exam are the group being described, not a sample of a larger one. Alpha and the
  correlations do not depend on the choice (the factor cancels); the standard
  deviation and the SEM do (by sqrt((n - 1) / n)).
- Sums may arrive as int, float or Decimal (PostgreSQL's SUM of a bigint). They are
  turned into exact fractions first, so a question everyone scored the same has
  variance exactly 0 (not 1e-17) and "no variance" is recognised reliably. Float sums
  already carry rounding error; a variance that small relative to the sums
  (ZERO_VARIANCE) counts as 0 too. For whole-number scores the smallest real variance
  is far above that bound.
- Anything that cannot be computed (no attempts, zero variance, a single item) is
  None, never a ZeroDivisionError, for a template to show as a dash.
- An attempt without an answer to a question counts as 0 points for it; the queries
  coalesce, so every ItemSums.n equals TotalSums.n.

Longer than our usual 400 lines on purpose: every figure here rests on the same exact
fraction helpers and sums, and reads best beside them in one pure module.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from exam.grades import grade

Number = int | float | Decimal | Fraction

PASS_GRADE = Decimal("5.5")
# Flag thresholds: below 0.30 few pupils earn the points, above 0.95 nearly all do
# (the question tells the teacher little either way), and an RIR under 0.10 means the
# question barely separates stronger from weaker pupils.
P_TOO_HARD = 0.30
P_TOO_EASY = 0.95
RIR_LOW = 0.10
# A single pupil choosing a distractor says nothing about the distractor; it takes
# at least this many choosers before "better pupils chose it than the key" is flagged.
MIN_DISTRACTOR_CHOOSERS = 2
# n * sum(x^2) - sum(x)^2 at or below this share of n * sum(x^2) is rounding noise.
# With whole-number scores a real spread is at least 1 / (n * max^2) of it.
ZERO_VARIANCE = 1e-12
N_TERM_STEPS = tuple(Decimal(i).scaleb(-1) for i in range(21))  # 0.0, 0.1, ..., 2.0

FLAG_TOO_HARD = "too_hard"
FLAG_TOO_EASY = "too_easy"
FLAG_LOW_RIR = "low_rir"
FLAG_DISTRACTOR_BEATS_KEY = "distractor_beats_key"


# ---------------------------------------------------------------------------
# Inputs: what the database queries return
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ItemSums:
    """One question's sums over all attempts: one row of a GROUP BY question."""

    question_id: int
    max_points: int
    n: int
    sum_x: Number
    sum_x2: Number
    sum_xt: Number


@dataclass(frozen=True)
class TotalSums:
    """The attempt totals' sums, and the exam's maximum score."""

    n: int
    sum_t: Number
    sum_t2: Number
    max_total: int


@dataclass(frozen=True)
class OptionSums:
    """One chosen option of a multiple-choice question; option None is a blank answer.

    sum_rest is the sum of (attempt total - this question's score) over the choosers.
    """

    question_id: int
    option: str | None
    count: int
    sum_rest: Number


# ---------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MeanSD:
    n: int
    mean: float | None
    sd: float | None


@dataclass(frozen=True)
class ItemStats:
    question_id: int
    max_points: int
    n: int
    mean: float | None
    variance: float | None
    p: float | None
    rit: float | None
    rir: float | None


@dataclass(frozen=True)
class Reliability:
    """Cronbach's alpha; `name` is "kr20" when every item is scored 0/1, else "alpha"."""

    name: str
    k: int
    coefficient: float | None
    sem: float | None


@dataclass(frozen=True)
class DistractorRow:
    option: str | None
    count: int
    share: float
    mean_rest: float | None
    is_key: bool


@dataclass(frozen=True)
class GroupSummary:
    key: Hashable
    questions: int
    max_points: int
    mean_p: float
    score_share: float


@dataclass(frozen=True)
class GradeDistribution:
    n_term: Decimal
    n: int
    rows: tuple[tuple[Decimal, int], ...]
    passed: int
    pass_rate: float | None
    mean_grade: float | None


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _exact(value: Number) -> Fraction:
    return Fraction(value)


def _scatter(n: int, sum_a: Fraction, sum_b: Fraction, sum_ab: Fraction) -> Fraction:
    """n^2 times the population covariance of a and b: n * sum(ab) - sum(a) * sum(b).

    Working with this instead of the covariance keeps every step a sum or product of
    the database's sums, exact for whole-number scores.
    """
    return n * sum_ab - sum_a * sum_b


def _spread(n: int, sum_a: Fraction, sum_a2: Fraction) -> Fraction:
    """n^2 times the population variance of a, with float rounding noise taken as 0."""
    s_aa = _scatter(n, sum_a, sum_a, sum_a2)
    if s_aa <= ZERO_VARIANCE * abs(n * sum_a2):
        return Fraction(0)
    return s_aa


def _correlation(s_ab: Fraction, s_aa: Fraction, s_bb: Fraction) -> float | None:
    if s_aa <= 0 or s_bb <= 0:
        return None
    r = float(s_ab) / math.sqrt(float(s_aa) * float(s_bb))
    # Float rounding can push a perfect correlation a hair past 1.
    return max(-1.0, min(1.0, r))


def _check_n(item: ItemSums, total: TotalSums) -> None:
    if item.n != total.n:
        raise ValueError(
            f"question {item.question_id} has n={item.n} but the totals have n={total.n}: "
            "missing answers must be counted as 0 points"
        )


# ---------------------------------------------------------------------------
# Per exam
# ---------------------------------------------------------------------------


def mean_sd(total: TotalSums) -> MeanSD:
    """Mean and (population) standard deviation of the attempt totals.

    Totals 7, 5, 5, 3, 2, 0: n = 6, sum_t = 22, sum_t2 = 112, so
    mean = 22/6 = 3.667 and variance = (6*112 - 22^2) / 6^2 = 188/36, sd = 2.285.

    >>> result = mean_sd(TotalSums(n=6, sum_t=22, sum_t2=112, max_total=8))
    >>> round(result.mean, 3), round(result.sd, 3)
    (3.667, 2.285)
    """
    if total.n <= 0:
        return MeanSD(n=0, mean=None, sd=None)
    sum_t = _exact(total.sum_t)
    variance = _spread(total.n, sum_t, _exact(total.sum_t2)) / total.n**2
    return MeanSD(n=total.n, mean=float(sum_t / total.n), sd=math.sqrt(variance))


def _total_variance(total: TotalSums) -> Fraction:
    return _spread(total.n, _exact(total.sum_t), _exact(total.sum_t2)) / total.n**2


def cronbach_alpha(items: Sequence[ItemSums], total: TotalSums) -> float | None:
    """alpha = k/(k-1) * (1 - sum of item variances / variance of the totals).

    For items scored 0/1 this is exactly KR-20 (an item's variance is then p(1-p));
    `reliability` says which name applies. None with fewer than two items, no
    attempts or totals without variance.

    Four items with variances 2/9, 1/4, 2/3, 11/12 (sum 37/18) and total variance
    47/9: alpha = 4/3 * (1 - (37/18) / (47/9)) = 4/3 * 57/94 = 38/47 = 0.809.
    """
    k = len(items)
    if k < 2 or total.n <= 0:
        return None
    variance_t = _total_variance(total)
    if variance_t <= 0:
        return None
    item_variances = Fraction(0)
    for item in items:
        _check_n(item, total)
        item_variances += _spread(item.n, _exact(item.sum_x), _exact(item.sum_x2)) / item.n**2
    return float(Fraction(k, k - 1) * (1 - item_variances / variance_t))


def sem(sd_total: float | None, alpha: float | None) -> float | None:
    """Standard error of measurement: SD_total * sqrt(1 - alpha).

    SD 2.285 (= sqrt(47/9)) and alpha 38/47: sqrt(47/9) * sqrt(9/47) = 1.0 point.
    A negative alpha gives an SEM above the SD: the test measured mostly noise.
    """
    if sd_total is None or alpha is None:
        return None
    # alpha cannot exceed 1 when the totals are the sums of the items; guard anyway
    # against totals stored apart from the item scores.
    return sd_total * math.sqrt(max(0.0, 1.0 - alpha))


def reliability(items: Sequence[ItemSums], total: TotalSums) -> Reliability:
    """Alpha (or KR-20) with its name and the SEM, for the exam summary.

    Points are whole numbers, so an item with max_points 1 is scored 0/1 and
    when all items are, the coefficient is KR-20.

    The example of cronbach_alpha (items of 1, 1, 2 and 3 points) gives
    Reliability(name="alpha", k=4, coefficient=38/47 = 0.809, sem=1.0).
    """
    name = "kr20" if items and all(item.max_points == 1 for item in items) else "alpha"
    alpha = cronbach_alpha(items, total)
    return Reliability(
        name=name, k=len(items), coefficient=alpha, sem=sem(mean_sd(total).sd, alpha)
    )


def score_histogram(
    score_counts: Iterable[tuple[int, int]], max_total: int
) -> list[tuple[int, int]]:
    """Every score from 0 to the maximum with its number of attempts, zeros included.

    Filling the gaps lets a chart draw one bar per possible score. A score above
    max_total (the exam was shortened after it was taken) widens the range rather
    than disappearing.

    >>> score_histogram([(3, 2), (0, 1), (3, 1)], max_total=4)
    [(0, 1), (1, 0), (2, 0), (3, 3), (4, 0)]
    """
    counts: dict[int, int] = {}
    for score, count in score_counts:
        if score < 0 or count < 0:
            raise ValueError(f"impossible histogram row: score {score}, count {count}")
        counts[score] = counts.get(score, 0) + count
    top = max([max_total, *counts])
    return [(score, counts.get(score, 0)) for score in range(top + 1)]


def grade_distribution(
    score_counts: Iterable[tuple[int, int]], max_total: int, n_term: Decimal
) -> GradeDistribution:
    """Grades for the scores at one N-term: how many got each grade, how many passed.

    A grade of 5.5 or more is a pass. Grades come from exam.grades.grade, per
    distinct score, not per pupil. A score above max_total (the exam lost points
    after it was taken) is graded as full marks rather than refused, so the results
    page still shows.

    L = 4, N = 1.0, scores 0, 2, 2, 4: grades 1.0, 5.5, 5.5, 10.0 -> rows
    (1.0, 1), (5.5, 2), (10.0, 1); passed 3 of 4 = 0.75; mean grade 22/4 = 5.5.
    """
    n_term = Decimal(n_term)
    by_grade: dict[Decimal, int] = {}
    n = 0
    grade_sum = Decimal(0)
    for score, count in score_counts:
        if count <= 0:
            continue
        g = grade(score=min(score, max_total), max_score=max_total, n_term=n_term)
        by_grade[g] = by_grade.get(g, 0) + count
        n += count
        grade_sum += g * count
    passed = sum(count for g, count in by_grade.items() if g >= PASS_GRADE)
    return GradeDistribution(
        n_term=n_term,
        n=n,
        rows=tuple(sorted(by_grade.items())),
        passed=passed,
        pass_rate=passed / n if n else None,
        mean_grade=float(grade_sum / n) if n else None,
    )


def n_term_simulation(
    score_counts: Iterable[tuple[int, int]], max_total: int
) -> list[GradeDistribution]:
    """The grade distribution for every N-term from 0.0 to 2.0 in steps of 0.1.

    Answers "what if the N-term were ...": 21 rows, each with its pass rate and mean
    grade. With L = 4 and scores 0, 2, 2, 4 the two middle pupils have 5.5 at
    N = 1.0 and pass; at N = 0.9 they have 5.4 and fail (pass rate 0.25).
    """
    rows = list(score_counts)
    return [grade_distribution(rows, max_total, n_term) for n_term in N_TERM_STEPS]


# ---------------------------------------------------------------------------
# Per question
# ---------------------------------------------------------------------------


def item_stats(item: ItemSums, total: TotalSums) -> ItemStats:
    """p-value, RIT and RIR of one question from its sums.

    p is the mean score as a share of the maximum. RIT is the Pearson correlation of
    the item score with the attempt total, RIR with the rest score (total - item),
    which does not count the item against itself. A correlation is None when either
    side has no variance (everyone scored the same).

    Item scores 3, 2, 2, 1, 1, 0 (max 3) with totals 7, 5, 5, 3, 2, 0:
    sum_x = 9, sum_x2 = 19, sum_xt = 46, so p = 9/6/3 = 0.5;
    Sxx = 6*19 - 81 = 33, Stt = 188, Sxt = 6*46 - 9*22 = 78,
    RIT = 78 / sqrt(33 * 188) = 0.990; rest: Sxr = 78 - 33 = 45,
    Srr = 188 + 33 - 2*78 = 65, RIR = 45 / sqrt(33 * 65) = 0.972.
    """
    _check_n(item, total)
    n = item.n
    if n <= 0:
        return ItemStats(
            question_id=item.question_id,
            max_points=item.max_points,
            n=0,
            mean=None,
            variance=None,
            p=None,
            rit=None,
            rir=None,
        )
    sum_x, sum_x2, sum_xt = _exact(item.sum_x), _exact(item.sum_x2), _exact(item.sum_xt)
    sum_t, sum_t2 = _exact(total.sum_t), _exact(total.sum_t2)
    s_xx = _spread(n, sum_x, sum_x2)
    s_tt = _spread(n, sum_t, sum_t2)
    s_xt = _scatter(n, sum_x, sum_t, sum_xt)
    # The rest score r = t - x has its sums without another query:
    # sum(r) = sum(t) - sum(x), sum(r^2) = sum(t^2) - 2 sum(xt) + sum(x^2),
    # and cov(x, r) = cov(x, t) - var(x).
    s_rr = _spread(n, sum_t - sum_x, sum_t2 - 2 * sum_xt + sum_x2)
    s_xr = s_xt - s_xx
    mean = sum_x / n
    return ItemStats(
        question_id=item.question_id,
        max_points=item.max_points,
        n=n,
        mean=float(mean),
        variance=float(s_xx / n**2),
        p=float(mean / item.max_points) if item.max_points > 0 else None,
        rit=_correlation(s_xt, s_xx, s_tt),
        rir=_correlation(s_xr, s_xx, s_rr),
    )


def distractor_table(
    options: Iterable[OptionSums], key: str, n: int, labels: Sequence[str] = ()
) -> list[DistractorRow]:
    """Per option: share of attempts choosing it and the mean rest score of its choosers.

    `labels` lists the question's options so that one nobody chose still gets a row;
    the blank row (option None) comes last and only when someone left it blank. The
    mean rest score shows who chose what: a good distractor draws the weaker pupils.

    Key B, six attempts: A chosen by 2 with rest scores 1 and 3 (sum 4),
    B by 3 (sum 15), blank 1 (sum 0):
    A: share 2/6 = 0.333, mean rest 2.0; B (key): 0.5, 5.0; C: 0, None; blank: 0.167, 0.0.
    """
    if n <= 0:
        return []
    counts: dict[str | None, int] = {}
    rest_sums: dict[str | None, Fraction] = {}
    for row in options:
        counts[row.option] = counts.get(row.option, 0) + row.count
        rest_sums[row.option] = rest_sums.get(row.option, Fraction(0)) + _exact(row.sum_rest)
    if sum(counts.values()) > n:
        raise ValueError(f"{sum(counts.values())} choices counted for {n} attempts")
    chosen = sorted(option for option in counts if option is not None)
    ordered: list[str | None] = list(labels) + [o for o in chosen if o not in labels]
    if counts.get(None):
        ordered.append(None)
    rows = []
    for option in ordered:
        count = counts.get(option, 0)
        rows.append(
            DistractorRow(
                option=option,
                count=count,
                share=count / n,
                mean_rest=float(rest_sums[option] / count) if count else None,
                is_key=option is not None and option == key,
            )
        )
    return rows


def flags(
    stats: ItemStats,
    distractors: Sequence[DistractorRow] = (),
    *,
    min_choosers: int = MIN_DISTRACTOR_CHOOSERS,
) -> list[str]:
    """Codes of what is worth a second look at this question, in a fixed order.

    - too_hard: p < 0.30; too_easy: p > 0.95;
    - low_rir: RIR < 0.10 (no flag when RIR is None: a question without variance is
      already too hard or too easy);
    - distractor_beats_key: a wrong option chosen by at least `min_choosers` pupils
      (default 2) whose mean rest score is higher than the key's: stronger pupils were
      drawn to it, so the key or the wording may be wrong. Blanks are not a
      distractor, and with no chooser of the key there is nothing to compare with.

    >>> flags(ItemStats(question_id=1, max_points=1, n=30, mean=0.2, variance=0.16,
    ...                 p=0.2, rit=0.1, rir=0.05))
    ['too_hard', 'low_rir']
    """
    found = []
    if stats.p is not None and stats.p < P_TOO_HARD:
        found.append(FLAG_TOO_HARD)
    if stats.p is not None and stats.p > P_TOO_EASY:
        found.append(FLAG_TOO_EASY)
    if stats.rir is not None and stats.rir < RIR_LOW:
        found.append(FLAG_LOW_RIR)
    key_rest = next((row.mean_rest for row in distractors if row.is_key), None)
    if key_rest is not None and any(
        not row.is_key
        and row.option is not None
        and row.count >= min_choosers
        and row.mean_rest is not None
        and row.mean_rest > key_rest
        for row in distractors
    ):
        found.append(FLAG_DISTRACTOR_BEATS_KEY)
    return found


def group_summary(
    stats: Iterable[ItemStats], group_of: Mapping[int, Hashable]
) -> list[GroupSummary]:
    """Mean p per group of questions: per question kind, or per text of the exam.

    `group_of` maps question_id to the group (a kind code, a text position).
    mean_p is the plain mean of the questions' p-values; score_share weighs them by
    points: the share of the group's available points the pupils earned. Groups come
    in the order their first question appears; questions without attempts are left out.

    Questions (kind, max, mean): (mc, 1, 0.5), (mc, 1, 0.9), (open, 3, 1.5):
    mc: mean_p (0.5 + 0.9)/2 = 0.7, score_share 1.4/2 = 0.7;
    open: mean_p 0.5, score_share 0.5.
    """
    groups: dict[Hashable, list[ItemStats]] = {}
    for item in stats:
        if item.p is None or item.mean is None:
            continue
        groups.setdefault(group_of[item.question_id], []).append(item)
    summaries = []
    for key, members in groups.items():
        max_points = sum(item.max_points for item in members)
        summaries.append(
            GroupSummary(
                key=key,
                questions=len(members),
                max_points=max_points,
                mean_p=sum(item.p for item in members) / len(members),
                score_share=sum(item.mean for item in members) / max_points,
            )
        )
    return summaries
