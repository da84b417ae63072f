"""HermiT (through owlready2) reaches the same memberships as the rule engine for the defined classes."""
from __future__ import annotations

from importlib.resources import as_file

import pytest

from spinekg import KnowledgeGraph
from spinekg.data import example_case_files
from spinekg.reasoning.owl_check import CROSSCHECKS, hermit_memberships, java_available

pytestmark = pytest.mark.skipif(not java_available(), reason="HermiT needs a Java runtime ('java' not on PATH)")


@pytest.fixture(scope="module")
def loaded() -> tuple[KnowledgeGraph, list[str]]:
    kg = KnowledgeGraph.memory()
    paths = []
    for f in example_case_files():
        with as_file(f) as p:
            paths.append(p)
    return kg, kg.load(paths)


@pytest.fixture(scope="module")
def hermit(loaded) -> dict[str, set[str]]:
    kg, ids = loaded
    return hermit_memberships([kg.case_graph(i) for i in ids], list(CROSSCHECKS))


@pytest.mark.parametrize("cls", list(CROSSCHECKS), ids=lambda c: c.rsplit("/", 1)[-1])
def test_hermit_and_rules_agree_on_all_example_cases(loaded, hermit, cls):
    kg, _ = loaded
    by_rules = {r["x"].value for r in kg.sparql(CROSSCHECKS[cls]).rows}
    assert by_rules, f"the example cases should exercise {cls}"
    assert hermit[cls] == by_rules


def test_the_cross_check_can_fail(loaded):
    """A case edited so that a rule would fire but the OWL definition would not is caught (sanity of the check)."""
    kg, ids = loaded
    graphs = [kg.case_graph(i) for i in ids]
    from spinekg.vocab import SKG

    # Drop every lucency width: HermiT then classifies no screw by width, while the rules (run before) did.
    for g in graphs:
        for s, _, o in list(g.triples((None, SKG.lucencyWidth, None))):
            g.remove((s, SKG.lucencyWidth, o))
    cls = "https://w3id.org/spinekg/ScrewWithLooseningSign"
    members = hermit_memberships(graphs, [cls])[cls]
    by_rules = {r["x"].value for r in kg.sparql(CROSSCHECKS[cls]).rows}
    assert members != by_rules
