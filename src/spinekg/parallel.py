"""Work spread over forked worker processes, results in order, with few tasks in flight.

`multiprocessing.Pool.imap` reads its whole input ahead into a queue; over a registry that is every
case in memory at once. Here at most `ahead` tasks per worker are sent before the first result is
taken back, so memory does not grow with the input.
"""
from __future__ import annotations

import collections
import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def ordered_map(func: Callable[[T], R], items: Iterable[T], *, workers: int,
                initializer: Callable[..., Any] | None = None, initargs: tuple = (), ahead: int = 2) -> Iterator[R]:
    """func over items in `workers` forked processes; results in input order, bounded in flight."""
    with mp.get_context("fork").Pool(workers, initializer=initializer, initargs=initargs) as pool:
        window: collections.deque = collections.deque()
        for item in items:
            window.append(pool.apply_async(func, (item,)))
            if len(window) >= ahead * workers:
                yield window.popleft().get()
        while window:
            yield window.popleft().get()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` consecutive items (the last may be shorter)."""
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def balanced_tail(chunks: Iterable[list[T]], parts: int) -> Iterator[list[T]]:
    """The chunks as they come, but the last `parts` of them re-cut into `parts` near-equal chunks.

    With one chunk per worker in flight, a registry that is not a multiple of the chunk size ends on a
    short chunk beside full ones: one worker works while the others wait (1,000 cases in chunks of 750
    on 2 workers: 750 beside 250). Reading `parts` chunks ahead, the tail is cut evenly instead.
    """
    window: collections.deque[list[T]] = collections.deque()
    for chunk in chunks:
        window.append(chunk)
        if len(window) > parts:
            yield window.popleft()
    rest = [item for chunk in window for item in chunk]
    if not rest:
        return
    n = min(parts, len(rest))
    size, extra = divmod(len(rest), n)
    start = 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        yield rest[start:end]
        start = end
