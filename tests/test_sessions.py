"""Sessions on shared school computers: they end at browser close and when idle (docs/security.md)."""

import time

from django.test import Client, override_settings
from django.urls import reverse

from accounts.middleware import SEEN_KEY
from tests.conftest import PASSWORD

LOGIN = "/login/"


def _login(client, username, password, address="10.1.1.1"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_the_session_cookie_ends_when_the_browser_closes(pupil):
    response = _login(Client(), "pupil", PASSWORD)
    cookie = response.cookies["sessionid"]
    assert not cookie["max-age"] and not cookie["expires"]


def _with_seen_at(client, seconds_ago):
    session = client.session
    session[SEEN_KEY] = int(time.time()) - seconds_ago
    session.save()


@override_settings(SESSION_IDLE_MINUTES=30)
def test_an_idle_session_is_logged_out_with_a_message(pupil_client):
    pupil_client.get(reverse("pupil:home"))
    _with_seen_at(pupil_client, 31 * 60)
    response = pupil_client.get(reverse("pupil:home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:login"))
    assert "30 minuten niets hebt gedaan" in response.content.decode()


@override_settings(SESSION_IDLE_MINUTES=30)
def test_an_active_session_stays_and_is_not_rewritten_on_every_request(pupil_client):
    pupil_client.get(reverse("pupil:home"))
    assert SEEN_KEY in pupil_client.session
    _with_seen_at(pupil_client, 20)
    seen_at = pupil_client.session[SEEN_KEY]
    assert pupil_client.get(reverse("pupil:home")).status_code == 200
    assert pupil_client.session[SEEN_KEY] == seen_at  # an autosave a moment later writes nothing
    _with_seen_at(pupil_client, 29 * 60)
    assert pupil_client.get(reverse("pupil:home")).status_code == 200
    assert pupil_client.session[SEEN_KEY] >= int(time.time()) - 5
