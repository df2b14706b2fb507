"""An open answer's length as the pages show it: its words against the question's
limit, whether it is in full sentences (the computer's proposal, or the marker's
judgement once confirmed) and the points each rule took.

The rules themselves are exam/kinds/elements.py's (apply_length_rules); this module
only picks what they are applied to: the elements whose points count (the teacher's
ticks, the pupil's self-score, or the computer's proposal) and the judgement on full
sentences that counts (`Answer.feedback["teacher_full_sentences"]` once a marker
confirmed it, else the proposal in the automatic score's details). An answer in
parts shows its words and word-limit deductions per part (exam/kinds/parts.py,
answer_parts); here only its judgement on full sentences, over all parts together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exam import kinds
from exam.kinds import parts
from exam.models import Answer, Question
from exam.scoring import LengthRules, ResponseError, marked_points, sentences_judgement


@dataclass(frozen=True)
class AnswerLength:
    words: int
    word_limit: int | None
    word_deduction: int
    # None: the question does not ask for full sentences.
    in_full_sentences: bool | None
    proposed_full_sentences: bool | None
    is_confirmed: bool  # a marker confirmed (or flipped) the proposal
    sentence_deduction: int
    sentences_deduct: int  # what not writing full sentences costs these points
    # An answer in parts: its words and word limits are shown per part, not here.
    in_parts: bool = False

    @property
    def is_over_limit(self) -> bool:
        return bool(self.word_limit) and self.words > self.word_limit

    @property
    def sentences_required(self) -> bool:
        return self.in_full_sentences is not None


def proposed_full_sentences(answer: Answer) -> bool:
    """The computer's proposal on full sentences for a stored answer."""
    return sentences_judgement(answer.feedback, answer.response)[0]


def _is_measured(question: Question, answer: Answer) -> bool:
    """Whether the answer has a length to show: a non-empty answer to an open kind
    that counts words, or an answer in parts to a question asking for full sentences."""
    response = answer.response
    if question.kind == parts.KIND.code:
        asks = isinstance((question.scoring or {}).get("full_sentences"), dict)
        return asks and isinstance(response, dict) and bool(response)
    return kinds.get(question.kind).counts_words and isinstance(response, str) and bool(response)


def _rules(
    question: Question, answer: Answer, elements: list[int], in_full_sentences: bool
) -> LengthRules:
    scoring = question.scoring or {}
    if question.kind == parts.KIND.code:
        return parts.length_rules(
            scoring,
            elements=elements,
            response=answer.response,
            max_points=question.max_points,
            in_full_sentences=in_full_sentences,
        )
    return marked_points(
        scoring,
        elements=elements,
        max_points=question.max_points,
        response=answer.response,
        word_limit=question.word_limit,
        in_full_sentences=in_full_sentences,
    )


def answer_length(
    question: Question,
    answer: Answer,
    *,
    elements: Sequence[int],
    in_full_sentences: bool | None = None,
    deductions_apply: bool = True,
) -> AnswerLength | None:
    """The length of an answer to an open kind whose `elements` count. None for other
    kinds and unanswered questions (and for an answer in parts when the question does
    not ask for full sentences). `in_full_sentences` None: the marker's judgement,
    else the proposal. `deductions_apply=False` for a score a teacher set by hand."""
    if not _is_measured(question, answer):
        return None
    scoring = question.scoring or {}
    proposal, confirmed = sentences_judgement(answer.feedback, answer.response)
    is_confirmed = in_full_sentences is None and confirmed is not None
    if in_full_sentences is None:
        in_full_sentences = proposal if confirmed is None else confirmed
    try:
        rules = _rules(question, answer, list(elements), in_full_sentences)
    except ResponseError:
        # Ticks of elements the model no longer has: count the words only.
        rules = _rules(question, answer, [], in_full_sentences)
    required = rules.in_full_sentences is not None
    sentences_rule = scoring.get("full_sentences")
    return AnswerLength(
        words=rules.words,
        word_limit=rules.word_limit,
        word_deduction=rules.word_deduction if deductions_apply else 0,
        in_full_sentences=rules.in_full_sentences,
        proposed_full_sentences=proposal if required else None,
        is_confirmed=required and is_confirmed,
        sentence_deduction=rules.sentence_deduction if deductions_apply else 0,
        # What not being in full sentences costs these ticks: the rule's deduction,
        # but never more than the points left after the word limit.
        sentences_deduct=min(
            int(sentences_rule.get("deduct", 1)), rules.points + rules.sentence_deduction
        )
        if isinstance(sentences_rule, dict)
        else 0,
        in_parts=question.kind == parts.KIND.code,
    )


def result_length(question: Question, answer: Answer, *, source: str) -> AnswerLength | None:
    """The length on the pupil's result page, for the points that count (`source`:
    "teacher", "self", else the computer's proposal)."""
    feedback = answer.feedback or {}
    if source == "teacher":
        return answer_length(
            question,
            answer,
            elements=feedback.get("teacher_elements") or [],
            deductions_apply=not feedback.get("overridden"),
        )
    if source == "self":
        return answer_length(
            question,
            answer,
            elements=answer.self_elements or [],
            in_full_sentences=proposed_full_sentences(answer),
        )
    details = feedback.get("details") or {}
    return answer_length(
        question,
        answer,
        elements=details.get("elements") or [],
        in_full_sentences=proposed_full_sentences(answer),
    )
