"""Each clinical rule, case by case: positive, negative and boundary findings.

Every test builds a minimal case (one patient, one fusion, one imaging study, one or two screws)
from a dict in the case format, reasons over it and queries the small inferred graph it returns.
Thresholds are checked on both sides of each cut-point; numbers that come from the literature are
read from the packaged knowledge base, never typed in here.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef

from spinekg.cases import case_from_data
from spinekg.data import literature_graph, parameters_graph
from spinekg.reasoning import reason_case_graph
from spinekg.vocab import PROV, RDF, RDFS, SKG, case_iri

CASE_ID = "rule-test"
C = URIRef(case_iri(CASE_ID))
PUB = "https://w3id.org/spinekg/pub/"
FIG = "https://w3id.org/spinekg/figure/"
PARAM = "https://w3id.org/spinekg/parameter/"
USER_SETTING = URIRef(f"https://w3id.org/spinekg/case/{CASE_ID}/setting/pretest-loosening")

LUMBAR_SCREWS = [
    {"id": "screw-1", "type": "pedicle screw", "level": "L4", "side": "left"},
    {"id": "screw-2", "type": "pedicle screw", "level": "L4", "side": "right"},
]
THORACIC_SCREWS = [
    {"id": "screw-1", "type": "pedicle screw", "level": "T5", "side": "left"},
    {"id": "screw-2", "type": "pedicle screw", "level": "T5", "side": "right"},
]
# Two rods joined by a domino connector at L3, on the left.
CONNECTED_RODS = [
    {"id": "rod-upper", "type": "rod", "side": "left", "levels": "L1-L3"},
    {"id": "rod-lower", "type": "rod", "side": "left", "levels": "L3-L5"},
    {"id": "connector", "type": "domino connector", "level": "L3", "side": "left", "joins": ["rod-upper", "rod-lower"]},
]
STIMULATOR = [{"id": "scs", "type": "spinal cord stimulator", "parts": [{"id": "scs-lead", "type": "lead"}]}]


# --------------------------------------------------------------------------------------------
# helpers: build a minimal case, reason over it, query the inferred graph
# --------------------------------------------------------------------------------------------

def case_data(findings: list[dict] | tuple = (), *, screws: list[dict] | None = None,
              implants: list[dict] | tuple = (), modality: str = "CT", fusion: str | None = "L4-L5",
              fusion_type: str = "posterior fusion", interval: str | None = "12 months",
              symptoms: list[str] | tuple = (), risk_factors: list[str] | tuple = (),
              absent_risk_factors: list[str] | tuple = ()) -> dict[str, Any]:
    """A minimal case dict: one patient, one fusion (unless fusion=None), one study, the screws."""
    study: dict[str, Any] = {"id": "study", "modality": modality}
    data: dict[str, Any] = {
        "spinekg_case": 1, "id": CASE_ID, "constructed": True,
        "patient": {"age": 60, "sex": "female", "symptoms": list(symptoms), "risk_factors": list(risk_factors),
                    "absent_risk_factors": list(absent_risk_factors)},
        "implants": [*(LUMBAR_SCREWS if screws is None else screws), *implants],
        "studies": [study],
        "findings": list(findings),
    }
    if fusion is not None:
        data["procedures"] = [{"id": "fusion", "type": fusion_type, "levels": fusion}]
        if interval is not None:
            study.update(interval_after_surgery=interval, after="fusion")
    return data


def infer(findings: list[dict] | tuple = (), *, pretest: float | None = None, pretest_basis: str | None = None,
          **kw: Any) -> Graph:
    """Reason over a minimal case (see case_data) and return the inferred graph."""
    loaded = case_from_data(case_data(findings, **kw))
    assert loaded.case_id == CASE_ID
    return reason_case_graph(loaded.graph, loaded.case_id, pretest=pretest, pretest_basis=pretest_basis)


def implant(iid: str) -> URIRef:
    return URIRef(f"{C}/implant/{iid}")


def finding(fid: str) -> URIRef:
    return URIRef(f"{C}/finding/{fid}")


def lucency(width: str | None = None, *, on: str = "screw-1", status: str | None = None,
            double_halo: bool | None = None, fid: str | None = None) -> dict[str, Any]:
    f: dict[str, Any] = {"type": "lucency", "implant": on}
    if width is not None:
        f["width"] = width
    if double_halo is not None:
        f["double_halo"] = double_halo
    if status:
        f["status"] = status
    if fid:
        f["id"] = fid
    return f


def breach(distance: str | None = None, direction: str = "lateral", *, on: str = "screw-1",
           relative_to: str | None = None, status: str | None = None) -> dict[str, Any]:
    f: dict[str, Any] = {"type": "screw position", "implant": on, "contained": False, "direction": direction}
    if distance is not None:
        f["distance"] = distance
    if relative_to:
        f["relative_to"] = relative_to
    if status:
        f["status"] = status
    return f


def nodes(g: Graph, cls: str, **props: object) -> set[URIRef]:
    """The nodes of class skg:<cls> whose skg:<prop> has the given value (an IRI or a literal)."""
    out = set()
    for s in g.subjects(RDF.type, SKG[cls]):
        if all(_has(g, s, SKG[p], v) for p, v in props.items()):
            out.add(s)
    return out  # type: ignore[return-value]


def _has(g: Graph, s: object, p: URIRef, v: object) -> bool:
    objs = list(g.objects(s, p))
    if isinstance(v, (URIRef, Literal)):
        return v in objs
    return any(o.toPython() == v for o in objs)  # type: ignore[union-attr]


def one(g: Graph, cls: str, **props: object) -> URIRef:
    found = nodes(g, cls, **props)
    assert len(found) == 1, f"expected one skg:{cls} {props or ''}, found {sorted(found)}"
    return next(iter(found))


def objects(g: Graph, s: object, p: URIRef) -> set:
    return set(g.objects(s, p))  # type: ignore[arg-type]


def value(g: Graph, s: object, p: URIRef) -> Any:
    vals = objects(g, s, p)
    assert len(vals) == 1, f"expected one value of {p} on {s}, found {sorted(vals)}"
    v = next(iter(vals))
    return v.toPython() if isinstance(v, Literal) else v


def label(g: Graph, s: object) -> str:
    return str(value(g, s, RDFS.label))


def loosening(g: Graph, screw: str = "screw-1") -> set[URIRef]:
    return nodes(g, "ScrewLoosening", concerns=implant(screw))


def certainty(g: Graph, node: object) -> URIRef | None:
    vals = objects(g, node, SKG.certainty)
    assert len(vals) <= 1
    return next(iter(vals), None)  # type: ignore[return-value]


def derived_from(g: Graph, node: object) -> set:
    return objects(g, node, PROV.wasDerivedFrom)


def used_by_rule(g: Graph, node: object, rule: str) -> set:
    """The premises one rule's derivation of the node used."""
    return {p for d in g.objects(node, PROV.wasGeneratedBy) if str(g.value(d, SKG.appliedRule)).endswith("/" + rule)
            for p in g.objects(d, PROV.used)}


def applied_rules(g: Graph, node: object) -> set[str]:
    return {str(r).rsplit("/", 1)[-1] for d in g.objects(node, PROV.wasGeneratedBy)
            for r in g.objects(d, SKG.appliedRule)}


def bayes_positive(sens: float, spec: float, p: float) -> float:
    return sens * p / (sens * p + (1 - spec) * (1 - p))


def bayes_negative(sens: float, spec: float, p: float) -> float:
    return (1 - sens) * p / ((1 - sens) * p + spec * (1 - p))


