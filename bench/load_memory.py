"""Loading a registry through the command line: peak memory (summed over processes), wall time, recovery.

    .venv/bin/python bench/load_memory.py                       # 1,000, 10,000 and 100,000 cases (make bench)
    .venv/bin/python bench/load_memory.py --sizes 1000 --format jsonl

For each size: `spinekg synth` writes the registry (once, kept under bench/results/data/), then
`spinekg load FOLDER --store NEW_STORE` runs as a user runs it (validation, reasoning and writing in
one batch), its process tree's memory sampled together every 0.2 s (bench/memory.py). Then recovery:
a second `spinekg load` of 1,000 more cases into that store is killed with SIGKILL while it writes
(staged database half written), and the time to open the store again (`KnowledgeGraph.open`, in a
fresh process, after the recovery it says it does) is measured, beside the time of a clean open.
Writes bench/results/load_memory.md and .json; the README quotes them.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from memory import TreeMemory

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
DATA = RESULTS / "data"
EXTRA = 1000  # cases of the batch killed for the recovery measurement
OPEN = ("import sys, time; t = time.perf_counter(); from spinekg import KnowledgeGraph; "
        "kg = KnowledgeGraph.open(sys.argv[1]); n = len(kg.case_ids()); "
        "print(time.perf_counter() - t, n)")


def spinekg(*args: str) -> list[str]:
    return [sys.executable, "-m", "spinekg.cli", *args]


def registry(n: int, seed: int, fmt: str) -> Path:
    """The synthetic registry of n cases (written once)."""
    folder = DATA / f"load-{fmt}-{n}-seed{seed}"
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run(spinekg("synth", "--cases", str(n), "--seed", str(seed), "--out", str(folder),
                               "--format", fmt, "-q"), check=True, stdout=subprocess.DEVNULL)
        done.touch()
    return folder


def timed_open(store: Path) -> tuple[float, int, str]:
    """Seconds to open the store in a fresh process (import excluded), its case count, what it said."""
    run = subprocess.run([sys.executable, "-c", OPEN, str(store)], capture_output=True, text=True, check=True)
    seconds, cases = run.stdout.split()
    return float(seconds), int(cases), run.stderr.strip()


def load(folder: Path, store: Path, timeout: float) -> dict:
    """Run `spinekg load` on the folder into the store; wall time, peak memory and exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(spinekg("load", str(folder), "--store", str(store)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    with TreeMemory(proc.pid) as mem:
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            return {"finished": False, "wall_s": None, "peak_mb": mem.peak_mb}
    wall = time.perf_counter() - start
    summary = [line for line in err.splitlines() if line.startswith("validated ")]
    return {"finished": proc.returncode == 0, "exit": proc.returncode, "wall_s": wall, "peak_mb": mem.peak_mb,
            "peak_processes": mem.peak_processes, "stages": summary[-1] if summary else ""}


def killed_write(extra: Path, store: Path, timeout: float = 1800) -> str:
    """Load `extra` into the store and kill it with SIGKILL a second after its staged database appears."""
    before = {p.name for p in store.iterdir() if p.is_dir()}
    proc = subprocess.Popen(spinekg("load", str(extra), "--store", str(store)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + timeout
    while not {p.name for p in store.iterdir() if p.is_dir()} - before:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            return "the load ended (or timed out) before it staged a database: nothing killed mid-write"
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    folders = sorted(p.name for p in store.iterdir() if p.is_dir())
    return f"killed while writing; database folders then: {', '.join(folders)}"


def run_size(n: int, args: argparse.Namespace) -> dict:
    folder = registry(n, args.seed, args.format)
    extra = registry(EXTRA, args.seed + 1, "jsonl")
    with tempfile.TemporaryDirectory(dir=args.scratch) as tmp:
        store = Path(tmp) / "store"
        row = {"cases": n, "format": args.format, "load_before": os.getloadavg()[0]}
        row.update(load(folder, store, args.timeout))
        if row["finished"]:
            row["clean_open_s"], row["cases_stored"], _ = timed_open(store)
            row["kill"] = killed_write(extra, store)
            row["recovery_open_s"], after, said = timed_open(store)
            row["after_kill_cases"] = after
            row["recovery_said"] = said.splitlines()
        row["load_after"] = os.getloadavg()[0]
    return row


def table(rows: list[dict]) -> str:
    out = ["| cases | format | `spinekg load` wall | peak memory, summed over processes | clean open | open after "
           "kill -9 while writing | cases after the kill | load average before → after |",
           "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if not r["finished"]:
            out.append(f"| {r['cases']:,} | {r['format']} | not measured (did not finish) | {r['peak_mb']:,.0f} MB "
                       f"| | | | {r['load_before']:.1f} → {r['load_after']:.1f} |")
            continue
        out.append(f"| {r['cases']:,} | {r['format']} | {r['wall_s']:,.0f} s | {r['peak_mb']:,.0f} MB "
                   f"({r['peak_processes']} processes) | {r['clean_open_s']:.2f} s | {r['recovery_open_s']:.2f} s "
                   f"| {r['after_kill_cases']:,} | {r['load_before']:.1f} → {r['load_after']:.1f} |")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--format", choices=("yaml", "jsonl"), default="yaml")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--timeout", type=float, default=4 * 3600, help="seconds a load may take")
    ap.add_argument("--scratch", default=None, help="folder for the stores (default: the system's temporary folder)")
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows.append(run_size(n, args))
        print(table(rows[-1:]).splitlines()[-1], flush=True)
    text = table(rows)
    (RESULTS / "load_memory.md").write_text(text + "\n", encoding="utf-8")
    (RESULTS / "load_memory.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
