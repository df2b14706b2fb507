"""Forms about an exam itself: its details and texts, sharing, deleting, moving a
question."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Fieldset, Layout, Row
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from exam.authoring.services import MAX_TEXTS
from exam.models import Exam
from texts.models import Text


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
        for position in range(1, MAX_TEXTS + 1):
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
                *[Field(f"text_{p}") for p in range(1, MAX_TEXTS + 1)],
            ),
        )

    def clean(self):
        cleaned = super().clean()
        texts = [
            cleaned.get(f"text_{p}") for p in range(1, MAX_TEXTS + 1) if cleaned.get(f"text_{p}")
        ]
        seen = set()
        for position in range(1, MAX_TEXTS + 1):
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
