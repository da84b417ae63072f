"""The embedded store: pyoxigraph on disk or in memory, with atomic replacement of named graphs."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..vocab import PREFIXES
from ..errors import SpinekgError


def _one_line(exc: BaseException, limit: int = 160) -> str:
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


class StoreError(SpinekgError):
    """Raised when the store cannot be opened or a query cannot run."""


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt")


# Functions an update calls to get row i's subject, predicate and object as terms (see replace_graphs).
_S, _P, _O = (ox.NamedNode(f"urn:spinekg:bound:{x}") for x in ("subject", "predicate", "object"))


def _bound_terms(*columns: list) -> dict:
    def column(values: list):
        return lambda row: values[int(row.value)]

    return {name: column(values) for name, values in zip((_S, _P, _O), columns)}


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
        try:
            if self.path is None:
                self._store = ox.Store()
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(self.path))
        except OSError as exc:
            if "LOCK" in str(exc):  # RocksDB's lock: another process has the store open
                from .marker import in_use_message

                raise StoreError(in_use_message(self.path)) from None
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
        way query parameters are bound (see `_bound_terms`).
        """
        ops: list[str] = []
        subjects: list[ox.NamedNode | ox.BlankNode] = []
        predicates: list[ox.NamedNode] = []
        objects: list[ox.Term] = []
        for name, data in graphs.items():
            target = graph_node(name)
            ops.append(f"DROP SILENT GRAPH {target}")
            text = data if isinstance(data, str) else _nt(data) if data is not None else ""
            if not text.strip():
                continue
            start = len(subjects)
            try:
                for q in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
                    subjects.append(q.subject)
                    predicates.append(q.predicate)
                    objects.append(q.object)
            except SyntaxError as exc:
                raise StoreError(f"refused to write graph <{name}>: invalid RDF ({_one_line(exc)})") from None
            if len(subjects) > start:
                rows = " ".join(map(str, range(start, len(subjects))))
                ops.append(f"INSERT {{ GRAPH {target} {{ ?s ?p ?o }} }} WHERE {{ VALUES ?row {{ {rows} }} "
                           f"BIND ({_S}(?row) AS ?s) BIND ({_P}(?row) AS ?p) BIND ({_O}(?row) AS ?o) }}")
        if ops:
            self._store.update(" ;\n".join(ops), custom_functions=_bound_terms(subjects, predicates, objects))

    def drop_graphs(self, names: Iterable[str]) -> None:
        """Atomically drop named graphs."""
        self.replace_graphs({n: None for n in names})

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
            raise StoreError(f"SPARQL syntax error: {_one_line(exc)}") from None
        except (OSError, RuntimeError, ValueError) as exc:
            raise StoreError(f"query failed: {exc}") from None

    def update(self, sparql: str) -> None:
        try:
            self._store.update(sparql, prefixes=PREFIXES)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {_one_line(exc)}") from None

    def flush(self) -> None:
        if self.path is not None:
            self._store.flush()

    def close(self) -> None:
        """Flush and release the store (its on-disk lock goes with the last reference)."""
        if getattr(self, "_store", None) is not None:
            self.flush()
            del self._store
            self._store = None  # type: ignore[assignment]
            import gc

            gc.collect()
