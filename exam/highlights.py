"""The pupil's highlighter: marks on words of the booklet, exact to the word.

A mark is anchored to booklet words, never to pixels or to the browser's layout: a
position is (line number, word index), the word index counting the whitespace-separated
words of the stored line (`Line.plain`), from 0. The booklet never re-wraps a stored
line, so the same words stay marked at any window width, on any device.

Painting a range replaces whatever marks it overlaps (a new colour wins; erasing is
painting with no colour), and touching or overlapping marks of one colour merge, so a
pupil who marks a sentence in two strokes keeps one mark. The arithmetic runs on word
offsets from the start of the text, so "the word before line 12, word 0" needs no
special case.

Pure: values in, values out; the service stores the result (exam/tools.py).

>>> words = WordIndex({1: 3, 2: 4})  # line 1 has 3 words, line 2 has 4
>>> marks = paint([], start=words.offset(1, 1), end=words.offset(2, 0), colour="yellow")
>>> [(words.position(m.start), words.position(m.end), m.colour) for m in marks]
[((1, 1), (2, 0), 'yellow')]
>>> marks = paint(marks, start=words.offset(1, 2), end=words.offset(1, 2), colour=None)
>>> [(words.position(m.start), words.position(m.end), m.colour) for m in marks]
[((1, 1), (1, 1), 'yellow'), ((2, 0), (2, 0), 'yellow')]
"""

from bisect import bisect_right
from dataclasses import dataclass

COLOURS = ("yellow", "green", "blue", "pink")
# Enough for any pupil's reading; a bound so a script cannot fill the database.
MAX_MARKS_PER_ATTEMPT = 400


class HighlightError(ValueError):
    """A mark that cannot be stored; `code` says why (messages in exam/tools.py)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True, order=True)
class Mark:
    """Words start..end (inclusive) as offsets from the text's first word."""

    start: int
    end: int
    colour: str


class WordIndex:
    """Turns (line, word) into a word offset in the text and back."""

    def __init__(self, word_counts: dict[int, int]) -> None:
        self.lines = sorted(number for number, count in word_counts.items() if count > 0)
        self.counts = {number: word_counts[number] for number in self.lines}
        self.starts: list[int] = []
        total = 0
        for number in self.lines:
            self.starts.append(total)
            total += self.counts[number]
        self.first_offset = dict(zip(self.lines, self.starts, strict=True))

    def offset(self, line: int, word: int) -> int:
        """The offset of a word; HighlightError("bad-position") if there is none."""
        if line not in self.counts or not 0 <= word < self.counts[line]:
            raise HighlightError("bad-position")
        return self.first_offset[line] + word

    def position(self, offset: int) -> tuple[int, int]:
        """(line, word) of an offset made by offset()."""
        index = bisect_right(self.starts, offset) - 1
        return self.lines[index], offset - self.starts[index]


def paint(marks: list[Mark], *, start: int, end: int, colour: str | None) -> list[Mark]:
    """The marks after painting words start..end in `colour` (None erases them)."""
    if start > end:
        start, end = end, start
    if colour is not None and colour not in COLOURS:
        raise HighlightError("bad-colour")
    kept: list[Mark] = []
    for mark in marks:
        if mark.end < start or mark.start > end:
            kept.append(mark)
            continue
        # The parts of an overlapped mark outside the painted range stay.
        if mark.start < start:
            kept.append(Mark(mark.start, start - 1, mark.colour))
        if mark.end > end:
            kept.append(Mark(end + 1, mark.end, mark.colour))
    if colour is not None:
        kept.append(Mark(start, end, colour))
    return merge(kept)


def merge(marks: list[Mark]) -> list[Mark]:
    """Sorted marks, with touching or overlapping marks of one colour joined."""
    merged: list[Mark] = []
    for mark in sorted(marks):
        last = merged[-1] if merged else None
        if last and last.colour == mark.colour and mark.start <= last.end + 1:
            merged[-1] = Mark(last.start, max(last.end, mark.end), last.colour)
        else:
            merged.append(mark)
    return merged
