"""The importer turns a text as a teacher has it into the booklet, exactly.

No database: texts.parsing is pure. The seed text (texts/samples) is the golden
case: every acceptance fact about it is its own test. The edge cases below are
tables where they fit.
"""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.booklet_builders import runs_markup
from texts.parsing import ParsedText, ParseError, Warning, parse_text

SEED_PATH = Path(__file__).resolve().parent.parent / "texts" / "samples"
SEED_PATH = SEED_PATH / "laat-de-brutalen-niet-voordringen.txt"

# Emphasis and note markers in the short notation of runs_markup.
OWN_TAGS = re.compile(r"</?em>|\{\d+\}")


@pytest.fixture(scope="module")
def seed_source() -> str:
    return SEED_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed(seed_source) -> ParsedText:
    return parse_text(seed_source)


def line(parsed: ParsedText, number: int):
    found = [ln for ln in parsed.lines if ln.number == number]
    assert len(found) == 1, f"line {number} should exist exactly once"
    return found[0]


def plains(parsed: ParsedText) -> list[str]:
    return [ln.plain for ln in parsed.lines]


def joined_words(lines: list[str]) -> list[str]:
    """The words of consecutive lines, with hyphenations at line ends undone.

    "persoons-" at a line end followed by "kapitaal" is one word "persoonskapitaal";
    a real hyphen inside a line ("twintig- of") is left alone.
    """
    text = ""
    for current in lines:
        if re.search(r"\w-$", text):
            text = text[:-1] + current
        else:
            text = f"{text} {current}" if text else current
    return text.split()


def seed_words_from_source(source: str) -> list[str]:
    """The words of the seed's body, read independently of the importer: no title,
    no trailer, no margin numbers, paragraph markers, footnote markers or asterisks."""
    raw_lines = [ln.strip() for ln in source.splitlines()]
    body = [ln for ln in raw_lines if ln]
    body = body[1:]  # the title
    trailer_at = next(i for i, ln in enumerate(body) if ln.startswith("naar:"))
    body = body[:trailer_at]
    cleaned = []
    for raw_line in body:
        margin = re.match(r"^(\d+) ", raw_line)
        if margin and int(margin.group(1)) % 5 == 0:
            raw_line = raw_line[margin.end() :]
        raw_line = re.sub(r"\(\d\) ?", "", raw_line)
        raw_line = re.sub(r"[¹²]⁾", "", raw_line)
        cleaned.append(raw_line.replace("*", ""))
    return joined_words(cleaned)


def note_ref(number: int) -> str:
    return f"{{{number}}}"


def markup(ln) -> str:
    """The line's runs in the short notation of runs_markup."""
    return runs_markup(ln.runs)


def without_own_tags(notation: str) -> str:
    return OWN_TAGS.sub("", notation)


# --- the seed text -----------------------------------------------------------------


def test_it_reads_the_title_of_the_seed(seed):
    assert seed.title == "Laat de brutalen niet voordringen"


def test_it_finds_the_five_paragraphs_of_the_seed(seed):
    assert seed.paragraph_numbers == (1, 2, 3, 4, 5)
    starts = [ln for ln in seed.lines if ln.starts_paragraph]
    assert [ln.paragraph for ln in starts] == [1, 2, 3, 4, 5]


@pytest.mark.parametrize(
    ("paragraph", "first_words"),
    [
        (1, "Een warm moment van erkenning"),
        (2, "Wie twittert, wordt gehoord."),
        (3, "Wat het bedrijfsleven al deed"),
        (4, "De maatschappelijke"),
        (5, "Het kapitaal dat mensen"),
    ],
)
def test_each_seed_paragraph_starts_where_its_marker_stood(seed, paragraph, first_words):
    first = next(ln for ln in seed.lines if ln.paragraph == paragraph)
    assert first.starts_paragraph
    assert first.plain.startswith(first_words)


def test_the_seed_has_109_lines_numbered_in_order(seed):
    assert len(seed.lines) == 109
    assert [ln.number for ln in seed.lines] == list(range(1, 110))


