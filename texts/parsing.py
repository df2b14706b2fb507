"""Turn a text as a teacher has it into the exam booklet.

Pure: a string in, dataclasses out, no Django. The booklet is the contract between
the text and its questions ("regel 85-91", "alinea 4"), so line breaks and numbers
must come out exactly as printed:

- paragraphs start at "(n)" markers wherever they stand, mid-line too; without
  markers, blank lines separate paragraphs;
- a number glued to the start of a short line that fits the every-fifth-line pattern
  (85, 90, ...) is a margin anchor: the line it stands on gets that number;
- short lines are original booklet lines and are kept as they are; long lines lost
  their breaks and are wrapped again, with Dutch hyphenation, at the width that makes
  every anchor hold;
- a blank line inside a marked paragraph is a page break, never a numbered line;
- the trailer ("naar:", "uit:", the italic author line, "noot n ...") is kept apart.

The text is a source: its spelling and punctuation are never changed.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from html import escape

import pyphen

DEFAULT_WIDTH = 34
MIN_WIDTH = 26
MAX_WIDTH = 42
# A raw line longer than this lost its booklet line breaks and must be wrapped again.
FLOWING_THRESHOLD = 46
MAX_TITLE_LENGTH = 150

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUPER_TO_INT = {c: str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}

_PARAGRAPH_MARKER = re.compile(r"(?:^|(?<=\s))\((\d{1,3})\)(?=\s|$)")
_ANCHOR = re.compile(r"^(\d{1,4})\s+(?=\S)")
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


# --- words ------------------------------------------------------------------------


@dataclass(frozen=True)
class Piece:
    """A run of characters with one style, or a footnote reference (text == "")."""

    text: str
    em: bool = False
    note: int | None = None


@dataclass(frozen=True)
class Word:
    pieces: tuple[Piece, ...]
    # "twintig- of": a word ending in a real hyphen is glued to the next one, so a
    # line never ends in a hyphen that is not a hyphenation.
    glued: bool = False

    @cached_property
    def visible(self) -> str:
        return "".join(p.text for p in self.pieces)

    @cached_property
    def width(self) -> int:
        return len(self.visible) + sum(1 for p in self.pieces if p.note is not None)

    @cached_property
    def notes(self) -> tuple[int, ...]:
        return tuple(p.note for p in self.pieces if p.note is not None)


def _tokenize(text: str, em: bool) -> tuple[list[Word], bool]:
    """Split a raw string into words, reading emphasis marks and footnote markers.

    Emphasis may span words and lines, so the state comes in and goes out.

    >>> words, em = _tokenize("*trending topic*²⁾.", False)
    >>> [(w.visible, w.notes) for w in words], em
    ([('trending', ()), ('topic.', (2,))], False)
    """
    words: list[Word] = []
    for raw in text.split():
        pieces: list[Piece] = []
        pos = 0
        for m in _INLINE.finditer(raw):
            if m.start() > pos:
                pieces.append(Piece(raw[pos : m.start()], em))
            if m.group(0) == "*":
                em = not em
            else:
                if m.group("sup"):
                    number = int("".join(_SUPER_TO_INT[c] for c in m.group("sup")))
                else:
                    number = int(m.group("bracket") or m.group("paren"))
                pieces.append(Piece("", em, number))
            pos = m.end()
        if pos < len(raw):
            pieces.append(Piece(raw[pos:], em))
        if pieces:
            words.append(Word(tuple(_merge(pieces))))
    return _glue_hyphen_ends(words), em


def _merge(pieces: list[Piece]) -> list[Piece]:
    merged: list[Piece] = []
    for p in pieces:
        if merged and p.note is None and merged[-1].note is None and merged[-1].em == p.em:
            merged[-1] = Piece(merged[-1].text + p.text, p.em)
        else:
            merged.append(p)
    return merged


def _glue_hyphen_ends(words: list[Word]) -> list[Word]:
    out: list[Word] = []
    for i, w in enumerate(words):
        ends_in_hyphen = w.visible.endswith("-") and len(w.visible) > 1
        out.append(Word(w.pieces, glued=ends_in_hyphen and i + 1 < len(words)))
    return out


@lru_cache(maxsize=1)
def _dictionary() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="nl_NL")


@lru_cache(maxsize=8192)
def _hyphenation_points(core: str) -> tuple[int, ...]:
    """Positions where Dutch hyphenation may split `core` without changing its letters."""
    if len(core) < 4 or not core.isalpha():
        return ()
    return tuple(int(p) for p in _dictionary().positions(core) if p.data is None)


def _split_points(word: Word) -> tuple[int, ...]:
    visible = word.visible
    lead, core, _trail = _EDGE_PUNCTUATION.match(visible).groups()
    return tuple(len(lead) + p for p in _hyphenation_points(core))


def _split_word(word: Word, at: int) -> tuple[Word, Word]:
    """Split at a visible character index; footnote refs stay with their characters."""
    head: list[Piece] = []
    tail: list[Piece] = []
    seen = 0
    for p in word.pieces:
        if p.note is not None:
            (head if seen <= at and not tail else tail).append(p)
            continue
        if seen + len(p.text) <= at:
            head.append(p)
        elif seen >= at:
            tail.append(p)
        else:
            cut = at - seen
            head.append(Piece(p.text[:cut], p.em))
            tail.append(Piece(p.text[cut:], p.em))
        seen += len(p.text)
    return Word(tuple(head)), Word(tuple(tail), glued=word.glued)


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
        room = width - used - space - 1  # characters left for a fragment plus its "-"
        fits = [p for p in _split_points(word) if p <= room]
        can_break_after_previous = not (current and current[-1].glued)
        if fits and can_break_after_previous:
            head, tail = _split_word(word, fits[-1])
            current.append(head)
            lines.append(_LaidLine(current, hyphenated=True))
            current, used = [], 0
            queue[i] = tail
            continue
        if current and can_break_after_previous:
            lines.append(_LaidLine(current))
            current, used = [], 0
            continue
        # Nothing fits on an empty line (or the break is forbidden): the word overflows.
        current.append(word)
        used += space + word.width
        i += 1
    if current:
        lines.append(_LaidLine(current))
    return lines


def _units(words: list[Word]) -> tuple[list[Word], list[str]]:
    """Words cut at every hyphenation point, with the joint after each unit."""
    units: list[Word] = []
    joints: list[str] = []
    for w in words:
        rest = w
        offset = 0
        for p in _split_points(w):
            head, rest = _split_word(rest, p - offset)
            offset = p
            units.append(head)
            joints.append("hyphen")
        units.append(rest)
        joints.append("glue" if w.glued else "space")
    return units, joints


def _wrap_exact(words: list[Word], width: int, count: int, first_indent: int):
    """Lay out the words in exactly `count` lines no wider than `width`, as evenly as
    possible (least squared slack, hyphenation breaks penalised).

    Used when greedy filling gives fewer lines than an anchor needs. Returns None if
    it cannot be done.
    """
    units, joints = _units(words)
    n = len(units)
    if count > n:
        return None
    # Prefix sums: the width of units[start:end] set on one line is
    # chars[end] - chars[start] + spaces[end - 1] - spaces[start].
    chars = [0]
    spaces = [0]
    for unit, joint in zip(units, joints, strict=True):
        chars.append(chars[-1] + unit.width)
        spaces.append(spaces[-1] + (joint != "hyphen"))
    inf = float("inf")
    best = [[inf] * (count + 1) for _ in range(n + 1)]
    back: list[list[int]] = [[-1] * (count + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for end in range(1, n + 1):
        if end < n and joints[end - 1] == "glue":
            continue
        hyphen = end < n and joints[end - 1] == "hyphen"
        best_end, back_end = best[end], back[end]
        for start in range(end - 1, -1, -1):
            w = chars[end] - chars[start] + spaces[end - 1] - spaces[start] + hyphen
            if start == 0:
                w += first_indent
            if w > width and end - start > 1:
                break
            slack = max(width - w, 0)
            cost = (0 if end == n else slack * slack) + (40 if hyphen else 0)
            if w > width:
                cost += 10_000
            row = best[start]
            for k in range(1, count + 1):
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
            html.append(
                f'<sup class="note-ref"><a href="#note-{note}" data-note="{note}">{note})</a></sup>'
            )
            continue
        if em != buffer_em and buffer:
            html.append(_flush(buffer, buffer_em))
            buffer = ""
        buffer_em = bool(em)
        buffer += text
    html.append(_flush(buffer, buffer_em))
    return plain, "".join(html), tuple(n for w in line.words for n in w.notes)


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
    anchors: dict[int, int] = field(default_factory=dict)  # raw line index -> number

    @property
    def flowing(self) -> bool:
        return any(len(line) > FLOWING_THRESHOLD for line in self.raw_lines)


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
    lines = _normalise(raw)
    body, trailer = _split_trailer(lines)
    warnings: list[Warning] = []
    title, body = _take_title(body)
    if not title:
        warnings.append(Warning("no_title"))
    paragraphs = _paragraphs(body, warnings)
    if not paragraphs:
        raise ParseError("no_lines")
    source_adapted, source_from, author_note, footnotes = _parse_trailer(trailer, warnings)
    laid, width = _lay_out(paragraphs, warnings)
    parsed_lines = _number(laid)
    _check_notes(parsed_lines, footnotes, warnings)
    return ParsedText(
        title=title,
        lines=tuple(parsed_lines),
        paragraph_numbers=tuple(p.number for p in paragraphs),
        footnotes=tuple(footnotes),
        source_adapted=source_adapted,
        source_from=source_from,
        author_note=author_note,
        line_width=width,
        warnings=tuple(warnings),
    )


def _normalise(raw: str) -> list[str]:
    if "\x00" in raw:
        raise ParseError("binary")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError("encoding") from exc
    raw = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    if _CONTROL.search(raw):
        raise ParseError("binary")
    lines = [re.sub(r"[ \t\u00a0\u2007\u202f]+", " ", line).strip() for line in raw.split("\n")]
    if not any(lines):
        raise ParseError("empty")
    return lines


def _is_trailer_start(line: str) -> bool:
    return bool(_SOURCE_ADAPTED.match(line) or _SOURCE_FROM.match(line) or _NOTE.match(line))


def _split_trailer(lines: list[str]) -> tuple[list[str], list[str]]:
    seen_body = False
    for i, line in enumerate(lines):
        if seen_body and _is_trailer_start(line):
            return lines[:i], lines[i:]
        seen_body = seen_body or bool(line)
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
    if (
        stands_alone
        and has_more
        and len(first) <= MAX_TITLE_LENGTH
        and not _PARAGRAPH_MARKER.match(first)
        and not _ANCHOR.match(first)
    ):
        title = first.lstrip("#").strip().strip("*").strip()
        return title, rest[1:]
    return "", rest


def _paragraphs(body: list[str], warnings: list[Warning]) -> list[_Paragraph]:
    marked = any(_PARAGRAPH_MARKER.match(line) for line in body if line)
    if marked:
        return _marked_paragraphs(body, warnings)
    paragraphs: list[_Paragraph] = []
    chunk: list[str] = []
    for line in [*body, ""]:
        if line:
            chunk.append(line)
        elif chunk:
            paragraphs.append(_Paragraph(len(paragraphs) + 1, [_chunk(chunk, False)]))
            chunk = []
    return paragraphs


def _marked_paragraphs(body: list[str], warnings: list[Warning]) -> list[_Paragraph]:
    """Paragraphs delimited by "(n)" markers, which may stand mid-line.

    A marker counts only when it carries the next number, so "(2)" quoted inside a
    sentence of paragraph 5 stays text.
    """
    paragraphs: list[_Paragraph] = []
    chunk: list[str] = []
    blank_before = False
    expected: int | None = None

    def close_chunk() -> None:
        nonlocal chunk
        if chunk:
            if not paragraphs:
                warnings.append(Warning("text_before_first_paragraph"))
                paragraphs.append(_Paragraph(1))
            paragraphs[-1].chunks.append(
                _chunk(chunk, blank_before and bool(paragraphs[-1].chunks))
            )
            chunk = []

    for line in body:
        if not line:
            close_chunk()
            blank_before = True
            continue
        pos = 0
        for m in _PARAGRAPH_MARKER.finditer(line):
            number = int(m.group(1))
            if expected is not None and number != expected:
                continue
            before = line[pos : m.start()].strip()
            if before:
                chunk.append(before)
            close_chunk()
            paragraphs.append(_Paragraph(number))
            expected = number + 1
            blank_before = False
            pos = m.end()
        remainder = line[pos:].strip()
        if remainder:
            chunk.append(remainder)
        elif pos == 0:
            chunk.append(line)
    close_chunk()
    return [p for p in paragraphs if p.chunks] or paragraphs[:0]


def _chunk(raw_lines: list[str], starts_page: bool) -> _Chunk:
    chunk = _Chunk(list(raw_lines), starts_page)
    if chunk.flowing:
        return chunk
    for i, line in enumerate(chunk.raw_lines):
        m = _ANCHOR.match(line)
        if m and int(m.group(1)) % 5 == 0 and int(m.group(1)) > 0:
            chunk.anchors[i] = int(m.group(1))
            chunk.raw_lines[i] = line[m.end() :]
    return chunk


def _parse_trailer(
    trailer: list[str], warnings: list[Warning]
) -> tuple[str, str, str, list[ParsedFootnote]]:
    adapted, taken_from = "", ""
    author: list[str] = []
    notes: dict[int, list[str]] = {}
    current: list[str] | None = None
    for line in trailer:
        if not line:
            current = None
            continue
        note = _NOTE.match(line)
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
    laid: list[_LaidLine] | None = None

    @property
    def indent(self) -> int:
        # The paragraph number "(n) " is printed before the first line and takes room.
        return len(f"({self.paragraph}) ") if self.starts_paragraph else 0


def _items(paragraphs: list[_Paragraph], warnings: list[Warning]) -> list[_Item]:
    items: list[_Item] = []
    em = False
    for paragraph in paragraphs:
        first = True
        for chunk in paragraph.chunks:
            if chunk.flowing:
                words, em = _tokenize(" ".join(chunk.raw_lines), em)
                items.append(_Item(paragraph.number, first, chunk.starts_page, words, False))
                first = False
                continue
            for i, raw_line in enumerate(chunk.raw_lines):
                words, em = _tokenize(raw_line, em)
                if not words:
                    continue
                items.append(
                    _Item(
                        paragraph.number,
                        first,
                        chunk.starts_page and i == 0,
                        words,
                        True,
                        chunk.anchors.get(i),
                    )
                )
                first = False
        if em:
            warnings.append(Warning("unclosed_emphasis", {"paragraph": paragraph.number}))
            em = False
    return items


def _lay_out(paragraphs: list[_Paragraph], warnings: list[Warning]):
    items = _items(paragraphs, warnings)
    flowing = [item for item in items if not item.fixed]
    for item in items:
        if item.fixed:
            item.laid = [_LaidLine(item.words)]
    if not flowing:
        _check_anchors(items, warnings)
        return items, None

    width = _choose_width(items)
    counts = {id(item): len(_wrap_greedy(item.words, width, item.indent)) for item in flowing}
    _fit_regions(items, width, counts, warnings)
    return items, width


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
    regions = [(r, need) for r, need, _anchor in _regions(items) if need is not None]
    if not regions:
        return min(max(reference, MIN_WIDTH), MAX_WIDTH) if kept else DEFAULT_WIDTH

    def counts(width: int) -> list[tuple[int, int]]:
        return [
            (sum(len(_wrap_greedy(i.words, width, i.indent)) for i in region), need)
            for region, need in regions
        ]

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
            item.laid = _wrap_greedy(item.words, width, item.indent)
        if need is None or not region:
            continue
        got = sum(counts[id(i)] for i in region)
        if got == need:
            continue
        if got < need:
            targets = {id(i): counts[id(i)] for i in region}
            extra = need - got
            while extra:
                # One more line for the segment whose lines are fullest on average.
                item = max(region, key=lambda i: counts[id(i)] / max(targets[id(i)], 1))
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
        if item.fixed and item.anchor is not None and item.anchor != number + 1:
            warnings.append(Warning("anchor_unmet", {"anchor": item.anchor, "line": number + 1}))
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
    if not data.strip():
        raise ParseError("empty")
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
    if "\x00" in text or _CONTROL.search(text.replace("\r", "")):
        raise ParseError("binary")
    return text
