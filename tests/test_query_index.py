"""The reasoner's query index (rules/lucency-query-index.rq) and the named queries that read it.

An entry keys a lucency finding (not reported as absent) and its implant by the implant's spinal
region and the patient's risk factors. It is no clinical conclusion: explanations leave it out, and a
finding with only an entry is still "recorded, not interpreted". The queries that read the index
answer exactly as the same queries written without it (kept below as the reference), on synthetic
registries with every kind of case.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from spinekg import KnowledgeGraph
from spinekg.cases import case_from_data
from spinekg.queries import get_query, parse_query
from spinekg.reasoning.explain import Explainer
from spinekg.synth import synth_cases
from spinekg.vocab import PROV, RDF, SKG
from test_rules import (
    CASE_ID,
    CONNECTED_RODS,
    LUMBAR_SCREWS,
    THORACIC_SCREWS,
    breach,
    case_data,
    connector_finding,
    finding,
    implant,
    infer,
    lucency,
    nodes,
    objects,
    value,
)

RULE = "lucency-query-index"


def entries(g: Graph) -> set[URIRef]:
    return nodes(g, "LucencyIndexEntry")


def premises(g: Graph, node: URIRef) -> set:
    return {p for d in g.objects(node, PROV.wasGeneratedBy) for p in g.objects(d, PROV.used)}


def patient() -> URIRef:
    [p] = case_from_data(case_data()).graph.objects(None, SKG.hasPatient)
    return p  # type: ignore[return-value]


# --------------------------------------------------------------------------------------------
# the entries the rule writes
# --------------------------------------------------------------------------------------------

def test_entry_keys_a_lucency_by_region_and_every_risk_factor():
    g = infer([lucency("1.5 mm", fid="luc")], risk_factors=["diabetes", "smoking"])
    [e] = entries(g)
    assert str(e) == f"{finding('luc')}/index/screw-1"
    assert value(g, e, SKG.indexedFinding) == finding("luc")
    assert value(g, e, SKG.indexedImplant) == implant("screw-1")
    assert value(g, e, SKG.indexRegion) == SKG.LumbarRegion
    assert objects(g, e, SKG.indexRiskFactor) == {SKG.Diabetes, SKG.Smoking}
    assert (e, RDF.type, SKG.QueryIndexEntry) in g
    [d] = g.objects(e, PROV.wasGeneratedBy)
    assert str(value(g, d, SKG.appliedRule)).endswith("/" + RULE)
    assert premises(g, e) == {finding("luc"), implant("screw-1"), patient()}


def test_region_is_the_implants_region():
    g = infer([lucency("1.5 mm")], screws=THORACIC_SCREWS, fusion="T4-T6")
    [e] = entries(g)
    assert value(g, e, SKG.indexRegion) == SKG.ThoracicRegion


@pytest.mark.parametrize("status", ["present", "possible"])
def test_a_lucency_not_reported_absent_is_indexed_with_or_without_a_width(status):
    g = infer([lucency(None, status=status)], risk_factors=["osteoporosis"])
    [e] = entries(g)
    assert objects(g, e, SKG.indexRiskFactor) == {SKG.Osteoporosis}


def test_a_lucency_reported_absent_is_not_indexed():
    g = infer([lucency("3 mm", status="absent")], risk_factors=["diabetes"])
    assert entries(g) == set()


def test_without_risk_factors_the_entry_has_a_region_only_and_the_patient_is_no_premise():
    g = infer([lucency("1.5 mm", fid="luc")], absent_risk_factors=["diabetes"])
    [e] = entries(g)
    assert objects(g, e, SKG.indexRiskFactor) == set()
    assert value(g, e, SKG.indexRegion) == SKG.LumbarRegion
    assert premises(g, e) == {finding("luc"), implant("screw-1")}


def test_other_findings_are_not_indexed():
    g = infer([breach("3 mm", "medial")], risk_factors=["diabetes"])
    assert entries(g) == set()


def test_one_entry_per_lucency():
    g = infer([lucency("1.5 mm", fid="a"), lucency("0.5 mm", on="screw-2", fid="b")], risk_factors=["smoking"])
    assert {value(g, e, SKG.indexedFinding) for e in entries(g)} == {finding("a"), finding("b")}


def test_an_entry_is_no_conclusion():
    loaded = case_from_data(case_data([lucency(None, fid="luc")], risk_factors=["diabetes"]))
    from spinekg.reasoning import reason_case_graph

    g = reason_case_graph(loaded.graph, loaded.case_id)
    [e] = entries(g)
    assert e not in Explainer(loaded.graph, g).conclusions()
    # the lucency without a width is still recorded, not interpreted
    assert nodes(g, "UninterpretedFinding", concerns=finding("luc"))


# --------------------------------------------------------------------------------------------
# the queries that read the index answer as the same queries without it
# --------------------------------------------------------------------------------------------

# The two queries as they were before the index (queries/*.rq at c08b9aa, with the fix to the strict
# criterion's OPTIONAL that does not change its answers).
PLAIN = {
    "cohort-lucency-risk-factor": """
