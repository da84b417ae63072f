"""bench/load_memory.py reports what it measured: a load that did not finish is "not measured" with the
memory seen until it was stopped, a finished one gives wall time, summed memory, open times and the
cases left after the kill; the kill waits for the staged database, and says so when there was none."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import load_memory  # noqa: E402

FINISHED = {"cases": 10000, "format": "yaml", "finished": True, "wall_s": 266.4, "peak_mb": 1254.2,
            "peak_processes": 3, "clean_open_s": 1.2, "recovery_open_s": 1.63, "after_kill_cases": 10000,
            "load_before": 2.0, "load_after": 5.9}
STOPPED = {"cases": 100000, "format": "yaml", "finished": False, "wall_s": None, "peak_mb": 1480.0,
           "load_before": 3.0, "load_after": 4.0}


def test_table_rows_say_what_was_measured():
    lines = load_memory.table([FINISHED, STOPPED]).splitlines()
    assert lines[0].startswith("| cases | format | `spinekg load` wall | peak memory, summed over processes |")
    assert lines[2] == "| 10,000 | yaml | 266 s | 1,254 MB (3 processes) | 1.20 s | 1.63 s | 10,000 | 2.0 → 5.9 |"
    assert lines[3] == "| 100,000 | yaml | not measured (did not finish) | 1,480 MB | | | | 3.0 → 4.0 |"


def test_a_load_that_ends_before_staging_is_not_reported_as_killed(tmp_path, monkeypatch):
    store = tmp_path / "store"
    store.mkdir()

    class Ended:
        def poll(self):
            return 0

        def kill(self):
            pass

    monkeypatch.setattr(load_memory.subprocess, "Popen", lambda *a, **k: Ended())
    assert "nothing killed mid-write" in load_memory.killed_write(tmp_path / "extra", store, timeout=5)
