"""Who may see what: every pupil-facing lookup of an exam or an attempt goes here.

Someone else's attempt, or an exam that is not published, is a 404: the pupil learns
nothing about whether it exists.
"""

from django.shortcuts import get_object_or_404

from exam.models import Answer, Attempt, Exam, Question


def get_exam_for_pupil(request, pk: int) -> Exam:
    """A published exam, or 404."""
    return get_object_or_404(Exam.objects.filter(is_published=True), pk=pk)


def get_attempt_for_pupil(request, pk: int, *, with_exam: bool = True) -> Attempt:
    """The request's pupil's own attempt, or 404; with its exam unless with_exam=False
    (an autosave needs only the exam's id)."""
    attempts = Attempt.objects.filter(pupil=request.user)
    if with_exam:
        attempts = attempts.select_related("exam")
    return get_object_or_404(attempts, pk=pk)


def get_question_in_attempt(attempt: Attempt, pk: int) -> Question:
    """A question of the attempt's exam, or 404."""
    return get_object_or_404(Question.objects.filter(exam_id=attempt.exam_id), pk=pk)


def get_answer_in_attempt(attempt: Attempt, question_pk: int) -> Answer:
    """The attempt's answer to one of its questions, or 404."""
    return get_object_or_404(
        Answer.objects.filter(attempt=attempt).select_related("question"),
        question_id=question_pk,
    )
