"""Roles are Django groups (pupils, teachers); admins are staff users.

Every role check in the project goes through this module.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

PUPILS = "pupils"
TEACHERS = "teachers"


def _group_names(user) -> set[str]:
    # Cached on the user object: one query per request, however often roles are asked.
    if not hasattr(user, "_role_groups"):
        user._role_groups = set(user.groups.values_list("name", flat=True))
    return user._role_groups


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
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


admin_required = _role_required(is_admin)
teacher_required = _role_required(is_teacher)
pupil_required = _role_required(is_pupil)