@pytest.mark.parametrize(
    ("number", "start"),
    [
        (85, "kapitaal (schoonheid"),
        (90, "ten vierde sociaal kapitaal"),
        (95, "Maar de digitale media"),
        (100, "talen. Het nieuwe"),
        (105, "len voor de brutalen"),
    ],
)
def test_the_seed_lines_with_margin_numbers_keep_their_numbers(seed, number, start):
    assert line(seed, number).plain.startswith(start)


def test_line_84_ends_in_the_hyphenation_before_the_first_kept_line(seed):
    assert line(seed, 84).plain.endswith("persoons-")


def test_line_91_is_the_end_of_paragraph_4(seed):
    assert line(seed, 91).plain == "ken)."
    assert line(seed, 91).paragraph == 4


def test_line_92_is_the_first_line_of_paragraph_5(seed):
    first = line(seed, 92)
    assert first.plain.startswith("Het kapitaal dat mensen")
    assert first.starts_paragraph
    assert first.paragraph == 5


def test_the_seed_ends_at_line_109(seed):
    assert line(seed, 109).plain == "zeker voor het RRT van de SVB."
    assert seed.lines[-1].number == 109


def test_it_keeps_margin_numbers_out_of_the_text(seed):
    for ln in seed.lines:
        number = re.match(r"^(\d+) ", ln.plain)
        assert not (number and int(number.group(1)) % 5 == 0), ln


def test_no_seed_line_is_wider_than_a_booklet_column(seed):
    assert max(len(ln.plain) for ln in seed.lines) <= 42


def test_the_seed_lines_hold_exactly_the_words_of_the_source(seed, seed_source):
    assert joined_words(plains(seed)) == seed_words_from_source(seed_source)


@pytest.mark.parametrize("odd_spelling", ["waarschuwd", "Vershil"])
def test_it_never_corrects_the_spelling_of_the_source(seed, odd_spelling):
    assert any(odd_spelling in ln.plain for ln in seed.lines)


def test_it_links_note_1_from_the_word_twitteraars(seed):
    [ref_line] = [ln for ln in seed.lines if 1 in ln.notes]
    before_ref = markup(ref_line).split(note_ref(1))[0]
    last_word = re.sub(r"<[^>]+>", "", before_ref).split()[-1]
    if last_word != "twitteraars":
        # The word is hyphenated: the reference follows its last fragment.
        line_before = line(seed, ref_line.number - 1).plain
        assert line_before.endswith("-")
        last_word = line_before.split()[-1][:-1] + last_word
    assert last_word == "twitteraars"


def test_it_links_note_2_right_after_trending_topic(seed):
    [ref_line] = [ln for ln in seed.lines if 2 in ln.notes]
    assert "trending topic" in ref_line.plain
    assert re.search(r"trending topic(</em>)?" + re.escape(note_ref(2)), markup(ref_line))


def test_the_seed_footnotes_are_read_from_the_trailer(seed):
    assert [(n.number, n.term) for n in seed.footnotes] == [
        (1, "twitteraars"),
        (2, "trending topic"),
    ]
    assert seed.footnotes[0].body == (
        "mensen die een kort bericht sturen via het sociale medium Twitter"
    )
    # Note 2 runs onto a second line in the source.
    assert seed.footnotes[1].body.endswith("de meest genoemde onderwerpen op Twitter is")


def test_the_seed_source_and_author_are_kept_apart_from_the_lines(seed):
    assert seed.source_adapted == "naar: Kees Kraaijeveld"
    assert seed.source_from == "uit: Vrij Nederland, 11 februari 2015"
    assert seed.author_note == (
        "Kees Kraaijeveld is een columnist die vooral schrijft over economische onderwerpen."
    )
    for ln in seed.lines:
        assert "naar:" not in ln.plain
        assert "uit:" not in ln.plain
        assert "Kraaijeveld" not in ln.plain
        assert not ln.plain.startswith("noot")


def test_the_seed_imports_without_warnings(seed):
    assert seed.warnings == ()


