"""The exam's questions as the pupil may see them before submitting.

The presenters copy the stem, the choices and the pupil's own answer out of the models,
and never pass a question's scoring data, model answer, explanation or answer lines
along. What a kind's widget shows comes from the kind (exam/kinds/, `widget`). The
exam page that shows them, and its caches, are in exam/presenters/exam_page.py; the
authoring preview and the result page reuse these presenters.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.urls import reverse

from exam import kinds
from exam.kinds.display import Choices, Option, Row
from exam.models import Attempt, Choice, Exam, Question, SharedContext
from exam.references import find_references, parse_line_ranges
from exam.scoring import count_words


@dataclass(frozen=True)
class StemPart:
    """A piece of a stem; a reference ("regel 85-91") carries where it points."""

    text: str
    ref_kind: str = ""  # "line" or "paragraph" for a reference
    first: int = 0
    last: int = 0
    # The text it points into when the stem names one ("tekst 2, regel 4"); 0: the
    # question's own text.
    text_pk: int = 0

    @property
    def line_count(self) -> int:
        """How many lines a reference spans: "regel 27" is one, "regels 27-30" four."""
        return max(1, self.last - self.first + 1)


@dataclass
class PupilQuestion:
    """A question as the pupil may see it before submitting: no key, no model."""

    pk: int
    number: int
    kind: str
    stem_parts: list[StemPart]
    max_points: int
    text_pk: int
    text_label: str
    options: list[Option] = field(default_factory=list)
    targets: list[Option] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    choose: int = 0
    multiple: bool = False  # matching: several targets per item (a grid of checkboxes)
    paragraph_targets: bool = False  # matching: the targets are the text's paragraphs
    citation_mode: str = "sentence"
    word_limit: int | None = None
    value: str = ""
    values: list[str] = field(default_factory=list)
    first: str = ""
    last: str = ""
    revision: int = 0
    is_answered: bool = False
    # Where the form posts, relative to the exam page (see pupil_questions).
    save_path: str = ""
    # The shared context the question belongs to ("Lees bij de volgende vragen
    # eerst ..."): its body as parts (references are links), its first and last
    # question; context_starts on the group's first question.
    context_parts: list[StemPart] = field(default_factory=list)
    context_first: int = 0
    context_last: int = 0
    context_starts: bool = False

    @property
    def cache_key(self) -> str:
        """A digest of everything the question's fragment shows: equal digests render
        equal HTML, so a fragment is shared by every pupil whose question looks alike
        (on an exam morning: everyone who has not answered it yet)."""
        return hashlib.sha1(repr(self).encode()).hexdigest()

    @property
    def word_count(self) -> int:
        return count_words(self.value)

    @property
    def widget_template(self) -> str:
        return kinds.get(self.kind).widget_template


def stem_parts(stem: str, text_pks: dict[int, int] | None = None) -> list[StemPart]:
    """Split a stem around its line and paragraph references, so they become links.

    `text_pks` are the exam's texts' pks by position: "tekst 2, regel 4" links into
    text 2. A reference to a text the exam does not have stays plain text.
    """
    parts: list[StemPart] = []
    position = 0
    for ref in find_references(stem):
        if ref.start < position:
            continue
        text_pk = 0
        if ref.text is not None:
            text_pk = (text_pks or {}).get(ref.text, 0)
            if not text_pk:
                continue
        if ref.start > position:
            parts.append(StemPart(stem[position : ref.start]))
        parts.append(StemPart(stem[ref.start : ref.end], ref.kind, ref.first, ref.last, text_pk))
        position = ref.end
    if position < len(stem):
        parts.append(StemPart(stem[position:]))
    return parts


def line_ranges(answer_lines: str) -> list[StemPart]:
    """ "85-91, 95" (Question.answer_lines) as line references; unreadable gives none."""
    try:
        ranges = parse_line_ranges(answer_lines) if answer_lines.strip() else []
    except ValueError:
        return []
    return [
        StemPart(
            str(first) if first == last else f"{first}-{last}", "line", first, max(first, last)
        )
        for first, last in ranges
    ]


def is_answered(response) -> bool:
    return response not in (None, "", [], {})


class BookletText(NamedTuple):
    """A text of the exam in the booklet pane: the text, its "Tekst n" heading and
    the introduction the exam prints above it."""

    text: object
    label: str
    intro: str


def text_labels(exam: Exam) -> tuple[list[BookletText], dict[int, str]]:
    """The exam's texts in order with their "Tekst n" headings (booklet data, Dutch)
    and introductions."""
    exam_texts = list(
        # The uploaded original (raw) is the largest column and never shown here.
        exam.exam_texts.select_related("text").defer("text__raw").order_by("position")
    )
    labels = {et.text_id: str(et) for et in exam_texts}
    return [BookletText(et.text, str(et), et.intro) for et in exam_texts], labels


def text_pks(texts: list[BookletText]) -> dict[int, int]:
    """The exam's texts' pks by position (Tekst 1 is 1), for stem_parts."""
    return {position: entry.text.pk for position, entry in enumerate(texts, start=1)}


def contexts_of(exam: Exam) -> list[SharedContext]:
    """The exam's shared contexts, in order (one query)."""
    return list(SharedContext.objects.filter(exam=exam).order_by("first_number"))


