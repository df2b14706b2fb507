"""The reference grammar for exams as printed: another text ("tekst 2, regel 10-15"),
quotations before a line reference (“...” (regels 4-5)), and their checks. Tables,
without a database."""

import pytest
from django.utils import translation

from exam.problems import message
from exam.references import (
    QUOTE_NOT_ON_LINES,
    TEXT_OUTSIDE,
    Booklet,
    find_references,
    named_texts,
    quote_on_lines,
    reference_problems,
)

TEXT_1 = Booklet(
    lines=(
        (1, "Het was een warme dag."),
        (2, "Niemand wilde"),
        (3, "werken."),
        (4, "Strikt genomen hadden ze een"),
        (5, "punt, vond de schrijver. Maar ver-"),
        (6, "antwoordelijkheid bleef."),
    )
    + tuple((n, f"regel {n}") for n in range(7, 31)),
    paragraph_count=3,
)
TEXT_2 = Booklet(lines=tuple((n, f"tweede {n}") for n in range(1, 21)), paragraph_count=2)
TEXTS = {1: TEXT_1, 2: TEXT_2}


@pytest.mark.parametrize(
    ("stem", "found"),
    [
        # A quotation with its lines in brackets.
        (
            "“Strikt genomen hadden ze een punt” (regels 4-5)",
            [("line", 4, 5, None, "Strikt genomen hadden ze een punt", "regels 4-5")],
        ),
        ("Wat bedoelt hij met ‘ver’ (r. 4-5)?", [("line", 4, 5, None, "ver", "r. 4-5")]),
        ('Het woord "punt" (regel 5) is', [("line", 5, 5, None, "punt", "regel 5")]),
        ("Lees (r. 4-5) nog eens.", [("line", 4, 5, None, "", "r. 4-5")]),
        # A quotation not right before the brackets is not the reference's.
        ("“punt” staat ergens; zie (regel 5).", [("line", 5, 5, None, "", "regel 5")]),
        # Another text, before the reference.
        ("tekst 2, regel 10-15", [("line", 10, 15, 2, "", "tekst 2, regel 10-15")]),
        ("(tekst 2, regels 10-15)", [("line", 10, 15, 2, "", "tekst 2, regels 10-15")]),
        ("Tekst 2 regel 3", [("line", 3, 3, 2, "", "Tekst 2 regel 3")]),
        ("tekst 3, alinea 2", [("paragraph", 2, 2, 3, "", "tekst 3, alinea 2")]),
        # ... or after it.
        ("regels 3-4 van tekst 2", [("line", 3, 4, 2, "", "regels 3-4 van tekst 2")]),
        ("alinea 1 uit tekst 2.", [("paragraph", 1, 1, 2, "", "alinea 1 uit tekst 2")]),
        (
            "alinea's 2 en 5 uit tekst 3",
            [("paragraph", 2, 2, 3, "", "alinea's 2"), ("paragraph", 5, 5, 3, "", "5 uit tekst 3")],
        ),
        # Two texts in one question.
        (
            "Vergelijk regel 4 met tekst 2, regel 10-15.",
            [("line", 4, 4, None, "", "regel 4"), ("line", 10, 15, 2, "", "tekst 2, regel 10-15")],
        ),
        # "tekst 1 staat in regel 12": the text is not the reference's.
        ("In tekst 1 staat in regel 12", [("line", 12, 12, None, "", "regel 12")]),
        ("Lees tekst 2.", []),
    ],
)
def test_it_finds_references_to_other_texts_and_quotations(stem, found):
    result = find_references(stem)
    assert [(r.kind, r.first, r.last, r.text, r.quote, stem[r.start : r.end]) for r in result] == (
        found
    )


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("tekst 2, regel 10-15", []),
        ("tekst 2, regel 15-25", ["reference_line_outside"]),
        ("(tekst 3, regels 1-2)", [TEXT_OUTSIDE]),
        ("alinea 3 van tekst 2", ["reference_paragraph_outside"]),
        ("tekst 1, regel 30", []),
        # Its own text: 30 lines.
        ("regel 25 en tekst 2, regel 25", ["reference_line_outside"]),
        ("“Strikt genomen hadden ze een punt” (regels 4-5)", []),
        # Across a hyphen at a line end, with an ellipsis.
        ("“Maar verantwoordelijkheid” (regel 5)", []),
        ("“Strikt genomen ... punt” (r. 4-5)", []),
        # One line either side is allowed; further away is not.
        ("“Niemand wilde werken” (regel 3)", []),
        ("“Strikt genomen hadden ze een punt” (regels 9-10)", [QUOTE_NOT_ON_LINES]),
        ("“hadden wij een punt” (regels 4-5)", [QUOTE_NOT_ON_LINES]),
    ],
)
def test_references_to_other_texts_and_quotations_are_checked(value, codes):
    problems = reference_problems(value, TEXT_1, field="stem", texts=TEXTS)
    assert [p.code for p in problems] == codes


def test_without_the_exams_texts_a_reference_to_another_text_is_not_checked():
    assert reference_problems("tekst 7, regel 900", TEXT_1, field="stem") == []


def test_the_problems_speak_dutch():
    [outside] = reference_problems("(tekst 3, regels 1-2)", TEXT_1, field="stem", texts=TEXTS)
    [quote] = reference_problems("“een koude dag” (regel 1)", TEXT_1, field="stem", texts=TEXTS)
    with translation.override("nl"):
        assert message(outside) == (
            "“tekst 3, regels 1-2” noemt tekst 3, maar het examen heeft 2 teksten."
        )
        assert message(quote) == (
            "“een koude dag” staat niet in regel 1: controleer het citaat of de regels."
        )


@pytest.mark.parametrize(
    ("value", "texts"),
    [
        ("tekst 2, regel 4 en regel 7 van tekst 3", {2, 3}),
        ("regel 4", set()),
        ("", set()),
    ],
)
def test_named_texts(value, texts):
    assert named_texts(value) == texts


def test_a_quotation_on_unknown_lines_is_not_refused():
    [ref] = find_references("“iets” (regel 2)")
    assert quote_on_lines(ref, Booklet(lines=(), paragraph_count=0))
