"""SPARQL servers for the benchmark's remote peers: Virtuoso (Debian's virtuoso-opensource) and `oxigraph serve`.

Started on 127.0.0.1 on free ports in a temporary folder, as tests/remote_servers.py does for the tests
(that module needs pytest; this one does not).
"""
from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

START_TIMEOUT = 120.0

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
; about 8 KB each: 170000 buffers is ~1.4 GB (Virtuoso's advice for 2 GB of free memory)
NumberOfBuffers    = 170000
MaxDirtyBuffers    = 130000
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
ResultSetMaxRows           = 10000000
MaxQueryExecutionTime      = 0
MaxQueryCostEstimationTime = 0
"""


@dataclass
class Server:
    name: str
    proc: subprocess.Popen
    query_url: str
    update_url: str
    gsp_url: str
    user: str | None = None
    password: str | None = None

    def store(self):
        from spinekg.store.remote import RemoteStore

        return RemoteStore(self.query_url, update_url=self.update_url, gsp_url=self.gsp_url, user=self.user,
                           password=self.password, timeout=3600)

    def stop(self) -> None:
        if self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(proc: subprocess.Popen, url: str, log: Path, what: str) -> None:
    import httpx

    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited while starting: {log.read_text(errors='replace')[-500:]}")
        try:
            r = httpx.post(url, data={"query": "ASK { }"}, headers={"Accept": "application/sparql-results+json"},
                           timeout=5)
            if r.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"{what} did not answer at {url} within {START_TIMEOUT:g} s")


def virtuoso_binary() -> str | None:
    return shutil.which("virtuoso-t")


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def start_virtuoso(folder: Path) -> Server:
    binary = virtuoso_binary()
    if binary is None:
        raise RuntimeError("virtuoso-t not found (Debian package virtuoso-opensource; `make system-deps`)")
    sql_port, http_port = _free_port(), _free_port()
    (folder / "vsp").mkdir(parents=True, exist_ok=True)
    (folder / "vad").mkdir(exist_ok=True)
    ini = folder / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=folder, sql_port=sql_port, http_port=http_port))
    log = folder / "server.out"
    with open(log, "wb") as out:
        proc = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)], cwd=folder, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    _wait(proc, f"{base}/sparql", log, "virtuoso-t")
    return Server("virtuoso", proc, f"{base}/sparql", f"{base}/sparql-auth", f"{base}/sparql-graph-crud",
                  "dba", "dba")


def start_oxigraph(folder: Path) -> Server:
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the Oxigraph server is not installed (pip install oxigraph)")
    port = _free_port()
    log = folder / "server.out"
    with open(log, "wb") as out:
        proc = subprocess.Popen([binary, "serve", "--location", str(folder / "data"), "--bind", f"127.0.0.1:{port}"],
                                cwd=folder, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    _wait(proc, f"{base}/query", log, "oxigraph serve")
    return Server("oxigraph", proc, f"{base}/query", f"{base}/update", f"{base}/store")


STARTERS = {"virtuoso": start_virtuoso, "oxigraph": start_oxigraph}
