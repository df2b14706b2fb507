"""The answer forms of a model answer without scored elements: a key, several keys, an
order, rows (statements, matching, words per gap), a paragraph, a quotation with its
lines, or a list of accepted answers.

Pure: only the standard library, exam.papers.types and .tables, and the scheme's
patterns.
"""

from __future__ import annotations

import re

from exam.papers.scheme.patterns import (
    ACCEPTED_SPLIT,
    COMPACT_ORDER,
    DASH_LINE,
    ELLIPSIS,
    INLINE_ROW,
    INTRO,
    LABEL,
    LABEL_LIST,
    NO_TARGETS,
    ONE_PARAGRAPH,
    PARAGRAPH,
    QUOTE,
    ROW,
    ROW_LABEL,
    TARGET_LIST,
    UPPER_ROW,
)
from exam.papers.tables import is_header_row, table_columns
from exam.papers.types import SchemeEntry


def read_answer(plain: list[str], entry: SchemeEntry) -> bool:
    """Recognise the model answer's form in the lines that are no element, table row
    or remark. Returns whether a form was found."""
    lines = [line for line in plain if not (INTRO.search(line) and not _after_colon(line))]
    lines = [_after_colon(line) or line for line in lines]
    if not lines:
        return False
    joined = " ".join(lines)
    if _read_quotation(joined, entry):
        return True
    if len(lines) == 1 and _read_single(lines[0], entry):
        return True
    rows = _read_rows(lines) or _read_table_rows(lines)
    if rows:
        entry.answers = rows
        return True
    if all(DASH_LINE.match(line) for line in lines):
        return _read_accepted([DASH_LINE.match(line)["rest"] for line in lines], entry)
    if len(lines) == 1:
        return _read_accepted(split_accepted(lines[0]), entry)
    return False


def _after_colon(line: str) -> str:
    """ "De juiste volgorde is: C, A, D, B" -> "C, A, D, B"."""
    if ":" in line and not re.search(r"[“„\"«‘]", line):
        before, after = line.rsplit(":", 1)
        # "plek 1: rust" is a row, not an introduction.
        return "" if ROW_LABEL.match(before.strip()) else after.strip()
    return ""


def _read_single(line: str, entry: SchemeEntry) -> bool:
    line = line.strip().rstrip(".")
    if re.fullmatch(r"[A-F]", line):
        entry.key = line
        return True
    paragraph = PARAGRAPH.match(line)
    if paragraph:
        entry.accepted = re.findall(r"\d{1,2}", paragraph["numbers"])
        return True
    labels: list[str] | None = None
    if LABEL_LIST.match(line):
        labels = LABEL.findall(line)
    elif COMPACT_ORDER.match(line):
        labels = list(line)
    if labels is None or len({label.isdigit() for label in labels}) > 1:
        # "1 A, 2 C, 3 B" mixes numbers and letters: rows, not keys.
        return False
    if _is_order(labels):
        entry.answers = [(str(i), label) for i, label in enumerate(labels, start=1)]
        return True
    entry.keys = labels
    if len(labels) >= 3 and _is_permutation(labels):
        entry.notes.append(("keys_or_order", {}))
    return True


def _is_permutation(labels: list[str]) -> bool:
    if len(set(labels)) != len(labels):
        return False
    if all(label.isdigit() for label in labels):
        return sorted(int(label) for label in labels) == list(range(1, len(labels) + 1))
    expected = [chr(ord("A") + i) for i in range(len(labels))]
    return sorted(labels) == expected


def _is_order(labels: list[str]) -> bool:
    """A permutation of A.. or 1.. that is not in order: the right order of items."""
    if len(labels) < 3 or not _is_permutation(labels):
        return False
    keys = [int(label) if label.isdigit() else label for label in labels]
    return keys != sorted(keys)


def _read_rows(lines: list[str]) -> list[tuple[str, str]]:
    """Rows "1 juist", "a 3", "1 rust", one per line or several on one line; [] when
    the lines are not all rows."""
    if len(lines) == 1:
        return inline_rows(lines[0])
    rows = []
    for line in lines:
        match = ROW.match(line) or UPPER_ROW.match(line)
        if not match or any(len(word.split()) > 3 for word in split_accepted(match["value"])):
            return []
        rows.append((match["label"], match["value"]))
    return rows if _labels_in_order([label for label, _value in rows]) else []


