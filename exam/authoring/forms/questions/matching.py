"""The matching form: items (a, b, c ... or as the exam prints them) paired with
targets (1, 2, 3 ... or letters), one target per item or, with "each item may have
several targets", any number per item (a row of checkboxes per item, one per target).

Switching between one and several targets keeps what was chosen: an item's target
becomes its one ticked box, and an item with exactly one ticked box gets it as its
target (with several, the form asks which one). A hidden field remembers the mode the
rows were shown in, as the label styles do (labels.py).
"""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios
from crispy_forms.layout import Div, Field
from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from exam.authoring.checks import ChoiceData
from exam.authoring.forms.questions.base import MODE_PER, QuestionForm, one_line, stored_rows
from exam.authoring.forms.questions.labels import (
    MATCH_STYLES,
    LabelStylesMixin,
    relabel_button,
)
from exam.authoring.forms.questions.rows import (
    LOWER,
    MAX_ROWS,
    NUMBER,
    ItemRow,
    RowsBlock,
    TargetRow,
    row_labels,
    small_number,
)
from exam.authoring.forms.questions.score_table import MODE_TABLE
from exam.kinds import matching as matching_kind
from exam.models import Question

ROLE_ITEM = "item"
ROLE_TARGET = "target"
LINK_SOURCE = ".authoring-items input.js-link:checked"
ITEM_SOURCE = ".authoring-items .js-count"


def filled_in_order(form: QuestionForm, prefix: str, message: str) -> list[int]:
    """The indexes of the filled rows; a gap before a filled row is an error on it."""
    rows = form.rows(prefix)
    labels = form.formsets[prefix].labels
    filled = [i for i, (_row, values) in enumerate(rows) if values.get("content")]
    if filled != list(range(len(filled))):
        gap = next(i for i in range(len(rows)) if i not in filled)
        form.row_error(prefix, gap, "content", message % {"label": labels[gap]})
    return filled


def first_link(value) -> str:
    links = matching_kind.links_of(value)
    return links[0] if links else ""


class ItemRowsBlock(RowsBlock):
    """The items' rows: each with its target (select) and its targets (checkboxes);
    the mode shows one of the two (authoring.js switches them)."""

    def render(self, form, context, **kwargs):
        return render_to_string(
            "exam/authoring/_match_rows.html",
            {"formset": form.formsets[self.prefix], "multiple": form.multiple},
        )


