"""Reading a question booklet's plain text (exam/papers/booklet.py): texts, contexts,
questions with their kind, certainty, points, choices and instructions, and what is
wrong with the paper as a whole. No database: the reader is pure."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from exam.papers.booklet import read_question_booklet
from exam.papers.types import HIGH, LOW, NONE, PaperContext, PaperText

OPGAVEN = Path(__file__).resolve().parent / "papers" / "opgaven.txt"


def _labels(question, role):
    return [choice.label for choice in question.choices if choice.role == role]


def _one(text):
    booklet = read_question_booklet(text)
    assert len(booklet.questions) == 1, [q.number for q in booklet.questions]
    return booklet.questions[0]


# --- the complete small booklet -----------------------------------------------------


@pytest.fixture(scope="module")
def booklet():
    return read_question_booklet(OPGAVEN.read_text(encoding="utf-8"))


def test_the_booklet_has_its_two_texts_with_titles_and_intro(booklet):
    assert booklet.texts == [
        PaperText(number=1, title="Leve de verveling", intro="Tekst 1 bestaat uit zes alinea's."),
        PaperText(number=2, title="Het nut van de nacht", intro=""),
    ]


def test_the_booklet_has_no_problems(booklet):
    assert booklet.problems == []


def test_lees_bij_de_volgende_vragen_lasts_until_the_next_text(booklet):
    assert booklet.contexts == [
        PaperContext(
            first=3,
            last=6,
            body="Lees bij de volgende vragen eerst het citaat. “Wie zich nooit verveelt, "
            "denkt nooit echt na” (regels 14-15)",
        )
    ]


# number, text, points, kind, certainty, {role: labels}, choose, word_limit,
# full_sentences, statement_values, part labels
EXPECTED = [
    (1, 1, 1, "mc", HIGH, {"option": ["A", "B", "C", "D"]}, None, None, False, None, []),
    (2, 1, 2, "open", LOW, {}, None, 25, False, None, []),
    (
        3,
        1,
        2,
        "statements",
        HIGH,
        {"statement": ["1", "2", "3", "4"]},
        None,
        None,
        False,
        ("juist", "onjuist"),
        [],
    ),
    (4, 1, 1, "paragraph", HIGH, {}, None, None, False, None, []),
    (5, 1, 1, "citation", HIGH, {}, None, None, False, None, []),
    (6, 1, 2, "multi", HIGH, {"option": ["1", "2", "3", "4", "5"]}, 2, None, False, None, []),
    (7, 2, 1, "gap", HIGH, {}, None, None, False, None, []),
    (
        8,
        2,
        2,
        "matching",
        HIGH,
        {"item": ["a", "b", "c"], "target": ["1", "2", "3", "4"]},
        None,
        None,
        False,
        None,
        [],
    ),
    (9, 2, 1, "ordering", HIGH, {"item": ["A", "B", "C", "D"]}, None, None, False, None, []),
    (10, 2, 2, "open", LOW, {}, None, None, True, None, []),
    (11, 2, 3, "summary", HIGH, {}, None, 40, False, None, []),
    (12, 2, 2, "parts", HIGH, {}, None, None, False, None, ["a", "b"]),
]


def test_the_booklet_has_twelve_questions_in_order(booklet):
    assert [q.number for q in booklet.questions] == list(range(1, 13))


@pytest.mark.parametrize(
    (
        "number",
        "text_number",
        "points",
        "kind",
        "certainty",
        "choices",
        "choose",
        "word_limit",
        "full_sentences",
        "values",
        "parts",
    ),
    EXPECTED,
)
def test_each_question_of_the_booklet(
    booklet,
    number,
    text_number,
    points,
    kind,
    certainty,
    choices,
    choose,
    word_limit,
    full_sentences,
    values,
    parts,
):
    question = booklet.questions[number - 1]
    assert question.number == number
    assert question.text_number == text_number
    assert question.points == points
    assert (question.kind, question.certainty) == (kind, certainty)
    assert {role: _labels(question, role) for role in choices} == choices
    assert len(question.choices) == sum(len(labels) for labels in choices.values())
    assert question.choose == choose
    assert question.word_limit == word_limit
    assert question.full_sentences is full_sentences
    assert question.statement_values == values
    assert [label for label, _ in question.parts] == parts
    assert question.notes == []


def test_stems_keep_instructions_and_leave_out_lists_and_furniture(booklet):
    by_number = {q.number: q for q in booklet.questions}
    assert by_number[4].stem == (
        "In welke alinea geeft de schrijver een oplossing voor het probleem uit alinea 2? "
        "Noteer alleen het nummer van de alinea."
    )
    assert by_number[6].stem == (
        "Hieronder staan vijf argumenten. Welke twee argumenten gebruikt de schrijver in "
        "regel 20-30 om zijn standpunt te ondersteunen? Noteer alleen de nummers."
    )
    assert by_number[12].parts == [
        ("a", "Noem het gevolg voor de gezondheid."),
        ("b", "Leg uit welk gevolg dit heeft voor het leren. Gebruik maximaal 20 woorden."),
    ]


def test_options_keep_their_text(booklet):
    first = booklet.questions[0].choices[0]
    assert (first.role, first.label, first.content) == (
        "option",
        "A",
        "Alinea 1 geeft een voorbeeld dat in de rest van de tekst wordt uitgewerkt.",
    )


def test_a_word_broken_across_lines_is_joined_in_the_booklet(booklet):
    assert booklet.questions[4].stem.endswith("zijn standpunt het duidelijkst samenvat.")


# --- points and numbers -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tekst 1 Titel\n2p 1 Leg uit waarom de schrijver twijfelt.",
        "Tekst 1 Titel\n2p\n1 Leg uit waarom de schrijver twijfelt.",
        "Tekst 1 Titel\n2p\n1\nLeg uit waarom de schrijver twijfelt.",
        "Tekst 1 Titel\n2p 1\nLeg uit waarom de schrijver twijfelt.",
        "Tekst 1 Titel\n\n2p\n\n1 Leg uit waarom de schrijver twijfelt.\n",
    ],
)
def test_points_on_the_line_of_the_number_or_on_their_own(text):
    question = _one(text)
    assert (question.number, question.points) == (1, 2)
    assert question.stem == "Leg uit waarom de schrijver twijfelt."


def test_a_numbered_list_is_not_read_as_the_next_questions():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n"
        "1p 1 Welke bewering klopt? Noteer alleen het nummer.\n"
        "1 Eerste bewering.\n2 Tweede bewering.\n3 Derde bewering.\n"
        "1p 2 Leg uit wat de schrijver bedoelt."
    )
    assert [q.number for q in booklet.questions] == [1, 2]
    assert _labels(booklet.questions[0], "option") == ["1", "2", "3"]


def test_a_question_without_points_in_a_booklet_with_margins_is_noted():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n1p 1 Leg uit wat de schrijver bedoelt.\n1p 3 Noem een voorbeeld."
    )
    assert [q.number for q in booklet.questions] == [1, 3]
    assert booklet.questions[1].notes == [("number_out_of_sequence", {"expected": 2})]


def test_a_question_whose_margin_lost_its_points_is_still_a_question():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n1p 1 Welke bewering klopt? Noteer alleen het nummer.\n"
        "1 Eerste bewering.\n2 Tweede bewering.\n"
        "2 Noem een voorbeeld uit de tekst.\n1p 3 Leg uit wat de schrijver bedoelt."
    )
    got = [(q.number, q.points, q.notes) for q in booklet.questions]
    assert got == [(1, 1, []), (2, None, [("points_missing", {})]), (3, 1, [])]
    assert _labels(booklet.questions[0], "option") == ["1", "2"]


def test_a_paste_may_mix_margin_points_and_vraag_headings():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n2p 1 Leg uit.\nVraag 2 (1p)\nWelke alinea bevat de conclusie?"
    )
    got = [(q.number, q.points, q.kind, q.stem) for q in booklet.questions]
    assert got == [
        (1, 2, "open", "Leg uit."),
        (2, 1, "paragraph", "Welke alinea bevat de conclusie?"),
    ]


def test_a_pasted_booklet_numbers_its_questions_in_several_ways():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n\n"
        "Vraag 1 (1p) Welke bewering klopt?\n"
        "A Eerste.\nB Tweede.\n\n"
        "2. Welke twee redenen noemt de schrijver? (2 punten)\n"
        "1 Tijd.\n2 Geld.\n3 Rust.\n\n"
        "Noteer alleen de nummers.\n\n"
        "3 Leg uit waarom de schrijver twijfelt."
    )
    got = [(q.number, q.points, q.kind, q.certainty) for q in booklet.questions]
    assert got == [(1, 1, "mc", HIGH), (2, 2, "multi", HIGH), (3, None, "open", LOW)]
    assert booklet.questions[1].stem == (
        "Welke twee redenen noemt de schrijver? Noteer alleen de nummers."
    )
    assert _labels(booklet.questions[1], "option") == ["1", "2", "3"]
    assert booklet.questions[2].notes == [("points_missing", {})]


# --- furniture and broken words ------------------------------------------------------


def test_page_furniture_between_options_is_dropped():
    question = _one(
        "Tekst 1 Titel\n1p 1 Welke bewering klopt?\nA Eerste.\nB Tweede.\n"
        "lees verder ►►►\nHA-1002-a-26-1-o 2 / 4\n7\nC Derde.\nD Vierde.\neinde ■"
    )
    assert _labels(question, "option") == ["A", "B", "C", "D"]
    assert question.choices[1].content == "Tweede."
    assert question.choices[3].content == "Vierde."


@pytest.mark.parametrize(
    ("broken", "joined"),
    [
        ("samen-\nvatting van", "samenvatting van"),
        ("samen-\nlees verder ►►►\n3 / 8\nvatting van", "samenvatting van"),
        ("Noord-\nHolland en", "Noord-Holland en"),
        ("hoofd-\nen bijzaken", "hoofd- en bijzaken"),
    ],
)
def test_broken_words_join_only_when_the_second_part_starts_in_lower_case(broken, joined):
    question = _one(f"Tekst 1 Titel\n2p 1 Geef een {broken} de tekst.")
    assert question.stem == f"Geef een {joined} de tekst."


# --- kinds --------------------------------------------------------------------------


def test_options_up_to_f_make_a_multiple_choice_question():
    question = _one(
        "Tekst 1 Titel\n1p 1 Welke kop past het best?\n"
        + "\n".join(f"{label} Kop {label.lower()}." for label in "ABCDEF")
    )
    assert (question.kind, question.certainty) == ("mc", HIGH)
    assert _labels(question, "option") == list("ABCDEF")


@pytest.mark.parametrize(
    ("instruction", "certainty"),
    [("Noteer alleen het nummer.", HIGH), ("", LOW)],
)
def test_a_numbered_list_without_a_count_is_multiple_choice(instruction, certainty):
    question = _one(
        f"Tekst 1 Titel\n1p 1 Welke bewering klopt?\n1 Eerste.\n2 Tweede.\n3 Derde.\n{instruction}"
    )
    assert (question.kind, question.certainty) == ("mc", certainty)
    assert _labels(question, "option") == ["1", "2", "3"]


def test_options_after_a_numbered_list_of_statements_are_the_choices():
    question = _one(
        "Tekst 1 Titel\n1p 1 Over de tekst worden twee beweringen gedaan.\n"
        "1 De schrijver twijfelt.\n2 De schrijver overdrijft.\nWelke bewering is juist?\n"
        "A Alleen 1.\nB Alleen 2.\nC Beide.\nD Geen van beide."
    )
    assert (question.kind, question.certainty) == ("mc", HIGH)
    assert _labels(question, "option") == ["A", "B", "C", "D"]
    assert question.stem == (
        "Over de tekst worden twee beweringen gedaan.\n"
        "1 De schrijver twijfelt.\n2 De schrijver overdrijft.\n"
        "Welke bewering is juist?"
    )
    assert question.notes == [("list_in_stem", {"labels": ["1", "2"]})]


def test_noteer_alleen_de_nummers_without_a_count_is_multi_with_a_note():
    question = _one(
        "Tekst 1 Titel\n2p 1 Welke beweringen kloppen?\n1 Eerste.\n2 Tweede.\n3 Derde.\n"
        "Noteer alleen de nummers."
    )
    assert (question.kind, question.certainty, question.choose) == ("multi", LOW, None)
    assert question.notes == [("choose_not_found", {})]


@pytest.mark.parametrize(
    ("instruction", "values"),
    [
        ("Noteer bij elke bewering ‘juist’ of ‘onjuist’.", ("juist", "onjuist")),
        ("Geef van elke uitspraak aan of die wel of niet in de tekst staat.", ("wel", "niet")),
        ("Noteer bij elke uitspraak 'feit' of 'mening'.", ("feit", "mening")),
        ("Noteer bij elke zin “ja” of “nee”.", ("ja", "nee")),
        ("Geef bij elke bewering aan of je het eens of oneens bent.", ("eens", "oneens")),
        ("Geef aan of deze beweringen juist of onjuist zijn.", ("juist", "onjuist")),
    ],
)
def test_statements_and_their_pair_of_words(instruction, values):
    question = _one(f"Tekst 1 Titel\n2p 1 Lees de zinnen.\n1 Een.\n2 Twee.\n3 Drie.\n{instruction}")
    assert (question.kind, question.certainty) == ("statements", HIGH)
    assert question.statement_values == values
    assert _labels(question, "statement") == ["1", "2", "3"]


@pytest.mark.parametrize(
    "stem",
    [
        "Welke alinea bevat de conclusie?",
        "Waar staat de conclusie? Noteer alleen het nummer van de alinea.",
    ],
)
def test_paragraph_questions(stem):
    assert _one(f"Tekst 1 Titel\n1p 1 {stem}").kind == "paragraph"


@pytest.mark.parametrize(
    "stem",
    [
        "Citeer de zin waarin de schrijver twijfelt.",
        "In welke zin twijfelt de schrijver? Schrijf de eerste en de laatste twee woorden op.",
        "In welke zin twijfelt de schrijver? Noteer de eerste en laatste drie woorden.",
    ],
)
def test_citation_questions(stem):
    question = _one(f"Tekst 1 Titel\n1p 1 {stem}")
    assert (question.kind, question.certainty) == ("citation", HIGH)


@pytest.mark.parametrize(
    ("stem", "gaps"),
    [
        ("Welk woord past op de open plek in regel 3?", []),
        ("Welke woorden passen in regel 3?", []),
        ("Welke woorden horen op de plaatsen 1, 2 en 3?", ["1", "2", "3"]),
    ],
)
def test_gap_questions(stem, gaps):
    question = _one(f"Tekst 1 Titel\n1p 1 {stem}")
    assert (question.kind, question.certainty, question.notes) == ("gap", HIGH, [])
    assert question.gaps == gaps


def test_ordering_with_numbered_items():
    question = _one(
        "Tekst 1 Titel\n2p 1 Zet de stappen in de goede volgorde.\n1 Eerst.\n2 Dan.\n3 Daarna."
    )
    assert (question.kind, question.certainty) == ("ordering", HIGH)
    assert _labels(question, "item") == ["1", "2", "3"]


@pytest.mark.parametrize(
    "stem",
    [
        "In welke volgorde behandelt de schrijver de drie stappen?",
        "Zet de stappen in de juiste volgorde. Welke reeks klopt?\n1 Eerst.\n2 Dan.\n3 Daarna.",
    ],
)
def test_a_choice_among_orders_is_multiple_choice(stem):
    question = _one(f"Tekst 1 Titel\n1p 1 {stem}\nA 1-2-3\nB 2-1-3\nC 3-2-1")
    assert (question.kind, question.certainty) == ("mc", HIGH)
    assert _labels(question, "option") == ["A", "B", "C"]


def test_matching_with_targets_listed_before_items():
    question = _one(
        "Tekst 1 Titel\n2p 1 Geef bij elke persoon aan welk standpunt die heeft.\n"
        "1 voor\n2 tegen\na de moeder\nb de vader"
    )
    assert question.kind == "matching"
    assert (_labels(question, "item"), _labels(question, "target")) == (["a", "b"], ["1", "2"])


@pytest.mark.parametrize(
    ("stem", "kind", "certainty", "word_limit", "notes"),
    [
        ("Vat alinea 2 samen in maximaal twintig woorden.", "summary", HIGH, 20, []),
        (
            "Schrijf een samenvatting van de tekst.",
            "summary",
            LOW,
            None,
            [("word_limit_not_found", {})],
        ),
    ],
)
def test_summaries_and_their_word_limit(stem, kind, certainty, word_limit, notes):
    question = _one(f"Tekst 1 Titel\n3p 1 {stem}")
    assert (question.kind, question.certainty, question.word_limit) == (kind, certainty, word_limit)
    assert question.notes == notes


def test_parts_keep_their_own_instructions():
    question = _one(
        "Tekst 1 Titel\n2p 1 Over de slotzin.\na Noem de functie.\n"
        "Gebruik maximaal 10 woorden.\nb Leg uit waarom.\nGeef antwoord in een volledige zin."
    )
    assert question.kind == "parts"
    assert question.parts == [
        ("a", "Noem de functie. Gebruik maximaal 10 woorden."),
        ("b", "Leg uit waarom. Geef antwoord in een volledige zin."),
    ]
    assert question.word_limit is None


@pytest.mark.parametrize(
    ("stem", "certainty", "choose"),
    [
        ("Leg uit wat de schrijver bedoelt.", LOW, None),
        ("Noem twee oorzaken die de schrijver geeft.", LOW, 2),
        ("Welke drie oorzaken geeft de schrijver?", LOW, 3),
        ("De schrijver en de lezer.", NONE, None),
        ("Vindt de schrijver dit wel of niet belangrijk? Leg uit.", LOW, None),
    ],
)
def test_open_questions_and_unknown_ones(stem, certainty, choose):
    question = _one(f"Tekst 1 Titel\n2p 1 {stem}")
    assert (question.kind, question.certainty, question.choose) == ("open", certainty, choose)


# --- instructions -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instruction", "word_limit", "full_sentences"),
    [
        ("Gebruik maximaal 25 woorden.", 25, False),
        ("Gebruik maximaal vijfentwintig woorden.", 25, False),
        ("Gebruik niet meer dan 30 woorden.", 30, False),
        ("Geef antwoord in een of meer volledige zinnen.", None, True),
        ("Geef antwoord in één of meer hele zinnen.", None, True),
        ("Antwoord in een volledige zin en gebruik maximaal 15 woorden.", 15, True),
        ("", None, False),
    ],
)
def test_word_limits_and_full_sentences(instruction, word_limit, full_sentences):
    question = _one(f"Tekst 1 Titel\n2p 1 Leg uit waarom de schrijver twijfelt.\n{instruction}")
    assert (question.word_limit, question.full_sentences) == (word_limit, full_sentences)


@pytest.mark.parametrize(
    ("stem", "choose"),
    [
        ("Welke twee redenen kloppen? Noteer alleen de nummers.", 2),
        ("Welke drie redenen kloppen?", 3),
        ("Noteer de nummers van de vier redenen die kloppen.", 4),
        ("Noteer alleen de twee letters van de redenen die kloppen.", 2),
    ],
)
def test_how_many_to_choose(stem, choose):
    options = "\n".join(f"{n} Reden {n}." for n in range(1, 7))
    question = _one(f"Tekst 1 Titel\n2p 1 {stem}\n{options}")
    assert (question.kind, question.certainty, question.choose) == ("multi", HIGH, choose)


# --- contexts -----------------------------------------------------------------------


def test_a_context_names_its_questions():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n1p 1 Leg uit.\n"
        "Lees bij de vragen 2 tot en met 3 eerst regel 4-5.\n"
        "1p 2 Leg uit.\n1p 3 Leg uit.\n1p 4 Leg uit."
    )
    assert booklet.contexts == [
        PaperContext(first=2, last=3, body="Lees bij de vragen 2 tot en met 3 eerst regel 4-5.")
    ]


def test_a_context_for_one_question():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n1p 1 Leg uit.\nLees bij vraag 2 eerst alinea 3.\n1p 2 Leg uit.\n1p 3 Leg uit."
    )
    assert [(c.first, c.last) for c in booklet.contexts] == [(2, 2)]
    assert booklet.questions[0].stem == "Leg uit."


def test_a_context_for_the_next_two_questions():
    booklet = read_question_booklet(
        "Tekst 1 Titel\nLees bij de volgende twee vragen eerst regel 4-5.\n"
        "1p 1 Leg uit.\n1p 2 Leg uit.\n1p 3 Leg uit."
    )
    assert [(c.first, c.last) for c in booklet.contexts] == [(1, 2)]


def test_lees_inside_a_question_is_no_context():
    booklet = read_question_booklet(
        "Tekst 1 Titel\n1p 1 Wat bedoelt de schrijver?\n"
        "Lees alinea 3 opnieuw. Welke vraag stelt de schrijver daar?\n1p 2 Leg uit."
    )
    assert booklet.contexts == []
    assert booklet.questions[0].stem == (
        "Wat bedoelt de schrijver? Lees alinea 3 opnieuw. Welke vraag stelt de schrijver daar?"
    )


def test_a_context_stops_at_the_next_text():
    booklet = read_question_booklet(
        "Tekst 1 Een\nLees bij de volgende vragen eerst regel 4-5.\n"
        "1p 1 Leg uit.\n1p 2 Leg uit.\nTekst 2 Twee\n1p 3 Leg uit."
    )
    assert [(c.first, c.last) for c in booklet.contexts] == [(1, 2)]
    assert [q.text_number for q in booklet.questions] == [1, 1, 2]


def test_a_heading_with_its_title_on_the_next_line_and_an_intro():
    booklet = read_question_booklet(
        "Tekst 3\nTwee kanten\nTekst 3 bestaat uit twee fragmenten.\n1p 1 Leg uit."
    )
    assert booklet.texts == [
        PaperText(number=3, title="Twee kanten", intro="Tekst 3 bestaat uit twee fragmenten.")
    ]


# --- the paper as a whole -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "problems"),
    [
        ("", [("no_questions", {})]),
        ("Een paar losse woorden.", [("no_questions", {})]),
        (
            "The quick brown fox jumps over the lazy dog. " * 4,
            [("other_subject", {}), ("no_questions", {})],
        ),
        (
            # The text booklet ("bijlage"): texts, but no questions.
            "Tekst 1 Leve de verveling\nWie zich verveelt, denkt na.\n5 Dat is goed.",
            [("not_a_question_booklet", {}), ("no_questions", {})],
        ),
        (
            "Correctievoorschrift HAVO\nTekst 1\n1 maximumscore 1\nC\n2 maximumscore 2\n"
            "• een reden 1\n• nog een reden 1",
            [("looks_like_marking_scheme", {"maximumscore_lines": 2}), ("no_questions", {})],
        ),
        (
            "1 maximumscore 2\nEen juist antwoord bevat de volgende elementen:\n• een reden 2",
            [("looks_like_marking_scheme", {"maximumscore_lines": 1}), ("no_questions", {})],
        ),
        (
            "Examen HAVO Engels\n1p 1 What does the writer mean in paragraph 2?\n"
            "A He is angry.\nB He is happy.",
            [("other_subject", {})],
        ),
        (
            "Examen HAVO wiskunde A\n4p 1 Bereken hoeveel procent van de leerlingen "
            "ouder is dan 16.\n3p 2 Toon aan dat de formule klopt.",
            [("other_subject", {})],
        ),
        (
            "Dit examen bestaat uit 3 vragen.\nTekst 1 Titel\n1p 1 Leg uit.\n1p 2 Leg uit.",
            [("question_count_differs", {"printed": 3, "found": 2})],
        ),
        ("Dit examen bestaat uit 1 vragen.\nTekst 1 Titel\n1p 1 Leg uit.", []),
        (
            "Voor dit examen zijn maximaal 4 punten te behalen.\nTekst 1 Titel\n1p 1 Leg uit.\n"
            "2p 2 Leg uit.",
            [("points_total_differs", {"printed": 4, "found": 3})],
        ),
        (
            "Voor dit examen zijn maximaal 3 punten te behalen.\nTekst 1 Titel\n1p 1 Leg uit.\n"
            "2p 2 Leg uit.",
            [],
        ),
        (
            # Pasted questions without a text heading are still a Dutch paper.
            "1p 1 Citeer de zin waarin de schrijver twijfelt.",
            [],
        ),
    ],
)
def test_problems_of_the_paper(text, problems):
    assert read_question_booklet(text).problems == problems


def test_the_reader_imports_no_django():
    code = (
        "import sys; import exam.papers.booklet; "
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_booklet_pasted_without_margins_reads_the_same(booklet):
    printed = OPGAVEN.read_text(encoding="utf-8")
    # "2p 5 Welke ..." -> "5. Welke ... (2p)", as a teacher might type it.
    pasted = re.sub(r"^(\d)p[ \n](\d{1,2}) (.*)$", r"\2. \3 (\1p)", printed, flags=re.MULTILINE)
    assert "1p 1" not in pasted and "1. Wat is de functie" in pasted
    again = read_question_booklet(pasted)
    assert again.texts == booklet.texts
    assert again.contexts == booklet.contexts
    got = [(q.number, q.points, q.kind, q.certainty, q.choices, q.stem) for q in again.questions]
    assert got == [
        (q.number, q.points, q.kind, q.certainty, q.choices, q.stem) for q in booklet.questions
    ]


@pytest.mark.parametrize(
    "text",
    ["2p", "Tekst 1", "Lees bij vraag", "1p 1", "1p 1\nA", "samen-", "\x00\x01", "\n" * 50],
)
def test_odd_input_gives_a_booklet_never_an_error(text):
    booklet = read_question_booklet(text)
    assert booklet.problems or booklet.questions
