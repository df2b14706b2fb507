"""Turn a text as a teacher has it into the exam booklet.

Pure: a string in, dataclasses out, no Django. The booklet is the contract between
the text and its questions ("regel 85-91", "alinea 4"), so line breaks and numbers
must come out exactly as printed:

- paragraphs start at "(n)" markers wherever they stand, mid-line too; without
  markers, blank lines separate paragraphs;
- a number glued to the start of a short line that fits the every-fifth-line pattern
  (85, 90, ...) is a margin anchor: the line it stands on gets that number; a number
  too far from where its line can land ("30 procent ..." on line 14) is text;
- short lines are original booklet lines and are kept as they are; long lines lost
  their breaks and are wrapped again, with Dutch hyphenation, at the width that makes
  every anchor hold (a lone short line beside long ones flows with them);
- a blank line inside a marked paragraph is a page break, never a numbered line;
- the trailer ("naar:", "uit:", the italic author line, "noot n ...") is kept apart.

The text is a source: its spelling and punctuation are never changed.
"""

from __future__ import annotations

import re
import statistics
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape

import pyphen

from texts.pasted import recognise_pdf_copy

DEFAULT_WIDTH = 34
MIN_WIDTH = 26
MAX_WIDTH = 42
# A raw line longer than this lost its booklet line breaks and must be wrapped again.
FLOWING_THRESHOLD = 46
MAX_TITLE_LENGTH = 150
# Far beyond any exam text; keeps a pasted book from tying up the server.
MAX_LINES = 2000
# The spreading programme fills a table of (fragments x lines); past this many cells
# (a booklet page is far below it: about 1,000 fragments x 100 lines) its time and
# memory grow too large, and the greedy lines are kept with an anchor_unmet warning.
SPREAD_BUDGET = 2_000_000
# A booklet of MAX_LINES lines holds under 100,000 characters; with its markup and
# notes a real text stays far below this. Beyond it the text is refused before any
# work, so the importer's time and memory stay bounded whatever is uploaded.
MAX_CHARACTERS = 200_000
# A number at the start of a kept line is a margin number only if its line can land
# within this many lines of it: "20 procent van ..." on line 33 is text. (Flowing
# text takes from as few lines as the widest column gives to as many as the
# narrowest gives.)
ANCHOR_TOLERANCE = 2

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_INT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_PARAGRAPH_MARKER = re.compile(r"(?:^|(?<=\s))\(([1-9]\d{0,2})\)(?=\s|$)")
# A booklet text never runs to a thousand lines: "2015 was het jaar" is text.
_ANCHOR = re.compile(r"^(\d{1,3})\s+(?=\S)")
# "75 (4) De maatschappelijke": a margin number before a paragraph marker.
_MARGIN_BEFORE_MARKER = re.compile(r"^(\d{1,3}) \(([1-9]\d{0,2})\) (?=\S)")
# "1 twitteraars: ..." in the trailer, a note without its word "noot".
_PLAIN_NOTE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
_MONTH = re.compile(
    r"^(?:jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b", re.IGNORECASE
)
# "twitteraars1", "*topic*2.": a note number glued to a word as plain digits.
_GLUED_NOTE = re.compile(
    r"(?<!\w)(?P<word>[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*)(?P<star>\*?)(?P<digits>\d{1,2})(?![\w)])"
)
_SUBTITLE = re.compile(r"^\*\*([^*]+)\*\*$")
_WHOLLY_EMPHASISED = re.compile(r"^\*([^*]+)\*$")
_TEXT_HEADING = re.compile(r"^(?:#+\s*)?tekst\s+\d+\s*$", re.IGNORECASE)
_SOURCE_ADAPTED = re.compile(r"^(?:(?:bewerkt|vrij)\s+)?naar\s*:", re.IGNORECASE)
_SOURCE_FROM = re.compile(r"^(?:uit|bron)\s*:", re.IGNORECASE)
_NOTE = re.compile(r"^noot\s+(\d{1,2})\b[\s:.]*(.*)$", re.IGNORECASE)
# Inside a word: an emphasis mark, or a footnote marker (¹⁾, [1], or 1) glued to a word).
_INLINE = re.compile(
    r"\*"
    rf"|(?P<sup>[{SUPERSCRIPT_DIGITS}]{{1,2}})⁾?"
    r"|\[(?P<bracket>\d{1,2})\]"
    r"|(?<=[^\s\d(\[])(?P<paren>\d{1,2})\)"
)
# "m²", "km³": a superscript after a unit of length is a power, not a footnote marker.
_UNIT = re.compile(r"^\W*[kcdm]?m$")
# An emphasis mark without a partner is kept as the character it is; after
# normalising, the text holds no control characters, so this one is free to mark it.
_LITERAL_STAR = "\x01"
# Vertical tab (a manual line break in Word), NEL and the Unicode separators.
_LINE_BREAKS = str.maketrans(
    {"\f": "\n\n", "\v": "\n", "\x85": "\n", "\u2028": "\n", "\u2029": "\n\n"}
)
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u2060\ufeff"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_EDGE_PUNCTUATION = re.compile(r"^([^\w]*)(.*?)([^\w]*)$", re.UNICODE)


