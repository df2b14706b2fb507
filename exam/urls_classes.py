"""Classes, assignments and marking; included in the "teacher" namespace."""

from django.urls import path

from exam.views import classes, marking

urlpatterns = [
    path("classes/", classes.class_list, name="class-list"),
    path("classes/new/", classes.class_create, name="class-create"),
    path("classes/<int:pk>/", classes.class_detail, name="class-detail"),
    path("classes/<int:pk>/pupils/add/", classes.class_add_pupil, name="class-add-pupil"),
    path(
        "classes/<int:pk>/pupils/<int:pupil_pk>/remove/",
        classes.class_remove_pupil,
        name="class-remove-pupil",
    ),
    path("classes/<int:pk>/import/", classes.class_import, name="class-import"),
    path(
        "classes/<int:pk>/import/accounts.csv",
        classes.class_import_download,
        name="class-import-download",
    ),
    path("classes/<int:pk>/calibration/", marking.class_calibration, name="class-calibration"),
    path("classes/<int:pk>/assign/", classes.assignment_create, name="assignment-create"),
    path("assignments/<int:pk>/", classes.assignment_detail, name="assignment-detail"),
    path("assignments/<int:pk>/release/", classes.assignment_release, name="assignment-release"),
    path(
        "assignments/<int:pk>/extra-time/",
        classes.assignment_extra_time,
        name="assignment-extra-time",
    ),
    path(
        "assignments/<int:pk>/read-aloud/",
        classes.assignment_read_aloud,
        name="assignment-read-aloud",
    ),
    path(
        "assignments/<int:pk>/attempts/<int:attempt_pk>/",
        marking.assignment_attempt,
        name="assignment-attempt",
    ),
    path("assignments/<int:pk>/grade/", marking.grading_queue, name="grading-queue"),
    path(
        "assignments/<int:pk>/grade/<int:question_pk>/",
        marking.grading_question,
        name="grading-question",
    ),
    path("assignments/<int:pk>/calibration/", marking.calibration, name="calibration"),
    path("answers/<int:pk>/grade/", marking.grade_answer, name="grade-answer"),
    path("answers/<int:pk>/override/", marking.answer_override, name="answer-override"),
]
