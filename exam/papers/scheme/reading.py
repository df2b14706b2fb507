"""One pass over a question's lines: its scored elements, score-table rows, remarks
and the rules in them ("Alleen de eerste twee ...", word limits, full sentences).

Pure: only the standard library, exam.papers.types and the scheme's other modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exam.papers.scheme.answers import inline_rows
from exam.papers.scheme.patterns import (
    BARE_NUMBER,
    BULLET_LINE,
    DASH_LINE,
    DEDUCT,
    ELEMENT_INTRO,
    FIRST_N,
    FULL_SENTENCES,
    NO_TARGETS,
    PART_LINE,
    PER_CORRECT,
    PER_WORDS,
    REMARK_HEADING,
    RULE_START,
    TABLE,
    TARGET_LIST,
    TRAILING_POINTS,
    WORD_LIMIT,
    WORD_LIMIT_ALT,
    ZERO,
    read_number,
)
from exam.papers.types import SchemeElement


@dataclass
class Reading:
    """What one pass over a question's lines finds."""

    elements: list[SchemeElement] = field(default_factory=list)
    table_rows: list[tuple[str, int]] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    plain: list[str] = field(default_factory=list)  # lines left for the answer forms
    notes: list[tuple[str, dict]] = field(default_factory=list)
    first_n: int | None = None
    per_correct: int | None = None


def read_lines(lines: list[str], max_points: int) -> Reading:
    """One pass over a question's lines; points at a line's end count up to `max_points`."""
    reading = Reading()
    pending: list[str] | None = None  # an element's text waiting for its points
    pending_part = ""
    strong = False  # a bullet (strong) or a part's own text (weak)
    # A part's text as printed: when it never gets points it was no part but a row of
    # the answer ("a rust", "b verveling": words per gap).
    raw: list[str] = []
    part = ""
    in_remarks = False
    remark: list[str] = []
    rule: list[str] = []  # a rule sentence running over several lines

    def close_pending() -> None:
        nonlocal pending, strong
        if pending is not None and strong:
            text = " ".join(pending)
            reading.notes.append(("element_without_points", {"text": text}))
        elif pending is not None:
            reading.plain.extend(raw)
        pending, strong = None, False
        raw.clear()

    def close_remark() -> None:
        if remark:
            reading.remarks.append(" ".join(remark))
            remark.clear()

    def points_of(line: str) -> tuple[str, int] | None:
        match = TRAILING_POINTS.match(line)
        if match and 1 <= int(match["points"]) <= max(max_points, 1):
            return match["text"], int(match["points"])
        return None

    def add_element(text: str, points: int, label: str) -> None:
        text = ELEMENT_INTRO.sub("", text.strip()) if label else text.strip()
        reading.elements.append(SchemeElement(text=text, points=points, part=label))
        raw.clear()

    def element_or_pending(text: str, *, bullet: bool) -> None:
        """An element with its points, or the start of one whose points come later
        (a bullet's element without them is noted when it ends)."""
        nonlocal pending, strong, pending_part
        scored = points_of(text)
        if scored:
            add_element(scored[0], scored[1], part)
        else:
            pending, strong, pending_part = [text], bullet, part

    for line in lines:
        if in_remarks and TABLE.match(line):
            close_remark()
            in_remarks = False
        if in_remarks:
            start = DASH_LINE.match(line) or BULLET_LINE.match(line)
            if start or REMARK_HEADING.match(line):
                close_remark()
                heading = REMARK_HEADING.match(line)
                line = (start["rest"] if start else heading["rest"]).strip()
                if not line:
                    continue
            remark.append(line)
            continue
        heading = REMARK_HEADING.match(line)
        if heading:
            close_pending()
            in_remarks = True
            if heading["rest"]:
                remark.append(heading["rest"])
            continue
        table = TABLE.match(line)
        if table:
            close_pending()
            reading.table_rows.append((table["count"], int(table["points"])))
            continue
        per = PER_CORRECT.match(line)
        if per:
            close_pending()
            reading.per_correct = int(per["points"])
            continue
        if rule:
            rule.append(line)
            if line.endswith("."):
                reading.remarks.append(" ".join(rule))
                rule.clear()
            continue
        if _is_rule(line) or (RULE_START.match(line) and not (pending and strong)):
            close_pending()
            if line.endswith(".") or _is_rule(line):
                reading.remarks.append(line)
            else:
                rule.append(line)
            continue
        part_match = PART_LINE.match(line)
        if (
            part_match
            and part_match["label"] == _next_part(part)
            and not _is_label_value(part_match["rest"])
            and not inline_rows(line)
        ):
            close_pending()
            raw.append(line)
            part = part_match["label"]
            line = part_match["rest"]
            if not BULLET_LINE.match(line):
                element_or_pending(line, bullet=False)
                continue
        bullet = BULLET_LINE.match(line)
        if bullet:
            close_pending()
            element_or_pending(bullet["rest"].strip(), bullet=True)
            continue
        if pending is not None:
            scored = points_of(line)
            if scored:
                add_element(" ".join([*pending, scored[0]]), scored[1], pending_part)
                pending, strong = None, False
                continue
            if BARE_NUMBER.match(line) and strong and 1 <= int(line) <= max_points:
                add_element(" ".join(pending), int(line), pending_part)
                pending, strong = None, False
                continue
            pending.append(line)
            raw.append(line)
            continue
        reading.plain.append(line)
    close_pending()
    close_remark()
    if rule:
        reading.remarks.append(" ".join(rule))
    for remark_text in reading.remarks:
        _read_rule(remark_text, reading)
    return reading


