"""Guessing is throttled: logins by django-axes, class join codes in the cache (docs/security.md)."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from exam.classes import services as class_services
from tests.conftest import PASSWORD

LOGIN = "/login/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _login(client, username, password, address="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


# ---------------------------------------------------------------------------
# Login throttling (django-axes)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_username_is_locked_on_one_address_after_repeated_wrong_passwords(pupil):
    client = Client()
    for _i in range(2):
        assert _login(client, "pupil", "wrong-guess").status_code == 200
    assert _login(client, "pupil", "wrong-guess").status_code == 429
    response = _login(client, "pupil", PASSWORD)
    assert response.status_code == 429
    body = response.content.decode()
    assert 'id="login-locked"' in body
    assert "Te veel verkeerde wachtwoorden" in body
    assert 'name="password"' in body  # the login page itself, not a bare error page
    assert "_auth_user_id" not in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_is_per_username_and_address_together(pupil, other_pupil):
    for _i in range(3):
        _login(Client(), "pupil", "wrong-guess", address="10.1.1.1")
    # The same pupil from another computer, and a classmate behind the same address.
    assert _login(Client(), "pupil", PASSWORD, address="10.2.2.2").status_code == 302
    assert _login(Client(), "other_pupil", PASSWORD, address="10.1.1.1").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_an_administrator_unlocks_a_username_with_a_command(pupil):
    for _i in range(3):
        _login(Client(), "pupil", "wrong-guess")
    assert _login(Client(), "pupil", PASSWORD).status_code == 429
    call_command("axes_reset_username", "pupil")
    assert _login(Client(), "pupil", PASSWORD).status_code == 302


def test_logins_without_a_request_still_work(pupil):
    from django.contrib.auth import authenticate

    assert authenticate(username="pupil", password=PASSWORD) == pupil


# ---------------------------------------------------------------------------
# Join codes


def _join(client, code, address="10.1.1.1"):
    return client.post(reverse("pupil:class-join"), {"code": code}, REMOTE_ADDR=address)


@override_settings(JOIN_CODE_FAILURE_LIMIT=4)
def test_guessing_join_codes_is_stopped_with_a_message(pupil_client, pupil, teacher):
    room = class_services.create_classroom(teacher=teacher, name="4 VWO a")
    for guess in ("AAA111", "BBB222", "CCC333", "DDD444"):
        assert _join(pupil_client, guess).status_code == 400
    response = _join(pupil_client, room.join_code)
    assert response.status_code == 429
    assert "te veel verkeerde klascodes" in response.content.decode()
    assert not room.pupils.filter(pk=pupil.pk).exists()
    # Another pupil on the same computer is not affected.
    other = User.objects.create_user("klasgenoot")
    other.groups.add(*pupil.groups.all())
    other_client = Client()
    other_client.force_login(other)
    assert _join(other_client, room.join_code).status_code == 302


@override_settings(JOIN_CODE_FAILURE_LIMIT=2)
def test_a_right_join_code_clears_the_count(pupil_client, teacher):
    room = class_services.create_classroom(teacher=teacher, name="4 VWO a")
    _join(pupil_client, "AAA111")
    assert _join(pupil_client, room.join_code).status_code == 302
    _join(pupil_client, "BBB222")
    assert _join(pupil_client, "CCC333").status_code == 400
