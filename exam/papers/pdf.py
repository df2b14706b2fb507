"""A question booklet's or marking scheme's PDF -> its plain text (no Django).

The readers (exam/papers/booklet/, scheme/) work on plain text, so a PDF is read
into lines here, page after page, and refused with a code when it is not a paper the
exam board publishes: not a PDF or damaged ("pdf_broken"), locked with a password
("pdf_encrypted"), only images, a scan ("pdf_scan"), or too long ("pdf_too_many_pages").
exam/papers/messages.py words the codes in the user's language.

The PDF library is PDFium (pypdfium2), which texts/pdf_booklet/reading.py already uses
for the text booklet (pdfplumber, named in the issue, is not a dependency of the app);
it is imported only when a PDF is read. Its text comes in the order the page draws it:
for the exam board's papers, line by line, the margin's "2p" before the number.
"""

from __future__ import annotations

from texts.pdf_booklet.reading import MAX_PAGES

PAGE_BREAK = "\n\n"


class PaperError(ValueError):
    """A PDF that is not a readable paper; `code` and `params` for the message."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def paper_text(data: bytes, *, max_pages: int = MAX_PAGES) -> str:
    """The text of every page, lines kept, pages separated by a blank line."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if not isinstance(data, bytes | bytearray) or not bytes(data[:1024]).lstrip().startswith(
        b"%PDF"
    ):
        raise PaperError("pdf_broken")
    try:
        pdf = pdfium.PdfDocument(bytes(data))
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise PaperError("pdf_encrypted") from exc
        raise PaperError("pdf_broken") from exc
    pages: list[str] = []
    try:
        if len(pdf) > max_pages:
            raise PaperError("pdf_too_many_pages", max_pages=max_pages)
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_lines(textpage.get_text_range()))
                finally:
                    textpage.close()
            finally:
                page.close()  # one page open at a time
    except PaperError:
        raise
    except Exception as exc:  # PDFium fails in many ways on damaged pages
        raise PaperError("pdf_broken") from exc
    finally:
        pdf.close()
    if not any(page.strip() for page in pages):
        raise PaperError("pdf_scan")
    return PAGE_BREAK.join(page for page in pages if page.strip())


def _lines(text: str) -> str:
    """PDFium's line ends (\\r\\n) as \\n, soft hyphens and trailing spaces gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "").replace("\xad", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
