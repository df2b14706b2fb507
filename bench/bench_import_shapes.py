"""Time and peak memory of the importer on 1 MB and on the longest text it reads, per shape.

    .venv/bin/python -m bench.bench_import_shapes

Target (issue 8): a 1 MB file of any shape imports or is refused in under 5 s and
300 MB. Each shape runs in a fresh process, so one shape's memory does not hide in
another's; time is CPU time (steadier on a shared machine), memory the tracemalloc
peak of a second run (tracemalloc slows the run it watches) and the process's
maximum resident size.
"""

import json
import resource
import subprocess
import sys
import time
import tracemalloc

from bench.import_shapes import SHAPES

ONE_MB = 1024 * 1024
TARGET_S = 5.0
TARGET_MB = 300


def measure(shape: str, size: int) -> dict:
    from texts.parsing import ParseError, parse_text, warm_up

    warm_up()
    text = SHAPES[shape](size)

    def run() -> str:
        try:
            return f"{len(parse_text(text).lines)} lines"
        except ParseError as error:
            return error.code

    start = time.process_time()
    outcome = run()
    seconds = time.process_time() - start
    tracemalloc.start()
    run()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "chars": len(text),
        "outcome": outcome,
        "s": seconds,
        "peak_mb": peak / 2**20,
        "rss_mb": rss_mb,
    }


def main() -> int:
    from texts.parsing import MAX_CHARACTERS

    over = 0
    print(
        f"{'shape':32} {'size':>9} {'chars':>9} {'CPU s':>7} {'peak MB':>8} {'RSS MB':>7}  outcome"
    )
    for size in (ONE_MB, MAX_CHARACTERS - 100):
        for shape in SHAPES:
            out = subprocess.run(
                [sys.executable, "-m", "bench.bench_import_shapes", "--one", shape, str(size)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout)
            ok = r["s"] < TARGET_S and r["peak_mb"] < TARGET_MB
            over += not ok
            print(
                f"{shape:32} {size:9} {r['chars']:9} {r['s']:7.2f} {r['peak_mb']:8.1f}"
                f" {r['rss_mb']:7.0f}  {r['outcome']}{'' if ok else '  OVER'}",
                flush=True,
            )
    print(
        f"target: under {TARGET_S:.0f} s CPU and {TARGET_MB} MB peak per shape: {'OVER' if over else 'OK'}"
    )
    return 1 if over else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(sys.argv[2], int(sys.argv[3]))))
    else:
        sys.exit(main())
