"""Small measuring tools: wall time, percentiles, peak memory and growth exponents.

Every figure in BENCHMARKS.md is reported beside an anchor measured in the same run, so
the helpers here return raw numbers and leave ratios to the caller.
"""

from __future__ import annotations

import math
import statistics
import subprocess
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


@dataclass(frozen=True)
class WatchedRun:
    """Wall time and peak memory of a child process tree and the server it talks to."""

    seconds: float
    client_peak_mb: float
    server_peak_mb: float
    stdout: str


def _tree_rss_mb(root: psutil.Process) -> float:
    """Current RSS of a process and all its descendants (loader workers included)."""
    total = 0
    for proc in [root, *root.children(recursive=True)]:
        try:
            total += proc.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total / 2**20


def _rss_mb(pid: int | None) -> float:
    if pid is None:
        return 0.0
    try:
        return float(psutil.Process(pid).memory_info().rss / 2**20)
    except psutil.NoSuchProcess:
        return 0.0


def run_watched(cmd: Sequence[str], server: Callable[[], int | None], every: float = 0.05) -> WatchedRun:
    """Run `cmd`, sampling the RSS of its process tree and of the server `server()` names.

    Measuring a child instead of this process keeps the benchmark's own data (every extracted
    document, held for the networkx anchor) out of the figure, and the command is exactly what
    a user runs. Sampling every 50 ms can miss a shorter spike; the sum is a lower bound.
    """
    start = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    root = psutil.Process(child.pid)
    client = server_peak = 0.0
    while child.poll() is None:
        client = max(client, _tree_rss_mb(root))
        server_peak = max(server_peak, _rss_mb(server()))
        time.sleep(every)
    seconds = time.perf_counter() - start
    stdout = child.stdout.read() if child.stdout else ""
    if child.returncode != 0:
        raise subprocess.CalledProcessError(child.returncode, list(cmd), stdout)
    return WatchedRun(seconds, client, max(server_peak, _rss_mb(server())), stdout)


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
