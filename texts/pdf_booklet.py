"""Read the exam board's PDF text booklet ("tekstboekje", "bijlage") into its texts.

A booklet holds several texts, each headed "Tekst n" with a bold title, set in two
columns (sometimes one). Every printed line is one booklet line, kept exactly as
printed and never re-wrapped; every fifth line carries its number in the margin
left of its column, in a smaller font, counting on across columns and pages. Those
margin numbers are the anchors: the lines are counted and each anchor is checked,
and a number the count does not meet is reported with its line.

What is not text: the page header and footer (the exam code "HA-1001-a-21-1-b", the
page count "2 / 10", "lees verder ►►►", a distributor's line), the cover page
before "Tekst 1", and pictures (a warning names the page where one was skipped).

Two steps, so that the second needs no PDF library and no Django:
`read_pdf(bytes)` gives the characters of every page with position and font
(PDFium, through pypdfium2), and `parse_booklet(pages)` turns them into `ParsedText`s.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import cached_property
from html import escape

from texts.parsing import (
    ParsedFootnote,
    ParsedLine,
    ParsedText,
    ParseError,
    Warning,
    _check_notes,
    _parse_trailer,
    note_ref_markup,
)

MAX_PAGES = 60
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
_TEXT_HEADING = re.compile(r"^tekst\s+(\d{1,2})$", re.IGNORECASE)
_FURNITURE = re.compile(
    r"^(?:[A-Z]{2,3}-\d{3,4}-[a-z]-\d{2}-\d-[a-z]\*?"  # exam code HA-1001-a-21-1-b
    r"|\d{1,3}\s*/\s*\d{1,3}"  # page count 2 / 10
    r"|lees\s+verder.*|.*[►▶]+\s*|einde\s*\.?)$",
    re.IGNORECASE,
)
_PARAGRAPH_MARKER = re.compile(r"^\(([1-9]\d{0,2})\)\s*")
_TRAILER_START = re.compile(
    r"^(?:(?:(?:bewerkt|vrij)\s+)?naar\s*:|uit\s*:|bron\s*:|noot\s+\d{1,2}\b)", re.IGNORECASE
)
_FRAGMENT = re.compile(r"^fragment\s+\d{1,2}\b", re.IGNORECASE)
# "m²", "km³": a raised number after a unit is a power, not a footnote marker.
_UNIT = re.compile(r"(?:^|\s)[kcdm]?m$")


@dataclass(frozen=True, slots=True)
class Glyph:
    """One character as the PDF places it; top grows downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool = False
    italic: bool = False

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(frozen=True)
class PageLayout:
    number: int
    width: float
    height: float
    glyphs: tuple[Glyph, ...]
    pictures: int = 0


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


# --- reading the PDF ------------------------------------------------------------------


