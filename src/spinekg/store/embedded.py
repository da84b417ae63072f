"""The embedded store: pyoxigraph on disk or in memory, with atomic replacement of named graphs."""
from __future__ import annotations

import atexit
import contextlib
import gc
import logging
import threading
import weakref
from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..vocab import PREFIXES
from . import generations
from .batch import EmbeddedBatch
from .errors import StoreError

log = logging.getLogger("spinekg.store")


def one_line(exc: BaseException, limit: int = 160) -> str:
    """A parser message on one line, without the long list of expected characters."""
    text = " ".join(str(exc).split())
    if "expected one of" in text:
        head, expected = text.split("expected one of", 1)
        if "Prefix not found" in expected:
            text = head + "undeclared prefix"
        elif len(expected) <= 60:
            text = head + "expected one of" + expected
        else:
            text = head + "unexpected input"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _nt(data: Graph | str | None) -> str:
    """A graph's triples as N-Triples text (text as it is; None: no triples)."""
    return data if isinstance(data, str) else data.serialize(format="nt") if data is not None else ""


# Functions an update calls to get row i's subject, predicate and object as terms (see replace_graphs).
_S, _P, _O = (ox.NamedNode(f"urn:spinekg:bound:{x}") for x in ("subject", "predicate", "object"))


def _bound_terms(*columns: list) -> dict:
    def column(values: list):
        return lambda row: values[int(row.value)]

    return {name: column(values) for name, values in zip((_S, _P, _O), columns, strict=False)}


def graph_node(name: str) -> ox.NamedNode:
    """A graph name as a checked IRI, or StoreError."""
    try:
        return ox.NamedNode(name)
    except (ValueError, TypeError):
        raise StoreError(f"not a valid graph IRI: {name!r}") from None


