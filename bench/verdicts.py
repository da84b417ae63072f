"""What the benchmark's numbers allow it to say: speed ratios, target verdicts, agreement of conclusions.

Pure functions (no I/O), unit-tested in tests/test_bench_verdicts.py. The rules:

* A ratio below 1 is "slower", never "1x faster"; an engine that did not finish gives a lower bound
  ("more than N× faster") only from the time it spent on its timed work, and only when that bound
  says something (above 1); otherwise, and after an error, "not measured".
* A target is "met", "missed by N×" or "not measured": an engine that timed out or failed, a figure
  taken at another size than the target's, or a missing figure is "not measured", never "met".
* Two engines agree when, leaving out what was given to them as input, they reach the same non-empty
  set of conclusion facts (values included).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

MET, NOT_MEASURED = "met", "not measured"


def factor(x: float) -> str:
    """A ratio for people: three significant digits below 100 (1.08, 6.4, 79.2), whole above (1,234)."""
    return f"{x:,.0f}" if x >= 100 else f"{x:.3g}"


def speed_phrase(ours_s: float | None, theirs_s: float | None, status: str = "ok",
                 timed_s_at_limit: float | None = None, name: str = "the peer") -> str:
    """How our time compares with a peer's: "5× faster than X", "1.08× slower than X", "as fast as X",
    "more than 79× faster than X (not finished ...)" or "not measured against X (...)".

    status is the peer's ("ok", "timeout", "error", "skipped"); timed_s_at_limit is, for a peer stopped
    at the time limit, how long it had spent on its timed work (None: it never reached it).
    """
    if ours_s is None or ours_s <= 0:
        return f"{NOT_MEASURED} against {name} (no time of ours)"
    if status == "ok":
        if theirs_s is None or theirs_s <= 0:
            return f"{NOT_MEASURED} against {name} (no time of theirs)"
        ratio = theirs_s / ours_s
        if ratio == 1:
            return f"as fast as {name}"
        if ratio > 1:
            return f"{factor(ratio)}× faster than {name}"
        return f"{factor(1 / ratio)}× slower than {name}"
    if status == "timeout":
        if timed_s_at_limit is None:
            return f"{NOT_MEASURED} against {name} (stopped at the time limit before its timed work began)"
        bound = timed_s_at_limit / ours_s
        if bound <= 1:
            return (f"{NOT_MEASURED} against {name} (stopped at the time limit after {timed_s_at_limit:.3g} s "
                    "of timed work, less than our time)")
        return (f"more than {factor(bound)}× faster than {name} (not finished: stopped after "
                f"{timed_s_at_limit:.3g} s of timed work)")
    return f"{NOT_MEASURED} against {name} ({status})"


def target_verdict(value: float | None, limit: float, *, higher_is_better: bool = False,
                   status: str = "ok") -> str:
    """"met", "missed by N×" or "not measured" for a measured value against a target limit.

    status "ok" means the value was measured as the target states it; anything else (a timeout, an error,
    a figure from another size) is "not measured", whatever the value.
    """
    if status != "ok" or value is None:
        return NOT_MEASURED
    if value < 0 or (value == 0 and higher_is_better):
        return NOT_MEASURED
    ok = value >= limit if higher_is_better else value <= limit
    if ok:
        return MET
    by = limit / value if higher_is_better else value / limit
    return f"missed by {factor(by)}×"


@dataclass
class Agreement:
    """The outcome of comparing an engine's conclusion facts with the reference engine's."""

    agrees: bool
    compared: int            # reference facts compared (what was given as input left out)
    got: int                 # the engine's facts, the same way
    missing: int             # in the reference, not in the engine's
    extra: int               # in the engine's, not in the reference
    left_out: int            # facts left out of both because they were given as input
    why: str = ""            # when not agreeing
    missing_examples: list[str] = field(default_factory=list)
    extra_examples: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        """The fields, for the JSON report."""
        return dict(self.__dict__)


def _ordered(items: Iterable[str], what: str) -> Iterator[str]:
    """The items, which must come sorted (duplicates dropped); ValueError otherwise."""
    last = None
    for x in items:
        if last is not None and x < last:
            raise ValueError(f"{what}: the facts must come sorted ({x[:80]!r} after {last[:80]!r})")
        if x != last:
            yield x
        last = x


def compare_conclusions(reference: Iterable[str], got: Iterable[str], given: Iterable[str] = (),
                        examples: int = 10) -> Agreement:
    """Compare two sorted streams of conclusion facts, leaving out those in `given` (sorted too): what the
    engine was handed as input is no conclusion of its own.

    Agreement needs the same facts on both sides and at least one of them: two empty sets prove nothing.
    Streams are merged, so memory does not grow with their length.
    """
    ref, mine, giv = (_ordered(reference, "reference"), _ordered(got, "engine"), _ordered(given, "given"))
    g = next(giv, None)
    left_out = 0

    def keep(x: str) -> bool:
        # one cursor over `given`: the merged stream below visits each fact once, in order
        nonlocal g, left_out
        while g is not None and g < x:
            g = next(giv, None)
        if g == x:
            left_out += 1
            return False
        return True

    compared = n_got = missing = extra = 0
    miss_ex: list[str] = []
    extra_ex: list[str] = []
    a, b = next(ref, None), next(mine, None)
    while a is not None or b is not None:
        if b is None or (a is not None and a < b):
            if keep(a):  # type: ignore[arg-type]
                compared += 1
                missing += 1
                if len(miss_ex) < examples:
                    miss_ex.append(a)  # type: ignore[arg-type]
            a = next(ref, None)
        elif a is None or b < a:
            if keep(b):
                n_got += 1
                extra += 1
                if len(extra_ex) < examples:
                    extra_ex.append(b)
            b = next(mine, None)
        else:
            if keep(a):
                compared += 1
                n_got += 1
            a, b = next(ref, None), next(mine, None)
    why = ""
    if compared == 0 and n_got == 0:
        why = "no conclusions on either side (besides those given as input): nothing to compare"
    elif compared == 0:
        why = "the reference has no conclusions to compare with"
    elif n_got == 0:
        why = "the engine reached no conclusions"
    elif missing or extra:
        why = f"{missing:,} facts missing, {extra:,} extra"
    return Agreement(agrees=not why, compared=compared, got=n_got, missing=missing, extra=extra,
                     left_out=left_out, why=why, missing_examples=miss_ex, extra_examples=extra_ex)
