from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.reading import ReadingPreferencesForm
from accounts.services import update_reading_preferences


@login_required
def home(request):
    """Send each role to its own area; a user without a role gets an explanation."""
    user = request.user
    if roles.is_admin(user):
        return redirect("texts:text-list")
    if roles.is_teacher(user):
        return redirect("teacher:dashboard")
    if roles.is_pupil(user):
        return redirect("pupil:home")
    return render(request, "accounts/no_role.html", status=403)


def locked_out(request, response=None, credentials=None):
    """The login page again, saying the account is locked here for a while (axes).

    Called by django-axes instead of its bare 429 page. The form is unbound: validating
    it would only try the password again.
    """
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        "form": form,
        "locked_out": True,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        "next": request.POST.get("next", ""),
    }
    return render(request, "accounts/login.html", context, status=429)


@login_required
@require_POST
def reading_preferences(request):
    """Store the reading menu's choices for the user who is logged in (never anyone
    else: there is no user in the URL). Bad values are a 400, nothing is stored."""
    form = ReadingPreferencesForm(request.POST)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    preferences = update_reading_preferences(user=request.user, **form.cleaned_data)
    return JsonResponse({"reading": preferences.tokens})
