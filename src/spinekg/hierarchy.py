"""The ontology's class and property hierarchy (subclass, subproperty, inverse, transitive), closed once.

Shared by the reasoner (to entail supertypes) and the construct analysis (to know an implant's kind),
so neither needs the other.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rdflib import URIRef

from .data import ontology_graph
from .vocab import OWL, RDF, RDFS


@dataclass(frozen=True)
class Schema:
    """Precomputed closures of the ontology's class and property axioms (IRIs as plain strings)."""

    supers: dict[str, frozenset[str]]       # class -> all named superclasses (excluding itself)
    superprops: dict[str, frozenset[str]]   # property -> all superproperties
    inverses: dict[str, frozenset[str]]     # property -> its inverses
    transitive: frozenset[str]


def _closure(edges: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for start in edges:
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            x = todo.pop()
            if x not in seen and x != start:
                seen.add(x)
                todo.extend(edges.get(x, ()))
        out[start] = frozenset(seen)
    return out


@lru_cache(maxsize=1)
def schema() -> Schema:
    """The ontology's axiom closures (computed once per process)."""
    g = ontology_graph()
    sub: dict[str, set[str]] = defaultdict(set)
    for s, o in g.subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            sub[str(s)].add(str(o))
    for s, o in g.subject_objects(OWL.equivalentClass):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            sub[str(s)].add(str(o))
            sub[str(o)].add(str(s))
    subp: dict[str, set[str]] = defaultdict(set)
    for s, o in g.subject_objects(RDFS.subPropertyOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            subp[str(s)].add(str(o))
    inv: dict[str, set[str]] = defaultdict(set)
    for s, o in g.subject_objects(OWL.inverseOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            inv[str(s)].add(str(o))
            inv[str(o)].add(str(s))
    trans = frozenset(str(s) for s in g.subjects(RDF.type, OWL.TransitiveProperty) if isinstance(s, URIRef))
    return Schema(_closure(sub), _closure(subp), {k: frozenset(v) for k, v in inv.items()}, trans)
