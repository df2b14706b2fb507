"""Kinds whose pupil picks from options: multiple choice, multiple response and
ordering. The options are rows labelled A, B, C ... or 1, 2, 3 ... as the exam prints
them ("Noteer alleen de nummers"), any number of them up to 26."""

from __future__ import annotations

import re

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.layout import Div, Field
from django import forms
from django.utils.translation import gettext as _

from exam.authoring.checks import ChoiceData
from exam.authoring.forms.questions.base import (
    MODE_ALL,
    MODE_PER,
    QuestionForm,
    one_line,
    stored_rows,
)
from exam.authoring.forms.questions.labels import (
    OPTION_STYLES,
    LabelStylesMixin,
    relabel_button,
)
from exam.authoring.forms.questions.rows import (
    MAX_ROWS,
    UPPER,
    ContentRow,
    RowsBlock,
    row_labels,
    small_number,
)
from exam.authoring.forms.questions.score_table import MODE_TABLE
from exam.kinds import mc as mc_kind
from exam.kinds import multi as multi_kind
from exam.kinds import ordering as ordering_kind
from exam.kinds.common import NUMBER
from exam.models import Question

ROLE_OPTION = "option"
ROLE_ITEM = "item"


def order_labels(text: str, style: str, count: int) -> list[str]:
    """The labels typed as the right order: "C A B D" or "CABD" in letters, "3 1 2 4"
    (or "3124" for at most nine items) in numbers.

    >>> order_labels("c, a b", "upper", 3), order_labels("3 1 2", "number", 3)
    (['C', 'A', 'B'], ['3', '1', '2'])
    """
    if style == NUMBER:
        found = re.findall(r"\d+", text or "")
        if len(found) == 1 and 1 < count <= 9 and len(found[0]) == count:
            return list(found[0])
        return found
    return re.findall(r"[A-Z]", (text or "").upper())


class OptionsMixin(LabelStylesMixin):
    """Labelled rows (prefix "options"), filled from the first label on without a gap,
    and the radio that chooses their labels (letters or numbers)."""

    option_role = ROLE_OPTION
    # Too few options (the kind's validate) shows on the options.
    problem_fields = {"choices": ("options", "content")}
    min_options = 4
    option_style = UPPER

    def add_option_style(self) -> dict[str, str]:
        """The labels radio; returns old label -> new label when the teacher just
        changed the style (empty otherwise)."""
        self.option_style = self.add_label_style(
            "labels",
            role=self.option_role,
            choices=OPTION_STYLES,
            default=UPPER,
            label=_("Labels"),
        )
        return self.style_mapping("labels")

    def add_option_rows(self) -> None:
        stored_style = self.stored_style(self.option_role, UPPER)
        labels = row_labels(stored_style, MAX_ROWS)
        self.add_rows(
            "options",
            ContentRow,
            initial=stored_rows(self.stored, self.option_role, labels),
            min_rows=self.min_options,
            label_style=self.option_style,
            legend=_("Options"),
            add_label=_("Add an option"),
            css_class="authoring-options",
        )

    def option_labels(self) -> list[str]:
        return self.formsets["options"].labels

    def option_layout(self):
        return [
            InlineRadios("labels"),
            Field("shown_labels"),
            relabel_button(),
            RowsBlock("options"),
        ]

    def clean_options(self) -> list[ChoiceData]:
        """The filled options, which must run A, B, C ... (or 1, 2, 3 ...) without a gap."""
        rows = self.rows("options")
        labels = self.option_labels()
        filled = [i for i, (_row, values) in enumerate(rows) if values.get("content")]
        if filled != list(range(len(filled))):
            gap = next(i for i in range(len(rows)) if i not in filled)
            self.row_error(
                "options",
                gap,
                "content",
                _("Fill the options in order: %(label)s is empty.") % {"label": labels[gap]},
            )
        return [
            ChoiceData(self.option_role, labels[i], one_line(rows[i][1]["content"])) for i in filled
        ]


