"""The construct graph (issue 4, sections 1 and 2): what holds together, where it is broken, the spans.

Done when: the published case has two parts per side broken at the C6 connectors; a clean construct
is one part; a rod fracture splits a construct at the reported level.
"""
from __future__ import annotations

import copy
import io
import itertools
import json
import re
from importlib.resources import as_file

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef

from spinekg.cases import case_from_data, read_case
from spinekg.construct import intact_graph
from spinekg.construct_command import export as export_command
from spinekg.construct_export import export as export_graph
from spinekg.construct_rdf import RULE_IRI, analyse, analysis_triples, rule_graph
from spinekg.construct_rdf import analyse_case as analyse_construct
from spinekg.data import example_case_files, ontology_graph
from spinekg.reasoning import reason_case_graph
from spinekg.vocab import BASE, PROV, RDF, RDFS, SKG


def build_construct_graph(case):
    return analyse_construct(case).graph


def export(case, fmt):
    return export_graph(analyse_construct(case).graph, fmt)


PUBLISHED = "radiopaedia-connector-failure"
P = f"https://w3id.org/spinekg/case/{PUBLISHED}"


def implant(case_id: str, iid: str) -> URIRef:
    return URIRef(f"https://w3id.org/spinekg/case/{case_id}/implant/{iid}")


@pytest.fixture(scope="module")
def published() -> Graph:
    [f] = [f for f in example_case_files() if f.name == f"{PUBLISHED}.yaml"]
    with as_file(f) as p:
        return read_case(p).graph


# A clean posterior T10-L3 construct: a rod and a pedicle screw at every level on each side.
CLEAN = {
    "spinekg_case": 1, "id": "clean-t10-l3", "title": "Clean T10-L3 construct", "constructed": True,
    "procedures": [{"id": "fusion", "type": "posterior fusion", "levels": "T10-L3"}],
    "constructs": [{"id": "main", "procedure": "fusion"}],
    "implants": [
        {"id": "rod-left", "type": "rod", "side": "left", "levels": "T10-L3", "construct": "main"},
        {"id": "rod-right", "type": "rod", "side": "right", "levels": "T10-L3", "construct": "main"},
        *[{"id": f"screw-{lv}-{side}", "type": "pedicle screw", "level": lv, "side": side, "construct": "main"}
          for lv in ("T10", "T11", "T12", "L1", "L2", "L3") for side in ("left", "right")],
    ],
    "studies": [{"id": "ct", "modality": "CT"}],
}


def case_with(findings: list[dict], case_id: str = "clean-t10-l3", **extra) -> Graph:
    data = copy.deepcopy(CLEAN)
    data["id"] = case_id
    data["findings"] = findings
    data.update(extra)
    return case_from_data(data).graph


def fracture_case(status: str = "affirmed", level: str | None = "L1") -> Graph:
    finding = {"id": "rod-break", "type": "fracture", "implant": "rod-left", "status": status,
               "text": "the left rod is fractured at L1"}
    if level:
        finding["level"] = level
    return case_with([finding], "rod-fracture")


def names(levels) -> list[str]:
    return [lv.name for lv in levels]


# --------------------------------------------------------------------------------------------
# The graph
# --------------------------------------------------------------------------------------------
def test_levels_form_an_ordered_path(published):
    G = build_construct_graph(published)
    levels = sorted((d["position"], n) for n, d in G.nodes(data=True) if d["kind"] == "level")
    # the instrumented region C6-T9 (the rods reach C6) with one level of margin each end
    assert [G.nodes[n]["name"] for _, n in levels] == ["C5", "C6", "C7"] + [f"T{i}" for i in range(1, 11)]
    for (_, a), (_, b) in itertools.pairwise(levels):
        assert G.edges[a, b]["kind"] == "adjacent"
    path = G.subgraph(n for _, n in levels)
    assert nx.is_connected(path) and max(dict(path.degree()).values()) == 2


def test_screws_are_anchored_and_held_by_the_rod_on_their_side(published):
    G = build_construct_graph(published)
    screw = str(implant(PUBLISHED, "screw-T6-right"))
    kinds = {G.edges[screw, nb]["kind"]: nb for nb in G.neighbors(screw)}
    assert kinds["anchored"] == str(SKG.T6)
    assert kinds["holds"] == str(implant(PUBLISHED, "rod-thoracic-right"))
    rod = str(implant(PUBLISHED, "rod-thoracic-left"))
    spans = sorted(G.nodes[nb]["name"] for nb in G.neighbors(rod) if G.edges[rod, nb]["kind"] == "spans")
    assert len(spans) == 11 and {"C6", "T9"} <= set(spans)
    held = {G.nodes[nb]["id"] for nb in G.neighbors(rod) if G.edges[rod, nb]["kind"] == "holds"}
    assert held == {"screw-T2-left", "screw-T3-left", "screw-T4-left"}


