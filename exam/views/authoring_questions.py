"""Teachers' authoring pages for an exam's questions and the shared contexts over a
range of them: adding, editing, moving and deleting.

As on the exam's own pages (exam/views/authoring.py), every page loads its exam or
question through exam.access, so another teacher's exam is a 404; a service's
ValidationError lands on the form (add_service_errors).
"""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import teacher_required
from exam import authoring, kinds
from exam.access import get_context_for_teacher, get_exam_for_teacher, get_question_for_teacher
from exam.authoring.forms import ContextForm, MoveForm, question_form_class
from exam.models import Exam, Question
from exam.presenters.authoring import exam_texts_of
from exam.views.authoring import add_service_errors

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
            add_service_errors(form, exc, {"scoring": form.scoring_field})
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
            add_service_errors(form, exc, {"scoring": form.scoring_field})
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
            add_service_errors(form, exc, {})
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
            add_service_errors(form, exc, {})
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
