"""Numbering a text's printed lines as the booklet does: paragraphs at their bold
"(n)", subheadings counted or not as the margin numbers show, and every margin
number checked against the count."""

from __future__ import annotations

import re

from texts.parsing import ParsedLine, Warning
from texts.pdf_booklet.printed import PrintedLine, render_pieces, styled_pieces

PARAGRAPH_MARKER = re.compile(r"^\(([1-9]\d{0,2})\)\s*")


def is_subheading(line: PrintedLine) -> bool:
    """A line all in bold inside the text, without a paragraph marker."""
    return (
        line.all_of("bold")
        and not line.all_of("italic")
        and not PARAGRAPH_MARKER.match(line.text)
        and not line.text.isdigit()
    )


def uncounted_subheadings(printed: list[PrintedLine], warnings: list[Warning]) -> set[int]:
    """The subheadings (by index) that the booklet does not count as lines.

    In the central exams a subheading inside a text is usually counted: it is a line
    and gets a number when it falls on a fifth line. Some booklets leave it out of
    the count. The margin numbers tell which: between two of them (from the start,
    to the first) the lines read must be as many as the numbers are apart; a
    surplus of exactly the subheadings there means they are not counted, none
    means they are. Where the numbers cannot tell (after the last margin number, or
    a stretch that is off for another reason), the way the text's other
    subheadings are counted is followed; with none to follow, the subheading is
    counted, and the admin is warned (`pdf_subheading_undecided`).

    For example: a bold line among lines 5 and 10, and eleven lines read from the
    one with 5 to the one with 10: the bold line is not counted.
    """
    # A bold line with nothing under it is no heading of anything: it stays a line.
    candidates = [i for i, ln in enumerate(printed[:-1]) if ln.margin is None and is_subheading(ln)]
    if not candidates:
        return set()
    counted: dict[int, bool] = {}
    undecided: list[int] = []
    start, base = 0, 0
    for i, line in enumerate(printed):
        if line.margin is None:
            continue
        region = [k for k in candidates if start <= k < i]
        surplus = (i + 1 - start) - (line.margin - base)
        if region and surplus == 0:
            counted.update(dict.fromkeys(region, True))
        elif region and surplus == len(region):
            counted.update(dict.fromkeys(region, False))
        else:
            undecided += region
        start, base = i + 1, line.margin
    undecided += [k for k in candidates if k >= start]
    rule = set(counted.values())
    for k in undecided:
        if len(rule) == 1:
            counted[k] = next(iter(rule))
        else:
            counted[k] = True
            warnings.append(
                Warning("pdf_subheading_undecided", {"subheading": printed[k].text[:80]})
            )
    return {k for k, is_counted in counted.items() if not is_counted}


def number_lines(
    printed: list[PrintedLine],
    body: float,
    warnings: list[Warning],
    uncounted: set[int] = frozenset(),
) -> tuple[list[ParsedLine], list[int], list[str]]:
    """Number the lines 1..n as printed; paragraphs start at a bold "(n)". A bold line
    without a marker is a subheading: counted, it is a line marked so; not counted
    (`uncounted`, by index), it is printed above the next line without a number."""
    marked = any(_marker(ln) for ln in printed)
    out: list[ParsedLine] = []
    paragraphs: list[int] = []
    raw: list[str] = []
    paragraph = 0 if marked else 1
    if not marked:
        paragraphs.append(1)
    previous: PrintedLine | None = None
    heading_before = ""
    for index, line in enumerate(printed):
        if index in uncounted:
            heading_before = " ".join(filter(None, [heading_before, line.text]))
            raw.append(f"**{line.text}**")
            continue
        pieces = styled_pieces(line.placed)
        starts_paragraph = False
        marker = _marker(line) if marked else None
        if marker and marker == (paragraphs[-1] + 1 if paragraphs else marker):
            paragraph, starts_paragraph = marker, True
            paragraphs.append(marker)
            pieces = _drop_marker(pieces)
        elif marked and not paragraphs:
            warnings.append(Warning("text_before_first_paragraph"))
            paragraph = 1
            paragraphs.append(1)
        elif not marked and previous is not None and gap_before(previous, line, body):
            paragraph += 1
            paragraphs.append(paragraph)
            starts_paragraph = True
        plain, runs, notes = render_pieces(pieces)
        if not plain and not notes:
            continue
        starts_page = previous is not None and previous.page != line.page
        out.append(
            ParsedLine(
                number=len(out) + 1,
                paragraph=paragraph,
                plain=plain[:200],
                runs=runs,
                starts_paragraph=starts_paragraph or (not out and not marked),
                starts_page=starts_page,
                notes=notes,
                subheading=is_subheading(line),
                heading_before=heading_before[:200],
            )
        )
        heading_before = ""
        prefix = f"{line.margin_digits} " if line.margin_digits else ""
        raw.append(prefix + (f"({paragraph}) " if starts_paragraph and marked else "") + plain)
        previous = line
    return out, paragraphs, raw


def _marker(line: PrintedLine) -> int | None:
    """The paragraph number a line starts with, when it is printed in bold."""
    m = PARAGRAPH_MARKER.match(line.text)
    if not m:
        return None
    digits = [r.glyph for r in line.placed if r.glyph.text.strip()][: len(m.group(1)) + 2]
    return int(m.group(1)) if all(g.bold for g in digits) else None


def _drop_marker(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    text = "".join(t for t, _s in pieces)
    m = PARAGRAPH_MARKER.match(text)
    skip = m.end() if m else 0
    out: list[tuple[str, str]] = []
    for piece_text, style in pieces:
        if skip >= len(piece_text) and not style.startswith("note:"):
            skip -= len(piece_text)
            continue
        out.append((piece_text[skip:], style))
        skip = 0
    return out


def gap_before(previous: PrintedLine, line: PrintedLine, body: float) -> bool:
    """Unnumbered paragraphs: white space above a line in the same column."""
    if previous.page != line.page or line.top < previous.top:
        return False
    return line.top - previous.top > body * 1.9


def check_margin_numbers(printed: list[PrintedLine], warnings: list[Warning]) -> None:
    """Each margin number must stand beside the line of that number."""
    numbered = [ln for ln in printed if render_pieces(styled_pieces(ln.placed))[0] or ln.margin]
    anchors = [(i + 1, ln.margin) for i, ln in enumerate(numbered) if ln.margin is not None]
    if not anchors:
        if len(numbered) >= 5:
            warnings.append(Warning("pdf_no_margin_numbers"))
        return
    for line, anchor in anchors:
        if line != anchor:
            warnings.append(Warning("pdf_margin_number_unmet", {"anchor": anchor, "line": line}))
    seen = {anchor for _line, anchor in anchors}
    for expected in range(5, len(numbered) + 1, 5):
        if expected not in seen and not any(a == expected for _l, a in anchors):
            warnings.append(Warning("pdf_margin_number_missing", {"line": expected}))
