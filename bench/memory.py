"""Peak memory of a process tree: the sum over the process and all its descendants at the same moment.

A benchmark task's memory is its own plus its workers' (the batch engine's pool, a SPARQL server, the
Java reasoner), sampled together every `interval` seconds with psutil; the peak is the largest sum seen.
Resident set sizes are summed, so pages shared by forked workers count once per process (an upper bound
on what the tree holds, never an understatement).
"""
from __future__ import annotations

import threading

import psutil


def tree_rss(pid: int) -> tuple[int, int]:
    """(bytes resident summed over the process `pid` and its descendants now, how many processes)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    total = n = 0
    for p in procs:
        try:
            total += p.memory_info().rss
            n += 1
        except psutil.Error:  # ended between the listing and the reading
            pass
    return total, n


class TreeMemory:
    """Samples a process tree's summed memory in a thread until stopped (use as a context manager)."""

    def __init__(self, pid: int, interval: float = 0.2):
        self.pid, self.interval = pid, interval
        self.peak_bytes = 0
        self.peak_processes = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while True:
            total, n = tree_rss(self.pid)
            self.samples += 1
            if total > self.peak_bytes:
                self.peak_bytes, self.peak_processes = total, n
            if self._stop.wait(self.interval):
                return

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_bytes / 2**20