def test_only_the_reported_connections_fail(published):
    G = build_construct_graph(published)
    failed = {(G.nodes[u]["id"], G.nodes[v]["id"]) for u, v, d in G.edges(data=True) if d["failed"]}
    assert {tuple(sorted(e)) for e in failed} == {("connector-C6-left", "rod-thoracic-left"),
                                                  ("connector-C6-right", "rod-thoracic-right")}
    e = G.edges[str(implant(PUBLISHED, "connector-C6-left")), str(implant(PUBLISHED, "rod-thoracic-left"))]
    assert e["mechanical"] and "not secured" in e["reason"] and "posteromedial" in e["reason"]
    assert e["findings"] == [f"{P}/finding/rod-left-not-secured"]
    # the connector still holds the cervical rod
    ok = G.edges[str(implant(PUBLISHED, "connector-C6-left")), str(implant(PUBLISHED, "rod-cervical-left"))]
    assert ok["kind"] == "joins" and not ok["failed"]
    # failed connections are left out of what holds together
    H = intact_graph(G)
    assert not H.has_edge(str(implant(PUBLISHED, "connector-C6-left")), str(implant(PUBLISHED, "rod-thoracic-left")))


# --------------------------------------------------------------------------------------------
# Done when: the published case has two parts per side, broken at the C6 connectors
# --------------------------------------------------------------------------------------------
def test_published_case_two_parts_per_side_broken_at_c6(published):
    a = analyse_construct(published)
    for side in ("Left", "Right"):
        s = side.lower()
        parts = a.side_parts[side]
        assert len(parts) == 2, [p.labels for p in parts]
        cervical, thoracic = parts
        assert {m.rsplit("/", 1)[-1] for m in cervical.members} == {f"rod-cervical-{s}", f"connector-C6-{s}"}
        assert implant(PUBLISHED, f"rod-thoracic-{s}") in thoracic.members
        assert names(cervical.levels) == ["C6"]
        assert (thoracic.upper.name, thoracic.lower.name) == ("C6", "T9")
        assert not cervical.fixation
    assert len(a.side_parts["Left"][1].fixation) == 3 and len(a.side_parts["Right"][1].fixation) == 5
    # overall: the cervical and the thoracic construct are two separate pieces
    assert [p.span_text for p in a.overall_parts] == ["C6", "C6-T9"]
    assert len(a.discontinuities) == 2
    for d in a.discontinuities:
        side = d.side.lower()
        assert d.iri == URIRef(f"{implant(PUBLISHED, f'connector-C6-{side}')}/discontinuity")
        assert names(d.levels) == ["C6"] and d.kind == "connector"
        assert set(d.parts) == {p.iri for p in a.side_parts[d.side]}
        assert set(d.rods) == {implant(PUBLISHED, f"rod-cervical-{side}"), implant(PUBLISHED, f"rod-thoracic-{side}")}


def q(g: Graph, text: str) -> list[tuple]:
    return [tuple(r) for r in g.query("PREFIX skg: <https://w3id.org/spinekg/>\n" + text)]


def test_published_case_facts_in_the_ontologys_terms(published):
    g = analyse(published)
    rows = q(g, """SELECT ?side (COUNT(?p) AS ?n) WHERE { ?p a skg:ConstructPart ; skg:onSide ?side }
                   GROUP BY ?side ORDER BY ?side""")
    assert {(str(s).rsplit("/", 1)[-1], int(n)) for s, n in rows} == {("Left", 2), ("Right", 2), ("Bilateral", 2)}
    rows = q(g, """SELECT ?d ?lv ?side ?part WHERE { ?d a skg:ConstructDiscontinuity ; skg:atLevel ?lv ;
                   skg:onSide ?side ; skg:separatesPart ?part }""")
    assert {(str(lv), str(side)) for _, lv, side, _ in rows} == {(str(SKG.C6), str(SKG.Left)), (str(SKG.C6), str(SKG.Right))}
    assert len({p for *_, p in rows}) == 4
    span = URIRef(f"{P}/construct-graph/instrumented-span")
    assert (span, RDF.type, SKG.InstrumentedSpan) in g
    assert (g.value(span, SKG.upperLevel), g.value(span, SKG.lowerLevel)) == (SKG.C6, SKG.T9)
    assert (g.value(span, SKG.upperAdjacentLevel), g.value(span, SKG.lowerAdjacentLevel)) == (SKG.C5, SKG.T10)
    assert set(g.objects(span, SKG.crossesJunction)) == {SKG.CervicothoracicJunction}
    assert len(set(g.objects(span, SKG.atLevel))) == 11
    fused = URIRef(f"{P}/construct-graph/fused-span")
    assert (g.value(fused, SKG.upperLevel), g.value(fused, SKG.lowerLevel)) == (SKG.C7, SKG.T9)
    assert set(g.objects(fused, SKG.crossesJunction)) == {SKG.CervicothoracicJunction}
    right = URIRef(f"{P}/construct-graph/part/right-2")
    assert g.value(right, SKG.fixationPointCount) == Literal(5)
    assert implant(PUBLISHED, "screw-T7-right") in set(g.objects(right, SKG.fixationPoint))


