"""The ontology axioms rules and queries need (subclass, subproperty, inverse, transitive), applied to case facts."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import URIRef

from ..data import ontology_graph
from ..vocab import OWL, RDF, RDFS

RDF_TYPE = ox.NamedNode(str(RDF.type))


@dataclass(frozen=True)
class Schema:
    """Precomputed closures of the ontology's class and property axioms."""

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


def entailments(triples: Iterable[ox.Triple], known: set[ox.Triple]) -> set[ox.Triple]:
    """The triples the axioms add to `known` ∪ `triples` (new ones only), to a fixpoint."""
    sc = schema()
    todo = list(triples)
    new: set[ox.Triple] = set()
    by_prop: dict[str, set[tuple]] = defaultdict(set)
    for t in known:
        if t.predicate.value in sc.transitive:
            by_prop[t.predicate.value].add((t.subject, t.object))
    while todo:
        t = todo.pop()
        p = t.predicate.value
        derived: list[ox.Triple] = []
        if t.predicate == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            derived += [ox.Triple(t.subject, RDF_TYPE, ox.NamedNode(c)) for c in sc.supers.get(t.object.value, ())]
        derived += [ox.Triple(t.subject, ox.NamedNode(q), t.object) for q in sc.superprops.get(p, ())]
        if not isinstance(t.object, ox.Literal):
            derived += [ox.Triple(t.object, ox.NamedNode(q), t.subject) for q in sc.inverses.get(p, ())]  # type: ignore[arg-type]
        if p in sc.transitive:
            pairs = by_prop[p]
            pairs.add((t.subject, t.object))
            derived += [ox.Triple(t.subject, t.predicate, o2) for (s2, o2) in list(pairs) if s2 == t.object]
            derived += [ox.Triple(s0, t.predicate, t.object) for (s0, o0) in list(pairs) if o0 == t.subject]
        for d in derived:
            if d not in known and d not in new:
                new.add(d)
                todo.append(d)
    return new