class ParseError(ValueError):
    """Input that cannot become a booklet; `code` maps to a message for the user."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Warning:
    """Something the person importing should check; the text still imports."""

    code: str
    params: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedLine:
    number: int
    paragraph: int
    plain: str
    markup: str
    starts_paragraph: bool = False
    starts_page: bool = False
    notes: tuple[int, ...] = ()
    # A subheading the booklet counts as this line; an uncounted one printed above it.
    subheading: bool = False
    heading_before: str = ""


@dataclass(frozen=True)
class ParsedFootnote:
    number: int
    term: str
    body: str


@dataclass(frozen=True)
class ParsedText:
    title: str
    lines: tuple[ParsedLine, ...]
    paragraph_numbers: tuple[int, ...]
    footnotes: tuple[ParsedFootnote, ...]
    source_adapted: str = ""
    source_from: str = ""
    author_note: str = ""
    line_width: int | None = None
    warnings: tuple[Warning, ...] = ()
    # Under the title, above line 1, not numbered (see docs/importer.md).
    subtitle: str = ""
    introduction: str = ""


# --- words ------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of characters with one style, or a footnote reference (text == "")."""

    text: str
    em: bool = False
    note: int | None = None


class Word:
    """A word as laid out: its pieces, and its visible text and width computed once
    (layout asks for them thousands of times)."""

    __slots__ = ("pieces", "glued", "visible", "width", "notes")

    def __init__(self, pieces: tuple[Piece, ...], glued: bool = False) -> None:
        self.pieces = pieces
        # "twintig- of": a word ending in a real hyphen is glued to the next one, so a
        # line never ends in a hyphen that is not a hyphenation.
        self.glued = glued
        self.visible = "".join(p.text for p in pieces)
        self.notes = tuple(p.note for p in pieces if p.note is not None)
        self.width = len(self.visible) + len(self.notes)

    @property
    def split_points(self) -> Sequence[int]:
        if len(self.visible) > MAX_WIDTH:
            # A token too long for any line (a web address) may break anywhere. Not
            # cached: every tail of a huge token would stay in the cache.
            return range(1, len(self.visible))
        return _split_points(self.visible)

    def __repr__(self) -> str:
        return f"Word({self.visible!r}, notes={self.notes}, glued={self.glued})"


@dataclass
class _InlineState:
    """What carries over from one raw line to the next within a paragraph."""

    em: bool = False
    # Open round brackets: "(zie COVID-19)" closes a bracket, it is no footnote "19)".
    depth: int = 0


def _tokenize(text: str, state: _InlineState) -> list[Word]:
    """Split a raw string into words, reading emphasis marks and footnote markers.

    Emphasis and brackets may span words and lines, so the state carries over.

    >>> words = _tokenize("*trending topic*²⁾.", _InlineState())
    >>> [(w.visible, w.notes) for w in words]
    [('trending', ()), ('topic.', (2,))]
    """
    tokens: list[list[Piece]] = []
    for raw in text.split():
        if "(" not in raw and ")" not in raw and not _INLINE.search(raw):
            tokens.append([Piece(raw.replace(_LITERAL_STAR, "*"), state.em)])
            continue
        pieces: list[Piece] = []
        pos = 0
        for m in _INLINE.finditer(raw):
            if m.start() > pos:
                pieces.append(_text_piece(raw[pos : m.start()], state))
            pos = m.end()
            if m.group(0) == "*":
                state.em = not state.em
            elif m.group("sup"):
                if m.group(0) in ("²", "³") and _is_unit(raw[: m.start()]):
                    pieces.append(Piece(m.group(0), state.em))  # m², km³: a unit, no note
                    continue
                number = int("".join(_SUPER_TO_INT[c] for c in m.group("sup")))
                pieces.append(Piece("", state.em, number))
            elif m.group("paren") and state.depth > 0:
                pieces.append(_text_piece(m.group(0), state))
            else:
                pieces.append(Piece("", state.em, int(m.group("bracket") or m.group("paren"))))
        if pos < len(raw):
            pieces.append(_text_piece(raw[pos:], state))
        if not pieces:
            continue
        if not any(p.text for p in pieces):
            # A marker standing apart ("woord ¹⁾") belongs to the word before it; with
            # no word before it, it is kept as the characters it is.
            if tokens:
                tokens[-1].extend(pieces)
                continue
            pieces = [_text_piece(raw.replace("*", ""), state)]
        tokens.append(pieces)
    last = len(tokens) - 1
    words = []
    for i, pieces in enumerate(tokens):
        word = Word(tuple(_merge(pieces)) if len(pieces) > 1 else tuple(pieces))
        # "twintig- of": glued to the next word, see Word.glued.
        if i < last and len(word.visible) > 1 and word.visible.endswith("-"):
            word.glued = True
        words.append(word)
    return words


