"""The part every question form shares: the common fields, the rows (formsets), the
score table, the checks against the booklet and the regrade choice.

A question form shows only its kind's fields. It turns them into the stored shape
(Question.scoring and the choices, as docs/question-kinds.md describes) in
`build()`, reporting only what is genuinely the form's (a field that cannot be read,
a row filled out of order). Every rule about the question itself is checked once,
by exam.authoring.checks.question_problems (the references, and the kind's
`validate` in exam/kinds/): the form shows each problem's message from
exam/problems.py's one table on the field or row the problem's field names, so a
reference beyond the text ("regel 120" on a 109-line text) or a key that is not an
option is an error on the field that holds it.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exam import problems
from exam.authoring.checks import QuestionData, booklet_facts, question_problems
from exam.authoring.forms.questions.rows import Rows, make_rows
from exam.authoring.forms.questions.score_table import MODE_TABLE, ScoreTableMixin
from exam.authoring.regrade import KEEP, REGRADE, change_fingerprint
from exam.models import Exam, Question
from exam.references import Booklet, format_line_ranges, parse_line_ranges
from texts.models import Text

MODE_PER = "per"
MODE_ALL = "all"

REGRADE_CHOICES = [
    (REGRADE, gettext_lazy("Regrade all existing answers with the changed question")),
    (KEEP, gettext_lazy("Keep the earlier scores; only new answers use the change")),
]


def one_line(value: str) -> str:
    return " ".join((value or "").split())


def lines_of(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def words(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", value or "") if part.strip()]


class QuestionForm(ScoreTableMixin, forms.ModelForm):
    """The fields every kind has; subclasses add their own and build the scoring."""

    kind: ClassVar[str] = ""
    # Where problems with the scoring data as a whole are shown: a field of the
    # form, or (prefix, field) of the first row of a formset.
    scoring_field: ClassVar[str | tuple[str, str] | None] = None
    # A problem's field "<name>:<key>" names a row: name -> (formset prefix, row
    # field). The key is the row's label, or a key build() recorded in row_keys.
    problem_rows: ClassVar[dict[str, tuple[str, str]]] = {
        "table": ("table", "points"),
        "element": ("elements", "text"),
    }
    # Problem fields shown on a formset's first empty row (too few rows filled):
    # field -> (prefix, row field).
    problem_fields: ClassVar[dict[str, tuple[str, str]]] = {}
    regrade = forms.ChoiceField(
        label=gettext_lazy("Existing answers"),
        choices=REGRADE_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    regrade_for = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Question
        fields = ["text", "stem", "max_points", "explanation", "answer_lines"]
        widgets = {
            "stem": forms.Textarea(attrs={"rows": 3}),
            "explanation": forms.Textarea(attrs={"rows": 3}),
            "model_answer": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "stem": gettext_lazy('Refer to the text as "regel 12-18" or "alinea 3".'),
            "answer_lines": gettext_lazy("Shown to pupils after submitting, e.g. 85-91."),
            "explanation": gettext_lazy("Why the answer is right; shown with the answer model."),
        }

    def __init__(self, *args, exam: Exam, **kwargs):
        super().__init__(*args, **kwargs)
        self.exam = exam
        self._booklet = None
        self.formsets: dict[str, Rows] = {}
        # Per formset, the row (index) of each key a problem's field may name, when
        # that is not the row's label (build() fills it).
        self.row_keys: dict[str, dict[str, int]] = {}
        # The question as stored, when the form shows it for editing.
        self.stored = self.instance if self.instance.pk and not self.is_bound else None
        self.adding_row = ""
        if self.is_bound:
            self.data = self.data.copy()
            self._add_requested_row()
        self._set_up_text_field(exam)
        self.fields["max_points"].widget.attrs["class"] = "authoring-number"
        self.add_kind_fields()
        if self.stored is not None:
            self.initial.update(self.initial_from_question(self.stored))
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            Field("text"),
            Field("stem"),
            Field("max_points"),
            *self.kind_layout(),
            Field("explanation"),
            Field("answer_lines"),
            Field("regrade_for"),
        )

    def _add_requested_row(self) -> None:
        """The "add" button of a list posts more=<prefix>: show one row more."""
        prefix = str(self.data.get("more", ""))
        total = f"{prefix}-TOTAL_FORMS"
        if prefix and str(self.data.get(total, "")).isdigit():
            self.adding_row = prefix
            self.data[total] = str(int(self.data[total]) + 1)

    def _set_up_text_field(self, exam: Exam) -> None:
        exam_texts = list(exam.exam_texts.select_related("text").order_by("position"))
        text_field = self.fields["text"]
        text_field.queryset = Text.objects.filter(pk__in=[et.text_id for et in exam_texts])
        positions = {et.text_id: et.position for et in exam_texts}
        text_field.label_from_instance = lambda obj: (
            _("Text %(position)s: %(title)s")
            % {"position": positions.get(obj.pk, "?"), "title": obj.title}
        )
        text_field.empty_label = None
        if len(exam_texts) == 1:
            text_field.widget = forms.HiddenInput()
            self.initial.setdefault("text", exam_texts[0].text_id)

    # --- what subclasses provide

    def add_kind_fields(self) -> None:
        """Add the kind's own fields to self.fields and its rows to self.formsets."""

    def kind_layout(self) -> list:
        return []

    def initial_from_question(self, question: Question) -> dict:
        return {}

    def build(self, cleaned: dict) -> tuple[dict, list]:
        """The scoring data and choices from the cleaned fields; may add_error()."""
        raise NotImplementedError

    # --- rows

    def add_rows(
        self,
        prefix: str,
        row_form,
        *,
        initial: list[dict],
        min_rows: int,
        label_style: str,
        legend: str = "",
        add_label: str = "",
        css_class: str = "",
        label_format=None,
        targets: list[str] | None = None,
        hint: str = "",
        spare: int = 1,
    ) -> Rows:
        """A formset of rows: every stored row, `spare` empty rows more, at least min_rows."""
        formset = make_rows(
            row_form,
            prefix=prefix,
            data=self.data if self.is_bound else None,
            initial=initial,
            count=max(min_rows, len(initial) + spare),
            label_style=label_style,
            label_format=label_format,
            targets=targets,
        )
        formset.legend, formset.add_label, formset.css_class = legend, add_label, css_class
        formset.hint = hint
        self.formsets[prefix] = formset
        return formset

    def rows(self, prefix: str) -> list[tuple[forms.Form, dict]]:
        """Each row of a formset with its cleaned values (only during clean())."""
        return [(row, getattr(row, "cleaned_data", {})) for row in self.formsets[prefix]]

    def row_error(self, prefix: str, index: int, field: str, message: str) -> None:
        self.formsets[prefix].forms[index].add_error(field, message)

    def planned_rows(self, prefix: str) -> int:
        """How many rows a formset has (posted or shown)."""
        return self.formsets[prefix].total_form_count()

    def add_mode(self, choices, *, initial: str) -> None:
        self.fields["mode"] = forms.ChoiceField(
            label=_("Scoring"), choices=choices, initial=initial, widget=forms.RadioSelect
        )

    def mode_initial(self, question: Question, other: str) -> str:
        return MODE_TABLE if question.scoring.get("table") else other

    # --- shared cleaning

    def clean_answer_lines(self):
        value = self.cleaned_data.get("answer_lines", "")
        try:
            return format_line_ranges(parse_line_ranges(value))
        except ValueError:
            raise forms.ValidationError(
                _("Write the lines as 85-91, or several as 12, 14-16.")
            ) from None

    def booklet(self) -> Booklet | None:
        text = self.cleaned_data.get("text")
        if text is None:
            return None
        if self._booklet is None:
            self._booklet = booklet_facts(text)
        return self._booklet

    def full_clean(self):
        if self.adding_row:
            # Only a row was added: show the form again without judging it yet.
            self._errors = ErrorDict()
            self.cleaned_data = {}
            return
        super().full_clean()

    def is_valid(self) -> bool:
        return not self.adding_row and super().is_valid()

    def _post_clean(self):
        # ModelForm copies the cleaned values onto the instance here; the service
        # saves them, so leave the instance (and the stored row) alone.
        pass

    def clean(self):
        cleaned = super().clean()
        for formset in self.formsets.values():
            formset.is_valid()
        text, max_points = cleaned.get("text"), cleaned.get("max_points")
        if text is not None and max_points is not None:
            self._check(cleaned, text, max_points)
        if any(formset.total_error_count() for formset in self.formsets.values()):
            self.add_error(None, _("Some rows need attention; they are marked below."))
        return cleaned

    def _check(self, cleaned: dict, text: Text, max_points: int) -> None:
        # build() may put an error on any field, which drops it from cleaned_data.
        values = dict(cleaned)
        self._max_points = max_points
        scoring, choices = self.build(values)
        self._question_data = QuestionData(
            kind=self.kind,
            text=text,
            stem=values.get("stem", ""),
            max_points=max_points,
            scoring=scoring,
            model_answer=values.get("model_answer", "") or "",
            explanation=values.get("explanation", "") or "",
            answer_lines=values.get("answer_lines", "") or "",
            word_limit=values.get("word_limit"),
            choices=tuple(choices),
            exam=self.exam,
        )
        fields, scoring_problems = question_problems(
            data=self._question_data, booklet=self.booklet()
        )
        for problem in [*fields, *scoring_problems]:
            self._add_problem(problem)

    def _add_problem(self, problem: problems.Problem) -> None:
        """Show the problem's one message on the field or row its field names; not
        where the form already found the field unreadable or empty."""
        prefix, row, field = self._problem_place(problem.field)
        message = problems.message(problem)
        if prefix is not None:
            errors = self.formsets[prefix].forms[row].errors.get(field, [])
            if not errors:
                self.row_error(prefix, row, field, message)
            return
        if field in self.errors and field is not None:
            return
        if message not in self.errors.get(field or "__all__", []):
            self.add_error(field, message)

    def _problem_place(self, name: str) -> tuple[str | None, int, str | None]:
        """(formset prefix, row, row field) of a problem's field, or (None, 0, form
        field or None for the form as a whole)."""
        base, _sep, key = name.partition(":")
        if key and base in self.problem_rows:
            prefix, field = self.problem_rows[base]
            index = self._row_index(prefix, key)
            if index is not None:
                return prefix, index, field
        if name in self.fields:
            return None, 0, name
        if base in self.problem_fields:
            prefix, field = self.problem_fields[base]
            rows = self.rows(prefix) if prefix in self.formsets else []
            empty = [i for i, (_row, values) in enumerate(rows) if not values.get(field)]
            if empty:
                return prefix, empty[0], field
        target = self.scoring_field
        if isinstance(target, tuple):
            prefix, field = target
            if prefix in self.formsets and self.planned_rows(prefix):
                return prefix, 0, field
            return None, 0, None
        return None, 0, target if target in self.fields else None

    def _row_index(self, prefix: str, key: str) -> int | None:
        if prefix not in self.formsets:
            return None
        recorded = self.row_keys.get(prefix, {})
        if key in recorded:
            return recorded[key]
        labels = self.formsets[prefix].labels
        if key in labels and labels.index(key) < len(self.formsets[prefix].forms):
            return labels.index(key)
        return None

    def question_data(self) -> QuestionData:
        """The question as the services take it; only after is_valid()."""
        return self._question_data

    def regrade_decision(self) -> str | None:
        """The teacher's regrade choice, if it was made for this very change."""
        decision = self.cleaned_data.get("regrade") or None
        if decision and self.cleaned_data.get("regrade_for") == change_fingerprint(
            self._question_data
        ):
            return decision
        return None

    def ask_regrade(self) -> None:
        """Show the regrade choice for the change just posted (see the view)."""
        self.data = self.data.copy()
        self.data["regrade_for"] = change_fingerprint(self._question_data)
        self.add_error("regrade", _("This question has answers: choose what happens to them."))

    def max_points(self) -> int:
        return self._max_points


def stored_rows(question: Question | None, role: str, labels: list[str], **extra) -> list[dict]:
    """A stored question's choices of one role as rows, in label order; `extra` maps a
    row field to a function of the choice (e.g. the statement's answer)."""
    if question is None:
        return []
    by_label = {c.label: c for c in question.choices.all() if c.role == role}
    ordered = [by_label.pop(label) for label in labels if label in by_label]
    ordered += sorted(by_label.values(), key=lambda c: c.position)
    return [
        {"content": c.content, **{name: value(c) for name, value in extra.items()}} for c in ordered
    ]
