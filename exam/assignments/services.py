"""Every write a teacher makes to an assignment, and the pupil's start of one.

assign_exam, set_extra_time, set_read_aloud, release_results, withdraw_results,
start_assignment_attempt, close_expired_attempt. The rules they apply (windows,
deadlines, one attempt in exam mode) are exam/assignments/rules.py; the reads
(assignable exams, the pupil's rows) are exam/selectors.py.
"""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from exam import visibility
from exam.assignments import rules
from exam.classes.services import ClassError
from exam.models import (
    Assignment,
    Attempt,
    Classroom,
    Exam,
    ExtraTime,
    Membership,
    ReadAloud,
)
from exam.selectors import assignable_exams
from exam.services import submit_attempt

User = get_user_model()


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

    Exam mode needs a time limit (the server enforces it): without one it takes the
    exam's duration (Exam.duration_minutes, 150 for a central exam) if it has one.
    Practice mode has none.
    """
    if classroom.teacher_id != teacher.pk:
        raise ClassError(_("This is not your class."))
    if not assignable_exams(teacher).filter(pk=exam.pk).exists():
        raise ClassError(_("Only your own published exams with questions can be assigned."))
    if mode == Assignment.Mode.EXAM and not time_limit_minutes:
        time_limit_minutes = exam.duration_minutes
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


def close_expired_attempt(*, attempt: Attempt, now: datetime | None = None) -> bool:
    """Hand in an attempt whose time is up; True if it was closed now.

    Called when such an attempt is opened again (the pupil closed the tab, or lost
    the connection, before the countdown ran out); the answers saved up to the
    deadline are scored as if the pupil had submitted them.
    """

    now = now or timezone.now()
    if attempt.submitted_at is not None or not rules.is_past_deadline(attempt=attempt, now=now):
        return False
    submit_attempt(attempt=attempt)
    attempt.refresh_from_db()
    return True
