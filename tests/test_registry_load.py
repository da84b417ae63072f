"""Issue 19: loading a whole registry in bounded memory, all or nothing, with a quick, stated recovery.

- store batches (store/batch.py, store/generations.py): gathered in memory while small, staged in a new
  database past the spill size, invisible until the commit, gone after an abort, a bad graph or a kill;
- the store folder's lock belongs to the process that opened it, not to its forked workers;
- `spinekg load` of a few thousand cases under a per-process address-space limit;
- `kill -9` during validation, reasoning and the write of a large batch: the store opens (saying that
  it recovers), holds all of the batch or none of it, and every earlier case is unchanged.
"""
from __future__ import annotations

import gc
import json
import logging
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from spinekg import KnowledgeGraph
from spinekg import progress as progress_module
from spinekg.progress import EVERY_ENV, Bars
from spinekg.store import generations
from spinekg.store.batch import BatchError, EmbeddedBatch
from spinekg.store.embedded import EmbeddedStore
from spinekg.store.errors import StoreError

G1, G2, G3 = (f"urn:test:graph:{n}" for n in (1, 2, 3))


def spinekg(*args: str) -> list[str]:
    return [sys.executable, "-m", "spinekg.cli", *args]


def nt(n: int, tag: str = "x") -> str:
    return "".join(f"<urn:s:{tag}{i}> <urn:p> \"{i}\" .\n" for i in range(n))


def closed(store: EmbeddedStore) -> None:
    store.close()
    del store
    gc.collect()


def generation_dirs(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.is_dir())


# --- batches ------------------------------------------------------------------------------------

def test_a_small_batch_is_written_at_commit_in_one_step(tmp_path):
    store = EmbeddedStore(tmp_path / "s")
    with store.batch() as batch:
        batch.write({G1: nt(3)})
        assert not store.has_graph(G1)
    assert store.graph_nt(G1).count("\n") == 3
    assert generation_dirs(tmp_path / "s") == []  # below the spill size: no staged database
    closed(store)


def test_a_spilled_batch_is_staged_in_a_new_database_and_invisible_until_commit(tmp_path):
    folder = tmp_path / "s"
    store = EmbeddedStore(folder)
    store.replace_graphs({G1: nt(2, "old"), G2: nt(2, "keep")})
    batch = EmbeddedBatch(store, spill=10)
    batch.write({G1: nt(6)})
    assert batch.staged_path is None  # 6 triples: still in memory
    batch.write({G3: nt(6)})
    assert batch.staged_path is not None and batch.staged_path.is_dir()
    batch.write({G2: None})
    # readers of the store see the state before the batch
    assert store.graph_nt(G1).count("old") == 2 and not store.has_graph(G3) and store.has_graph(G2)
    batch.commit()
    assert store.graph_nt(G1).count("\n") == 6 and "old" not in store.graph_nt(G1)
    assert store.graph_nt(G3).count("\n") == 6
    assert not store.has_graph(G2)
    assert json.loads((folder / generations.NOTE).read_text())["current"] == batch.staged_path.name
    assert generation_dirs(folder) == [batch.staged_path.name]  # the replaced database is gone
    closed(store)
    reopened = EmbeddedStore(folder)  # the commit is durable
    assert reopened.graph_nt(G3).count("\n") == 6 and not reopened.has_graph(G2)
    closed(reopened)


@pytest.mark.parametrize("how", ["abort", "exception", "invalid RDF"])
def test_a_batch_that_ends_badly_leaves_the_store_as_it_was(tmp_path, how):
    folder = tmp_path / "s"
    store = EmbeddedStore(folder)
    store.replace_graphs({G1: nt(2, "old")})
    before = generation_dirs(folder)
    batch = EmbeddedBatch(store, spill=5)
    batch.write({G2: nt(10)})
    staged = batch.staged_path
    assert staged is not None and staged.is_dir()
    if how == "abort":
        batch.abort()
    elif how == "exception":
        with pytest.raises(RuntimeError), batch:
            raise RuntimeError("stop")
    else:
        with pytest.raises(StoreError, match=r"refused to write graph <urn:test:graph:3>: invalid RDF"), batch:
            batch.write({G3: "<urn:s> <urn:p> <not an iri> .\n"})
    assert not staged.exists()
    assert generation_dirs(folder) == before
    assert store.graph_nt(G1).count("old") == 2 and not store.has_graph(G2) and not store.has_graph(G3)
    with pytest.raises(BatchError):
        batch.write({G1: nt(1)})
    closed(store)


