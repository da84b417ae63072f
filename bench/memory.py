"""Peak memory of a process tree: the sum over the process and all its descendants at the same moment.

A benchmark task's memory is its own plus its workers' (the batch engine's pool, a SPARQL server, the
Java reasoner), sampled together every `interval` seconds with psutil; the peak is the largest sum seen.
Resident set sizes are summed, so pages shared by forked workers count once per process (an upper bound
on what the tree holds, never an understatement). Where Linux gives it (/proc/PID/smaps_rollup), the
proportional set size is summed too: each shared page divided among the processes that share it, so the
sum is what the tree holds together.
"""
from __future__ import annotations

import threading

import psutil


def pss(pid: int) -> int | None:
    """The proportional set size of a process in bytes (None where the system does not give it)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        return None
    return None


def tree_pss(pid: int) -> int | None:
    """Proportional set sizes summed over the process `pid` and its descendants now (None if not given)."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None
    sizes = [pss(p.pid) for p in procs]
    known = [s for s in sizes if s is not None]
    return sum(known) if known else None


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
        self.peak_pss_bytes: int | None = None
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
            shared = tree_pss(self.pid)
            if shared is not None and shared > (self.peak_pss_bytes or 0):
                self.peak_pss_bytes = shared
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

    @property
    def peak_pss_mb(self) -> float | None:
        return None if self.peak_pss_bytes is None else self.peak_pss_bytes / 2**20
