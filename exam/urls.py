from django.urls import path

from exam.views import pupil, teacher

app_name = "exam"

urlpatterns = [
    path("pupil/", pupil.home, name="pupil-home"),
    path("teacher/", teacher.dashboard, name="teacher-dashboard"),
]
