"""spinekg performance benchmark: synthetic registries, our engines side by side with the peers, doing the same work.

    .venv/bin/python bench/run.py                       # 1,000, 10,000 and 100,000 cases (what `make bench` runs)
    .venv/bin/python bench/run.py --sizes 100,1000 --timeout 120 --engines batch,owlrl,reasonable

Every measurement runs in its own subprocess (memory summed over its process tree, a hard time limit); an
engine that does not finish a size within the limit is not run on larger ones. Every engine's time covers
the same work (peers.py); conclusions are compared fact by fact (conclusions.py); what the numbers allow
the tables to say is decided in verdicts.py. Prints the tables and writes them (Markdown and JSON) with a
plot to bench/results/. See bench/README.md.
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
from typing import cast

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
    "reasonable": "(d) reasonable OWL 2 RL closure + rules on pyoxigraph",
    "virtuoso": "(e) remote backend: rules on Virtuoso*",
    "oxigraph-serve": "(e) remote backend: rules on oxigraph serve",
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


def rusage_max_mb() -> float:
    """The largest resident size of this process or of any child it waited for (a lower bound of the tree's
    peak that a sample may miss; the peak itself is sampled by the orchestrator, memory.py)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024.0


# ----------------------------------------------------------------------------------------------
# Tasks (each runs in a subprocess: `run.py --task NAME --size N --seed S`, prints one JSON line)
# ----------------------------------------------------------------------------------------------
def task_load(folder: Path, args) -> dict:
    """Read the registry, check the case format, write N-Triples, bulk-load the asserted graphs into an
    on-disk store (folder/store, the kind `spinekg load --store` opens; the query task adds to it)."""
    import shutil

    import pyoxigraph as ox

    from spinekg.cases.rdf_writer import case_ntriples
    from spinekg.cases.schema import parse_case
    from spinekg.synth import iter_case_data
    from spinekg.vocab import case_graph

    t_read = t_check = t_rdf = 0.0
    cases = problems = triples = 0
    nq_path = folder / "asserted.nq"
    sample: list[dict] = []
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
            "store_triples_per_s": triples / t_store, "case_from_data_ms": t_api * 1000}


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


def _batch_sink_write(result: dict) -> tuple[int, float]:
    """The chunk's inferred graphs appended to this worker's N-Quads file: (triples, seconds spent writing)."""
    from spinekg.vocab import inferred_graph

    path = Path(os.environ["SPINEKG_BENCH_OUT"]) / f"inferred-{os.getpid()}.nq"
    t = time.perf_counter()
    n = 0
    with open(path, "a", encoding="utf-8") as fh:
        for cid, nt in result.items():
            n += nt.count("\n")
            fh.write(nt.replace(" .\n", f" <{inferred_graph(cid)}> .\n"))
    return n, time.perf_counter() - t


def facts_file(folder: Path, engine: str) -> Path:
    """Where an engine's conclusion facts go (conclusions.py), sorted."""
    return folder / f"facts-{engine}.txt"


def _graphs_of(paths: list[Path], keep: set[str] | None = None):
    """(graph, N-Triples text) per inferred graph in the batch engine's N-Quads files (a case's lines are
    written together), only those in `keep` if given."""
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            graph: str | None = None
            buf: list[str] = []
            for line in fh:
                head, g, _ = line.rsplit(" ", 2)
                if g != graph:
                    if buf:
                        yield graph, "".join(buf)
                    graph, buf = g, []
                if keep is None or g in keep:
                    buf.append(head + " .\n")
            if buf:
                yield graph, "".join(buf)


def task_given(folder: Path, args) -> dict:
    """The conclusion facts every peer is handed with its input: those among the static graphs, the asserted
    triples, their axiom closure and the construct analysis (left out of every comparison; not timed)."""
    from conclusions import facts_of_ntriples, facts_of_triples, write_sorted
    from peers import closure_of
    from spinekg.ntriples import lines, split
    from spinekg.reasoning.axioms import axioms
    from spinekg.reasoning.construct_rule import ConstructRule
    from spinekg.reasoning.engine import static_ntriples

    ax = axioms()
    rule = ConstructRule(ax)

    def facts():
        yield from facts_of_ntriples(static_ntriples().decode("utf-8"))  # e.g. the parameters' pretest settings
        for cid, nt in iter_items(folder):
            triples = [split(x) for x in lines(nt)]
            extra = closure_of(triples)
            if ax.transitive:
                extra += sorted(ax.close(triples + extra))
            yield from facts_of_triples(triples + extra + rule.conclusions(cid, triples))

    return {"facts": write_sorted(facts(), facts_file(folder, "given"))}


