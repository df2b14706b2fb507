"""Line and paragraph references: one grammar for finding, parsing, formatting and
checking them.

A question points pupils into the booklet in two ways, and both are read here:

- **In prose** (stem, model answer, explanation, answer-model elements, shared
  contexts): "regel 85-91", "r. 12", "regels 3 en 4", "alinea's 2 t/m 4". Another
  text of the exam is named before or after: "tekst 2, regel 10-15", "(tekst 2,
  regels 10-15)", "regel 3-4 van tekst 2". A quotation in brackets before a line
  reference (“Strikt genomen hadden ze een punt” (regels 4-5)) is kept with it.
  `find_references` finds them, with their position in the string so a page can turn
  each into a link.
- **As a list** (Question.answer_lines): "85-91, 100", "regel 6–8; 21", "3 en 4".
  `parse_line_ranges` reads it, `format_line_ranges` writes it the one canonical way.

The grammar both share: a number has one to four digits; a range joins two numbers
with "-", "–", "—", "t/m" or "tot en met"; a list separates items with ",", ";" or
"en"; a list may start with "regel(s)", "r." or "line(s)". In prose only "en" joins
items: a comma in a sentence ends the reference more often than it continues it
("in regel 12, 3 woorden verder").

Every reference must lie inside the question's text: `reference_problems` and
`answer_lines_problems` return `exam.problems.Problem(field, code, params)` values,
and exam/problems.py's one table holds the translated sentence per code (the
importer's English report, exam/exam_data.py, words the same codes its own way).
Pure: no database, no request.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from exam.problems import Problem

_NUMBER = r"\d{1,4}"
_RANGE = r"\s*(?:-|–|—|t/m|tot\s+en\s+met)\s*"
_PROSE_AND = r"\s+en\s+"
# Another text of the exam, before the reference ("tekst 2, regel 10-15") or after it
# ("regel 10-15 van tekst 2", "regels 3-4 uit tekst 2").
_TEXT_BEFORE = r"(?:tekst\s+(?P<text>\d{1,2})\s*,?\s*)?"
_TEXT_AFTER = r"(?:\s+(?:van|uit|in)\s+tekst\s+(?P<text_after>\d{1,2})(?!\w))?"
_REFERENCE = re.compile(
    rf"(?<!\w){_TEXT_BEFORE}(?P<word>regels?|r\.|alinea(?:['’]s)?)\s*"
    rf"(?P<numbers>{_NUMBER}(?:(?:{_RANGE}|{_PROSE_AND}){_NUMBER})*)(?!\w){_TEXT_AFTER}",
    re.IGNORECASE,
)
# A quotation right before a reference in brackets: “Strikt genomen ...” (regels 4-5).
_QUOTE_BEFORE = re.compile(r"(?:[“\"‘'«„](?P<quote>[^“”\"‘’'«»„\n]{2,400})[”\"’'»])\s*\(\s*$")
_ITEM = re.compile(rf"(?P<first>{_NUMBER})(?:{_RANGE}(?P<last>{_NUMBER}))?")
_LIST_ITEM = re.compile(rf"^(?P<first>{_NUMBER})(?:{_RANGE}(?P<last>{_NUMBER}))?$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"\s*(?:,|;|\ben\b)\s*", re.IGNORECASE)
_LINE_WORD = re.compile(r"^(?:regels?|r\.|lines?)\s*(?=\d)", re.IGNORECASE)
# "tot en met" holds the separator "en": read it as a dash before splitting the list.
_LONG_RANGE = re.compile(r"\s*tot\s+en\s+met\s*", re.IGNORECASE)


# ---------------------------------------------------------------------------
# Finding references in prose


@dataclass(frozen=True)
class Reference:
    """A place in the text named in a question: kind "line" or "paragraph", the first
    and last number, and where the reference stands in the string (start, end).

    `text` is the exam's text it names ("tekst 2, regel 10-15": 2), None for the
    question's own text. `quote` is the quotation it stands after in brackets
    (“Strikt genomen hadden ze een punt” (regels 4-5)), "" if none.
    """

    kind: str
    first: int
    last: int
    start: int
    end: int
    text: int | None = None
    quote: str = ""


def find_references(text: str) -> list[Reference]:
    """The line and paragraph references in a question, in order.

    "regels 3 en 4" and "alinea's 2 en 3" name neighbours, so they are one range;
    "alinea's 2 en 5" are two references, each linked on its own number.

    >>> find_references("Lees regel 85-91 en alinea's 2 en 3.")
    [Reference(kind='line', first=85, last=91, start=5, end=16, text=None, quote=''), \
Reference(kind='paragraph', first=2, last=3, start=20, end=35, text=None, quote='')]
    """
    references: list[Reference] = []
    for match in _REFERENCE.finditer(text):
        kind = "paragraph" if match.group("word").lower().startswith("alinea") else "line"
        named = match.group("text") or match.group("text_after")
        number = int(named) if named else None
        quoted = _QUOTE_BEFORE.search(text, 0, match.start())
        quote = quoted.group("quote").strip() if quoted else ""
        offset = match.start("numbers")
        items = [
            (int(item.group("first")), int(item.group("last") or item.group("first")), item)
            for item in _ITEM.finditer(match.group("numbers"))
        ]
        if all(items[i + 1][0] == items[i][1] + 1 for i in range(len(items) - 1)):
            references.append(
                Reference(
                    kind, items[0][0], items[-1][1], match.start(), match.end(), number, quote
                )
            )
            continue
        for position, (first, last, item) in enumerate(items):
            start = match.start() if position == 0 else offset + item.start()
            end = offset + item.end()
            if position == len(items) - 1 and match.group("text_after"):
                end = match.end()
            references.append(
                Reference(kind, first, last, start, end, number, quote if position == 0 else "")
            )
    return references


# ---------------------------------------------------------------------------
# Line lists (Question.answer_lines)


def parse_line_ranges(value: str) -> list[tuple[int, int]]:
    """Read a list of lines as ranges; "" is no lines. Raises ValueError on anything
    else, a range that runs backwards and line 0 included.

    >>> parse_line_ranges("regel 85 – 91; 100 en 102 t/m 104")
    [(85, 91), (100, 100), (102, 104)]
    """
    value = _LONG_RANGE.sub("-", _LINE_WORD.sub("", str(value).strip()))
    if not value:
        return []
    ranges = []
    for part in _LIST_SEPARATOR.split(value):
        match = _LIST_ITEM.match(part.strip())
        if not match:
            raise ValueError(f"not a line range: {part.strip()!r}")
        first = int(match.group("first"))
        last = int(match.group("last") or first)
        if first < 1 or last < first:
            raise ValueError(f"not a line range: {part.strip()!r}")
        ranges.append((first, last))
    return ranges


def format_line_ranges(ranges: Iterable[tuple[int, int]]) -> str:
    """The canonical spelling.

    >>> format_line_ranges([(85, 91), (100, 100)])
    '85-91, 100'
    """
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


def line_numbers(value: str) -> list[int]:
    """Every line number in an answer_lines value; [] when it cannot be read.

    >>> line_numbers("3-5, 9")
    [3, 4, 5, 9]
    """
    try:
        ranges = parse_line_ranges(value)
    except ValueError:
        return []
    return [n for first, last in ranges for n in range(first, last + 1)]


# ---------------------------------------------------------------------------
# Checking references against the text


class TextSize(Protocol):
    """What the checks need of a text: exam.authoring's Booklet and exam_data's
    TextInfo both have it."""

    @property
    def line_count(self) -> int: ...

    paragraph_count: int


@dataclass(frozen=True)
class Booklet:
    """A stored text as the checks see it: its (number, plain) lines and how many
    paragraphs it has."""

    lines: tuple[tuple[int, str], ...]
    paragraph_count: int

    @property
    def line_count(self) -> int:
        return len(self.lines)


BACKWARDS = "reference_backwards"
LINE_OUTSIDE = "reference_line_outside"
PARAGRAPH_OUTSIDE = "reference_paragraph_outside"
TEXT_OUTSIDE = "reference_text_outside"
QUOTE_NOT_ON_LINES = "reference_quote_not_on_lines"
LINES_UNREADABLE = "answer_lines_unreadable"
LINES_OUTSIDE = "answer_lines_outside"


def named_texts(value: str) -> set[int]:
    """The exam texts `value` refers to by number ("tekst 2, regel 4": {2}).

    >>> sorted(named_texts("tekst 2, regel 4 en regel 7 van tekst 3"))
    [2, 3]
    """
    return {ref.text for ref in find_references(value or "") if ref.text is not None}


def reference_problems(
    value: str,
    text: TextSize,
    *,
    field: str,
    texts: Mapping[int, TextSize] | None = None,
) -> list[Problem]:
    """The references in `value` that do not fit the text, one problem each.

    A reference to another text ("tekst 2, regel 10") is checked against
    `texts[2]` (the exam's texts by position) and is a problem when the exam has no
    text 2; without `texts` it is not checked. A quotation before a line reference
    (“...” (regels 4-5)) must stand on those lines (or the line before or after).

    >>> [p.code for p in reference_problems("regel 120 en alinea 2",
    ...     Booklet(lines=((1, "x"),) * 109, paragraph_count=5), field="stem")]
    ['reference_line_outside']
    """
    problems = []
    for ref in find_references(value or ""):
        quoted = value[ref.start : ref.end].strip()
        target = text
        if ref.text is not None:
            if texts is None:
                continue
            if ref.text not in texts:
                params = {"reference": quoted, "text": ref.text, "count": len(texts)}
                problems.append(Problem(field, TEXT_OUTSIDE, params))
                continue
            target = texts[ref.text]
        if ref.first > ref.last:
            problems.append(Problem(field, BACKWARDS, {"reference": quoted}))
        elif ref.kind == "line" and not 1 <= ref.first <= ref.last <= target.line_count:
            params = {"reference": quoted, "count": target.line_count}
            problems.append(Problem(field, LINE_OUTSIDE, params))
        elif ref.kind == "paragraph" and not 1 <= ref.first <= ref.last <= target.paragraph_count:
            params = {"reference": quoted, "count": target.paragraph_count}
            problems.append(Problem(field, PARAGRAPH_OUTSIDE, params))
        elif ref.kind == "line" and ref.quote and not quote_on_lines(ref, target):
            params = {"reference": quoted, "quote": ref.quote}
            problems.append(Problem(field, QUOTE_NOT_ON_LINES, params))
    return problems


def _squashed(value: str) -> str:
    """Letters and digits only, lower case, without accents: "Strikt ge- nomen!" and
    "striktgenomen" compare equal (a word broken at a line end included)."""
    value = unicodedata.normalize("NFKD", value.casefold())
    return "".join(ch for ch in value if ch.isalnum())


def quote_on_lines(ref: Reference, text: TextSize) -> bool:
    """Whether the quotation before a line reference stands on its lines, one line
    either side allowed (a quotation may run on); an ellipsis ("...", "…") may leave
    words out. True when the text's lines are not known.

    >>> booklet = Booklet(lines=((1, "Strikt genomen"), (2, "hadden ze een punt.")),
    ...     paragraph_count=1)
    >>> quote_on_lines(find_references("“Strikt genomen ... een punt” (regel 1)")[0], booklet)
    True
    """
    lines = getattr(text, "lines", None)
    if not lines or not ref.quote:
        return True
    near = " ".join(plain for number, plain in lines if ref.first - 1 <= number <= ref.last + 1)
    haystack = _squashed(near)
    position = 0
    for piece in re.split(r"\.\.\.|…", ref.quote):
        needle = _squashed(piece)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def answer_lines_problems(
    value: str, text: TextSize, *, field: str = "answer_lines"
) -> list[Problem]:
    """Whether an answer_lines value can be read and lies inside the text.

    >>> answer_lines_problems("105-120", Booklet(lines=((1, "x"),) * 109, paragraph_count=5))
    [Problem(field='answer_lines', code='answer_lines_outside', \
params={'value': '105-120', 'line': 120, 'count': 109})]
    """
    try:
        ranges = parse_line_ranges(value or "")
    except ValueError:
        return [Problem(field, LINES_UNREADABLE, {"value": value})]
    beyond = [last for _first, last in ranges if last > text.line_count]
    if beyond:
        params = {"value": value, "line": max(beyond), "count": text.line_count}
        return [Problem(field, LINES_OUTSIDE, params)]
    return []
