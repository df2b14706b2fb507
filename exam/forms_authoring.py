"""Teachers' authoring forms: an exam's details and texts, one question form per kind.

A question form shows only its kind's fields. It turns them into the stored shape
(Question.scoring and the choices, as docs/question-kinds.md describes) in
`question_data()`, and checks the result against the booklet with
exam.authoring.check_question, so a reference beyond the text ("regel 120" on a
109-line text) is an error on the field that holds it. The common mistakes are
caught first with messages of our own, attached to the field to fix;
validate_scoring's checks run after them as a safety net.

Repeated inputs (options, statements, elements, score-table rows) are fixed slots:
A-E, 1-8 and so on. Empty slots are ignored, so a form has no JavaScript-only parts.
"""

from __future__ import annotations

import re
from typing import ClassVar

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Div, Field, Fieldset, Layout, Row
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext_lazy

from exam import authoring
from exam.authoring.regrade import change_fingerprint
from exam.citations import find_all
from exam.models import Exam, Question
from exam.references import Booklet, format_line_ranges, parse_line_ranges
from texts.models import Text

OPTION_LABELS = "ABCDE"
ORDER_LABELS = "ABCDEF"
ITEM_LABELS = "abcdef"
STATEMENT_SLOTS = 8
TARGET_SLOTS = 8
ELEMENT_SLOTS = 8

ROLE_OPTION = "option"
ROLE_STATEMENT = "statement"
ROLE_ITEM = "item"
ROLE_TARGET = "target"

MODE_PER = "per"
MODE_TABLE = "table"
MODE_ALL = "all"

REGRADE_CHOICES = [
    (authoring.REGRADE, gettext_lazy("Regrade all existing answers with the changed question")),
    (authoring.KEEP, gettext_lazy("Keep the earlier scores; only new answers use the change")),
]


def _small_number(label, *, initial=None, min_value=0, max_value=99, required=False, help_text=""):
    return forms.IntegerField(
        label=label,
        initial=initial,
        min_value=min_value,
        max_value=max_value,
        required=required,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"class": "form-control-sm authoring-number"}),
    )


def _grow(extra: str = "") -> forms.Textarea:
    """A one-line textarea that grows with its text (CSS field-sizing)."""
    return forms.Textarea(attrs={"rows": 1, "class": f"authoring-grow {extra}".strip()})


def _one_line(value: str) -> str:
    return " ".join((value or "").split())


def _slots(*slots, min_visible: int, css_class: str = ""):
    """Repeated fields, one slot each; authoring.js shows the filled ones and one more."""
    return Div(
        *[Div(slot, css_class="js-slot") for slot in slots],
        css_class=f"js-slots {css_class}".strip(),
        data_min=str(min_visible),
        data_add_label=_("Add another"),
    )


def _lines_of(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


def _words(value: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;\n]", value or "") if part.strip()]


# ---------------------------------------------------------------------------
# Exams


class TextChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Text) -> str:
        return obj.title


class ExamForm(forms.ModelForm):
    """An exam's details and its texts in booklet order (Tekst 1..4)."""

    class Meta:
        model = Exam
        fields = ["title", "level", "year", "tijdvak", "n_term", "practice_visibility"]
        help_texts = {
            "n_term": gettext_lazy("Between 0.0 and 2.0; 1.0 is the usual value."),
            "practice_visibility": gettext_lazy(
                "Open: every pupil can practise this published exam and see its answer "
                "model after handing in. Only through assignments: pupils make it only "
                "when a teacher assigns it to their class; choose this for an exam you "
                "may want to use as a test. While the exam is a test in any class (until "
                "its results are released), no pupil can practise it or see its model."
            ),
        }
        widgets = {"practice_visibility": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        texts = Text.objects.filter(status=Text.Status.PUBLISHED).order_by("title")
        current = []
        if self.instance.pk:
            current = list(
                self.instance.exam_texts.order_by("position").values_list("text_id", flat=True)
            )
        for position in range(1, authoring.MAX_TEXTS + 1):
            name = f"text_{position}"
            self.fields[name] = TextChoiceField(
                queryset=texts,
                required=position == 1,
                label=_("Text %(position)s") % {"position": position},
                empty_label="—",
            )
            if len(current) >= position:
                self.initial[name] = current[position - 1]
        # Left out of a post (an older page): the exam keeps its setting, a new exam
        # gets the model's default.
        self.fields["practice_visibility"].required = False
        n_term = self.fields["n_term"]
        n_term.min_value, n_term.max_value = 0, 2
        n_term.validators += [MinValueValidator(0), MaxValueValidator(2)]
        n_term.widget.attrs.update(min="0", max="2", step="0.1")
        self.fields["year"].widget.attrs["placeholder"] = "2015"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Field("title"),
            Row(
                Column("level", css_class="col-sm-4"),
                Column("year", css_class="col-sm-4"),
                Column("tijdvak", css_class="col-sm-4"),
            ),
            Field("n_term", css_class="authoring-number"),
            Field("practice_visibility"),
            Fieldset(
                _("Texts in booklet order"),
                *[Field(f"text_{p}") for p in range(1, authoring.MAX_TEXTS + 1)],
            ),
        )

    def clean(self):
        cleaned = super().clean()
        texts = [
            cleaned.get(f"text_{p}")
            for p in range(1, authoring.MAX_TEXTS + 1)
            if cleaned.get(f"text_{p}")
        ]
        seen = set()
        for position in range(1, authoring.MAX_TEXTS + 1):
            text = cleaned.get(f"text_{position}")
            if text is not None and text.pk in seen:
                self.add_error(f"text_{position}", _("This text is already in the exam."))
            elif text is not None:
                seen.add(text.pk)
        cleaned["texts"] = texts
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "texts": data["texts"],
            "level": data["level"],
            "n_term": data["n_term"],
            "year": data.get("year"),
            "tijdvak": data.get("tijdvak"),
            "practice_visibility": data.get("practice_visibility") or None,
        }