def task_batch(folder: Path, args) -> dict:
    """The batch engine in worker processes, chunk by chunk; its facts and HermiT's classes after the timing."""
    from conclusions import facts_of_ntriples, write_sorted
    from peers import crosscheck_facts, timed_start
    from spinekg.reasoning import CaseInput, Stats, reason_chunks
    from spinekg.reasoning.axioms import axioms
    from spinekg.reasoning.engine import static_ntriples

    sample: list = []
    out = folder / "inferred"
    out.mkdir(exist_ok=True)
    for f in out.glob("*.nq"):
        f.unlink()
    os.environ["SPINEKG_BENCH_OUT"] = str(out)
    stats = Stats()
    t = timed_start()
    items = iter_items(folder, sample, args.hermit_max)  # streamed: the input is not all in memory
    static_ntriples()
    axioms()
    startup = time.perf_counter() - t
    total, wrote = 0, 0.0
    for written in reason_chunks((CaseInput(cid, nt) for cid, nt in items), workers=args.workers,
                                 chunk_size=args.chunk, stats=stats, sink=_batch_sink_write):
        n, w = cast(tuple[int, float], written)  # what the sink returned
        total += n
        wrote += w
    dt = time.perf_counter() - t
    # after the timing: the conclusion facts, and HermiT's classes for the cross-check
    files = sorted(out.glob("*.nq"))
    facts = write_sorted((x for _, nt in _graphs_of(files) for x in facts_of_ntriples(nt)), facts_file(folder, "batch"))
    ids = {f"<https://w3id.org/spinekg/case/{cid}/graph/inferred>" for cid, _ in sample}
    inferred = [nt for _, nt in _graphs_of(files, ids)]
    cross = write_sorted(crosscheck_facts([nt for _, nt in sample], inferred), facts_file(folder, "batch-crosscheck"))
    timings = dict(stats.timings)
    rules = sum(v for k, v in timings.items() if k.startswith("rule:"))
    phases = {"read cases + axiom closure": timings.get("closure", 0.0), "construct": timings.get("construct", 0.0),
              "workspace load": timings.get("load", 0.0), "rules": rules,
              "conclusions + derivations": timings.get("instantiate", 0.0), "output text": timings.get("output", 0.0)}
    return {"reason_s": dt - wrote / max(1, args.workers), "wall_s": dt, "write_s": wrote, "startup_s": startup,
            "inferred_triples": total, "facts": facts, "crosscheck_facts": cross, "phases": phases,
            "phases_are": f"CPU seconds summed over the {args.workers} worker processes",
            "stats": {k: getattr(stats, k) for k in ("cases", "construct_hits", "construct_misses",
                                                      "rule_runs", "rounds", "output_triples")},
            "timings": {k: round(v, 3) for k, v in sorted(timings.items(), key=lambda x: -x[1])}}


def task_percase(folder: Path, args) -> dict:
    """The same engine fed one case per call (a batch of one each, in its kept workspace)."""
    from conclusions import facts_of_ntriples, write_sorted
    from peers import timed_start
    from spinekg.reasoning import CaseInput, Engine

    items = read_items(folder)
    engine = Engine()
    engine.reason([CaseInput(*items[0])], reuse=True)  # warm-up
    t = timed_start()
    out = [engine.reason([CaseInput(cid, nt)], reuse=True)[cid] for cid, nt in items]
    dt = time.perf_counter() - t
    facts = write_sorted((x for nt in out for x in facts_of_ntriples(nt)), facts_file(folder, "per-case"))
    return {"reason_s": dt, "inferred_triples": sum(x.count("\n") for x in out), "facts": facts}


def task_peer(folder: Path, args) -> dict:
    """One peer (peers.py) on the registry: the same work as the batch engine, timed the same way."""
    import peers

    items = read_items(folder)
    if args.task == "hermit":
        items = items[: args.hermit_max]
    report: dict = {"cases": len(items)}
    peers.PEERS[args.task](items, report, facts_file(folder, args.task))
    return report


def _query_runs(kg, name: str, params: dict, repeats: int, conn) -> None:
    times, rows = [], 0
    for i in range(repeats):
        t = time.perf_counter()
        try:
            res = kg.query(name, params)
        except Exception as exc:  # a failed query is reported as failed, not as a slow one
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
            conn.close()
            return
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
    error = None
    ended = False  # the child closed its end (its runs are done) or exited
    deadline = time.monotonic() + args.query_timeout
    while time.monotonic() < deadline:
        if parent.poll(max(0.0, min(1.0, deadline - time.monotonic()))):
            try:
                got = parent.recv()
            except EOFError:
                ended = True
                break
            if got[0] == "error":
                error = got[1]
                ended = True
                break
            times, rows = got
        elif not proc.is_alive():
            ended = True
            break
    if ended:
        proc.join(timeout=30)  # done: let it exit (on a loaded machine that takes a moment)
    timed_out = not ended
    if proc.is_alive():
        proc.kill()
    proc.join()
    if error is not None:
        return {"error": error[:300], "params": params}
    if not times:
        if not timed_out:  # ended without an answer (e.g. killed for memory)
            return {"error": f"the query's process ended (exit code {proc.exitcode}) without an answer",
                    "params": params}
        return {"timeout_s": args.query_timeout, "params": params}
    times.sort()
    return {"p50_ms": statistics.median(times), "p95_ms": times[min(len(times) - 1, round(0.95 * (len(times) - 1)))],
            "runs": len(times), "rows": rows, "params": params, "cut_short": timed_out}


