"""Every write a teacher makes to an exam's questions: add, change, reorder, delete.

Views call these functions with cleaned form data; nothing here reads a request.
Decisions worth knowing (docs/teachers.md says the same for teachers):

- **Checks against the booklet** (exam/authoring/checks.py): add_question and
  update_question refuse data with problems.
- **Regrading is never silent** (exam/authoring/regrade.py): changing how a question
  with submitted answers is scored needs an explicit REGRADE or KEEP.
- **Questions with answers are not deleted**: that would silently change the
  totals of the attempts that answered them. Regrade them or copy the exam.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from exam import kinds
from exam.authoring.checks import (
    ChoiceData,
    QuestionData,
    booklet_facts,
    check_question,
    question_data,
    raise_problems,
)
from exam.authoring.regrade import (
    KEEP,
    REGRADE,
    RegradeDecisionNeeded,
    RegradeSummary,
    apply_regrade,
    plan_regrade,
    regrade_summary,
    scoring_inputs,
)
from exam.authoring.services import content_changed
from exam.models import Answer, Choice, Exam, ExamText, Question
from exam.totals import recompute_totals
from texts.models import Text

# Renumbering goes through numbers this far up, so the unique (exam, number)
# constraint, which PostgreSQL checks row by row, never sees two equal numbers.
RENUMBER_OFFSET = 10000


class QuestionHasAnswers(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(f"{count} answers")
        self.count = count


def _save_choices(question: Question, choices: Sequence[ChoiceData]) -> None:
    question.choices.all().delete()
    positions: dict[str, int] = defaultdict(int)
    rows = []
    for choice in choices:
        rows.append(
            Choice(
                question=question,
                role=choice.role,
                label=choice.label,
                content=choice.content,
                position=positions[choice.role],
            )
        )
        positions[choice.role] += 1
    for row in rows:
        row.full_clean(exclude=["question"], validate_unique=False, validate_constraints=False)
    Choice.objects.bulk_create(rows)


def _apply(question: Question, data: QuestionData) -> None:
    question.kind = data.kind
    question.text = data.text
    question.stem = data.stem.strip()
    question.max_points = data.max_points
    question.scoring = data.scoring
    question.model_answer = data.model_answer.strip()
    question.explanation = data.explanation.strip()
    question.answer_lines = data.answer_lines.strip()
    question.word_limit = data.word_limit if kinds.get(data.kind).counts_words else None


def _check_text_in_exam(exam: Exam, text: Text) -> None:
    if not ExamText.objects.filter(exam=exam, text=text).exists():
        raise ValidationError({"text": _("Choose one of the exam's texts.")})


@transaction.atomic
def add_question(*, exam: Exam, data: QuestionData) -> Question:
    """Append a question to the exam (its number is the next one)."""
    _check_text_in_exam(exam, data.text)
    raise_problems(check_question(data=data))
    # Lock the exam row: two teachers adding at once must not take the same number.
    Exam.objects.select_for_update().filter(pk=exam.pk).exists()
    last = exam.questions.aggregate(last=Max("number"))["last"] or 0
    question = Question(exam=exam, number=last + 1)
    _apply(question, data)
    question.full_clean()
    question.save()
    _save_choices(question, data.choices)
    content_changed(exam)
    return question


@transaction.atomic
def update_question(
    *, question: Question, data: QuestionData, regrade: str | None = None
) -> RegradeSummary | None:
    """Change a question. Returns the summary of a regrade that was applied, else None.

    With submitted answers and a change that can alter scores, `regrade` must be
    REGRADE or KEEP (see the module docstring); otherwise RegradeDecisionNeeded.
    """
    # Compare with the stored row, not the instance: a ModelForm has already
    # written the new values onto the instance it was given.
    stored = (
        Question.objects.select_for_update()
        .select_related("exam", "text")
        .prefetch_related("choices")
        .get(pk=question.pk)
    )
    if data.kind != stored.kind:
        raise ValidationError({"kind": _("The kind of a question cannot change.")})
    _check_text_in_exam(stored.exam, data.text)
    booklet = booklet_facts(data.text)
    raise_problems(check_question(data=data, booklet=booklet))
    applied = None
    changed = scoring_inputs(data) != scoring_inputs(question_data(stored))
    if (
        changed
        and Answer.objects.filter(question=stored, attempt__submitted_at__isnull=False).exists()
    ):
        if regrade not in (REGRADE, KEEP):
            raise RegradeDecisionNeeded(regrade_summary(question=stored, data=data))
        if regrade == REGRADE:
            applied, rescored, attempts = plan_regrade(stored, data, booklet)
            apply_regrade(rescored)
    _apply(stored, data)
    # Saving an imported question is the teacher's confirmation of it.
    stored.needs_confirmation = False
    stored.full_clean()
    stored.save()
    _save_choices(stored, data.choices)
    content_changed(stored.exam_id)
    if applied is not None:
        # After the question is saved: the totals count its new maximum.
        recompute_totals(attempts=attempts)
    return applied


@transaction.atomic
def reorder_questions(*, exam: Exam, question_ids: Sequence[int]) -> None:
    """Number the exam's questions 1..n in the given order (every question once)."""
    questions = {q.pk: q for q in Question.objects.select_for_update().filter(exam=exam)}
    if sorted(question_ids) != sorted(questions):
        raise ValidationError(_("The new order must hold every question once."))
    _renumber([questions[pk] for pk in question_ids])
    content_changed(exam)


def _renumber(ordered: list[Question]) -> None:
    # Two steps so no two rows ever share a number (see RENUMBER_OFFSET).
    for question in ordered:
        question.number += RENUMBER_OFFSET
    Question.objects.bulk_update(ordered, ["number"])
    for number, question in enumerate(ordered, start=1):
        question.number = number
    Question.objects.bulk_update(ordered, ["number"])


@transaction.atomic
def move_question(*, question: Question, direction: str) -> None:
    """Swap the question with the one above ("up") or below ("down"); no-op at the ends."""
    ordered = list(
        Question.objects.select_for_update().filter(exam_id=question.exam_id).order_by("number")
    )
    index = next(i for i, q in enumerate(ordered) if q.pk == question.pk)
    other = index - 1 if direction == "up" else index + 1
    if direction not in ("up", "down") or not 0 <= other < len(ordered):
        return
    ordered[index], ordered[other] = ordered[other], ordered[index]
    _renumber(ordered)
    content_changed(question.exam_id)


@transaction.atomic
def delete_question(*, question: Question) -> None:
    """Delete a question without answers and close the gap in the numbering."""
    count = Answer.objects.filter(question=question).count()
    if count:
        raise QuestionHasAnswers(count)
    exam = question.exam
    question.delete()
    _renumber(list(Question.objects.select_for_update().filter(exam=exam).order_by("number")))
    content_changed(exam)
