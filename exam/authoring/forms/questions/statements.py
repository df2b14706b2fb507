"""Kinds whose pupil judges or pairs rows: statements (juist/onjuist, numbered 1, 2,
3 ...) and matching (items a, b, c ... paired with targets 1, 2, 3 ...)."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Div, Field, Fieldset
from django.utils.translation import gettext as _

from exam.authoring.checks import ChoiceData
from exam.authoring.forms.questions.base import (
    MODE_PER,
    QuestionForm,
    one_line,
    stored_rows,
)
from exam.authoring.forms.questions.rows import (
    LOWER,
    MAX_ROWS,
    NUMBER,
    ItemRow,
    RowsBlock,
    StatementRow,
    TargetRow,
    row_labels,
    small_number,
)
from exam.authoring.forms.questions.score_table import MODE_TABLE
from exam.models import Question

ROLE_STATEMENT = "statement"
ROLE_ITEM = "item"
ROLE_TARGET = "target"


def _filled_in_order(form: QuestionForm, prefix: str, message: str) -> list[int]:
    """The indexes of the filled rows; a gap before a filled row is an error on it."""
    rows = form.rows(prefix)
    labels = form.formsets[prefix].labels
    filled = [i for i, (_row, values) in enumerate(rows) if values.get("content")]
    if filled != list(range(len(filled))):
        gap = next(i for i in range(len(rows)) if i not in filled)
        form.row_error(prefix, gap, "content", message % {"label": labels[gap]})
    return filled


class StatementsForm(QuestionForm):
    kind = Question.Kind.STATEMENTS
    scoring_field = ("statements", "content")
    problem_rows = {
        **QuestionForm.problem_rows,
        "answer": ("statements", "answer"),
        "statement": ("statements", "content"),
    }
    problem_fields = {"choices": ("statements", "content")}

    def add_kind_fields(self):
        answers = self.stored.scoring.get("answers", {}) if self.stored else {}
        self.add_rows(
            "statements",
            StatementRow,
            initial=stored_rows(
                self.stored,
                ROLE_STATEMENT,
                row_labels(NUMBER, MAX_ROWS),
                answer=lambda c: answers.get(c.label, ""),
            ),
            min_rows=3,
            label_style=NUMBER,
            label_format=lambda label: _("Statement %(number)s") % {"number": label},
            legend=_("Statements"),
            add_label=_("Add a statement"),
            css_class="authoring-statements",
        )
        self.add_score_table(
            self.planned_rows("statements") + 1,
            count_source=".authoring-statements .js-count",
        )

    def kind_layout(self):
        return [RowsBlock("statements"), Fieldset(_("Score table"), self.score_table_layout())]

    def build(self, cleaned):
        choices, answers = [], {}
        labels = self.formsets["statements"].labels
        filled = _filled_in_order(
            self, "statements", _("Fill the statements in order: %(label)s is empty.")
        )
        for index, (_row, values) in enumerate(self.rows("statements")):
            if index in filled:
                content = one_line(values["content"])
                choices.append(ChoiceData(ROLE_STATEMENT, labels[index], content))
            # An answer without its statement, too: the kind's validate says so.
            if values.get("answer"):
                answers[labels[index]] = values["answer"]
        table = self.table_points(count=len(filled))
        return {"answers": answers, "table": table}, choices


class MatchingForm(QuestionForm):
    kind = Question.Kind.MATCHING
    scoring_field = ("items", "pair")
    problem_rows = {
        **QuestionForm.problem_rows,
        "pair": ("items", "pair"),
        "item": ("items", "content"),
    }
    problem_fields = {"items": ("items", "content"), "targets": ("targets", "content")}

    def add_kind_fields(self):
        targets = self.add_rows(
            "targets",
            TargetRow,
            initial=stored_rows(self.stored, ROLE_TARGET, row_labels(NUMBER, MAX_ROWS)),
            min_rows=3,
            label_style=NUMBER,
            legend=_("What they match"),
            add_label=_("Add a target"),
            css_class="authoring-options",
        )
        pairs = self.stored.scoring.get("pairs", {}) if self.stored else {}
        self.add_rows(
            "items",
            ItemRow,
            initial=stored_rows(
                self.stored,
                ROLE_ITEM,
                row_labels(LOWER, MAX_ROWS),
                pair=lambda c: pairs.get(c.label, ""),
            ),
            min_rows=3,
            label_style=LOWER,
            label_format=lambda label: _("Item %(label)s") % {"label": label},
            legend=_("Items to match"),
            add_label=_("Add an item"),
            css_class="authoring-items",
            targets=targets.labels,
        )
        self.add_mode(
            [(MODE_PER, _("points per right pair")), (MODE_TABLE, _("score table"))],
            initial=MODE_PER,
        )
        self.fields["per_pair"] = small_number(_("Points per right pair"), initial=1, min_value=1)
        self.add_score_table(
            self.planned_rows("items") + 1, count_source=".authoring-items .js-count"
        )

    def kind_layout(self):
        return [
            RowsBlock("items"),
            RowsBlock("targets"),
            InlineRadios("mode"),
            Div(Field("per_pair"), css_class="js-mode-per"),
            self.score_table_layout(),
        ]

    def initial_from_question(self, question):
        return {
            "mode": self.mode_initial(question, MODE_PER),
            "per_pair": question.scoring.get("per_pair", 1),
        }

    def build(self, cleaned):
        item_labels = self.formsets["items"].labels
        target_labels = self.formsets["targets"].labels
        items = _filled_in_order(self, "items", _("Fill the items in order: %(label)s is empty."))
        targets = _filled_in_order(
            self, "targets", _("Fill the targets in order: %(label)s is empty.")
        )
        item_rows, target_rows = self.rows("items"), self.rows("targets")
        pairs = {}
        for index in items:
            # An item without a pair is left out: the kind's validate says so.
            if target := item_rows[index][1].get("pair"):
                pairs[item_labels[index]] = target
        choices = [
            ChoiceData(ROLE_ITEM, item_labels[i], one_line(item_rows[i][1]["content"]))
            for i in items
        ] + [
            ChoiceData(ROLE_TARGET, target_labels[i], one_line(target_rows[i][1]["content"]))
            for i in targets
        ]
        scoring: dict = {"pairs": pairs}
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.table_points(count=len(items))
        else:
            scoring["per_pair"] = cleaned.get("per_pair") or 1
        return scoring, choices
