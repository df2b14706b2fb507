"""Teachers' authoring pages: exams, their questions, the preview and the answer model.

Every page loads its exam through exam.access, so another teacher's exam
is a 404 (its answer model and preview included); pupils get a 403 from
teacher_required, anonymous visitors the login page.
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.roles import teacher_required
from exam import authoring, kinds
from exam.access import (
    exams_for_teacher,
    get_context_for_teacher,
    get_exam_for_author,
    get_exam_for_teacher,
    get_question_for_teacher,
)
from exam.authoring.forms import (
    ContextForm,
    DeleteExamForm,
    ExamForm,
    MoveForm,
    ShareForm,
    question_form_class,
)
from exam.models import Attempt, Exam, Question
from exam.presenters.authoring import (
    answer_model_context,
    contexts_above,
    exam_texts_of,
    preview_context,
    questions_of,
)


def _add_errors(form, exc: ValidationError, mapping: dict[str, str | None]) -> None:
    """Put a service's ValidationError on the form, field by field where possible."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for name, errors in exc.error_dict.items():
        target = mapping.get(name, name)
        if target not in form.fields:
            target = None
        for error in errors:
            form.add_error(target, error.messages)


# ---------------------------------------------------------------------------
# Exams


@teacher_required
def exam_list(request):
    exams = (
        exams_for_teacher(request.user)
        .select_related("author")
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("-updated_at", "pk")
    )
    return render(request, "exam/authoring_exam_list.html", {"exams": exams})


@teacher_required
def exam_create(request):
    form = ExamForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            exam = authoring.create_exam(author=request.user, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc, {"texts": "text_1"})
        else:
            messages.success(request, _("The exam is created. Add its questions."))
            return redirect("teacher:exam-detail", pk=exam.pk)
    context = {"form": form, "exam": None, "max_texts": authoring.MAX_TEXTS}
    return render(request, "exam/authoring_exam_form.html", context)


@teacher_required
def exam_detail(request, pk):
    exam = get_exam_for_teacher(request, pk)
    questions = questions_of(exam)
    above, unplaced = contexts_above(exam, [q.number for q in questions])
    for question in questions:
        question.context_above = above.get(question.number)
    context = {
        "exam": exam,
        "exam_texts": exam_texts_of(exam),
        "questions": questions,
        "unplaced_contexts": unplaced,
        "total_points": sum(q.max_points for q in questions),
        # Imported questions the teacher has not checked yet: publishing waits for them.
        "unconfirmed_count": sum(q.needs_confirmation for q in questions),
        "problems": authoring.publish_problems(exam),
        "attempt_count": Attempt.objects.filter(exam=exam).count(),
        "is_author": exam.author_id == request.user.pk,
        "co_authors": list(exam.co_authors.order_by("username")),
    }
    return render(request, "exam/authoring_exam_detail.html", context)


@teacher_required
def exam_edit(request, pk):
    exam = get_exam_for_teacher(request, pk, write=True)
    # The form works on a copy: the page header keeps showing the saved exam while
    # the form shows what was typed.
    form = ExamForm(request.POST or None, instance=copy.copy(exam))
    if request.method == "POST" and form.is_valid():
        try:
            authoring.update_exam(exam=exam, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc, {"texts": "text_1"})
        else:
            messages.success(request, _("The exam is saved."))
            return redirect("teacher:exam-detail", pk=exam.pk)
    context = {"form": form, "exam": exam, "max_texts": authoring.MAX_TEXTS}
    return render(request, "exam/authoring_exam_form.html", context)


@teacher_required
@require_POST
def exam_copy(request, pk):
    exam = get_exam_for_teacher(request, pk)
    copy = authoring.copy_exam(exam=exam, user=request.user)
    messages.success(request, _("This is your copy. It is not published yet."))
    return redirect("teacher:exam-detail", pk=copy.pk)


@teacher_required
def exam_delete(request, pk):
    exam = get_exam_for_author(request, pk)
    attempts = Attempt.objects.filter(exam=exam).count()
    form = DeleteExamForm(request.POST or None, attempts=attempts)
    if request.method == "POST" and form.is_valid():
        try:
            authoring.delete_exam(exam=exam, confirm_attempts=form.cleaned_data["seen"] or 0)
        except authoring.ExamHasAttempts:
            # An attempt was started while the page was open: ask again with the new count.
            messages.error(request, _("Pupils started new attempts meanwhile; confirm again."))
            return redirect("teacher:exam-delete", pk=exam.pk)
        messages.success(request, _("The exam “%(title)s” is deleted.") % {"title": exam.title})
        return redirect("teacher:exam-list")
    context = {
        "exam": exam,
        "form": form,
        "attempts": attempts,
        "assignments": exam.assignments.count(),
    }
    return render(request, "exam/authoring_exam_delete.html", context)


