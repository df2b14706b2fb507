"""Kinds a teacher marks: open answers and summaries. Their answer model is a list of
elements (rows: text, points, keywords) the computer uses to propose a score."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Column, Field, Row
from django import forms
from django.core.validators import MinValueValidator
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

OVER_LIMIT_NONE, OVER_LIMIT_FIXED, OVER_LIMIT_BLOCKS, OVER_LIMIT_ZERO = (
    "none",
    "fixed",
    "blocks",
    "zero",
)


class ElementRowsFields:
    """The answer model's elements as rows (text, points, keywords), as every open
    kind's form shows them; `extra(element)` adds a row's own fields (a part)."""

    def add_element_rows(self, row_class, elements, *, hint, extra=None, **options):
        self.add_rows(
            "elements",
            row_class,
            initial=[
                {
                    "text": element.get("text", ""),
                    "points": element.get("points", 1),
                    "keywords": ", ".join(element.get("keywords", [])),
                    **(extra(element) if extra else {}),
                }
                for element in elements
            ],
            min_rows=2,
            label_style=NUMBER,
            label_format=lambda label: _("Element %(number)s") % {"number": label},
            legend=_("Answer model elements"),
            add_label=_("Add an element"),
            css_class="authoring-elements",
            hint=hint,
            **options,
        )


class OverLimitFields:
    """The rule for going over a word limit on a question form (open, summary, parts):
    the choice (none, a fixed deduction, per started block of words, zero), its
    numbers, their layout, their initial values and the `over_limit` scoring data
    they write (docs/question-kinds.md). static/js/authoring.js shows the numbers a
    choice needs."""

    over_limit_initial = OVER_LIMIT_NONE
    # What going over costs, as the form says it; a question in parts names the part.
    over_limit_label = gettext_lazy("Over the word limit")
    over_limit_zero_label = gettext_lazy("the answer earns 0 points")

    def add_over_limit_fields(self):
        self.fields["over_limit"] = forms.ChoiceField(
            label=self.over_limit_label,
            choices=[
                (OVER_LIMIT_NONE, _("no deduction")),
                (OVER_LIMIT_FIXED, _("deduct a fixed number of points")),
                (OVER_LIMIT_BLOCKS, _("deduct points per block of words over")),
                (OVER_LIMIT_ZERO, self.over_limit_zero_label),
            ],
            initial=self.over_limit_initial,
            widget=forms.RadioSelect,
            required=False,
        )
        # No upper bound: a block may be 100 words or more in a long summary.
        self.fields["per_words"] = small_number(
            _("Words per block"), initial=5, min_value=1, max_value=None
        )
        self.fields["deduct"] = small_number(_("Points deducted"), initial=1, min_value=1)

    def over_limit_layout(self):
        return [
            InlineRadios("over_limit"),
            Row(
                Column("per_words", css_class="col-sm-4 js-over-blocks"),
                Column("deduct", css_class="col-sm-4 js-over-deduct"),
            ),
        ]

    def over_limit_initial_values(self, scoring: dict) -> dict:
        over = (scoring or {}).get("over_limit")
        if over == "zero":
            return {"over_limit": OVER_LIMIT_ZERO}
        if isinstance(over, dict) and over.get("per_words"):
            return {
                "over_limit": OVER_LIMIT_BLOCKS,
                "per_words": over.get("per_words"),
                "deduct": over.get("deduct"),
            }
        if isinstance(over, dict):
            return {"over_limit": OVER_LIMIT_FIXED, "deduct": over.get("deduct")}
        # A stored question without a rule has none (a new one starts at the default).
        return {"over_limit": OVER_LIMIT_NONE}

    def build_over_limit(self, cleaned, scoring: dict) -> dict:
        mode = cleaned.get("over_limit")
        deduct = cleaned.get("deduct") or 1
        if mode == OVER_LIMIT_ZERO:
            scoring["over_limit"] = "zero"
        elif mode == OVER_LIMIT_FIXED:
            scoring["over_limit"] = {"deduct": deduct}
        elif mode == OVER_LIMIT_BLOCKS:
            scoring["over_limit"] = {"per_words": cleaned.get("per_words") or 5, "deduct": deduct}
        return scoring


class FullSentencesFields:
    """The setting "in volledige zinnen" on a question form (open, summary, parts):
    the box and its deduction, their layout, their initial values and the scoring
    data they write (`full_sentences`, docs/question-kinds.md). static/js/authoring.js
    shows the deduction only while the box is ticked."""

    def add_sentences_fields(self):
        self.fields["full_sentences"] = forms.BooleanField(
            label=_("Answer in full sentences"),
            required=False,
            help_text=_(
                '"Geef antwoord in een of meer volledige zinnen": the computer proposes '
                "whether an answer is, the marker confirms."
            ),
        )
        self.fields["sentences_deduct"] = small_number(
            _("Points deducted when not in full sentences"), initial=1, min_value=1
        )

    def sentences_layout(self):
        return [
            Field("full_sentences"),
            Row(Column("sentences_deduct", css_class="col-sm-6 js-sentences-deduct")),
        ]

    def sentences_initial(self, scoring: dict) -> dict:
        sentences = (scoring or {}).get("full_sentences")
        if isinstance(sentences, dict):
            return {"full_sentences": True, "sentences_deduct": sentences.get("deduct", 1)}
        return {}

    def build_sentences_rule(self, cleaned, scoring: dict) -> dict:
        if cleaned.get("full_sentences"):
            scoring["full_sentences"] = {"deduct": cleaned.get("sentences_deduct") or 1}
        return scoring


class OpenForm(ElementRowsFields, OverLimitFields, FullSentencesFields, QuestionForm):
    """An open question: its elements, how many reasons are asked, and the length
    rules every open kind has (a word limit with its rule for going over, and "in
    volledige zinnen" with its deduction; docs/question-kinds.md)."""

    kind = Question.Kind.OPEN
    scoring_field = ("elements", "text")
    over_limit_initial = OVER_LIMIT_NONE

    class Meta(QuestionForm.Meta):
        fields = [*QuestionForm.Meta.fields, "model_answer", "word_limit"]
        help_texts = {
            **QuestionForm.Meta.help_texts,
            "model_answer": gettext_lazy(
                'The model answer as pupils read it: "/" separates alternatives, '
                '"( )" marks optional words.'
            ),
            "word_limit": gettext_lazy(
                'As the question says it: "Gebruik maximaal 25 woorden". Pupils see '
                "their count while they write."
            ),
        }

    def add_kind_fields(self):
        elements = self.stored.scoring.get("elements", []) if self.stored else []
        self.add_element_rows(
            ElementRow,
            elements,
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
        self.add_length_fields()

    def add_length_fields(self):
        """The word limit's rule and "in volledige zinnen", as every open kind has them."""
        self.fields["word_limit"].widget.attrs["class"] = "authoring-number"
        self.fields["word_limit"].widget.attrs["min"] = 1
        self.fields["word_limit"].validators.append(MinValueValidator(1))
        self.add_over_limit_fields()
        self.add_sentences_fields()

    def length_layout(self):
        return [
            Field("word_limit"),
            *self.over_limit_layout(),
            *self.sentences_layout(),
        ]

    def kind_layout(self):
        return [Field("model_answer"), RowsBlock("elements"), Field("asked"), *self.length_layout()]

    def initial_from_question(self, question):
        return {"asked": question.scoring.get("asked"), **self.length_initial(question)}

    def length_initial(self, question) -> dict:
        scoring = question.scoring or {}
        return {**self.over_limit_initial_values(scoring), **self.sentences_initial(scoring)}

    def build_length_rules(self, cleaned, scoring: dict) -> dict:
        """The length rules into the scoring data: `over_limit` and `full_sentences`."""
        return self.build_sentences_rule(cleaned, self.build_over_limit(cleaned, scoring))

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
        return self.build_length_rules(cleaned, self.build_elements(cleaned)), []


class SummaryForm(OpenForm):
    """A summary: as an open question, without "how many are asked", and with a word
    limit it must have (deducting per block of five words over, unless the teacher
    chooses otherwise)."""

    kind = Question.Kind.SUMMARY
    over_limit_initial = OVER_LIMIT_BLOCKS

    def add_kind_fields(self):
        super().add_kind_fields()
        del self.fields["asked"]
        self.fields["word_limit"].required = True

    def kind_layout(self):
        return [Field("model_answer"), RowsBlock("elements"), *self.length_layout()]

    def initial_from_question(self, question):
        return self.length_initial(question)
