from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html", redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("account/reading/", views.reading_preferences, name="reading-preferences"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
]
