"""A Word file becomes the booklet like any text: paragraphs, markers, emphasis,
Word's own footnotes and "noot n" lines, the source; margin numbers are anchors."""

import pytest

from tests.booklet_builders import build_docx, runs_markup
from texts.docx_text import read_docx
from texts.parsing import ParseError, parse_text

LONG = (
    "Een lange alinea die veel langer is dan een regel in het tekstboekje en daarom "
    "opnieuw wordt afgebroken, met "
)


@pytest.fixture(scope="module")
def parsed():
    data = build_docx(
        [
            "Tekst 1",
            [("Mijn titel", "bold")],
            [("(1) " + LONG, ""), ("schuine woorden", "italic"), (" en twitteraars", "")]
            + [("7", "note"), (" aan het eind.", "")],
            "(2) Korte regels",
            "blijven zoals ze",
            "staan in het boekje.",
            "naar: Kees de Vries",
            "uit: Trouw, 1 mei 2020",
        ],
        footnotes={7: "twitteraars: mensen die berichten plaatsen"},
    )
    return parse_text(read_docx(data))


def test_the_title_and_paragraphs_come_from_the_document(parsed):
    assert parsed.title == "Mijn titel"
    assert parsed.paragraph_numbers == (1, 2)
    assert [ln.plain for ln in parsed.lines if ln.paragraph == 2] == [
        "Korte regels",
        "blijven zoals ze",
        "staan in het boekje.",
    ]


def test_a_long_paragraph_is_wrapped_as_a_booklet_column(parsed):
    first = [ln for ln in parsed.lines if ln.paragraph == 1]
    assert len(first) > 3
    assert all(len(ln.plain) <= 42 for ln in first)


def test_emphasis_and_words_own_footnotes_come_through(parsed):
    markup = " ".join(runs_markup(ln.runs) for ln in parsed.lines)
    assert "<em>schuine" in markup
    assert [ln.notes for ln in parsed.lines if ln.notes] == [(1,)]
    assert [(n.number, n.term, n.body) for n in parsed.footnotes] == [
        (1, "twitteraars", "mensen die berichten plaatsen")
    ]
    assert not [w for w in parsed.warnings if "note" in w.code]


def test_the_source_lines_are_kept_apart(parsed):
    assert parsed.source_adapted == "naar: Kees de Vries"
    assert parsed.source_from == "uit: Trouw, 1 mei 2020"


def test_margin_numbers_in_the_document_are_anchors():
    data = build_docx(
        ["Titel", "", "(1) " + LONG * 3] + ["10 dit is regel tien", "en dit regel elf"]
    )
    parsed = parse_text(read_docx(data))
    assert [ln.plain for ln in parsed.lines if ln.number == 10] == ["dit is regel tien"]
    assert not [w for w in parsed.warnings if w.code == "anchor_unmet"]


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 kapot", b"geen word"])
def test_a_broken_word_file_raises_a_clear_error(data):
    with pytest.raises(ParseError) as raised:
        read_docx(data)
    assert raised.value.code == "docx_broken"


def test_a_bold_and_an_italic_paragraph_after_the_title_stand_above_line_1():
    data = build_docx(
        [
            "Tekst 3",
            [("De titel", "bold")],
            [("Een ondertitel", "bold")],
            [("Tekst 3 bestaat uit twee fragmenten.", "italic")],
            "(1) Een korte regel.",
            [("(2) ", ""), ("Schuin", "italic"), (" begin.", "")],
        ]
    )

    parsed = parse_text(read_docx(data))

    assert (parsed.title, parsed.subtitle) == ("De titel", "Een ondertitel")
    assert parsed.introduction == "Tekst 3 bestaat uit twee fragmenten."
    assert [(ln.number, ln.plain) for ln in parsed.lines] == [
        (1, "Een korte regel."),
        (2, "Schuin begin."),
    ]
    assert not parsed.warnings
