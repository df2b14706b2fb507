"""An exam morning: many pupils log in, make an exam and hand it in, over real HTTP.

    .venv/bin/python -m bench.load --pupils 300 --shape morning [--minutes 5]
    .venv/bin/python -m bench.load --pupils 150 --shape worst [--saves 20]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/load .venv/bin/python -m bench.load ...

Starts the app with the Makefile's own server command (gunicorn, config/gunicorn.conf.py,
`make run`'s settings) on a throwaway database: a temporary SQLite file, or, when
DATABASE_URL names PostgreSQL, the test database next to it (test_<name>, made and
dropped here, never the developer's). Traffic goes only to 127.0.0.1, the number of
requests is bounded and the run stops by itself (every pupil gives up at a deadline).

Setup (in its own process, through the services): a teacher, a class of N pupils who
share one password (hashed once, with the server's own hasher, so the logins cost what
they cost), the demo exam and an exam-mode assignment of it.

Each pupil does what the browser does: GET the login page (CSRF token), POST the login,
GET the assignments page, POST its start, GET the exam page (the forms, their
revisions and save URLs are read from it), autosave answers as static/js/exam/autosave.js does
(an htmx POST with the next revision; a failed save - no answer, a 5xx, a 403 - is
sent again after 1, 2, 4, 8, 15, 30 s with the next revision, the same fields), hand
in (only once every save is confirmed, as hand-in.js's flushSaves waits), GET the page it
lands on. Then every answer stored is compared with the last one each pupil sent.

Shapes:
- morning: every pupil logs in and starts within --start-within seconds (60), then
  saves one answer every --every seconds (10-20) for --minutes minutes (5), hands in.
- worst: no pauses: all log in at once and each sends --saves saves (20) back to back.

--kill-worker-after S sends SIGKILL to one gunicorn worker S seconds after the last
pupil opened the exam page (the master starts a new one): saves are in flight then,
and the run must still end with no error and no lost answer.

The report: p50/p95/max per step, errors per step (a request the browser would not
retry by itself that did not give the expected answer), retried saves, lost answers.
Exit status 1 on any error or lost answer.
"""

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from tests.live_app import ROOT, Server, app_env, serve_command, serving

# A request that failed on the way: refused, reset, timed out, or cut off mid-response.
NETWORK_ERRORS = (OSError, http.client.HTTPException)

PASSWORD = "ochtend-2026-examen"
# autosave.js: the pauses before a failed save is sent again, and htmx's timeout.
BACKOFF = [1, 2, 4, 8, 15, 30]
SAVE_TIMEOUT = 15
PAGE_TIMEOUT = 60
STEPS = ["login page", "log in", "assignments", "start", "exam page", "save", "hand in", "after"]
# The kinds whose answers the pupils type or click here, and how they are stored.
KINDS = {"open", "mc"}


# --- setup and reading back: run in their own process, with the app's settings -------


