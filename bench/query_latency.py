"""Named-query latency on a large on-disk store: build it once, time every query, compare answers.

    .venv/bin/python bench/query_latency.py build --cases 100000 --dir /tmp/queries100k/n100000
    .venv/bin/python bench/query_latency.py measure --dir /tmp/queries100k/n100000 --out latency.json
    .venv/bin/python bench/query_latency.py answers --dir /tmp/queries100k/n1000 --out answers.json
    .venv/bin/python bench/query_latency.py compare before.json after.json

`build` writes a synthetic registry (seed 0) and streams it through the bench's own steps
(`run.py` task_load: format checks, N-Triples, bulk load into an on-disk store; task_batch: the batch
engine in worker processes; then the inferred graphs bulk-loaded into the same store), so the store is
the one `make bench` queries. `measure` times each named query with typical parameters (the VARIANTS
below; every query at least once) in a forked child per query, p50 and p95 of up to `--repeats` runs.
`answers` runs every variant with the largest page (the whole answer, fully sorted) and writes the
rows, and `compare` says whether two such files hold the same rows. See bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

# (label, query, parameters): typical uses, the query's defaults first. Case ids are filled in at run time
# ("{case}": the middle case of the registry).
VARIANTS: list[tuple[str, str, dict[str, str]]] = [
    ("case-summary", "case-summary", {"case_id": "{case}"}),
    ("cases", "cases", {}),
    ("cases (page 2)", "cases", {"offset": "100"}),
    ("cases-citing (Aghayev 2014)", "cases-citing", {"pmid": "24170238"}),
    ("cohort-lucency-risk-factor", "cohort-lucency-risk-factor", {}),
    ("cohort-lucency-risk-factor (lumbar, 1 mm, smoking)", "cohort-lucency-risk-factor",
     {"region": "lumbar", "min_lucency": "1", "risk_factor": "smoking"}),
    ("cohort-lucency-risk-factor (cervical, 0.5 mm, osteoporosis)", "cohort-lucency-risk-factor",
     {"region": "cervical", "min_lucency": "0.5", "risk_factor": "osteoporosis"}),
    ("construct-discontinuities", "construct-discontinuities", {}),
    ("evidence-for-case", "evidence-for-case", {"case_id": "{case}"}),
    ("findings-by-level (L4)", "findings-by-level", {"level": "L4"}),
    ("findings-by-level (T1)", "findings-by-level", {"level": "T1"}),
    ("loose-screws", "loose-screws", {}),
    ("loose-screws (thoracic, 2 mm)", "loose-screws", {"region": "thoracic", "min_lucency": "2"}),
    ("malpositioned-screws", "malpositioned-screws", {}),
    ("malpositioned-screws (grade C, medial)", "malpositioned-screws", {"grade": "C", "direction": "medial"}),
    ("non-union-risk", "non-union-risk", {}),
    ("non-union-risk (high)", "non-union-risk", {"level": "high"}),
    ("post-test-probabilities (one case)", "post-test-probabilities", {"case_id": "{case}"}),
    ("post-test-probabilities", "post-test-probabilities", {}),
    ("revision-candidates", "revision-candidates", {}),
    ("rules-citing", "rules-citing", {}),
    ("similar-cases", "similar-cases", {"case_id": "{case}"}),
    ("uninterpreted-findings", "uninterpreted-findings", {}),
    ("uninterpreted-findings (one case)", "uninterpreted-findings", {"case_id": "{case}"}),
]
# More parameters whose whole answers `answers` writes (not timed).
EXTRA: list[tuple[str, str, dict[str, str]]] = [
    *[(f"cohort-lucency-risk-factor ({r}, {m} mm, {f})", "cohort-lucency-risk-factor",
       {"region": r, "min_lucency": m, "risk_factor": f})
      for r, m, f in (("lumbar", "0", "diabetes"), ("thoracic", "0.5", "osteoporosis"),
                      ("sacral", "0", "steroids"), ("cervical", "1", "smoking"), ("lumbar", "3.5", "alcohol misuse"))],
    *[(f"findings-by-level ({lv})", "findings-by-level", {"level": lv})
      for lv in ("C1", "C3", "C6", "T2", "T10", "L1", "S1", "S2")],
    *[(f"loose-screws ({p})", "loose-screws", dict(x.split("=") for x in p.split()))
      for p in ("region=cervical", "region=lumbar min_lucency=1.5", "min_lucency=2", "region=sacral")],
    *[(f"malpositioned-screws ({p})", "malpositioned-screws", dict(x.split("=") for x in p.split()))
      for p in ("grade=D", "grade=not-measurable", "direction=medial", "grade=heary-III", "grade=A direction=lateral")],
    *[(f"non-union-risk ({lv})", "non-union-risk", {"level": lv}) for lv in ("elevated", "low")],
    *[(f"similar-cases ({c})", "similar-cases", {"case_id": c}) for c in ("{first}", "{last}")],
    *[(f"evidence-for-case ({c})", "evidence-for-case", {"case_id": c}) for c in ("{first}", "{last}")],
    ("cases-citing (Wu 2019, by DOI)", "cases-citing", {"doi": "10.1186/s13018-018-1046-0"}),
]


def _bench_run():
    """bench/run.py as a module (its tasks are reused here, not copied)."""
    sys.path.insert(0, str(HERE))
    import run

    return run


def middle_case(folder: Path) -> str:
    """The id of the registry's middle case (the one the per-case queries ask about)."""
    return (folder / "middle-case.txt").read_text(encoding="utf-8").strip()


