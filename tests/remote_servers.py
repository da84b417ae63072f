"""Pytest fixtures: real SPARQL servers on 127.0.0.1 (free ports, temporary folders), started and stopped here.

The servers are started by `spinekg.store.servers` (shared with the benchmark, bench/peers.py):

- Virtuoso open-source from Debian's packages (`virtuoso-t`, package virtuoso-opensource). When it is
  missing and we are root with apt-get, it is installed; the tests are skipped, with the reason, only
  when it can be neither found nor installed.
- Oxigraph's server (`oxigraph serve`, from the PyPI package `oxigraph`, in the test extra).

The fixtures that use them (`remote_server`, `scratch_oxigraph`) are in conftest.py.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from spinekg.store.servers import VIRTUOSO_BINARY, VIRTUOSO_PACKAGE, Server, find_oxigraph, find_virtuoso, free_port
from spinekg.store.servers import start_oxigraph as _start_oxigraph
from spinekg.store.servers import start_virtuoso as _start_virtuoso

__all__ = ["Server", "free_port", "start_oxigraph", "start_virtuoso"]


def install_virtuoso() -> tuple[str | None, str]:
    """Find virtuoso-t, installing Debian's package when we are root with apt-get; (path, why not)."""
    found = find_virtuoso()
    if found:
        return found, ""
    if os.environ.get("SPINEKG_NO_INSTALL"):
        return None, f"{VIRTUOSO_BINARY} not found and SPINEKG_NO_INSTALL is set"
    if not shutil.which("apt-get"):
        return None, f"{VIRTUOSO_BINARY} not found and there is no apt-get to install {VIRTUOSO_PACKAGE}"
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        return None, f"{VIRTUOSO_BINARY} not found; install it with: sudo apt-get install -y {VIRTUOSO_PACKAGE}"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "-o", "DPkg::Lock::Timeout=300", "install", "-y", "--no-install-recommends",
               VIRTUOSO_PACKAGE]
    out = ""
    for attempt in ([install], [["apt-get", "-o", "DPkg::Lock::Timeout=300", "update"], install]):
        try:
            for cmd in attempt:
                res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=900)
                out = (res.stdout + res.stderr)[-800:]
                if res.returncode != 0:
                    break
        except (OSError, subprocess.TimeoutExpired) as exc:
            out = str(exc)
        if find_virtuoso():
            return find_virtuoso(), ""
    return None, f"{VIRTUOSO_BINARY} not found and `apt-get install {VIRTUOSO_PACKAGE}` failed: {out.strip()}"


def start_virtuoso(folder: Path) -> Server:
    binary, why = install_virtuoso()
    if binary is None:
        pytest.skip(f"Virtuoso is not available: {why}")
    return _start_virtuoso(folder, binary=binary, memory="small")


def start_oxigraph(folder: Path, *extra_args: str) -> Server:
    binary = find_oxigraph()
    if binary is None and not os.environ.get("SPINEKG_NO_INSTALL"):
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "oxigraph"],
                       capture_output=True, timeout=600)
        binary = find_oxigraph()
    if binary is None:
        pytest.skip("the Oxigraph server is not available: pip install oxigraph (it is in the test extra)")
    return _start_oxigraph(folder, *extra_args, binary=binary)
