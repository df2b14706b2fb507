"""Forms about an exam itself: its details and texts, sharing, deleting, moving a
question."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from exam.authoring.services import MAX_DURATION, MAX_TEXTS
from exam.models import Exam, SharedContext
from texts.models import Text


class TextChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Text) -> str:
        return obj.title


# Rows the form shows at least, so a new exam of several texts needs no extra step.
MIN_TEXT_ROWS = 2


def _posted_rows(data) -> int:
    """How many text rows a posted form had: its hidden count, or its highest row."""
    if data is None:
        return 0
    try:
        rows = int(data.get("text_rows") or 0)
    except (TypeError, ValueError):
        rows = 0
    for key in data:
        for prefix in ("text_", "intro_"):
            number = key.removeprefix(prefix)
            if key.startswith(prefix) and number.isdigit() and str(data.get(key) or "").strip():
                rows = max(rows, int(number))
    return rows


class ExamForm(forms.ModelForm):
    """An exam's details and its texts in booklet order (Tekst 1..n), each with the
    introduction the exam prints above it.

    The form shows a row per text and one empty row; "Add a text" (ADD_TEXT in the
    post) shows the form again with one more row, up to MAX_TEXTS.
    """

    ADD_TEXT = "add_text"

    text_rows = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    class Meta:
        model = Exam
        fields = [
            "title",
            "level",
            "year",
            "tijdvak",
            "n_term",
            "duration_minutes",
            "practice_visibility",
        ]
        help_texts = {
            "n_term": gettext_lazy("Between 0.0 and 2.0; 1.0 is the usual value."),
            "duration_minutes": gettext_lazy(
                "How long the exam lasts; the central exams last 150 minutes. Pupils see "
                "it before they start, and an exam-mode assignment takes it as its time "
                "limit unless you set another."
            ),
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
        current: list[tuple[int, str]] = []
        if self.instance.pk:
            current = list(
                self.instance.exam_texts.order_by("position").values_list("text_id", "intro")
            )
        source = self.data if self.is_bound else self.initial
        wanted = max(len(current) + 1, MIN_TEXT_ROWS, _posted_rows(source))
        self.adding = self.is_bound and self.ADD_TEXT in self.data
        if self.adding:
            wanted = max(wanted, _posted_rows(self.data) + 1)
        self.too_many = self.adding and wanted > MAX_TEXTS
        self.rows = min(wanted, MAX_TEXTS)
        self.initial["text_rows"] = self.rows
        if self.is_bound:
            # The hidden count follows the rows shown, whatever was posted.
            self.data = self.data.copy()
            self.data["text_rows"] = str(self.rows)
        for position in range(1, self.rows + 1):
            name = f"text_{position}"
            self.fields[name] = TextChoiceField(
                queryset=texts,
                required=position == 1,
                label=_("Text %(position)s") % {"position": position},
                empty_label="—",
            )
            self.fields[f"intro_{position}"] = forms.CharField(
                required=False,
                max_length=2000,
                label=_("Introduction above text %(position)s") % {"position": position},
                help_text=_("Optional, e.g. “Tekst 3 bestaat uit twee fragmenten.”")
                if position == 1
                else "",
                widget=forms.Textarea(attrs={"rows": 2, "lang": "nl"}),
            )
            if len(current) >= position:
                self.initial.setdefault(name, current[position - 1][0])
                self.initial.setdefault(f"intro_{position}", current[position - 1][1])
        # Left out of a post (an older page): the exam keeps its setting, a new exam
        # gets the model's default.
        self.fields["practice_visibility"].required = False
        n_term = self.fields["n_term"]
        n_term.min_value, n_term.max_value = 0, 2
        n_term.validators += [MinValueValidator(0), MaxValueValidator(2)]
        n_term.widget.attrs.update(min="0", max="2", step="0.1")
        duration = self.fields["duration_minutes"]
        duration.widget.attrs.update(min="1", max=str(MAX_DURATION), placeholder="150")
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
            Row(
                Column(Field("n_term", css_class="authoring-number"), css_class="col-sm-4"),
                Column(
                    Field("duration_minutes", css_class="authoring-number"), css_class="col-sm-8"
                ),
            ),
            Field("practice_visibility"),
            Fieldset(
                _("Texts in booklet order"),
                Field("text_rows"),
                *[
                    Row(
                        Column(f"text_{p}", css_class="col-md-5"),
                        Column(f"intro_{p}", css_class="col-md-7"),
                        css_class="exam-text-row",
                    )
                    for p in range(1, self.rows + 1)
                ],
            ),
        )

    def full_clean(self):
        if not self.adding:
            super().full_clean()
            return
        # "Add a text": the form comes back with one more row and nothing checked,
        # so no error shows on what the teacher has not finished yet.
        self._errors = ErrorDict()
        self.cleaned_data = {}
        if self.too_many:
            self.add_error(None, _("An exam has at most %(count)s texts.") % {"count": MAX_TEXTS})

    def is_valid(self) -> bool:
        # Adding a row never saves.
        return not self.adding and super().is_valid()

    def clean(self):
        cleaned = super().clean()
        texts, intros, seen = [], [], set()
        for position in range(1, self.rows + 1):
            text = cleaned.get(f"text_{position}")
            intro = (cleaned.get(f"intro_{position}") or "").strip()
            if text is None:
                if intro:
                    self.add_error(
                        f"intro_{position}", _("Choose the text this introduction belongs to.")
                    )
                continue
            if text.pk in seen:
                self.add_error(f"text_{position}", _("This text is already in the exam."))
                continue
            seen.add(text.pk)
            texts.append(text)
            intros.append(intro)
        cleaned["texts"] = texts
        cleaned["intros"] = intros
        return cleaned

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "texts": data["texts"],
            "intros": data["intros"],
            "level": data["level"],
            "n_term": data["n_term"],
            "duration_minutes": data.get("duration_minutes"),
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


class ContextForm(forms.ModelForm):
    """A shared context above questions first_number..last_number."""

    class Meta:
        model = SharedContext
        fields = ["first_number", "last_number", "body"]
        labels = {
            "first_number": gettext_lazy("From question"),
            "last_number": gettext_lazy("To question"),
            "body": gettext_lazy("Context"),
        }
        help_texts = {
            "body": gettext_lazy(
                "What the pupil reads first, e.g. “Lees bij de volgende vragen eerst de "
                "inleiding.” Pupils see it with each of these questions; the preview and "
                "the answer model once above them. References such as “tekst 2, regels "
                "3-4” become links."
            ),
        }
        widgets = {"body": forms.Textarea(attrs={"rows": 5, "lang": "nl"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_number", "last_number"):
            self.fields[name].widget.attrs["min"] = "1"
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Row(
                Column(Field("first_number", css_class="authoring-number"), css_class="col-6"),
                Column(Field("last_number", css_class="authoring-number"), css_class="col-6"),
            ),
            Field("body"),
        )

    def _post_clean(self):
        # The range and the exam's other contexts are the service's to check
        # (exam.authoring.contexts.add_context), not the model's.
        pass

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "first_number": data["first_number"],
            "last_number": data["last_number"],
            "body": data["body"],
        }
