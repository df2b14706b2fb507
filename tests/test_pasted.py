"""Text copied out of a PDF booklet: margin numbers on lines of their own and the page
footer are recognised; the numbers become anchors, the footer a page break."""

import pytest

from texts.parsing import Warning, parse_text
from texts.pasted import recognise_pdf_copy

BOOKLET_LINES = [f"regel {n} van de tekst gaat door" for n in range(1, 19)]


def copied(*, numbers_after=False) -> str:
    """The booklet of 18 lines as a PDF viewer copies it: margin numbers on lines of
    their own, a footer between page 2 and 3 in the middle of paragraph 2."""
    out = ["Tekst 1", "", "Een titel", ""]
    for n, text in enumerate(BOOKLET_LINES, start=1):
        if n == 1:
            text = "(1) " + text
        if n == 9:
            text = "(2) " + text
        if n % 5 == 0 and not numbers_after:
            out.append(str(n))
        out.append(text)
        if n % 5 == 0 and numbers_after:
            out.append(str(n))
        if n == 12:
            out += ["HA-1001-a-21-1-b", "2 / 10", "lees verder ►►►"]
    return "\n".join(out + ["", "uit: Trouw, 1 mei 2020"])


@pytest.mark.parametrize("numbers_after", [False, True], ids=["before", "after"])
def test_copied_lines_are_numbered_as_printed(numbers_after):
    parsed = parse_text(copied(numbers_after=numbers_after))

    plains = [ln.plain for ln in parsed.lines]
    assert plains == BOOKLET_LINES
    assert not [w for w in parsed.warnings if w.code == "anchor_unmet"]
    assert parsed.title == "Een titel"
    assert parsed.source_from == "uit: Trouw, 1 mei 2020"


def test_the_footer_is_a_page_break_inside_the_paragraph():
    parsed = parse_text(copied())

    thirteen = parsed.lines[12]
    assert (thirteen.number, thirteen.paragraph, thirteen.starts_page) == (13, 2, True)
    assert not thirteen.starts_paragraph
    assert Warning("pasted_page_furniture", {"count": 3}) in parsed.warnings


@pytest.mark.parametrize(
    ("lines", "expected", "dropped"),
    [
        # a footer between two pages: a page break
        (["(1) a", "HA-1001-a-21-1-b", "3 / 10", "lees verder ►►►", "b"], ["(1) a", "", "b"], 3),
        # a block of margin numbers, on one line or on several
        (["(1) a", "5 10 15 20", "b"], ["(1) a", "b"], 1),
        (["(1) a", "5", "10", "15", "b"], ["(1) a", "b"], 3),
        # a number beside the line it counts to
        (["(1) a", "b", "c", "d", "5", "e"], ["(1) a", "b", "c", "d", "5 e"], 0),
        (["(1) a", "b", "c", "d", "e", "5"], ["(1) a", "b", "c", "d", "5 e"], 0),
        # an ordinary text is left alone
        (["Titel", "", "(1) Er waren 5 mensen.", "Niet 10."], None, 0),
    ],
)
def test_recognising_what_the_page_put_around_the_text(lines, expected, dropped):
    assert recognise_pdf_copy(list(lines)) == (expected or lines, dropped)
