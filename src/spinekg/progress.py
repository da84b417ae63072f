"""Progress of long work (validating, reasoning and writing many cases): counted by the library, shown
by the command line as bars with their rate (tqdm) on a terminal, else as a status line now and then
(a log file), and as one summary line at the end.
"""
from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Protocol


class Progress(Protocol):
    """Where long work reports how far it is: `advance(stage, n)` after n more items of a stage."""

    def start(self, stage: str, total: int | None) -> None:
        """A stage begins (total items, when known)."""

    def advance(self, stage: str, n: int = 1) -> None:
        """n more items of the stage are done."""

    def finish(self, stage: str) -> None:
        """The stage is over."""


class Silent:
    """Progress that nobody watches (the default of the Python API)."""

    def start(self, stage: str, total: int | None) -> None:
        pass

    def advance(self, stage: str, n: int = 1) -> None:
        pass

    def finish(self, stage: str) -> None:
        pass


@dataclass
class _Count:
    total: int | None
    done: int = 0
    began: float = field(default_factory=lambda: time.perf_counter())
    ended: float | None = None

    def rate(self) -> float:
        elapsed = (self.ended or time.perf_counter()) - self.began
        return self.done / elapsed if elapsed > 0 else 0.0


EVERY_ENV = "SPINEKG_PROGRESS_EVERY"


class Bars:
    """Progress on stderr unless quiet: bars on a terminal, else (a log) a status line every `every` seconds.

    In a log, a stage says nothing until it has run `every` seconds (default 10, or $SPINEKG_PROGRESS_EVERY),
    so a short run's output is only its problems or its summary; a stage that said something also says
    when it ends.
    """

    def __init__(self, unit: str = "case", *, quiet: bool = False, every: float | None = None):
        self.unit = unit
        self.show = not quiet and sys.stderr.isatty()
        self.lines = not quiet and not self.show
        self.every = every if every is not None else _every_from_env()
        self.counts: dict[str, _Count] = {}
        self._bars: dict[str, object] = {}
        self._said: dict[str, float] = {}
        self._spoke: set[str] = set()

    def start(self, stage: str, total: int | None) -> None:
        self.counts[stage] = _Count(total)
        if self.show:
            from tqdm import tqdm  # type: ignore[import-untyped]

            self._bars[stage] = tqdm(total=total, desc=stage, unit=f" {self.unit}s", unit_scale=False,
                                     file=sys.stderr, leave=False, dynamic_ncols=True)
        elif self.lines:
            self._said[stage] = time.perf_counter()  # the first line comes `every` seconds from now

    def advance(self, stage: str, n: int = 1) -> None:
        c = self.counts[stage]
        c.done += n
        bar = self._bars.get(stage)
        if bar is not None:
            bar.update(n)  # type: ignore[attr-defined]
        elif self.lines and time.perf_counter() - self._said[stage] >= self.every:
            self._said[stage] = time.perf_counter()
            of = f" of {c.total:,}" if c.total is not None else ""
            self._say(f"{stage} {c.done:,}{of} {self.unit}s ({c.rate():,.0f}/s)")
            self._spoke.add(stage)

    def finish(self, stage: str) -> None:
        c = self.counts[stage]
        c.ended = time.perf_counter()
        bar = self._bars.pop(stage, None)
        if bar is not None:
            bar.close()  # type: ignore[attr-defined]
        elif self.lines and stage in self._spoke:
            self._say(f"{stage}: {c.done:,} {self.unit}s in {c.ended - c.began:.1f} s ({c.rate():,.0f}/s)")

    @staticmethod
    def _say(line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def summary(self) -> str:
        """One line: each stage's count, time and rate."""
        parts = []
        for stage, c in self.counts.items():
            elapsed = (c.ended or time.perf_counter()) - c.began
            parts.append(f"{stage} {c.done:,} in {elapsed:.1f} s ({c.rate():,.0f}/s)")
        return "; ".join(parts)


def _every_from_env() -> float:
    """Seconds between status lines in a log: $SPINEKG_PROGRESS_EVERY if it is a number >= 0, else 10 (said)."""
    import os

    raw = os.environ.get(EVERY_ENV)
    if raw is None:
        return 10.0
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:  # not a number, negative or NaN
        print(f"{EVERY_ENV}={raw!r} is not a number of seconds >= 0: a status line every 10 s", file=sys.stderr)
        return 10.0
    return value
