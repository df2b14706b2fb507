"""The app as production runs it: DEBUG off, collected static files, a real server.

A threaded wsgiref server in its own process (tests/wsgi_server.py) with only the
three production settings, behind a pretend proxy that says the request came in over
https (X-Forwarded-Proto, docs/security.md).
"""

import os
import re
import secrets
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HOST = "leesexamens.school.example"


@pytest.fixture(scope="module")
def production_server(tmp_path_factory, collected_static):
    tmp = tmp_path_factory.mktemp("production")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_")
        and key not in {"DEBUG", "ALLOW_INSECURE_KEY", "PLAIN_HTTP"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        DATABASE_URL=f"sqlite:///{tmp / 'db.sqlite3'}",
        # collectstatic's output (tests/conftest.py, collected once per run).
        STATIC_ROOT=str(collected_static),
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "tests.wsgi_server"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        line = server.stdout.readline()
        assert line.startswith("port "), server.stderr.read()
        yield f"http://127.0.0.1:{line.split()[1]}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url, *, https=True):
    headers = {"Host": HOST}
    if https:
        headers["X-Forwarded-Proto"] = "https"
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def test_the_login_page_is_served_with_the_production_headers(production_server):
    status, headers, body = _get(f"{production_server}/login/")
    assert status == 200
    assert 'name="password"' in body
    assert "max-age=31536000" in headers["Strict-Transport-Security"]
    assert "script-src 'self'" in headers["Content-Security-Policy"]
    assert "Secure" in headers["Set-Cookie"]  # the CSRF cookie


def test_a_plain_http_request_is_sent_to_https(production_server):
    status, headers, _body = _get(f"{production_server}/login/", https=False)
    assert status == 301
    assert headers["Location"] == f"https://{HOST}/login/"


def test_static_files_are_served_by_whitenoise_under_their_hashed_names(production_server):
    _status, _headers, body = _get(f"{production_server}/login/")
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "the page links the manifest's hashed file name"
    status, headers, css = _get(production_server + stylesheet.group(1))
    assert status == 200
    assert ".htmx-indicator" in css
    assert "immutable" in headers["Cache-Control"]
