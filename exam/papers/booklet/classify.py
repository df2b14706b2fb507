"""A question's kind from its exam phrasing and its lists (no Django): `classify`
sets the kind, its certainty, the choices and the kind's own instructions.
"""

from __future__ import annotations

import re

from exam.papers.booklet.lists import Group, choices
from exam.papers.booklet.matching import matching_sides, several_targets
from exam.papers.booklet.phrasing import COUNT, PARAGRAPH, statement_values
from exam.papers.booklet.table_questions import classify_table, paragraph_rows
from exam.papers.dutch import NUMBER_WORDS
from exam.papers.types import HIGH, LOW, NONE, PaperQuestion

_CITATION = re.compile(
    r"\bciteer\b|\b(?:schrijf|noteer)\s+(?:daarvan\s+)?(?:alleen\s+)?de\s+eerste\s+en\s+"
    r"(?:de\s+)?laatste\b"
)
# "Zet ... in de juiste volgorde", not "In welke volgorde ...? A 2-1-3 B ...".
_ORDERING = re.compile(
    r"\bzet\b.*\bvolgorde\b|\b(?:juiste|goede|juist|goed|chronologische)e?\s+volgorde\b"
)
_CHOOSE = re.compile(
    r"\bwelke\s+"
    + COUNT
    + r"\b|\bnoteer\s+(?:alleen\s+)?de\s+(?:nummers|letters)\s+van\s+de\s+"
    + COUNT
    + r"\b|\bnoteer\s+(?:alleen\s+)?de\s+"
    + COUNT
    + r"\s+(?:nummers|letters)\b"
    r"|\b(?:noem|geef)\s+" + COUNT + r"\b"
)
_NUMBERS_ONLY = re.compile(r"\bnoteer\s+(?:alleen\s+)?de\s+(?:nummers|letters)\b")
_ONE_NUMBER = re.compile(
    r"\bnoteer\s+(?:alleen\s+)?het\s+nummer\b|\bnoteer\s+(?:alleen\s+)?de\s+letter\b"
)
_GAP = re.compile(
    r"\bopen\s+plek(?:ken)?\b|\bop\s+de\s+(?:open\s+)?(?:plaats|plaatsen|puntjes)\b"
    r"|\bwelk(?:e)?\s+woord(?:en)?\b.*\b(?:past|passen)\b"
)
# "op de open plekken 1 en 2", "op de plaatsen 1, 2 en 3", "a, b en c", "1 tot en met 4".
_GAP_LABEL = r"(?:\d|[a-h])"
_SEVERAL_GAPS = re.compile(
    r"\b(?:plekken|plaatsen)\s+(?:(?P<list>"
    + _GAP_LABEL
    + r"(?:\s*,\s*"
    + _GAP_LABEL
    + r")*\s+en\s+"
    + _GAP_LABEL
    + r")\b|(?P<first>\d)\s*(?:-|–|t/m|tot\s+en\s+met)\s*(?P<last>\d)\b)"
)
# "Welke woorden passen op de open plekken?" without naming them: several, uncounted.
# "Welk woord past op de plaatsen 1 en 2?": one word in both places, one gap.
_ONE_WORD = re.compile(r"\bwelk\s+woord\b")
# Not "Welk woord past op beide plaatsen?": one word, one gap.
_GAPS_UNCOUNTED = re.compile(r"\bwoorden\b.*\b(?:plekken|plaatsen)\b")
_SUMMARY = re.compile(r"\bvat\b.*\bsamen\b|\bsamenvatting\b")
_EACH = re.compile(r"\b(?:bij|van|voor)\s+(?:elke|iedere)\b|\bper\s+(?:bewering|uitspraak|zin)\b")
_QUESTION_LIKE = re.compile(
    r"\?|\b(?:leg|licht)\b.*\b(?:uit|toe)\b|\b(?:geef|noem|beschrijf|verklaar|formuleer|"
    r"noteer|schrijf|citeer|vat|zet)\b"
)