def attach_contexts(
    questions: list[PupilQuestion], contexts: list[SharedContext], pks: dict[int, int]
) -> None:
    """Give every question of a shared context's group that context; the group's
    first question shown (context_starts) is where the preview prints it once."""
    for shared in contexts:
        group = [q for q in questions if shared.covers(q.number)]
        for index, question in enumerate(group):
            question.context_parts = stem_parts(shared.body, pks)
            question.context_first = shared.first_number
            question.context_last = shared.last_number
            question.context_starts = index == 0


def choices_by_question(exam: Exam) -> dict[int, Choices]:
    """Every question's choices by role, in one query."""
    rows = (
        Choice.objects.filter(question__exam=exam)
        .order_by("question_id", "role", "position", "label")
        .values_list("question_id", "role", "label", "content")
    )
    choices: dict[int, Choices] = defaultdict(lambda: defaultdict(list))
    for question_id, role, label, content in rows:
        choices[question_id][role].append(Option(label, content))
    return choices


def present_question(
    question: Question, choices: Choices, answer, labels, pks: dict[int, int] | None = None
) -> PupilQuestion:
    """A PupilQuestion with the pupil's saved answer as the widgets' initial values.

    `labels` are the exams' text headings by text pk (text_labels), `pks` the texts'
    pks by position (text_pks) for references to another text.
    """
    response = answer.response if answer else None
    fields = {
        "options": list(choices.get(Choice.Role.OPTION, [])),
        "targets": list(choices.get(Choice.Role.TARGET, [])),
    }
    fields.update(kinds.get(question.kind).widget(question.scoring or {}, choices, response))
    return PupilQuestion(
        pk=question.pk,
        number=question.number,
        kind=question.kind,
        stem_parts=stem_parts(question.stem, pks),
        max_points=question.max_points,
        text_pk=question.text_id,
        text_label=labels.get(question.text_id, ""),
        word_limit=question.word_limit,
        revision=answer.revision if answer else 0,
        is_answered=is_answered(response),
        **fields,
    )


def pupil_questions(attempt: Attempt) -> tuple[list[PupilQuestion], list[tuple]]:
    """Everything the exam page shows, in a fixed number of queries."""
    exam = attempt.exam
    texts, labels = text_labels(exam)
    choices = choices_by_question(exam)
    answers = {
        a.question_id: a
        for a in attempt.answers.only("attempt_id", "question_id", "response", "revision")
    }
    questions = exam.questions.order_by("number").only(
        "pk", "exam_id", "number", "kind", "stem", "max_points", "text_id", "word_limit", "scoring"
    )
    pks = text_pks(texts)
    presented = [
        present_question(q, choices.get(q.pk, {}), answers.get(q.pk), labels, pks)
        for q in questions
    ]
    attach_contexts(presented, contexts_of(exam), pks)
    # The save URL relative to the exam page ("answers/12/"), so the cached question
    # fragments hold nothing of one pupil's attempt.
    page_url = reverse("pupil:attempt-detail", args=[attempt.pk])
    for question in presented:
        save_url = reverse("pupil:answer-save", args=[attempt.pk, question.pk])
        question.save_path = save_url.removeprefix(page_url)
    return presented, texts