SELECT ?case_id ?screw ?level ?side ?lucency_mm ?status
WHERE {
  {
    SELECT ?case_id ?screw ?level ?side ?lucency_mm ?status
    WHERE {
      VALUES (?region ?min_lucency ?risk_factor) { (skg:ThoracicRegion 2.0 skg:Diabetes) }
      ?p skg:hasRiskFactor ?risk_factor .
      ?case skg:hasPatient ?p ; skg:caseId ?case_id ; skg:hasFinding ?f .
      ?f a skg:PeriImplantLucency ; skg:aboutImplant ?s ; skg:lucencyWidth/skg:numericValue ?lucency_mm ;
         skg:assertionStatus ?st .
      FILTER (?st != skg:Negated && ?lucency_mm >= ?min_lucency)
      ?s skg:implantId ?screw ; skg:atLevel ?l ; skg:onSide ?sd .
      ?l skg:inRegion ?region .
      BIND (STRAFTER(STR(?l), "spinekg/") AS ?level)
      BIND (LCASE(STRAFTER(STR(?sd), "spinekg/")) AS ?side)
      BIND (LCASE(STRAFTER(STR(?st), "spinekg/")) AS ?status)
    }
    LIMIT 100 OFFSET 0
  }
}
ORDER BY ?case_id ?screw
""",
    "loose-screws": """
