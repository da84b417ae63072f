"""Drivers: how cases are chunked and where the chunks are reasoned (this process, or worker processes).

``reason_chunks(cases)`` is the one way in: the Python API, the CLI, the HTTP server and the benchmark
all call it (through ``reason_cases`` for a dict). A few cases are reasoned in this process by a kept
engine (starting processes costs more than it saves); many go to a pool of worker processes, one
engine each, chunk by chunk, in order. Either way each case's inferred graph is the same.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, cast

from ..parallel import balanced_tail, batched, ordered_map
from .engine import CaseInput, Engine, Stats

DEFAULT_CHUNK = 1000

_shared: Engine | None = None
_shared_lock = threading.RLock()
_worker: dict = {}


def shared_engine() -> Engine:
    """The process-wide engine (its kept workspace and construct memo last between calls)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = Engine()
        return _shared


def default_workers() -> int:
    """Worker processes to use: the usable cores (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(sink: Callable[[dict[str, str]], object] | None) -> None:
    _worker["engine"] = Engine()
    _worker["sink"] = sink


def _run_chunk(chunk: list[CaseInput]) -> tuple[object, Stats]:
    st = Stats()
    result = _worker["engine"].reason(chunk, stats=st)
    sink = _worker["sink"]
    return (sink(result) if sink is not None else result), st


def reason_chunks(cases: Iterable[CaseInput], *, workers: int | None = None, chunk_size: int = DEFAULT_CHUNK,
                  sink: Callable[[dict[str, str]], object] | None = None,
                  stats: Stats | None = None) -> Iterator[object]:
    """Reason cases chunk by chunk; yield each chunk's {case id: inferred N-Triples}, in order.

    workers: 1 reasons in this process (a kept engine); more start that many processes; None chooses
    (this process for a single chunk, else one process per core); the last chunks are cut evenly over the
    workers, none larger than chunk_size (``parallel.balanced_tail``). With `sink`, each chunk's result is
    passed to sink where it was computed and sink's return value is yielded instead (so large results
    need not travel between processes).
    """
    chunks = batched(cases, chunk_size)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None)
    if workers is None:
        workers = 1 if second is None else default_workers()
    pending = [first] + ([second] if second is not None else [])

    def all_chunks() -> Iterator[list[CaseInput]]:
        yield from pending
        yield from chunks

    if workers <= 1:
        engine = shared_engine()
        for chunk in all_chunks():
            st = Stats()
            with _shared_lock:  # the kept workspace serves one call at a time
                result = engine.reason(chunk, reuse=len(chunk) <= 50, stats=st)
            if stats is not None:
                stats.add(st)
            yield sink(result) if sink is not None else result
        return
    from .engine import static_ntriples
    from .rules import load_rules

    static_ntriples()  # parsed once, before forking
    for r in load_rules():
        _ = r.shape
    for res, st in ordered_map(_run_chunk, balanced_tail(all_chunks(), workers), workers=workers,
                               initializer=_init_worker, initargs=(sink,)):
        if stats is not None:
            stats.add(st)
        yield res


def reason_cases(cases: Sequence[CaseInput] | Iterable[CaseInput], **kwargs: Any) -> dict[str, str]:
    """{case id: inferred N-Triples} for cases (options as for reason_chunks)."""
    out: dict[str, str] = {}
    for res in reason_chunks(cases, **kwargs):
        out.update(cast(dict[str, str], res))  # without a sink, each chunk's {case id: N-Triples}
    return out
