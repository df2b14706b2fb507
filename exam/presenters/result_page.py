"""The result page: each question with the pupil's answer, the points and the model.

Shown only when exam/visibility.py allows it (not while the exam is used as a test
anywhere). Rows and accepted answers come from the kind (exam/kinds/).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse

from exam import kinds, pupil_tools
from exam.forms import FEEDBACK
from exam.kinds.display import ResultRow
from exam.models import Answer, Attempt
from exam.presenters.exam_questions import (
    StemPart,
    attach_contexts,
    choices_by_question,
    contexts_of,
    line_ranges,
    stem_parts,
    text_labels,
    text_pks,
)
from exam.presenters.lengths import AnswerLength, result_length
from exam.scoring import count_words
from exam.totals import answer_points, self_points_count


@dataclass(frozen=True)
class ModelElement:
    index: int
    text: str
    points: int
    is_ticked: bool
    is_found: bool
    is_credited: bool = False  # the teacher found it in the answer


@dataclass
class ResultQuestion:
    number: int
    kind: str
    kind_label: str
    stem_parts: list[StemPart]
    text_pk: int
    text_label: str
    max_points: int
    points: int
    source: str  # "key", "teacher", "self" or "proposal": whose points count
    auto_points: int | None
    self_points: int | None
    # The teacher's points and note, once a teacher has scored the answer.
    teacher_points: int | None
    teacher_remark: str
    rows: list[ResultRow]
    row_template: str
    given_text: str
    accepted: list[str]
    model_answer: str
    explanation: str
    answer_refs: list[StemPart]
    cited: StemPart | None
    feedback: list[str]
    elements: list[ModelElement]
    self_score_url: str
    word_count: int | None = None
    # An answer in parts: each part's text, words and deduction (exam/kinds/parts.py).
    parts: list = field(default_factory=list)
    length: AnswerLength | None = None  # open kinds: words, limit, full sentences
    # The shared context of the question's group ("Lees bij de volgende vragen ..."),
    # shown above the question as on the exam page (attach_contexts).
    context_parts: list[StemPart] = field(default_factory=list)
    context_first: int = 0
    context_last: int = 0
    context_starts: bool = False

    @property
    def can_self_score(self) -> bool:
        """An answered open question the teacher has not scored: the pupil may mark it."""
        return bool(self.elements) and self.source != "teacher" and bool(self.given_text)

    @property
    def state(self) -> str:
        if self.points >= self.max_points:
            return "full"
        return "partial" if self.points > 0 else "none"


def answer_source(answer: Answer, *, self_counts: bool) -> str:
    """Whose points count for the answer (the order of exam/grades.py)."""
    if answer.scored_by_id is not None:
        return "teacher"
    if answer.final_points is not None:
        return "key"
    if self_counts and answer.self_points is not None:
        return "self"
    return "proposal"


def _model_elements(scoring: dict, answer: Answer, details: dict) -> list[ModelElement]:
    found = set(details.get("elements", []))
    # The self-assessment starts from the computer's proposal until the pupil saves one.
    ticked = set(answer.self_elements or []) if answer.self_points is not None else found
    feedback = answer.feedback or {}
    is_teacher_scored = answer.scored_by_id is not None
    credited = set(feedback.get("teacher_elements", [])) if is_teacher_scored else set()
    return [
        ModelElement(
            i,
            str(e.get("text", "")),
            int(e.get("points", 1)),
            i in ticked,
            i in found,
            i in credited,
        )
        for i, e in enumerate(scoring.get("elements", []))
        if isinstance(e, dict)
    ]


def counted_elements(answer: Answer, details: dict) -> list[int]:
    """The elements whose points count: the teacher's, the pupil's own, or found."""
    if answer.scored_by_id is not None:
        return list((answer.feedback or {}).get("teacher_elements", []))
    if answer.self_points is not None:
        return list(answer.self_elements or [])
    return list(details.get("elements", []))


# Feedback that only holds until a teacher has scored the answer.
AWAITING_TEACHER = frozenset({"to_marker"})


def result_question(
    attempt, question, answer, choices, labels, *, self_counts: bool, pks=None
) -> ResultQuestion:
    """One question of a submitted attempt as the result page shows it."""
    kind = kinds.get(question.kind)
    scoring = question.scoring or {}
    feedback = answer.feedback or {}
    details = feedback.get("details", {})
    response = answer.response
    cited = None
    if details.get("cited_lines"):
        first, last = details["cited_lines"][0], details["cited_lines"][-1]
        cited = StemPart(str(first) if first == last else f"{first}-{last}", "line", first, last)
    is_teacher_scored = answer.scored_by_id is not None
    source = answer_source(answer, self_counts=self_counts)
    return ResultQuestion(
        number=question.number,
        kind=question.kind,
        kind_label=question.get_kind_display(),
        stem_parts=stem_parts(question.stem, pks),
        text_pk=question.text_id,
        text_label=labels.get(question.text_id, ""),
        max_points=question.max_points,
        points=answer_points(answer, self_counts=self_counts),
        source=source,
        auto_points=answer.auto_points,
        self_points=answer.self_points,
        teacher_points=answer.final_points if is_teacher_scored else None,
        teacher_remark=answer.override_reason if is_teacher_scored else "",
        rows=kind.result_rows(scoring, choices, response, details),
        row_template=kind.result_row_template,
        given_text=kind.given_text(response),
        accepted=kind.accepted(scoring),
        model_answer=question.model_answer,
        explanation=question.explanation,
        answer_refs=line_ranges(question.answer_lines),
        cited=cited,
        feedback=[
            str(FEEDBACK[code])
            for code in feedback.get("codes", [])
            # "Your teacher will look" says nothing once the teacher has scored it.
            if code in FEEDBACK and not (code in AWAITING_TEACHER and is_teacher_scored)
        ],
        elements=_model_elements(scoring, answer, details),
        self_score_url=reverse("pupil:answer-self-score", args=[attempt.pk, question.pk]),
        word_count=count_words(response) if kind.counts_words and response else None,
        parts=kind.answer_parts(scoring, response, counted_elements(answer, details)),
        length=result_length(question, answer, source=source),
    )


def result_page(attempt: Attempt) -> dict:
    """The result page's questions, texts, totals and highlights (a fixed number of
    queries)."""
    exam = attempt.exam
    texts, labels = text_labels(exam)
    choices = choices_by_question(exam)
    answers = attempt.answers.select_related("question").order_by("question__number")
    self_counts = self_points_count(attempt)
    results = [
        result_question(
            attempt,
            a.question,
            a,
            choices.get(a.question_id, {}),
            labels,
            self_counts=self_counts,
            pks=text_pks(texts),
        )
        for a in answers
    ]
    attach_contexts(results, contexts_of(exam), text_pks(texts))
    return {
        "results": results,
        "texts": texts,
        "max_points": sum(r.max_points for r in results),
        "is_provisional": any(r.source in ("self", "proposal") for r in results),
        "self_counts": self_counts,
        "counts_self_scores": any(r.source == "self" for r in results),
        # The pupil's highlights, shown in the booklet but no longer editable.
        "tools_data": {
            "readOnly": True,
            "highlights": pupil_tools.highlight_data(pupil_tools.attempt_highlights(attempt)),
        },
    }
