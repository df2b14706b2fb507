"""Finding a pupil's quotation in the seed text's booklet lines, and checking it."""

import time
from pathlib import Path

import pytest

from exam.citations import build_index, check_citation, find_all, locate, normalise_word
from texts.parsing import parse_text

SEED = (
    Path(__file__).resolve().parent.parent
    / "texts"
    / "samples"
    / "laat-de-brutalen-niet-voordringen.txt"
)

WIE_TWITTERT = "Wie twittert, wordt gehoord."
HOE_MEER = "Hoe meer digitale verbindingen u heeft, des te belangrijker vinden bedrijven wat u online meldt."
VOORDRINGKANALEN = "We willen mondige mensen, maar geen voordringkanalen voor de brutalen."


@pytest.fixture(scope="module")
def lines():
    parsed = parse_text(SEED.read_text(encoding="utf-8"))
    return [(line.number, line.plain) for line in parsed.lines]


@pytest.mark.parametrize(
    ("typed", "first_line", "last_line"),
    [
        (WIE_TWITTERT, 27, 27),
        ("wie twittert wordt gehoord", 27, 27),
        # A word split at a line end is one word, typed whole or with its hyphen.
        ("persoonskapitaal", 84, 85),
        ("persoons-kapitaal", 84, 85),
        ("ten eerste persoons- kapitaal (schoonheid", 84, 85),
        ("geen voordringkanalen voor de brutalen", 104, 105),
        # Across the page break after line 42.
        ("Hoe meer digitale verbindingen", 42, 43),
        # Quotation marks, capitals and diacritics do not matter.
        ("“Daar observeert men hoe het eigen merk het doet”", 31, 32),
        ("BN'ER MET TIEN-, TWINTIG- OF WEL HONDERDDUIZEND", 50, 51),
        # The text as it stands, with its own spelling.
        ("Zo ontstaan ‘voordringkanalen’, waarschuwd een van mijn volgers.", 71, 73),
        ("rapport Vershil in Nederland", 79, 80),
        ("zeker voor het RRT van de SVB.", 109, 109),
    ],
)
def test_it_finds_typed_words_on_the_booklet_lines(lines, typed, first_line, last_line):
    span = locate(typed, lines)
    assert span is not None
    assert (span.first_line, span.last_line) == (first_line, last_line)


@pytest.mark.parametrize(
    "typed",
    [
        "Wie twittert wordt beloond",
        "persoons kapitaal",
        "De overheid belt twitteraars",
        "",
    ],
)
def test_words_that_are_not_in_the_text_are_not_found(lines, typed):
    assert locate(typed, lines) is None


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ("Wie twitert, wordt gehoord", True),  # a letter missing
        ("Wie twittret, wordt gehoord", True),  # two letters swapped
        ("Wie twittert, wordt gehoort", True),  # one letter wrong
        ("Wie twittertt, wordt gehoord", True),  # one letter extra
        ("Wie twiter, wordt gehoord", False),  # two letters missing in one word
        ("Wei twittert, wordt gehoord", False),  # short words must be exact
        ("Wie twitert, wort gehoort", True),  # one typo in each of several words
    ],
)
def test_it_forgives_one_small_typo_per_longer_word(lines, typed, found):
    assert (locate(typed, lines) is not None) is found


def test_an_exact_search_forgives_no_typo(lines):
    assert locate("Wie twitert, wordt gehoord", lines, fuzzy=False) is None


def test_word_indexes_are_the_same_however_a_line_breaks(lines):
    whole = locate(HOE_MEER, lines)
    start = locate("Hoe meer", lines)
    end = locate("online meldt", lines)
    assert (whole.first_word, whole.last_word) == (start.first_word, end.last_word)


def test_a_phrase_that_occurs_twice_is_found_twice(lines):
    assert [span.first_line for span in find_all("het bedrijfsleven", lines)] == [28, 54, 70]


@pytest.mark.parametrize(
    ("word", "normal"),
    [("‘Doet’,", "doet"), ("BN’er", "bner"), ("#svb-alarm", "svbalarm"), ("geëerd", "geeerd")],
)
def test_a_word_is_compared_without_case_punctuation_or_diacritics(word, normal):
    assert normalise_word(word) == normal


def test_the_index_glues_every_hyphenated_line_end_of_the_seed(lines):
    index = build_index(lines)
    glued = {word.norm for word in index.words if word.first_line != word.last_line}
    assert {"persoonskapitaal", "voordringkanalen", "belangrijker", "twitteraars"} <= glued
    # "tien-," and "twintig-" are real hyphens in the middle of a line: never glued.
    assert "tientwintig" not in index.positions
    assert "twintigof" not in index.positions


# --- a quotation asked for as a whole sentence --------------------------------------------


