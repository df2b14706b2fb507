"""exam/papers/pdf.py: a paper's PDF -> its text, and the refusals, worded in Dutch."""

from __future__ import annotations

import pytest
from django.utils import translation

from exam.papers.messages import paper_message
from exam.papers.pdf import PaperError, paper_text
from tests.booklet_builders import build_encrypted_pdf, build_scan_pdf
from tests.paper_pdfs import build_plain_pdf, render_paper

BOOKLET = """\
Tekst 1 Leve de stille bieb

Tekst 1 bestaat uit twee fragmenten.
2p 1 Leg uit waarom de schrijver de bieb een stille plek noemt.
Gebruik maximaal 25 woorden.
1p 2 Welke functie heeft alinea 3?
  A een conclusie trekken
  B een tegenstelling geven
  C een voorbeeld geven
1p 3 Welke twee van de volgende uitspraken passen bij de tekst?
  1 lezen is ontspanning
  2 lezen is een plicht
  3 lezen is een punt van zorg
einde
"""


def test_the_text_of_every_page_in_printed_order():
    text = paper_text(render_paper(BOOKLET, lines_per_page=8))
    lines = text.split("\n")
    assert "2p 1 Leg uit waarom de schrijver de bieb een stille plek noemt." in lines
    assert "1p 2 Welke functie heeft alinea 3?" in lines
    assert "A een conclusie trekken" in lines
    assert "2 lezen is een plicht" in lines
    assert lines.index("Tekst 1 Leve de stille bieb") < lines.index("C een voorbeeld geven")
    # The page furniture is there for the reader to ignore; pages are apart.
    assert any(line.endswith("lees verder ►►►") for line in lines)
    assert "\n\n" in text
    assert lines[-1].startswith("HA-1002-a-26-1-o")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"Dit is gewoon tekst, geen PDF.", "pdf_broken"),
        (b"", "pdf_broken"),
        (b"%PDF-1.4\nkapot", "pdf_broken"),
        (build_scan_pdf(), "pdf_scan"),
        (build_encrypted_pdf(), "pdf_encrypted"),
    ],
    ids=["text", "empty", "damaged", "scan", "password"],
)
def test_what_is_no_readable_paper_is_refused(data, code):
    with pytest.raises(PaperError) as caught:
        paper_text(data)
    assert caught.value.code == code


def test_too_many_pages():
    with pytest.raises(PaperError) as caught:
        paper_text(build_plain_pdf(4), max_pages=3)
    assert (caught.value.code, caught.value.params) == ("pdf_too_many_pages", {"max_pages": 3})
    assert "Pagina 3" in paper_text(build_plain_pdf(3), max_pages=3)


@pytest.mark.parametrize(
    ("code", "params", "dutch"),
    [
        ("pdf_broken", {}, "beschadigd"),
        ("pdf_scan", {}, "scan"),
        ("pdf_encrypted", {}, "wachtwoord"),
        ("pdf_too_many_pages", {"max_pages": 60}, "60"),
        ("looks_like_marking_scheme", {}, "correctievoorschrift"),
        ("other_subject", {"subject": "Engels"}, "Engels"),
        ("no_questions", {}, "vragen"),
    ],
)
def test_the_messages_are_dutch(code, params, dutch):
    with translation.override("nl"):
        message = paper_message(code, params)
    assert dutch in message
    with translation.override("en"):
        assert message != paper_message(code, params)
