"""Writes to the booklet: importing, publishing, unpublishing and deleting texts."""

from django.db import transaction
from django.db.models import ProtectedError

from texts.models import Footnote, Line, Paragraph, Text
from texts.parsing import ParsedText, parse_text
from texts.pdf_booklet import BookletText


class TextInUse(Exception):
    """The text belongs to one or more exams and cannot be deleted."""


@transaction.atomic
def save_parsed_text(
    *, parsed: ParsedText, raw: str, uploaded_by=None, title: str = "", publish: bool = False
) -> Text:
    """Store a parsed booklet: the text, its paragraphs, lines and footnotes."""
    text = Text(
        title=(title or parsed.title or "").strip()[:300],
        subtitle=parsed.subtitle.strip()[:300],
        introduction=parsed.introduction.strip(),
        source_adapted=parsed.source_adapted[:300],
        source_from=parsed.source_from[:300],
        author_note=parsed.author_note,
        raw=raw,
        line_width=parsed.line_width,
        uploaded_by=uploaded_by,
        status=Text.Status.PUBLISHED if publish else Text.Status.DRAFT,
    )
    if not text.title:
        text.title = next((line.plain for line in parsed.lines), "")[:300] or "?"
    text.full_clean()
    text.save()
    paragraphs = Paragraph.objects.bulk_create(
        Paragraph(text=text, number=number) for number in parsed.paragraph_numbers
    )
    by_number = {p.number: p for p in paragraphs}
    lines = Line.objects.bulk_create(
        Line(
            text=text,
            paragraph=by_number[line.paragraph],
            number=line.number,
            plain=line.plain,
            runs=[list(run) for run in line.runs],
            starts_paragraph=line.starts_paragraph,
            starts_page=line.starts_page,
            is_subheading=line.subheading,
            heading_before=line.heading_before[:200],
        )
        for line in parsed.lines
    )
    first_line_of_note = {}
    for parsed_line, line in zip(parsed.lines, lines, strict=True):
        for note in parsed_line.notes:
            first_line_of_note.setdefault(note, line)
    Footnote.objects.bulk_create(
        Footnote(
            text=text,
            number=note.number,
            term=note.term[:200],
            body=note.body,
            line=first_line_of_note.get(note.number),
        )
        for note in parsed.footnotes
    )
    return text


@transaction.atomic
def save_booklet(
    *, texts: list[tuple[BookletText, str]], uploaded_by=None, publish: bool = False
) -> list[Text]:
    """Store the chosen texts of a PDF booklet, each with its (corrected) title: all
    of them or, if one fails, none."""
    return [
        save_parsed_text(
            parsed=text.parsed, raw=text.raw, uploaded_by=uploaded_by, title=title, publish=publish
        )
        for text, title in texts
    ]


def import_text(*, raw: str, uploaded_by=None, title: str = "", publish: bool = False) -> Text:
    """Parse and store a text in one go. Raises texts.parsing.ParseError on bad input."""
    return save_parsed_text(
        parsed=parse_text(raw), raw=raw, uploaded_by=uploaded_by, title=title, publish=publish
    )


def publish_text(*, text: Text) -> Text:
    text.status = Text.Status.PUBLISHED
    text.save(update_fields=["status"])
    return text


def unpublish_text(*, text: Text) -> Text:
    text.status = Text.Status.DRAFT
    text.save(update_fields=["status"])
    return text


@transaction.atomic
def delete_text(*, text: Text) -> None:
    """Delete a text and its booklet; refused while an exam uses it."""
    try:
        text.delete()
    except ProtectedError as exc:
        raise TextInUse(str(text)) from exc
