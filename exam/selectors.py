"""Reads: what the teacher's and the pupil's pages list, in a fixed number of queries.

Who owns what is exam/access.py; these functions narrow and shape what a role may
reach. Nothing here writes.

- classes and assignments: the exams a teacher may assign, the pupil's assignment
  rows, the teacher's open assignments, read-aloud and the pupil's practice assignment;
- marking: the queue (answers waiting for a teacher), the answers to mark for one
  question, the answer model's elements and which of them are ticked;
- calibration: a pupil's self-scores against the teacher's, computed by the database:
  difference = self - teacher, so a positive mean is over-estimation.

Results (item analysis, a pupil's progress) are exam/results/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Avg, Count, Exists, F, FloatField, OuterRef, Q, QuerySet
from django.db.models.functions import Abs, Cast
from django.utils import timezone

from exam import kinds
from exam.access import (
    answers_for_teacher,
    assignments_for_pupil,
    assignments_for_teacher,
    exams_for_teacher,
)
from exam.assignments import rules
from exam.models import Answer, Assignment, Attempt, Exam, Question, ReadAloud

# ---------------------------------------------------------------------------
# Classes and assignments


def assignable_exams(teacher) -> QuerySet[Exam]:
    """Exams the teacher may assign: own or co-authored, published, with questions."""
    return (
        exams_for_teacher(teacher)
        .filter(is_published=True)
        .annotate(question_count=Count("questions"))
        .filter(question_count__gt=0)
        .order_by("title")
    )


def has_read_aloud(attempt: Attempt) -> bool:
    """Whether the pupil of an attempt may use read-aloud: an accommodation of the
    attempt's assignment (for the whole class or for this pupil). Free practice has
    no assignment, so no teacher has granted it there."""
    assignment = attempt.assignment
    if assignment is None:
        return False
    return assignment.read_aloud_for_all or (
        ReadAloud.objects.filter(assignment=assignment, pupil_id=attempt.pupil_id).exists()
    )


def practice_assignment_for_pupil(*, exam: Exam, pupil, now: datetime | None = None):
    """The pupil's practice-mode assignment of this exam to work on now, or None.

    Starting the exam from the pupil's home continues it, so the attempt counts for
    the class: the one with an open attempt first, else the newest open one.
    """
    now = now or timezone.now()
    candidates = (
        assignments_for_pupil(pupil)
        .filter(exam=exam, mode=Assignment.Mode.PRACTICE)
        .annotate(
            has_open=Exists(
                Attempt.objects.filter(
                    assignment=OuterRef("pk"), pupil=pupil, submitted_at__isnull=True
                )
            )
        )
        .order_by("-has_open", "-created_at", "-pk")
    )
    for assignment in candidates:
        if assignment.has_open or rules.is_open(assignment=assignment, now=now):
            return assignment
    return None


def pupil_assignment_rows(*, pupil, now: datetime | None = None) -> list[tuple]:
    """(assignment, PupilView) for each of the pupil's assignments, newest first; 2 queries."""
    now = now or timezone.now()
    assignments = list(
        assignments_for_pupil(pupil)
        .select_related("exam", "classroom")
        .order_by("-created_at", "-pk")
    )
    attempts: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(
        pupil=pupil, assignment__in=[a.pk for a in assignments]
    ).order_by("pk"):
        attempts.setdefault(attempt.assignment_id, []).append(attempt)
    return [
        (a, rules.pupil_view(assignment=a, attempts=attempts.get(a.pk, []), now=now))
        for a in assignments
    ]


def open_assignments_for_teacher(teacher, now: datetime | None = None) -> QuerySet[Assignment]:
    """Assignments of the teacher's classes that pupils can work on now."""
    now = now or timezone.now()
    return (
        assignments_for_teacher(teacher)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("exam", "classroom")
        .order_by("closes_at", "-created_at")
    )


def assignments_of_exam_for_teacher(exam: Exam, teacher) -> QuerySet[Assignment]:
    """The teacher's own assignments of an exam, by class."""
    return (
        assignments_for_teacher(teacher)
        .filter(exam=exam)
        .select_related("classroom")
        .order_by("classroom__name", "pk")
    )


# ---------------------------------------------------------------------------
# Marking: the queue and the answers to mark


def _waiting() -> Q:
    """An answer waits for a teacher: handed in, flagged for review, not yet scored."""
    return Q(attempt__submitted_at__isnull=False, needs_review=True, scored_by__isnull=True)


def waiting_answers(assignment: Assignment) -> QuerySet[Answer]:
    return Answer.objects.filter(_waiting(), attempt__assignment=assignment)


def waiting_count_for_teacher(teacher) -> int:
    return answers_for_teacher(teacher).filter(_waiting()).count()


def waiting_counts_by_assignment(teacher) -> dict[int, int]:
    rows = (
        answers_for_teacher(teacher)
        .filter(_waiting())
        .values("attempt__assignment")
        .annotate(n=Count("pk"))
    )
    return {row["attempt__assignment"]: row["n"] for row in rows}


def queue_by_question(assignment: Assignment) -> list[Question]:
    """The exam's questions, each with `waiting` and `scored` counts; one query."""
    in_assignment = Q(
        answers__attempt__assignment=assignment, answers__attempt__submitted_at__isnull=False
    )
    return list(
        Question.objects.filter(exam_id=assignment.exam_id)
        .annotate(
            waiting=Count(
                "answers",
                filter=in_assignment
                & Q(answers__needs_review=True, answers__scored_by__isnull=True),
            ),
            scored=Count("answers", filter=in_assignment & Q(answers__scored_by__isnull=False)),
        )
        .order_by("number")
    )


