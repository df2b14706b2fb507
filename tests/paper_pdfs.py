"""Question booklets and marking schemes as PDFs, laid out the way the exam board does.

`render_paper(text)` prints plain lines on A4 pages: a line "2p 7 Leg uit ..." gets its
points in the left margin, the number beside it and the question in the text column;
an option "A ..." (or a list item "1 ...", a part "a ...") is indented under the question;
"Tekst n ..." headings are bold; every page ends in a footer with the paper's code,
the page number and (but the last) "lees verder ►►►". `copied(text)` is what such a
PDF's text reads back as, for comparing.
"""

from __future__ import annotations

import io
import re

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.booklet_builders import (
    FONTS,
    SampleBooklet,
    SampleText,
    _register_fonts,
    build_booklet_pdf,
)

SIZE = 10
LEADING = 14
PAGE_WIDTH, PAGE_HEIGHT = A4
TOP = PAGE_HEIGHT - 70
BOTTOM = 90
MARGIN_X, NUMBER_X, TEXT_X, OPTION_X = 45, 75, 100, 118
CODE = "HA-1002-a-26-1-o"
_QUESTION = re.compile(r"^(\d+p)\s+(\d+)\s+(.*)$")
_OPTION = re.compile(r"^([A-F]|[1-9]|[a-f])\s+(.*)$")


def render_paper(text: str, *, lines_per_page: int = 45, code: str = CODE) -> bytes:
    _register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    lines = text.strip("\n").split("\n")
    pages = [lines[i : i + lines_per_page] for i in range(0, len(lines), lines_per_page)]
    for number, page in enumerate(pages, start=1):
        y = TOP
        for line in page:
            _draw(c, y, line.rstrip())
            y -= LEADING
        c.setFont(FONTS["regular"], 8)
        c.drawString(MARGIN_X, BOTTOM - 30, code)
        c.drawCentredString(PAGE_WIDTH / 2, BOTTOM - 30, f"{number} / {len(pages)}")
        if number < len(pages):
            c.drawRightString(PAGE_WIDTH - 60, BOTTOM - 30, "lees verder ►►►")
        c.showPage()
    c.save()
    return buffer.getvalue()


def _draw(c: canvas.Canvas, y: float, line: str) -> None:
    if not line.strip():
        return
    question = _QUESTION.match(line)
    if question:
        c.setFont(FONTS["bold"], SIZE - 1)
        c.drawString(MARGIN_X, y, question.group(1))
        c.setFont(FONTS["bold"], SIZE)
        c.drawString(NUMBER_X, y, question.group(2))
        c.setFont(FONTS["regular"], SIZE)
        c.drawString(TEXT_X, y, question.group(3))
        return
    if line.startswith("Tekst "):
        c.setFont(FONTS["bold"], SIZE + 2)
        c.drawString(NUMBER_X, y, line)
        return
    option = _OPTION.match(line.strip()) if line.startswith("  ") else None
    c.setFont(FONTS["regular"], SIZE)
    if option:
        c.drawString(TEXT_X, y, option.group(1))
        c.drawString(OPTION_X, y, option.group(2))
    else:
        c.drawString(TEXT_X, y, line.strip())


def build_plain_pdf(pages: int) -> bytes:
    """`pages` pages with one line of text each."""
    _register_fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4)
    for number in range(1, pages + 1):
        c.setFont(FONTS["regular"], SIZE)
        c.drawString(TEXT_X, TOP, f"Pagina {number}")
        c.showPage()
    c.save()
    return buffer.getvalue()


_MARGIN_NUMBER = re.compile(r"^\d+ (?=\S)")
_PARAGRAPH_MARKER = re.compile(r"^\((\d+)\) ")


def booklet_text(raw: str) -> SampleText:
    """A text in the importer's plain-text form with its printed lines kept (margin
    numbers "5 ...", paragraph markers "(n) ", "bron: ..." after the text) as a
    SampleText, so build_booklet_pdf prints it with the same lines and numbers."""
    title, _, rest = raw.strip("\n").partition("\n\n")
    body, _, trailer = rest.partition("\n\nbron:")
    paragraphs = []
    for block in body.split("\n\n"):
        lines = [_MARGIN_NUMBER.sub("", line) for line in block.split("\n") if line.strip()]
        lines[0] = _PARAGRAPH_MARKER.sub("", lines[0])
        paragraphs.append(lines)
    return SampleText(title=title.strip(), paragraphs=paragraphs, trailer=[f"bron:{trailer}"])


def text_booklet_pdf(*raws: str, **options) -> bytes:
    """The exam board's text booklet ("bijlage") holding these texts, in order
    (`options`: SampleBooklet's, e.g. picture_on_page)."""
    booklet = SampleBooklet(
        texts=[booklet_text(raw) for raw in raws], code="HA-1002-a-26-1-b", **options
    )
    return build_booklet_pdf(booklet)
