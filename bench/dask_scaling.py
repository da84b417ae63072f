"""The Dask driver's scaling: throughput (cases/s) with 1 and 2 Dask workers on N synthetic cases.

    .venv/bin/python bench/dask_scaling.py                          # 10,000 cases, LocalCluster of 1 then 2 workers
    .venv/bin/python bench/dask_scaling.py --cases 2000 --workers 1,2,3
    .venv/bin/python bench/dask_scaling.py --scheduler tcp://host:8786   # an existing cluster, as it is
    .venv/bin/python bench/dask_scaling.py --store-write --virtuoso      # and how fast the stores take the output

Each run starts a dask.distributed LocalCluster of separate worker processes (one thread each) on
127.0.0.1, sets the workers' engines up (outside the timing), then streams the registry's cases
from disk through `spinekg.reasoning.dask_driver.reason_chunks` and times until the last chunk is
back (the client keeps each case's digest, not its graph). Every run must give the same inferred
graph for every case (SHA-256 of its sorted N-Triples), and so must the in-process driver on the
first --check cases. With --store-write, those cases' inferred graphs are also written to an
on-disk embedded store the way the per-chunk writer of its first version wrote them (replace_graphs, one transaction a chunk),
as N-Quads files bulk-loaded by pyoxigraph (the NQuadsSink hand-off) and, with --virtuoso, to a
Virtuoso server through RemoteStore: where the store becomes the limit. Prints a table with the machine's load average and writes it to
bench/results/dask-scaling.{md,json}. See bench/README.md ("Beyond one machine").
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"


def registry(n: int, seed: int) -> Path:
    """The registry's asserted graphs as JSON Lines of [case id, N-Triples] (written once per size and seed)."""
    from spinekg.cases.rdf_writer import case_ntriples
    from spinekg.cases.schema import parse_case
    from spinekg.synth import synth_cases

    path = RESULTS / "data" / f"seed{seed}-n{n}" / "dask-asserted.jsonl"
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        for d in synth_cases(n, seed):
            case, problems = parse_case(d, d.get("id", "?"))
            if case is None:
                raise SystemExit(f"synthetic case {d.get('id')} is invalid: {problems[0]}")
            fh.write(json.dumps([case.id, case_ntriples(case)]) + "\n")
    tmp.rename(path)
    return path


def cases(path: Path, limit: int | None = None) -> Iterator:
    """The registry's CaseInputs, read one at a time."""
    from spinekg.reasoning import CaseInput

    with open(path, encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if limit is not None and i >= limit:
                return
            cid, nt = json.loads(line)
            yield CaseInput(cid, nt)


def digest(nt: str) -> str:
    return hashlib.sha256("\n".join(sorted(nt.splitlines())).encode("utf-8")).hexdigest()


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cpu_s() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_once(path: Path, address: str, chunk: int) -> dict:
    """Reason the registry on the cluster at address; the figures and each case's digest."""
    import distributed

    from spinekg.reasoning import Stats, dask_driver

    with distributed.Client(address, set_as_default=False) as client:
        threads = sum(client.nthreads().values())
        nworkers = len(client.nthreads())
        t = time.perf_counter()
        dask_driver.reason_cases(cases(path, limit=threads), dask=client, chunk_size=1)  # engines set up
        warm = time.perf_counter() - t
        load_before = load_average()
        digests: dict[str, str] = {}
        stats = Stats()
        triples = 0
        c0, t0 = cpu_s(), time.perf_counter()
        for result in dask_driver.reason_chunks(cases(path), dask=client, chunk_size=chunk, stats=stats):
            for cid, nt in result.items():  # type: ignore[attr-defined]
                digests[cid] = digest(nt)
                triples += nt.count("\n")
        wall = time.perf_counter() - t0
        client_cpu = cpu_s() - c0
    n = len(digests)
    return {"workers": nworkers, "threads": threads, "cases": n, "wall_s": round(wall, 2), "cases_per_s": round(n / wall, 1),
            "inferred_triples": triples, "client_cpu_s": round(client_cpu, 2),
            "engine_s": round(sum(stats.timings.values()), 2), "setup_s": round(warm, 2),
            "construct_memo_hits": round(stats.construct_hits / max(1, stats.construct_hits + stats.construct_misses), 3),
            "load_before": load_before, "load_after": load_average(), "digests": digests}


def local(path: Path, workers: int, chunk: int) -> dict:
    import distributed

    with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address="127.0.0.1:0", silence_logs=40) as cluster:
        return run_once(path, cluster.scheduler_address, chunk)


