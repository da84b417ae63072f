#!/usr/bin/env python
"""Read the reports `bench/nlp_eval.py` times, for counting instructions under valgrind (the machine's load cannot change
the count, as it changes CPU seconds).

    PYTHONPATH=<package> valgrind --tool=callgrind .venv/bin/python bench/nlp_instructions.py [--run]

Without --run: start-up and the warm-up of twenty other reports only (to subtract); with --run, then the 300 reports
timed on text the process has not read.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import nlp_eval  # (the same sets and reports as the evaluation)


def main(argv: list[str] | None = None) -> int:
    """Load, warm up, and with --run read the 300 timed reports."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--run", action="store_true", help="also read the 300 timed reports (without it: start-up only)")
    args = ap.parse_args(argv)

    from spinekg.nlp import extract, load_pipeline
    from spinekg.nlp.evaluation import load_eval_set

    items = [it for path in nlp_eval.DEFAULT_SETS for it in load_eval_set(path)]
    docs = nlp_eval._reports(items)
    load_pipeline()
    for warm in docs[300:][-20:]:
        extract(warm)
    if args.run:
        for doc in docs[:300]:
            extract(doc)
    return 0


if __name__ == "__main__":
    sys.exit(main())