def test_discontinuities_agree_with_the_rule(published):
    """Same IRIs, label, level, side and rods as rules/construct-discontinuity.rq: they merge, not duplicate."""
    inferred = reason_case_graph(published, PUBLISHED)
    mine = analyse(published)
    by_rule = set(inferred.subjects(RDF.type, SKG.ConstructDiscontinuity))
    assert by_rule == set(mine.subjects(RDF.type, SKG.ConstructDiscontinuity))
    skip = {PROV.wasGeneratedBy, PROV.wasDerivedFrom, RDF.type}
    for d in by_rule:
        rule_facts = {(p, o) for p, o in inferred.predicate_objects(d) if p not in skip and p != SKG.separatesPart}
        my_facts = {(p, o) for p, o in mine.predicate_objects(d) if p not in skip and p != SKG.separatesPart}
        assert rule_facts == my_facts


def test_every_conclusion_has_a_derivation(published):
    g = analyse(published)
    conclusions = {s for cls in (SKG.ConstructPart, SKG.ConstructDiscontinuity, SKG.InstrumentedSpan, SKG.FusedSpan)
                   for s in g.subjects(RDF.type, cls)}
    assert len(conclusions) == 6 + 2 + 2
    for c in conclusions:
        assert g.value(c, SKG.ofCase) == URIRef(P)
        assert g.value(c, RDFS.label) is not None
        [d] = list(g.objects(c, PROV.wasGeneratedBy))
        assert d == URIRef(f"{c}/derivation/construct-graph")
        assert (d, RDF.type, SKG.Derivation) in g and (d, RDF.type, PROV.Activity) in g
        assert g.value(d, SKG.appliedRule) == RULE_IRI
        used = set(g.objects(d, PROV.used))
        assert used and used == set(g.objects(c, PROV.wasDerivedFrom))
    # premises are facts of the case or other construct graph conclusions
    for p in g.objects(None, PROV.used):
        assert str(p).startswith(P + "/")


def test_iris_are_deterministic_and_under_the_case(published):
    a, b = analyse(published), analyse(published)
    assert set(a) == set(b)
    subjects = {s for s in a.subjects() if isinstance(s, URIRef)}
    assert all(str(s).startswith(P + "/") for s in subjects)


def test_output_uses_only_declared_terms(published):
    declared = {str(s) for s in ontology_graph().subjects() if isinstance(s, URIRef) and str(s).startswith(BASE)}
    g = analyse(published) + analyse(fracture_case())
    used = {str(t) for tr in g for t in tr if isinstance(t, URIRef) and str(t).startswith(BASE)
            and not str(t)[len(BASE):].startswith(("case/", "rule/", "pub/"))}
    assert not sorted(used - declared)
    assert not sorted({str(t) for t in rule_graph().predicates() if str(t).startswith(BASE)} - declared)


def test_analysis_triples_for_the_engine(published):
    """The engine's input: N-Triples terms without derivation records (it adds those for every rule kind)."""
    triples = analysis_triples(analyse_construct(published))
    assert triples and all(isinstance(x, str) and x[0] in '<"' for t in triples for x in t)
    with_records = analyse(published)
    assert len(triples) == len(with_records) - len(set(with_records.subjects(RDF.type, SKG.Derivation))) * 4 \
        - len(list(with_records.triples((None, PROV.used, None))))
    parsed = {q.triple for q in ox.parse("".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode(),
                                         format=ox.RdfFormat.N_TRIPLES)}
    assert len(parsed) == len(triples)