class ShareForm(forms.Form):
    username = forms.CharField(label=gettext_lazy("Colleague's username"), max_length=150)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class DeleteExamForm(forms.Form):
    """Deleting an exam with attempts asks the teacher to confirm their number."""

    confirm = forms.BooleanField(required=False)
    # The number of attempts the page showed: deleting goes ahead only for that many.
    seen = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, attempts: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempts = attempts
        self.initial["seen"] = attempts
        self.fields["confirm"].label = ngettext(
            "Yes, delete the exam with its %(count)s attempt and its result.",
            "Yes, delete the exam with its %(count)s attempts and their results.",
            attempts,
        ) % {"count": attempts}

    def clean(self):
        cleaned = super().clean()
        if self.attempts and not cleaned.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm that the attempts are lost."))
        return cleaned


class MoveForm(forms.Form):
    direction = forms.ChoiceField(choices=[("up", "up"), ("down", "down")])


# ---------------------------------------------------------------------------
# Questions: the common part


class QuestionForm(forms.ModelForm):
    """The fields every kind has; subclasses add their own and build the scoring."""

    kind: ClassVar[str] = ""
    # Where problems with the scoring data as a whole are shown.
    scoring_field: ClassVar[str | None] = None
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
        exam_texts = list(exam.exam_texts.select_related("text").order_by("position"))
        text_field = self.fields["text"]
        text_field.queryset = Text.objects.filter(pk__in=[et.text_id for et in exam_texts])
        positions = {et.text_id: et.position for et in exam_texts}
        text_field.label_from_instance = lambda obj: (
            _("Text %(position)s: %(title)s")
            % {
                "position": positions.get(obj.pk, "?"),
                "title": obj.title,
            }
        )
        text_field.empty_label = None
        if len(exam_texts) == 1:
            text_field.widget = forms.HiddenInput()
            self.initial.setdefault("text", exam_texts[0].text_id)
        self.fields["max_points"].widget.attrs["class"] = "authoring-number"
        self.add_kind_fields()
        if self.instance.pk and not self.is_bound:
            self.initial.update(self.initial_from_question(self.instance))
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

    # --- what subclasses provide

    def add_kind_fields(self) -> None:
        """Add the kind's own fields to self.fields."""

    def kind_layout(self) -> list:
        return []

    def initial_from_question(self, question: Question) -> dict:
        return {}

    def build(self, cleaned: dict) -> tuple[dict, list[authoring.ChoiceData]]:
        """The scoring data and choices from the cleaned fields; may add_error()."""
        raise NotImplementedError

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
            self._booklet = authoring.booklet_facts(text)
        return self._booklet

    def _post_clean(self):
        # ModelForm copies the cleaned values onto the instance here; the service
        # saves them, so leave the instance (and the stored row) alone.
        pass

    def clean(self):
        cleaned = super().clean()
        text, max_points = cleaned.get("text"), cleaned.get("max_points")
        if text is None or max_points is None:
            return cleaned
        # build() may put an error on any field, which drops it from cleaned_data.
        values = dict(cleaned)
        self._max_points = max_points
        scoring, choices = self.build(values)
        # Our own messages say more than validate_scoring's; show its findings only
        # when ours found nothing.
        own_errors = bool(self.errors)
        self._question_data = authoring.QuestionData(
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
        )
        problems = authoring.check_question(data=self._question_data, booklet=self.booklet())
        for key, messages in problems.items():
            if key == "scoring" and own_errors:
                continue
            for message in messages:
                self.add_error(self._field_for(key), message)
        return cleaned

    def _field_for(self, key: str) -> str | None:
        if key.startswith("element:"):
            name = f"element_{int(key.split(':')[1]) + 1}_text"
        elif key == "scoring":
            name = self.scoring_field
        else:
            name = key
        return name if name in self.fields else None

    def question_data(self) -> authoring.QuestionData:
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

    # --- helpers for subclasses

    def max_points(self) -> int:
        return self._max_points

    def add_score_table(self, slots: int) -> None:
        for count in range(slots + 1):
            self.fields[f"table_{count}"] = _small_number(
                _("%(count)s right") % {"count": count}, initial=0
            )
        self.table_slots = slots

    def score_table_layout(self, *, count_source: str, mode_value: str = MODE_TABLE):
        cells = [
            Column(
                Field(f"table_{count}", data_count=str(count)),
                css_class="col-4 col-md-3 col-lg-2 score-table-cell",
            )
            for count in range(self.table_slots + 1)
        ]
        return Div(
            HTML(
                '<p class="form-text mb-2">'
                + _("Points per number of right answers, for every number from 0 up.")
                + "</p>"
            ),
            Row(*cells),
            css_class=f"score-table js-mode-{mode_value}",
            data_count_source=count_source,
        )

    def clean_table(self, cleaned: dict, *, count: int, best: int) -> dict[str, int]:
        """The table {"0": p, ..., "count": p}; every row 0..count filled, rising, the
        best answer worth the maximum."""
        table: dict[str, int] = {}
        for n in range(count + 1):
            value = cleaned.get(f"table_{n}")
            if value is None:
                self.add_error(
                    f"table_{n}", _("Give the points for %(count)s right.") % {"count": n}
                )
                continue
            if value > self.max_points():
                self.add_error(
                    f"table_{n}",
                    _("At most %(max)s points, the question's maximum.")
                    % {"max": self.max_points()},
                )
            table[str(n)] = value
        if len(table) == count + 1:
            values = [table[str(n)] for n in range(count + 1)]
            if values != sorted(values):
                self.add_error(f"table_{count}", _("More right answers cannot earn fewer points."))
            elif table[str(best)] != self.max_points():
                self.add_error(
                    f"table_{best}",
                    _("The best answer (%(count)s right) must earn the maximum, %(max)s points.")
                    % {"count": best, "max": self.max_points()},
                )
        return table

    def initial_table(self, scoring: dict) -> dict:
        return {f"table_{k}": v for k, v in (scoring.get("table") or {}).items()}

    def add_mode(self, choices, *, initial: str) -> None:
        self.fields["mode"] = forms.ChoiceField(
            label=_("Scoring"), choices=choices, initial=initial, widget=forms.RadioSelect
        )


