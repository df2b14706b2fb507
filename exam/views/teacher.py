"""The teacher's dashboard: their exams, their classes, open assignments, marking to do."""

from django.shortcuts import render

from accounts.roles import teacher_required
from exam.presenters import classwork as presenters


@teacher_required
def dashboard(request):
    return render(request, "exam/teacher_dashboard.html", presenters.dashboard(request.user))