def answers_to_mark(
    *, assignment: Assignment, question: Question, include_scored: bool = False
) -> list[Answer]:
    """The answers to one question in an assignment, waiting ones first, by pupil name."""
    answers = Answer.objects.filter(
        attempt__assignment=assignment,
        attempt__submitted_at__isnull=False,
        question=question,
    ).select_related("attempt__pupil", "scored_by")
    if not include_scored:
        answers = answers.filter(needs_review=True, scored_by__isnull=True)
    return list(
        answers.order_by(
            "scored_by",
            "attempt__pupil__last_name",
            "attempt__pupil__first_name",
            "attempt__pupil__username",
        )
    )


def model_elements(question: Question) -> list[dict]:
    """The answer-model elements as [{"index", "text", "points"}], for checkboxes
    (a kind with parts of its own, such as the gaps of a gap question, says which)."""
    own = kinds.get(question.kind).marking_elements
    if own is not None:
        return own(question.scoring or {})
    elements = (question.scoring or {}).get("elements", []) or []
    rows = []
    for index, element in enumerate(elements):
        if isinstance(element, dict):
            text = element.get("text") or element.get("description") or element.get("label", "")
            points = element.get("points", 1)
        else:
            text, points = str(element), 1
        rows.append({"index": index, "text": text, "points": points})
    return rows


def answers_of_attempt(attempt: Attempt) -> QuerySet[Answer]:
    """An attempt's answers in question order, with who scored them."""
    return (
        Answer.objects.filter(attempt=attempt)
        .select_related("question", "scored_by")
        .order_by("question__number")
    )


def teacher_elements(answer: Answer) -> list[int]:
    """The elements to show ticked: the teacher's, else the automatic proposal's."""
    feedback = answer.feedback or {}
    if "teacher_elements" in feedback:
        return list(feedback["teacher_elements"])
    return list((feedback.get("details") or {}).get("elements", []))


# ---------------------------------------------------------------------------
# Calibration: self-score against teacher score


@dataclass(frozen=True)
class Calibration:
    """How a pupil's (or a question's) self-scores compare with the teacher's.

    mean_difference > 0: self-scores are higher than the teacher's (over-estimation).
    """

    compared: int
    over: int
    under: int
    exact: int
    mean_difference: float | None
    mean_distance: float | None

    @property
    def tendency(self) -> str:
        if not self.compared or self.mean_difference is None:
            return "none"
        if self.mean_difference >= 0.25:
            return "over"
        if self.mean_difference <= -0.25:
            return "under"
        return "accurate"


def calibrated_answers(answers: QuerySet[Answer]) -> QuerySet[Answer]:
    """Answers with both a self-score and a teacher's score, with their difference."""
    return answers.filter(
        self_points__isnull=False, final_points__isnull=False, scored_by__isnull=False
    ).annotate(
        difference=F("self_points") - F("final_points"),
    )


def _calibration_aggregates() -> dict:
    # Cast before averaging: PostgreSQL would otherwise average integers as numeric
    # and SQLite as real; a float either way keeps the two alike.
    diff = Cast(F("self_points") - F("final_points"), FloatField())
    return {
        "compared": Count("pk"),
        "over": Count("pk", filter=Q(self_points__gt=F("final_points"))),
        "under": Count("pk", filter=Q(self_points__lt=F("final_points"))),
        "exact": Count("pk", filter=Q(self_points=F("final_points"))),
        "mean_difference": Avg(diff),
        "mean_distance": Avg(Abs(diff)),
    }


def _calibration(row: dict) -> Calibration:
    return Calibration(
        compared=row["compared"],
        over=row["over"],
        under=row["under"],
        exact=row["exact"],
        mean_difference=(
            float(row["mean_difference"]) if row["mean_difference"] is not None else None
        ),
        mean_distance=float(row["mean_distance"]) if row["mean_distance"] is not None else None,
    )


def calibration_total(answers: QuerySet[Answer]) -> Calibration:
    return _calibration(calibrated_answers(answers).aggregate(**_calibration_aggregates()))


def calibration_by_pupil(answers: QuerySet[Answer]) -> list[dict]:
    """One row per pupil: pupil fields and a Calibration; one query."""
    rows = (
        calibrated_answers(answers)
        .values(
            "attempt__pupil",
            "attempt__pupil__username",
            "attempt__pupil__first_name",
            "attempt__pupil__last_name",
        )
        .annotate(**_calibration_aggregates())
        .order_by("attempt__pupil__last_name", "attempt__pupil__first_name", "attempt__pupil")
    )
    return [
        {
            "pupil_id": row["attempt__pupil"],
            "username": row["attempt__pupil__username"],
            "name": f"{row['attempt__pupil__first_name']} {row['attempt__pupil__last_name']}".strip(),
            "calibration": _calibration(row),
        }
        for row in rows
    ]


def calibration_by_question(answers: QuerySet[Answer]) -> list[dict]:
    """One row per question: number, stem, maximum and a Calibration; one query."""
    rows = (
        calibrated_answers(answers)
        .values("question", "question__number", "question__stem", "question__max_points")
        .annotate(**_calibration_aggregates())
        .order_by("question__number", "question")
    )
    return [
        {
            "question_id": row["question"],
            "number": row["question__number"],
            "stem": row["question__stem"],
            "max_points": row["question__max_points"],
            "calibration": _calibration(row),
        }
        for row in rows
    ]