# ---------------------------------------------------------------------------
# Options (A-E) and their keys


class OptionsMixin:
    option_labels = OPTION_LABELS
    option_role = ROLE_OPTION

    def add_option_fields(self, *, required: int = 2) -> None:
        for index, label in enumerate(self.option_labels):
            self.fields[f"option_{label}"] = forms.CharField(
                label=label,
                required=index < required,
                max_length=1000,
                widget=_grow("js-count"),
            )

    min_options = 4

    def option_layout(self):
        return Fieldset(
            _("Options"),
            _slots(
                *[Field(f"option_{label}") for label in self.option_labels],
                min_visible=self.min_options,
            ),
            css_class="authoring-options",
        )

    def clean_options(self, cleaned: dict) -> list[authoring.ChoiceData]:
        """The filled options, which must run A, B, C ... without a gap."""
        filled = [label for label in self.option_labels if cleaned.get(f"option_{label}")]
        expected = list(self.option_labels[: len(filled)])
        if filled != expected:
            missing = next(lbl for lbl in self.option_labels if lbl not in filled)
            self.add_error(
                f"option_{missing}",
                _("Fill the options in order: %(label)s is empty.") % {"label": missing},
            )
        return [
            authoring.ChoiceData(self.option_role, label, _one_line(cleaned[f"option_{label}"]))
            for label in filled
        ]

    def initial_options(self, question: Question) -> dict:
        return {
            f"option_{c.label}": c.content
            for c in question.choices.all()
            if c.role == self.option_role
        }


