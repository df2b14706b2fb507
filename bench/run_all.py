"""Run every benchmark, each in its own process (each makes its own throwaway DB).

.venv/bin/python -m bench.run_all        (or: make bench)
"""

import subprocess
import sys

BENCHES = [
    "bench.bench_import",
    "bench.bench_pdf_booklet",
    "bench.bench_import_exam",
    "bench.bench_import_shapes",
    "bench.bench_text_page",
    "bench.bench_exam",
    "bench.bench_autosave",
    "bench.bench_analysis",
    "bench.bench_hashers",
]


def main() -> int:
    failed = 0
    for module in BENCHES:
        print(f"\n=== {module}", flush=True)
        failed += subprocess.run([sys.executable, "-m", module], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
