"""Issue 11, faults: real processes killed with SIGKILL, and two processes on one store.

- `kill -9` of `spinekg load` at many moments of a large batch leaves a store that opens, holding all of
  the batch or none of it, with every earlier case byte-identical;
- `kill -9` of the server during POST /cases: the case is there whole or not at all;
- a load while `serve` runs, and two loads at once: a clear error naming the store and what to do, never
  a raw RocksDB lock message, never a corrupted store.
"""
from __future__ import annotations

import contextlib
import gc
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from helpers import TOKEN, running_server
from hostile import CASES, ROD
from spinekg import KnowledgeGraph

EARLIER = [ROD, CASES / "example-medial-breach.yaml"]
BATCH = 120  # synthetic cases in the batch that is killed
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def spinekg(*args: str) -> list[str]:
    return [sys.executable, "-m", "spinekg.cli", *args]


def state(store: Path) -> tuple[set[str], dict[str, bytes]]:
    """The case ids in the store, and the N-Quads of each earlier case's graphs (opening it proves it opens)."""
    kg = KnowledgeGraph.open(store)
    try:
        ids = set(kg.case_ids())
        graphs = {}
        for cid in ("example-rod-fracture", "example-medial-breach"):
            for kind in ("asserted", "inferred"):
                name = ox.NamedNode(f"https://w3id.org/spinekg/case/{cid}/graph/{kind}")
                graphs[f"{cid}/{kind}"] = kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS, from_graph=name)
        return ids, graphs
    finally:
        kg.close()
        del kg
        gc.collect()


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("batch") / "cases"
    subprocess.run(spinekg("synth", "--cases", str(BATCH), "--seed", "11", "--out", str(folder)), check=True,
                   capture_output=True, timeout=120)
    return folder


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fault-base") / "store"
    kg = KnowledgeGraph.open(path)
    kg.load(EARLIER)
    kg.close()
    del kg
    gc.collect()
    return path


def test_kill_9_of_load_at_any_moment_leaves_all_or_nothing(base, batch, tmp_path):
    batch_ids = {p.stem for p in batch.glob("*.yaml")}
    earlier_ids, earlier_graphs = state(base)
    # how long the whole load takes here, to spread the kills over it
    full = tmp_path / "full"
    shutil.copytree(base, full)
    start = time.monotonic()
    subprocess.run(spinekg("load", str(batch), "--store", str(full)), check=True, capture_output=True, timeout=600)
    duration = time.monotonic() - start
    assert state(full)[0] == earlier_ids | batch_ids
    outcomes = []
    for fraction in (0.05, 0.2, 0.4, 0.6, 0.75, 0.85, 0.92, 0.97):
        store = tmp_path / f"kill-{fraction}"
        shutil.copytree(base, store)
        proc = subprocess.Popen(spinekg("load", str(batch), "--store", str(store)), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        time.sleep(duration * fraction)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        ids, graphs = state(store)
        assert ids in (earlier_ids, earlier_ids | batch_ids), f"killed at {fraction:.0%}: {len(ids)} cases"
        assert graphs == earlier_graphs, f"killed at {fraction:.0%}: an earlier case changed"
        outcomes.append(ids == earlier_ids | batch_ids)
        shutil.rmtree(store)
    assert not all(outcomes), "every kill came after the load finished: the kills did not test anything"


def test_kill_9_of_the_server_during_case_uploads(base, tmp_path):
    case = (CASES / "example-radiograph-loosening.yaml").read_bytes()
    earlier_ids, earlier_graphs = state(base)
    seen = set()
    for delay in (0.0, 0.01, 0.03, 0.06, 0.1, 0.2):
        store = tmp_path / f"server-{delay}"
        shutil.copytree(base, store)
        with running_server(store, "--allow-updates", "--token", TOKEN, log_dir=tmp_path) as s:
            def post() -> None:
                with contextlib.suppress(httpx.TransportError):
                    httpx.post(s.url + "/cases", content=case, timeout=30,
                               headers={"Content-Type": "application/yaml", **AUTH})

            t = threading.Thread(target=post)
            t.start()
            time.sleep(delay)
            os.kill(s.process.pid, signal.SIGKILL)
            s.process.wait(timeout=30)
            t.join(timeout=30)
        ids, graphs = state(store)
        assert ids in (earlier_ids, earlier_ids | {"example-radiograph-loosening"}), ids
        assert graphs == earlier_graphs
        if "example-radiograph-loosening" in ids:  # then whole: asserted facts and conclusions
            kg = KnowledgeGraph.open(store)
            try:
                assert len(kg.case_graph("example-radiograph-loosening")) > 50
                assert len(kg.case_graph("example-radiograph-loosening", inferred=True)) > 50
            finally:
                kg.close()
                del kg
                gc.collect()
        seen.add("example-radiograph-loosening" in ids)
        shutil.rmtree(store)
    # a server killed and restarted on the same store starts cleanly (its stale snapshots are removed)
    store = tmp_path / "restart"
    shutil.copytree(base, store)
    with running_server(store, log_dir=tmp_path) as s:
        os.kill(s.process.pid, signal.SIGKILL)
        s.process.wait(timeout=30)
    with running_server(store, log_dir=tmp_path) as s:
        assert httpx.get(s.url + "/queries/cases", timeout=30).status_code == 200
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".spinekg-snapshots-")]


def test_a_load_while_the_server_runs_is_told_what_to_do(base, tmp_path):
    store = tmp_path / "served"
    shutil.copytree(base, store)
    with running_server(store, log_dir=tmp_path) as s:
        done = subprocess.run(spinekg("load", str(CASES / "example-clean-followup.yaml"), "--store", str(store)),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 1
        message = done.stderr + done.stdout
        assert "Traceback" not in message and "IO error" not in message and "LOCK" not in message
        assert str(store) in message and "spinekg serve" in message
        assert f"--endpoint {s.url}/sparql" in message and f"{s.url}/cases" in message
        assert httpx.get(s.url + "/queries/cases", timeout=30).status_code == 200  # the server is unharmed
    ids, _ = state(store)
    assert "example-clean-followup" not in ids


def _wait_until_open(pid: int, store: Path, limit: float = 60) -> None:
    """Wait until process `pid` holds the store's lock file open."""
    lock = str((store / "LOCK").resolve())
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") == lock for fd in os.listdir(f"/proc/{pid}/fd")):
                return
        except OSError:
            pass
        time.sleep(0.02)
    pytest.fail("the first load did not open the store")


def test_two_loads_at_once(base, batch, tmp_path):
    store = tmp_path / "two"
    shutil.copytree(base, store)
    first = subprocess.Popen(spinekg("load", str(batch), "--store", str(store)), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    _wait_until_open(first.pid, store)
    second = subprocess.run(spinekg("load", str(CASES / "example-clean-followup.yaml"), "--store", str(store)),
                            capture_output=True, text=True, timeout=120)
    _out, err = first.communicate(timeout=600)
    assert first.returncode == 0, err
    assert second.returncode == 1
    message = second.stderr + second.stdout
    assert "in use by another spinekg process" in message and str(store) in message
    assert "Traceback" not in message and "IO error" not in message
    ids, _ = state(store)
    assert "example-clean-followup" not in ids and len(ids) == 2 + BATCH
