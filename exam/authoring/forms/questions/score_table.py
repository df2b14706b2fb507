"""The score table of a question form: the points for 0, 1, 2 ... right answers, one
formset row per number, as many rows as the list it counts (statements, items,
options) needs."""

from __future__ import annotations

from django.utils.translation import gettext as _

from exam.authoring.forms.questions.rows import COUNT, RowsBlock, ScoreRow

MODE_TABLE = "table"


class ScoreTableMixin:
    """For QuestionForm: the "table" formset and its checks."""

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

    def clean_table(self, *, count: int, best: int) -> dict[str, int]:
        """The table {"0": p, ..., "count": p}; every row 0..count filled, rising, the
        best answer worth the maximum."""
        table: dict[str, int] = {}
        rows = self.rows("table")
        if len(rows) < count + 1:
            self.add_error(None, _("Give the points for %(count)s right.") % {"count": count})
            return table
        for n in range(count + 1):
            value = rows[n][1].get("points")
            if value is None:
                self.row_error(
                    "table", n, "points", _("Give the points for %(count)s right.") % {"count": n}
                )
                continue
            if value > self.max_points():
                self.row_error(
                    "table",
                    n,
                    "points",
                    _("At most %(max)s points, the question's maximum.")
                    % {"max": self.max_points()},
                )
            table[str(n)] = value
        if len(table) == count + 1:
            values = [table[str(n)] for n in range(count + 1)]
            if values != sorted(values):
                self.row_error(
                    "table", count, "points", _("More right answers cannot earn fewer points.")
                )
            elif table[str(best)] != self.max_points():
                self.row_error(
                    "table",
                    best,
                    "points",
                    _("The best answer (%(count)s right) must earn the maximum, %(max)s points.")
                    % {"count": best, "max": self.max_points()},
                )
        return table