def test_a_store_written_before_the_layout_opens_and_moves_into_it_at_its_first_large_batch(tmp_path):
    folder = tmp_path / "legacy"
    old = ox.Store(str(folder))
    old.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("kept"), ox.NamedNode(G1)))
    old.flush()
    del old
    gc.collect()
    loose = {p.name for p in folder.iterdir()}
    store = EmbeddedStore(folder)
    assert "kept" in store.graph_nt(G1)
    batch = EmbeddedBatch(store, spill=3)
    batch.write({G2: nt(5)})
    batch.commit()
    assert "kept" in store.graph_nt(G1) and store.graph_nt(G2).count("\n") == 5
    closed(store)
    left = {p.name for p in folder.iterdir()}
    assert not (loose & left) - {generations.LOCK}, "the database files from before the layout were not removed"
    assert (folder / generations.NOTE).exists()
    reopened = EmbeddedStore(folder)
    assert "kept" in reopened.graph_nt(G1)
    closed(reopened)


def test_opening_after_an_unclean_stop_says_it_recovers_and_removes_what_was_left(tmp_path, caplog):
    folder = tmp_path / "s"
    store = EmbeddedStore(folder)
    store.replace_graphs({G1: nt(2)})
    unfinished = store.new_generation()  # as a batch killed before its commit leaves it
    closed(store)
    (folder / generations.OPEN_NOTE).write_text(json.dumps({"pid": 999_999_999}))  # no such process
    with caplog.at_level(logging.WARNING, logger="spinekg.store"):
        reopened = EmbeddedStore(folder)
    text = caplog.text
    assert f"recovering the store at {folder}" in text and "999999999 stopped without closing it" in text
    assert "removing 1 unfinished or replaced database(s)" in text
    assert not unfinished.exists()
    assert reopened.graph_nt(G1).count("\n") == 2
    closed(reopened)
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="spinekg.store"):
        closed(EmbeddedStore(folder))  # a clean close: nothing to recover
    assert "recovering" not in caplog.text


def test_a_store_open_in_another_process_is_in_use(tmp_path):
    folder = tmp_path / "s"
    closed(EmbeddedStore(folder))
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from spinekg.store.embedded import EmbeddedStore; "
        f"s = EmbeddedStore({str(folder)!r}); print('open', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError, match="is in use by another spinekg process"):
            EmbeddedStore(folder)
    finally:
        holder.kill()
        holder.wait(timeout=30)
    closed(EmbeddedStore(folder))  # the killed holder's lock went with it


def test_the_lock_goes_with_a_killed_process_even_while_its_forked_workers_run(tmp_path):
    folder = tmp_path / "s"
    closed(EmbeddedStore(folder))
    # (the worker says it has started, so its inherited copy of the lock is closed: on a loaded machine the parent could
    # be killed before the worker ran at all, and the lock was then still held through the worker's copy)
    parent = subprocess.Popen([sys.executable, "-c", (
        "import os, sys, time; from spinekg.store.embedded import EmbeddedStore; "
        f"s = EmbeddedStore({str(folder)!r}); r, w = os.pipe(); pid = os.fork()\n"
        "if pid == 0:\n    os.write(w, b'x'); time.sleep(60); os._exit(0)\n"
        "os.read(r, 1); print(pid, flush=True); time.sleep(60)")], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    worker = int(parent.stdout.readline())
    try:
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
        os.kill(worker, 0)  # the worker still runs
        closed(EmbeddedStore(folder))
    finally:
        os.kill(worker, signal.SIGKILL)


# --- loading a registry -------------------------------------------------------------------------

MEMORY_CASES = 2000
ADDRESS_SPACE = 2 * 2**30  # per process (the load's process and each worker)


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("registry") / "cases"
    subprocess.run(spinekg("synth", "--cases", str(MEMORY_CASES), "--seed", "19", "--out", str(folder),
                           "--format", "jsonl", "-q"), check=True, capture_output=True, timeout=300)
    return folder


def _limit_address_space() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))


def test_a_registry_loads_within_a_memory_limit(registry, tmp_path):
    store = tmp_path / "store"
    run = subprocess.run(spinekg("load", str(registry), "--store", str(store)), capture_output=True, text=True,
                         timeout=1800, preexec_fn=_limit_address_space)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.startswith(f"loaded {MEMORY_CASES} case(s): synth-19-000000, ")
    assert f"{MEMORY_CASES:,} case(s) loaded and reasoned" in run.stdout
    summary = run.stderr.splitlines()[-1]  # the stages with counts and rates (a stage over 10 s also logs lines)
    for stage in ("validated", "reasoned", "written"):
        assert f"{stage} {MEMORY_CASES:,} in " in summary, run.stderr
    kg = KnowledgeGraph.open(store)
    try:
        assert len(kg.case_ids()) == MEMORY_CASES
        assert len(kg.case_graph("synth-19-001999", inferred=True)) > 0
    finally:
        kg.close()


