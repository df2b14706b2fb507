"""From a page's characters to its printed lines, in reading order, and a printed
line's styled pieces to runs.

Rows are split at the gutter into columns; small characters are a line's raised or
lowered text, or the margin number beside it; the page header and footer are
furniture.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from texts.parsing import NOTE, Run
from texts.parsing.parsed import TEXT, add_run
from texts.pdf_booklet.reading import Glyph, PageLayout

# Below this share of the body size a character is small: a margin number, a
# footnote number or a subscript.
SMALL = 0.82
# Rows in the outer strips of a page are its header and footer.
HEADER_ZONE = 0.05
FOOTER_ZONE = 0.93
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
_FURNITURE = re.compile(
    r"^(?:[A-Z]{2,3}-\d{3,4}-[a-z]-\d{2}-\d-[a-z]\*?"  # exam code HA-1001-a-21-1-b
    r"|\d{1,3}\s*/\s*\d{1,3}"  # page count 2 / 10
    r"|lees\s+verder.*|.*[►▶]+\s*|einde\s*\.?)$",
    re.IGNORECASE,
)
# "m²", "km³": a raised number after a unit is a power, not a footnote marker.
_UNIT = re.compile(r"(?:^|\s)[kcdm]?m$")


@dataclass
class _Placed:
    """A glyph in a printed line with its role: "" normal, "sup" raised, "sub" lowered."""

    glyph: Glyph
    role: str = ""


class PrintedLine:
    """One printed line: one row of one column of one page."""

    def __init__(self, page: int, glyphs: list[Glyph]) -> None:
        self.page = page
        self.placed = [_Placed(g) for g in glyphs]
        inked = [g for g in glyphs if g.text.strip()] or glyphs
        self.size = Counter(g.size for g in inked).most_common(1)[0][0]
        self.x0 = min(g.x0 for g in inked)
        self.x1 = max(g.x1 for g in inked)
        self.top = min(g.top for g in glyphs)
        self.bottom = max(g.bottom for g in glyphs)
        self.middle = sum(g.middle for g in inked) / len(inked)
        self.margin: int | None = None
        self.margin_digits = ""

    @cached_property
    def text(self) -> str:
        """What the line says; asked only once the raised and lowered text is in."""
        return render_pieces(styled_pieces(self.placed))[0]

    def all_of(self, style: str) -> bool:
        return all(getattr(r.glyph, style) for r in self.placed if r.glyph.text.strip())


def body_size(pages: list[PageLayout]) -> float:
    sizes = Counter(round(g.size * 2) / 2 for p in pages for g in p.glyphs if g.text.strip())
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _rows(glyphs: list[Glyph], tolerance: float) -> list[list[Glyph]]:
    """Glyphs sharing a line, by the middle of their height."""
    rows: list[list[Glyph]] = []
    middles: list[float] = []
    for g in sorted(glyphs, key=lambda g: (g.middle, g.x0)):
        if rows and abs(g.middle - middles[-1]) <= tolerance:
            rows[-1].append(g)
        else:
            rows.append([g])
            middles.append(g.middle)
    return rows


def _pieces(row: list[Glyph], gap: float) -> list[list[Glyph]]:
    """Split a row at wide gaps: the gutter between columns, a footer's parts."""
    pieces: list[list[Glyph]] = []
    last_x1 = None
    for g in sorted(row, key=lambda g: g.x0):
        if last_x1 is None or g.x0 - last_x1 > gap:
            pieces.append([g])
        else:
            pieces[-1].append(g)
        last_x1 = g.x1 if g.text.strip() or last_x1 is None else last_x1
    return [piece for piece in pieces if any(g.text.strip() for g in piece)]


def _small_words(glyphs: list[Glyph]) -> list[list[Glyph]]:
    words: list[list[Glyph]] = []
    for g in sorted(glyphs, key=lambda g: (round(g.top), g.x0)):
        if not g.text.strip():
            continue
        last = words[-1][-1] if words else None
        if last and abs(last.top - g.top) < 1 and g.x0 - last.x1 < g.size * 0.4:
            words[-1].append(g)
        else:
            words.append([g])
    return words


def page_lines(page: PageLayout, body: float) -> list[PrintedLine]:
    """The printed lines of a page in reading order: per band between full-width
    lines, the left column top to bottom, then the right one."""
    normal = [g for g in page.glyphs if g.size >= body * SMALL]
    small = [g for g in page.glyphs if g.size < body * SMALL]
    printed: list[PrintedLine] = []
    for row in _rows(normal, body * 0.35):
        for piece in _pieces(row, body * 1.2):
            printed.append(PrintedLine(page.number, piece))
    orphans: list[Glyph] = []
    for word in _small_words(small):
        if not _attach_small(word, printed):
            orphans.extend(word)
    # Small text that is neither a margin number nor a raised or lowered character is
    # a line of its own (a distributor's line, a caption).
    for row in _rows(orphans, body * 0.3):
        for piece in _pieces(row, body * 1.2):
            printed.append(PrintedLine(page.number, piece))
    for line in printed:
        line.placed.sort(key=lambda r: r.glyph.x0)
    return _reading_order(printed, page.width)


