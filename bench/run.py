"""spinekg performance benchmark: synthetic registries, our engines side by side with the Python peers.

    .venv/bin/python bench/run.py                       # 1,000, 10,000 and 100,000 cases (what `make bench` runs)
    .venv/bin/python bench/run.py --sizes 100,1000 --timeout 120 --engines batch,owlrl,reasonable

Every measurement runs in its own subprocess (peak memory per engine, a hard time limit); an engine
that does not finish a size within the limit is not run on larger ones. Prints a table and writes it
(Markdown and JSON) with a plot to bench/results/. See bench/README.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
ENGINES = ("batch", "per-case", "owlrl", "rdflib", "hermit", "reasonable", "virtuoso", "oxigraph-serve")
PEERS = ("owlrl", "rdflib", "hermit", "reasonable", "virtuoso", "oxigraph-serve")
LABELS = {
    "batch": "spinekg engine (pyoxigraph, 2 processes)",
    "per-case": "spinekg engine, one case per call",
    "owlrl": "(a) owlrl OWL 2 RL closure + rules on rdflib",
    "rdflib": "(b) rules on rdflib's SPARQL engine",
    "hermit": "(c) owlready2 + HermiT (3 defined classes)",
    "reasonable": "(d) reasonable OWL 2 RL closure + rules on pyoxigraph*",
    "virtuoso": "(e) remote backend: rules on Virtuoso*",
    "oxigraph-serve": "(e) remote backend: rules on oxigraph serve*",
}


# ----------------------------------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------------------------------
def data_dir(n: int, seed: int) -> Path:
    return RESULTS / "data" / f"seed{seed}-n{n}"


def ensure_data(n: int, seed: int) -> Path:
    """The registry of n cases as JSON Lines (written once per size and seed)."""
    folder = data_dir(n, seed)
    done = folder / "registry.done"
    if not done.exists():
        from spinekg.synth import write_registry

        folder.mkdir(parents=True, exist_ok=True)
        write_registry(folder / "registry", n, seed, "jsonl")
        done.write_text("ok")
    return folder


def read_items(folder: Path) -> list[tuple[str, str]]:
    """[(case id, asserted N-Triples)] written by the load task."""
    return list(iter_items(folder))


def iter_items(folder: Path, keep: list | None = None, limit: int = 0):
    """The same, one at a time (the first `limit` also appended to `keep`)."""
    with open(folder / "asserted.jsonl", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            item = tuple(json.loads(line))
            if keep is not None and i < limit:
                keep.append(item)
            yield item


def peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return (own + kids) / 1024.0


# ----------------------------------------------------------------------------------------------
# Tasks (each runs in a subprocess: `run.py --task NAME --size N --seed S`, prints one JSON line)
# ----------------------------------------------------------------------------------------------
def task_load(folder: Path, args) -> dict:
    """Read the registry, check the case format, write N-Triples, bulk-load the asserted graphs into an
    on-disk store (folder/store, the kind `spinekg load --store` opens; the query task adds to it)."""
    import shutil

    import pyoxigraph as ox

    from spinekg.cases.schema import parse_case
    from spinekg.cases.rdf_writer import case_ntriples
    from spinekg.synth import iter_case_data
    from spinekg.vocab import case_graph

    t_read = t_check = t_rdf = 0.0
    cases = problems = triples = 0
    nq_path = folder / "asserted.nq"
    sample = []
    clock = time.perf_counter
    with open(folder / "asserted.jsonl", "w", encoding="utf-8") as fh, open(nq_path, "w", encoding="utf-8") as nq:
        it = iter(iter_case_data(folder / "registry"))
        while True:  # streamed: the registry is never all in memory
            t = clock()
            nxt = next(it, None)
            t_read += clock() - t
            if nxt is None:
                break
            d = nxt[1]
            if len(sample) < 300:
                sample.append(d)
            t = clock()
            case, probs = parse_case(d, d.get("id", "?"))
            t_check += clock() - t
            problems += len(probs)
            if case is None:
                continue
            t = clock()
            nt = case_ntriples(case)
            t_rdf += clock() - t
            cases += 1
            triples += nt.count("\n")
            fh.write(json.dumps((case.id, nt)) + "\n")
            nq.write(nt.replace(" .\n", f" <{case_graph(case.id)}> .\n"))
    store_dir = folder / "store"
    shutil.rmtree(store_dir, ignore_errors=True)
    t = clock()
    store = ox.Store(str(store_dir))
    store.bulk_load(path=str(nq_path), format=ox.RdfFormat.N_QUADS)
    store.flush()
    t_store = clock() - t
    del store
    nq_path.unlink()
    # the project's own path (rdflib graphs), on a sample
    from spinekg.cases import case_from_data

    t = clock()
    for d in sample:
        case_from_data(d, d["id"])
    t_api = (clock() - t) / max(1, len(sample))
    return {"cases": cases, "problems": problems, "asserted_triples": triples, "read_s": t_read,
            "format_check_s": t_check, "ntriples_s": t_rdf, "store_load_s": t_store,
            "load_triples_per_s": triples / (t_check + t_rdf + t_store),
            "store_triples_per_s": triples / t_store, "case_from_data_ms": t_api * 1000, "peak_mb": peak_mb()}


def task_shacl(folder: Path, args) -> dict:
    """SHACL validation (pyshacl, as `spinekg validate` runs it) on a sample of the cases."""
    from spinekg.cases import case_from_data
    from spinekg.synth import iter_case_data
    from spinekg.validate import shacl_problems
    from spinekg.vocab import case_iri

    data = [d for _, d in iter_case_data(folder / "registry")][: args.shacl_sample]
    loaded = [case_from_data(d, d["id"]) for d in data]
    shacl_problems(loaded[0].graph, "warm-up", case_iri(loaded[0].case_id))
    t = time.perf_counter()
    invalid = sum(1 for lc in loaded if shacl_problems(lc.graph, lc.case_id, case_iri(lc.case_id)))
    dt = time.perf_counter() - t
    return {"validated": len(loaded), "invalid": invalid, "shacl_s": dt, "shacl_cases_per_s": len(loaded) / dt}


def _batch_sink(result: dict) -> tuple:
    from peers import signature_from_ntriples

    return (sum(v.count("\n") for v in result.values()), signature_from_ntriples(result.values()))


def _batch_sink_write(result: dict) -> tuple:
    """Count, conclusions, and the inferred graphs appended to this worker's N-Quads file."""
    from spinekg.vocab import inferred_graph

    path = Path(os.environ["SPINEKG_BENCH_OUT"]) / f"inferred-{os.getpid()}.nq"
    t = time.perf_counter()
    with open(path, "a", encoding="utf-8") as fh:
        for cid, nt in result.items():
            fh.write(nt.replace(" .\n", f" <{inferred_graph(cid)}> .\n"))
    wrote = time.perf_counter() - t
    n, sig = _batch_sink(result)
    return n, sig, wrote


