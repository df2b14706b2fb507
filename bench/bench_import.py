"""Time the importer on the seed text: parsing alone, and parsing plus saving.

    .venv/bin/python -m bench.bench_import [--runs N]

Target: importing the seed (parse + save) under 50 ms. The parse part needs no
database and is timed first, so "cold" really is the first call in the process
(it includes loading the Dutch hyphenation dictionary). The save part runs on a
throwaway SQLite test database, never the developer's.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

SEED = (
    Path(__file__).resolve().parent.parent
    / "texts"
    / "samples"
    / "laat-de-brutalen-niet-voordringen.txt"
)
TARGET_MS = 50.0


def _ms(seconds: float) -> float:
    return seconds * 1000


def _median_ms(func, runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time of `runs` calls. On a shared machine the
    CPU time is the steadier figure: it leaves out time spent waiting for a core."""
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return _ms(statistics.median(wall)), _ms(statistics.median(cpu))


def bench_parse(raw: str, runs: int) -> dict:
    """Import, first call and warm calls of parse_text, in a process that has not
    parsed anything yet."""
    if "texts.parsing" in sys.modules:
        raise RuntimeError("texts.parsing was imported already: the cold time would lie")
    start = time.perf_counter()
    from texts import parsing

    imported = time.perf_counter()
    # What the first parse_text call does before anything else: load the Dutch
    # hyphenation dictionary (pyphen keeps it for the life of the process).
    parsing._dictionary()
    loaded = time.perf_counter()
    parsing.parse_text(raw)
    first = time.perf_counter()
    return {
        "import_ms": _ms(imported - start),
        "dictionary_ms": _ms(loaded - imported),
        "cold_ms": _ms(first - imported),
        "warm_ms": _median_ms(lambda: parsing.parse_text(raw), runs),
    }


def bench_save(raw: str, runs: int) -> dict:
    """import_text (parse + save) on a throwaway test database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")
    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    from texts.parsing import parse_text
    from texts.services import import_text, save_parsed_text

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        start = time.perf_counter()
        import_text(raw=raw)
        first = time.perf_counter() - start
        warm = _median_ms(lambda: import_text(raw=raw), runs)
        parsed = parse_text(raw)
        save_only = _median_ms(lambda: save_parsed_text(parsed=parsed, raw=raw), runs)
        lines = len(parsed.lines)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
    return {"first_ms": _ms(first), "warm_ms": warm, "save_ms": save_only, "lines": lines}


def main(runs: int = 20) -> dict:
    raw = SEED.read_text(encoding="utf-8")
    parse = bench_parse(raw, runs)
    save = bench_save(raw, runs)
    verdict = "OK" if save["warm_ms"][0] < TARGET_MS else "OVER"
    print(f"Seed: {SEED.name}, {save['lines']} lines; warm figures are medians of {runs}")
    print("parse_text")
    print(f"  import texts.parsing (pyphen)    {parse['import_ms']:8.1f} ms")
    print(f"  cold (first call in process)     {parse['cold_ms']:8.1f} ms")
    print(f"    of which the nl_NL dictionary  {parse['dictionary_ms']:8.1f} ms")
    print(f"  warm (median)                    {parse['warm_ms'][0]:8.1f} ms")
    print(f"  warm (median CPU time)           {parse['warm_ms'][1]:8.1f} ms")
    print("import_text (parse + save, SQLite test database)")
    print(f"  first call                       {save['first_ms']:8.1f} ms")
    print(
        f"  warm (median)                    {save['warm_ms'][0]:8.1f} ms"
        f"   target < {TARGET_MS:.0f} ms   {verdict}"
    )
    print(f"  warm (median CPU time)           {save['warm_ms'][1]:8.1f} ms")
    print(f"  save alone (median)              {save['save_ms'][0]:8.1f} ms")
    return {"parse": parse, "save": save}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20, help="warm runs (default 20)")
    main(parser.parse_args().runs)
