"""Small booklet PDFs made the way the exam board sets them, for the importer's tests.

A4 pages, "Tekst n" and a bold title above two columns (or one), every fifth line
number in a smaller font in the margin left of its column, bold "(n)" paragraph
numbers, the source and "noot n" after the text, and on every page a footer with
the exam code, "2 / 3" and (on all but the last page) "lees verder ►►►".

Lines are written in a small markup: `*italic*`, `**bold**`, `^1` a raised footnote
number, `_2` a lowered subscript digit. What a test asserts is the line as printed
without the markup, numbered as the margin shows.

`copied()` is such a booklet's text as a PDF viewer copies it, for the paste importer.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

FONT_DIR = "/usr/share/fonts/truetype/dejavu/"
FONTS = {
    "regular": "DejaVuSans",
    "bold": "DejaVuSans-Bold",
    "italic": "DejaVuSans-Oblique",
}
BODY_SIZE = 9.5
SMALL_SIZE = 6.5
LEADING = 12.5
PAGE_WIDTH, PAGE_HEIGHT = A4
TOP = PAGE_HEIGHT - 70
BOTTOM = 100
_MARKUP = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*|\^(\d+\)?)|_(\d)")


def _register_fonts() -> None:
    for name in FONTS.values():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, FONT_DIR + name + ".ttf"))


@dataclass
class SampleText:
    title: str
    # Paragraphs of printed lines; a paragraph's first line gets its bold "(n)".
    paragraphs: list[list[str]]
    intro: str = ""
    # A bold line in a smaller size than the title, above the introduction.
    subtitle: str = ""
    numbered: bool = True
    # Lines "# Kop" are subheadings, printed in bold; whether the margin counts them.
    subheadings_counted: bool = True
    trailer: list[str] = field(default_factory=list)


@dataclass
class SampleBooklet:
    texts: list[SampleText]
    columns: int = 2
    lines_per_column: int = 50
    code: str = "HA-1001-a-21-1-b"
    cover: bool = True
    picture_on_page: int | None = None
    distributor: str = ""


def _segments(line: str) -> list[tuple[str, str]]:
    """'CO_2 en **vet**' -> [('CO', 'regular'), ('2', 'sub'), (' en ', 'regular'), ...]"""
    out: list[tuple[str, str]] = []
    pos = 0
    for m in _MARKUP.finditer(line):
        if m.start() > pos:
            out.append((line[pos : m.start()], "regular"))
        bold, italic, sup, sub = m.groups()
        if bold:
            out.append((bold, "bold"))
        elif italic:
            out.append((italic, "italic"))
        elif sup:
            out.append((sup, "sup"))
        else:
            out.append((sub, "sub"))
        pos = m.end()
    if pos < len(line):
        out.append((line[pos:], "regular"))
    return out


def _draw_line(c: canvas.Canvas, x: float, y: float, line: str, size: float = BODY_SIZE) -> None:
    for text, style in _segments(line):
        if style in ("sup", "sub"):
            small = size * 0.65
            rise = size * 0.4 if style == "sup" else -size * 0.2
            c.setFont(FONTS["regular"], small)
            c.drawString(x, y + rise, text)
            x += pdfmetrics.stringWidth(text, FONTS["regular"], small)
        else:
            c.setFont(FONTS[style], size)
            c.drawString(x, y, text)
            x += pdfmetrics.stringWidth(text, FONTS[style], size)


def build_booklet_pdf(booklet: SampleBooklet) -> bytes:
    """The PDF bytes of a booklet laid out as the exam board does."""
    _register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    pages: list[list] = []  # per page: drawing calls, so the footer knows the page count

    def new_page() -> list:
        pages.append([])
        return pages[-1]

    if booklet.cover:
        new_page().append(
            lambda: (
                c.setFont(FONTS["bold"], 16),
                c.drawString(70, 600, "Bijlage HAVO"),
                c.drawString(70, 575, "2021"),
                c.setFont(FONTS["regular"], 12),
                c.drawString(70, 540, "tijdvak 1"),
                c.drawString(70, 520, "Nederlands"),
                c.drawString(70, 500, "tekstboekje"),
            )
        )
    column_width = (PAGE_WIDTH - 160) / booklet.columns
    for index, text in enumerate(booklet.texts, start=1):
        page = new_page()
        y = TOP
        page.append(lambda y=y, i=index: _heading(c, y, f"Tekst {i}", 11))
        y -= 22
        page.append(lambda y=y, t=text.title: _heading(c, y, t, 14))
        y -= 20
        if text.subtitle:
            page.append(lambda y=y, t=text.subtitle: _heading(c, y, t, 11))
            y -= 18
        if text.intro:
            page.append(lambda y=y, t=text.intro: _draw_line(c, 80, y, f"*{t}*"))
            y -= 20
        top = y
        column, row, number = 0, 0, 0
        body = []
        for p, paragraph in enumerate(text.paragraphs, start=1):
            prefix = f"**({p})** " if text.numbered else ""
            for line in paragraph:
                if line.startswith("# "):
                    counted = "line" if text.subheadings_counted else "heading"
                    body.append((counted, f"**{line[2:]}**"))
                    continue
                body.append(("line", prefix + line))
                prefix = ""
        body += [("gap", "")] + [("trailer", t) for t in text.trailer]
        for kind, line in body:
            if row == booklet.lines_per_column or top - row * LEADING < BOTTOM:
                column, row = column + 1, 0
                if column == booklet.columns:
                    page, column, top = new_page(), 0, TOP
            x = 80 + column * (column_width + 10)
            y = top - row * LEADING
            row += 1
            if kind == "gap":
                continue
            if kind == "trailer":
                page.append(lambda x=x, y=y, t=line: _draw_line(c, x, y, t, 8))
                continue
            if kind == "heading":  # not counted: no number, no margin number
                page.append(lambda x=x, y=y, t=line: _draw_line(c, x, y, t))
                continue
            number += 1
            page.append(lambda x=x, y=y, t=line: _draw_line(c, x, y, t))
            if number % 5 == 0:
                page.append(lambda x=x, y=y, n=number: _margin_number(c, x, y, n))
    total = len(pages)
    for n, calls in enumerate(pages, start=1):
        for call in calls:
            call()
        if booklet.picture_on_page == n:
            c.drawImage(ImageReader(Image.new("RGB", (4, 4), "red")), 420, 40, width=60, height=40)
        c.setFont(FONTS["regular"], 8)
        c.drawString(60, 30, booklet.code)
        c.drawCentredString(PAGE_WIDTH / 2, 30, f"{n} / {total}")
        if n < total:
            c.drawRightString(PAGE_WIDTH - 60, 30, "lees verder ►►►")
        if booklet.distributor:
            c.setFont(FONTS["regular"], 6)
            c.drawString(60, 18, booklet.distributor)
        c.showPage()
    c.save()
    return buffer.getvalue()


def _heading(c: canvas.Canvas, y: float, text: str, size: float) -> None:
    c.setFont(FONTS["bold"], size)
    c.drawString(80, y, text)


def _margin_number(c: canvas.Canvas, x: float, y: float, number: int) -> None:
    c.setFont(FONTS["regular"], SMALL_SIZE)
    c.drawRightString(x - 8, y, str(number))


def sample_booklet(**options) -> SampleBooklet:
    """Two texts: the first runs over a page break mid-paragraph and has a footnote, a
    subscript and a picture beside it; the second is short."""
    first = SampleText(
        title="De stad van morgen",
        intro="Over wonen, werken en de lucht die we ademen.",
        paragraphs=[
            [
                f"Regel {n} van de eerste alinea, met"
                if n != 3
                else "twitteraars^1 die veel CO_2 uitstoten"
                for n in range(1, 9)
            ],
            [f"Regel {n} in alinea twee loopt door" for n in range(9, 31)],
            ["Een *schuin* woord en een zorg- en", "welzijnsinstelling die ﬁjn is."],
        ],
        trailer=[
            "naar: Anna de Vries",
            "uit: De Volkskrant, 3 maart 2020",
            "noot 1 twitteraars: mensen die berichten op X plaatsen",
        ],
    )
    second = SampleText(
        title="Lezen is leuk",
        paragraphs=[
            [
                "Tweede tekst, regel 1",
                "Ze zei: „Lezen is ‘leuk’” en «fijn»",
                "dat is het be\u00ad",
                "gin van een zin, regel 4",
                "Tweede tekst, regel 5",
                "Tweede tekst, regel 6",
            ]
        ],
        trailer=["uit: NRC, 1 april 2021"],
    )
    defaults = {
        "texts": [first, second],
        "lines_per_column": 12,
        "picture_on_page": 2,
        "distributor": "Dit document is verspreid door het CvTE.",
    }
    return SampleBooklet(**{**defaults, **options})


def build_scan_pdf() -> bytes:
    """A page with only a picture on it: a scanned booklet has no text layer."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    c.drawImage(ImageReader(Image.new("RGB", (8, 8), "white")), 50, 50, width=495, height=740)
    c.showPage()
    c.save()
    return buffer.getvalue()


