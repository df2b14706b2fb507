"""Text copied out of a PDF booklet: recognise what the page put around the text.

A copy from a PDF viewer brings more than the text: the margin numbers come out as
lines of their own ("5", "10", one per line, or a block "5 10 15 20"), and the page
header and footer (the exam code "HA-1001-a-21-1-b", "2 / 10", "lees verder ►►►",
a bare page number) land between the lines. Left in, each would become a booklet
line and every line after it would be numbered wrong. So, before the text is read:

- a page footer or header is dropped, and where it stood is a page break (a blank
  line: inside a marked paragraph the importer reads it as a page turn);
- a lone margin number is glued to the line it stands beside ("25 kapitaal ..."),
  where counting the lines since the last anchor says it belongs, so it becomes an
  anchor; where counting cannot say (lines that lost their breaks), it goes to the
  next line and the importer checks it like any anchor;
- a block of margin numbers cannot be placed by position and is dropped.

Pure: a list of normalised lines in, the same kind of list out.
"""

from __future__ import annotations

import re

_FURNITURE = re.compile(
    r"^(?:[A-Z]{2,3}-\d{3,4}-[a-z]-\d{2}-\d-[a-z]\*?"  # exam code HA-1001-a-21-1-b
    r"|(?:pagina\s+)?\d{1,3}\s*/\s*\d{1,3}"  # page count "2 / 10"
    r"|lees\s+verder\b.*|.*[►▶]{2,}.*"  # "lees verder ►►►"
    r")$",
    re.IGNORECASE,
)
_MARGIN_NUMBER = re.compile(r"^([1-9]\d{0,2}0|[1-9]\d{0,1}5|5)$")
_MARGIN_BLOCK = re.compile(r"^\d{1,3}(?:\s+\d{1,3})+$")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
_MARKER_ONE = re.compile(r"^\(1\)\s")
# A line longer than this lost its booklet line breaks (as texts.parsing decides).
_LONG = 46


def _is_block(line: str) -> bool:
    """ "5 10 15 20": ascending margin numbers, five apart."""
    if not _MARGIN_BLOCK.match(line):
        return False
    numbers = [int(n) for n in line.split()]
    return all(n % 5 == 0 for n in numbers) and all(
        b - a == 5 for a, b in zip(numbers, numbers[1:], strict=False)
    )


def recognise_pdf_copy(lines: list[str]) -> tuple[list[str], int]:
    """(lines without the page's furniture, how many lines were left out).

    >>> recognise_pdf_copy(["(1) een", "twee", "drie", "vier", "5", "vijf", "2 / 10"])
    (['(1) een', 'twee', 'drie', 'vier', '5 vijf', ''], 1)
    """
    if not any(_looks_copied(line) for line in lines):
        return lines, 0
    out: list[str] = []
    dropped = 0
    # Where counting starts: the line of paragraph (1), else after the title.
    start = next((i for i, ln in enumerate(lines) if _MARKER_ONE.match(ln)), None)
    counted_from_out = None  # index in `out` of line 1, once known
    last_anchor: tuple[int, int] | None = None  # (index in out, number)
    i = 0
    while i < len(lines):
        line = lines[i]
        if start is not None and i == start:
            counted_from_out = len(out)
        if _is_block(line):  # a column's margin numbers: not placeable by position
            dropped += 1
            i += 1
            continue
        if _FURNITURE.match(line):
            dropped += 1
            if out and out[-1]:
                out.append("")  # a page turn
            i += 1
            continue
        run = i
        while run < len(lines) and _MARGIN_NUMBER.match(lines[run]):
            run += 1
        if run - i >= 2:  # several margin numbers in a row: a block, not placeable
            dropped += run - i
            i = run
            continue
        if run == i + 1:
            number = int(line)
            placed = _place(out, lines, i, number, counted_from_out, last_anchor)
            if placed is not None:
                last_anchor = (placed, number)
            else:
                dropped += 1
            i += 1
            continue
        if _BARE_NUMBER.match(line) and out and (not out[-1] or _next_is_blank(lines, i)):
            dropped += 1  # a page number alone between pages
            i += 1
            continue
        out.append(line)
        i += 1
    return out, dropped


def _looks_copied(line: str) -> bool:
    return bool(_FURNITURE.match(line) or _is_block(line) or _MARGIN_NUMBER.match(line))


def _next_is_blank(lines: list[str], i: int) -> bool:
    return i + 1 >= len(lines) or not lines[i + 1]


def _place(out, lines, i, number, counted_from_out, last_anchor) -> int | None:
    """Glue margin number `number` (lines[i]) to its line; the index in `out`."""
    following = next((k for k in range(i + 1, len(lines)) if lines[k]), None)
    base = last_anchor or ((counted_from_out - 1, 0) if counted_from_out is not None else None)
    if base is not None:
        index, value = base
        text_lines = [ln for ln in out[index + 1 :] if ln]
        if text_lines and all(len(ln) <= _LONG for ln in text_lines):
            seen = value + len(text_lines)
            if seen == number and out and out[-1]:
                # It stands after its line: the previous line is the numbered one.
                out[-1] = f"{number} {out[-1]}"
                return len(out) - 1
    if following is None or _MARGIN_NUMBER.match(lines[following]):
        return None
    # Beside the next line: glue it there.
    lines[following] = f"{number} {lines[following]}"
    return len(out) + following - i - 1
