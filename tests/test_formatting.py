"""The one rounding rule: half up, once, at the precision shown. No database."""

from decimal import Decimal
from fractions import Fraction

import pytest

from exam.formatting import (
    FORMATS,
    format_number,
    format_percentage,
    round_half_up,
)


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        # Half up at the boundary, not to even and not truncated.
        (0.285, 2, "0.29"),  # the float is 0.28499999999999997...: read as 0.285
        (0.125, 2, "0.13"),  # exactly a tie in binary too; half-even would give 0.12
        (2.5, 0, "3"),
        (3.5, 0, "4"),
        (5.452, 1, "5.5"),  # Django's number_format cut this to 5.4
        (5.45, 1, "5.5"),
        (5.449, 1, "5.4"),
        (5.455, 2, "5.46"),
        (5.455, 1, "5.5"),
        (Fraction(2, 3), 2, "0.67"),
        (2 / 3, 2, "0.67"),
        (Fraction(1, 8), 2, "0.13"),
        (Fraction(-1, 8), 2, "-0.13"),
        # Negatives: the tie goes away from zero, as in Excel.
        (-0.285, 2, "-0.29"),
        (-0.284, 2, "-0.28"),
        (-2.5, 0, "-3"),
        # A small negative rounds to 0, never "-0".
        (-0.001, 2, "0.00"),
        (Fraction(-1, 1000), 2, "0.00"),
        (Decimal("7.35"), 1, "7.4"),
        (7, 1, "7.0"),
        (0, 2, "0.00"),
    ],
)
def test_it_rounds_half_up_once(value, places, expected):
    assert round_half_up(value, places) == Decimal(expected)
    assert str(round_half_up(value, places)) == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        (0.29, "29%"),  # 0.29 * 100 is 28.999999999999996 as a float
        (0.285, "29%"),  # and 0.285 * 100 is 28.499999999999996
        (Fraction(2, 7), "29%"),  # 28.57...
        (0.284, "28%"),
        (Fraction(1, 8), "13%"),
        (1, "100%"),
        (0, "0%"),
        (None, "–"),
    ],
)
def test_a_share_reads_as_a_whole_percentage_rounded_half_up(share, expected):
    assert format_percentage(share) == expected


@pytest.mark.parametrize(
    ("value", "places", "sign", "expected"),
    [
        (5.452, 1, ",", "5,5"),
        (2 / 3, 2, ",", "0,67"),
        (2 / 3, 2, ".", "0.67"),
        (-0.125, 2, ",", "-0,13"),
        (None, 2, ",", "–"),
        (12, 0, ",", "12"),
    ],
)
def test_it_writes_a_decimal_comma_or_point(value, places, sign, expected):
    assert format_number(value, places, decimal_sign=sign) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN")])
def test_it_refuses_what_is_not_a_number_rather_than_show_it(value):
    with pytest.raises(ValueError):
        round_half_up(value, 2)


def test_a_boolean_is_not_a_number():
    with pytest.raises(TypeError):
        round_half_up(True, 0)


@pytest.mark.parametrize(
    ("name", "value", "text", "stored", "excel"),
    [
        ("p_value", Fraction(2, 3), "0,67", Decimal("0.67"), "0.00"),
        ("grade", 5.455, "5,5", Decimal("5.5"), "0.0"),
        ("item_mean", 5.455, "5,46", Decimal("5.46"), "0.00"),
        ("share", 0.29, "29%", Decimal("0.29"), "0%"),
        ("share", 0.285, "29%", Decimal("0.29"), "0%"),
    ],
)
def test_a_format_gives_the_same_number_as_text_as_stored_value_and_to_excel(
    name, value, text, stored, excel
):
    number_format = FORMATS[name]
    assert number_format.text(value) == text
    assert number_format.value(value) == stored
    assert number_format.excel == excel
