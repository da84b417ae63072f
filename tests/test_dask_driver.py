"""The Dask driver (issue 18, section 3): chunks of cases reasoned on dask.distributed workers.

A LocalCluster of two separate worker processes (one thread each) on 127.0.0.1, started by a fixture:
the inferred graphs equal the in-process driver's byte for byte (sorted N-Triples per case) on the
examples and a few hundred synthetic cases; a worker killed mid-run loses no case (its chunk runs
again elsewhere); at most `in_flight` chunks are taken from the input ahead of the results; the CLI
`reason --dask` and `load --dask` paths on an embedded store; clear errors for a bad address, a
scheduler without workers, dask not installed, a case a worker cannot reason, another spinekg on the
workers.
"""
from __future__ import annotations

import gc
import os
import re
import signal
import socket
import sys
import time
from collections.abc import Iterator
from importlib.resources import as_file
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinekg import KnowledgeGraph
from spinekg.cases import case_from_data, read_case
from spinekg.cli import main
from spinekg.data import example_case_files
from spinekg.errors import SpinekgError
from spinekg.reasoning import CaseInput, Stats, dask_driver, reason_cases
from spinekg.synth import synth_case
from spinekg.vocab import inferred_graph, settings_graph

distributed = pytest.importorskip("distributed", reason="the 'dask' extra is part of the 'test' extra")

SYNTHETIC = 300
WITH_PRETEST, WITH_BASIS = "example-lumbar-smoker-diabetes", "example-radiograph-loosening"  # settings that matter
EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "kb" / "cases"


def _cluster(**kwargs: object) -> distributed.LocalCluster:
    """Two worker processes of one thread each, on 127.0.0.1, no dashboard."""
    opts: dict = {"n_workers": 2, "threads_per_worker": 1, "processes": True, "host": "127.0.0.1",
                  "dashboard_address": "127.0.0.1:0", "silence_logs": 40}
    opts.update(kwargs)
    return distributed.LocalCluster(**opts)


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with _cluster() as c:
        yield c


@pytest.fixture(scope="module")
def address(cluster) -> str:
    return cluster.scheduler_address


@pytest.fixture(scope="module")
def examples() -> list[CaseInput]:
    out = []
    for f in example_case_files():
        with as_file(f) as path:
            lc = read_case(path)
        out.append(CaseInput(lc.case_id, lc.ntriples))
    return out


@pytest.fixture(scope="module")
def inputs(examples) -> list[CaseInput]:
    """The examples (one with a user's pretest, one with the per-patient basis) among synthetic cases."""
    synthetic = []
    for i in range(SYNTHETIC):
        lc = case_from_data(synth_case(i, seed=18), f"synth-{i}")
        synthetic.append(CaseInput(lc.case_id, lc.ntriples))
    ex = [CaseInput(c.case_id, c.ntriples, pretest=0.3) if c.case_id == WITH_PRETEST else
          CaseInput(c.case_id, c.ntriples, pretest_basis="per-patient") if c.case_id == WITH_BASIS else c
          for c in examples]
    half = SYNTHETIC // 2
    return synthetic[:half] + ex + synthetic[half:]


@pytest.fixture(scope="module")
def reference(inputs) -> dict[str, list[str]]:
    """Each case's inferred graph from the in-process driver, as sorted N-Triples lines."""
    return {cid: sorted(nt.splitlines()) for cid, nt in reason_cases(inputs, workers=1).items()}


def _sorted(result: dict[str, str]) -> dict[str, list[str]]:
    return {cid: sorted(nt.splitlines()) for cid, nt in result.items()}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ----------------------------------------------------------------------------------------------
# Same graphs as in process
# ----------------------------------------------------------------------------------------------
def test_same_inferred_graphs_as_the_in_process_driver(address, inputs, reference):
    stats = Stats()
    got = dask_driver.reason_cases(inputs, dask=address, chunk_size=40, stats=stats)
    assert set(got) == set(reference)
    assert len(reference) == SYNTHETIC + len(list(example_case_files()))
    different = [cid for cid in reference if sorted(got[cid].splitlines()) != reference[cid]]
    assert different == []
    assert all(reference[cid] for cid in reference)  # every case concludes something: not a vacuous match
    assert stats.cases == len(inputs) and stats.output_triples == sum(len(v) for v in reference.values())
    with distributed.Client(address, set_as_default=False) as client:
        assert _retried(client) == []  # no worker died: no chunk ran twice (the control for the kill test)