def task_batch(folder: Path, args) -> dict:
    from peers import crosscheck_signature

    from spinekg.reasoning import CaseInput, Stats, reason_chunks
    from spinekg.reasoning.axioms import axioms
    from spinekg.reasoning.engine import static_ntriples

    sample: list = []
    items = iter_items(folder, sample, args.hermit_max)  # streamed: the input is not all in memory
    out = folder / "inferred"
    out.mkdir(exist_ok=True)
    for f in out.glob("*.nq"):
        f.unlink()
    os.environ["SPINEKG_BENCH_OUT"] = str(out)
    stats = Stats()
    t = time.perf_counter()
    engine_start = time.perf_counter()
    static_ntriples()
    axioms()
    startup = time.perf_counter() - engine_start
    total, sig, wrote = 0, set(), 0.0
    for n, s, w in reason_chunks((CaseInput(cid, nt) for cid, nt in items), workers=args.workers,
                                 chunk_size=args.chunk, stats=stats, sink=_batch_sink_write):
        total += n
        sig |= s
        wrote += w
    dt = time.perf_counter() - t
    # HermiT's classes, for the cross-check (outside the timing)
    ids = {f"<https://w3id.org/spinekg/case/{cid}/graph/inferred>" for cid, _ in sample}
    inferred = []
    for f in out.glob("*.nq"):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                head, g, _ = line.rsplit(" ", 2)
                if g in ids:
                    inferred.append(head + " .\n")
    cross = crosscheck_signature([nt for _, nt in sample], inferred)
    return {"reason_s": dt - wrote / max(1, args.workers), "wall_s": dt, "write_s": wrote, "startup_s": startup,
            "inferred_triples": total, "peak_mb": peak_mb(), "signature": sorted(sig), "crosscheck": sorted(cross),
            "stats": {k: getattr(stats, k) for k in ("cases", "construct_hits", "construct_misses",
                                                      "rule_runs", "rounds", "output_triples")},
            "timings": {k: round(v, 3) for k, v in sorted(stats.timings.items(), key=lambda x: -x[1])}}


