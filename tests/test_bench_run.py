"""bench/run.py says what its numbers allow: a failed query is "failed", not "not finished"; a run's tables give
speed phrases and target verdicts from verdicts.py, and the load on the machine beside the figures."""
from __future__ import annotations

import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import run  # noqa: E402


class FakeKG:
    """kg.query as the benchmark calls it: fails, sleeps, or answers."""

    def __init__(self, behaviour: str):
        self.behaviour = behaviour

    def query(self, name: str, params: dict):
        if self.behaviour == "fail":
            raise ValueError("query 'x' needs the parameter 'case_id'")
        if self.behaviour == "slow":
            time.sleep(30)
        return SimpleNamespace(rows=[{"a": 1}, {"a": 2}])


ARGS = SimpleNamespace(query_repeats=3, query_timeout=2.0)


def test_a_failed_query_is_reported_as_failed():
    r = run.time_query(FakeKG("fail"), "x", {}, SimpleNamespace(query_repeats=3, query_timeout=60.0))
    assert r["error"].startswith("ValueError: query 'x' needs") and "timeout_s" not in r and "p50_ms" not in r


def test_a_slow_query_is_stopped_at_its_limit():
    t = time.monotonic()
    r = run.time_query(FakeKG("slow"), "x", {}, ARGS)
    assert r == {"timeout_s": 2.0, "params": {}}
    assert time.monotonic() - t < 10


def test_a_query_that_answers_is_timed():
    r = run.time_query(FakeKG("ok"), "x", {"case_id": "c"}, SimpleNamespace(query_repeats=3, query_timeout=60.0))
    assert r["runs"] == 3 and r["rows"] == 2 and 0 <= r["p50_ms"] <= r["p95_ms"] and not r["cut_short"]


def test_every_named_query_gets_its_required_parameters():
    from spinekg.queries import load_queries

    queries = load_queries()
    for name, q in queries.items():
        params = run.query_params(q, "case-7")
        missing = [p.name for p in q.params if p.required and p.name not in params]
        assert not missing, (name, missing)
        q.bind({k: str(v) for k, v in params.items()})  # and they are valid values
    assert run.query_params(queries["similar-cases"], "case-7") == {"case_id": "case-7"}
    assert run.query_params(queries["findings-by-level"], "case-7") == {"level": "L4"}
    assert run.query_params(queries["cases"], "case-7") == {}


def report() -> dict:
    q = {"status": "ok", "new_case_http_ms": None, "new_case_http_error": "RuntimeError: the HTTP server did not start",
         "queries": {"cases": {"p50_ms": 5.0, "p95_ms": 6.0, "rows": 1},
                                     "similar-cases": {"error": "QueryError: query 'similar-cases' needs 'case_id'"}}}
    size = {"batch": {"status": "ok", "cases": 100_000, "reason_s": 50.0, "peak_mb": 1800.0, "load_average": [1.5, 2.5],
                      "phases": {"construct": 10.0, "rules": 30.0}, "agreement": {"missing": 9, "agrees": False}},
            "owlrl": {"status": "timeout", "timed_s_at_limit": 290.0},
            "reasonable": {"status": "error", "error": "MemoryError"},
            "virtuoso": {"status": "ok", "cases": 100_000, "reason_s": 45.0, "peak_mb": 900.0,
                         "agreement": {"agrees": True, "compared": 9}},
            "queries": q}
    return {"sizes": [100_000], "timeout_s": 300, "runs": {"100000": size}, "help_s": 0.2, "demo_s": 6.0,
            "machine": {"cpus": 2, "python": "3.11"}, "load_average": {"100000": {"before": [1.5], "after": [2.5]}}}


def test_the_tables_say_what_the_numbers_allow():
    md = run.table(report())
    assert "the batch engine is 1.11× slower than virtuoso" in md
    assert "the batch engine is more than 5.8× faster than owlrl (not finished" in md
    assert "not measured against reasonable (error)" in md
    assert "| error: QueryError: query 'similar-cases' needs 'case_id' |" in md
    assert "| 100,000 | batch | 1.5 / 2.5 |" in md  # the load beside the figures
    assert "| not measured: RuntimeError: the HTTP server did not start |" in md
    targets = {row.split(" | ")[0].lstrip("| "): row.rsplit(" | ", 1)[1].rstrip(" |")
               for row in run.targets_table(report()).splitlines()[2:]}
    assert targets["reasoning 100,000 cases in <= 30 s (2 cores)"] == "missed by 1.67×"
    assert targets["reasoning 100,000 cases in <= 60 s (the step toward 30 s)"] == "met"
    assert targets["no slower than Virtuoso (100,000 cases)"] == "missed by 1.11×"
    # one query failed: the others' 5 ms do not make the target met
    assert targets["every named query p50 <= 100 ms, 100,000-case store"].startswith("not measured")
    assert targets["`make demo` (set up, nothing changed) <= 5 s"] == "missed by 1.2×"
    assert targets[">= 200× faster than owlrl at 1,000 cases"] == "not measured"
    # Virtuoso stopped at the larger size: the verdict comes from the largest size both finished
    two = report()
    two["sizes"] = [1000, 100_000]
    two["runs"]["1000"] = {"batch": {"status": "ok", "cases": 1000, "reason_s": 2.0},
                           "virtuoso": {"status": "ok", "cases": 1000, "reason_s": 10.0}}
    two["runs"]["100000"]["virtuoso"] = {"status": "timeout", "timed_s_at_limit": 290.0}
    rows = {row.split(" | ")[0].lstrip("| "): row for row in run.targets_table(two).splitlines()[2:]}
    assert "no slower than Virtuoso (1,000 cases)" in rows and rows["no slower than Virtuoso (1,000 cases)"].endswith(
        "(5× its speed); Virtuoso at 100,000: timeout | met |")
    two["runs"]["1000"]["virtuoso"] = {"status": "timeout", "timed_s_at_limit": 290.0}
    rows = {row.split(" | ")[0].lstrip("| "): row for row in run.targets_table(two).splitlines()[2:]}
    assert rows["no slower than Virtuoso (100,000 cases)"].endswith("| not measured |")
    assert targets["one new case over HTTP (POST /cases), 100,000-case store, <= 50 ms"] == "not measured"


def test_the_readme_block_states_the_load(tmp_path, monkeypatch):
    monkeypatch.setattr(run, "RESULTS", tmp_path)
    monkeypatch.setattr(run, "plot", lambda report, path: None)
    readme = tmp_path / "README.md"
    readme.write_text(f"before\n{run.README_START}\nold\n{run.README_END}\nafter\n")
    run.write_report(report(), readme)
    text = readme.read_text()
    assert text.startswith("before\n") and text.endswith("after\n") and "old" not in text
    assert "load average before / after each size: 100,000 cases 1.5 / 2.5" in text
    assert (tmp_path / "latest.json").exists() and (tmp_path / "latest.md").read_text().startswith("| engine |")


def test_a_task_that_said_nothing_says_how_it_was_stopped():
    import psutil

    ram = psutil.virtual_memory().total / 2**20
    assert run.error_text({"error": "Traceback ...\nMemoryError\n"}) == "error: MemoryError"
    oom = run.error_text({"error": "", "signal": "SIGKILL", "peak_mb": 0.95 * ram, "elapsed_s": 80.0})
    assert oom.startswith("killed by SIGKILL, out of memory:")
    small = run.error_text({"error": "", "signal": "SIGTERM", "peak_mb": 100.0, "elapsed_s": 5.0})
    assert small.startswith("killed by SIGTERM after") and "out of memory" not in small