def query_params(query, case_id: str) -> dict:
    """Example parameters for a named query: a case of the registry for `case_id` (required or not), level L4
    for a required `level`, the query's own example for any other required parameter."""
    out = {}
    for p in query.params:
        if p.name == "case_id":
            out[p.name] = case_id
        elif p.required and p.name == "level":
            out[p.name] = "L4"
        elif p.required and p.name in query.example:
            out[p.name] = query.example[p.name]
    return out


def task_queries(folder: Path, args) -> dict:
    """Load asserted + inferred graphs into one store; time the named queries and one new case."""
    import pyoxigraph as ox

    from spinekg.api import KnowledgeGraph
    from spinekg.queries import load_queries
    from spinekg.store import EmbeddedStore
    from spinekg.vocab import case_graph

    # the load task's on-disk store of asserted graphs, with the batch engine's inferred graphs added
    kg = KnowledgeGraph(EmbeddedStore(folder / "store"))
    store = cast(EmbeddedStore, kg.store).oxigraph
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
    results = {name: time_query(kg, name, query_params(q, case_id), args) for name, q in load_queries().items()}
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
    fast_ms: list[float] = []
    parts: dict[str, list[float]] = {"check_format": [], "shacl": [], "reason": [], "store": []}
    engine = Engine()
    warm = case_from_data(synth_case(0, args.seed + 3000))
    engine.reason([CaseInput(warm.case_id, warm.ntriples)], reuse=True)  # warm-up
    from spinekg.api import check_shapes
    from spinekg.vocab import inferred_graph

    for i in range(args.new_cases):
        d = synth_case(i, args.seed + 2000)
        t0 = time.perf_counter()
        lc = case_from_data(d, d["id"])
        t1 = time.perf_counter()
        check_shapes(lc)  # the SHACL step kg.load runs (compiled checks, pyshacl only when they are unsure)
        t2 = time.perf_counter()
        nt = lc.ntriples
        out = engine.reason([CaseInput(lc.case_id, nt)], reuse=True)[lc.case_id]
        t3 = time.perf_counter()
        kg.store.replace_graphs({case_graph(lc.case_id): nt, inferred_graph(lc.case_id): out})  # the store step kg.load runs
        t4 = time.perf_counter()
        fast_ms.append((t4 - t0) * 1000)
        for k, a, b in (("check_format", t0, t1), ("shacl", t1, t2), ("reason", t2, t3), ("store", t3, t4)):
            parts[k].append((b - a) * 1000)
    http_error = None
    try:
        http_ms = new_case_http_ms(kg, args)
    except Exception as exc:  # the other figures stand; this one is not measured, with the reason
        http_ms, http_error = [], f"{type(exc).__name__}: {exc}"[:300]
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
    return {"quads": quads, "store_load_s": load_s, "queries": results,
            "new_case_api_ms": statistics.median(api_ms), "new_case_fast_ms": statistics.median(fast_ms),
            "new_case_fast_parts_ms": {k: statistics.median(v) for k, v in parts.items()},
            "new_case_cli_small_store_ms": statistics.median(cli_ms) if cli_ms else None,
            "new_case_http_ms": statistics.median(http_ms) if http_ms else None, "new_case_http_error": http_error}


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
            deadline = time.monotonic() + 120  # a loaded machine starts it slowly
            while not server.started and thread.is_alive() and time.monotonic() < deadline:
                time.sleep(0.05)
            if not server.started:
                raise RuntimeError("the HTTP server did not start within 120 s" if thread.is_alive()
                                   else "the HTTP server stopped while starting")
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


TASKS = {"load": task_load, "given": task_given, "shacl": task_shacl, "batch": task_batch, "per-case": task_percase,
         "queries": task_queries, **dict.fromkeys(PEERS, task_peer)}


