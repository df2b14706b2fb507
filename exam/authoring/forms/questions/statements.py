"""Statements: the pupil judges rows (juist/onjuist or another pair of words,
numbered 1, 2, 3 ...). Matching has its own form (matching.py)."""

from __future__ import annotations

import json

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Div, Field, Fieldset
from django import forms
from django.utils.translation import gettext as _

from exam.authoring.checks import ChoiceData
from exam.authoring.forms.questions.base import (
    QuestionForm,
    one_line,
    stored_rows,
)
from exam.authoring.forms.questions.rows import (
    MAX_ROWS,
    NUMBER,
    RowsBlock,
    StatementRow,
    row_labels,
)
from exam.kinds import statements as statements_kind
from exam.models import Question

ROLE_STATEMENT = "statement"


def _filled_in_order(form: QuestionForm, prefix: str, message: str) -> list[int]:
    """The indexes of the filled rows; a gap before a filled row is an error on it."""
    rows = form.rows(prefix)
    labels = form.formsets[prefix].labels
    filled = [i for i, (_row, values) in enumerate(rows) if values.get("content")]
    if filled != list(range(len(filled))):
        gap = next(i for i in range(len(rows)) if i not in filled)
        form.row_error(prefix, gap, "content", message % {"label": labels[gap]})
    return filled


# The pair field's value for a pair of the exams ("wel/niet"), or a pair the teacher types.
CUSTOM_PAIR = "custom"


def _pair_value(pair) -> str:
    return "/".join(pair)


PRESET_PAIRS = {_pair_value(pair): tuple(pair) for pair in statements_kind.PAIRS}


class StatementsForm(QuestionForm):
    kind = Question.Kind.STATEMENTS
    scoring_field = ("statements", "content")
    problem_rows = {
        **QuestionForm.problem_rows,
        "answer": ("statements", "answer"),
        "statement": ("statements", "content"),
    }
    problem_fields = {"choices": ("statements", "content")}
    # The pair's problems ("values:1" is the first word) on the fields that hold it.
    pair_fields = {"values": "pair", "values:1": "word_1", "values:2": "word_2"}

    def add_kind_fields(self):
        stored_pair = statements_kind.pair_of(self.stored.scoring) if self.stored else None
        # "juist" and "onjuist" and the like are the exam's own answer words (data).
        self.fields["pair"] = forms.ChoiceField(
            label=_("Answer words"),
            choices=[(value, value) for value in PRESET_PAIRS]
            + [(CUSTOM_PAIR, _("two other words"))],
            initial=_pair_value(statements_kind.VALUES),
            widget=forms.RadioSelect,
            # Not posted (an older page): juist/onjuist.
            required=False,
        )
        self.fields["word_1"] = forms.CharField(
            label=_("First word"), required=False, max_length=100
        )
        self.fields["word_2"] = forms.CharField(
            label=_("Second word"), required=False, max_length=100
        )
        # The pair the answer fields were shown with: a changed pair keeps each answer
        # in its place (juist becomes wel), also without JavaScript.
        self.fields["shown_pair"] = forms.CharField(widget=forms.HiddenInput, required=False)
        pair = self._posted_pair() if self.is_bound else stored_pair or statements_kind.VALUES
        if self.is_bound:
            self._move_answers(pair)
        else:
            self.initial["shown_pair"] = json.dumps(list(pair))
        answers = self.stored.scoring.get("answers", {}) if self.stored else {}
        rows = self.add_rows(
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
        choices = [("", "—")] + [(word, word) for word in dict.fromkeys(pair) if word]
        for row in rows.forms:
            row.fields["answer"].choices = choices
        self.add_score_table(
            self.planned_rows("statements") + 1,
            count_source=".authoring-statements .js-count",
        )

    def _posted_pair(self) -> tuple[str, str]:
        value = str(self.data.get("pair", ""))
        if value == CUSTOM_PAIR:
            words = (str(self.data.get(name, "")).strip() for name in ("word_1", "word_2"))
            return tuple(words)
        return PRESET_PAIRS.get(value, statements_kind.VALUES)

    def _move_answers(self, pair: tuple[str, str]) -> None:
        """Posted answers in the words the rows were shown with become the same
        places in the posted pair; the rows are shown with that pair from now on."""
        try:
            shown = json.loads(str(self.data.get("shown_pair") or "[]"))
        except ValueError:
            shown = []
        if isinstance(shown, list) and len(shown) == 2 and all(pair):
            total = str(self.data.get("statements-TOTAL_FORMS", "0"))
            for index in range(int(total) if total.isdigit() else 0):
                name = f"statements-{index}-answer"
                value = self.data.get(name, "")
                if value and value not in pair and value in shown:
                    self.data[name] = pair[shown.index(value)]
        self.data["shown_pair"] = json.dumps(list(pair))

    def initial_from_question(self, question):
        pair = statements_kind.pair_of(question.scoring)
        if _pair_value(pair) in PRESET_PAIRS:
            return {"pair": _pair_value(pair)}
        return {"pair": CUSTOM_PAIR, "word_1": pair[0], "word_2": pair[1]}

    def kind_layout(self):
        return [
            # The radios carry the label "Answer words" themselves: no legend above them.
            Div(
                InlineRadios("pair"),
                Div(Field("word_1"), Field("word_2"), css_class="js-pair-custom"),
                Field("shown_pair"),
            ),
            RowsBlock("statements"),
            Fieldset(_("Score table"), self.score_table_layout()),
        ]

    def _problem_place(self, name):
        if name in self.pair_fields:
            return None, 0, self.pair_fields[name]
        return super()._problem_place(name)

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
        scoring = {"answers": answers, "table": table}
        pair = self._posted_pair()
        # juist/onjuist is the default: such a question's data names no pair.
        if pair != statements_kind.VALUES:
            scoring["values"] = list(pair)
        return scoring, choices