def test_the_seed_pages_start_where_the_source_has_page_breaks(seed):
    assert [ln.number for ln in seed.lines if ln.starts_page] == [43, 85, 98]
    assert line(seed, 43).plain.startswith("verbindingen u heeft")


def test_the_seed_emphasis_becomes_an_em_run(seed):
    [trending] = [ln for ln in seed.lines if "trending topic" in ln.plain]
    assert ("em", "trending topic") in trending.runs
    assert all("*" not in ln.plain for ln in seed.lines)


def booklet_copy(parsed: ParsedText) -> str:
    """The booklet as a teacher copies it from a PDF: every line as printed, the
    paragraph numbers before their first lines, every fifth line number in front."""
    out = [parsed.title, ""]
    for ln in parsed.lines:
        printed = f"({ln.paragraph}) {ln.plain}" if ln.starts_paragraph else ln.plain
        if ln.number % 5 == 0:
            printed = f"{ln.number} {printed}"
        out += [""] if ln.starts_page else []
        out.append(printed)
    return "\n".join([*out, "", parsed.source_adapted, "", parsed.source_from])


def test_a_copy_of_the_printed_seed_booklet_reads_back_as_the_same_booklet(seed):
    copy = booklet_copy(seed)
    assert "75 (4) De maatschappelijke" in copy

    again = parse_text(copy)

    def layout(parsed):
        return [
            (ln.number, ln.paragraph, ln.plain, ln.starts_paragraph, ln.starts_page)
            for ln in parsed.lines
        ]

    assert again.warnings == ()
    assert layout(again) == layout(seed)


def test_a_copy_with_its_emphasis_and_footnote_markers_reads_back_the_same_runs(seed):
    superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹"

    def as_printed(runs) -> str:
        printed = ""
        for kind, value in runs:
            if kind == "note":
                printed += superscripts[value] + "⁾"
            else:
                printed += f"*{value}*" if kind == "em" else value
        return printed

    copy = [seed.title, ""]
    for ln in seed.lines:
        printed = f"({ln.paragraph}) " if ln.starts_paragraph else ""
        printed += as_printed(ln.runs)
        if ln.starts_page:
            copy.append("")
        copy.append(f"{ln.number} {printed}" if ln.number % 5 == 0 else printed)
    copy += ["", seed.source_adapted, ""]
    copy += [f"noot {note.number} *{note.term}*: {note.body}" for note in seed.footnotes]

    again = parse_text("\n".join(copy))

    assert again.warnings == ()
    assert again.lines == seed.lines
    assert again.footnotes == seed.footnotes


# --- structure -----------------------------------------------------------------------


def test_without_markers_blank_lines_separate_paragraphs_numbered_from_1():
    parsed = parse_text(
        "Een titel\n\nEerste alinea, regel een\nen regel twee.\n\nTweede alinea.\n\nDerde."
    )
    assert parsed.title == "Een titel"
    assert parsed.paragraph_numbers == (1, 2, 3)
    assert [(ln.number, ln.paragraph, ln.starts_paragraph) for ln in parsed.lines] == [
        (1, 1, True),
        (2, 1, False),
        (3, 2, True),
        (4, 3, True),
    ]


def test_a_text_without_title_whose_first_paragraph_is_one_line_keeps_that_paragraph():
    parsed = parse_text("Dit is de eerste alinea.\n\nEn dit is de tweede alinea.")
    assert parsed.title == ""
    assert Warning("no_title") in parsed.warnings
    assert plains(parsed) == ["Dit is de eerste alinea.", "En dit is de tweede alinea."]
    assert parsed.paragraph_numbers == (1, 2)


@pytest.mark.parametrize(
    "title",
    ["Laat de brutalen niet voordringen", "Waarom lezen jongeren niet meer?", "Wachten op..."],
)
def test_a_short_line_standing_alone_at_the_top_is_the_title(title):
    parsed = parse_text(f"{title}\n\nDe eerste alinea.\n\nDe tweede alinea.")
    assert parsed.title == title
    assert plains(parsed) == ["De eerste alinea.", "De tweede alinea."]


