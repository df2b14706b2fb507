"""A question booklet and its marking scheme -> exam data for the loader, and a report.

Pure: the plain values of exam/papers/types.py in, a dict in the format of
exam/loading.py (docs/question-kinds.md "Exam files") and an ImportReport out. Nothing
here imports Django; the scoring data is checked with exam.scoring.check_scoring.

The rules, per question:

- it keeps its printed number, its text ("Tekst n"), its kind and its choices;
- its points are the booklet's ("2p"), else the scheme's "maximumscore"; when both are
  printed and differ, the booklet's count and the report says so (`points_differ`);
- its scoring data comes from the scheme entry, per kind (see `_SCORING`); a score
  table ("indien vier of minder goed 0") is completed downwards: a count the table
  does not name scores as the nearest count above it that it does name;
- open answers, summaries and parts get the scheme's scored elements, each with a few
  keywords (`keywords_of`), "Alleen de eerste twee ..." as `asked`, the booklet's word
  limit, a deduction for going over it from the remarks ("1 scorepunt aftrekken"),
  and "in volledige zinnen" as `full_sentences`;
- a matching question whose targets are the text's paragraphs ("Noteer bij elk
  argument het nummer van de alinea", a table "argument | alinea") gets them here,
  "1" ("alinea 1") up to the text's paragraph count (TextFacts); a text without
  paragraphs makes it a fallback (`no_paragraphs`). A scheme may name a target by its
  words ("2 tegenargument" for a table's answer words);
- a question in parts (or a table of free-text rows) has its parts labelled a, b, c by
  position, as the parts kind labels them;
- a question the builder cannot complete (no scheme entry, a kind it does not know,
  scoring data that exam.scoring refuses) becomes an open question with its stem kept
  and one element "Zie het antwoordmodel" worth its points: the report marks it
  (`fallback` with the reason) and its certainty is "none".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from exam.kinds.parts import LABELS as PART_LABELS
from exam.papers.scheme.answers import split_accepted, targets_of
from exam.papers.types import (
    HIGH,
    LOW,
    NONE,
    MarkingScheme,
    PaperChoice,
    PaperQuestion,
    QuestionBooklet,
    SchemeEntry,
)
from exam.scoring import KINDS, check_scoring

FALLBACK_ELEMENT = "Zie het antwoordmodel"
FALLBACK_MODEL = "Zie het correctievoorschrift."
MAX_KEYWORDS = 3
MIN_KEYWORD_LENGTH = 4
_RANK = {NONE: 0, LOW: 1, HIGH: 2}
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
_NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5}
_DEDUCT = re.compile(r"(\d+|een|één|twee|drie)\s+scorepunt(?:en)?\s+(?:aftrekken|in mindering)")
_PER_WORDS = re.compile(r"per\s+(\d+)\s+woorden")
_ZERO = re.compile(r"(?:0|geen)\s+scorepunten\s+(?:toekennen|toe te kennen)")
_LINES = re.compile(r"(\d+)\s*(?:-|–|tot en met|t/m)\s*(\d+)|(\d+)")
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")
_QUOTES = "“”\"'‘’„"


@dataclass(frozen=True)
class TextFacts:
    """What the builder needs of one of the exam's texts (in the exam's order)."""

    position: int
    line_count: int
    paragraph_count: int
    # (line number, plain text): to find a quotation's span; empty: not checked.
    lines: tuple[tuple[int, str], ...] = ()


@dataclass
class QuestionReport:
    number: int
    kind: str
    certainty: str
    notes: list[tuple[str, dict]] = field(default_factory=list)
    fallback: bool = False


@dataclass
class ImportReport:
    questions: list[QuestionReport] = field(default_factory=list)
    # The papers' own problems ("looks_like_marking_scheme", "scheme_missing", ...).
    problems: list[tuple[str, dict]] = field(default_factory=list)

    def question(self, number: int) -> QuestionReport:
        return next(q for q in self.questions if q.number == number)

    @property
    def fallbacks(self) -> list[int]:
        return [q.number for q in self.questions if q.fallback]


class Incomplete(Exception):
    """The scheme entry does not give what the question's kind needs."""

    def __init__(self, code: str, **params) -> None:
        super().__init__(code)
        self.code, self.params = code, params


