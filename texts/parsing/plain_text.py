"""parse_text: a text as a teacher has it (typed, pasted, from Word) to a booklet."""

from __future__ import annotations

from texts.parsing.errors import ParseError, Warning
from texts.parsing.layout import lay_out, number_lines
from texts.parsing.limits import MAX_CHARACTERS, MAX_LINES
from texts.parsing.parsed import ParsedText
from texts.parsing.pasted import recognise_pdf_copy
from texts.parsing.structure import (
    find_paragraphs,
    normalise,
    take_introduction,
    take_title,
)
from texts.parsing.trailer import (
    check_notes,
    find_glued_note_markers,
    parse_trailer,
    split_trailer,
)


def parse_text(raw: str) -> ParsedText:
    """Parse a booklet text.

    >>> parsed = parse_text("Titel\\n\\n(1) Een korte regel.\\n(2) Nog een.")
    >>> parsed.title, [(line.number, line.paragraph, line.plain) for line in parsed.lines]
    ('Titel', [(1, 1, 'Een korte regel.'), (2, 2, 'Nog een.')])
    """
    if len(raw) > MAX_CHARACTERS:
        raise ParseError("too_many_characters", max_characters=MAX_CHARACTERS)
    lines, furniture = recognise_pdf_copy(normalise(raw))
    if sum(1 for line in lines if line) > MAX_LINES:
        raise ParseError("too_long", max_lines=MAX_LINES)
    body, trailer = split_trailer(lines)
    warnings: list[Warning] = []
    if furniture:
        warnings.append(Warning("pasted_page_furniture", {"count": furniture}))
    title, body = take_title(body)
    if not title:
        warnings.append(Warning("no_title"))
    subtitle, introduction, body = take_introduction(body) if title else ("", "", body)
    trailer_warnings: list[Warning] = []
    source_adapted, source_from, author_note, footnotes = parse_trailer(trailer, trailer_warnings)
    body = find_glued_note_markers(body, {note.number for note in footnotes}, warnings)
    paragraphs = find_paragraphs(body, warnings)
    if not paragraphs:
        raise ParseError("no_lines")
    warnings += trailer_warnings
    laid, width = lay_out(paragraphs, warnings)
    parsed_lines = number_lines(laid)
    if not parsed_lines:  # only emphasis marks, say
        raise ParseError("no_lines")
    if len(parsed_lines) > MAX_LINES:
        raise ParseError("too_long", max_lines=MAX_LINES)
    check_notes(parsed_lines, footnotes, warnings)
    with_lines = {line.paragraph for line in parsed_lines}
    return ParsedText(
        title=title,
        lines=tuple(parsed_lines),
        paragraph_numbers=tuple(p.number for p in paragraphs if p.number in with_lines),
        footnotes=tuple(footnotes),
        source_adapted=source_adapted,
        source_from=source_from,
        author_note=author_note,
        line_width=width,
        warnings=tuple(warnings),
        subtitle=subtitle,
        introduction=introduction,
    )