def test_a_tekst_heading_before_the_title_is_skipped():
    parsed = parse_text("Tekst 1\n\nDe titel\n\n(1) Een regel.\n(2) Nog een.")
    assert parsed.title == "De titel"
    assert plains(parsed) == ["Een regel.", "Nog een."]


def test_paragraph_markers_may_stand_mid_line():
    parsed = parse_text("Titel\n\n(1) Een zin. (2) Twee zinnen. Ja. (3) Drie.")
    assert parsed.paragraph_numbers == (1, 2, 3)
    assert [(ln.paragraph, ln.plain) for ln in parsed.lines] == [
        (1, "Een zin."),
        (2, "Twee zinnen. Ja."),
        (3, "Drie."),
    ]


def test_a_paragraph_number_that_is_not_the_next_one_stays_text():
    parsed = parse_text("Titel\n\n(1) Een.\n(2) Zie (2) en (5) hier.\n(3) Drie.")
    assert parsed.paragraph_numbers == (1, 2, 3)
    assert line(parsed, 2).plain == "Zie (2) en (5) hier."


@pytest.mark.parametrize(
    ("raw", "numbers", "warning"),
    [
        ("(1) Een.\n(3) Drie.\n(4) Vier.", (1, 3, 4), {"expected": 2, "found": 3}),
        ("(1) Een.\n\n(2) Twee.\n\n(5) Vijf.", (1, 2, 5), {"expected": 3, "found": 5}),
        ("(1) Een.\n80 (3) Drie met een kantlijnnummer.", (1, 3), {"expected": 2, "found": 3}),
    ],
    ids=["skipped one", "after a blank line", "after a margin number"],
)
def test_a_marker_opening_a_line_with_a_number_skipped_is_a_marker_with_a_warning(
    raw, numbers, warning
):
    parsed = parse_text("Titel\n\n" + raw)
    assert parsed.paragraph_numbers == numbers
    assert Warning("paragraph_out_of_sequence", warning) in parsed.warnings


def test_markers_in_sequence_give_no_sequence_warning(seed):
    assert not [w for w in seed.warnings if w.code == "paragraph_out_of_sequence"]


def test_a_blank_line_inside_a_marked_paragraph_is_a_page_break_never_a_line():
    parsed = parse_text("Titel\n\n(1) Hoe meer digitale\n\nverbindingen u heeft.\n(2) Twee.")
    assert [(ln.number, ln.paragraph, ln.plain, ln.starts_page) for ln in parsed.lines] == [
        (1, 1, "Hoe meer digitale", False),
        (2, 1, "verbindingen u heeft.", True),
        (3, 2, "Twee.", False),
    ]
    assert all(ln.plain.strip() for ln in parsed.lines)


def test_text_before_the_first_marker_joins_the_first_paragraph_with_a_warning():
    parsed = parse_text("Titel\n\nEen inleiding.\n\n(1) Een.\n(2) Twee.")
    assert Warning("text_before_first_paragraph") in parsed.warnings
    # Paragraph numbers stay unique, so the booklet can be stored.
    assert parsed.paragraph_numbers == (1, 2)
    assert [(ln.paragraph, ln.starts_paragraph, ln.plain) for ln in parsed.lines] == [
        (1, True, "Een inleiding."),
        (1, False, "Een."),
        (2, True, "Twee."),
    ]