def _is_unit(before: str) -> bool:
    """ "km" in "km²": a unit of length before a power. Only a short prefix can be one;
    matching a long one for every "²" in a huge token would be quadratic."""
    return len(before) <= 8 and bool(_UNIT.match(before))


def _text_piece(text: str, state: _InlineState) -> Piece:
    state.depth = max(0, state.depth + text.count("(") - text.count(")"))
    return Piece(text.replace(_LITERAL_STAR, "*"), state.em)


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Adjacent text pieces of one style become one (joined once, not grown piece by piece)."""
    merged: list[Piece] = []
    run: list[str] = []
    em = False
    for p in pieces:
        if p.note is None and run and p.em == em:
            run.append(p.text)
            continue
        if run:
            merged.append(Piece("".join(run), em))
            run = []
        if p.note is None:
            run, em = [p.text], p.em
        else:
            merged.append(p)
    if run:
        merged.append(Piece("".join(run), em))
    return merged


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


def warm_up() -> None:
    """Load the hyphenation dictionary (about 0.1 s) before the first import needs it."""
    _dictionary()


@lru_cache(maxsize=8192)
def _hyphenation_points(core: str) -> tuple[int, ...]:
    """Positions where Dutch hyphenation may split `core` without changing its letters."""
    if len(core) < 4 or not core.isalpha():
        return ()
    return tuple(int(p) for p in _dictionary().positions(core) if p.data is None)


@lru_cache(maxsize=8192)
def _split_points(visible: str) -> tuple[int, ...]:
    """Where a word may break at a line end.

    Only plain words are hyphenated ("BN’er", "COVID-19" are never split); a token
    too long for any line breaks anywhere (see Word.split_points).
    """
    lead, core, _trail = _EDGE_PUNCTUATION.match(visible).groups()
    return tuple(len(lead) + p for p in _hyphenation_points(core))


def _split_word(word: Word, at: int) -> tuple[Word, Word]:
    """Split at a visible character index; footnote refs stay with their characters.

    Only the head's pieces are walked: the tail is sliced from the word, so breaking
    a huge token line by line does not walk (or join) all of it every time.
    """
    head: list[Piece] = []
    pieces = word.pieces
    seen = i = 0
    first_of_tail: tuple[Piece, ...] = ()
    while i < len(pieces):
        p = pieces[i]
        if p.note is not None:
            if seen > at:
                break
            head.append(p)
        elif seen + len(p.text) <= at:
            head.append(p)
            seen += len(p.text)
        elif seen >= at:
            break
        else:
            cut = at - seen
            head.append(Piece(p.text[:cut], p.em))
            first_of_tail = (Piece(p.text[cut:], p.em),)
            i += 1
            break
        i += 1
    head_word = Word(tuple(head))
    tail = Word.__new__(Word)
    tail.pieces = first_of_tail + pieces[i:]
    tail.glued = word.glued
    tail.visible = word.visible[len(head_word.visible) :]
    tail.notes = word.notes[len(head_word.notes) :]
    tail.width = len(tail.visible) + len(tail.notes)
    return head_word, tail


# --- lines --------------------------------------------------------------------------


@dataclass
class _LaidLine:
    words: list[Word]
    hyphenated: bool = False  # ends in a hyphenation break, "-" is added

    @property
    def width(self) -> int:
        return sum(w.width for w in self.words) + len(self.words) - 1 + self.hyphenated


def _wrap_greedy(words: list[Word], width: int, first_indent: int) -> list[_LaidLine]:
    """Fill each line as far as it goes, hyphenating the word that does not fit.

    Greedy filling gives the fewest lines a width allows, which is how booklets
    are set.
    """
    lines: list[_LaidLine] = []
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
            lines.append(_LaidLine(current, hyphenated=True))
            current, used = [], 0
            queue[i] = tail
            continue
        if all_glued and used + space + word.width > MAX_WIDTH:
            glued = 0
        if current and glued < len(current):
            if glued:
                queue[i:i] = current[-glued:]
                current = current[:-glued]
            lines.append(_LaidLine(current))
            current, used = [], 0
            continue
        # Nothing fits on an empty line: the word overflows.
        current.append(word)
        used += space + word.width
        i += 1
    if current:
        lines.append(_LaidLine(current))
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
            return _split_word(word, point)
    return None


def _units(words: list[Word]) -> tuple[list[Word], list[str]]:
    """Words cut at every hyphenation point, with the joint after each unit."""
    units: list[Word] = []
    joints: list[str] = []
    for w in words:
        parts = _cut_word(w, w.split_points)
        units.extend(parts)
        joints.extend(["hyphen"] * (len(parts) - 1))
        joints.append("glue" if w.glued else "space")
    return units, joints


def _cut_word(word: Word, points: Sequence[int]) -> list[Word]:
    """`word` cut at every visible index in `points` (ascending), in one pass.

    Cutting off one head at a time copies the rest each time, which is quadratic on
    a huge token; this is linear. Footnote refs stay with their characters, as in
    _split_word.
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