def test_a_users_pretest_settings_travel_with_their_cases(address, inputs, reference, examples):
    """The pretest settings reach the workers: those cases' graphs differ from their default ones."""
    set_up = {c.case_id: c for c in inputs if c.pretest is not None or c.pretest_basis is not None}
    assert set(set_up) == {WITH_PRETEST, WITH_BASIS}
    defaults = dask_driver.reason_cases([c for c in examples if c.case_id in set_up], dask=address)
    for cid in set_up:
        assert sorted(defaults[cid].splitlines()) != reference[cid]
    assert any('"0.3"' in x for x in reference[WITH_PRETEST])


def test_driver_has_the_shape_of_reason_chunks(address, inputs, reference):
    """driver(address) is a drop-in for drivers.reason_chunks: cases in, one {id: N-Triples} per chunk out."""
    run = dask_driver.driver(address)
    chunks = list(run(inputs[:120], chunk_size=50))
    assert sorted(len(c) for c in chunks) == [20, 50, 50]  # type: ignore[arg-type]
    merged: dict[str, str] = {}
    for c in chunks:
        merged.update(c)  # type: ignore[call-overload]
    assert _sorted(merged) == {c.case_id: reference[c.case_id] for c in inputs[:120]}


def test_a_sink_runs_on_the_worker(address, inputs, reference):
    cases = inputs[:60]
    counts = list(dask_driver.reason_chunks(cases, dask=address, chunk_size=25, sink=_count_lines))
    assert sorted(n for n, _ in counts) == sorted(  # type: ignore[misc]
        [sum(len(reference[c.case_id]) for c in cases[i:i + 25]) for i in range(0, 60, 25)])
    assert {pid for _, pid in counts} - {os.getpid()}  # type: ignore[misc]  # computed in another process


def _count_lines(result: dict[str, str]) -> tuple[int, int]:
    return sum(len(v.splitlines()) for v in result.values()), os.getpid()


def test_nquads_sink_hands_the_graphs_to_a_bulk_loader(address, inputs, reference, tmp_path):
    """Workers write N-Quads files (one per chunk) that a bulk loader takes as they are; the client gets counts."""
    import pyoxigraph as ox

    cases = inputs[:100]
    counts: dict[str, int] = {}
    for c in dask_driver.reason_chunks(cases, dask=address, chunk_size=30, sink=dask_driver.NQuadsSink(tmp_path)):
        counts.update(c)  # type: ignore[call-overload]
    assert counts == {c.case_id: len(reference[c.case_id]) for c in cases}
    files = sorted(tmp_path.glob("*.nq"))
    assert len(files) == 4 and not list(tmp_path.glob("*.part"))
    store = ox.Store()
    for f in files:
        store.bulk_load(path=str(f), format=ox.RdfFormat.N_QUADS)
    for c in cases:
        stored = {ox.Triple(q.subject, q.predicate, q.object)
                  for q in store.quads_for_pattern(None, None, None, ox.NamedNode(inferred_graph(c.case_id)))}
        expected = {ox.Triple(q.subject, q.predicate, q.object) for q in
                    ox.parse("\n".join(reference[c.case_id]).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)}
        assert stored == expected and expected


def test_nquads_sink_replaces_a_chunk_written_again(tmp_path):
    sink = dask_driver.NQuadsSink(tmp_path)
    result = {"a": "<https://w3id.org/spinekg/case/a> <urn:p> \"x .\\n y\" .\n"}
    assert sink(result) == sink(result) == {"a": 1}
    files = list(tmp_path.iterdir())
    assert len(files) == 1
    assert files[0].read_text() == ('<https://w3id.org/spinekg/case/a> <urn:p> "x .\\n y" '
                                    '<https://w3id.org/spinekg/case/a/graph/inferred> .\n')


