"""Every figure reads the same on the results pages, in their charts and in every export.

A class of 100 whose figures are known exactly, chosen where truncating, rounding
to even or rounding a float would show: question 2's p-value is 200/300 = 2/3
(0,67), 29 of 100 pupils pass (29%), and the mean grade is 545.5/100 = 5.455 (5,5).
"""

import csv
import io
import re
from datetime import datetime
from fractions import Fraction
from html import unescape

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from exam.models import Assignment
from tests.results_builders import add_attempts, make_class, make_exam

# 18 points (1 + 3 + 14) at N = 1.0: grade = score / 2 + 1, a pass from 9 points.
MAX_POINTS = [1, 3, 14]
# (pupils, points per question, answer to the multiple-choice question 1, key A)
GROUPS = [
    (20, [1, 3, 10], "A"),  # 14 points, grade 8.0
    (5, [1, 3, 11], "A"),  # 15 points, grade 8.5
    (4, [1, 3, 6], "A"),  # 10 points, grade 6.0
    (21, [1, 3, 4], "A"),  # 8 points, grade 5.0
    (14, [1, 1, 6], "A"),  # 8 points, grade 5.0
    (21, [0, 1, 5], "B"),  # 6 points, grade 4.0
    (15, [0, 1, 5], "C"),  # 6 points, grade 4.0
]
MATRIX = [points for size, points, _choice in GROUPS for _ in range(size)]
CHOICES = [choice for size, _points, choice in GROUPS for _ in range(size)]


def test_the_class_has_the_figures_this_module_is_about():
    n = len(MATRIX)
    totals = [sum(row) for row in MATRIX]
    grades = [Fraction(t, 2) + 1 for t in totals]
    assert n == 100
    assert Fraction(sum(row[1] for row in MATRIX), 3 * n) == Fraction(2, 3)
    assert Fraction(sum(g >= Fraction(11, 2) for g in grades), n) == Fraction(29, 100)
    assert sum(grades) / n == Fraction(5455, 1000)


@pytest.fixture
def known(teacher):
    exam = make_exam(author=teacher, max_points=MAX_POINTS)
    classroom, pupils = make_class(teacher=teacher, size=len(MATRIX))
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    add_attempts(exam=exam, assignment=assignment, pupils=pupils, matrix=MATRIX, choices=CHOICES)
    return exam, assignment


# ---------------------------------------------------------------------------
# Reading the page, the charts and the files back


