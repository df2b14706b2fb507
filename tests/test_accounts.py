"""Login, logout and the start page that sends each role to its own area."""

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from tests.conftest import PASSWORD


@pytest.mark.parametrize(
    ("client_fixture", "area"),
    [
        ("pupil_client", "pupil:home"),
        ("teacher_client", "teacher:dashboard"),
        ("admin_client", "texts:text-list"),
    ],
)
def test_the_start_page_sends_each_role_to_its_own_area(request, client_fixture, area):
    client = request.getfixturevalue(client_fixture)

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 302
    assert response.url == reverse(area)


@pytest.mark.django_db
def test_a_user_without_a_role_is_told_to_ask_for_one():
    user = User.objects.create_user("nobody", password=PASSWORD)
    client = Client()
    client.force_login(user)

    response = client.get(reverse("accounts:home"))

    assert response.status_code == 403
    assert "geen rol" in response.content.decode().lower()


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_the_login_page():
    response = Client().get(reverse("accounts:home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_logging_in_with_the_right_password_leads_to_the_pupils_area(pupil):
    client = Client()

    response = client.post(
        reverse("accounts:login"), {"username": "pupil", "password": PASSWORD}, follow=True
    )

    assert response.redirect_chain[-1][0] == reverse("pupil:home")


def test_a_wrong_password_is_refused_with_a_message(pupil):
    response = Client().post(reverse("accounts:login"), {"username": "pupil", "password": "wrong"})

    assert response.status_code == 200
    assert "horen niet bij elkaar" in response.content.decode()
    assert "_auth_user_id" not in response.wsgi_request.session


def test_logging_out_ends_the_session(pupil_client):
    response = pupil_client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert pupil_client.get(reverse("pupil:home")).status_code == 302
