"""A query worker process: runs read jobs on a read-only snapshot of the store, one at a time.

The server (pool.py) starts workers as ``python -m spinekg.server.worker READ_FD WRITE_FD`` and talks to
each over two pipes: it sends ``(snapshot_path, job)`` and gets back ``("ok", Outcome)`` or
``("error", status, message, headers)``. A worker holds nothing the server needs, so a query past its
time limit or over its memory limit is stopped by killing the worker, which frees its CPU and memory at
once; the server starts another. Jobs (tuples, see `execute_job`):

  ("query", text, default_graphs, named_graphs, accept, format_param, max_results, checked)
      a SPARQL query; unless `checked` (the named queries: library text with typed terms bound), its text
      is first parsed for what it does (sparql_check.py): SERVICE is refused
  ("graph", graph_iri_or_None, accept, format_param)    a Graph Store Protocol read
  ("check-update", text)                                parse an update for LOAD / SERVICE (no store needed)
  ("ping",)                                             answers ("ok", None) once the worker is ready
"""
from __future__ import annotations

import contextlib
import gc
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

import pyoxigraph as ox

from ..vocab import PREFIXES
from .execution import (
    Cancelled,
    Dataset,
    HttpError,
    Outcome,
    collect,
    negotiate,
    query_outcome,
    serialize_triples,
    syntax_message,
)
from .negotiation import GRAPH_FORMATS
from .sparql_check import RequestRefused, Unreadable, check_query, check_update

_NEVER = threading.Event()  # a worker is stopped by being killed, not by a flag


def execute_job(store: ox.Store | None, job: tuple, cancel: threading.Event = _NEVER) -> Outcome | None:
    """Run one job (see the module's docstring) and return its response; HttpError for a request error.

    In a worker process `cancel` is never set (the process is killed instead); the server's threads, which
    serve a store in memory, pass the event that their time limit sets.
    """
    kind = job[0]
    try:
        if kind == "ping":  # warm up: the parser that checks requests is loaded before the first one
            check_query("ASK {}")
            return None
        if kind == "check-update":
            check_update(job[1])
            return None
        if store is None:
            raise HttpError(500, "no store is open")
        if kind == "query":
            _, text, default_graphs, named_graphs, accept, format_param, cap, checked = job
            own_dataset = False if checked else check_query(text).dataset
            dataset = Dataset(tuple(default_graphs), tuple(named_graphs))
            return query_outcome(store, text, dataset, accept, list(format_param), cap, cancel,
                                 own_dataset=own_dataset)
        if kind == "graph":
            _, iri, accept, format_param = job
            return graph_outcome(store, iri, accept, list(format_param), cancel)
    except Unreadable as exc:
        raise HttpError(400, _syntax_error(job, str(exc))) from None
    except RequestRefused as exc:
        raise HttpError(400, str(exc)) from None
    raise HttpError(500, f"unknown job {kind!r}")


def _syntax_error(job: tuple, fallback: str) -> str:
    """Oxigraph's message for a request rdflib could not parse (it names the position and what it expected),
    got by parsing on an empty store without running anything; rdflib's own message if Oxigraph accepts it."""
    empty = ox.Store()
    try:
        if job[0] == "query":
            empty.query(job[1], prefixes=PREFIXES)  # parsed, not iterated: nothing is evaluated
        return f"{fallback} (the server checks every request with this parser before running it)"
    except SyntaxError as exc:
        return f"SPARQL syntax error: {syntax_message(exc)}"
    except (OSError, ValueError, TypeError, RuntimeError):
        return fallback


def graph_outcome(store: ox.Store, iri: str | None, accept: str | None, format_param: list[str],
                  cancel: threading.Event) -> Outcome:
    """A Graph Store Protocol read: a named graph, or the union of all graphs (each triple once)."""
    fmt = negotiate(GRAPH_FORMATS, accept, format_param)
    node = ox.NamedNode(iri) if iri is not None else None
    if node is not None and not store.contains_named_graph(node):
        raise HttpError(404, f"no graph <{iri}> in the store")
    triples, _ = collect((q.triple for q in store.quads_for_pattern(None, None, None, node)), None, cancel)
    if node is None:
        triples = list(dict.fromkeys(triples))
    if cancel.is_set():
        raise Cancelled()
    return Outcome(serialize_triples(triples, fmt), fmt.content_type)


def main(argv: list[str]) -> None:
    """Serve jobs from the server until it closes the pipe (or kills this process).

    argv: READ_FD WRITE_FD [ADDRESS_SPACE_MB]; the last is a hard cap on this process's address space, a
    backstop to the server's watch on its resident memory (an allocation past it fails, ending the worker).
    """
    inbox = Connection(int(argv[1]), writable=False)
    outbox = Connection(int(argv[2]), readable=False)
    if len(argv) > 3:
        import resource

        cap = int(argv[3]) * 1024 * 1024
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    store: ox.Store | None = None
    opened: str | None = None
    while True:
        try:
            message = inbox.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        snapshot, job = message
        reply: tuple[Any, ...]
        try:
            if snapshot is not None and snapshot != opened:
                store = None
                gc.collect()  # closes the previous snapshot
                store = ox.Store.read_only(snapshot)
                opened = snapshot
            reply = ("ok", execute_job(store, job))
        except HttpError as exc:
            reply = ("error", exc.status, exc.message, exc.headers)
        except Exception as exc:  # reported to the server, which logs it
            reply = ("error", 500, f"the query failed: {' '.join(str(exc).split())[:300]}", {})
        try:
            outbox.send(reply)
        except (BrokenPipeError, OSError):
            return


if __name__ == "__main__":
    main(sys.argv)
