"""Scoring data for the kinds a scheme answers with a key, keys, rows, an order, a
paragraph, a quotation or accepted words (mc, multi, statements, matching, ordering,
paragraph, citation, gap); a score table ("indien vier of minder goed 0") is completed
downwards (`full_table`).

Pure: only the standard library, exam.papers.types and the scheme's `targets_of` and
`split_accepted`.
"""

from __future__ import annotations

import re

from exam.papers.build.values import Incomplete, TextFacts
from exam.papers.scheme.answers import split_accepted, targets_of
from exam.papers.types import PaperQuestion, SchemeEntry

_LINES = re.compile(r"(\d+)\s*(?:-|–|tot en met|t/m)\s*(\d+)|(\d+)")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_QUOTES = "“”\"'‘’„"


def full_table(table: dict[int, int], *, count: int, max_points: int) -> dict[str, int]:
    """A scheme's score table over 0..count: a count it leaves out scores as the
    nearest count above it that it names ("vier of minder goed 0"), or the maximum."""
    filled = {}
    for n in range(count + 1):
        above = [k for k in sorted(table) if k >= n]
        filled[str(n)] = table[above[0]] if above else max_points
    return filled


def answer_lines_of(lines: str | None) -> str:
    """ "(regels 12-14)" -> "12-14", "(regel 7)" -> "7"; "" when there are none."""
    if not lines:
        return ""
    match = _LINES.search(lines)
    if not match:
        return ""
    if match.group(3):
        return match.group(3)
    return f"{match.group(1)}-{match.group(2)}"


def _labels(question: PaperQuestion, role: str) -> list[str]:
    return [c.label for c in question.choices if c.role == role]


