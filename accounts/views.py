from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.shortcuts import redirect, render

from accounts import roles


@login_required
def home(request):
    """Send each role to its own area; a user without a role gets an explanation."""
    user = request.user
    if roles.is_admin(user):
        return redirect("texts:text-list")
    if roles.is_teacher(user):
        return redirect("exam:teacher-dashboard")
    if roles.is_pupil(user):
        return redirect("exam:pupil-home")
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
