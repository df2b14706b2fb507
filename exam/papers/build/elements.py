"""Scoring data for the kinds marked by scored elements (open, summary, parts): each
element with a few keywords (`keywords_of`), "Alleen de eerste twee ..." as `asked`,
the deduction for going over the word limit (`over_limit_of`) and full sentences;
a question in parts has its parts labelled a, b, c by position.

Pure: only the standard library, exam.papers.types and exam.kinds.parts's labels.
"""

from __future__ import annotations

import re
from dataclasses import replace

from exam.kinds.parts import LABELS as PART_LABELS
from exam.papers.build.values import Incomplete
from exam.papers.scheme.reading import over_limit_rule
from exam.papers.types import PaperQuestion, SchemeEntry

MAX_KEYWORDS = 3
MIN_KEYWORD_LENGTH = 4
# Words that carry no content in a model element.
_STOPWORDS = """
aan alle alles als andere anders bij daar dan dat deze die dit doen door een
eens elke en enkel er geen heeft heel hem hen het hier hij hoe hun iets ik in is
ja je kan kunnen maar meer men met mij na naar niet nog nu of om omdat ons ook
op over per te tekst toe tot uit van veel voor waar wat wel welke werd wie wil
worden wordt zal ze zelf zich zij zijn zo zoals zou doordat terwijl waardoor
waarin wanneer hebben namelijk schrijver schrijfster auteur noemen noemt volgens
bijvoorbeeld
"""
STOPWORDS = frozenset(_STOPWORDS.split())
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def keywords_of(text: str) -> list[str]:
    """A few content words of a model element: its words of at least four letters
    that are no function words, the longest three (ties: the first printed), in the
    order they are printed, lower case. "de cultuur van snelheid maakt mensen
    onrustig" -> ["cultuur", "snelheid", "onrustig"]."""
    words: list[str] = []
    for match in _WORD.finditer(re.sub(r"\([^)]*\)", " ", text)):
        word = match.group().lower()
        if len(word) >= MIN_KEYWORD_LENGTH and word not in STOPWORDS and word not in words:
            words.append(word)
    chosen = sorted(words, key=lambda w: (-len(w), words.index(w)))[:MAX_KEYWORDS]
    return [w for w in words if w in chosen]


def over_limit_of(remarks: list[str]) -> dict | str | None:
    """The deduction for going over the word limit, from the first of the scheme's
    remarks about words that names one, read as the scheme reader reads it
    (scheme.reading.over_limit_rule)."""
    for remark in remarks:
        if "woord" in remark.lower() and (rule := over_limit_rule(remark)) is not None:
            return rule
    return None


def _elements(entry: SchemeEntry) -> list[dict]:
    elements = []
    for element in entry.elements:
        data = {
            "text": element.text.strip(),
            "points": element.points,
            "keywords": keywords_of(element.text),
        }
        elements.append(data)
    return elements


def _length_rules(q: PaperQuestion, entry: SchemeEntry, scoring: dict) -> dict:
    if entry.first_n and entry.first_n < len(entry.elements):
        scoring["asked"] = entry.first_n
    # The scheme reader's own reading of the rule ("voor elke vijf woorden te veel 1
    # scorepunt aftrekken") comes first; the remarks are read here only for an entry
    # that has none (one made by hand).
    noted = [params.get("over_limit") for code, params in entry.notes if code == "word_limit"]
    over = noted[0] if noted else over_limit_of(entry.remarks)
    if over is not None and (q.word_limit or q.part_word_limits):
        scoring["over_limit"] = over
    if q.full_sentences:
        scoring["full_sentences"] = {"deduct": 1}
    return scoring


def _open(q, entry, points, text):
    if not entry.elements:
        raise Incomplete("no_elements")
    return _length_rules(q, entry, {"elements": _elements(entry)})


def _summary(q, entry, points, text):
    if not q.word_limit:
        raise Incomplete("no_word_limit")
    scoring = _open(q, entry, points, text)
    scoring.pop("asked", None)
    return scoring


def _named_part(element_text: str, labels: list[str]) -> str | None:
    """The part an element names: "a: ...", "a) ...", "bij b ..."; None if none."""
    match = re.match(r"\s*(?:bij\s+)?([a-z])\s*[:)\s]", element_text)
    return match.group(1) if match and match.group(1) in labels else None


def _parts(q, entry, points, text):
    """A part per part of the booklet (or per row of a table to fill in), labelled a,
    b, c by position as the parts kind labels them (a table's rows 1, 2, 3 too); an
    element belongs to the part the scheme names ("a ... 1", "a: ..."), else to the
    parts in order, one each."""
    if not entry.elements:
        raise Incomplete("no_elements")
    if len(q.parts) > len(PART_LABELS):
        raise Incomplete("too_many_parts", max=len(PART_LABELS))
    labels = list(PART_LABELS[: len(q.parts)])
    printed = {label: new for (label, _prompt), new in zip(q.parts, labels, strict=True)}
    q = replace(
        q,
        parts=[(printed[label], prompt) for label, prompt in q.parts],
        part_word_limits={printed[k]: v for k, v in q.part_word_limits.items() if k in printed},
    )
    named = [
        printed.get(element.part)
        or (element.part if element.part in labels else None)
        or _named_part(element.text, labels)
        for element in entry.elements
    ]
    if all(named):
        chosen = named
    elif len(entry.elements) == len(labels):
        chosen = labels  # one element per part, in order
    else:
        raise Incomplete("parts_unclear")
    elements = _elements(entry)
    for element, part in zip(elements, chosen, strict=True):
        element["part"] = part
    scoring = {
        "parts": [
            {"label": label, "prompt": prompt, "word_limit": None} for label, prompt in q.parts
        ],
        "elements": elements,
    }
    # A part's own limit, else one that covers every part (docs: importing-exams.md).
    for part in scoring["parts"]:
        part["word_limit"] = q.part_word_limits.get(part["label"]) or q.word_limit
    return _length_rules(q, entry, scoring)


ELEMENT_SCORING = {"open": _open, "summary": _summary, "parts": _parts}
