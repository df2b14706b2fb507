"""Charts of results as inline SVG, drawn on the server with pygal.

Every chart is a Chart: the SVG, its title, a one-line caption and the same numbers
as a table, which the page shows in a <details> below the chart for screen readers
and for anyone who wants the exact figures (templates/exam/_results_chart.html).

No JavaScript: pygal adds a <script> with its config to every SVG (for tooltips that
need pygal.js from a CDN); the filter below removes it, along with the comments that
carry pygal's web addresses, so a page full of charts loads nothing from elsewhere.

Every number a chart writes (its tooltips, printed values, caption and data table)
goes through exam/formatting.py by way of `show`, with the precision of the same
figure in the tables beside it: a mean grade of 5.452 reads 5,5 in the N-term
table, its tooltip and the sentence under the form, never 5,4 or 5.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pygal
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.style import Style

from exam.formatting import exact, round_half_up
from exam.results.item_statistics import PASS_GRADE, GradeDistribution
from exam.results.labels import show

# Bootstrap's palette, so the charts sit with the rest of the page.
BLUE = "#0d6efd"
GREEN = "#198754"
RED = "#dc3545"
ORANGE = "#fd7e14"
PURPLE = "#6f42c1"
GREY = "#6c757d"

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#495057",
    guide_stroke_color="#dee2e6",
    major_guide_stroke_color="#adb5bd",
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    colors=(BLUE, GREEN, ORANGE, PURPLE, RED, GREY),
    opacity=".9",
    opacity_hover=".9",
    title_font_size=22,
    label_font_size=16,
    major_label_font_size=16,
    legend_font_size=16,
    value_font_size=15,
    tooltip_font_size=14,
    no_data_font_size=22,
)
# A chart is drawn at this size and scales to the width of its column (viewBox only).
WIDTH, HEIGHT = 640, 400


@dataclass(frozen=True)
class Chart:
    slug: str
    title: str
    caption: str
    svg: SafeString
    headers: tuple[str, ...]
    rows: list[tuple]


def _remove_scripts_and_comments(root):
    # pygal builds the SVG with lxml when it is installed, else with ElementTree.
    # Their comments have different tags, but neither is a str; and lxml's iter() is
    # live, so the elements are listed before any is removed.
    for parent in list(root.iter()):
        for child in list(parent):
            if not isinstance(child.tag, str) or child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    # Named by its own <title>, so a screen reader announces "image, <title>".
    root.set("role", "img")
    title = root.find("title")
    if title is not None:
        title_id = f"{root.get('id', 'chart')}-title"
        title.set("id", title_id)
        root.set("aria-labelledby", title_id)
    return root


def _config(title: str, **options) -> dict:
    return {
        "title": title,
        "style": STYLE,
        "width": WIDTH,
        "height": HEIGHT,
        "js": [],
        "disable_xml_declaration": True,
        "explicit_size": False,
        "legend_at_bottom": True,
        "no_data_text": _("No results yet"),
        "margin": 16,
        **options,
    }


def _render(chart) -> SafeString:
    chart.add_xml_filter(_remove_scripts_and_comments)
    # pygal escapes every label it writes (ElementTree), so the markup is safe.
    return mark_safe(chart.render(is_unicode=True))  # noqa: S308


def _count(value) -> str:
    return show(value, "count")


def _count_axis(counts) -> dict:
    """A y axis of pupils with whole-number ticks: 0, 1, 2 ... or 0, 2, 4 ... (about six)."""
    top = max([1, *(c for c in counts if c)])
    step = max(1, math.ceil(top / 6))
    labels = list(range(0, top + step, step))
    return {"y_labels": labels, "range": (0, labels[-1])}


def rounded_grade(grade: Decimal) -> int:
    """A grade as a whole number, half up: 5.5 -> 6, 5.4 -> 5 (a 6 is a pass)."""
    return int(round_half_up(grade, 0))


# ---------------------------------------------------------------------------


def score_histogram_chart(histogram: Sequence[tuple[int, int]], *, max_total: int) -> Chart:
    """Bars: how many pupils got each score, from 0 to the maximum."""
    title = _("Score distribution")
    labels = [str(score) for score, _count in histogram]
    every = 1 if len(labels) <= 21 else 5
    chart = pygal.Bar(
        **_config(
            title,
            x_title=_("Score (out of %(max)s)") % {"max": max_total},
            y_title=_("Pupils"),
            show_legend=False,
            print_values=len(labels) <= 41,
            print_zeroes=False,
            x_labels_major_every=every,
            show_minor_x_labels=every == 1,
            spacing=4,
            **_count_axis(count for _score, count in histogram),
            value_formatter=_count,
        )
    )
    chart.x_labels = labels
    chart.add(_("Pupils"), [count for _score, count in histogram])
    total = sum(count for _score, count in histogram)
    return Chart(
        slug="scores",
        title=title,
        caption=_("Number of pupils per total score; %(n)s pupils.") % {"n": total},
        svg=_render(chart),
        headers=(_("Score"), _("Pupils")),
        rows=[(score, count) for score, count in histogram if count],
    )


def grade_distribution_chart(grades: GradeDistribution) -> Chart:
    """Bars per whole grade 1-10, fails and passes in two colours."""
    title = _("Grade distribution")
    bins = dict.fromkeys(range(1, 11), 0)
    for grade, count in grades.rows:
        bins[rounded_grade(grade)] += count
    pass_bin = rounded_grade(PASS_GRADE)
    chart = pygal.StackedBar(
        **_config(
            title,
            x_title=_("Grade (rounded)"),
            y_title=_("Pupils"),
            print_values=True,
            print_zeroes=False,
            spacing=6,
            **_count_axis(bins.values()),
            value_formatter=_count,
            style=_with_colors(RED, GREEN),
        )
    )
    chart.x_labels = [str(g) for g in bins]
    chart.add(_("Fail"), [bins[g] if g < pass_bin else None for g in bins])
    chart.add(_("Pass"), [bins[g] if g >= pass_bin else None for g in bins])
    return Chart(
        slug="grades",
        title=title,
        caption=_("Grades at N-term %(n_term)s; %(passed)s of %(n)s pupils pass (%(rate)s).")
        % {
            "n_term": show(grades.n_term, "n_term"),
            "passed": grades.passed,
            "n": grades.n,
            "rate": show(grades.pass_rate, "share"),
        },
        svg=_render(chart),
        headers=(_("Grade"), _("Pupils")),
        rows=[(show(grade, "grade"), count) for grade, count in grades.rows],
    )


def _with_colors(*colors: str) -> Style:
    style = Style(**{**STYLE.to_dict(), "colors": colors})
    return style


def p_value_chart(questions: Sequence[tuple[int, float | None, bool]]) -> Chart:
    """Bars: p-value per question (number, p, flagged); flagged questions in orange.

    The guides at 0.30 and 0.95 are the flag thresholds, drawn as major lines.
    """
    title = _("p-value per question")
    chart = pygal.Bar(
        **_config(
            title,
            x_title=_("Question"),
            y_title=_("p-value"),
            show_legend=False,
            range=(0, 1),
            y_labels=[0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1],
            y_labels_major=[0.3, 0.95],
            show_minor_y_labels=True,
            spacing=4,
            value_formatter=lambda v: show(v, "p_value"),
        )
    )
    chart.x_labels = [str(number) for number, _p, _flagged in questions]
    chart.add(
        _("p-value"),
        [
            {"value": p, "color": ORANGE if flagged else BLUE} if p is not None else None
            for _number, p, flagged in questions
        ],
    )
    flagged = [str(number) for number, _p, is_flagged in questions if is_flagged]
    caption = _("Share of the points earned per question; flagged: %(list)s.") % {
        "list": ", ".join(flagged) if flagged else _("none")
    }
    return Chart(
        slug="p-values",
        title=title,
        caption=caption,
        svg=_render(chart),
        headers=(_("Question"), _("p-value"), _("Flagged")),
        rows=[
            (number, show(p, "p_value"), _("yes") if is_flagged else _("no"))
            for number, p, is_flagged in questions
        ],
    )


def n_term_chart(simulation: Sequence[GradeDistribution], *, current: Decimal) -> Chart:
    """Lines: pass rate (left axis, %) and mean grade (right axis) for N = 0.0 ... 2.0."""
    title = _("Pass rate and mean grade per N-term")
    labels = [show(row.n_term, "n_term") for row in simulation]
    current = Decimal(current)
    chart = pygal.Line(
        **_config(
            title,
            height=HEIGHT + 40,  # room for the three legend entries below
            x_title=_("N-term"),
            y_title=_("Pass rate (%)"),
            # 0-100 against 0-10 puts every grade on a guide line of the pass rate.
            range=(0, 100),
            secondary_range=(0, 10),
            y_labels=list(range(0, 101, 10)),
            x_labels_major=[show(Decimal(n) / 2, "n_term") for n in range(5)],
            show_minor_x_labels=False,
            dots_size=3,
            truncate_label=-1,
            value_formatter=_count,
            style=_with_colors(BLUE, ORANGE, PURPLE),
        )
    )
    chart.x_labels = labels
    chart.add(_("Pass rate (%)"), [_pass_rate_point(row) for row in simulation])
    chart.add(
        _("Current N-term"),
        [_pass_rate_point(row) if row.n_term == current else None for row in simulation],
        dots_size=9,
        stroke=False,
    )
    chart.add(
        _("Mean grade (right axis)"),
        [row.mean_grade for row in simulation],
        secondary=True,
        formatter=lambda v: show(v, "grade"),
    )
    now = next((row for row in simulation if row.n_term == current), None)
    caption = _("At the current N-term %(n_term)s the pass rate is %(rate)s.") % {
        "n_term": show(current, "n_term"),
        "rate": show(now.pass_rate if now else None, "share"),
    }
    return Chart(
        slug="n-term",
        title=title,
        caption=caption,
        svg=_render(chart),
        headers=(_("N-term"), _("Pass rate"), _("Passed"), _("Mean grade")),
        rows=[
            (
                show(row.n_term, "n_term"),
                show(row.pass_rate, "share"),
                row.passed,
                show(row.mean_grade, "grade"),
            )
            for row in simulation
        ],
    )


def _pass_rate_point(row: GradeDistribution) -> dict | None:
    """A point of the pass-rate line in percent, its tooltip the share as the table shows it.

    The percentage is scaled exactly (a float 0.285 * 100 is 28.4999...), and the
    tooltip formats the share itself rather than the plotted number.
    """
    if row.pass_rate is None:
        return None
    text = show(row.pass_rate, "share")
    return {"value": float(exact(row.pass_rate) * 100), "formatter": lambda _v: text}


def _day(moment: datetime) -> str:
    return date_format(moment, "j M")


def attempts_chart(points: Sequence[tuple[datetime, Decimal | None, str]]) -> Chart:
    """Grades over time, one line per exam: (submitted_at, grade, exam title)."""
    title = _("Grades over time")
    series: dict[str, list[tuple[datetime, float]]] = {}
    for when, grade, exam_title in points:
        if grade is not None:
            series.setdefault(exam_title, []).append(
                (timezone.localtime(when).replace(tzinfo=None), float(grade))
            )
    # pygal cannot place fixed y labels on a chart without data.
    # Whole grades on the axis; a point's tooltip shows its grade as the table does.
    labels = {"y_labels": [{"value": g, "label": str(g)} for g in range(1, 11)]} if series else {}
    chart = pygal.DateTimeLine(
        **_config(
            title,
            y_title=_("Grade"),
            range=(1, 10),
            **labels,
            dots_size=5,
            margin_right=48,  # the last date label is centred on the chart's edge
            x_value_formatter=_day,
            value_formatter=lambda v: show(v, "grade"),
            truncate_label=-1,
            truncate_legend=40,
        )
    )
    moments = sorted({when for values in series.values() for when, _g in values})
    if moments:
        # At most eight date labels, spread over the attempts, so none overlap.
        step = max(1, -(-len(moments) // 8))
        chart.x_labels = moments[::step]
    for exam_title, values in series.items():
        chart.add(exam_title, sorted(values))
    return Chart(
        slug="attempts",
        title=title,
        caption=_("Grade of each handed-in attempt, by date; a 5.5 or more is a pass."),
        svg=_render(chart),
        headers=(_("Handed in"), _("Exam"), _("Grade")),
        rows=[
            (
                date_format(timezone.localtime(when), "SHORT_DATETIME_FORMAT"),
                exam_title,
                show(g, "grade"),
            )
            for when, g, exam_title in sorted(points, key=lambda p: p[0])
        ],
    )
