"""The construct graph's data structure: a small undirected graph of plain dicts.

It keeps what ``networkx.Graph`` keeps, in the same order (nodes and each node's neighbours in the
order they were added, one attribute dict per edge shared by both ends), without networkx's views,
which cost more than the analysis itself when thousands of cases are analysed. ``to_networkx()``
gives the same graph as a ``networkx.Graph`` (for the drawing, the exports and the tests), built in
the order the edges were first added, so its neighbour order is the one networkx would have.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

import networkx as nx


class PlainGraph:
    """Nodes with attribute dicts and undirected edges with attribute dicts (see the module docstring)."""

    __slots__ = ("adj", "attrs", "node", "order")

    def __init__(self, **attrs: object):
        self.attrs = attrs
        self.node: dict[str, dict] = {}
        self.adj: dict[str, dict[str, dict]] = {}
        self.order: list[tuple[str, str]] = []  # edges in the order they were first added

    def __contains__(self, key: object) -> bool:
        return key in self.node

    def add_node(self, key: str, **attrs: object) -> None:
        """Add a node, or update the attributes of one already there (as networkx does)."""
        d = self.node.get(key)
        if d is None:
            self.node[key] = d = {}
            self.adj[key] = {}
        d.update(attrs)

    def add_edge(self, u: str, v: str, **attrs: object) -> None:
        """Add an edge between two nodes already there, or update its attributes."""
        d = self.adj[u].get(v)
        if d is None:
            d = {}
            self.adj[u][v] = d
            self.adj[v][u] = d
            self.order.append((u, v))
        d.update(attrs)

    def has_edge(self, u: str, v: str) -> bool:
        return u in self.adj and v in self.adj[u]

    def edges(self) -> Iterator[tuple[str, str, dict]]:
        """Each edge once, with its attributes, in networkx's order for ``G.edges(data=True)``."""
        seen: set[str] = set()
        for n, nbrs in self.adj.items():
            for nbr, d in nbrs.items():
                if nbr not in seen:
                    yield n, nbr, d
            seen.add(n)

    def to_networkx(self) -> nx.Graph[str]:
        """The same graph as a networkx.Graph (attributes copied one level deep, as networkx does)."""
        G: nx.Graph[str] = nx.Graph()
        G.graph.update(self.attrs)
        G.add_nodes_from(self.node.items())
        for u, v in self.order:
            G.add_edge(u, v, **self.adj[u][v])
        return G


def components(adj: dict[str, set[str]], nodes: Iterable[str]) -> list[set[str]]:
    """The connected components of a graph given as {node: neighbours}, one per node of `nodes` first met."""
    seen: set[str] = set()
    out = []
    for start in nodes:
        if start in seen:
            continue
        comp = {start}
        todo = [start]
        while todo:
            x = todo.pop()
            for y in adj[x]:
                if y not in comp:
                    comp.add(y)
                    todo.append(y)
        seen |= comp
        out.append(comp)
    return out


__all__ = ["PlainGraph", "components"]