def variants(folder: Path, only: list[str] | None = None, extra: bool = False) -> list[tuple[str, str, dict[str, object]]]:
    """The variants with the case ids filled in (restricted to the queries named in `only`)."""
    case = middle_case(folder)
    n = int(case.rsplit("-", 1)[1]) * 2
    ids = {"{case}": case, "{first}": case.rsplit("-", 1)[0] + "-000000",
           "{last}": case.rsplit("-", 1)[0] + f"-{n - 1:06d}"}
    out = []
    for label, name, params in VARIANTS + (EXTRA if extra else []):
        if only and name not in only and label not in only:
            continue
        filled: dict[str, object] = {k: ids.get(v, v) for k, v in params.items()}
        out.append((label, name, filled))
    return out


def build(args: argparse.Namespace) -> None:
    """Synthetic registry -> asserted store (run.task_load) -> batch engine (run.task_batch) -> inferred graphs loaded."""
    import pyoxigraph as ox

    from spinekg.api import KnowledgeGraph
    from spinekg.store import EmbeddedStore
    from spinekg.synth import write_registry

    run = _bench_run()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    if not (folder / "registry.done").exists():
        write_registry(folder / "registry", args.cases, args.seed, "jsonl")
        (folder / "registry.done").write_text("ok")
    print(f"registry: {time.perf_counter() - t:.0f} s", flush=True)
    ns = argparse.Namespace(workers=args.workers, chunk=args.chunk, hermit_max=1)
    t = time.perf_counter()
    done = folder / "asserted.json"
    if done.exists() and (folder / "asserted.jsonl").exists():  # the asserted store of an earlier build
        load = json.loads(done.read_text())
        print(f"asserted store kept: {load['cases']:,} cases", flush=True)
    else:
        load = run.task_load(folder, ns)
        done.write_text(json.dumps(load))
        print(f"asserted store: {load['cases']:,} cases, {load['asserted_triples']:,} triples, "
              f"{time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    batch = run.task_batch(folder, ns)
    print(f"batch engine: {batch['inferred_triples']:,} triples, {batch['reason_s']:.0f} s", flush=True)
    ids = [cid for cid, _ in run.iter_items(folder)]
    (folder / "middle-case.txt").write_text(ids[len(ids) // 2] + "\n", encoding="utf-8")
    t = time.perf_counter()
    embedded = EmbeddedStore(folder / "store")
    kg = KnowledgeGraph(embedded)
    store = embedded.oxigraph
    for f in sorted((folder / "inferred").glob("*.nq")):
        store.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
        f.unlink()
    store.flush()
    print(f"inferred graphs loaded: {time.perf_counter() - t:.0f} s", flush=True)
    if not args.keep_asserted:
        (folder / "asserted.jsonl").unlink(missing_ok=True)
    (folder / "build.json").write_text(json.dumps({"cases": load["cases"], "asserted": load["asserted_triples"],
                                                   "inferred": batch["inferred_triples"]}))
    kg.close()


def measure(args: argparse.Namespace) -> None:
    """p50/p95 of each variant (run.time_query: a forked child per query, killed past the time limit)."""
    from spinekg.api import KnowledgeGraph
    from spinekg.store import EmbeddedStore

    run = _bench_run()
    folder = Path(args.dir)
    kg = KnowledgeGraph(EmbeddedStore(folder / "store"))
    ns = argparse.Namespace(query_repeats=args.repeats, query_timeout=args.timeout)
    out: dict[str, dict] = {}
    for label, name, params in variants(folder, args.only):
        kg.query(name, params)  # warm the store's caches for this query once
        res = run.time_query(kg, name, params, ns)
        res["query"] = name
        out[label] = res
        shown = f"{res['p50_ms']:8.1f} {res['p95_ms']:8.1f}  {res['rows']:>5} rows" if "p50_ms" in res \
            else f"  > {args.timeout:.0f} s"
        print(f"{label:62s} {shown}", flush=True)
    kg.close()
    if args.out:
        Path(args.out).write_text(json.dumps({"load": os.getloadavg(), "dir": str(folder), "queries": out}, indent=1))


def answers(args: argparse.Namespace) -> None:
    """Every variant's whole answer (the largest page), as sorted rows of text."""
    from spinekg.api import KnowledgeGraph
    from spinekg.queries import MAX_LIMIT, get_query
    from spinekg.store import EmbeddedStore

    folder = Path(args.dir)
    kg = KnowledgeGraph(EmbeddedStore(folder / "store"))
    out: dict[str, list] = {}
    for label, name, given in variants(folder, args.only, extra=True):
        q = get_query(name)
        params = dict(given)
        if name == "similar-cases":  # the best 50, in rank order; the shared items as a set
            res = kg.query(name, {**params, "limit": "50"})
            rows = [[_text(r.get(c)) for c in q.columns] for r in res.rows]
            out[label] = [[*r[:3], "; ".join(sorted((r[3] or "").split("; ")))] for r in rows]
        else:
            if any(p.type == "limit" for p in q.params):
                params = {**params, "limit": str(MAX_LIMIT), "offset": "0"}
            res = kg.query(name, params)
            out[label] = sorted([_text(r.get(c)) or "" for c in q.columns] for r in res.rows)
        if name != "similar-cases" and any(p.type == "limit" for p in q.params):
            # the default page too (the first rows found, in the store's order: the plan decides which)
            page = kg.query(name, given)
            out[label + " [default page]"] = sorted([_text(r.get(c)) or "" for c in q.columns] for r in page.rows)
        rows = out[label]
        print(f"{label:62s} {len(rows):>7} rows", flush=True)
    kg.close()
    Path(args.out).write_text(json.dumps(out, indent=0))


def _text(term: object) -> str | None:
    if term is None:
        return None
    return getattr(term, "value", str(term))


def compare(args: argparse.Namespace) -> None:
    """Exit 1 unless the two answer files hold the same rows for every variant in both."""
    a = json.loads(Path(args.before).read_text())
    b = json.loads(Path(args.after).read_text())
    bad = 0
    for label in sorted(set(a) | set(b)):
        if label not in a or label not in b:
            print(f"{label}: only in {'after' if label in b else 'before'}")
            continue
        same = a[label] == b[label]
        bad += not same
        print(f"{label:62s} {len(a[label]):>7} / {len(b[label]):>7} rows  {'same' if same else 'DIFFERENT'}")
    sys.exit(1 if bad else 0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("build", help="build the store (synthetic registry, batch engine, one on-disk store)")
    b.add_argument("--cases", type=int, required=True)
    b.add_argument("--dir", required=True)
    b.add_argument("--seed", type=int, default=0)
    b.add_argument("--workers", type=int, default=2)
    b.add_argument("--chunk", type=int, default=750)
    b.add_argument("--keep-asserted", action="store_true",
                   help="keep the asserted cases (asserted.jsonl): copied with the store before the batch step, they "
                        "let another build reuse the asserted store (after a change to the rules)")
    m = sub.add_parser("measure", help="time the named queries")
    m.add_argument("--dir", required=True)
    m.add_argument("--repeats", type=int, default=21)
    m.add_argument("--timeout", type=float, default=60.0, help="time limit per query (all its runs)")
    m.add_argument("--only", nargs="*", help="query names or variant labels")
    m.add_argument("--out")
    a = sub.add_parser("answers", help="write every variant's whole answer")
    a.add_argument("--dir", required=True)
    a.add_argument("--only", nargs="*")
    a.add_argument("--out", required=True)
    c = sub.add_parser("compare", help="compare two answer files")
    c.add_argument("before")
    c.add_argument("after")
    args = ap.parse_args()
    {"build": build, "measure": measure, "answers": answers, "compare": compare}[args.cmd](args)


if __name__ == "__main__":
    main()
