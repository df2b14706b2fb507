"""A question booklet's or marking scheme's PDF -> its plain text (no Django).

The readers (exam/papers/booklet/, scheme/) work on plain text, so a PDF is read
into lines here, page after page, and refused with a code when it is not a paper the
exam board publishes: not a PDF or damaged ("pdf_broken"), locked with a password
("pdf_encrypted"), only images, a scan ("pdf_scan"), or too long ("pdf_too_many_pages").
exam/papers/messages.py words the codes in the user's language.

The PDF is opened, checked and read page by page by texts/pdf_booklet/reading.py's
`read_pages`, as the text booklet is (PDFium through pypdfium2, imported only when a
PDF is read); its refusals come back here as PaperError with the same codes. PDFium
gives the text in the order the page draws it: for the exam board's papers, line by
line, the margin's "2p" before the number.
"""

from __future__ import annotations

from texts.parsing import ParseError
from texts.pdf_booklet.reading import MAX_PAGES, read_pages

PAGE_BREAK = "\n\n"


class PaperError(ValueError):
    """A PDF that is not a readable paper; `code` and `params` for the message."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def paper_text(data: bytes, *, max_pages: int = MAX_PAGES) -> str:
    """The text of every page, lines kept, pages separated by a blank line."""
    try:
        pages = read_pages(data, _page_text, max_pages=max_pages)
    except ParseError as error:  # the PDF refusals, the same codes as the text booklet's
        raise PaperError(error.code, **error.params) from error
    if not any(page.strip() for page in pages):
        raise PaperError("pdf_scan")
    return PAGE_BREAK.join(page for page in pages if page.strip())


def _page_text(page, _number: int, _pdfium_c) -> str:
    textpage = page.get_textpage()
    try:
        return _lines(textpage.get_text_range())
    finally:
        textpage.close()


def _lines(text: str) -> str:
    """PDFium's line ends (\\r\\n) as \\n, soft hyphens and trailing spaces gone."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "").replace("\xad", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
