"""Two app servers, one database, one Redis: a pupil may land on either at every click.

Two gunicorn instances (the Makefile's SERVE command line, production settings with
PLAIN_HTTP=1, the same SECRET_KEY) on different ports share a database and a Redis
(REDIS_URL) that the test starts itself on a free port, without persistence. A pupil
whose requests alternate between the servers logs in on one, starts on the other,
saves on both, sees the same deadline on both, survives a Redis restart, hands in on
one and reads the result on the other; every answer is stored.

The database is PostgreSQL when DATABASE_URL names one (CI's second run: a fresh
database on that server, dropped afterwards), else a SQLite file. Both servers on one
SQLite file is not a production setup, but what is tested here is the shared session
and cache, which is the same on either; docs/deploy.md says to use PostgreSQL.
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pytest

from tests.live_app import CSRF, ROOT, free_port, serve_command, serving

REDIS_SERVER = os.environ.get("REDIS_SERVER") or shutil.which("redis-server")
PASSWORD = "kq7m-x3pt-9rwa"
OPEN_ANSWER = "Ze dringen voor en worden er nog voor beloond ook."

# A laptop without redis-server skips these (reported by -ra); CI installs it
# (.ci/run), and its strict run (REQUIRE_BROWSER=1) fails instead of skipping.
pytestmark = pytest.mark.skipif(
    REDIS_SERVER is None and os.environ.get("REQUIRE_BROWSER") != "1",
    reason="redis-server not found (apt-get install redis-server; CI installs it)",
)


# --- Redis and the database -----------------------------------------------------------


class Redis:
    """A throwaway redis-server on 127.0.0.1, no snapshots, no append-only file."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        assert REDIS_SERVER, "redis-server not found: install it (CI does, .ci/run)"
        command = [REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(self.port)]
        command += ["--save", "", "--appendonly", "no", "--dir", str(self.tmp)]
        with (self.tmp / "redis.log").open("ab") as log:
            self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while not self._answers():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("redis-server did not start")
            time.sleep(0.05)

    def _answers(self) -> bool:
        import redis

        try:
            return self.client().ping()
        except redis.ConnectionError:
            return False

    def client(self):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


@contextmanager
def shared_database(tmp: Path):
    """A DATABASE_URL for a new, empty database: PostgreSQL if DATABASE_URL names it."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{tmp / 'shared.sqlite3'}"
        return
    import psycopg

    parts = urlsplit(url)
    name = f"leesexamens_two_servers_{secrets.token_hex(4)}"
    maintenance = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


SEED = """
import json
from django.core.management import call_command
from accounts.services import ensure_user
from exam.assignments import services as assignment_services
from exam.classes import services as class_services
from tests.exam_builders import make_exam
from tests.live_app import SEED_PATH
from texts.services import import_text