def close(reported: object, exact: float) -> bool:
    """The rules round probabilities to 3 decimals."""
    return abs(float(reported) - exact) <= 0.0005 + 1e-9  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# suspected-screw-loosening
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width", ["0.9 mm", "1.0 mm", "1 mm", "0.1 cm"])
def test_lucency_of_at_most_1_mm_is_not_loosening(width):
    g = infer([lucency(width)])
    assert loosening(g) == set()


@pytest.mark.parametrize("width", ["1.1 mm", "4 mm", "0.2 cm"])
def test_lucency_wider_than_1_mm_is_suspected_loosening(width):
    g = infer([lucency(width)])
    [node] = loosening(g)
    assert certainty(g, node) == SKG.SuspectedCertainty
    assert value(g, node, SKG.ofCase) == C
    assert value(g, node, SKG.atLevel) == SKG.L4 and value(g, node, SKG.onSide) == SKG.Left
    assert "> 1 mm" in value(g, node, SKG.criterion)
    assert label(g, node).startswith("suspected loosening")
    assert finding("finding-1") in derived_from(g, node)
    assert applied_rules(g, node) == {"suspected-screw-loosening"}


def test_loosening_concerns_only_the_screw_with_the_lucency():
    g = infer([lucency("4 mm", on="screw-2")])
    assert loosening(g, "screw-1") == set()
    assert len(loosening(g, "screw-2")) == 1


def test_double_halo_is_suspected_loosening_whatever_the_width():
    g = infer([lucency("0.5 mm", double_halo=True)])
    [node] = loosening(g)
    assert certainty(g, node) == SKG.SuspectedCertainty
    assert value(g, node, SKG.criterion) == "double halo"


def test_double_halo_without_a_width_is_suspected_loosening():
    g = infer([lucency(double_halo=True)])
    [node] = loosening(g)
    assert certainty(g, node) == SKG.SuspectedCertainty


def test_double_halo_false_with_narrow_lucency_is_not_loosening():
    g = infer([lucency("0.5 mm", double_halo=False)])
    assert loosening(g) == set()


def test_negated_lucency_is_not_loosening():
    g = infer([lucency("4 mm", status="negated")])
    assert nodes(g, "ScrewLoosening") == set()
    assert nodes(g, "StrictLucencyCriterionMet") == set()


def test_uncertain_lucency_is_possible_loosening():
    g = infer([lucency("4 mm", status="uncertain")])
    [node] = loosening(g)
    assert certainty(g, node) == SKG.PossibleCertainty
    assert label(g, node).startswith("possible loosening")
    assert nodes(g, "ScrewLoosening", certainty=SKG.SuspectedCertainty) == set()


def test_possible_loosening_has_no_post_test_probability_and_is_no_pseudarthrosis_sign():
    g = infer([lucency("4 mm", status="uncertain")], risk_factors=["smoking"])
    assert nodes(g, "PostTestProbability") == set()
    assert nodes(g, "PseudarthrosisImagingSign") == set()
    assert value(g, one(g, "NonUnionRiskAssessment"), SKG.imagingSignCount) == 0  # assessed, without a sign


@pytest.mark.parametrize("findings", [
    [lucency("4 mm", on="screw-1", status="uncertain"), lucency("4 mm", on="screw-2", status="uncertain")],
    [lucency("4 mm", on="screw-1"), lucency("4 mm", on="screw-2", status="uncertain")],
], ids=["two-possible", "one-suspected-one-possible"])
def test_possible_loosening_does_not_count_toward_revision(findings):
    g = infer(findings, symptoms=["back pain"])
    assert nodes(g, "RevisionEvaluationIndication") == set()


def test_lucency_around_a_stimulator_lead_is_not_screw_loosening():
    g = infer([lucency("4 mm", on="scs-lead")], implants=STIMULATOR)
    assert nodes(g, "ScrewLoosening") == set()
    assert nodes(g, "StrictLucencyCriterionMet") == set()
    assert nodes(g, "PostTestProbability") == set()


# --------------------------------------------------------------------------------------------
# strict-lucency-threshold (> 2 mm, a named alternative)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width, met", [("2.0 mm", False), ("2 mm", False), ("2.1 mm", True), ("4 mm", True)])
def test_strict_lucency_threshold_is_more_than_2_mm(width, met):
    g = infer([lucency(width)])
    found = nodes(g, "StrictLucencyCriterionMet", concerns=implant("screw-1"))
    assert bool(found) is met
    if met:
        [node] = found
        assert "> 2 mm" in value(g, node, SKG.criterion)
        assert applied_rules(g, node) == {"strict-lucency-threshold"}
        assert URIRef(FIG + "ginat-2017-lucency-threshold") in derived_from(g, node)


def test_strict_threshold_never_creates_loosening_by_itself():
    # 2.1 mm meets both thresholds: the loosening is the 1 mm rule's conclusion, not the strict rule's.
    g = infer([lucency("2.1 mm")])
    [strict] = nodes(g, "StrictLucencyCriterionMet")
    assert SKG.ScrewLoosening not in objects(g, strict, RDF.type)
    assert SKG.Complication not in objects(g, strict, RDF.type)
    for node in nodes(g, "ScrewLoosening"):
        assert applied_rules(g, node) == {"suspected-screw-loosening"}


def test_strict_threshold_is_declared_an_alternative_to_the_1_mm_rule():
    from spinekg.reasoning.rules import get_rule

    assert get_rule("strict-lucency-threshold").alternative_to == "suspected-screw-loosening"


@pytest.mark.parametrize("status", ["negated", "uncertain"])
def test_strict_threshold_needs_an_affirmed_lucency(status):
    g = infer([lucency("4 mm", status=status)])
    assert nodes(g, "StrictLucencyCriterionMet") == set()


# --------------------------------------------------------------------------------------------
# loosening-post-test-probability and loosening-post-test-negative
# --------------------------------------------------------------------------------------------

def literature_accuracy() -> dict[URIRef, dict[str, Any]]:
    """Every diagnostic-accuracy figure in the knowledge base: modality, sens, spec, publication."""
    q = """SELECT ?fig ?mod ?sens ?spec ?pub WHERE {
        ?fig a skg:DiagnosticAccuracy ; skg:forModality ?mod ; skg:sensitivity ?sens ;
             skg:specificity ?spec ; skg:reportedIn ?pub }"""
    out = {}
    for r in literature_graph().query(q, initNs={"skg": SKG}):
        out[r.fig] = {"mod": r.mod, "sens": float(r.sens.toPython()), "spec": float(r.spec.toPython()),
                      "pub": str(r.pub)}
    return out


def pretest_setting(name: str) -> tuple[URIRef, float, str]:
    node = URIRef(PARAM + name)
    g = parameters_graph()
    return node, float(value(g, node, SKG.probability)), str(value(g, node, RDFS.label))


MODALITY_SOURCES = {  # the sources the rule must use for each modality
    "CT": {"spirig-2019", "wu-2019"},
    "Radiograph": {"spirig-2019", "wu-2019"},
    "MRI": {"spirig-2019"},
}


def test_knowledge_base_holds_the_expected_accuracy_figures():
    acc = literature_accuracy()
    for mod, pubs in MODALITY_SOURCES.items():
        assert {a["pub"] for a in acc.values() if a["mod"] == SKG[mod]} >= {PUB + p for p in pubs}
    assert not any(a["mod"] == SKG.MRI and a["pub"] == PUB + "wu-2019" for a in acc.values())


