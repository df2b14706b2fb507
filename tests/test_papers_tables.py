"""The papers import reads a table to fill in (issue 12, no database): the header row
kept out of the stem's prose, each table form to the kind that scores it, and a model
answer printed as a table.

Table tests of the booklet reader and the scheme reader on small papers written here,
then build tests that take both papers through build_exam_data, check the exam data
the loader gets, and score a pupil's answer by it as the scheme says.
"""

from __future__ import annotations

import io

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from exam.exam_data import validate_exam_data
from exam.papers.booklet import read_question_booklet
from exam.papers.build import build_exam_data
from exam.papers.build.values import TextFacts
from exam.papers.pdf import paper_text
from exam.papers.scheme import read_marking_scheme
from exam.papers.scheme.answers import targets_of
from exam.papers.tables import is_header_row, table_columns
from exam.papers.types import HIGH, LOW, NONE
from tests.exam_builders import score_data_question as score
from tests.paper_builders import one_entry, one_question

LINES = tuple((n, f"Regel {n} van de tekst over de verveling.") for n in range(1, 31))
TEXT = TextFacts(position=1, line_count=30, paragraph_count=6, lines=LINES)
INFO = {"lines": list(LINES), "paragraph_count": 6}

# The two questions of the issue's example, as the text of the PDF reads.
BOOKLET = """Tekst 1 Leve de verveling
2p 1 Neem de tabel over op je antwoordblad en vul bij elke bewering in of die juist of onjuist is.
bewering juist / onjuist
1 Verveling maakt mensen creatiever.
2 Kinderen kunnen zich niet vervelen.
3 De schrijver is tegen telefoons.
2p 2 Vul de tabel in. Noteer bij elk argument het nummer van de alinea waarin het staat.
argument alinea
a Verveling geeft rust.
b Wie zich verveelt, denkt na.
c Scholen plannen te veel.
"""
SCHEME = """Tekst 1 Leve de verveling
1 maximumscore 2
bewering juist/onjuist
1 juist
2 onjuist
3 onjuist
indien drie goed 2
indien twee goed 1
indien een of geen goed 0
2 maximumscore 2
a 3, b 5, c 2
indien drie goed 2
indien twee goed 1
indien een of geen goed 0
"""
STATEMENTS = "1 Verveling maakt creatief.\n2 Kinderen vervelen zich niet.\n3 Telefoons helpen."
ROWS = "a Verveling geeft rust.\nb Wie zich verveelt, denkt na.\nc Scholen plannen te veel."


def build_papers(booklet: str, scheme: str, *, text: TextFacts = TEXT, info: dict = INFO):
    data, report = build_exam_data(
        read_question_booklet(booklet),
        read_marking_scheme(scheme),
        texts=[text],
        title="CE 2026",
    )
    assert validate_exam_data(data, texts=[info]) == []
    return data, report


def build(booklet_body: str, model: str, max_points: int):
    """Both papers of a one-question exam through the builder: (question, report row)."""
    data, report = build_papers(
        f"Tekst 1 Leve de verveling\n{booklet_body}",
        f"Tekst 1 Leve de verveling\n1 maximumscore {max_points}\n{model}\n",
    )
    assert report.fallbacks == []
    return data["questions"][0], report.questions[0]


def choices(question, role):
    return [(c["label"], c["content"]) for c in question["choices"] if c["role"] == role]


# ---------------------------------------------------------------------------
# The header row


@pytest.mark.parametrize(
    ("line", "header"),
    [
        ("bewering juist / onjuist", True),
        ("argument alinea", True),
        ("uitspraak Juist/Onjuist", True),
        ("1 Verveling maakt mensen creatiever.", False),
        ("Vul de tabel in.", False),
        ("regels 4-5", False),
        ("een twee drie vier vijf zes zeven acht negen", False),
    ],
)
def test_a_header_row_is_a_short_line_of_words(line, header):
    assert is_header_row(line) is header


@pytest.mark.parametrize(
    ("header", "columns"),
    [
        ("bewering juist / onjuist", ("bewering", "juist / onjuist")),
        ("bewering juist/onjuist", ("bewering", "juist / onjuist")),
        ("argument alinea", ("argument", "alinea")),
        ("zin oorzaak / gevolg / oplossing", ("zin", "oorzaak / gevolg / oplossing")),
        ("maatregel het gevolg", ("maatregel", "het gevolg")),
        ("uitspraak argument tegenargument", ("uitspraak", "argument", "tegenargument")),
    ],
)
def test_the_columns_of_a_header_row(header, columns):
    assert table_columns(header) == columns


