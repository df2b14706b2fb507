"""Creating users with a role."""

from django.contrib.auth.models import Group, User
from django.db import transaction

from accounts.roles import PUPILS, TEACHERS


@transaction.atomic
def ensure_user(
    *,
    username: str,
    password: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, bool]:
    """Create the user with its role, or reset the password of the existing one.

    role is "admin", "teacher" or "pupil". Returns (user, created).
    """
    user, created = User.objects.get_or_create(username=username)
    user.first_name = first_name or user.first_name
    user.last_name = last_name or user.last_name
    user.is_staff = role == "admin"
    user.is_superuser = role == "admin"
    user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    group_name = {"teacher": TEACHERS, "pupil": PUPILS}.get(role)
    if group_name:
        user.groups.add(Group.objects.get_or_create(name=group_name)[0])
    return user, created
