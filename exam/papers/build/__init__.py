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

The per-kind scoring data is in `keyed` (key, keys, rows, an order, a paragraph, a
quotation, words) and `elements` (scored elements: open, summary, parts); the plain
values in and out are in `values`. This module builds the questions and the exam.
"""

from __future__ import annotations

from dataclasses import replace

from exam.papers.build.elements import ELEMENT_SCORING
from exam.papers.build.keyed import KEYED_SCORING, answer_lines_of
from exam.papers.build.values import ImportReport, Incomplete, QuestionReport, TextFacts
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
_RANK = {NONE: 0, LOW: 1, HIGH: 2}


def lower(*certainties: str) -> str:
    return min(certainties, key=lambda c: _RANK.get(c, 0))


_SCORING = {**KEYED_SCORING, **ELEMENT_SCORING}


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