@teacher_required
@require_POST
def exam_publish(request, pk):
    exam = get_exam_for_teacher(request, pk, write=True)
    if request.POST.get("action") == "unpublish":
        authoring.unpublish_exam(exam=exam)
        messages.success(request, _("The exam is no longer published."))
        return redirect("teacher:exam-detail", pk=exam.pk)
    try:
        authoring.publish_exam(exam=exam)
    except authoring.ExamNotReady as exc:
        messages.error(
            request,
            ngettext(
                "The exam is not published: %(count)s problem is listed below.",
                "The exam is not published: %(count)s problems are listed below.",
                len(exc.problems),
            )
            % {"count": len(exc.problems)},
        )
    else:
        messages.success(request, _("The exam is published."))
    return redirect("teacher:exam-detail", pk=exam.pk)


def _remove_co_author(request, exam: Exam):
    remove = request.POST.get("remove", "")
    colleague = exam.co_authors.filter(pk=int(remove)).first() if remove.isdigit() else None
    if colleague is not None:
        authoring.remove_co_author(exam=exam, user=colleague)
        messages.success(
            request,
            _("%(name)s no longer co-authors this exam.")
            % {"name": colleague.get_full_name() or colleague.username},
        )
    return redirect("teacher:exam-share", pk=exam.pk)


@teacher_required
def exam_share(request, pk):
    exam = get_exam_for_author(request, pk)
    if request.method == "POST" and "remove" in request.POST:
        return _remove_co_author(request, exam)
    form = ShareForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            colleague = authoring.add_co_author(exam=exam, username=form.cleaned_data["username"])
        except ValidationError as exc:
            _add_errors(form, exc, {})
        else:
            messages.success(
                request,
                _("%(name)s can now see and change this exam.")
                % {"name": colleague.get_full_name() or colleague.username},
            )
            return redirect("teacher:exam-share", pk=exam.pk)
    context = {"exam": exam, "form": form, "co_authors": list(exam.co_authors.order_by("username"))}
    return render(request, "exam/authoring_exam_share.html", context)


# ---------------------------------------------------------------------------
# Questions


def _question_page(request, *, exam: Exam, form, kind: str, question=None, summary=None):
    """The question form beside the booklet, for adding (question None) or editing."""
    context = {
        "exam": exam,
        "form": form,
        "question": question,
        "kind": kind,
        "kind_label": Question.Kind(kind).label,
        "summary": summary,
        "exam_texts": exam_texts_of(exam),
        "answer_count": question.answers.filter(attempt__submitted_at__isnull=False).count()
        if question
        else 0,
    }
    return render(request, "exam/authoring_question_form.html", context)


def _question_anchor(question: Question) -> str:
    url = reverse("teacher:exam-detail", kwargs={"pk": question.exam_id})
    return f"{url}#question-{question.pk}"


def _saved_message(question: Question, applied: authoring.RegradeSummary | None) -> str:
    if applied is None:
        return _("Question %(number)s is saved.") % {"number": question.number}
    return _(
        "Question %(number)s is saved and its %(answers)s answers are "
        "regraded: %(higher)s got more points, %(lower)s fewer; "
        "%(attempts)s attempts have a new total or grade."
    ) % {
        "number": question.number,
        "answers": applied.answers,
        "higher": applied.higher,
        "lower": applied.lower,
        "attempts": applied.attempts_changed,
    }


@teacher_required
def question_create(request, pk):
    exam = get_exam_for_teacher(request, pk, write=True)
    kind = request.GET.get("kind", "")
    form_class = question_form_class(kind)
    if form_class is None:
        choices = [(value, label, kinds.get(value).hint) for value, label in Question.Kind.choices]
        return render(
            request, "exam/authoring_question_kind.html", {"exam": exam, "kinds": choices}
        )
    if not exam.exam_texts.exists():
        messages.error(request, _("Choose a text for the exam first."))
        return redirect("teacher:exam-edit", pk=exam.pk)
    form = form_class(request.POST or None, exam=exam)
    if request.method == "POST" and form.is_valid():
        try:
            question = authoring.add_question(exam=exam, data=form.question_data())
        except ValidationError as exc:
            _add_errors(form, exc, {"scoring": form.scoring_field})
        else:
            number = question.number
            messages.success(request, _("Question %(number)s is added.") % {"number": number})
            return redirect(_question_anchor(question))
    return _question_page(request, exam=exam, form=form, kind=kind)


