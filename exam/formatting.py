"""Numbers as a teacher reads them: rounded once, half up, the same everywhere.

Pure: no Django. The results pages (the `number` template filter in
exam/templatetags/numbers.py), the charts (exam/results/plots.py) and the exports
(exam/results/exports.py) all round and write their numbers here, so a p-value of 2/3 is
0,67 in the item table, in the chart's data table and tooltip, in the CSV and in
the workbook.

The rule: round half up (a tie goes away from zero, as Excel and a teacher's
calculator do: 0.285 -> 0.29, -0.285 -> -0.29), once, at the precision shown.
Never truncate (5.452 is 5.5, not 5.4) and never round twice.

Exact values round exactly. Statistics arrive as int, Decimal, Fraction or float:

- a Fraction (2/3) or Decimal is rounded as it is;
- a float is read by its shortest repr, Decimal(repr(x)): the decimal the
  computation meant. The float nearest to 0.285 is 0.28499999999999997779...; its
  repr is "0.285", which rounds to 0.29. The figures are ratios of small whole
  numbers (passed / n) or square roots, and such a value cannot lie within a
  float's last digit of a tie without being the tie itself, so the repr is on the
  right side of every boundary that matters here;
- a share becomes a percentage by multiplying the exact value by 100 in Decimal,
  never in float (0.285 * 100 is 28.499999999999996 as a float).

Which quantity shows how many decimals is decided once, in FORMATS.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

Number = int | float | Decimal | Fraction

# What a missing figure (no attempts, no variance) reads as.
DASH = "–"


def exact(value: Number) -> Decimal | Fraction:
    """The value as an exact number: floats by their shortest repr.

    >>> exact(0.285)
    Decimal('0.285')
    """
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal | Fraction):
        raise TypeError(f"a number is needed, got {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"cannot show {value!r}")
        return Decimal(repr(value))
    if isinstance(value, Decimal) and not value.is_finite():
        raise ValueError(f"cannot show {value!r}")
    return Decimal(value)


def round_half_up(value: Number, places: int) -> Decimal:
    """`value` rounded to `places` decimals, a tie away from zero; never "-0".

    >>> round_half_up(Fraction(2, 3), 2), round_half_up(5.455, 1), round_half_up(-0.285, 2)
    (Decimal('0.67'), Decimal('5.5'), Decimal('-0.29'))
    """
    value = exact(value)
    if isinstance(value, Fraction):
        units = math.floor(abs(value) * 10**places + Fraction(1, 2))
        return Decimal(units if value >= 0 else -units).scaleb(-places)
    rounded = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # -0.001 rounds to -0.00, which would read as a negative number.
    return abs(rounded) if rounded.is_zero() else rounded


def percentage(share: Number, places: int = 0) -> Decimal:
    """A share (0.29) as a percentage (29), scaled exactly and rounded half up.

    >>> percentage(0.285), percentage(0.29), percentage(Fraction(1, 8), 1)
    (Decimal('29'), Decimal('29'), Decimal('12.5'))
    """
    return round_half_up(exact(share) * 100, places)


def _with_sign(rounded: Decimal, decimal_sign: str) -> str:
    return f"{rounded:f}".replace(".", decimal_sign)


def format_number(value: Number | None, places: int, *, decimal_sign: str = ",") -> str:
    """The value with `places` decimals and a decimal comma; a dash when None.

    >>> format_number(5.452, 1), format_number(None, 2)
    ('5,5', '–')
    """
    if value is None:
        return DASH
    return _with_sign(round_half_up(value, places), decimal_sign)


def format_percentage(share: Number | None, places: int = 0, *, decimal_sign: str = ",") -> str:
    """A share as a percentage: 0.29 -> "29%"; a dash when None."""
    if share is None:
        return DASH
    return _with_sign(percentage(share, places), decimal_sign) + "%"


@dataclass(frozen=True)
class NumberFormat:
    """How one kind of figure is shown: its decimals, and whether as a percentage.

    The same format gives the page's text, the CSV's text, the value stored in the
    workbook (rounded the same way, so a sum in Excel adds what the teacher sees)
    and the workbook's number format.
    """

    places: int
    is_percentage: bool = False

    def text(self, value: Number | None, *, decimal_sign: str = ",") -> str:
        if self.is_percentage:
            return format_percentage(value, self.places, decimal_sign=decimal_sign)
        return format_number(value, self.places, decimal_sign=decimal_sign)

    def value(self, value: Number | None) -> Decimal | None:
        """The number as shown; a percentage as its share (29% -> 0.29)."""
        if value is None:
            return None
        if self.is_percentage:
            return percentage(value, self.places).scaleb(-2)
        return round_half_up(value, self.places)

    @property
    def excel(self) -> str:
        """The Excel number format: "0.00", "0.0", "0%"."""
        decimals = "." + "0" * self.places if self.places else ""
        return f"0{decimals}%" if self.is_percentage else f"0{decimals}"


# One precision per quantity, wherever it is shown.
FORMATS: dict[str, NumberFormat] = {
    # p-values and the mean p of a group of questions.
    "p_value": NumberFormat(2),
    # RIT, RIR and the reliability coefficient.
    "correlation": NumberFormat(2),
    # The mean score on one question (a few points at most).
    "item_mean": NumberFormat(2),
    # Exam totals: mean score, standard deviation, SEM, mean rest score, and the
    # mean difference between self-scores and the teacher's.
    "score": NumberFormat(1),
    # Grades and the mean grade (a grade is a number with one decimal).
    "grade": NumberFormat(1),
    "n_term": NumberFormat(1),
    # Numbers of pupils and whole-number chart ticks.
    "count": NumberFormat(0),
    # Pass rates, the share choosing an option, the share of the points earned.
    "share": NumberFormat(0, is_percentage=True),
}