@pytest.mark.parametrize(
    ("raw", "subtitle", "introduction", "lines"),
    [
        (
            "Titel\n\n*Tekst 3 bestaat uit\ntwee fragmenten.*\n\n(1) Een.\n(2) Twee.",
            "",
            "Tekst 3 bestaat uit twee fragmenten.",
            ["Een.", "Twee."],
        ),
        (
            "Titel\n\n**Een ondertitel**\n\n*Eerst dit.*\n\n*En dit.*\n\n(1) Een.",
            "Een ondertitel",
            "Eerst dit.\n\nEn dit.",
            ["Een."],
        ),
        ("Titel\n\n**Alleen een ondertitel**\n\n(1) Een.", "Alleen een ondertitel", "", ["Een."]),
        # only partly in italics: a line before (1), as before
        ("Titel\n\n*Half* schuin.\n\n(1) Een.", "", "", ["Half schuin.", "Een."]),
        # a margin number in it: it is a numbered line
        (
            "Titel\n\n*een\ntwee\ndrie\nvier\n5 vijf*\n\n(1) Een.",
            "",
            "",
            ["een", "twee", "drie", "vier", "vijf", "Een."],
        ),
        # no markers: an italic first paragraph is the text's first paragraph
        ("Titel\n\n*Schuin begin.*\n\nDaarna.", "", "", ["Schuin begin.", "Daarna."]),
        # no title: nothing stands under it
        ("*Schuin begin.*\n(1) Een.", "", "", ["Schuin begin.", "Een."]),
    ],
    ids=[
        "intro",
        "subtitle-and-two",
        "subtitle",
        "half-italic",
        "anchored",
        "unmarked",
        "untitled",
    ],
)
def test_an_italic_paragraph_between_the_title_and_1_is_the_introduction(
    raw, subtitle, introduction, lines
):
    parsed = parse_text(raw)

    assert (parsed.subtitle, parsed.introduction) == (subtitle, introduction)
    assert [ln.plain for ln in parsed.lines] == lines
    assert parsed.lines[0].number == 1


# --- wrapping ------------------------------------------------------------------------

FLOWING = (
    "De digitale media bieden ook extra mogelijkheden voor wie al veel volgers heeft, "
    "en de overheid moet daarom zorgvuldig afwegen wie zij als eerste helpt wanneer er "
    "problemen ontstaan bij de uitbetaling van toeslagen aan zorgbehoevende Nederlanders. "
    "Erupties van aandacht voor het merk zien de webcaremedewerkers terug in hun "
    "grafiekjes, en de maatschappelijke versplintering neemt zorgwekkende vormen aan."
)


def test_flowing_text_wraps_at_a_booklet_width_with_dutch_hyphenation():
    parsed = parse_text(FLOWING)
    widths = [len(ln.plain) for ln in parsed.lines]
    assert parsed.title == ""
    assert max(widths) <= 34
    assert sum(w >= 25 for w in widths[:-1]) >= 0.8 * (len(widths) - 1)
    hyphenated = [ln.plain for ln in parsed.lines if ln.plain.endswith("-")]
    assert hyphenated, "a column this narrow needs hyphenation"
    assert joined_words(plains(parsed)) == FLOWING.split()


def test_words_with_apostrophes_or_digits_are_never_hyphenated():
    words = "BN’ers COVID-19-besmettingen ’s-Hertogenbosch 2015-2016 d’r e-mailadressen"
    source = " ".join(f"Ook de {word} komen hier terug in de tekst." for word in words.split())
    parsed = parse_text(source)
    text = " ".join(plains(parsed))
    for word in words.split():
        assert word in text


def test_a_token_too_long_for_any_line_is_broken_so_no_line_runs_out_of_the_column():
    url = "https://www.example.com/" + "/".join(["een-heel-lang-pad"] * 6) + ".html"
    parsed = parse_text(f"Titel\n\n(1) Lees het hele verhaal op {url} en daarna verder.")
    assert max(len(ln.plain) for ln in parsed.lines) <= 42
    assert (
        joined_words(plains(parsed)) == f"Lees het hele verhaal op {url} en daarna verder.".split()
    )


def test_a_real_hyphen_never_ends_a_line():
    source = ("Bent u een BN’er met tien-, twintig- of wel honderdduizend volgers? " * 8).strip()
    parsed = parse_text(source)
    assert not any(ln.plain.endswith("twintig-") for ln in parsed.lines)
    assert " ".join(plains(parsed)).count("twintig- of") == 8


