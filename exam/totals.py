"""An attempt's total and grade from its answers in the database: the one service.

The rule is exam/points.py (which points count; each capped at its question's maximum;
then the grade). This module applies it:

- `recompute_totals` is the only writer of Attempt.total_points and Attempt.grade; it
  runs after everything that can change them: submitting, a pupil's self-score, a
  teacher's score or override, a regrade;
- `COUNTED_POINTS` is the same rule as a database expression, for the sums of
  exam/results/analysis.py and the exports, so the points per question there add up to the
  stored total.

The maximum of an attempt is the sum over the questions it has answers for: submitting
gives every question of the exam an answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Cast, Coalesce, Least

from exam.models import Answer, Assignment, Attempt
from exam.points import AttemptScore, attempt_score, capped, counted_points

__all__ = [
    "COUNTED_POINTS",
    "answer_points",
    "attempt_scores",
    "recompute_totals",
    "self_points_count",
]

TOTAL_FIELDS = ["total_points", "grade"]


def self_points_count(attempt: Attempt) -> bool:
    """Whether the pupil's self-scores count in this attempt's total: not in exam mode."""
    return attempt.assignment_id is None or attempt.assignment.mode != Assignment.Mode.EXAM


def answer_points(answer: Answer, *, self_counts: bool) -> int:
    """The points `answer` adds to its attempt's total (capped at the maximum)."""
    return capped(
        counted_points(
            final_points=answer.final_points,
            self_points=answer.self_points,
            auto_points=answer.auto_points,
            self_counts=self_counts,
        ),
        answer.question.max_points,
    )


# exam/points.py counted_points and capped, on an Answer queryset. The Cast keeps
# PostgreSQL from multiplying two smallints into an overflow in the analysis' sums.
COUNTED_POINTS = Cast(
    Least(
        Case(
            When(
                attempt__assignment__mode=Assignment.Mode.EXAM,
                then=Coalesce("final_points", "auto_points", Value(0)),
            ),
            default=Coalesce("final_points", "self_points", "auto_points", Value(0)),
        ),
        F("question__max_points"),
    ),
    IntegerField(),
)


def attempt_scores(
    attempt_ids: Iterable[int], *, changes: Mapping[int, Mapping] | None = None
) -> dict[int, AttemptScore]:
    """Total, maximum and grade per attempt from its stored answers; one query.

    `changes` maps an answer's pk to fields that replace the stored ones before
    counting ("final_points", "self_points", "auto_points", "max_points"): what a
    regrade would do, computed before anything is written.
    """
    changes = changes or {}
    rows = Answer.objects.filter(attempt_id__in=list(attempt_ids)).values_list(
        "pk",
        "attempt_id",
        "final_points",
        "self_points",
        "auto_points",
        "question__max_points",
        "attempt__assignment__mode",
        "attempt__exam__n_term",
    )
    per_attempt: dict[int, list[tuple[int, int]]] = {}
    n_terms = {}
    for pk, attempt_id, final, own, auto, max_points, mode, n_term in rows:
        values = {
            "final_points": final,
            "self_points": own,
            "auto_points": auto,
            "max_points": max_points,
        }
        values.update(changes.get(pk, {}))
        points = counted_points(
            final_points=values["final_points"],
            self_points=values["self_points"],
            auto_points=values["auto_points"],
            self_counts=mode != Assignment.Mode.EXAM,
        )
        per_attempt.setdefault(attempt_id, []).append((points, values["max_points"]))
        n_terms[attempt_id] = n_term
    return {
        attempt_id: attempt_score(answers, n_term=n_terms[attempt_id])
        for attempt_id, answers in per_attempt.items()
    }


def recompute_totals(
    *, attempts: Iterable[Attempt], also_save: Iterable[str] = ()
) -> list[Attempt]:
    """Set each attempt's total and grade from its answers and save them.

    Returns the attempts whose total or grade changed (all of them are updated in
    memory). `also_save` names other fields of the attempts to write in the same
    save (submitting sets `submitted_at`). Two queries for one attempt or many.
    """
    attempts = list(attempts)
    if not attempts:
        return []
    scores = attempt_scores(a.pk for a in attempts)
    changed = []
    for attempt in attempts:
        score = scores.get(attempt.pk, AttemptScore(total=0, maximum=0, grade=None))
        if (attempt.total_points, attempt.grade) != (score.total, score.grade):
            changed.append(attempt)
        attempt.total_points = score.total
        attempt.grade = score.grade
    fields = TOTAL_FIELDS + list(also_save)
    if len(attempts) == 1:
        attempts[0].save(update_fields=fields)
    else:
        Attempt.objects.bulk_update(attempts, fields)
    return changed