def build_encrypted_pdf() -> bytes:
    """A booklet that opens only with a password."""
    _register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, encrypt="geheim")
    c.setFont(FONTS["regular"], BODY_SIZE)
    c.drawString(80, 700, "Tekst 1")
    c.showPage()
    c.save()
    return buffer.getvalue()


_FOOTNOTES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    "{notes}</w:footnotes>"
)


def build_docx(paragraphs: list, footnotes: dict[int, str] | None = None) -> bytes:
    """A Word file. Each paragraph is a string or a list of (text, style) runs, style
    "", "italic", "bold", or "note" (text = Word's footnote id, from `footnotes`)."""
    import zipfile

    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for paragraph in paragraphs:
        p = document.add_paragraph()
        for text, style in [(paragraph, "")] if isinstance(paragraph, str) else paragraph:
            if style == "note":
                run = p.add_run()
                ref = OxmlElement("w:footnoteReference")
                ref.set(qn("w:id"), text)
                run._r.append(ref)
                continue
            run = p.add_run(text)
            run.italic = style == "italic"
            run.bold = style == "bold"
    buffer = io.BytesIO()
    document.save(buffer)
    if not footnotes:
        return buffer.getvalue()
    notes = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{body}</w:t></w:r></w:p>'
        "</w:footnote>"
        for i, body in footnotes.items()
    )
    # python-docx writes no footnotes: add Word's footnotes part by hand.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
                )
            elif item.filename == "word/_rels/document.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdNotes" Type="http://schemas.openxmlformats.org/'
                    b'officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                    b"</Relationships>",
                )
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", _FOOTNOTES_XML.format(notes=notes))
    return out.getvalue()


