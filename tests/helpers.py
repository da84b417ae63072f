"""Helpers shared by the tests (not fixtures: those are in conftest.py): real servers in subprocesses."""
from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.resources import as_file
from pathlib import Path

import httpx
import pytest
from SPARQLWrapper import SPARQLWrapper

from spinekg.data import example_case_files

TOKEN = "test-token-0123456789"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen
    log: Path

    def client(self, **kwargs) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)

    def sparql(self) -> SPARQLWrapper:
        return SPARQLWrapper(self.url + "/sparql")

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running_server(store: Path, *args: str, log_dir: Path) -> Iterator[RunningServer]:
    """`python -m spinekg.server --store STORE --port FREE ARGS...`, up until the block ends."""
    port = _free_port()
    log = log_dir / f"server-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "spinekg.server", "--store", str(store),
                                 "--host", "127.0.0.1", "--port", str(port), *args],
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    server = RunningServer(f"http://127.0.0.1:{port}", proc, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                pytest.fail(f"the server exited with {proc.returncode}:\n{server.log_text()}")
            try:
                if httpx.get(server.url + "/info", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the server did not start within 60 s:\n{server.log_text()}")
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)


def example_paths() -> list[Path]:
    paths = []
    for f in example_case_files():
        with as_file(f) as p:
            paths.append(Path(p))
    return paths