def _next_part(part: str) -> str:
    return "a" if not part else chr(ord(part) + 1)


def _is_label_value(rest: str) -> bool:
    """ "a 3", "a B", "a 1, 3", "c geen": a matching row, not a part."""
    rest = rest.strip()
    return bool(TARGET_LIST.match(rest) or NO_TARGETS.match(rest))


def _is_rule(line: str) -> bool:
    """A sentence about word limits, full sentences or "alleen de eerste ..."."""
    lowered = line.lower()
    if "aftrekken" in lowered or "in mindering" in lowered or "toekennen" in lowered:
        return bool(WORD_LIMIT.search(line) or FULL_SENTENCES.search(line))
    return bool(FIRST_N.search(line) and "beoordelen" in lowered)


def _read_rule(sentence: str, reading: Reading) -> None:
    first = FIRST_N.search(sentence)
    if first and "beoordelen" in sentence.lower():
        n = read_number(first["n"])
        reading.first_n = n if n else 1
    if FULL_SENTENCES.search(sentence):
        deduct = DEDUCT.search(sentence)
        if deduct:
            reading.notes.append(("full_sentences", {"deduct": read_number(deduct["n"])}))
    limit = WORD_LIMIT.search(sentence) or (
        WORD_LIMIT_ALT.search(sentence) if "woorden" in sentence.lower() else None
    )
    if limit and not FULL_SENTENCES.search(sentence):
        words = read_number(limit["limit"])
        over = over_limit_rule(sentence)
        if over is None:
            reading.notes.append(("word_limit_unread", {"sentence": sentence}))
            return
        reading.notes.append(("word_limit", {"limit": words, "over_limit": over}))


def over_limit_rule(sentence: str) -> dict | str | None:
    """What a sentence of the scheme takes off for going over a word limit, as the exam
    file stores it: "... 1 scorepunt aftrekken" -> {"deduct": 1}, "voor elke vijf
    woorden te veel 1 scorepunt aftrekken" -> {"per_words": 5, "deduct": 1}, "0
    scorepunten toekennen" -> "zero"; None when it names no deduction."""
    per = PER_WORDS.search(sentence)
    deduct = DEDUCT.search(sentence)
    if ZERO.search(sentence):
        return "zero"
    if deduct and per:
        return {"per_words": read_number(per["n"]), "deduct": read_number(deduct["n"])}
    if deduct:
        return {"deduct": read_number(deduct["n"])}
    return None