def _django(settings: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    import django

    django.setup()


def setup(*, pupils: int, minutes: float) -> dict:
    """The teacher, the class of `pupils`, the demo exam and its exam-mode assignment."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group, User
    from django.core.management import call_command

    from accounts.roles import PUPILS
    from accounts.services import ensure_user
    from exam.assignments import services as assignment_services
    from exam.classes import services as class_services
    from exam.demo import ensure_demo_exam
    from exam.models import Assignment, Membership

    call_command("migrate", verbosity=0, interactive=False)
    teacher, _ = ensure_user(username="load-docent", password=PASSWORD, role="teacher")
    exam, _created = ensure_demo_exam(author=teacher)
    classroom = class_services.create_classroom(teacher=teacher, name="Examenochtend")
    password = make_password(PASSWORD)  # once: the same hash for every pupil
    users = User.objects.bulk_create(
        User(
            username=f"load-{n:04d}", first_name="Leerling", last_name=f"{n:04d}", password=password
        )
        for n in range(pupils)
    )
    users = list(User.objects.filter(username__startswith="load-0").order_by("username"))
    group, _ = Group.objects.get_or_create(name=PUPILS)
    group.user_set.add(*users)
    Membership.objects.bulk_create(Membership(classroom=classroom, pupil=u) for u in users)
    assignment = assignment_services.assign_exam(
        classroom=classroom,
        exam=exam,
        teacher=teacher,
        mode=Assignment.Mode.EXAM,
        time_limit_minutes=int(minutes) + 30,
    )
    return {"assignment": assignment.pk, "usernames": [u.username for u in users]}


def stored(*, assignment: int) -> dict:
    """{username: {"submitted": bool, "answers": {number: [response, revision]}}}."""
    from exam.models import Answer, Attempt

    result = {
        username: {"submitted": submitted_at is not None, "answers": {}}
        for username, submitted_at in Attempt.objects.filter(assignment_id=assignment).values_list(
            "pupil__username", "submitted_at"
        )
    }
    rows = Answer.objects.filter(attempt__assignment_id=assignment).values_list(
        "attempt__pupil__username", "question__number", "response", "revision"
    )
    for username, number, response, revision in rows:
        result[username]["answers"][str(number)] = [response, revision]
    return result


def _in_subprocess(env: dict, *args: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.json"
        subprocess.run(
            [sys.executable, "-m", "bench.load", *args, "--out", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=600,
        )
        return json.loads(out.read_text(encoding="utf-8"))


# --- one pupil's browser --------------------------------------------------------------


class Failed(Exception):
    """A request that did not get the answer the page expects."""


@dataclass
class Browser:
    server: Server
    cookies: dict = field(default_factory=dict)

    def send(self, method, path, *, fields=None, htmx=False, timeout=PAGE_TIMEOUT):
        """One request with this browser's cookies; returns (status, headers, body)."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if htmx:
            headers["HX-Request"] = "true"
        connection = http.client.HTTPConnection(self.server.host, self.server.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read()
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    self.cookies[key.strip()] = rest.split(";", 1)[0]
            return response.status, {k.lower(): v for k, v in response.getheaders()}, data
        finally:
            connection.close()


@dataclass
class Form:
    number: int
    kind: str
    revision: int
    url: str
    options: list


def read_exam_page(html: str, page_url: str) -> tuple[list[Form], str]:
    """The answer forms (as autosave.js finds them) and the CSRF token on the exam page."""
    forms = []
    for match in re.finditer(r'<form class="exam-answer"[^>]*>.*?</form>', html, re.DOTALL):
        tag = match.group(0)
        attr = dict(re.findall(r'([\w-]+)="([^"]*)"', tag.split(">", 1)[0]))
        forms.append(
            Form(
                number=int(attr["data-number"]),
                kind=attr["data-kind"],
                revision=int(attr["data-revision"]),
                url=page_url + attr["hx-post"],
                options=re.findall(r'type="radio" name="value" value="([^"]+)"', tag),
            )
        )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return forms, token


@dataclass
class Pupil:
    index: int
    username: str
    browser: Browser
    timings: dict = field(default_factory=lambda: defaultdict(list))
    errors: list = field(default_factory=list)
    retries: int = 0
    sent: dict = field(default_factory=dict)  # question number -> last value sent
    saving: bool = False
    handed_in: bool = False
    # When each step was sent and answered (time.monotonic): the logins' spread.
    sent_at: dict = field(default_factory=dict)
    answered_at: dict = field(default_factory=dict)


class Run:
    def __init__(self, *, server, data, args):
        self.server = server
        self.data = data
        self.args = args
        self.started = time.monotonic()
        # Pupils past the exam page (saving, or failed before it): when all are, the
        # worker may be killed with only saves in flight.
        self.ready = 0
        self.lock = threading.Lock()
        self.all_saving = threading.Event()
        # Every pupil stops at this moment, whatever it is doing.
        self.deadline = self.started + args.start_within + args.minutes * 60 + 180
        if args.shape == "worst":
            self.deadline = self.started + 600

    def timed(self, pupil: Pupil, step: str, send, *, expect) -> tuple:
        started = time.monotonic()
        pupil.sent_at.setdefault(step, started)
        try:
            status, headers, body = send()
        except NETWORK_ERRORS as error:
            pupil.timings[step].append(time.monotonic() - started)
            raise Failed(f"{step}: {type(error).__name__}: {error}") from error
        pupil.timings[step].append(time.monotonic() - started)
        pupil.answered_at[step] = time.monotonic()
        if status not in expect:
            raise Failed(f"{step}: HTTP {status}")
        return status, headers, body

    def save(self, pupil: Pupil, form: Form, value: str, token: str) -> None:
        """One autosave as autosave.js sends it, sent again with the next revision until the
        server confirms it (or refuses it: 409/422, which the page shows, not retries)."""
        pupil.sent[form.number] = value
        failures = 0
        while True:
            form.revision += 1
            fields = {"csrfmiddlewaretoken": token, "value": value, "revision": form.revision}
            started = time.monotonic()
            try:
                status, headers, _body = pupil.browser.send(
                    "POST", form.url, fields=fields, htmx=True, timeout=SAVE_TIMEOUT
                )
            except NETWORK_ERRORS:
                # No answer, or half of one (a worker killed mid-response): autosave.js
                # sees a failed request and sends the answer again.
                status, headers = 0, {}
            pupil.timings["save"].append(time.monotonic() - started)
            if 200 <= status < 300:
                stored_revision = int(headers.get("x-answer-revision", "0"))
                form.revision = max(form.revision, stored_revision)
                return
            if status in (409, 422):
                raise Failed(f"save: HTTP {status} (refused)")
            pause = BACKOFF[min(failures, len(BACKOFF) - 1)]
            failures += 1
            pupil.retries += 1
            if time.monotonic() + pause > self.deadline:
                raise Failed(f"save: still failing at the deadline (HTTP {status})")
            time.sleep(pause)

    def value_for(self, pupil: Pupil, form: Form, count: int) -> str:
        if form.kind == "mc":
            return random.choice(form.options)
        return f"{pupil.username} schrijft bij vraag {form.number}, keer {count}: zij dringen voor."

    def count_ready(self) -> None:
        with self.lock:
            self.ready += 1
            if self.ready == len(self.data["usernames"]):
                self.all_saving.set()

    def pupil(self, pupil: Pupil, start_at: float) -> None:
        try:
            self.make_exam(pupil, start_at)
        finally:
            if not pupil.saving:
                self.count_ready()

    def make_exam(self, pupil: Pupil, start_at: float) -> None:
        browser = pupil.browser
        assignment = self.data["assignment"]
        time.sleep(max(0.0, start_at - time.monotonic()))
        try:
            _s, _h, body = self.timed(
                pupil, "login page", lambda: browser.send("GET", "/login/"), expect={200}
            )
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
            login = {
                "csrfmiddlewaretoken": token.decode(),
                "username": pupil.username,
                "password": PASSWORD,
            }
            self.timed(
                pupil, "log in", lambda: browser.send("POST", "/login/", fields=login), expect={302}
            )
            if "sessionid" not in browser.cookies:
                raise Failed("log in: no session")
            _s, _h, body = self.timed(
                pupil,
                "assignments",
                lambda: browser.send("GET", "/me/assignments/"),
                expect={200},
            )
            token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
            _s, headers, _b = self.timed(
                pupil,
                "start",
                lambda: browser.send(
                    "POST",
                    f"/me/assignments/{assignment}/start/",
                    fields={"csrfmiddlewaretoken": token.decode()},
                ),
                expect={302},
            )
            page_url = urlsplit(headers["location"]).path
            if not page_url.startswith("/pupil/attempts/"):
                raise Failed(f"start: went to {page_url}")
            _s, _h, body = self.timed(
                pupil, "exam page", lambda: browser.send("GET", page_url), expect={200}
            )
            forms, token = read_exam_page(body.decode(), page_url)
            forms = [f for f in forms if f.kind in KINDS]
            pupil.saving = True
            self.count_ready()
            count = 0
            if self.args.shape == "worst":
                for count in range(1, self.args.saves + 1):
                    form = random.choice(forms)
                    self.save(pupil, form, self.value_for(pupil, form, count), token)
            else:
                low, high = self.args.every
                stop = time.monotonic() + self.args.minutes * 60
                while True:
                    pause = random.uniform(low, high)
                    if time.monotonic() + pause > stop:
                        break
                    time.sleep(pause)
                    count += 1
                    form = random.choice(forms)
                    self.save(pupil, form, self.value_for(pupil, form, count), token)
            submit = page_url + "submit/"
            _s, headers, _b = self.timed(
                pupil,
                "hand in",
                lambda: browser.send("POST", submit, fields={"csrfmiddlewaretoken": token}),
                expect={302},
            )
            pupil.handed_in = True
            after = urlsplit(headers["location"]).path
            self.timed(pupil, "after", lambda: browser.send("GET", after), expect={200})
        except Failed as failed:
            pupil.errors.append(str(failed))
        except Exception as error:  # noqa: BLE001 - a page we could not read is an error
            pupil.errors.append(f"{type(error).__name__}: {error}")


# --- the run -------------------------------------------------------------------------


def kill_one_worker(master_pid: int) -> int:
    """SIGKILL one of the gunicorn master's workers; returns its pid."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    pid = int(children[0])
    os.kill(pid, signal.SIGKILL)
    return pid


def drive(*, server: Server, data: dict, args, events: list) -> list[Pupil]:
    """Every pupil in a thread of its own; returns them when all have finished."""
    run = Run(server=server, data=data, args=args)
    pupils = [Pupil(i, name, Browser(server)) for i, name in enumerate(data["usernames"])]
    window = args.start_within if args.shape == "morning" else 0
    threads = [
        threading.Thread(
            target=run.pupil, args=(p, run.started + random.uniform(0, window)), daemon=True
        )
        for p in pupils
    ]
    for thread in threads:
        thread.start()
    if args.kill_worker_after is not None:
        run.all_saving.wait(timeout=max(0.0, run.deadline - time.monotonic()))
        time.sleep(args.kill_worker_after)
        killed = kill_one_worker(server.pid)
        event = f"killed gunicorn worker {killed} at {time.monotonic() - run.started:.1f} s"
        events.append(event)
        print(event)
    for thread in threads:
        thread.join(timeout=max(1.0, run.deadline + 30 - time.monotonic()))
    return pupils


def compare(pupils: list[Pupil], stored_answers: dict) -> list[str]:
    """Each answer a pupil sent last that is not what the database holds."""
    lost = []
    for pupil in pupils:
        held = stored_answers.get(pupil.username, {"answers": {}, "submitted": False})
        for number, value in sorted(pupil.sent.items()):
            response = held["answers"].get(str(number), [None])[0]
            if response != value:
                lost.append(
                    f"{pupil.username} question {number}: sent {value!r}, stored {response!r}"
                )
        if pupil.handed_in and not held["submitted"]:
            lost.append(f"{pupil.username}: handed in, but the attempt is not")
    return lost


def report(pupils: list[Pupil], lost: list[str], seconds: float) -> dict:
    timings = defaultdict(list)
    for pupil in pupils:
        for step, values in pupil.timings.items():
            timings[step] += values
    errors = [e for p in pupils for e in p.errors]
    summary = {
        "pupils": len(pupils),
        "seconds": round(seconds, 1),
        "steps": {},
        "errors": errors,
        "retried_saves": sum(p.retries for p in pupils),
        "handed_in": sum(p.handed_in for p in pupils),
        "answers_sent": sum(len(p.sent) for p in pupils),
        "lost": lost,
    }
    print(f"{len(pupils)} pupils, {seconds:.0f} s")
    print(f"  {'step':<12} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for step in STEPS:
        values = sorted(timings.get(step, []))
        if not values:
            continue
        p50 = statistics.median(values) * 1000
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))] * 1000
        top = values[-1] * 1000
        summary["steps"][step] = {"count": len(values), "p50": p50, "p95": p95, "max": top}
        print(f"  {step:<12} {len(values):>6} {p50:>8.0f} {p95:>8.0f} {top:>8.0f}")
    logins = sorted(p.timings["log in"][-1] for p in pupils if p.timings.get("log in"))
    print(f"  handed in: {summary['handed_in']} of {len(pupils)}")
    print(f"  errors: {len(errors)} {sorted({e[:60] for e in errors})[:5]}")
    print(f"  saves sent again after a failure (as autosave.js does): {summary['retried_saves']}")
    print(f"  answers compared: {summary['answers_sent']}, lost: {len(lost)} {lost[:5]}")
    if logins:
        summary["login_max"] = logins[-1]
    sent = [p.sent_at["login page"] for p in pupils if "login page" in p.sent_at]
    done = [p.answered_at["log in"] for p in pupils if "log in" in p.answered_at]
    if sent and done:
        # From the first pupil's first request to the last pupil's login answered.
        summary["logins_within"] = max(done) - min(sent)
        print(
            f"  logins: {len(done)} of {len(pupils)} done within"
            f" {summary['logins_within']:.0f} s of the first request"
        )
    return summary


def _postgres(database_url: str, action: str) -> str:
    """Make (or drop) the throwaway database test_<name> next to DATABASE_URL's."""
    parts = urlsplit(database_url)
    name = "test_" + parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    statements = [f'DROP DATABASE IF EXISTS "{name}"']
    if action == "create":
        statements.append(f'CREATE DATABASE "{name}"')
    script = (
        "import psycopg, sys\n"
        "with psycopg.connect(sys.argv[1], autocommit=True) as c:\n"
        "    for statement in sys.argv[2:]:\n"
        "        c.execute(statement)\n"
    )
    subprocess.run([sys.executable, "-c", script, admin, *statements], check=True, timeout=120)
    return parts._replace(path=f"/{name}").geturl()


def main_run(args) -> dict:
    database_url = args.database_url or os.environ.get("DATABASE_URL", "")
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if database_url.startswith("postgres"):
            url = _postgres(database_url, "create")
            env = app_env(tmp / "unused.sqlite3", DATABASE_URL=url)
        else:
            url = ""
            env = app_env(tmp / "load.sqlite3")
        if args.fast_hasher:
            # The test settings' hasher: the short CI run is about errors and lost
            # answers, not about the cost of a password check.
            env["DJANGO_SETTINGS_MODULE"] = "config.settings_test"
        try:
            setup_args = ["setup", "--pupils", str(args.pupils), "--minutes", str(args.minutes)]
            data = _in_subprocess(env, *setup_args)
            with serving(serve_command(), env=env, log=tmp / "server.log") as server:
                print(f"serving on {server.host}:{server.port}, {args.pupils} pupils, {args.shape}")
                started = time.monotonic()
                events = []
                pupils = drive(server=server, data=data, args=args, events=events)
                seconds = time.monotonic() - started
                log = server.log_tail()
            held = _in_subprocess(env, "stored", "--assignment", str(data["assignment"]))
        finally:
            if url:
                _postgres(database_url, "drop")
    lost = compare(pupils, held)
    summary = report(pupils, lost, seconds)
    summary["server_log"] = log
    summary["events"] = events
    return summary


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="run", choices=["run", "setup", "stored"])
    parser.add_argument("--pupils", type=int, default=30)
    parser.add_argument("--shape", choices=["morning", "worst"], default="morning")
    parser.add_argument("--minutes", type=float, default=5.0, help="saving time (morning)")
    parser.add_argument("--start-within", type=float, default=60.0, help="seconds (morning)")
    parser.add_argument(
        "--every",
        type=lambda s: tuple(float(x) for x in s.split("-")),
        default=(10.0, 20.0),
        help="seconds between a pupil's saves, as LOW-HIGH (morning)",
    )
    parser.add_argument("--saves", type=int, default=20, help="saves per pupil (worst)")
    parser.add_argument("--kill-worker-after", type=float, default=None, metavar="SECONDS")
    parser.add_argument("--database-url", default="", help="else DATABASE_URL, else SQLite")
    parser.add_argument("--fast-hasher", action="store_true", help="the test settings' hasher")
    parser.add_argument("--assignment", type=int)
    parser.add_argument("--out")
    parser.add_argument("--json", help="write the summary here")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    if args.command == "setup":
        _django(os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"))
        data = setup(pupils=args.pupils, minutes=args.minutes)
        Path(args.out).write_text(json.dumps(data), encoding="utf-8")
        return 0
    if args.command == "stored":
        _django(os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"))
        Path(args.out).write_text(json.dumps(stored(assignment=args.assignment)), encoding="utf-8")
        return 0
    summary = main_run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(summary, indent=1), encoding="utf-8")
    return 1 if summary["errors"] or summary["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
