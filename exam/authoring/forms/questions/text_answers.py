"""Kinds whose pupil writes a short answer the computer checks: a paragraph number,
a citation from the text, a word for a gap."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Field
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from exam.authoring.forms.questions.base import QuestionForm, lines_of, words
from exam.citations import find_all
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
        spans = lines_of(cleaned.get("spans", ""))
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
        accepted = lines_of(cleaned.get("accepted", ""))
        if not accepted:
            self.add_error("accepted", _("Give at least one accepted answer."))
        return {"accepted": accepted}, []