@pytest.mark.parametrize("modality", ["CT", "Radiograph", "MRI"])
def test_positive_post_test_probability_per_source_for_each_modality(modality):
    g = infer([lucency("4 mm")], modality=modality)
    [loose] = loosening(g)
    acc = literature_accuracy()
    expected = {fig for fig, a in acc.items()
                if a["mod"] == SKG[modality] and a["pub"] in {PUB + p for p in MODALITY_SOURCES[modality]}}
    posts = nodes(g, "PostTestProbability", testResult="positive")
    assert {value(g, n, SKG.usesAccuracy) for n in posts} == expected
    assert len(posts) == len(expected)
    default, p, source = pretest_setting("default-pretest-loosening")
    assert p == pytest.approx(0.05)  # issue 13: per screw (Ginat 2017), the unit of the conclusion
    for n in posts:
        fig = value(g, n, SKG.usesAccuracy)
        a = acc[fig]
        assert value(g, n, SKG.hasModality) == SKG[modality]
        assert value(g, n, SKG.concerns) == implant("screw-1")
        assert value(g, n, SKG.aboutConclusion) == loose
        assert value(g, n, SKG.pretestProbability) == Decimal("0.05")
        assert value(g, n, SKG.pretestSetting) == default
        assert value(g, n, SKG.pretestSource) == source and "Ginat 2017" in source
        assert close(value(g, n, SKG.probability), bayes_positive(a["sens"], a["spec"], 0.05))
        assert {loose, fig, default, URIRef(f"{C}/study/study")} <= derived_from(g, n)
        assert applied_rules(g, n) == {"loosening-post-test-probability"}


def test_default_pretest_is_per_screw_and_sourced_to_ginat():
    """Issue 13: a post-test probability about one screw rests on a per-screw prior (Ginat: about 5 % of
    screws); the per-patient figure (Marie-Hardy pull-out) is the named alternative."""
    default, _, _ = pretest_setting("default-pretest-loosening")
    [fig] = objects(parameters_graph(), default, PROV.wasDerivedFrom)
    assert value(literature_graph(), fig, SKG.reportedIn) == URIRef(PUB + "ginat-2017")
    assert value(parameters_graph(), default, SKG.pretestBasis) == SKG.PerScrewPretest
    alt, p, _ = pretest_setting("per-patient-pretest-loosening")
    [fig] = objects(parameters_graph(), alt, PROV.wasDerivedFrom)
    assert p == pytest.approx(0.096) and value(literature_graph(), fig, SKG.reportedIn) == URIRef(PUB + "marie-hardy-2020")


def test_per_patient_basis_uses_the_per_patient_prior():
    g = infer([lucency("4 mm")], pretest_basis="per-patient")
    setting, _, _source = pretest_setting("per-patient-pretest-loosening")
    posts = nodes(g, "PostTestProbability", testResult="positive")
    assert posts and all(value(g, n, SKG.pretestSetting) == setting for n in posts)
    assert all(value(g, n, SKG.pretestProbability) == Decimal("0.096") for n in posts)
    with pytest.raises(ValueError, match="per-screw or per-patient"):
        infer([lucency("4 mm")], pretest_basis="per-level")


def test_osteoporosis_keeps_the_per_screw_default():
    """No per-screw figure in osteoporosis was verified: the per-screw default stands."""
    g = infer([lucency("4 mm")], risk_factors=["osteoporosis"])
    posts = nodes(g, "PostTestProbability", testResult="positive")
    assert posts and all(value(g, n, SKG.pretestProbability) == Decimal("0.05") for n in posts)


def test_osteoporosis_raises_the_per_patient_pretest_to_0_225():
    g = infer([lucency("4 mm")], risk_factors=["osteoporosis"], pretest_basis="per-patient")
    setting, p, source = pretest_setting("osteoporosis-pretest-loosening")
    assert p == pytest.approx(0.225) and "Rometsch 2020" in source
    [fig] = objects(parameters_graph(), setting, PROV.wasDerivedFrom)
    assert value(literature_graph(), fig, SKG.reportedIn) == URIRef(PUB + "rometsch-2020")
    acc = literature_accuracy()
    posts = nodes(g, "PostTestProbability", testResult="positive")
    assert len(posts) == 2
    for n in posts:
        a = acc[value(g, n, SKG.usesAccuracy)]
        assert value(g, n, SKG.pretestProbability) == Decimal("0.225")
        assert value(g, n, SKG.pretestSetting) == setting
        assert value(g, n, SKG.pretestSource) == source
        assert close(value(g, n, SKG.probability), bayes_positive(a["sens"], a["spec"], 0.225))


@pytest.mark.parametrize("risk_factors", [[], ["osteoporosis"]], ids=["no-osteoporosis", "osteoporosis"])
def test_user_pretest_overrides_the_defaults(risk_factors):
    g = infer([lucency("4 mm")], pretest=0.3, risk_factors=risk_factors)
    user = USER_SETTING  # the user's setting belongs to the case (it never reaches another case)
    acc = literature_accuracy()
    posts = nodes(g, "PostTestProbability", testResult="positive")
    assert len(posts) == 2
    for n in posts:
        a = acc[value(g, n, SKG.usesAccuracy)]
        assert value(g, n, SKG.pretestProbability) == Decimal("0.3")
        assert value(g, n, SKG.pretestSetting) == user
        assert "set by the user" in value(g, n, SKG.pretestSource)
        assert "0.3" in value(g, n, SKG.pretestSource)
        assert close(value(g, n, SKG.probability), bayes_positive(a["sens"], a["spec"], 0.3))
        assert user in derived_from(g, n)
    # the setting itself is stated in the output with its value
    assert value(g, user, SKG.probability) == Decimal("0.3")
    assert SKG.PretestSetting in objects(g, user, RDF.type)


def test_user_pretest_setting_is_marked_as_an_override_in_the_output():
    g = infer([lucency("4 mm")], pretest=0.3)
    assert (USER_SETTING, SKG.userOverride, Literal(True)) in g


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5])
def test_pretest_outside_0_1_is_refused(bad):
    with pytest.raises(ValueError, match="between 0 and 1"):
        infer([lucency("4 mm")], pretest=bad)


@pytest.mark.parametrize("modality", ["CT", "Radiograph", "MRI"])
def test_negated_lucency_gives_the_lower_negative_post_test_probability(modality):
    g = infer([lucency("4 mm", status="negated")], modality=modality)
    acc = literature_accuracy()
    assert nodes(g, "PostTestProbability", testResult="positive") == set()
    negs = nodes(g, "PostTestProbability", testResult="negative")
    expected = {fig for fig, a in acc.items()
                if a["mod"] == SKG[modality] and a["pub"] in {PUB + p for p in MODALITY_SOURCES[modality]}}
    assert {value(g, n, SKG.usesAccuracy) for n in negs} == expected
    for n in negs:
        a = acc[value(g, n, SKG.usesAccuracy)]
        post = value(g, n, SKG.probability)
        assert close(post, bayes_negative(a["sens"], a["spec"], 0.05))
        assert float(post) < 0.05 < bayes_positive(a["sens"], a["spec"], 0.05)
        assert value(g, n, SKG.pretestProbability) == Decimal("0.05")
        assert finding("finding-1") in derived_from(g, n)
        assert applied_rules(g, n) == {"loosening-post-test-negative"}


@pytest.mark.parametrize("width, result", [("0.9 mm", "negative"), ("1.0 mm", "negative"), ("1.1 mm", "positive")])
def test_lucency_width_decides_positive_or_negative_test(width, result):
    g = infer([lucency(width)])
    results = {value(g, n, SKG.testResult) for n in nodes(g, "PostTestProbability")}
    assert results == {result}