class MatchingForm(LabelStylesMixin, QuestionForm):
    kind = Question.Kind.MATCHING
    scoring_field = ("items", "pair")
    problem_rows = {
        **QuestionForm.problem_rows,
        "pair": ("items", "pair"),
        "item": ("items", "content"),
    }
    problem_fields = {"items": ("items", "content"), "targets": ("targets", "content")}
    multiple = False

    def add_kind_fields(self):
        item_style = self.add_label_style(
            "item_labels", role=ROLE_ITEM, choices=MATCH_STYLES, default=LOWER, label=_("Items")
        )
        target_style = self.add_label_style(
            "target_labels",
            role=ROLE_TARGET,
            choices=MATCH_STYLES,
            default=NUMBER,
            label=_("What they match"),
        )
        self._add_multiple()
        if self.multiple:
            # Problems with an item's targets show on its checkboxes.
            self.problem_rows = {**self.problem_rows, "pair": ("items", "links")}
            self.problem_fields = {**self.problem_fields, "pairs": ("items", "links")}
            self.scoring_field = ("items", "links")
        if self.is_bound:
            self._relabel_posted_targets()
        targets = self.add_rows(
            "targets",
            TargetRow,
            initial=stored_rows(
                self.stored,
                ROLE_TARGET,
                row_labels(self.stored_style(ROLE_TARGET, NUMBER), MAX_ROWS),
            ),
            min_rows=3,
            label_style=target_style,
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
                row_labels(self.stored_style(ROLE_ITEM, LOWER), MAX_ROWS),
                pair=lambda c: first_link(pairs.get(c.label)),
                links=lambda c: matching_kind.links_of(pairs.get(c.label)),
            ),
            min_rows=3,
            label_style=item_style,
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
        items = self.planned_rows("items")
        rows = items + 1
        if self.multiple:
            # 0 up to the number of links; room for a few more ticked before saving.
            most = items * self.planned_rows("targets")
            rows = min(most, max(self._link_total() + items, 2 * items)) + 1
        self.add_score_table(rows, count_source=LINK_SOURCE if self.multiple else ITEM_SOURCE)

    def _add_multiple(self) -> None:
        stored = bool(self.instance.pk) and matching_kind.is_multiple(self.instance.scoring or {})
        self.fields["multiple"] = forms.BooleanField(
            label=_("Each item may have several targets (or none)"),
            required=False,
            initial=stored,
            help_text=_(
                "Every wrong link cancels a right one, so ticking everything earns nothing."
            ),
        )
        self.fields["shown_multiple"] = forms.CharField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.multiple = stored
            self.initial["shown_multiple"] = "1" if stored else "0"
            return
        self.multiple = str(self.data.get("multiple", "")).lower() in ("on", "true", "1")
        # Not posted (an older page, a script): the rows are in the posted mode.
        shown = str(self.data.get("shown_multiple", "")) or ("1" if self.multiple else "0")
        if (shown == "1") != self.multiple:
            self._switch_mode()
        self.data["shown_multiple"] = "1" if self.multiple else "0"

    def _item_total(self) -> int:
        total = str(self.data.get("items-TOTAL_FORMS", "0"))
        return min(int(total), MAX_ROWS) if total.isdigit() else 0

    def _switch_mode(self) -> None:
        """One target <-> several: an item's target becomes its one ticked box and
        back (several ticked boxes leave the target to choose)."""
        for index in range(self._item_total()):
            pair, links = f"items-{index}-pair", f"items-{index}-links"
            if self.multiple:
                value = str(self.data.get(pair, ""))
                self.data.setlist(links, [value] if value else [])
            else:
                ticked = self.data.getlist(links)
                self.data[pair] = ticked[0] if len(ticked) == 1 else ""

    def _relabel_posted_targets(self) -> None:
        """A changed target style relabels every item's target(s) (matching.relabel)."""
        mapping = self.style_mapping("target_labels")
        if not mapping:
            return
        for index in range(self._item_total()):
            pair, links = f"items-{index}-pair", f"items-{index}-links"
            pairs = {"p": str(self.data.get(pair, "")), "l": self.data.getlist(links)}
            relabelled = matching_kind.relabel({"pairs": pairs}, {"target": mapping})["pairs"]
            if pair in self.data:
                self.data[pair] = relabelled["p"]
            self.data.setlist(links, relabelled["l"])

    def _link_total(self) -> int:
        if not self.is_bound:
            return matching_kind.link_count(self.stored.scoring) if self.stored else 0
        return sum(
            len(set(self.data.getlist(f"items-{index}-links")))
            for index in range(self._item_total())
        )

    def kind_layout(self):
        return [
            Div(
                InlineRadios("item_labels"),
                InlineRadios("target_labels"),
                Field("shown_item_labels"),
                Field("shown_target_labels"),
                relabel_button(),
                css_class="authoring-label-styles",
            ),
            Field("multiple"),
            Field("shown_multiple"),
            ItemRowsBlock("items"),
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
        items = filled_in_order(self, "items", _("Fill the items in order: %(label)s is empty."))
        targets = filled_in_order(
            self, "targets", _("Fill the targets in order: %(label)s is empty.")
        )
        item_rows, target_rows = self.rows("items"), self.rows("targets")
        pairs: dict = {}
        for index in items:
            values = item_rows[index][1]
            if self.multiple:
                # Every item, also one without a target (the exam's "geen").
                chosen = set(values.get("links") or [])
                pairs[item_labels[index]] = [t for t in target_labels if t in chosen]
            elif target := values.get("pair"):
                # An item without a pair is left out: the kind's validate says so.
                pairs[item_labels[index]] = target
        choices = [
            ChoiceData(ROLE_ITEM, item_labels[i], one_line(item_rows[i][1]["content"]))
            for i in items
        ] + [
            ChoiceData(ROLE_TARGET, target_labels[i], one_line(target_rows[i][1]["content"]))
            for i in targets
        ]
        scoring: dict = {"pairs": pairs}
        if self.multiple:
            scoring["multiple"] = True
        count = matching_kind.link_count(scoring) if self.multiple else len(items)
        if cleaned.get("mode") == MODE_TABLE:
            scoring["table"] = self.table_points(count=count)
        else:
            scoring["per_pair"] = cleaned.get("per_pair") or 1
        return scoring, choices