def lower(*certainties: str) -> str:
    return min(certainties, key=lambda c: _RANK.get(c, 0))


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
    """The deduction for going over the word limit, from the scheme's remarks:
    "... meer dan 25 woorden ..., 1 scorepunt aftrekken" -> {"deduct": 1}, with
    "per 5 woorden" -> {"per_words": 5, "deduct": 1}; "0 scorepunten toekennen" -> "zero"."""
    for remark in remarks:
        lowered = remark.lower()
        if "woord" not in lowered:
            continue
        if _ZERO.search(lowered):
            return "zero"
        deduct = _DEDUCT.search(lowered)
        if deduct:
            value = deduct.group(1)
            rule: dict = {"deduct": int(value) if value.isdigit() else _NUMBER_WORDS[value]}
            per = _PER_WORDS.search(lowered)
            if per:
                rule["per_words"] = int(per.group(1))
            return rule
    return None


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


_SCORING = {
    "mc": _mc,
    "multi": _multi,
    "statements": _statements,
    "matching": _matching,
    "ordering": _ordering,
    "paragraph": _paragraph,
    "citation": _citation,
    "gap": _gap,
    "open": _open,
    "summary": _summary,
    "parts": _parts,
}


def _points(q: PaperQuestion, entry: SchemeEntry | None, notes: list) -> int:
    scheme_points = entry.max_points if entry else None
    if q.points and scheme_points and q.points != scheme_points:
        notes.append(("points_differ", {"booklet": q.points, "scheme": scheme_points}))
    points = q.points or scheme_points
    if not points or points < 1:
        notes.append(("points_missing", {}))
        return 1
    return points


def _fallback(q: PaperQuestion, entry: SchemeEntry | None, points: int) -> dict:
    return {
        "kind": "open",
        "choices": [],
        "scoring": {
            "elements": [{"text": FALLBACK_ELEMENT, "points": points, "keywords": []}],
        },
        "model_answer": (entry.model_answer.strip() if entry else "") or FALLBACK_MODEL,
        "word_limit": q.word_limit,
    }


def with_paragraph_targets(q: PaperQuestion, paragraph_count: int) -> PaperQuestion:
    """A matching question whose targets are the text's paragraphs ("Noteer bij elk
    argument het nummer van de alinea") with those targets: "1" "alinea 1" up to the
    text's last paragraph. Any other question as it is."""
    if not q.paragraph_targets:
        return q
    targets = [
        PaperChoice(role="target", label=str(n), content=f"alinea {n}")
        for n in range(1, paragraph_count + 1)
    ]
    return replace(q, choices=[c for c in q.choices if c.role != "target"] + targets)