@pytest.mark.parametrize(
    ("response", "correct", "feedback", "cited"),
    [
        (HOE_MEER, True, (), (42, 45)),
        # Missing final punctuation, no commas, lower case.
        (
            "hoe meer digitale verbindingen u heeft des te belangrijker vinden bedrijven wat u online meldt",
            True,
            (),
            (42, 45),
        ),
        (
            "Hoe meer digitale verbindingen u heeft, des te belangrijkr vinden bedrijven wat u online meldt.",
            True,
            ("typo_tolerated",),
            (42, 45),
        ),
        # The target, then the text runs on: only the first quotation counts.
        (
            HOE_MEER + " Heeft u minder dan vijfhonderd volgers op Twitter?",
            True,
            ("extra_quotation_ignored",),
            (42, 45),
        ),
        # The target, then a second quotation from elsewhere: ignored as well.
        (HOE_MEER + " " + WIE_TWITTERT, True, ("extra_quotation_ignored",), (42, 45)),
        # Another sentence first: that is the one marked, and it is not the target.
        (WIE_TWITTERT + " " + HOE_MEER, False, ("wrong_span",), (27, 27)),
        ("(Twitter). " + HOE_MEER, False, ("wrong_span",), (42, 45)),
        # Only part of the sentence.
        ("Hoe meer digitale verbindingen u heeft", False, ("incomplete_quotation",), (42, 43)),
        (
            "des te belangrijker vinden bedrijven wat u online meldt",
            False,
            ("incomplete_quotation",),
            (43, 45),
        ),
        # A paraphrase is not a quotation.
        (
            "Hoe meer volgers je hebt, hoe sneller bedrijven reageren.",
            False,
            ("not_in_text",),
            None,
        ),
        ("De SVB belt mensen met veel volgers.", False, ("not_in_text",), None),
    ],
)
def test_a_sentence_quotation_must_be_the_whole_target_sentence_first(
    lines, response, correct, feedback, cited
):
    check = check_citation(response, mode="sentence", spans=[HOE_MEER], lines=lines)
    assert (check.is_correct, check.feedback) == (correct, feedback)
    assert (check.span and (check.span.first_line, check.span.last_line)) == cited


def test_any_accepted_span_scores(lines):
    spans = [WIE_TWITTERT, HOE_MEER]
    assert check_citation(HOE_MEER, mode="sentence", spans=spans, lines=lines).is_correct
    assert check_citation(WIE_TWITTERT, mode="sentence", spans=spans, lines=lines).is_correct


def test_a_quotation_across_a_hyphenated_line_end_scores(lines):
    check = check_citation(
        "We willen mondige mensen maar geen voordringkana- len voor de brutalen",
        mode="sentence",
        spans=[VOORDRINGKANALEN],
        lines=lines,
    )
    assert check.is_correct
    assert (check.span.first_line, check.span.last_line) == (103, 105)


# --- the first and the last words --------------------------------------------------------


@pytest.mark.parametrize(
    ("response", "correct", "feedback", "cited"),
    [
        ({"first": "Hoe meer", "last": "online meldt."}, True, (), (42, 45)),
        ({"first": "hoe meer", "last": "online meldt"}, True, (), (42, 45)),
        ({"first": "Hoe meer digitale", "last": "wat u online meldt"}, True, (), (42, 45)),
        ({"first": "Hoe mer", "last": "onlien meldt"}, True, ("typo_tolerated",), (42, 45)),
        ("Hoe meer ... online meldt.", True, (), (42, 45)),
        ("Hoe meer … online meldt.", True, (), (42, 45)),
        # The span must end where the target ends.
        ({"first": "Hoe meer", "last": "u heeft"}, False, ("wrong_span",), (42, 43)),
        ({"first": "Deze impact", "last": "online meldt."}, False, ("wrong_span",), (39, 45)),
        ({"first": "Hoe", "last": "meldt"}, False, ("too_few_words",), None),
        ({"first": "Zoveel meer", "last": "online meldt"}, False, ("not_in_text",), None),
        ("Hoe meer online meldt", False, ("wrong_format",), None),
    ],
)
def test_first_and_last_words_must_locate_the_target_span(
    lines, response, correct, feedback, cited
):
    check = check_citation(response, mode="first_last", spans=[HOE_MEER], lines=lines)
    assert (check.is_correct, check.feedback) == (correct, feedback)
    assert (check.span and (check.span.first_line, check.span.last_line)) == cited


def test_first_words_that_occur_twice_still_find_the_target(lines):
    # "De SVB" stands on lines 13 and 55; the last words decide which span is meant.
    target = "De SVB belt burgers omdat ze actief zijn op Twitter."
    check = check_citation(
        {"first": "De SVB", "last": "op Twitter."}, mode="first_last", spans=[target], lines=lines
    )
    assert check.is_correct
    assert (check.span.first_line, check.span.last_line) == (55, 57)


def test_an_unknown_mode_is_a_programming_error(lines):
    with pytest.raises(ValueError):
        check_citation(HOE_MEER, mode="quote", spans=[HOE_MEER], lines=lines)


def test_checking_a_whole_class_of_quotations_is_fast(lines):
    responses = [
        HOE_MEER,
        "hoe meer digitale verbindingen u heeft des te belangrijkr vinden bedrijven",
        "Bedrijven letten vooral op mensen met veel volgers.",
        WIE_TWITTERT + " " + HOE_MEER,
    ] * 100
    started = time.perf_counter()
    for response in responses:
        check_citation(response, mode="sentence", spans=[HOE_MEER], lines=lines)
    # Measured at about 0.2 ms a check; a generous bound for a busy machine.
    assert time.perf_counter() - started < 4.0
