"""The results figures on a page: `{{ q.stats.p|number:"p_value" }}` -> "0,67".

A thin wrapper around exam/results/labels.py::show (exam/formatting.py): the quantity names the precision
(formatting.FORMATS) and the active language gives the decimal sign, a comma in
Dutch and a point in English. The charts (exam/results/plots.py) use `show` too, so a
chart's tooltip and data table read as the table beside it.
"""

from django import template

from exam.results.labels import FLAG_LABELS, SD_NOTE, show

register = template.Library()
register.filter("number", show)


@register.filter
def flag_label(flag: str) -> str:
    """The name of a flag ("too_hard" -> "te moeilijk"), as the exports name it."""
    return FLAG_LABELS[flag]


@register.simple_tag
def sd_note() -> str:
    """Which standard deviation the page shows (divided by n), for its tooltip."""
    return SD_NOTE