class MultipleChoiceForm(OptionsMixin, QuestionForm):
    kind = Question.Kind.MULTIPLE_CHOICE
    scoring_field = "key"

    def add_kind_fields(self):
        mapping = self.add_option_style()
        if mapping:
            self.data["key"] = mc_kind.relabel(
                {"key": str(self.data.get("key", ""))}, {"option": mapping}
            )["key"]
        self.add_option_rows()
        self.fields["key"] = forms.ChoiceField(
            label=_("Key"),
            choices=[(lbl, lbl) for lbl in self.option_labels()],
            widget=forms.RadioSelect,
            error_messages={"required": _("Choose which option is the right answer.")},
        )

    def kind_layout(self):
        return [*self.option_layout(), InlineRadios("key")]

    def initial_from_question(self, question):
        return {"key": question.scoring.get("key")}

    def build(self, cleaned):
        return {"key": cleaned.get("key")}, self.clean_options()


class MultipleResponseForm(OptionsMixin, QuestionForm):
    kind = Question.Kind.MULTIPLE_RESPONSE
    scoring_field = "keys"

    def add_kind_fields(self):
        mapping = self.add_option_style()
        if mapping:
            keys = multi_kind.relabel({"keys": self.data.getlist("keys")}, {"option": mapping})
            self.data.setlist("keys", keys["keys"])
        self.add_option_rows()
        labels = self.option_labels()
        self.fields["keys"] = forms.MultipleChoiceField(
            label=_("Right options"),
            choices=[(lbl, lbl) for lbl in labels],
            widget=forms.CheckboxSelectMultiple,
        )
        self.fields["choose"] = small_number(
            _("How many the pupil chooses"),
            min_value=1,
            max_value=max(len(labels) - 1, 1),
            help_text=_("Empty: as many as there are right options."),
        )
        self.add_mode(
            [(MODE_PER, _("points per right option")), (MODE_TABLE, _("score table"))],
            initial=MODE_PER,
        )
        self.fields["per_correct"] = small_number(
            _("Points per right option"), initial=1, min_value=1
        )
        # The pupil chooses at most one option fewer than there are.
        self.add_score_table(len(labels), count_source="#id_choose")

    def kind_layout(self):
        return [
            *self.option_layout(),
            InlineCheckboxes("keys"),
            Field("choose"),
            InlineRadios("mode"),
            Div(Field("per_correct"), css_class="js-mode-per"),
            self.score_table_layout(),
        ]

    def initial_from_question(self, question):
        scoring = question.scoring
        return {
            "keys": scoring.get("keys", []),
            "choose": scoring.get("choose"),
            "mode": self.mode_initial(question, MODE_PER),
            "per_correct": scoring.get("per_correct", 1),
        }

    def build(self, cleaned):
        keys = [k for k in self.option_labels() if k in (cleaned.get("keys") or [])]
        choose = cleaned.get("choose") or len(keys)
        scoring: dict = {"keys": keys, "choose": choose}
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.table_points(count=choose)
        else:
            scoring["per_correct"] = cleaned.get("per_correct") or 1
        return scoring, self.clean_options()


class OrderingForm(OptionsMixin, QuestionForm):
    kind = Question.Kind.ORDERING
    scoring_field = "order"
    min_options = 3
    option_role = ROLE_ITEM

    def add_kind_fields(self):
        mapping = self.add_option_style()
        if mapping:
            _role, shown, _style = self.label_styles["labels"]
            order = order_labels(str(self.data.get("order", "")), shown, MAX_ROWS)
            relabelled = ordering_kind.relabel({"order": order}, {"item": mapping})
            self.data["order"] = " ".join(relabelled["order"])
        self.add_option_rows()
        self.fields["order"] = forms.CharField(
            label=_("Right order"),
            max_length=3 * MAX_ROWS,
            help_text=_("The letters or numbers in the right order, e.g. C A B D or 3 1 4 2."),
        )
        self.add_mode(
            [(MODE_ALL, _("all or nothing")), (MODE_TABLE, _("score table"))], initial=MODE_ALL
        )
        self.add_score_table(
            len(self.option_labels()) + 1, count_source=".authoring-options .js-count"
        )

    def kind_layout(self):
        return [
            *self.option_layout(),
            Field("order"),
            InlineRadios("mode"),
            self.score_table_layout(),
        ]

    def initial_from_question(self, question):
        return {
            "order": " ".join(question.scoring.get("order", [])),
            "mode": self.mode_initial(question, MODE_ALL),
        }

    def build(self, cleaned):
        choices = self.clean_options()
        order = order_labels(cleaned.get("order", ""), self.option_style, len(choices))
        scoring: dict = {"order": order}
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.table_points(count=len(choices))
        return scoring, choices
