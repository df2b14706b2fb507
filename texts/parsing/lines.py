"""Setting words into booklet lines: greedy filling at a width, or spread over
exactly as many lines as an anchor needs; and a laid-out line as runs."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from texts.parsing.limits import MAX_WIDTH, SPREAD_BUDGET
from texts.parsing.parsed import NOTE, Run, add_run
from texts.parsing.words import Piece, Word, split_word


@dataclass
class LaidLine:
    words: list[Word]
    hyphenated: bool = False  # ends in a hyphenation break, "-" is added

    @property
    def width(self) -> int:
        return sum(w.width for w in self.words) + len(self.words) - 1 + self.hyphenated


def wrap_greedy(words: list[Word], width: int, first_indent: int) -> list[LaidLine]:
    """Fill each line as far as it goes, hyphenating the word that does not fit.

    Greedy filling gives the fewest lines a width allows, which is how booklets
    are set.
    """
    lines: list[LaidLine] = []
    current: list[Word] = []
    used = first_indent
    queue = list(words)
    i = 0
    while i < len(queue):
        word = queue[i]
        space = 1 if current else 0
        if used + space + word.width <= width:
            current.append(word)
            used += space + word.width
            i += 1
            continue
        glued = 0
        while glued < len(current) and current[-1 - glued].glued:
            glued += 1
        # No line ends after a real hyphen ("twintig- of"): words glued to this one
        # move down with it. Only when they fill the whole line may it run over, as
        # far as the widest column; beyond that it must break anyway.
        all_glued = bool(current) and glued == len(current)
        room = (MAX_WIDTH if all_glued else width) - used - space - 1  # fragment + "-"
        split = _fitting_split(word, room)
        if split:
            head, tail = split
            current.append(head)
            lines.append(LaidLine(current, hyphenated=True))
            current, used = [], 0
            queue[i] = tail
            continue
        if all_glued and used + space + word.width > MAX_WIDTH:
            glued = 0
        if current and glued < len(current):
            if glued:
                queue[i:i] = current[-glued:]
                current = current[:-glued]
            lines.append(LaidLine(current))
            current, used = [], 0
            continue
        # Nothing fits on an empty line: the word overflows.
        current.append(word)
        used += space + word.width
        i += 1
    if current:
        lines.append(LaidLine(current))
    return lines


def _fitting_split(word: Word, room: int) -> tuple[Word, Word] | None:
    """The split of `word` with the longest head that fits in `room` characters."""
    points = word.split_points
    # Only the points up to `room` can fit: on a huge token that is a few of many.
    candidates = points[: bisect_right(points, room)]
    if not candidates:
        return None
    # A footnote ref in the head takes room too: a head cut at `at` holds the refs
    # standing at or before it. Only the first `room` characters are walked.
    note_at: list[int] = []
    seen = 0
    for p in word.pieces:
        if seen > room:
            break
        if p.note is not None:
            note_at.append(seen)
        else:
            seen += len(p.text)
    for point in reversed(candidates):
        if point + bisect_right(note_at, point) <= room:
            return split_word(word, point)
    return None


def _units(words: list[Word]) -> tuple[list[Word], list[str]]:
    """Words cut at every hyphenation point, with the joint after each unit."""
    units: list[Word] = []
    joints: list[str] = []
    for w in words:
        parts = cut_word(w, w.split_points)
        units.extend(parts)
        joints.extend(["hyphen"] * (len(parts) - 1))
        joints.append("glue" if w.glued else "space")
    return units, joints


def cut_word(word: Word, points: Sequence[int]) -> list[Word]:
    """`word` cut at every visible index in `points` (ascending), in one pass.

    Cutting off one head at a time copies the rest each time, which is quadratic on
    a huge token; this is linear. Footnote refs stay with their characters, as in
    split_word.
    """
    if not points:
        return [word]
    parts: list[list[Piece]] = [[]]
    cuts = iter(points)
    cut = next(cuts, None)
    seen = 0
    for p in word.pieces:
        if p.note is not None:
            parts[-1].append(p)
            continue
        pos = 0
        while cut is not None and seen + len(p.text) > cut:
            if cut > seen + pos:
                parts[-1].append(Piece(p.text[pos : cut - seen], p.em))
                pos = cut - seen
            parts.append([])
            cut = next(cuts, None)
        if pos < len(p.text):
            parts[-1].append(Piece(p.text[pos:], p.em))
        seen += len(p.text)
    result = [Word(tuple(pieces)) for pieces in parts]
    result[-1].glued = word.glued
    return result


def wrap_exact(words: list[Word], width: int, count: int, first_indent: int):
    """Lay out the words in exactly `count` lines no wider than `width`, as evenly as
    possible (least squared slack, hyphenation breaks penalised).

    Used when greedy filling gives fewer lines than an anchor needs. Returns None if
    it cannot be done, or not within SPREAD_BUDGET.
    """
    units, joints = _units(words)
    n = len(units)
    if count > n or n * count > SPREAD_BUDGET:
        return None
    # Prefix sums: the width of units[start:end] set on one line is
    # chars[end] - chars[start] + spaces[end - 1] - spaces[start].
    chars = [0]
    spaces = [0]
    for unit, joint in zip(units, joints, strict=True):
        chars.append(chars[-1] + unit.width)
        spaces.append(spaces[-1] + (joint != "hyphen"))
    inf = float("inf")
    hyphen_at = [False] + [end < n and joints[end - 1] == "hyphen" for end in range(1, n + 1)]
    can_end = [False] + [end == n or joints[end - 1] != "glue" for end in range(1, n + 1)]
    # The width of units[start:end] on one line is right[end] - left[start].
    right = [0] + [chars[e] + spaces[e - 1] + hyphen_at[e] for e in range(1, n + 1)]
    left = [chars[s] + spaces[s] for s in range(n + 1)]
    left[0] -= first_indent
    # A line may start at 0 or wherever one may end; the first unit a line ending at
    # `end` can start with moves right as `end` does (a unit too wide for any line
    # stands alone and overflows).
    valid = [True] + can_end[1:]
    first_start = [0] * (n + 1)
    start = 0
    for end in range(1, n + 1):
        while start < end - 1 and right[end] - left[start] > width:
            start += 1
        first_start[end] = start
    # The fewest lines for units[:end] and for units[start:]. A shorter prefix (or
    # suffix) never needs more lines, so each is read off the window's edge. They
    # bound the line counts worth trying, which keeps this fast on long paragraphs.
    next_valid = [n + 1] * (n + 2)
    for s in range(n, -1, -1):
        next_valid[s] = s if valid[s] else next_valid[s + 1]
    fewest_before = [0] + [inf] * n
    for end in range(1, n + 1):
        s = next_valid[first_start[end]]
        if can_end[end] and s < end:
            fewest_before[end] = fewest_before[s] + 1
    last_end = [0] * (n + 1)
    for e in range(1, n + 1):
        last_end[e] = e if can_end[e] else last_end[e - 1]
    fewest_after = [inf] * n + [0]
    reach = n
    for s in range(n - 1, -1, -1):
        while first_start[reach] > s:
            reach -= 1
        e = last_end[reach]
        if e > s:
            fewest_after[s] = fewest_after[e] + 1
    if not fewest_before[n] <= count:
        return None
    best = [[inf] * (count + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * (count + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for end in range(1, n + 1):
        k_high = count - fewest_after[end]
        if not can_end[end] or k_high < 1:
            continue
        # Starts whose prefix fits in fewer than k_high lines, nearest first (ties
        # go to the longer line, as they always have).
        starts = []
        for start in range(first_start[end], end):
            if valid[start]:
                if fewest_before[start] >= k_high:
                    break
                starts.append(start)
        penalty = 40 if hyphen_at[end] else 0
        best_end, back_end = best[end], back[end]
        for start in reversed(starts):
            w = right[end] - left[start]
            slack = width - w if w < width else 0
            cost = (0 if end == n else slack * slack) + penalty
            if w > width:
                cost += 10_000
            row = best[start]
            for k in range(fewest_before[start] + 1, k_high + 1):
                candidate = row[k - 1] + cost
                if candidate < best_end[k]:
                    best_end[k] = candidate
                    back_end[k] = start
    if best[n][count] == inf:
        return None
    lines: list[LaidLine] = []
    end, k = n, count
    while k:
        start = back[end][k]
        hyphen = end < n and joints[end - 1] == "hyphen"
        merged: list[Word] = []
        for idx in range(start, end):
            if merged and joints[idx - 1] == "hyphen":
                merged[-1] = Word(merged[-1].pieces + units[idx].pieces, units[idx].glued)
            else:
                merged.append(units[idx])
        lines.append(LaidLine(merged, hyphenated=hyphen))
        end, k = start, k - 1
    lines.reverse()
    return lines


def line_runs(line: LaidLine) -> tuple[str, tuple[Run, ...], tuple[int, ...]]:
    """(plain, runs, notes) of a laid-out line. A space between two emphasised words
    is emphasised too, so a stretch of emphasis stays one run.

    >>> words = [Word((Piece("Veel"),)), Word((Piece("blije"), Piece("", note=1)))]
    >>> line_runs(LaidLine(words))
    ('Veel blije', (('text', 'Veel blije'), ('note', 1)), (1,))
    """
    pieces: list[tuple[str, bool, int | None]] = []  # (text, em, note)
    for i, word in enumerate(line.words):
        if i:
            em = bool(pieces and pieces[-1][1]) and bool(word.pieces and word.pieces[0].em)
            pieces.append((" ", em, None))
        for p in word.pieces:
            pieces.append((p.text, p.em, p.note))
    if line.hyphenated:
        pieces.append(("-", bool(pieces and pieces[-1][1]), None))
    plain = " ".join(w.visible for w in line.words) + ("-" if line.hyphenated else "")
    runs: list[Run] = []
    for text, em, note in pieces:
        if note is not None:
            runs.append((NOTE, note))
        else:
            add_run(runs, "em" if em else "text", text)
    return plain, tuple(runs), tuple(n for w in line.words for n in w.notes)
