"""What the engine leaves out of its workspace, and what it remembers, changes no conclusion (issue 18).

The engine loads only the triples some rule reads (by predicate, or for rdf:type by class, or for a
rule that reads the class of a node only where the class has a property, the classes with it) and
remembers construct analyses per hardware shape. Here every inferred graph is compared with the one
of an engine that loads everything and remembers nothing, on the examples, synthetic cases and a case
that gives its own class a 'recorded only' reason; and the rule shapes say what they read.
"""
from __future__ import annotations

from importlib.resources import as_file

import networkx as nx
import pytest

from spinekg.cases import case_from_data, read_case
from spinekg.construct_graph import PlainGraph
from spinekg.data import example_case_files
from spinekg.ntriples import RDF_TYPE
from spinekg.reasoning import CaseInput, Engine
from spinekg.reasoning.construct_rule import ConstructRule
from spinekg.sparql import rule_shape
from spinekg.synth import synth_case
from spinekg.vocab import case_iri

SKG = "https://w3id.org/spinekg/"
REASON = f"<{SKG}recordedOnlyReason>"


def everything_engine() -> Engine:
    """An engine whose workspace holds every triple, which analyses every construct afresh and re-runs a
    rule whenever something it reads was added."""
    e = Engine(memo=False)
    e.reads = None
    e.triggers = dict.fromkeys(e.triggers)
    e.construct = ConstructRule(e.ax, memo=False, reads=None)
    return e


@pytest.fixture(scope="module")
def inputs():
    cases = []
    for f in example_case_files():
        with as_file(f) as path:
            lc = read_case(path)
        cases.append(CaseInput(lc.case_id, lc.ntriples))
    for i in range(150):
        lc = case_from_data(synth_case(i, seed=18), f"s{i}")
        cases.append(CaseInput(lc.case_id, lc.ntriples))
    return cases


def lines(text: str) -> list[str]:
    return sorted(text.splitlines())


def test_the_workspace_filter_and_the_memo_change_no_conclusion(inputs):
    fast = Engine().reason(inputs)
    full = everything_engine().reason(inputs)
    assert fast.keys() == full.keys()
    for cid in fast:
        assert lines(fast[cid]) == lines(full[cid]), cid
    assert Engine().reads is not None and RDF_TYPE not in Engine().reads  # not every class is loaded


def test_memo_hits_give_the_same_graph_as_a_fresh_analysis(inputs):
    e = Engine()
    first = e.reason(inputs)
    again = e.reason(inputs)  # every hardware shape is known now
    assert e.construct.hits >= len(inputs)
    assert {k: lines(v) for k, v in first.items()} == {k: lines(v) for k, v in again.items()}


def test_a_case_that_gives_its_own_class_a_reason_is_read_with_every_class(inputs):
    base = next(c for c in inputs if c.case_id == "example-rod-fracture")
    own = case_iri(base.case_id)
    implant = next(x.split(" ")[2] for x in base.ntriples.splitlines() if f" <{SKG}hasImplant> " in x)
    finding, kind = f"<{own}/finding/odd>", f"<{own}/kind/odd>"
    extra = (f"<{own}> <{SKG}hasFinding> {finding} .\n{finding} {RDF_TYPE} {kind} .\n"
             f"{finding} <{SKG}assertionStatus> <{SKG}Affirmed> .\n{finding} <{SKG}aboutImplant> {implant} .\n"
             f'{kind} {REASON} "a kind this registry only records" .\n')
    odd = CaseInput(base.case_id, base.ntriples + extra)
    e = Engine()
    assert REASON in e.type_keys
    fast = e.reason([odd])[odd.case_id]
    assert "a kind this registry only records" in fast.split(f"<{own}/finding/odd/not-interpreted> <{SKG}notInterpretedBecause> ", 1)[1]
    assert lines(fast) == lines(everything_engine().reason([odd])[odd.case_id])


