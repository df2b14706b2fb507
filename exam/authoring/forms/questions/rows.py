"""Repeated rows of a question form (options, statements, items, targets, answer-model
elements, score-table rows) as Django formsets.

A form shows every stored row and at least one empty row more, and any number can
be added: the "add" button of a list is a submit button (name "more", value the
formset's prefix) that shows the form again with one more row, so nothing needs
JavaScript. Every row is cleaned, also an unchanged one (a score of 0 counts), and
every row field is optional: the question form decides which rows are filled and
puts its messages on the row to fix. templates/exam/authoring/_rows.html and
_score_table.html render them.
"""

from __future__ import annotations

from collections.abc import Callable

from crispy_forms.layout import LayoutObject
from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy, pgettext_lazy

from exam.kinds.common import LOWER, NUMBER, UPPER, style_labels

# Labels run A-Z, a-z or 1-26 (exam/kinds/common.py, the label styles); lists of
# numbered rows are kept to the same length.
MAX_ROWS = 26

COUNT = "count"  # score-table rows: 0, 1, 2 ...

__all__ = ["COUNT", "LOWER", "MAX_ROWS", "NUMBER", "UPPER"]

# Django's own message (and translation) for a missing value.
REQUIRED = forms.Field.default_error_messages["required"]


def row_label(style: str, index: int) -> str:
    """The label of the row at `index` (from 0): A, a, 1, or 0 for score-table rows."""
    if style == COUNT:
        return str(index)
    if style == NUMBER:
        return str(index + 1)
    return style_labels(style, index + 1)[index]


def row_labels(style: str, count: int) -> list[str]:
    return [row_label(style, index) for index in range(min(count, MAX_ROWS))]


def small_number(label, *, initial=None, min_value=0, max_value=99, help_text=""):
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=min_value,
        max_value=max_value,
        required=False,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"class": "form-control-sm authoring-number"}),
    )


def grow(extra: str = "") -> forms.Textarea:
    """A one-line textarea that grows with its text (CSS field-sizing)."""
    return forms.Textarea(attrs={"rows": 1, "class": f"authoring-grow {extra}".strip()})


class Rows(forms.BaseFormSet):
    """A formset whose every row is cleaned and carries its label (row.label)."""

    legend = ""
    add_label = ""
    css_class = ""
    hint = ""
    # The score table: where authoring.js counts the rows it shows.
    count_source = ""
    label_style = UPPER

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": False}

    @property
    def labels(self) -> list[str]:
        return row_labels(self.label_style, self.total_form_count())


class ContentRow(forms.Form):
    """An option, an ordered item or a target: its text."""

    content = forms.CharField(required=False, max_length=1000, widget=grow("js-count"))


class TargetRow(ContentRow):
    content = forms.CharField(required=False, max_length=1000, widget=grow())


class StatementRow(ContentRow):
    # The question's pair of answer words (stored as such); the statements form sets
    # the choices to its pair, juist/onjuist unless it names another.
    answer = forms.ChoiceField(
        label=gettext_lazy("Answer"),
        choices=[("", "—"), ("juist", "juist"), ("onjuist", "onjuist")],
        required=False,
    )


class ItemRow(ContentRow):
    """An item to match and the target it belongs to, or (several targets per item)
    the targets it belongs to: a row of checkboxes, one per target."""

    pair = forms.ChoiceField(label=gettext_lazy("belongs to"), required=False)
    links = forms.MultipleChoiceField(
        label=gettext_lazy("belongs to"),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "js-link"}),
    )

    def __init__(self, *args, targets: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pair"].choices = [("", "—")] + [(t, t) for t in targets or []]
        self.fields["links"].choices = [(t, t) for t in targets or []]


class ElementRow(forms.Form):
    """One point-earning element of an open answer or a summary."""

    text = forms.CharField(required=False, max_length=1000, widget=grow())
    points = small_number(pgettext_lazy("points of an element", "Points"), initial=1, min_value=1)
    keywords = forms.CharField(label=gettext_lazy("Keywords"), required=False, max_length=500)


class ScoreRow(forms.Form):
    """The points for one number of right answers."""

    points = small_number("", initial=0)


def make_rows(
    row_form: type[forms.Form],
    *,
    prefix: str,
    data,
    initial: list[dict],
    count: int,
    label_style: str,
    label_format: Callable[[str], str] | None = None,
    targets: list[str] | None = None,
) -> Rows:
    """A formset of `count` rows (bound: as many as were posted), the first ones
    filled from `initial`, each row's main field labelled."""
    formset_class = forms.formset_factory(
        row_form,
        formset=Rows,
        extra=max(count - len(initial), 0),
        max_num=MAX_ROWS,
        absolute_max=MAX_ROWS,
    )
    formset = formset_class(
        data=data,
        initial=initial or None,
        prefix=prefix,
        form_kwargs={} if targets is None else {"targets": targets},
    )
    formset.label_style = label_style
    main = next(iter(row_form.base_fields))
    for row, label in zip(formset.forms, formset.labels, strict=False):
        row.label = label
        row.fields[main].label = label_format(label) if label_format else label
    return formset


class RowsBlock(LayoutObject):
    """Where a formset of the form stands in its crispy layout; a template renders it."""

    def __init__(self, prefix: str, template: str = "exam/authoring/_rows.html"):
        self.prefix = prefix
        self.template = template
        self.fields = []

    def render(self, form, context, **kwargs):
        return render_to_string(self.template, {"formset": form.formsets[self.prefix]})
