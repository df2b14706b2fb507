"""Authoring pages, included in the "teacher" namespace (teacher:exam-list, ...)."""

from django.urls import path

from exam.views import authoring

urlpatterns = [
    path("exams/", authoring.exam_list, name="exam-list"),
    path("exams/new/", authoring.exam_create, name="exam-create"),
    path("exams/<int:pk>/", authoring.exam_detail, name="exam-detail"),
    path("exams/<int:pk>/edit/", authoring.exam_edit, name="exam-edit"),
    path("exams/<int:pk>/copy/", authoring.exam_copy, name="exam-copy"),
    path("exams/<int:pk>/delete/", authoring.exam_delete, name="exam-delete"),
    path("exams/<int:pk>/publish/", authoring.exam_publish, name="exam-publish"),
    path("exams/<int:pk>/share/", authoring.exam_share, name="exam-share"),
    path("exams/<int:pk>/preview/", authoring.exam_preview, name="exam-preview"),
    path("exams/<int:pk>/answer-model/", authoring.answer_model, name="answer-model"),
    path("exams/<int:pk>/questions/new/", authoring.question_create, name="question-create"),
    path(
        "exams/<int:pk>/questions/<int:question_pk>/edit/",
        authoring.question_edit,
        name="question-edit",
    ),
    path(
        "exams/<int:pk>/questions/<int:question_pk>/delete/",
        authoring.question_delete,
        name="question-delete",
    ),
    path(
        "exams/<int:pk>/questions/<int:question_pk>/move/",
        authoring.question_move,
        name="question-move",
    ),
]