def read_pdf(data: bytes, *, max_pages: int = MAX_PAGES) -> list[PageLayout]:
    """The characters of every page. Raises ParseError for what is no readable PDF:
    a broken file ("pdf_broken"), one locked with a password ("pdf_encrypted"), too
    many pages ("pdf_too_many_pages") or no text layer at all, a scan ("pdf_scan").

    PDFium (pypdfium2) reads the characters with their boxes, sizes and fonts: ten
    times as fast as pdfminer, which keeps a 10-page booklet well within seconds.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if not data.startswith(b"%PDF"):
        raise ParseError("pdf_broken")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise ParseError("pdf_encrypted") from exc
        raise ParseError("pdf_broken") from exc
    try:
        if len(pdf) > max_pages:
            raise ParseError("pdf_too_many_pages", max_pages=max_pages)
        pages = []
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(_page_layout(page, index + 1, pdfium_c))
            finally:
                # Keep memory bounded: one page open at a time.
                page.close()
    except ParseError:
        raise
    except Exception as exc:  # PDFium fails in many ways on damaged pages
        raise ParseError("pdf_broken") from exc
    finally:
        pdf.close()
    if not any(page.glyphs for page in pages):
        raise ParseError("pdf_scan")
    return pages


def _page_layout(page, number: int, pdfium_c) -> PageLayout:
    import ctypes

    width, height = page.get_size()
    textpage = page.get_textpage()
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    name = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    fonts: dict[bytes, tuple[bool, bool]] = {}
    glyphs = []
    try:
        for k in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, k)
            if code == 2:  # PDFium's mark for a soft hyphen it found in the text
                code = 0xAD
            if code < 32 or pdfium_c.FPDFText_IsGenerated(raw, k) == 1:
                continue  # line ends and spaces PDFium adds of its own
            if not pdfium_c.FPDFText_GetLooseCharBox(raw, k, box):
                continue
            pdfium_c.FPDFText_GetFontInfo(raw, k, name, len(name), flags)
            key = (name.value, flags.value)
            if key not in fonts:
                font = name.value.decode("latin-1").lower()
                fonts[key] = (
                    any(w in font for w in ("bold", "black", "heavy", "semibold")),
                    "italic" in font or "oblique" in font or bool(flags.value & 0x40),
                )
            bold, italic = fonts[key]
            bold = bold or pdfium_c.FPDFText_GetFontWeight(raw, k) >= 600
            glyphs.append(
                Glyph(
                    text=chr(code),
                    x0=box.left,
                    x1=box.right,
                    top=height - box.top,
                    bottom=height - box.bottom,
                    size=round(pdfium_c.FPDFText_GetFontSize(raw, k), 2),
                    bold=bold,
                    italic=italic,
                )
            )
        pictures = sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)))
    finally:
        textpage.close()
    return PageLayout(number, width, height, tuple(glyphs), pictures)


def read_booklet(data: bytes, *, max_pages: int = MAX_PAGES) -> Booklet:
    return parse_booklet(read_pdf(data, max_pages=max_pages))


# --- from characters to printed lines ---------------------------------------------------


@dataclass
class _Run:
    """A glyph in a printed line with its role: "" normal, "sup" raised, "sub" lowered."""

    glyph: Glyph
    role: str = ""


class _Printed:
    """One printed line: one row of one column of one page."""

    def __init__(self, page: int, glyphs: list[Glyph]) -> None:
        self.page = page
        self.runs = [_Run(g) for g in glyphs]
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
        return _render(_styled(self.runs))[0]

    def all_of(self, style: str) -> bool:
        return all(getattr(r.glyph, style) for r in self.runs if r.glyph.text.strip())


def _body_size(pages: list[PageLayout]) -> float:
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


def _page_lines(page: PageLayout, body: float) -> list[_Printed]:
    """The printed lines of a page in reading order: per band between full-width
    lines, the left column top to bottom, then the right one."""
    normal = [g for g in page.glyphs if g.size >= body * SMALL]
    small = [g for g in page.glyphs if g.size < body * SMALL]
    printed: list[_Printed] = []
    for row in _rows(normal, body * 0.35):
        for piece in _pieces(row, body * 1.2):
            printed.append(_Printed(page.number, piece))
    orphans: list[Glyph] = []
    for word in _small_words(small):
        if not _attach_small(word, printed):
            orphans.extend(word)
    # Small text that is neither a margin number nor a raised or lowered character is
    # a line of its own (a distributor's line, a caption).
    for row in _rows(orphans, body * 0.3):
        for piece in _pieces(row, body * 1.2):
            printed.append(_Printed(page.number, piece))
    for line in printed:
        line.runs.sort(key=lambda r: r.glyph.x0)
    return _reading_order(printed, page.width)


def _attach_small(word: list[Glyph], printed: list[_Printed]) -> bool:
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
            line.runs.extend(_Run(g, role) for g in word)
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


def _reading_order(printed: list[_Printed], width: float) -> list[_Printed]:
    middle = width / 2
    out: list[_Printed] = []
    left: list[_Printed] = []
    right: list[_Printed] = []
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


def _styled(runs: list[_Run]) -> list[tuple[str, str]]:
    """(text, style) pieces: style "" plain, "em", "strong", "sub", "sup", or
    "note:n" for a footnote marker."""
    pieces: list[tuple[str, str]] = []
    last: Glyph | None = None
    i = 0
    while i < len(runs):
        run = runs[i]
        g = run.glyph
        gap = last is not None and last.text.strip() and g.x0 - last.x1 > g.size * 0.18
        if (not g.text.strip() or gap) and pieces and pieces[-1][0] != " ":
            pieces.append((" ", ""))
        if not g.text.strip():
            last = g
            i += 1
            continue
        if run.role:
            j = i
            while j < len(runs) and runs[j].role == run.role and runs[j].glyph.text.strip():
                j += 1
            text = "".join(r.glyph.text for r in runs[i:j])
            before = "".join(t for t, _s in pieces)
            number = re.fullmatch(r"(\d{1,2})\)?", text)
            if run.role == "sup" and number and not _UNIT.search(before):
                pieces.append(("", f"note:{int(number.group(1))}"))
            elif run.role == "sup":
                pieces.append((text.translate(_SUPERSCRIPT), ""))
            else:
                pieces.append((text, "sub"))
            last = runs[j - 1].glyph
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


def _render(pieces: list[tuple[str, str]]) -> tuple[str, str, tuple[int, ...]]:
    """(plain, markup, notes) of a line: escaped HTML, the only tags our own."""
    plain = "".join(text for text, _style in pieces)
    plain = _soft_hyphens(plain)
    html: list[str] = []
    notes: list[int] = []
    buffer, current = "", ""
    tags = {"em": "em", "strong": "strong", "sub": "sub"}

    def flush() -> None:
        if buffer:
            text = escape(_soft_hyphens(buffer), quote=False)
            tag = tags.get(current)
            html.append(f"<{tag}>{text}</{tag}>" if tag else text)

    for text, style in pieces:
        if style.startswith("note:"):
            flush()
            buffer, current = "", ""
            notes.append(int(style[5:]))
            html.append(note_ref_markup(notes[-1]))
            continue
        # A space between two words of one style keeps them in one tag.
        if text == " " and current:
            buffer += text
            continue
        if style != current:
            # Spaces at a style's end belong outside its tag.
            trailing = ""
            if current:
                stripped = buffer.rstrip(" ")
                trailing, buffer = buffer[len(stripped) :], stripped
            flush()
            if trailing and not style:
                buffer, current = trailing + text, style
            else:
                if trailing:
                    html.append(trailing)
                buffer, current = text, style
        else:
            buffer += text
    flush()
    return plain, "".join(html), tuple(notes)


def _soft_hyphens(text: str) -> str:
    """A soft hyphen printed at a line end is the hyphen the reader saw."""
    if text.endswith("\u00ad"):
        text = text[:-1] + "-"
    return text.replace("\u00ad", "")


def _is_furniture(line: _Printed, height: float) -> bool:
    if line.top < height * HEADER_ZONE or line.top > height * FOOTER_ZONE:
        return True
    return bool(_FURNITURE.match(line.text))


@dataclass
class _TextLines:
    heading: str
    lines: list[_Printed] = field(default_factory=list)


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
    body = _body_size(pages)
    texts: list[_TextLines] = []
    # A PDF of one text without a "Tekst n" heading (a Word file saved as PDF, say)
    # is one text; in a booklet, what stands before "Tekst 1" is its cover.
    headless = _TextLines("")
    pictures: dict[int, int] = {}
    for page in pages:
        if page.pictures:
            pictures[page.number] = page.pictures
        for line in _page_lines(page, body):
            if _is_furniture(line, page.height):
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
        and not _PARAGRAPH_MARKER.match(lines[0].text)
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
    uncounted = _uncounted_subheadings(body_lines, warnings)
    parsed_lines, paragraphs, raw_lines = _number(body_lines, body, warnings, uncounted)
    trailer_raw = [f"*{ln.text}*" if ln.all_of("italic") else ln.text for ln in trailer]
    adapted, taken_from, author, footnotes = _parse_trailer(trailer_raw, warnings)
    _check_notes(parsed_lines, footnotes, warnings)
    _check_margin_numbers([ln for i, ln in enumerate(body_lines) if i not in uncounted], warnings)
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
    # between the title and "(1)" (see texts.parsing._take_introduction).
    above = [f"**{subtitle}**"] if subtitle else []
    above += [f"*{part}*" for part in introduction.split("\n\n") if part]
    above = [part for item in above for part in (item, "")]
    raw = "\n".join([*head, title, "", *above, *raw_lines, "", *trailer_raw]) + "\n"
    return parsed, raw


def _may_introduce(line: _Printed) -> bool:
    """A line under the title that may be a subtitle or the introduction: all in
    italics, or all bold (a bold line in the title's size is part of the title), no
    margin number, no paragraph marker, no "fragment n" (a heading inside the text)."""
    if line.margin is not None or _PARAGRAPH_MARKER.match(line.text):
        return False
    if _TRAILER_START.match(line.text) or _FRAGMENT.match(line.text):
        return False
    return line.all_of("italic") or line.all_of("bold")


def _introduction_lines(lines: list[_Printed]) -> int:
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


def _subtitle_and_introduction(lines: list[_Printed], body: float) -> tuple[str, str]:
    """The bold lines first are the subtitle, the rest the introduction: its printed
    lines joined (it is not numbered, so it need not keep them), paragraphs apart."""
    subtitle: list[str] = []
    intro = ""
    previous: _Printed | None = None
    for line in lines:
        if not intro and line.all_of("bold") and not line.all_of("italic"):
            subtitle.append(line.text)
            previous = line
            continue
        if intro:
            if previous is not None and _gap_before(previous, line, body):
                intro += "\n\n"
            elif intro.endswith("-") and _ends_in_soft_hyphen(previous):
                intro = intro[:-1]  # a word broken at the line end, whole again
            else:
                intro += " "
        intro += line.text
        previous = line
    return " ".join(subtitle), intro


def _ends_in_soft_hyphen(line: _Printed | None) -> bool:
    inked = [r.glyph.text for r in line.runs if r.glyph.text.strip()] if line else []
    return bool(inked) and inked[-1] == "\u00ad"


def _is_subheading(line: _Printed) -> bool:
    """A line all in bold inside the text, without a paragraph marker."""
    return (
        line.all_of("bold")
        and not line.all_of("italic")
        and not _PARAGRAPH_MARKER.match(line.text)
        and not line.text.isdigit()
    )


def _uncounted_subheadings(printed: list[_Printed], warnings: list[Warning]) -> set[int]:
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
    candidates = [
        i for i, ln in enumerate(printed[:-1]) if ln.margin is None and _is_subheading(ln)
    ]
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


def _number(
    printed: list[_Printed], body: float, warnings: list[Warning], uncounted: set[int] = frozenset()
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
    previous: _Printed | None = None
    heading_before = ""
    for index, line in enumerate(printed):
        if index in uncounted:
            heading_before = " ".join(filter(None, [heading_before, line.text]))
            raw.append(f"**{line.text}**")
            continue
        pieces = _styled(line.runs)
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
        elif not marked and previous is not None and _gap_before(previous, line, body):
            paragraph += 1
            paragraphs.append(paragraph)
            starts_paragraph = True
        plain, markup, notes = _render(pieces)
        if not plain and not notes:
            continue
        starts_page = previous is not None and previous.page != line.page
        out.append(
            ParsedLine(
                number=len(out) + 1,
                paragraph=paragraph,
                plain=plain[:200],
                markup=markup,
                starts_paragraph=starts_paragraph or (not out and not marked),
                starts_page=starts_page,
                notes=notes,
                subheading=_is_subheading(line),
                heading_before=heading_before[:200],
            )
        )
        heading_before = ""
        prefix = f"{line.margin_digits} " if line.margin_digits else ""
        raw.append(prefix + (f"({paragraph}) " if starts_paragraph and marked else "") + plain)
        previous = line
    return out, paragraphs, raw


def _marker(line: _Printed) -> int | None:
    """The paragraph number a line starts with, when it is printed in bold."""
    m = _PARAGRAPH_MARKER.match(line.text)
    if not m:
        return None
    digits = [r.glyph for r in line.runs if r.glyph.text.strip()][: len(m.group(1)) + 2]
    return int(m.group(1)) if all(g.bold for g in digits) else None


def _drop_marker(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    text = "".join(t for t, _s in pieces)
    m = _PARAGRAPH_MARKER.match(text)
    skip = m.end() if m else 0
    out: list[tuple[str, str]] = []
    for piece_text, style in pieces:
        if skip >= len(piece_text) and not style.startswith("note:"):
            skip -= len(piece_text)
            continue
        out.append((piece_text[skip:], style))
        skip = 0
    return out


def _gap_before(previous: _Printed, line: _Printed, body: float) -> bool:
    """Unnumbered paragraphs: white space above a line in the same column."""
    if previous.page != line.page or line.top < previous.top:
        return False
    return line.top - previous.top > body * 1.9


def _check_margin_numbers(printed: list[_Printed], warnings: list[Warning]) -> None:
    """Each margin number must stand beside the line of that number."""
    numbered = [ln for ln in printed if _render(_styled(ln.runs))[0] or ln.margin]
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


# --- carrying a booklet from the preview to the save --------------------------------------


def booklet_to_data(booklet: Booklet) -> list[dict]:
    """JSON-ready values of a booklet (the preview signs them, the save reads them)."""
    return [{"heading": t.heading, "raw": t.raw, "parsed": asdict(t.parsed)} for t in booklet.texts]


def booklet_from_data(data: list[dict]) -> Booklet:
    """The booklet back from `booklet_to_data`'s values."""
    texts = []
    for item in data:
        p = dict(item["parsed"])
        p["lines"] = tuple(ParsedLine(**{**ln, "notes": tuple(ln["notes"])}) for ln in p["lines"])
        p["footnotes"] = tuple(ParsedFootnote(**f) for f in p["footnotes"])
        p["warnings"] = tuple(Warning(**w) for w in p["warnings"])
        p["paragraph_numbers"] = tuple(p["paragraph_numbers"])
        texts.append(BookletText(item["heading"], ParsedText(**p), item["raw"]))
    return Booklet(tuple(texts))


__all__ = [
    "Booklet",
    "BookletText",
    "Glyph",
    "PageLayout",
    "booklet_from_data",
    "booklet_to_data",
    "parse_booklet",
    "read_booklet",
    "read_pdf",
]
