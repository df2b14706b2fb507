"""Turn a score into a grade with the central exam's N-term rule.

Pure: numbers in, a Decimal out, no Django.

The rule (CvTE): C = 9.0 * S / L + N, with S the score, L the maximum score and N the
norm term (0.0-2.0). The N-term shifts the whole line, but two boundaries keep the
ends where they belong, so 0 points is always 1.0 and full marks always 10.0:

- when N > 1: C <= 1 + 2 * (9/L) * S  and  C <= 10 - 0.5 * (9/L) * (L - S)
- when N < 1: C >= 1 + 0.5 * (9/L) * S  and  C >= 10 - 2 * (9/L) * (L - S)

The grade is rounded half up to one decimal, only at the end: every step before that is
exact (fractions), because rounding early turns 9.35 into 9.3 on some inputs.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction

MIN_N_TERM = Fraction(0)
MAX_N_TERM = Fraction(2)


def _exact(value: int | Decimal | float | str, name: str) -> Fraction:
    if isinstance(value, bool):
        raise ValueError(f"{name} must be a number, not a boolean")
    if isinstance(value, float):
        # A float such as 0.1 is not exactly 0.1; its shortest repr is what was meant.
        value = repr(value)
    try:
        decimal = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not decimal.is_finite():
        raise ValueError(f"{name} must be a finite number, got {value!r}")
    return Fraction(decimal)


def grade(*, score: int | Decimal, max_score: int, n_term: Decimal | float) -> Decimal:
    """The grade for `score` out of `max_score` with norm term `n_term`.

    >>> grade(score=88, max_score=90, n_term=Decimal("0.6"))
    Decimal('9.6')

    (9 * 88 / 90 + 0.6 = 9.4, but for N < 1 the grade is at least
    10 - 2 * (9/90) * (90 - 88) = 9.6.)
    """
    s = _exact(score, "score")
    ell = _exact(max_score, "max_score")
    n = _exact(n_term, "n_term")
    if ell <= 0:
        raise ValueError(f"max_score must be positive, got {max_score!r}")
    if s < 0 or s > ell:
        raise ValueError(f"score must be between 0 and {max_score}, got {score!r}")
    if not MIN_N_TERM <= n <= MAX_N_TERM:
        raise ValueError(f"n_term must be between 0.0 and 2.0, got {n_term!r}")

    step = Fraction(9) / ell
    c = step * s + n
    if n > 1:
        c = min(c, 1 + 2 * step * s, 10 - Fraction(1, 2) * step * (ell - s))
    elif n < 1:
        c = max(c, 1 + Fraction(1, 2) * step * s, 10 - 2 * step * (ell - s))
    # Half up on a positive number: floor(10c + 1/2) tenths.
    tenths = math.floor(c * 10 + Fraction(1, 2))
    return (Decimal(tenths) / 10).quantize(Decimal("0.1"))