def _wrap_exact(words: list[Word], width: int, count: int, first_indent: int):
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
    lines: list[_LaidLine] = []
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
        lines.append(_LaidLine(merged, hyphenated=hyphen))
        end, k = start, k - 1
    lines.reverse()
    return lines


def _render(line: _LaidLine) -> tuple[str, str, tuple[int, ...]]:
    """(plain, markup, notes) of a laid-out line; markup is escaped HTML."""
    runs: list[tuple[str, bool | None, int | None]] = []  # (text, em, note)
    for i, word in enumerate(line.words):
        if i:
            em = bool(runs and runs[-1][1]) and bool(word.pieces and word.pieces[0].em)
            runs.append((" ", em, None))
        for p in word.pieces:
            runs.append((p.text, p.em, p.note))
    if line.hyphenated:
        runs.append(("-", bool(runs and runs[-1][1]), None))
    plain = " ".join(w.visible for w in line.words) + ("-" if line.hyphenated else "")
    html: list[str] = []
    buffer, buffer_em = "", False
    for text, em, note in runs:
        if note is not None:
            html.append(_flush(buffer, buffer_em))
            buffer = ""
            html.append(note_ref_markup(note))
            continue
        if em != buffer_em and buffer:
            html.append(_flush(buffer, buffer_em))
            buffer = ""
        buffer_em = bool(em)
        buffer += text
    html.append(_flush(buffer, buffer_em))
    return plain, "".join(html), tuple(n for w in line.words for n in w.notes)


def note_ref_markup(number: int) -> str:
    """The footnote marker as the booklet shows it; every importer makes it here."""
    return (
        f'<sup class="note-ref"><a href="#note-{number}" data-note="{number}">{number})</a></sup>'
    )


def _flush(text: str, em: bool) -> str:
    if not text:
        return ""
    return f"<em>{escape(text, quote=False)}</em>" if em else escape(text, quote=False)


# --- structure ----------------------------------------------------------------------


@dataclass
class _Chunk:
    """Consecutive raw lines of one paragraph with no blank line between them."""

    raw_lines: list[str]
    starts_page: bool = False
    # Per raw line: part of a text that lost its line breaks (to be wrapped again),
    # or a booklet line kept as it is.
    flowing: list[bool] = field(default_factory=list)
    anchors: dict[int, int] = field(default_factory=dict)  # raw line index -> number
    anchor_digits: dict[int, str] = field(default_factory=dict)  # the number as written


@dataclass
class _Paragraph:
    number: int
    chunks: list[_Chunk] = field(default_factory=list)