def classify(question: PaperQuestion, low: str, groups: list[Group]) -> list[Group]:
    """Set the kind, certainty, choices and kind-specific instructions; return the
    lists that became choices or parts.

    The order matters: the exam phrasing that names a kind exactly comes first, then
    the lists (matching needs two, a choice among options one), then the phrasings that
    need no list, and an open question last."""
    upper = [g for g in groups if g.style == "upper"]
    lower = [g for g in groups if g.style == "lower"]
    numbered = [g for g in groups if g.style == "number"]
    # Options A-F before a numbered list: "1 ... 2 ..." then "A alleen 1, B alleen 2".
    options = upper + numbered
    choose = _CHOOSE.search(low)

    def kind(code: str, certainty: str = HIGH) -> None:
        question.kind = code
        question.certainty = certainty

    if question.table:
        placed = classify_table(question, low, groups)
        if placed is not None:
            return placed
    if _CITATION.search(low):
        kind("citation")
        return []
    values = statement_values(low)
    if values is not None and (groups or _EACH.search(low)):
        question.statement_values = values
        listed = numbered + upper + lower
        if listed:
            kind("statements")
            question.choices = choices("statement", listed[0])
            return listed[:1]
        kind("statements", LOW)
        question.notes.append(("statements_not_found", {}))
        return []
    if _ORDERING.search(low) and groups and not (upper and numbered):
        group = groups[0]
        kind("ordering", HIGH if len(group.items) >= 2 else LOW)
        question.choices = choices("item", group)
        return [group]
    items = lower or (upper if _EACH.search(low) else [])
    if items and numbered:
        kind("matching")
        item_group, target_group, item_noun, target_noun = matching_sides(
            low, items[0], numbered[0], groups
        )
        question.choices = choices("item", item_group) + choices("target", target_group)
        multiple = several_targets(low, item_noun, target_noun)
        if multiple is None:
            question.multiple = True
            kind("matching", LOW)
            question.notes.append(("several_targets_unclear", {}))
        else:
            question.multiple = multiple
        return [items[0], numbered[0]]
    if len(groups) == 1 and paragraph_rows(question, low, groups[0], table=False):
        return groups
    if options and (choose or _NUMBERS_ONLY.search(low)):
        group = options[0]
        question.choices = choices("option", group)
        if choose:
            question.choose = _count(choose)
            kind("multi")
        else:
            kind("multi", LOW)
            question.notes.append(("choose_not_found", {}))
        return [group]
    if options:
        group = options[0]
        question.choices = choices("option", group)
        sure = group.style == "upper" or _ONE_NUMBER.search(low)
        kind("mc", HIGH if sure and len(group.items) >= 2 else LOW)
        if len(group.items) < 2:
            question.notes.append(("one_option", {}))
        return [group]
    if PARAGRAPH.search(low):
        kind("paragraph")
        return []
    if _GAP.search(low):
        kind("gap")
        question.gaps = _gap_labels(low)
        if not question.gaps and _GAPS_UNCOUNTED.search(low):
            kind("gap", LOW)
            question.notes.append(("gaps_not_counted", {}))
        return []
    if _SUMMARY.search(low):
        if question.word_limit is None:
            kind("summary", LOW)
            question.notes.append(("word_limit_not_found", {}))
        else:
            kind("summary")
        return []
    if lower and len(lower[0].items) >= 2:
        kind("parts")
        question.parts = [(label, content) for label, content in lower[0].items]
        return [lower[0]]
    if choose:
        question.choose = _count(choose)
    kind("open", LOW if _QUESTION_LIKE.search(low) else NONE)
    return []


def _count(match: re.Match) -> int:
    word = next(group for group in match.groups() if group)
    return NUMBER_WORDS[word]


def _gap_labels(low: str) -> list[str]:
    """The gaps a question names, as printed: "op de open plekken 1 en 2" -> ["1", "2"],
    "plaatsen a, b en c" -> ["a", "b", "c"], "plaatsen 1 tot en met 4" -> 1..4; [] for
    one gap."""
    match = _SEVERAL_GAPS.search(low)
    if not match or _ONE_WORD.search(low):
        return []
    if match["list"]:
        return re.findall(_GAP_LABEL, match["list"].replace(" en ", " "))
    first, last = int(match["first"]), int(match["last"])
    return [str(n) for n in range(first, last + 1)] if last > first else []