# --------------------------------------------------------------------------------------------
# Done when: a clean construct is one part
# --------------------------------------------------------------------------------------------
def test_clean_construct_is_one_part():
    a = analyse_construct(case_with([]))
    assert {s: len(p) for s, p in a.side_parts.items()} == {"Left": 1, "Right": 1}
    assert len(a.overall_parts) == 1 and not a.discontinuities
    [left] = a.side_parts["Left"]
    assert (left.upper.name, left.lower.name) == ("T10", "L3") and len(left.fixation) == 6
    span = a.instrumented
    assert (span.upper.name, span.lower.name, span.above.name, span.below.name) == ("T10", "L3", "T9", "L4")
    assert span.junctions == ["thoracolumbar"]
    assert names(span.bridged) == ["T10", "T11", "T12", "L1", "L2", "L3"]
    g = analyse(case_with([]))
    assert not list(g.subjects(RDF.type, SKG.ConstructDiscontinuity))
    overall = URIRef("https://w3id.org/spinekg/case/clean-t10-l3/construct-graph/part/overall-1")
    assert g.value(overall, SKG.onSide) == SKG.Bilateral and g.value(overall, SKG.fixationPointCount) == Literal(12)
    assert len(set(g.objects(overall, SKG.hasComponent))) == 14


@pytest.mark.parametrize("status", ["uncertain", "negated"])
def test_only_affirmed_failures_break_a_connection(status):
    extra_implants = [
        {"id": "rod-ext-left", "type": "rod", "side": "left", "levels": "L3-L5"},
        {"id": "domino-left", "type": "domino connector", "level": "L3", "side": "left",
         "joins": ["rod-left", "rod-ext-left"]},
        {"id": "screw-L5-left", "type": "pedicle screw", "level": "L5", "side": "left"},
    ]
    data_findings = [{"id": "domino", "type": "rod connector", "implant": "rod-ext-left", "connector": "domino-left",
                      "secured": False, "status": status}]
    data = copy.deepcopy(CLEAN)
    data["implants"] += extra_implants
    data["findings"] = data_findings
    a = analyse_construct(case_from_data(data).graph)
    assert len(a.side_parts["Left"]) == 1 and not a.discontinuities
    e = a.graph.edges[str(implant("clean-t10-l3", "domino-left")), str(implant("clean-t10-l3", "rod-ext-left"))]
    assert not e["failed"] and e["possible"] == (status == "uncertain")
    # affirmed, the same finding separates the extension at L3
    data["findings"][0]["status"] = "affirmed"
    a = analyse_construct(case_from_data(data).graph)
    assert [p.span_text for p in a.side_parts["Left"]] == ["T10-L3", "L3-L5"]
    [d] = a.discontinuities
    assert names(d.levels) == ["L3"] and d.side == "Left"


# --------------------------------------------------------------------------------------------
# Done when: a rod fracture splits a construct at the reported level
# --------------------------------------------------------------------------------------------
def test_rod_fracture_splits_the_construct_at_the_reported_level():
    g_case = fracture_case()
    a = analyse_construct(g_case)
    above, below = a.side_parts["Left"]
    assert (above.upper.name, above.lower.name) == ("T10", "L1")
    assert (below.upper.name, below.lower.name) == ("L2", "L3")
    assert {lv.name for _, lv in above.fixation} == {"T10", "T11", "T12", "L1"}
    assert {lv.name for _, lv in below.fixation} == {"L2", "L3"}
    assert len(a.side_parts["Right"]) == 1
    # overall the construct still holds together through the intact right rod
    assert len(a.overall_parts) == 1
    [d] = a.discontinuities
    finding = URIRef("https://w3id.org/spinekg/case/rod-fracture/finding/rod-break")
    assert d.iri == URIRef(f"{finding}/discontinuity") and d.kind == "fracture"
    assert names(d.levels) == ["L1"] and d.side == "Left" and d.rods == [implant("rod-fracture", "rod-left")]
    assert set(d.parts) == {above.iri, below.iri}
    G = a.graph
    rod = str(implant("rod-fracture", "rod-left"))
    segments = sorted((n for n, x in G.nodes(data=True) if x.get("rod") == rod), key=lambda n: G.nodes[n]["segment"])
    assert [G.nodes[n]["levels"] for n in segments] == [["T10", "T11", "T12", "L1"], ["L2", "L3"]]
    e = G.edges[segments[0], segments[1]]
    assert e["failed"] and e["kind"] == "rod" and e["level"] == "L1"
    # the rule draws the same discontinuity
    inferred = reason_case_graph(g_case, "rod-fracture")
    assert set(inferred.subjects(RDF.type, SKG.ConstructDiscontinuity)) == {d.iri}


def test_bilateral_rod_fracture_leaves_two_pieces():
    data = copy.deepcopy(CLEAN)
    data["id"] = "two-rods-broken"
    data["findings"] = [{"id": f"break-{s}", "type": "fracture", "implant": f"rod-{s}", "level": "L1"}
                        for s in ("left", "right")]
    a = analyse_construct(case_from_data(data).graph)
    assert [p.span_text for p in a.overall_parts] == ["T10-L1", "L2-L3"]
    assert len(a.discontinuities) == 2


