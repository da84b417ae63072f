"""Running SPARQL against a pyoxigraph store: results, the cap, serialisation, and waiting for a slot.

`query_outcome` runs one query and serialises its answer (in a worker process, see worker.py and
pool.py, or in a thread for a store in memory). `WaitQueue` is the line requests wait in for a slot;
`QueryRunner` runs work in threads (writes, and the reads of a store in memory): a thread cannot be
stopped, so a query past its time limit there is abandoned to finish in the background, holding its
slot until then.
"""
from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import pyoxigraph as ox

from ..errors import SpinekgError
from ..vocab import PREFIXES
from .negotiation import GRAPH_FORMATS, RESULT_FORMATS, BadFormat, Format, NotAcceptable, choose

TRUNCATED_HEADER = "X-Spinekg-Truncated"
MAX_RESULTS_HEADER = "X-Spinekg-Max-Results"
_T = TypeVar("_T")  # what a job run by QueryRunner gives back


class HttpError(SpinekgError):
    """An error answered to the client with a status code and a readable one-paragraph message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


class Cancelled(SpinekgError):
    """The request gave up waiting (timeout); the worker stops at the next chance."""


@dataclass
class Outcome:
    """A finished response body with its media type and extra headers."""

    body: bytes
    content_type: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Dataset:
    """The RDF dataset of the SPARQL Protocol's default-graph-uri and named-graph-uri parameters.

    With neither, the default graph is the union of all graphs and every named graph is available.
    With only named graphs given, the default graph is empty; with only default graphs, no named
    graph is available (as FROM / FROM NAMED do). Either overrides the query's own FROM clauses.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def query_kwargs(self, own_dataset: bool) -> dict[str, Any]:
        """pyoxigraph's dataset options; `own_dataset`: the query has FROM / FROM NAMED (from its parse)."""
        if not self.default_graphs and not self.named_graphs:
            # the query's own FROM / FROM NAMED, if any, else the union of all graphs
            return {} if own_dataset else {"use_default_graph_as_union": True}
        return {"default_graph": [_iri(g) for g in self.default_graphs],
                "named_graphs": [_iri(g) for g in self.named_graphs]}