def test_the_issues_two_tables_are_read_without_their_header_rows_in_the_stem():
    first, second = read_question_booklet(BOOKLET).questions
    assert first.stem == (
        "Neem de tabel over op je antwoordblad en vul bij elke bewering in of die juist of "
        "onjuist is."
    )
    assert (first.kind, first.certainty, first.notes) == ("statements", HIGH, [])
    assert first.table == ("bewering", "juist / onjuist")
    assert second.stem == (
        "Vul de tabel in. Noteer bij elk argument het nummer van de alinea waarin het staat."
    )
    assert (second.kind, second.certainty, second.notes) == ("matching", HIGH, [])
    assert second.paragraph_targets
    assert [(c.role, c.label) for c in second.choices] == [
        ("item", "a"),
        ("item", "b"),
        ("item", "c"),
    ]


# ---------------------------------------------------------------------------
# Each table form to its kind


@pytest.mark.parametrize(
    ("body", "kind", "values", "stem"),
    [
        (
            # The pair is in the stem.
            "Neem de tabel over en geef bij elke bewering aan of die juist of onjuist is.\n"
            "bewering juist onjuist\n" + STATEMENTS,
            "statements",
            ("juist", "onjuist"),
            "Neem de tabel over en geef bij elke bewering aan of die juist of onjuist is.",
        ),
        (
            # The pair is only in the header.
            "Neem de tabel over en vul hem in.\nuitspraak wel / niet in de tekst\n" + STATEMENTS,
            "statements",
            ("wel", "niet"),
            "Neem de tabel over en vul hem in.",
        ),
        (
            # A known pair as two columns.
            "Neem de tabel over en vul hem in.\nuitspraak wel niet\n" + STATEMENTS,
            "statements",
            ("wel", "niet"),
            "Neem de tabel over en vul hem in.",
        ),
        (
            # Two columns the stem names as alternatives.
            "Neem de tabel over. Geef bij elke uitspraak aan of het een argument of een "
            "tegenargument is.\nuitspraak argument tegenargument\n" + STATEMENTS,
            "statements",
            ("argument", "tegenargument"),
            "Neem de tabel over. Geef bij elke uitspraak aan of het een argument of een "
            "tegenargument is.",
        ),
        (
            "Vul de tabel in.\nuitspraak argument / tegenargument\n" + STATEMENTS,
            "statements",
            ("argument", "tegenargument"),
            "Vul de tabel in.",
        ),
    ],
)
def test_a_table_of_rows_with_a_pair_of_words_is_statements(body, kind, values, stem):
    question = one_question(f"2p 1 {body}")
    assert (question.kind, question.statement_values, question.stem) == (kind, values, stem)
    assert [c.label for c in question.choices if c.role == "statement"] == ["1", "2", "3"]
    assert (question.certainty, question.notes) == (HIGH, [])


def test_a_table_with_three_answer_words_is_matching_with_those_words_as_targets():
    question = one_question(
        "2p 1 Vul de tabel in: geef bij elke zin aan of die een oorzaak, een gevolg of een "
        "oplossing noemt.\nzin oorzaak / gevolg / oplossing\n" + STATEMENTS
    )
    assert (question.kind, question.certainty, question.paragraph_targets) == (
        "matching",
        HIGH,
        False,
    )
    assert [(c.role, c.label, c.content) for c in question.choices] == [
        ("item", "1", "Verveling maakt creatief."),
        ("item", "2", "Kinderen vervelen zich niet."),
        ("item", "3", "Telefoons helpen."),
        ("target", "A", "oorzaak"),
        ("target", "B", "gevolg"),
        ("target", "C", "oplossing"),
    ]
    assert "oplossing noemt." in question.stem and "zin oorzaak" not in question.stem


@pytest.mark.parametrize(
    "body",
    [
        "Neem de tabel over en noteer bij elk argument in welke alinea het staat.\n"
        "argument alinea\n" + ROWS,
        # The column says it: the stem only asks to fill in the table.
        "Neem de tabel over en vul hem in.\nargument alineanummer\n" + ROWS,
        # No table: the rows go through "bij elk argument" all the same.
        "Noteer bij elk argument het nummer van de alinea waarin het staat.\n" + ROWS,
    ],
)
def test_a_paragraph_number_per_row_is_matching_with_the_texts_paragraphs(body):
    question = one_question(f"2p 1 {body}")
    assert (question.kind, question.paragraph_targets, question.certainty) == (
        "matching",
        True,
        HIGH,
    )
    assert [c.label for c in question.choices] == ["a", "b", "c"]
    assert question.notes == []
    assert "Verveling geeft rust" not in question.stem


