"""Reading a marking scheme's text (exam/papers/scheme.py, issue 12): table tests on
small original scheme texts, no database."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from exam.papers.scheme import read_marking_scheme
from exam.papers.types import HIGH, LOW, NONE, SchemeElement

SAMPLE = Path(__file__).parent / "papers" / "correctievoorschrift.txt"


@pytest.fixture(scope="module")
def sample():
    return read_marking_scheme(SAMPLE.read_text(encoding="utf-8"))


def one(model: str, max_points: int = 2):
    """The entry of a one-question scheme with this model answer."""
    scheme = read_marking_scheme(f"Tekst 1 Iets\n1 maximumscore {max_points}\n{model}\n")
    assert list(scheme.entries) == [1]
    return scheme.entries[1]


# ---------------------------------------------------------------------------
# The complete small scheme: two texts, twelve questions, every model form


def test_the_sample_has_twelve_entries_and_no_problems(sample):
    assert list(sample.entries) == list(range(1, 13))
    assert sample.problems == []


SAMPLE_EXPECTED = [
    (1, {"max_points": 1, "key": "B"}),
    (
        2,
        {
            "max_points": 2,
            "elements": [
                SchemeElement("verveling de geest ruimte geeft om zelf iets nieuws te bedenken", 1),
                SchemeElement("wie zich nooit verveelt, alleen prikkels van buiten krijgt", 1),
            ],
            "first_n": 2,
            "remarks": ["Alleen de eerste twee genoemde redenen beoordelen."],
        },
    ),
    (
        3,
        {
            "answers": [("1", "onjuist"), ("2", "juist"), ("3", "onjuist"), ("4", "juist")],
            "table": {4: 2, 3: 1, 2: 0, 1: 0, 0: 0},
        },
    ),
    (4, {"max_points": 1, "accepted": ["3"]}),
    (
        5,
        {
            "quotation": "Verveling is dus geen verloren tijd, maar tijd die we aan onszelf "
            "besteden.",
            "lines": "30-31",
        },
    ),
    (6, {"keys": ["2", "4"], "table": {2: 2, 1: 1, 0: 0}, "first_n": 2}),
    (7, {"max_points": 1, "accepted": ["rust", "stilte", "kalmte"]}),
    (8, {"answers": [("a", "1"), ("b", "3"), ("c", "2")], "table": {3: 2, 2: 1, 1: 0, 0: 0}}),
    (9, {"max_points": 1, "answers": [("1", "B"), ("2", "C"), ("3", "A"), ("4", "D")]}),
    (
        10,
        {
            "elements": [
                SchemeElement("het brein 's nachts de indrukken van de dag ordent", 1),
                SchemeElement("waardoor je overdag beter onthoudt wat je hebt geleerd", 1),
            ],
            "notes": [("full_sentences", {"deduct": 1})],
            "remarks": [
                "Als het antwoord niet in een of meer volledige zinnen is geformuleerd, "
                "1 scorepunt aftrekken."
            ],
        },
    ),
    (
        11,
        {
            "max_points": 3,
            "elements": [
                SchemeElement(
                    "Wie 's nachts wakker ligt, is niet ziek: vroeger sliepen mensen in twee delen",
                    1,
                ),
                SchemeElement(
                    "het uur tussen die delen gebruikten zij om na te denken of te praten", 1
                ),
                SchemeElement("nu wordt wakker liggen ten onrechte als een probleem gezien", 1),
            ],
            "notes": [("word_limit", {"limit": 40, "over_limit": {"per_words": 5, "deduct": 1}})],
        },
    ),
    (
        12,
        {
            "elements": [
                SchemeElement("je weerstand afneemt", 1, part="a"),
                SchemeElement("je minder onthoudt van wat je overdag hebt geleerd", 1, "b"),
            ],
        },
    ),
]


@pytest.mark.parametrize(("number", "expected"), SAMPLE_EXPECTED)
def test_each_sample_question_is_read_with_high_certainty(sample, number, expected):
    entry = sample.entries[number]
    assert entry.number == number
    for name, value in expected.items():
        assert getattr(entry, name) == value, name
    assert entry.certainty == HIGH
    if "notes" not in expected:
        assert entry.notes == []


@pytest.mark.parametrize(
    ("number", "kind_fields"),
    [
        (1, {"key"}),
        (4, {"accepted"}),
        (5, {"quotation", "lines"}),
        (7, {"accepted"}),
        (9, {"answers"}),
    ],
)
def test_sample_questions_fill_only_their_own_fields(sample, number, kind_fields):
    entry = sample.entries[number]
    filled = {
        name
        for name in ("key", "keys", "answers", "accepted", "quotation", "lines", "elements")
        if getattr(entry, name)
    }
    assert filled == kind_fields


def test_sample_model_answers_are_kept_as_printed_without_page_furniture(sample):
    assert sample.entries[9].model_answer == "B, C, A, D"
    assert (
        sample.entries[7].model_answer == "Een van de volgende woorden:\n− rust\n− stilte\n− kalmte"
    )
    everything = "\n".join(entry.model_answer for entry in sample.entries.values())
    for furniture in ("lees verder", "►", "HA-1002", "Vraag Antwoord", "Tekst 2", "einde"):
        assert furniture not in everything
    # The general rules and what follows the last question are left out.
    assert "Eindexamenbesluit" not in everything
    assert "Wolf" not in everything
    assert sample.entries[12].model_answer.endswith("hebt geleerd 1")
    # The element broken by a page end keeps both halves in the model answer.
    assert "nieuws te\nbedenken 1" in sample.entries[2].model_answer


# ---------------------------------------------------------------------------
# Question headers


@pytest.mark.parametrize(
    "text",
    [
        "1 maximumscore 2\nB en D\n",
        "1  maximumscore 2\nB en D\n",
        "1\nmaximumscore 2\nB en D\n",
        "1. maximumscore 2\nB en D\n",
        "Vraag 1 maximumscore 2\nB en D\n",
        "1 maximumscore 2 B en D\n",
        "1 maximum score 2\nB en D\n",
        "1 maximumscore: 2\nB en D\n",
    ],
)
def test_header_forms(text):
    entry = read_marking_scheme(text).entries[1]
    assert (entry.max_points, entry.keys) == (2, ["B", "D"])


def test_short_form_of_one_point_multiple_choice_questions():
    text = "Tekst 1 Iets\n1 D\n2 C\n3 maximumscore 2\n1 B\n2 A\n3 D\n4 A\n"
    entries = read_marking_scheme(text).entries
    assert [(n, e.max_points, e.key) for n, e in entries.items()] == [
        (1, 1, "D"),
        (2, 1, "C"),
        (3, 2, None),
    ]
    # "4 A" continues the rows of question 3; it is not question 4.
    assert entries[3].answers == [("1", "B"), ("2", "A"), ("3", "D"), ("4", "A")]


def test_general_rules_with_numbered_lines_and_maximumscore_in_prose_are_skipped():
    text = (
        "2 Algemene regels\n1 De maximumscore van een vraag is het hoogste aantal punten.\n"
        "2 Scorepunten worden in gehele getallen toegekend.\n3 C\n"
        "Tekst 1 Iets\n1 maximumscore 1\nA\n2 maximumscore 1\nC\n"
    )
    scheme = read_marking_scheme(text)
    assert {n: e.key for n, e in scheme.entries.items()} == {1: "A", 2: "C"}


def test_a_text_heading_between_questions_is_not_part_of_an_answer():
    scheme = read_marking_scheme(
        "1 maximumscore 1\nalinea 2\nTekst 2 Het nut van de nacht\n2 maximumscore 1\nD\n"
    )
    assert scheme.entries[1].model_answer == "alinea 2"


def test_reading_stops_at_the_scores_section():
    entry = read_marking_scheme("1 maximumscore 1\nA\n5 Inzenden scores\nVoer de scores in.")
    assert entry.entries[1].model_answer == "A"


@pytest.mark.parametrize(
    ("text", "notes"),
    [
        (
            "1 maximumscore 1\nA\n3 maximumscore 1\nB\n",
            {3: [("numbers_skipped", {"missing": [2]})]},
        ),
        ("1 maximumscore 1\nA\n1 maximumscore 1\nB\n", {1: [("duplicate_number", {})]}),
        (
            "1 maximumscore 1\nA\n3 maximumscore 1\nB\n2 maximumscore 1\nC\n",
            {3: [("numbers_skipped", {"missing": [2]})], 2: [("out_of_order", {"previous": 3})]},
        ),
    ],
)
def test_numbering_problems_are_noted(text, notes):
    entries = read_marking_scheme(text).entries
    for number, expected in notes.items():
        assert entries[number].notes == expected
    assert entries[1].key == "A"


# ---------------------------------------------------------------------------
# The model forms


@pytest.mark.parametrize(
    ("model", "name", "value"),
    [
        ("C", "key", "C"),
        ("C.", "key", "C"),
        ("2, 4", "keys", ["2", "4"]),
        ("2 en 4", "keys", ["2", "4"]),
        ("1, 3 en 5", "keys", ["1", "3", "5"]),
        ("B en D", "keys", ["B", "D"]),
        ("C, A, D, B", "answers", [("1", "C"), ("2", "A"), ("3", "D"), ("4", "B")]),
        ("C - A - D - B", "answers", [("1", "C"), ("2", "A"), ("3", "D"), ("4", "B")]),
        ("CADB", "answers", [("1", "C"), ("2", "A"), ("3", "D"), ("4", "B")]),
        ("3 1 4 2", "answers", [("1", "3"), ("2", "1"), ("3", "4"), ("4", "2")]),
        (
            "De juiste volgorde is: B, C, A",
            "answers",
            [("1", "B"), ("2", "C"), ("3", "A")],
        ),
        (
            "1 juist 2 onjuist 3 juist",
            "answers",
            [("1", "juist"), ("2", "onjuist"), ("3", "juist")],
        ),
        ("1 wel\n2 niet\n3 wel", "answers", [("1", "wel"), ("2", "niet"), ("3", "wel")]),
        ("a 3, b 1, c 4", "answers", [("a", "3"), ("b", "1"), ("c", "4")]),
        ("a-3\nb-1", "answers", [("a", "3"), ("b", "1")]),
        ("1 rust\n2 nacht", "answers", [("1", "rust"), ("2", "nacht")]),
        ("alinea 5", "accepted", ["5"]),
        ("alinea 3 of 4", "accepted", ["3", "4"]),
        ("alinea 3 (of alinea 4)", "accepted", ["3", "4"]),
        ("verveling", "accepted", ["verveling"]),
        ("rust / stilte", "accepted", ["rust", "stilte"]),
        ("rust, stilte of kalmte", "accepted", ["rust", "stilte", "kalmte"]),
        ("- rust\n- stilte", "accepted", ["rust", "stilte"]),
        (
            "“Strikt genomen hadden ze een punt.” (regels 4-5)",
            "quotation",
            "Strikt genomen hadden ze een punt.",
        ),
        ("“Strikt genomen hadden ze een punt.” (regels 4-5)", "lines", "4-5"),
        ('"Strikt genomen hadden ze een punt" (regel 4)', "lines", "4"),
        ("„Strikt genomen ... een punt” (r. 4 t/m 5)", "quotation", "Strikt genomen … een punt"),
        ("„Strikt genomen ... een punt” (r. 4 t/m 5)", "lines", "4-5"),
        (
            "“Strikt genomen (…) een punt.” (regels 4 en 5)",
            "quotation",
            "Strikt genomen … een punt.",
        ),
        ("“Strikt (...) punt” (regels 4–5)", "lines", "4-5"),
        (
            "“Wie zich nooit verveelt,\nhoort zichzelf nooit denken.” (regels 14-15)",
            "quotation",
            "Wie zich nooit verveelt, hoort zichzelf nooit denken.",
        ),
        ("‘Strikt genomen’", "quotation", "Strikt genomen"),
        ("“Hij zei: nee.” (regel 3)", "quotation", "Hij zei: nee."),
        ("Een juist citaat:\n“Hij zei: nee.” (regel 3)", "lines", "3"),
    ],
)
def test_model_forms(model, name, value):
    entry = one(model)
    assert getattr(entry, name) == value
    assert entry.certainty in (HIGH, LOW)


@pytest.mark.parametrize(
    ("model", "certainty", "note"),
    [
        ("A, B, C, D", LOW, ("keys_or_order", {})),
        ("een goed gesprek / rust", LOW, ("phrases_accepted", {})),
        (
            "“Eerste zin.” (regel 3) of “Tweede zin.” (regel 8)",
            LOW,
            ("several_quotations", {"quotations": ["Eerste zin.", "Tweede zin."]}),
        ),
        (
            "De schrijver vindt dat verveling nuttig is omdat het de geest tot rust brengt en meer.",
            NONE,
            ("model_not_recognised", {}),
        ),
    ],
)
def test_guesses_and_unknown_forms_are_noted(model, certainty, note):
    entry = one(model)
    assert entry.certainty == certainty
    assert note in entry.notes
    assert entry.model_answer == model


def test_an_empty_model_answer_is_noted():
    entry = read_marking_scheme("1 maximumscore 1\n2 maximumscore 1\nA\n").entries[1]
    assert (entry.certainty, entry.notes, entry.model_answer) == (NONE, [("empty_model", {})], "")


def test_a_quoted_word_inside_an_explanation_is_not_a_citation():
    entry = one("Een antwoord waarin staat dat het woord “nood” hier ironisch is bedoeld, want ...")
    assert entry.quotation is None


# ---------------------------------------------------------------------------
# Elements


@pytest.mark.parametrize(
    ("model", "elements"),
    [
        (
            "• een reden 1\n• nog een reden 1",
            [SchemeElement("een reden", 1), SchemeElement("nog een reden", 1)],
        ),
        (
            "• een reden die over\ntwee regels loopt 1\n• kort 1",
            [SchemeElement("een reden die over twee regels loopt", 1), SchemeElement("kort", 1)],
        ),
        # The bullet as pdfplumber gives the Symbol font's glyph; points on their own line.
        (
            "\uf0b7 een reden\n1\n\uf0b7 nog een 1",
            [SchemeElement("een reden", 1), SchemeElement("nog een", 1)],
        ),
        # A number in the text above the maximum is no points.
        (
            "• genoemd in alinea 3 1\n• twee 1",
            [SchemeElement("genoemd in alinea 3", 1), SchemeElement("twee", 1)],
        ),
        ("• het hele verband 2", [SchemeElement("het hele verband", 2)]),
        # Dashes under an element are examples, not part of its text.
        (
            "• een voorbeeld, zoals: 1\n− een boek\n− een film\n• een gevolg 1",
            [SchemeElement("een voorbeeld, zoals:", 1), SchemeElement("een gevolg", 1)],
        ),
        (
            "a • de eerste oorzaak 1\nb Een antwoord als:\n• het tweede gevolg 1",
            [
                SchemeElement("de eerste oorzaak", 1, "a"),
                SchemeElement("het tweede gevolg", 1, "b"),
            ],
        ),
        (
            "a Een antwoord met de strekking dat de nacht\nrust geeft 1\nb de dag 1",
            [SchemeElement("de nacht rust geeft", 1, "a"), SchemeElement("de dag", 1, "b")],
        ),
    ],
)
def test_elements(model, elements):
    entry = one(model)
    assert entry.elements == elements
    assert entry.certainty == HIGH
    assert entry.notes == []


def test_elements_that_do_not_add_up_to_the_maximum_are_noted():
    entry = one("• een reden 1\n• nog een reden 1", max_points=3)
    assert entry.notes == [("elements_total", {"total": 2, "max": 3})]
    assert entry.certainty == LOW


def test_more_elements_than_the_maximum_are_fine_when_only_the_first_n_are_marked():
    entry = one("• a 1\n• b 1\n• c 1\nAlleen de eerste twee genoemde redenen beoordelen.")
    assert (entry.first_n, entry.notes, entry.certainty) == (2, [], HIGH)


@pytest.mark.parametrize(
    "model",
    [
        "• een reden 1\n• nog een 1\n• derde 1\nAlleen de eerste twee genoemde redenen\nbeoordelen.",
        "• een reden 1\n• nog een 1\n• derde 1\nAls meer dan twee redenen zijn genoemd, alleen\n"
        "de eerste twee beoordelen.",
    ],
)
def test_only_the_first_n_over_two_lines_without_a_remark_heading(model):
    entry = one(model)
    assert entry.first_n == 2
    assert len(entry.remarks) == 1 and entry.remarks[0].endswith("beoordelen.")
    assert len(entry.elements) == 3


def test_an_element_running_on_with_als_is_not_taken_for_a_rule():
    entry = one("• een reden die geldt\nals je meer dan tien woorden kent 2")
    assert entry.elements == [
        SchemeElement("een reden die geldt als je meer dan tien woorden kent", 2)
    ]
    assert entry.remarks == []


def test_a_bullet_that_never_gets_its_points_is_noted():
    entry = one("• een reden 1\n• een tweede reden zonder punten\nOpmerking\nIets.")
    assert ("element_without_points", {"text": "een tweede reden zonder punten"}) in entry.notes
    assert entry.certainty == LOW
    assert entry.remarks == ["Iets."]


# ---------------------------------------------------------------------------
# Score tables


@pytest.mark.parametrize(
    ("model", "max_points", "table"),
    [
        (
            "1 juist 2 juist 3 onjuist 4 juist 5 onjuist 6 juist\n"
            "indien zes goed 3\nindien vijf goed 2\nindien vier of minder goed 0",
            3,
            {6: 3, 5: 2, 4: 0, 3: 0, 2: 0, 1: 0, 0: 0},
        ),
        (
            "1 juist 2 juist 3 onjuist 4 juist\nindien 4 goed 2\nindien 3 goed 1\nindien 2 of minder goed 0",
            2,
            {4: 2, 3: 1, 2: 0, 1: 0, 0: 0},
        ),
        (
            "a 2 b 1 c 3 d 4\nindien drie of meer goed 2\nindien twee goed 1\nindien één of geen goed 0",
            2,
            {4: 2, 3: 2, 2: 1, 1: 0, 0: 0},
        ),
        (
            "1, 3\nindien twee goed: 2 punten\nindien één goed: 1 punt\nindien geen goed: 0 punten",
            2,
            {2: 2, 1: 1, 0: 0},
        ),
        (
            "B, D\nbij twee juiste antwoorden 2\nbij één juist antwoord 1\nbij geen juist antwoord 0",
            2,
            {2: 2, 1: 1, 0: 0},
        ),
    ],
)
def test_score_tables(model, max_points, table):
    entry = one(model, max_points=max_points)
    assert entry.table == table
    assert entry.certainty == HIGH
    assert entry.notes == []


@pytest.mark.parametrize(
    ("model", "note"),
    [
        (
            "1 juist 2 juist 3 onjuist\nindien drie goed 1\nindien twee of minder goed 0",
            ("table_max", {"best": 1, "max": 2}),
        ),
        (
            "1 juist 2 juist 3 onjuist 4 juist\nindien drie goed 2\nindien twee of minder goed 0",
            ("table_count", {"top": 3, "count": 4}),
        ),
        (
            "a 1 b 2 c 3\nindien drie goed 2\nindien één goed 1\nindien geen goed 0",
            ("table_incomplete", {"missing": [2]}),
        ),
        (
            "2, 4\nindien twee goed 2\nindien één goed 0\nindien geen goed 1",
            ("table_not_rising", {}),
        ),
    ],
)
def test_tables_that_do_not_fit_are_noted(model, note):
    entry = one(model)
    assert note in entry.notes
    assert entry.certainty == LOW


def test_points_per_right_answer_are_noted():
    entry = one("a 1 b 2\nper juiste combinatie 1")
    assert entry.answers == [("a", "1"), ("b", "2")]
    assert entry.notes == [("per_correct", {"points": 1})]


# ---------------------------------------------------------------------------
# Remarks, "alleen de eerste ...", word limits and full sentences


@pytest.mark.parametrize(
    ("sentence", "first_n"),
    [
        ("Alleen de eerste twee genoemde redenen beoordelen.", 2),
        ("Als meer dan drie kenmerken zijn genoemd, alleen de eerste drie beoordelen.", 3),
        ("Alleen het eerste antwoord beoordelen.", 1),
        ("Alleen de eerste genoemde oorzaak beoordelen.", 1),
        ("Een antwoord in andere woorden is ook goed.", None),
    ],
)
def test_only_the_first_n(sentence, first_n):
    entry = one(f"• reden 1\n• reden 1\nOpmerking\n{sentence}")
    assert entry.first_n == first_n
    assert entry.remarks == [sentence]


@pytest.mark.parametrize(
    ("sentence", "note"),
    [
        (
            "Als het antwoord meer dan 25 woorden bevat, 1 scorepunt aftrekken.",
            ("word_limit", {"limit": 25, "over_limit": {"deduct": 1}}),
        ),
        (
            "Als de samenvatting meer dan veertig woorden bevat, per vijf woorden te veel één "
            "scorepunt aftrekken.",
            ("word_limit", {"limit": 40, "over_limit": {"per_words": 5, "deduct": 1}}),
        ),
        (
            "Voor elke tien woorden boven de 60 woorden 1 scorepunt aftrekken.",
            ("word_limit", {"limit": 60, "over_limit": {"per_words": 10, "deduct": 1}}),
        ),
        (
            "Als het antwoord meer dan 25 woorden bevat, 0 scorepunten toekennen.",
            ("word_limit", {"limit": 25, "over_limit": "zero"}),
        ),
        (
            "Als het antwoord niet in een of meer volledige zinnen is geformuleerd, 1 scorepunt aftrekken.",
            ("full_sentences", {"deduct": 1}),
        ),
        (
            "Als het antwoord meer dan 25 woorden bevat, het antwoord met de docent bespreken.",
            (
                "word_limit_unread",
                {
                    "sentence": "Als het antwoord meer dan 25 woorden bevat, het antwoord met de docent bespreken."
                },
            ),
        ),
    ],
)
def test_length_rules_are_kept_in_remarks_and_noted(sentence, note):
    in_remark = one(f"• reden 1\n• reden 1\nOpmerking\n{sentence}")
    assert in_remark.remarks == [sentence]
    assert note in in_remark.notes
    # The same sentence without "Opmerking", broken over two lines as in a PDF.
    words = sentence.split()
    broken = " ".join(words[: len(words) - 2]) + "\n" + " ".join(words[-2:])
    loose = one(f"• reden 1\n• reden 1\n{broken}")
    assert loose.remarks == [sentence]
    assert note in loose.notes
    assert [e.points for e in loose.elements] == [1, 1]


def test_a_remark_on_the_heading_line_and_a_table_after_a_remark():
    entry = one(
        "1 juist 2 onjuist\nOpmerking: Let op de spelling.\n"
        "indien twee goed 2\nindien één goed 1\nindien geen goed 0"
    )
    assert entry.remarks == ["Let op de spelling."]
    assert entry.table == {2: 2, 1: 1, 0: 0}
    assert (entry.certainty, entry.notes) == (HIGH, [])


def test_several_remarks_are_kept_apart():
    entry = one(
        "B\nOpmerkingen\n− Een eerste opmerking die over\ntwee regels loopt.\n− Een tweede.\n"
    )
    assert entry.key == "B"
    assert entry.remarks == ["Een eerste opmerking die over twee regels loopt.", "Een tweede."]


# ---------------------------------------------------------------------------
# Page furniture and pasted text


def test_furniture_inside_an_answer_is_dropped():
    text = (
        "1 maximumscore 2\n• een reden die doorloopt\nHA-1002-a-21-1-c 7 lees verder ►►►\n"
        "Vraag Antwoord Scores\nop de volgende bladzijde 1\n• nog een 1\n\f\n8\n"
        "2 maximumscore 1\nA\nHA-1002-a-21-1-c 8\neinde ■\n"
    )
    entries = read_marking_scheme(text).entries
    assert entries[1].elements == [
        SchemeElement("een reden die doorloopt op de volgende bladzijde", 1),
        SchemeElement("nog een", 1),
    ]
    assert entries[2].model_answer == "A"


def test_a_number_or_einde_that_is_an_answer_is_kept():
    text = "1 maximumscore 1\neinde\n2 maximumscore 1\n3\n4 maximumscore 1\nB\n"
    entries = read_marking_scheme(text).entries
    assert entries[1].accepted == ["einde"]
    assert entries[2].model_answer == "3"


def test_pasted_text_with_windows_line_ends_tabs_and_no_break_spaces():
    text = "Tekst 1 Iets\r\n1\u00a0maximumscore\t2\r\n\u2022 een reden\t1\r\n\u2022 nog een\u00a0 1\r\n"
    entry = read_marking_scheme(text).entries[1]
    assert entry.elements == [SchemeElement("een reden", 1), SchemeElement("nog een", 1)]


# ---------------------------------------------------------------------------
# The paper as a whole


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("", [("no_entries", {})]),
        ("Een brief aan de ouders.\nMet vriendelijke groet.", [("no_entries", {})]),
        (
            "Tekst 1 Leve de verveling\n1p 1 Welke functie heeft alinea 1?\nA ...\nB ...\n"
            "2p 2 Leg uit waarom ... Gebruik maximaal 25 woorden.\nHA-1002-a-21-1-o 3",
            [("looks_like_question_booklet", {})],
        ),
        (
            "Correctievoorschrift HAVO 2021 tijdvak 1\nEngels\n1 maximumscore 1\nB\n",
            [("other_subject", {"subject": "Engels"})],
        ),
        ("Correctievoorschrift VWO\nNederlands\n1 maximumscore 1\nB\n", []),
    ],
)
def test_problems_of_the_paper(text, problems):
    assert read_marking_scheme(text).problems == problems


def test_a_maximum_of_zero_is_noted():
    entry = read_marking_scheme("1 maximumscore 0\nA\n").entries[1]
    assert (entry.key, entry.notes, entry.certainty) == ("A", [("bad_max", {"max": 0})], LOW)


@pytest.mark.parametrize(
    "text",
    [
        "•\n•\n1 maximumscore 3\n•\n• 1\nindien\nindien goed 2\nOpmerking\n",
        "1 maximumscore 2\nindien alle goed 2\nindien drie of meer goed 1\n“\n(regels 4-)\n",
        "1 maximumscore 1\n\f\f\f\n2\n\n3\neinde\n",
        "1 maximumscore 2\na\nb\nc 4\n‘’ “” alinea\n",
    ],
)
def test_odd_input_is_read_without_errors(text):
    scheme = read_marking_scheme(text)
    assert 1 in scheme.entries
    assert scheme.entries[1].certainty in (HIGH, LOW, NONE)


def test_a_forty_question_scheme_is_read_quickly():
    blocks = SAMPLE.read_text(encoding="utf-8").split("Tekst 1 Leve de verveling\n")[1]
    questions = blocks.split("5 Aanleveren scores")[0]
    # Four copies of the twelve questions, numbered on: 48 questions.
    parts = []
    for copy in range(4):
        lines = []
        for line in questions.splitlines():
            header = line.split(" maximumscore ")
            if len(header) == 2 and header[0].isdigit():
                line = f"{int(header[0]) + 12 * copy} maximumscore {header[1]}"
            elif line == "7":
                line = str(7 + 12 * copy)
            lines.append(line)
        parts.append("\n".join(lines))
    started = time.perf_counter()
    scheme = read_marking_scheme("Tekst 1 Leve de verveling\n" + "\n".join(parts))
    assert time.perf_counter() - started < 1
    assert list(scheme.entries) == list(range(1, 49))
    assert scheme.entries[45].answers == [("1", "B"), ("2", "C"), ("3", "A"), ("4", "D")]
