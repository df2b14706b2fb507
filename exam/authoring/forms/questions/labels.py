"""How a question form labels its rows: letters or numbers, as the exam prints them.

A question's labels are its choices' labels (Choice.label), so the style is not stored
apart: a stored question shows the style its labels are written in. The form has a
radio per labelled list ("labels" for options and ordered items, "item_labels" and
"target_labels" for matching) and remembers, in a hidden field, the style its rows
were shown with. When the teacher picks another style, the posted key, keys, order or
pairs are relabelled by position (B becomes 2) with the kind's pure `relabel`
(exam/kinds/), so the question stays the same question under its new labels.

A question that has answers keeps its labels: the answers name the old ones.
"""

from __future__ import annotations

from crispy_forms.layout import HTML
from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exam.kinds.common import LOWER, NUMBER, UPPER, label_mapping, style_labels, style_of
from exam.models import Answer

OPTION_STYLES = [
    (UPPER, gettext_lazy("letters: A, B, C ...")),
    (NUMBER, gettext_lazy("numbers: 1, 2, 3 ...")),
]
MATCH_STYLES = [
    (UPPER, gettext_lazy("capitals: A, B, C ...")),
    (LOWER, gettext_lazy("small letters: a, b, c ...")),
    (NUMBER, gettext_lazy("numbers: 1, 2, 3 ...")),
]
MAX_LABELS = 26


# The submit button that shows the form again in the labels chosen (authoring.js
# presses it when a style radio changes; without JavaScript the teacher does).
RELABEL = "relabel"


def shown_name(name: str) -> str:
    return f"shown_{name}"


def relabel_button() -> HTML:
    """The "Apply the labels" button, after a form's style radios."""
    return HTML(
        format_html(
            '<button type="submit" name="{}" value="1" class="btn btn-sm btn-outline-secondary'
            ' js-relabel mb-3" formnovalidate>{}</button>',
            RELABEL,
            _("Apply the labels"),
        )
    )


class LabelStylesMixin:
    """For QuestionForm: label-style radios and the relabelling of posted data."""

    def add_label_style(self, name: str, *, role: str, choices, default: str, label) -> str:
        """Add the style radio `name` for the choices of `role`; return the style the
        rows are labelled in now (posted, else stored, else `default`)."""
        values = [value for value, _text in choices]
        stored = self.stored_style(role, default)
        self.fields[name] = forms.ChoiceField(
            label=label,
            choices=choices,
            initial=stored,
            widget=forms.RadioSelect,
            # Not posted (an older page): the style the rows were shown with.
            required=False,
        )
        self.fields[shown_name(name)] = forms.CharField(widget=forms.HiddenInput, required=False)
        if not hasattr(self, "label_styles"):
            self.label_styles: dict[str, tuple[str, str, str]] = {}
        if not self.is_bound:
            self.initial[shown_name(name)] = stored
            self.label_styles[name] = (role, stored, stored)
            return stored
        if self.data.get(RELABEL):
            # "Apply the labels": show the form again in the new labels, unjudged.
            self.adding_row = RELABEL
        shown = str(self.data.get(shown_name(name)) or "")
        shown = shown if shown in values else stored
        style = str(self.data.get(name) or "")
        style = style if style in values else shown
        self.data[name] = style
        self.data[shown_name(name)] = style
        self.label_styles[name] = (role, shown, style)
        return style

    def stored_style(self, role: str, default: str) -> str:
        """The style of the stored question's labels of `role` (default for a new one)."""
        if not self.instance.pk:
            return default
        if not hasattr(self, "_stored_labels"):
            self._stored_labels: dict[str, list[str]] = {}
            for c in sorted(self.instance.choices.all(), key=lambda c: c.position):
                self._stored_labels.setdefault(c.role, []).append(c.label)
        return style_of(self._stored_labels.get(role, []), default)

    def style_mapping(self, name: str) -> dict[str, str]:
        """Old label -> new label for a style just changed; empty when unchanged."""
        _role, shown, style = self.label_styles[name]
        if shown == style:
            return {}
        return label_mapping(style_labels(shown, MAX_LABELS), style_labels(style, MAX_LABELS))

    def relabel_posted(self, name: str, mapping: dict[str, str], *, multiple=False) -> None:
        """Relabel one posted field (a label, or several) by `mapping`."""
        if name not in self.data or not mapping:
            return
        if multiple:
            self.data.setlist(name, [mapping.get(v, v) for v in self.data.getlist(name)])
        else:
            value = str(self.data.get(name, ""))
            self.data[name] = mapping.get(value, value)

    def clean(self):
        cleaned = super().clean()
        self.check_label_styles()
        return cleaned

    def check_label_styles(self) -> None:
        """A question with answers keeps its labels (the answers name them)."""
        if not self.instance.pk or not getattr(self, "label_styles", None):
            return
        changed = [
            name
            for name, (role, _shown, style) in self.label_styles.items()
            if style != self.stored_style(role, style)
        ]
        if changed and Answer.objects.filter(question=self.instance).exists():
            for name in changed:
                self.add_error(
                    name,
                    _(
                        "This question has answers already, given with the old labels: "
                        "keep the labels."
                    ),
                )
