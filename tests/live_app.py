"""The real app on a throwaway SQLite file, served the way `make run` serves it.

For tests/test_serving.py, and to measure a class saving at once:

    .venv/bin/python -m tests.live_app [--server gunicorn|runserver] [--pupils 30] [--rounds 5]

`seed` (run in a subprocess with the test settings, for their fast password hasher)
migrates a new database file and makes a small exam, pupils with a started attempt
each and a logged-in session each. The server runs in another process, with the
settings `make run` uses (DEBUG=1) on that file. Requests are plain HTTP from threads
that a barrier releases together, as a class clicking "save" at the same moment.
"""

import argparse
import http.client
import json
import os
import re
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
SEED_PATH = ROOT / "texts" / "samples" / "laat-de-brutalen-niet-voordringen.txt"
# An unmasked CSRF secret: the cookie and the header carry the same one.
CSRF = "LeesexamensLiveAppCsrfSecret2026"


def serve_command() -> list[str]:
    """The Makefile's SERVE command line, with this interpreter's virtualenv."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    line = re.search(r"^SERVE\s*:?=\s*(.+)$", makefile, re.MULTILINE).group(1)
    bin_dir = str(Path(sys.executable).parent)
    return shlex.split(line.replace("$(VENV)/bin", bin_dir))


def runserver_command() -> list[str]:
    """`make dev`'s server (what `make run` was before), for comparison."""
    return [sys.executable, "manage.py", "runserver", "--noreload"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def app_env(db_path: Path, **extra: str) -> dict[str, str]:
    """The environment `make run` gives the app, on the database file `db_path`."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update({"DEBUG": "1", "DATABASE_URL": f"sqlite:///{db_path}"}, **extra)
    return env


# --- the data: runs in its own process --------------------------------------------


def seed(*, db_path: Path, pupils: int) -> dict:
    """Migrate a new database at `db_path` and fill it; returns what the client needs.

    `pupils` pupils with a started attempt and a session each, and one more pupil
    (`handing_in`) whose attempt has an answer and is ready to be handed in.
    """
    os.environ.update(
        {"DJANGO_SETTINGS_MODULE": "config.settings_test", "DATABASE_URL": f"sqlite:///{db_path}"}
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from accounts.services import ensure_user
    from exam import services
    from exam.models import Attempt
    from tests.exam_builders import make_exam
    from texts.services import import_text

    call_command("migrate", verbosity=0, interactive=False)
    teacher, _ = ensure_user(username="docent", password="docent-2026", role="teacher")
    text = import_text(raw=SEED_PATH.read_text(encoding="utf-8"), uploaded_by=teacher, publish=True)
    exam = make_exam(teacher, text)
    mc, open_question = exam.questions.order_by("number")

    def session_for(user) -> str:
        client = Client()
        client.force_login(user)
        return client.cookies["sessionid"].value

    people = []
    for number in range(pupils + 1):
        user, _ = ensure_user(username=f"leerling{number:02}", password="x", role="pupil")
        attempt = services.start_attempt(pupil=user, exam=exam)
        people.append({"session": session_for(user), "attempt": attempt.pk})
    handing_in = people.pop()
    services.save_answer(
        attempt=Attempt.objects.get(pk=handing_in["attempt"]), question=mc, value="B"
    )
    return {
        "mc": mc.pk,
        "open": open_question.pk,
        "pupils": people,
        "handing_in": handing_in,
    }


def seed_in_subprocess(*, db_path: Path, pupils: int) -> dict:
    out = db_path.with_suffix(".json")
    subprocess.run(
        [sys.executable, "-m", "tests.live_app", "seed", str(db_path), str(pupils), str(out)],
        cwd=ROOT,
        check=True,
        timeout=120,
    )
    return json.loads(out.read_text(encoding="utf-8"))


# --- the server ---------------------------------------------------------------------


@dataclass
class Server:
    host: str
    port: int
    log: Path
    pid: int = 0  # the server's process (gunicorn's master)

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-3000:]


@contextmanager
def serving(command: list[str], *, env: dict[str, str], log: Path):
    """Start `command` on a free port, wait until it answers, stop it afterwards."""
    port = free_port()
    if command[0].endswith("gunicorn"):
        command = [*command, "--bind", f"127.0.0.1:{port}"]
    else:
        command = [*command, f"127.0.0.1:{port}"]
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
    server = Server("127.0.0.1", port, log, process.pid)
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server exited:\n{server.log_tail()}")
            try:
                if request(server, "GET", "/login/").status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer:\n{server.log_tail()}")
            time.sleep(0.1)
        yield server
    finally:
        # SIGINT to the server's own process: gunicorn's quick shutdown (no wait for
        # idle keep-alive connections), which gunicorn passes on to its workers. Sent to
        # the whole process group instead, a worker got it twice (from us and from its
        # master) and, on busy cores, one time in three hung until the 15 s below ran
        # out (docs/performance.md, "Test suite speed").
        process.send_signal(signal.SIGINT)
        with suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)
        with suppress(ProcessLookupError):  # whatever is left of the group
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


# --- the pupils' browsers -----------------------------------------------------------


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes


def request(server: Server, method: str, path: str, *, session="", fields=None, htmx=False):
    headers = {"Cookie": f"csrftoken={CSRF}" + (f"; sessionid={session}" if session else "")}
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
        return Reply(response.status, dict(response.getheaders()), response.read())
    finally:
        connection.close()


def all_at_once(count: int, send) -> list:
    """send(i) for i in range(count), from `count` threads released together.

    Each result is the Reply, or the exception (a dropped connection) as a string.
    """
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = send(i)
        except Exception as error:  # noqa: BLE001 - a dropped connection is a result here
            results[i] = f"{type(error).__name__}: {error}"

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def answer_text(pupil: int, round_: int) -> str:
    return f"Leerling {pupil} schrijft in ronde {round_}: ze dringen voor en worden beloond."


def save_all(server: Server, data: dict, *, round_: int) -> list:
    """Every pupil saves their open answer (revision `round_`) at the same moment."""

    def send(i: int):
        pupil = data["pupils"][i]
        return request(
            server,
            "POST",
            f"/pupil/attempts/{pupil['attempt']}/answers/{data['open']}/",
            session=pupil["session"],
            fields={"value": answer_text(i, round_), "revision": round_},
            htmx=True,
        )

    return all_at_once(len(data["pupils"]), send)


def hand_in_all(server: Server, data: dict, *, count: int) -> list:
    """The `handing_in` pupil's attempt handed in `count` times at the same moment."""
    pupil = data["handing_in"]
    path = f"/pupil/attempts/{pupil['attempt']}/submit/"
    return all_at_once(
        count, lambda _i: request(server, "POST", path, session=pupil["session"], fields={})
    )


def stored_answers(db_path: Path, question_pk: int) -> dict[int, tuple[str, int]]:
    """{attempt pk: (response, revision)} for one question, read from the file."""
    with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT attempt_id, response, revision FROM exam_answer WHERE question_id = ?",
            (question_pk,),
        ).fetchall()
    return {attempt: (json.loads(response), revision) for attempt, response, revision in rows}


