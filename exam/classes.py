"""Classes and assignments: every write a teacher makes to them, and who may reach them.

Services (keyword-only, one transaction when several rows change):
create_classroom, join_classroom, add_pupil, import_pupils, remove_pupil,
assign_exam, set_extra_time, set_read_aloud, release_results, start_assignment_attempt,
close_expired_attempt.

Access: a class, its assignments and its pupils' attempts belong to the class's
teacher; anyone else gets a 404 (never a 403 that would confirm they exist).
"""

from __future__ import annotations

import csv
import io
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.roles import PUPILS, TEACHERS, is_pupil
from accounts.services import ensure_user, is_valid_username, normalise_username
from exam import assignments as rules
from exam import visibility
from exam.models import (
    Assignment,
    Attempt,
    Classroom,
    Exam,
    ExtraTime,
    Membership,
    ReadAloud,
)
from exam.teacher_access import exams_for_teacher

User = get_user_model()

# No 0/O, 1/I/L: a code read aloud or copied from the board should not be misread.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 6
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
USERNAME_MAX = 150
NAME_MAX = 150
MAX_IMPORT_ROWS = 1000
# Control characters other than tab and line ends: the file is not text.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
HEADER_WORDS = {"username", "gebruikersnaam", "user", "login", "inlognaam", "leerling"}


class ClassError(Exception):
    """A request about a class that cannot be carried out; the message is for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class PupilImportError(Exception):
    """The CSV file has problems; nothing was imported. `problems` lists every one."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


# ---------------------------------------------------------------------------
# Access


def classrooms_for_teacher(user) -> QuerySet[Classroom]:
    return Classroom.objects.filter(teacher=user)


def get_classroom_for_teacher(request, pk: int) -> Classroom:
    """The request's teacher's own class, or 404."""
    return get_object_or_404(classrooms_for_teacher(request.user), pk=pk)


def assignments_for_teacher(user) -> QuerySet[Assignment]:
    return Assignment.objects.filter(classroom__teacher=user)


def get_assignment_for_teacher(request, pk: int) -> Assignment:
    """An assignment to one of the teacher's own classes, or 404."""
    return get_object_or_404(
        assignments_for_teacher(request.user).select_related("exam", "classroom"), pk=pk
    )


def assignments_for_pupil(user) -> QuerySet[Assignment]:
    return Assignment.objects.filter(classroom__memberships__pupil=user, exam__is_published=True)


def get_assignment_for_pupil(request, pk: int) -> Assignment:
    """An assignment to a class the request's pupil is in, or 404."""
    return get_object_or_404(
        assignments_for_pupil(request.user).select_related("exam", "classroom"), pk=pk
    )


def get_member_for_teacher(classroom: Classroom, pk: int):
    """A pupil in the teacher's class, or 404."""
    return get_object_or_404(User.objects.filter(memberships__classroom=classroom), pk=pk)


def get_attempt_for_teacher(assignment: Assignment, pk: int) -> Attempt:
    """An attempt made for the teacher's assignment, or 404."""
    return get_object_or_404(
        Attempt.objects.filter(assignment=assignment).select_related("pupil", "exam"), pk=pk
    )


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


# ---------------------------------------------------------------------------
# Assignments


def assignable_exams(teacher) -> QuerySet[Exam]:
    """Exams the teacher may assign: own or co-authored, published, with questions."""
    return (
        exams_for_teacher(teacher)
        .filter(is_published=True)
        .annotate(question_count=Count("questions"))
        .filter(question_count__gt=0)
        .order_by("title")
    )


def assign_exam(
    *,
    classroom: Classroom,
    exam: Exam,
    teacher,
    mode: str,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
    time_limit_minutes: int | None = None,
) -> Assignment:
    """Give the class an exam to make, in practice or exam mode.

    Exam mode needs a time limit (the server enforces it); practice mode has none.
    """
    if classroom.teacher_id != teacher.pk:
        raise ClassError(_("This is not your class."))
    if not assignable_exams(teacher).filter(pk=exam.pk).exists():
        raise ClassError(_("Only your own published exams with questions can be assigned."))
    if mode == Assignment.Mode.EXAM and not time_limit_minutes:
        raise ClassError(_("An exam-mode assignment needs a time limit."))
    if mode != Assignment.Mode.EXAM:
        time_limit_minutes = None
    assignment = Assignment(
        exam=exam,
        classroom=classroom,
        mode=mode,
        opens_at=opens_at,
        closes_at=closes_at,
        time_limit_minutes=time_limit_minutes,
        created_by=teacher,
    )
    try:
        assignment.full_clean()
    except ValidationError as exc:
        raise ClassError(" ".join(exc.messages)) from exc
    assignment.save()
    return assignment


