"""The scheme's text as lines without page furniture, split into a block per question.

Pure: only the standard library and exam.papers.scheme.patterns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exam.papers.scheme.patterns import (
    BARE_NUMBER,
    EINDE,
    END_OF_MODEL,
    FURNITURE_PIECES,
    HEADER,
    HEADER_MAX_ONLY,
    SHORT_KEY,
    TARGETS,
    TEXT_HEADING,
)


def clean_lines(text: str) -> list[str]:
    """The text's lines, spaces collapsed, with "\\f" kept as a line of its own (a page
    break)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00ad", "")
    text = text.replace("\f", "\n\f\n").replace("\u00a0", " ").replace("\uf0b7", "•")
    text = text.replace("\uf0a7", "•")
    return [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]


def _is_furniture(line: str) -> bool:
    """A line made only of an exam code, "lees verder ►►►", a page count and such."""
    if not line:
        return False
    rest = FURNITURE_PIECES.sub(" ", line)
    if rest == line:
        return False
    return not re.sub(r"\d{1,3}", "", rest).strip(" .-■")


def drop_furniture(lines: list[str]) -> list[str]:
    """Lines without page furniture and blanks; a bare page number counts as furniture
    next to other furniture or a page break."""
    marks = [line == "\f" or _is_furniture(line) for line in lines]
    kept = []
    for i, line in enumerate(lines):
        if not line or marks[i]:
            continue
        if BARE_NUMBER.match(line) and _beside_furniture(lines, marks, i):
            continue
        kept.append(line)
    return kept


def _beside_furniture(lines: list[str], marks: list[bool], i: int) -> bool:
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and not lines[j]:
            j += step
        if not 0 <= j < len(lines):
            # The last line of the whole text (a last page's number).
            return step == 1
        if marks[j]:
            return True
    return False


@dataclass
class Block:
    """One question's lines as printed, under its "n maximumscore m" (or "n C")."""

    number: int
    max_points: int
    lines: list[str] = field(default_factory=list)
    key: str | None = None  # the short form "4 C"


def _header_at(lines: list[str], i: int) -> tuple[int, int, str, int] | None:
    """(number, max, rest of the line, lines used) when line i starts a question."""
    match = HEADER.match(lines[i])
    if match:
        return int(match["number"]), int(match["max"]), match["rest"].strip(), 1
    if BARE_NUMBER.match(lines[i]) and i + 1 < len(lines):
        following = HEADER_MAX_ONLY.match(lines[i + 1])
        if following:
            return int(lines[i]), int(following["max"]), following["rest"].strip(), 2
    return None


def _is_row_like(line: str) -> tuple[str, str] | None:
    match = re.match(r"^(\d{1,2})\s+(" + TARGETS + r")$", line)
    return (match[1], match[2]) if match else None


def _short_key(lines: list[str], i: int, current: Block | None) -> tuple[int, str] | None:
    """The short form "4 C" of a one-point multiple-choice question, read only for the
    next number, and not as the next row of a list ("1 B", "2 A") in an answer."""
    match = SHORT_KEY.match(lines[i])
    if not match:
        return None
    number = int(match["number"])
    previous = current.number if current else 0
    if number != previous + 1:
        return None
    if current and current.lines:
        before = _is_row_like(current.lines[-1])
        if before and before[0] == str(number - 1):
            return None
    return number, match["key"]


def split_questions(lines: list[str]) -> tuple[list[Block], list[str]]:
    """The questions' blocks and the lines before the first one (the general rules)."""
    blocks: list[Block] = []
    preamble: list[str] = []
    current: Block | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if current is not None and END_OF_MODEL.match(line):
            break
        header = _header_at(lines, i)
        if header:
            number, max_points, rest, used = header
            current = Block(number, max_points)
            if rest:
                current.lines.append(rest)
            blocks.append(current)
            i += used
            continue
        short = _short_key(lines, i, current) if (current or _started(lines, i)) else None
        if short:
            current = Block(short[0], 1, [short[1]], key=short[1])
            blocks.append(current)
            i += 1
            continue
        if TEXT_HEADING.match(line) and _next_is_question(lines, i + 1, current):
            i += 1
            continue
        if current is None:
            preamble.append(line)
        elif EINDE.match(line) and current.lines and not _header_follows(lines, i + 1):
            break
        else:
            current.lines.append(line)
        i += 1
    return blocks, preamble


def _started(lines: list[str], i: int) -> bool:
    """Before any question, a short form "1 B" counts only right under "Tekst 1 ..."."""
    return i > 0 and bool(TEXT_HEADING.match(lines[i - 1])) and lines[i].startswith("1 ")


def _next_is_question(lines: list[str], i: int, current: Block | None) -> bool:
    if i >= len(lines):
        return False
    return bool(_header_at(lines, i) or _short_key(lines, i, current))


def _header_follows(lines: list[str], i: int) -> bool:
    return any(_header_at(lines, j) for j in range(i, len(lines)))
