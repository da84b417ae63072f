"""Issue 11, section 3: the HTTP server under abuse (servers started on 127.0.0.1 by fixtures, bounded in time).

SERVICE and LOAD refused from the parse (a victim listener proves no request leaves), parameters parsed
with bounds, hostile case uploads answered 400, request smuggling shapes refused by the HTTP parser,
slow clients cut off, runaway queries stopped (their worker killed: no CPU or memory left in use), cheap
queries not starved, requests queued rather than refused.
"""
from __future__ import annotations

import gc
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from helpers import TOKEN, RunningServer, example_paths, running_server
from hostile import write_corpus
from spinekg import KnowledgeGraph

SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # never ends on the example store
CHEAP = "/queries/cases?limit=3"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MEDIA = {".yaml": "application/yaml", ".json": "application/json", ".ttl": "text/turtle"}


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("abuse") / "store"
    kg = KnowledgeGraph.open(path)
    kg.load(example_paths())
    kg.close()
    del kg
    gc.collect()
    return path


def _copy(base: Path, tmp_path_factory, name: str) -> Path:
    target = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(base, target)
    return target


@pytest.fixture(scope="module")
def server(base_store, tmp_path_factory) -> Iterator[RunningServer]:
    store = _copy(base_store, tmp_path_factory, "abuse-server")
    with running_server(store, "--allow-updates", "--token", TOKEN, "--timeout", "4", "--header-timeout", "1",
                        "--body-timeout", "1", "--query-memory", "400", log_dir=store.parent) as s:
        yield s