# ----------------------------------------------------------------------------------------------
# The orchestrator
# ----------------------------------------------------------------------------------------------
def run_task(task: str, n: int, args, timeout: float) -> dict:
    """Run one task in its own process group, its memory sampled (summed over its process tree), stopped
    with everything it started at the time limit."""
    import signal
    import tempfile

    from memory import TreeMemory

    cmd = [sys.executable, str(Path(__file__).resolve()), "--task", task, "--size", str(n), "--seed", str(args.seed),
           "--workers", str(args.workers), "--chunk", str(args.chunk), "--hermit-max", str(args.hermit_max),
           "--shacl-sample", str(args.shacl_sample), "--query-repeats", str(args.query_repeats),
           "--new-cases", str(args.new_cases), "--query-timeout", str(args.query_timeout)] + (["--skip-cli"] if args.skip_cli else [])
    with tempfile.TemporaryDirectory(prefix="spinekg-bench-task-") as tmp:
        mark = Path(tmp) / "timed-start"
        out_path, err_path = Path(tmp) / "stdout", Path(tmp) / "stderr"
        env = dict(os.environ, PYTHONPATH=str(HERE) + os.pathsep + os.environ.get("PYTHONPATH", ""),
                   SPINEKG_BENCH_MARK=str(mark))
        load_before = os.getloadavg()[0]
        t = time.perf_counter()
        with open(out_path, "w") as out_fh, open(err_path, "w") as err_fh:
            # its own process group, so that a server or a Java reasoner it started goes with it on a timeout
            proc = subprocess.Popen(cmd, stdout=out_fh, stderr=err_fh, text=True, env=env, cwd=ROOT,
                                    start_new_session=True)
            with TreeMemory(proc.pid) as mem:
                try:
                    proc.wait(timeout=timeout)
                    timed_out = False
                except subprocess.TimeoutExpired:
                    timed_out = True
                    stopped_at = time.time()
                    for sig in (signal.SIGTERM, signal.SIGKILL):
                        try:
                            os.killpg(proc.pid, sig)
                        except ProcessLookupError:
                            break
                        try:
                            proc.wait(timeout=20)
                            break
                        except subprocess.TimeoutExpired:
                            continue
        elapsed = time.perf_counter() - t
        sampled = {"peak_mb": mem.peak_mb, "peak_processes": mem.peak_processes, "memory_samples": mem.samples,
                   "load_average": [load_before, os.getloadavg()[0]]}  # 1 minute, before and after: other work
        if timed_out:
            import glob
            import shutil

            for leftover in glob.glob(os.path.join(tempfile.gettempdir(), "spinekg-bench-*")):
                if leftover != tmp:
                    shutil.rmtree(leftover, ignore_errors=True)  # a killed server's folder
            res = {"status": "timeout", "elapsed_s": elapsed, **sampled}
            if mark.exists():  # how long it had spent on its timed work when it was stopped
                res["timed_s_at_limit"] = max(0.0, stopped_at - float(mark.read_text()))
            return res
        stdout, stderr = out_path.read_text(), err_path.read_text()
    if proc.returncode != 0:
        res = {"status": "error", "error": (stderr or stdout)[-1500:], "elapsed_s": elapsed, **sampled}
        if proc.returncode < 0:  # killed by a signal: by the kernel's out-of-memory killer when it is SIGKILL
            res["signal"] = signal.Signals(-proc.returncode).name
        return res
    out = json.loads(stdout.strip().splitlines()[-1])
    out["status"] = "ok"
    out["elapsed_s"] = elapsed
    out.update(sampled)
    out["peak_mb"] = max(mem.peak_mb, out.get("rusage_max_mb", 0.0))  # a spike between samples
    return out


def error_text(res: dict) -> str:
    """A failed task in one table cell: its last line of output, or how it was stopped when it said nothing."""
    said = " ".join(res.get("error", "").strip().splitlines()[-1:])[:120].replace("|", "/")
    if said:
        return "error: " + said
    import psutil

    ram = psutil.virtual_memory().total / 2**20
    peak = res.get("peak_mb", 0.0)
    how = f"killed by {res['signal']}" if res.get("signal") else "stopped without a message"
    if peak > 0.9 * ram:  # the kernel's out-of-memory killer sends SIGKILL without a word
        return f"{how}, out of memory: {peak:,.0f} MB of the machine's {ram:,.0f} MB"
    return f"{how} after {fmt_s(res.get('elapsed_s'))}, {peak:,.0f} MB"


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
    ap.add_argument("--no-demo", action="store_true", help="skip timing `make demo`")
    ap.add_argument("--readme", action="store_true", help="also put the table into README.md (what `make bench` does)")
    ap.add_argument("--render", metavar="JSON", help="only write the tables again from a saved report (e.g. "
                    "bench/results/latest.json), with --readme into README.md too")
    ap.add_argument("--task", help=argparse.SUPPRESS)
    ap.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.task:
        sys.path.insert(0, str(HERE))
        entered = time.time()
        folder = ensure_data(args.size, args.seed)
        out = TASKS[args.task](folder, args)
        mark = os.environ.get("SPINEKG_BENCH_MARK")
        if "setup_s" not in out and mark and Path(mark).exists():
            out["setup_s"] = max(0.0, float(Path(mark).read_text()) - entered)  # before its timed work
        out["rusage_max_mb"] = rusage_max_mb()
        print(json.dumps(out))
        return
    if args.render:
        sys.path.insert(0, str(HERE))
        RESULTS.mkdir(parents=True, exist_ok=True)
        write_report(json.loads(Path(args.render).read_text()), ROOT / "README.md" if args.readme else None)
        return
    engines = [e for e in args.engines.split(",") if e]
    unknown = [e for e in engines if e not in ENGINES]
    if unknown:
        sys.exit(f"bench/run.py: unknown engine(s) {', '.join(unknown)} (known: {', '.join(ENGINES)})")
    if "virtuoso" in engines:
        sys.path.insert(0, str(HERE))
        from peers import RewriteError, check_virtuoso_rewrites

        try:
            check_virtuoso_rewrites()
        except RewriteError as exc:  # fail loudly, before anything runs
            sys.exit(f"bench/run.py: {exc}")
    run(args)