def runs_markup(runs) -> str:
    """A line's runs in a short notation for tables: styled text in its tag
    (`<em>schuin</em>`, `<strong>`, `<sub>`), plain text as it is, and `{1}` for
    the marker of note 1.

    >>> runs_markup([("text", "Veel "), ("em", "twitteraars"), ("note", 1)])
    'Veel <em>twitteraars</em>{1}'
    """
    out = []
    for kind, value in runs:
        if kind == "note":
            out.append(f"{{{value}}}")
        elif kind == "text":
            out.append(value)
        else:
            out.append(f"<{kind}>{value}</{kind}>")
    return "".join(out)


# Text copied out of a PDF booklet with a PDF viewer, for the paste importer's tests.

BOOKLET_LINES = [f"regel {n} van de tekst gaat door" for n in range(1, 19)]


def copied(*, numbers_after=False) -> str:
    """The booklet of 18 lines as a PDF viewer copies it: margin numbers on lines of
    their own, a footer between page 2 and 3 in the middle of paragraph 2."""
    out = ["Tekst 1", "", "Een titel", ""]
    for n, text in enumerate(BOOKLET_LINES, start=1):
        if n == 1:
            text = "(1) " + text
        if n == 9:
            text = "(2) " + text
        if n % 5 == 0 and not numbers_after:
            out.append(str(n))
        out.append(text)
        if n % 5 == 0 and numbers_after:
            out.append(str(n))
        if n == 12:
            out += ["HA-1001-a-21-1-b", "2 / 10", "lees verder ►►►"]
    return "\n".join(out + ["", "uit: Trouw, 1 mei 2020"])
