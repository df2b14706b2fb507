"""The papers import reads the remaining formats of issue 12 (no database): several
gaps in one question, matching with several targets per item, numbered items with
lettered targets, and a word limit on one part of a question in parts.

Per form: table tests of the booklet reader and the scheme reader on small papers
written here, then one build test that takes both papers through build_exam_data,
checks the exam data the loader gets, and scores a pupil's answer by it as the
scheme says.
"""

from __future__ import annotations

import pytest

from exam.exam_data import validate_exam_data
from exam.papers.booklet import read_question_booklet
from exam.papers.build import build_exam_data
from exam.papers.build.values import TextFacts
from exam.papers.scheme import read_marking_scheme
from exam.papers.scheme.answers import split_accepted, targets_of
from exam.papers.types import HIGH, LOW
from tests.exam_builders import score_data_question as score
from tests.paper_builders import one_entry, one_question

LINES = tuple((n, f"Regel {n} van de tekst over de stille bibliotheek.") for n in range(1, 13))
TEXT = TextFacts(position=1, line_count=12, paragraph_count=3, lines=LINES)
INFO = {"lines": list(LINES), "paragraph_count": 3}


def build(booklet_body: str, model: str, max_points: int):
    """Both papers of a one-question exam through the builder: (question, report row)."""
    booklet = read_question_booklet(f"Tekst 1 De stille bibliotheek\n{booklet_body}")
    scheme = read_marking_scheme(
        f"Tekst 1 De stille bibliotheek\n1 maximumscore {max_points}\n{model}\n"
    )
    data, report = build_exam_data(booklet, scheme, texts=[TEXT], title="CE 2026")
    assert validate_exam_data(data, texts=[INFO]) == []
    assert report.fallbacks == []
    return data["questions"][0], report.questions[0]


def labels(question, role):
    return [choice["label"] for choice in question["choices"] if choice["role"] == role]


# ---------------------------------------------------------------------------
# 1. Several gaps in one question


@pytest.mark.parametrize(
    ("stem", "gaps", "certainty", "notes"),
    [
        ("Welke woorden passen op de open plekken 1 en 2 in regel 6-9?", ["1", "2"], HIGH, []),
        ("Vul de woorden in op de plaatsen 1, 2 en 3.", ["1", "2", "3"], HIGH, []),
        ("Welke woorden horen op de open plekken a, b en c?", ["a", "b", "c"], HIGH, []),
        ("Welke woorden passen op de plaatsen 1 tot en met 4?", ["1", "2", "3", "4"], HIGH, []),
        ("Welk woord past op de open plek in regel 3?", [], HIGH, []),
        ("Welk woord past op beide plaatsen in regel 3 en 7?", [], HIGH, []),
        ("Welk woord past op de plaatsen 1 en 2?", [], HIGH, []),
        (
            "Welke woorden passen op de open plekken in regel 6-9?",
            [],
            LOW,
            [("gaps_not_counted", {})],
        ),
    ],
)
def test_the_booklet_names_the_gaps_of_a_question(stem, gaps, certainty, notes):
    question = one_question(f"2p 1 {stem}")
    assert (question.kind, question.gaps) == ("gap", gaps)
    assert (question.certainty, question.notes) == (certainty, notes)


@pytest.mark.parametrize(
    ("model", "answers"),
    [
        ("1 rust / stilte\n2 verveling", [("1", "rust / stilte"), ("2", "verveling")]),
        (
            "1 rust, stilte of kalmte\n2 verveling",
            [("1", "rust, stilte of kalmte"), ("2", "verveling")],
        ),
        ("plek 1: rust\nplek 2: verveling", [("1", "rust"), ("2", "verveling")]),
        (
            "open plek 1: rust of stilte\nopen plek 2: verveling",
            [("1", "rust of stilte"), ("2", "verveling")],
        ),
        ("a rust\nb verveling", [("a", "rust"), ("b", "verveling")]),
        ("1 rust 2 verveling", [("1", "rust"), ("2", "verveling")]),
    ],
)
def test_the_scheme_lists_accepted_words_per_gap(model, answers):
    entry = one_entry(model)
    assert (entry.answers, entry.certainty) == (answers, HIGH)


