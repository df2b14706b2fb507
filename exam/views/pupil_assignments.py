"""Pupils' side of classes: join a class with its code, see assignments, start one.

Mounted under "me/" with the namespace "assignments".
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from accounts import throttle
from accounts.roles import pupil_required
from exam import classes, marking, visibility
from exam.assignments import AssignmentRuleError
from exam.models import Answer
from exam.presenters.pupil_home import LOCK_MESSAGES


class JoinForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Class code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


@pupil_required
def assignment_list(request):
    rows = classes.pupil_assignment_rows(pupil=request.user)
    own_answers = Answer.objects.filter(attempt__pupil=request.user)
    return render(
        request,
        "exam/pupil_assignments.html",
        {
            "rows": rows,
            "join_form": JoinForm(),
            "calibration": marking.calibration_total(own_answers),
            "calibration_by_question": marking.calibration_by_question(own_answers),
        },
    )


def too_many_codes_message() -> str:
    return ngettext(
        "You tried too many wrong class codes. Wait %(minutes)d minute and try again, "
        "or ask your teacher for the code.",
        "You tried too many wrong class codes. Wait %(minutes)d minutes and try again, "
        "or ask your teacher for the code.",
        settings.JOIN_CODE_COOLOFF_MINUTES,
    ) % {"minutes": settings.JOIN_CODE_COOLOFF_MINUTES}


@pupil_required
def join(request):
    form = JoinForm(request.POST or None)
    key = throttle.failure_key(
        "join", user_id=request.user.pk, address=throttle.client_address(request)
    )
    if request.method == "POST" and throttle.is_blocked(
        key, limit=settings.JOIN_CODE_FAILURE_LIMIT
    ):
        # Guessing join codes: stop before even looking the code up.
        form.is_valid()
        form.add_error(None, too_many_codes_message())
        return render(request, "exam/pupil_assignments_join.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = classes.join_classroom(pupil=request.user, code=form.cleaned_data["code"])
        except classes.ClassError as exc:
            form.add_error("code", exc.message)
            throttle.record_failure(key, cooloff_minutes=settings.JOIN_CODE_COOLOFF_MINUTES)
        else:
            throttle.reset(key)
            messages.success(request, _("You joined %s.") % classroom.name)
            return redirect("assignments:list")
    status = 400 if request.method == "POST" else 200
    return render(request, "exam/pupil_assignments_join.html", {"form": form}, status=status)


@pupil_required
@require_POST
def start(request, pk):
    assignment = classes.get_assignment_for_pupil(request, pk)
    try:
        attempt = classes.start_assignment_attempt(assignment=assignment, pupil=request.user)
    except (AssignmentRuleError, classes.ClassError) as exc:
        messages.error(request, str(exc.message))
        return redirect("assignments:list")
    except visibility.ExamLocked as locked:
        messages.error(request, LOCK_MESSAGES[locked.code])
        return redirect("assignments:list")
    if attempt.submitted_at is not None:
        messages.info(request, _("Time is up: your answers were handed in."))
        return redirect("assignments:list")
    return redirect("exam:attempt-detail", pk=attempt.pk)