def task_percase(folder: Path, args) -> dict:
    """The same engine fed one case per call (a batch of one each, in its kept workspace)."""
    from peers import signature_from_ntriples

    from spinekg.reasoning import CaseInput, Engine

    items = read_items(folder)
    engine = Engine()
    engine.reason([CaseInput(*items[0])], reuse=True)  # warm-up
    t = time.perf_counter()
    out = [engine.reason([CaseInput(cid, nt)], reuse=True)[cid] for cid, nt in items]
    dt = time.perf_counter() - t
    return {"reason_s": dt, "inferred_triples": sum(x.count("\n") for x in out), "peak_mb": peak_mb(),
            "signature": sorted(signature_from_ntriples(out))}


def task_peer(folder: Path, args) -> dict:
    import peers

    items = read_items(folder)
    if args.task == "hermit":
        items = items[: args.hermit_max]
    else:
        # The construct graph (how the hardware holds together) is Python, not rules: every peer gets its
        # facts with the asserted ones, worked out here before the timing starts, so that all engines
        # derive the same conclusions from the same input.
        from spinekg.ntriples import lines, split
        from spinekg.reasoning.axioms import axioms
        from spinekg.reasoning.construct_rule import ConstructRule

        rule = ConstructRule(axioms())
        items = [(cid, nt + "".join(f"{s} {p} {o} .\n" for s, p, o in
                                    rule.conclusions(cid, [split(x) for x in lines(nt)])))
                 for cid, nt in items]
    report: dict = {}
    sig = peers.PEERS[args.task](items, report)
    report.update(peak_mb=peak_mb(), signature=sorted(sig), cases=len(items))
    return report


def _query_runs(kg, name: str, params: dict, repeats: int, conn) -> None:
    times, rows = [], 0
    for i in range(repeats):
        t = time.perf_counter()
        res = kg.query(name, params)
        times.append((time.perf_counter() - t) * 1000)
        rows = len(res.rows)
        conn.send((list(times), rows))
        if sum(times) > 20_000 and i >= 2:
            break
    conn.close()


