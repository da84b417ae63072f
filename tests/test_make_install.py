"""`make install` (and so `make demo` and `make test`) reinstalls the package only when something it holds
changed: the Makefile's rules run in a copy of the project's layout whose pip and spinekg only log their calls."""
from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LOGGER = '#!/bin/sh\necho "$(basename "$0") $*" >> "$(dirname "$0")/../calls.log"\n'

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with the real Makefile, one file in each packaged folder, and a venv that is already set up."""
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    for folder, name in (("src/spinekg", "api.py"), ("ontology", "spinekg.ttl"), ("kb", "facts.ttl"),
                         ("rules", "a.rq"), ("queries", "q.rq")):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / name).write_text("x\n")
    (tmp_path / "src" / "spinekg" / "__pycache__").mkdir()
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for tool in ("python", "pip", "spinekg"):
        (bin_dir / tool).write_text(LOGGER)
        (bin_dir / tool).chmod(0o755)
    (tmp_path / ".venv" / ".deps-stamp").touch()
    past = time.time() - 1000  # everything older than the dependencies' stamp
    for p in tmp_path.rglob("*"):
        if p.name != ".deps-stamp":
            os.utime(p, (past, past))
    os.utime(tmp_path / ".venv" / ".deps-stamp", (past + 10, past + 10))
    return tmp_path


def make(project: Path, target: str) -> list[str]:
    """Run a target; the calls the fake tools received during it."""
    log = project / ".venv" / "calls.log"
    log.unlink(missing_ok=True)
    res = subprocess.run(["make", "-s", target], cwd=project, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stderr
    return log.read_text().splitlines() if log.exists() else []


def installs(calls: list[str]) -> list[str]:
    return [c for c in calls if c.startswith("pip install") and "--force-reinstall" in c]


def age_stamp(project: Path) -> None:
    """Put the install stamp in the past, so that an edit made now is newer (whatever the clock's resolution)."""
    stamp = project / ".venv" / ".install-stamp"
    t = time.time() - 100
    os.utime(stamp, (t, t))


def test_make_demo_installs_once_then_not_again(project):
    first = make(project, "demo")
    assert len(installs(first)) == 1 and any(c.startswith("spinekg demo") for c in first)
    again = make(project, "demo")
    assert installs(again) == [] and any(c.startswith("spinekg demo") for c in again)
    assert installs(make(project, "install")) == []


@pytest.mark.parametrize("change", ["edit a rule", "edit a source file", "add a query", "delete a kb file",
                                    "edit pyproject.toml"])
def test_a_change_to_the_package_reinstalls_it(project, change):
    make(project, "install")
    age_stamp(project)
    if change == "edit a rule":
        (project / "rules" / "a.rq").write_text("y\n")
    elif change == "edit a source file":
        (project / "src" / "spinekg" / "api.py").write_text("y\n")
    elif change == "add a query":
        (project / "queries" / "new.rq").write_text("y\n")
    elif change == "delete a kb file":
        (project / "kb" / "facts.ttl").unlink()
    else:
        (project / "pyproject.toml").write_text("[project]\nname = 'y'\n")
    assert len(installs(make(project, "install"))) == 1
    assert installs(make(project, "install")) == []  # and then it is up to date again


def test_files_outside_the_package_do_not_reinstall(project):
    # (compiled files: Python writes them into an existing __pycache__, which the Makefile does not look at)
    make(project, "install")
    age_stamp(project)
    (project / "README.md").write_text("notes\n")
    (project / "src" / "spinekg" / "__pycache__" / "api.cpython-311.pyc").write_bytes(b"\0")
    assert installs(make(project, "install")) == []