def test_a_long_line_followed_by_kept_lines_keeps_their_margin_number():
    # No blank line between the flowing part and the surviving booklet lines.
    source = (
        "Titel\n\n(1) " + FLOWING + " En helaas zit dit nieuwe\n"
        "20 kapitaal dan weer vooral bij de men-\n"
        "sen die al bulken van de andere kapi-\n"
        "talen."
    )
    parsed = parse_text(source)
    assert parsed.warnings == ()
    assert line(parsed, 20).plain == "kapitaal dan weer vooral bij de men-"
    assert line(parsed, 21).plain == "sen die al bulken van de andere kapi-"
    flowing_part = joined_words(plains(parsed)[:19])
    assert flowing_part == (FLOWING + " En helaas zit dit nieuwe").split()


def test_an_anchor_greedy_wrapping_misses_is_still_met_by_spreading_the_lines():
    second = FLOWING.replace("De digitale", "Het").replace("Erupties", "Golven")
    kept = "kapitaal dan weer vooral\nbij de men-\n30 sen die al bulken."
    # Greedy wrapping of the two paragraphs gives 28 lines at width 31 and 26 at
    # width 32: no column width gives the 27 lines that margin number 30 needs.
    parsed = parse_text(f"Titel\n\n(1) {FLOWING}\n(2) {second}\n\n{kept}")
    assert parsed.warnings == ()
    assert line(parsed, 28).plain == "kapitaal dan weer vooral"
    assert line(parsed, 28).starts_page
    assert line(parsed, 30).plain == "sen die al bulken."
    assert all(len(ln.plain) <= 42 for ln in parsed.lines)
    assert joined_words(plains(parsed)[:27]) == f"{FLOWING} {second}".split()


def test_an_anchor_that_cannot_be_met_gives_a_warning_and_stays_text():
    kept = "\n".join(f"regel nummer {i} van de tekst" for i in range(1, 21))
    parsed = parse_text(f"Titel\n\n(1) {kept}\n5 en dan de volgende regel")
    assert Warning("anchor_unmet", {"anchor": 5, "line": 21}) in parsed.warnings
    assert len(parsed.lines) == 21
    # So far from its line, "5" cannot be a margin number: it is the text's own.
    assert line(parsed, 21).plain == "5 en dan de volgende regel"


def test_a_number_starting_a_kept_line_far_from_its_line_number_is_text():
    source = (
        "Titel\n\n(1) " + FLOWING + "\n\n30 procent van de mensen\nleest geen krant meer.\n"
        "(2) " + FLOWING
    )
    parsed = parse_text(source)
    numbers = [ln.number for ln in parsed.lines if ln.plain == "30 procent van de mensen"]
    assert numbers and abs(numbers[0] - 30) > 2
    assert Warning("anchor_unmet", {"anchor": 30, "line": numbers[0]}) in parsed.warnings
    # The stray number does not push the whole text into another column width.
    assert parsed.line_width == 34
    assert (
        joined_words(plains(parsed))
        == source.split("\n\n", 1)[1].replace("(1) ", "").replace("(2) ", "").split()
    )


def test_a_margin_number_a_line_off_is_still_a_margin_number():
    kept = "\n".join(f"regel nummer {i} van de tekst" for i in range(1, 9))
    parsed = parse_text(f"Titel\n\n(1) {kept}\n10 en dan de volgende regel")
    assert Warning("anchor_unmet", {"anchor": 10, "line": 9}) in parsed.warnings
    assert line(parsed, 9).plain == "en dan de volgende regel"


def test_short_lines_are_kept_as_the_booklet_printed_them():
    source = "Titel\n\n(1) Het kapitaal dat mensen\naanboren via de sociale media, is\nvooral."
    parsed = parse_text(source)
    assert plains(parsed) == [
        "Het kapitaal dat mensen",
        "aanboren via de sociale media, is",
        "vooral.",
    ]


# --- line ends and white space --------------------------------------------------------

