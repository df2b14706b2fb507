"""Results as files a teacher opens in Excel: CSV and XLSX.

Two tables (and a few small ones beside them):

- scores: one row per pupil of the class, one column per question ("Vraag 1 (2p)"),
  then "Totaal" and "Cijfer". Pupils who did not hand anything in keep empty cells,
  so the list can be checked against the class list;
- the item analysis: per question its kind, text, maximum, mean, p-value, RIT, RIR
  and the flags; beside it the distractor table and a summary of the exam.

The column headers are Dutch whatever the UI language: a file is a format, and a
teacher's formulas or the school's grade import should not break when someone
switches the site to English. The Dutch is the Dutch UI's, from the same labels
(exam/results/labels.py, Question.Kind), so the file names a thing as the page does.

Numbers are rounded once, half up, by exam/formatting.py, with the precision the
page shows for the same figure (formatting.FORMATS): every numeric column names its
NumberFormat. CSV for Dutch Excel: Excel in a Dutch locale splits on ";" (the comma
is the decimal sign), reads UTF-8 only when the file starts with a byte order mark,
and reads "5,5" as a number but "5.5" as a date or text. So: ";" as delimiter, a
BOM, and decimal commas. XLSX holds real numbers, rounded the same way (so a sum in
Excel adds the figures the teacher sees) and with the matching number format.

A cell that starts with = + - or @ would run as a formula in Excel (a pupil named
"=HYPERLINK(...)"); such text is written with a leading apostrophe in CSV and as a
plain string in XLSX.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from exam.formatting import FORMATS, NumberFormat
from exam.models import Answer, Assignment, Attempt, Membership, Question
from exam.results.analysis import ExamAnalysis
from exam.results.labels import FLAG_LABELS, SD_NOTE, in_dutch, kind_label
from exam.results.queries import ANSWER_POINTS, counted_attempts_for_assignment

# What a spreadsheet may read as a formula (OWASP "CSV injection"): also a leading tab or CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"


@dataclass
class Table:
    """A sheet: a title, a header row, rows of plain values and their number formats.

    Values are str, int, float, Decimal, datetime or None. A float or Decimal needs a
    NumberFormat: per column in `formats`, or per row in `row_formats` (for a sheet
    of named figures, one per row). Whole numbers without one are written as they are.
    """

    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    formats: dict[int, NumberFormat] = field(default_factory=dict)
    row_formats: dict[int, NumberFormat] = field(default_factory=dict)

    def format_of(self, row: int, column: int) -> NumberFormat | None:
        return self.row_formats.get(row) or self.formats.get(column)


# ---------------------------------------------------------------------------
# Tables


def pupil_name(first_name: str, last_name: str, username: str) -> str:
    return f"{first_name} {last_name}".strip() or username


def question_header(number: int, max_points: int) -> str:
    return f"Vraag {number} ({max_points}p)"


def scores_table(assignment: Assignment) -> Table:
    """Scores per pupil and question of an assignment's counted attempts; five queries."""
    questions = list(
        Question.objects.filter(exam_id=assignment.exam_id)
        .order_by("number")
        .values("id", "number", "max_points")
    )
    counted = counted_attempts_for_assignment(assignment)
    attempts = {
        row["pupil_id"]: row
        for row in counted.values("id", "pupil_id", "submitted_at", "total_points", "grade")
    }
    made = dict(
        Attempt.objects.filter(assignment=assignment, submitted_at__isnull=False)
        .values("pupil_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("pupil_id", "n")
    )
    points: dict[tuple[int, int], int] = {}
    # One row per answer is what this file is: a score matrix.
    for attempt_id, question_id, value in (
        Answer.objects.filter(attempt__in=counted)
        .annotate(points=ANSWER_POINTS)
        .values_list("attempt_id", "question_id", "points")
    ):
        points[(attempt_id, question_id)] = value
    members = (
        Membership.objects.filter(classroom_id=assignment.classroom_id)
        .order_by("pupil__last_name", "pupil__first_name", "pupil__username")
        .values("pupil_id", "pupil__username", "pupil__first_name", "pupil__last_name")
    )
    headers = ["Leerling", "Gebruikersnaam", "Ingeleverd", "Pogingen"]
    headers += [question_header(q["number"], q["max_points"]) for q in questions]
    headers += ["Totaal", "Maximum", "Cijfer"]
    maximum = sum(q["max_points"] for q in questions)
    table = Table(title="Scores", headers=headers)
    table.formats[len(headers) - 1] = FORMATS["grade"]
    for member in members:
        attempt = attempts.get(member["pupil_id"])
        row: list = [
            pupil_name(
                member["pupil__first_name"], member["pupil__last_name"], member["pupil__username"]
            ),
            member["pupil__username"],
            timezone.localtime(attempt["submitted_at"]).replace(tzinfo=None) if attempt else None,
            made.get(member["pupil_id"], 0),
        ]
        if attempt:
            row += [points.get((attempt["id"], q["id"]), 0) for q in questions]
            row += [attempt["total_points"], maximum, attempt["grade"]]
        else:
            row += [None] * len(questions) + [None, maximum, None]
        table.rows.append(row)
    return table


def _text_name(position: int | None, title: str) -> str:
    """ "Tekst 1: De brutalen", as the page's item and per-text tables name a text."""
    text = in_dutch(_("Text %(position)s")) % {"position": position} if position else ""
    if title:
        text = f"{text}: {title}" if text else title
    return text


def item_table(analysis: ExamAnalysis) -> Table:
    headers = [
        in_dutch(_("Question")),
        in_dutch(_("Kind")),
        in_dutch(_("Text")),
        in_dutch(_("Max.")),
        in_dutch(_("Pupils")),
        in_dutch(_("Mean")),
        in_dutch(_("p-value")),
        "RIT",
        "RIR",
        in_dutch(_("Key")),
        in_dutch(_("Flags")),
    ]
    table = Table(
        title=in_dutch(_("Item analysis")),
        headers=headers,
        formats={
            5: FORMATS["item_mean"],
            6: FORMATS["p_value"],
            7: FORMATS["correlation"],
            8: FORMATS["correlation"],
        },
    )
    for q in analysis.questions:
        info, stats = q.info, q.stats
        table.rows.append(
            [
                info.number,
                in_dutch(kind_label(info.kind)),
                _text_name(info.text_position, info.text_title),
                info.max_points,
                stats.n,
                stats.mean,
                stats.p,
                stats.rit,
                stats.rir,
                info.key or "",
                "; ".join(in_dutch(FLAG_LABELS[f]) for f in q.flags),
            ]
        )
    return table


def distractor_table(analysis: ExamAnalysis) -> Table:
    table = Table(
        title="Afleiders",
        headers=[
            in_dutch(_("Question")),
            in_dutch(_("Option")),
            in_dutch(_("Key")),
            "Aantal",
            in_dutch(_("Chosen")),
            in_dutch(_("Mean rest score")),
        ],
        formats={4: FORMATS["share"], 5: FORMATS["score"]},
    )
    yes, no, blank = in_dutch(_("yes")), in_dutch(_("no")), in_dutch(_("blank"))
    for q in analysis.questions:
        for row in q.distractors:
            table.rows.append(
                [
                    q.info.number,
                    row.option if row.option is not None else blank,
                    yes if row.is_key else no,
                    row.count,
                    row.share,
                    row.mean_rest,
                ]
            )
    return table


def summary_table(analysis: ExamAnalysis, *, scope: str) -> Table:
    """The page's summary, named as the page names it, one figure per row."""
    rel = analysis.reliability
    reliability = _("Reliability (KR-20)") if rel.name == "kr20" else _("Reliability (alpha)")
    sem = f"{in_dutch(_('SEM'))} ({in_dutch(_('standard error of measurement'))})"
    # (name, value, format, note)
    figures = [
        (in_dutch(_("Exam")), analysis.exam.title, None, ""),
        ("Groep", scope, None, ""),
        (in_dutch(_("Pupils")), analysis.n, None, ""),
        ("Maximumscore", analysis.max_total, None, ""),
        (in_dutch(_("Mean score")), analysis.totals.mean, FORMATS["score"], ""),
        (
            in_dutch(_("Standard deviation")),
            analysis.totals.sd,
            FORMATS["score"],
            in_dutch(SD_NOTE),
        ),
        (in_dutch(_("N-term")), analysis.n_term, FORMATS["n_term"], ""),
        (in_dutch(_("Mean grade")), analysis.grades.mean_grade, FORMATS["grade"], ""),
        (in_dutch(_("Passed")), analysis.grades.passed, None, ""),
        (in_dutch(_("Pass rate")), analysis.grades.pass_rate, FORMATS["share"], ""),
        (in_dutch(reliability), rel.coefficient, FORMATS["correlation"], ""),
        (sem, rel.sem, FORMATS["score"], ""),
    ]
    table = Table(title=in_dutch(_("Summary")), headers=["Gegeven", "Waarde", "Toelichting"])
    for index, (name, value, number_format, note) in enumerate(figures):
        table.rows.append([name, value, note])
        if number_format:
            table.row_formats[index] = number_format
    return table


def n_term_table(analysis: ExamAnalysis) -> Table:
    """The N-term simulator's table, with the chart's data table's names."""
    table = Table(
        title=in_dutch(_("N-term")),
        headers=[
            in_dutch(_("N-term")),
            in_dutch(_("Passed")),
            in_dutch(_("Pass rate")),
            in_dutch(_("Mean grade")),
        ],
        formats={0: FORMATS["n_term"], 2: FORMATS["share"], 3: FORMATS["grade"]},
    )
    for row in analysis.simulation:
        table.rows.append([row.n_term, row.passed, row.pass_rate, row.mean_grade])
    return table


# ---------------------------------------------------------------------------
# Files


def safe_text(value: str) -> str:
    """A cell a spreadsheet shows as the text it is: '=1+1' -> "'=1+1"."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _unformatted(value) -> TypeError:
    return TypeError(f"{value!r} has no NumberFormat: say how many decimals it shows")


def _csv_cell(value, number_format: NumberFormat | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return in_dutch(_("yes")) if value else in_dutch(_("no"))
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if _is_number(value) and number_format:
        return number_format.text(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        raise _unformatted(value)
    return safe_text(str(value))


def _xlsx_cell(value, number_format: NumberFormat | None):
    """The value to store: a number rounded as shown, with its Excel number format."""
    if _is_number(value) and number_format:
        return number_format.value(value), number_format.excel
    if isinstance(value, float | Decimal):
        raise _unformatted(value)
    if isinstance(value, datetime):
        return value, DATETIME_FORMAT
    return value, None


def to_csv(table: Table) -> bytes:
    """The table as CSV for Dutch Excel: BOM, ";" and decimal commas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for r, row in enumerate(table.rows):
        writer.writerow([_csv_cell(v, table.format_of(r, c)) for c, v in enumerate(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(tables: list[Table]) -> bytes:
    """A workbook with one sheet per table, bold headers and sensible column widths."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in tables:
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for r, row in enumerate(table.rows):
            for c, value in enumerate(row):
                stored, number_format = _xlsx_cell(value, table.format_of(r, c))
                cell = sheet.cell(row=r + 2, column=c + 1, value=stored)
                if number_format:
                    cell.number_format = number_format
                if isinstance(stored, str) and stored.startswith(FORMULA_START):
                    # openpyxl would store it as a formula; keep it the text it is.
                    cell.data_type = "s"
        for index, header in enumerate(table.headers, start=1):
            width = max(
                [len(str(header))] + [len(str(r[index - 1] or "")) for r in table.rows[:200]]
            )
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(8, width + 2))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def filename(*parts: str, extension: str) -> str:
    return "-".join(slugify(p) for p in parts if p) + f".{extension}"


def export_tables(
    what: str, fmt: str, *, analysis: ExamAnalysis, assignment: Assignment | None, group: str
) -> list[Table]:
    """The tables of one export: "scores", "items" (a workbook adds the distractors,
    the summary and the N-term table) or "distractors"."""
    if what == "scores":
        return [scores_table(assignment)]
    if what == "items":
        tables = [item_table(analysis)]
        if fmt == "xlsx":
            tables += [
                distractor_table(analysis),
                summary_table(analysis, scope=group),
                n_term_table(analysis),
            ]
        return tables
    return [distractor_table(analysis)]


def export_file(tables: list[Table], fmt: str) -> tuple[bytes, str]:
    """The file's bytes and content type: a CSV holds the first table, a workbook all."""
    if fmt == "csv":
        return to_csv(tables[0]), CSV_CONTENT_TYPE
    return to_xlsx(tables), XLSX_CONTENT_TYPE
