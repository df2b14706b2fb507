"""Marking: the grading queue, a teacher's scores, and calibration of self-scores.

A teacher's score is final: it sets `final_points`, `scored_by` and `scored_at`,
and the attempt's total and grade are recomputed from the answers in the database
(exam/totals.py; which points count is exam/points.py).

Calibration compares what a pupil gave themselves (`self_points`) with what the
teacher gave (`final_points` on an answer with `scored_by` set), computed by the
database: difference = self - teacher, so a positive mean is over-estimation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import Avg, Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Abs, Cast
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from exam.models import Answer, Assignment, Question
from exam.scoring import element_points, length_deduction
from exam.totals import recompute_totals

OVERRIDE_REASON_MAX = 300


class MarkingError(Exception):
    """A score that cannot be accepted; the message is for the teacher."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------
# Access


def answers_for_teacher(user) -> QuerySet[Answer]:
    """Answers in attempts made for assignments to the teacher's own classes."""
    return Answer.objects.filter(attempt__assignment__classroom__teacher=user)


def get_answer_for_teacher(request, pk: int) -> Answer:
    """An answer the request's teacher may score, or 404."""
    return get_object_or_404(
        answers_for_teacher(request.user).select_related(
            "question", "attempt__pupil", "attempt__assignment", "attempt__exam"
        ),
        pk=pk,
    )


def get_question_in_assignment(assignment: Assignment, pk: int) -> Question:
    return get_object_or_404(Question.objects.filter(exam_id=assignment.exam_id), pk=pk)


# ---------------------------------------------------------------------------
# The queue


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


def answers_to_grade(
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
    """The answer-model elements as [{"index", "text", "points"}], for checkboxes."""
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


# ---------------------------------------------------------------------------
# Scoring by the teacher


def _check_scorable(answer: Answer) -> None:
    if answer.attempt.submitted_at is None:
        raise MarkingError(_("This attempt has not been handed in yet."))


def _save_teacher_score(*, answer: Answer, points: int, teacher, reason: str) -> Answer:
    answer.final_points = points
    answer.scored_by = teacher
    answer.scored_at = timezone.now()
    answer.needs_review = False
    answer.override_reason = reason
    answer.full_clean(
        exclude=["attempt", "question", "scored_by"],
        validate_unique=False,
        validate_constraints=False,
    )
    answer.save(
        update_fields=[
            "final_points",
            "scored_by",
            "scored_at",
            "needs_review",
            "override_reason",
            "feedback",
        ]
    )
    recompute_totals(attempts=[answer.attempt])
    return answer


@transaction.atomic
def grade_answer(*, answer: Answer, elements: list[int], teacher, reason: str = "") -> Answer:
    """Score an open answer by ticking the model elements it contains.

    The points follow the answer model's elements (exam/scoring.py element_points).
    A reason is kept when given (for example "by analogy").
    """
    _check_scorable(answer)
    question = answer.question
    available = model_elements(question)
    if not available:
        raise MarkingError(_("This question has no model elements; override the score instead."))
    chosen = sorted(set(elements))
    if any(not 0 <= i < len(available) for i in chosen):
        raise MarkingError(_("Unknown model element."))
    points = element_points(
        scoring=question.scoring, elements=chosen, max_points=question.max_points
    )
    if question.kind == Question.Kind.SUMMARY:
        # The answer model's cost of going over the word limit applies to the
        # teacher's score as it does to the automatic one.
        points -= length_deduction(
            question.scoring,
            response=answer.response,
            word_limit=question.word_limit,
            points=points,
        )
    feedback = dict(answer.feedback or {})
    feedback["teacher_elements"] = chosen
    answer.feedback = feedback
    return _save_teacher_score(
        answer=answer, points=points, teacher=teacher, reason=reason.strip()[:OVERRIDE_REASON_MAX]
    )


@transaction.atomic
def override_score(*, answer: Answer, points: int, reason: str, teacher) -> Answer:
    """Set any answer's score by hand, with a short reason kept beside it."""
    _check_scorable(answer)
    reason = (reason or "").strip()
    if not reason:
        raise MarkingError(_("Give a short reason for overriding the score."))
    if len(reason) > OVERRIDE_REASON_MAX:
        raise MarkingError(
            _("Keep the reason under %(max)d characters.") % {"max": OVERRIDE_REASON_MAX}
        )
    if not 0 <= points <= answer.question.max_points:
        raise MarkingError(
            _("The score must be between 0 and %(max)d.") % {"max": answer.question.max_points}
        )
    return _save_teacher_score(answer=answer, points=points, teacher=teacher, reason=reason)


@transaction.atomic
def confirm_self_score(*, answer: Answer, teacher) -> Answer:
    """Accept the pupil's self-score as the final score."""
    _check_scorable(answer)
    if answer.self_points is None:
        raise MarkingError(_("The pupil has not scored this answer."))
    feedback = dict(answer.feedback or {})
    feedback["teacher_elements"] = list(answer.self_elements or [])
    answer.feedback = feedback
    return _save_teacher_score(answer=answer, points=answer.self_points, teacher=teacher, reason="")


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
