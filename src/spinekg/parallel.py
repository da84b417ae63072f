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
