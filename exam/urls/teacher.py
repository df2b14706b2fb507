"""The teacher's pages, namespace "teacher" (mounted at teacher/): the dashboard,
authoring, classes and assignments, marking, and results."""

from django.urls import path

from exam.views import authoring, authoring_questions, classes, importing, marking, results, teacher

app_name = "teacher"

urlpatterns = [
    path("", teacher.dashboard, name="dashboard"),
    # Authoring
    path("exams/", authoring.exam_list, name="exam-list"),
    path("exams/new/", authoring.exam_create, name="exam-create"),
    path("exams/import/", importing.exam_import, name="exam-import"),
    path("exams/<int:pk>/import-report/", importing.import_report, name="exam-import-report"),
    path("exams/<int:pk>/", authoring.exam_detail, name="exam-detail"),
    path("exams/<int:pk>/edit/", authoring.exam_edit, name="exam-edit"),
    path("exams/<int:pk>/copy/", authoring.exam_copy, name="exam-copy"),
    path("exams/<int:pk>/delete/", authoring.exam_delete, name="exam-delete"),
    path("exams/<int:pk>/publish/", authoring.exam_publish, name="exam-publish"),
    path("exams/<int:pk>/share/", authoring.exam_share, name="exam-share"),
    path("exams/<int:pk>/preview/", authoring.exam_preview, name="exam-preview"),
    path("exams/<int:pk>/answer-model/", authoring.answer_model, name="answer-model"),
    path(
        "exams/<int:pk>/questions/new/", authoring_questions.question_create, name="question-create"
    ),
    path(
        "exams/<int:pk>/questions/<int:question_pk>/edit/",
        authoring_questions.question_edit,
        name="question-edit",
    ),
    path(
        "exams/<int:pk>/questions/<int:question_pk>/confirm/",
        importing.question_confirm,
        name="question-confirm",
    ),
    path(
        "exams/<int:pk>/questions/<int:question_pk>/delete/",
        authoring_questions.question_delete,
        name="question-delete",
    ),
    path(
        "exams/<int:pk>/questions/<int:question_pk>/move/",
        authoring_questions.question_move,
        name="question-move",
    ),
    path("exams/<int:pk>/contexts/new/", authoring_questions.context_create, name="context-create"),
    path(
        "exams/<int:pk>/contexts/<int:context_pk>/edit/",
        authoring_questions.context_edit,
        name="context-edit",
    ),
    path(
        "exams/<int:pk>/contexts/<int:context_pk>/delete/",
        authoring_questions.context_delete,
        name="context-delete",
    ),
    # Classes and assignments
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
    # Marking (the paths keep the "grade" of their first version: bookmarks)
    path(
        "assignments/<int:pk>/attempts/<int:attempt_pk>/",
        marking.assignment_attempt,
        name="assignment-attempt",
    ),
    path("assignments/<int:pk>/grade/", marking.marking_queue, name="marking-queue"),
    path(
        "assignments/<int:pk>/grade/<int:question_pk>/",
        marking.marking_question,
        name="marking-question",
    ),
    path("assignments/<int:pk>/calibration/", marking.calibration, name="calibration"),
    path("answers/<int:pk>/grade/", marking.mark_answer, name="mark-answer"),
    path("answers/<int:pk>/override/", marking.answer_override, name="answer-override"),
    # Results
    path("exams/<int:pk>/results/", results.exam_results, name="exam-results"),
    path("assignments/<int:pk>/results/", results.assignment_results, name="assignment-results"),
    path("pupils/<int:pk>/results/", results.pupil_results, name="pupil-results"),
    path(
        "results/<slug:scope>/<int:pk>/<slug:what>.<slug:fmt>",
        results.results_export,
        name="results-export",
    ),
]
