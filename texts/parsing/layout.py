"""Laying out the paragraphs: the width that makes every margin number hold, the
lines each stretch between two anchors must fill, and the numbered lines."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from functools import cached_property

from texts.parsing.errors import ParseError, Warning
from texts.parsing.limits import (
    ANCHOR_TOLERANCE,
    DEFAULT_WIDTH,
    MAX_LINES,
    MAX_WIDTH,
    MIN_WIDTH,
)
from texts.parsing.lines import LaidLine, line_runs, wrap_exact, wrap_greedy
from texts.parsing.parsed import ParsedLine
from texts.parsing.structure import Paragraph
from texts.parsing.words import LITERAL_STAR, InlineState, Piece, Word, tokenize


@dataclass
class _Item:
    """One unit of layout: a flowing segment to wrap, or a kept booklet line."""

    paragraph: int
    starts_paragraph: bool
    starts_page: bool
    words: list[Word]
    fixed: bool
    anchor: int | None = None
    # The digits of the anchor as written, and the number if it turned out to be text.
    anchor_digits: str = ""
    number_as_text: int | None = None
    laid: list[LaidLine] | None = None
    _greedy: dict[int, list[LaidLine]] = field(default_factory=dict)

    @property
    def indent(self) -> int:
        # The paragraph number "(n) " is printed before the first line and takes room.
        return len(f"({self.paragraph}) ") if self.starts_paragraph else 0

    def greedy(self, width: int) -> list[LaidLine]:
        """Greedy wrapping at `width`, remembered: choosing a width tries several."""
        if width not in self._greedy:
            self._greedy[width] = wrap_greedy(self.words, width, self.indent)
        return self._greedy[width]

    @cached_property
    def most_lines(self) -> int:
        """The most lines the words can fill: one per hyphenation fragment."""
        return sum(len(w.split_points) + 1 for w in self.words)


def _items(paragraphs: list[Paragraph], warnings: list[Warning]) -> list[_Item]:
    items: list[_Item] = []
    for paragraph in paragraphs:
        if _keep_unpaired_star(paragraph):
            warnings.append(Warning("unclosed_emphasis", {"paragraph": paragraph.number}))
        state = InlineState()
        first = True
        for chunk in paragraph.chunks:
            page = chunk.starts_page
            i = 0
            while i < len(chunk.raw_lines):
                if chunk.flowing[i]:
                    j = i
                    while j < len(chunk.raw_lines) and chunk.flowing[j]:
                        j += 1
                    words = tokenize(" ".join(chunk.raw_lines[i:j]), state)
                    fixed, anchor = False, None
                else:
                    j = i + 1
                    words = tokenize(chunk.raw_lines[i], state)
                    fixed, anchor = True, chunk.anchors.get(i)
                i = j
                if not words:
                    continue
                item = _Item(paragraph.number, first, page, words, fixed, anchor)
                if anchor is not None:
                    item.anchor_digits = chunk.anchor_digits[i - 1]
                items.append(item)
                first = page = False
    return items


def _keep_unpaired_star(paragraph: Paragraph) -> bool:
    """An odd emphasis mark ("5 * 3", a forgotten closing "*") is text, not emphasis:
    mark the last one to be kept as "*". True if there was one."""
    stars = sum(line.count("*") for chunk in paragraph.chunks for line in chunk.raw_lines)
    if stars % 2 == 0:
        return False
    for chunk in reversed(paragraph.chunks):
        for i in range(len(chunk.raw_lines) - 1, -1, -1):
            line = chunk.raw_lines[i]
            at = line.rfind("*")
            if at >= 0:
                chunk.raw_lines[i] = line[:at] + LITERAL_STAR + line[at + 1 :]
                return True
    return False


def lay_out(paragraphs: list[Paragraph], warnings: list[Warning]):
    items = _items(paragraphs, warnings)
    if _fewest_lines(items) > MAX_LINES:
        # Refused before the widths are tried: a long text need not be laid out to
        # know it cannot fit.
        raise ParseError("too_long", max_lines=MAX_LINES)
    # The widest column gives the fewest lines any layout can have (greedy filling
    # at a width is the fewest for it): past MAX_LINES no other width is tried.
    widest = sum(1 if item.fixed else len(item.greedy(MAX_WIDTH)) for item in items)
    if widest > MAX_LINES:
        raise ParseError("too_long", max_lines=MAX_LINES)
    _keep_implausible_anchors_as_text(items)
    flowing = [item for item in items if not item.fixed]
    for item in items:
        if item.fixed:
            item.laid = [LaidLine(item.words)]
    if not flowing:
        _check_anchors(items, warnings)
        return items, None

    width = _choose_width(items)
    counts = {id(item): len(item.greedy(width)) for item in flowing}
    _fit_regions(items, width, counts, warnings)
    return items, width


def _fewest_lines(items: list[_Item]) -> int:
    """A lower bound on the lines any layout takes: a kept line is one line, and no
    wrapped line holds more than MAX_WIDTH characters (a few more for footnote refs)."""
    per_line = MAX_WIDTH + 1 + 4
    lines = 0
    for item in items:
        if item.fixed:
            lines += 1
        else:
            lines += sum(w.width + 1 for w in item.words) // per_line
    return lines


def _keep_implausible_anchors_as_text(items: list[_Item]) -> None:
    """Give back to the text a number that cannot be the margin number of its line."""
    low = high = 0  # the range of line numbers laid out so far
    for item in items:
        if item.fixed and item.anchor is not None:
            if low + 1 - ANCHOR_TOLERANCE <= item.anchor <= high + 1 + ANCHOR_TOLERANCE:
                low = high = item.anchor
                continue
            em = item.words[0].pieces[0].em
            item.words = [Word((Piece(item.anchor_digits, em),)), *item.words]
            item.number_as_text, item.anchor = item.anchor, None
        if item.fixed:
            low, high = low + 1, high + 1
        else:
            low += len(item.greedy(MAX_WIDTH))
            high += len(item.greedy(MIN_WIDTH))


def _regions(items: list[_Item]):
    """(flowing items, lines they must fill) between consecutive anchors."""
    fixed_before = 0
    region: list[_Item] = []
    start = 1
    for item in items:
        if item.fixed and item.anchor is not None:
            yield region, item.anchor - start - fixed_before, item.anchor
            start, fixed_before, region = item.anchor + 1, 0, []
            continue
        if item.fixed:
            fixed_before += 1
        else:
            region.append(item)
    yield region, None, None


def _choose_width(items: list[_Item]) -> int:
    """The width at which greedy wrapping meets every anchor, nearest the width of the
    surviving booklet lines; else the narrowest width at which nothing overflows an
    anchor (the layout is then spread to fit)."""
    kept = [len(" ".join(w.visible for w in item.words)) for item in items if item.fixed]
    reference = round(statistics.median(kept)) if len(kept) >= 3 else DEFAULT_WIDTH
    # Only anchors that some width can meet decide the width: one that cannot (or a
    # stretch of kept lines with a line missing) is reported, not followed.
    regions = [
        (r, need)
        for r, need, _anchor in _regions(items)
        if need is not None and r and sum(len(i.greedy(MAX_WIDTH)) for i in r) <= need
    ]
    if not regions:
        return min(max(reference, MIN_WIDTH), MAX_WIDTH) if kept else DEFAULT_WIDTH

    def counts(width: int) -> list[tuple[int, int]]:
        return [(sum(len(i.greedy(width)) for i in region), need) for region, need in regions]

    exact, feasible = [], []
    for width in range(MIN_WIDTH, MAX_WIDTH + 1):
        pairs = counts(width)
        if all(got == need for got, need in pairs):
            exact.append(width)
        if all(got <= need for got, need in pairs):
            feasible.append(width)
            if any(got < need for got, need in pairs):
                break  # wider only gives fewer lines: no exact fit beyond this
    if exact:
        return min(exact, key=lambda w: (abs(w - reference), w))
    if feasible:
        return feasible[0]
    return MAX_WIDTH


def _fit_regions(items: list[_Item], width: int, counts: dict[int, int], warnings) -> None:
    for region, need, _anchor in _regions(items):
        for item in region:
            item.laid = item.greedy(width)
        if need is None or not region:
            continue
        got = sum(counts[id(i)] for i in region)
        if got == need:
            continue
        if got < need:
            targets = {id(i): counts[id(i)] for i in region}
            extra = need - got
            while extra:
                # One more line for a segment that can still take one, in turn.
                open_items = [i for i in region if targets[id(i)] < i.most_lines]
                if not open_items:
                    break
                item = max(open_items, key=lambda i: counts[id(i)] / max(targets[id(i)], 1))
                targets[id(item)] += 1
                extra -= 1
            spread = {id(i): wrap_exact(i.words, width, targets[id(i)], i.indent) for i in region}
            if all(spread.values()):
                for item in region:
                    item.laid = spread[id(item)]
    _check_anchors(items, warnings)


def _check_anchors(items: list[_Item], warnings: list[Warning]) -> None:
    number = 0
    for item in items:
        anchor = item.anchor if item.anchor is not None else item.number_as_text
        if item.fixed and anchor is not None and anchor != number + 1:
            warnings.append(Warning("anchor_unmet", {"anchor": anchor, "line": number + 1}))
        number += len(item.laid or ())


def number_lines(items: list[_Item]) -> list[ParsedLine]:
    out: list[ParsedLine] = []
    for item in items:
        for i, laid in enumerate(item.laid or ()):
            plain, runs, notes = line_runs(laid)
            out.append(
                ParsedLine(
                    number=len(out) + 1,
                    paragraph=item.paragraph,
                    plain=plain,
                    runs=runs,
                    starts_paragraph=item.starts_paragraph and i == 0,
                    starts_page=item.starts_page and i == 0,
                    notes=notes,
                )
            )
    return out
