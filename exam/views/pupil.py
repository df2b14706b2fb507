"""The pupil's pages: the list of exams, the exam page, saving answers, submitting,
the result page and self-scoring.

Before an attempt is submitted, templates receive only what a pupil may see (the
presenters in exam/presenters/exam_questions.py). After submitting, the result page shows
the model too (exam/presenters/result_page.py), when exam/visibility.py allows it (not
while the exam is used as a test anywhere).
"""

from django.contrib import messages
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.roles import pupil_required
from exam import pupil_tools, selectors, services, visibility
from exam.access import (
    get_answer_in_attempt,
    get_attempt_for_pupil,
    get_attempt_with_test_lock,
    get_exam_for_pupil,
    get_question_in_own_attempt,
)
from exam.assignments import services as assignment_services
from exam.assignments.rules import AssignmentRuleError
from exam.assignments.services import close_expired_attempt
from exam.classes import services as class_services
from exam.forms import AnswerForm, SelfScoreForm, response_error_message
from exam.models import Attempt
from exam.presenters.exam_page import exam_page_html, saved_status_html
from exam.presenters.exam_questions import is_answered
from exam.presenters.pupil_home import LOCK_MESSAGES, home_page
from exam.presenters.result_page import result_page

# --- the list of exams --------------------------------------------------------------


@pupil_required
def home(request):
    """Assigned work first, then the exams to practise freely (presenters/pupil_home.py)."""
    return render(request, "exam/pupil_home.html", home_page(request.user))


@require_POST
@pupil_required
def exam_start(request, pk):
    """Free practice; an exam the pupil has as a practice-mode assignment continues
    the assignment's attempt, so it counts for the class."""
    exam = get_exam_for_pupil(request, pk)
    assignment = selectors.practice_assignment_for_pupil(exam=exam, pupil=request.user)
    try:
        if assignment is not None:
            attempt = assignment_services.start_assignment_attempt(
                assignment=assignment, pupil=request.user
            )
        else:
            attempt = services.start_attempt(pupil=request.user, exam=exam)
    except services.ExamLocked as locked:
        messages.error(request, LOCK_MESSAGES[locked.code])
        if locked.code == visibility.CLASS_TEST:
            return redirect("pupil:assignment-list")
        return redirect("pupil:home")
    except (AssignmentRuleError, class_services.ClassError) as exc:
        messages.error(request, str(exc.message))
        return redirect("pupil:home")
    return redirect("pupil:attempt-detail", pk=attempt.pk)


def _practice_locked(request, attempt: Attempt):
    """The pupil's home with the reason, when a practice attempt may not go on now
    (the attempt is read with the test lock's facts: get_attempt_with_test_lock)."""
    refusal = visibility.annotated_attempt_refusal(attempt)
    if refusal is None:
        return None
    messages.error(request, LOCK_MESSAGES[refusal])
    return redirect("pupil:home")


# --- the exam page and saving ---------------------------------------------------------


@pupil_required
def attempt_detail(request, pk):
    attempt = get_attempt_with_test_lock(request, pk)
    if close_expired_attempt(attempt=attempt):
        messages.info(request, _("Time is up: your saved answers have been handed in."))
    if attempt.is_submitted:
        return _after_submit(request, attempt)
    if locked := _practice_locked(request, attempt):
        return locked
    return HttpResponse(
        exam_page_html(request, attempt, read_aloud=selectors.has_read_aloud(attempt))
    )


def _render_status(attempt, question, state, answer, message) -> str:
    return render_to_string(
        "exam/_answer_status.html",
        {
            "attempt": attempt,
            "number": question.number,
            "state": state,
            "answer": answer,
            "message": message,
            "is_answered": is_answered(answer.response) if answer else None,
        },
    )


def _status(request, *, attempt, question, state, answer=None, message="", status=200):
    # Rendered without the request: the fragment needs no context processor (user,
    # roles, messages), and an exam morning sends it for every autosave. The usual
    # "saved" reply is built without the template engine (presenters/exam_page.py).
    if state == "saved" and not message:
        content = saved_status_html(number=question.number, answer=answer)
    else:
        content = _render_status(attempt, question, state, answer, message)
    response = HttpResponse(content, status=status)
    response["X-Answer-State"] = state
    if answer is not None:
        response["X-Answer-Revision"] = str(answer.revision)
        # static/js/exam/autosave.js marks the navigator item from this at once (the
        # out-of-band item takes its new class only when htmx settles it).
        response["X-Answer-Answered"] = "1" if is_answered(answer.response) else "0"
    return response


def _save(form: AnswerForm, *, attempt: Attempt, question) -> tuple:
    """(state, answer, message, HTTP status) of saving the posted answer."""
    if not form.is_valid():
        return "invalid", None, _("This answer cannot be saved. Please reload the page."), 422
    try:
        answer = services.save_answer(
            attempt=attempt,
            question=question,
            value=form.cleaned_data["value"],
            revision=form.cleaned_data["revision"],
            attempt_locked=True,
        )
    except services.ResponseError as error:
        return "invalid", None, response_error_message(error), 422
    except services.TimeUp:
        return "closed", None, _("Time is up: answers can no longer be changed."), 409
    except services.AttemptClosed:
        message = _("You have handed this exam in: answers can no longer be changed.")
        return "closed", None, message, 409
    except services.StaleRevision as stale:
        # A newer answer is stored already (a later save, or another computer).
        return "stale", stale.answer, "", 200
    return "saved", answer, "", 200


