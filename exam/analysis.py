"""Item analysis from the database: a handful of GROUP BY queries, then exam/statistics.py.

The database adds up; Python only shapes the sums. Whatever the number of pupils or
questions, analysing an exam costs the same queries:

1. the questions (number, kind, points, text, the multiple-choice key);
2. the exam's texts ("Tekst 1", ...);
3. the multiple-choice options;
4. the attempt totals with their counts (GROUP BY total): the histogram, the grades,
   the pass rate, the N-term simulation and the totals' sums all come from these rows;
5. per question: sum of x, of x squared and of x times the attempt's total
   (GROUP BY question), for p, RIT, RIR and alpha;
6. per multiple-choice question and response: how many chose it and the sum of their
   rest scores (GROUP BY question, response), for the distractor table.

Which attempts count (see docs/results.md):

- only submitted attempts;
- per assignment: the attempts made for that assignment; per exam: every submitted
  attempt on the exam (all classes, and free practice);
- each pupil once: their first submitted attempt in that scope. A practice assignment
  may be made again after the answer model was shown; a second attempt measures
  memory of the model more than reading skill, so it would flatter the questions.

An answer's points are the points that make up Attempt.total_points, the rule of
exam/points.py as a database expression (exam.totals.COUNTED_POINTS): the teacher's
or the key's score, else the self-score (practice only), else the proposal, else 0,
capped at the question's maximum. Using the same rule as the totals keeps
"rest score = total - item" exact.
An attempt without an answer row for a question counts 0 for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from exam import statistics, visibility
from exam.models import (
    Answer,
    Assignment,
    Attempt,
    Choice,
    Exam,
    ExamText,
    Membership,
    Question,
)
from exam.totals import COUNTED_POINTS

# The points one answer counts, as an integer expression the database can sum.
ANSWER_POINTS = COUNTED_POINTS
ATTEMPT_TOTAL = Cast(Coalesce("attempt__total_points", Value(0)), IntegerField())


# ---------------------------------------------------------------------------
# Which attempts count


def submitted_attempts_for_exam(exam: Exam) -> QuerySet[Attempt]:
    return Attempt.objects.filter(exam=exam, submitted_at__isnull=False)


def submitted_attempts_for_assignment(assignment: Assignment) -> QuerySet[Attempt]:
    return Attempt.objects.filter(assignment=assignment, submitted_at__isnull=False)


def first_per_pupil(attempts: QuerySet[Attempt]) -> QuerySet[Attempt]:
    """Each pupil's first submitted attempt among `attempts` (ties broken by pk).

    One correlated NOT EXISTS, answered from the (pupil, exam) index: no Python loop
    over attempts, and the result stays a queryset to filter answers with.
    """
    earlier = attempts.filter(pupil=OuterRef("pupil")).filter(
        Q(submitted_at__lt=OuterRef("submitted_at"))
        | Q(submitted_at=OuterRef("submitted_at"), pk__lt=OuterRef("pk"))
    )
    return attempts.filter(~Exists(earlier))


def counted_attempts_for_exam(exam: Exam) -> QuerySet[Attempt]:
    return first_per_pupil(submitted_attempts_for_exam(exam))


def counted_attempts_for_assignment(assignment: Assignment) -> QuerySet[Attempt]:
    return first_per_pupil(submitted_attempts_for_assignment(assignment))


# ---------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class QuestionInfo:
    id: int
    number: int
    kind: str
    kind_label: str
    max_points: int
    stem: str
    text_id: int
    text_position: int | None
    text_title: str
    # Multiple choice only: the key and the option labels in their order.
    key: str | None = None
    options: tuple[str, ...] = ()

    @property
    def is_multiple_choice(self) -> bool:
        return self.kind == Question.Kind.MULTIPLE_CHOICE


@dataclass(frozen=True)
class QuestionAnalysis:
    info: QuestionInfo
    stats: statistics.ItemStats
    distractors: list[statistics.DistractorRow]
    flags: list[str]

    @property
    def is_flagged(self) -> bool:
        return bool(self.flags)


@dataclass(frozen=True)
class TextSummary:
    position: int | None
    title: str
    summary: statistics.GroupSummary


@dataclass(frozen=True)
class KindSummary:
    kind: str
    label: str
    summary: statistics.GroupSummary


@dataclass(frozen=True)
class ExamAnalysis:
    exam: Exam
    n: int
    max_total: int
    n_term: Decimal
    totals: statistics.MeanSD
    reliability: statistics.Reliability
    histogram: list[tuple[int, int]]
    grades: statistics.GradeDistribution
    simulation: list[statistics.GradeDistribution]
    questions: list[QuestionAnalysis]
    by_kind: list[KindSummary]
    by_text: list[TextSummary]
    score_counts: list[tuple[int, int]] = field(default_factory=list)

    @property
    def flagged(self) -> list[QuestionAnalysis]:
        return [q for q in self.questions if q.is_flagged]

    @property
    def mean_share(self) -> float | None:
        """The mean score as a share of the maximum."""
        if self.totals.mean is None or not self.max_total:
            return None
        return self.totals.mean / self.max_total


# ---------------------------------------------------------------------------
# Queries


def mc_key(scoring: dict) -> str | None:
    """The key of a multiple-choice question: {"key": "B"} (see exam/scoring.py)."""
    key = scoring.get("key")
    return key if isinstance(key, str) and key else None


def option_of(response) -> str | None:
    """The option a stored multiple-choice response chose; None for a blank.

    The stored response is the letter ("B"); more than one letter is stored as a list
    and earns 0 (the exam rule). It is reported as one row "A+B", so the teacher
    sees that it happened.
    """
    if isinstance(response, list | tuple):
        letters = sorted(str(r) for r in response if r not in (None, ""))
        return "+".join(letters) or None
    if response in (None, ""):
        return None
    return str(response)


def _questions(exam: Exam) -> list[QuestionInfo]:
    texts = {
        row["text_id"]: (row["position"], row["text__title"])
        for row in ExamText.objects.filter(exam=exam).values("text_id", "position", "text__title")
    }
    options: dict[int, list[str]] = {}
    for question_id, label in (
        Choice.objects.filter(
            question__exam=exam,
            question__kind=Question.Kind.MULTIPLE_CHOICE,
            role=Choice.Role.OPTION,
        )
        .order_by("question_id", "position", "label")
        .values_list("question_id", "label")
    ):
        options.setdefault(question_id, []).append(label)
    kind_labels = dict(Question.Kind.choices)
    infos = []
    for row in (
        Question.objects.filter(exam=exam)
        .order_by("number")
        .values("id", "number", "kind", "max_points", "stem", "scoring", "text_id")
    ):
        position, title = texts.get(row["text_id"], (None, ""))
        is_mc = row["kind"] == Question.Kind.MULTIPLE_CHOICE
        infos.append(
            QuestionInfo(
                id=row["id"],
                number=row["number"],
                kind=row["kind"],
                kind_label=str(kind_labels.get(row["kind"], row["kind"])),
                max_points=row["max_points"],
                stem=row["stem"],
                text_id=row["text_id"],
                text_position=position,
                text_title=title,
                key=mc_key(row["scoring"] or {}) if is_mc else None,
                options=tuple(options.get(row["id"], ())),
            )
        )
    return infos


def score_counts(attempts: QuerySet[Attempt]) -> list[tuple[int, int]]:
    """(total, number of attempts with it), one row per distinct total."""
    rows = (
        attempts.annotate(score=Coalesce("total_points", Value(0)))
        .values("score")
        .annotate(count=Count("pk"))
        .order_by("score")
        .values_list("score", "count")
    )
    return [(int(score), int(count)) for score, count in rows]


def total_sums(counts: list[tuple[int, int]], max_total: int) -> statistics.TotalSums:
    """The totals' sums from the histogram rows: no second pass over the attempts."""
    return statistics.TotalSums(
        n=sum(c for _s, c in counts),
        sum_t=sum(s * c for s, c in counts),
        sum_t2=sum(s * s * c for s, c in counts),
        max_total=max_total,
    )


