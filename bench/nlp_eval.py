#!/usr/bin/env python
"""Evaluate `spinekg ingest`'s extraction on the hand-annotated sentences and measure throughput.

    .venv/bin/python bench/nlp_eval.py [--data tests/data/nlp/eval.yaml] [--misses N] [--json]
                                       [--reports N] [--min-f1 0.90]

Prints precision, recall and F1 per field and overall (micro-averaged), whole-fact accuracy, the
misses, then throughput in reports per second after start-up (the pipeline is built first and timed
separately). Exit 1 when overall F1 is below --min-f1.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT / "tests" / "data" / "nlp" / "eval.yaml"
PUBLISHED = ROOT / "tests" / "data" / "nlp" / "published-case-findings.txt"


def _reports(items: list[dict], size: int = 8) -> list[str]:
    """Reports for the throughput run: the published findings and the eval sentences in sectioned reports."""
    out = []
    if PUBLISHED.exists():
        out.append(PUBLISHED.read_text(encoding="utf-8"))
    for i in range(0, len(items), size):
        chunk = [it["text"] for it in items[i:i + size]]
        half = max(1, len(chunk) * 2 // 3)
        out.append("EXAM: CT spine without contrast\nCLINICAL HISTORY: pain after fusion; evaluate hardware.\n"
                   "COMPARISON: None.\n\nFINDINGS:\n" + "\n".join(chunk[:half])
                   + "\n\nIMPRESSION:\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(chunk[half:], 1)) + "\n")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="evaluation set (.yaml or .jsonl)")
    ap.add_argument("--misses", type=int, default=200, help="list at most N misses (default 200)")
    ap.add_argument("--reports", type=int, default=300, help="reports to time for throughput (default 300)")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument("--min-f1", type=float, default=0.90, help="exit 1 below this overall F1 (default 0.90)")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from spinekg.nlp import extract, load_pipeline
    from spinekg.nlp.evaluation import FIELDS, evaluate, load_eval_set

    t0 = time.perf_counter()
    load_pipeline()
    startup = time.perf_counter() - t0
    items = load_eval_set(args.data)
    t1 = time.perf_counter()
    score = evaluate(items, extract)
    eval_time = time.perf_counter() - t1

    docs = _reports(items)
    n = max(args.reports, 1)
    t2 = time.perf_counter()
    for i in range(n):
        extract(docs[i % len(docs)])
    elapsed = time.perf_counter() - t2
    rps = n / elapsed if elapsed else float("inf")

    if args.json:
        print(json.dumps({"scores": score.as_dict(), "sentences": score.sentences, "startup_s": startup,
                          "reports_per_s": rps}, indent=1))
    else:
        gold = sum(len(it["facts"]) for it in items)
        print(f"evaluation set: {args.data} ({score.sentences} sentences, {gold} annotated facts)")
        print(f"{'field':<10} {'precision':>9} {'recall':>7} {'F1':>6} {'tp':>5} {'fp':>4} {'fn':>4}")
        for k in FIELDS:
            c = score.fields[k]
            print(f"{k:<10} {c.precision:9.3f} {c.recall:7.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:4d} {c.fn:4d}")
        o = score.overall
        print(f"{'overall':<10} {o.precision:9.3f} {o.recall:7.3f} {o.f1:6.3f} {o.tp:5d} {o.fp:4d} {o.fn:4d}")
        f = score.facts
        print(f"whole facts (every field right): precision {f.precision:.3f} recall {f.recall:.3f} F1 {f.f1:.3f}")
        if score.misses and args.misses:
            print(f"\nmisses ({len(score.misses)}):")
            for m in score.misses[:args.misses]:
                if m["kind"] == "wrong":
                    print(f"  [{m['id']}] wrong: {'; '.join(m['detail'])}\n      {m['text']}")
                elif m["kind"] == "missed":
                    print(f"  [{m['id']}] missed {_short(m['expected'])}\n      {m['text']}")
                else:
                    print(f"  [{m['id']}] spurious {_short(m['got'])}\n      {m['text']}")
        print(f"\nstart-up (building the medspaCy pipeline): {startup:.2f} s; "
              f"evaluation: {score.sentences / eval_time:.0f} sentences/s")
        print(f"throughput: {rps:.1f} reports/s after start-up ({n} reports of "
              f"{sum(len(d) for d in docs) / len(docs):.0f} characters on average; target >= 50)")
    return 0 if score.overall.f1 >= args.min_f1 else 1


def _short(fact: dict | None) -> str:
    if not fact:
        return "-"
    return ", ".join(f"{k}={v}" for k, v in fact.items() if v is not None and not (k == "status" and v == "affirmed"))


if __name__ == "__main__":
    sys.exit(main())
