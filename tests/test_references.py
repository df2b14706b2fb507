"""Line and paragraph references: the one grammar, as tables, without a database."""

import doctest

import pytest
from django.utils import translation

from exam import references
from exam.problems import Problem, message
from exam.references import (
    Booklet,
    Reference,
    answer_lines_problems,
    find_references,
    format_line_ranges,
    line_numbers,
    parse_line_ranges,
    reference_problems,
)

# The seed text's size: 109 lines in 5 paragraphs.
SEED = Booklet(lines=tuple((n, f"regel {n}") for n in range(1, 110)), paragraph_count=5)


# --- finding references in prose ---------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "found"),
    [
        ("Lees regel 85-91 nog eens.", [("line", 85, 91, "regel 85-91")]),
        ("regel 12–18", [("line", 12, 18, "regel 12–18")]),
        ("regel 12—18", [("line", 12, 18, "regel 12—18")]),
        ("Wat betekent ‘nood’ (r. 12)?", [("line", 12, 12, "r. 12")]),
        ("zie r.12", [("line", 12, 12, "r.12")]),
        ("In regels 3 en 4 staat", [("line", 3, 4, "regels 3 en 4")]),
        ("Regel 3 tot en met 8", [("line", 3, 8, "Regel 3 tot en met 8")]),
        ("regel 3 t/m 8", [("line", 3, 8, "regel 3 t/m 8")]),
        ("In alinea 3 staat", [("paragraph", 3, 3, "alinea 3")]),
        ("In alinea's 2 en 3 staat", [("paragraph", 2, 3, "alinea's 2 en 3")]),
        ("In alinea’s 2 en 3 staat", [("paragraph", 2, 3, "alinea’s 2 en 3")]),
        ("alinea 4 tot en met 6", [("paragraph", 4, 6, "alinea 4 tot en met 6")]),
        # Two paragraphs that are not neighbours: two links.
        ("alinea's 2 en 5", [("paragraph", 2, 2, "alinea's 2"), ("paragraph", 5, 5, "5")]),
        (
            "Vergelijk regel 12-18 met alinea 4.",
            [("line", 12, 18, "regel 12-18"), ("paragraph", 4, 4, "alinea 4")],
        ),
        ("regel 12-18 en 25-30", [("line", 12, 18, "regel 12-18"), ("line", 25, 30, "25-30")]),
        # In prose a comma ends the reference.
        ("in regel 12, 3 woorden verder", [("line", 12, 12, "regel 12")]),
        # Not references.
        ("Meneer Mr. 12 en de regelmaat 12", []),
        ("Noem twee redenen.", []),
        ("alinea drie", []),
    ],
)
def test_it_finds_line_and_paragraph_references_in_a_question(stem, found):
    result = find_references(stem)
    assert [(r.kind, r.first, r.last, stem[r.start : r.end]) for r in result] == found
    assert all(isinstance(r, Reference) for r in result)


# --- reading and writing line lists ------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "ranges"),
    [
        ("85-91", [(85, 91)]),
        ("27", [(27, 27)]),
        ("6-8, 21-22", [(6, 8), (21, 22)]),
        (" 12–14 ", [(12, 14)]),
        ("12—14", [(12, 14)]),
        ("regel 85 - 91, 100", [(85, 91), (100, 100)]),
        ("regels 3 en 4", [(3, 3), (4, 4)]),
        ("r. 12", [(12, 12)]),
        ("lines 5-6", [(5, 6)]),
        ("6–8; 21", [(6, 8), (21, 21)]),
        ("3 t/m 8", [(3, 8)]),
        ("3 tot en met 8", [(3, 8)]),
        ("", []),
        ("   ", []),
    ],
)
def test_answer_lines_are_read_as_ranges(value, ranges):
    assert parse_line_ranges(value) == ranges


@pytest.mark.parametrize(
    "value", ["91-85", "abc", "12-", "5-", "0", "a-b", "5,,6", "85 tot 91", "12345", "regel"]
)
def test_unreadable_answer_lines_are_refused(value):
    with pytest.raises(ValueError):
        parse_line_ranges(value)


@pytest.mark.parametrize(
    ("value", "written"),
    [("regel 85 – 91", "85-91"), ("6–8; 21 en 23", "6-8, 21, 23"), ("", ""), ("5-5", "5")],
)
def test_answer_lines_are_written_the_one_way(value, written):
    assert format_line_ranges(parse_line_ranges(value)) == written


@pytest.mark.parametrize(
    ("value", "numbers"), [("3-5, 9", [3, 4, 5, 9]), ("", []), ("zomaar iets", [])]
)
def test_line_numbers_lists_every_line_and_nothing_when_unreadable(value, numbers):
    assert line_numbers(value) == numbers


# --- checking references against the text ------------------------------------------------


@pytest.mark.parametrize(
    ("value", "problems"),
    [
        ("Lees regel 85-91 en alinea 5.", []),
        ("Wat staat er in regel 120?", [("reference_line_outside", "regel 120", 109)]),
        ("Lees regel 100-112.", [("reference_line_outside", "regel 100-112", 109)]),
        ("Wat is de functie van alinea 7?", [("reference_paragraph_outside", "alinea 7", 5)]),
        ("Zie regel 45-42.", [("reference_backwards", "regel 45-42", None)]),
        ("regel 0", [("reference_line_outside", "regel 0", 109)]),
        ("", []),
    ],
)
def test_a_reference_outside_the_text_is_a_problem(value, problems):
    found = reference_problems(value, SEED, field="stem")
    assert [(p.code, p.params["reference"], p.params.get("count")) for p in found] == problems
    assert all(p.field == "stem" for p in found)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("105-109", None),
        ("", None),
        ("105-120", "answer_lines_outside"),
        ("regel 85 tot 91", "answer_lines_unreadable"),
        ("91-85", "answer_lines_unreadable"),
    ],
)
def test_answer_lines_must_be_readable_and_inside_the_text(value, code):
    found = answer_lines_problems(value, SEED)
    assert [p.code for p in found] == ([code] if code else [])


@pytest.mark.parametrize(
    ("problem", "english"),
    [
        (
            Problem("stem", "reference_line_outside", {"reference": "regel 120", "count": 109}),
            "“regel 120” is not in the text: it has 109 lines.",
        ),
        (
            Problem("stem", "reference_paragraph_outside", {"reference": "alinea 2", "count": 1}),
            "“alinea 2” is not in the text: it has 1 paragraph.",
        ),
        (
            Problem("stem", "reference_backwards", {"reference": "regel 45-42"}),
            "“regel 45-42” runs backwards: the first number must come first.",
        ),
        (
            Problem("answer_lines", "answer_lines_unreadable", {"value": "x"}),
            "Write the lines as 85-91, or several as 12, 14-16.",
        ),
        (
            Problem(
                "answer_lines",
                "answer_lines_outside",
                {"value": "1-120", "line": 120, "count": 109},
            ),
            "Line 120 is not in the text: it has 109 lines.",
        ),
    ],
)
def test_every_problem_code_has_one_message_in_the_one_table(problem, english):
    with translation.override("en"):
        assert message(problem) == english


def test_messages_are_dutch_by_default():
    problem = Problem("stem", "reference_line_outside", {"reference": "regel 120", "count": 9})
    with translation.override("nl"):
        dutch = message(problem)
    assert "regel 120" in dutch and "9" in dutch
    assert "is not in the text" not in dutch


def test_the_worked_examples_in_the_docstrings_hold():
    result = doctest.testmod(references)
    assert result.attempted > 0
    assert result.failed == 0
