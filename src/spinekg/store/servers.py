"""Local SPARQL servers for the remote backend's tests and benchmark: Virtuoso and `oxigraph serve`.

Each starts on 127.0.0.1 on free ports in a folder of its own, and answers a `Server` (URLs, credentials,
the process; `server.stop()` shuts it down). Used by tests/remote_servers.py (the pytest fixtures, which
also install Virtuoso when they may) and bench/peers.py (the remote peers). Nothing here needs pytest.

- Virtuoso open-source: Debian's `virtuoso-t` (package virtuoso-opensource), with a configuration written
  into the folder (see docs/remote-backend.md). `memory="small"` (the tests: ~80 MB of buffers) or
  `"large"` (the benchmark: ~1.4 GB).
- Oxigraph's server: `oxigraph serve` (PyPI package `oxigraph`), found beside the Python interpreter or on
  the PATH.
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
from typing import Any

import httpx

from ..errors import SpinekgError
from .remote import RemoteStore

VIRTUOSO_PACKAGE = "virtuoso-opensource"
VIRTUOSO_BINARY = "virtuoso-t"  # Debian: /usr/bin/virtuoso-t (package virtuoso-opensource-7-bin)
VIRTUOSO_ISQL = "isql-vt"  # Debian's name for Virtuoso's isql
VIRTUOSO_USER, VIRTUOSO_PASSWORD = "dba", "dba"  # a fresh database's administrator
START_TIMEOUT = 120.0


class ServerError(SpinekgError, RuntimeError):
    """A server could not be found or started."""


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
    gsp_update_url: str | None = None  # a Graph Store endpoint that takes writes (bulk loads)
    proc: subprocess.Popen | None = field(default=None, repr=False)

    def store(self, **kwargs) -> RemoteStore:
        args: dict[str, Any] = {"update_url": self.update_url, "gsp_url": self.gsp_url, "user": self.user, "password": self.password,
                "gsp_update_url": self.gsp_update_url}
        args.update(kwargs)
        return RemoteStore(self.query_url, **args)

    def stop(self, timeout: float = 60.0) -> None:
        """Shut the server down (SIGTERM: Virtuoso's quick shutdown; Oxigraph exits), killing it if it hangs."""
        if self.proc is not None:
            stop_process(self.proc, timeout)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_tail(log: Path | None, lines: int = 15) -> str:
    if log is None or not log.exists():
        return ""
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])


def wait_until_up(proc: subprocess.Popen, url: str, log: Path, what: str, timeout: float = START_TIMEOUT) -> None:
    """Wait until the SPARQL endpoint answers `ASK { }` (ServerError if the process exits or time runs out)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise ServerError(f"{what} exited with code {proc.returncode} while starting:\n{log_tail(log)}")
        try:
            r = httpx.post(url, data={"query": "ASK { }"}, headers={"Accept": "application/sparql-results+json"},
                           timeout=5)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise ServerError(f"{what} did not answer at {url} within {timeout:g} s:\n{log_tail(log)}")


def stop_process(proc: subprocess.Popen, timeout: float = 60.0) -> None:
    if proc.poll() is not None:
        return
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)


def _launch(cmd: list[str], folder: Path, url: str, what: str) -> tuple[subprocess.Popen, Path]:
    log = folder / "server.out"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=folder, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_until_up(proc, url, log, what)
    except BaseException:
        stop_process(proc)
        raise
    return proc, log


# --- Virtuoso ---
def find_virtuoso() -> str | None:
    return shutil.which(VIRTUOSO_BINARY) or next(
        (p for p in ("/usr/bin/virtuoso-t", "/usr/local/bin/virtuoso-t") if os.access(p, os.X_OK)), None)


# (NumberOfBuffers, MaxDirtyBuffers, TransactionAfterImageLimit). Buffers are ~8 KB each. "small": ~80 MB,
# enough for the examples on a small box, and Virtuoso's default limit of 50 MB of changes per transaction;
# "large": ~1.4 GB, Virtuoso's advice for 2 GB of free memory, and 1 GB of changes per transaction (a rule
# run as one INSERT ... WHERE over a large registry: "SR325: Transaction aborted because it's log after
# image size went above the limit").
VIRTUOSO_MEMORY = {"small": (10_000, 6_000, 50_000_000), "large": (170_000, 130_000, 1_000_000_000)}

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
NumberOfBuffers    = {buffers}
MaxDirtyBuffers    = {dirty}
TransactionAfterImageLimit = {after_image}
MaxClientConnections = 10
DirsAllowed        = ., {dir}
CaseMode           = 2
ThreadsPerQuery    = {threads}
VADInstallDir      = {dir}/vad/

[HTTPServer]
ServerPort         = 127.0.0.1:{http_port}
ServerRoot         = {dir}/vsp
ServerThreads      = 10
MaxClientConnections = 10
KeepAliveTimeout   = 10
Charset            = UTF-8

[SPARQL]
; no silent truncation, no partial ("anytime") results, no refusal on estimated cost: the adapter refuses
; the first two anyway (docs/remote-backend.md, quirks 12 and 13)
ResultSetMaxRows           = {max_rows}
MaxQueryExecutionTime      = 0
MaxQueryCostEstimationTime = 0
"""


