"""The user's roles are read once per session, not on every request (accounts/roles.py)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts import roles


def _group_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return sum('"auth_group"' in q["sql"] for q in queries.captured_queries)


def test_a_pupils_roles_are_read_at_login_and_on_no_request(pupil, client):
    url = reverse("pupil:home")
    with CaptureQueriesContext(connection) as login:
        client.force_login(pupil)
    assert sum('"auth_group"' in q["sql"] for q in login.captured_queries) == 1

    assert _group_queries(client, url) == 0
    assert _group_queries(client, url) == 0


def test_a_session_without_roles_reads_them_on_its_first_request_only(pupil_client):
    # A session from before roles were kept, or whose roles were dropped.
    session = pupil_client.session
    del session[roles.ROLES_SESSION_KEY]
    session.save()
    url = reverse("pupil:home")

    assert _group_queries(pupil_client, url) == 1
    assert _group_queries(pupil_client, url) == 0


def test_a_new_login_reads_the_roles_again(pupil, pupil_client, client):
    url = reverse("pupil:home")
    pupil.groups.clear()

    # The session from before keeps the roles it read at its login: still a pupil.
    assert pupil_client.get(url).status_code == 200
    # A new login reads them again: no longer.
    client.force_login(pupil)
    assert client.get(url).status_code == 403


def test_a_teacher_taken_out_of_the_group_loses_the_teacher_pages_after_the_max_age(
    teacher, teacher_client, monkeypatch
):
    url = reverse("teacher:dashboard")
    assert teacher_client.get(url).status_code == 200
    teacher.groups.clear()
    now = roles.time.time()

    # Kept in the session for a while: still a teacher.
    monkeypatch.setattr(roles.time, "time", lambda: now + roles.ROLES_MAX_AGE - 5)
    assert teacher_client.get(url).status_code == 200
    # Then read again: no longer.
    monkeypatch.setattr(roles.time, "time", lambda: now + roles.ROLES_MAX_AGE + 1)
    assert teacher_client.get(url).status_code == 403


def test_roles_kept_for_another_user_are_not_used(pupil, teacher, client):
    client.force_login(teacher)
    session = client.session
    session[roles.ROLES_SESSION_KEY] = {
        "user": pupil.pk,
        "groups": ["pupils"],
        "at": roles.time.time(),
    }
    session.save()

    assert client.get(reverse("pupil:home")).status_code == 403
