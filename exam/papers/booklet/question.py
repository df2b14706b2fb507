"""Step 3 of reading a question booklet: one question's lines into a `PaperQuestion`
(no Django): its stem, its lists, a table's header row and its word limits; the kind
is set by `classify.classify`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from exam.papers.booklet.classify import classify
from exam.papers.booklet.lines import flow, join
from exam.papers.booklet.lists import Group, split_body
from exam.papers.booklet.phrasing import WORD_LIMIT, word_limit
from exam.papers.booklet.table_questions import TABLE_WIDGETS, table_header, table_not_placed
from exam.papers.tables import table_columns
from exam.papers.types import LOW, PaperQuestion

# A word limit for every part of a question in parts: "bij elk antwoord", "per
# onderdeel", "bij beide vragen", "voor a en b". Not "a en b samen": one limit for the
# parts together, which a question in parts cannot keep.
_COVERS_ALL = re.compile(
    r"^(?!.*\bsamen\b).*(?:\b(?:elk|ieder)e?\s+(?:antwoord|onderdeel|deel|deelvraag|vraag)\b"
    r"|\bper\s+(?:antwoord|onderdeel|deel|deelvraag)\b"
    r"|\bbeide\s+(?:antwoorden|onderdelen|delen|vragen|deelvragen)\b"
    r"|\b[a-h]\s+en\s+[a-h]\b)"
)
_FULL_SENTENCES = re.compile(
    r"\b(?:in\s+)?(?:een|één)\s+of\s+meer\s+(?:volledige|hele)\s+zinnen\b"
    r"|\bin\s+(?:een\s+)?(?:volledige|hele)\s+zin(?:nen)?\b"
)


@dataclass
class Draft:
    """A question as the splitting step found it: its number, text, points and lines."""

    number: int
    text_number: int
    points: int | None
    lines: list[str] = field(default_factory=list)
    notes: list[tuple[str, dict]] = field(default_factory=list)


def read_question(draft: Draft) -> PaperQuestion:
    """A question's lines read into its stem, kind, choices or parts and instructions."""
    entries = split_body(draft.lines)
    # A table's header row is no prose of the stem: it is read apart (see table_questions).
    header_at = table_header(entries)
    header = entries.pop(header_at) if header_at is not None else ""
    groups = [entry for entry in entries if isinstance(entry, Group)]
    low = flow([entry for entry in entries if isinstance(entry, str)]).lower()
    question = PaperQuestion(
        number=draft.number,
        text_number=draft.text_number,
        points=draft.points,
        stem="",
        kind="open",
        notes=list(draft.notes),
    )
    question.word_limit = word_limit(low)
    question.full_sentences = bool(_FULL_SENTENCES.search(low))
    question.table = table_columns(header) if header else ()
    used = classify(question, low, groups)
    if question.table and not used:
        used = table_not_placed(question)
    if question.kind == "parts":
        entries = _place_part_limits(question, entries, used[0])
    if header_at is not None and question.kind not in TABLE_WIDGETS:
        # The pupil needs the columns to know what goes in each box (parts), or to read
        # the rows kept in the stem (a table not placed).
        entries.insert(header_at, f"(tabel: {' | '.join(question.table)})")
    # A list that is no choice stays in the stem as printed ("1 ...", "2 ..."), so
    # nothing is lost, and the review report names it.
    lines: list[tuple[bool, str]] = []
    for entry in entries:
        if isinstance(entry, str):
            lines.append((False, entry))
        elif not any(entry is group for group in used):
            printed = "\n".join(f"{label} {content}" for label, content in entry.items)
            lines.append((True, printed))
            question.notes.append(("list_in_stem", {"labels": [label for label, _ in entry.items]}))
    question.stem = _flow_blocks(lines)
    return question


def _place_part_limits(
    question: PaperQuestion, entries: list[str | Group], group: Group
) -> list[str | Group]:
    """Give a question in parts its word limits where the booklet puts them.

    A limit in a part's own text is that part's ("b Leg uit ... Gebruik maximaal 20
    woorden."). A limit covers every part only when it says so ("Gebruik bij elk
    antwoord maximaal 20 woorden"), after the last part (such a sentence is moved
    from the last part's text to the question's) or, as clearly, above the parts. Any
    other limit outside the parts ("Gebruik maximaal 20 woorden." above them, "a en b
    samen") is left for the teacher (note `word_limit_unplaced`): a part's own limit
    given to every part would cost pupils points the exam does not take. Returns the
    entries, with a moved sentence right after the parts."""
    at = next(i for i, entry in enumerate(entries) if entry is group)
    before = flow([e for e in entries[:at] if isinstance(e, str)]).lower()
    after = flow([e for e in entries[at + 1 :] if isinstance(e, str)]).lower()
    overall: int | None = None
    moved: list[str] = []
    limits: dict[str, int] = {}
    parts = list(question.parts)
    for index, (label, content) in enumerate(parts):
        sentence = _limit_sentence(content)
        if sentence is None:
            continue
        limit = word_limit(sentence.lower())
        if index == len(parts) - 1 and _COVERS_ALL.search(sentence.lower()):
            overall = limit
            moved.append(sentence)
            parts[index] = (label, " ".join(content.replace(sentence, "").split()))
        elif limit:
            limits[label] = limit
    for outside in (after, before):
        if overall is None and word_limit(outside) and _COVERS_ALL.search(outside):
            overall = word_limit(outside)
    unplaced = [
        limit for limit in (word_limit(before), word_limit(after)) if limit and limit != overall
    ]
    for limit in unplaced:
        question.notes.append(("word_limit_unplaced", {"limit": limit}))
        question.certainty = LOW
    question.parts = parts
    question.part_word_limits = limits
    question.word_limit = overall
    return [*entries[: at + 1], *moved, *entries[at + 1 :]]


def _limit_sentence(content: str) -> str | None:
    """The sentence of a part's text that sets a word limit, as printed."""
    for sentence in re.split(r"(?<=[.!?])\s+", content):
        if WORD_LIMIT.search(sentence.lower()):
            return sentence
    return None


def _flow_blocks(lines: list[tuple[bool, str]]) -> str:
    """Stem lines flowed into one line; a list kept in the stem (True) stays on lines
    of its own."""
    blocks: list[str] = []
    flowing = False
    for is_list, line in lines:
        if is_list:
            blocks.append(line)
            flowing = False
        elif flowing:
            blocks[-1] = join(blocks[-1], line)
        else:
            blocks.append(line)
            flowing = True
    return "\n".join(blocks)
