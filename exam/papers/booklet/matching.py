"""A matching question's two sides (no Django): which list holds the items and which
the targets, from what the booklet calls each list ("vier uitspraken (1-4) en drie
sprekers (A-C)"), and whether an item may have several targets.
"""

from __future__ import annotations

import re

from exam.papers.booklet.lists import Group
from exam.papers.booklet.phrasing import EACH_NOUN
from exam.papers.dutch import NUMBER_WORDS

# Matching: what the lists are called and which one the question goes through.
_LIST_NAMED = re.compile(
    r"\b([a-zé]{3,})\s*\(\s*(\d{1,2}|[a-h])\s*(?:-|–|t/m|tot\s+en\s+met)\s*(?:\d{1,2}|[a-h])\s*\)"
)
_LIST_COUNTED = re.compile(r"\b(twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d)\s+([a-zé]{3,})\b")
_WHICH_NOUN = re.compile(r"\baan\s+(?:bij\s+|door\s+|van\s+|met\s+)?welke?\s+([a-zé]{3,})\b")
_SEVERAL = re.compile(
    r"\b(?:meer\s+dan\s+(?:een|één)|meerdere|(?:een|één)\s+of\s+meer)\b"
    r"(?:\s+(?!of\b|en\b)(?P<noun>[a-zé]{3,}))?"
)
_TIMES = {"keer", "keren", "maal", "malen"}
# "in een of meer volledige zinnen" is about the answer, not the lists.
_NOT_LISTS = {"volledige", "hele", "zinnen"}


def _noun_forms(word: str) -> set[str]:
    """A noun and the noun without a plural ending, long vowels written single."""
    word = word.lower()
    forms = {word} | {word[: -len(e)] for e in ("en", "s", "n") if word.endswith(e)}
    return {re.sub(r"([aeiou])\1", r"\1", form) for form in forms if len(form) >= 3}


def _same_noun(first: str | None, second: str | None) -> bool:
    """Whether the booklet names one thing twice, singular or plural: "uitspraken" ~
    "uitspraak", "sprekers" ~ "spreker", "personen" ~ "persoon", "deskundigen" ~
    "deskundige"."""
    return bool(first and second) and bool(_noun_forms(first) & _noun_forms(second))


def _group_nouns(low: str, letters: Group, numbers: Group, groups: list[Group]) -> dict:
    """What the booklet calls each list: {"letters": "sprekers", "numbers": "uitspraken"},
    from "vier uitspraken (1-4) en drie sprekers (A-C)": the labels in brackets, else
    the counts ("vier uitspraken" for the list of four), else the order the nouns are
    named in, which is the order the lists are printed in."""
    nouns: dict[str, str] = {}
    for noun, first in _LIST_NAMED.findall(low):
        nouns.setdefault("numbers" if first.isdigit() else "letters", noun)
    if len(nouns) == 2:
        return nouns
    counted = [
        (NUMBER_WORDS.get(count) or int(count), noun) for count, noun in _LIST_COUNTED.findall(low)
    ]
    sizes = {"letters": len(letters.items), "numbers": len(numbers.items)}
    if sizes["letters"] != sizes["numbers"]:
        for count, noun in counted:
            side = next((side for side, size in sizes.items() if size == count), None)
            if side is not None:
                nouns.setdefault(side, noun)
    elif len(counted) == 2 and not nouns:
        first = "letters" if groups.index(letters) < groups.index(numbers) else "numbers"
        second = "numbers" if first == "letters" else "letters"
        nouns = {first: counted[0][1], second: counted[1][1]}
    return nouns


def matching_sides(
    low: str, letters: Group, numbers: Group, groups: list[Group]
) -> tuple[Group, Group, str | None, str | None]:
    """(items, targets, what the items are called, what the targets are called).

    Lettered items with numbered targets, unless the wording says the numbered list
    holds the items: "Hieronder staan vier uitspraken (1-4) en drie sprekers (A-C).
    Geef bij elke uitspraak aan ..."."""
    nouns = _group_nouns(low, letters, numbers, groups)
    each = EACH_NOUN.search(low)
    item_noun = each[1] if each else None
    asked = _WHICH_NOUN.search(low)
    target_noun = asked[1] if asked else None
    by_numbers = _same_noun(item_noun, nouns.get("numbers")) or _same_noun(
        target_noun, nouns.get("letters")
    )
    by_letters = _same_noun(item_noun, nouns.get("letters")) or _same_noun(
        target_noun, nouns.get("numbers")
    )
    if by_numbers and not by_letters:
        items, targets = ("numbers", numbers), ("letters", letters)
    else:
        items, targets = ("letters", letters), ("numbers", numbers)
    return (
        items[1],
        targets[1],
        item_noun or nouns.get(items[0]),
        target_noun or nouns.get(targets[0]),
    )


def several_targets(low: str, item_noun: str | None, target_noun: str | None) -> bool | None:
    """Whether an item may have several targets: "Een deskundige kan bij meer dan één
    uitspraak horen" when the deskundigen are the items; not when the uitspraken are
    (then one target serves several items, which every matching allows) nor for "meer
    dan één keer". None: "meer dan één" of something the booklet does not name."""
    found = next(
        (m for m in _SEVERAL.finditer(low) if m["noun"] not in _NOT_LISTS),
        None,
    )
    if not found:
        return False
    noun = found["noun"]
    if noun is None:
        return True  # "welke standpunten (meer dan één, of geen)": beside the targets
    if noun in _TIMES or _same_noun(noun, item_noun):
        return False
    if _same_noun(noun, target_noun):
        return True
    return None
