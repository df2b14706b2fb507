"""Marking: a teacher judges an answer, by its model elements, by hand, or by
accepting the pupil's self-score.

The question's length rules (a word limit, "in volledige zinnen") apply to a marker's
ticks as to the automatic score (exam/kinds/elements.py, marked_points). Whether the
answer is in full sentences is the computer's proposal until the marker confirms or
flips it: the confirmed value is kept in `Answer.feedback["teacher_full_sentences"]`
and decides the final points. A score set by hand (override) is final as given: it
is marked `feedback["overridden"]`, so the pages do not show deductions it did not
make.

A teacher's score is final: it sets `final_points`, `scored_by` and `scored_at`,
and the attempt's total and grade are recomputed from the answers in the database
(exam/totals.py; which points count is exam/points.py). The queue and calibration
are reads: exam/selectors.py.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exam.models import Answer
from exam.scoring import sentences_judgement, ticked_points
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


def _marked(answer: Answer, elements: list[int], full_sentences: bool | None) -> int:
    """The points for ticked elements after the length rules; records the judgement on
    full sentences (the marker's, else the one confirmed before, else the proposal)."""
    question = answer.question
    scoring = question.scoring or {}
    feedback = dict(answer.feedback or {})
    judged = None
    if isinstance(scoring.get("full_sentences"), dict):
        proposal, confirmed = sentences_judgement(feedback, answer.response)
        judged = next(v for v in (full_sentences, confirmed, proposal) if v is not None)
        feedback["teacher_full_sentences"] = judged
    points = ticked_points(
        kind=question.kind,
        scoring=scoring,
        elements=elements,
        max_points=question.max_points,
        response=answer.response,
        word_limit=question.word_limit,
        in_full_sentences=judged,
    )
    feedback["teacher_elements"] = elements
    feedback.pop("overridden", None)
    answer.feedback = feedback
    return points


@transaction.atomic
def mark_answer(
    *,
    answer: Answer,
    elements: list[int],
    teacher,
    reason: str = "",
    full_sentences: bool | None = None,
) -> Answer:
    """Score an open answer by ticking the model elements it contains.

    The points follow the answer model's elements (exam/scoring.py element_points),
    minus what the question's length rules take. `full_sentences` is the marker's
    judgement (None keeps the one confirmed before, else the computer's proposal).
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
    points = _marked(answer, chosen, full_sentences)
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
    answer.feedback = {**(answer.feedback or {}), "overridden": True}
    return _save_teacher_score(answer=answer, points=points, teacher=teacher, reason=reason)


@transaction.atomic
def confirm_self_score(*, answer: Answer, teacher, full_sentences: bool | None = None) -> Answer:
    """Accept the pupil's self-score (the elements the pupil ticked) as the final score.

    The length rules apply as to the pupil's own count; a marker who flips the
    proposal on full sentences (`full_sentences`) changes the points accordingly.
    """
    _check_scorable(answer)
    if answer.self_points is None:
        raise MarkingError(_("The pupil has not scored this answer."))
    available = len(model_elements(answer.question))
    elements = sorted(
        {i for i in answer.self_elements or [] if isinstance(i, int) and 0 <= i < available}
    )
    if available:
        points = _marked(answer, elements, full_sentences)
    else:
        answer.feedback = {**(answer.feedback or {}), "teacher_elements": elements}
        points = answer.self_points
    return _save_teacher_score(answer=answer, points=points, teacher=teacher, reason="")
