"""Two installs of spinekg side by side, in one run: one new case in process and N cases through the batch engine.

    .venv/bin/python bench/ab_engine.py --a /tmp/main/.venv/bin/python --b .venv/bin/python
    .venv/bin/python bench/ab_engine.py --a OLD_PY --b NEW_PY --cases 1000 --new-cases 50 --rounds 2

Every measurement runs in a fresh subprocess of the install's interpreter, A and B taking turns (A, B, A,
B, ...), so a machine whose load changes during the run weighs on both alike; the load average is printed
beside each figure. Measured:

- one new case in process: `kg.load` of a case file (format checks, SHACL, reasoning, store) into an
  in-memory store, after three warm-up cases; and the engine alone (`Engine.reason(..., reuse=True)`),
  per case, the median over --new-cases cases (seed 1000);
- --cases synthetic cases (seed 0, made before the timing) through `reason_chunks` in --workers
  processes, chunks of --chunk: wall time, CPU time of this process and its workers, the engine's
  rule runs and construct memo hits.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def task_newcase(args) -> dict:
    from spinekg.api import KnowledgeGraph
    from spinekg.cases import case_from_data
    from spinekg.reasoning import CaseInput, Engine
    from spinekg.store import EmbeddedStore
    from spinekg.synth import synth_case, write_registry

    with tempfile.TemporaryDirectory() as tmp:
        files = write_registry(Path(tmp) / "cases", args.new_cases + 3, seed=1000)
        kg = KnowledgeGraph(EmbeddedStore())
        api = []
        for i, f in enumerate(files):
            t = time.perf_counter()
            kg.load([f])
            if i >= 3:  # the first three warm up (rule shapes, SHACL, ontology)
                api.append((time.perf_counter() - t) * 1000)
    engine = Engine()
    cases = [case_from_data(synth_case(i, 2000)) for i in range(args.new_cases + 3)]
    alone = []
    for i, lc in enumerate(cases):
        t = time.perf_counter()
        engine.reason([CaseInput(lc.case_id, lc.ntriples)], reuse=True)
        if i >= 3:
            alone.append((time.perf_counter() - t) * 1000)
    return {"api_ms": statistics.median(api), "engine_ms": statistics.median(alone), "load": os.getloadavg()[0]}


def task_batch(args) -> dict:
    from spinekg.cases.rdf_writer import case_ntriples
    from spinekg.cases.schema import parse_case
    from spinekg.reasoning import CaseInput, Stats, reason_chunks
    from spinekg.synth import synth_case

    items = []
    for i in range(args.cases):
        d = synth_case(i, 0)
        case, _ = parse_case(d, d["id"])
        assert case is not None
        items.append(CaseInput(case.id, case_ntriples(case)))
    stats = Stats()
    load0 = os.getloadavg()[0]
    c0, t0 = os.times(), time.perf_counter()
    triples = 0
    for res in reason_chunks(items, workers=args.workers, chunk_size=args.chunk, stats=stats):
        triples += sum(v.count("\n") for v in res.values())  # type: ignore[attr-defined]
    wall = time.perf_counter() - t0
    c1 = os.times()
    cpu = (c1.user - c0.user) + (c1.system - c0.system) + (c1.children_user - c0.children_user) \
        + (c1.children_system - c0.children_system)
    return {"wall_s": wall, "cpu_s": cpu, "triples": triples, "rule_runs": stats.rule_runs,
            "construct_hits": stats.construct_hits, "construct_misses": stats.construct_misses,
            "load": (load0 + os.getloadavg()[0]) / 2}


def run(python: str, task: str, args) -> dict:
    cmd = [python, __file__, "--task", task, "--cases", str(args.cases), "--new-cases", str(args.new_cases),
           "--workers", str(args.workers), "--chunk", str(args.chunk)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=tempfile.gettempdir())
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--a", help="interpreter of install A (e.g. main's)")
    ap.add_argument("--b", help="interpreter of install B (e.g. this branch's)")
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--new-cases", type=int, default=50)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=250)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--tasks", default="newcase,batch", help="which measurements (default both)")
    ap.add_argument("--task", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.task:
        print(json.dumps({"newcase": task_newcase, "batch": task_batch}[args.task](args)))
        return
    results: dict[str, dict[str, list[dict]]] = {"A": {"newcase": [], "batch": []}, "B": {"newcase": [], "batch": []}}
    for r in range(args.rounds):
        for task in args.tasks.split(","):
            for side, py in (("A", args.a), ("B", args.b)) if r % 2 == 0 else (("B", args.b), ("A", args.a)):
                res = run(py, task, args)
                results[side][task].append(res)
                print(f"round {r + 1} {side} {task}: {json.dumps(res)}", flush=True)
    print(json.dumps(results))
    for side in "AB":
        nc, b = results[side]["newcase"], results[side]["batch"]
        if not nc or not b:
            continue
        print(f"{side}: new case kg.load p50 {statistics.median(x['api_ms'] for x in nc):.1f} ms, engine alone "
              f"{statistics.median(x['engine_ms'] for x in nc):.1f} ms; {args.cases} cases: wall "
              f"{statistics.median(x['wall_s'] for x in b):.1f} s, CPU {statistics.median(x['cpu_s'] for x in b):.1f} s, "
              f"rule runs {b[0]['rule_runs']}, construct hits/misses {b[0]['construct_hits']}/{b[0]['construct_misses']}; "
              f"load {statistics.mean(x['load'] for x in nc + b):.1f}")


if __name__ == "__main__":
    sys.exit(main())