@pytest.mark.parametrize(
    ("text", "accepted"),
    [
        ("rust / stilte", ["rust", "stilte"]),
        ("rust, stilte of kalmte.", ["rust", "stilte", "kalmte"]),
        ("een goed gesprek", ["een goed gesprek"]),
    ],
)
def test_accepted_words_on_one_line(text, accepted):
    assert split_accepted(text) == accepted


def test_several_gaps_build_the_gap_kinds_several_gaps_scoring_and_score_by_its_table():
    question, row = build(
        "2p 1 Welke woorden passen op de open plekken 1 en 2 in regel 6-9?",
        "1 rust / stilte\n2 verveling\nindien twee goed 2\nindien één goed 1\nindien geen goed 0",
        2,
    )
    assert (question["kind"], row.kind, row.certainty) == ("gap", "gap", HIGH)
    assert question["scoring"] == {
        "gaps": [{"accepted": ["rust", "stilte"]}, {"accepted": ["verveling"]}],
        "review": "marker",
        "table": {"0": 0, "1": 1, "2": 2},
    }
    assert score(question, ["Stilte", "verveling"]).points == 2
    one_right = score(question, ["stilte", "drukte"])
    # "naar analogie" is the marker's call: the word not accepted goes to the marker.
    assert (one_right.points, one_right.needs_review) == (1, True)


def test_several_gaps_without_a_table_earn_points_per_gap():
    question, _row = build(
        "3p 1 Vul de woorden in op de plaatsen 1, 2 en 3.",
        "plek 1: rust\nplek 2: verveling\nplek 3: stilte",
        3,
    )
    assert question["scoring"]["per_gap"] == 1
    assert score(question, ["rust", "", "stilte"]).points == 2


def test_a_scheme_with_another_number_of_gaps_keeps_the_question_for_the_teacher():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n2p 1 Welke woorden passen op de open plekken 1 en 2?"
    )
    for model, found in (("1 rust\n2 verveling\n3 stilte", 3), ("rust / stilte", 1)):
        scheme = read_marking_scheme(f"1 maximumscore 2\n{model}\n")
        data, report = build_exam_data(booklet, scheme, texts=[TEXT], title="CE")
        assert data["questions"][0]["kind"] == "open"
        fallback = ("fallback", {"reason": "gaps_differ", "gaps": 2, "found": found})
        assert fallback in report.questions[0].notes


# ---------------------------------------------------------------------------
# 2. Matching with several targets per item, 3. numbered items with lettered targets

SPEAKERS = (
    "1 Lezen maakt je rustig.\n2 Een boek is te duur.\n3 De bieb hoort bij het dorp.\n"
    "4 Voorlezen is ouderwets.\nA de bibliothecaris\nB de wethouder\nC een moeder"
)


