"""Kinds a teacher marks: open answers and summaries. Their answer model is a list of
elements (rows: text, points, keywords) the computer uses to propose a score."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Column, Field, Row
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exam.authoring.forms.questions.base import QuestionForm, one_line, words
from exam.authoring.forms.questions.rows import (
    MAX_ROWS,
    NUMBER,
    REQUIRED,
    ElementRow,
    RowsBlock,
    small_number,
)
from exam.models import Question


class OpenForm(QuestionForm):
    kind = Question.Kind.OPEN
    scoring_field = ("elements", "text")

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
        elements = self.stored.scoring.get("elements", []) if self.stored else []
        self.add_rows(
            "elements",
            ElementRow,
            initial=[
                {
                    "text": element.get("text", ""),
                    "points": element.get("points", 1),
                    "keywords": ", ".join(element.get("keywords", [])),
                }
                for element in elements
            ],
            min_rows=2,
            label_style=NUMBER,
            label_format=lambda label: _("Element %(number)s") % {"number": label},
            legend=_("Answer model elements"),
            add_label=_("Add an element"),
            css_class="authoring-elements",
            hint=_(
                "One element per point-earning part of the answer. Keywords (comma-separated) "
                "let the computer propose a score; voordring* matches every word that starts "
                "so. A teacher decides."
            ),
        )
        self.fields["asked"] = small_number(
            _("How many are asked"),
            min_value=1,
            max_value=MAX_ROWS,
            help_text=_("When n reasons are asked, only the first n given are marked."),
        )

    def kind_layout(self):
        return [Field("model_answer"), RowsBlock("elements"), Field("asked")]

    def initial_from_question(self, question):
        return {"asked": question.scoring.get("asked")}

    def build_elements(self, cleaned) -> dict:
        """The filled rows as elements; a row with keywords but no description is one
        too (the kind's validate asks for its description)."""
        elements = []
        rows = self.rows("elements")
        self.row_keys["elements"] = {}
        for index, (_row, values) in enumerate(rows):
            text = one_line(values.get("text"))
            keywords = words(values.get("keywords", ""))
            if text or keywords:
                self.row_keys["elements"][str(len(elements))] = index
                elements.append(
                    {"text": text, "points": values.get("points") or 1, "keywords": keywords}
                )
        if elements and rows and not one_line(rows[0][1].get("text")):
            # Filled from the first row on: an empty first row comes before the others.
            self.row_error("elements", 0, "text", REQUIRED)
        scoring: dict = {"elements": elements}
        if asked := cleaned.get("asked"):
            scoring["asked"] = asked
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
        self.fields["per_words"] = small_number(_("Words per block"), initial=5, min_value=1)
        self.fields["deduct"] = small_number(_("Points deducted per block"), initial=1, min_value=1)

    def kind_layout(self):
        return [
            Field("model_answer"),
            RowsBlock("elements"),
            Field("word_limit"),
            InlineRadios("over_limit"),
            Row(
                Column("per_words", css_class="col-sm-4"),
                Column("deduct", css_class="col-sm-4"),
                css_class="js-over-blocks",
            ),
        ]

    def initial_from_question(self, question):
        initial = {}
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