def start_virtuoso(folder: Path, *, binary: str | None = None, memory: str = "small",
                   max_rows: int = 1_000_000, threads: int = 1) -> Server:
    """Virtuoso on free loopback ports with its database in `folder`.

    threads: ThreadsPerQuery. One by default: Virtuoso's parallel query threads wait for each other by
    spinning, and on a busy machine with 2 cores a grouped count over 300,000 triples took 1-3 s with 2
    threads instead of 15 ms (the benchmark's rules on 1,000 cases: 11-16 s instead of 4 s).

    Queries at /sparql (anonymous), updates at /sparql-auth (HTTP Digest, dba/dba), graph reads at
    /sparql-graph-crud (Graph Store Protocol), graph writes (bulk loads) at /sparql-graph-crud-auth.
    """
    binary = binary or find_virtuoso()
    if binary is None:
        raise ServerError(f"{VIRTUOSO_BINARY} not found (Debian package {VIRTUOSO_PACKAGE}; `make system-deps`)")
    sql_port, http_port = free_port(), free_port()
    while http_port == sql_port:
        http_port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vsp").mkdir(exist_ok=True)
    (folder / "vad").mkdir(exist_ok=True)
    buffers, dirty, after_image = VIRTUOSO_MEMORY[memory]
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port, buffers=buffers,
                                       dirty=dirty, after_image=after_image, max_rows=max_rows, threads=threads))
    base = f"http://127.0.0.1:{http_port}"
    proc, log = _launch([binary, "+foreground", "+configfile", str(ini)], folder, f"{base}/sparql", "virtuoso-t")
    return Server("virtuoso", f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud",
                  VIRTUOSO_USER, VIRTUOSO_PASSWORD, folder, log,
                  {"sql_port": sql_port, "isql": shutil.which(VIRTUOSO_ISQL), "base": base},
                  gsp_update_url=f"{base}/sparql-graph-crud-auth", proc=proc)


# --- Oxigraph ---
def find_oxigraph() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def start_oxigraph(folder: Path, *extra_args: str, binary: str | None = None) -> Server:
    """`oxigraph serve` on a free loopback port with its data in folder/data: /query, /update, /store."""
    binary = binary or find_oxigraph()
    if binary is None:
        raise ServerError("the Oxigraph server is not installed (pip install oxigraph)")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    base = f"http://127.0.0.1:{port}"
    proc, log = _launch([binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}",
                         *extra_args], folder, f"{base}/query", "oxigraph serve")
    return Server("oxigraph", f"{base}/query", f"{base}/update", f"{base}/store", folder=folder, log=log,
                  extra={"base": base}, gsp_update_url=f"{base}/store", proc=proc)


STARTERS = {"virtuoso": start_virtuoso, "oxigraph": start_oxigraph}
