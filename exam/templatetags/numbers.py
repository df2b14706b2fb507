"""The results figures on a page: `{{ q.stats.p|number:"p_value" }}` -> "0,67".

A thin wrapper around exam/formatting.py: the quantity names the precision
(formatting.FORMATS) and the active language gives the decimal sign, a comma in
Dutch and a point in English. The charts (exam/results/plots.py) use `show` too, so a
chart's tooltip and data table read as the table beside it.
"""

from django import template
from django.utils.formats import get_format

from exam.formatting import FORMATS, Number
from exam.results.labels import FLAG_LABELS, SD_NOTE

register = template.Library()


def decimal_sign() -> str:
    return get_format("DECIMAL_SEPARATOR")


@register.filter("number")
def show(value: Number | None, quantity: str) -> str:
    """The value as `quantity` is shown (see formatting.FORMATS); a dash when None."""
    return FORMATS[quantity].text(value, decimal_sign=decimal_sign())


@register.filter
def flag_label(flag: str) -> str:
    """The name of a flag ("too_hard" -> "te moeilijk"), as the exports name it."""
    return FLAG_LABELS[flag]


@register.simple_tag
def sd_note() -> str:
    """Which standard deviation the page shows (divided by n), for its tooltip."""
    return SD_NOTE
