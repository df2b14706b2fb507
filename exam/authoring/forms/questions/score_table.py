"""The score table of a question form: the points for 0, 1, 2 ... right answers, one
formset row per number, as many rows as the list it counts (statements, items,
options) needs."""

from __future__ import annotations

from django.utils.translation import gettext as _

from exam.authoring.forms.questions.rows import COUNT, RowsBlock, ScoreRow

MODE_TABLE = "table"


class ScoreTableMixin:
    """For QuestionForm: the "table" formset; problems with a row of it come from the
    kind's validate with the field "table:<count>" (exam/kinds/common.py)."""

    def add_score_table(self, rows: int, *, count_source: str, mode_value: str = MODE_TABLE):
        """A score-table formset of `rows` rows (0 right up to rows - 1 right)."""
        if self.is_bound:
            # The table follows the list it counts, also when a row was added.
            self.data["table-TOTAL_FORMS"] = str(rows)
            self.data.setdefault("table-INITIAL_FORMS", "0")
        table = (self.stored.scoring.get("table") or {}) if self.stored else {}
        formset = self.add_rows(
            "table",
            ScoreRow,
            initial=[{"points": table.get(str(n), 0)} for n in range(rows)],
            min_rows=rows,
            label_style=COUNT,
            label_format=lambda label: _("%(count)s right") % {"count": label},
            css_class=f"score-table js-mode-{mode_value}",
            spare=0,
        )
        formset.count_source = count_source
        for count, row in enumerate(formset.forms):
            # authoring.js hides the rows beyond the count it reads from count_source.
            row.fields["points"].widget.attrs["data-count"] = str(count)
        return formset

    def score_table_layout(self) -> RowsBlock:
        return RowsBlock("table", template="exam/authoring/_score_table.html")

    def table_points(self, *, count: int) -> dict[str, int]:
        """The table {"0": p, ..., "count": p} as filled in: a row left empty is left
        out (the kind's validate says which rows the table needs, and what it must
        hold)."""
        table: dict[str, int] = {}
        for n, (_row, values) in enumerate(self.rows("table")[: count + 1]):
            if values.get("points") is not None:
                table[str(n)] = values["points"]
        return table
