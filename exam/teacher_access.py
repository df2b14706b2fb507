"""Which exams a teacher may reach: their own and those shared with them.

Every teacher page that loads an exam goes through get_exam_for_teacher, so an
exam of another teacher is a 404 everywhere (its answer model included), never a
403 that would confirm it exists.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from accounts.roles import is_teacher
from exam.models import Exam, Question


def exams_for_teacher(user) -> QuerySet[Exam]:
    """The exams the user wrote or co-authors (none for anyone who is not a teacher)."""
    if not is_teacher(user):
        return Exam.objects.none()
    # The co-author filter joins a many-to-many table; filtering on the pks keeps
    # the outer query free of duplicates without a DISTINCT over every column.
    shared = Exam.co_authors.through.objects.filter(user_id=user.pk).values("exam_id")
    return Exam.objects.filter(Q(author=user) | Q(pk__in=shared))


def get_exam_for_teacher(request: HttpRequest, pk: int, *, write: bool = False) -> Exam:
    """The exam with this pk if the teacher is its author or a co-author, else 404.

    `write=True` is for pages that change the exam. Authors and co-authors may
    both read and change an exam today, so it selects the same exams; callers
    say which they need so that a read-only kind of sharing can be added later
    without touching them.
    """
    del write  # see the docstring: reading and writing are the same set for now
    return get_object_or_404(exams_for_teacher(request.user), pk=pk)


def get_exam_for_author(request: HttpRequest, pk: int) -> Exam:
    """The exam if the teacher wrote it: deleting and sharing are the author's.

    A co-author can see the exam, so refusing them is a 403 (wrong role for this
    action); anyone else gets the usual 404.
    """
    exam = get_exam_for_teacher(request, pk, write=True)
    if exam.author_id != request.user.pk:
        raise PermissionDenied
    return exam


def get_question_for_teacher(request: HttpRequest, exam_pk: int, pk: int) -> Question:
    """A question of an exam the teacher may change, else 404."""
    exam = get_exam_for_teacher(request, exam_pk, write=True)
    try:
        question = exam.questions.select_related("text").get(pk=pk)
    except Question.DoesNotExist as exc:
        raise Http404 from exc
    question.exam = exam
    return question