def test_double_halo_is_a_positive_test_not_a_negative_one():
    g = infer([lucency("0.5 mm", double_halo=True)])
    assert {value(g, n, SKG.testResult) for n in nodes(g, "PostTestProbability")} == {"positive"}


def test_negative_post_test_uses_the_user_pretest():
    g = infer([lucency("4 mm", status="negated")], pretest=0.3)
    acc = literature_accuracy()
    for n in nodes(g, "PostTestProbability", testResult="negative"):
        a = acc[value(g, n, SKG.usesAccuracy)]
        assert close(value(g, n, SKG.probability), bayes_negative(a["sens"], a["spec"], 0.3))


# --------------------------------------------------------------------------------------------
# screw-malposition-grade (modified Gertzbein-Robbins)
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("distance, grade", [
    ("1.9 mm", "GRGradeB"), ("2.0 mm", "GRGradeC"), ("3.9 mm", "GRGradeC"), ("4.0 mm", "GRGradeD"),
    ("5.9 mm", "GRGradeD"), ("6.0 mm", "GRGradeE"), ("0.4 cm", "GRGradeD"),
])
def test_breach_distance_gives_the_modified_gertzbein_robbins_grade(distance, grade):
    g = infer([breach(distance, "lateral")])
    [m] = nodes(g, "ScrewMalposition", concerns=implant("screw-1"))
    assert value(g, m, SKG.malpositionGrade) == SKG[grade]
    assert value(g, m, SKG.hasDirection) == SKG.Lateral
    assert certainty(g, m) is None
    assert f"grade {grade[-1]}" in value(g, m, SKG.gradingNote)
    assert applied_rules(g, m) == {"screw-malposition-grade"}
    assert URIRef(FIG + "gertzbein-robbins-modified-cutpoints") in derived_from(g, m)


def test_breach_without_distance_is_not_measurable_with_direction_kept():
    g = infer([breach(None, "lateral", relative_to="vertebral body")])
    [m] = nodes(g, "ScrewMalposition")
    assert value(g, m, SKG.malpositionGrade) == SKG.GradeNotMeasurable
    assert value(g, m, SKG.hasDirection) == SKG.Lateral
    assert "not measurable" in value(g, m, SKG.gradingNote)
    assert value(g, m, SKG.relativeTo) == URIRef(f"{C}/anatomy/L4-VertebralBody")


def test_contained_screw_is_not_malpositioned():
    g = infer([{"type": "screw position", "implant": "screw-1", "contained": True}])
    assert nodes(g, "ScrewMalposition") == set()
    assert nodes(g, "Complication") == set()


def test_uncertain_breach_is_possible_malposition():
    g = infer([breach("3 mm", "lateral", status="uncertain")])
    [m] = nodes(g, "ScrewMalposition")
    assert certainty(g, m) == SKG.PossibleCertainty
    assert label(g, m).startswith("possible malposition")
    assert value(g, m, SKG.malpositionGrade) == SKG.GRGradeC


def test_negated_breach_is_not_malposition():
    g = infer([breach("3 mm", "medial", status="negated")])
    assert nodes(g, "ScrewMalposition") == set()
    assert nodes(g, "NeurologicalCorrelationFlag") == set()


# --------------------------------------------------------------------------------------------
# heary-thoracic-grade
# --------------------------------------------------------------------------------------------

def heary(g: Graph, screw: str = "screw-1") -> set[URIRef]:
    return {h for m in nodes(g, "ScrewMalposition", concerns=implant(screw)) for h in g.objects(m, SKG.hearyGrade)}


def test_thoracic_screw_lateral_to_the_body_is_heary_ii_or_iii():
    g = infer([breach(None, "lateral", relative_to="vertebral body")], screws=THORACIC_SCREWS, fusion="T4-T6")
    assert heary(g) == {SKG.HearyGradeII, SKG.HearyGradeIII}
    [m] = nodes(g, "ScrewMalposition")
    note = value(g, m, SKG.hearyNote)
    assert "II or III" in note and "does not say" in note
    assert "heary-thoracic-grade" in applied_rules(g, m)


def test_thoracic_lateral_pedicle_breach_is_heary_ii_only():
    g = infer([breach("2 mm", "lateral", relative_to="pedicle")], screws=THORACIC_SCREWS, fusion="T4-T6")
    assert heary(g) == {SKG.HearyGradeII}


@pytest.mark.parametrize("direction", ["medial", "posteromedial", "inferior"])
def test_thoracic_medial_or_inferior_breach_is_heary_iv(direction):
    g = infer([breach("2 mm", direction)], screws=THORACIC_SCREWS, fusion="T4-T6")
    assert heary(g) == {SKG.HearyGradeIV}


def test_heary_grade_v_is_never_assigned_from_text():
    g = infer([breach("8 mm", "medial", relative_to="vertebral body")], screws=THORACIC_SCREWS, fusion="T4-T6")
    assert SKG.HearyGradeV not in heary(g)


def test_lumbar_screw_has_no_heary_grade():
    g = infer([breach(None, "lateral", relative_to="vertebral body"), breach("3 mm", "medial", on="screw-2")])
    assert len(nodes(g, "ScrewMalposition")) == 2
    assert list(g.subject_objects(SKG.hearyGrade)) == []


# --------------------------------------------------------------------------------------------
# medial-breach-neurological-correlation
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("distance, direction, flagged", [
    ("1.9 mm", "medial", False), ("2.0 mm", "medial", True), ("3 mm", "lateral", False),
    ("2.0 mm", "posteromedial", True), ("6 mm", "lateral", False),
])
def test_medial_breach_of_2_mm_or_more_is_flagged_for_neurological_correlation(distance, direction, flagged):
    g = infer([breach(distance, direction)])
    flags = nodes(g, "NeurologicalCorrelationFlag", concerns=implant("screw-1"))
    assert bool(flags) is flagged
    for f in flags:
        assert applied_rules(g, f) == {"medial-breach-neurological-correlation"}
        assert finding("finding-1") in derived_from(g, f)


def test_medial_breach_without_distance_is_not_flagged():
    g = infer([breach(None, "medial")])
    assert nodes(g, "NeurologicalCorrelationFlag") == set()


# --------------------------------------------------------------------------------------------
# threatening-breach
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("distance, direction, threatens", [
    ("4.0 mm", "medial", None),  # issue 13: Gertzbein-Robbins says "> 4 mm"
    ("4.1 mm", "medial", "cauda equina"),
    ("5.9 mm", "lateral", None),
    ("6.0 mm", "lateral", "grade E"),
    ("5.0 mm", "anterior", None),  # vessels are not judged by distance alone (thoracic-breach-aorta)
    ("4.0 mm", "inferior", None),
    ("4.1 mm", "inferior", "nerve root"),
])
def test_threatening_breach_thresholds(distance, direction, threatens):
    g = infer([breach(distance, direction)])
    found = nodes(g, "ThreateningBreach", concerns=implant("screw-1"))
    if threatens is None:
        assert found == set()
    else:
        [t] = found
        assert threatens in value(g, t, SKG.threatens)
        assert applied_rules(g, t) == {"threatening-breach"}


def test_lumbar_screw_in_the_spinal_canal_threatens_the_cauda_equina():
    g = infer([breach(None, "medial", relative_to="spinal canal")])
    [t] = nodes(g, "ThreateningBreach")
    assert value(g, t, SKG.threatens) == "the cauda equina and nerve roots"


def test_thoracic_screw_in_the_spinal_canal_threatens_the_cord():
    g = infer([breach(None, "medial", relative_to="spinal canal")], screws=THORACIC_SCREWS, fusion="T4-T6")
    [t] = nodes(g, "ThreateningBreach")
    assert value(g, t, SKG.threatens) == "the spinal cord"


