"""Creating users with a role, and the one rule for what a username may be."""

import unicodedata

from django.contrib.auth.models import Group, User
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import ReadingPreferences
from accounts.roles import PUPILS, TEACHERS


def normalise_username(value: str) -> str:
    """A username as Django's login form reads it: trimmed and in NFKC, so an "ö" typed
    as "o" plus a combining diaeresis is the same "ö" when the pupil logs in."""
    return unicodedata.normalize("NFKC", value.strip())


def is_valid_username(value: str) -> bool:
    """Letters (accented ones too: "eöztürk"), digits and . _ - @ +: the User model's
    own rule, so every form that takes a username accepts what an account may have."""
    try:
        UnicodeUsernameValidator()(value)
    except ValidationError:
        return False
    return True


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
    user, created = User.objects.get_or_create(username=normalise_username(username))
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


def update_reading_preferences(*, user, **values) -> ReadingPreferences:
    """Store some of a user's reading preferences (only the fields given), creating
    the row on the first change. Raises ValidationError for a value out of range."""
    preferences = ReadingPreferences.objects.filter(user=user).first() or ReadingPreferences(
        user=user
    )
    for name, value in values.items():
        setattr(preferences, name, value)
    preferences.full_clean()
    preferences.save()
    return preferences
