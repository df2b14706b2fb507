from django.urls import path

from exam.views import pupil, pupil_tools, teacher

app_name = "exam"

urlpatterns = [
    path("pupil/", pupil.home, name="pupil-home"),
    path("pupil/exams/<int:pk>/start/", pupil.exam_start, name="exam-start"),
    path("pupil/attempts/<int:pk>/", pupil.attempt_detail, name="attempt-detail"),
    path(
        "pupil/attempts/<int:pk>/answers/<int:question_pk>/",
        pupil.answer_save,
        name="answer-save",
    ),
    path(
        "pupil/attempts/<int:pk>/highlights/",
        pupil_tools.highlight_paint,
        name="highlight-paint",
    ),
    path(
        "pupil/attempts/<int:pk>/questions/<int:question_pk>/scratch/",
        pupil_tools.scratch_save,
        name="scratch-save",
    ),
    path("pupil/attempts/<int:pk>/submit/", pupil.attempt_submit, name="attempt-submit"),
    path("pupil/attempts/<int:pk>/result/", pupil.attempt_result, name="attempt-result"),
    path(
        "pupil/attempts/<int:pk>/answers/<int:question_pk>/self-score/",
        pupil.answer_self_score,
        name="answer-self-score",
    ),
    path("teacher/", teacher.dashboard, name="teacher-dashboard"),
]