def test_thoracic_medial_breach_of_more_than_4mm_threatens_cord_or_dura():
    g = infer([breach("4.5 mm", "medial")], screws=THORACIC_SCREWS, fusion="T4-T6")
    [t] = nodes(g, "ThreateningBreach")
    assert value(g, t, SKG.threatens) == "the spinal cord or dura"
    assert nodes(infer([breach("4 mm", "medial")], screws=THORACIC_SCREWS, fusion="T4-T6"), "ThreateningBreach") == set()


def test_uncertain_breach_does_not_threaten():
    g = infer([breach("8 mm", "medial", status="uncertain")])
    assert nodes(g, "ThreateningBreach") == set()


# --------------------------------------------------------------------------------------------
# connector-failure
# --------------------------------------------------------------------------------------------

def connector_finding(**fields: Any) -> dict[str, Any]:
    return {"type": "rod connector", "implant": "rod-lower", "connector": "connector", **fields}


@pytest.mark.parametrize("fields", [
    {"secured": False}, {"subluxed": True}, {"subluxed": True, "secured": False},
    {"subluxed": True, "secured": True},
], ids=["not-secured", "subluxed-only", "both", "subluxed-but-secured"])
def test_rod_not_secured_or_subluxed_is_connector_failure(fields):
    g = infer([connector_finding(**fields)], implants=CONNECTED_RODS)
    [c] = nodes(g, "ConnectorFailure")
    assert certainty(g, c) is None
    assert objects(g, c, SKG.concerns) == {implant("connector"), implant("rod-lower")}
    assert value(g, c, SKG.atLevel) == SKG.L3 and value(g, c, SKG.onSide) == SKG.Left
    assert applied_rules(g, c) == {"connector-failure"}
    assert nodes(g, "HardwareFailure")


@pytest.mark.parametrize("fields", [
    {"secured": True}, {"secured": True, "subluxed": False}, {"subluxed": False},
])
def test_secured_rod_that_is_not_subluxed_is_no_failure(fields):
    g = infer([connector_finding(**fields)], implants=CONNECTED_RODS)
    assert nodes(g, "ConnectorFailure") == set()
    assert nodes(g, "HardwareFailure") == set()
    assert nodes(g, "ConstructDiscontinuity") == set()


def test_negated_connector_finding_is_no_failure():
    g = infer([connector_finding(secured=False, subluxed=True, status="negated")], implants=CONNECTED_RODS)
    assert nodes(g, "ConnectorFailure") == set()


def test_uncertain_connector_finding_is_possible_failure_and_no_hardware_failure():
    g = infer([connector_finding(secured=False, status="uncertain")], implants=CONNECTED_RODS, symptoms=["back pain"])
    [c] = nodes(g, "ConnectorFailure")
    assert certainty(g, c) == SKG.PossibleCertainty
    assert label(g, c).startswith("possible connector failure")
    assert nodes(g, "HardwareFailure") == set()
    assert nodes(g, "ConstructDiscontinuity") == set()
    assert nodes(g, "RevisionEvaluationIndication") == set()


def test_subluxation_direction_is_kept():
    g = infer([connector_finding(subluxed=True, direction="posteromedial")], implants=CONNECTED_RODS)
    [c] = nodes(g, "ConnectorFailure")
    assert value(g, c, SKG.hasDirection) == SKG.Posteromedial


# --------------------------------------------------------------------------------------------
# hardware-failure
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("findings, about", [
    ([connector_finding(secured=False)], "connector"),
    ([{"type": "fracture", "implant": "rod-lower", "level": "L4"}], "rod-lower"),
    ([{"type": "fracture", "implant": "screw-1"}], "screw-1"),
    ([{"type": "disconnection", "implant": "screw-2"}], "screw-2"),
], ids=["connector-failure", "rod-fracture", "screw-fracture", "screw-rod-disconnection"])
def test_hardware_failure_from_each_failure_mode(findings, about):
    g = infer(findings, implants=CONNECTED_RODS)
    [hf] = nodes(g, "HardwareFailure")
    assert implant(about) in objects(g, hf, SKG.concerns)
    assert value(g, hf, SKG.ofCase) == C
    assert applied_rules(g, hf) == {"hardware-failure"}
    assert derived_from(g, hf)


def test_stimulator_lead_fracture_is_not_hardware_failure():
    g = infer([{"type": "fracture", "implant": "scs-lead"}], implants=STIMULATOR, symptoms=["back pain"])
    assert nodes(g, "HardwareFailure") == set()
    assert nodes(g, "ConstructDiscontinuity") == set()
    assert nodes(g, "RevisionEvaluationIndication") == set()


@pytest.mark.parametrize("status", ["negated", "uncertain"])
def test_fracture_must_be_affirmed(status):
    g = infer([{"type": "fracture", "implant": "screw-1", "status": status}])
    assert nodes(g, "HardwareFailure") == set()


def test_connector_failure_without_a_named_connector_is_still_hardware_failure():
    g = infer([{"type": "rod connector", "implant": "rod-lower", "secured": False}], implants=CONNECTED_RODS)
    assert nodes(g, "ConnectorFailure")
    assert nodes(g, "HardwareFailure")


# --------------------------------------------------------------------------------------------
# construct-discontinuity
# --------------------------------------------------------------------------------------------

def test_failed_connector_separates_both_rods_at_its_level():
    g = infer([connector_finding(secured=False)], implants=CONNECTED_RODS)
    [d] = nodes(g, "ConstructDiscontinuity")
    assert objects(g, d, SKG.separates) == {implant("rod-upper"), implant("rod-lower")}
    assert value(g, d, SKG.atLevel) == SKG.L3
    assert value(g, d, SKG.onSide) == SKG.Left
    assert used_by_rule(g, d, "construct-discontinuity") == nodes(g, "ConnectorFailure")
    # the construct graph reaches the same discontinuity (same IRI) from the same report
    assert applied_rules(g, d) == {"construct-discontinuity", "construct-graph"}


def test_fractured_rod_is_discontinuous_at_the_reported_level():
    g = infer([{"type": "fracture", "implant": "rod-lower", "level": "L4"}], implants=CONNECTED_RODS)
    [d] = nodes(g, "ConstructDiscontinuity")
    assert value(g, d, SKG.atLevel) == SKG.L4
    assert objects(g, d, SKG.separates) == {implant("rod-lower")}
    assert used_by_rule(g, d, "construct-discontinuity") == {finding("finding-1")}


def test_fractured_screw_is_no_construct_discontinuity():
    g = infer([{"type": "fracture", "implant": "screw-1"}])
    assert nodes(g, "ConstructDiscontinuity") == set()
    assert nodes(g, "HardwareFailure")


# --------------------------------------------------------------------------------------------
# non-union risk: factors, imaging signs and level
# --------------------------------------------------------------------------------------------

def risk(g: Graph) -> tuple[URIRef, int, int]:
    node = one(g, "NonUnionRiskAssessment")
    return value(g, node, SKG.riskLevel), value(g, node, SKG.riskFactorCount), value(g, node, SKG.imagingSignCount)


def factors(g: Graph) -> set[URIRef]:
    return {value(g, n, SKG.forRiskFactor) for n in nodes(g, "RiskFactorContribution")}


def test_risk_factors_stated_absent_is_low_risk():
    g = infer([], absent_risk_factors=["smoking", "diabetes"])
    assert risk(g) == (SKG.LowRisk, 0, 0)
    assert applied_rules(g, one(g, "NonUnionRiskAssessment")) == {"nonunion-risk-level"}
    assert "convention, not a published score" in label(g, one(g, "NonUnionRiskAssessment"))