def _attach_small(word: list[Glyph], printed: list[PrintedLine]) -> bool:
    """A small word inside a line is raised or lowered text; left of a line, a
    number is that line's margin number."""
    middle = sum(g.middle for g in word) / len(word)
    x0, x1 = word[0].x0, word[-1].x1
    text = "".join(g.text for g in word)
    for line in printed:
        top, bottom = line.top, line.bottom
        if not top - 2 <= middle <= bottom + 2:
            continue
        if line.x0 - 1 <= x0 <= line.x1 + 1:
            role = "sup" if middle < line.middle else "sub"
            line.placed.extend(_Placed(g, role) for g in word)
            return True
    if not text.isdigit():
        return False
    # A margin number: right of it, on its height, the nearest line start.
    beside = [
        line
        for line in printed
        if line.top - 3 <= middle <= line.bottom + 3 and 0 <= line.x0 - x1 <= 60
    ]
    if not beside:
        return False
    line = min(beside, key=lambda ln: ln.x0 - x1)
    if line.margin is not None:
        return False
    line.margin, line.margin_digits = int(text), text
    return True


def _reading_order(printed: list[PrintedLine], width: float) -> list[PrintedLine]:
    middle = width / 2
    out: list[PrintedLine] = []
    left: list[PrintedLine] = []
    right: list[PrintedLine] = []
    for line in sorted(printed, key=lambda ln: (ln.top, ln.x0)):
        if line.x0 >= middle - 10:
            right.append(line)
        elif line.x1 <= middle + 10:
            left.append(line)
        else:  # across the middle: a full-width line closes the columns above it
            out += left + right + [line]
            left, right = [], []
    return out + left + right


# --- printed lines to text --------------------------------------------------------------


def styled_pieces(placed: list[_Placed]) -> list[tuple[str, str]]:
    """(text, style) pieces: style "" plain, "em", "strong", "sub", "sup", or
    "note:n" for a footnote marker."""
    pieces: list[tuple[str, str]] = []
    last: Glyph | None = None
    i = 0
    while i < len(placed):
        item = placed[i]
        g = item.glyph
        gap = last is not None and last.text.strip() and g.x0 - last.x1 > g.size * 0.18
        if (not g.text.strip() or gap) and pieces and pieces[-1][0] != " ":
            pieces.append((" ", ""))
        if not g.text.strip():
            last = g
            i += 1
            continue
        if item.role:
            j = i
            while j < len(placed) and placed[j].role == item.role and placed[j].glyph.text.strip():
                j += 1
            text = "".join(r.glyph.text for r in placed[i:j])
            before = "".join(t for t, _s in pieces)
            number = re.fullmatch(r"(\d{1,2})\)?", text)
            if item.role == "sup" and number and not _UNIT.search(before):
                pieces.append(("", f"note:{int(number.group(1))}"))
            elif item.role == "sup":
                pieces.append((text.translate(_SUPERSCRIPT), ""))
            else:
                pieces.append((text, "sub"))
            last = placed[j - 1].glyph
            i = j
            continue
        style = "em" if g.italic else "strong" if g.bold else ""
        pieces.append((g.text.translate(_LIGATURES), style))
        last = g
        i += 1
    while pieces and pieces[-1][0] == " ":
        pieces.pop()
    while pieces and pieces[0][0] == " ":
        pieces.pop(0)
    return pieces


def render_pieces(pieces: list[tuple[str, str]]) -> tuple[str, tuple[Run, ...], tuple[int, ...]]:
    """(plain, runs, notes) of a line from its styled pieces. Spaces at the end of a
    styled stretch stand outside it; a space between two words of one style is
    inside.

    >>> render_pieces([("Een", ""), (" ", ""), ("schuin", "em"), (" ", ""), ("", "note:1")])
    ('Een schuin', (('text', 'Een '), ('em', 'schuin'), ('text', ' '), ('note', 1)), (1,))
    """
    plain = "".join(text for text, _style in pieces)
    plain = _soft_hyphens(plain)
    runs: list[Run] = []
    notes: list[int] = []
    buffer, current = "", ""

    def flush() -> None:
        add_run(runs, current or TEXT, _soft_hyphens(buffer))

    for text, style in pieces:
        if style.startswith("note:"):
            flush()
            buffer, current = "", ""
            notes.append(int(style[5:]))
            runs.append((NOTE, notes[-1]))
            continue
        # A space between two words of one style keeps them in one stretch.
        if text == " " and current:
            buffer += text
            continue
        if style != current:
            # Spaces at a style's end belong outside it.
            trailing = ""
            if current:
                stripped = buffer.rstrip(" ")
                trailing, buffer = buffer[len(stripped) :], stripped
            flush()
            if trailing and not style:
                buffer, current = trailing + text, style
            else:
                add_run(runs, TEXT, trailing)
                buffer, current = text, style
        else:
            buffer += text
    flush()
    return plain, tuple(runs), tuple(notes)


def _soft_hyphens(text: str) -> str:
    """A soft hyphen printed at a line end is the hyphen the reader saw."""
    if text.endswith("\u00ad"):
        text = text[:-1] + "-"
    return text.replace("\u00ad", "")


def is_furniture(line: PrintedLine, height: float) -> bool:
    if line.top < height * HEADER_ZONE or line.top > height * FOOTER_ZONE:
        return True
    return bool(_FURNITURE.match(line.text))