def _iri(value: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError:
        raise HttpError(400, f"not a valid graph IRI: {value!r}") from None


def syntax_message(exc: BaseException, limit: int = 300) -> str:
    """pyoxigraph's parser message on one line, without its long lists of expected characters."""
    text = " ".join(str(exc).split())
    if "expected one of" in text:
        head, expected = text.split("expected one of", 1)
        if "Prefix not found" in expected:
            text = head + "undeclared prefix (predeclared: " + ", ".join(f"{p}:" for p in PREFIXES) + ")"
        elif len(expected) <= 80:
            text = head + "expected one of" + expected
        else:
            text = head + "unexpected input"
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- serialisation ----------------------------------------------------------------------------------------
def _term_json(term: Any) -> dict[str, Any]:
    """A term in SPARQL 1.1 Query Results JSON (and its RDF 1.2 extension for triple terms)."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
            direction = getattr(term, "direction", None)
            if direction is not None:
                out["its:dir"] = str(direction).rsplit(".", 1)[-1].lower()
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {"subject": _term_json(term.subject),
                                            "predicate": _term_json(term.predicate),
                                            "object": _term_json(term.object)}}
    raise TypeError(f"unexpected term {term!r}")


def serialize_solutions(variables: list[str], rows: list[dict[str, Any]], fmt: Format) -> bytes:
    """Serialise (possibly truncated) SELECT rows with pyoxigraph, via a QuerySolutions parsed from JSON."""
    doc = {"head": {"vars": variables}, "results": {"bindings": rows}}
    if fmt.results == ox.QueryResultsFormat.JSON:
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    solutions = ox.parse_query_results(json.dumps(doc), ox.QueryResultsFormat.JSON)
    return solutions.serialize(format=fmt.results) or b""


def serialize_triples(triples: list[ox.Triple], fmt: Format) -> bytes:
    return ox.serialize(triples, format=fmt.rdf, prefixes=PREFIXES) or b""


def query_outcome(store: ox.Store, text: str, dataset: Dataset, accept: str | None, format_param: list[str],
                  max_results: int, cancel: threading.Event, *, own_dataset: bool = False) -> Outcome:
    """Run one query to the end (within the cap) and serialise it in the negotiated format."""
    try:
        result = store.query(text, prefixes=PREFIXES, **dataset.query_kwargs(own_dataset))
        if isinstance(result, ox.QueryBoolean):
            fmt = negotiate(RESULT_FORMATS, accept, format_param)
            return Outcome(result.serialize(format=fmt.results) or b"", fmt.content_type)
        if isinstance(result, ox.QuerySolutions):
            fmt = negotiate(RESULT_FORMATS, accept, format_param)
            variables = [v.value for v in result.variables]
            rows: list[dict[str, Any]] = []
            truncated = False
            for solution in result:
                if cancel.is_set():
                    raise Cancelled()
                if len(rows) >= max_results:
                    truncated = True
                    break
                rows.append({v: _term_json(solution[v]) for v in variables if solution[v] is not None})
            return Outcome(serialize_solutions(variables, rows, fmt), fmt.content_type,
                           headers=_cap_headers(truncated, max_results))
        fmt = negotiate(GRAPH_FORMATS, accept, format_param)
        triples, truncated = collect(result, max_results, cancel)
        return Outcome(serialize_triples(triples, fmt), fmt.content_type, headers=_cap_headers(truncated, max_results))
    except SyntaxError as exc:
        raise HttpError(400, f"SPARQL syntax error: {syntax_message(exc)}") from None
    except (ValueError, TypeError) as exc:
        raise HttpError(400, f"the query failed: {syntax_message(exc)}") from None
    except (OSError, RuntimeError) as exc:
        raise HttpError(500, f"the query failed: {syntax_message(exc)}") from None


def collect(triples: Any, cap: int | None, cancel: threading.Event) -> tuple[list[ox.Triple], bool]:
    out: list[ox.Triple] = []
    for t in triples:
        if cancel.is_set():
            raise Cancelled()
        if cap is not None and len(out) >= cap:
            return out, True
        out.append(t)
    return out, False


def _cap_headers(truncated: bool, cap: int) -> dict[str, str]:
    headers = {TRUNCATED_HEADER: "true" if truncated else "false"}
    if truncated:
        headers[MAX_RESULTS_HEADER] = str(cap)
    return headers


def negotiate(offered: tuple[Format, ...], accept: str | None, format_param: list[str]) -> Format:
    """The format to answer in, or HttpError 406 (none acceptable) / 400 (an unknown format= value)."""
    try:
        return choose(offered, accept, format_param)
    except NotAcceptable as exc:
        raise HttpError(406, str(exc)) from None
    except BadFormat as exc:
        raise HttpError(400, str(exc)) from None


def _detached(exc: BaseException) -> BaseException:
    """The exception with the locals of its frames dropped here, in the worker thread.

    pyoxigraph's result iterators may only be dropped on the thread that made them; a traceback that
    travels to the event loop would otherwise keep them alive and drop them there.
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if current.__traceback__ is not None:
            traceback.clear_frames(current.__traceback__)
        current = current.__cause__ or current.__context__
    return exc


# --- waiting for a slot ----------------------------------------------------------------------------------
class WaitQueue:
    """At most `slots` holders at once; up to `capacity` more requests wait in line (first come, first
    served) until their deadline; past that a request is refused at once with 503 and Retry-After.

    Used from the event loop only (release from other threads through `loop.call_soon_threadsafe`).
    """

    def __init__(self, slots: int, capacity: int):
        self.free = slots
        self.capacity = capacity
        self.waiters: collections.deque[asyncio.Future[None]] = collections.deque()

    async def acquire(self, deadline: float | None, what: str = "query") -> None:
        """Take a slot, waiting in line until `deadline` (loop time; None: no limit); HttpError 503 if not."""
        if self.free > 0 and not self.waiters:
            self.free -= 1
            return
        if len(self.waiters) >= self.capacity:
            raise HttpError(503, f"the server is busy: {len(self.waiters)} requests are already waiting; "
                                 "try again shortly", {"Retry-After": "2"})
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        self.waiters.append(waiter)
        try:
            if deadline is None:
                await waiter
            else:
                await asyncio.wait_for(asyncio.shield(waiter), max(0.0, deadline - loop.time()))
        except (TimeoutError, asyncio.CancelledError) as exc:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the slot came just as we gave up: pass it on
            else:
                waiter.cancel()
            with contextlib.suppress(ValueError):
                self.waiters.remove(waiter)
            if isinstance(exc, TimeoutError):
                raise HttpError(503, f"the server is busy: the {what} waited its whole time limit for a free "
                                     "worker; try again shortly", {"Retry-After": "5"}) from None
            raise

    def release(self) -> None:
        """Give a slot back: to the first one waiting, else to the pool."""
        while self.waiters:
            waiter = self.waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
        self.free += 1


# --- worker threads (a store in memory) -------------------------------------------------------------------
class QueryRunner:
    """Runs blocking store work in daemon threads: at most `max_running` at once, more wait in line (at
    most `queue`), each bounded in time.

    This is how a store in memory is served (it cannot be shared with worker processes, pool.py): a
    thread cannot be stopped, so a query past its time limit is abandoned to finish in the background,
    still holding its slot. `spinekg serve` serves an on-disk store with worker processes instead.
    """

    def __init__(self, timeout: float, max_running: int, queue: int = 256):
        self.timeout = timeout
        self.max_running = max_running
        self._queue = WaitQueue(max_running, queue)

    async def run(self, work: Callable[[threading.Event], _T], *, timeout: float | bool | None = True,
                  what: str = "query") -> _T:
        """Run `work(cancel_event)` in a worker; timeout=True means the configured limit, None means none."""
        limit = self.timeout if timeout is True else timeout
        loop = asyncio.get_running_loop()
        deadline = None if limit is None else loop.time() + limit
        await self._queue.acquire(deadline, what)
        future: asyncio.Future[_T] = loop.create_future()
        cancel = threading.Event()

        def deliver(ok: bool, value: Any) -> None:
            self._queue.release()
            if future.done() or cancel.is_set():
                return
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)

        def worker() -> None:
            value: _T | BaseException
            try:
                value, ok = work(cancel), True
            except BaseException as exc:  # handed to the waiting request
                value, ok = _detached(exc), False
            with contextlib.suppress(RuntimeError):  # the event loop is closed: the server is shutting down
                loop.call_soon_threadsafe(deliver, ok, value)

        threading.Thread(target=worker, name=f"spinekg-{what}", daemon=True).start()
        try:
            if deadline is None:
                return await asyncio.shield(future)
            return await asyncio.wait_for(asyncio.shield(future), max(0.0, deadline - loop.time()))
        except TimeoutError:
            cancel.set()
            raise HttpError(503, f"the {what} took longer than the {limit:g}-second limit and was abandoned "
                                 "(the server's --timeout); narrow it down, e.g. with LIMIT or more specific "
                                 "patterns") from None
        except asyncio.CancelledError:  # the client went away
            cancel.set()
            raise

    def invalidate(self) -> None:
        """Nothing to do: threads read the live store."""

    def close(self) -> None:
        """Nothing to release."""