def in_process(path: Path, n: int) -> dict[str, str]:
    """The first n cases' inferred graphs from the in-process driver."""
    from spinekg.reasoning import reason_cases

    return reason_cases(list(cases(path, limit=n)), workers=1)


def _chunked(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def store_writes(graphs: dict[str, str], chunk: int, virtuoso: bool) -> list[dict]:
    """How fast each store takes inferred graphs (cases/s): the client's write path and the bulk hand-off."""
    import tempfile

    import pyoxigraph as ox

    from spinekg.reasoning.dask_driver import NQuadsSink
    from spinekg.store import EmbeddedStore
    from spinekg.vocab import inferred_graph

    items = list(graphs.items())
    quads = sum(nt.count("\n") for nt in graphs.values())
    out = []

    def row(what: str, seconds: float) -> None:
        out.append({"store": what, "cases": len(items), "s": round(seconds, 2),
                    "cases_per_s": round(len(items) / seconds, 1), "quads_per_s": round(quads / seconds)})

    with tempfile.TemporaryDirectory(prefix="spinekg-dask-bench-") as tmp:
        store = EmbeddedStore(Path(tmp) / "embedded")
        t = time.perf_counter()
        for part in _chunked(items, chunk):
            store.replace_graphs({inferred_graph(cid): nt for cid, nt in part})
        store.flush()
        row(f"embedded store, replace_graphs per chunk of {chunk} (one transaction a chunk)", time.perf_counter() - t)
        store.close()
        folder = Path(tmp) / "nq"
        folder.mkdir()
        t = time.perf_counter()
        sink = NQuadsSink(folder)
        for part in _chunked(items, chunk):
            sink(dict(part))
        written = time.perf_counter() - t
        bulk = ox.Store(str(Path(tmp) / "bulk"))
        t = time.perf_counter()
        for f in sorted(folder.glob("*.nq")):
            bulk.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
        bulk.flush()
        row("embedded store, pyoxigraph bulk_load of the workers' N-Quads files (NQuadsSink)", time.perf_counter() - t)
        out[-1]["sink_s"] = round(written, 2)
        del bulk
        if virtuoso:
            from spinekg.store.servers import find_virtuoso, start_virtuoso

            if find_virtuoso() is None:
                print("virtuoso-t not found: Virtuoso not measured", file=sys.stderr)
                return out
            server = start_virtuoso(Path(tmp) / "virtuoso")
            try:
                remote = server.store()
                t = time.perf_counter()
                for part in _chunked(items, chunk):
                    remote.replace_graphs({inferred_graph(cid): nt for cid, nt in part})
                row(f"Virtuoso 7.2 (Debian), RemoteStore.replace_graphs per chunk of {chunk}", time.perf_counter() - t)
                remote.close()
            finally:
                server.stop()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=10_000, help="synthetic cases (default 10,000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workers", default="1,2", help="LocalCluster sizes to run, one worker process each (1,2)")
    ap.add_argument("--scheduler", default=None, help="run on this existing scheduler instead of LocalClusters")
    ap.add_argument("--chunk", type=int, default=None, help="cases per task (default dask_driver.DASK_CHUNK)")
    ap.add_argument("--check", type=int, default=1000, help="also reason the first N cases in process and compare")
    ap.add_argument("--out", type=Path, default=RESULTS / "dask-scaling")
    ap.add_argument("--store-write", action="store_true",
                    help="also time writing the --check cases' inferred graphs to the stores (where the store limits)")
    ap.add_argument("--virtuoso", action="store_true", help="with --store-write: Virtuoso too (Debian's virtuoso-t)")
    args = ap.parse_args()

    from spinekg.reasoning.dask_driver import DASK_CHUNK

    chunk = args.chunk or DASK_CHUNK
    t = time.perf_counter()
    path = registry(args.cases, args.seed)
    print(f"registry: {args.cases} cases ({path}, {time.perf_counter() - t:.1f} s); load average {load_average()}",
          file=sys.stderr)
    runs = []
    if args.scheduler:
        runs.append(run_once(path, args.scheduler, chunk))
    else:
        for w in (int(x) for x in args.workers.split(",")):
            print(f"{w} worker(s) ...", file=sys.stderr)
            runs.append(local(path, w, chunk))
            print(f"  {runs[-1]['cases_per_s']} cases/s", file=sys.stderr)
    first = runs[0]["digests"]
    agree = all(r["digests"] == first for r in runs) and len(first) == args.cases
    graphs = in_process(path, args.check) if args.check else {}
    check = {cid: digest(nt) for cid, nt in graphs.items()}
    agree_in_process = all(first.get(cid) == d for cid, d in check.items())
    writes = store_writes(graphs, chunk, args.virtuoso) if args.store_write and graphs else []
    size = {"asserted_bytes_per_case": round(path.stat().st_size / max(1, args.cases)),
            "inferred_bytes_per_case": round(sum(len(nt.encode()) for nt in graphs.values()) / max(1, len(graphs)))}
    del graphs
    base = runs[0]["cases_per_s"]
    lines = [f"Dask driver, {args.cases} synthetic cases (seed {args.seed}), chunks of {chunk}; "
             f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), Python {platform.python_version()}",
             "",
             "| workers (1 thread each) | cases/s | wall s | speed-up | client CPU s | engine s (summed over workers) | "
             "construct memo hits | set-up s | load average before → after |",
             "|---|---|---|---|---|---|---|---|---|"]
    for r in runs:
        lines.append(f"| {r['workers']} | {r['cases_per_s']} | {r['wall_s']} | {r['cases_per_s'] / base:.2f}× | "
                     f"{r['client_cpu_s']} | {r['engine_s']} | {r['construct_memo_hits']:.0%} | {r['setup_s']} | {r['load_before']} → {r['load_after']} |")
    lines += ["", f"same inferred graph for every case in every run: {'yes' if agree else 'NO'} "
                  f"({len(first)} cases, {runs[0]['inferred_triples']} inferred triples); "
                  f"same as the in-process driver on the first {len(check)}: {'yes' if agree_in_process else 'NO'}"]
    lines += ["", f"per case on the wire: {size['asserted_bytes_per_case']:,} bytes out (asserted N-Triples), "
                  f"{size['inferred_bytes_per_case']:,} bytes back (inferred N-Triples)"]
    if writes:
        lines += ["", "| writing inferred graphs | cases | s | cases/s | quads/s |", "|---|---|---|---|---|"]
        lines += [f"| {w['store']} | {w['cases']} | {w['s']} | {w['cases_per_s']} | {w['quads_per_s']:,} |" for w in writes]
        lines += [f"(load average after: {load_average()})"]
    text = "\n".join(lines)
    print(text)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".md").write_text(text + "\n", encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(
        {"cases": args.cases, "seed": args.seed, "chunk": chunk, "same_graphs": agree,
         "same_as_in_process": agree_in_process, "checked_in_process": len(check), "store_writes": writes, **size,
         "runs": [{k: v for k, v in r.items() if k != "digests"} for r in runs]}, indent=1) + "\n", encoding="utf-8")
    if not (agree and agree_in_process):
        sys.exit(1)


if __name__ == "__main__":
    main()
