from django.shortcuts import render

from accounts.roles import teacher_required


@teacher_required
def dashboard(request):
    return render(request, "exam/teacher_dashboard.html", {})
