"""The rules of an assignment: when it is open, when an attempt ends, what a pupil may see.

Pure-ish: the functions take model instances (or anything with the same attributes)
and plain values, and never query the database, so the rules read in one place and
are tested with tables. `now` is always passed in; callers use timezone.now().

Practice mode: the window (if any) limits when an attempt may start; attempts repeat;
there is no time limit; score and model are shown as soon as the pupil submits.

Exam mode: one attempt; it starts only inside the window; it ends at
    deadline = min(started + time limit + extra minutes, closes_at)
(either part may be missing; without both there is no deadline); the server refuses
saves after the deadline plus a short grace for saves already on their way (see
SAVE_GRACE); results and the model are shown only after the teacher releases them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils.translation import gettext_lazy as _

PRACTICE = "practice"
EXAM = "exam"

# A save that left the pupil's browser just before the deadline may arrive a moment
# after it (slow network, a busy server on an exam morning). Thirty seconds covers a
# request in flight without giving anyone meaningful extra time to write.
SAVE_GRACE = timedelta(seconds=30)


class AssignmentRuleError(Exception):
    """A rule of the assignment forbids what was asked; the message is for the pupil."""

    def __init__(self, message, *, code: str) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code


# Status of an assignment for one pupil, as the pupil's list shows it.
STATUS_NOT_OPEN = "not_open"
STATUS_OPEN = "open"
STATUS_IN_PROGRESS = "in_progress"
STATUS_SUBMITTED = "submitted"
STATUS_RESULTS = "results"
STATUS_MISSED = "missed"
STATUS_CLOSED = "closed"

STATUS_LABELS = {
    STATUS_NOT_OPEN: _("not open yet"),
    STATUS_OPEN: _("open"),
    STATUS_IN_PROGRESS: _("in progress"),
    STATUS_SUBMITTED: _("submitted, waiting for results"),
    STATUS_RESULTS: _("results available"),
    STATUS_MISSED: _("missed"),
    STATUS_CLOSED: _("closed"),
}


def is_exam_mode(assignment) -> bool:
    return assignment.mode == EXAM


def has_opened(*, assignment, now: datetime) -> bool:
    return assignment.opens_at is None or now >= assignment.opens_at


def has_closed(*, assignment, now: datetime) -> bool:
    return assignment.closes_at is not None and now >= assignment.closes_at


def is_open(*, assignment, now: datetime) -> bool:
    """Whether a pupil may start an attempt now, as far as the window goes.

    Example: opens 9:00, closes 10:00 -> open at 9:00 and 9:59, not at 8:59 or 10:00.
    """
    return has_opened(assignment=assignment, now=now) and not has_closed(
        assignment=assignment, now=now
    )


def attempt_deadline(
    *, assignment, started_at: datetime, extra_minutes: int = 0
) -> datetime | None:
    """When an attempt started at started_at ends; None when nothing limits it.

    Example: exam mode, 50 minutes, +30 extra, started 9:00, closes 11:00 -> 10:20;
    the same with closes 10:00 -> 10:00 (the window wins). Practice mode -> None:
    practice has no time limit and an attempt begun may be finished later.
    """
    if not is_exam_mode(assignment):
        return None
    candidates = []
    if assignment.time_limit_minutes:
        candidates.append(
            started_at + timedelta(minutes=assignment.time_limit_minutes + (extra_minutes or 0))
        )
    if assignment.closes_at is not None:
        candidates.append(assignment.closes_at)
    return min(candidates) if candidates else None


def may_start_another(*, assignment, attempts_so_far: int) -> bool:
    """Practice: as often as the pupil likes. Exam: one attempt only."""
    return not is_exam_mode(assignment) or attempts_so_far == 0


def check_can_start(*, assignment, attempts_so_far: int, now: datetime) -> None:
    """Raise AssignmentRuleError when the pupil may not start a new attempt now."""
    if not has_opened(assignment=assignment, now=now):
        raise AssignmentRuleError(_("This assignment is not open yet."), code="not_open")
    if has_closed(assignment=assignment, now=now):
        raise AssignmentRuleError(_("This assignment has closed."), code="closed")
    if not may_start_another(assignment=assignment, attempts_so_far=attempts_so_far):
        raise AssignmentRuleError(
            _("You have already made this exam; it can be made only once."), code="once"
        )


def is_past_deadline(*, attempt, now: datetime) -> bool:
    """Whether the attempt's time is up (no grace: this is what the pupil sees)."""
    return attempt.deadline_at is not None and now >= attempt.deadline_at


def check_can_save(*, attempt, now: datetime) -> None:
    """Raise AssignmentRuleError when an answer may no longer be saved.

    Saves are accepted up to SAVE_GRACE after the deadline, for requests in flight.
    Example: deadline 10:00:00 -> a save at 10:00:29 is kept, one at 10:00:31 refused.
    """
    if attempt.submitted_at is not None:
        raise AssignmentRuleError(_("This attempt has already been handed in."), code="submitted")
    if attempt.deadline_at is not None and now > attempt.deadline_at + SAVE_GRACE:
        raise AssignmentRuleError(
            _("Time is up: answers can no longer be changed."), code="time_up"
        )


def may_see_results(*, assignment, attempt) -> bool:
    """Whether the pupil may see score, grade and answer model of this attempt.

    Without an assignment (free practice) or in practice mode: once submitted.
    In exam mode: once submitted and the teacher has released the results.
    """
    if attempt.submitted_at is None:
        return False
    if assignment is None or not is_exam_mode(assignment):
        return True
    return assignment.results_released_at is not None


@dataclass(frozen=True)
class PupilView:
    """What a pupil's assignment list needs to know about one assignment."""

    status: str
    deadline_at: datetime | None
    may_start: bool
    open_attempt_id: int | None
    last_submitted_attempt_id: int | None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])


def pupil_view(*, assignment, attempts: list, now: datetime) -> PupilView:
    """The status of an assignment for one pupil, given that pupil's attempts on it.

    Example: exam mode, open, no attempts -> status "open", may_start True;
    one submitted attempt, not released -> "submitted", may_start False.
    """
    open_attempt = next((a for a in attempts if a.submitted_at is None), None)
    submitted = [a for a in attempts if a.submitted_at is not None]
    last_submitted = max(submitted, key=lambda a: a.submitted_at) if submitted else None
    may_start = (
        open_attempt is None
        and is_open(assignment=assignment, now=now)
        and may_start_another(assignment=assignment, attempts_so_far=len(attempts))
    )
    deadline = None
    if open_attempt is not None and not is_past_deadline(attempt=open_attempt, now=now):
        status = STATUS_IN_PROGRESS
        deadline = open_attempt.deadline_at
    elif last_submitted is not None:
        seen = may_see_results(assignment=assignment, attempt=last_submitted)
        status = STATUS_RESULTS if seen else STATUS_SUBMITTED
    elif open_attempt is not None:
        # Its time ran out: it counts as handed in and is closed when next opened.
        status = STATUS_SUBMITTED
    elif not has_opened(assignment=assignment, now=now):
        status = STATUS_NOT_OPEN
        deadline = assignment.closes_at
    elif has_closed(assignment=assignment, now=now):
        status = STATUS_MISSED if is_exam_mode(assignment) else STATUS_CLOSED
    else:
        status = STATUS_OPEN
        deadline = assignment.closes_at
    return PupilView(
        status=status,
        deadline_at=deadline,
        may_start=may_start,
        open_attempt_id=open_attempt.pk if open_attempt is not None else None,
        last_submitted_attempt_id=last_submitted.pk if last_submitted is not None else None,
    )
