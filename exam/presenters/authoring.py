"""What the authoring pages show, read from the database and shaped for templates:
the exam's texts and questions, the preview (the pupil page's own presenters) and
the answer model (templates/exam/answer_model.html, one ModelEntry per question)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch

from exam.kinds import statements as statements_kind
from exam.kinds.matching import links_of
from exam.models import Choice, Exam, ExamText, Question, SharedContext

# The pupil page's presenters: the preview shows exactly what a pupil sees.
from exam.presenters.exam_questions import (
    StemPart,
    attach_contexts,
    choices_by_question,
    contexts_of,
    present_question,
    stem_parts,
    text_labels,
    text_pks,
)
from exam.references import line_numbers


def exam_texts_of(exam: Exam) -> list[ExamText]:
    return list(exam.exam_texts.select_related("text").order_by("position"))


def contexts_above(
    exam: Exam, numbers: list[int]
) -> tuple[dict[int, SharedContext], list[SharedContext]]:
    """Each shared context by the number of the first question it covers, and the
    contexts that cover no question (the exam has fewer questions than they name)."""
    above: dict[int, SharedContext] = {}
    unplaced: list[SharedContext] = []
    for shared in contexts_of(exam):
        covered = [n for n in numbers if shared.covers(n)]
        if covered:
            above[covered[0]] = shared
        else:
            unplaced.append(shared)
    return above, unplaced


def questions_of(exam: Exam) -> list[Question]:
    return list(
        exam.questions.select_related("text")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.order_by("role", "position")))
        .order_by("number")
    )


@dataclass
class ModelEntry:
    """One question as the answer model shows it."""

    question: Question
    options: list[Choice] = field(default_factory=list)
    statements: list[Choice] = field(default_factory=list)
    items: list[Choice] = field(default_factory=list)
    targets: list[Choice] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    table: list[tuple[int, int]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    order: list[Choice] = field(default_factory=list)
    stem_parts: list = field(default_factory=list)
    text_position: int | None = None
    # The shared context printed once above this question (the group's first).
    context: SharedContext | None = None
    context_parts: list[StemPart] = field(default_factory=list)

    @property
    def scoring(self) -> dict:
        return self.question.scoring or {}

    @property
    def answer_words(self) -> tuple[str, str]:
        """A statements question's pair of answer words (juist/onjuist by default)."""
        return statements_kind.pair_of(self.scoring)

    @property
    def line_list(self) -> str:
        return " ".join(str(n) for n in self.lines)


def model_entry(
    question: Question, positions: dict[int, int], pks: dict[int, int] | None = None
) -> ModelEntry:
    entry = ModelEntry(
        question=question,
        lines=line_numbers(question.answer_lines),
        stem_parts=stem_parts(question.stem, pks),
        text_position=positions.get(question.text_id),
    )
    for choice in question.choices.all():
        {
            Choice.Role.OPTION: entry.options,
            Choice.Role.STATEMENT: entry.statements,
            Choice.Role.ITEM: entry.items,
            Choice.Role.TARGET: entry.targets,
        }[choice.role].append(choice)
    scoring = entry.scoring
    if question.kind == Question.Kind.MULTIPLE_CHOICE and scoring.get("key"):
        entry.keys = {scoring["key"]}
    elif question.kind == Question.Kind.MULTIPLE_RESPONSE:
        entry.keys = set(scoring.get("keys", []))
    table = scoring.get("table") or {}
    entry.table = sorted(((int(k), v) for k, v in table.items()), reverse=True)
    pairs = scoring.get("pairs", {})
    answers = scoring.get("answers", {})
    targets = {t.label: t for t in entry.targets}
    for item in entry.items:
        # Several targets per item ("multiple") or one: the links as a list.
        item.links = [targets[t] for t in links_of(pairs.get(item.label)) if t in targets]
        item.pair = item.links[0] if item.links else None
    for statement in entry.statements:
        statement.answer = answers.get(statement.label, "")
    if question.kind == Question.Kind.ORDERING:
        by_label = {i.label: i for i in entry.items}
        entry.order = [by_label[lbl] for lbl in scoring.get("order", []) if lbl in by_label]
    return entry


def answer_model_context(exam: Exam) -> dict:
    exam_texts = exam_texts_of(exam)
    positions = {et.text_id: et.position for et in exam_texts}
    pks = {et.position: et.text_id for et in exam_texts}
    questions = questions_of(exam)
    entries = [model_entry(q, positions, pks) for q in questions]
    above, _unplaced = contexts_above(exam, [q.number for q in questions])
    for entry in entries:
        entry.context = above.get(entry.question.number)
        if entry.context is not None:
            entry.context_parts = stem_parts(entry.context.body, pks)
    return {
        "exam": exam,
        "exam_texts": exam_texts,
        "entries": entries,
        "total_points": sum(q.max_points for q in questions),
        "several_texts": len(exam_texts) > 1,
    }


def preview_context(exam: Exam) -> dict:
    """The exam page as a pupil sees it, with no attempt behind it and nothing of
    the answer model in it."""
    texts, labels = text_labels(exam)
    pks = text_pks(texts)
    choices = choices_by_question(exam)
    questions = [
        present_question(q, choices.get(q.pk, {}), None, labels, pks)
        for q in exam.questions.order_by("number")
    ]
    attach_contexts(questions, contexts_of(exam), pks)
    return {
        "exam": exam,
        "questions": questions,
        "texts": texts,
        "many_texts": len(texts) > 1,
        "total_points": sum(q.max_points for q in questions),
    }
