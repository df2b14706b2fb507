"""Exports opened back the way a teacher's Excel or a script would: csv and openpyxl."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.services import ensure_user
from exam.models import Assignment
from exam.results import analysis, exports
from tests.results_builders import MIXED, MIXED_CHOICES, add_attempts, make_class, make_exam


@pytest.fixture
def results(teacher):
    exam = make_exam(author=teacher, max_points=[1, 1, 2, 3])
    classroom, pupils = make_class(teacher=teacher, size=6)
    # A seventh pupil who has not handed anything in yet.
    late, _created = ensure_user(
        username="laatkomer", password="x-test-password", role="pupil", first_name="Laat"
    )
    classroom.memberships.create(pupil=late)
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    add_attempts(
        exam=exam, assignment=assignment, pupils=pupils, matrix=MIXED, choices=MIXED_CHOICES
    )
    return exam, assignment, pupils


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Dutch Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_the_scores_csv_has_a_dutch_header_and_a_row_per_pupil(results):
    _exam, assignment, _pupils = results
    rows = read_csv(exports.to_csv(exports.scores_table(assignment)))
    assert rows[0] == [
        "Leerling",
        "Gebruikersnaam",
        "Ingeleverd",
        "Pogingen",
        "Vraag 1 (1p)",
        "Vraag 2 (1p)",
        "Vraag 3 (2p)",
        "Vraag 4 (3p)",
        "Totaal",
        "Maximum",
        "Cijfer",
    ]
    by_user = {row[1]: row for row in rows[1:]}
    assert len(by_user) == 7
    first = by_user["leerling-01"]
    assert first[0] == "Leerling 1"
    assert first[3:] == ["1", "1", "1", "2", "3", "7", "7", "10,0"]
    # Pupil 6 never answered question 1 and scored 0 everywhere: grade 1,0.
    assert by_user["leerling-06"][4:] == ["0", "0", "0", "0", "0", "7", "1,0"]
    # Total 5 of 7 at N = 1.0: 9 * 5/7 + 1 = 7.43 -> 7,4 with a decimal comma.
    assert by_user["leerling-02"][-1] == "7,4"
    # Who has not handed in keeps empty cells (and the maximum), so the teacher sees it.
    assert by_user["laatkomer"][2:] == ["", "0", "", "", "", "", "", "7", ""]


def test_the_item_analysis_csv_holds_p_rit_and_rir_with_decimal_commas(results):
    _exam, assignment, _pupils = results
    rows = read_csv(exports.to_csv(exports.item_table(analysis.analyse_assignment(assignment))))
    header = rows[0]
    # Named as the Dutch page names them.
    assert header[:4] == ["Vraag", "Soort", "Tekst", "Max."]
    for name in ("p-waarde", "RIT", "RIR", "Markeringen"):
        assert name in header
    q4 = dict(zip(header, rows[4], strict=True))
    assert q4["Vraag"] == "4"
    assert q4["Soort"] == "open vraag"
    assert q4["p-waarde"] == "0,50"
    assert q4["RIT"] == "0,99"  # 78 / sqrt(33 * 188)
    assert q4["RIR"] == "0,97"  # 45 / sqrt(33 * 65)
    q1 = dict(zip(header, rows[1], strict=True))
    assert q1["Soort"] == "meerkeuze"
    assert q1["Sleutel"] == "A"


def test_the_distractor_csv_lists_every_option_with_its_rest_score(results):
    _exam, assignment, _pupils = results
    result = analysis.analyse_assignment(assignment)
    rows = read_csv(exports.to_csv(exports.distractor_table(result)))
    assert rows[0] == [
        "Vraag",
        "Mogelijkheid",
        "Sleutel",
        "Aantal",
        "Gekozen",
        "Gemiddelde restscore",
    ]
    # The mean rest score is a score: one decimal, as on the page (3.75 -> 3,8).
    assert rows[1] == ["1", "A", "ja", "4", "67%", "3,8"]
    assert rows[2] == ["1", "B", "nee", "1", "17%", "3,0"]
    assert rows[-1] == ["1", "leeg", "nee", "1", "17%", "0,0"]


def test_the_workbook_has_real_numbers_and_the_sheets_a_teacher_expects(results):
    _exam, assignment, _pupils = results
    result = analysis.analyse_assignment(assignment)
    data = exports.to_xlsx(
        [
            exports.scores_table(assignment),
            exports.item_table(result),
            exports.distractor_table(result),
            exports.summary_table(result, scope="5H"),
            exports.n_term_table(result),
        ]
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Scores", "Itemanalyse", "Afleiders", "Samenvatting", "N-term"]
    scores = book["Scores"]
    header = [c.value for c in scores[1]]
    assert header[4] == "Vraag 1 (1p)"
    rows = [
        dict(zip(header, (c.value for c in row), strict=True))
        for row in scores.iter_rows(min_row=2)
    ]
    first = next(row for row in rows if row["Gebruikersnaam"] == "leerling-01")
    assert first["Totaal"] == 7
    assert first["Cijfer"] == pytest.approx(10.0)
    items = book["Itemanalyse"]
    q4 = {h.value: c.value for h, c in zip(items[1], items[5], strict=True)}
    assert q4["p-waarde"] == pytest.approx(0.5)
    # Stored as shown (0.9716... -> 0.97), so Excel adds up what the teacher reads.
    assert q4["RIR"] == pytest.approx(0.97)
    assert items["G5"].number_format == "0.00"
    summary = {row[0].value: row[1].value for row in book["Samenvatting"].iter_rows(min_row=2)}
    assert summary["Leerlingen"] == 6
    assert summary["Betrouwbaarheid (alfa)"] == pytest.approx(0.81)  # 38/47, as shown
    assert book["N-term"].max_row == 22  # header + 0.0 ... 2.0


def test_a_name_that_looks_like_a_formula_stays_text(teacher):
    exam = make_exam(author=teacher, max_points=[1, 1])
    classroom, pupils = make_class(teacher=teacher, size=1)
    pupils[0].first_name = '=HYPERLINK("http://example.com","klik")'
    pupils[0].last_name = ""
    pupils[0].save()
    assignment = Assignment.objects.create(exam=exam, classroom=classroom, created_by=teacher)
    add_attempts(exam=exam, assignment=assignment, pupils=pupils, matrix=[[1, 0]], choices=["A"])
    table = exports.scores_table(assignment)
    rows = read_csv(exports.to_csv(table))
    assert rows[1][0] == '\'=HYPERLINK("http://example.com","klik")'
    cell = load_workbook(io.BytesIO(exports.to_xlsx([table])))["Scores"]["A2"]
    assert cell.data_type == "s"
    assert cell.value.startswith("=HYPERLINK")


def test_the_download_is_named_after_the_exam_and_the_class(results, teacher_client):
    _exam, assignment, _pupils = results
    url = reverse("teacher:results-export", args=["assignment", assignment.pk, "scores", "xlsx"])
    response = teacher_client.get(url)
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="proefexamen-5h-scores.xlsx"'
    assert load_workbook(io.BytesIO(response.content)).sheetnames == ["Scores"]
    url = reverse("teacher:results-export", args=["assignment", assignment.pk, "items", "csv"])
    response = teacher_client.get(url)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert read_csv(response.content)[0][0] == "Vraag"


def test_the_exam_wide_workbook_holds_the_analysis_of_every_class(results, teacher_client):
    exam, _assignment, _pupils = results
    url = reverse("teacher:results-export", args=["exam", exam.pk, "items", "xlsx"])
    book = load_workbook(io.BytesIO(teacher_client.get(url).content))
    assert book.sheetnames == ["Itemanalyse", "Afleiders", "Samenvatting", "N-term"]
    summary = {row[0].value: row[1].value for row in book["Samenvatting"].iter_rows(min_row=2)}
    assert summary["Groep"] == "alle klassen"
    assert summary["Leerlingen"] == 6
