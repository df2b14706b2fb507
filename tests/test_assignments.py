"""The rules of an assignment (exam/assignments/rules.py): tables, no database."""

from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest

from exam.assignments import rules
from exam.assignments.rules import AssignmentRuleError


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, 5, 12, hour, minute, second, tzinfo=UTC)


def assignment(mode="exam", opens=None, closes=None, limit=None, released=None):
    return SimpleNamespace(
        mode=mode,
        opens_at=opens,
        closes_at=closes,
        time_limit_minutes=limit,
        results_released_at=released,
    )


def attempt(pk=1, started=None, deadline=None, submitted=None):
    return SimpleNamespace(
        pk=pk, started_at=started or at(9), deadline_at=deadline, submitted_at=submitted
    )


@pytest.mark.parametrize(
    ("opens", "closes", "now", "expected"),
    [
        (None, None, at(9), True),
        (at(9), at(10), at(8, 59), False),
        (at(9), at(10), at(9), True),
        (at(9), at(10), at(9, 59), True),
        (at(9), at(10), at(10), False),
        (None, at(10), at(7), True),
        (at(9), None, at(23), True),
    ],
)
def test_an_assignment_is_open_from_its_opening_until_its_closing(opens, closes, now, expected):
    assert rules.is_open(assignment=assignment(opens=opens, closes=closes), now=now) is expected


@pytest.mark.parametrize(
    ("mode", "limit", "extra", "closes", "expected"),
    [
        # 50 minutes from 9:00, nothing else: 9:50.
        ("exam", 50, 0, None, at(9, 50)),
        # +30 minutes for dyslexia: 10:20.
        ("exam", 50, 30, None, at(10, 20)),
        # The window closes first: the close wins, extra time or not.
        ("exam", 50, 30, at(10), at(10)),
        ("exam", 50, 0, at(11), at(9, 50)),
        # No time limit: the window's close is the deadline.
        ("exam", None, 30, at(10), at(10)),
        # Nothing limits it.
        ("exam", None, 0, None, None),
        # Practice has no deadline, whatever the settings say.
        ("practice", 50, 30, at(10), None),
    ],
)
def test_the_deadline_is_the_time_limit_plus_extra_time_capped_by_the_close(
    mode, limit, extra, closes, expected
):
    deadline = rules.attempt_deadline(
        assignment=assignment(mode=mode, limit=limit, closes=closes),
        started_at=at(9),
        extra_minutes=extra,
    )
    assert deadline == expected


@pytest.mark.parametrize(
    ("mode", "attempts_so_far", "expected"),
    [
        ("practice", 0, True),
        ("practice", 5, True),
        ("exam", 0, True),
        ("exam", 1, False),
    ],
)
def test_practice_repeats_and_an_exam_is_made_once(mode, attempts_so_far, expected):
    got = rules.may_start_another(assignment=assignment(mode=mode), attempts_so_far=attempts_so_far)
    assert got is expected


@pytest.mark.parametrize(
    ("a", "attempts_so_far", "now", "code"),
    [
        (assignment(opens=at(9), closes=at(10), limit=50), 0, at(8), "not_open"),
        (assignment(opens=at(9), closes=at(10), limit=50), 0, at(10, 1), "closed"),
        (assignment(limit=50), 1, at(9), "once"),
        (assignment(mode="practice", closes=at(10)), 3, at(10), "closed"),
    ],
)
def test_a_start_is_refused_outside_the_window_or_after_the_one_exam_attempt(
    a, attempts_so_far, now, code
):
    with pytest.raises(AssignmentRuleError) as info:
        rules.check_can_start(assignment=a, attempts_so_far=attempts_so_far, now=now)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("a", "attempts_so_far", "now"),
    [
        (assignment(opens=at(9), closes=at(10), limit=50), 0, at(9, 30)),
        (assignment(mode="practice"), 7, at(9)),
    ],
)
def test_a_start_is_allowed_inside_the_window(a, attempts_so_far, now):
    rules.check_can_start(assignment=a, attempts_so_far=attempts_so_far, now=now)