SAMPLE = "Titel\n\n(1) Een korte regel\nen nog een.\n\nnoot 1 woord: uitleg"


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends_read_like_unix_ones(newline, seed_source):
    assert parse_text(SAMPLE.replace("\n", newline)) == parse_text(SAMPLE)
    assert parse_text(seed_source.replace("\n", newline)) == parse_text(seed_source)


def test_tabs_and_double_spaces_become_single_spaces():
    parsed = parse_text("Titel\n\n(1) Een\tkorte  regel\t\ten   zo.")
    assert plains(parsed) == ["Een korte regel en zo."]


def test_a_soft_hyphen_at_a_line_end_prints_as_the_hyphen_the_page_showed():
    parsed = parse_text("Titel\n\n(1) de verontwaar\u00ad\ndiging van de twit\u00adteraars")
    assert plains(parsed) == ["de verontwaar-", "diging van de twitteraars"]


@pytest.mark.parametrize("separator", ["\v", "\u2028", "\x85"])
def test_word_and_unicode_line_breaks_break_lines(separator):
    parsed = parse_text(f"Titel\n\n(1) Het kapitaal dat mensen{separator}aanboren via de media")
    assert plains(parsed) == ["Het kapitaal dat mensen", "aanboren via de media"]


def test_a_line_of_only_invisible_characters_is_a_blank_line():
    parsed = parse_text("Titel\n\nEen alinea.\n\u200b\ufeff\nTweede alinea.")
    assert parsed.paragraph_numbers == (1, 2)
    assert plains(parsed) == ["Een alinea.", "Tweede alinea."]


# --- footnotes -----------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["¹⁾", "1)", "[1]", "¹"])
def test_footnote_marker_styles_all_link_to_the_note(marker):
    parsed = parse_text(
        f"Titel\n\n(1) Veel twitteraars{marker} waren blij.\n\nnoot 1 twitteraars: x"
    )
    [only] = parsed.lines
    assert only.plain == "Veel twitteraars waren blij."
    assert only.notes == (1,)
    assert "twitteraars" + note_ref(1) in markup(only)
    assert parsed.warnings == ()


def test_a_marker_without_a_note_gives_a_warning():
    parsed = parse_text("Titel\n\n(1) Een woord¹⁾ hier.")
    assert parsed.warnings == (Warning("marker_without_note", {"number": 1}),)


def test_a_note_without_a_marker_gives_a_warning():
    parsed = parse_text("Titel\n\n(1) Een woord hier.\n\nnoot 1 woord: uitleg")
    assert parsed.warnings == (Warning("note_without_marker", {"number": 1}),)
    assert parsed.footnotes[0].term == "woord"


def test_a_note_that_continues_on_the_next_line_is_joined():
    parsed = parse_text(
        "Titel\n\n(1) Een term²⁾ hier.\n\nnoot 2 *term*: een uitleg die\nverder gaat\n"
    )
    [note] = parsed.footnotes
    assert (note.number, note.term, note.body) == (2, "term", "een uitleg die verder gaat")


def test_a_marker_standing_apart_from_its_word_joins_the_word_before():
    parsed = parse_text("Titel\n\n(1) Veel twitteraars ¹⁾ waren blij.\n\nnoot 1 x: y")
    assert line(parsed, 1).plain == "Veel twitteraars waren blij."
    assert "twitteraars" + note_ref(1) in markup(line(parsed, 1))


@pytest.mark.parametrize(
    "text",
    [
        "een kamer van 20 m² en een tuin",
        "de uitstoot (in CO2) daalt",
        "tijdens de pandemie (COVID-19) was het stil",
        "het jaar 2015) was",
    ],
)
def test_numbers_that_only_look_like_footnote_markers_stay_text(text):
    parsed = parse_text(f"Titel\n\n(1) {text}")
    assert " ".join(plains(parsed)) == text
    assert all(ln.notes == () for ln in parsed.lines)
    assert parsed.warnings == ()


