"""The PDF text booklet comes out as printed: every text, every line, numbered as the
margin shows. No database: texts.pdf_booklet is pure once the PDF is read.

The booklets are made by tests/booklet_builders.py the way the exam board sets them.
"""

import pytest

from tests.booklet_builders import (
    SampleBooklet,
    SampleText,
    build_booklet_pdf,
    build_encrypted_pdf,
    build_scan_pdf,
    runs_markup,
    sample_booklet,
)
from texts.parsing import ParseError, Warning
from texts.pdf_booklet import (
    Glyph,
    PageLayout,
    booklet_from_data,
    booklet_to_data,
    parse_booklet,
    read_booklet,
    read_pdf,
)


@pytest.fixture(scope="module")
def booklet():
    return read_booklet(build_booklet_pdf(sample_booklet()))


@pytest.fixture(scope="module")
def first(booklet):
    return booklet.texts[0].parsed


def line(parsed, number):
    found = [ln for ln in parsed.lines if ln.number == number]
    assert len(found) == 1, f"line {number} should exist once"
    return found[0]


def test_one_upload_gives_every_text_and_skips_the_cover(booklet):
    assert [(t.heading, t.parsed.title) for t in booklet.texts] == [
        ("Tekst 1", "De stad van morgen"),
        ("Tekst 2", "Lezen is leuk"),
    ]
    assert [len(t.parsed.lines) for t in booklet.texts] == [32, 6]


@pytest.mark.parametrize(
    ("number", "plain"),
    [
        (1, "Regel 1 van de eerste alinea, met"),
        (3, "twitteraars die veel CO2 uitstoten"),
        (5, "Regel 5 van de eerste alinea, met"),
        # the left column ends, the right one goes on
        (12, "Regel 12 in alinea twee loopt door"),
        (13, "Regel 13 in alinea twee loopt door"),
        # the page turns in the middle of paragraph 2
        (24, "Regel 24 in alinea twee loopt door"),
        (25, "Regel 25 in alinea twee loopt door"),
        (31, "Een schuin woord en een zorg- en"),
        (32, "welzijnsinstelling die fijn is."),
    ],
)
def test_each_line_is_kept_as_printed_with_its_printed_number(first, number, plain):
    assert line(first, number).plain == plain


def test_the_margin_numbers_are_met_so_there_is_no_warning_about_them(first):
    assert not [w for w in first.warnings if "margin" in w.code]


def test_paragraphs_start_at_their_bold_numbers_and_the_number_is_not_text(first):
    assert first.paragraph_numbers == (1, 2, 3)
    starts = [(ln.number, ln.paragraph) for ln in first.lines if ln.starts_paragraph]
    assert starts == [(1, 1), (9, 2), (31, 3)]
    assert not any(ln.plain.startswith("(") for ln in first.lines)


def test_a_page_break_mid_paragraph_keeps_the_paragraph_and_marks_the_page(first):
    assert line(first, 25).paragraph == 2
    assert line(first, 25).starts_page
    assert not line(first, 25).starts_paragraph
    assert [ln.number for ln in first.lines if ln.starts_page] == [25]


def test_a_raised_number_is_a_footnote_marker_and_a_lowered_one_a_subscript(first):
    third = line(first, 3)
    assert third.notes == (1,)
    assert "twitteraars{1}" in runs_markup(third.runs)
    assert "CO<sub>2</sub>" in runs_markup(third.runs)
    assert [(n.number, n.term, n.body) for n in first.footnotes] == [
        (1, "twitteraars", "mensen die berichten op X plaatsen")
    ]


def test_italics_ligatures_and_compound_hyphens_come_through(first):
    assert runs_markup(line(first, 31).runs) == "Een <em>schuin</em> woord en een zorg- en"
    assert line(first, 32).plain == "welzijnsinstelling die fijn is."


def test_the_source_is_kept_apart_from_the_lines(booklet, first):
    assert first.source_adapted == "naar: Anna de Vries"
    assert first.source_from == "uit: De Volkskrant, 3 maart 2020"
    assert booklet.texts[1].parsed.source_from == "uit: NRC, 1 april 2021"


def test_page_headers_and_footers_are_not_text(booklet):
    everything = " ".join(ln.plain for t in booklet.texts for ln in t.parsed.lines)
    for furniture in ("HA-1001-a-21-1-b", "lees verder", "►", " / ", "verspreid", "tekstboekje"):
        assert furniture not in everything


def test_a_skipped_picture_is_named_with_its_page(first):
    assert Warning("pdf_picture_skipped", {"page": 2}) in first.warnings