@pytest.mark.parametrize(
    ("now", "allowed"),
    [
        (at(9, 59, 59), True),
        (at(10), True),
        # Up to 30 seconds late: a save that was on its way is still kept.
        (at(10, 0, 29), True),
        (at(10, 0, 30), True),
        (at(10, 0, 31), False),
        (at(11), False),
    ],
)
def test_saves_are_refused_after_the_deadline_and_its_short_grace(now, allowed):
    a = attempt(deadline=at(10))
    if allowed:
        rules.check_can_save(attempt=a, now=now)
    else:
        with pytest.raises(AssignmentRuleError) as info:
            rules.check_can_save(attempt=a, now=now)
        assert info.value.code == "time_up"


def test_saves_to_an_attempt_without_deadline_are_always_allowed():
    rules.check_can_save(attempt=attempt(deadline=None), now=at(23))


def test_saves_to_a_submitted_attempt_are_refused():
    with pytest.raises(AssignmentRuleError) as info:
        rules.check_can_save(attempt=attempt(submitted=at(9, 30)), now=at(9, 31))
    assert info.value.code == "submitted"


@pytest.mark.parametrize(
    ("a", "submitted", "expected"),
    [
        (None, at(9), True),
        (None, None, False),
        (assignment(mode="practice"), at(9), True),
        (assignment(mode="practice"), None, False),
        (assignment(mode="exam"), at(9), False),
        (assignment(mode="exam", released=at(12)), at(9), True),
        (assignment(mode="exam", released=at(12)), None, False),
    ],
)
def test_results_show_after_submitting_in_practice_and_after_release_in_exam_mode(
    a, submitted, expected
):
    assert rules.may_see_results(assignment=a, attempt=attempt(submitted=submitted)) is expected


@pytest.mark.parametrize(
    ("a", "attempts", "now", "status", "may_start"),
    [
        (assignment(opens=at(9), closes=at(10), limit=50), [], at(8), "not_open", False),
        (assignment(opens=at(9), closes=at(10), limit=50), [], at(9), "open", True),
        (
            assignment(limit=50),
            [attempt(deadline=at(9, 50))],
            at(9, 10),
            "in_progress",
            False,
        ),
        # Time ran out with the tab closed: it counts as handed in.
        (assignment(limit=50), [attempt(deadline=at(9, 50))], at(9, 51), "submitted", False),
        (assignment(limit=50), [attempt(submitted=at(9, 40))], at(9, 45), "submitted", False),
        (
            assignment(limit=50, released=at(12)),
            [attempt(submitted=at(9, 40))],
            at(13),
            "results",
            False,
        ),
        (assignment(closes=at(10), limit=50), [], at(11), "missed", False),
        (assignment(mode="practice", closes=at(10)), [], at(11), "closed", False),
        (
            assignment(mode="practice"),
            [attempt(submitted=at(9, 40))],
            at(10),
            "results",
            True,
        ),
    ],
)
def test_the_pupil_sees_the_status_of_each_assignment(a, attempts, now, status, may_start):
    view = rules.pupil_view(assignment=a, attempts=attempts, now=now)
    assert (view.status, view.may_start) == (status, may_start)


def test_an_attempt_in_progress_shows_its_own_deadline():
    view = rules.pupil_view(
        assignment=assignment(limit=50, closes=at(12)),
        attempts=[attempt(deadline=at(9, 50))],
        now=at(9, 10),
    )
    assert view.deadline_at == at(9, 50)
    assert view.open_attempt_id == 1


def test_an_attempt_started_late_in_the_window_gets_less_than_the_time_limit():
    a = assignment(opens=at(9), closes=at(10), limit=50)
    deadline = rules.attempt_deadline(assignment=a, started_at=at(9, 30))
    assert deadline - at(9, 30) == timedelta(minutes=30)
