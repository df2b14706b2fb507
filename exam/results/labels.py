"""The names of the results' figures, flags and question kinds: one source.

The page, the charts and the exports name a thing the same way. The page shows
these labels in the user's language; the exports' headers are Dutch whatever the
UI language (a file is a format), and take that Dutch from the same labels with
`in_dutch`, so "Standaarddeviatie" on the page is "Standaarddeviatie" in Excel.
A question kind's name is its Question.Kind label.
"""

from django.utils import translation
from django.utils.formats import get_format
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from exam.formatting import FORMATS, Number
from exam.models import Question
from exam.results.item_statistics import (
    FLAG_DISTRACTOR_BEATS_KEY,
    FLAG_LOW_RIR,
    FLAG_TOO_EASY,
    FLAG_TOO_HARD,
)

FLAG_LABELS = {
    FLAG_TOO_HARD: _("too hard"),
    FLAG_TOO_EASY: _("too easy"),
    FLAG_LOW_RIR: _("low RIR"),
    FLAG_DISTRACTOR_BEATS_KEY: _("distractor draws better pupils"),
}

# The population standard deviation, and why (docs/results.md, exam/results/item_statistics.py).
SD_NOTE = _(
    "Divided by n, the number of pupils: the spread within this group (Excel's STDEV.P). "
    "Excel's STDEV.S and SPSS divide by n − 1 and give a slightly larger value, "
    "about 2% more for a class of 25."
)


def kind_label(kind: str) -> Promise | str:
    """The name of a question kind, as the authoring pages show it."""
    try:
        return Question.Kind(kind).label
    except ValueError:
        return kind


def in_dutch(label: Promise | str) -> str:
    """A label as the Dutch UI shows it, for the exports' fixed Dutch headers."""
    with translation.override("nl"):
        return str(label)


def show(value: Number | None, quantity: str) -> str:
    """A figure as the page shows it (see formatting.FORMATS), with the active
    language's decimal sign (a comma in Dutch, a point in English); a dash when None.
    The page's `number` filter and the charts both use it."""
    return FORMATS[quantity].text(value, decimal_sign=get_format("DECIMAL_SEPARATOR"))
