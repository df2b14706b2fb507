"""An open question in parts ("a) Noem ... b) Leg uit ..."): the parts as rows (a, b,
... by position: prompt and word limit) and the answer model's elements as rows, each
naming its part. exam/kinds/parts.py checks the result."""

from __future__ import annotations

from crispy_forms.layout import Field
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from exam.authoring.forms.questions.base import QuestionForm, one_line, words
from exam.authoring.forms.questions.open import (
    OVER_LIMIT_ZERO,
    ElementRowsFields,
    FullSentencesFields,
    OverLimitFields,
)
from exam.authoring.forms.questions.rows import (
    LOWER,
    REQUIRED,
    ElementRow,
    RowsBlock,
    grow,
    row_label,
    row_labels,
    small_number,
)
from exam.kinds.parts import LABELS
from exam.models import Question

# At most as many parts as there are labels; real exams have two or three.
MAX_PARTS = len(LABELS)


class PartRow(forms.Form):
    """One part: what it asks and its word limit (empty: none)."""

    prompt = forms.CharField(required=False, max_length=1000, widget=grow())
    word_limit = small_number(
        gettext_lazy("Word limit"), min_value=1, max_value=500, help_text=gettext_lazy("optional")
    )


class PartElementRow(ElementRow):
    """An element of the answer model and the part it belongs to."""

    part = forms.ChoiceField(label=pgettext_lazy("part of a question", "Part"), required=False)

    def __init__(self, *args, targets: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part"].choices = [("", "—")] + [(label, label) for label in targets or []]


class PartsForm(ElementRowsFields, OverLimitFields, FullSentencesFields, QuestionForm):
    """The parts, the elements per part, the rule for a part over its word limit and
    "in volledige zinnen" (judged over the whole answer, exam/kinds/parts.py)."""

    over_limit_initial = OVER_LIMIT_ZERO
    over_limit_label = gettext_lazy("A part over its word limit")
    over_limit_zero_label = gettext_lazy("the part earns 0 points")
    kind = Question.Kind.PARTS
    scoring_field = ("parts", "prompt")
    problem_rows = {
        **QuestionForm.problem_rows,
        "part": ("parts", "prompt"),
        "element_part": ("elements", "part"),
    }
    problem_fields = {"parts": ("parts", "prompt"), "elements": ("elements", "text")}

    class Meta(QuestionForm.Meta):
        fields = [*QuestionForm.Meta.fields, "model_answer"]

    def add_kind_fields(self):
        scoring = self.stored.scoring if self.stored else {}
        stored_parts = [p for p in scoring.get("parts", []) if isinstance(p, dict)]
        # A stored part's label -> the row label the form gives it (a, b, ... by position).
        relabel = {
            str(p.get("label", "")): row_label(LOWER, i)
            for i, p in enumerate(stored_parts[:MAX_PARTS])
        }
        parts = self.add_rows(
            "parts",
            PartRow,
            initial=[
                {"prompt": p.get("prompt", ""), "word_limit": p.get("word_limit")}
                for p in stored_parts[:MAX_PARTS]
            ],
            min_rows=2,
            label_style=LOWER,
            label_format=lambda label: _("Part %(label)s") % {"label": label},
            legend=_("Parts of the question"),
            add_label=_("Add a part"),
            css_class="authoring-parts",
            hint=_(
                "Each part gets its own answer box on the exam page, with a word count "
                "when it has a word limit."
            ),
        )
        parts.max_num = MAX_PARTS
        elements = [e for e in scoring.get("elements", []) if isinstance(e, dict)]
        self.add_element_rows(
            PartElementRow,
            elements,
            extra=lambda e: {"part": relabel.get(str(e.get("part", "")), "")},
            targets=row_labels(LOWER, min(self.planned_rows("parts"), MAX_PARTS)),
            hint=_(
                "One element per point-earning part of the answer, with the part it belongs "
                "to: the computer looks for its keywords in that part's answer only."
            ),
        )
        self.add_over_limit_fields()
        self.add_sentences_fields()

    def kind_layout(self):
        return [
            RowsBlock("parts"),
            Field("model_answer"),
            RowsBlock("elements"),
            *self.over_limit_layout(),
            *self.sentences_layout(),
        ]

    def initial_from_question(self, question):
        scoring = question.scoring or {}
        return {**self.over_limit_initial_values(scoring), **self.sentences_initial(scoring)}

    def _build_parts(self) -> list[dict]:
        """The filled part rows, labelled by their row (a, b, ...)."""
        parts: list[dict] = []
        rows = self.rows("parts")
        self.row_keys["parts"] = {}
        filled = [
            index
            for index, (_row, values) in enumerate(rows)
            if one_line(values.get("prompt")) or values.get("word_limit")
        ]
        for index in filled:
            values = rows[index][1]
            self.row_keys["parts"][str(len(parts))] = index
            parts.append(
                {
                    "label": rows[index][0].label,
                    "prompt": one_line(values.get("prompt")),
                    "word_limit": values.get("word_limit") or None,
                }
            )
        # Filled from the first row on: an empty row before a filled one is a gap.
        for index in range(filled[-1] if filled else 0):
            if index not in filled:
                self.row_error("parts", index, "prompt", REQUIRED)
        return parts

    def _build_elements(self) -> list[dict]:
        elements: list[dict] = []
        rows = self.rows("elements")
        self.row_keys["elements"] = {}
        for index, (_row, values) in enumerate(rows):
            text = one_line(values.get("text"))
            keywords = words(values.get("keywords", ""))
            if text or keywords or values.get("part"):
                key = str(len(elements))
                self.row_keys["elements"][key] = index
                elements.append(
                    {
                        "text": text,
                        "points": values.get("points") or 1,
                        "keywords": keywords,
                        "part": values.get("part") or "",
                    }
                )
        if elements and rows and not one_line(rows[0][1].get("text")):
            self.row_error("elements", 0, "text", REQUIRED)
        return elements

    def build(self, cleaned):
        scoring: dict = {"parts": self._build_parts(), "elements": self._build_elements()}
        scoring = self.build_over_limit(cleaned, scoring)
        return self.build_sentences_rule(cleaned, scoring), []