def text_of(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def table_rows(html: str) -> list[list[str]]:
    """The text of every cell of every body row of the first table in `html`."""
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    return [
        [text_of(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)
    ]


def element(html: str, id_: str) -> str:
    """The markup of the element with this id, up to the end of its tag (no nesting)."""
    match = re.search(rf'<(\w+)[^>]*\bid="{id_}"[^>]*>(.*?)</\1>', html, re.S)
    assert match, f"no element #{id_}"
    return match.group(2)


def chart(html: str, slug: str) -> dict:
    figure = element(html, f"chart-{slug}")
    return {
        "caption": text_of(re.search(r"<figcaption[^>]*>(.*?)</figcaption>", figure, re.S)[1]),
        "rows": table_rows(figure),
        "tooltips": re.findall(r'<desc class="value">([^<]*)</desc>', figure),
    }


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def shown_by_excel(cell) -> str:
    """A workbook cell as Dutch Excel shows it, from its stored value and number format."""
    value, number_format = cell.value, cell.number_format
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        assert number_format == "dd-mm-yyyy hh:mm"
        return value.strftime("%d-%m-%Y %H:%M")
    if number_format == "General":
        assert value == int(value), f"{cell.coordinate}: {value!r} shown without a format"
        return str(int(value))
    is_percentage = number_format.endswith("%")
    places = len(number_format.rstrip("%").partition(".")[2])
    # The stored value is already rounded to what the format shows, so any
    # correct rounding here reads the same; a value with more digits would not.
    assert round(value * (100 if is_percentage else 1), places) == pytest.approx(
        value * (100 if is_percentage else 1)
    ), f"{cell.coordinate}: {value!r} holds more than its format {number_format} shows"
    text = f"{value * (100 if is_percentage else 1):.{places}f}".replace(".", ",")
    return text + ("%" if is_percentage else "")


def read_sheet(sheet) -> list[dict[str, str]]:
    header = [cell.value for cell in sheet[1]]
    return [
        dict(zip(header, (shown_by_excel(c) for c in row), strict=True))
        for row in sheet.iter_rows(min_row=2)
    ]


def download(client, scope, pk, what, fmt):
    url = reverse("teacher:results-export", args=[scope, pk, what, fmt])
    response = client.get(url)
    assert response.status_code == 200, url
    if fmt == "csv":
        return read_csv(response.content)
    book = load_workbook(io.BytesIO(response.content))
    return {name: read_sheet(book[name]) for name in book.sheetnames}


@pytest.fixture
def shown(known, teacher_client):
    """The assignment's page and the exam's, and every export of both."""
    exam, assignment = known
    pages = {
        "assignment": teacher_client.get(
            reverse("teacher:assignment-results", args=[assignment.pk])
        ).content.decode(),
        "exam": teacher_client.get(
            reverse("teacher:exam-results", args=[exam.pk])
        ).content.decode(),
    }
    files = {}
    for scope, pk in (("assignment", assignment.pk), ("exam", exam.pk)):
        for what in ("scores", "items", "distractors"):
            for fmt in ("csv", "xlsx"):
                if scope == "exam" and what == "scores":
                    continue  # names stay with the class's teacher (a 404, tested elsewhere)
                files[scope, what, fmt] = download(teacher_client, scope, pk, what, fmt)
    return pages, files


def test_the_known_figures_read_the_same_everywhere_rounded_half_up(shown):
    pages, files = shown
    for scope, html in pages.items():
        # p of question 2 = 2/3: 0,67 (number_format cut it to 0,66).
        item_row = table_rows(element(html, "item-table"))
        question_2 = next(row for row in item_row if row[0].startswith("2"))
        assert question_2[5] == "0,67"
        p_chart = chart(html, "p-values")
        assert p_chart["rows"][1][:2] == ["2", "0,67"]
        assert "0,67" in p_chart["tooltips"]
        # 29 of 100 pass: 29% (0.29 * 100 is 28.999... as a float, and was cut to 28%).
        assert text_of(element(html, "summary-pass-rate")) == "29%"
        assert "(29%)" in chart(html, "grades")["caption"]
        n_term = chart(html, "n-term")
        assert "29%" in n_term["caption"]
        at_1 = next(row for row in n_term["rows"] if row[0] == "1,0")
        # Mean grade 5.455: 5,5 (the chart's table cut it to 5,4).
        assert at_1 == ["1,0", "29%", "29", "5,5"]
        assert text_of(element(html, "summary-mean-grade")) == "5,5"
        assert "gemiddeld cijfer 5,5" in text_of(element(html, "n-term-outcome"))
        # Each tooltip shows its point as the data table does: the pass rates, the
        # current N-term's again, and the mean grades.
        assert sorted(n_term["tooltips"]) == sorted(
            [row[1] for row in n_term["rows"]] + ["29%"] + [row[3] for row in n_term["rows"]]
        )
        assert sorted(p_chart["tooltips"]) == sorted(row[1] for row in p_chart["rows"])

        for_scope = {key[1:]: value for key, value in files.items() if key[0] == scope}
        for q in (for_scope["items", "csv"][1], for_scope["items", "xlsx"]["Itemanalyse"][1]):
            assert q["p-waarde"] == "0,67"
        summary = {
            row["Gegeven"]: row["Waarde"] for row in for_scope["items", "xlsx"]["Samenvatting"]
        }
        assert summary["Slagingspercentage"] == "29%"
        assert summary["Gemiddeld cijfer"] == "5,5"
        sheet = for_scope["items", "xlsx"]["N-term"]
        assert next(row for row in sheet if row["N-term"] == "1,0") == {
            "N-term": "1,0",
            "Voldoende": "29",
            "Slagingspercentage": "29%",
            "Gemiddeld cijfer": "5,5",
        }


def summary_cards(html: str) -> dict[str, str]:
    """The page's summary: the name of each figure and the figure as shown."""
    cards = {}
    for name, value in re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S):
        name = re.sub(r"\(N = .*?\)", "", text_of(re.sub(r"<abbr.*?</abbr>", "", name, flags=re.S)))
        cards[name.strip()] = text_of(value).split()[0]
    cards["SEM"] = re.search(r"SEM</abbr> ([^<\s]+)", html)[1]
    return cards


def test_every_figure_and_name_on_the_page_is_the_same_in_the_exports(shown):
    pages, files = shown
    html = pages["assignment"]
    items_csv = files["assignment", "items", "csv"]
    workbook = files["assignment", "items", "xlsx"]

    # Per question: kind, mean, p, RIT, RIR and flags, on the page, in CSV and XLSX.
    page_items = table_rows(element(html, "item-table"))
    assert len(page_items) == len(items_csv) == len(workbook["Itemanalyse"]) == 3
    for page_row, csv_row, xlsx_row in zip(
        page_items, items_csv, workbook["Itemanalyse"], strict=True
    ):
        number, kind, _text, _max, mean, p, rit, rir, flags = page_row
        for row in (csv_row, xlsx_row):
            assert number.split()[0] == row["Vraag"]
            assert [kind, mean, p, rit, rir] == [
                row["Soort"],
                row["Gemiddeld"],
                row["p-waarde"],
                row["RIT"],
                row["RIR"],
            ]
            assert flags == row["Markeringen"].replace("; ", " ")
    # One name per kind: the UI's (multiple choice, open answer), in the page's
    # per-kind table too.
    assert [row["Soort"] for row in items_csv] == ["meerkeuze", "open vraag", "open vraag"]
    kind_table = [row[0] for row in table_rows(element(html, "kind-table"))]
    assert sorted(kind_table) == ["meerkeuze", "open vraag"]

    # The distractor table of question 1 and the options file.
    page_options = table_rows(element(html, "distractors-1"))
    for name in (("assignment", "distractors", "csv"), ("assignment", "distractors", "xlsx")):
        rows = files[name] if name[2] == "csv" else files[name]["Afleiders"]
        assert len(rows) == len(page_options) == 4
        for (option, chosen, rest), row in zip(page_options, rows, strict=True):
            is_key = option.endswith(" sleutel")
            assert option.removesuffix(" sleutel") == row["Mogelijkheid"]
            assert row["Sleutel"] == ("ja" if is_key else "nee")
            assert chosen == f"{row['Gekozen']} ({row['Aantal']})"
            assert rest == (row["Gemiddelde restscore"] or "–")

    # The summary, named and rounded as on the page.
    cards = summary_cards(html)
    summary = {row["Gegeven"]: row["Waarde"] for row in workbook["Samenvatting"]}
    assert cards == {
        "Leerlingen": summary["Leerlingen"],
        "Gemiddelde score": summary["Gemiddelde score"],
        "Standaarddeviatie": summary["Standaarddeviatie"],
        "Slagingspercentage": summary["Slagingspercentage"],
        "Gemiddeld cijfer": summary["Gemiddeld cijfer"],
        "Betrouwbaarheid (alfa)": summary["Betrouwbaarheid (alfa)"],
        "SEM": summary["SEM (standaardmeetfout)"],
    }
    assert cards["Gemiddelde score"] == "8,9"  # 891 / 100
    # The workbook says which standard deviation it holds, in Dutch like its headers.
    notes = {row["Gegeven"]: row["Toelichting"] for row in workbook["Samenvatting"]}
    assert notes["Standaarddeviatie"].startswith("Gedeeld door n, het aantal leerlingen")
    assert "STDEV.S" in notes["Standaarddeviatie"]

    # The N-term simulator's table and the N-term sheet, row by row.
    n_term_rows = chart(html, "n-term")["rows"]
    assert [
        [r["N-term"], r["Slagingspercentage"], r["Voldoende"], r["Gemiddeld cijfer"]]
        for r in workbook["N-term"]
    ] == n_term_rows

    # Each pupil's grade in the pupil table and in both score files.
    page_grades = {row[0].split()[-1]: row[4] for row in table_rows(element(html, "pupil-results"))}
    for rows in (
        files["assignment", "scores", "csv"],
        files["assignment", "scores", "xlsx"]["Scores"],
    ):
        assert {row["Gebruikersnaam"]: row["Cijfer"] for row in rows} == page_grades

    # The exam's page and files show the same class the same way.
    assert summary_cards(pages["exam"]) == cards
    for what in ("items", "distractors"):
        assert files["exam", what, "csv"] == files["assignment", what, "csv"]


def test_in_english_the_page_writes_decimal_points_and_the_files_stay_dutch(known, teacher_client):
    exam, assignment = known
    teacher_client.cookies["django_language"] = "en"
    html = teacher_client.get(reverse("teacher:assignment-results", args=[assignment.pk]))
    html = html.content.decode()
    assert text_of(element(html, "summary-mean-grade")) == "5.5"
    assert chart(html, "p-values")["rows"][1][:2] == ["2", "0.67"]
    # The page says which standard deviation it shows, also to a screen reader.
    note = element(html, "sd-note")
    assert "Divided by n" in note and "STDEV.S" in note
    assert "visually-hidden" in note
    items = download(teacher_client, "assignment", assignment.pk, "items", "csv")
    assert items[1]["p-waarde"] == "0,67"
    assert items[0]["Soort"] == "meerkeuze"


def test_a_flag_and_a_kind_have_the_pages_name_in_the_files(teacher, teacher_client):
    # Question 1: the stronger pupils chose C, not the key A (low RIR, distractor).
    # Question 2 is multiple response, which the CSV used to call "meervoudige keuze".
    exam = make_exam(author=teacher, max_points=[1, 2, 2], kinds=["mc", "multi", "open"])
    classroom, pupils = make_class(teacher=teacher, size=6)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    matrix = [[0, 2, 2], [0, 2, 2], [1, 1, 0], [1, 0, 1], [1, 0, 0], [0, 1, 0]]
    add_attempts(
        exam=exam,
        assignment=assignment,
        pupils=pupils,
        matrix=matrix,
        choices=["C", "C", "A", "A", "A", "B"],
    )
    html = teacher_client.get(
        reverse("teacher:assignment-results", args=[assignment.pk])
    ).content.decode()
    page = table_rows(element(html, "item-table"))
    assert page[0][8] == "lage RIR afleider trekt betere leerlingen"
    assert page[1][1] == "meerkeuze (meerdere antwoorden)"
    for fmt in ("csv", "xlsx"):
        rows = download(teacher_client, "assignment", assignment.pk, "items", fmt)
        rows = rows if fmt == "csv" else rows["Itemanalyse"]
        assert rows[0]["Markeringen"] == "lage RIR; afleider trekt betere leerlingen"
        assert rows[1]["Soort"] == "meerkeuze (meerdere antwoorden)"


def test_the_pupil_page_shows_a_grade_in_its_chart_as_in_its_table(teacher, teacher_client):
    exam = make_exam(author=teacher, max_points=[1, 1])
    classroom, pupils = make_class(teacher=teacher, size=1)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    # 1 of 2 points at N = 1.0: 9 * 1/2 + 1 = 5.5, which the tooltip cut to 5.
    add_attempts(exam=exam, assignment=assignment, pupils=pupils, matrix=[[1, 0]], choices=["A"])
    html = teacher_client.get(
        reverse("teacher:pupil-results", args=[pupils[0].pk])
    ).content.decode()
    assert table_rows(element(html, "attempt-table"))[0][4] == "5,5"
    attempts = chart(html, "attempts")
    assert attempts["rows"][0][2] == "5,5"
    assert [tip.split(": ")[-1] for tip in attempts["tooltips"]] == ["5,5"]
    kinds = {row[0]: row[2] for row in table_rows(element(html, "kind-strengths"))}
    assert kinds == {"meerkeuze sterk punt": "100%", "open vraag aandachtspunt": "0%"}