def test_no_risk_factor_information_is_not_assessable():
    """Issue 13: a record silent about risk factors is not low risk."""
    g = infer([])
    assert risk(g) == (SKG.RiskNotAssessable, 0, 0)
    assert "not assessable" in label(g, one(g, "NonUnionRiskAssessment"))


def test_a_risk_factor_cannot_be_both_present_and_absent():
    from spinekg.cases import CaseError

    with pytest.raises(CaseError, match="both as present"):
        case_from_data(case_data([], risk_factors=["smoking"], absent_risk_factors=["smoking"]))


def test_smoking_is_elevated_risk_with_yang_2024_odds_ratio():
    g = infer([], risk_factors=["smoking"])
    assert risk(g) == (SKG.ElevatedRisk, 1, 0)
    [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.Smoking)
    fig = value(g, f, SKG.usesFigure)
    lit = literature_graph()
    assert value(lit, fig, SKG.reportedIn) == URIRef(PUB + "yang-2024")
    assert value(g, f, SKG.oddsRatio) == value(lit, fig, SKG.estimate) == Decimal("1.57")
    assert "1.57" in label(g, f)
    assert fig in derived_from(g, f)
    assert f in objects(g, one(g, "NonUnionRiskAssessment"), SKG.riskFactorPresent)


def test_three_risk_factors_is_high_risk():
    g = infer([], risk_factors=["smoking", "diabetes", "vitamin D deficiency"])
    assert factors(g) == {SKG.Smoking, SKG.Diabetes, SKG.VitaminDDeficiency}
    assert risk(g) == (SKG.HighRisk, 3, 0)


def test_two_risk_factors_is_elevated_risk():
    g = infer([], risk_factors=["smoking", "diabetes"])
    assert risk(g) == (SKG.ElevatedRisk, 2, 0)


def test_osteoporosis_is_not_a_non_union_risk_factor():
    # Lechtholz-Zey 2024: no significant difference in fusion rate.
    g = infer([], risk_factors=["osteoporosis"])
    assert risk(g) == (SKG.LowRisk, 0, 0)


@pytest.mark.parametrize("fusion, expected", [("L3-L5", "1.53"), ("C4-C6", "1.89")])
def test_steroid_odds_ratio_matches_the_fusion_population(fusion, expected):
    g = infer([], risk_factors=["steroids"], fusion=fusion, fusion_type="anterior fusion")
    [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.LongTermSteroids)
    assert value(g, f, SKG.oddsRatio) == Decimal(expected)


def test_loosening_sign_at_6_months_with_one_factor_is_high_risk():
    g = infer([lucency("4 mm")], risk_factors=["smoking"], interval="6 months")
    [sign] = nodes(g, "PseudarthrosisImagingSign")
    assert value(g, sign, SKG.signOf) == next(iter(loosening(g)))
    assert applied_rules(g, sign) == {"nonunion-imaging-signs"}
    assert risk(g) == (SKG.HighRisk, 1, 1)


def test_loosening_sign_without_a_factor_is_elevated_risk():
    g = infer([lucency("4 mm")], interval="6 months")
    assert risk(g) == (SKG.ElevatedRisk, 0, 1)


def test_loosening_at_5_months_is_not_a_pseudarthrosis_sign():
    g = infer([lucency("4 mm")], risk_factors=["smoking"], interval="5 months")
    assert loosening(g)
    assert nodes(g, "PseudarthrosisImagingSign") == set()
    assert risk(g) == (SKG.ElevatedRisk, 1, 0)


def test_hardware_failure_at_6_months_is_a_pseudarthrosis_sign():
    g = infer([{"type": "fracture", "implant": "screw-1"}], interval="6 months")
    [sign] = nodes(g, "PseudarthrosisImagingSign")
    assert value(g, sign, SKG.signOf) == one(g, "HardwareFailure")


@pytest.mark.parametrize("interval, sign", [
    # issue 13: calendar months; 26 weeks is 6 months, 180 or 182 days is not (183 is)
    ("26 weeks", True), ("182 days", False), ("180 days", False), ("183 days", True),
    ("27 weeks", True), ("25 weeks", False), ("1 year", True), ("0.5 years", True),
    ("150 days", False), ("6 months", True), ("5.9 months", False),
])
def test_imaging_sign_interval_in_other_units(interval, sign):
    g = infer([lucency("4 mm")], interval=interval)
    assert bool(nodes(g, "PseudarthrosisImagingSign")) is sign


@pytest.mark.parametrize("fused, studied, sign", [
    ("2024-01-15", "2024-07-15", True), ("2024-01-15", "2024-07-14", False),
    ("2024-01-31", "2024-07-31", True), ("2024-01-31", "2024-07-30", False),
    ("2023-08-31", "2024-02-29", False), ("2023-08-31", "2024-03-31", True),
])
def test_imaging_sign_from_the_dates_counts_calendar_months(fused, studied, sign):
    data = case_data([lucency("4 mm")], interval=None)
    data["procedures"][0]["date"] = fused
    data["studies"][0]["date"] = studied
    loaded = case_from_data(data)
    g = reason_case_graph(loaded.graph, loaded.case_id)
    assert bool(nodes(g, "PseudarthrosisImagingSign")) is sign


@pytest.mark.parametrize("early_finding", [lucency("4 mm"), {"type": "fracture", "implant": "screw-1"}],
                         ids=["loosening", "hardware-failure"])
def test_sign_seen_only_on_an_early_study_is_not_a_pseudarthrosis_sign(early_finding):
    data = case_data([{**early_finding, "study": "early"}], risk_factors=["smoking"])
    data["studies"] = [
        {"id": "early", "modality": "CT", "interval_after_surgery": "3 months", "after": "fusion"},
        {"id": "late", "modality": "radiograph", "interval_after_surgery": "12 months", "after": "fusion"},
    ]
    loaded = case_from_data(data)
    g = reason_case_graph(loaded.graph, loaded.case_id)
    assert loosening(g) or nodes(g, "HardwareFailure")
    assert nodes(g, "PseudarthrosisImagingSign") == set()
    assert risk(g) == (SKG.ElevatedRisk, 1, 0)


def test_study_without_an_interval_gives_no_pseudarthrosis_sign():
    g = infer([lucency("4 mm")], interval=None)
    assert nodes(g, "PseudarthrosisImagingSign") == set()


def test_posterior_fusion_including_a_cervical_level_is_a_posterior_cervical_approach():
    g = infer([], fusion="C5-C7")
    [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.PosteriorCervicalApproach)
    fig = value(g, f, SKG.usesFigure)
    assert value(literature_graph(), fig, SKG.reportedIn) == URIRef(PUB + "hofler-2018")
    assert value(g, f, SKG.oddsRatio) == Decimal("4.47")
    assert risk(g) == (SKG.ElevatedRisk, 1, 0)


@pytest.mark.parametrize("fusion, cervical", [
    ("C7-T2", False), ("C7-T9", False),  # issue 13: mostly thoracic, so thoracolumbar (Hofler: OR 0.58 there)
    ("C7-T1", False),                     # half cervical is not most
    ("C6-T1", True),                      # 2 of 3 levels cervical
    ("C5-T1", True), ("C3-C7", True),
])
def test_posterior_cervical_approach_only_for_fusions_that_are_mostly_cervical(fusion, cervical):
    g = infer([], fusion=fusion)
    assert (SKG.PosteriorCervicalApproach in factors(g)) is cervical


@pytest.mark.parametrize("fusion, medium", [("L2-L4", False), ("L1-L4", True), ("T1-T8", True), ("T1-T9", False),
                                           ("C3-C6", False)])