def _read_table_rows(lines: list[str]) -> list[tuple[str, str]]:
    """Rows under a table's header row ("bewering juist/onjuist", "argument alinea"),
    a row perhaps repeating the first heading ("argument a alinea 4"); [] when the
    lines are not such a table."""
    if len(lines) < 2 or not is_header_row(lines[0]):
        return []
    noun = table_columns(lines[0])[0].lower()
    rows = []
    for line in lines[1:]:
        first, _, rest = line.partition(" ")
        rows.append(rest if first.lower() == noun and rest else line)
    return _read_rows(rows)


def inline_rows(line: str) -> list[tuple[str, str]]:
    matches = list(INLINE_ROW.finditer(line))
    if len(matches) < 2:
        return []
    leftover = INLINE_ROW.sub("", line)
    if leftover.strip(" ,;."):
        return []
    rows = [(match["label"], match["value"]) for match in matches]
    return rows if _labels_in_order([label for label, _value in rows]) else []


def _labels_in_order(labels: list[str]) -> bool:
    """1, 2, 3 ... or a, b, c ...; a label may stand twice in a row (an item listed
    once per target: "a 1", "a 3", "b 2")."""
    labels = [label for i, label in enumerate(labels) if i == 0 or label != labels[i - 1]]
    if len(labels) < 2:
        return False
    if all(label.isdigit() for label in labels):
        return [int(label) for label in labels] == list(range(1, len(labels) + 1))
    first = "A" if labels[0].isupper() else "a"
    return labels == [chr(ord(first) + i) for i in range(len(labels))]


def targets_of(value: str) -> list[str]:
    """An item's targets in a matching row's value: "1, 3" -> ["1", "3"], "A en C" ->
    ["A", "C"], "geen" -> [], "alinea 4" -> ["4"] (a paragraph as the target); any
    other value is one target, as printed ("3")."""
    value = value.strip().rstrip(",;.")
    if NO_TARGETS.match(value):
        return []
    paragraph = ONE_PARAGRAPH.match(value)
    if paragraph:
        return [paragraph[1]]
    if TARGET_LIST.match(value):
        return LABEL.findall(value)
    return [value]


def _read_quotation(joined: str, entry: SchemeEntry) -> bool:
    found = list(QUOTE.finditer(joined))
    if not found:
        return False
    with_lines = [match for match in found if match["lines"]]
    chosen = with_lines or found
    # A quotation only counts as the answer when it is the answer, not a word quoted in
    # an explanation: it has its lines, or the text is little more than the quotation.
    if not with_lines and len(QUOTE.sub("", joined).strip(" .,;")) > 3:
        return False
    first = chosen[0]
    quote = first["double"] or first["single"]
    entry.quotation = ELLIPSIS.sub(" … ", quote).strip()
    if first["lines"]:
        lines = re.sub(r"\s*(?:–|—|t/m|tot\s+en\s+met|en)\s*", "-", first["lines"])
        entry.lines = re.sub(r"\s*-\s*", "-", lines)
    if len(chosen) > 1:
        quotations = [ELLIPSIS.sub(" … ", m["double"] or m["single"]).strip() for m in chosen]
        entry.notes.append(("several_quotations", {"quotations": quotations}))
    return True


def split_accepted(text: str) -> list[str]:
    """The answers a scheme accepts, as it lists them on one line.

    >>> split_accepted("rust / stilte of kalmte.")
    ['rust', 'stilte', 'kalmte']
    """
    items = [item.strip().strip(".,;").strip() for item in ACCEPTED_SPLIT.split(text)]
    return [item for item in items if item]


def _read_accepted(items: list[str], entry: SchemeEntry) -> bool:
    items = [item.strip().strip(".,;").strip() for item in items]
    items = [item for item in items if item]
    if not items or any(len(item.split()) > 4 for item in items):
        return False
    entry.accepted = items
    if any(len(item.split()) > 1 for item in items):
        entry.notes.append(("phrases_accepted", {}))
    return True
