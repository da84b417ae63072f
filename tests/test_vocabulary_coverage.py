"""Every skg: term that rules, the knowledge base and the case writer use is declared in the ontology."""
from __future__ import annotations

import re

from rdflib import URIRef

from spinekg.data import literature_graph, ontology_graph, parameters_graph, resource
from spinekg.vocab import BASE

# IRIs under these paths are data (cases, publications, figures, rules, parameters, graphs), not terms.
DATA_PATHS = ("case/", "pub/", "figure/", "rule/", "parameter/", "graph/", "shapes-")


def _declared() -> set[str]:
    return {str(s) for s in ontology_graph().subjects() if isinstance(s, URIRef) and str(s).startswith(BASE)}


def _terms_in_text(text: str) -> set[str]:
    local = set(re.findall(r"\bskg:([A-Za-z][A-Za-z0-9_]*)\b(?![/-])", text))
    full = set(re.findall(re.escape(BASE) + r"([A-Za-z][A-Za-z0-9_/.-]*)", text))
    return {BASE + t for t in local | full if not t.startswith(DATA_PATHS)}


def test_rules_use_only_declared_terms():
    declared = _declared()
    for f in resource("rules").iterdir():
        if f.name.endswith(".rq"):
            missing = sorted(_terms_in_text(f.read_text(encoding="utf-8")) - declared)
            assert not missing, f"rules/{f.name} uses undeclared terms: {missing}"


def test_knowledge_base_uses_only_declared_terms():
    declared = _declared()
    for g in (literature_graph(), parameters_graph()):
        used = {str(t) for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(BASE)}
        used = {u for u in used if not u[len(BASE):].startswith(DATA_PATHS)}
        assert not sorted(used - declared), f"undeclared terms: {sorted(used - declared)}"


def test_case_writer_uses_only_declared_terms():
    from importlib.resources import as_file

    from spinekg.cases import read_case
    from spinekg.data import example_case_files

    declared = _declared()
    for f in example_case_files():
        with as_file(f) as p:
            g = read_case(p).graph
        used = {str(t) for triple in g for t in triple if isinstance(t, URIRef) and str(t).startswith(BASE)}
        used = {u for u in used if not u[len(BASE):].startswith(DATA_PATHS)}
        assert not sorted(used - declared), f"{f.name}: undeclared terms: {sorted(used - declared)}"


def test_shapes_use_only_declared_terms():
    text = resource("ontology", "shapes.ttl").read_text(encoding="utf-8")
    missing = sorted(_terms_in_text(text) - _declared() - {BASE + "shapes-levels"})
    missing = [m for m in missing if not m.endswith("Shape")]
    assert not missing, f"shapes.ttl uses undeclared terms: {missing}"
