"""Results pages.

`urlpatterns` is included in the "teacher" namespace (exam/urls_teacher.py):
teacher:exam-results, teacher:assignment-results, teacher:pupil-results,
teacher:results-export.

`pupil_urlpatterns` holds the pupil's own results page; it is mounted outside
/teacher/, e.g. `path("me/results/", include((pupil_urlpatterns, "results")))`
in config/urls.py, which names it results:mine.
"""

from django.urls import path

from exam.views import results

urlpatterns = [
    path("exams/<int:pk>/results/", results.exam_results, name="exam-results"),
    path("assignments/<int:pk>/results/", results.assignment_results, name="assignment-results"),
    path("pupils/<int:pk>/results/", results.pupil_results, name="pupil-results"),
    path(
        "results/<slug:scope>/<int:pk>/<slug:what>.<slug:fmt>",
        results.results_export,
        name="results-export",
    ),
]

pupil_urlpatterns = [
    path("", results.my_results, name="mine"),
]