def test_rule_shapes_say_which_classes_a_class_variable_reads():
    head = "PREFIX skg: <https://w3id.org/spinekg/> CONSTRUCT { ?f skg:x ?r } WHERE "
    keyed = rule_shape(head + "{ ?f a ?k . ?k skg:recordedOnlyReason ?r }", "keyed.rq")
    assert f"{RDF_TYPE}{REASON}" in keyed.reads and RDF_TYPE not in keyed.reads
    loose = rule_shape(head + "{ ?f a ?k . OPTIONAL { ?k skg:recordedOnlyReason ?r } }", "loose.rq")
    assert RDF_TYPE in loose.reads
    named = rule_shape(head + "{ ?f a ?k . FILTER (?k IN (skg:Rod, skg:Screw)) BIND (1 AS ?r) }", "named.rq")
    assert RDF_TYPE not in named.reads and f"<{SKG}Rod>" in named.reads


def test_the_plain_construct_graph_is_the_networkx_graph_in_the_same_order():
    g = PlainGraph(case="c")
    for n in "abcd":
        g.add_node(n, kind=n)
    g.add_edge("b", "a", kind="x")
    g.add_edge("a", "c", kind="y")
    g.add_edge("d", "b", kind="z")
    g.add_edge("a", "b", failed=True)  # an update, not a new edge
    G = g.to_networkx()
    H = nx.Graph(case="c")
    for n in "abcd":
        H.add_node(n, kind=n)
    H.add_edge("b", "a", kind="x")
    H.add_edge("a", "c", kind="y")
    H.add_edge("d", "b", kind="z")
    H.add_edge("a", "b", failed=True)
    assert list(G.edges(data=True)) == list(H.edges(data=True)) == list(g.edges())
    assert {n: list(G.neighbors(n)) for n in G} == {n: list(H.neighbors(n)) for n in H}
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True)) and G.graph == H.graph


def test_the_axiom_closure_is_complete_in_one_step():
    from spinekg.reasoning.axioms import Axioms, axioms

    ax = axioms()
    assert ax.one_step
    s, lit = "<urn:s>", '"1"'
    for cls in ax.supers:
        once = set(ax.closure(s, RDF_TYPE, cls))
        assert all(set(ax.closure(*t)) <= once | {(s, RDF_TYPE, cls)} for t in once), cls
    for p in ax.props:
        for o in ("<urn:o>", lit):
            once = set(ax.closure(s, p, o))
            assert all(set(ax.closure(*t)) <= once | {(s, p, o)} for t in once), p
    # a table where a superclass has a superclass of its own the first does not list: not one step
    gap = Axioms({"<urn:A>": ("<urn:B>",), "<urn:B>": ("<urn:C>",)}, {}, frozenset())
    assert not gap.one_step
    chain = Axioms({}, {"<urn:p>": (("<urn:q>", False),), "<urn:q>": (("<urn:r>", True),)}, frozenset())
    assert not chain.one_step


def test_the_construct_memo_drops_the_least_recently_used_shape(monkeypatch):
    """The memo is bounded (issue 19): past MEMO_LIMIT shapes the least recently used one goes, a shape
    hit again is kept, and what a remembered shape gives is what a fresh analysis gives."""
    import spinekg.reasoning.construct_rule as construct_rule
    from spinekg.ntriples import lines, split
    from spinekg.reasoning.axioms import axioms

    monkeypatch.setattr(construct_rule, "MEMO_LIMIT", 3)
    rule, fresh = ConstructRule(axioms()), ConstructRule(axioms(), memo=False)
    cases, keys = [], []
    for i in range(200):
        lc = case_from_data(synth_case(i, seed=19), f"m{i}")
        triples = [split(x) for x in lines(lc.ntriples)]
        key = rule._feed(case_iri(lc.case_id), triples)[1]
        if key is not None and key not in keys:
            cases.append((lc.case_id, triples))
            keys.append(key)
        if len(keys) == 4:
            break
    assert len(keys) == 4
    for cid, triples in cases[:3]:
        rule.conclusions(cid, triples)
    assert rule.conclusions(*cases[0]) == fresh.conclusions(*cases[0])  # a hit: the first shape is now the newest
    assert (rule.hits, rule.misses) == (1, 3)
    rule.conclusions(*cases[3])
    assert list(rule.memo) == [keys[2], keys[0], keys[3]]  # the second shape, least recently used, went
    assert sorted(rule.conclusions(*cases[1])) == sorted(fresh.conclusions(*cases[1]))
    assert (rule.hits, rule.misses) == (1, 5) and len(rule.memo) == 3
