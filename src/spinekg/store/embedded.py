"""The embedded store: pyoxigraph on disk or in memory, with atomic replacement of named graphs."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ..vocab import PREFIXES


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


class StoreError(Exception):
    """Raised when the store cannot be opened or a query cannot run."""


def _nt(graph: Graph) -> str:
    return graph.serialize(format="nt")


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
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store."""
        return self._store

    def replace_graphs(self, graphs: Mapping[str, Graph | str | None]) -> None:
        """Atomically replace each named graph with the given triples (an rdflib Graph or N-Triples text; None drops it)."""
        parts = []
        for name, graph in graphs.items():
            parts.append(f"DROP SILENT GRAPH <{name}>")
            text = graph if isinstance(graph, str) else _nt(graph) if graph is not None else ""
            if text.strip():
                parts.append(f"INSERT DATA {{ GRAPH <{name}> {{\n{text}\n}} }}")
        if parts:
            self._store.update(" ;\n".join(parts))

    def drop_graphs(self, names: Iterable[str]) -> None:
        """Atomically drop named graphs."""
        self.replace_graphs({n: None for n in names})

    def has_graph(self, name: str) -> bool:
        return self._store.contains_named_graph(ox.NamedNode(name))

    def graph_names(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs() if isinstance(g, ox.NamedNode))

    def graph(self, name: str) -> Graph:
        """The triples of one named graph as an rdflib Graph."""
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        g = Graph()
        if data:
            g.parse(data=data.decode("utf-8"), format="nt")
        return g

    def graph_nt(self, name: str) -> str:
        data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
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