call_command("migrate", verbosity=0, interactive=False)
teacher, _ = ensure_user(username="docent", password="docent-twee-servers", role="teacher")
pupil, _ = ensure_user(username="leerling", password=PASSWORD, role="pupil")
text = import_text(raw=SEED_PATH.read_text(encoding="utf-8"), uploaded_by=teacher, publish=True)
exam = make_exam(teacher, text)
mc, open_question = exam.questions.order_by("number")
classroom = class_services.create_classroom(teacher=teacher, name="5 havo")
class_services.join_classroom(pupil=pupil, code=classroom.join_code)
assignment = assignment_services.assign_exam(
    classroom=classroom, exam=exam, teacher=teacher, mode="exam", time_limit_minutes=30
)
assignment_services.release_results(assignment=assignment)
print(json.dumps({"assignment": assignment.pk, "mc": mc.pk, "open": open_question.pk}))
"""

STORED = """
import json
from exam.models import Attempt
attempt = Attempt.objects.get(pk=ATTEMPT)
print(json.dumps({
    "deadline_at": attempt.deadline_at.isoformat(),
    "started_at": attempt.started_at.isoformat(),
    "submitted": attempt.submitted_at is not None,
    "answers": {
        str(a.question_id): [a.response, a.revision] for a in attempt.answers.all()
    },
    "sessions": __import__("django.contrib.sessions.models", fromlist=["Session"])
        .Session.objects.count(),
}))
"""


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory, collected_static):
    tmp = tmp_path_factory.mktemp("two-servers")
    redis_server = Redis(tmp)
    redis_server.start()
    try:
        with shared_database(tmp) as database_url:
            env = {
                k: v
                for k, v in os.environ.items()
                if not k.startswith("DJANGO_") and k not in {"ALLOW_INSECURE_KEY"}
            }
            env.update(
                DJANGO_SETTINGS_MODULE="config.settings",
                DEBUG="0",
                PLAIN_HTTP="1",
                SECRET_KEY=secrets.token_urlsafe(50),
                ALLOWED_HOSTS="127.0.0.1",
                DATABASE_URL=database_url,
                REDIS_URL=redis_server.url,
                # collectstatic's output (tests/conftest.py, collected once per run).
                STATIC_ROOT=str(collected_static),
                JOIN_CODE_FAILURE_LIMIT="3",
            )
            seed = SEED.replace("PASSWORD", repr(PASSWORD))
            data = json.loads(manage(env, "shell", "-v", "0", "-c", seed))
            command = serve_command()
            with (
                serving(command, env=env, log=tmp / "a.log") as a,
                serving(command, env=env, log=tmp / "b.log") as b,
            ):
                yield {"a": a, "b": b, "env": env, "redis": redis_server, **data}
    finally:
        redis_server.stop()


# --- a pupil's browser ------------------------------------------------------------------


class Browser:
    """Cookies and a CSRF token, sent to whichever server is named."""

    def __init__(self):
        self.session = ""

    def send(self, server, method, path, fields=None, htmx=False):
        cookie = f"csrftoken={CSRF}" + (f"; sessionid={self.session}" if self.session else "")
        headers = {"Cookie": cookie}
        body = None
        if fields is not None:
            body = urlencode(fields)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = CSRF
        if htmx:
            headers["HX-Request"] = "true"
        connection = http.client.HTTPConnection(server.host, server.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            for cookie in response.msg.get_all("Set-Cookie") or []:
                if match := re.match(r"sessionid=([^;]*)", cookie):
                    self.session = match.group(1)
            return response.status, response.msg, text
        finally:
            connection.close()


def _deadline(page: str) -> str:
    match = re.search(r'data-deadline="([^"]+)"', page)
    assert match, "the exam page shows the countdown"
    return match.group(1)


def _stored(two_servers, attempt: int) -> dict:
    script = STORED.replace("ATTEMPT", str(attempt))
    return json.loads(manage(two_servers["env"], "shell", "-v", "0", "-c", script))


def test_a_pupil_alternating_between_two_servers_keeps_session_answers_and_timer(two_servers):
    a, b, redis_server = two_servers["a"], two_servers["b"], two_servers["redis"]
    mc, open_question = two_servers["mc"], two_servers["open"]
    pupil = Browser()

    # Log in on A.
    status, headers, _ = pupil.send(
        a, "POST", "/login/", {"username": "leerling", "password": PASSWORD}
    )
    assert status == 302, a.log_tail()
    assert pupil.session
    # The session is in the shared Redis, and behind it in the database (cached_db).
    keys = [k.decode() for k in redis_server.client().keys("*")]
    assert any(k.endswith("cached_db" + pupil.session) for k in keys), keys

    # Start on B.
    status, headers, _ = pupil.send(
        b, "POST", f"/me/assignments/{two_servers['assignment']}/start/", {}
    )
    assert status == 302, b.log_tail()
    attempt_path = headers["Location"]
    attempt = int(re.fullmatch(r"/pupil/attempts/(\d+)/", attempt_path).group(1))

    # The same deadline on both, the server's: start + 30 minutes.
    status_a, _, page_a = pupil.send(a, "GET", attempt_path)
    status_b, _, page_b = pupil.send(b, "GET", attempt_path)
    assert (status_a, status_b) == (200, 200)
    assert _deadline(page_a) == _deadline(page_b)

    def save(server, question, value, revision):
        path = f"{attempt_path}answers/{question}/"
        status, headers, _ = pupil.send(
            server, "POST", path, {"value": value, "revision": revision}, htmx=True
        )
        return status, headers["X-Answer-State"], headers.get("X-Answer-Revision")

    assert save(a, mc, "A", 1) == (200, "saved", "1")
    assert save(b, open_question, "Eerste versie.", 1) == (200, "saved", "1")
    assert save(a, open_question, OPEN_ANSWER, 2) == (200, "saved", "2")
    assert save(b, mc, "B", 2) == (200, "saved", "2")
    # The revision rule holds across servers: a late, older save changes nothing.
    assert save(a, open_question, "Eerste versie.", 1) == (200, "stale", "2")

    # Redis restarts (empty: no persistence); the database keeps the session.
    redis_server.stop()
    redis_server.start()
    assert redis_server.client().dbsize() == 0
    status_a, _, page_a = pupil.send(a, "GET", attempt_path)
    status_b, _, page_b = pupil.send(b, "GET", attempt_path)
    assert (status_a, status_b) == (200, 200), a.log_tail() + b.log_tail()
    assert _deadline(page_a) == _deadline(page_b)
    assert OPEN_ANSWER in page_b

    # Hand in on A, the result on B.
    status, headers, _ = pupil.send(a, "POST", f"{attempt_path}submit/", {})
    assert (status, headers["Location"]) == (302, f"{attempt_path}result/"), a.log_tail()
    status, _, result = pupil.send(b, "GET", f"{attempt_path}result/")
    assert status == 200, b.log_tail()
    assert OPEN_ANSWER in result

    stored = _stored(two_servers, attempt)
    assert stored["submitted"]
    assert stored["answers"] == {str(mc): ["B", 2], str(open_question): [OPEN_ANSWER, 2]}
    assert stored["sessions"] >= 1
    started = datetime.fromisoformat(stored["started_at"])
    deadline = datetime.fromisoformat(stored["deadline_at"])
    assert deadline - started == timedelta(minutes=30)
    assert datetime.fromisoformat(_deadline(page_a)) == deadline


def test_the_join_code_throttle_counts_across_both_servers(two_servers):
    a, b = two_servers["a"], two_servers["b"]
    pupil = Browser()
    status, _, _ = pupil.send(a, "POST", "/login/", {"username": "leerling", "password": PASSWORD})
    assert status == 302

    # JOIN_CODE_FAILURE_LIMIT=3: three wrong codes spread over the two servers (and
    # their workers) stop the fourth, wherever it lands.
    statuses = [
        pupil.send(server, "POST", "/me/join/", {"code": "FOUT-CODE"})[0] for server in (a, b, a, b)
    ]
    assert statuses == [400, 400, 400, 429]
