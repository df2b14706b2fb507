"""The pupil's home page: assigned work still to do, then the exams to practise."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy

from exam import selectors, visibility
from exam.models import Attempt, Exam

# Why practice is refused (exam/visibility.py), as the pupil reads it.
LOCK_MESSAGES = {
    visibility.CLASS_TEST: gettext_lazy(
        "Your class has this exam as a test: make it under My assignments. You can "
        "practise it again once your teacher has released the results."
    ),
    visibility.UNDER_TEST: gettext_lazy(
        "This exam is being used as a test right now, so you cannot practise it or see "
        "its answer model. You can again once the results of the test are released."
    ),
    visibility.ASSIGNMENTS_ONLY: gettext_lazy(
        "This exam can only be made when your teacher assigns it to your class."
    ),
}
# The assignments a pupil still has to do come first on their home page.
TO_DO = {"in_progress", "open", "not_open"}


@dataclass
class ExamRow:
    exam: Exam
    open_attempt: Attempt | None
    submitted: list[Attempt]
    refusal: str | None = None

    @property
    def best(self) -> Attempt | None:
        return max(self.submitted, key=lambda a: a.total_points or 0, default=None)

    @property
    def refusal_message(self) -> str:
        return str(LOCK_MESSAGES[self.refusal]) if self.refusal else ""


def home_page(pupil) -> dict:
    """Assigned work first (with its deadlines), then the exams to practise freely.

    The practice list holds the exams open for free practice and those the pupil
    practised freely before, with only those free-practice attempts: an attempt made
    for an assignment shows under My assignments, where its results follow the
    assignment's rules.
    """
    assignments = [
        (assignment, view)
        for assignment, view in selectors.pupil_assignment_rows(pupil=pupil)
        if view.status in TO_DO
    ]
    attempts = defaultdict(list)
    for attempt in Attempt.objects.filter(pupil=pupil, assignment__isnull=True).order_by(
        "-started_at"
    ):
        attempts[attempt.exam_id].append(attempt)
    exams = list(
        Exam.objects.filter(is_published=True)
        .filter(Q(practice_visibility=Exam.PracticeVisibility.OPEN) | Q(pk__in=list(attempts)))
        .annotate(question_count=Count("questions"), max_points=Sum("questions__max_points"))
        .order_by("-year", "title")
    )
    refusals = visibility.practice_refusals(exams=exams, pupil=pupil)
    rows = []
    for exam in exams:
        own = attempts.get(exam.pk, [])
        rows.append(
            ExamRow(
                exam=exam,
                open_attempt=next((a for a in own if not a.is_submitted), None),
                submitted=[a for a in own if a.is_submitted],
                refusal=refusals.get(exam.pk),
            )
        )
    return {"rows": rows, "assignments": assignments}
