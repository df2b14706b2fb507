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

The package: `reading` (PDFium, the only module with a PDF library), `printed`
(characters to printed lines), `numbering` (lines, paragraphs, margin numbers) and
`booklet` (the texts of a booklet). Callers import from here.
"""

from texts.pdf_booklet.booklet import (
    Booklet,
    BookletText,
    booklet_from_data,
    booklet_to_data,
    parse_booklet,
    read_booklet,
)
from texts.pdf_booklet.reading import Glyph, PageLayout, read_pdf

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
