"""A booklet's texts: where each starts ("Tekst n"), its title, subtitle and
introduction, its numbered lines and its trailer; and the booklet carried from the
preview to the save as JSON-ready values."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from texts.parsing import ParsedFootnote, ParsedLine, ParsedText, ParseError, Warning
from texts.parsing.trailer import check_notes, parse_trailer
from texts.pdf_booklet.numbering import (
    PARAGRAPH_MARKER,
    check_margin_numbers,
    gap_before,
    number_lines,
    uncounted_subheadings,
)
from texts.pdf_booklet.printed import PrintedLine, body_size, is_furniture, page_lines
from texts.pdf_booklet.reading import MAX_PAGES, PageLayout, read_pdf

_TEXT_HEADING = re.compile(r"^tekst\s+(\d{1,2})$", re.IGNORECASE)
_TRAILER_START = re.compile(
    r"^(?:(?:(?:bewerkt|vrij)\s+)?naar\s*:|uit\s*:|bron\s*:|noot\s+\d{1,2}\b)", re.IGNORECASE
)
_FRAGMENT = re.compile(r"^fragment\s+\d{1,2}\b", re.IGNORECASE)


@dataclass(frozen=True)
class BookletText:
    """One text of the booklet: its heading as printed, the parse, and a plain-text
    copy in the importer's conventions (kept as the text's `raw`)."""

    heading: str
    parsed: ParsedText
    raw: str


@dataclass(frozen=True)
class Booklet:
    texts: tuple[BookletText, ...]


def read_booklet(data: bytes, *, max_pages: int = MAX_PAGES) -> Booklet:
    return parse_booklet(read_pdf(data, max_pages=max_pages))


@dataclass
class _TextLines:
    heading: str
    lines: list[PrintedLine] = field(default_factory=list)


def parse_booklet(pages: list[PageLayout]) -> Booklet:
    """Every text of a booklet, from its pages' characters.

    >>> glyphs = lambda s, top, x=80.0, **kw: tuple(
    ...     Glyph(c, x + 6 * i, x + 6 * i + 5, top, top + 10, 10.0, **kw) for i, c in enumerate(s))
    >>> page = PageLayout(1, 595, 842, glyphs("Tekst 1", 100, bold=True)
    ...     + glyphs("Titel", 120, bold=True) + glyphs("Een regel.", 140))
    >>> [(t.parsed.title, [ln.plain for ln in t.parsed.lines]) for t in parse_booklet([page]).texts]
    [('Titel', ['Een regel.'])]
    """
    if not any(page.glyphs for page in pages):
        raise ParseError("pdf_scan")
    body = body_size(pages)
    texts: list[_TextLines] = []
    # A PDF of one text without a "Tekst n" heading (a Word file saved as PDF, say)
    # is one text; in a booklet, what stands before "Tekst 1" is its cover.
    headless = _TextLines("")
    pictures: dict[int, int] = {}
    for page in pages:
        if page.pictures:
            pictures[page.number] = page.pictures
        for line in page_lines(page, body):
            if is_furniture(line, page.height):
                continue
            heading = _TEXT_HEADING.match(line.text)
            if heading:
                texts.append(_TextLines(f"Tekst {heading.group(1)}"))
            else:
                (texts[-1] if texts else headless).lines.append(line)
    if not texts:
        texts = [headless]
    out = []
    for text in texts:
        parsed, raw = _parse_text(text, body, pictures)
        if parsed is not None:
            out.append(BookletText(text.heading, parsed, raw))
    if not out:
        raise ParseError("pdf_no_texts")
    return Booklet(tuple(out))


def _parse_text(
    text: _TextLines, body: float, pictures: dict[int, int]
) -> tuple[ParsedText | None, str]:
    lines = list(text.lines)
    warnings: list[Warning] = []
    title_size = 0.0
    title_parts: list[str] = []
    # The title is the bold lines after the heading in the title's size: a bold line
    # in a smaller size ("fragment 1", a subheading) belongs to the text.
    while (
        lines
        and lines[0].all_of("bold")
        and not PARAGRAPH_MARKER.match(lines[0].text)
        and (not title_parts or lines[0].size >= title_size - 0.5)
    ):
        if not title_parts:
            title_size = lines[0].size
        title_parts.append(lines.pop(0).text)
    taken = _introduction_lines(lines)
    subtitle, introduction = _subtitle_and_introduction(lines[:taken], body)
    lines = lines[taken:]
    trailer_at = next(
        (i for i, ln in enumerate(lines) if i and _TRAILER_START.match(ln.text)), len(lines)
    )
    body_lines, trailer = lines[:trailer_at], lines[trailer_at:]
    if not body_lines:
        return None, ""
    title = " ".join(title_parts)
    if not title:
        warnings.append(Warning("no_title"))
    body_lines = [ln for ln in body_lines if ln.text or ln.margin]
    uncounted = uncounted_subheadings(body_lines, warnings)
    parsed_lines, paragraphs, raw_lines = number_lines(body_lines, body, warnings, uncounted)
    trailer_raw = [f"*{ln.text}*" if ln.all_of("italic") else ln.text for ln in trailer]
    adapted, taken_from, author, footnotes = parse_trailer(trailer_raw, warnings)
    check_notes(parsed_lines, footnotes, warnings)
    check_margin_numbers([ln for i, ln in enumerate(body_lines) if i not in uncounted], warnings)
    pages_with_lines = sorted({ln.page for ln in text.lines})
    for page in pages_with_lines:
        if page in pictures:
            warnings.append(Warning("pdf_picture_skipped", {"page": page}))
    parsed = ParsedText(
        title=title,
        lines=tuple(parsed_lines),
        paragraph_numbers=tuple(paragraphs),
        footnotes=tuple(footnotes),
        source_adapted=adapted,
        source_from=taken_from,
        author_note=author,
        line_width=None,
        warnings=tuple(warnings),
        subtitle=subtitle,
        introduction=introduction,
    )
    head = [text.heading, ""] if text.heading else []
    # In the plain-text conventions: "**subtitle**" and "*introduction*" paragraphs
    # between the title and "(1)" (see texts.parsing.structure.take_introduction).
    above = [f"**{subtitle}**"] if subtitle else []
    above += [f"*{part}*" for part in introduction.split("\n\n") if part]
    above = [part for item in above for part in (item, "")]
    raw = "\n".join([*head, title, "", *above, *raw_lines, "", *trailer_raw]) + "\n"
    return parsed, raw


def _may_introduce(line: PrintedLine) -> bool:
    """A line under the title that may be a subtitle or the introduction: all in
    italics, or all bold (a bold line in the title's size is part of the title), no
    margin number, no paragraph marker, no "fragment n" (a heading inside the text)."""
    if line.margin is not None or PARAGRAPH_MARKER.match(line.text):
        return False
    if _TRAILER_START.match(line.text) or _FRAGMENT.match(line.text):
        return False
    return line.all_of("italic") or line.all_of("bold")


def _introduction_lines(lines: list[PrintedLine]) -> int:
    """How many lines under the title are its subtitle and introduction, not numbered.

    The margin numbers decide: the first one stands beside line n, so exactly the
    lines before the n-th counted one are not counted. Without a margin number the
    style decides: the italic and bold lines there are not counted (the booklets
    print an introduction in italics, a subtitle in bold, both above line 1).

    For example: three italic lines under the title, and margin number 5 beside
    the seventh line read: the first two are the introduction, the third is line 1.
    """
    candidates = 0
    while candidates < len(lines) and _may_introduce(lines[candidates]):
        candidates += 1
    if candidates == len(lines):
        return 0  # a text all in italics: its lines are its lines
    first = next((i for i, ln in enumerate(lines) if ln.margin is not None), None)
    if first is None:
        return candidates
    uncounted = first + 1 - lines[first].margin
    return min(max(uncounted, 0), candidates)


def _subtitle_and_introduction(lines: list[PrintedLine], body: float) -> tuple[str, str]:
    """The bold lines first are the subtitle, the rest the introduction: its printed
    lines joined (it is not numbered, so it need not keep them), paragraphs apart."""
    subtitle: list[str] = []
    intro = ""
    previous: PrintedLine | None = None
    for line in lines:
        if not intro and line.all_of("bold") and not line.all_of("italic"):
            subtitle.append(line.text)
            previous = line
            continue
        if intro:
            if previous is not None and gap_before(previous, line, body):
                intro += "\n\n"
            elif intro.endswith("-") and _ends_in_soft_hyphen(previous):
                intro = intro[:-1]  # a word broken at the line end, whole again
            else:
                intro += " "
        intro += line.text
        previous = line
    return " ".join(subtitle), intro


def _ends_in_soft_hyphen(line: PrintedLine | None) -> bool:
    inked = [r.glyph.text for r in line.placed if r.glyph.text.strip()] if line else []
    return bool(inked) and inked[-1] == "\u00ad"


def booklet_to_data(booklet: Booklet) -> list[dict]:
    """JSON-ready values of a booklet (the preview signs them, the save reads them)."""
    return [{"heading": t.heading, "raw": t.raw, "parsed": asdict(t.parsed)} for t in booklet.texts]


def booklet_from_data(data: list[dict]) -> Booklet:
    """The booklet back from `booklet_to_data`'s values."""
    texts = []
    for item in data:
        p = dict(item["parsed"])
        p["lines"] = tuple(
            ParsedLine(
                **{
                    **ln,
                    "runs": tuple((kind, value) for kind, value in ln["runs"]),
                    "notes": tuple(ln["notes"]),
                }
            )
            for ln in p["lines"]
        )
        p["footnotes"] = tuple(ParsedFootnote(**f) for f in p["footnotes"])
        p["warnings"] = tuple(Warning(**w) for w in p["warnings"])
        p["paragraph_numbers"] = tuple(p["paragraph_numbers"])
        texts.append(BookletText(item["heading"], ParsedText(**p), item["raw"]))
    return Booklet(tuple(texts))
