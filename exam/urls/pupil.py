"""The pupil's pages, namespace "pupil": home, exams and attempts, classes and
assignments, and their own results.

Mounted at the site root: the paths under pupil/ and me/ are the ones pupils have
bookmarked, so they stay as they are.
"""

from django.urls import path

from exam.views import pupil, pupil_assignments, pupil_tools, results

app_name = "pupil"

urlpatterns = [
    path("pupil/", pupil.home, name="home"),
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
    path("me/assignments/", pupil_assignments.assignment_list, name="assignment-list"),
    path("me/join/", pupil_assignments.join, name="class-join"),
    path(
        "me/assignments/<int:pk>/start/",
        pupil_assignments.start,
        name="assignment-start",
    ),
    path("me/results/", results.my_results, name="results"),
]