def test_a_question_asking_which_paragraph_with_options_stays_multiple_choice():
    question = one_question(
        "1p 1 In welke alinea staat het argument van de school?\nA alinea 2\nB alinea 3\nC alinea 4"
    )
    assert (question.kind, question.paragraph_targets) == ("mc", False)


@pytest.mark.parametrize(
    ("body", "parts", "certainty", "notes", "stem"),
    [
        (
            "Neem de tabel over en noteer bij elke maatregel het gevolg dat de schrijver "
            "noemt.\nmaatregel gevolg\na Scholen schrappen het huiswerk.\nb Ouders leggen "
            "de telefoon weg.",
            [("a", "Scholen schrappen het huiswerk."), ("b", "Ouders leggen de telefoon weg.")],
            HIGH,
            [],
            "Neem de tabel over en noteer bij elke maatregel het gevolg dat de schrijver "
            "noemt. (tabel: maatregel | gevolg)",
        ),
        (
            # Numbered rows: read as printed; the builder labels the parts a, b.
            "Vul de tabel in: citeer bij elk argument de zin die het ondersteunt.\n"
            "argument de zin\n1 Verveling geeft rust.\n2 Scholen plannen te veel.",
            [("1", "Verveling geeft rust."), ("2", "Scholen plannen te veel.")],
            HIGH,
            [],
            "Vul de tabel in: citeer bij elk argument de zin die het ondersteunt. "
            "(tabel: argument | de zin)",
        ),
        (
            # Two columns to write in: each row still one box, for the teacher to check.
            "Neem de tabel over en noteer bij elke maatregel een voordeel en een nadeel.\n"
            "maatregel voordeel nadeel\na Geen huiswerk.\nb Geen telefoon.",
            [("a", "Geen huiswerk."), ("b", "Geen telefoon.")],
            LOW,
            [("table_columns_unclear", {"header": "maatregel | voordeel | nadeel"})],
            "Neem de tabel over en noteer bij elke maatregel een voordeel en een nadeel. "
            "(tabel: maatregel | voordeel | nadeel)",
        ),
    ],
)
def test_a_table_of_free_text_cells_is_parts_with_its_header_kept(
    body, parts, certainty, notes, stem
):
    question = one_question(f"2p 1 {body}")
    assert (question.kind, question.parts) == ("parts", parts)
    assert (question.certainty, question.notes, question.stem) == (certainty, notes, stem)


def test_a_table_the_reader_cannot_place_keeps_its_rows_in_the_stem_with_a_note():
    question = one_question(
        "1p 1 Neem de tabel over en vul het gevolg in.\noorzaak gevolg\na Verveling."
    )
    assert (question.kind, question.certainty) == ("open", NONE)
    assert question.notes == [
        ("table_not_placed", {"header": "oorzaak | gevolg"}),
        ("list_in_stem", {"labels": ["a"]}),
    ]
    assert question.stem == (
        "Neem de tabel over en vul het gevolg in. (tabel: oorzaak | gevolg)\na Verveling."
    )


def test_a_short_line_before_a_list_is_no_header_when_the_question_speaks_of_no_table():
    question = one_question(
        "2p 1 Geef bij elke bewering aan of die juist of onjuist is.\nbewering juist onjuist\n"
        + STATEMENTS
    )
    assert question.kind == "statements"
    assert question.table == ()
    assert question.stem.endswith("onjuist is. bewering juist onjuist")


# ---------------------------------------------------------------------------
# The scheme's model answer as a table


@pytest.mark.parametrize(
    ("model", "answers"),
    [
        (
            "bewering juist/onjuist\n1 juist\n2 onjuist\n3 onjuist",
            [("1", "juist"), ("2", "onjuist"), ("3", "onjuist")],
        ),
        (
            "bewering juist onjuist\n1 juist 2 onjuist 3 juist",
            [("1", "juist"), ("2", "onjuist"), ("3", "juist")],
        ),
        ("argument alinea\na 3\nb 5\nc 2", [("a", "3"), ("b", "5"), ("c", "2")]),
        ("a 3, b 5, c 2", [("a", "3"), ("b", "5"), ("c", "2")]),
        (
            "argument alinea\nargument a alinea 4\nargument b alinea 5\nargument c alinea 2",
            [("a", "alinea 4"), ("b", "alinea 5"), ("c", "alinea 2")],
        ),
        (
            "zin oorzaak/gevolg/oplossing\n1 oorzaak\n2 gevolg\n3 oorzaak",
            [("1", "oorzaak"), ("2", "gevolg"), ("3", "oorzaak")],
        ),
    ],
)
def test_the_scheme_reads_a_model_answer_printed_as_a_table(model, answers):
    entry = one_entry(model)
    assert (entry.answers, entry.certainty, entry.notes) == (answers, HIGH, [])