def test_no_cases_no_chunks(address):
    assert dask_driver.reason_cases([], dask=address) == {}


def test_at_most_in_flight_chunks_are_taken_ahead_of_the_results(address, inputs):
    pulled = 0

    def source() -> Iterator[CaseInput]:
        nonlocal pulled
        for c in inputs[:200]:
            pulled += 1
            yield c

    size, in_flight = 10, 3
    seen = 0
    for i, result in enumerate(dask_driver.reason_chunks(source(), dask=address, chunk_size=size,
                                                         in_flight=in_flight), start=1):
        # i results back: at most in_flight + i - 1 chunks were submitted before this one came back
        assert pulled <= (in_flight + i - 1) * size
        seen += len(result)  # type: ignore[arg-type]
    assert seen == 200 and pulled == 200


# ----------------------------------------------------------------------------------------------
# A worker killed mid-run
# ----------------------------------------------------------------------------------------------
def test_a_worker_killed_mid_run_loses_no_case(inputs, reference):
    with _cluster() as cluster, distributed.Client(cluster.scheduler_address, set_as_default=False) as watcher:
        got: dict[str, str] = {}
        killed: tuple[str, int, str] | None = None
        for result in dask_driver.reason_chunks(inputs, dask=cluster.scheduler_address, chunk_size=30):
            got.update(result)  # type: ignore[call-overload]
            if killed is None:
                busy = {w: keys for w, keys in watcher.processing().items() if keys}
                assert busy, "no chunk running after the first result: nothing to kill"
                worker, keys = next(iter(busy.items()))
                pid = watcher.run(os.getpid, workers=[worker])[worker]
                os.kill(pid, signal.SIGKILL)
                killed = (worker, pid, keys[0])
        assert killed is not None
        worker, pid, key = killed
        assert not _alive(pid)
        # a chunk that was on the killed worker was run again: it went to 'processing' twice
        assert _retried(watcher), f"no chunk was run twice after {worker} (pid {pid}, running {key}) was killed"
    assert set(got) == set(reference)
    assert [cid for cid in reference if sorted(got[cid].splitlines()) != reference[cid]] == []


def test_a_chunk_whose_workers_keep_dying_is_named(inputs):
    """Past distributed.scheduler.allowed-failures deaths (0 here: the first), the chunk's cases are named."""
    import threading

    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), _cluster(n_workers=1) as cluster, \
            distributed.Client(cluster.scheduler_address, set_as_default=False) as watcher:
        chunk = inputs[:100]
        errors: list[BaseException] = []

        def run() -> None:
            try:
                dask_driver.reason_cases(chunk, dask=cluster.scheduler_address, chunk_size=100)
            except BaseException as exc:
                errors.append(exc)

        thread = threading.Thread(target=run)
        thread.start()
        deadline = time.monotonic() + 60
        while not any(watcher.processing().values()):
            assert time.monotonic() < deadline, "the chunk never started"
            time.sleep(0.02)
        (worker,) = watcher.scheduler_info()["workers"]
        os.kill(watcher.run(os.getpid, workers=[worker])[worker], signal.SIGKILL)
        thread.join(120)
    assert not thread.is_alive()
    assert len(errors) == 1 and isinstance(errors[0], dask_driver.WorkerFailed), errors
    assert str(errors[0]).startswith(f"the workers running 100 cases, {chunk[0].case_id} to {chunk[-1].case_id} "
                                     "died each time it was tried")


def _retried(client: distributed.Client) -> list[str]:
    """The driver's chunks the scheduler sent to a worker more than once (from its transition log)."""
    def count(dask_scheduler: distributed.Scheduler) -> dict[str, int]:
        out: dict[str, int] = {}
        for key, _start, finish, *_ in dask_scheduler.transition_log:
            if isinstance(key, str) and key.startswith("spinekg-reason-") and finish == "processing":
                out[key] = out.get(key, 0) + 1
        return out

    return sorted(k for k, n in client.run_on_scheduler(count).items() if n > 1)


