"""A missing page, a forbidden page and a server error show the site's own page, in the
user's language (Dutch unless they chose otherwise), never Django's bare default."""

import pytest
from django.conf import settings
from django.test import Client, RequestFactory, override_settings
from django.urls import path, reverse
from django.utils import translation
from django.views.defaults import server_error


def _in(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


@override_settings(DEBUG=False)
def test_a_missing_page_is_the_sites_own_page_in_dutch(client, db):
    response = client.get("/bestaat-niet/")
    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="nl">' in html
    assert 'class="navbar' in html  # the site's layout
    assert _in("nl", "Page not found") in html
    assert _in("nl", "To the start page") in html


@override_settings(DEBUG=False)
def test_a_missing_page_follows_the_chosen_language(client, db):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client.get("/bestaat-niet/").content.decode()
    assert '<html lang="en">' in html
    assert "Page not found" in html


@override_settings(DEBUG=False)
def test_someone_elses_object_is_the_sites_404_page_for_a_logged_in_teacher(teacher_client):
    response = teacher_client.get(reverse("teacher:class-detail", args=[999999]))
    assert response.status_code == 404
    assert _in("nl", "Page not found") in response.content.decode()


@override_settings(DEBUG=False)
def test_a_pupil_on_a_teachers_page_gets_the_sites_403_page(pupil_client):
    response = pupil_client.get(reverse("teacher:class-list"))
    assert response.status_code == 403
    html = response.content.decode()
    assert _in("nl", "No access") in html
    assert 'class="navbar' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_server_error_page_needs_no_request_context(language):
    request = RequestFactory().get("/")
    with translation.override(language):
        response = server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in html
    assert _in(language, "Something went wrong") in html


def _boom(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", _boom)]


@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_an_exception_in_a_view_shows_the_sites_500_page(db):
    response = Client(raise_request_exception=False).get("/boom/")
    assert response.status_code == 500
    assert _in("nl", "Something went wrong") in response.content.decode()
