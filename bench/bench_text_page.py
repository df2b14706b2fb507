"""Time importing the seed and serving its text page.

    .venv/bin/python -m bench.bench_text_page [--runs N]

Targets (issue 2, section 9): importing the seed (parse + save) under 50 ms; the
text page's server time at most 2x that of a bare Django view returning the same
HTML from memory, measured in the same run through the same client and middleware.
Runs on a throwaway test database, never the developer's.
"""

import argparse
import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")

import django  # noqa: E402
import pyphen  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import override_settings, setup_test_environment  # noqa: E402

from bench.baseline import BARE, ms, time_page_against_baselines  # noqa: E402
from bench.timing import time_calls  # noqa: E402

SEED = (
    Path(__file__).resolve().parent.parent
    / "texts"
    / "samples"
    / "laat-de-brutalen-niet-voordringen.txt"
)
IMPORT_TARGET_MS = 50.0
RATIO_TARGET = 2.0


def bench_import(raw: str, runs: int) -> dict:
    from texts.parsing import parse_text
    from texts.services import save_parsed_text

    def parse_and_save():
        save_parsed_text(parsed=parse_text(raw), raw=raw)

    start = time.perf_counter()
    parse_and_save()
    cold = time.perf_counter() - start
    warm = time_calls(parse_and_save, runs)
    # Most of a cold import is reading the Dutch hyphenation dictionary, once per
    # process; time that load alone.
    pyphen.hdcache.clear()
    start = time.perf_counter()
    pyphen.Pyphen(lang="nl_NL")
    dictionary = time.perf_counter() - start
    parse_only = time_calls(lambda: parse_text(raw), runs)
    parsed = parse_text(raw)
    save_only = time_calls(lambda: save_parsed_text(parsed=parsed, raw=raw), runs)
    return {
        "cold_ms": ms(cold),
        "dictionary_ms": ms(dictionary),
        "warm_ms": ms(statistics.median(warm)),
        "parse_ms": ms(statistics.median(parse_only)),
        "save_ms": ms(statistics.median(save_only)),
    }


def bench_page(raw: str, runs: int) -> dict:

    from accounts.services import ensure_user
    from texts.services import import_text, publish_text

    admin, _created = ensure_user(username="bench-admin", password="bench-pass-123", role="admin")
    text = publish_text(text=import_text(raw=raw, uploaded_by=admin))
    client = Client()
    client.force_login(admin)
    url = f"/texts/{text.pk}/"

    result = time_page_against_baselines(client, url, runs)
    return {
        **result,
        "ratio": result["page_ms"] / result["bare_ms"],
        "bytes": len(BARE.html),
        "lines": text.lines.count(),
    }


def main(runs: int = 200) -> dict:
    from django.db import connection

    raw = SEED.read_text(encoding="utf-8")
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(ROOT_URLCONF="bench.baseline", DEBUG=False):
            imported = bench_import(raw, max(runs // 10, 10))
            served = bench_page(raw, runs)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print("Seed import (parse + save)")
    print(f"  cold (first in process)   {imported['cold_ms']:8.1f} ms")
    print(f"    loading the hyphenation dictionary alone {imported['dictionary_ms']:6.1f} ms")
    print(
        f"  warm (median)             {imported['warm_ms']:8.1f} ms"
        f"   target < {IMPORT_TARGET_MS:.0f} ms"
        f"   {'OK' if imported['warm_ms'] < IMPORT_TARGET_MS else 'OVER'}"
    )
    print(f"  parse alone (median)      {imported['parse_ms']:8.1f} ms")
    print(f"  save alone (median)       {imported['save_ms']:8.1f} ms")
    print(f"Text page, {served['lines']} lines, {served['bytes']} bytes, median of {runs}")
    page = served["page_ms"]
    rows = [
        ("text page", page),
        ("text page, booklet not cached", served["page_uncached_ms"]),
        ("bare view, same HTML from memory", served["bare_ms"]),
        ("  the same behind login", served["bare_logged_in_ms"]),
        ("empty page of this site (base.html)", served["empty_page_ms"]),
    ]
    for label, value in rows:
        ratio = "" if value == page else f"   text page / this = {page / value:5.2f}"
        print(f"  {label:<37} {value:7.2f} ms{ratio}")
    print(
        f"  target: text page <= {RATIO_TARGET:.1f} x bare view:"
        f" {'OK' if served['ratio'] <= RATIO_TARGET else 'OVER'} ({served['ratio']:.2f})"
    )
    return {**imported, **served}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200, help="requests per page (default 200)")
    main(parser.parse_args().runs)
