"""`make run` holds a class: 30 pupils saving at once on one laptop lose nothing.

The real app runs in its own process, started with the Makefile's own server command
(gunicorn, config/gunicorn.conf.py) and the settings `make run` uses, on a SQLite
file migrated for the test (not the in-memory database pytest-django's live_server
would give). The requests are real HTTP from threads released together by a barrier.

These tests are about the default setup, SQLite, so they run on SQLite even when
DATABASE_URL points at PostgreSQL (CI's second run): their subprocesses get a
DATABASE_URL of their own. See docs/performance.md for the figures.
"""

import re
import sqlite3
import subprocess
import sys

import pytest

from tests.live_app import (
    ROOT,
    Reply,
    answer_text,
    app_env,
    hand_in_all,
    request,
    save_all,
    seed_in_subprocess,
    serve_command,
    serving,
    stored_answers,
)

PUPILS = 30
HAND_INS = 8


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    """A migrated SQLite file with 30 pupils who started the exam, and its data."""
    tmp = tmp_path_factory.mktemp("classroom")
    db_path = tmp / "class.sqlite3"
    return db_path, seed_in_subprocess(db_path=db_path, pupils=PUPILS)


@pytest.fixture(scope="module")
def server(classroom, tmp_path_factory):
    """`make run`'s server command, on the classroom's database file."""
    db_path, _data = classroom
    log = tmp_path_factory.mktemp("server") / "server.log"
    with serving(serve_command(), env=app_env(db_path), log=log) as running:
        yield running


def _summary(results) -> list:
    return [r.status if isinstance(r, Reply) else r for r in results]


def test_a_sqlite_connection_uses_wal_a_busy_timeout_and_immediate_transactions(tmp_path):
    script = (
        "from django.db import connection\n"
        "cursor = connection.cursor()\n"
        "for pragma in ('journal_mode', 'synchronous', 'busy_timeout'):\n"
        "    print(pragma, cursor.execute(f'PRAGMA {pragma}').fetchone()[0])\n"
        "print('transaction_mode', connection.transaction_mode)\n"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=ROOT,
        env=app_env(tmp_path / "db.sqlite3"),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.split("\n") == [
        "journal_mode wal",
        "synchronous 1",  # NORMAL
        "busy_timeout 20000",
        "transaction_mode IMMEDIATE",
        "",
    ], result.stderr


def test_make_run_serves_the_app_with_the_command_in_the_makefile():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    run_recipe = re.search(r"^run:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)

    assert run_recipe.strip().splitlines()[-1].strip() == "DEBUG=1 $(SERVE)"
    assert serve_command()[0].endswith("gunicorn")


def test_thirty_pupils_saving_at_the_same_moment_get_no_error_and_every_answer_is_stored(
    classroom, server
):
    db_path, data = classroom

    for round_ in (1, 2):
        results = save_all(server, data, round_=round_)

        assert _summary(results) == [200] * PUPILS, server.log_tail()
        assert {r.headers["X-Answer-Revision"] for r in results} == {str(round_)}
        stored = stored_answers(db_path, data["open"])
        assert [stored.get(p["attempt"]) for p in data["pupils"]] == [
            (answer_text(i, round_), round_) for i in range(PUPILS)
        ]


def test_eight_simultaneous_hand_ins_submit_once_and_all_lead_to_the_result(classroom, server):
    db_path, data = classroom
    attempt = data["handing_in"]

    results = hand_in_all(server, data, count=HAND_INS)

    assert _summary(results) == [302] * HAND_INS, server.log_tail()
    assert {r.headers["Location"] for r in results} == {
        f"/pupil/attempts/{attempt['attempt']}/result/"
    }
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        attempts = db.execute(
            "SELECT submitted_at IS NOT NULL, total_points FROM exam_attempt "
            "WHERE pupil_id = (SELECT pupil_id FROM exam_attempt WHERE id = ?)",
            (attempt["attempt"],),
        ).fetchall()
        answers = db.execute(
            "SELECT COUNT(*) FROM exam_answer WHERE attempt_id = ?", (attempt["attempt"],)
        ).fetchone()[0]
    # One attempt, handed in once, its multiple-choice answer scored, every question
    # with its Answer (the open one unanswered).
    assert attempts == [(1, 1)]
    assert answers == 2


def _static_url(page: bytes) -> str:
    match = re.search(rb'<link[^>]+href="(/static/[^"]+\.css)"', page)
    assert match, page[:2000]
    return match.group(1).decode()


def test_make_run_serves_the_login_page_and_its_static_files(server):
    login = request(server, "GET", "/login/")
    css = request(server, "GET", _static_url(login.body))

    assert login.status == 200
    assert css.status == 200
    assert css.headers["Content-Type"].startswith("text/css")


def test_without_debug_the_same_command_serves_the_collected_static_files(
    classroom, tmp_path_factory, collected_static
):
    db_path, _data = classroom
    tmp = tmp_path_factory.mktemp("production")
    env = app_env(db_path, DEBUG="0", SECRET_KEY="a-test-key-" + "x" * 40)
    # collectstatic's output with these settings (tests/conftest.py, once per run).
    env.update(STATIC_ROOT=str(collected_static), ALLOWED_HOSTS="127.0.0.1")

    with serving(serve_command(), env=env, log=tmp / "server.log") as production:
        login = request(production, "GET", "/login/")
        css_url = _static_url(login.body)
        css = request(production, "GET", css_url)

    assert login.status == 200
    # The manifest's fingerprinted name, served by whitenoise as immutable.
    assert re.search(r"\.[0-9a-f]{12}\.css$", css_url), css_url
    assert css.status == 200
    assert "immutable" in css.headers["Cache-Control"]