def test_fracture_at_the_last_level_leaves_the_last_anchor_behind():
    a = analyse_construct(fracture_case(level="L3"))
    assert [p.span_text for p in a.side_parts["Left"]] == ["T10-L2", "L3"]


def test_fracture_without_a_level_is_still_a_discontinuity():
    a = analyse_construct(fracture_case(level=None))
    assert len(a.side_parts["Left"]) == 1
    [d] = a.discontinuities
    assert d.kind == "fracture" and not d.levels and not d.parts


def test_uncertain_fracture_does_not_split():
    a = analyse_construct(fracture_case(status="uncertain"))
    assert len(a.side_parts["Left"]) == 1 and not a.discontinuities


def test_screw_rod_disconnection_frees_the_screw():
    g = case_with([{"id": "loose-head", "type": "disconnection", "implant": "screw-L1-left"}], "disconnected")
    a = analyse_construct(g)
    left = a.side_parts["Left"]
    assert len(left) == 2
    lone = next(p for p in left if len(p.members) == 1)
    assert lone.members == [implant("disconnected", "screw-L1-left")]
    main = next(p for p in left if p is not lone)
    assert len(main.fixation) == 5 and (main.upper.name, main.lower.name) == ("T10", "L3")
    assert not a.discontinuities  # the rod is continuous: no construct discontinuity


def test_cervicothoracic_and_lumbosacral_junctions():
    data = copy.deepcopy(CLEAN)
    data["id"] = "long"
    data["implants"] = [{"id": "rod-left", "type": "rod", "side": "left", "levels": "C7-S1"},
                        {"id": "screw-S1-left", "type": "pedicle screw", "level": "S1", "side": "left"}]
    data["procedures"] = [{"id": "fusion", "type": "posterior fusion", "levels": "C7-S1"}]
    data["constructs"] = []
    a = analyse_construct(case_from_data(data).graph)
    assert a.instrumented.junctions == ["cervicothoracic", "thoracolumbar", "lumbosacral"]
    assert a.instrumented.below.name == "S2" and a.instrumented.above.name == "C6"


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------
def test_export_graphml_and_json(published):
    G = build_construct_graph(published)
    text = export(published, "graphml")
    back = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()
    failed = [d for _, _, d in back.edges(data=True) if d.get("failed") in (True, "true", "True")]
    assert len(failed) == 2
    data = json.loads(export(published, "json"))
    assert len(data["nodes"]) == G.number_of_nodes() and len(data["links"]) == G.number_of_edges()
    assert any(n.get("id") == str(SKG.T2) and n["kind"] == "level" for n in data["nodes"])
    with pytest.raises(ValueError, match="graphml or json"):
        export(published, "dot")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from spinekg import KnowledgeGraph

    path = tmp_path_factory.mktemp("store")
    kg = KnowledgeGraph.open(path)
    [f] = [f for f in example_case_files() if f.name == f"{PUBLISHED}.yaml"]
    with as_file(f) as p:
        kg.load([p])
    del kg
    return path


def test_export_command(store, tmp_path):
    r = CliRunner().invoke(export_command, [PUBLISHED, "--format", "json", "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["graph"]["case_id"] == PUBLISHED
    out = tmp_path / "construct.graphml"
    r = CliRunner().invoke(export_command, [PUBLISHED, "-o", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert out.read_text(encoding="utf-8").lstrip().startswith("<?xml")


def test_export_command_errors(store, tmp_path):
    r = CliRunner().invoke(export_command, ["no-such-case", "--store", str(store)])
    assert r.exit_code == 1 and "no case 'no-such-case'" in r.output and PUBLISHED in r.output
    assert "Traceback" not in r.output and isinstance(r.exception, SystemExit)
    r = CliRunner().invoke(export_command, [PUBLISHED, "--format", "dot", "--store", str(store)])
    assert r.exit_code == 2 and "Traceback" not in r.output
    r = CliRunner().invoke(export_command, [PUBLISHED, "-o", str(tmp_path / "missing" / "x.json"), "--store", str(store)])
    assert r.exit_code == 1 and "cannot write" in r.output


def test_export_command_reads_a_case_file(tmp_path):
    path = tmp_path / "clean.json"
    path.write_text(json.dumps(CLEAN), encoding="utf-8")
    r = CliRunner().invoke(export_command, [str(path), "--format", "graphml"])
    assert r.exit_code == 0, r.output
    assert re.search(r"<graph ", r.output)
