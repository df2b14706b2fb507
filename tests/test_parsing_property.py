"""Whatever a teacher pastes, the importer gives a booklet or its own clear error.

Never a crash: any exception other than ParseError fails these tests. And a booklet
always holds together: lines 1..N, each in a known paragraph, none empty, and its
runs (never HTML) say exactly what the line says.
"""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from texts.parsing import NOTE, TEXT_KINDS, ParsedText, ParseError, parse_text

FAST = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

WORDS = st.sampled_from(
    [
        "de",
        "het",
        "twitteraars",
        "verontwaardiging",
        "Kamerdebat",
        "BN’er",
        "tien-,",
        "twintig-",
        "of",
        "‘doet’",
        "(RRT)",
        "(netwer-",
        "ken).",
        "COVID-19",
        "m²",
        "<script>",
        "&amp;",
        "a\tb",
        "https://www.example.com/een/heel/lang/pad/naar/een/pagina.html",
        "Wie",
        "persoons-",
        "kapitaal",
        "waarschuwd",
    ]
)
PIECES = st.one_of(
    WORDS,
    WORDS,
    WORDS,
    st.integers(0, 120).map(lambda n: f"({n})"),
    st.integers(0, 120).map(str),
    st.just("\n"),
    st.just("\n\n"),
    st.just("\r\n"),
    st.just("*"),
    st.sampled_from(["¹⁾", "²⁾", "³", "1)", "[2]", " ¹⁾"]),
    st.integers(0, 4).map(lambda n: f"\nnoot {n} *term*: uitleg"),
    st.sampled_from(["\nnaar: Kees Kraaijeveld", "\nuit: Vrij Nederland", "\nTekst 1\n"]),
    st.text(max_size=5),
)
PLAUSIBLE = st.lists(PIECES, max_size=80).map(" ".join)
# Long flowing stretches push the layout through width choice, anchors and spreading.
LONG_PARAGRAPHS = st.lists(
    st.tuples(st.lists(WORDS, min_size=10, max_size=60), st.sampled_from(["", "85 ", "5 "])),
    min_size=1,
    max_size=4,
).map(
    lambda paragraphs: (
        "Titel\n\n"
        + "\n".join(
            f"({i}) " + " ".join(words) + f"\n{anchor}kort regeltje"
            for i, (words, anchor) in enumerate(paragraphs, start=1)
        )
    )
)


def check_booklet(raw: str) -> None:
    try:
        parsed = parse_text(raw)
    except ParseError as error:
        assert error.code
        return
    assert isinstance(parsed, ParsedText)
    assert [ln.number for ln in parsed.lines] == list(range(1, len(parsed.lines) + 1))
    assert parsed.lines, "a booklet has at least one line"
    assert len(set(parsed.paragraph_numbers)) == len(parsed.paragraph_numbers)
    for ln in parsed.lines:
        assert ln.paragraph in parsed.paragraph_numbers
        assert ln.plain.strip(), ln
        assert {kind for kind, _value in ln.runs} <= {*TEXT_KINDS, NOTE}, ln.runs
        assert "".join(value for kind, value in ln.runs if kind != NOTE) == ln.plain, ln
        assert tuple(value for kind, value in ln.runs if kind == NOTE) == ln.notes, ln
        assert "\n" not in ln.plain and "\r" not in ln.plain
        assert len(ln.plain) <= 200  # what the database column holds


@FAST
@given(st.text())
def test_any_text_gives_a_booklet_or_a_clear_error(raw):
    check_booklet(raw)


@FAST
@given(PLAUSIBLE)
def test_text_made_of_booklet_pieces_gives_a_booklet_or_a_clear_error(raw):
    check_booklet(raw)


@FAST
@given(LONG_PARAGRAPHS)
def test_long_paragraphs_with_margin_numbers_give_a_booklet(raw):
    check_booklet(raw)


PLAIN_WORDS = st.sampled_from(
    [
        "de",
        "het",
        "twitteraars",
        "verontwaardiging",
        "Kamerdebat",
        "BN’er",
        "‘doet’",
        "(RRT)",
        "COVID-19",
        "maatschappelijke",
        "webcaremedewerkers",
        "tien-,",
        "twintig- of",
        "Sociale",
        "Verzekeringsbank",
        "https://www.example.com/een/heel/lang/pad/naar/een/pagina.html",
    ]
)


def words_of(lines: list[str]) -> list[str]:
    text = ""
    for current in lines:
        # In these words a line can only end in "-" where the importer broke a word.
        if text.endswith("-"):
            text = text[:-1] + current
        else:
            text = f"{text} {current}" if text else current
    return text.split()


@FAST
@given(st.lists(PLAIN_WORDS, min_size=1, max_size=150), st.integers(1, 3))
def test_flowing_words_come_out_as_they_went_in_within_the_column(words, paragraphs):
    size = -(-len(words) // paragraphs)
    # Each paragraph ends in a full stop, never in a real hyphen.
    chunks = [[*words[i : i + size], "slot."] for i in range(0, len(words), size)]
    raw = "Titel\n\n" + "\n".join(f"({i}) " + " ".join(c) for i, c in enumerate(chunks, 1))
    parsed = parse_text(raw)
    expected = " ".join(w for c in chunks for w in c).split()
    assert words_of([ln.plain for ln in parsed.lines]) == expected
    for ln in parsed.lines:
        # A long raw line is wrapped within the widest booklet column.
        assert len(ln.plain) <= 42 or len(ln.plain.split()) == 1, ln.plain


def booklet_copy(parsed: ParsedText) -> str:
    """Every line as printed, paragraph numbers and every fifth line number in front."""
    out = [parsed.title, ""]
    for ln in parsed.lines:
        printed = f"({ln.paragraph}) {ln.plain}" if ln.starts_paragraph else ln.plain
        if ln.number % 5 == 0:
            printed = f"{ln.number} {printed}"
        out += [""] if ln.starts_page else []
        out.append(printed)
    return "\n".join(out)


def layout(parsed: ParsedText) -> list[tuple]:
    return [
        (ln.number, ln.paragraph, ln.plain, ln.starts_paragraph, ln.starts_page)
        for ln in parsed.lines
    ]


BOOKLET_WORDS = st.sampled_from(
    [
        "de",
        "het",
        "een",
        "twitteraars",
        "verontwaardiging",
        "Kamerdebat",
        "BN’er",
        "tien-,",
        "twintig- of",
        "maatschappelijke",
        "webcaremedewerkers",
        "Sociale",
        "Verzekeringsbank",
        "(RRT)",
        "‘doet’",
        "2015",
        "hulpverleners.",
        "onderwerp,",
        "kapitaal",
    ]
)


@FAST
@given(st.lists(st.lists(BOOKLET_WORDS, min_size=1, max_size=120), min_size=1, max_size=4))
def test_a_copy_of_the_printed_booklet_reads_back_as_the_same_booklet(paragraphs):
    raw = "Titel\n\n" + "\n".join(
        f"({i}) " + " ".join([*words, "slot."]) for i, words in enumerate(paragraphs, 1)
    )
    parsed = parse_text(raw)
    again = parse_text(booklet_copy(parsed))
    assert again.warnings == ()
    assert layout(again) == layout(parsed)
