"""HTTP under load: 64 concurrent clients for 30 s against `spinekg serve` (issue 11).

Builds a store of synthetic cases (`spinekg synth`, loaded once and kept under bench/results/.cache),
starts `spinekg serve` on 127.0.0.1 with its defaults (worker processes, a line of waiting requests),
and runs CLIENTS asyncio clients for DURATION seconds, each sending its next request when the last is
answered: a mix of cheap read requests (named queries with parameters, a small SPARQL SELECT, an ASK).
Optionally (--runaway N) N more clients send a runaway query (a three-fold cross product) in a loop,
to show that cheap requests are still answered while the server stops those.

Prints requests/s, p50/p99 latency, and the share of requests refused (503) or failed, and writes them
to bench/results/http-concurrency.json (and .md).

    .venv/bin/python bench/http_concurrency.py [--cases 200] [--clients 64] [--duration 30] [--runaway 0]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

HERE = Path(__file__).parent
RESULTS = HERE / "results"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def spinekg(*args: str) -> list[str]:
    return [sys.executable, "-m", "spinekg.cli", *args]


def build_store(cases: int) -> Path:
    cache = RESULTS / ".cache" / f"http-store-{cases}"
    store = cache / "store"
    if (cache / "done").exists():
        return store
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    subprocess.run(spinekg("synth", "--cases", str(cases), "--seed", "0", "--out", str(cache / "cases")), check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(spinekg("load", str(cache / "cases"), "--store", str(store)), check=True, stdout=subprocess.DEVNULL)
    (cache / "done").write_text("ok")
    return store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def requests_mix(case_ids: list[str]) -> list[tuple[str, dict[str, str]]]:
    mix = [("/queries/case-summary", {"case_id": cid}) for cid in case_ids[:50]]
    mix += [("/queries/cases", {"limit": "20", "offset": str(o)}) for o in (0, 20, 40)]
    mix += [("/queries/loose-screws", {"region": r, "min_lucency": "1", "limit": "20"})
            for r in ("thoracic", "lumbar", "cervical")]
    mix += [("/queries/evidence-for-case", {"case_id": cid}) for cid in case_ids[:20]]
    mix += [("/sparql", {"query": f'SELECT ?f WHERE {{ ?c skg:caseId "{cid}" ; skg:hasFinding ?f }}'})
            for cid in case_ids[:20]]
    mix += [("/sparql", {"query": "ASK { ?c a skg:Case }"})]
    return mix


async def client(url: str, mix: list, until: float, out: list, rng: random.Random) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=60) as c:
        while time.monotonic() < until:
            path, params = rng.choice(mix)
            start = time.monotonic()
            try:
                r = await c.get(path, params=params)
                status = r.status_code
            except httpx.HTTPError:
                status = 0
            out.append((status, time.monotonic() - start))


async def runaway(url: str, until: float, out: list) -> None:
    async with httpx.AsyncClient(base_url=url, timeout=120) as c:
        while time.monotonic() < until:
            try:
                r = await c.get("/sparql", params={"query": RUNAWAY})
                out.append(r.status_code)
            except httpx.HTTPError:
                out.append(0)


async def run_load(url: str, mix: list, clients: int, duration: float, runaways: int) -> tuple[list, list]:
    until = time.monotonic() + duration
    out: list = []
    slow: list = []
    tasks = [client(url, mix, until, out, random.Random(i)) for i in range(clients)]
    tasks += [runaway(url, until, slow) for _ in range(runaways)]
    await asyncio.gather(*tasks)
    return out, slow


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--clients", type=int, default=64)
    ap.add_argument("--duration", type=float, default=30.0)
    ap.add_argument("--runaway", type=int, default=0, help="clients sending a runaway query in a loop")
    ap.add_argument("--timeout", type=float, default=5.0, help="the server's --timeout")
    ap.add_argument("--workers", type=int, default=None, help="the server's --workers (default: its default)")
    args = ap.parse_args()

    store = build_store(args.cases)
    work = RESULTS / ".cache" / "http-run"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    shutil.copytree(store, work / "store")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (work / "server.log").open("w")
    server = subprocess.Popen(spinekg("serve", "--store", str(work / "store"), "--port", str(port),
                                      "--timeout", str(args.timeout), "--log-level", "warning",
                                      *(["--workers", str(args.workers)] if args.workers else [])),
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url + "/info", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start:\n{(work / 'server.log').read_text()}")
            time.sleep(0.2)
        ids = [b["case_id"]["value"] for b in
               httpx.get(url + "/queries/cases", params={"limit": "100"}, timeout=30).json()["results"]["bindings"]]
        mix = requests_mix(ids)
        asyncio.run(run_load(url, mix, 8, 3.0, 0))  # warm up: snapshots, caches
        start = time.monotonic()
        out, slow = asyncio.run(run_load(url, mix, args.clients, args.duration, args.runaway))
        elapsed = time.monotonic() - start
        info = httpx.get(url + "/info", timeout=30).json().get("workers", {})
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    latencies = sorted(t for s, t in out)
    ok = sum(1 for s, _ in out if s == 200)
    refused = sum(1 for s, _ in out if s == 503)
    failed = len(out) - ok - refused
    result = {
        "cases": args.cases, "clients": args.clients, "runaway_clients": args.runaway, "duration_s": round(elapsed, 1),
        "requests": len(out), "requests_per_s": round(len(out) / elapsed, 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "p99_ms": round(1000 * latencies[int(0.99 * (len(latencies) - 1))], 1) if latencies else None,
        "ok": ok, "refused_503": refused, "refused_share": round(refused / max(1, len(out)), 4), "failed": failed,
        "runaway_answers": {str(k): slow.count(k) for k in sorted(set(slow))}, "server_counts": info,
        "date": time.strftime("%Y-%m-%d"),
    }
    RESULTS.mkdir(exist_ok=True)
    name = "http-concurrency" + (f"-runaway{args.runaway}" if args.runaway else "")
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=1) + "\n")
    table = (f"| clients | runaway clients | requests/s | p50 | p99 | refused (503) | failed |\n|---|---|---|---|---|---|---|\n"
             f"| {args.clients} | {args.runaway} | {result['requests_per_s']:,} | {result['p50_ms']} ms | "
             f"{result['p99_ms']} ms | {100 * result['refused_share']:.2f} % | {failed} |\n")
    (RESULTS / f"{name}.md").write_text(table)
    print(json.dumps(result, indent=1))
    print(table)


if __name__ == "__main__":
    main()
