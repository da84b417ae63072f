"""Pytest fixtures: real SPARQL servers on 127.0.0.1 (free ports, temporary folders), started and stopped here.

- Virtuoso open-source from Debian's packages (`virtuoso-t`, package virtuoso-opensource). When it is
  missing and we are root with apt-get, it is installed; the tests are skipped, with the reason, only
  when it can be neither found nor installed.
- Oxigraph's server (`oxigraph serve`, from the PyPI package `oxigraph`, in the test extra).

Import the fixtures into a test module (`from remote_servers import remote_server, ...`).
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from spinekg.store.remote import RemoteStore

VIRTUOSO_PACKAGE = "virtuoso-opensource"
VIRTUOSO_BINARY = "virtuoso-t"  # Debian: /usr/bin/virtuoso-t (package virtuoso-opensource-7-bin)
VIRTUOSO_ISQL = "isql-vt"  # Debian's name for Virtuoso's isql
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a fresh database's administrator
START_TIMEOUT = 120.0


@dataclass
class Server:
    """A running SPARQL server and how to reach it."""

    name: str
    query_url: str
    update_url: str
    gsp_url: str
    user: str | None = None
    password: str | None = None
    folder: Path | None = None
    log: Path | None = None
    extra: dict = field(default_factory=dict)

    def store(self, **kwargs) -> RemoteStore:
        args = dict(update_url=self.update_url, gsp_url=self.gsp_url, user=self.user, password=self.password)
        args.update(kwargs)
        return RemoteStore(self.query_url, **args)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _log_tail(log: Path | None, lines: int = 15) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def _wait_until_up(proc: subprocess.Popen, url: str, log: Path, what: str) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with code {proc.returncode} while starting:\n{_log_tail(log)}")
        try:
            r = httpx.post(url, data={"query": "ASK { }"}, headers={"Accept": "application/sparql-results+json"},
                           timeout=5)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not answer at {url} within {START_TIMEOUT:g} s:\n{_log_tail(log)}")


def _stop(proc: subprocess.Popen, timeout: float = 60.0) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)  # Virtuoso: "quick shutdown"; Oxigraph: exits
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


# --- Virtuoso ---
def find_virtuoso() -> str | None:
    return shutil.which(VIRTUOSO_BINARY) or next(
        (p for p in ("/usr/bin/virtuoso-t", "/usr/local/bin/virtuoso-t") if os.access(p, os.X_OK)), None)


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


VIRTUOSO_INI = """\
[Database]
DatabaseFile       = {dir}/virtuoso.db
ErrorLogFile       = {dir}/virtuoso.log
LockFile           = {dir}/virtuoso.lck
TransactionFile    = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = {dir}/virtuoso-temp.db
TransactionFile    = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort         = 127.0.0.1:{sql_port}
DisableUnixSocket  = 1
DisableTcpSocket   = 0
CheckpointInterval = 60
; about 8 KB each: 10000 buffers is ~80 MB, enough for the examples on a small box
NumberOfBuffers    = 10000
MaxDirtyBuffers    = 6000
MaxClientConnections = 10
DirsAllowed        = ., {dir}
CaseMode           = 2
ThreadsPerQuery    = 2
VADInstallDir      = {dir}/vad/

[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {dir}/vsp
ServerThreads      = 10
MaxClientConnections = 10
KeepAliveTimeout   = 10
Charset            = UTF-8

[SPARQL]
; no silent truncation or partial ("anytime") results: the adapter refuses both anyway
ResultSetMaxRows           = 1000000
MaxQueryExecutionTime      = 0
"""


def start_virtuoso(folder: Path) -> tuple[subprocess.Popen, Server]:
    binary, why = install_virtuoso()
    if binary is None:
        pytest.skip(f"Virtuoso is not available: {why}")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    (folder / "vsp").mkdir(parents=True, exist_ok=True)
    (folder / "vad").mkdir(exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "server.out"
    with open(log, "wb") as out:
        proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder,
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        _wait_until_up(proc, f"{base}/sparql", log, "virtuoso-t")
    except RuntimeError:
        _stop(proc)
        raise
    # Queries at /sparql (anonymous), updates at /sparql-auth (HTTP digest, a user with SPARQL_UPDATE),
    # graph reads through the Graph Store Protocol at /sparql-graph-crud.
    return proc, Server("virtuoso", f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud",
                        VIRTUOSO_USER, VIRTUOSO_PASSWORD, folder, log,
                        {"sql_port": sql_port, "isql": shutil.which(VIRTUOSO_ISQL), "base": base})


# --- Oxigraph ---
def find_oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def start_oxigraph(folder: Path, *extra_args: str) -> tuple[subprocess.Popen, Server]:
    binary = find_oxigraph()
    if binary is None and not os.environ.get("SPINEKG_NO_INSTALL"):
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "oxigraph"],
                       capture_output=True, timeout=600)
        binary = find_oxigraph()
    if binary is None:
        pytest.skip("the Oxigraph server is not available: pip install oxigraph (it is in the test extra)")
    port = free_port()
    log = folder / "server.out"
    with open(log, "wb") as out:
        proc = subprocess.Popen([binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}",
                                 *extra_args], cwd=folder, stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(proc, f"{base}/query", log, "oxigraph serve")
    except RuntimeError:
        _stop(proc)
        raise
    return proc, Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", folder=folder, log=log,
                        extra={"base": base})


STARTERS = {"virtuoso": start_virtuoso, "oxigraph": start_oxigraph}


@pytest.fixture(scope="session", params=sorted(STARTERS))
def remote_server(request, tmp_path_factory):
    """Each SPARQL server in turn (session-wide): Virtuoso and Oxigraph."""
    name = request.param
    proc, server = STARTERS[name](tmp_path_factory.mktemp(f"{name}-server"))
    try:
        yield server
    finally:
        _stop(proc)


@pytest.fixture
def scratch_oxigraph(tmp_path):
    """A fresh Oxigraph server of one's own (for tests that need an empty store)."""
    proc, server = start_oxigraph(tmp_path)
    try:
        yield server
    finally:
        _stop(proc)
