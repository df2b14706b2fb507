from django.urls import path

from texts import booklet_views, views

app_name = "texts"

urlpatterns = [
    path("", views.text_list, name="text-list"),
    path("upload/", views.text_upload, name="text-upload"),
    path("upload/save/", views.text_save, name="text-save"),
    path("upload/booklet/save/", booklet_views.booklet_save, name="booklet-save"),
    path("<int:pk>/", views.text_detail, name="text-detail"),
    path("<int:pk>/publish/", views.text_publish, name="text-publish"),
    path("<int:pk>/unpublish/", views.text_unpublish, name="text-unpublish"),
    path("<int:pk>/delete/", views.text_delete, name="text-delete"),
]
