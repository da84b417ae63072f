"""What a store is to the rest of spinekg: the named-graph operations the embedded and remote stores share."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from rdflib import Graph


@runtime_checkable
class Store(Protocol):
    """A store of named graphs with SPARQL 1.1 (EmbeddedStore: pyoxigraph; RemoteStore: a SPARQL server)."""

    path: Path | None

    def query(self, sparql: str, *, union: bool = True, substitutions: dict[str, Any] | None = None,
              default_graph: list[str] | None = None) -> Any:
        """Run a SPARQL query (over the union of all graphs by default)."""

    def update(self, sparql: str) -> None:
        """Run a SPARQL update."""

    def replace_graphs(self, graphs: Mapping[str, Graph | str | None]) -> None:
        """Replace each named graph with the given triples (None drops it), in one step."""

    def batch(self) -> Any:
        """A batch (store.batch.Batch): graphs written chunk by chunk, committed in one step or not at all."""

    def drop_graphs(self, names: Iterable[str]) -> None:
        """Drop named graphs, in one step."""

    def has_graph(self, name: str) -> bool:
        """Whether a named graph holds any triple."""

    def graph_names(self) -> list[str]:
        """The names of the graphs that hold triples."""

    def graph(self, name: str) -> Graph:
        """One named graph as an rdflib Graph."""

    def graph_nt(self, name: str) -> str:
        """One named graph as N-Triples text."""

    def flush(self) -> None:
        """Make what was written durable."""

    def close(self) -> None:
        """Release the store."""
