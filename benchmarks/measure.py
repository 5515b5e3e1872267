"""Small measuring tools: wall time, percentiles, peak memory and growth exponents.

Every figure in BENCHMARKS.md is reported beside an anchor measured in the same run, so
the helpers here return raw numbers and leave ratios to the caller.
"""

from __future__ import annotations

import math
import resource
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import psutil


@dataclass(frozen=True)
class Latency:
    """Latency percentiles of repeated calls, in milliseconds."""

    p50_ms: float
    p95_ms: float
    runs: int


def timed[T](fn: Callable[[], T]) -> tuple[T, float]:
    """Call `fn` once; return its result and the wall time in seconds."""
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def latency(fn: Callable[[], Any], runs: int = 30, warmup: int = 3) -> Latency:
    """p50/p95 of `runs` calls after `warmup` calls that fill caches."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        _, seconds = timed(fn)
        samples.append(seconds * 1000)
    samples.sort()
    p95_index = min(len(samples) - 1, math.ceil(0.95 * len(samples)) - 1)
    return Latency(statistics.median(samples), samples[p95_index], runs)


def peak_rss_mb(extra_pids: Sequence[int] = ()) -> float:
    """Peak RSS of this process plus the current RSS of helper processes (e.g. a DB server)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    others = 0.0
    for pid in extra_pids:
        try:
            others += psutil.Process(pid).memory_info().rss / 2**20
        except psutil.NoSuchProcess:
            continue
    return own + others


def growth_exponent(sizes: Sequence[float], costs: Sequence[float]) -> float | None:
    """Least-squares slope of log(cost) over log(size): 1.0 is linear growth."""
    points = [(math.log(s), math.log(c)) for s, c in zip(sizes, costs, strict=True) if s > 0 and c > 0]
    if len(points) < 2:
        return None
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    denominator = sum((x - mean_x) ** 2 for x, _ in points)
    if denominator == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / denominator
