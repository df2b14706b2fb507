"""Teachers' marking pages: the grading queue, scoring one answer, overrides, calibration.

The grading page works with plain form posts; static/js/marking.js adds the keyboard
(j/k or arrows between answers, 1-9 toggle elements, Enter saves and moves on) and
htmx swaps the saved answer's card in place.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import teacher_required
from exam import access, marking, selectors
from exam.models import Answer, Question
from exam.scoring import ResponseError, count_words, element_points, length_deduction


class GradeForm(forms.Form):
    elements = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    reason = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        max_length=marking.OVERRIDE_REASON_MAX,
        required=False,
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["elements"].choices = [
            (e["index"], e["text"]) for e in selectors.model_elements(question)
        ]


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), max_length=marking.OVERRIDE_REASON_MAX, required=True
    )

    def __init__(self, *args, max_points, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["points"] = forms.IntegerField(
            label=gettext_lazy("Points"), min_value=0, max_value=max_points
        )


def _answer_card_context(answer, elements, *, error=None, question=None):
    ticked = selectors.teacher_elements(answer)
    question = question or answer.question
    return {
        "answer": answer,
        "elements": elements,
        "ticked": ticked,
        "error": error,
        "length": _length(answer, question, ticked),
    }


def _length(answer, question, ticked) -> dict | None:
    """Word count and any deduction of an open answer or summary, as the pupil sees
    them on her result (the same rule, exam/scoring.py)."""
    if question.kind not in (Question.Kind.SUMMARY, Question.Kind.OPEN) or not answer.response:
        return None
    deduction = 0
    if question.kind == Question.Kind.SUMMARY:
        try:
            points = element_points(
                scoring=question.scoring or {}, elements=ticked, max_points=question.max_points
            )
        except ResponseError:
            points = question.max_points
        deduction = length_deduction(
            question.scoring,
            response=answer.response,
            word_limit=question.word_limit,
            points=points,
        )
    return {
        "words": count_words(answer.response),
        "word_limit": question.word_limit if question.kind == Question.Kind.SUMMARY else None,
        "deduction": deduction,
    }


@teacher_required
def grading_queue(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    questions = selectors.queue_by_question(assignment)
    return render(
        request,
        "exam/marking_queue.html",
        {"assignment": assignment, "questions": questions},
    )


@teacher_required
def grading_question(request, pk, question_pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    question = access.get_question_in_assignment(assignment, question_pk)
    include_scored = request.GET.get("all") == "1"
    answers = selectors.answers_to_mark(
        assignment=assignment, question=question, include_scored=include_scored
    )
    elements = selectors.model_elements(question)
    cards = [_answer_card_context(answer, elements, question=question) for answer in answers]
    questions = selectors.queue_by_question(assignment)
    next_question = next((q for q in questions if q.number > question.number and q.waiting), None)
    return render(
        request,
        "exam/marking_question.html",
        {
            "assignment": assignment,
            "question": question,
            "elements": elements,
            "cards": cards,
            "include_scored": include_scored,
            "questions": questions,
            "next_question": next_question,
        },
    )


def _back_to(request, answer):
    """Where to go after a score: the posted `next` if it is ours, else the queue."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    url = reverse(
        "teacher:grading-question",
        kwargs={"pk": answer.attempt.assignment_id, "question_pk": answer.question_id},
    )
    return redirect(f"{url}#answer-{answer.pk}")


@teacher_required
@require_POST
def grade_answer(request, pk):
    answer = access.get_answer_for_teacher(request, pk)
    elements = selectors.model_elements(answer.question)
    form = GradeForm(request.POST, question=answer.question)
    error = None
    if not form.is_valid():
        error = " ".join(m for ms in form.errors.values() for m in ms)
    else:
        try:
            if request.POST.get("action") == "confirm-self":
                answer = marking.confirm_self_score(answer=answer, teacher=request.user)
            else:
                answer = marking.mark_answer(
                    answer=answer,
                    elements=form.cleaned_data["elements"],
                    teacher=request.user,
                    reason=form.cleaned_data["reason"],
                )
        except marking.MarkingError as exc:
            error = exc.message
    if request.htmx:
        return render(
            request,
            "exam/_marking_answer.html",
            _answer_card_context(answer, elements, error=error),
            status=400 if error else 200,
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request,
            _("Scored: %(points)d of %(max)d points.")
            % {"points": answer.final_points, "max": answer.question.max_points},
        )
    return _back_to(request, answer)


@teacher_required
@require_POST
def answer_override(request, pk):
    answer = access.get_answer_for_teacher(request, pk)
    form = OverrideForm(request.POST, max_points=answer.question.max_points)
    if form.is_valid():
        try:
            marking.override_score(
                answer=answer,
                points=form.cleaned_data["points"],
                reason=form.cleaned_data["reason"],
                teacher=request.user,
            )
        except marking.MarkingError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Score changed."))
    else:
        messages.error(
            request,
            _("Give points from 0 to %(max)d and a short reason.")
            % {"max": answer.question.max_points},
        )
    return _back_to(request, answer)


@teacher_required
def assignment_attempt(request, pk, attempt_pk):
    """One pupil's answers in an assignment, each with its score and an override form."""
    assignment = access.get_assignment_for_teacher(request, pk)
    attempt = access.get_attempt_for_teacher(assignment, attempt_pk)
    answers = (
        Answer.objects.filter(attempt=attempt)
        .select_related("question", "scored_by")
        .order_by("question__number")
    )
    return render(
        request,
        "exam/assignment_attempt.html",
        {"assignment": assignment, "attempt": attempt, "answers": answers},
    )


@teacher_required
def calibration(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    answers = Answer.objects.filter(attempt__assignment=assignment)
    return render(
        request,
        "exam/calibration.html",
        {
            "assignment": assignment,
            "classroom": assignment.classroom,
            "total": selectors.calibration_total(answers),
            "by_pupil": selectors.calibration_by_pupil(answers),
            "by_question": selectors.calibration_by_question(answers),
        },
    )


@teacher_required
def class_calibration(request, pk):
    classroom = access.get_classroom_for_teacher(request, pk)
    answers = Answer.objects.filter(attempt__assignment__classroom=classroom)
    return render(
        request,
        "exam/calibration.html",
        {
            "assignment": None,
            "classroom": classroom,
            "total": selectors.calibration_total(answers),
            "by_pupil": selectors.calibration_by_pupil(answers),
            "by_question": None,
        },
    )