@teacher_required
def question_edit(request, pk, question_pk):
    question = get_question_for_teacher(request, pk, question_pk)
    form_class = question_form_class(question.kind)
    form = form_class(request.POST or None, instance=question, exam=question.exam)
    summary = None
    if request.method == "POST" and form.is_valid():
        try:
            applied = authoring.update_question(
                question=question, data=form.question_data(), regrade=form.regrade_decision()
            )
        except authoring.RegradeDecisionNeeded as exc:
            summary = exc.summary
            form.ask_regrade()
        except ValidationError as exc:
            _add_errors(form, exc, {"scoring": form.scoring_field})
        else:
            messages.success(request, _saved_message(question, applied))
            return redirect(_question_anchor(question))
    return _question_page(
        request,
        exam=question.exam,
        form=form,
        kind=question.kind,
        question=question,
        summary=summary,
    )


@teacher_required
def question_delete(request, pk, question_pk):
    question = get_question_for_teacher(request, pk, question_pk)
    answers = question.answers.count()
    if request.method == "POST":
        try:
            authoring.delete_question(question=question)
        except authoring.QuestionHasAnswers:
            messages.error(request, _("This question has answers and cannot be deleted."))
            return redirect(_question_anchor(question))
        messages.success(
            request, _("Question %(number)s is deleted.") % {"number": question.number}
        )
        return redirect("teacher:exam-detail", pk=question.exam_id)
    context = {"exam": question.exam, "question": question, "answers": answers}
    return render(request, "exam/authoring_question_delete.html", context)


@teacher_required
@require_POST
def question_move(request, pk, question_pk):
    question = get_question_for_teacher(request, pk, question_pk)
    form = MoveForm(request.POST)
    if form.is_valid():
        authoring.move_question(question=question, direction=form.cleaned_data["direction"])
    return redirect(_question_anchor(question))


# ---------------------------------------------------------------------------
# Preview and answer model


@teacher_required
def exam_preview(request, pk):
    """The exam page as a pupil sees it, built by the pupil page's own presenters
    (nothing of the answer model reaches the page), with no attempt behind it."""
    exam = get_exam_for_teacher(request, pk)
    return render(request, "exam/authoring_exam_preview.html", preview_context(exam))


@teacher_required
def answer_model(request, pk):
    exam = get_exam_for_teacher(request, pk)
    return render(request, "exam/answer_model.html", answer_model_context(exam))


# ---------------------------------------------------------------------------
# Shared contexts above a group of questions


def _context_page(request, *, exam: Exam, form, shared=None):
    context = {"exam": exam, "form": form, "shared": shared}
    return render(request, "exam/authoring_context_form.html", context)


@teacher_required
def context_create(request, pk):
    exam = get_exam_for_teacher(request, pk, write=True)
    initial = {}
    for name, key in (("first_number", "first"), ("last_number", "last")):
        if request.GET.get(key, "").isdigit():
            initial[name] = int(request.GET[key])
    form = ContextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            shared = authoring.add_context(exam=exam, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc, {})
        else:
            messages.success(
                request,
                _("The shared context for questions %(first)s to %(last)s is added.")
                % {"first": shared.first_number, "last": shared.last_number},
            )
            return redirect("teacher:exam-detail", pk=exam.pk)
    return _context_page(request, exam=exam, form=form)


@teacher_required
def context_edit(request, pk, context_pk):
    shared = get_context_for_teacher(request, pk, context_pk)
    form = ContextForm(request.POST or None, instance=copy.copy(shared))
    if request.method == "POST" and form.is_valid():
        try:
            authoring.update_context(context=shared, **form.service_kwargs())
        except ValidationError as exc:
            _add_errors(form, exc, {})
        else:
            messages.success(request, _("The shared context is saved."))
            return redirect("teacher:exam-detail", pk=shared.exam.pk)
    return _context_page(request, exam=shared.exam, form=form, shared=shared)


@teacher_required
@require_POST
def context_delete(request, pk, context_pk):
    shared = get_context_for_teacher(request, pk, context_pk)
    authoring.delete_context(context=shared)
    messages.success(request, _("The shared context is deleted."))
    return redirect("teacher:exam-detail", pk=pk)