def parse_text(raw: str) -> ParsedText:
    """Parse a booklet text.

    >>> parsed = parse_text("Titel\\n\\n(1) Een korte regel.\\n(2) Nog een.")
    >>> parsed.title, [(line.number, line.paragraph, line.plain) for line in parsed.lines]
    ('Titel', [(1, 1, 'Een korte regel.'), (2, 2, 'Nog een.')])
    """
    if len(raw) > MAX_CHARACTERS:
        raise ParseError("too_many_characters", max_characters=MAX_CHARACTERS)
    lines, furniture = recognise_pdf_copy(_normalise(raw))
    if sum(1 for line in lines if line) > MAX_LINES:
        raise ParseError("too_long", max_lines=MAX_LINES)
    body, trailer = _split_trailer(lines)
    warnings: list[Warning] = []
    if furniture:
        warnings.append(Warning("pasted_page_furniture", {"count": furniture}))
    title, body = _take_title(body)
    if not title:
        warnings.append(Warning("no_title"))
    subtitle, introduction, body = _take_introduction(body) if title else ("", "", body)
    trailer_warnings: list[Warning] = []
    source_adapted, source_from, author_note, footnotes = _parse_trailer(trailer, trailer_warnings)
    body = _find_glued_note_markers(body, {note.number for note in footnotes}, warnings)
    paragraphs = _paragraphs(body, warnings)
    if not paragraphs:
        raise ParseError("no_lines")
    warnings += trailer_warnings
    laid, width = _lay_out(paragraphs, warnings)
    parsed_lines = _number(laid)
    if not parsed_lines:  # only emphasis marks, say
        raise ParseError("no_lines")
    if len(parsed_lines) > MAX_LINES:
        raise ParseError("too_long", max_lines=MAX_LINES)
    _check_notes(parsed_lines, footnotes, warnings)
    with_lines = {line.paragraph for line in parsed_lines}
    return ParsedText(
        title=title,
        lines=tuple(parsed_lines),
        paragraph_numbers=tuple(p.number for p in paragraphs if p.number in with_lines),
        footnotes=tuple(footnotes),
        source_adapted=source_adapted,
        source_from=source_from,
        author_note=author_note,
        line_width=width,
        warnings=tuple(warnings),
        subtitle=subtitle,
        introduction=introduction,
    )


def _normalise(raw: str) -> list[str]:
    if "\x00" in raw:
        raise ParseError("binary")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError("encoding") from exc
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").translate(_LINE_BREAKS)
    if _CONTROL.search(raw):
        raise ParseError("binary")
    lines = []
    for line in raw.split("\n"):
        # Copied from a PDF, a word broken at a line end keeps its soft hyphen, which
        # the page printed as "-"; elsewhere soft hyphens and zero-width characters
        # are invisible, and only get in the way of widths and line ends.
        line = re.sub(r"\s+", " ", line).strip()
        if line.endswith("\u00ad"):
            line = line.rstrip("\u00ad") + "-"
        lines.append(line.translate(_INVISIBLE).strip())
    if not any(lines):
        raise ParseError("empty")
    return lines


def _is_trailer_start(line: str) -> bool:
    return bool(_SOURCE_ADAPTED.match(line) or _SOURCE_FROM.match(line) or _NOTE.match(line))


