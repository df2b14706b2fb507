"""What a pupil may see of an exam and its attempts, and when they may practise it.

One rule, used by every pupil page that could show a key or the answer model:

**The test lock.** While any exam-mode assignment of an exam has results that are not
released, the exam is *under test*: a pupil in any class, or in none, could otherwise
read its answer model (an earlier practice result, a practice attempt handed in
during the test, free practice by a pupil of another class) and pass it on. So,
while it lasts:

- no pupil sees the exam's keys, answer model, explanations or element texts on any
  page: `may_see_model` is False for every attempt at it, the pupil's own earlier
  practice results included;
- no practice attempt of it (free practice or a practice-mode assignment) is started,
  resumed or handed in: a hand-in would give a score, and scores of answers tried
  one by one give the keys away (`practice_refusal`, `check_can_hand_in`).

The lock ends when the teacher releases the results of every exam-mode assignment of
the exam (or deletes them).

**Practice visibility.** Its author decides whether pupils may practise an exam
freely (`Exam.PracticeVisibility.OPEN`) or only through assignments (`ASSIGNED`, the
default for new exams). A pupil who has the exam as a practice-mode assignment
practises it through the assignment, so the attempt counts for the class.

**Score and grade** of an attempt: a practice attempt once handed in, an exam-mode
attempt once its results are released (`may_see_results`, and `results_visible_q`
for lists). Only the attempt's assignment counts, not the pupil's membership: a
pupil taken out of a class does not see the class's unreleased test either.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import RawSQL

from exam.assignments import rules
from exam.models import Assignment, Attempt, Exam, Membership

# Why a pupil may not practise an exam now (the views word the message).
UNDER_TEST = "under-test"  # someone's class has it as a running test
CLASS_TEST = "class-test"  # the pupil's own class has it as a running test
ASSIGNMENTS_ONLY = "assignments-only"  # its author allows practice through assignments only


class ExamLocked(Exception):
    """Practice on this exam is not allowed now; `code` says why (see the codes above)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _running_tests() -> Q:
    return Q(mode=Assignment.Mode.EXAM, results_released_at__isnull=True)


def tested_exam_ids(exam_ids: Iterable[int] | None = None) -> set[int]:
    """The exams under test, among `exam_ids` (all when None), in one query."""
    tests = Assignment.objects.filter(_running_tests())
    if exam_ids is not None:
        tests = tests.filter(exam_id__in=list(exam_ids))
    return set(tests.values_list("exam_id", flat=True))


def is_under_test(exam_id: int) -> bool:
    return Assignment.objects.filter(_running_tests(), exam_id=exam_id).exists()


def is_practice(attempt: Attempt) -> bool:
    """Free practice or a practice-mode assignment: its result shows on handing in."""
    return attempt.assignment_id is None or not rules.is_exam_mode(attempt.assignment)


def may_see_results(attempt: Attempt) -> bool:
    """Score and grade: practice once handed in; exam mode once released."""
    return rules.may_see_results(assignment=attempt.assignment, attempt=attempt)


def results_visible_q(prefix: str = "") -> Q:
    """may_see_results as a filter on Attempt (prefix "attempt__" from Answer)."""
    return Q(**{f"{prefix}submitted_at__isnull": False}) & (
        Q(**{f"{prefix}assignment__isnull": True})
        | ~Q(**{f"{prefix}assignment__mode": Assignment.Mode.EXAM})
        | Q(**{f"{prefix}assignment__results_released_at__isnull": False})
    )


def may_see_model(attempt: Attempt) -> bool:
    """Keys, answer model, explanations and elements of this attempt's exam."""
    return may_see_results(attempt) and not is_under_test(attempt.exam_id)


