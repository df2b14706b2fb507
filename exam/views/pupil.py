from django.shortcuts import render

from accounts.roles import pupil_required


@pupil_required
def home(request):
    return render(request, "exam/pupil_home.html", {})