def extra_minutes(*, assignment: Assignment, pupil) -> int:
    row = ExtraTime.objects.filter(assignment=assignment, pupil=pupil).first()
    return row.minutes if row else 0


@transaction.atomic
def set_extra_time(*, assignment: Assignment, pupil, minutes: int) -> ExtraTime | None:
    """Give one pupil extra minutes on an exam-mode assignment; 0 removes them.

    An attempt the pupil is making right now gets the new deadline at once.
    """
    if assignment.mode != Assignment.Mode.EXAM:
        raise ClassError(_("Extra time applies to exam-mode assignments only."))
    if not Membership.objects.filter(classroom=assignment.classroom_id, pupil=pupil).exists():
        raise ClassError(_("This pupil is not in the class."))
    if minutes < 0 or minutes > 600:
        raise ClassError(_("Extra time must be between 0 and 600 minutes."))
    if minutes == 0:
        ExtraTime.objects.filter(assignment=assignment, pupil=pupil).delete()
        extra = None
    else:
        extra, _created = ExtraTime.objects.update_or_create(
            assignment=assignment, pupil=pupil, defaults={"minutes": minutes}
        )
    for attempt in Attempt.objects.filter(
        assignment=assignment, pupil=pupil, submitted_at__isnull=True
    ):
        attempt.deadline_at = rules.attempt_deadline(
            assignment=assignment, started_at=attempt.started_at, extra_minutes=minutes
        )
        attempt.save(update_fields=["deadline_at"])
    return extra


def has_read_aloud(attempt: Attempt) -> bool:
    """Whether the pupil of an attempt may use read-aloud: an accommodation of the
    attempt's assignment (for the whole class or for this pupil). Free practice has
    no assignment, so no teacher has granted it there."""
    assignment = attempt.assignment
    if assignment is None:
        return False
    return assignment.read_aloud_for_all or (
        ReadAloud.objects.filter(assignment=assignment, pupil_id=attempt.pupil_id).exists()
    )


@transaction.atomic
def set_read_aloud(*, assignment: Assignment, pupil=None, enabled: bool) -> None:
    """Switch read-aloud on or off for one pupil of the class, or (pupil None) for the
    whole assignment. A pupil who is working sees the change when the page reloads."""
    if pupil is None:
        assignment.read_aloud_for_all = enabled
        assignment.save(update_fields=["read_aloud_for_all"])
        return
    if not Membership.objects.filter(classroom=assignment.classroom_id, pupil=pupil).exists():
        raise ClassError(_("This pupil is not in the class."))
    if enabled:
        ReadAloud.objects.get_or_create(assignment=assignment, pupil=pupil)
    else:
        ReadAloud.objects.filter(assignment=assignment, pupil=pupil).delete()


def release_results(*, assignment: Assignment, now: datetime | None = None) -> Assignment:
    """Let the pupils of an exam-mode assignment see their scores and the model."""
    if assignment.results_released_at is None:
        assignment.results_released_at = now or timezone.now()
        assignment.save(update_fields=["results_released_at"])
    return assignment


def withdraw_results(*, assignment: Assignment) -> Assignment:
    """Hide released results again (a release made too early)."""
    assignment.results_released_at = None
    assignment.save(update_fields=["results_released_at"])
    return assignment


# ---------------------------------------------------------------------------
# Attempts made for an assignment


