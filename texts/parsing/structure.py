"""The shape of a raw text: title, subtitle and introduction, paragraphs (marked
"(n)" or separated by blank lines), page breaks, and per raw line whether it is a
kept booklet line (with its margin number) or flowing text to wrap again."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from texts.parsing.decoding import CONTROL_CHARACTERS, LINE_BREAKS
from texts.parsing.errors import ParseError, Warning
from texts.parsing.limits import FLOWING_THRESHOLD, MAX_TITLE_LENGTH

_PARAGRAPH_MARKER = re.compile(r"(?:^|(?<=\s))\(([1-9]\d{0,2})\)(?=\s|$)")
# A booklet text never runs to a thousand lines: "2015 was het jaar" is text.
_ANCHOR = re.compile(r"^(\d{1,3})\s+(?=\S)")
# "75 (4) De maatschappelijke": a margin number before a paragraph marker.
_MARGIN_BEFORE_MARKER = re.compile(r"^(\d{1,3}) \(([1-9]\d{0,2})\) (?=\S)")
_SUBTITLE = re.compile(r"^\*\*([^*]+)\*\*$")
_WHOLLY_EMPHASISED = re.compile(r"^\*([^*]+)\*$")
_TEXT_HEADING = re.compile(r"^(?:#+\s*)?tekst\s+\d+\s*$", re.IGNORECASE)
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u2060\ufeff"))


@dataclass
class Chunk:
    """Consecutive raw lines of one paragraph with no blank line between them."""

    raw_lines: list[str]
    starts_page: bool = False
    # Per raw line: part of a text that lost its line breaks (to be wrapped again),
    # or a booklet line kept as it is.
    flowing: list[bool] = field(default_factory=list)
    anchors: dict[int, int] = field(default_factory=dict)  # raw line index -> number
    anchor_digits: dict[int, str] = field(default_factory=dict)  # the number as written


@dataclass
class Paragraph:
    number: int
    chunks: list[Chunk] = field(default_factory=list)


def normalise(raw: str) -> list[str]:
    if "\x00" in raw:
        raise ParseError("binary")
    try:
        raw.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError("encoding") from exc
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKS)
    if CONTROL_CHARACTERS.search(raw):
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


def take_title(body: list[str]) -> tuple[str, list[str]]:
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


def take_introduction(body: list[str]) -> tuple[str, str, list[str]]:
    """(subtitle, introduction, the rest): what a marked text prints between its
    title and "(1)" without numbering it.

    A line `**...**` standing alone right after the title is the subtitle; then each
    paragraph (lines up to a blank line) wholly in `*...*` is a paragraph of the
    introduction, as the booklet prints it in italics. Only before the first
    paragraph marker, so nothing that was a numbered line in a text with markers is
    taken; a line with a margin number in it is always a numbered line. In a text
    without markers the first paragraph may well be in italics: it stays text.

    >>> take_introduction(["**Een ondertitel**", "", "*Eerst dit.*", "", "(1) Zo."])
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


def find_paragraphs(body: list[str], warnings: list[Warning]) -> list[Paragraph]:
    marked = any(_PARAGRAPH_MARKER.match(line) for line in body if line)
    if marked:
        return _marked_paragraphs(body, warnings)
    paragraphs: list[Paragraph] = []
    chunk: list[tuple[str, bool]] = []
    for line in [*body, ""]:
        if line:
            chunk.append((line, _is_long(line)))
        elif chunk:
            paragraphs.append(Paragraph(len(paragraphs) + 1, [_chunk(chunk, False)]))
            chunk = []
    return paragraphs


def _is_long(raw_line: str) -> bool:
    """Too long for a booklet line. A margin number in front ("105 ") is not
    counted: it stands outside the column (a paragraph number is inside it)."""
    margin = _anchor(raw_line)
    return len(raw_line) - (margin.end() if margin else 0) > FLOWING_THRESHOLD


def _marked_paragraphs(body: list[str], warnings: list[Warning]) -> list[Paragraph]:
    """Paragraphs delimited by "(n)" markers, which may stand mid-line.

    A marker counts only when it carries the next number, so "(2)" quoted inside a
    sentence of paragraph 5 stays text.
    """
    paragraphs: list[Paragraph] = []
    # Text before the first marker joins the first paragraph (with a warning).
    lead: list[Chunk] = []
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
            paragraphs.append(Paragraph(number, [] if paragraphs else list(lead)))
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


def _chunk(lines: list[tuple[str, bool]], starts_page: bool) -> Chunk:
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
    chunk = Chunk(raw_lines, starts_page, flowing)
    for i, line in enumerate(raw_lines):
        m = None if flowing[i] else _anchor(line)
        if m:
            chunk.anchors[i] = int(m.group(1))
            chunk.anchor_digits[i] = m.group(1)
            chunk.raw_lines[i] = line[m.end() :]
    return chunk
