"""The importer's cost grows linearly with its input, whatever shape the input has.

An upload may be 1 MB (settings.TEXT_UPLOAD_MAX_BYTES). Each shape below once took
seconds to hours, or all the machine's memory (one unbroken 50,000-character token:
12 s and 4.5 GB). Now every shape imports or is refused with a ParseError, within a
few seconds and a few megabytes. bench/bench_import_shapes.py prints the figures.
"""

import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.import_shapes import SHAPES
from texts import parsing
from texts.parsing import MAX_CHARACTERS, ParseError, parse_text
from texts.parsing.lines import cut_word
from texts.parsing.words import Piece, Word, split_word

ONE_MB = 1024 * 1024
SECONDS = 5.0  # the bound; the worst shape takes about 2 s on one core
PEAK_MB = 300
# "anchor to spread" stays at the size where spreading is busiest, whatever n is.
SIZED = sorted(set(SHAPES) - {"anchor to spread"})


def _run(text: str) -> str:
    try:
        parse_text(text)
    except ParseError as error:
        return error.code
    return "ok"


@pytest.mark.parametrize("shape", SIZED)
def test_a_1_mb_text_of_any_shape_is_refused_at_once(shape):
    text = SHAPES[shape](ONE_MB)
    start = time.perf_counter()
    assert _run(text) == "too_many_characters"
    assert time.perf_counter() - start < 0.5


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_the_longest_text_read_of_any_shape_finishes_in_seconds(shape):
    parsing.warm_up()
    text = SHAPES[shape](MAX_CHARACTERS - 100)
    start = time.process_time()
    _run(text)
    assert time.process_time() - start < SECONDS


@pytest.mark.parametrize("shape", SIZED)
def test_memory_grows_with_the_text_not_faster(shape):
    # tracemalloc slows allocation-heavy code many times over, so a tenth of the
    # longest text; linear growth keeps the full size under PEAK_MB.
    parsing.warm_up()
    text = SHAPES[shape](MAX_CHARACTERS // 10)
    tracemalloc.start()
    try:
        _run(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < PEAK_MB * 1024 * 1024 / 10


def test_spreading_a_long_paragraph_stays_within_its_budget():
    parsing.warm_up()
    tracemalloc.start()
    try:
        assert _run(SHAPES["anchor to spread"](5_000)) == "ok"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 50 * 1024 * 1024


@pytest.mark.parametrize(
    ("length", "code"),
    [
        (50_000, "ok"),
        (MAX_CHARACTERS - 10, "too_long"),
        (MAX_CHARACTERS + 1, "too_many_characters"),
    ],
)
def test_one_unbroken_token_is_broken_into_lines_or_refused(length, code):
    start = time.process_time()
    assert _run("Titel\n\n" + "a" * length) == code
    assert time.process_time() - start < SECONDS


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(
    st.lists(
        st.one_of(
            st.text(alphabet="aeo-.*¹⁾[1]()", min_size=40, max_size=3000),
            st.sampled_from(["\n", "\n\n", " ", "(2) ", "85 "]),
        ),
        max_size=12,
    )
)
def test_long_tokens_and_markers_give_a_booklet_or_a_clear_error(parts):
    _run("Titel\n\n" + "".join(parts))


@FAST
@given(
    pieces=st.lists(
        st.tuples(
            st.text(alphabet="ab*", min_size=1, max_size=6),
            st.booleans(),
            st.one_of(st.none(), st.integers(1, 9)),
        ),
        min_size=1,
        max_size=6,
    ),
    data=st.data(),
)
def test_cutting_a_word_at_once_equals_cutting_it_one_head_at_a_time(pieces, data):
    word = Word(
        tuple(
            Piece(text, em, note) if note is None else Piece("", em, note)
            for text, em, note in pieces
        )
    )
    if len(word.visible) < 2:
        return
    points = sorted(data.draw(st.sets(st.integers(1, len(word.visible) - 1), max_size=5)))
    expected, rest, offset = [], word, 0
    for p in points:
        head, rest = split_word(rest, p - offset)
        offset = p
        expected.append(head)
    expected.append(rest)
    got = cut_word(word, points)
    assert [(w.pieces, w.glued) for w in got] == [(w.pieces, w.glued) for w in expected]
