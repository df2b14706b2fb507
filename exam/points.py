"""Which points count, and an attempt's total and grade. Pure: values in, values out.

The one rule for every total in the app (submit, self-score, marking, overrides,
regrading, results, exports); exam/totals.py applies it to the database.

Per answer, the points that count (`counted_points`), in this order:

1. `final_points`, when set: a teacher's score, or the key's score of a closed question;
2. `self_points`, the pupil's own marking of an open or summary answer, but only where
   self-scores count: in practice. In exam mode never, because the results a teacher
   sees (total, grade, results page, exports) must not rest on what pupils gave
   themselves; there a self-score is kept only beside the other scores, for
   calibration;
3. `auto_points`, the computer's proposal;
4. else 0.

An attempt's total (`attempt_score`): every answer's counted points, each capped at its
question's maximum, added up; then the grade with the N-term (exam/grades.py). The cap
matters after a teacher lowers a question's maximum and keeps the earlier scores: a
kept 2 on a question now worth 1 counts 1, so the total never exceeds the maximum.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from exam.grades import grade


@dataclass(frozen=True)
class AttemptScore:
    total: int
    maximum: int
    grade: Decimal | None  # None for an attempt without points to earn


def counted_points(
    *,
    final_points: int | None,
    self_points: int | None,
    auto_points: int | None,
    self_counts: bool,
) -> int:
    """The points an answer adds to its attempt's total, before the cap.

    >>> counted_points(final_points=None, self_points=2, auto_points=1, self_counts=False)
    1
    """
    candidates = (final_points, self_points if self_counts else None, auto_points)
    return next((points for points in candidates if points is not None), 0)


def capped(points: int, max_points: int) -> int:
    """Points within 0 and the question's maximum."""
    return max(0, min(points, max_points))


def attempt_score(answers: Iterable[tuple[int, int]], *, n_term) -> AttemptScore:
    """Total and grade from (counted points, maximum) per question.

    >>> attempt_score([(1, 1), (2, 1)], n_term=Decimal("1.0"))
    AttemptScore(total=2, maximum=2, grade=Decimal('10.0'))

    (The second answer kept 2 points after its maximum went down to 1: it counts 1.)
    """
    total = maximum = 0
    for points, max_points in answers:
        total += capped(points, max_points)
        maximum += max_points
    if maximum <= 0:
        return AttemptScore(total=0, maximum=0, grade=None)
    return AttemptScore(
        total=total, maximum=maximum, grade=grade(score=total, max_score=maximum, n_term=n_term)
    )
