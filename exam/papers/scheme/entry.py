"""One question's entry: its block read into elements, an answer form and a score
table, checked against its maximum, with its certainty.

Pure: only the standard library, exam.papers.types and the scheme's other modules.
"""

from __future__ import annotations

from exam.papers.scheme.answers import read_answer, targets_of
from exam.papers.scheme.patterns import read_number
from exam.papers.scheme.reading import read_lines
from exam.papers.scheme.splitting import Block
from exam.papers.types import LOW, NONE, SchemeEntry


def read_entry(block: Block) -> SchemeEntry:
    """A question's block as its entry: elements or an answer form, a score table, the
    checks against its maximum, and its certainty."""
    entry = SchemeEntry(
        number=block.number,
        max_points=block.max_points,
        model_answer="\n".join(block.lines),
    )
    if block.max_points < 1:
        entry.notes.append(("bad_max", {"max": block.max_points}))
    if block.key:
        entry.key = block.key
        return entry
    if not block.lines:
        entry.certainty = NONE
        entry.notes.append(("empty_model", {}))
        return entry
    reading = read_lines(block.lines, block.max_points)
    entry.remarks = reading.remarks
    entry.first_n = reading.first_n
    entry.notes.extend(reading.notes)
    entry.elements = reading.elements
    if reading.per_correct is not None:
        entry.notes.append(("per_correct", {"points": reading.per_correct}))
    recognised = bool(entry.elements)
    if not entry.elements:
        recognised = read_answer(reading.plain, entry)
    if reading.table_rows:
        _read_table(reading.table_rows, entry)
        recognised = True
    _check(entry)
    if not recognised:
        entry.certainty = NONE
        entry.notes.append(("model_not_recognised", {}))
    elif any(code in _DOUBTS for code, _params in entry.notes):
        entry.certainty = LOW
    return entry


_DOUBTS = {
    "elements_total",
    "element_without_points",
    "table_max",
    "table_count",
    "table_incomplete",
    "table_not_rising",
    "keys_or_order",
    "several_quotations",
    "phrases_accepted",
    "word_limit_unread",
    "bad_max",
}


# ---------------------------------------------------------------------------
# Score tables and checks


def _read_table(rows: list[tuple[str, int]], entry: SchemeEntry) -> None:
    table: dict[int, int] = {}
    upwards: list[tuple[int, int]] = []
    for count_text, points in rows:
        words = count_text.lower().split()
        numbers = [n for n in (read_number(word) for word in words) if n is not None]
        if "alle" in words and not numbers:
            upwards.append((_answer_count(entry) or 0, points))
            continue
        if not numbers:
            continue
        if "minder" in words:
            for n in range(max(numbers), -1, -1):
                table.setdefault(n, points)
        elif "meer" in words:
            upwards.append((min(numbers), points))
        else:
            for n in numbers:
                table[n] = points
    top = max([_answer_count(entry) or 0, *table.keys(), *(n for n, _p in upwards)])
    for lowest, points in upwards:
        for n in range(lowest, top + 1):
            table.setdefault(n, points)
    entry.table = dict(sorted(table.items(), reverse=True))


def _answer_count(entry: SchemeEntry) -> int | None:
    if entry.answers:
        # Per link when an item has several targets ("a 1, 3" counts two).
        return sum(len(targets_of(value)) for _label, value in entry.answers)
    if entry.keys:
        return len(entry.keys)
    return None


def _check(entry: SchemeEntry) -> None:
    if entry.elements:
        total = sum(element.points for element in entry.elements)
        chosen = entry.first_n is not None and total > entry.max_points
        if total != entry.max_points and not chosen:
            entry.notes.append(("elements_total", {"total": total, "max": entry.max_points}))
    if entry.table:
        best = max(entry.table.values())
        if best != entry.max_points:
            entry.notes.append(("table_max", {"best": best, "max": entry.max_points}))
        top = max(entry.table)
        count = _answer_count(entry)
        if count is not None and top != count:
            entry.notes.append(("table_count", {"top": top, "count": count}))
        missing = [n for n in range(top + 1) if n not in entry.table]
        if missing:
            entry.notes.append(("table_incomplete", {"missing": missing}))
        points = [entry.table[n] for n in sorted(entry.table)]
        if any(later < earlier for earlier, later in zip(points, points[1:], strict=False)):
            entry.notes.append(("table_not_rising", {}))
