from django.contrib import admin
from django.urls import include, path

from exam.urls_results import pupil_urlpatterns as pupil_results_patterns

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("texts/", include("texts.urls")),
    path("teacher/", include("exam.urls_teacher")),
    path("me/results/", include((pupil_results_patterns, "results"))),
    path("me/", include("exam.urls_pupil_assignments")),
    path("", include("exam.urls")),
    path("", include("accounts.urls")),
]
