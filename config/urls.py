from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("texts/", include("texts.urls")),
    path("teacher/", include("exam.urls.teacher")),
    path("", include("exam.urls.pupil")),
    path("", include("accounts.urls")),
]
