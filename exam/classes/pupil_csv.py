"""Importing pupils from a class list in CSV: decode the upload, read and check its rows,
and create the new accounts (import_pupils).

All or nothing: a bad row raises PupilImportError listing every problem. Dutch Excel
writes semicolons and Windows-1252; both are read.
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.roles import PUPILS, TEACHERS
from accounts.services import ensure_user, is_valid_username, normalise_username
from exam.models import (
    Classroom,
    Membership,
)

User = get_user_model()

PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
USERNAME_MAX = 150
NAME_MAX = 150
MAX_IMPORT_ROWS = 1000
# Control characters other than tab and line ends: the file is not text.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
HEADER_WORDS = {"username", "gebruikersnaam", "user", "login", "inlognaam", "leerling"}


class PupilImportError(Exception):
    """The CSV file has problems; nothing was imported. `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# ---------------------------------------------------------------------------
# Importing pupils from CSV


@dataclass(frozen=True)
class PupilRow:
    line: int
    username: str
    first_name: str
    last_name: str
    password: str


@dataclass
class ImportedPupil:
    username: str
    name: str
    # Only for accounts this import created: shown once to the teacher.
    password: str = ""
    created: bool = False
    already_member: bool = False


@dataclass
class ImportResult:
    pupils: list[ImportedPupil] = field(default_factory=list)

    @property
    def created(self) -> list[ImportedPupil]:
        return [p for p in self.pupils if p.created]

    @property
    def added(self) -> list[ImportedPupil]:
        return [p for p in self.pupils if not p.created and not p.already_member]


def decode_upload(data: bytes) -> str:
    """UTF-8 (with or without the BOM Excel writes) or else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    # Dutch Excel saves "CSV" with semicolons, because the comma is the decimal sign.
    first = next((line for line in text.splitlines() if line.strip()), "")
    return ";" if first.count(";") > first.count(",") else ","


def split_name(name: str) -> tuple[str, str]:
    """'Jan de Vries' -> ('Jan', 'de Vries'): the first word is the first name."""
    parts = name.split(None, 1)
    if not parts:
        return "", ""
    return parts[0], parts[1] if len(parts) > 1 else ""


def _first_line_with_control_characters(text: str) -> int:
    """The number of the first line holding a control character (NUL, ...); 0 if none."""
    match = CONTROL_RE.search(text)
    if match is None:
        return 0
    return text.count("\n", 0, match.start()) + 1


def _csv_rows(reader, problems: list[str]):
    """(line, cells) of each row; a row the csv module cannot read ends the file as a problem.

    The csv module refuses a cell over its field limit (128 kB), which is what an
    unclosed quotation mark early in a file turns into.
    """
    start = 1
    try:
        for cells in reader:
            # A quoted cell may span lines; the row is named by the line it starts on.
            yield start, cells
            start = reader.line_num + 1
    except csv.Error:
        problems.append(
            _("line %(line)d: a cell is too long to read; perhaps a quotation mark is not closed")
            % {"line": start}
        )


def parse_pupil_csv(data: bytes) -> tuple[list[PupilRow], list[str]]:
    """Read a class list: username, name, optional password; one pupil a row.

    Returns the rows and a list of problems, one per bad row, each naming its line
    ("line 4: the username is missing"). Checks only the file itself; see
    check_pupil_rows for what depends on existing accounts.
    """
    text = decode_upload(data)
    binary_line = _first_line_with_control_characters(text)
    if binary_line:
        return [], [
            _(
                "line %(line)d: the file contains characters that are not text; "
                "save the class list as a CSV file and try again"
            )
            % {"line": binary_line}
        ]
    # newline="": the csv module itself splits rows, so a bare carriage return (old
    # Mac Excel) ends a row instead of raising an error.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[PupilRow] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    first_content = True
    for line, cells in _csv_rows(reader, problems):
        if any("\n" in c or "\r" in c for c in cells):
            problems.append(_("line %(line)d: a quotation mark is not closed") % {"line": line})
            continue
        cells = [c.strip() for c in cells]
        while cells and cells[-1] == "":
            cells.pop()
        if not cells:
            continue
        if first_content:
            first_content = False
            if cells[0].lower() in HEADER_WORDS:
                continue
        if len(rows) + len(problems) >= MAX_IMPORT_ROWS:
            problems.append(
                _("The file has more than %(max)d pupils; split it up.") % {"max": MAX_IMPORT_ROWS}
            )
            break
        if len(cells) > 3:
            problems.append(
                _("line %(line)d: too many columns (expected username, name, password)")
                % {"line": line}
            )
            continue
        username, name, password = (cells + ["", "", ""])[:3]
        username = normalise_username(username)
        row_problems = []
        if not username:
            row_problems.append(_("line %(line)d: the username is missing") % {"line": line})
        elif len(username) > USERNAME_MAX:
            row_problems.append(_("line %(line)d: the username is too long") % {"line": line})
        elif not is_valid_username(username):
            row_problems.append(
                _(
                    "line %(line)d: the username “%(username)s” contains characters that are "
                    "not allowed (use letters, digits and . _ - @ +)"
                )
                % {"line": line, "username": username}
            )
        elif username.lower() in seen:
            row_problems.append(
                _("line %(line)d: the username “%(username)s” also appears on line %(other)d")
                % {"line": line, "username": username, "other": seen[username.lower()]}
            )
        if not name:
            row_problems.append(_("line %(line)d: the name is missing") % {"line": line})
        elif len(name) > NAME_MAX:
            row_problems.append(_("line %(line)d: the name is too long") % {"line": line})
        if password:
            try:
                validate_password(password)
            except ValidationError as exc:
                row_problems.append(
                    _("line %(line)d: the password is not accepted: %(reason)s")
                    % {"line": line, "reason": " ".join(exc.messages)}
                )
        if username and username.lower() not in seen:
            seen[username.lower()] = line
        if row_problems:
            problems.extend(row_problems)
            continue
        first_name, last_name = split_name(name)
        rows.append(PupilRow(line, username, first_name, last_name, password))
    if not rows and not problems:
        problems.append(_("The file holds no pupils."))
    return rows, problems


def check_pupil_rows(rows: list[PupilRow]) -> list[str]:
    """Problems that depend on the accounts already there: a name taken by a non-pupil."""
    existing = {
        user.username: user
        for user in User.objects.filter(username__in=[r.username for r in rows]).prefetch_related(
            "groups"
        )
    }
    problems = []
    for row in rows:
        user = existing.get(row.username)
        if user is None:
            continue
        groups = {g.name for g in user.groups.all()}
        if TEACHERS in groups or user.is_staff:
            problems.append(
                _("line %(line)d: the username “%(username)s” belongs to a teacher")
                % {"line": row.line, "username": row.username}
            )
        elif PUPILS not in groups:
            problems.append(
                _("line %(line)d: the username “%(username)s” is taken by another account")
                % {"line": row.line, "username": row.username}
            )
    return problems


def generate_password() -> str:
    """A password a pupil can copy from paper: 'kq7m-x3pt-9rwa'."""
    groups = ("".join(secrets.choice(PASSWORD_ALPHABET) for _i in range(4)) for _g in range(3))
    return "-".join(groups)


@transaction.atomic
def import_pupils(*, classroom: Classroom, data: bytes) -> ImportResult:
    """Create the new pupils of a CSV class list and put everyone in the class.

    All or nothing: any bad row raises PupilImportError listing every problem and
    nothing is saved. Existing pupil accounts are added as they are (their password
    is left alone); new accounts get the password from the file or a generated one,
    returned here so the teacher sees it once.
    """
    rows, problems = parse_pupil_csv(data)
    problems += check_pupil_rows(rows)
    if problems:
        raise PupilImportError(problems)
    existing = set(
        User.objects.filter(username__in=[r.username for r in rows]).values_list(
            "username", flat=True
        )
    )
    members = set(
        Membership.objects.filter(classroom=classroom).values_list("pupil__username", flat=True)
    )
    result = ImportResult()
    for row in rows:
        name = f"{row.first_name} {row.last_name}".strip()
        if row.username in existing:
            user = User.objects.get(username=row.username)
            entry = ImportedPupil(row.username, user.get_full_name() or name)
            entry.already_member = row.username in members
        else:
            password = row.password or generate_password()
            user, _created = ensure_user(
                username=row.username,
                password=password,
                role="pupil",
                first_name=row.first_name,
                last_name=row.last_name,
            )
            entry = ImportedPupil(row.username, name, password=password, created=True)
        Membership.objects.get_or_create(classroom=classroom, pupil=user)
        result.pupils.append(entry)
    return result
