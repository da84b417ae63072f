"""SHACL validation of case graphs, turned into one clear message per problem."""
from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from .cases.errors import Problem
from .cases.loader import LoadedCase
from .data import ontology_graph, shapes_graph
from .ntriples import from_rdflib, lines, split
from .vocab import BASE, RDF, RDFS, case_iri


def _short(node: object, case_prefix: str | None) -> str:
    text = str(node)
    if case_prefix and text.startswith(case_prefix):
        return text[len(case_prefix):].lstrip("/") or "case"
    if text.startswith(BASE):
        return "skg:" + text[len(BASE):]
    return text


@lru_cache(maxsize=1)
def class_hierarchy() -> Graph:
    """The ontology's named rdfs:subClassOf edges."""
    out = Graph()
    for s, o in ontology_graph().subject_objects(RDFS.subClassOf):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            out.add((s, RDFS.subClassOf, o))
    return out


@lru_cache(maxsize=4096)
def _superclass_edges(classes: frozenset) -> tuple:
    """The rdfs:subClassOf edges on the way up from these classes (what sh:class needs of the ontology)."""
    h = class_hierarchy()
    edges, todo, seen = [], list(classes), set()
    while todo:
        c = todo.pop()
        if c in seen:
            continue
        seen.add(c)
        for sup in h.objects(c, RDFS.subClassOf):
            edges.append((c, RDFS.subClassOf, sup))
            todo.append(sup)
    return tuple(edges)


_SHAPES_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _shapes():
    """The shapes, harvested once by pyshacl (reused by every validation)."""
    from pyshacl.shapes_graph import ShapesGraph

    g = Graph()
    g += shapes_graph()  # pyshacl adds its own system triples to the graph it is given
    sg = ShapesGraph(g)
    _ = sg.shapes
    return sg


def _validate(data: Graph) -> tuple[bool, Graph]:
    from pyshacl import Validator  # heavy import, only when validating
    from pyshacl.graph_abstraction import DataGraph

    options = {"inference": "none", "inplace": True, "abort_on_first": False, "allow_warnings": True,
               "advanced": False}
    v = Validator(DataGraph.from_rdflib(data), shacl_graph=Graph(), options=options)
    v.shacl_graph = _shapes()  # the shapes are read once, not per case
    with _SHAPES_LOCK:  # pyshacl's shape objects were not written to be shared between threads
        conforms, report, _ = v.run()
    return conforms, report


def case_problems(loaded: LoadedCase) -> list[Problem]:
    """The SHACL problems of a case read from a file or text (empty when valid): the compiled checks
    (spinekg.shacl_check) pass a valid case at once; any other goes to pyshacl for the report."""
    from .shacl_check import packaged_shapes

    check = packaged_shapes()
    if check is not None:
        if loaded.case is not None:  # YAML or JSON: the case writer's N-Triples are its graph
            triples: Iterable[tuple[str, str, str]] = (split(x) for x in lines(loaded.ntriples))
        else:  # Turtle: its own graph (blank nodes kept)
            triples = ((from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in loaded.graph)
        if check.conforms(triples):
            return []
    return shacl_problems(loaded.graph, loaded.source, case_iri(loaded.case_id))


def shacl_problems(graph: Graph, source: str, case_prefix: str | None = None) -> list[Problem]:
    """Validate a case graph against the shapes; return one Problem per violation (empty when valid)."""
    data = Graph()
    data += graph
    # so that sh:class sees subclasses: only the ontology's subclass edges above the classes used
    for t in _superclass_edges(frozenset(o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef))):
        data.add(t)
    conforms, report = _validate(data)
    if conforms:
        return []
    problems = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        severity = report.value(result, SH.resultSeverity)
        if severity is not None and severity != SH.Violation:
            continue
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        message = report.value(result, SH.resultMessage)
        where = _short(focus, case_prefix)
        if isinstance(focus, BNode):  # name an anonymous node by the property that leads to it
            link = next(iter(graph.subject_predicates(focus)), None)
            if link is not None:
                where = f"{_short(link[0], case_prefix)}.{_short(link[1], None)}"
        if isinstance(path, URIRef):
            where += f".{_short(path, None)}"
        text = str(message) if message is not None else "violates a shape"
        if value is not None and value != focus:
            text = f"{_short(value, case_prefix)}: {text}"
        problems.append(Problem(source, where, text))
    # Two shapes may catch the same bad value (e.g. a negative length): report it once.
    unique: dict[tuple[str, str], Problem] = {}
    for p in sorted(problems, key=lambda p: (p.path, p.message)):
        unique.setdefault((p.path, p.message.split(":", 1)[0] if ": " in p.message else p.message), p)
    return list(unique.values())
