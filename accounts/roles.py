"""Roles are Django groups (pupils, teachers); admins are staff users.

Every role check in the project goes through this module.

The groups are read from the database once per session, not on every request (an
exam morning is mostly autosaves, each of which checks the pupil role): the
role-required decorators and the template context keep them in the session and read
them again after ROLES_MAX_AGE seconds. So a teacher taken out of the teachers group
keeps a teacher's pages for at most that long (or until logging out). Admin rights
(is_staff) and a deactivated account (is_active) are read with the user on every
request and take effect at once.
"""

import time
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

PUPILS = "pupils"
TEACHERS = "teachers"


ROLES_SESSION_KEY = "roles"
ROLES_MAX_AGE = 300  # seconds


def _group_names(user) -> set[str]:
    # Cached on the user object: one query per request, however often roles are asked.
    if not hasattr(user, "_role_groups"):
        user._role_groups = set(user.groups.values_list("name", flat=True))
    return user._role_groups


def remember_roles(request) -> None:
    """Give request.user its groups from the session; read and store them when the
    session has none for this user, or has them for longer than ROLES_MAX_AGE."""
    user = getattr(request, "user", None)
    if user is None or not hasattr(request, "session"):
        return
    if not user.is_authenticated or hasattr(user, "_role_groups"):
        return
    kept = request.session.get(ROLES_SESSION_KEY)
    now = time.time()
    if kept and kept.get("user") == user.pk and 0 <= now - kept.get("at", 0) < ROLES_MAX_AGE:
        user._role_groups = set(kept["groups"])
        return
    _keep_roles(request.session, user, now)


def remember_roles_at_login(sender, request, user, **kwargs):
    """Keep the roles in the login's own session write (the user_logged_in signal), so
    the first page after logging in needs no query and no session write for them."""
    if request is not None and hasattr(request, "session"):
        _keep_roles(request.session, user, time.time())


def _keep_roles(session, user, now: float) -> None:
    # Read afresh: the user object may carry groups cached from an earlier login.
    user._role_groups = groups = set(user.groups.values_list("name", flat=True))
    session[ROLES_SESSION_KEY] = {"user": user.pk, "groups": sorted(groups), "at": now}


def is_admin(user) -> bool:
    return bool(user.is_authenticated and user.is_staff)


def is_teacher(user) -> bool:
    return bool(user.is_authenticated and TEACHERS in _group_names(user))


def is_pupil(user) -> bool:
    return bool(user.is_authenticated and PUPILS in _group_names(user))


def _role_required(check):
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            remember_roles(request)
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


admin_required = _role_required(is_admin)
teacher_required = _role_required(is_teacher)
pupil_required = _role_required(is_pupil)
