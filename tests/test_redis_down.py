"""A Redis that is down (REDIS_URL set, nothing listening) slows pages but breaks none:
the cache misses, sessions come from the database, answers are saved."""

import logging
import socket

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from exam import services
from exam.models import Answer
from tests.conftest import PASSWORD
from tests.exam_builders import make_exam


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again when the probe closes


def _redis(backend: str) -> dict:
    return {
        "default": {
            "BACKEND": backend,
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }


def test_django_s_own_redis_cache_raises_when_redis_is_down():
    """Why config/cache.py exists: without it, every cached read is an error."""
    plain = _redis("django.core.cache.backends.redis.RedisCache")
    with override_settings(CACHES=plain), pytest.raises(RedisConnectionError):
        cache.get("anything")


def test_the_forgiving_cache_misses_and_logs_when_redis_is_down(caplog, monkeypatch):
    # Another test may have re-run Django's logging setup, which disables loggers that
    # existed before it.
    monkeypatch.setattr(logging.getLogger("config.cache"), "disabled", False)
    forgiving = _redis("config.cache.ForgivingRedisCache")
    with override_settings(CACHES=forgiving), caplog.at_level(logging.WARNING, "config.cache"):
        assert cache.get("anything", "default") == "default"
        assert cache.add("counter", 1) is False
        assert cache.incr("counter") == 1
        assert cache.get_many(["a", "b"]) == {}
        cache.set("key", "value")
        cache.delete("key")
    assert "Redis unreachable" in caplog.text


@pytest.mark.django_db
def test_a_pupil_logs_in_opens_the_exam_and_saves_with_redis_down(seed_text, teacher, pupil):
    exam = make_exam(teacher, seed_text)
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    question = exam.questions.get(number=2)
    with override_settings(
        CACHES=_redis("config.cache.ForgivingRedisCache"),
        SESSION_ENGINE="django.contrib.sessions.backends.cached_db",
    ):
        client = Client()
        response = client.post(
            reverse("accounts:login"), {"username": pupil.username, "password": PASSWORD}
        )
        assert response.status_code == 302
        page = client.get(reverse("pupil:attempt-detail", args=[attempt.pk]))
        assert page.status_code == 200
        saved = client.post(
            reverse("pupil:answer-save", args=[attempt.pk, question.pk]),
            {"value": "Ze dringen voor.", "revision": "1"},
            HTTP_HX_REQUEST="true",
        )
        assert saved.status_code == 200
    assert Answer.objects.get(attempt=attempt, question=question).response == "Ze dringen voor."