def _split_trailer(lines: list[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        if _is_trailer_start(line):
            return lines[:i], lines[i:]
    return lines, []


def _take_title(body: list[str]) -> tuple[str, list[str]]:
    """The first line is the title when it stands alone and is no paragraph."""
    rest = list(body)
    while rest and not rest[0]:
        rest.pop(0)
    if rest and _TEXT_HEADING.match(rest[0]):
        rest.pop(0)
        while rest and not rest[0]:
            rest.pop(0)
    if len(rest) < 2:
        return "", rest
    first = rest[0]
    stands_alone = not rest[1]
    has_more = any(rest[1:])
    marked = any(_PARAGRAPH_MARKER.match(line) for line in rest[1:])
    if (
        stands_alone
        and has_more
        and len(first) <= MAX_TITLE_LENGTH
        and not _PARAGRAPH_MARKER.match(first)
        and not _ANCHOR.match(first)
        and (marked or not _reads_as_sentence(first))
    ):
        title = first.lstrip("#").strip().strip("*").strip()
        return title, rest[1:]
    return "", rest


def _take_introduction(body: list[str]) -> tuple[str, str, list[str]]:
    """(subtitle, introduction, the rest): what a marked text prints between its
    title and "(1)" without numbering it.

    A line `**...**` standing alone right after the title is the subtitle; then each
    paragraph (lines up to a blank line) wholly in `*...*` is a paragraph of the
    introduction, as the booklet prints it in italics. Only before the first
    paragraph marker, so nothing that was a numbered line in a text with markers is
    taken; a line with a margin number in it is always a numbered line. In a text
    without markers the first paragraph may well be in italics: it stays text.

    >>> _take_introduction(["**Een ondertitel**", "", "*Eerst dit.*", "", "(1) Zo."])
    ('Een ondertitel', 'Eerst dit.', ['', '(1) Zo.'])
    """
    start = next((i for i, line in enumerate(body) if _PARAGRAPH_MARKER.search(line)), None)
    if start is None:
        return "", "", body
    subtitle, introduction = "", []
    taken = 0
    i = 0
    while i < start:
        if not body[i]:
            i += 1
            continue
        end = i
        while end < start and body[end]:
            end += 1
        block = body[i:end]
        text = " ".join(block)
        bold, italic = _SUBTITLE.match(text), _WHOLLY_EMPHASISED.match(text)
        if bold and len(block) == 1 and not subtitle and not introduction:
            subtitle = bold.group(1).strip()
        elif italic and not any(_anchor(line) for line in block):
            introduction.append(italic.group(1).strip())
        else:
            break
        i = taken = end
    return subtitle, "\n\n".join(introduction), body[taken:]


def _reads_as_sentence(line: str) -> bool:
    """A first paragraph of one line, not a title: it ends like a sentence ("Zo is
    het.") or holds more than one. Titles may end in "?", "!" or "...".

    Only asked of texts without paragraph markers: there, whatever stands alone
    before "(1)" is the title.
    """
    end = line.rstrip("\"'”’»)*")
    if re.search(r"(?<!\.)[.,;:]$", end):
        return True
    return len(line) > 2 * FLOWING_THRESHOLD or bool(re.search(r"[.?!][\"'”’]? +[A-Z]", line))


def _paragraphs(body: list[str], warnings: list[Warning]) -> list[_Paragraph]:
    marked = any(_PARAGRAPH_MARKER.match(line) for line in body if line)
    if marked:
        return _marked_paragraphs(body, warnings)
    paragraphs: list[_Paragraph] = []
    chunk: list[tuple[str, bool]] = []
    for line in [*body, ""]:
        if line:
            chunk.append((line, _is_long(line)))
        elif chunk:
            paragraphs.append(_Paragraph(len(paragraphs) + 1, [_chunk(chunk, False)]))
            chunk = []
    return paragraphs


def _is_long(raw_line: str) -> bool:
    """Too long for a booklet line. A margin number in front ("105 ") is not
    counted: it stands outside the column (a paragraph number is inside it)."""
    margin = _anchor(raw_line)
    return len(raw_line) - (margin.end() if margin else 0) > FLOWING_THRESHOLD


def _marked_paragraphs(body: list[str], warnings: list[Warning]) -> list[_Paragraph]:
    """Paragraphs delimited by "(n)" markers, which may stand mid-line.

    A marker counts only when it carries the next number, so "(2)" quoted inside a
    sentence of paragraph 5 stays text.
    """
    paragraphs: list[_Paragraph] = []
    # Text before the first marker joins the first paragraph (with a warning).
    lead: list[_Chunk] = []
    # (text, long): a piece of a long raw line is wrapped again, however short it is.
    chunk: list[tuple[str, bool]] = []
    blank_before = False
    expected: int | None = None

    def close_chunk() -> None:
        nonlocal chunk
        if chunk:
            chunks = paragraphs[-1].chunks if paragraphs else lead
            chunks.append(_chunk(chunk, blank_before and bool(chunks)))
            chunk = []

    for line in body:
        if not line:
            close_chunk()
            blank_before = True
            continue
        long = _is_long(line)
        margin = _MARGIN_BEFORE_MARKER.match(line)
        if margin and _anchor(line) and (expected is None or int(margin.group(2)) >= expected):
            # "75 (4) De maatschappelijke": the margin number belongs to the line
            # that paragraph 4 starts on, not to the end of paragraph 3.
            line = f"({margin.group(2)}) {margin.group(1)} {line[margin.end() :]}"
        pos = 0
        for m in _PARAGRAPH_MARKER.finditer(line):
            number = int(m.group(1))
            if expected is not None and number != expected:
                # A higher number opening a line is a marker with one missing before
                # it ("(1) ... (3)"); anywhere else it is text, like "(2)" in a sentence.
                if not (m.start() == 0 and number > expected):
                    continue
                warnings.append(
                    Warning("paragraph_out_of_sequence", {"expected": expected, "found": number})
                )
            before = line[pos : m.start()].strip()
            if before:
                chunk.append((before, long))
            close_chunk()
            if lead and not paragraphs:
                warnings.append(Warning("text_before_first_paragraph"))
            paragraphs.append(_Paragraph(number, [] if paragraphs else list(lead)))
            expected = number + 1
            blank_before = False
            pos = m.end()
        remainder = line[pos:].strip()
        if remainder:
            chunk.append((remainder, long))
    close_chunk()
    return [p for p in paragraphs if p.chunks]


def _anchor(raw_line: str) -> re.Match | None:
    m = _ANCHOR.match(raw_line)
    return m if m and int(m.group(1)) % 5 == 0 and int(m.group(1)) > 0 else None


def _chunk(lines: list[tuple[str, bool]], starts_page: bool) -> _Chunk:
    """Decide per raw line whether it is a kept booklet line or flowing text.

    A long line lost its breaks. A run of short lines next to it is kept when it
    looks like surviving booklet lines: two or more of them, or one with a margin
    number. A single short line beside long ones is the end (or start) of a text
    wrapped by an editor, and flows with it.

    >>> _chunk([("x" * 60, True), ("85 kapitaal", False)], False).anchors
    {1: 85}
    """
    raw_lines = [text for text, _long in lines]
    long = [is_long for _text, is_long in lines]
    flowing = [False] * len(lines)
    if any(long):
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and long[j] == long[i]:
                j += 1
            run = range(i, j)
            keep = not long[i] and (len(run) >= 2 or any(_anchor(raw_lines[k]) for k in run))
            for k in run:
                flowing[k] = not keep
            i = j
    chunk = _Chunk(raw_lines, starts_page, flowing)
    for i, line in enumerate(raw_lines):
        m = None if flowing[i] else _anchor(line)
        if m:
            chunk.anchors[i] = int(m.group(1))
            chunk.anchor_digits[i] = m.group(1)
            chunk.raw_lines[i] = line[m.end() :]
    return chunk


def _parse_trailer(
    trailer: list[str], warnings: list[Warning]
) -> tuple[str, str, str, list[ParsedFootnote]]:
    adapted, taken_from = "", ""
    author: list[str] = []
    notes: dict[int, list[str]] = {}
    current: list[str] | None = None
    previous = ""
    for line in trailer:
        if not line:
            current, previous = None, ""
            continue
        note = _NOTE.match(line) or _plain_note(line, notes, previous)
        previous = line
        if note:
            number = int(note.group(1))
            if number in notes:
                warnings.append(Warning("duplicate_note", {"number": number}))
            current = notes[number] = [note.group(2)]
        elif _SOURCE_ADAPTED.match(line):
            adapted, current = line, None
        elif _SOURCE_FROM.match(line):
            taken_from, current = line, None
        elif current is not None:
            current.append(line)
        else:
            author.append(line)
            current = author
    footnotes = [_footnote(number, " ".join(parts)) for number, parts in sorted(notes.items())]
    author_note = " ".join(author).strip()
    if author_note.startswith("*") and author_note.endswith("*"):
        author_note = author_note[1:-1].strip()
    return adapted, taken_from, author_note, footnotes


def _plain_note(line: str, notes: dict[int, list[str]], previous: str) -> re.Match | None:
    """ "1 twitteraars: ..." in the trailer: a note copied without its word "noot".
    Only the next note's number, and not a date ("1 april 2021" under "uit: NRC,")."""
    m = _PLAIN_NOTE.match(line)
    if not m or int(m.group(1)) != max(notes, default=0) + 1:
        return None
    if _MONTH.match(m.group(2)) or previous.rstrip().endswith(","):
        return None
    return m


def _find_glued_note_markers(
    body: list[str], notes: set[int], warnings: list[Warning]
) -> list[str]:
    """Footnote markers copied out of a PDF as plain digits glued to their word
    ("twitteraars1"), made into markers "twitteraars¹⁾".

    Only for a note below the text that no marker in the text refers to yet, only
    its first such word, and only where the digits cannot belong to the word: not
    after capitals ("CO2", "MP3"), not after a unit ("m2"), never three or more
    digits (a year). The admin is told which words were read so.

    >>> _find_glued_note_markers(["veel twitteraars1 en CO2."], {1, 2}, [])
    ['veel twitteraars¹⁾ en CO2.']
    """
    open_notes = notes - _referenced_notes(body)
    if not open_notes:
        return body
    taken: list[str] = []

    def glue(m: re.Match) -> str:
        word, number = m.group("word"), int(m.group("digits"))
        if number not in open_notes or word.isupper() or _is_unit(word):
            return m.group(0)
        open_notes.discard(number)
        taken.append(word + m.group("digits"))
        sup = "".join(SUPERSCRIPT_DIGITS[int(d)] for d in m.group("digits"))
        return f"{word}{m.group('star')}{sup}⁾"

    out = [_GLUED_NOTE.sub(glue, line) if open_notes else line for line in body]
    if taken:
        warnings.append(Warning("glued_note_markers", {"markers": ", ".join(taken)}))
    return out


def _referenced_notes(body: list[str]) -> set[int]:
    """The notes the markers in the text already refer to (¹⁾, 1), [1])."""
    found: set[int] = set()
    for line in body:
        for m in _INLINE.finditer(line):
            if m.group("sup"):
                found.add(int("".join(_SUPER_TO_INT[c] for c in m.group("sup"))))
            elif m.group("bracket") or m.group("paren"):
                found.add(int(m.group("bracket") or m.group("paren")))
    return found


def _footnote(number: int, text: str) -> ParsedFootnote:
    """ "*twitteraars*: mensen die ..." -> term "twitteraars", body "mensen die ..." """
    m = re.match(r"^\*([^*]+)\*\s*:?\s*(.*)$", text) or re.match(r"^([^:]{1,60}):\s*(.*)$", text)
    if m:
        return ParsedFootnote(number, m.group(1).strip(), m.group(2).strip())
    return ParsedFootnote(number, "", text.strip())


# --- layout -------------------------------------------------------------------------


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
    laid: list[_LaidLine] | None = None
    _greedy: dict[int, list[_LaidLine]] = field(default_factory=dict)

    @property
    def indent(self) -> int:
        # The paragraph number "(n) " is printed before the first line and takes room.
        return len(f"({self.paragraph}) ") if self.starts_paragraph else 0

    def greedy(self, width: int) -> list[_LaidLine]:
        """Greedy wrapping at `width`, remembered: choosing a width tries several."""
        if width not in self._greedy:
            self._greedy[width] = _wrap_greedy(self.words, width, self.indent)
        return self._greedy[width]

    @cached_property
    def most_lines(self) -> int:
        """The most lines the words can fill: one per hyphenation fragment."""
        return sum(len(w.split_points) + 1 for w in self.words)


def _items(paragraphs: list[_Paragraph], warnings: list[Warning]) -> list[_Item]:
    items: list[_Item] = []
    for paragraph in paragraphs:
        if _keep_unpaired_star(paragraph):
            warnings.append(Warning("unclosed_emphasis", {"paragraph": paragraph.number}))
        state = _InlineState()
        first = True
        for chunk in paragraph.chunks:
            page = chunk.starts_page
            i = 0
            while i < len(chunk.raw_lines):
                if chunk.flowing[i]:
                    j = i
                    while j < len(chunk.raw_lines) and chunk.flowing[j]:
                        j += 1
                    words = _tokenize(" ".join(chunk.raw_lines[i:j]), state)
                    fixed, anchor = False, None
                else:
                    j = i + 1
                    words = _tokenize(chunk.raw_lines[i], state)
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


def _keep_unpaired_star(paragraph: _Paragraph) -> bool:
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
                chunk.raw_lines[i] = line[:at] + _LITERAL_STAR + line[at + 1 :]
                return True
    return False


def _lay_out(paragraphs: list[_Paragraph], warnings: list[Warning]):
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
            item.laid = [_LaidLine(item.words)]
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
            spread = {id(i): _wrap_exact(i.words, width, targets[id(i)], i.indent) for i in region}
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


def _number(items: list[_Item]) -> list[ParsedLine]:
    out: list[ParsedLine] = []
    for item in items:
        for i, laid in enumerate(item.laid or ()):
            plain, markup, notes = _render(laid)
            out.append(
                ParsedLine(
                    number=len(out) + 1,
                    paragraph=item.paragraph,
                    plain=plain,
                    markup=markup,
                    starts_paragraph=item.starts_paragraph and i == 0,
                    starts_page=item.starts_page and i == 0,
                    notes=notes,
                )
            )
    return out


def _check_notes(
    lines: list[ParsedLine], footnotes: list[ParsedFootnote], warnings: list[Warning]
) -> None:
    referenced = {n for line in lines for n in line.notes}
    defined = {f.number for f in footnotes}
    for number in sorted(referenced - defined):
        warnings.append(Warning("marker_without_note", {"number": number}))
    for number in sorted(defined - referenced):
        warnings.append(Warning("note_without_marker", {"number": number}))


# --- bytes --------------------------------------------------------------------------

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_upload(data: bytes, *, max_bytes: int) -> str:
    """Read an uploaded file as text: UTF-8 (with or without BOM), UTF-16 with BOM,
    or Windows-1252, the encodings that teachers' editors save in.

    >>> decode_upload("café".encode("cp1252"), max_bytes=100)
    'café'
    """
    if len(data) > max_bytes:
        raise ParseError("too_large", max_kb=max_bytes // 1024)
    if data.startswith(_UTF16_BOMS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ParseError("encoding") from exc
    elif b"\x00" in data:
        raise ParseError("binary")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as exc:
                raise ParseError("encoding") from exc
    if "\x00" in text or _CONTROL.search(text.translate(_LINE_BREAKS)):
        raise ParseError("binary")
    if not text.replace("\ufeff", "").strip():  # a byte order mark and spaces, say
        raise ParseError("empty")
    return text