def test_the_limit_binds():
    """The limit set in the test above is in force: a process cannot take 2.4 GB under it."""
    holder = subprocess.run([sys.executable, "-c", "blocks = [bytearray(600 * 2**20) for _ in range(4)]"],
                            capture_output=True, timeout=60, preexec_fn=_limit_address_space)
    assert holder.returncode != 0 and b"MemoryError" in holder.stderr


# --- kill -9 at each stage ----------------------------------------------------------------------

KILL_CASES = 400


@pytest.fixture(scope="module")
def kill_batch(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("kill-batch") / "cases"
    subprocess.run(spinekg("synth", "--cases", str(KILL_CASES), "--seed", "7", "--out", str(folder), "-q"),
                   check=True, capture_output=True, timeout=300)
    return folder


@pytest.fixture(scope="module")
def earlier(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("earlier") / "cases"
    subprocess.run(spinekg("synth", "--cases", "30", "--seed", "3", "--out", str(folder), "-q"),
                   check=True, capture_output=True, timeout=120)
    return folder


def _state(store: Path) -> tuple[set[str], bytes]:
    """The case ids, and the N-Quads of the earlier cases' graphs (seed 3), sorted."""
    kg = KnowledgeGraph.open(store)
    try:
        ids = set(kg.case_ids())
        quads = kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS) or b""
        earlier = b"\n".join(sorted(line for line in quads.splitlines() if b"/case/synth-3-" in line))
        return ids, earlier
    finally:
        kg.close()
        del kg
        gc.collect()


@pytest.mark.parametrize("stage,after", [
    ("validated ", 0.5),                  # validating (the first status line)
    ("reasoned ", 0.5),                   # reasoning, the first chunks staged
    ("reasoned: ", 0.0),                  # the last chunk reasoned: its write and the commit
])
def test_kill_9_at_each_stage_leaves_all_or_nothing_and_the_store_says_it_recovers(
        kill_batch, earlier, tmp_path, stage, after):
    store = tmp_path / "store"
    subprocess.run(spinekg("load", str(earlier), "--store", str(store), "-q"), check=True, capture_output=True,
                   timeout=300)
    before_ids, before = _state(store)
    proc = subprocess.Popen(spinekg("load", str(kill_batch), "--store", str(store)), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, EVERY_ENV: "0"})  # every count
    assert proc.stderr is not None
    deadline = time.monotonic() + 600
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if line.startswith(stage) and (stage != "reasoned: " or " cases in " in line):
            break
        assert time.monotonic() < deadline, "".join(seen)
    else:
        pytest.fail(f"the load ended before '{stage}': {''.join(seen)}")
    time.sleep(after)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    opened = subprocess.run(spinekg("cases", "--store", str(store)), capture_output=True, text=True, timeout=300)
    assert opened.returncode == 0, opened.stderr
    assert f"recovering the store at {store}" in opened.stderr
    ids, after_state = _state(store)
    batch_ids = {f"synth-7-{i:06d}" for i in range(KILL_CASES)}
    assert ids in (before_ids, before_ids | batch_ids), f"killed after '{stage}': {len(ids)} cases"
    assert after_state == before, f"killed after '{stage}': an earlier case changed"
    if stage != "reasoned: ":  # killed long before the commit: none of the batch
        assert ids == before_ids
    current = generations.current(store)
    assert [p for p in store.iterdir() if p.is_dir() and p != current] == [], "a leftover database was kept"


# --- progress in a log ---

def run_bars(every: float | None, seconds: float, monkeypatch, capsys, env: str | None = None) -> list[str]:
    if env is not None:
        monkeypatch.setenv(EVERY_ENV, env)
    clock = iter([0.0, 0.0] + [seconds] * 20)
    monkeypatch.setattr(progress_module.time, "perf_counter", lambda: next(clock))
    bars = Bars(every=every)
    bars.start("validated", 3)
    for _ in range(3):
        bars.advance("validated")
    bars.finish("validated")
    return capsys.readouterr().err.splitlines()


def test_a_short_run_says_nothing_in_a_log(monkeypatch, capsys):
    assert run_bars(None, 2.0, monkeypatch, capsys) == []  # problems or the summary are the whole output


def test_a_long_stage_says_its_count_and_rate_then_its_end(monkeypatch, capsys):
    lines = run_bars(None, 12.0, monkeypatch, capsys)
    assert lines[0] == "validated 1 of 3 cases (0/s)" and lines[-1].startswith("validated: 3 cases in 12.0 s")


def test_the_interval_comes_from_the_environment(monkeypatch, capsys):
    assert run_bars(None, 2.0, monkeypatch, capsys, env="1")[-1].startswith("validated: 3 cases in 2.0 s")
    assert run_bars(None, 2.0, monkeypatch, capsys, env="not a number") == [  # the default, 10 s, and why
        "SPINEKG_PROGRESS_EVERY='not a number' is not a number of seconds >= 0: a status line every 10 s"]
