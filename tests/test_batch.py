"""The set-at-a-time engine reaches exactly the per-case engine's inferred graphs (reasoning/batch.py)."""
from __future__ import annotations

from importlib.resources import as_file

import pyoxigraph as ox
import pytest
from rdflib import Graph

from spinekg.cases import case_from_data, read_case
from spinekg.data import example_case_files
from spinekg.reasoning import batch
from spinekg.reasoning.engine import reason_case_ntriples
from spinekg.reasoning.rules import load_rules
from spinekg.synth import synth_case
from spinekg.vocab import CASE_BASE, PROV, SKG

SYNTHETIC = 150
WDF, USED = f"<{PROV.wasDerivedFrom}>", f"<{PROV.used}>"


def canonical(nt: str) -> list[str]:
    """Sorted N-Triples lines in Oxigraph's canonical form (literals normalised as the stores keep them)."""
    store = ox.Store()
    if nt.strip():
        store.load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return sorted(store.dump(format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines())


def sampled_fusion(lines: list[str], case_id: str) -> tuple[list[str], set[str]]:
    """The lines without nonunion-risk-level's SAMPLE(?fu) premise, and the fusions it named.

    The rule keeps one fusion procedure of a case with several as its premise, through SAMPLE: which
    one depends on the store's internal order (the per-case engine itself gives different answers
    depending on the cases it reasoned before), so only that premise is compared loosely.
    """
    base = f"<{CASE_BASE}{case_id}"
    subjects = {f"{base}/non-union-risk>": WDF, f"{base}/non-union-risk/derivation/nonunion-risk-level>": USED}
    keep, picked = [], set()
    for line in lines:
        s, p, o = line[:-2].split(" ", 2)
        if subjects.get(s) == p and o.startswith(f"{base}/procedure/"):
            picked.add(o)
        else:
            keep.append(line)
    return keep, picked


def fusion_count(lc) -> int:
    return sum(1 for p in lc.case.procedures if p.kind.endswith("SpinalFusion")) if lc.case else 0


@pytest.fixture(scope="module")
def cases():
    out = []
    for f in example_case_files():
        with as_file(f) as path:
            out.append(read_case(path))
    out += [case_from_data(synth_case(i, seed=21), f"synth-{i}") for i in range(SYNTHETIC)]
    return out


@pytest.fixture(scope="module")
def reference(cases):
    return {lc.case_id: canonical(reason_case_ntriples(lc.graph, lc.case_id)) for lc in cases}


def assert_same(reference: dict[str, list[str]], got: dict[str, str], cases) -> None:
    assert set(got) == {lc.case_id for lc in cases}
    several = 0
    for lc in cases:
        want, have = reference[lc.case_id], canonical(got[lc.case_id])
        if fusion_count(lc) > 1:
            several += 1
            want, w = sampled_fusion(want, lc.case_id)
            have, h = sampled_fusion(have, lc.case_id)
            assert len(w) == len(h) == 1, (lc.case_id, w, h)
        missing, extra = sorted(set(want) - set(have)), sorted(set(have) - set(want))
        assert not missing and not extra, f"{lc.case_id}: missing {missing[:5]}, extra {extra[:5]}"
    assert several > 0  # the loose comparison is exercised


def test_fast_writer_gives_the_case_format_triples(cases):
    for lc in cases:
        assert canonical(batch.case_ntriples(lc.case)) == canonical(lc.graph.serialize(format="nt")), lc.case_id


def test_batch_equals_the_per_case_engine(cases, reference):
    stats = batch.ChunkStats()
    got = batch.reason_ntriples([(lc.case_id, batch.loaded_ntriples(lc)) for lc in cases], workers=1,
                                chunk_size=60, stats=stats)
    assert_same(reference, got, cases)
    assert stats.fallback == 0 and stats.cases == len(cases)
    assert stats.construct_hits > 0  # the construct graph's memo is used (and gives the same facts)


def test_two_worker_processes_give_the_same_graphs(cases, reference):
    subset = cases[:40]
    got = batch.reason_ntriples([(lc.case_id, batch.loaded_ntriples(lc)) for lc in subset], workers=2,
                                chunk_size=15)
    assert_same(reference, got, subset)


def test_without_memo_or_rewrites_the_result_is_the_same(cases, reference):
    subset = [lc for lc in cases if fusion_count(lc) <= 1][:25] + [lc for lc in cases if fusion_count(lc) > 1][:2]
    items = [(lc.case_id, batch.loaded_ntriples(lc)) for lc in subset]
    got = batch.reason_ntriples(items, workers=1, memo=False, rewrites=False)
    assert_same(reference, got, subset)


def test_one_case_at_a_time_in_a_kept_workspace(cases, reference):
    engine = batch.BatchEngine()
    subset = [lc for lc in cases if fusion_count(lc) <= 1][:12]
    for _ in range(2):  # the workspace is cleared between cases
        for lc in subset:
            assert canonical(engine.reason_one(lc.case_id, batch.loaded_ntriples(lc))) == reference[lc.case_id]


def test_user_pretest_and_reason_many(cases):
    subset = [lc for lc in cases[:30] if fusion_count(lc) <= 1]
    want = {lc.case_id: canonical(reason_case_ntriples(lc.graph, lc.case_id, pretest=0.3)) for lc in subset}
    got = batch.reason_many(subset, pretest=0.3)
    for lc in subset:
        assert isinstance(got[lc.case_id], Graph)
        assert canonical(got[lc.case_id].serialize(format="nt")) == want[lc.case_id], lc.case_id
    assert any("user-pretest-loosening" in " ".join(v) for v in want.values())
    with pytest.raises(ValueError):
        batch.reason_many(subset, pretest=1.5)


def test_turtle_cases_go_to_the_per_case_engine(cases, reference, tmp_path):
    lc = next(c for c in cases if c.case_id == "radiopaedia-connector-failure")
    path = tmp_path / "published.ttl"
    lc.graph.serialize(destination=str(path), format="turtle")
    ttl = read_case(path)
    assert ttl.case is None
    got = batch.reason_many([ttl, cases[1]])
    assert canonical(got[ttl.case_id].serialize(format="nt")) == reference[ttl.case_id]
    assert canonical(got[cases[1].case_id].serialize(format="nt")) == reference[cases[1].case_id]


def test_graphs_not_under_their_case_iri_fall_back(cases, reference):
    lc = cases[0]
    odd = batch.loaded_ntriples(lc) + f"<http://example.org/elsewhere> <{SKG.atLevel}> <{SKG.L4}> .\n"
    stats = batch.ChunkStats()
    got = batch.BatchEngine().reason_chunk([(lc.case_id, odd), (cases[1].case_id, batch.loaded_ntriples(cases[1]))],
                                           stats)
    assert stats.fallback == 1
    assert canonical(got[cases[1].case_id]) == reference[cases[1].case_id]


def test_rewrites_are_current_and_rules_are_analysed_like_rdflib_does():
    """Each rewrite was checked against the rule file it replaces; a changed rule runs as written.

    When this fails, a rule with a rewrite changed: check whether it is still slow set-at-a-time
    (bench/run.py prints per-rule times) and refresh the rewrite's digest, or drop it.
    """
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.term import Variable

    rules = {r.id: r for r in load_rules()}
    for rule_id, (sha, why, _) in batch.REWRITES.items():
        assert rule_id in rules, rule_id
        assert batch.rule_sha(rules[rule_id]) == sha, f"{rule_id} changed since its rewrite was checked"
        assert why
    engine = batch.BatchEngine()
    assert all(c.rewritten for c in engine.rules if c.rule.id in batch.REWRITES)

    def variable_predicate(node) -> bool:
        if getattr(node, "name", None) == "BGP":
            return any(isinstance(p, Variable) for _, p, _ in node["triples"])
        if isinstance(node, dict):
            return any(variable_predicate(v) for v in node.values())
        if isinstance(node, (list, tuple)):
            return any(variable_predicate(v) for v in node)
        return False

    for c in engine.rules:
        algebra = prepareQuery(c.rule.query).algebra
        assert (c.reads is None) == variable_predicate(algebra), c.rule.id
    assert batch._has_variable_predicate("WHERE { ?s ?p ?o }")
    assert batch._has_variable_predicate("WHERE { ?s a skg:X ; ?p ?o }")
    assert not batch._has_variable_predicate("WHERE { ?s a skg:X . BIND (?a = ?b AS ?c) } GROUP BY ?s ?x")


def test_required_names_come_only_from_the_outermost_group():
    from spinekg.reasoning.batch import _required_names

    skg = "https://w3id.org/spinekg/"
    where = """WHERE {
      ?case skg:hasFinding ?f . ?f a skg:PeriImplantLucency ; skg:aboutImplant/skg:atLevel ?l .
      OPTIONAL { ?f skg:lucencyWidth ?w }
      { ?f skg:onSide ?s } UNION { ?f skg:assertionStatus ?st }
      FILTER NOT EXISTS { ?f skg:doubleHalo true }
      BIND (skg:Left AS ?x)
    }"""
    names = _required_names(where, {"skg": skg})
    # a path, an OPTIONAL, a UNION branch, a negation or a BIND never make a triple required
    assert names == {f"<{skg}hasFinding>", f"<{skg}PeriImplantLucency>"}