def _alive(pid: int) -> bool:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        time.sleep(0.1)
    return True


# ----------------------------------------------------------------------------------------------
# Errors
# ----------------------------------------------------------------------------------------------
def test_a_case_a_worker_cannot_reason_is_named(address, inputs):
    bad = CaseInput("not-n-triples", "this is not N-Triples\n")
    with pytest.raises(dask_driver.WorkerFailed) as err:
        dask_driver.reason_cases([*inputs[:5], bad, *inputs[5:9]], dask=address)
    assert err.value.case_id == "not-n-triples"
    assert "case not-n-triples failed on a Dask worker" in str(err.value)
    assert isinstance(err.value, SpinekgError)


def test_a_case_about_another_case_is_named(address, inputs):
    other = inputs[0]
    stray = CaseInput("stray", other.ntriples)  # every triple is about another case's nodes
    with pytest.raises(dask_driver.WorkerFailed, match=r"^case stray failed on a Dask worker: ReasoningError: case stray"):
        dask_driver.reason_cases([stray], dask=address)


def test_an_unreachable_scheduler_is_named_with_the_timeout():
    addr = f"tcp://127.0.0.1:{_free_port()}"
    t0 = time.monotonic()
    with pytest.raises(dask_driver.SchedulerUnreachable) as err:
        dask_driver.reason_cases([CaseInput("x", "")], dask=addr, timeout=1)
    assert time.monotonic() - t0 < 15
    assert str(err.value).startswith(f"cannot reach the Dask scheduler at {addr} within 1 s")
    assert isinstance(err.value, SpinekgError)


def test_a_malformed_address_is_refused():
    with pytest.raises(dask_driver.SchedulerUnreachable, match="'nonsense' is not a Dask scheduler address"):
        dask_driver.connect("nonsense", timeout=1)


def test_a_scheduler_without_workers_is_named():
    with _cluster(n_workers=0) as empty, pytest.raises(dask_driver.SchedulerUnreachable,
                       match=re.escape(f"the Dask scheduler at {empty.scheduler_address} has no workers")):
        dask_driver.connect(empty.scheduler_address, timeout=1)


def test_dask_not_installed_names_the_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    with pytest.raises(dask_driver.DaskNotInstalled, match=r"pip install 'spinekg\[dask\]'"):
        dask_driver.reason_cases([CaseInput("x", "")], dask="tcp://127.0.0.1:8786")


def test_workers_with_another_spinekg_are_refused(address, inputs, monkeypatch):
    monkeypatch.setattr(dask_driver, "_fingerprint_cache", ["spinekg 0.0.0 another"])
    with pytest.raises(dask_driver.WorkerMismatch, match=r"runs spinekg \S+ \w+, this client spinekg 0\.0\.0 another"):
        dask_driver.reason_cases(inputs[:3], dask=address)


