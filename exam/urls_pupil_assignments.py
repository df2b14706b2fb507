"""Pupils' classes and assignments, namespace "assignments" (mounted at "me/")."""

from django.urls import path

from exam.views import pupil_assignments

app_name = "assignments"

urlpatterns = [
    path("assignments/", pupil_assignments.assignment_list, name="list"),
    path("join/", pupil_assignments.join, name="join"),
    path("assignments/<int:pk>/start/", pupil_assignments.start, name="start"),
]