@require_POST
@pupil_required
def answer_save(request, pk, question_pk):
    """Save one answer; htmx gets a small status fragment, a plain form a redirect."""
    # One transaction: the attempt and question are read with the ownership check and
    # the attempt's lock in one statement, and the save does not read them again.
    with transaction.atomic():
        attempt, question = get_question_in_own_attempt(request, pk, question_pk, lock=True)
        form = AnswerForm(request.POST, question=question)
        state, answer, message, status = _save(form, attempt=attempt, question=question)
    if not request.htmx:
        if message:
            messages.error(request, message)
        if state == "closed":
            return redirect("pupil:attempt-detail", pk=attempt.pk)
        back = reverse("pupil:attempt-detail", args=[attempt.pk])
        return redirect(f"{back}#question-{question.number}")
    return _status(
        request,
        attempt=attempt,
        question=question,
        state=state,
        answer=answer,
        message=message,
        status=status,
    )


# --- submitting -----------------------------------------------------------------------


def _unanswered_numbers(attempt: Attempt) -> list[int]:
    answered = {
        question_id
        for question_id, response in attempt.answers.values_list("question_id", "response")
        if is_answered(response)
    }
    return [
        number
        for question_id, number in attempt.exam.questions.order_by("number").values_list(
            "pk", "number"
        )
        if question_id not in answered
    ]


@pupil_required
def attempt_submit(request, pk):
    """GET: the confirmation (a fragment for the modal); POST: hand the attempt in."""
    attempt = get_attempt_with_test_lock(request, pk)
    if attempt.is_submitted:
        return _after_submit(request, attempt)
    if locked := _practice_locked(request, attempt):
        return locked
    if request.method == "POST":
        try:
            # Idempotent: a second POST (double click, retry) finds it handed in already.
            attempt = services.submit_attempt(attempt=attempt)
        except services.ExamLocked as locked_exam:
            # The test began between the check above and the hand-in.
            messages.error(request, LOCK_MESSAGES[locked_exam.code])
            return redirect("pupil:home")
        return _after_submit(request, attempt)
    template = "exam/_submit_confirm.html" if request.htmx else "exam/attempt_submit.html"
    return render(
        request,
        template,
        {
            "attempt": attempt,
            "exam": attempt.exam,
            "unanswered": _unanswered_numbers(attempt),
            "flagged": pupil_tools.flagged_numbers(attempt),
            "is_exam_mode": not visibility.is_practice(attempt),
        },
    )


# --- the result page ----------------------------------------------------------------


def _after_submit(request, attempt: Attempt):
    """Where a handed-in attempt leads: its result, or (exam mode before the teacher
    releases results) the assignments list with a message."""
    if visibility.may_see_results(attempt):
        return redirect("pupil:attempt-result", pk=attempt.pk)
    messages.info(
        request,
        _("Your exam has been handed in. You will see your result when your teacher releases it."),
    )
    return redirect("pupil:assignment-list")


MODEL_LOCKED = gettext_lazy(
    "This exam is being used as a test right now, so its answer model is hidden. You "
    "will see it again once the results of the test are released."
)


@pupil_required
def attempt_result(request, pk):
    attempt = get_attempt_for_pupil(request, pk)
    if not attempt.is_submitted:
        return redirect("pupil:attempt-detail", pk=attempt.pk)
    if not visibility.may_see_results(attempt):
        return _after_submit(request, attempt)
    exam = attempt.exam
    if not visibility.may_see_model(attempt):
        # Score and grade only: per question, points would give the keys away.
        return render(
            request,
            "exam/attempt_result_locked.html",
            {"attempt": attempt, "exam": exam, "message": MODEL_LOCKED},
        )
    return render(
        request,
        "exam/attempt_result.html",
        {
            "attempt": attempt,
            "exam": exam,
            **result_page(attempt),
        },
    )


@require_POST
@pupil_required
def answer_self_score(request, pk, question_pk):
    attempt = get_attempt_for_pupil(request, pk)
    if attempt.is_submitted and not visibility.may_see_model(attempt):
        # Self-scoring needs the model; the result page says why it is hidden.
        return redirect("pupil:attempt-result", pk=attempt.pk)
    answer = get_answer_in_attempt(attempt, question_pk)
    elements = (answer.question.scoring or {}).get("elements", [])
    form = SelfScoreForm(request.POST, element_count=len(elements))
    if form.is_valid():
        try:
            services.self_score(answer=answer, elements=form.cleaned_data["elements"])
        except services.SelfScoreError as error:
            messages.error(
                request, SELF_SCORE_ERRORS.get(error.code, SELF_SCORE_ERRORS["bad-element"])
            )
        else:
            messages.success(
                request,
                _("Your self-score for question %(number)s is saved.")
                % {"number": answer.question.number},
            )
    else:
        messages.error(request, SELF_SCORE_ERRORS["bad-element"])
    return redirect(
        reverse("pupil:attempt-result", args=[attempt.pk]) + f"#question-{answer.question.number}"
    )


SELF_SCORE_ERRORS = {
    "not-submitted": gettext_lazy("Hand the exam in before you score your own answers."),
    "not-self-scored": gettext_lazy("This question is scored automatically."),
    "unanswered": gettext_lazy("You did not answer this question, so there is nothing to score."),
    "teacher-scored": gettext_lazy("Your teacher has scored this answer; that score stands."),
    "bad-element": gettext_lazy("Tick only elements of the answer model."),
}