class MultipleChoiceForm(OptionsMixin, QuestionForm):
    kind = Question.Kind.MULTIPLE_CHOICE
    scoring_field = "key"

    def add_kind_fields(self):
        self.add_option_fields()
        self.fields["key"] = forms.ChoiceField(
            label=_("Key"),
            choices=[(lbl, lbl) for lbl in OPTION_LABELS],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose which option is the right answer.")},
        )

    def kind_layout(self):
        return [self.option_layout(), InlineRadios("key")]

    def initial_from_question(self, question):
        return {**self.initial_options(question), "key": question.scoring.get("key")}

    def build(self, cleaned):
        choices = self.clean_options(cleaned)
        key = cleaned.get("key")
        if key and key not in [c.label for c in choices]:
            self.add_error("key", _("The key must be one of the options you filled in."))
        return {"key": key}, choices


class MultipleResponseForm(OptionsMixin, QuestionForm):
    kind = Question.Kind.MULTIPLE_RESPONSE
    scoring_field = "keys"

    def add_kind_fields(self):
        self.add_option_fields(required=3)
        self.fields["keys"] = forms.MultipleChoiceField(
            label=_("Right options"),
            choices=[(lbl, lbl) for lbl in OPTION_LABELS],
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["choose"] = _small_number(
            _("How many the pupil chooses"),
            min_value=1,
            max_value=len(OPTION_LABELS) - 1,
            help_text=_("Empty: as many as there are right options."),
        )
        self.add_mode(
            [(MODE_PER, _("points per right option")), (MODE_TABLE, _("score table"))],
            initial=MODE_PER,
        )
        self.fields["per_correct"] = _small_number(
            _("Points per right option"), initial=1, min_value=1
        )
        self.add_score_table(len(OPTION_LABELS) - 1)

    def kind_layout(self):
        return [
            self.option_layout(),
            InlineCheckboxes("keys"),
            Field("choose"),
            InlineRadios("mode"),
            Div(Field("per_correct"), css_class="js-mode-per"),
            self.score_table_layout(count_source="#id_choose"),
        ]

    def initial_from_question(self, question):
        scoring = question.scoring
        return {
            **self.initial_options(question),
            **self.initial_table(scoring),
            "keys": scoring.get("keys", []),
            "choose": scoring.get("choose"),
            "mode": MODE_TABLE if scoring.get("table") else MODE_PER,
            "per_correct": scoring.get("per_correct", 1),
        }

    def build(self, cleaned):
        choices = self.clean_options(cleaned)
        labels = [c.label for c in choices]
        keys = [k for k in OPTION_LABELS if k in (cleaned.get("keys") or [])]
        if any(k not in labels for k in keys):
            self.add_error("keys", _("The right options must be options you filled in."))
        choose = cleaned.get("choose") or len(keys)
        if choose >= len(labels):
            self.add_error("choose", _("The pupil must choose fewer options than there are."))
            return {}, choices
        scoring: dict = {"keys": keys, "choose": choose}
        best = min(choose, len(keys))
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.clean_table(cleaned, count=choose, best=best)
        else:
            per = cleaned.get("per_correct") or 1
            if per * best != self.max_points():
                self.add_error(
                    "per_correct",
                    _(
                        "%(count)s right options at %(per)s points make %(total)s, not the maximum %(max)s."
                    )
                    % {"count": best, "per": per, "total": per * best, "max": self.max_points()},
                )
            scoring["per_correct"] = per
        return scoring, choices


class OrderingForm(OptionsMixin, QuestionForm):
    kind = Question.Kind.ORDERING
    scoring_field = "order"
    min_options = 3
    option_labels = ORDER_LABELS
    option_role = ROLE_ITEM

    def add_kind_fields(self):
        self.add_option_fields()
        for label in self.option_labels:
            self.fields[f"option_{label}"].label = label
        self.fields["order"] = forms.CharField(
            label=_("Right order"),
            max_length=30,
            help_text=_("The letters in the right order, e.g. C A B D."),
        )
        self.add_mode(
            [(MODE_ALL, _("all or nothing")), (MODE_TABLE, _("score table"))], initial=MODE_ALL
        )
        self.add_score_table(len(ORDER_LABELS))

    def kind_layout(self):
        return [
            self.option_layout(),
            Field("order"),
            InlineRadios("mode"),
            self.score_table_layout(count_source=".authoring-options .js-count"),
        ]

    def initial_from_question(self, question):
        scoring = question.scoring
        return {
            **self.initial_options(question),
            **self.initial_table(scoring),
            "order": " ".join(scoring.get("order", [])),
            "mode": MODE_TABLE if scoring.get("table") else MODE_ALL,
        }

    def build(self, cleaned):
        choices = self.clean_options(cleaned)
        labels = [c.label for c in choices]
        raw = cleaned.get("order", "").upper()
        order = re.findall(r"[A-Z]", raw)
        if sorted(order) != sorted(labels):
            self.add_error(
                "order",
                _("Give every letter once: %(labels)s.") % {"labels": ", ".join(labels)},
            )
            return {}, choices
        scoring: dict = {"order": order}
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.clean_table(cleaned, count=len(labels), best=len(labels))
        return scoring, choices


# ---------------------------------------------------------------------------
# Statements and matching


class StatementsForm(QuestionForm):
    kind = Question.Kind.STATEMENTS
    scoring_field = "statement_1"

    def add_kind_fields(self):
        # "juist" and "onjuist" are the exam's own answer words (stored as such).
        answers = [("", "—"), ("juist", "juist"), ("onjuist", "onjuist")]
        for n in range(1, STATEMENT_SLOTS + 1):
            self.fields[f"statement_{n}"] = forms.CharField(
                label=_("Statement %(number)s") % {"number": n},
                required=n == 1,
                max_length=1000,
                widget=_grow("js-count"),
            )
            self.fields[f"answer_{n}"] = forms.ChoiceField(
                label=_("Answer"), choices=answers, required=False
            )
        self.add_score_table(STATEMENT_SLOTS)

    def kind_layout(self):
        rows = [
            Row(
                Column(f"statement_{n}", css_class="col-md-9"),
                Column(f"answer_{n}", css_class="col-md-3"),
            )
            for n in range(1, STATEMENT_SLOTS + 1)
        ]
        return [
            Fieldset(
                _("Statements"),
                _slots(*rows, min_visible=3),
                css_class="authoring-statements",
            ),
            Fieldset(
                _("Score table"),
                self.score_table_layout(count_source=".authoring-statements .js-count"),
            ),
        ]

    def initial_from_question(self, question):
        answers = question.scoring.get("answers", {})
        initial = self.initial_table(question.scoring)
        for c in question.choices.all():
            if c.role == ROLE_STATEMENT:
                initial[f"statement_{c.label}"] = c.content
                initial[f"answer_{c.label}"] = answers.get(c.label, "")
        return initial

    def build(self, cleaned):
        choices, answers = [], {}
        filled = [n for n in range(1, STATEMENT_SLOTS + 1) if cleaned.get(f"statement_{n}")]
        if filled != list(range(1, len(filled) + 1)):
            gap = next(n for n in range(1, STATEMENT_SLOTS + 1) if n not in filled)
            self.add_error(
                f"statement_{gap}",
                _("Fill the statements in order: %(label)s is empty.") % {"label": gap},
            )
        for n in filled:
            label = str(n)
            choices.append(
                authoring.ChoiceData(ROLE_STATEMENT, label, _one_line(cleaned[f"statement_{n}"]))
            )
            answer = cleaned.get(f"answer_{n}")
            if not answer:
                self.add_error(f"answer_{n}", _("Say whether this statement is true or false."))
            answers[label] = answer
        for n in range(1, STATEMENT_SLOTS + 1):
            if n not in filled and cleaned.get(f"answer_{n}"):
                self.add_error(f"statement_{n}", _("This answer has no statement."))
        table = self.clean_table(cleaned, count=len(filled), best=len(filled))
        return {"answers": answers, "table": table}, choices


class MatchingForm(QuestionForm):
    kind = Question.Kind.MATCHING
    scoring_field = "pair_a"

    def add_kind_fields(self):
        targets = [("", "—")] + [(str(n), str(n)) for n in range(1, TARGET_SLOTS + 1)]
        for index, label in enumerate(ITEM_LABELS):
            self.fields[f"item_{label}"] = forms.CharField(
                label=_("Item %(label)s") % {"label": label},
                required=index < 2,
                max_length=1000,
                widget=_grow("js-count"),
            )
            self.fields[f"pair_{label}"] = forms.ChoiceField(
                label=_("belongs to"), choices=targets, required=False
            )
        for n in range(1, TARGET_SLOTS + 1):
            self.fields[f"target_{n}"] = forms.CharField(
                label=str(n), required=n <= 2, max_length=1000, widget=_grow()
            )
        self.add_mode(
            [(MODE_PER, _("points per right pair")), (MODE_TABLE, _("score table"))],
            initial=MODE_PER,
        )
        self.fields["per_pair"] = _small_number(_("Points per right pair"), initial=1, min_value=1)
        self.add_score_table(len(ITEM_LABELS))

    def kind_layout(self):
        items = [
            Row(
                Column(f"item_{label}", css_class="col-md-9"),
                Column(f"pair_{label}", css_class="col-md-3"),
            )
            for label in ITEM_LABELS
        ]
        return [
            Fieldset(
                _("Items to match"), _slots(*items, min_visible=3), css_class="authoring-items"
            ),
            Fieldset(
                _("What they match"),
                _slots(*[Field(f"target_{n}") for n in range(1, TARGET_SLOTS + 1)], min_visible=3),
                css_class="authoring-options",
            ),
            InlineRadios("mode"),
            Div(Field("per_pair"), css_class="js-mode-per"),
            self.score_table_layout(count_source=".authoring-items .js-count"),
        ]

    def initial_from_question(self, question):
        scoring = question.scoring
        initial = {
            **self.initial_table(scoring),
            "mode": MODE_TABLE if scoring.get("table") else MODE_PER,
            "per_pair": scoring.get("per_pair", 1),
        }
        pairs = scoring.get("pairs", {})
        for c in question.choices.all():
            if c.role == ROLE_ITEM:
                initial[f"item_{c.label}"] = c.content
                initial[f"pair_{c.label}"] = pairs.get(c.label, "")
            elif c.role == ROLE_TARGET:
                initial[f"target_{c.label}"] = c.content
        return initial

    def build(self, cleaned):
        items = [lbl for lbl in ITEM_LABELS if cleaned.get(f"item_{lbl}")]
        targets = [str(n) for n in range(1, TARGET_SLOTS + 1) if cleaned.get(f"target_{n}")]
        if items != list(ITEM_LABELS[: len(items)]):
            gap = next(lbl for lbl in ITEM_LABELS if lbl not in items)
            self.add_error(
                f"item_{gap}", _("Fill the items in order: %(label)s is empty.") % {"label": gap}
            )
        if targets != [str(n) for n in range(1, len(targets) + 1)]:
            gap = next(str(n) for n in range(1, TARGET_SLOTS + 1) if str(n) not in targets)
            self.add_error(
                f"target_{gap}",
                _("Fill the targets in order: %(label)s is empty.") % {"label": gap},
            )
        pairs = {}
        for label in items:
            target = cleaned.get(f"pair_{label}")
            if not target:
                self.add_error(f"pair_{label}", _("Choose what this item belongs to."))
            elif target not in targets:
                self.add_error(f"pair_{label}", _("Target %(label)s is empty.") % {"label": target})
            pairs[label] = target
        choices = [
            authoring.ChoiceData(ROLE_ITEM, lbl, _one_line(cleaned[f"item_{lbl}"])) for lbl in items
        ] + [
            authoring.ChoiceData(ROLE_TARGET, n, _one_line(cleaned[f"target_{n}"])) for n in targets
        ]
        scoring: dict = {"pairs": pairs}
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.clean_table(cleaned, count=len(items), best=len(items))
        else:
            per = cleaned.get("per_pair") or 1
            if per * len(items) != self.max_points():
                self.add_error(
                    "per_pair",
                    _(
                        "%(count)s right pairs at %(per)s points make %(total)s, not the maximum %(max)s."
                    )
                    % {
                        "count": len(items),
                        "per": per,
                        "total": per * len(items),
                        "max": self.max_points(),
                    },
                )
            scoring["per_pair"] = per
        return scoring, choices


# ---------------------------------------------------------------------------
# Paragraph, citation, gap


class ParagraphForm(QuestionForm):
    kind = Question.Kind.PARAGRAPH
    scoring_field = "accepted"

    def add_kind_fields(self):
        self.fields["accepted"] = forms.CharField(
            label=_("Right paragraph number(s)"),
            max_length=50,
            help_text=_("Several accepted numbers separated by commas: 3, 4."),
        )

    def kind_layout(self):
        return [Field("accepted")]

    def initial_from_question(self, question):
        return {"accepted": ", ".join(str(n) for n in question.scoring.get("accepted", []))}

    def build(self, cleaned):
        raw = cleaned.get("accepted", "")
        parts = _words(raw)
        if not parts or not all(p.isdigit() and int(p) >= 1 for p in parts):
            self.add_error("accepted", _("Give paragraph numbers such as 3 or 3, 4."))
            return {}, []
        numbers = sorted({int(p) for p in parts})
        booklet = self.booklet()
        for number in numbers:
            if booklet and number > booklet.paragraph_count:
                self.add_error(
                    "accepted",
                    ngettext(
                        "Paragraph %(number)s is not in the text: it has %(count)s paragraph.",
                        "Paragraph %(number)s is not in the text: it has %(count)s paragraphs.",
                        booklet.paragraph_count,
                    )
                    % {"number": number, "count": booklet.paragraph_count},
                )
        return {"accepted": numbers}, []


class CitationForm(QuestionForm):
    kind = Question.Kind.CITATION
    scoring_field = "spans"

    def add_kind_fields(self):
        self.fields["citation_mode"] = forms.ChoiceField(
            label=_("The pupil writes"),
            choices=[
                ("sentence", _("the sentence (or words) asked for")),
                ("first_last", _("the first and last words of the span")),
            ],
            widget=forms.RadioSelect,
            initial="sentence",
        )
        self.fields["spans"] = forms.CharField(
            label=_("Accepted spans"),
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("Copy each accepted span from the text, one per line."),
        )

    def kind_layout(self):
        return [InlineRadios("citation_mode"), Field("spans")]

    def initial_from_question(self, question):
        return {
            "citation_mode": question.scoring.get("mode", "sentence"),
            "spans": "\n".join(question.scoring.get("spans", [])),
        }

    def build(self, cleaned):
        spans = _lines_of(cleaned.get("spans", ""))
        mode = cleaned.get("citation_mode")
        booklet = self.booklet()
        for span in spans:
            if booklet and not find_all(span, list(booklet.lines), fuzzy=False):
                self.add_error(
                    "spans",
                    _("“%(span)s” is not in the text as written.")
                    % {"span": span if len(span) <= 60 else span[:59] + "…"},
                )
            elif mode == "first_last" and len(span.split()) < 2:
                self.add_error(
                    "spans",
                    _("“%(span)s” is too short to ask for its first and last words.")
                    % {"span": span},
                )
        return {"mode": mode, "spans": spans}, []


class GapForm(QuestionForm):
    kind = Question.Kind.GAP
    scoring_field = "accepted"

    def add_kind_fields(self):
        self.fields["accepted"] = forms.CharField(
            label=_("Accepted answers"),
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text=_("One accepted word or wording per line."),
        )

    def kind_layout(self):
        return [Field("accepted")]

    def initial_from_question(self, question):
        return {"accepted": "\n".join(question.scoring.get("accepted", []))}

    def build(self, cleaned):
        accepted = _lines_of(cleaned.get("accepted", ""))
        if not accepted:
            self.add_error("accepted", _("Give at least one accepted answer."))
        return {"accepted": accepted}, []


# ---------------------------------------------------------------------------
# Open answers and summaries


class OpenForm(QuestionForm):
    kind = Question.Kind.OPEN
    scoring_field = "element_1_text"

    class Meta(QuestionForm.Meta):
        fields = [*QuestionForm.Meta.fields, "model_answer"]
        help_texts = {
            **QuestionForm.Meta.help_texts,
            "model_answer": gettext_lazy(
                'The model answer as pupils read it: "/" separates alternatives, '
                '"( )" marks optional words.'
            ),
        }

    def add_kind_fields(self):
        for n in range(1, ELEMENT_SLOTS + 1):
            self.fields[f"element_{n}_text"] = forms.CharField(
                label=_("Element %(number)s") % {"number": n},
                required=n == 1,
                max_length=1000,
                widget=_grow(),
            )
            self.fields[f"element_{n}_points"] = _small_number(
                pgettext_lazy("points of an element", "Points"), initial=1, min_value=1
            )
            self.fields[f"element_{n}_keywords"] = forms.CharField(
                label=_("Keywords"),
                required=False,
                max_length=500,
            )
        self.fields["asked"] = _small_number(
            _("How many are asked"),
            min_value=1,
            max_value=ELEMENT_SLOTS,
            help_text=_("When n reasons are asked, only the first n given are marked."),
        )

    def element_layout(self):
        rows = [
            Div(
                Field(f"element_{n}_text"),
                Row(
                    Column(f"element_{n}_points", css_class="col-4 col-sm-3"),
                    Column(f"element_{n}_keywords", css_class="col-8 col-sm-9"),
                ),
                css_class="authoring-element",
            )
            for n in range(1, ELEMENT_SLOTS + 1)
        ]
        hint = HTML(
            '<p class="form-text mt-0">'
            + _(
                "One element per point-earning part of the answer. Keywords (comma-separated) "
                "let the computer propose a score; voordring* matches every word that starts "
                "so. A teacher decides."
            )
            + "</p>"
        )
        asked = [Field("asked")] if "asked" in self.fields else []
        return Fieldset(_("Answer model elements"), hint, _slots(*rows, min_visible=2), *asked)

    def kind_layout(self):
        return [Field("model_answer"), self.element_layout()]

    def initial_from_question(self, question):
        scoring = question.scoring
        initial = {"asked": scoring.get("asked")}
        for n, element in enumerate(scoring.get("elements", []), start=1):
            initial[f"element_{n}_text"] = element.get("text", "")
            initial[f"element_{n}_points"] = element.get("points", 1)
            initial[f"element_{n}_keywords"] = ", ".join(element.get("keywords", []))
        return initial

    def build_elements(self, cleaned) -> dict:
        elements = []
        for n in range(1, ELEMENT_SLOTS + 1):
            text = _one_line(cleaned.get(f"element_{n}_text"))
            keywords = _words(cleaned.get(f"element_{n}_keywords", ""))
            if not text:
                if keywords:
                    self.add_error(f"element_{n}_text", _("Describe this element."))
                continue
            elements.append(
                {
                    "text": text,
                    "points": cleaned.get(f"element_{n}_points") or 1,
                    "keywords": keywords,
                }
            )
        scoring: dict = {"elements": elements}
        asked = cleaned.get("asked")
        if asked:
            if asked > len(elements):
                self.add_error(
                    "asked",
                    ngettext(
                        "There is only %(count)s element.",
                        "There are only %(count)s elements.",
                        len(elements),
                    )
                    % {"count": len(elements)},
                )
            scoring["asked"] = asked
        worth = sorted((e["points"] for e in elements), reverse=True)[: asked or None]
        if elements and sum(worth) < self.max_points():
            self.add_error(
                "max_points",
                _("The elements give at most %(total)s points, less than the maximum.")
                % {"total": sum(worth)},
            )
        return scoring

    def build(self, cleaned):
        return self.build_elements(cleaned), []


class SummaryForm(OpenForm):
    kind = Question.Kind.SUMMARY

    class Meta(OpenForm.Meta):
        fields = [*OpenForm.Meta.fields, "word_limit"]

    def add_kind_fields(self):
        super().add_kind_fields()
        del self.fields["asked"]
        self.fields["word_limit"].required = True
        self.fields["word_limit"].widget.attrs["class"] = "authoring-number"
        self.fields["over_limit"] = forms.ChoiceField(
            label=_("Over the word limit"),
            choices=[
                ("blocks", _("deduct points per block of words over")),
                ("zero", _("the summary earns 0 points")),
                ("none", _("no deduction")),
            ],
            initial="blocks",
            widget=forms.RadioSelect,
        )
        self.fields["per_words"] = _small_number(_("Words per block"), initial=5, min_value=1)
        self.fields["deduct"] = _small_number(
            _("Points deducted per block"), initial=1, min_value=1
        )

    def kind_layout(self):
        return [
            Field("model_answer"),
            self.element_layout(),
            Field("word_limit"),
            InlineRadios("over_limit"),
            Row(
                Column("per_words", css_class="col-sm-4"),
                Column("deduct", css_class="col-sm-4"),
                css_class="js-over-blocks",
            ),
        ]

    def initial_from_question(self, question):
        initial = super().initial_from_question(question)
        over = question.scoring.get("over_limit")
        if over == "zero":
            initial["over_limit"] = "zero"
        elif isinstance(over, dict):
            initial.update(
                over_limit="blocks", per_words=over.get("per_words"), deduct=over.get("deduct")
            )
        else:
            initial["over_limit"] = "none"
        return initial

    def build(self, cleaned):
        scoring = self.build_elements(cleaned)
        mode = cleaned.get("over_limit")
        if mode == "zero":
            scoring["over_limit"] = "zero"
        elif mode == "blocks":
            scoring["over_limit"] = {
                "per_words": cleaned.get("per_words") or 5,
                "deduct": cleaned.get("deduct") or 1,
            }
        return scoring, []


QUESTION_FORMS: dict[str, type[QuestionForm]] = {
    form.kind: form
    for form in (
        MultipleChoiceForm,
        MultipleResponseForm,
        StatementsForm,
        MatchingForm,
        OrderingForm,
        ParagraphForm,
        CitationForm,
        GapForm,
        OpenForm,
        SummaryForm,
    )
}


def question_form_class(kind: str) -> type[QuestionForm] | None:
    return QUESTION_FORMS.get(kind)
