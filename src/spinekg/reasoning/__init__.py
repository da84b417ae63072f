"""The reasoner: one set-at-a-time engine (engine.py), rule kinds (rules.py for SPARQL rules,
construct_rule.py for the construct analysis), drivers (drivers.py), explanations (explain.py)."""
from __future__ import annotations

from rdflib import Graph

from .drivers import reason_cases, reason_chunks
from .engine import CaseInput, Engine, ReasoningError, Stats, check_pretest


def reason_case_graph(case: Graph, case_id: str, *, pretest: float | None = None,
                      pretest_basis: str | None = None) -> Graph:
    """One case's inferred graph for its asserted rdflib Graph (a batch of one, through reason_cases)."""
    from ..cases.rdf_writer import graph_ntriples

    check_pretest(pretest)
    text = reason_cases([CaseInput(case_id, graph_ntriples(case, case_id), pretest, pretest_basis)])[case_id]
    g = Graph()
    if text:
        g.parse(data=text, format="nt")
    return g


__all__ = ["CaseInput", "Engine", "ReasoningError", "Stats", "check_pretest", "reason_case_graph", "reason_cases",
           "reason_chunks"]