@transaction.atomic
def start_assignment_attempt(*, assignment: Assignment, pupil, now: datetime | None = None):
    """The pupil's attempt for this assignment: the open one, or a new one if allowed.

    An open attempt whose deadline has passed is handed in and returned submitted.

    A new attempt is linked to the assignment and, in exam mode, gets its deadline
    (time limit + the pupil's extra time, capped by the window's close). Raises
    AssignmentRuleError when the window or the one-attempt rule forbids a start,
    ClassError when the pupil is not in the class, and ExamLocked when a practice-mode
    assignment's exam is under test somewhere (exam/visibility.py).
    """
    now = now or timezone.now()
    # Lock the pupil's row so two simultaneous starts (a double click) make one attempt.
    User.objects.select_for_update().filter(pk=pupil.pk).exists()
    if not Membership.objects.filter(classroom=assignment.classroom_id, pupil=pupil).exists():
        raise ClassError(_("You are not in this class."))
    attempts = list(Attempt.objects.filter(assignment=assignment, pupil=pupil).order_by("pk"))
    for attempt in attempts:
        if attempt.submitted_at is None:
            _check_practice_allowed(assignment=assignment, pupil=pupil)
            # An attempt whose time ran out is handed in now and returned as such:
            # the caller shows it as submitted instead of starting a new one.
            close_expired_attempt(attempt=attempt, now=now)
            return attempt
    rules.check_can_start(assignment=assignment, attempts_so_far=len(attempts), now=now)
    _check_practice_allowed(assignment=assignment, pupil=pupil)
    attempt = Attempt(pupil=pupil, exam=assignment.exam, assignment=assignment)
    attempt.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            attempt.save()
    except IntegrityError:
        # A simultaneous start won the race (the attempt_one_open constraint): resume it.
        return Attempt.objects.get(assignment=assignment, pupil=pupil, submitted_at__isnull=True)
    # started_at is set by the database save; the deadline counts from it.
    attempt.deadline_at = rules.attempt_deadline(
        assignment=assignment,
        started_at=attempt.started_at,
        extra_minutes=extra_minutes(assignment=assignment, pupil=pupil),
    )
    attempt.save(update_fields=["deadline_at"])
    return attempt


def _check_practice_allowed(*, assignment: Assignment, pupil) -> None:
    if assignment.mode == Assignment.Mode.EXAM:
        return
    refusal = visibility.practice_refusal(exam=assignment.exam, pupil=pupil, free=False)
    if refusal:
        raise visibility.ExamLocked(refusal)


def practice_assignment_for_pupil(*, exam: Exam, pupil, now: datetime | None = None):
    """The pupil's practice-mode assignment of this exam to work on now, or None.

    Starting the exam from the pupil's home continues it, so the attempt counts for
    the class: the one with an open attempt first, else the newest open one.
    """
    now = now or timezone.now()
    candidates = (
        assignments_for_pupil(pupil)
        .filter(exam=exam, mode=Assignment.Mode.PRACTICE)
        .annotate(
            has_open=Exists(
                Attempt.objects.filter(
                    assignment=OuterRef("pk"), pupil=pupil, submitted_at__isnull=True
                )
            )
        )
        .order_by("-has_open", "-created_at", "-pk")
    )
    for assignment in candidates:
        if assignment.has_open or rules.is_open(assignment=assignment, now=now):
            return assignment
    return None


def close_expired_attempt(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Hand in an attempt whose time is up; True if it was closed now.

    Called when such an attempt is opened again (the pupil closed the tab, or lost
    the connection, before the countdown ran out); the answers saved up to the
    deadline are scored as if the pupil had submitted them.
    """
    from exam.services import submit_attempt

    now = now or timezone.now()
    if attempt.submitted_at is not None or not rules.is_past_deadline(attempt=attempt, now=now):
        return False
    submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    return True


# ---------------------------------------------------------------------------
# Reading: what the teacher's and the pupil's pages list


def pupil_assignment_rows(*, pupil, now: datetime | None = None) -> list[tuple]:
    """(assignment, PupilView) for each of the pupil's assignments, newest first; 2 queries."""
    now = now or timezone.now()
    assignments = list(
        assignments_for_pupil(pupil)
        .select_related("exam", "classroom")
        .order_by("-created_at", "-pk")
    )
    attempts: dict[int, list[Attempt]] = {}
    for attempt in Attempt.objects.filter(
        pupil=pupil, assignment__in=[a.pk for a in assignments]
    ).order_by("pk"):
        attempts.setdefault(attempt.assignment_id, []).append(attempt)
    return [
        (a, rules.pupil_view(assignment=a, attempts=attempts.get(a.pk, []), now=now))
        for a in assignments
    ]


def open_assignments_for_teacher(teacher, now: datetime | None = None) -> QuerySet[Assignment]:
    """Assignments of the teacher's classes that pupils can work on now."""
    now = now or timezone.now()
    return (
        assignments_for_teacher(teacher)
        .filter(Q(opens_at__isnull=True) | Q(opens_at__lte=now))
        .filter(Q(closes_at__isnull=True) | Q(closes_at__gt=now))
        .select_related("exam", "classroom")
        .order_by("closes_at", "-created_at")
    )


# ---------------------------------------------------------------------------
# For the pupil's exam pages (what they may see: exam/visibility.py)


def check_attempt_can_save(attempt: Attempt, now: datetime | None = None) -> None:
    """Raise AssignmentRuleError when the attempt's time is up (with SAVE_GRACE)."""
    rules.check_can_save(attempt=attempt, now=now or timezone.now())
