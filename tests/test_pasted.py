"""Text copied out of a PDF booklet: margin numbers on lines of their own and the page
footer are recognised; the numbers become anchors, the footer a page break."""

import pytest

from tests.booklet_builders import BOOKLET_LINES, copied, runs_markup
from texts.parsing import Warning, parse_text
from texts.parsing.pasted import recognise_pdf_copy


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


# --- footnote markers copied as plain digits glued to their word -------------------------


def _parsed(body: str, notes: str = "noot 1 twitteraars: mensen die twitteren"):
    return parse_text(f"Titel\n\n(1) {body}\n(2) Nog een regel.\n\nnaar: Iemand\n{notes}\n")


@pytest.mark.parametrize(
    ("body", "notes", "markup", "taken"),
    [
        # a note 1 below the text: the 1 glued to the word is its marker
        (
            "veel twitteraars1 vinden",
            "noot 1 twitteraars: mensen",
            "veel twitteraars{1} vinden",
            "twitteraars1",
        ),
        ("een *trending topic*1.", "noot 1 x", "een <em>trending topic</em>{1}.", "topic1"),
        (
            "het zijn twitteraars1,",
            "1 twitteraars: mensen die twitteren",
            "het zijn twitteraars{1},",
            "twitteraars1",
        ),
        # no note 2: the digit stays in the word
        ("veel twitteraars2 vinden", "noot 1 x", "veel twitteraars2 vinden", ""),
        # capitals, a unit, a year, "3D": the digits are part of the word
        ("veel CO2 en NO2", "noot 2 x", "veel CO2 en NO2", ""),
        ("een huis van 80 km2 groot", "noot 2 x", "een huis van 80 km2 groot", ""),
        ("in de zomer2015 al", "noot 15 x", "in de zomer2015 al", ""),
        ("een 3D printer", "noot 3 x", "een 3D printer", ""),
        # the note has its marker already: nothing else is taken for it
        ("twitteraars¹⁾ en twitteraars1", "noot 1 x", "twitteraars{1} en twitteraars1", ""),
        # only the first word with the number is its marker
        ("twitteraars1 en volgers1", "noot 1 x", "twitteraars{1} en volgers1", "twitteraars1"),
    ],
    ids=[
        "glued",
        "after-emphasis",
        "note-without-noot",
        "no-such-note",
        "capitals",
        "unit",
        "year",
        "3d",
        "marked-already",
        "first-only",
    ],
)
def test_digits_glued_to_a_word_are_a_footnote_marker_only_for_a_note_below(
    body, notes, markup, taken
):
    parsed = _parsed(body, notes)

    assert runs_markup(parsed.lines[0].runs) == markup
    markers = [w for w in parsed.warnings if w.code == "glued_note_markers"]
    assert markers == ([Warning("glued_note_markers", {"markers": taken})] if taken else [])


def test_a_date_under_the_source_is_no_note():
    parsed = parse_text("Titel\n\n(1) Een regel.\n\nuit: NRC,\n1 april 2021\n")

    assert parsed.footnotes == ()
    assert not [w for w in parsed.warnings if "note" in w.code]


def test_a_copy_from_a_pdf_gets_its_glued_markers_linked_to_the_notes():
    raw = copied().replace("regel 3 van", "regel 3 van twitteraars1") + (
        "\nnoot 1 twitteraars: mensen die berichten op X plaatsen"
    )

    parsed = parse_text(raw)

    assert [ln.plain for ln in parsed.lines][2] == "regel 3 van twitteraars de tekst gaat door"
    assert parsed.lines[2].notes == (1,)
    assert Warning("glued_note_markers", {"markers": "twitteraars1"}) in parsed.warnings
    assert not [w for w in parsed.warnings if w.code in ("note_without_marker", "anchor_unmet")]