def test_fusion_of_4_to_8_vertebrae_in_a_thoracolumbar_fusion(fusion, medium):
    """Hofler 2018: OR 1.52 for 4-8 vertebrae in thoracic or lumbar fusions (none reported for cervical)."""
    g = infer([], fusion=fusion)
    assert (SKG.FusionOfFourToEightVertebrae in factors(g)) is medium
    if medium:
        [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.FusionOfFourToEightVertebrae)
        assert value(g, f, SKG.oddsRatio) == Decimal("1.52")


@pytest.mark.parametrize("fusion, fusion_type", [("L4-L5", "posterior fusion"), ("C5-C7", "anterior fusion")])
def test_lumbar_or_anterior_fusion_is_not_a_posterior_cervical_approach(fusion, fusion_type):
    g = infer([], fusion=fusion, fusion_type=fusion_type)
    assert SKG.PosteriorCervicalApproach not in factors(g)


@pytest.mark.parametrize("fusion, long", [("T1-T9", True), ("T1-T8", False), ("T8-L4", True), ("T9-L4", False)])
def test_fusion_of_9_or_more_vertebrae_is_a_long_fusion(fusion, long):
    g = infer([], fusion=fusion)
    assert (SKG.LongFusion in factors(g)) is long
    if long:
        [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.LongFusion)
        assert value(g, f, SKG.oddsRatio) == Decimal("1.87")  # thoracolumbar figure
        assert value(literature_graph(), value(g, f, SKG.usesFigure), SKG.reportedIn) == URIRef(PUB + "hofler-2018")


def test_long_cervical_fusion_uses_the_cervical_odds_ratio():
    g = infer([], fusion="C3-T4")  # 9 vertebrae, includes cervical levels
    [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.LongFusion)
    assert value(g, f, SKG.oddsRatio) == Decimal("2.54")


@pytest.mark.parametrize("count", [0, 1, 12])
def test_prior_spine_surgeries_alone_are_not_a_prior_revision(count):
    """Issue 13: a count of earlier operations does not say any was a revision."""
    data = case_data([])
    data["patient"]["prior_spine_surgeries"] = count
    loaded = case_from_data(data)
    g = reason_case_graph(loaded.graph, loaded.case_id)
    assert SKG.PriorRevisionSurgery not in factors(g)


def test_a_recorded_revision_is_the_prior_revision_factor():
    data = case_data([])
    data["procedures"].append({"id": "revision", "type": "revision surgery"})
    loaded = case_from_data(data)
    g = reason_case_graph(loaded.graph, loaded.case_id)
    [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.PriorRevisionSurgery)
    assert value(g, f, SKG.oddsRatio) == Decimal("1.6")


def test_a_wound_complication_is_not_the_surgical_site_infection_factor():
    """Issue 13: Hollern's figures are about infection; poor wound healing is recorded, not counted."""
    data = case_data([])
    data["patient"]["conditions"] = ["wound complication"]
    loaded = case_from_data(data)
    g = reason_case_graph(loaded.graph, loaded.case_id)
    assert SKG.SurgicalSiteInfectionFactor not in factors(g)


def test_surgical_site_infection_is_its_factor():
    data = case_data([])
    data["patient"]["conditions"] = ["surgical site infection"]
    loaded = case_from_data(data)
    g = reason_case_graph(loaded.graph, loaded.case_id)
    [f] = nodes(g, "RiskFactorContribution", forRiskFactor=SKG.SurgicalSiteInfectionFactor)
    assert objects(g, f, SKG.oddsRatio) == set()  # no odds ratio is reported: the range is cited instead
    assert value(g, f, SKG.usesFigure) == URIRef(FIG + "hollern-ssi-literature-range")
    assert risk(g) == (SKG.ElevatedRisk, 1, 0)


def test_no_fusion_means_no_non_union_assessment():
    g = infer([lucency("4 mm")], fusion=None, risk_factors=["smoking", "diabetes", "vitamin D deficiency"])
    assert nodes(g, "NonUnionRiskAssessment") == set()
    assert nodes(g, "RiskFactorContribution") == set()
    assert nodes(g, "PseudarthrosisImagingSign") == set()
    assert loosening(g)  # the loosening itself still stands


# --------------------------------------------------------------------------------------------
# revision evaluation (three rules, one indication with its reasons)
# --------------------------------------------------------------------------------------------

def revision(g: Graph) -> URIRef | None:
    found = nodes(g, "RevisionEvaluationIndication")
    assert len(found) <= 1
    return next(iter(found), None)


def reasons(g: Graph, ind: URIRef) -> dict[URIRef, str]:
    return {r: label(g, r) for r in g.objects(ind, SKG.reason)}


def test_hardware_failure_with_symptom_indicates_revision_evaluation():
    g = infer([{"type": "fracture", "implant": "screw-1"}], symptoms=["back pain"])
    ind = revision(g)
    assert ind is not None
    rs = reasons(g, ind)
    assert any("hardware failure" in text for text in rs.values())
    assert "revision-evaluation-hardware-failure" in applied_rules(g, ind)
    for r in rs:
        assert one(g, "HardwareFailure") in derived_from(g, r)


def test_hardware_failure_without_symptoms_does_not_indicate_revision_evaluation():
    g = infer([{"type": "fracture", "implant": "screw-1"}])
    assert nodes(g, "HardwareFailure")
    assert revision(g) is None


def test_two_suspected_loose_screws_with_symptom_indicate_revision_evaluation():
    g = infer([lucency("4 mm", on="screw-1"), lucency("1.1 mm", on="screw-2")], symptoms=["neck pain"])
    ind = revision(g)
    assert ind is not None
    [(r, text)] = reasons(g, ind).items()
    assert "suspected loosening of 2 screws" in text
    assert derived_from(g, r) >= nodes(g, "ScrewLoosening")
    assert applied_rules(g, ind) == {"revision-evaluation-multiple-loosening"}


def test_one_loose_screw_with_symptom_does_not_indicate_revision_evaluation():
    g = infer([lucency("4 mm")], symptoms=["back pain"])
    assert revision(g) is None


def test_two_lucencies_on_the_same_screw_count_as_one_loose_screw():
    g = infer([lucency("4 mm", fid="a"), lucency("3 mm", fid="b")], symptoms=["back pain"])
    assert revision(g) is None


def test_two_loose_screws_without_symptoms_do_not_indicate_revision_evaluation():
    g = infer([lucency("4 mm", on="screw-1"), lucency("4 mm", on="screw-2")])
    assert revision(g) is None


def test_threatening_breach_indicates_revision_evaluation_without_symptoms():
    g = infer([breach("4.5 mm", "medial")])
    ind = revision(g)
    assert ind is not None
    [(r, text)] = reasons(g, ind).items()
    assert "threatening" in text
    assert one(g, "ThreateningBreach") in derived_from(g, r)


@pytest.mark.parametrize("findings, symptoms", [
    ([{"type": "fracture", "implant": "screw-1"}], ["back pain"]),
    ([lucency("4 mm", on="screw-1"), lucency("4 mm", on="screw-2")], ["back pain"]),
    ([breach("6 mm", "lateral")], []),
    ([connector_finding(secured=False), lucency("4 mm", on="screw-1"), lucency("4 mm", on="screw-2"),
      breach("5 mm", "medial", on="screw-1")], ["radiculopathy"]),
], ids=["hardware", "loosening", "breach", "all-three"])
def test_every_revision_indication_has_labelled_reasons(findings, symptoms):
    g = infer(findings, symptoms=symptoms, implants=CONNECTED_RODS)
    ind = revision(g)
    assert ind is not None
    rs = reasons(g, ind)
    assert rs
    for r, text in rs.items():
        assert text.strip()
        assert SKG.RevisionReason in objects(g, r, RDF.type)
        assert derived_from(g, r)
    assert label(g, ind) == "revision evaluation indicated"


