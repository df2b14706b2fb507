"""Cache and sessions: per-process and database by default, Redis with REDIS_URL."""

import os
import subprocess
import sys

from tests.live_app import ROOT

SHOW = (
    "from django.conf import settings as s;"
    "print(s.CACHES['default']['BACKEND'], s.CACHES['default'].get('LOCATION', ''),"
    " s.SESSION_ENGINE)"
)


def _settings(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", DEBUG="1", **extra)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", SHOW],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_without_redis_url_make_run_keeps_a_memory_cache_and_database_sessions():
    assert _settings() == [
        "django.core.cache.backends.locmem.LocMemCache",
        "django.contrib.sessions.backends.db",
    ]


def test_with_redis_url_the_cache_is_redis_and_sessions_are_cached_with_the_database_behind():
    assert _settings(REDIS_URL="redis://127.0.0.1:6390/2") == [
        "config.cache.ForgivingRedisCache",
        "redis://127.0.0.1:6390/2",
        "django.contrib.sessions.backends.cached_db",
    ]
