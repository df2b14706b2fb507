"""The highlighter's arithmetic (exam/highlights.py): marks on words, no database."""

import pytest

from exam.highlights import HighlightError, Mark, WordIndex, merge, paint

WORDS = WordIndex({1: 3, 2: 4, 3: 0, 4: 5})  # line 3 is empty (a page break)


@pytest.mark.parametrize(
    ("line", "word", "offset"),
    [(1, 0, 0), (1, 2, 2), (2, 0, 3), (2, 3, 6), (4, 0, 7), (4, 4, 11)],
)
def test_it_counts_words_from_the_start_of_the_text(line, word, offset):
    assert WORDS.offset(line, word) == offset
    assert WORDS.position(offset) == (line, word)


@pytest.mark.parametrize(("line", "word"), [(1, 3), (3, 0), (5, 0), (0, 0), (2, -1)])
def test_a_word_that_is_not_there_is_refused(line, word):
    with pytest.raises(HighlightError) as error:
        WORDS.offset(line, word)
    assert error.value.code == "bad-position"


@pytest.mark.parametrize(
    ("before", "start", "end", "colour", "after"),
    [
        # A first mark.
        ([], 2, 5, "yellow", [(2, 5, "yellow")]),
        # Marked backwards (selection from right to left): the same mark.
        ([], 5, 2, "yellow", [(2, 5, "yellow")]),
        # Two strokes of one colour that touch become one mark.
        ([(2, 5, "yellow")], 6, 8, "yellow", [(2, 8, "yellow")]),
        # Another colour over the middle splits the old mark around it.
        ([(2, 8, "yellow")], 4, 5, "green", [(2, 3, "yellow"), (4, 5, "green"), (6, 8, "yellow")]),
        # Erasing the middle leaves both ends.
        ([(2, 8, "yellow")], 4, 5, None, [(2, 3, "yellow"), (6, 8, "yellow")]),
        # Erasing over a whole mark removes it; others stay.
        ([(0, 1, "pink"), (4, 6, "blue")], 3, 9, None, [(0, 1, "pink")]),
        # Erasing where nothing is marked changes nothing.
        ([(0, 1, "pink")], 5, 6, None, [(0, 1, "pink")]),
        # A new colour over a whole mark replaces it.
        ([(4, 6, "blue")], 4, 6, "pink", [(4, 6, "pink")]),
    ],
)
def test_painting_replaces_what_it_covers(before, start, end, colour, after):
    marks = [Mark(*m) for m in before]
    assert paint(marks, start=start, end=end, colour=colour) == [Mark(*m) for m in after]


def test_an_unknown_colour_is_refused():
    with pytest.raises(HighlightError) as error:
        paint([], start=0, end=1, colour="red")
    assert error.value.code == "bad-colour"


def test_merge_keeps_different_colours_apart():
    marks = [Mark(0, 1, "blue"), Mark(2, 3, "pink"), Mark(4, 4, "pink")]
    assert merge(marks) == [Mark(0, 1, "blue"), Mark(2, 4, "pink")]
