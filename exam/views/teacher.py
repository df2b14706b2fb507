"""The teacher's dashboard: their exams, their classes, open assignments, marking to do."""

from django.db.models import Count
from django.shortcuts import render

from accounts.roles import teacher_required
from exam import access, selectors
from exam.access import exams_for_teacher


@teacher_required
def dashboard(request):
    teacher = request.user
    exams = (
        exams_for_teacher(teacher)
        .annotate(question_count=Count("questions", distinct=True))
        .order_by("-updated_at")[:20]
    )
    classrooms = (
        access.classrooms_for_teacher(teacher)
        .annotate(pupil_count=Count("memberships", distinct=True))
        .order_by("name")
    )
    open_assignments = list(selectors.open_assignments_for_teacher(teacher))
    waiting = selectors.waiting_counts_by_assignment(teacher)
    for assignment in open_assignments:
        assignment.waiting = waiting.get(assignment.pk, 0)
    return render(
        request,
        "exam/teacher_dashboard.html",
        {
            "exams": exams,
            "classrooms": classrooms,
            "open_assignments": open_assignments,
            "waiting_total": sum(waiting.values()),
        },
    )
