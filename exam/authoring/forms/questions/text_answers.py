"""Kinds whose pupil writes a short answer the computer checks: a paragraph number,
a citation from the text, a word for a gap."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Field
from django import forms
from django.utils.translation import gettext as _

from exam.authoring.forms.questions.base import QuestionForm, lines_of, words
from exam.models import Question


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
        parts = words(raw)
        if not parts or not all(p.isdigit() and int(p) >= 1 for p in parts):
            self.add_error("accepted", _("Give paragraph numbers such as 3 or 3, 4."))
            return {}, []
        return {"accepted": sorted({int(p) for p in parts})}, []


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
        spans = lines_of(cleaned.get("spans", ""))
        return {"mode": cleaned.get("citation_mode"), "spans": spans}, []


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
        return {"accepted": lines_of(cleaned.get("accepted", ""))}, []