def test_the_italic_introduction_is_kept_apart_from_the_numbered_lines(first):
    assert first.introduction == "Over wonen, werken en de lucht die we ademen."
    assert first.subtitle == ""
    assert line(first, 1).plain.startswith("Regel 1")
    assert not any("intro" in w.code for w in first.warnings)


def test_quotes_and_soft_hyphens_stay_as_the_reader_saw_them(booklet):
    second = booklet.texts[1].parsed
    assert line(second, 2).plain == "Ze zei: „Lezen is ‘leuk’” en «fijn»"
    assert line(second, 3).plain == "dat is het be-"


def test_a_one_column_booklet_reads_the_same_lines():
    single = read_booklet(build_booklet_pdf(sample_booklet(columns=1, lines_per_column=50)))
    parsed = single.texts[0].parsed
    assert len(parsed.lines) == 32
    assert line(parsed, 13).plain == "Regel 13 in alinea twee loopt door"
    assert not [w for w in parsed.warnings if "margin" in w.code]


def test_the_raw_copy_carries_the_margin_numbers_and_paragraph_markers(booklet):
    raw = booklet.texts[0].raw.splitlines()
    assert raw[:3] == ["Tekst 1", "", "De stad van morgen"]
    assert "(2) Regel 9 in alinea twee loopt door" in raw
    assert "25 Regel 25 in alinea twee loopt door" in raw


def test_the_booklet_survives_the_trip_from_preview_to_save(booklet):
    assert booklet_from_data(booklet_to_data(booklet)) == booklet


# --- margin numbers that do not match: pure layouts ---------------------------------------


def _glyphs(text, top, x=80.0, size=10.0, **style):
    return tuple(
        Glyph(c, x + 6 * i, x + 6 * i + 5, top, top + size, size, **style)
        for i, c in enumerate(text)
    )


def _page(body_lines, margins):
    """A one-column page: Tekst 1, a title, the lines; margins maps line index -> number."""
    glyphs = _glyphs("Tekst 1", 80, bold=True) + _glyphs("Titel", 100, bold=True)
    for i, text in enumerate(body_lines):
        top = 130 + 14 * i
        glyphs += _glyphs(text, top)
        if i in margins:
            digits = str(margins[i])
            glyphs += tuple(
                Glyph(d, 60 + 4 * k, 63 + 4 * k, top + 1, top + 8, 7.0)
                for k, d in enumerate(digits)
            )
    return PageLayout(1, 595, 842, glyphs)


@pytest.mark.parametrize(
    ("margins", "expected"),
    [
        ({4: 5, 9: 10}, []),
        # a line counted too many before 10: the number stands beside line 11
        ({4: 5, 10: 10}, [Warning("pdf_margin_number_unmet", {"anchor": 10, "line": 11})]),
        ({4: 5}, [Warning("pdf_margin_number_missing", {"line": 10})]),
        ({}, [Warning("pdf_no_margin_numbers")]),
    ],
)
def test_a_margin_number_the_count_does_not_meet_is_reported_with_its_line(margins, expected):
    lines = [f"regel nummer {n}" for n in range(1, 13)]
    parsed = parse_booklet([_page(lines, margins)]).texts[0].parsed
    assert [w for w in parsed.warnings if "margin" in w.code] == expected
    assert [ln.plain for ln in parsed.lines] == lines


# --- files that are no readable booklet -------------------------------------------------


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"Dit is geen PDF", "pdf_broken"),
        (b"%PDF-1.4\n%%EOF", "pdf_broken"),
        (build_booklet_pdf(sample_booklet())[:2000], "pdf_broken"),
        (build_encrypted_pdf(), "pdf_encrypted"),
        (build_scan_pdf(), "pdf_scan"),
    ],
    ids=["not-a-pdf", "empty-pdf", "cut-off", "password", "scan"],
)
def test_an_unreadable_pdf_raises_a_clear_error(data, code):
    with pytest.raises(ParseError) as raised:
        read_booklet(data)
    assert raised.value.code == code


def test_a_pdf_with_too_many_pages_is_refused():
    with pytest.raises(ParseError) as raised:
        read_pdf(build_booklet_pdf(sample_booklet()), max_pages=2)
    assert raised.value.code == "pdf_too_many_pages"


def test_a_pdf_of_one_text_without_a_heading_is_that_text():
    glyphs = _glyphs("Losse titel", 100, bold=True) + _glyphs("Een regel.", 130)
    booklet = parse_booklet([PageLayout(1, 595, 842, glyphs)])
    assert [(t.heading, t.parsed.title) for t in booklet.texts] == [("", "Losse titel")]
    assert [ln.plain for ln in booklet.texts[0].parsed.lines] == ["Een regel."]


