"""SHACL validation of case graphs, turned into one clear message per problem."""
from __future__ import annotations

from functools import lru_cache

from rdflib import BNode, Graph, URIRef
from rdflib.namespace import SH

from .cases.errors import Problem
from .data import ontology_graph, shapes_graph
from .vocab import BASE, RDF, RDFS


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


def shacl_problems(graph: Graph, source: str, case_prefix: str | None = None) -> list[Problem]:
    """Validate a case graph against the shapes; return one Problem per violation (empty when valid)."""
    from pyshacl import validate  # heavy import, only when validating

    data = Graph()
    data += graph
    data += class_hierarchy()  # so sh:class sees subclasses; mixing in the whole ontology is far slower
    conforms, report, _ = validate(
        data, shacl_graph=shapes_graph(), inference="none",
        abort_on_first=False, allow_warnings=True, advanced=True,
    )
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