def time_query(kg, name: str, params: dict, args) -> dict:
    """Run a named query repeatedly in a forked child (it shares the store), killed past the time limit."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_query_runs, args=(kg, name, params, args.query_repeats, child))
    proc.start()
    child.close()
    times, rows = [], 0
    deadline = time.monotonic() + args.query_timeout
    while time.monotonic() < deadline:
        if parent.poll(max(0.0, min(1.0, deadline - time.monotonic()))):
            try:
                times, rows = parent.recv()
            except EOFError:
                break
        elif not proc.is_alive():
            break
    timed_out = proc.is_alive()
    if timed_out:
        proc.kill()
    proc.join()
    if not times:
        return {"timeout_s": args.query_timeout, "params": params}
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))],
            "runs": len(times), "rows": rows, "params": params, "cut_short": timed_out}


def task_queries(folder: Path, args) -> dict:
    """Load asserted + inferred graphs into one store; time the named queries and one new case."""
    import pyoxigraph as ox

    from spinekg.api import KnowledgeGraph
    from spinekg.queries import load_queries
    from spinekg.store import EmbeddedStore
    from spinekg.vocab import case_graph

    # the load task's on-disk store of asserted graphs, with the batch engine's inferred graphs added
    kg = KnowledgeGraph(EmbeddedStore(folder / "store"))
    store = kg.store.oxigraph
    case_ids = []
    quads = 0
    for cid, nt in iter_items(folder):
        case_ids.append(cid)
        quads += nt.count("\n")
    t = time.perf_counter()
    for f in sorted((folder / "inferred").glob("*.nq")):
        with open(f, "rb") as fh:
            quads += sum(1 for _ in fh)
        store.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
    store.flush()
    load_s = time.perf_counter() - t
    case_id = case_ids[len(case_ids) // 2]
    params = {"case-summary": {"case_id": case_id}, "evidence-for-case": {"case_id": case_id},
              "post-test-probabilities": {"case_id": case_id}, "findings-by-level": {"level": "L4"},
              "similar-cases": {"case_id": case_id}}  # more parameters per query: bench/query_latency.py
    results = {name: time_query(kg, name, params.get(name, {}), args) for name in load_queries()}
    # one new case into this store: validated, loaded, reasoned; only its graphs are touched
    from spinekg.cases import case_from_data
    from spinekg.reasoning import CaseInput, Engine
    from spinekg.synth import synth_case, write_registry

    new_dir = folder / "new-cases"
    files = write_registry(new_dir, args.new_cases, seed=args.seed + 1000)
    api_ms = []
    for f in files:
        t = time.perf_counter()
        kg.load([f])
        api_ms.append((time.perf_counter() - t) * 1000)
    fast_ms, parts = [], {"check_format": [], "shacl": [], "reason": [], "store": []}
    engine = Engine()
    warm = case_from_data(synth_case(0, args.seed + 3000))
    engine.reason([CaseInput(warm.case_id, warm.ntriples)], reuse=True)  # warm-up
    from spinekg.validate import shacl_problems
    from spinekg.vocab import case_iri, inferred_graph

    for i in range(args.new_cases):
        d = synth_case(i, args.seed + 2000)
        t0 = time.perf_counter()
        lc = case_from_data(d, d["id"])
        t1 = time.perf_counter()
        assert not shacl_problems(lc.graph, lc.case_id, case_iri(lc.case_id))
        t2 = time.perf_counter()
        nt = lc.ntriples
        out = engine.reason([CaseInput(lc.case_id, nt)], reuse=True)[lc.case_id]
        t3 = time.perf_counter()
        store.update(f"DROP SILENT GRAPH <{case_graph(lc.case_id)}> ; DROP SILENT GRAPH <{inferred_graph(lc.case_id)}>")
        store.load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(case_graph(lc.case_id)))
        store.load(out.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(inferred_graph(lc.case_id)))
        t4 = time.perf_counter()
        fast_ms.append((t4 - t0) * 1000)
        for k, a, b in (("check_format", t0, t1), ("shacl", t1, t2), ("reason", t2, t3), ("store", t3, t4)):
            parts[k].append((b - a) * 1000)
    http_ms = new_case_http_ms(kg, args)
    # the same case through the CLI (a fresh process each: start-up included)
    cli_ms = []
    store_dir = folder / "cli-store"
    if not args.skip_cli:
        import shutil

        shutil.rmtree(store_dir, ignore_errors=True)
        spinekg = str(Path(sys.executable).parent / "spinekg")
        for f in files[:3]:
            t = time.perf_counter()
            subprocess.run([spinekg, "load", "--store", str(store_dir), str(f)], check=True, capture_output=True)
            cli_ms.append((time.perf_counter() - t) * 1000)
    return {"quads": quads, "store_load_s": load_s, "queries": results, "peak_mb": peak_mb(),
            "new_case_api_ms": statistics.median(api_ms), "new_case_fast_ms": statistics.median(fast_ms),
            "new_case_fast_parts_ms": {k: statistics.median(v) for k, v in parts.items()},
            "new_case_cli_small_store_ms": statistics.median(cli_ms) if cli_ms else None,
            "new_case_http_ms": statistics.median(http_ms) if http_ms else None}


def new_case_http_ms(kg, args) -> list[float]:
    """Round trips of `POST /cases` (one new synthetic case each) to the server on this store, after start-up."""
    import socket
    import threading

    import httpx
    import uvicorn
    import yaml

    from spinekg.server.app import create_app
    from spinekg.server.config import ServerConfig
    from spinekg.synth import synth_case

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app(kg, ServerConfig(allow_updates=True, token="bench-token"))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    out = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60,
                          headers={"Authorization": "Bearer bench-token", "Content-Type": "application/yaml"}) as client:
            for _ in range(200):
                if server.started:
                    break
                time.sleep(0.05)
            for i in range(args.new_cases + 2):
                body = yaml.safe_dump(synth_case(i, args.seed + 4000), sort_keys=False)
                t = time.perf_counter()
                r = client.post("/cases", content=body)
                dt = (time.perf_counter() - t) * 1000
                if r.status_code not in (200, 201):
                    raise RuntimeError(f"POST /cases answered {r.status_code}: {r.text[:300]}")
                if i >= 2:  # the first two warm the server up
                    out.append(dt)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return out


TASKS = {"load": task_load, "shacl": task_shacl, "batch": task_batch, "per-case": task_percase,
         "queries": task_queries, **{p: task_peer for p in PEERS}}


# ----------------------------------------------------------------------------------------------
# The orchestrator
# ----------------------------------------------------------------------------------------------
def run_task(task: str, n: int, args, timeout: float) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--task", task, "--size", str(n), "--seed", str(args.seed),
           "--workers", str(args.workers), "--chunk", str(args.chunk), "--hermit-max", str(args.hermit_max),
           "--shacl-sample", str(args.shacl_sample), "--query-repeats", str(args.query_repeats),
           "--new-cases", str(args.new_cases), "--query-timeout", str(args.query_timeout)] + (["--skip-cli"] if args.skip_cli else [])
    t = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    # its own process group, so that a server or a Java reasoner it started goes with it on a timeout
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
                            start_new_session=True)
    try:
        stdout, stderr = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        import signal

        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.communicate(timeout=20)
                break
            except subprocess.TimeoutExpired:
                continue
        import glob
        import shutil
        import tempfile

        for leftover in glob.glob(os.path.join(tempfile.gettempdir(), "spinekg-bench-*")):
            shutil.rmtree(leftover, ignore_errors=True)  # a killed server's folder
        return {"status": "timeout", "elapsed_s": time.perf_counter() - t}
    res = subprocess.CompletedProcess(cmd, proc.returncode, stdout, stderr)
    if res.returncode != 0:
        return {"status": "error", "error": (res.stderr or res.stdout)[-1500:], "elapsed_s": time.perf_counter() - t}
    out = json.loads(res.stdout.strip().splitlines()[-1])
    out["status"] = "ok"
    out["elapsed_s"] = time.perf_counter() - t
    return out


def timed_cmd(cmd: list[str], repeats: int = 3) -> float | None:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        res = subprocess.run(cmd, capture_output=True, cwd=ROOT)
        if res.returncode != 0:
            return None
        times.append(time.perf_counter() - t)
    return min(times)


def fmt_s(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.3g} s" if x < 100 else f"{x:.0f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default=os.environ.get("BENCH_SIZES", "1000,10000,100000"),
                    help="comma-separated numbers of cases (default 1000,10000,100000)")
    ap.add_argument("--timeout", type=float, default=float(os.environ.get("BENCH_TIMEOUT", 300)),
                    help="time limit per engine and size, in seconds (default 300)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--engines", default=",".join(ENGINES), help="which engines (default all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=750, help="cases per batch-engine chunk")
    ap.add_argument("--hermit-max", type=int, default=1000, help="cases given to HermiT at most")
    ap.add_argument("--shacl-sample", type=int, default=500)
    ap.add_argument("--query-repeats", type=int, default=21)
    ap.add_argument("--new-cases", type=int, default=7)
    ap.add_argument("--query-timeout", type=float, default=60.0, help="time limit per named query (all its runs)")
    ap.add_argument("--skip-cli", action="store_true")
    ap.add_argument("--no-queries", action="store_true", help="skip the query mix and the new-case timings")
    ap.add_argument("--readme", action="store_true", help="also put the table into README.md (what `make bench` does)")
    ap.add_argument("--task", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.task:
        sys.path.insert(0, str(HERE))
        folder = ensure_data(args.size, args.seed)
        out = TASKS[args.task](folder, args)
        print(json.dumps(out))
        return
    run(args)


def run(args) -> None:
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    engines = [e for e in args.engines.split(",") if e]
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform()},
                    "timeout_s": args.timeout, "sizes": sizes, "runs": {}}
    try:
        import spinekg.store.remote  # noqa: F401
        remote = True
    except ImportError:
        remote = False
        engines = [e for e in engines if e not in ("virtuoso", "oxigraph-serve")]
        report["note_remote"] = "spinekg.store.remote is not available: remote peers skipped"
    failed: set[str] = set()
    for n in sizes:
        print(f"\n== {n} cases ==", flush=True)
        t = time.perf_counter()
        ensure_data(n, args.seed)
        run_n: dict = {"synth_s": time.perf_counter() - t}
        report["runs"][str(n)] = run_n
        run_n["load"] = run_task("load", n, args, max(args.timeout, 3600))
        print(f"  load: {run_n['load'].get('status')} {fmt_s(run_n['load'].get('elapsed_s'))}", flush=True)
        if run_n["load"]["status"] != "ok":
            print(run_n["load"].get("error", ""))
            continue
        run_n["shacl"] = run_task("shacl", n, args, max(args.timeout, 1800))
        for e in engines:
            if e in failed:
                run_n[e] = {"status": "skipped", "why": "did not finish a smaller size"}
                continue
            res = run_task(e, n, args, max(args.timeout, 1800) if e == "batch" else args.timeout)  # peers: 5 min
            run_n[e] = res
            extra = f" ({res.get('error', '')[-300:]})" if res["status"] == "error" else ""
            print(f"  {e}: {res['status']} {fmt_s(res.get('reason_s'))} (wall {fmt_s(res.get('elapsed_s'))}){extra}",
                  flush=True)
            if res["status"] == "timeout":
                failed.add(e)
            save_partial(report)
        if not args.no_queries and run_n.get("batch", {}).get("status") == "ok":
            run_n["queries"] = run_task("queries", n, args, max(args.timeout, 3600))
            print(f"  queries: {run_n['queries']['status']}", flush=True)
        agreement(run_n)
    report["help_s"] = timed_cmd([str(Path(sys.executable).parent / "spinekg"), "--help"])
    report["demo_s"] = timed_cmd(["make", "demo"], repeats=1)
    report["remote_available"] = remote
    write_report(report, ROOT / "README.md" if args.readme else None)


def save_partial(report: dict) -> None:
    (RESULTS / "partial.json").write_text(json.dumps(report, indent=1, default=str))


def agreement(run_n: dict) -> None:
    """Compare every engine's conclusions with the batch engine's (HermiT: the cross-check classes)."""
    ref = run_n.get("batch", {})
    if ref.get("status") != "ok":
        return
    want = set(ref["signature"])
    cross = set(ref.get("crosscheck", []))
    for e, res in run_n.items():
        if not isinstance(res, dict) or res.get("status") != "ok" or "signature" not in res or e == "batch":
            continue
        got = set(res["signature"])
        target = cross if e == "hermit" else want
        res["agrees"] = got == target
        res["missing"] = sorted(target - got)[:10]
        res["extra"] = sorted(got - target)[:10]
        res["n_missing"], res["n_extra"] = len(target - got), len(got - target)
        res["conclusions"] = len(got)
    ref["agrees"] = True
    ref["conclusions"] = len(want)


def table(report: dict) -> str:
    sizes = report["sizes"]
    head = "| engine | " + " | ".join(f"{n:,} cases" for n in sizes) + " |"
    lines = [head, "|" + "---|" * (len(sizes) + 1)]

    def cell(res: dict | None, n: int) -> str:
        if not res:
            return "-"
        if res["status"] == "timeout":
            return f"> {report['timeout_s']:.0f} s (not finished)"
        if res["status"] == "skipped":
            return "not run (slower size failed)"
        if res["status"] == "error":
            return "error"
        s = res.get("reason_s")
        cases = res.get("cases", n)
        txt = f"{fmt_s(s)} ({cases / s:,.0f} cases/s)" if s else "-"
        if "peak_mb" in res:
            txt += f", {res['peak_mb']:,.0f} MB"
        if "agrees" in res:
            txt += ", same conclusions" if res["agrees"] else \
                f", DIFFERENT conclusions ({res.get('n_missing', 0)} missing, {res.get('n_extra', 0)} extra)"
        return txt

    for e in ENGINES:
        if not any(e in report["runs"].get(str(n), {}) for n in sizes):
            continue
        lines.append(f"| {LABELS[e]} | " + " | ".join(cell(report["runs"].get(str(n), {}).get(e), n) for n in sizes) + " |")
    rows = [("asserted triples", lambda r: f"{r['load']['asserted_triples']:,}" if r.get("load", {}).get("status") == "ok" else "-"),
            ("inferred triples (batch, with derivations)", lambda r: f"{r['batch']['inferred_triples']:,}" if r.get("batch", {}).get("status") == "ok" else "-"),
            ("load: format check + N-Triples + store (triples/s)", lambda r: f"{r['load']['load_triples_per_s']:,.0f} (store alone {r['load']['store_triples_per_s']:,.0f})" if r.get("load", {}).get("status") == "ok" else "-"),
            ("load through rdflib (case_from_data, ms/case)", lambda r: f"{r['load']['case_from_data_ms']:.2f}" if r.get("load", {}).get("status") == "ok" else "-"),
            ("SHACL validation (pyshacl, cases/s, sample)", lambda r: f"{r['shacl']['shacl_cases_per_s']:.0f} ({r['shacl']['validated']} cases, {r['shacl']['invalid']} invalid)" if r.get("shacl", {}).get("status") == "ok" else "-"),
            ("store with inferred graphs: load", lambda r: f"{r['queries']['quads']:,} quads in {fmt_s(r['queries']['store_load_s'])}, {r['queries']['peak_mb']:,.0f} MB" if r.get("queries", {}).get("status") == "ok" else "-"),
            ("one new case, Python API (kg.load of a YAML file: checks, SHACL, reasoning, store)", lambda r: f"{r['queries']['new_case_api_ms']:.1f} ms" if r.get("queries", {}).get("status") == "ok" else "-"),
            ("one new case, HTTP round trip (POST /cases, server on this store)", lambda r: f"{r['queries']['new_case_http_ms']:.1f} ms" if r.get("queries", {}).get("new_case_http_ms") else "-"),
            ("one new case, fast path (format + SHACL + engine + store)", lambda r: "{:.1f} ms ({})".format(r['queries']['new_case_fast_ms'], ", ".join(f"{k} {v:.1f}" for k, v in r['queries']['new_case_fast_parts_ms'].items())) if r.get("queries", {}).get("status") == "ok" else "-"),
            ]
    lines += ["", "| measure | " + " | ".join(f"{n:,} cases" for n in sizes) + " |", "|" + "---|" * (len(sizes) + 1)]
    for name, f in rows:
        vals = []
        for n in sizes:
            r = report["runs"].get(str(n), {})
            try:
                vals.append(f(r))
            except (KeyError, TypeError, ZeroDivisionError):
                vals.append("-")
        lines.append(f"| {name} | " + " | ".join(vals) + " |")
    # queries
    qnames = sorted({q for n in sizes for q in report["runs"].get(str(n), {}).get("queries", {}).get("queries", {})})
    if qnames:
        lines += ["", "| named query (p50 / p95 ms) | " + " | ".join(f"{n:,} cases" for n in sizes) + " |",
                  "|" + "---|" * (len(sizes) + 1)]
        for q in qnames:
            vals = []
            for n in sizes:
                r = report["runs"].get(str(n), {}).get("queries", {}).get("queries", {}).get(q)
                if r and "p50_ms" in r:
                    vals.append(f"{r['p50_ms']:.1f} / {r['p95_ms']:.1f} ({r['rows']:,} rows)")
                else:
                    vals.append(f"> {r['timeout_s']:.0f} s (not finished)" if r else "-")
            lines.append(f"| {q} | " + " | ".join(vals) + " |")
    lines += ["", "\\* every engine runs the rule files as written in rules/ (Virtuoso: with the equivalent text of "
              "bench/peers.py VIRTUOSO_WHERE and VIRTUOSO_REWRITES, for its optimiser).",
              "", f"`spinekg --help`: {fmt_s(report.get('help_s'))}; `make demo` (after set-up): {fmt_s(report.get('demo_s'))}"]
    # ratios at each size
    notes = []
    for n in sizes:
        r = report["runs"].get(str(n), {})
        b = r.get("batch", {})
        if b.get("status") != "ok":
            continue
        for e in ("owlrl", "reasonable", "rdflib", "per-case", "virtuoso", "oxigraph-serve"):
            p = r.get(e, {})
            if p.get("status") == "ok" and p.get("reason_s"):
                notes.append(f"{n:,} cases: batch is {p['reason_s'] / b['reason_s']:,.0f}x faster than {e}")
            elif p.get("status") == "timeout":
                notes.append(f"{n:,} cases: batch is more than {report['timeout_s'] / b['reason_s']:,.0f}x faster than {e} (not finished)")
    if notes:
        lines += [""] + [f"- {x}" for x in notes]
    lines += ["", targets_table(report)]
    return "\n".join(lines)


def targets_table(report: dict) -> str:
    """The issue's targets against what this run measured (at the sizes it ran)."""
    runs = report["runs"]
    big = max((n for n in report["sizes"] if runs.get(str(n), {}).get("batch", {}).get("status") == "ok"), default=None)
    rows = []

    def verdict(value: float | None, limit: float, higher_is_better: bool = False) -> str:
        if value is None:
            return "not measured"
        ok = value >= limit if higher_is_better else value <= limit
        if ok:
            return "met"
        factor = limit / value if higher_is_better else value / limit
        return f"missed ({factor:,.1f}x)"

    if big is not None:
        b = runs[str(big)]["batch"]
        rows.append((f"reasoning {big:,} cases (target: 100,000 in <= 30 s)", f"{fmt_s(b['reason_s'])} "
                     f"({big / b['reason_s']:,.0f} cases/s)", verdict(b["reason_s"] * 100_000 / big, 30)
                     + ("" if big == 100_000 else " (extrapolated)")))
        rows.append((f"peak memory, reasoning {big:,} cases (<= 4 GB)", f"{b['peak_mb']:,.0f} MB", verdict(b["peak_mb"], 4096)))
        v = runs[str(big)].get("virtuoso", {})
        if v.get("status") == "ok":
            rows.append((f"no slower than Virtuoso on {big:,} cases", f"{fmt_s(b['reason_s'])} vs {fmt_s(v['reason_s'])}",
                         verdict(b["reason_s"], v["reason_s"])))
        elif v.get("status") in ("timeout", "skipped"):
            rows.append((f"no slower than Virtuoso on {big:,} cases", f"Virtuoso did not finish ({v['status']})", "met"))
    r1 = runs.get("1000", {})
    for peer, need in (("owlrl", 200), ("reasonable", 20)):
        b, p = r1.get("batch", {}), r1.get(peer, {})
        if b.get("status") == "ok" and p.get("status") == "ok":
            ratio = p["reason_s"] / b["reason_s"]
            rows.append((f">= {need}x faster than {peer} at 1,000 cases", f"{ratio:,.1f}x", verdict(ratio, need, True)))
        elif b.get("status") == "ok" and p.get("status") == "timeout":
            ratio = report["timeout_s"] / b["reason_s"]
            rows.append((f">= {need}x faster than {peer} at 1,000 cases", f"> {ratio:,.0f}x ({peer} did not finish)",
                         "met" if ratio >= need else "not measured"))
    qbig = max((n for n in report["sizes"] if runs.get(str(n), {}).get("queries", {}).get("status") == "ok"), default=None)
    if qbig is not None:
        q = runs[str(qbig)]["queries"]
        rows.append((f"one new case, Python API, {qbig:,}-case store (<= 10 ms)", f"{q['new_case_api_ms']:.1f} ms",
                     verdict(q["new_case_api_ms"], 10)))
        if q.get("new_case_http_ms") is not None:
            rows.append((f"one new case, HTTP round trip, {qbig:,}-case store (<= 50 ms)", f"{q['new_case_http_ms']:.1f} ms",
                         verdict(q["new_case_http_ms"], 50)))
        worst = max(((k, v["p50_ms"]) for k, v in q["queries"].items() if "p50_ms" in v), key=lambda x: x[1], default=None)
        slow = [k for k, v in q["queries"].items() if "p50_ms" not in v]
        if worst:
            rows.append((f"every named query p50 <= 100 ms, {qbig:,}-case store", f"slowest {worst[0]} {worst[1]:.1f} ms"
                         + (f"; not finished: {', '.join(slow)}" if slow else ""),
                         "missed" if slow else verdict(worst[1], 100)))
    rows.append(("`spinekg --help` <= 0.5 s", fmt_s(report.get("help_s")), verdict(report.get("help_s"), 0.5)))
    rows.append(("`make demo` after set-up <= 5 s", fmt_s(report.get("demo_s")), verdict(report.get("demo_s"), 5)))
    out = ["| target | measured | |", "|---|---|---|"]
    out += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(out)