@pytest.mark.parametrize(
    ("body", "items", "targets", "multiple", "certainty"),
    [
        (
            "Hieronder staan vier uitspraken (1-4) en drie sprekers (A-C). Geef bij elke "
            "uitspraak aan welke spreker die doet.\n" + SPEAKERS,
            ["1", "2", "3", "4"],
            ["A", "B", "C"],
            False,
            HIGH,
        ),
        (
            "Hieronder staan vier uitspraken (1-4) en drie sprekers (A-C). Noteer per "
            "uitspraak de letter van de spreker.\n" + SPEAKERS,
            ["1", "2", "3", "4"],
            ["A", "B", "C"],
            False,
            HIGH,
        ),
        (
            # The counts name the lists: four statements, three speakers.
            "Hieronder staan vier uitspraken en drie sprekers. Geef bij elke uitspraak aan "
            "welke spreker die doet. Een spreker kan bij meer dan één uitspraak horen.\n"
            + SPEAKERS,
            ["1", "2", "3", "4"],
            ["A", "B", "C"],
            False,
            HIGH,
        ),
        (
            "Hieronder staan drie personen (1-3) en vier standpunten (A-D). Geef bij elke "
            "persoon aan welk standpunt die inneemt.\n1 de moeder\n2 de vader\n"
            "3 de dochter\nA voor\nB tegen\nC neutraal\nD onbekend",
            ["1", "2", "3"],
            ["A", "B", "C", "D"],
            False,
            HIGH,
        ),
        (
            # Lists of one length: named in the order they are printed.
            "Hieronder staan drie uitspraken en drie sprekers. Geef bij elke uitspraak aan "
            "welke spreker die doet.\n1 Lezen maakt je rustig.\n2 Een boek is te duur.\n"
            "3 De bieb hoort bij het dorp.\nA de bibliothecaris\nB de wethouder\nC een moeder",
            ["1", "2", "3"],
            ["A", "B", "C"],
            False,
            HIGH,
        ),
        (
            "Hieronder staan vier uitspraken (1-4) en drie deskundigen (A-C). Geef bij elke "
            "deskundige aan bij welke uitspraak of uitspraken die hoort.\n"
            + SPEAKERS
            + "\nEen deskundige kan bij meer dan één uitspraak horen.",
            ["A", "B", "C"],
            ["1", "2", "3", "4"],
            True,
            HIGH,
        ),
        (
            "Geef bij elke persoon aan welke standpunten (meer dan één, of geen) die "
            "verdedigt.\na de moeder\nb de vader\n1 voor\n2 tegen\n3 neutraal",
            ["a", "b"],
            ["1", "2", "3"],
            True,
            HIGH,
        ),
        (
            "Geef bij elke persoon aan welk standpunt die heeft. Een standpunt kan meer dan "
            "één keer voorkomen.\na de moeder\nb de vader\n1 voor\n2 tegen",
            ["a", "b"],
            ["1", "2"],
            False,
            HIGH,
        ),
        (
            # Lettered items with numbered targets, listed the other way round.
            "Geef bij elke persoon aan welk standpunt die heeft.\n1 voor\n2 tegen\n"
            "a de moeder\nb de vader",
            ["a", "b"],
            ["1", "2"],
            False,
            HIGH,
        ),
        (
            "Geef bij elke van de drie personen aan welk standpunt die heeft.\n1 voor\n"
            "2 tegen\na de moeder\nb de vader\nc de dochter",
            ["a", "b", "c"],
            ["1", "2"],
            False,
            HIGH,
        ),
        (
            # "meer dan één antwoord": of neither list, so the teacher checks it.
            "Geef bij elke persoon aan welke standpunten die heeft. Meer dan één antwoord "
            "is mogelijk.\na de moeder\nb de vader\n1 voor\n2 tegen\n3 neutraal",
            ["a", "b"],
            ["1", "2", "3"],
            True,
            LOW,
        ),
    ],
)
def test_the_booklet_reads_items_and_targets_the_right_way_round(
    body, items, targets, multiple, certainty
):
    question = one_question(f"3p 1 {body}")
    assert question.kind == "matching"
    assert [c.label for c in question.choices if c.role == "item"] == items
    assert [c.label for c in question.choices if c.role == "target"] == targets
    assert (question.multiple, question.certainty) == (multiple, certainty)


def test_an_unclear_several_targets_sentence_is_noted():
    question = one_question(
        "3p 1 Geef bij elke persoon aan welke standpunten die heeft. Meer dan één antwoord "
        "is mogelijk.\na de moeder\nb de vader\n1 voor\n2 tegen\n3 neutraal"
    )
    assert question.notes == [("several_targets_unclear", {})]


@pytest.mark.parametrize(
    ("model", "answers", "table"),
    [
        ("a 1, 3\nb 2", [("a", "1, 3"), ("b", "2")], {}),
        ("a 1\na 3\nb 2", [("a", "1"), ("a", "3"), ("b", "2")], {}),
        ("a 1, 3, b 2, c geen", [("a", "1, 3"), ("b", "2"), ("c", "geen")], {}),
        ("1 A en C\n2 B\n3 geen", [("1", "A en C"), ("2", "B"), ("3", "geen")], {}),
        ("1 A, C 2 B", [("1", "A, C"), ("2", "B")], {}),
        ("A 1, 3\nB 2\nC -", [("A", "1, 3"), ("B", "2"), ("C", "-")], {}),
        ("1 A, 2 C, 3 B", [("1", "A"), ("2", "C"), ("3", "B")], {}),
        (
            # The table counts links: three, not two rows.
            "a 1, 3\nb 2\nindien drie goed 2\nindien twee goed 1\nindien één of geen goed 0",
            [("a", "1, 3"), ("b", "2")],
            {3: 2, 2: 1, 1: 0, 0: 0},
        ),
    ],
)
def test_the_scheme_reads_several_targets_per_item(model, answers, table):
    entry = one_entry(model)
    assert (entry.answers, entry.table) == (answers, table)
    assert (entry.certainty, entry.notes) == (HIGH, [])