def run(args) -> None:
    sizes = [int(x) for x in args.sizes.split(",") if x.strip()]
    engines = [e for e in args.engines.split(",") if e]
    RESULTS.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                "platform": platform.platform()},
                    "timeout_s": args.timeout, "sizes": sizes, "runs": {}, "load_average": {}}
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
        report["load_average"][str(n)] = {"before": os.getloadavg()}
        run_n["load"] = run_task("load", n, args, max(args.timeout, 3600))
        print(f"  load: {run_n['load'].get('status')} {fmt_s(run_n['load'].get('elapsed_s'))}", flush=True)
        if run_n["load"]["status"] != "ok":
            print(run_n["load"].get("error", ""))
            continue
        run_n["given"] = run_task("given", n, args, max(args.timeout, 3600))
        run_n["shacl"] = run_task("shacl", n, args, max(args.timeout, 1800))
        for e in engines:
            if e in failed:
                run_n[e] = {"status": "skipped", "why": "did not finish a smaller size"}
                continue
            res = run_task(e, n, args, max(args.timeout, 1800) if e == "batch" else args.timeout)  # peers: the limit
            run_n[e] = res
            extra = f" ({res.get('error', '')[-300:]})" if res["status"] == "error" else ""
            print(f"  {e}: {res['status']} {fmt_s(res.get('reason_s'))} (wall {fmt_s(res.get('elapsed_s'))}, "
                  f"{res.get('peak_mb', 0):,.0f} MB, load average {res['load_average'][0]:.1f} / "
                  f"{res['load_average'][1]:.1f}){extra}", flush=True)
            if res["status"] in ("timeout", "error"):
                failed.add(e)  # not run on larger sizes (an engine out of memory would take the machine's memory again)
            save_partial(report)
        if not args.no_queries and run_n.get("batch", {}).get("status") == "ok":
            run_n["queries"] = run_task("queries", n, args, max(args.timeout, 3600))
            print(f"  queries: {run_n['queries']['status']}", flush=True)
        agreement(run_n, data_dir(n, args.seed))
        for e, res in run_n.items():
            if e in ENGINES and isinstance(res, dict) and "agreement" in res and e != "batch":
                a = res["agreement"]
                print(f"  {e}: {'same conclusions' if a['agrees'] else 'DIFFERENT: ' + a['why']} "
                      f"({a['compared']:,} facts compared, {a['left_out']:,} given as input left out)", flush=True)
        report["load_average"][str(n)]["after"] = os.getloadavg()
        save_partial(report)
    report["help_s"] = timed_cmd([str(Path(sys.executable).parent / "spinekg"), "--help"])
    if not args.no_demo:
        timed_cmd(["make", "install"], repeats=1)  # the package up to date: what `make demo` times is the demo
        report["demo_s"] = timed_cmd(["make", "demo"], repeats=1)
    report["remote_available"] = remote
    write_report(report, ROOT / "README.md" if args.readme else None)


def save_partial(report: dict) -> None:
    (RESULTS / "partial.json").write_text(json.dumps(report, indent=1, default=str))


def agreement(run_n: dict, folder: Path) -> None:
    """Compare every engine's conclusion facts with the batch engine's (HermiT: the cross-check classes), what
    the peers were given as input left out (verdicts.compare_conclusions)."""
    from conclusions import read_sorted
    from verdicts import compare_conclusions

    ref = run_n.get("batch", {})
    if ref.get("status") != "ok":
        return
    given = facts_file(folder, "given")
    if run_n.get("given", {}).get("status") != "ok" or not given.exists():
        for e, res in run_n.items():
            if e in ENGINES and e != "batch" and isinstance(res, dict) and res.get("status") == "ok" and "facts" in res:
                res["agreement"] = {"agrees": False, "why": "the facts given as input could not be computed",
                                    "compared": 0, "left_out": 0}
        return
    for e, res in run_n.items():
        if e not in ENGINES or e == "batch" or not isinstance(res, dict) or res.get("status") != "ok" or "facts" not in res:
            continue
        if e == "hermit":
            a = compare_conclusions(read_sorted(facts_file(folder, "batch-crosscheck")), read_sorted(facts_file(folder, e)))
        elif e == "per-case":  # the same engine: nothing was given to it that the batch engine lacked
            a = compare_conclusions(read_sorted(facts_file(folder, "batch")), read_sorted(facts_file(folder, e)))
        else:
            a = compare_conclusions(read_sorted(facts_file(folder, "batch")), read_sorted(facts_file(folder, e)),
                                    read_sorted(given))
        res["agreement"] = a.as_dict()
    # the batch engine against itself would prove nothing; what it concluded beyond its input, for the table
    ref["agreement"] = compare_conclusions(read_sorted(facts_file(folder, "batch")), (), read_sorted(given)).as_dict()


def _ok(res: dict | None) -> bool:
    return bool(res) and res.get("status") == "ok"  # type: ignore[union-attr]


