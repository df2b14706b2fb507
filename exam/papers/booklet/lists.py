"""A question's lines as stem lines and labelled lists (no Django): options "A".."F",
numbered lines "1".., lettered lines "a"..; the lists that fit a kind become its
choices or parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exam.papers.booklet.lines import join
from exam.papers.types import PaperChoice

LABELLED = {
    "upper": re.compile(r"^([A-F])(?:[.)]\s*|\s+)(\S.*)$"),
    "number": re.compile(r"^(\d{1,2})(?:[.)]\s*|\s+)(\S.*)$"),
    "lower": re.compile(r"^([a-h])(?:[.)]\s*|\s+)(\S.*)$"),
}
_FIRST_LABEL = {"upper": "A", "number": "1", "lower": "a"}
# A line after a list item that starts a new sentence of the stem, not the item's next line.
STEM_AGAIN = re.compile(
    r"^(?:Noteer|Geef|Gebruik|Citeer|Schrijf|Let op|Licht|Leg|Vat|Zet|Welke?|Wat|Hoe|"
    r"Waarom|Wie|Waar|In welke|Bij welke|Kies|Verklaar|Beschrijf|Noem|Formuleer)\b"
    # "Een spreker kan bij meer dan één uitspraak horen." under the lists.
    r"|^(?:Een|Elke|Iedere)\s+\S+\s+(?:kan|kunnen|mag|mogen|hoeft|hoort)\b"
)
# In parts ("a Noem ...", "b Leg uit ..."), only "Noteer ..." ends the last part.
_STEM_AFTER_PARTS = re.compile(r"^(?:Noteer|Let op)\b")


@dataclass
class Group:
    style: str
    items: list[list[str]]  # [label, content]


def split_body(lines: list[str]) -> list[str | Group]:
    """A question's lines as stem lines and labelled lists, in printed order."""
    entries: list[str | Group] = []
    current: Group | None = None
    for line in lines:
        if not line:
            current = None
            continue
        labelled = _match_label(line, current)
        if labelled is not None:
            style, label, content = labelled
            if current is not None and current.style == style:
                current.items.append([label, content])
            else:
                current = Group(style, [[label, content]])
                entries.append(current)
            continue
        if current is not None:
            ends = _STEM_AFTER_PARTS if current.style == "lower" else STEM_AGAIN
            if not ends.match(line):
                current.items[-1][1] = join(current.items[-1][1], line)
                continue
            current = None
        entries.append(line)
    return entries


def _match_label(line: str, current: Group | None) -> tuple[str, str, str] | None:
    for style, pattern in LABELLED.items():
        match = pattern.match(line)
        if not match:
            continue
        label = match[1]
        continues = current is not None and current.style == style
        if continues and label == _next_label(current.items[-1][0]):
            return style, label, match[2]
        if label == _FIRST_LABEL[style]:
            return style, label, match[2]
    return None


def _next_label(label: str) -> str:
    return str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)


def choices(role: str, group: Group) -> list[PaperChoice]:
    return [PaperChoice(role=role, label=label, content=content) for label, content in group.items]