SELECT ?case_id ?screw ?level ?side ?lucency_mm ?certainty ?stricter_2mm
WHERE {
  {
    SELECT ?case_id ?screw ?level ?side ?lucency_mm ?certainty ?stricter_2mm
    WHERE {
      VALUES (?region ?min_lucency) { (UNDEF 0.0) }
      ?c a skg:ScrewLoosening ; skg:ofCase ?case ; skg:concerns ?s ; prov:wasDerivedFrom ?f .
      ?f a skg:PeriImplantLucency .
      ?case skg:caseId ?case_id .
      ?s skg:implantId ?screw ; skg:atLevel ?l ; skg:onSide ?sd .
      ?l skg:inRegion ?r .
      FILTER (!BOUND(?region) || ?r = ?region)
      OPTIONAL { ?f skg:lucencyWidth ?m OPTIONAL { ?m skg:numericValue ?w } }
      BIND (COALESCE(?w, 0) AS ?lucency_mm)
      FILTER (?lucency_mm >= ?min_lucency)
      OPTIONAL { ?c skg:certainty ?cert }
      BIND (STRAFTER(STR(?l), "spinekg/") AS ?level)
      BIND (LCASE(STRAFTER(STR(?sd), "spinekg/")) AS ?side)
      BIND (LCASE(REPLACE(STRAFTER(STR(?cert), "spinekg/"), "Certainty", "")) AS ?certainty)
      OPTIONAL { ?strict prov:wasDerivedFrom ?f OPTIONAL { ?strict skg:criterionMet ?met } FILTER (BOUND(?met)) }
      BIND (IF(BOUND(?met), IF(?met, "met", "not met"), "not measured") AS ?stricter_2mm)
    }
    LIMIT 100 OFFSET 0
  }
}
ORDER BY ?case_id ?screw
""",
}

PARAMS = {
    "cohort-lucency-risk-factor": [
        {}, {"region": "lumbar", "min_lucency": "1", "risk_factor": "smoking"},
        {"region": "lumbar", "min_lucency": "0", "risk_factor": "diabetes"},
        {"region": "cervical", "min_lucency": "0.5", "risk_factor": "osteoporosis"},
        {"region": "thoracic", "min_lucency": "1.5", "risk_factor": "vitamin d deficiency"},
        {"region": "sacral", "min_lucency": "0", "risk_factor": "smoking"},
        {"region": "lumbar", "min_lucency": "0", "risk_factor": "smoking"},
        {"region": "thoracic", "min_lucency": "0", "risk_factor": "diabetes"},
    ],
    "loose-screws": [{}, {"region": "thoracic"}, {"region": "cervical", "min_lucency": "1.5"},
                     {"min_lucency": "2"}, {"region": "sacral"}, {"region": "lumbar", "min_lucency": "3"}],
}


@pytest.fixture(scope="module")
def registry() -> KnowledgeGraph:
    kg = KnowledgeGraph.memory()
    kg.load_cases([case_from_data(d, d["id"]) for d in synth_cases(250, seed=7)])
    return kg


def rows(kg: KnowledgeGraph, text: str) -> list[tuple]:
    res = kg.sparql(text)
    return sorted(tuple(getattr(r.get(c), "value", None) for c in res.variables) for r in res.rows)


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_indexed_queries_answer_as_the_plain_ones(registry, name):
    q = get_query(name)
    plain = parse_query(q.text.split("\nSELECT", 1)[0] + PLAIN[name], f"plain {name}")
    whole = {"limit": "1000000"}
    found = 0
    for params in PARAMS[name]:
        want = rows(registry, plain.bind({**params, **whole}))
        assert rows(registry, q.bind({**params, **whole})) == want, (name, params)
        found += len(want)
        # a page is a part of the whole answer
        page = rows(registry, q.bind({**params, "limit": "7"}))
        assert len(page) == min(7, len(want)) and set(page) <= set(want), (name, params)
    assert found > 40, f"{name}: the synthetic registry should exercise the query"


def test_a_case_reasoned_without_the_index_is_not_in_the_cohort(registry):
    """The documented limit: the queries find what the index holds (cases reasoned before the rule
    existed need `spinekg reason`)."""
    params = {"region": "lumbar", "min_lucency": "0", "risk_factor": "diabetes"}
    before = registry.query("cohort-lucency-risk-factor", {**params, "limit": "1000000"}).rows
    [some] = {r["case_id"].value for r in before[:1]}  # type: ignore[attr-defined]
    kg = KnowledgeGraph.memory()
    kg.load_cases([case_from_data(d, d["id"]) for d in synth_cases(250, seed=7) if d["id"] == some])
    assert kg.query("cohort-lucency-risk-factor", params).rows
    kg.store.update("DELETE WHERE { GRAPH ?g { ?e a skg:LucencyIndexEntry ; ?p ?o } }")
    assert not kg.query("cohort-lucency-risk-factor", params).rows


# --------------------------------------------------------------------------------------------
# the similarity index (rules/similarity-query-index.rq) and similar-cases
# --------------------------------------------------------------------------------------------

def similarity_entry(g: Graph) -> URIRef:
    [e] = nodes(g, "SimilarityIndexEntry")
    return e


def test_similarity_entry_lists_the_items_similar_cases_compares():
    g = infer([connector_finding(secured=False)], screws=LUMBAR_SCREWS, implants=CONNECTED_RODS,
              risk_factors=["smoking"])
    e = similarity_entry(g)
    assert str(e) == f"https://w3id.org/spinekg/case/{CASE_ID}/index/similarity"
    assert value(g, e, SKG.indexedCase) == URIRef(f"https://w3id.org/spinekg/case/{CASE_ID}")
    assert objects(g, e, SKG.indexImplantType) == {SKG.PedicleScrew, SKG.Rod, SKG.RodToRodConnector}
    assert objects(g, e, SKG.indexConnectorLevel) == {SKG.L3}
    assert objects(g, e, SKG.indexLevel) == {SKG.L1, SKG.L2, SKG.L3, SKG.L4, SKG.L5}
    derived = {t for c in g.subjects(SKG.ofCase, None) for t in g.objects(c, RDF.type)}
    assert SKG.ConnectorFailure in derived
    assert objects(g, e, SKG.indexConclusionType) == derived & {
        SKG.RevisionEvaluationIndication, SKG.HardwareFailure, SKG.ConstructDiscontinuity, SKG.ConnectorFailure,
        SKG.ScrewLoosening, SKG.ScrewMalposition, SKG.ThreateningBreach, SKG.NeurologicalCorrelationFlag,
        SKG.StrictLucencyCriterionMet, SKG.LeadMigration}
    [risk] = [r for a in nodes(g, "NonUnionRiskAssessment") for r in g.objects(a, SKG.riskLevel)]
    assert objects(g, e, SKG.indexRiskLevel) == {risk}


def test_similarity_entry_has_no_conclusion_the_case_did_not_draw_and_is_no_conclusion_itself():
    screws = LUMBAR_SCREWS
    g = infer([], screws=screws)
    e = similarity_entry(g)
    assert not objects(g, e, SKG.indexConclusionType)  # nothing found, nothing concluded
    assert objects(g, e, SKG.indexImplantType) == {SKG.PedicleScrew} and objects(g, e, SKG.indexLevel) == {SKG.L4}
    assert not objects(g, e, SKG.indexConnectorLevel)
    loaded = case_from_data(case_data([], screws=screws))
    assert e not in Explainer(loaded.graph, g).conclusions()


def test_a_case_with_no_implant_and_no_conclusion_has_no_similarity_entry():
    g = infer([], screws=[], fusion=None)
    assert not nodes(g, "SimilarityIndexEntry")


SIMILAR_PLAIN = (Path(__file__).parent / "data" / "similar-cases-scan.rq")


def shared_rows(kg: KnowledgeGraph, text: str) -> list[tuple]:
    res = kg.sparql(text)
    return [(r["similar_case"].value, getattr(r.get("title"), "value", None), int(r["score"].value),  # type: ignore[attr-defined]
             frozenset(r["shared"].value.split("; "))) for r in res.rows]  # type: ignore[attr-defined]


def test_similar_cases_through_the_index_answers_as_the_scan(registry):
    """The same ranked rows, scores and shared items as the query that scanned the registry (kept in
    tests/data as the reference), for cases of every kind, whole answers and first pages."""
    q = get_query("similar-cases")
    plain = parse_query(q.text.split("\nSELECT", 1)[0] + "\n" + SIMILAR_PLAIN.read_text(encoding="utf-8"),
                        "plain similar-cases")
    ids = sorted(registry.case_ids())
    compared = 0
    for case_id in ids[::25]:
        for limit in ("1000000", "5"):
            want = shared_rows(registry, plain.bind({"case_id": case_id, "limit": limit}))
            assert shared_rows(registry, q.bind({"case_id": case_id, "limit": limit})) == want, case_id
            compared += len(want)
    assert compared > 1000