def test_all_three_revision_reasons_are_listed_together():
    g = infer([connector_finding(secured=False), lucency("4 mm", on="screw-1"), lucency("4 mm", on="screw-2"),
               breach("5 mm", "medial", on="screw-1")], symptoms=["radiculopathy"], implants=CONNECTED_RODS)
    ind = revision(g)
    texts = " | ".join(reasons(g, ind).values())
    for part in ("hardware failure", "construct discontinuity", "loosening of 2 screws", "threatening"):
        assert part in texts
    assert applied_rules(g, ind) == {"revision-evaluation-hardware-failure", "revision-evaluation-multiple-loosening",
                                     "revision-evaluation-threatening-breach"}


# --------------------------------------------------------------------------------------------
# spinal cord stimulator
# --------------------------------------------------------------------------------------------

def test_stimulator_lead_in_the_spinal_canal_is_expected_placement_not_a_complication():
    g = infer([{"type": "lead position", "implant": "scs-lead", "location": "spinal canal", "level": "T9"}],
              implants=STIMULATOR, symptoms=["back pain"])
    [e] = nodes(g, "ExpectedDevicePlacement")
    assert value(g, e, SKG.concerns) == implant("scs-lead")
    assert applied_rules(g, e) == {"stimulator-lead-expected-placement"}
    assert nodes(g, "Complication") == set()
    assert SKG.Complication not in objects(g, e, RDF.type)
    assert revision(g) is None


def test_stimulator_lead_elsewhere_is_not_called_expected_placement():
    g = infer([{"type": "lead position", "implant": "scs-lead", "location": "lamina", "level": "T9"}],
              implants=STIMULATOR)
    assert nodes(g, "ExpectedDevicePlacement") == set()


def test_migrated_stimulator_lead_is_lead_migration_not_hardware_failure():
    g = infer([{"type": "migration", "implant": "scs-lead"}], implants=STIMULATOR, symptoms=["back pain"])
    [m] = nodes(g, "LeadMigration")
    assert SKG.Complication in objects(g, m, RDF.type)
    assert nodes(g, "HardwareFailure") == set()
    assert revision(g) is None


@pytest.mark.parametrize("distance, flagged", [("1.9 mm", False), ("2.0 mm", True)])
def test_inferior_breach_of_2mm_is_flagged_for_the_exiting_root(distance, flagged):
    g = infer([breach(distance, "inferior")])
    assert bool(nodes(g, "NeurologicalCorrelationFlag")) is flagged


# --------------------------------------------------------------------------------------------
# loosening stated in the report without a measurement
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("status, certainty", [(None, SKG.SuspectedCertainty), ("uncertain", SKG.PossibleCertainty)])
def test_reported_loosening_without_a_width(status, certainty):
    f = {"type": "loosening", "implant": "screw-1", **({"status": status} if status else {})}
    g = infer([f])
    [c] = nodes(g, "ScrewLoosening")
    assert value(g, c, SKG.certainty) == certainty
    assert "stated in the report" in str(value(g, c, SKG.criterion))


def test_negated_reported_loosening_concludes_nothing():
    g = infer([{"type": "loosening", "implant": "screw-1", "status": "negated"}])
    assert nodes(g, "ScrewLoosening") == set()


def test_lucency_without_a_width_is_recorded_but_concludes_nothing():
    g = infer([lucency()])
    assert nodes(g, "ScrewLoosening") == set()


# --------------------------------------------------------------------------------------------
# issue 13: corrections to existing rules, each at its boundary
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("width, met", [("2.0 mm", False), ("2.1 mm", True), ("1.2 mm", False)])
def test_every_measured_lucency_says_whether_the_stricter_criterion_is_met(width, met):
    g = infer([lucency(width)])
    cls = "StrictLucencyCriterionMet" if met else "StrictLucencyCriterionNotMet"
    [node] = nodes(g, cls)
    assert value(g, node, SKG.criterionMet) is met
    assert label(g, node).startswith("meets" if met else "does not meet")
    assert nodes(g, "StrictLucencyCriterionNotMet" if met else "StrictLucencyCriterionMet") == set()


def test_a_lucency_without_width_gets_no_strict_statement():
    g = infer([{"type": "lucency", "implant": "screw-1"}])
    assert nodes(g, "StrictLucencyCriterionMet") == nodes(g, "StrictLucencyCriterionNotMet") == set()


@pytest.mark.parametrize("relative_to, grade", [(None, "HearyGradeIII"), ("vertebral body", "HearyGradeIII"),
                                                ("pedicle", "HearyGradeIV")])
def test_anteromedial_penetration_of_the_body_is_heary_iii(relative_to, grade):
    g = infer([breach("3 mm", "anteromedial", relative_to=relative_to)], screws=THORACIC_SCREWS, fusion="T4-T6")
    [m] = nodes(g, "ScrewMalposition")
    assert SKG[grade] in objects(g, m, SKG.hearyGrade)
    assert {SKG.HearyGradeIII, SKG.HearyGradeIV} - {SKG[grade]} - objects(g, m, SKG.hearyGrade) == \
        {SKG.HearyGradeIII, SKG.HearyGradeIV} - {SKG[grade]}


LEFT_T3_TO_T12 = [{"id": f"screw-{lv}-{side}", "type": "pedicle screw", "level": lv, "side": side}
                  for lv in ("T3", "T4", "T12", "L1") for side in ("left", "right")]


@pytest.mark.parametrize("on, direction, flagged", [
    ("screw-T4-left", "lateral", True), ("screw-T12-left", "anterior", True), ("screw-T4-left", "anterolateral", True),
    ("screw-T3-left", "lateral", False),   # above T4: not in the studies
    ("screw-L1-left", "anterior", False),  # lumbar: no verified vessel source for this check
    ("screw-T4-right", "lateral", False),  # the aorta is on the left
    ("screw-T4-left", "medial", False),
])
def test_a_left_thoracic_lateral_or_anterior_breach_is_checked_against_the_aorta(on, direction, flagged):
    g = infer([breach(None, direction, on=on)], screws=LEFT_T3_TO_T12, fusion="T3-L1")
    found = nodes(g, "VascularProximityFlag")
    assert bool(found) is flagged
    if flagged:
        [f] = found
        assert value(g, f, SKG.nearVessel) == "the descending aorta" and value(g, f, SKG.concerns) == implant(on)
        assert applied_rules(g, f) == {"thoracic-breach-aorta"}
        assert nodes(g, "ThreateningBreach") == set()  # a flag for a check, not a threat by distance


def test_separate_fusions_are_separate_fused_spans():
    data = case_data([], fusion="C7-T2")
    data["procedures"].append({"id": "lumbar", "type": "posterior fusion", "levels": "L4-L5"})
    loaded = case_from_data(data)
    g = reason_case_graph(loaded.graph, loaded.case_id)
    spans = nodes(g, "FusedSpan")
    assert {(value(g, s, SKG.upperLevel), value(g, s, SKG.lowerLevel)) for s in spans} == {
        (SKG.C7, SKG.T2), (SKG.L4, SKG.L5)}
    one = case_from_data(case_data([], fusion="C7-T2"))
    [single] = nodes(reason_case_graph(one.graph, one.case_id), "FusedSpan")
    assert str(single).endswith("/construct-graph/fused-span")
