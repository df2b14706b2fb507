from django.contrib.auth.decorators import login_required
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
