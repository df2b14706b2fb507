"""Every write a teacher or a pupil makes to a class: create it, join it, add and
remove pupils.

Keyword-only services; one transaction when several rows change. A request that
cannot be carried out raises ClassError with a message for the user.
"""

from __future__ import annotations

import re
import secrets

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.roles import is_pupil
from accounts.services import normalise_username
from exam.models import (
    Classroom,
    Membership,
)

User = get_user_model()

# No 0/O, 1/I/L: a code read aloud or copied from the board should not be misread.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6


class ClassError(Exception):
    """A request about a class that cannot be carried out; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------------------
# Classes and pupils


def generate_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _i in range(JOIN_CODE_LENGTH))


def normalise_join_code(code: str) -> str:
    """What a pupil types, as stored: "abc-12x " -> "ABC12X"."""
    return re.sub(r"[\s-]", "", code or "").upper()


def create_classroom(*, teacher, name: str) -> Classroom:
    """A new class of the teacher's with a unique join code."""
    for _try in range(20):
        classroom = Classroom(teacher=teacher, name=name.strip(), join_code=generate_join_code())
        try:
            classroom.full_clean()
        except ValidationError as exc:
            if "join_code" in exc.message_dict and len(exc.message_dict) == 1:
                continue  # the code is taken: draw again
            raise
        try:
            with transaction.atomic():
                classroom.save()
        except IntegrityError:
            continue  # taken between the check and the save
        return classroom
    raise ClassError(_("Could not find a free join code; please try again."))


@transaction.atomic
def join_classroom(*, pupil, code: str) -> Classroom:
    """Put the pupil in the class with this join code (joining twice changes nothing)."""
    if not is_pupil(pupil):
        raise ClassError(_("Only pupils can join a class."))
    classroom = Classroom.objects.filter(join_code=normalise_join_code(code)).first()
    if classroom is None:
        raise ClassError(_("There is no class with this code. Check the code and try again."))
    Membership.objects.get_or_create(classroom=classroom, pupil=pupil)
    return classroom


@transaction.atomic
def add_pupil(*, classroom: Classroom, username: str) -> Membership:
    """Add an existing pupil account to the class by username."""
    username = normalise_username(username)
    user = User.objects.filter(username=username).first()
    if user is None:
        raise ClassError(
            _("There is no account “%(username)s”. Import a CSV file to create new pupils.")
            % {"username": username}
        )
    if not is_pupil(user):
        raise ClassError(_("“%(username)s” is not a pupil account.") % {"username": user.username})
    membership, _created = Membership.objects.get_or_create(classroom=classroom, pupil=user)
    return membership


def remove_pupil(*, classroom: Classroom, pupil) -> None:
    """Take the pupil out of the class. Their attempts and grades are kept."""
    Membership.objects.filter(classroom=classroom, pupil=pupil).delete()
