"""Who may reach what: every `get_<thing>_for_<role>` lookup, and the querysets of
what each role owns.

The rule: **404 for anything not yours.** Someone else's exam, class, assignment,
pupil, attempt or answer is a 404, never a 403 that would confirm it exists; a
wrong role is a 403 (accounts.roles), and so is a co-author asking for what only
the author may do (get_exam_for_author). Views never call `Model.objects.get(pk=...)`
themselves: they ask here.

- A pupil reaches published exams, their own attempts and the assignments of the
  classes they are in.
- A teacher reaches the exams they wrote or co-author, their own classes, the
  assignments to those classes and the pupils, attempts and answers made for them.

Texts keep their own getters (texts/access.py): texts never import exam.
"""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from accounts.roles import is_teacher
from exam import visibility
from exam.models import Answer, Assignment, Attempt, Classroom, Exam, Question, SharedContext

User = get_user_model()


# ---------------------------------------------------------------------------
# Pupils


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


def get_attempt_with_test_lock(request, pk: int) -> Attempt:
    """The request's pupil's own attempt, or 404, with its exam, its assignment and the
    test lock's facts (visibility.attempt_lock_annotations) in one query."""
    attempts = (
        Attempt.objects.filter(pupil=request.user)
        .select_related("exam", "assignment")
        .annotate(**visibility.attempt_lock_annotations())
    )
    return get_object_or_404(attempts, pk=pk)


def get_question_in_attempt(attempt: Attempt, pk: int) -> Question:
    """A question of the attempt's exam, or 404."""
    return get_object_or_404(Question.objects.filter(exam_id=attempt.exam_id), pk=pk)


# The attempt's columns a save reads, and the question's a save needs (no stem, no
# explanation, no model answer): one statement for the ownership check, the question
# and (with lock=True) the attempt's lock. Raw SQL: an exam morning is mostly saves,
# and building the ORM's query cost more than running it.
_OWN_QUESTION_SQL = (
    "SELECT a.id, a.pupil_id, a.exam_id, a.assignment_id, a.deadline_at, a.submitted_at,"
    " q.number AS q_number, q.kind AS q_kind, q.text_id AS q_text_id,"
    " q.word_limit AS q_word_limit, q.max_points AS q_max_points, q.scoring AS q_scoring"
    " FROM {attempt} a INNER JOIN {question} q ON q.exam_id = a.exam_id"
    " WHERE a.id = %s AND a.pupil_id = %s AND q.id = %s"
)


def get_question_in_own_attempt(
    request, pk: int, question_pk: int, *, lock: bool = False
) -> tuple[Attempt, Question]:
    """The request's pupil's own attempt and one question of its exam, or 404, in one
    query: what saving an answer needs, and only that (the attempt has only the
    columns a save reads, the question no stem or model: never save either).

    lock=True (inside a transaction): the attempt's row is locked in the same
    statement (SELECT ... FOR UPDATE OF the attempt), so a hand-in in another request
    waits for the save or the save sees it. SQLite has no row locks: its IMMEDIATE
    transactions (config/settings.py) already take the write lock at BEGIN.
    """
    sql = _OWN_QUESTION_SQL.format(
        attempt=connection.ops.quote_name(Attempt._meta.db_table),
        question=connection.ops.quote_name(Question._meta.db_table),
    )
    if lock and connection.features.has_select_for_update_of:
        sql += " FOR UPDATE OF a"
    elif lock and connection.features.has_select_for_update:
        sql += " FOR UPDATE"
    rows = list(Attempt.objects.raw(sql, [pk, request.user.pk, question_pk]))
    if not rows:
        raise Http404("No such question in your attempt.")
    attempt = rows[0]
    scoring = attempt.q_scoring
    question = Question(
        pk=question_pk,
        exam_id=attempt.exam_id,
        number=attempt.q_number,
        kind=attempt.q_kind,
        text_id=attempt.q_text_id,
        word_limit=attempt.q_word_limit,
        max_points=attempt.q_max_points,
        scoring=json.loads(scoring) if isinstance(scoring, str) else scoring,
    )
    return attempt, question


def get_answer_in_attempt(attempt: Attempt, question_pk: int) -> Answer:
    """The attempt's answer to one of its questions, or 404."""
    return get_object_or_404(
        Answer.objects.filter(attempt=attempt).select_related("question"),
        question_id=question_pk,
    )


def assignments_for_pupil(user) -> QuerySet[Assignment]:
    """Assignments of published exams to the classes the pupil is in."""
    return Assignment.objects.filter(classroom__memberships__pupil=user, exam__is_published=True)


def get_assignment_for_pupil(request, pk: int) -> Assignment:
    """An assignment to a class the request's pupil is in, or 404."""
    return get_object_or_404(
        assignments_for_pupil(request.user).select_related("exam", "classroom"), pk=pk
    )


# ---------------------------------------------------------------------------
# Teachers: exams


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


def get_context_for_teacher(request: HttpRequest, exam_pk: int, pk: int) -> SharedContext:
    """A shared context of an exam the teacher may change, else 404."""
    exam = get_exam_for_teacher(request, exam_pk, write=True)
    try:
        context = exam.contexts.get(pk=pk)
    except SharedContext.DoesNotExist as exc:
        raise Http404 from exc
    context.exam = exam
    return context


# ---------------------------------------------------------------------------
# Teachers: classes, assignments and what pupils made for them


def classrooms_for_teacher(user) -> QuerySet[Classroom]:
    return Classroom.objects.filter(teacher=user)


def get_classroom_for_teacher(request, pk: int) -> Classroom:
    """The request's teacher's own class, or 404."""
    return get_object_or_404(classrooms_for_teacher(request.user), pk=pk)


def get_member_for_teacher(classroom: Classroom, pk: int):
    """A pupil in the teacher's class, or 404."""
    return get_object_or_404(User.objects.filter(memberships__classroom=classroom), pk=pk)


def get_pupil_for_teacher(request, pk: int):
    """A pupil in any of the request's teacher's classes, or 404."""
    pupils = User.objects.filter(memberships__classroom__teacher=request.user)
    return get_object_or_404(pupils.distinct(), pk=pk)


def assignments_for_teacher(user) -> QuerySet[Assignment]:
    return Assignment.objects.filter(classroom__teacher=user)


def get_assignment_for_teacher(request, pk: int) -> Assignment:
    """An assignment to one of the teacher's own classes, or 404."""
    return get_object_or_404(
        assignments_for_teacher(request.user).select_related("exam", "classroom"), pk=pk
    )


def get_question_in_assignment(assignment: Assignment, pk: int) -> Question:
    """A question of the assignment's exam, or 404."""
    return get_object_or_404(Question.objects.filter(exam_id=assignment.exam_id), pk=pk)


def get_attempt_for_teacher(assignment: Assignment, pk: int) -> Attempt:
    """An attempt made for the teacher's assignment, or 404."""
    return get_object_or_404(
        Attempt.objects.filter(assignment=assignment).select_related("pupil", "exam"), pk=pk
    )


def answers_for_teacher(user) -> QuerySet[Answer]:
    """Answers in attempts made for assignments to the teacher's own classes."""
    return Answer.objects.filter(attempt__assignment__classroom__teacher=user)


def get_answer_for_teacher(request, pk: int) -> Answer:
    """An answer the request's teacher may score, or 404."""
    return get_object_or_404(
        answers_for_teacher(request.user).select_related(
            "question", "attempt__pupil", "attempt__assignment", "attempt__exam"
        ),
        pk=pk,
    )