def _per_or_table(entry: SchemeEntry, *, count: int, best: int, points: int, per_key: str):
    if entry.table:
        return {"table": full_table(entry.table, count=count, max_points=points)}
    if best and points % best == 0:
        return {per_key: points // best}
    raise Incomplete("no_table")


def _mc(q, entry, points, text):
    key = entry.key or (entry.keys[0] if len(entry.keys) == 1 else None)
    if not key:
        raise Incomplete("no_key")
    return {"key": key.strip().upper()}


def _multi(q, entry, points, text):
    keys = [k.strip() for k in entry.keys] or ([entry.key] if entry.key else [])
    if not keys:
        raise Incomplete("no_key")
    choose = q.choose or len(keys)
    scoring = {"keys": keys, "choose": choose}
    best = min(choose, len(keys))
    return scoring | _per_or_table(
        entry, count=choose, best=best, points=points, per_key="per_correct"
    )


def _statements(q, entry, points, text):
    if not entry.answers:
        raise Incomplete("no_answers")
    values = q.statement_values or ("juist", "onjuist")
    words = {w.lower(): w for w in values}
    answers = {
        label: words.get(value.strip().lower(), value.strip()) for label, value in entry.answers
    }
    scoring: dict = {"answers": answers}
    if tuple(values) != ("juist", "onjuist"):
        scoring["values"] = list(values)
    count = len(_labels(q, "statement")) or len(answers)
    return scoring | _per_or_table(
        entry, count=count, best=count, points=points, per_key="per_correct"
    )


def _as_label(label: str, labels: list[str], contents: dict[str, str] | None = None) -> str:
    """The question's own spelling of a label the scheme prints ("a" for "A"), or the
    label of a target the scheme names by its words ("tegenargument" for "2" when the
    targets are a table's answer words)."""
    found = next((known for known in labels if known.casefold() == label.casefold()), None)
    if found is None and contents:
        found = contents.get(label.strip().casefold())
    return found or label


def _matching(q, entry, points, text):
    """One target per item, or several (the scheme lists "a 1, 3", "1 A en C", an
    item twice, "c geen"; or the booklet says an item may have more than one). A
    scheme keyed by the targets ("A 1, 3": speaker A made statements 1 and 3) is
    turned round to the items."""
    if not entry.answers:
        raise Incomplete("no_answers")
    items, targets = _labels(q, "item"), _labels(q, "target")
    words = {c.content.strip().casefold(): c.label for c in q.choices if c.role == "target"}
    rows = [(label, targets_of(value)) for label, value in entry.answers]
    keys = {label.casefold() for label, _ in rows}
    if (
        targets
        and keys <= {t.casefold() for t in targets}
        and not keys & {i.casefold() for i in items}
    ):
        rows = [(item, [target]) for target, found in rows for item in found]
    links: dict[str, list[str]] = {}
    for item, found in rows:
        chosen = links.setdefault(_as_label(item, items), [])
        for target in found:
            target = _as_label(target, targets, words)
            if target not in chosen:
                chosen.append(target)
    several = q.multiple or any(len(found) != 1 for found in links.values())
    if not several:
        pairs: dict = {item: found[0] for item, found in links.items()}
        count = len(items) or len(pairs)
        return {"pairs": pairs} | _per_or_table(
            entry, count=count, best=count, points=points, per_key="per_pair"
        )
    # Targets in their printed order, as the pupil's answer stores them.
    order = {target: index for index, target in enumerate(targets)}
    links = {
        item: sorted(found, key=lambda t: order.get(t, len(order))) for item, found in links.items()
    }
    count = sum(len(found) for found in links.values())
    return {"pairs": links, "multiple": True} | _per_or_table(
        entry, count=count, best=count, points=points, per_key="per_pair"
    )


def _ordering(q, entry, points, text):
    order = [k.strip() for k in entry.keys] or [value.strip() for _, value in entry.answers]
    if not order:
        raise Incomplete("no_order")
    scoring: dict = {"order": order}
    if entry.table:
        scoring["table"] = full_table(entry.table, count=len(order), max_points=points)
    return scoring


def _paragraph(q, entry, points, text):
    found = [int(n) for a in [*entry.accepted, entry.key or ""] for n in re.findall(r"\d+", a)]
    if not found:
        raise Incomplete("no_paragraph")
    return {"accepted": list(dict.fromkeys(found))}


def _citation(q, entry, points, text):
    quotation = (entry.quotation or "").strip().strip(_QUOTES).strip()
    if not quotation:
        raise Incomplete("no_quotation")
    first_last = bool(re.search(r"eerste\b.*\blaatste", q.stem, re.I | re.S))
    if not (first_last or _ELLIPSIS.search(quotation)):
        return {"mode": "sentence", "spans": [quotation]}
    parts = _ELLIPSIS.split(quotation, maxsplit=1)
    span = _span_between(parts[0], parts[-1], text, entry.lines) if len(parts) == 2 else None
    return {"mode": "first_last", "spans": [span or quotation]}


def _span_between(first: str, last: str, text: TextFacts, lines: str | None) -> str | None:
    """The words of the text from `first` to `last`, on the scheme's lines when given."""
    chosen = text.lines
    ranges = answer_lines_of(lines)
    if ranges:
        low, _, high = ranges.partition("-")
        low_n, high_n = int(low), int(high or low)
        chosen = tuple(line for line in text.lines if low_n - 1 <= line[0] <= high_n + 1)
    joined = " ".join(" ".join(plain.split()) for _, plain in chosen)
    start = joined.find(first.strip())
    if start < 0:
        return None
    end = joined.find(last.strip(), start + len(first.strip()))
    if end < 0:
        return None
    return joined[start : end + len(last.strip())]


def _gap(q, entry, points, text):
    """One gap: the accepted words. Several ("op de open plekken 1 en 2", or a scheme
    that lists words per gap: "1 rust / stilte", "plek 2: verveling"): the accepted
    words per gap, in order, points per gap or the scheme's table, and what is not
    accepted to the marker ("naar analogie" is the marker's call)."""
    if q.gaps or (entry.answers and not entry.accepted):
        found = [split_accepted(value) for _label, value in entry.answers]
        if not found and entry.accepted:
            found = [entry.accepted]  # one list for several gaps: not enough
        if not found:
            raise Incomplete("no_accepted")
        if q.gaps and len(found) != len(q.gaps):
            raise Incomplete("gaps_differ", gaps=len(q.gaps), found=len(found))
        count = len(found)
        scoring = {"gaps": [{"accepted": words} for words in found], "review": "marker"}
        return scoring | _per_or_table(
            entry, count=count, best=count, points=points, per_key="per_gap"
        )
    accepted = [a.strip() for a in entry.accepted if a.strip()]
    if not accepted and entry.key:
        accepted = [entry.key.strip()]
    if not accepted:
        raise Incomplete("no_accepted")
    return {"accepted": accepted}


KEYED_SCORING = {
    "mc": _mc,
    "multi": _multi,
    "statements": _statements,
    "matching": _matching,
    "ordering": _ordering,
    "paragraph": _paragraph,
    "citation": _citation,
    "gap": _gap,
}
