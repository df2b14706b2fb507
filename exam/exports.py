"""Results as files a teacher opens in Excel: CSV and XLSX.

Two tables (and a few small ones beside them):

- scores: one row per pupil of the class, one column per question ("Vraag 1 (2p)"),
  then "Totaal" and "Cijfer". Pupils who did not hand anything in keep empty cells,
  so the list can be checked against the class list;
- the item analysis: per question its kind, text, maximum, mean, p-value, RIT, RIR
  and the flags; beside it the distractor table and a summary of the exam.

The column headers are Dutch whatever the UI language: a file is a format, and a
teacher's formulas or the school's grade import should not break when someone
switches the site to English.

CSV for Dutch Excel: Excel in a Dutch locale splits on ";" (the comma is the decimal
sign), reads UTF-8 only when the file starts with a byte order mark, and reads
"5,5" as a number but "5.5" as a date or text. So: ";" as delimiter, a BOM, and
decimal commas. XLSX holds real numbers with a number format.

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
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from exam.analysis import ANSWER_POINTS, ExamAnalysis, counted_attempts_for_assignment
from exam.models import Answer, Assignment, Attempt, Membership, Question
from exam.statistics import (
    FLAG_DISTRACTOR_BEATS_KEY,
    FLAG_LOW_RIR,
    FLAG_TOO_EASY,
    FLAG_TOO_HARD,
)

FLAG_TEXT = {
    FLAG_TOO_HARD: "te moeilijk (p < 0,30)",
    FLAG_TOO_EASY: "te makkelijk (p > 0,95)",
    FLAG_LOW_RIR: "onderscheidt slecht (RIR < 0,10)",
    FLAG_DISTRACTOR_BEATS_KEY: "afleider trekt betere leerlingen dan de sleutel",
}
KIND_TEXT = {
    "mc": "meerkeuze",
    "multi": "meervoudige keuze",
    "statements": "beweringen",
    "matching": "combineren",
    "ordering": "volgorde",
    "paragraph": "alineanummer",
    "citation": "citeren",
    "gap": "invullen",
    "open": "open vraag",
    "summary": "samenvatting",
}
# What a spreadsheet may read as a formula (OWASP "CSV injection"): also a leading tab or CR.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass
class Table:
    """A sheet: a title, a header row, rows of plain values and per-column formats.

    Values are str, int, float, Decimal, datetime or None; `formats` gives an Excel
    number format per column ("0.00"), used in XLSX and for the decimals in CSV.
    """

    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    formats: dict[int, str] = field(default_factory=dict)


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
    table = Table(title="Scores", headers=headers, formats={2: "dd-mm-yyyy hh:mm"})
    table.formats[len(headers) - 1] = "0.0"
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


def item_table(analysis: ExamAnalysis) -> Table:
    headers = [
        "Vraag",
        "Soort",
        "Tekst",
        "Max. punten",
        "Aantal leerlingen",
        "Gemiddelde score",
        "p-waarde",
        "RIT",
        "RIR",
        "Sleutel",
        "Opvallend",
    ]
    table = Table(
        title="Itemanalyse",
        headers=headers,
        formats={5: "0.00", 6: "0.00", 7: "0.00", 8: "0.00"},
    )
    for q in analysis.questions:
        info, stats = q.info, q.stats
        text = f"Tekst {info.text_position}" if info.text_position else ""
        if info.text_title:
            text = f"{text}: {info.text_title}" if text else info.text_title
        table.rows.append(
            [
                info.number,
                KIND_TEXT.get(info.kind, info.kind),
                text,
                info.max_points,
                stats.n,
                stats.mean,
                stats.p,
                stats.rit,
                stats.rir,
                info.key or "",
                "; ".join(FLAG_TEXT[f] for f in q.flags),
            ]
        )
    return table


def distractor_table(analysis: ExamAnalysis) -> Table:
    table = Table(
        title="Afleiders",
        headers=["Vraag", "Optie", "Sleutel", "Aantal", "Aandeel", "Gemiddelde restscore"],
        formats={4: "0%", 5: "0.00"},
    )
    for q in analysis.questions:
        for row in q.distractors:
            table.rows.append(
                [
                    q.info.number,
                    row.option if row.option is not None else "(leeg)",
                    "ja" if row.is_key else "nee",
                    row.count,
                    row.share,
                    row.mean_rest,
                ]
            )
    return table


def summary_table(analysis: ExamAnalysis, *, scope: str) -> Table:
    rel = analysis.reliability
    table = Table(
        title="Samenvatting",
        headers=["Gegeven", "Waarde"],
        formats={},
    )
    rows = [
        ["Examen", analysis.exam.title],
        ["Groep", scope],
        ["Aantal leerlingen", analysis.n],
        ["Maximumscore", analysis.max_total],
        ["Gemiddelde score", analysis.totals.mean],
        ["Standaardafwijking", analysis.totals.sd],
        ["N-term", analysis.n_term],
        ["Gemiddeld cijfer", analysis.grades.mean_grade],
        ["Voldoendes (5,5 of hoger)", analysis.grades.passed],
        ["Percentage voldoendes", analysis.grades.pass_rate],
        [
            "Betrouwbaarheid (KR-20)" if rel.name == "kr20" else "Betrouwbaarheid (alfa)",
            rel.coefficient,
        ],
        ["Standaardmeetfout (SEM)", rel.sem],
    ]
    table.rows = rows
    return table


def n_term_table(analysis: ExamAnalysis) -> Table:
    table = Table(
        title="N-term",
        headers=["N-term", "Voldoendes", "Percentage voldoendes", "Gemiddeld cijfer"],
        formats={0: "0.0", 2: "0%", 3: "0.0"},
    )
    for row in analysis.simulation:
        table.rows.append([row.n_term, row.passed, row.pass_rate, row.mean_grade])
    return table


# ---------------------------------------------------------------------------
# Files


def safe_text(value: str) -> str:
    """A cell a spreadsheet shows as the text it is: '=1+1' -> "'=1+1"."""
    return "'" + value if value.startswith(FORMULA_START) else value


def _csv_cell(value, number_format: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        if number_format == "0%":
            return f"{float(value) * 100:.0f}%"
        places = len(number_format.split(".")[1]) if number_format and "." in number_format else 2
        return f"{float(value):.{places}f}".replace(".", ",")
    return safe_text(str(value))


def to_csv(table: Table) -> bytes:
    """The table as CSV for Dutch Excel: BOM, ";" and decimal commas."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([_csv_cell(v, table.formats.get(i)) for i, v in enumerate(row)])
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
        for row in table.rows:
            sheet.append([float(v) if isinstance(v, Decimal) else v for v in row])
        for column, number_format in table.formats.items():
            for cells in sheet.iter_rows(min_row=2, min_col=column + 1, max_col=column + 1):
                cells[0].number_format = number_format
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
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