# ----------------------------------------------------------------------------------------------
# The CLI and the store
# ----------------------------------------------------------------------------------------------
def cli(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    code, out = result.exit_code, result.output
    uncaught = None if isinstance(result.exception, SystemExit) else repr(result.exception)
    del result  # no frame may keep the store (and its lock) alive
    gc.collect()
    assert uncaught in (None, "None"), f"uncaught {uncaught}\n{out}"
    assert "Traceback" not in out
    return code, out


def _inferred(store: Path) -> dict[str, list[str]]:
    with KnowledgeGraph.open(store) as kg:
        out = {cid: sorted(kg.store.graph_nt(inferred_graph(cid)).splitlines()) for cid in kg.case_ids()}
    gc.collect()
    return out


@pytest.fixture(scope="module")
def example_files() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.yaml"))


@pytest.fixture(scope="module")
def in_process_store(tmp_path_factory, example_files) -> Path:
    store = tmp_path_factory.mktemp("in-process") / "store"
    code, out = cli("load", *example_files, "--store", store)
    assert code == 0, out
    return store


def test_cli_reason_dask_writes_the_in_process_graphs(tmp_path, address, example_files, in_process_store):
    store = tmp_path / "store"
    code, out = cli("load", *example_files, "--store", store, "--no-reason")
    assert code == 0, out
    assert all(v == [] for v in _inferred(store).values())  # nothing reasoned yet
    code, out = cli("reason", "--store", store, "--dask", address, "--verbose")
    assert code == 0, out
    expected = _inferred(in_process_store)
    assert _inferred(store) == expected and all(expected.values())
    for cid in expected:
        assert cid in out  # with --verbose each case's summary is printed, as without --dask


def test_cli_reason_dask_with_a_pretest_writes_the_setting(tmp_path, address, example_files):
    store, plain = tmp_path / "dask", tmp_path / "plain"
    for s in (store, plain):
        assert cli("load", *example_files, "--store", s)[0] == 0
    cid = "radiopaedia-connector-failure"
    assert cli("reason", "--store", plain, "--case", cid, "--pretest", "0.25")[0] == 0
    code, out = cli("reason", "--store", store, "--case", cid, "--pretest", "0.25", "--dask", address)
    assert code == 0, out
    assert _inferred(store) == _inferred(plain)
    with KnowledgeGraph.open(store) as kg:
        assert kg.pretests() == {cid: 0.25}
        setting = kg.store.graph_nt(settings_graph(cid))
    gc.collect()
    assert "0.25" in setting


def test_cli_load_dask_writes_the_in_process_graphs(tmp_path, address, example_files, in_process_store):
    store = tmp_path / "store"
    code, out = cli("load", *example_files, "--store", store, "--dask", address)
    assert code == 0, out
    assert f"loaded {len(example_files)} case(s): " in out
    assert _inferred(store) == _inferred(in_process_store)


def test_kg_reason_dask_on_a_memory_store(address, example_files, in_process_store):
    kg = KnowledgeGraph.memory()
    kg.load(example_files, reason=False)
    ids = kg.reason(dask=address)
    assert sorted(ids) == sorted(_inferred(in_process_store))
    assert {cid: sorted(kg.store.graph_nt(inferred_graph(cid)).splitlines()) for cid in ids} == _inferred(in_process_store)


def test_kg_reason_dask_on_a_remote_store(scratch_oxigraph, address, example_files, in_process_store):
    """The client writes the workers' graphs to a SPARQL server (oxigraph serve) as it does to the embedded store."""
    kg = KnowledgeGraph(scratch_oxigraph.store())
    try:
        kg.load(example_files, reason=False)
        assert all(len(kg.case_graph(cid, inferred=True)) == 0 for cid in kg.case_ids())
        ids = kg.reason(dask=address)
        with KnowledgeGraph.open(in_process_store) as local:
            assert sorted(ids) == sorted(local.case_ids())
            for cid in ids:
                expected = set(local.case_graph(cid, inferred=True))
                assert set(kg.case_graph(cid, inferred=True)) == expected and expected, cid
        gc.collect()
    finally:
        kg.close()


def test_cli_bad_address_one_line_exit_1(tmp_path, example_files):
    store = tmp_path / "store"
    assert cli("load", example_files[0], "--store", store, "--no-reason")[0] == 0
    addr = f"tcp://127.0.0.1:{_free_port()}"
    for command in (("reason",), ("load", example_files[0])):
        code, out = cli(*command, "--store", store, "--dask", addr, "--dask-timeout", "1")
        assert code == 1
        assert out.strip().splitlines() == [f"spinekg: cannot reach the Dask scheduler at {addr} within 1 s "
                                            f"(Timed out trying to connect to {addr} after 1 s)"]
    assert _inferred(store) == {read_case(example_files[0]).case_id: []}  # nothing was reasoned or written


def test_cli_without_dask_installed_names_the_extra(tmp_path, example_files, monkeypatch):
    store = tmp_path / "store"
    assert cli("load", example_files[0], "--store", store, "--no-reason")[0] == 0
    monkeypatch.setitem(sys.modules, "distributed", None)
    code, out = cli("reason", "--store", store, "--dask", "tcp://127.0.0.1:8786")
    assert code == 1
    assert len(out.strip().splitlines()) == 1 and "pip install 'spinekg[dask]'" in out