class EmbeddedStore:
    """A pyoxigraph store (on disk when given a path, else in memory)."""

    def __init__(self, path: str | Path | None = None):
        self.path = Path(path) if path is not None else None
        self._lock: int | None = None
        self._writing = threading.Lock()  # replace_graphs' check that its graphs are new holds until it writes
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._lock = generations.lock(self.path)
                if self._lock is None:
                    from .marker import in_use_message

                    raise StoreError(in_use_message(self.path))
                try:
                    self._store = _open_database(self.path)
                except BaseException:
                    generations.unlock(self._lock)
                    self._lock = None
                    raise
                generations.mark_open(self.path)
                atexit.register(_close_at_exit, weakref.ref(self))
        except OSError as exc:
            if "LOCK" in str(exc):  # RocksDB's lock: another process has the store open
                from .marker import in_use_message

                raise StoreError(in_use_message(self.path)) from None  # type: ignore[arg-type]
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        return self._store

    def replace_graphs(self, graphs: Mapping[str, Graph | str | None]) -> None:
        """Atomically replace each named graph with the given triples (an rdflib Graph or N-Triples text; None drops it).

        The data never becomes SPARQL text: each graph's triples are parsed strictly (an invalid IRI or
        literal is a StoreError and nothing is written), then one update drops the old graphs and inserts
        the new triples in a single transaction. The update names only the graph IRIs (checked) and row
        numbers; each row's terms come in as typed RDF terms through functions bound to the update, the
        way query parameters are bound (see `_bound_terms`). When none of the graphs exists yet (a new
        case), their triples are added in one transaction without an update.
        """
        with self._writing:
            if graphs and all(data is not None for data in graphs.values()) and not any(
                    self._store.contains_named_graph(graph_node(name)) for name in graphs):
                self._add_new_graphs(graphs)
            else:
                self._replace_graphs(graphs)

    def _add_new_graphs(self, graphs: Mapping[str, Graph | str | None]) -> None:
        """Graphs the store does not hold yet (a new case): their quads added in one transaction, no update."""
        quads: list[ox.Quad] = []
        for name, data in graphs.items():
            target = graph_node(name)
            text = _nt(data)
            quads += (ox.Quad(t.subject, t.predicate, t.object, target) for t in parse_strict(name, text))
        self._store.extend(quads)  # transactional: all of them or none

    def _replace_graphs(self, graphs: Mapping[str, Graph | str | None]) -> None:
        ops: list[str] = []
        subjects: list[object] = []
        predicates: list[object] = []
        objects: list[object] = []
        for name, data in graphs.items():
            target = graph_node(name)
            ops.append(f"DROP SILENT GRAPH {target}")
            text = _nt(data)
            if not text.strip():
                continue
            start = len(subjects)
            for q in parse_strict(name, text):
                subjects.append(q.subject)
                predicates.append(q.predicate)
                objects.append(q.object)
            if len(subjects) > start:
                rows = " ".join(map(str, range(start, len(subjects))))
                ops.append(f"INSERT {{ GRAPH {target} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?row {{ {rows} }} "
                           f"BIND ({_S}(?row) AS ?s) BIND ({_P}(?row) AS ?p) BIND ({_O}(?row) AS ?o) }}")
        if ops:
            self._store.update(" ;\n".join(ops), custom_functions=_bound_terms(subjects, predicates, objects))

    def batch(self) -> EmbeddedBatch:
        """A batch of graph replacements committed in one step; memory stays bounded on disk (batch.py)."""
        return EmbeddedBatch(self)

    def new_generation(self) -> Path:
        """A copy of the current database (hard links) in a new folder, for a batch to write into."""
        assert self.path is not None
        target = generations.next_generation(self.path)
        try:
            self._store.backup(str(target))
        except OSError as exc:
            generations.remove((target,))
            raise StoreError(f"cannot stage a batch beside the store at {self.path}: {exc}") from None
        return target

    def switch_to(self, database: Path) -> None:
        """Make a staged database current (the commit of a batch) and remove the one it replaces."""
        assert self.path is not None
        generations.make_current(self.path, database)  # from here on the batch is in the store
        self._release()
        self._store = ox.Store(str(database))
        generations.remove(generations.leftovers(self.path).folders)

    def drop_graphs(self, names: Iterable[str]) -> None:
        """Atomically drop named graphs."""
        self.replace_graphs(dict.fromkeys(names))

    def has_graph(self, name: str) -> bool:
        return self._store.contains_named_graph(graph_node(name))

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, name: str) -> Graph:
        """The triples of one named graph as an rdflib Graph."""
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph_node(name))
        g = Graph()
        if data:
            g.parse(data=data.decode("utf-8"), format="nt")
        return g

    def graph_nt(self, name: str) -> str:
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph_node(name))
        return data.decode("utf-8") if data else ""

    def query(self, sparql: str, *, union: bool = True, substitutions: dict | None = None,
              default_graph: list[str] | None = None):
        """Run a SPARQL query (over the union of all graphs by default)."""
        kwargs: dict = {"prefixes": PREFIXES}
        if default_graph is not None:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graph]
        else:
            kwargs["use_default_graph_as_union"] = union
        if substitutions:
            kwargs["substitutions"] = {ox.Variable(k): v for k, v in substitutions.items()}
        try:
            return self._store.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {one_line(exc)}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise StoreError(f"query failed: {exc}") from None

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {one_line(exc)}") from None

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Flush and release the store (its on-disk lock goes with the last reference)."""
        if getattr(self, "_store", None) is not None:
            self.flush()
            self._release()
            if self.path is not None:
                generations.mark_closed(self.path)
            if self._lock is not None:
                generations.unlock(self._lock)
                self._lock = None

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    def _release(self) -> None:
        del self._store
        self._store = None  # type: ignore[assignment]
        gc.collect()


def _close_at_exit(ref: weakref.ref[EmbeddedStore]) -> None:
    store = ref()
    if store is not None:
        store.close()


def parse_strict(name: str, text: str) -> list[ox.Triple]:
    """The triples of N-Triples text meant for graph `name`, or StoreError (nothing of it is written)."""
    try:
        return [q.triple for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as exc:
        raise StoreError(f"refused to write graph <{name}>: invalid RDF ({one_line(exc)})") from None


def _open_database(folder: Path) -> ox.Store:
    """The store folder's current database, after removing what an unclean stop left (said in the log)."""
    found = generations.leftovers(folder)
    if found.stopped_pid is not None or found.folders:
        why = (f"process {found.stopped_pid} stopped without closing it" if found.stopped_pid is not None
               else "a batch was stopped before it was committed")
        log.warning("recovering the store at %s: %s", folder, why)
        if found.folders:
            log.warning("removing %d unfinished or replaced database(s) (%.1f MB); the store keeps its last "
                        "committed state", len(found.folders), found.size / 1e6)
            generations.remove(found.folders)
    database = generations.current(folder)
    wal = generations.log_size(database)
    if found.stopped_pid is None or wal < 1e6:
        return ox.Store(str(database))
    log.warning("replaying %.0f MB of write-ahead log", wal / 1e6)
    return _open_watched(database)


def _open_watched(database: Path) -> ox.Store:
    """Open a database while saying, every few seconds, how long it has been opening."""
    import threading
    import time

    done = threading.Event()
    start = time.monotonic()

    def tell() -> None:
        while not done.wait(5):
            log.warning("still opening the store (%.0f s)", time.monotonic() - start)

    watcher = threading.Thread(target=tell, daemon=True)
    watcher.start()
    try:
        return ox.Store(str(database))
    finally:
        done.set()
        log.warning("store opened in %.1f s", time.monotonic() - start)