def test_a_pdf_with_only_page_furniture_has_no_texts():
    glyphs = _glyphs("HA-1001-a-21-1-b", 300) + _glyphs("2 / 10", 320)
    with pytest.raises(ParseError) as raised:
        parse_booklet([PageLayout(1, 595, 842, glyphs)])
    assert raised.value.code == "pdf_no_texts"


def test_a_smaller_bold_line_after_the_title_is_part_of_the_text():
    glyphs = (
        _glyphs("Tekst 3", 80, bold=True)
        + _glyphs("Grote titel", 100, size=14.0, bold=True)
        + _glyphs("fragment 1", 130, bold=True)
        + _glyphs("De eerste regel.", 144)
    )
    parsed = parse_booklet([PageLayout(1, 595, 842, glyphs)]).texts[0].parsed
    assert parsed.title == "Grote titel"
    assert [ln.plain for ln in parsed.lines] == ["fragment 1", "De eerste regel."]


# --- a subtitle and an introduction under the title: the margin numbers decide -----------


def _introduced(head, body_count, margins):
    """Tekst 1, a big bold title, `head` lines ((text, style)) and `body_count` plain
    lines; margins maps an index in head + body to its margin number."""
    glyphs = _glyphs("Tekst 1", 60, bold=True) + _glyphs("Titel", 80, size=14.0, bold=True)
    rows = [*head, *((f"regel {n}", "") for n in range(1, body_count + 1))]
    for i, (text, style) in enumerate(rows):
        top = 110 + 14 * i
        glyphs += _glyphs(text, top, **({style: True} if style else {}))
        if i in margins:
            glyphs += tuple(
                Glyph(d, 60 + 4 * k, 63 + 4 * k, top + 1, top + 8, 7.0)
                for k, d in enumerate(str(margins[i]))
            )
    return parse_booklet([PageLayout(1, 595, 842, glyphs)]).texts[0].parsed


ITALIC, BOLD = "italic", "bold"


@pytest.mark.parametrize(
    ("head", "margins", "subtitle", "introduction", "line_1"),
    [
        # the margin number 5 stands beside "regel 5": the italic line is not counted
        ([("Over de stad.", ITALIC)], {5: 5, 10: 10}, "", "Over de stad.", "regel 1"),
        # 5 beside "regel 4": the italic line is counted, it is line 1
        ([("Een schuine regel.", ITALIC)], {4: 5, 9: 10}, "", "", "Een schuine regel."),
        # a bold subtitle in a smaller size, then two italic lines of introduction
        (
            [
                ("Een ondertitel", BOLD),
                ("Tekst 3 bestaat uit", ITALIC),
                ("twee fragmenten.", ITALIC),
            ],
            {7: 5, 12: 10},
            "Een ondertitel",
            "Tekst 3 bestaat uit twee fragmenten.",
            "regel 1",
        ),
        # of two italic lines only the first stands apart: 5 beside "regel 4"
        (
            [("Inleiding.", ITALIC), ("Eerste regel schuin.", ITALIC)],
            {5: 5, 10: 10},
            "",
            "Inleiding.",
            "Eerste regel schuin.",
        ),
        # no margin numbers in a short text: the italics under the title stand apart
        ([("Over de stad.", ITALIC)], {}, "", "Over de stad.", "regel 1"),
    ],
    ids=["italic-apart", "italic-counted", "subtitle-and-intro", "one-of-two", "no-numbers"],
)
def test_the_margin_numbers_decide_what_stands_above_line_1(
    head, margins, subtitle, introduction, line_1
):
    parsed = _introduced(head, 3 if not margins else 11, margins)

    assert (parsed.subtitle, parsed.introduction) == (subtitle, introduction)
    assert parsed.lines[0].plain == line_1
    assert not [w for w in parsed.warnings if "margin" in w.code]


def test_a_booklet_with_a_subtitle_and_an_introduction_keeps_both_above_line_1():
    text = sample_booklet().texts[0]
    text.subtitle = "Een ondertitel in het vet"
    parsed = read_booklet(build_booklet_pdf(sample_booklet(texts=[text]))).texts[0].parsed

    assert parsed.title == "De stad van morgen"
    assert parsed.subtitle == "Een ondertitel in het vet"
    assert parsed.introduction == "Over wonen, werken en de lucht die we ademen."
    assert line(parsed, 1).plain == "Regel 1 van de eerste alinea, met"
    assert line(parsed, 25).plain == "Regel 25 in alinea twee loopt door"
    assert not [w for w in parsed.warnings if "margin" in w.code]