class Victim:
    """A TCP listener on 127.0.0.1 that records every connection made to it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                continue
            self.hits += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self.thread.join(timeout=2)
        self.sock.close()


@pytest.fixture
def victim() -> Iterator[Victim]:
    v = Victim()
    yield v
    v.close()


def _case_ids(c: httpx.Client) -> list[str]:
    r = c.get("/queries/cases", params={"limit": 1000})
    assert r.status_code == 200, r.text
    return sorted(b["case_id"]["value"] for b in r.json()["results"]["bindings"])


# --- SERVICE and LOAD -------------------------------------------------------------------------------------
def _service_queries(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/sparql"
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ # a comment\r SERVICE <{url}> {{ }} \n ?s ?p ?o }}",  # the bypass of issue 11
        f"SELECT * WHERE {{ #\rSERVICE <{url}> {{ }}\r\n ?s ?p ?o }} LIMIT 1",
        f"SELECT * WHERE {{ \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?s ?p ?o OPTIONAL {{ SERVICE <{url}> {{ ?s ?q ?r }} }} }} LIMIT 1",
        f"SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ VALUES ?u {{ <{url}> }} SERVICE ?u {{ ?s ?p ?o }} }}",
        f"PREFIX x: <http://127.0.0.1:{port}/> SELECT * WHERE {{ SERVICE x:sparql {{ ?s ?p ?o }} }}",
    ]


def _load_updates(port: int) -> list[str]:
    url = f"http://127.0.0.1:{port}/data.ttl"
    return [
        f"LOAD <{url}>",
        f"load silent <{url}> into graph <urn:g>",
        f"INSERT DATA {{ <urn:a> <urn:b> 1 }} ; # x\r LOAD <{url}> \n",
        f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"DELETE {{ ?s ?p ?o }} WHERE {{ # \r SERVICE <{url}> {{ }}\n ?s ?p ?o FILTER(false) }}",
    ]


def test_service_is_refused_in_every_disguise_and_nothing_leaves(server, victim):
    with server.client() as c:
        for q in _service_queries(victim.port):
            for send in (lambda q=q: c.get("/sparql", params={"query": q}),
                         lambda q=q: c.post("/sparql", content=q.encode(), headers={"Content-Type": "application/sparql-query"})):
                r = send()
                assert r.status_code == 400, (q, r.status_code, r.text)
                assert "Traceback" not in r.text
        time.sleep(0.5)
    assert victim.hits == 0
    _control(victim)


def _control(victim: Victim) -> None:
    """The victim does record connections (so zero hits above means none was made)."""
    socket.create_connection(("127.0.0.1", victim.port)).close()
    deadline = time.monotonic() + 3
    while victim.hits == 0 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert victim.hits == 1


def test_load_is_refused_in_updates_and_nothing_leaves(server, victim):
    with server.client() as c:
        for u in _load_updates(victim.port):
            r = c.post("/sparql", content=u.encode(), headers={"Content-Type": "application/sparql-update", **AUTH})
            assert r.status_code == 400, (u, r.status_code, r.text)
        time.sleep(0.5)
    assert victim.hits == 0
    _control(victim)


def _isolation_unavailable() -> str | None:
    """Why this machine gives no network namespaces to the server (None: it does)."""
    import subprocess
    import sys

    code = "from spinekg.server.isolation import isolate_network\nprint(isolate_network() or '')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    return done.stdout.strip() or None


def test_the_server_has_no_network_of_its_own(server):
    """Where the system allows it (Linux), the server and its workers can reach no other host at all."""
    why = _isolation_unavailable()
    if why:
        pytest.skip(f"this machine gives no network namespace: {why}")
    assert "no network of its own" in server.log_text(), server.log_text()[:2000]


# --- parameters -------------------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["1e999999999", "1e5000", "9" * 5000, "-1", "0x10", "1.5", ""])
def test_named_query_parameters_are_bounded(server, value):
    with server.client() as c:
        start = time.monotonic()
        r = c.get("/queries/cases", params={"limit": value})
        assert r.status_code == 400 and "limit" in r.text, r.text
        assert time.monotonic() - start < 2
        assert c.get(CHEAP).status_code == 200


# --- hostile case uploads -----------------------------------------------------------------------------------
def test_hostile_case_uploads_are_400_with_the_problem_and_change_nothing(server, tmp_path):
    items = [(h, p) for h, p in write_corpus(tmp_path) if h.text and h.suffix in MEDIA]
    assert len(items) > 150
    with server.client() as c:
        before = _case_ids(c)
        for h, path in items:
            r = c.post("/cases", content=path.read_bytes(), headers={"Content-Type": MEDIA[h.suffix], **AUTH})
            if h.name == "too-big.yaml":
                assert r.status_code == 413, r.text
                continue
            assert r.status_code == 400, (h.name, r.status_code, r.text[:300])
            problems = r.json()["problems"]
            assert problems and all(p["message"] for p in problems), h.name
        assert _case_ids(c) == before
    assert "Traceback" not in server.log_text()


@pytest.mark.parametrize("body, media, words", [
    ("id: x\na: &a [*a]\n", "application/yaml", "refers to a node it is inside"),
    ('{"id": "x", "a": ' + "[" * 2000 + "]" * 2000 + "}", "application/json", "nests deeper than 32"),
    ('{"id": "abc\\n"}', "application/json", "is not a valid id"),
])
def test_the_uploads_named_in_the_issue(server, body, media, words):
    with server.client() as c:
        r = c.post("/cases", content=body.encode(), headers={"Content-Type": media, **AUTH})
        assert r.status_code == 400, r.text
        assert words in r.json()["problems"][0]["message"]


# --- the HTTP parser and slow clients -------------------------------------------------------------------------
def _raw(server: RunningServer, data: bytes, wait: float = 5.0) -> bytes:
    port = int(server.url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as s:
        s.sendall(data)
        out = b""
        try:
            while chunk := s.recv(65536):
                out += chunk
        except TimeoutError:
            out += b"<still open>"
    return out


SMUGGLING = {
    "content-length and transfer-encoding": b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
        b"application/sparql-query\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "obsolete header folding": b"GET /info HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: a\r\n b\r\n\r\n",
    "two content-lengths": b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4\r\nContent-Length: 5\r\n\r\nASK{",
    "bare line feeds": b"GET /info HTTP/1.1\nHost: 127.0.0.1\n\n",
    "space before the colon": b"GET /info HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length : 0\r\n\r\n",
}


@pytest.mark.parametrize("shape", sorted(SMUGGLING))
def test_request_smuggling_shapes_are_refused(server, shape):
    answer = _raw(server, SMUGGLING[shape])
    assert answer.startswith(b"HTTP/1.1 400"), answer[:200]


def test_a_body_shorter_than_announced_is_cut_off(server):
    start = time.monotonic()
    answer = _raw(server, b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                          b"Content-Length: 1000000\r\n\r\nSELECT", wait=10)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - start < 5


def test_half_sent_requests_are_closed(server):
    """1,000 connections with half a request each: all closed by the server, which answers others meanwhile."""
    port = int(server.url.rsplit(":", 1)[1])
    socks = []
    for i in range(1000):
        s = socket.create_connection(("127.0.0.1", port))
        s.sendall(b"GET /info HTTP/1.1\r\nHost: 127.0.0.1\r\n" if i % 2 else b"GET /in")
        socks.append(s)
    with server.client() as c:
        assert c.get("/info").status_code == 200
    deadline = time.monotonic() + 20
    open_ = list(socks)
    while open_ and time.monotonic() < deadline:
        still = []
        for s in open_:
            s.settimeout(0.01)
            try:
                if s.recv(4096) == b"":
                    s.close()
                    continue
            except TimeoutError:
                pass
            except OSError:
                s.close()
                continue
            still.append(s)
        open_ = still
        time.sleep(0.1)
    for s in open_:
        s.close()
    assert not open_, f"{len(open_)} half-sent requests still open after 20 s"


# --- runaway queries -----------------------------------------------------------------------------------------
def _worker_cpu(server: RunningServer) -> float:
    """CPU seconds used so far by the server's worker processes (children of the server)."""
    import os

    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat[1]) == server.process.pid:  # ppid
            total += (int(stat[11]) + int(stat[12])) / tick
    return total


