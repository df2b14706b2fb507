"""What follows the text: its source ("naar:", "uit:"), the author line and the
footnotes; and the footnote markers that refer to them."""

from __future__ import annotations

import re

from texts.parsing.errors import Warning
from texts.parsing.parsed import ParsedFootnote, ParsedLine
from texts.parsing.words import INLINE_MARK, SUPER_TO_INT, SUPERSCRIPT_DIGITS, is_unit

# "1 twitteraars: ..." in the trailer, a note without its word "noot".
_PLAIN_NOTE = re.compile(r"^(\d{1,2})\s+(\S.*)$")
_MONTH = re.compile(
    r"^(?:jan|feb|maart|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b", re.IGNORECASE
)
# "twitteraars1", "*topic*2.": a note number glued to a word as plain digits.
_GLUED_NOTE = re.compile(
    r"(?<!\w)(?P<word>[^\W\d_]{2,}(?:[-'’][^\W\d_]+)*)(?P<star>\*?)(?P<digits>\d{1,2})(?![\w)])"
)
_SOURCE_ADAPTED = re.compile(r"^(?:(?:bewerkt|vrij)\s+)?naar\s*:", re.IGNORECASE)
_SOURCE_FROM = re.compile(r"^(?:uit|bron)\s*:", re.IGNORECASE)
_NOTE = re.compile(r"^noot\s+(\d{1,2})\b[\s:.]*(.*)$", re.IGNORECASE)


def _is_trailer_start(line: str) -> bool:
    return bool(_SOURCE_ADAPTED.match(line) or _SOURCE_FROM.match(line) or _NOTE.match(line))


def split_trailer(lines: list[str]) -> tuple[list[str], list[str]]:
    for i, line in enumerate(lines):
        if _is_trailer_start(line):
            return lines[:i], lines[i:]
    return lines, []


def parse_trailer(
    trailer: list[str], warnings: list[Warning]
) -> tuple[str, str, str, list[ParsedFootnote]]:
    adapted, taken_from = "", ""
    author: list[str] = []
    notes: dict[int, list[str]] = {}
    current: list[str] | None = None
    previous = ""
    for line in trailer:
        if not line:
            current, previous = None, ""
            continue
        note = _NOTE.match(line) or _plain_note(line, notes, previous)
        previous = line
        if note:
            number = int(note.group(1))
            if number in notes:
                warnings.append(Warning("duplicate_note", {"number": number}))
            current = notes[number] = [note.group(2)]
        elif _SOURCE_ADAPTED.match(line):
            adapted, current = line, None
        elif _SOURCE_FROM.match(line):
            taken_from, current = line, None
        elif current is not None:
            current.append(line)
        else:
            author.append(line)
            current = author
    footnotes = [_footnote(number, " ".join(parts)) for number, parts in sorted(notes.items())]
    author_note = " ".join(author).strip()
    if author_note.startswith("*") and author_note.endswith("*"):
        author_note = author_note[1:-1].strip()
    return adapted, taken_from, author_note, footnotes


def _plain_note(line: str, notes: dict[int, list[str]], previous: str) -> re.Match | None:
    """ "1 twitteraars: ..." in the trailer: a note copied without its word "noot".
    Only the next note's number, and not a date ("1 april 2021" under "uit: NRC,")."""
    m = _PLAIN_NOTE.match(line)
    if not m or int(m.group(1)) != max(notes, default=0) + 1:
        return None
    if _MONTH.match(m.group(2)) or previous.rstrip().endswith(","):
        return None
    return m


def find_glued_note_markers(body: list[str], notes: set[int], warnings: list[Warning]) -> list[str]:
    """Footnote markers copied out of a PDF as plain digits glued to their word
    ("twitteraars1"), made into markers "twitteraars¹⁾".

    Only for a note below the text that no marker in the text refers to yet, only
    its first such word, and only where the digits cannot belong to the word: not
    after capitals ("CO2", "MP3"), not after a unit ("m2"), never three or more
    digits (a year). The admin is told which words were read so.

    >>> find_glued_note_markers(["veel twitteraars1 en CO2."], {1, 2}, [])
    ['veel twitteraars¹⁾ en CO2.']
    """
    open_notes = notes - _referenced_notes(body)
    if not open_notes:
        return body
    taken: list[str] = []

    def glue(m: re.Match) -> str:
        word, number = m.group("word"), int(m.group("digits"))
        if number not in open_notes or word.isupper() or is_unit(word):
            return m.group(0)
        open_notes.discard(number)
        taken.append(word + m.group("digits"))
        sup = "".join(SUPERSCRIPT_DIGITS[int(d)] for d in m.group("digits"))
        return f"{word}{m.group('star')}{sup}⁾"

    out = [_GLUED_NOTE.sub(glue, line) if open_notes else line for line in body]
    if taken:
        warnings.append(Warning("glued_note_markers", {"markers": ", ".join(taken)}))
    return out


def _referenced_notes(body: list[str]) -> set[int]:
    """The notes the markers in the text already refer to (¹⁾, 1), [1])."""
    found: set[int] = set()
    for line in body:
        for m in INLINE_MARK.finditer(line):
            if m.group("sup"):
                found.add(int("".join(SUPER_TO_INT[c] for c in m.group("sup"))))
            elif m.group("bracket") or m.group("paren"):
                found.add(int(m.group("bracket") or m.group("paren")))
    return found


def _footnote(number: int, text: str) -> ParsedFootnote:
    """ "*twitteraars*: mensen die ..." -> term "twitteraars", body "mensen die ..." """
    m = re.match(r"^\*([^*]+)\*\s*:?\s*(.*)$", text) or re.match(r"^([^:]{1,60}):\s*(.*)$", text)
    if m:
        return ParsedFootnote(number, m.group(1).strip(), m.group(2).strip())
    return ParsedFootnote(number, "", text.strip())


def check_notes(
    lines: list[ParsedLine], footnotes: list[ParsedFootnote], warnings: list[Warning]
) -> None:
    referenced = {n for line in lines for n in line.notes}
    defined = {f.number for f in footnotes}
    for number in sorted(referenced - defined):
        warnings.append(Warning("marker_without_note", {"number": number}))
    for number in sorted(defined - referenced):
        warnings.append(Warning("note_without_marker", {"number": number}))