# --- subheadings inside a text: the margin numbers say whether they are counted -----------


def _with_subheading(counted: bool, subheadings=("Een tussenkop",), lengths=(9,)):
    paragraphs = [[f"eerste alinea {n}" for n in range(1, 9)]]
    for k, (heading, length) in enumerate(zip(subheadings, lengths, strict=True), start=2):
        paragraphs.append(
            [f"# {heading}", *(f"alinea {k} regel {n}" for n in range(1, length + 1))]
        )
    text = SampleText(title="Met tussenkoppen", paragraphs=paragraphs, subheadings_counted=counted)
    pdf = build_booklet_pdf(SampleBooklet(texts=[text], lines_per_column=14))
    return read_booklet(pdf).texts[0].parsed


def test_a_subheading_the_margin_counts_is_a_line_marked_as_a_subheading():
    parsed = _with_subheading(counted=True)

    assert line(parsed, 9).plain == "Een tussenkop"
    assert line(parsed, 9).subheading
    assert line(parsed, 9).runs == (("strong", "Een tussenkop"),)
    assert line(parsed, 10).plain == "alinea 2 regel 1"
    assert line(parsed, 10).starts_paragraph and line(parsed, 10).paragraph == 2
    assert not [ln.number for ln in parsed.lines if ln.heading_before]
    assert len(parsed.lines) == 18
    assert not [w for w in parsed.warnings if "margin" in w.code or "subheading" in w.code]


def test_a_subheading_the_margin_does_not_count_stands_above_the_next_line_unnumbered():
    parsed = _with_subheading(counted=False)

    assert line(parsed, 9).plain == "alinea 2 regel 1"
    assert line(parsed, 9).heading_before == "Een tussenkop"
    assert line(parsed, 9).starts_paragraph
    assert not any(ln.subheading for ln in parsed.lines)
    assert "Een tussenkop" not in [ln.plain for ln in parsed.lines]
    assert len(parsed.lines) == 17
    assert not [w for w in parsed.warnings if "margin" in w.code or "subheading" in w.code]


def test_a_subheading_after_the_last_margin_number_follows_the_text_s_other_ones():
    parsed = _with_subheading(counted=False, subheadings=("Kop een", "Kop twee"), lengths=(9, 2))

    # 8 + 9 + 2 lines: "Kop een" stands between margin numbers 5 and 10, and they
    # do not count it; "Kop twee" comes after 15, the last one, and is treated alike
    assert [(ln.number, ln.heading_before) for ln in parsed.lines if ln.heading_before] == [
        (9, "Kop een"),
        (18, "Kop twee"),
    ]
    assert len(parsed.lines) == 19
    assert not [w for w in parsed.warnings if "margin" in w.code or "subheading" in w.code]


def _subheaded(margins, heading_at=6, count=12):
    """One column: Tekst 1, a title, plain lines with a bold line at `heading_at`."""
    rows = [f"regel {n}" for n in range(1, count + 1)]
    rows.insert(heading_at, "Een kop")
    glyphs = _glyphs("Tekst 1", 60, bold=True) + _glyphs("Titel", 80, size=14.0, bold=True)
    for i, text in enumerate(rows):
        top = 110 + 14 * i
        glyphs += _glyphs(text, top, bold=text == "Een kop")
        if i in margins:
            glyphs += tuple(
                Glyph(d, 60 + 4 * k, 63 + 4 * k, top + 1, top + 8, 7.0)
                for k, d in enumerate(str(margins[i]))
            )
    return parse_booklet([PageLayout(1, 595, 842, glyphs)]).texts[0].parsed


@pytest.mark.parametrize(
    ("margins", "counted", "warned"),
    [
        # the kop is line 7: 10 stands beside "regel 9"
        ({4: 5, 9: 10}, True, False),
        # not counted: 10 stands beside "regel 10"
        ({4: 5, 10: 10}, False, False),
        # only 5, before the kop: the numbers cannot tell; counted, with a warning
        ({4: 5}, True, True),
        # no numbers at all: the same
        ({}, True, True),
    ],
    ids=["counted", "not-counted", "after-the-last-number", "no-numbers"],
)
def test_the_margin_numbers_decide_whether_a_subheading_is_counted(margins, counted, warned):
    parsed = _subheaded(margins)

    assert ("Een kop" in [ln.plain for ln in parsed.lines]) is counted
    assert len(parsed.lines) == (13 if counted else 12)
    assert (
        Warning("pdf_subheading_undecided", {"subheading": "Een kop"}) in parsed.warnings
    ) is warned
    assert not [w for w in parsed.warnings if "margin_number_unmet" in w.code]