def practice_refusals(*, exams: Iterable[Exam], pupil, free: bool = True) -> dict[int, str]:
    """Why the pupil may not start or resume practice on each exam now, in one query.

    Exams missing from the result may be practised. `free` is False for a
    practice-mode assignment, or an attempt begun earlier: then the author's choice of
    free practice does not apply, only the test lock.
    """
    exams = list(exams)
    own_class = Membership.objects.filter(classroom=OuterRef("classroom"), pupil=pupil)
    tests = (
        Assignment.objects.filter(_running_tests(), exam_id__in=[e.pk for e in exams])
        .annotate(is_own=Exists(own_class))
        .values_list("exam_id", "is_own")
    )
    under_test: set[int] = set()
    class_test: set[int] = set()
    for exam_id, is_own in tests:
        under_test.add(exam_id)
        if is_own:
            class_test.add(exam_id)
    refusals: dict[int, str] = {}
    for exam in exams:
        refusal = lock_refusal(under_test=exam.pk in under_test, class_test=exam.pk in class_test)
        is_open = exam.practice_visibility == Exam.PracticeVisibility.OPEN
        if refusal is None and free and not is_open:
            refusal = ASSIGNMENTS_ONLY
        if refusal is not None:
            refusals[exam.pk] = refusal
    return refusals


def lock_refusal(*, under_test: bool, class_test: bool) -> str | None:
    """The test lock's answer to practice on an exam: the pupil's own class's running
    test first, then anyone's; None when no test runs. Every reading of the lock
    (practice_refusals, attempt_lock_refusal) decides with this one function."""
    if class_test:
        return CLASS_TEST
    if under_test:
        return UNDER_TEST
    return None


def practice_refusal(*, exam: Exam, pupil, free: bool = True) -> str | None:
    """practice_refusals for one exam; None when the pupil may practise it."""
    return practice_refusals(exams=[exam], pupil=pupil, free=free).get(exam.pk)


def practice_attempt_refusal(attempt: Attempt) -> str | None:
    """practice_refusal for an existing practice attempt (None for exam-mode ones)."""
    if not is_practice(attempt):
        return None
    return practice_refusal(exam=attempt.exam, pupil=attempt.pupil_id, free=False)


# The test lock read with the attempt itself (access.get_attempt_with_test_lock): the
# exam page asks on every visit, and one query fewer is a tenth of its cost when the
# page comes from the cache. The facts are read by `attempt_lock_annotations`; the
# decision is lock_refusal's, as for practice_attempt_refusal.
LOCK_UNDER_TEST = "lock_under_test"
LOCK_CLASS_TEST = "lock_class_test"


# The same running tests as _running_tests, as SQL over the attempt's row: building
# the ORM's Exists(OuterRef) subqueries cost more than the page's whole cached read.
_LOCK_SQL = (
    "EXISTS(SELECT 1 FROM {assignment} t{join} WHERE t.exam_id = {attempt}.exam_id"
    " AND t.mode = %s AND t.results_released_at IS NULL{own})"
)


def attempt_lock_annotations() -> dict:
    """Annotations for a query on Attempt: whether its exam is under test, and whether
    under a test of one of the attempt's pupil's own classes (see practice_refusals)."""
    quote = connection.ops.quote_name
    names = {
        "assignment": quote(Assignment._meta.db_table),
        "attempt": quote(Attempt._meta.db_table),
    }
    anyone = _LOCK_SQL.format(**names, join="", own="")
    own_class = _LOCK_SQL.format(
        **names,
        join=f" INNER JOIN {quote(Membership._meta.db_table)} m ON m.classroom_id = t.classroom_id",
        own=f" AND m.pupil_id = {names['attempt']}.pupil_id",
    )
    mode = [Assignment.Mode.EXAM.value]
    return {
        LOCK_UNDER_TEST: RawSQL(anyone, mode, output_field=BooleanField()),
        LOCK_CLASS_TEST: RawSQL(own_class, mode, output_field=BooleanField()),
    }


def attempt_lock_refusal(*, is_practice: bool, under_test: bool, class_test: bool) -> str | None:
    """practice_attempt_refusal from plain values: None for exam-mode attempts, else
    lock_refusal."""
    if not is_practice:
        return None
    return lock_refusal(under_test=under_test, class_test=class_test)


def annotated_attempt_refusal(attempt: Attempt) -> str | None:
    """practice_attempt_refusal for an attempt read with attempt_lock_annotations."""
    return attempt_lock_refusal(
        is_practice=is_practice(attempt),
        under_test=bool(getattr(attempt, LOCK_UNDER_TEST)),
        class_test=bool(getattr(attempt, LOCK_CLASS_TEST)),
    )


def check_can_hand_in(attempt: Attempt) -> None:
    """Raise ExamLocked when a practice attempt's exam is under test."""
    if is_practice(attempt) and is_under_test(attempt.exam_id):
        raise ExamLocked(UNDER_TEST)