def test_a_query_past_its_time_limit_stops_using_cpu(server):
    with server.client() as c:
        r = c.get("/sparql", params={"query": SLOW})
        assert r.status_code == 503 and "was stopped" in r.text, r.text
        time.sleep(1.0)  # a replacement worker starts
        before = _worker_cpu(server)
        time.sleep(2.0)
        used = _worker_cpu(server) - before
        assert used < 0.5, f"workers used {used:.2f} CPU s after the query was stopped"
        assert c.get(CHEAP).status_code == 200


def test_a_query_past_its_memory_limit_is_stopped(server):
    q = "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } ORDER BY ?a ?b ?c ?d LIMIT 1"
    with server.client() as c:
        r = c.get("/sparql", params={"query": q})
        assert r.status_code == 503 and "memory limit" in r.text, r.text
        assert c.get(CHEAP).status_code == 200


def test_cheap_queries_are_not_starved_by_expensive_ones(server):
    """Four runaway queries from one client; another client's cheap queries are still answered."""
    results: list[int] = []

    def slow(i: int) -> None:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            results.append(c.get("/sparql", params={"query": f"{SLOW} # {i}"}).status_code)

    threads = [threading.Thread(target=slow, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    other = httpx.Client(base_url=server.url, timeout=30, transport=httpx.HTTPTransport(local_address="127.0.0.2"))
    waits = []
    with other:
        for _ in range(10):
            start = time.monotonic()
            assert other.get(CHEAP).status_code == 200
            waits.append(time.monotonic() - start)
            time.sleep(0.2)
    for t in threads:
        t.join()
    assert results == [503] * 4
    assert max(waits) < 3.5, waits  # at most about --long-after plus a worker's start, never the 4 s limit


def test_concurrent_cheap_requests_wait_in_line_instead_of_being_refused(server):
    statuses: list[int] = []
    lock = threading.Lock()

    def client() -> None:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            for _ in range(5):
                code = c.get(CHEAP).status_code
                with lock:
                    statuses.append(code)

    threads = [threading.Thread(target=client) for _ in range(64)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(statuses) == 320 and set(statuses) == {200}


def test_a_full_line_is_refused_with_retry_after(base_store, tmp_path_factory):
    store = _copy(base_store, tmp_path_factory, "small-line")
    with running_server(store, "--workers", "1", "--queue", "2", "--max-long", "0", "--timeout", "3",
                        log_dir=store.parent) as s:
        answers: list[httpx.Response] = []

        def slow(i: int) -> None:
            with httpx.Client(base_url=s.url, timeout=30) as c:
                answers.append(c.get("/sparql", params={"query": f"{SLOW} # {i}"}))

        threads = [threading.Thread(target=slow, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
            time.sleep(0.05)
        for t in threads:
            t.join()
        busy = [r for r in answers if "requests are already waiting" in r.text]
        assert busy and all(r.status_code == 503 and r.headers.get("retry-after") for r in busy)


def test_isolation_leaves_the_network_and_refuses_once_threads_run():
    import subprocess
    import sys

    why = _isolation_unavailable()
    if why:
        pytest.skip(f"this machine gives no network namespace: {why}")
    code = ("from spinekg.server.isolation import isolate_network, network_is_isolated\n"
            "import threading, time\n"
            "if {threads}: threading.Thread(target=time.sleep, args=(2,), daemon=True).start()\n"
            "why = isolate_network()\n"
            "print('refused' if why else 'isolated' if network_is_isolated() else 'NOT ISOLATED')\n")
    single = subprocess.run([sys.executable, "-c", code.format(threads=False)], capture_output=True, text=True,
                            timeout=60)
    assert single.stdout.strip() == "isolated", single.stdout + single.stderr
    threaded = subprocess.run([sys.executable, "-c", code.format(threads=True)], capture_output=True, text=True,
                              timeout=60)
    assert threaded.stdout.strip() == "refused", threaded.stdout + threaded.stderr
