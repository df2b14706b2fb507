"""The test suite's time against an earlier tree's, one run after the other (issue 9).

    .venv/bin/python -m bench.bench_suite [--baseline 1f22604] [--runs 1]

Clones the baseline commit (by default the tree before issue 9's work) into a
temporary folder, sets up its virtualenv, then runs `make test` as each tree has it:
the baseline's, then this checkout's (uncommitted changes included), `--runs` times
each, alternating. Prints for each run the tests passed, the wall clock and the CPU
the machine was busy for (from /proc/stat, so Chromium's and the servers' processes
count, which `time` misses when they are not its children), and the ratios to the
baseline. Takes two full suites' time per run; not part of `make bench`.
Linux only (/proc/stat). Figures: docs/performance.md, "Test suite speed".
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSED = re.compile(r"(\d+) passed")


def busy_seconds() -> float:
    """Seconds of CPU the machine has spent on anything but idling, all cores."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split()[1:9]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def check_out(commit: str, into: Path) -> Path:
    """A clone of this repository at `commit` (a clone, since the deployment test
    copies the code with git)."""
    tree = into / commit
    subprocess.run(["git", "clone", "-q", "--no-checkout", str(ROOT), str(tree)], check=True)
    subprocess.run(["git", "checkout", "-q", commit], cwd=tree, check=True)
    return tree


def run_suite(tree: Path) -> dict:
    busy, start = busy_seconds(), time.monotonic()
    result = subprocess.run(["make", "test"], cwd=tree, capture_output=True, text=True)
    wall, cpu = time.monotonic() - start, busy_seconds() - busy
    if result.returncode != 0:
        sys.exit(f"make test failed in {tree}:\n{result.stdout[-3000:]}{result.stderr[-2000:]}")
    passed = PASSED.findall(result.stdout)
    return {"tests": int(passed[-1]) if passed else 0, "wall": wall, "cpu": cpu}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="1f22604", help="the commit to compare with")
    parser.add_argument("--runs", type=int, default=1, help="runs of each tree")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-suite-") as folder:
        trees = {"baseline": check_out(args.baseline, Path(folder)), "this checkout": ROOT}
        for tree in trees.values():  # not timed: pip, the first time
            subprocess.run(["make", "venv-test"], cwd=tree, check=True, capture_output=True)
        runs = {name: [] for name in trees}
        for number in range(1, args.runs + 1):
            for name, tree in trees.items():
                runs[name].append(figures := run_suite(tree))
                print(
                    f"run {number} {name:>13}: {figures['tests']:5d} tests "
                    f"{figures['wall']:6.1f} s wall {figures['cpu']:6.1f} s CPU",
                    flush=True,
                )

    def best(name, key):
        return min(run[key] for run in runs[name])

    base, now = "baseline", "this checkout"
    per_test = {name: best(name, "wall") / runs[name][0]["tests"] for name in runs}
    print(f"\nbaseline {args.baseline}, best of {args.runs} run(s) each:")
    print(f"  wall clock, this checkout / baseline: {best(now, 'wall') / best(base, 'wall'):.2f}")
    print(f"  CPU,        this checkout / baseline: {best(now, 'cpu') / best(base, 'cpu'):.2f}")
    print(f"  wall clock per test: {per_test[base]:.3f} s -> {per_test[now]:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
