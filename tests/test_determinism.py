"""One engine: a case's inferred graph never depends on the cases reasoned with it (issue 12).

Every example case is reasoned alone and inside a batch of 1,000 synthetic cases, with several chunk
sizes, in this process and in two worker processes: the inferred graphs must be identical. Also here:
Turtle cases go through the same engine, a user's pretest stays with its case, an edited rule file
changes the conclusions in every path, and what the engine learns about a rule comes from its parsed
algebra.
"""
from __future__ import annotations

import shutil
from importlib.resources import as_file
from pathlib import Path

import pyoxigraph as ox
import pytest

from spinekg.cases import case_from_data, read_case
from spinekg.data import example_case_files, resource
from spinekg.reasoning import CaseInput, Engine, ReasoningError, Stats, drivers, reason_case_graph, reason_cases
from spinekg.reasoning import engine as engine_module
from spinekg.reasoning import rules as rules_module
from spinekg.sparql import SparqlError, rule_shape
from spinekg.synth import synth_case
from spinekg.vocab import SKG

SYNTHETIC = 1000
SAMPLED = 40  # synthetic cases also reasoned alone


def canonical(nt: str) -> list[str]:
    """Sorted N-Quads lines in Oxigraph's canonical form (literals as the stores keep them)."""
    store = ox.Store()
    if nt.strip():
        store.load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return sorted(store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


@pytest.fixture(scope="module")
def examples():
    out = []
    for f in example_case_files():
        with as_file(f) as path:
            out.append(read_case(path))
    return out


@pytest.fixture(scope="module")
def registry(examples):
    """The examples in the middle of 1,000 synthetic cases."""
    synthetic = [case_from_data(synth_case(i, seed=33), f"synth-{i}") for i in range(SYNTHETIC)]
    half = SYNTHETIC // 2
    return synthetic[:half] + examples + synthetic[half:]


@pytest.fixture(scope="module")
def alone(examples, registry):
    """Each example and a sample of the synthetic cases reasoned on its own (a batch of one)."""
    picked = examples + registry[:: len(registry) // SAMPLED][:SAMPLED]
    return {lc.case_id: canonical(reason_cases([CaseInput(lc.case_id, lc.ntriples)], workers=1)[lc.case_id])
            for lc in picked}


@pytest.mark.parametrize("chunk_size, workers", [(1000, 1), (333, 2), (64, 2)])
def test_a_case_reasons_the_same_alone_and_among_a_thousand(registry, alone, chunk_size, workers):
    stats = Stats()
    got = reason_cases([CaseInput(lc.case_id, lc.ntriples) for lc in registry], workers=workers,
                       chunk_size=chunk_size, stats=stats)
    assert set(got) == {lc.case_id for lc in registry} and stats.cases == len(registry)
    for case_id, want in alone.items():
        have = canonical(got[case_id])
        assert have == want, (f"{case_id}: missing {sorted(set(want) - set(have))[:3]}, "
                              f"extra {sorted(set(have) - set(want))[:3]}")
    assert stats.construct_hits > 0  # the construct memo is used, and changes nothing


def test_every_configuration_gives_the_same_registry(registry):
    inputs = [CaseInput(lc.case_id, lc.ntriples) for lc in registry[:300]]
    one = reason_cases(inputs, workers=1, chunk_size=300)
    other = reason_cases(inputs, workers=2, chunk_size=41)
    without_memo = Engine(memo=False).reason(inputs)
    for cid in one:
        assert canonical(one[cid]) == canonical(other[cid]) == canonical(without_memo[cid]), cid


def test_several_fusions_all_are_premises_of_the_non_union_assessment(registry, alone):
    """The risk level cited one fusion chosen by SAMPLE, so by the store's order; now it cites all."""
    several = [lc for lc in registry if lc.case is not None and lc.case_id in alone
               and sum(p.kind.endswith("SpinalFusion") for p in lc.case.procedures) > 1]
    assert several
    for lc in several:
        fusions = {f"<{SKG}case/{lc.case_id}/procedure/{p.id}>" for p in lc.case.procedures
                   if p.kind.endswith("SpinalFusion")}
        cited = {line.split(" ")[2] for line in alone[lc.case_id]
                 if line.startswith(f"<{SKG}case/{lc.case_id}/non-union-risk> <http://www.w3.org/ns/prov#wasDerivedFrom>")}
        assert fusions <= cited, lc.case_id


def test_a_turtle_case_goes_through_the_same_engine(examples, alone, tmp_path):
    lc = next(c for c in examples if c.case_id == "radiopaedia-connector-failure")
    path = tmp_path / "published.ttl"
    lc.graph.serialize(destination=str(path), format="turtle")
    ttl = read_case(path)
    assert ttl.case is None and canonical(ttl.ntriples) == canonical(lc.ntriples)
    got = reason_cases([CaseInput(ttl.case_id, ttl.ntriples), CaseInput(examples[1].case_id, examples[1].ntriples)])
    assert canonical(got[ttl.case_id]) == alone[ttl.case_id]


def test_blank_nodes_of_a_turtle_case_are_named_under_the_case(tmp_path):
    text = (Path(__file__).parent / "data" / "malformed" / "shacl-untyped-negative-measurement.ttl").read_text()
    path = tmp_path / "bnode.ttl"
    path.write_text(text.replace("-3.0", "3.0"), encoding="utf-8")
    first, second = read_case(path), read_case(path)
    assert first.ntriples == second.ntriples and "_:" not in first.ntriples
    assert f"<{SKG}case/shacl-untyped-negative-measurement/node/" in first.ntriples
    out = reason_cases([CaseInput(first.case_id, first.ntriples)])[first.case_id]
    assert "suspected-loosening" in out  # the 3 mm width in the blank node is read by the rules


def test_a_pretest_belongs_to_its_case_only(examples, alone):
    a, b = examples[0], examples[-1]
    got = reason_cases([CaseInput(a.case_id, a.ntriples, pretest=0.3), CaseInput(b.case_id, b.ntriples)])
    assert canonical(got[b.case_id]) == alone[b.case_id]
    published = next(c for c in examples if c.case_id == "radiopaedia-connector-failure")
    mine = reason_cases([CaseInput(published.case_id, published.ntriples, pretest=0.3)])[published.case_id]
    assert f"<{SKG}case/{published.case_id}/setting/pretest-loosening>" in mine
    assert '"0.3"^^<http://www.w3.org/2001/XMLSchema#decimal>' in mine
    with pytest.raises(ValueError):
        reason_cases([CaseInput(a.case_id, a.ntriples, pretest=1.5)])


def test_a_triple_outside_its_case_is_refused(examples):
    lc = examples[0]
    odd = lc.ntriples + f"<http://example.org/elsewhere> <{SKG.atLevel}> <{SKG.L4}> .\n"
    with pytest.raises(ReasoningError, match="not a node of this case"):
        Engine().reason([CaseInput(lc.case_id, odd)])
    other = lc.ntriples + f"<{SKG}case/{lc.case_id}> <{SKG.hasImplant}> <{SKG}case/other/implant/x> .\n"
    with pytest.raises(ReasoningError, match="another case"):
        Engine().reason([CaseInput(lc.case_id, other)])


def test_the_kept_workspace_is_renewed_and_gives_the_same_graphs(examples, alone, monkeypatch):
    monkeypatch.setattr(engine_module, "RENEW_AFTER", 2)
    eng = Engine()
    lc = examples[0]
    stores = []
    for _ in range(5):
        assert canonical(eng.reason([CaseInput(lc.case_id, lc.ntriples)], reuse=True)[lc.case_id]) == alone[lc.case_id]
        stores.append(eng._kept[0])  # kept, so that their ids stay distinct
    assert len({id(s) for s in stores}) >= 2


def test_an_edited_rule_file_changes_the_conclusions_in_every_path(examples, tmp_path, monkeypatch):
    """No hidden copy of a rule: edit the threshold in suspected-screw-loosening.rq and every path follows."""
    folder = tmp_path / "data"
    with as_file(resource("rules")) as rules_dir:
        shutil.copytree(rules_dir, folder / "rules")
    rule = folder / "rules" / "suspected-screw-loosening.rq"
    text = rule.read_text(encoding="utf-8")
    assert "COALESCE(?w > 1.0, false) || COALESCE(?dh" in text
    rule.write_text(text.replace("COALESCE(?w > 1.0, false) || COALESCE(?dh", "COALESCE(?w > 3.5, false) || COALESCE(?dh"),
                    encoding="utf-8")
    published = next(c for c in examples if c.case_id == "radiopaedia-connector-failure")
    loose = f"<{SKG}case/{published.case_id}/implant/screw-T2-left/suspected-loosening>"  # 3 mm
    before = reason_cases([CaseInput(published.case_id, published.ntriples)])[published.case_id]
    assert loose in before
    real = rules_module.resource
    monkeypatch.setattr(rules_module, "resource", lambda *parts: folder.joinpath(*parts) if parts == ("rules",)
                        else real(*parts))
    monkeypatch.setattr(drivers, "_shared", None)
    rules_module.load_rules.cache_clear()
    try:
        one = reason_cases([CaseInput(published.case_id, published.ntriples)])[published.case_id]
        many = reason_cases([CaseInput(lc.case_id, lc.ntriples) for lc in examples], workers=2, chunk_size=3)
        for out in (one, many[published.case_id]):
            assert loose not in out
            assert f"<{SKG}case/{published.case_id}/implant/screw-T2-right/suspected-loosening>" in out  # 4 mm
    finally:
        rules_module.load_rules.cache_clear()
        drivers._shared = None


def test_reason_case_graph_is_a_batch_of_one(examples, alone):
    lc = examples[0]
    g = reason_case_graph(lc.graph, lc.case_id)
    assert canonical(g.serialize(format="nt")) == alone[lc.case_id]


# --- what the engine knows about a rule comes from its parsed algebra --------------------------------------
PREFIX = "PREFIX skg: <https://w3id.org/spinekg/>\n"
S = "https://w3id.org/spinekg/"


def test_required_names_come_only_from_the_outermost_group():
    shape = rule_shape(PREFIX + """CONSTRUCT { ?f skg:x ?l } WHERE {
      ?case skg:hasFinding ?f . ?f a skg:PeriImplantLucency ; skg:aboutImplant/skg:atLevel ?l .
      OPTIONAL { ?f skg:lucencyWidth ?w }
      { ?f skg:onSide ?s } UNION { ?f skg:assertionStatus ?st }
      FILTER NOT EXISTS { ?f skg:doubleHalo true }
      BIND (skg:Left AS ?x)
    }""")
    # a sequence path's steps are required; an OPTIONAL, a UNION branch, a negation or a BIND are not
    assert shape.requires == {f"<{S}hasFinding>", f"<{S}PeriImplantLucency>", f"<{S}aboutImplant>", f"<{S}atLevel>"}
    assert {f"<{S}lucencyWidth>", f"<{S}onSide>", f"<{S}doubleHalo>", f"<{S}Left>"} <= shape.reads


def test_reads_of_variable_predicates_and_class_variables():
    assert rule_shape(PREFIX + "CONSTRUCT { ?s skg:x ?o } WHERE { ?s ?p ?o }").reads is None
    free = rule_shape(PREFIX + "CONSTRUCT { ?s skg:x ?k } WHERE { ?s a ?k }")
    restricted = rule_shape(PREFIX + "CONSTRUCT { ?s skg:x ?k } WHERE { ?s a ?k FILTER (?k IN (skg:A, skg:B)) }")
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    assert rdf_type in free.reads and rdf_type not in restricted.reads


@pytest.mark.parametrize("text, message", [
    ("SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT"),
    ("CONSTRUCT { _:b skg:x ?o } WHERE { ?s skg:y ?o }", "blank nodes"),
    ("CONSTRUCT { ?s skg:x ?o } WHERE { ?s skg:y ?o ", "syntax error"),
])
def test_rules_the_engine_cannot_run_are_refused(text, message):
    with pytest.raises(SparqlError, match=message):
        rule_shape(PREFIX + text, "rules/x.rq")
