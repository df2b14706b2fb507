"""Regrading: what changing a question with submitted answers does to their scores.

Regrading is never silent. When a question with submitted answers changes in a way
that can change scores (kind data, points, word limit, choices, text),
exam.authoring.services.update_question needs an explicit decision: REGRADE
rescores every submitted answer and updates the attempts' totals and grades
(exam/totals.py, the same service as every other score change); KEEP leaves every
stored score as it is, and only answers submitted from then on are scored with the
new version. Without a decision it raises RegradeDecisionNeeded with a summary of
what regrading would change. A score a teacher set by hand (`scored_by`) is kept
when regrading; it is only lowered to the new maximum if the maximum drops below it.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from exam.authoring.checks import QuestionData, booklet_facts
from exam.models import Answer, Question
from exam.points import capped, counted_points
from exam.references import Booklet
from exam.scoring import element_points, score_response
from exam.totals import answer_points, attempt_scores, self_points_count

REGRADE = "regrade"
KEEP = "keep"


@dataclass(frozen=True)
class AnswerChange:
    pupil: str
    old_points: int
    new_points: int


@dataclass
class RegradeSummary:
    """What regrading a question's submitted answers would change."""

    answers: int = 0
    higher: int = 0
    lower: int = 0
    unchanged: int = 0
    # Answers a teacher scored by hand: their score stays.
    kept_manual: int = 0
    # Manual scores above a lowered maximum, brought down to it.
    capped_manual: int = 0
    attempts: int = 0
    attempts_changed: int = 0
    changes: list[AnswerChange] = field(default_factory=list)

    @property
    def changes_scores(self) -> bool:
        return bool(self.higher or self.lower or self.attempts_changed)


class RegradeDecisionNeeded(Exception):
    """The question has submitted answers and the change can alter their scores."""

    def __init__(self, summary: RegradeSummary) -> None:
        super().__init__(f"{summary.answers} answers")
        self.summary = summary


def change_fingerprint(data: QuestionData) -> str:
    """A short hash of what decides scores, so a regrade choice applies to the change
    whose summary the teacher saw, not to one made after it."""
    payload = json.dumps(
        [
            data.kind,
            data.text.pk,
            data.scoring,
            data.max_points,
            data.word_limit,
            [[c.role, c.label] for c in data.choices],
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(payload.encode()).hexdigest()[:16]


def scoring_inputs(data: QuestionData) -> tuple:
    return (
        data.kind,
        data.text.pk,
        data.scoring,
        data.max_points,
        data.word_limit,
        sorted((c.role, c.label) for c in data.choices),
    )


def _submitted_answers(question: Question):
    return list(
        Answer.objects.filter(question=question, attempt__submitted_at__isnull=False)
        .select_related("attempt__pupil", "attempt__assignment", "question")
        .order_by("attempt__pupil__username", "pk")
    )


@dataclass
class _Rescored:
    answer: Answer
    old_counted: int
    fields: dict


def _rescore(answers: list[Answer], data: QuestionData, booklet: Booklet) -> list[_Rescored]:
    """The new scoring fields of each answer, following exam.services' rules."""
    result = []
    for answer in answers:
        score = score_response(
            kind=data.kind,
            scoring=data.scoring,
            max_points=data.max_points,
            response=answer.response,
            lines=list(booklet.lines),
            word_limit=data.word_limit,
        )
        fields = {
            "auto_points": score.points,
            "feedback": {"codes": list(score.feedback), "details": dict(score.details)},
        }
        if answer.scored_by_id is not None:
            # A teacher's score stands; only a lower maximum can bring it down.
            fields["final_points"] = min(answer.final_points or 0, data.max_points)
        else:
            fields["needs_review"] = score.needs_review
            fields["final_points"] = None if score.needs_review else score.points
        if answer.self_elements:
            elements = data.scoring.get("elements") or []
            if all(isinstance(i, int) and 0 <= i < len(elements) for i in answer.self_elements):
                fields["self_points"] = element_points(
                    scoring=data.scoring,
                    elements=list(answer.self_elements),
                    max_points=data.max_points,
                )
            else:
                # The elements the pupil ticked no longer exist: the self-score lapses.
                fields["self_elements"] = []
                fields["self_points"] = None
        self_counts = self_points_count(answer.attempt)
        result.append(_Rescored(answer, answer_points(answer, self_counts=self_counts), fields))
    return result


def plan_regrade(question: Question, data: QuestionData, booklet: Booklet):
    answers = _submitted_answers(question)
    rescored = _rescore(answers, data, booklet)
    summary = RegradeSummary(answers=len(answers))
    for item in rescored:
        new = capped(
            counted_points(
                final_points=item.fields["final_points"],
                self_points=item.fields.get("self_points", item.answer.self_points),
                auto_points=item.fields["auto_points"],
                self_counts=self_points_count(item.answer.attempt),
            ),
            data.max_points,
        )
        if item.answer.scored_by_id is not None:
            summary.kept_manual += 1
            if item.fields["final_points"] != item.answer.final_points:
                summary.capped_manual += 1
        if new > item.old_counted:
            summary.higher += 1
        elif new < item.old_counted:
            summary.lower += 1
        else:
            summary.unchanged += 1
        if new != item.old_counted:
            pupil = item.answer.attempt.pupil
            summary.changes.append(
                AnswerChange(
                    pupil=pupil.get_full_name() or pupil.username,
                    old_points=item.old_counted,
                    new_points=new,
                )
            )
    attempts = {item.answer.attempt_id: item.answer.attempt for item in rescored}
    changes = {item.answer.pk: {**item.fields, "max_points": data.max_points} for item in rescored}
    scores = attempt_scores(attempts, changes=changes)
    updated_attempts = [
        attempt
        for attempt_id, attempt in attempts.items()
        if (attempt.total_points, attempt.grade)
        != (scores[attempt_id].total, scores[attempt_id].grade)
    ]
    summary.attempts = len(attempts)
    summary.attempts_changed = len(updated_attempts)
    return summary, rescored, list(attempts.values())


def regrade_summary(*, question: Question, data: QuestionData) -> RegradeSummary:
    """What regrading the question's submitted answers with `data` would change."""
    summary, _rescored, _attempts = plan_regrade(question, data, booklet_facts(data.text))
    return summary


def apply_regrade(rescored: list[_Rescored]) -> None:
    by_fields: dict[tuple[str, ...], list[Answer]] = defaultdict(list)
    for item in rescored:
        for name, value in item.fields.items():
            setattr(item.answer, name, value)
        by_fields[tuple(sorted(item.fields))].append(item.answer)
    for names, answers in by_fields.items():
        Answer.objects.bulk_update(answers, list(names))