def is_error(result) -> bool:
    return not isinstance(result, Reply) or result.status >= 500


# --- measuring ----------------------------------------------------------------------


def measure(*, server_name: str, pupils: int, rounds: int) -> None:
    command = serve_command() if server_name == "gunicorn" else runserver_command()
    with tempfile.TemporaryDirectory() as tmp:
        db_path = Path(tmp) / "class.sqlite3"
        data = seed_in_subprocess(db_path=db_path, pupils=pupils)
        with serving(command, env=app_env(db_path), log=Path(tmp) / "server.log") as server:
            total = 0
            for round_ in range(1, rounds + 1):
                started = time.monotonic()
                results = save_all(server, data, round_=round_)
                seconds = time.monotonic() - started
                errors = [r if isinstance(r, str) else r.status for r in results if is_error(r)]
                stored = stored_answers(db_path, data["open"])
                kept = sum(
                    stored.get(p["attempt"]) == (answer_text(i, round_), round_)
                    for i, p in enumerate(data["pupils"])
                )
                total += len(errors)
                kinds = sorted({str(e)[:40] for e in errors})
                print(
                    f"round {round_}: {len(errors)} of {pupils} saves failed, {kept} stored, "
                    f"{seconds * 1000:.0f} ms {kinds if kinds else ''}"
                )
            print(f"{server_name}: {total} of {pupils * rounds} saves failed")
            hand_ins = hand_in_all(server, data, count=8)
            print(f"8 hand-ins of one attempt at once: {_statuses(hand_ins)}")


def _statuses(results) -> str:
    return ", ".join(str(r.status) if isinstance(r, Reply) else r[:40] for r in results)


def main() -> None:
    if sys.argv[1:2] == ["seed"]:
        db_path, pupils, out = sys.argv[2:5]
        data = seed(db_path=Path(db_path), pupils=int(pupils))
        Path(out).write_text(json.dumps(data), encoding="utf-8")
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", choices=["gunicorn", "runserver"], default="gunicorn")
    parser.add_argument("--pupils", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    measure(server_name=args.server, pupils=args.pupils, rounds=args.rounds)


if __name__ == "__main__":
    main()
