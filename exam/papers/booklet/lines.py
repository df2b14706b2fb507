"""Step 1 of reading a question booklet: its text as clean lines (no Django).

Page furniture goes (the exam code "HA-1002-a-21-1-o", a page count "3 / 12", a bare
page number, "lees verder ►►►", "einde"); a word broken at a line end ("samen-" /
"vatting") is joined when its second part starts in lower case. `join` and `flow` put
printed lines together by the same rule for the later steps.
"""

from __future__ import annotations

import re

# A furniture line holds only these, in any order: "HA-1002-a-21-1-o 2 / 4", "einde ■".
_FURNITURE_PART = re.compile(
    r"\s*(?:[A-Z]{2,3}-\d{3,4}-[a-z]-\d{2}-\d-[a-z]\*?"  # exam code HA-1002-a-21-1-o
    r"|\d{1,3}\s*/\s*\d{1,3}"  # page count 3 / 12
    r"|(?:pagina|blad)\s+\d{1,3}(?:\s+van\s+\d{1,3})?"
    r"|lees\s+verder|einde|[►▶■●]+)\s*",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(r"^\d{1,3}$")
# "2p" on a line of its own: the question's number is on the next line.
POINTS_ALONE = re.compile(r"^(\d{1,2})\s?p$")
# "samen-" + "vatting": not "hoofd-" + "en bijzaken".
_BROKEN_WORD = re.compile(r"[A-Za-zÀ-ÿ]-$")
_LOWER_START = re.compile(r"^[a-zà-ÿ]{2,}")
_KEEP_APART = {"en", "of", "tot", "als"}


def clean(text: str) -> list[str]:
    """The booklet's lines, stripped, furniture gone, broken words joined; a blank
    line is kept as "" (it ends a list in a teacher's paste)."""
    kept: list[str] = []
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(raw.replace("\u00ad", "").split())
        if not line:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if _is_furniture(line):
            continue
        if _BARE_NUMBER.match(line):
            previous = _last_content(kept)
            if previous is None or not POINTS_ALONE.match(previous):
                continue  # a page number
        kept.append(line)
    joined: list[str] = []
    for line in kept:
        previous_index = _last_content_index(joined)
        if (
            line
            and previous_index is not None
            and _BROKEN_WORD.search(joined[previous_index])
            and _LOWER_START.match(line)
            and line.split()[0].rstrip(".,;:?!") not in _KEEP_APART
        ):
            # Blank lines between the parts were a page break.
            del joined[previous_index + 1 :]
            joined[previous_index] = joined[previous_index][:-1] + line
            continue
        joined.append(line)
    while joined and joined[-1] == "":
        joined.pop()
    return joined


def _is_furniture(line: str) -> bool:
    rest = line
    while rest:
        match = _FURNITURE_PART.match(rest)
        if not match or not match.group(0):
            return False
        rest = rest[match.end() :]
    return True


def _last_content(lines: list[str]) -> str | None:
    index = _last_content_index(lines)
    return None if index is None else lines[index]


def _last_content_index(lines: list[str]) -> int | None:
    for index in range(len(lines) - 1, -1, -1):
        if lines[index]:
            return index
    return None


def join(left: str, right: str) -> str:
    """Two printed lines as one: "samen-" "vatting" is a word broken at the line end,
    "Noord-" "Holland" a hyphenated word, "hoofd-" "en bijzaken" two words."""
    if _BROKEN_WORD.search(left) and right.split()[0].rstrip(".,;:?!") not in _KEEP_APART:
        if _LOWER_START.match(right):
            return left[:-1] + right
        if right[0].isupper():
            return left + right
    return f"{left} {right}"


def flow(lines: list[str]) -> str:
    text = ""
    for line in lines:
        if line:
            text = join(text, line) if text else line
    return text
