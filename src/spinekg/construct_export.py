"""The construct graph exported for other tools: GraphML or node-link JSON (networkx's writers)."""
from __future__ import annotations

import io
import json

import networkx as nx


def _scalar_graph(G: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes (lists joined by spaces, None dropped), as GraphML needs."""
    H: nx.Graph[str] = nx.Graph()
    H.graph.update({k: v for k, v in G.graph.items() if v is not None})

    def clean(d: dict) -> dict:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            out[k] = " ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v
        return out

    for n, d in G.nodes(data=True):
        H.add_node(n, **clean(d))
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, **clean(d))
    return H


def export(G: nx.Graph, fmt: str) -> str:
    """A construct graph (``ConstructAnalysis.graph``) as GraphML ('graphml') or node-link JSON ('json')."""
    fmt = fmt.lower()
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(_scalar_graph(G), buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue().decode("utf-8").rstrip("\n") + "\n"
    if fmt == "json":
        try:
            data = nx.node_link_data(G, edges="links")
        except TypeError:  # networkx < 3.4
            data = nx.node_link_data(G)
        return json.dumps(data, indent=1, sort_keys=True, default=str) + "\n"
    raise ValueError(f"unknown export format '{fmt}': use graphml or json")