def item_sums(
    attempts: QuerySet[Attempt], questions: list[QuestionInfo], n: int
) -> tuple[list[statistics.ItemSums], dict[int, tuple[int, int]]]:
    """ItemSums per question, and per question (answer rows, sum of their totals).

    Missing answer rows add 0 to every sum, so each ItemSums.n is the number of
    attempts. The second value lets the distractor table count blanks without
    another query.
    """
    rows = {
        row["question_id"]: row
        for row in Answer.objects.filter(attempt__in=attempts)
        .values("question_id")
        .annotate(
            rows=Count("pk"),
            sum_x=Sum(ANSWER_POINTS),
            sum_x2=Sum(ANSWER_POINTS * ANSWER_POINTS),
            sum_xt=Sum(ANSWER_POINTS * ATTEMPT_TOTAL),
            sum_t=Sum(ATTEMPT_TOTAL),
        )
        .order_by()
    }
    sums, answered = [], {}
    for q in questions:
        row = rows.get(q.id, {})
        sums.append(
            statistics.ItemSums(
                question_id=q.id,
                max_points=q.max_points,
                n=n,
                sum_x=row.get("sum_x") or 0,
                sum_x2=row.get("sum_x2") or 0,
                sum_xt=row.get("sum_xt") or 0,
            )
        )
        answered[q.id] = (row.get("rows") or 0, row.get("sum_t") or 0)
    return sums, answered


