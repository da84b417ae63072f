#!/usr/bin/env python
"""Throughput of two versions of the report reader, run alternately on the same reports (the machine's load moves CPU
seconds by a third from hour to hour; alternating runs of two versions differ far less).

    .venv/bin/python bench/nlp_throughput.py --other DIR [--pairs 4]

DIR holds another version's package (a folder with `spinekg/` in it, e.g. a copy of an earlier install's
site-packages/spinekg); the installed package is the other side. Each pair runs, for each version, two new processes
on the 300 reports `bench/nlp_eval.py` times: one reads 20 other reports, then the 300 ('unread-after-20'), then the
same 300 again ('read'); one first reads every other report ('unread-after-N', a long-running service's state). Lines
as in `bench/figures/nlp-round40-throughput.txt`, then the medians.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

N = 300


def measure(long: bool) -> str:
    """One process's figures: after 20 other reports the 300 unread, then read again; or (long) after every other."""
    import nlp_eval
    from spinekg.nlp import extract, load_pipeline
    from spinekg.nlp.evaluation import load_eval_set

    docs = nlp_eval._reports([it for path in nlp_eval.DEFAULT_SETS for it in load_eval_set(path)])
    load_pipeline()
    if long:
        others = docs[N:]
        for doc in others:
            extract(doc)
        return f"unread-after-{len(others)} {N / nlp_eval._cpu_seconds(extract, docs, N):.1f}"
    for doc in docs[N:][-20:]:
        extract(doc)
    cold = nlp_eval._cpu_seconds(extract, docs, N)
    read = nlp_eval._cpu_seconds(extract, docs, N)
    return f"unread-after-20 {N / cold:.1f} read {N / read:.1f}"


def main(argv: list[str] | None = None) -> int:
    """Alternate the other version and the installed one, pair by pair; print each run and the medians."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--other", type=Path, help="a folder holding the other version's spinekg package")
    ap.add_argument("--pairs", type=int, default=4, help="pairs of runs (default 4)")
    ap.add_argument("--measure", choices=["short", "long"], help=argparse.SUPPRESS)  # (one run, in a child process)
    args = ap.parse_args(argv)
    if args.measure:
        print(measure(args.measure == "long"), flush=True)
        return 0
    if args.other is None or not (args.other / "spinekg" / "__init__.py").is_file():
        ap.error(f"--other {args.other}: not a folder with a spinekg package in it (DIR/spinekg/__init__.py)")
    if args.pairs < 1:
        ap.error(f"--pairs {args.pairs}: at least 1")
    figures: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.pairs):
        for label, path in (("other", str(args.other.resolve())), ("installed", None)):
            env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
            if path is not None:
                env["PYTHONPATH"] = path
            for mode in ("short", "long"):
                run = subprocess.run([sys.executable, __file__, "--measure", mode], env=env, capture_output=True,
                                     text=True, check=False)
                if run.returncode != 0:
                    print(f"{label}: the {mode} run failed:\n{run.stderr.strip()}", file=sys.stderr)
                    return 1
                line = run.stdout.strip()
                print(label, line, flush=True)
                words = line.split()
                for name, value in zip(words[::2], words[1::2], strict=True):
                    key = "unread-after-others" if name.startswith("unread-after-") and name != "unread-after-20" else name
                    figures.setdefault((label, key), []).append(float(value))
    for (label, name), values in sorted(figures.items()):
        print(f"median {label} {name} {statistics.median(values):.1f} (range {min(values):.1f}-{max(values):.1f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