def test_a_footnote_reference_stays_on_the_line_of_its_word_when_hyphenated():
    source = "Titel\n\n(1) " + " ".join(
        f"Dit zijn de verontwaardigingen{i}) van" for i in range(1, 9)
    )
    source += "\n\n" + "\n".join(f"noot {i} x: y" for i in range(1, 9))
    parsed = parse_text(source)
    assert [n for ln in parsed.lines for n in ln.notes] == list(range(1, 9))
    for ln in parsed.lines:
        for number in ln.notes:
            before = without_own_tags(markup(ln).split(note_ref(number))[0])
            assert before.endswith("gen"), ln


def test_a_reference_inside_a_word_split_right_there_stays_before_the_hyphen():
    raw = (
        "Titel\n\n(1) een een een een een de zorg¹⁾verzekeringen en nog veel meer woorden "
        "om de regel te vullen tot hij vol is\n\nnoot 1 zorg: uitleg"
    )
    parsed = parse_text(raw)
    assert line(parsed, 1).plain == "een een een een een de zorg-"
    assert markup(line(parsed, 1)).endswith("de zorg" + note_ref(1) + "-")
    assert line(parsed, 1).notes == (1,)
    assert line(parsed, 2).plain.startswith("verzekeringen")
    assert line(parsed, 2).notes == ()


# --- emphasis and runs -----------------------------------------------------------------


def test_emphasis_across_words_and_a_line_end_is_em_on_both_lines():
    parsed = parse_text("Titel\n\n(1) Dit is *heel erg\nbelangrijk* zegt hij.")
    assert line(parsed, 1).runs == (("text", "Dit is "), ("em", "heel erg"))
    assert line(parsed, 2).runs == (("em", "belangrijk"), ("text", " zegt hij."))
    assert plains(parsed) == ["Dit is heel erg", "belangrijk zegt hij."]


def test_an_unpaired_asterisk_is_kept_as_text():
    parsed = parse_text("Titel\n\n(1) Reken 5 * 3 uit.")
    assert line(parsed, 1).plain == "Reken 5 * 3 uit."
    assert line(parsed, 1).runs == (("text", "Reken 5 * 3 uit."),)
    assert Warning("unclosed_emphasis", {"paragraph": 1}) in parsed.warnings


@pytest.mark.parametrize(
    "source_line",
    ["Een <script>alert(1)</script> hier", "Jansen & Zonen", '<img src=x onerror="x()">'],
)
def test_html_in_the_text_is_kept_as_text_never_as_html(source_line):
    # The importer builds no HTML at all: {% booklet %} escapes the text (see
    # tests/test_booklet_render.py).
    parsed = parse_text(f"Titel\n\n(1) {source_line}")
    [only] = parsed.lines
    assert only.plain == source_line
    assert only.runs == (("text", source_line),)


# --- never correct the source ---------------------------------------------------------


def test_odd_spelling_and_punctuation_come_out_with_the_same_characters():
    odd = "De dt-fout wordt gehouden ,zo staat het er ; echt!!  En ‘quote’ “dubbel” ..."
    parsed = parse_text(f"Titel\n\n(1) {odd}")
    assert " ".join(plains(parsed)) == " ".join(odd.split())


# --- errors -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "code"),
    [
        ("", "empty"),
        ("   \n\t\n  \r\n", "empty"),
        ("Titel\n\n(1) Een\x00twee", "binary"),
        ("Titel\n\n(1) Een\x07twee", "binary"),
        ("naar: Kees Kraaijeveld\n\nuit: Vrij Nederland, 11 februari 2015", "no_lines"),
        ("noot 1 twitteraars: mensen die twitteren", "no_lines"),
        ("Tekst 1", "no_lines"),
        ("Tekst 2\n\nnaar: Kees Kraaijeveld", "no_lines"),
    ],
)
def test_input_that_cannot_become_a_booklet_raises_a_clear_error(source, code):
    with pytest.raises(ParseError) as caught:
        parse_text(source)
    assert caught.value.code == code


# --- a pure core ------------------------------------------------------------------------


def test_the_importers_import_no_django():
    # A fresh interpreter: in this one the test settings have loaded Django already.
    code = (
        "import sys, texts.parsing, texts.pdf_booklet; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'exam'}))"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
