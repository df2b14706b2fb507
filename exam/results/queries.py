"""Which attempts count, and the GROUP BY sums an item analysis starts from.

exam/results/analysis.py turns these sums into figures with
exam/results/item_statistics.py.

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

from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from exam.models import (
    Answer,
    Assignment,
    Attempt,
    Choice,
    Exam,
    ExamText,
    Question,
)
from exam.results import item_statistics as statistics
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
# What a question is, for the analysis


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


def question_infos(exam: Exam) -> list[QuestionInfo]:
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
