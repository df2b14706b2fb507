"""Marking: a teacher judges an answer, by its model elements, by hand, or by
accepting the pupil's self-score.

A teacher's score is final: it sets `final_points`, `scored_by` and `scored_at`,
and the attempt's total and grade are recomputed from the answers in the database
(exam/totals.py; which points count is exam/points.py). The queue and calibration
are reads: exam/selectors.py.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exam.kinds.parts import marked_points
from exam.models import Answer, Question
from exam.scoring import length_deduction, ticked_points
from exam.selectors import model_elements
from exam.totals import recompute_totals

OVERRIDE_REASON_MAX = 300


class MarkingError(Exception):
    """A score that cannot be accepted; the message is for the teacher."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
def mark_answer(*, answer: Answer, elements: list[int], teacher, reason: str = "") -> Answer:
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
    points = ticked_points(
        kind=question.kind,
        scoring=question.scoring,
        elements=chosen,
        max_points=question.max_points,
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
    elif question.kind == Question.Kind.PARTS:
        # Per part: the ticked elements of a part over its word limit lose points.
        points = marked_points(
            question.scoring,
            elements=chosen,
            response=answer.response,
            max_points=question.max_points,
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
