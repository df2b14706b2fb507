"""What the importer gives back: a text's numbered lines, its footnotes and trailer.

A line's content is a tuple of runs, `(kind, value)` pairs, never HTML:

- `("text", "Veel ")`: plain text;
- `("em", "trending topic")`: emphasis (italics in the booklet);
- `("strong", "Een tussenkop")`: bold (a PDF booklet's subheadings);
- `("sub", "2")`: lowered text (the 2 of CO2 in a PDF booklet);
- `("note", 1)`: the marker of footnote 1, shown raised as "1)".

Stored on Line.runs as two-item JSON lists; {% booklet %} renders them, escaping the
text and giving each note marker its link to the note of its own text.
"""

from __future__ import annotations

from dataclasses import dataclass

from texts.parsing.errors import Warning

Run = tuple[str, str | int]
TEXT = "text"
NOTE = "note"
# The kinds that hold text (all but NOTE, which holds a footnote number).
TEXT_KINDS = (TEXT, "em", "strong", "sub")


def add_run(runs: list[Run], kind: str, value: str) -> None:
    """Append text of one kind, joined to the last run when that has the same kind;
    empty text is left out.

    >>> runs = [("text", "Veel ")]
    >>> add_run(runs, "text", "twitteraars"); add_run(runs, "em", "")
    >>> runs
    [('text', 'Veel twitteraars')]
    """
    if not value:
        return
    if runs and runs[-1][0] == kind:
        runs[-1] = (kind, runs[-1][1] + value)
    else:
        runs.append((kind, value))


@dataclass(frozen=True)
class ParsedLine:
    number: int
    paragraph: int
    plain: str
    runs: tuple[Run, ...]
    starts_paragraph: bool = False
    starts_page: bool = False
    notes: tuple[int, ...] = ()
    # A subheading the booklet counts as this line; an uncounted one printed above it.
    subheading: bool = False
    heading_before: str = ""


@dataclass(frozen=True)
class ParsedFootnote:
    number: int
    term: str
    body: str


@dataclass(frozen=True)
class ParsedText:
    title: str
    lines: tuple[ParsedLine, ...]
    paragraph_numbers: tuple[int, ...]
    footnotes: tuple[ParsedFootnote, ...]
    source_adapted: str = ""
    source_from: str = ""
    author_note: str = ""
    line_width: int | None = None
    warnings: tuple[Warning, ...] = ()
    # Under the title, above line 1, not numbered (see docs/importer.md).
    subtitle: str = ""
    introduction: str = ""
