"""Production is the default when DEBUG is off; PLAIN_HTTP=1 for a classroom laptop."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run_settings(extra_env, *args):
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "ALLOW_INSECURE_KEY",
            "PLAIN_HTTP",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/conftest.py for Playwright
        }
    }
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _production_env(tmp_path):
    return {
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "leesexamens.school.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }


def test_check_deploy_reports_nothing_with_only_the_three_production_settings(tmp_path):
    result = _run_settings(
        _production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_plain_http_is_one_switch_for_a_classroom_laptop(tmp_path):
    env = {**_production_env(tmp_path), "PLAIN_HTTP": "1"}
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)"
    )
    result = _run_settings(env, "shell", "-v", "0", "-c", code)
    assert result.stdout.split() == ["False", "False", "False", "0", "None"], result.stderr
    result = _run_settings(_production_env(tmp_path), "shell", "-v", "0", "-c", code)
    assert result.stdout.split()[:3] == ["True", "True", "True"], result.stderr
    assert "HTTP_X_FORWARDED_PROTO" in result.stdout
