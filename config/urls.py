from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("texts/", include("texts.urls")),
    path("teacher/", include("exam.urls_teacher")),
    path("me/", include("exam.urls_pupil_assignments")),
    path("", include("exam.urls")),
    path("", include("accounts.urls")),
]
