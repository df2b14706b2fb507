"""Pupils' side of classes: join a class with its code, see assignments, start one.

In the "pupil" namespace (exam/urls/pupil.py), under me/.
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
from exam import access, visibility
from exam.assignments import services as assignment_services
from exam.assignments.rules import AssignmentRuleError
from exam.classes import services as class_services
from exam.presenters import classwork as presenters
from exam.presenters.pupil_home import LOCK_MESSAGES


class JoinForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Class code"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


@pupil_required
def assignment_list(request):
    context = presenters.pupil_assignments_page(request.user) | {"join_form": JoinForm()}
    return render(request, "exam/pupil_assignments.html", context)


def too_many_codes_message() -> str:
    return ngettext(
        "You tried too many wrong class codes. Wait %(minutes)d minute and try again, "
        "or ask your teacher for the code.",
        "You tried too many wrong class codes. Wait %(minutes)d minutes and try again, "
        "or ask your teacher for the code.",
        settings.JOIN_CODE_COOLOFF_MINUTES,
    ) % {"minutes": settings.JOIN_CODE_COOLOFF_MINUTES}


def _join_refused(request, form):
    """Guessing join codes: stop before even looking the code up."""
    form.is_valid()
    form.add_error(None, too_many_codes_message())
    return render(request, "exam/pupil_assignments_join.html", {"form": form}, status=429)


@pupil_required
def join(request):
    form = JoinForm(request.POST or None)
    key = throttle.failure_key(
        "join", user_id=request.user.pk, address=throttle.client_address(request)
    )
    if request.method == "POST" and throttle.is_blocked(
        key, limit=settings.JOIN_CODE_FAILURE_LIMIT
    ):
        return _join_refused(request, form)
    if request.method == "POST" and form.is_valid():
        try:
            classroom = class_services.join_classroom(
                pupil=request.user, code=form.cleaned_data["code"]
            )
        except class_services.ClassError as exc:
            form.add_error("code", exc.message)
            throttle.record_failure(key, cooloff_minutes=settings.JOIN_CODE_COOLOFF_MINUTES)
        else:
            throttle.reset(key)
            messages.success(request, _("You joined %s.") % classroom.name)
            return redirect("pupil:assignment-list")
    status = 400 if request.method == "POST" else 200
    return render(request, "exam/pupil_assignments_join.html", {"form": form}, status=status)


@pupil_required
@require_POST
def start(request, pk):
    assignment = access.get_assignment_for_pupil(request, pk)
    try:
        attempt = assignment_services.start_assignment_attempt(
            assignment=assignment, pupil=request.user
        )
    except (AssignmentRuleError, class_services.ClassError) as exc:
        messages.error(request, str(exc.message))
        return redirect("pupil:assignment-list")
    except visibility.ExamLocked as locked:
        messages.error(request, LOCK_MESSAGES[locked.code])
        return redirect("pupil:assignment-list")
    if attempt.submitted_at is not None:
        messages.info(request, _("Time is up: your answers were handed in."))
        return redirect("pupil:assignment-list")
    return redirect("pupil:attempt-detail", pk=attempt.pk)