def plot(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 5))
    for e in ENGINES:
        xs, ys = [], []
        for n in report["sizes"]:
            res = report["runs"].get(str(n), {}).get(e)
            if res and res.get("status") == "ok" and res.get("reason_s"):
                xs.append(res.get("cases", n))
                ys.append(res["reason_s"])
        if xs:
            ax.plot(xs, ys, marker="o", label=LABELS[e])
    ax.axhline(report["timeout_s"], color="grey", linestyle=":", label=f"time limit ({report['timeout_s']:.0f} s)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("cases")
    ax.set_ylabel("reasoning time (s)")
    ax.set_title("spinekg: reasoning time by engine (lower is better)")
    ax.legend(fontsize=7)
    ax.grid(True, which="both", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


README_START, README_END = "<!-- bench:latest:start -->", "<!-- bench:latest:end -->"


def write_report(report: dict, readme: Path | None = None) -> None:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    md = table(report)
    print("\n" + md)
    for name in (f"bench-{stamp}", "latest"):
        (RESULTS / f"{name}.json").write_text(json.dumps(report, indent=1, default=str))
        (RESULTS / f"{name}.md").write_text(md + "\n")
        plot(report, RESULTS / f"{name}.png")
    print(f"\nwritten: {RESULTS / 'latest.md'}, latest.json, latest.png (and bench-{stamp}.*)")
    if readme is not None:
        text = readme.read_text(encoding="utf-8")
        if README_START in text and README_END in text:
            m = report["machine"]
            block = (f"{README_START}\n_`make bench`, {time.strftime('%Y-%m-%d')}, {m['cpus']} cores, Python {m['python']}; "
                     f"time limit {report['timeout_s']:.0f} s per engine and size._\n\n{md}\n{README_END}")
            head, rest = text.split(README_START, 1)
            readme.write_text(head + block + rest.split(README_END, 1)[1], encoding="utf-8")
            print(f"updated the latest table in {readme}")


if __name__ == "__main__":
    main()