def build_question(
    q: PaperQuestion, entry: SchemeEntry | None, *, text_number: int, text: TextFacts
) -> tuple[dict, QuestionReport]:
    notes: list[tuple[str, dict]] = list(q.notes) + (list(entry.notes) if entry else [])
    q = with_paragraph_targets(q, text.paragraph_count)
    points = _points(q, entry, notes)
    certainty = lower(q.certainty, entry.certainty if entry else NONE)
    data = {
        "number": q.number,
        "text": text_number,
        "kind": q.kind,
        "stem": q.stem.strip(),
        "max_points": points,
        "choices": [{"role": c.role, "label": c.label, "content": c.content} for c in q.choices],
        "model_answer": (entry.model_answer.strip() if entry else "") or FALLBACK_MODEL,
        "answer_lines": answer_lines_of(entry.lines if entry else None),
        "word_limit": q.word_limit,
    }
    reason: tuple[str, dict] | None = None
    if q.paragraph_targets and text.paragraph_count < 2:
        # The text's paragraphs are the targets: a text without them cannot be matched.
        reason = ("no_paragraphs", {"count": text.paragraph_count})
    elif entry is None:
        reason = ("no_scheme_entry", {})
    elif q.kind not in _SCORING or q.kind not in KINDS:
        reason = ("unknown_kind", {"kind": q.kind})
    else:
        try:
            data["scoring"] = _SCORING[q.kind](q, entry, points, text)
        except Incomplete as exc:
            reason = (exc.code, exc.params)
        else:
            labels: dict[str, list[str]] = {}
            for c in q.choices:
                labels.setdefault(c.role, []).append(c.label)
            problems = check_scoring(
                kind=q.kind,
                scoring=data["scoring"],
                max_points=points,
                labels=labels,
                paragraph_count=text.paragraph_count,
                lines=text.lines,
            )
            if q.kind == "summary" and not q.word_limit:
                problems = [*problems, "no_word_limit"]
            if problems:
                codes = [getattr(p, "code", str(p)) for p in problems]
                reason = ("invalid_scoring", {"codes": codes})
    if data["answer_lines"] and not _lines_inside(data["answer_lines"], text):
        notes.append(("answer_lines_outside", {"lines": data["answer_lines"]}))
        data["answer_lines"] = ""
    kind = q.kind
    if reason is not None:
        data |= _fallback(q, entry, points)
        kind, certainty = "open", NONE
        notes.append(("fallback", {"reason": reason[0], **reason[1]}))
    if data["word_limit"] is None:
        del data["word_limit"]
    report = QuestionReport(q.number, kind, certainty, notes, fallback=reason is not None)
    return data, report


def _lines_inside(lines: str, text: TextFacts) -> bool:
    low, _, high = lines.partition("-")
    return 1 <= int(low) <= int(high or low) <= text.line_count


def build_exam_data(
    booklet: QuestionBooklet,
    scheme: MarkingScheme | None,
    *,
    texts: list[TextFacts],
    title: str,
    level: str = "havo",
) -> tuple[dict, ImportReport]:
    """The exam data for exam.loading.create_exam_from_data and the review report.

    `texts` are the exam's texts in order: the booklet's "Tekst n" is `texts[n - 1]`.
    """
    report = ImportReport(problems=list(booklet.problems))
    if scheme is None:
        report.problems.append(("scheme_missing", {}))
    else:
        report.problems += list(scheme.problems)
    entries = scheme.entries if scheme else {}
    printed = max((t.number for t in booklet.texts), default=0)
    if printed and printed != len(texts):
        report.problems.append(("text_count_differs", {"booklet": printed, "given": len(texts)}))
    questions = sorted(booklet.questions, key=lambda q: q.number)
    numbers = [q.number for q in questions]
    if numbers != list(range(1, len(numbers) + 1)):
        report.problems.append(("numbering_gap", {"numbers": numbers}))
    extra = sorted(set(entries) - set(numbers))
    if extra:
        report.problems.append(("scheme_extra_entries", {"numbers": extra}))

    built = []
    for q in questions:
        text_number = min(max(q.text_number, 1), max(len(texts), 1))
        text = texts[text_number - 1] if texts else TextFacts(1, 0, 0)
        question, question_report = build_question(
            q, entries.get(q.number), text_number=text_number, text=text
        )
        if text_number != q.text_number:
            question_report.notes.append(("text_missing", {"text": q.text_number}))
        built.append(question)
        report.questions.append(question_report)

    count = len(texts)
    data = {
        "title": title,
        "level": level,
        "n_term": "1.0",
        "texts": [f"tekst-{t.position}" for t in texts],
        "text_intros": {
            str(t.number): t.intro.strip()
            for t in booklet.texts
            if t.intro.strip() and 1 <= t.number <= count
        },
        "contexts": [
            {"first": c.first, "last": c.last, "body": c.body.strip()}
            for c in booklet.contexts
            if c.body.strip()
        ],
        "questions": built,
    }
    return data, report