def test_a_free_text_table_in_the_scheme_gives_an_element_per_row():
    entry = one_entry("maatregel gevolg\na leerlingen worden rustiger 1\nb meer aandacht 1")
    assert [(e.part, e.text, e.points) for e in entry.elements] == [
        ("a", "leerlingen worden rustiger", 1),
        ("b", "meer aandacht", 1),
    ]


@pytest.mark.parametrize(("value", "targets"), [("alinea 4", ["4"]), ("Alinea 12", ["12"])])
def test_a_paragraph_as_a_rows_value_is_its_number(value, targets):
    assert targets_of(value) == targets


# ---------------------------------------------------------------------------
# Both papers through the builder, scored as the scheme says


def test_the_issues_two_tables_build_statements_and_matching_to_the_paragraphs():
    data, report = build_papers(BOOKLET, SCHEME)
    first, second = data["questions"]
    assert report.fallbacks == []
    assert [(q.kind, q.certainty) for q in report.questions] == [
        ("statements", HIGH),
        ("matching", HIGH),
    ]
    assert first["scoring"] == {
        "answers": {"1": "juist", "2": "onjuist", "3": "onjuist"},
        "table": {"0": 0, "1": 0, "2": 1, "3": 2},
    }
    assert first["stem"].endswith("of die juist of onjuist is.")
    assert score(first, {"1": "juist", "2": "onjuist", "3": "juist"}).points == 1

    # The targets are the text's six paragraphs.
    assert choices(second, "target") == [(str(n), f"alinea {n}") for n in range(1, 7)]
    assert second["scoring"] == {
        "pairs": {"a": "3", "b": "5", "c": "2"},
        "table": {"0": 0, "1": 0, "2": 1, "3": 2},
    }
    assert score(second, {"a": "3", "b": "5", "c": "2"}).points == 2
    assert score(second, {"a": "3", "b": "4", "c": "2"}).points == 1


def test_a_paragraph_table_in_the_scheme_scores_the_same():
    question, row = build(
        "3p 1 Neem de tabel over en noteer bij elk argument in welke alinea het staat.\n"
        "argument alinea\n" + ROWS,
        "argument alinea\nargument a alinea 4\nargument b alinea 6\nargument c alinea 1",
        3,
    )
    assert question["scoring"] == {"pairs": {"a": "4", "b": "6", "c": "1"}, "per_pair": 1}
    assert row.certainty == HIGH
    assert score(question, {"a": "4", "b": "6", "c": "2"}).points == 2


def test_a_text_without_paragraphs_keeps_a_paragraph_table_for_the_teacher():
    flat = TextFacts(position=1, line_count=30, paragraph_count=0, lines=LINES)
    data, report = build_papers(
        BOOKLET, SCHEME, text=flat, info={"lines": list(LINES), "paragraph_count": 0}
    )
    assert data["questions"][1]["kind"] == "open"
    assert ("fallback", {"reason": "no_paragraphs", "count": 0}) in report.questions[1].notes
    assert report.fallbacks == [2]


def test_a_pair_of_other_words_builds_statements_with_that_pair():
    question, _row = build(
        "2p 1 Vul de tabel in.\nuitspraak argument / tegenargument\n" + STATEMENTS,
        "uitspraak argument/tegenargument\n1 argument\n2 tegenargument\n3 argument\n"
        "indien drie goed 2\nindien twee goed 1\nindien een of geen goed 0",
        2,
    )
    assert question["scoring"]["values"] == ["argument", "tegenargument"]
    assert question["scoring"]["answers"] == {
        "1": "argument",
        "2": "tegenargument",
        "3": "argument",
    }
    assert score(question, {"1": "argument", "2": "tegenargument", "3": "argument"}).points == 2


