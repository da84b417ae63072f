"""Where the batch engine's time goes: N synthetic cases through reason_chunks, phases in CPU time.

    .venv/bin/python bench/profile_engine.py 10000                 # 2 worker processes, chunks of 750
    .venv/bin/python bench/profile_engine.py 2000 --workers 1      # in this process

The cases (`spinekg synth`, seed 0, the bench's registry) are made in this process as the workers ask
for them (their CPU time is counted apart, as 'feeding'). Printed: wall and CPU time (this process and
the workers), the peak resident memory summed over the process tree (sampled every 0.2 s), the
construct analysis's memo hits and misses, and the engine's phases (`Stats.timings`) in CPU seconds
summed over the workers, with their shares. On a shared machine the CPU figures are the ones to compare.
"""
from __future__ import annotations

import argparse
import os
import resource
import threading
import time
import types
from collections.abc import Iterator


def tree_rss_mb() -> float:
    """Resident memory of this process and all its descendants, in MB (Linux /proc)."""
    total, todo = 0, [os.getpid()]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status") as fh:
                total += next((int(x.split()[1]) for x in fh if x.startswith("VmRSS:")), 0)
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    todo += [int(x) for x in fh.read().split()]
        except OSError:
            continue
    return total / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("cases", type=int)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=750)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()

    import spinekg.reasoning.engine as engine
    from spinekg.cases.rdf_writer import case_ntriples
    from spinekg.cases.schema import parse_case
    from spinekg.reasoning import CaseInput, Stats, reason_chunks
    from spinekg.synth import synth_case

    engine.time = types.SimpleNamespace(perf_counter=time.process_time)  # type: ignore[attr-defined]
    feeding = [0.0]

    def cases() -> Iterator[CaseInput]:
        for i in range(args.cases):
            t = time.process_time()
            d = synth_case(i, args.seed)
            case, _ = parse_case(d, d["id"])
            assert case is not None
            item = CaseInput(case.id, case_ntriples(case))
            feeding[0] += time.process_time() - t
            yield item

    def count(result: dict[str, str]) -> tuple[int, int]:  # in the worker: only two numbers travel back
        return len(result), sum(v.count("\n") for v in result.values())

    peak, done = [0.0], threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_mb())
            time.sleep(0.2)

    threading.Thread(target=sample, daemon=True).start()
    st = Stats()
    load = os.getloadavg()
    w0 = time.perf_counter()
    n = lines = 0
    for c, k in reason_chunks(cases(), workers=args.workers, chunk_size=args.chunk, stats=st, sink=count):  # type: ignore[arg-type]
        n += c  # type: ignore[operator]
        lines += k  # type: ignore[operator]
    wall = time.perf_counter() - w0
    done.set()
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_own, cpu_kids = own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime
    print(f"{n} cases, {lines} inferred lines, {args.workers} worker(s), chunks of {args.chunk}; load average "
          f"{load[0]:.1f} at the start, {os.getloadavg()[0]:.1f} at the end")
    print(f"wall {wall:.1f} s; CPU {cpu_own + cpu_kids:.1f} s (this process {cpu_own:.1f} s, of which feeding the cases "
          f"{feeding[0]:.1f} s; workers {cpu_kids:.1f} s); peak memory summed over processes {peak[0]:.0f} MB")
    print(f"construct analysis: {st.construct_hits} memo hits, {st.construct_misses} analyses")
    phases = {k: v for k, v in st.timings.items() if not k.startswith("rule:")}
    phases["rules"] = sum(v for k, v in st.timings.items() if k.startswith("rule:"))
    total = sum(phases.values()) or 1.0
    for k, v in sorted(phases.items(), key=lambda x: -x[1]):
        print(f"  {k:12s} {v:8.1f} s CPU  {100 * v / total:5.1f} %")
    rules = sorted(((k[5:], v) for k, v in st.timings.items() if k.startswith("rule:")), key=lambda x: -x[1])
    print("  slowest rules: " + ", ".join(f"{k} {v:.1f} s" for k, v in rules[:5]))


if __name__ == "__main__":
    main()
