"""Time one autosave against a trivial view behind login, in the same process.

    .venv/bin/python -m bench.bench_autosave [--runs N]

Target (issue 14, section 1): an autosave (the htmx POST autosave.js sends: an open
answer with the next revision, the status fragment back) costs at most 2x a trivial
view behind login (session and user loaded, bytes from memory), with fewer queries.
Both go through the same test client and middleware, interleaved, and are timed in
CPU time of this process (time.process_time): other work on a shared machine slows
the wall clock of both, but hardly their CPU time. Runs on a throwaway test database, never the developer's.
"""

import argparse
import os
import statistics
import time
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402

from bench.baseline import BARE, ms  # noqa: E402

RATIO_TARGET = 2.0


def bench_autosave(runs: int) -> dict:
    from accounts.services import ensure_user
    from exam import services
    from exam.demo import ensure_demo_exam

    teacher, _ = ensure_user(username="bench-docent", password="bench-pass-123", role="teacher")
    pupil, _ = ensure_user(username="bench-leerling", password="bench-pass-123", role="pupil")
    exam, _created = ensure_demo_exam(author=teacher)
    attempt = services.start_attempt(pupil=pupil, exam=exam)
    question = exam.questions.filter(kind="open").order_by("number").first()
    client = Client()
    client.force_login(pupil)
    url = f"/pupil/attempts/{attempt.pk}/answers/{question.pk}/"
    revision = 0

    def save():
        nonlocal revision
        revision += 1
        # Form-encoded, as htmx sends it (the test client's default is multipart).
        response = client.post(
            url,
            urlencode({"value": f"Zij dringen voor, keer {revision}.", "revision": revision}),
            content_type="application/x-www-form-urlencoded",
            HTTP_HX_REQUEST="true",
        )
        assert response.status_code == 200, response.status_code
        return response

    BARE.html = save().content

    def bare():
        response = client.get("/__bench__/bare-logged-in/")
        assert response.status_code == 200, response.status_code

    for _ in range(20):
        save()
        bare()
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        save()
    times = {"save": [], "bare": []}
    for _ in range(runs):
        for name, probe in (("save", save), ("bare", bare)):
            start = time.process_time()
            probe()
            times[name].append(time.process_time() - start)
    save_ms = ms(statistics.median(times["save"]))
    bare_ms = ms(statistics.median(times["bare"]))
    return {
        "save_ms": save_ms,
        "bare_logged_in_ms": bare_ms,
        "ratio": save_ms / bare_ms,
        "queries": len(queries),
        "sql": [sql[:90] for sql in queries],
    }


def main(runs: int = 300) -> dict:
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(ROOT_URLCONF="bench.baseline", DEBUG=False):
            result = bench_autosave(runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print(f"One autosave (an open answer, htmx), median of {runs}")
    print(f"  autosave                          {result['save_ms']:7.2f} ms")
    print(f"  trivial view behind login         {result['bare_logged_in_ms']:7.2f} ms")
    verdict = "OK" if result["ratio"] <= RATIO_TARGET else "OVER"
    print(f"  autosave / trivial view           {result['ratio']:7.2f}   target <= 2: {verdict}")
    print(f"  SQL queries per autosave          {result['queries']:7d}")
    for sql in result["sql"]:
        print(f"    {sql}")
    return result


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300, help="requests of each (default 300)")
    main(parser.parse_args().runs)