def table(report: dict) -> str:
    """The report as Markdown: engines by size, what the time holds, the measures, the named queries, the
    speed of the batch engine against each peer, the targets."""
    from verdicts import speed_phrase

    sizes = report["sizes"]
    head = "| engine | " + " | ".join(f"{n:,} cases" for n in sizes) + " |"
    lines = [head, "|" + "---|" * (len(sizes) + 1)]

    def cell(e: str, res: dict | None, n: int) -> str:
        if not res:
            return "-"
        if res["status"] == "timeout":
            spent = res.get("timed_s_at_limit")
            return (f"> {report['timeout_s']:.0f} s (not finished; {fmt_s(spent)} of timed work)" if spent is not None
                    else f"> {report['timeout_s']:.0f} s (not finished before its timed work began)")
        if res["status"] == "skipped":
            return "not run (a smaller size did not finish)"
        if res["status"] == "error":
            return error_text(res)
        s = res.get("reason_s")
        cases = res.get("cases", n)
        txt = f"{fmt_s(s)} ({cases / s:,.0f} cases/s)" if s else "-"
        if "peak_mb" in res:
            txt += f", {res['peak_mb']:,.0f} MB"
        a = res.get("agreement")
        if a is not None and e != "batch":
            txt += (f", same conclusions ({a['compared']:,} facts)" if a["agrees"] else
                    f", DIFFERENT conclusions ({a['why']})")
        elif a is not None:
            txt += f", {a['missing']:,} conclusion facts"
        return txt

    for e in ENGINES:
        if not any(e in report["runs"].get(str(n), {}) for n in sizes):
            continue
        lines.append(f"| {LABELS[e]} | " + " | ".join(cell(e, report["runs"].get(str(n), {}).get(e), n) for n in sizes) + " |")
    lines += ["", "Every time above covers the same work: reading the static graphs and the cases, the axiom "
              "closure, the construct analysis (the same Python code, inside every engine's time), and the rules "
              "to a fixpoint (bench/README.md). HermiT classifies into three defined classes instead (no construct "
              "analysis, no rules). Set-up outside the time: starting a server; the batch engine's time excludes "
              "writing its output to disk. Memory: resident sizes summed over the task's processes at the same "
              "moment (sampled every 0.2 s). Conclusions: every fact of every conclusion node (values, labels and "
              "premises included) against the batch engine's, those handed to the peer as input left out."]
    # where the time goes
    ph_lines = []
    for n in sizes:
        r = report["runs"].get(str(n), {})
        for e in ENGINES:
            res = r.get(e)
            if _ok(res) and res.get("phases"):
                parts = ", ".join(f"{k} {v:.3g}" for k, v in res["phases"].items())
                note = " (CPU s summed over workers)" if e == "batch" else ""
                la = res.get("load_average")
                load = f"{la[0]:.1f} / {la[1]:.1f}" if la else "-"
                ph_lines.append(f"| {n:,} | {e} | {load} | {fmt_s(res.get('setup_s'))} | {fmt_s(res.get('reason_s'))} | "
                                f"{parts}{note} |")
    if ph_lines:
        lines += ["", "| cases | engine | load average before / after | set-up (not timed) | timed | of which (s) |",
                  "|---|---|---|---|---|---|", *ph_lines]
    rows = [("asserted triples", lambda r: f"{r['load']['asserted_triples']:,}" if _ok(r.get("load")) else "-"),
            ("inferred triples (batch, with derivations)", lambda r: f"{r['batch']['inferred_triples']:,}" if _ok(r.get("batch")) else "-"),
            ("load: format check + N-Triples + store (triples/s)", lambda r: f"{r['load']['load_triples_per_s']:,.0f} (store alone {r['load']['store_triples_per_s']:,.0f})" if _ok(r.get("load")) else "-"),
            ("load through rdflib (case_from_data, ms/case)", lambda r: f"{r['load']['case_from_data_ms']:.2f}" if _ok(r.get("load")) else "-"),
            ("SHACL validation (pyshacl, cases/s, sample)", lambda r: f"{r['shacl']['shacl_cases_per_s']:.0f} ({r['shacl']['validated']} cases, {r['shacl']['invalid']} invalid)" if _ok(r.get("shacl")) else "-"),
            ("store with inferred graphs: load", lambda r: f"{r['queries']['quads']:,} quads in {fmt_s(r['queries']['store_load_s'])}, {r['queries']['peak_mb']:,.0f} MB" if _ok(r.get("queries")) else "-"),
            ("one new case, Python API (kg.load of a YAML file: checks, SHACL, reasoning, store)", lambda r: f"{r['queries']['new_case_api_ms']:.1f} ms" if _ok(r.get("queries")) else "-"),
            ("one new case, HTTP round trip (POST /cases, server on this store)", lambda r: f"{r['queries']['new_case_http_ms']:.1f} ms" if r.get("queries", {}).get("new_case_http_ms") else
             ("not measured: " + r["queries"]["new_case_http_error"].replace("|", "/")) if r.get("queries", {}).get("new_case_http_error") else "-"),
            ("one new case, fast path (format + SHACL + engine + store)", lambda r: "{:.1f} ms ({})".format(r['queries']['new_case_fast_ms'], ", ".join(f"{k} {v:.1f}" for k, v in r['queries']['new_case_fast_parts_ms'].items())) if _ok(r.get("queries")) else "-"),
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
                elif r and "error" in r:
                    vals.append("error: " + r["error"][:100].replace("|", "/").replace("\n", " "))
                else:
                    vals.append(f"> {r['timeout_s']:.0f} s (not finished)" if r else "-")
            lines.append(f"| {q} | " + " | ".join(vals) + " |")
    lines += ["", "\\* every engine runs the rule files as written in rules/ (Virtuoso: with the equivalent text of "
              "bench/peers.py VIRTUOSO_REWRITES, for its optimiser; the benchmark stops if a rewrite no longer applies).",
              "", f"`spinekg --help`: {fmt_s(report.get('help_s'))}; `make demo` (package installed, nothing changed): {fmt_s(report.get('demo_s'))}"]
    # the batch engine against each engine, at each size
    notes = []
    for n in sizes:
        r = report["runs"].get(str(n), {})
        b = r.get("batch", {})
        if not _ok(b):
            continue
        for e in ("owlrl", "reasonable", "rdflib", "per-case", "virtuoso", "oxigraph-serve"):
            p = r.get(e)
            if not p or p.get("status") == "skipped":
                continue
            phrase = speed_phrase(b.get("reason_s"), p.get("reason_s"), p["status"], p.get("timed_s_at_limit"), e)
            notes.append(f"{n:,} cases: the batch engine is {phrase}" if not phrase.startswith("not measured")
                         else f"{n:,} cases: the batch engine, {phrase}")
    if notes:
        lines += [""] + [f"- {x}" for x in notes]
    lines += ["", targets_table(report)]
    return "\n".join(lines)


def targets_table(report: dict) -> str:
    """Every target of the issues against this run: met, missed by how much, or not measured."""
    from verdicts import MET, NOT_MEASURED, factor, target_verdict

    runs = report["runs"]
    sizes = report["sizes"]
    rows: list[tuple[str, str, str]] = []

    def at(n: int, key: str) -> dict:
        return runs.get(str(n), {}).get(key) or {}

    def largest(key: str) -> int | None:
        return max((n for n in sizes if _ok(at(n, key))), default=None)

    # bulk reasoning at 100,000 cases: time (the final target and the step toward it), memory, construct share
    b100 = at(100_000, "batch")
    big = largest("batch")
    if _ok(b100):
        measured = f"{fmt_s(b100['reason_s'])} ({100_000 / b100['reason_s']:,.0f} cases/s)"
    elif big is not None:
        measured = (f"not run at 100,000 (100,000 status: {b100.get('status', 'not run')}); at {big:,}: "
                    f"{fmt_s(at(big, 'batch')['reason_s'])} ({big / at(big, 'batch')['reason_s']:,.0f} cases/s)")
    else:
        measured = "the batch engine did not finish any size"
    t100 = b100.get("reason_s") if _ok(b100) else None
    rows.append(("reasoning 100,000 cases in <= 30 s (2 cores)", measured, target_verdict(t100, 30, status=b100.get("status", "not run"))))
    rows.append(("reasoning 100,000 cases in <= 60 s (the step toward 30 s)", measured, target_verdict(t100, 60, status=b100.get("status", "not run"))))
    m100 = b100.get("peak_mb") if _ok(b100) else None
    rows.append(("peak memory reasoning 100,000 cases <= 4 GB, summed over processes",
                 f"{m100:,.0f} MB" if m100 is not None else (f"at {big:,}: {at(big, 'batch')['peak_mb']:,.0f} MB" if big else "-"),
                 target_verdict(m100, 4096, status=b100.get("status", "not run"))))
    if big is not None:
        ph = at(big, "batch").get("phases", {})
        total = sum(ph.values())
        share = ph.get("construct", 0.0) / total if total else None
        rows.append((f"construct analysis <= 15 % of the batch engine's time ({big:,} cases)",
                     f"{share:.0%} ({ph.get('construct', 0):.3g} of {total:.3g} CPU s)" if share is not None else "-",
                     target_verdict(share, 0.15, status="ok" if share is not None else "missing")))
    else:
        rows.append(("construct analysis <= 15 % of the batch engine's time", "-", NOT_MEASURED))
    # no slower than Virtuoso: at the largest size both finished (a stopped Virtuoso gives no ratio)
    both = max((n for n in sizes if _ok(at(n, "batch")) and _ok(at(n, "virtuoso"))), default=None)
    if both is not None:
        b, v = at(both, "batch"), at(both, "virtuoso")
        ratio = v["reason_s"] / b["reason_s"]
        later = [f"{n:,}: {at(n, 'virtuoso').get('status', 'not run')}" for n in sizes if n > both]
        rows.append((f"no slower than Virtuoso ({both:,} cases)", f"{fmt_s(b['reason_s'])} vs {fmt_s(v['reason_s'])} "
                     f"({factor(ratio)}× its speed)" + (f"; Virtuoso at {', '.join(later)}" if later else ""),
                     target_verdict(ratio, 1.0, higher_is_better=True)))
    elif big is not None:
        rows.append((f"no slower than Virtuoso ({big:,} cases)", f"Virtuoso: {at(big, 'virtuoso').get('status', 'not run')}",
                     NOT_MEASURED))
    else:
        rows.append(("no slower than Virtuoso", "-", NOT_MEASURED))
    for peer, need in (("owlrl", 200), ("reasonable", 20)):
        b, p = at(1000, "batch"), at(1000, peer)
        label = f">= {need}× faster than {peer} at 1,000 cases"
        if _ok(b) and _ok(p):
            ratio = p["reason_s"] / b["reason_s"]
            rows.append((label, f"{factor(ratio)}×", target_verdict(ratio, need, higher_is_better=True)))
        elif _ok(b) and p.get("status") == "timeout" and p.get("timed_s_at_limit"):
            bound = p["timed_s_at_limit"] / b["reason_s"]
            rows.append((label, f"more than {factor(bound)}× ({peer} did not finish)", NOT_MEASURED))
        else:
            rows.append((label, f"{peer}: {p.get('status', 'not run')}" if _ok(b) else "batch: not run", NOT_MEASURED))
    # the store of 100,000 cases: one new case, the named queries
    q100 = at(100_000, "queries")
    qbig = largest("queries")
    qst = q100.get("status", "not run")

    def q_measured(key: str, unit: str = " ms") -> str:
        if _ok(q100) and q100.get(key) is not None:
            return f"{q100[key]:.1f}{unit}"
        if qbig is not None and at(qbig, "queries").get(key) is not None:
            return f"not run at 100,000; {at(qbig, 'queries')[key]:.1f}{unit} on a {qbig:,}-case store"
        return "-"

    rows.append(("one new case in process (kg.load: checks, SHACL, reasoning, store), 100,000-case store, <= 10 ms",
                 q_measured("new_case_api_ms"), target_verdict(q100.get("new_case_api_ms"), 10, status=qst)))
    rows.append(("one new case over HTTP (POST /cases), 100,000-case store, <= 50 ms",
                 q_measured("new_case_http_ms"), target_verdict(q100.get("new_case_http_ms"), 50, status=qst)))
    qsrc = q100 if _ok(q100) else (at(qbig, "queries") if qbig is not None else {})
    worst = max(((k, v["p50_ms"]) for k, v in qsrc.get("queries", {}).items() if "p50_ms" in v), key=lambda x: x[1], default=None)
    slow = [k for k, v in qsrc.get("queries", {}).items() if "p50_ms" not in v and "error" not in v]
    failed = [k for k, v in qsrc.get("queries", {}).items() if "error" in v]
    if worst:
        where = "" if _ok(q100) else f" (not run at 100,000; on a {qbig:,}-case store)"
        text = (f"slowest {worst[0]} {worst[1]:.1f} ms" + (f"; not finished: {', '.join(slow)}" if slow else "")
                + (f"; failed: {', '.join(failed)}" if failed else "") + where)
        verdict = target_verdict(worst[1], 100, status=qst)
        if (slow or failed) and verdict == MET:  # a query not measured cannot be said to meet it
            verdict = NOT_MEASURED + f" ({len(slow) + len(failed)} not finished or failed)"
        rows.append(("every named query p50 <= 100 ms, 100,000-case store", text, verdict))
    else:
        rows.append(("every named query p50 <= 100 ms, 100,000-case store", "-", NOT_MEASURED))
    rows.append(("`spinekg --help` <= 0.5 s", fmt_s(report.get("help_s")), target_verdict(report.get("help_s"), 0.5)))
    rows.append(("`make demo` (set up, nothing changed) <= 5 s", fmt_s(report.get("demo_s")), target_verdict(report.get("demo_s"), 5)))
    out = ["| target | measured | verdict |", "|---|---|---|"]
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


def load_note(report: dict) -> str:
    """The machine's load average (1 minute) before and after each size: other work shares the cores."""
    parts = []
    for n, la in report.get("load_average", {}).items():
        if la.get("before") and la.get("after"):
            parts.append(f"{int(n):,} cases {la['before'][0]:.1f} / {la['after'][0]:.1f}")
    return f"; load average before / after each size: {', '.join(parts)}" if parts else ""


def write_report(report: dict, readme: Path | None = None) -> None:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    report.setdefault("date", time.strftime("%Y-%m-%d"))
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
            day = report.get("date") or time.strftime("%Y-%m-%d")
            block = (f"{README_START}\n_`make bench`, {day}, {m['cpus']} cores, Python {m['python']}; "
                     f"time limit {report['timeout_s']:.0f} s per engine and size{load_note(report)}._\n\n{md}\n{README_END}")
            head, rest = text.split(README_START, 1)
            readme.write_text(head + block + rest.split(README_END, 1)[1], encoding="utf-8")
            print(f"updated the latest table in {readme}")


if __name__ == "__main__":
    main()
