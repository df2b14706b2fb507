from django.urls import path

from texts import views

app_name = "texts"

urlpatterns = [
    path("", views.text_list, name="text-list"),
    path("upload/", views.text_upload, name="text-upload"),
]
