"""Reading a PDF: the characters of every page with their boxes, sizes and fonts.

The one module that needs a PDF library (PDFium, through pypdfium2, imported only
when a PDF is read); everything after it works on these plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from texts.parsing import ParseError

MAX_PAGES = 60
T = TypeVar("T")


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


def read_pdf(data: bytes, *, max_pages: int = MAX_PAGES) -> list[PageLayout]:
    """The characters of every page. Raises ParseError for what is no readable PDF
    (read_pages), or "pdf_scan" when no page has a text layer.

    PDFium (pypdfium2) reads the characters with their boxes, sizes and fonts: ten
    times as fast as pdfminer, which keeps a 10-page booklet well within seconds.
    """
    pages = read_pages(data, _page_layout, max_pages=max_pages)
    if not any(page.glyphs for page in pages):
        raise ParseError("pdf_scan")
    return pages


def read_pages(
    data: bytes, read_page: Callable[[object, int, object], T], *, max_pages: int = MAX_PAGES
) -> list[T]:
    """`read_page(page, number, pdfium_c)` for every page of the PDF `data`, one page
    open at a time; exam/papers/pdf.py reads the papers' PDFs with it too.

    Raises ParseError for what is no readable PDF: a broken file or no PDF at all
    ("pdf_broken"), one locked with a password ("pdf_encrypted"), too many pages
    ("pdf_too_many_pages"). Whether the pages hold text is the caller's to say.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    # Blank lines before the header are accepted, as PDF readers accept them.
    if not isinstance(data, bytes | bytearray) or not bytes(data[:1024]).lstrip().startswith(
        b"%PDF"
    ):
        raise ParseError("pdf_broken")
    try:
        pdf = pdfium.PdfDocument(bytes(data))
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
                pages.append(read_page(page, index + 1, pdfium_c))
            finally:
                # Keep memory bounded: one page open at a time.
                page.close()
    except ParseError:
        raise
    except Exception as exc:  # PDFium fails in many ways on damaged pages
        raise ParseError("pdf_broken") from exc
    finally:
        pdf.close()
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
