"""Results per pupil: the pupils of an assignment, and one pupil's overview."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
)

from exam import visibility
from exam.models import (
    Answer,
    Assignment,
    Attempt,
    Membership,
    Question,
)
from exam.results.queries import (
    ANSWER_POINTS,
    counted_attempts_for_assignment,
    submitted_attempts_for_assignment,
)
from exam.selectors import Calibration, calibration_total

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
    calibration: Calibration


def pupil_overview(attempts: QuerySet[Attempt]) -> PupilOverview:
    """Attempts over time, points per question kind and self- against teacher scores.

    Four queries, whatever the number of attempts.
    """

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


def attempts_for_teacher(*, pupil, teacher) -> QuerySet[Attempt]:
    """The pupil's handed-in attempts for assignments to the teacher's own classes."""
    return Attempt.objects.filter(
        pupil=pupil, submitted_at__isnull=False, assignment__classroom__teacher=teacher
    )