def test_three_answer_words_build_matching_whose_targets_the_scheme_names_by_their_words():
    question, row = build(
        "3p 1 Vul de tabel in: geef bij elke zin aan of die een oorzaak, een gevolg of een "
        "oplossing noemt.\nzin oorzaak / gevolg / oplossing\n" + STATEMENTS,
        "zin oorzaak/gevolg/oplossing\n1 oorzaak\n2 gevolg\n3 oplossing",
        3,
    )
    assert choices(question, "target") == [("A", "oorzaak"), ("B", "gevolg"), ("C", "oplossing")]
    assert question["scoring"] == {"pairs": {"1": "A", "2": "B", "3": "C"}, "per_pair": 1}
    assert row.certainty == HIGH
    assert score(question, {"1": "A", "2": "B", "3": "A"}).points == 2


def test_a_free_text_table_builds_a_part_per_row_with_the_schemes_element_per_row():
    question, row = build(
        "2p 1 Neem de tabel over en noteer bij elke maatregel het gevolg dat de schrijver "
        "noemt.\nmaatregel gevolg\na Scholen schrappen het huiswerk.\nb Ouders leggen de "
        "telefoon weg.",
        "maatregel gevolg\na leerlingen worden rustiger 1\nb kinderen praten meer 1",
        2,
    )
    assert question["kind"] == "parts"
    assert question["stem"].endswith("(tabel: maatregel | gevolg)")
    scoring = question["scoring"]
    assert [(p["label"], p["prompt"]) for p in scoring["parts"]] == [
        ("a", "Scholen schrappen het huiswerk."),
        ("b", "Ouders leggen de telefoon weg."),
    ]
    assert [(e["part"], e["text"]) for e in scoring["elements"]] == [
        ("a", "leerlingen worden rustiger"),
        ("b", "kinderen praten meer"),
    ]
    assert row.certainty == HIGH
    # Each row's answer is looked for in its own box only.
    right = score(question, {"a": "De leerlingen worden rustiger.", "b": "Kinderen praten meer."})
    assert (right.points, right.needs_review) == (2, True)
    swapped = score(question, {"a": "Kinderen praten meer.", "b": "Leerlingen worden rustiger."})
    assert swapped.points == 0


def test_numbered_free_text_rows_become_parts_a_and_b():
    question, _row = build(
        "2p 1 Vul de tabel in: citeer bij elk argument de zin die het ondersteunt.\n"
        "argument de zin\n1 Verveling geeft rust.\n2 Scholen plannen te veel.",
        "• Regel 4 van de tekst 1\n• Regel 9 van de tekst 1",
        2,
    )
    assert [p["label"] for p in question["scoring"]["parts"]] == ["a", "b"]
    assert [e["part"] for e in question["scoring"]["elements"]] == ["a", "b"]


def test_a_table_not_placed_is_the_usual_fallback_with_its_note():
    data, report = build_papers(
        "Tekst 1 Leve de verveling\n1p 1 Neem de tabel over en vul het gevolg in.\n"
        "oorzaak gevolg\na Verveling.",
        "Tekst 1 Leve de verveling\n1 maximumscore 1\nrust\n",
    )
    question, row = data["questions"][0], report.questions[0]
    assert (question["kind"], row.certainty) == ("open", NONE)
    assert ("table_not_placed", {"header": "oorzaak | gevolg"}) in row.notes
    assert "(tabel: oorzaak | gevolg)" in question["stem"]


def test_a_table_drawn_in_columns_in_a_pdf_reads_as_its_header_row_and_rows():
    """The board's PDF draws a table's cells apart; its text gives a row per line, the
    columns one space apart, so the reader sees what the tests above give it."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 10)
    page.drawString(45, 780, "2p")
    page.drawString(75, 780, "1")
    page.drawString(100, 780, BOOKLET.splitlines()[1].removeprefix("2p 1 "))
    rows = [("bewering", "", "juist / onjuist")]
    rows += [(line[0], line[2:], "") for line in BOOKLET.splitlines()[3:6]]
    for index, (label, content, answer) in enumerate(rows):
        y = 760 - 14 * index
        page.rect(100, y - 4, 420, 14)
        page.drawString(104, y, label)
        page.drawString(118, y, content)
        page.drawString(420, y, answer)
    page.showPage()
    page.save()
    text = paper_text(buffer.getvalue())
    assert "\nbewering juist / onjuist\n1 Verveling maakt mensen creatiever.\n" in text
    question = read_question_booklet(f"Tekst 1 Leve de verveling\n{text}").questions[0]
    assert (question.kind, question.table) == ("statements", ("bewering", "juist / onjuist"))
    assert [c.content for c in question.choices][0] == "Verveling maakt mensen creatiever."