def option_sums(attempts: QuerySet[Attempt]) -> dict[int, list[statistics.OptionSums]]:
    """Per multiple-choice question: each distinct response, its count and rest-score sum.

    Grouped by the stored JSON response, so the rows are (questions x options), never
    one per answer; option_of then names each group's option.
    """
    found: dict[int, list[statistics.OptionSums]] = {}
    for row in (
        Answer.objects.filter(attempt__in=attempts, question__kind=Question.Kind.MULTIPLE_CHOICE)
        .values("question_id", "response")
        .annotate(count=Count("pk"), sum_rest=Sum(ATTEMPT_TOTAL - ANSWER_POINTS))
        .order_by()
    ):
        found.setdefault(row["question_id"], []).append(
            statistics.OptionSums(
                question_id=row["question_id"],
                option=option_of(row["response"]),
                count=row["count"],
                sum_rest=row["sum_rest"] or 0,
            )
        )
    return found


# ---------------------------------------------------------------------------
# The analysis


def analyse(*, exam: Exam, attempts: QuerySet[Attempt]) -> ExamAnalysis:
    """The whole item analysis of `attempts` (already narrowed to the counted ones).

    Six queries, whatever the number of attempts and questions.
    """
    questions = _questions(exam)
    max_total = sum(q.max_points for q in questions)
    counts = score_counts(attempts)
    totals = total_sums(counts, max_total)
    n = totals.n
    sums, answered = item_sums(attempts, questions, n)
    options = option_sums(attempts) if any(q.is_multiple_choice for q in questions) else {}

    analysed = []
    for q, item in zip(questions, sums, strict=True):
        stats = statistics.item_stats(item, totals)
        distractors: list[statistics.DistractorRow] = []
        if q.is_multiple_choice and n:
            rows = list(options.get(q.id, []))
            # Attempts without an answer row left the question blank: they scored 0,
            # so their rest score is their whole total.
            answered_rows, answered_total = answered[q.id]
            if n > answered_rows:
                rows.append(
                    statistics.OptionSums(
                        question_id=q.id,
                        option=None,
                        count=n - answered_rows,
                        sum_rest=totals.sum_t - answered_total,
                    )
                )
            distractors = statistics.distractor_table(rows, q.key or "", n, q.options)
        analysed.append(
            QuestionAnalysis(
                info=q,
                stats=stats,
                distractors=distractors,
                flags=statistics.flags(stats, distractors) if n else [],
            )
        )

    all_stats = [a.stats for a in analysed]
    kind_labels = {q.kind: q.kind_label for q in questions}
    by_kind = [
        KindSummary(kind=s.key, label=kind_labels[s.key], summary=s)
        for s in statistics.group_summary(all_stats, {q.id: q.kind for q in questions})
    ]
    titles = {q.text_position: q.text_title for q in questions}
    by_text = [
        TextSummary(position=s.key, title=titles[s.key], summary=s)
        for s in statistics.group_summary(all_stats, {q.id: q.text_position for q in questions})
    ]
    n_term = Decimal(exam.n_term)
    if max_total:
        simulation = statistics.n_term_simulation(counts, max_total)
        # The exam's own N-term is one of the simulated ones (one decimal, 0.0-2.0).
        grades = next((g for g in simulation if g.n_term == n_term), None)
        if grades is None:
            grades = statistics.grade_distribution(counts, max_total, n_term)
    else:
        grades = statistics.grade_distribution([], 1, n_term)
        simulation = []
    return ExamAnalysis(
        exam=exam,
        n=n,
        max_total=max_total,
        n_term=n_term,
        totals=statistics.mean_sd(totals),
        reliability=statistics.reliability(sums, totals),
        histogram=statistics.score_histogram(counts, max_total),
        grades=grades,
        simulation=simulation,
        questions=analysed,
        by_kind=by_kind,
        by_text=by_text,
        score_counts=counts,
    )


