"""Teachers' marking pages: the marking queue, marking one answer, overrides, calibration.

The marking page works with plain form posts; static/js/marking.js adds the keyboard
(j/k or arrows between answers, 1-9 toggle elements, z flips "in full sentences",
Enter saves and moves on) and htmx swaps the saved answer's card in place.
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
from exam.models import Answer
from exam.presenters import classwork as presenters


class MarkForm(forms.Form):
    elements = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())
    reason = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        max_length=marking.OVERRIDE_REASON_MAX,
        required=False,
    )
    # "In volledige zinnen": the box is posted only when ticked, so the card says
    # that it showed one (sentences_shown); without it the judgement stays as it was.
    full_sentences = forms.BooleanField(required=False)
    sentences_shown = forms.BooleanField(required=False)

    def full_sentences_judgement(self) -> bool | None:
        if not self.cleaned_data.get("sentences_shown"):
            return None
        return bool(self.cleaned_data.get("full_sentences"))

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


@teacher_required
def marking_queue(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    questions = selectors.queue_by_question(assignment)
    return render(
        request,
        "exam/marking_queue.html",
        {"assignment": assignment, "questions": questions},
    )


@teacher_required
def marking_question(request, pk, question_pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    question = access.get_question_in_assignment(assignment, question_pk)
    context = presenters.marking_question_page(
        assignment, question, include_scored=request.GET.get("all") == "1"
    )
    return render(request, "exam/marking_question.html", context)


def _back_to(request, answer):
    """Where to go after a score: the posted `next` if it is ours, else the queue."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    url = reverse(
        "teacher:marking-question",
        kwargs={"pk": answer.attempt.assignment_id, "question_pk": answer.question_id},
    )
    return redirect(f"{url}#answer-{answer.pk}")


def _mark(request, answer) -> tuple[Answer, str | None]:
    """Mark by the ticked elements, or accept the pupil's self-score: (answer, error)."""
    form = MarkForm(request.POST, question=answer.question)
    if not form.is_valid():
        return answer, " ".join(m for ms in form.errors.values() for m in ms)
    try:
        full_sentences = form.full_sentences_judgement()
        if request.POST.get("action") == "confirm-self":
            return marking.confirm_self_score(
                answer=answer, teacher=request.user, full_sentences=full_sentences
            ), None
        return marking.mark_answer(
            answer=answer,
            elements=form.cleaned_data["elements"],
            teacher=request.user,
            reason=form.cleaned_data["reason"],
            full_sentences=full_sentences,
        ), None
    except marking.MarkingError as exc:
        return answer, exc.message


@teacher_required
@require_POST
def mark_answer(request, pk):
    answer = access.get_answer_for_teacher(request, pk)
    elements = selectors.model_elements(answer.question)
    answer, error = _mark(request, answer)
    if request.htmx:
        card = presenters.answer_card(answer, elements, error=error)
        return render(request, "exam/_marking_answer.html", card, status=400 if error else 200)
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
    if not form.is_valid():
        messages.error(
            request,
            _("Give points from 0 to %(max)d and a short reason.")
            % {"max": answer.question.max_points},
        )
        return _back_to(request, answer)
    try:
        marking.override_score(answer=answer, teacher=request.user, **form.cleaned_data)
    except marking.MarkingError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Score changed."))
    return _back_to(request, answer)


@teacher_required
def assignment_attempt(request, pk, attempt_pk):
    """One pupil's answers in an assignment, each with its score and an override form."""
    assignment = access.get_assignment_for_teacher(request, pk)
    attempt = access.get_attempt_for_teacher(assignment, attempt_pk)
    return render(
        request,
        "exam/assignment_attempt.html",
        {
            "assignment": assignment,
            "attempt": attempt,
            "answers": selectors.answers_of_attempt(attempt),
        },
    )


@teacher_required
def calibration(request, pk):
    assignment = access.get_assignment_for_teacher(request, pk)
    answers = Answer.objects.filter(attempt__assignment=assignment)
    context = presenters.calibration_page(answers)
    context |= {"assignment": assignment, "classroom": assignment.classroom}
    return render(request, "exam/calibration.html", context)


@teacher_required
def class_calibration(request, pk):
    classroom = access.get_classroom_for_teacher(request, pk)
    answers = Answer.objects.filter(attempt__assignment__classroom=classroom)
    context = presenters.calibration_page(answers, by_question=False)
    context |= {"assignment": None, "classroom": classroom}
    return render(request, "exam/calibration.html", context)