@pytest.mark.parametrize(
    ("value", "targets"),
    [("1, 3", ["1", "3"]), ("A en C", ["A", "C"]), ("geen", []), ("-", []), ("3", ["3"])],
)
def test_an_items_targets(value, targets):
    assert targets_of(value) == targets


def test_several_targets_build_links_and_score_per_link():
    question, row = build(
        "3p 1 Hieronder staan vier uitspraken (1-4) en drie deskundigen (A-C). Geef bij "
        "elke deskundige aan bij welke uitspraak of uitspraken die hoort. Een deskundige "
        "kan bij meer dan één uitspraak horen.\n" + SPEAKERS,
        "A 3, 1\nB 2\nC 4\nindien vier goed 3\nindien drie goed 2\nindien twee goed 1\n"
        "indien één of geen goed 0",
        3,
    )
    assert (labels(question, "item"), labels(question, "target")) == (
        ["A", "B", "C"],
        ["1", "2", "3", "4"],
    )
    assert question["scoring"] == {
        "pairs": {"A": ["1", "3"], "B": ["2"], "C": ["4"]},
        "multiple": True,
        "table": {"0": 0, "1": 0, "2": 1, "3": 2, "4": 3},
    }
    assert row.certainty == HIGH
    assert score(question, {"A": ["1", "3"], "B": ["2"], "C": ["4"]}).points == 3
    # A wrong link cancels a right one: 3 right - 1 wrong = 2 -> 1 point.
    assert score(question, {"A": ["1", "3"], "B": ["2", "4"]}).points == 1


def test_the_booklets_several_targets_make_one_target_per_item_a_list_too():
    question, _row = build(
        "2p 1 Geef bij elke persoon aan welke standpunten (meer dan één, of geen) die "
        "verdedigt.\na de moeder\nb de vader\n1 voor\n2 tegen\n3 neutraal",
        "a 1\nb 2",
        2,
    )
    assert question["scoring"] == {
        "pairs": {"a": ["1"], "b": ["2"]},
        "multiple": True,
        "per_pair": 1,
    }


def test_numbered_items_with_lettered_targets_build_pairs_keyed_by_number():
    question, row = build(
        "2p 1 Hieronder staan vier uitspraken (1-4) en drie sprekers (A-C). Geef bij elke "
        "uitspraak aan welke spreker die doet.\n" + SPEAKERS,
        "1 B, 2 A, 3 A, 4 C\nindien vier goed 2\nindien drie goed 1\nindien twee of minder goed 0",
        2,
    )
    assert (labels(question, "item"), labels(question, "target")) == (
        ["1", "2", "3", "4"],
        ["A", "B", "C"],
    )
    assert question["scoring"] == {
        "pairs": {"1": "B", "2": "A", "3": "A", "4": "C"},
        "table": {"0": 0, "1": 0, "2": 0, "3": 1, "4": 2},
    }
    assert row.certainty == HIGH
    assert score(question, {"1": "B", "2": "A", "3": "A", "4": "B"}).points == 1


def test_a_scheme_listed_per_target_is_turned_round_to_the_items():
    question, _row = build(
        "2p 1 Hieronder staan vier uitspraken (1-4) en drie sprekers (A-C). Geef bij elke "
        "uitspraak aan welke spreker die doet.\n" + SPEAKERS,
        "A 2, 3\nB 1\nC 4\nindien vier goed 2\nindien drie goed 1\nindien twee of minder goed 0",
        2,
    )
    assert question["scoring"]["pairs"] == {"2": "A", "3": "A", "1": "B", "4": "C"}


