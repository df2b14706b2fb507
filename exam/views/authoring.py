"""Teachers' authoring pages: exams, the preview and the answer model (an exam's
questions and shared contexts: exam/views/authoring_questions.py).

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
from exam import authoring
from exam.access import exams_for_teacher, get_exam_for_author, get_exam_for_teacher
from exam.authoring.forms import DeleteExamForm, ExamForm, ShareForm
from exam.models import Attempt, Exam
from exam.presenters.authoring import (
    answer_model_context,
    contexts_above,
    exam_texts_of,
    preview_context,
    questions_of,
)


def add_service_errors(form, exc: ValidationError, mapping: dict[str, str | None]) -> None:
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
            add_service_errors(form, exc, {"texts": "text_1"})
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
        "report_url": reverse("teacher:exam-import-report", args=[exam.pk]),
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
            add_service_errors(form, exc, {"texts": "text_1"})
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
            add_service_errors(form, exc, {})
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
