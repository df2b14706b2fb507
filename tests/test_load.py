"""The exam morning, short: real pupils over real HTTP lose no answer (bench/load.py).

The app runs as `make run` serves it (gunicorn, config/gunicorn.conf.py) on a
throwaway SQLite file, even when DATABASE_URL names PostgreSQL: the short run is about
the default setup; `python -m bench.load` runs the long one on either. The server
uses the test settings' password hasher, so 30 logins do not eat the shared cores:
these tests count errors and lost answers, the benchmark measures the logins.

A run is 20 seconds of pupils pausing between saves, so the two runs go at once, each
with a server and a database of its own (the `runs` fixture); the module stays on one
pytest-xdist worker (tests/conftest.py, SHARE_SERVERS).
"""

from concurrent.futures import ThreadPoolExecutor

import pytest

from bench import load

# The scenarios: the options of each run.
SCENARIOS = {"plain": {}, "killed worker": {"kill_worker_after": 1}}


def _run(**options):
    argv = ["--pupils", "30", "--minutes", "0.25", "--start-within", "3", "--every", "1-2"]
    for name, value in options.items():
        argv += [f"--{name.replace('_', '-')}", str(value)]
    args = load.parse_args([*argv, "--fast-hasher", "--database-url", "sqlite://"])
    return load.main_run(args)


@pytest.fixture(scope="module")
def runs():
    """{scenario: a future of its summary}, both started at once when first asked for."""
    with ThreadPoolExecutor(max_workers=len(SCENARIOS)) as pool:
        yield {name: pool.submit(_run, **options) for name, options in SCENARIOS.items()}


def _failures(summary) -> str:
    return f"{summary['errors'][:5]} {summary['lost'][:5]}\n{summary['server_log']}"


def test_thirty_pupils_make_the_exam_with_no_error_and_no_lost_answer(runs):
    summary = runs["plain"].result()

    assert summary["errors"] == [], _failures(summary)
    assert summary["lost"] == [], _failures(summary)
    assert summary["handed_in"] == 30
    # Every pupil answered something, and every answer sent was compared.
    assert summary["answers_sent"] >= 30
    assert summary["steps"]["save"]["count"] >= 150


def test_a_killed_worker_costs_no_answer_the_page_does_not_save_again(runs):
    # Killed once every pupil is saving: saves in flight fail and are sent again.
    summary = runs["killed worker"].result()

    assert summary["errors"] == [], _failures(summary)
    assert summary["lost"] == [], _failures(summary)
    assert summary["handed_in"] == 30
    assert "killed gunicorn worker" in summary["events"][0]


def test_the_comparison_finds_an_answer_the_database_does_not_hold():
    pupil = load.Pupil(0, "load-0000", load.Browser(server=None))
    pupil.sent = {2: "het tweede antwoord", 7: "B"}
    pupil.handed_in = True
    held = {
        "load-0000": {
            "submitted": True,
            "answers": {"2": ["het eerste antwoord", 3], "7": ["B", 1]},
        }
    }

    assert load.compare([pupil], held) == [
        "load-0000 question 2: sent 'het tweede antwoord', stored 'het eerste antwoord'"
    ]