# ---------------------------------------------------------------------------
# 4. A word limit on one part only


@pytest.mark.parametrize(
    ("body", "parts", "part_limits", "word_limit", "notes"),
    [
        (
            "Over de slotzin.\na Noem de functie van de slotzin.\nb Leg uit waarom de "
            "schrijver zo eindigt. Gebruik maximaal 20 woorden.",
            [
                "Noem de functie van de slotzin.",
                "Leg uit waarom de schrijver zo eindigt. Gebruik maximaal 20 woorden.",
            ],
            {"b": 20},
            None,
            [],
        ),
        (
            "Over de slotzin.\na Noem de functie. Gebruik maximaal tien woorden.\nb Leg uit "
            "waarom.\nGebruik maximaal 25 woorden.",
            [
                "Noem de functie. Gebruik maximaal tien woorden.",
                "Leg uit waarom. Gebruik maximaal 25 woorden.",
            ],
            {"a": 10, "b": 25},
            None,
            [],
        ),
        (
            # After the last part and naming every part: the whole question's.
            "Over de slotzin.\na Noem de functie.\nb Leg uit waarom.\nGebruik bij elk "
            "antwoord maximaal 20 woorden.",
            ["Noem de functie.", "Leg uit waarom."],
            {},
            20,
            [],
        ),
        (
            "Over de slotzin.\na Noem de functie.\nb Leg uit waarom.\nLet op: gebruik per "
            "onderdeel maximaal 15 woorden.",
            ["Noem de functie.", "Leg uit waarom."],
            {},
            15,
            [],
        ),
        (
            # Above the parts and naming none of them: for the teacher to place.
            "Over de slotzin. Gebruik maximaal 20 woorden.\na Noem de functie.\nb Leg uit waarom.",
            ["Noem de functie.", "Leg uit waarom."],
            {},
            None,
            [("word_limit_unplaced", {"limit": 20})],
        ),
        (
            "Over de slotzin.\na Noem de functie.\nb Leg uit waarom.\nLet op: gebruik voor a "
            "en b samen maximaal 30 woorden.",
            ["Noem de functie.", "Leg uit waarom."],
            {},
            None,
            [("word_limit_unplaced", {"limit": 30})],
        ),
    ],
)
def test_a_word_limit_belongs_to_the_part_that_says_it(body, parts, part_limits, word_limit, notes):
    question = one_question(f"3p 1 {body}")
    assert question.kind == "parts"
    assert [prompt for _label, prompt in question.parts] == parts
    assert (question.part_word_limits, question.word_limit) == (part_limits, word_limit)
    assert question.notes == notes


def test_a_limit_covering_every_part_is_moved_to_the_question_text():
    question = one_question(
        "3p 1 Over de slotzin.\na Noem de functie.\nb Leg uit waarom.\nGebruik bij elk "
        "antwoord maximaal 20 woorden."
    )
    assert question.stem == "Over de slotzin. Gebruik bij elk antwoord maximaal 20 woorden."


def test_a_part_limit_reaches_only_that_part_and_costs_points_there():
    question, row = build(
        "2p 1 Over de slotzin.\na Noem de functie van de slotzin.\nb Leg uit waarom de "
        "schrijver zo eindigt. Gebruik maximaal 5 woorden.",
        "a • herhaling van de titel 1\nb • de lezer blijft nadenken 1\n"
        "Opmerking\nAls het antwoord op b meer dan 5 woorden bevat, 1 scorepunt aftrekken.",
        2,
    )
    scoring = question["scoring"]
    assert [(p["label"], p["word_limit"]) for p in scoring["parts"]] == [("a", None), ("b", 5)]
    assert scoring["over_limit"] == {"deduct": 1}
    assert "word_limit" not in question
    assert row.certainty == HIGH
    long_a = "de titel komt terug als herhaling aan het einde van de tekst"
    assert score(question, {"a": long_a, "b": "de lezer blijft nadenken"}).points == 2
    over_b = score(question, {"a": "herhaling titel", "b": "zodat de lezer blijft nadenken erover"})
    assert over_b.points == 1
