"""The exam phrasing that more than one step of the booklet reader reads (no Django):
numbers written as words, word limits, the pair of answer words statements are marked
with, a paragraph asked for, and "bij elke ..." naming what a question goes through.
"""

from __future__ import annotations

import re

from exam.papers.dutch import NUMBER_WORDS

COUNT = r"(twee|drie|vier|vijf|zes)"
PARAGRAPH = re.compile(
    r"\b(?:in\s+)?welke\s+alinea\b|\bnummer\s+van\s+de(?:ze)?\s+alinea\b|\balineanummer\b"
)
EACH_NOUN = re.compile(
    r"\b(?:(?:bij|van|voor|aan)\s+(?:elke|iedere|elk|ieder)|per)\s+"
    r"(?:van\s+de\s+(?:\w+\s+)?)?([a-zé]{3,})\b"
)
WORD_LIMIT = re.compile(
    r"\b(?:maximaal|ten\s+hoogste|hoogstens|niet\s+meer\s+dan)\s+(\d{1,3}|[a-zé]+)\s+woorden\b"
)
_QUOTED_PAIR = re.compile(
    r"['‘’\"“”]\s*([a-zé]+(?:\s[a-zé]+)?)\s*['‘’\"“”]\s+of\s+['‘’\"“”]\s*([a-zé]+(?:\s[a-zé]+)?)\s*['‘’\"“”]"
)
KNOWN_PAIRS = [
    ("juist", "onjuist"),
    ("wel", "niet"),
    ("ja", "nee"),
    ("eens", "oneens"),
    ("feit", "mening"),
    ("waar", "niet waar"),
    ("voor", "tegen"),
]


def word_limit(low: str) -> int | None:
    match = WORD_LIMIT.search(low)
    if not match:
        return None
    value = match[1]
    return int(value) if value.isdigit() else NUMBER_WORDS.get(value)


def statement_values(low: str) -> tuple[str, str] | None:
    """The pair of words a statement is marked with: "‘juist’ of ‘onjuist’", "wel of niet"."""
    quoted = _QUOTED_PAIR.search(low)
    if quoted:
        return quoted[1], quoted[2]
    for first, second in KNOWN_PAIRS:
        if re.search(rf"\b{first}\s+of\s+{second}\b", low):
            return first, second
    return None
