"""Kinds whose pupil writes a short answer the computer checks: a paragraph number,
a citation from the text, a word for a gap (or several gaps)."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Div, Field
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exam.authoring.forms.questions.base import MODE_PER, QuestionForm, lines_of, words
from exam.authoring.forms.questions.rows import NUMBER, RowsBlock, small_number
from exam.authoring.forms.questions.score_table import MODE_TABLE
from exam.kinds import gap as gap_kind
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


class GapRow(forms.Form):
    """One gap: its accepted answers, one per line."""

    accepted = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2, "class": "js-count"}),
        help_text=gettext_lazy("One accepted word or wording per line."),
    )


class GapForm(QuestionForm):
    """One gap or several ("Vul de woorden in op de plaatsen 1, 2 en 3"): a row of
    accepted answers per gap, points per right gap or a score table, and what happens
    to an answer that is not accepted. One filled row stores the one-gap shape
    {"accepted": [...]}, several {"gaps": [{"accepted": [...]}, ...]} (exam/kinds/gap.py)."""

    kind = Question.Kind.GAP
    scoring_field = ("gaps", "accepted")
    problem_rows = {**QuestionForm.problem_rows, "gap": ("gaps", "accepted")}
    problem_fields = {"accepted": ("gaps", "accepted"), "gaps": ("gaps", "accepted")}

    def add_kind_fields(self):
        self.add_rows(
            "gaps",
            GapRow,
            initial=[
                {"accepted": "\n".join(accepted)}
                for accepted in (gap_kind.gaps_of(self.stored.scoring) if self.stored else [])
            ],
            min_rows=1,
            label_style=NUMBER,
            label_format=lambda label: _("Gap %(label)s") % {"label": label},
            legend=_("Accepted answers per gap"),
            add_label=_("Add a gap"),
            css_class="authoring-gaps",
            hint=_(
                "One gap, or several when the pupil fills in the places 1, 2, 3 ... in the text."
            ),
            spare=0,
        )
        self.fields["review"] = forms.ChoiceField(
            label=_("An answer that is not accepted"),
            choices=[
                (gap_kind.MARKER, _("goes to the marker, who may accept it by analogy")),
                (gap_kind.FINAL, _("earns 0 points; no teacher sees it")),
            ],
            initial=gap_kind.MARKER,
            widget=forms.RadioSelect,
            required=False,
            help_text=_(
                "An answer that nearly matches an accepted one (a small typo, another "
                "ending) always goes to the marker."
            ),
        )
        self.add_mode(
            [(MODE_PER, _("points per right gap")), (MODE_TABLE, _("score table"))],
            initial=MODE_PER,
        )
        self.fields["mode"].help_text = _("Only for several gaps.")
        self.fields["mode"].required = False
        self.fields["per_gap"] = small_number(_("Points per right gap"), initial=1, min_value=1)
        self.add_score_table(
            self.planned_rows("gaps") + 1, count_source=".authoring-gaps .js-count"
        )

    def kind_layout(self):
        return [
            RowsBlock("gaps"),
            InlineRadios("review"),
            InlineRadios("mode"),
            Div(Field("per_gap"), css_class="js-mode-per"),
            self.score_table_layout(),
        ]

    def initial_from_question(self, question):
        return {
            "review": gap_kind.review_mode(question.scoring),
            "mode": self.mode_initial(question, MODE_PER),
            "per_gap": question.scoring.get("per_gap", 1),
        }

    def build(self, cleaned):
        rows = self.rows("gaps")
        filled = [i for i, (_row, values) in enumerate(rows) if lines_of(values.get("accepted"))]
        if filled != list(range(len(filled))):
            empty = next(i for i in range(len(rows)) if i not in filled)
            label = self.formsets["gaps"].labels[empty]
            self.row_error(
                "gaps",
                empty,
                "accepted",
                _("Fill the gaps in order: %(label)s is empty.") % {"label": label},
            )
        gaps = [lines_of(rows[i][1].get("accepted")) for i in filled]
        # "final" is the default: such a question's data names no review mode.
        review = {"review": gap_kind.MARKER} if cleaned.get("review") == gap_kind.MARKER else {}
        if len(gaps) <= 1:
            # One gap: the question earns its maximum for an accepted answer.
            return {"accepted": gaps[0] if gaps else [], **review}, []
        scoring: dict = {"gaps": [{"accepted": accepted} for accepted in gaps], **review}
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.table_points(count=len(gaps))
        else:
            scoring["per_gap"] = cleaned.get("per_gap") or 1
        return scoring, []