def analyse_exam(exam: Exam) -> ExamAnalysis:
    return analyse(exam=exam, attempts=counted_attempts_for_exam(exam))


def analyse_assignment(assignment: Assignment) -> ExamAnalysis:
    return analyse(exam=assignment.exam, attempts=counted_attempts_for_assignment(assignment))


# ---------------------------------------------------------------------------
# The pupils of an assignment


@dataclass(frozen=True)
class PupilRow:
    pupil_id: int
    username: str
    name: str
    attempts: int
    attempt_id: int | None
    submitted_at: object | None
    total_points: int | None
    grade: Decimal | None


def assignment_pupils(assignment: Assignment) -> list[PupilRow]:
    """Every pupil of the class with their counted attempt (or none); three queries."""
    counted = {
        row["pupil_id"]: row
        for row in counted_attempts_for_assignment(assignment).values(
            "id", "pupil_id", "submitted_at", "total_points", "grade"
        )
    }
    made = dict(
        submitted_attempts_for_assignment(assignment)
        .values("pupil_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("pupil_id", "n")
    )
    rows = []
    for member in (
        Membership.objects.filter(classroom_id=assignment.classroom_id)
        .order_by("pupil__last_name", "pupil__first_name", "pupil__username")
        .values("pupil_id", "pupil__username", "pupil__first_name", "pupil__last_name")
    ):
        attempt = counted.get(member["pupil_id"], {})
        name = f"{member['pupil__first_name']} {member['pupil__last_name']}".strip()
        rows.append(
            PupilRow(
                pupil_id=member["pupil_id"],
                username=member["pupil__username"],
                name=name or member["pupil__username"],
                attempts=made.get(member["pupil_id"], 0),
                attempt_id=attempt.get("id"),
                submitted_at=attempt.get("submitted_at"),
                total_points=attempt.get("total_points"),
                grade=attempt.get("grade"),
            )
        )
    return rows


# ---------------------------------------------------------------------------
# One pupil

# A question kind is a strength when the pupil earns at least this share more of its
# points than of all points, a weakness when this much less. Measured against the
# pupil's own average, so a weak reader also learns where to start.
STRENGTH_MARGIN = 0.10


def visible_attempts_for_pupil(pupil) -> QuerySet[Attempt]:
    """The pupil's handed-in attempts whose results they may see (exam mode: released)."""
    return Attempt.objects.filter(visibility.results_visible_q(), pupil=pupil)


@dataclass(frozen=True)
class PupilAttemptRow:
    id: int
    exam_id: int
    exam_title: str
    assignment_id: int | None
    classroom: str | None
    submitted_at: object
    total_points: int | None
    max_total: int
    grade: Decimal | None

    @property
    def share(self) -> float | None:
        if self.total_points is None or not self.max_total:
            return None
        return self.total_points / self.max_total


@dataclass(frozen=True)
class KindResult:
    kind: str
    label: str
    questions: int
    points: int
    max_points: int
    verdict: str  # "strength", "weakness" or ""

    @property
    def share(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class SelfScoreRow:
    attempt_id: int
    assignment_id: int | None
    submitted_at: object
    exam_title: str
    number: int
    max_points: int
    self_points: int
    auto_points: int | None
    # The teacher's score; None while no teacher has scored the answer.
    teacher_points: int | None

    @property
    def difference(self) -> int | None:
        if self.teacher_points is None:
            return None
        return self.self_points - self.teacher_points


@dataclass(frozen=True)
class PupilOverview:
    attempts: list[PupilAttemptRow]
    kinds: list[KindResult]
    overall_share: float | None
    self_scores: list[SelfScoreRow]
    calibration: object  # exam.marking.Calibration


def pupil_overview(attempts: QuerySet[Attempt]) -> PupilOverview:
    """Attempts over time, points per question kind and self- against teacher scores.

    Four queries, whatever the number of attempts.
    """
    from exam.marking import calibration_total  # marking imports services; keep it lazy

    exam_max = (
        Question.objects.filter(exam=OuterRef("exam"))
        .order_by()
        .values("exam")
        .annotate(total=Sum("max_points"))
        .values("total")
    )
    rows = [
        PupilAttemptRow(
            id=row["id"],
            exam_id=row["exam_id"],
            exam_title=row["exam__title"],
            assignment_id=row["assignment_id"],
            classroom=row["assignment__classroom__name"],
            submitted_at=row["submitted_at"],
            total_points=row["total_points"],
            max_total=row["max_total"] or 0,
            grade=row["grade"],
        )
        for row in attempts.annotate(max_total=Subquery(exam_max))
        .order_by("submitted_at", "pk")
        .values(
            "id",
            "exam_id",
            "exam__title",
            "assignment_id",
            "assignment__classroom__name",
            "submitted_at",
            "total_points",
            "max_total",
            "grade",
        )
    ]
    answers = Answer.objects.filter(attempt__in=attempts)
    kind_rows = list(
        answers.values("question__kind")
        .annotate(
            questions=Count("pk"),
            points=Sum(ANSWER_POINTS),
            max_points=Sum("question__max_points"),
        )
        .order_by()
    )
    earned = sum(r["points"] or 0 for r in kind_rows)
    possible = sum(r["max_points"] or 0 for r in kind_rows)
    overall = earned / possible if possible else None
    labels = dict(Question.Kind.choices)
    kinds = []
    for r in kind_rows:
        share = (r["points"] or 0) / r["max_points"] if r["max_points"] else 0.0
        verdict = ""
        if overall is not None and share >= overall + STRENGTH_MARGIN:
            verdict = "strength"
        elif overall is not None and share <= overall - STRENGTH_MARGIN:
            verdict = "weakness"
        kinds.append(
            KindResult(
                kind=r["question__kind"],
                label=str(labels.get(r["question__kind"], r["question__kind"])),
                questions=r["questions"],
                points=r["points"] or 0,
                max_points=r["max_points"] or 0,
                verdict=verdict,
            )
        )
    kinds.sort(key=lambda k: (-k.share, k.label))
    self_scores = [
        SelfScoreRow(
            attempt_id=r["attempt_id"],
            assignment_id=r["attempt__assignment_id"],
            submitted_at=r["attempt__submitted_at"],
            exam_title=r["attempt__exam__title"],
            number=r["question__number"],
            max_points=r["question__max_points"],
            self_points=r["self_points"],
            auto_points=r["auto_points"],
            teacher_points=r["final_points"] if r["scored_by_id"] is not None else None,
        )
        for r in answers.filter(self_points__isnull=False)
        .order_by("attempt__submitted_at", "attempt_id", "question__number")
        .values(
            "attempt_id",
            "attempt__assignment_id",
            "attempt__submitted_at",
            "attempt__exam__title",
            "question__number",
            "question__max_points",
            "self_points",
            "auto_points",
            "final_points",
            "scored_by_id",
        )
    ]
    return PupilOverview(
        attempts=rows,
        kinds=kinds,
        overall_share=overall,
        self_scores=self_scores,
        calibration=calibration_total(answers),
    )
