"""Timing helpers the benchmarks share (no Django, so a benchmark may import them
before it sets Django up)."""

import statistics
import time


def time_calls(func, runs: int) -> list[float]:
    """The wall-clock seconds of each of `runs` calls of func."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def median_seconds(func, runs: int) -> float:
    return statistics.median(time_calls(func, runs))
