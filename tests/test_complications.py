"""The complication families beyond the published case (issue 14): positive, negative and boundary tests.

Screw back-out and locking failure, interbody cage subsidence and migration, rod-fracture context,
junctional kyphosis, adjacent segments and the cervicothoracic junction, stimulator leads and
implant-associated infection. Each test builds a minimal case with the helpers of tests/test_rules.py,
reasons over it and queries the inferred graph; figures from the literature are read from the
packaged knowledge base. The case-format fields these families need (angles, percentages, lead
compartments, a study compared with) are checked for clear errors at the end.
"""
from __future__ import annotations

from typing import Any

import pytest
from rdflib import URIRef

from spinekg.cases import CaseError, case_from_data
from spinekg.data import literature_graph
from spinekg.reasoning import reason_case_graph
from spinekg.reasoning.rules import get_rule
from spinekg.vocab import RDF, SKG
from test_rules import (  # the helpers of the rule tests: same minimal case, same queries
    CASE_ID,
    CONNECTED_RODS,
    FIG,
    STIMULATOR,
    C,
    applied_rules,
    case_data,
    certainty,
    derived_from,
    finding,
    implant,
    infer,
    label,
    lucency,
    nodes,
    objects,
    one,
    value,
)

CAGE = [{"id": "cage", "type": "interbody cage", "levels": "L4-L5", "label": "L4-L5 cage"}]
LATERAL_CAGE = [{"id": "cage", "type": "lateral cage", "levels": "L3-L4", "label": "L3-L4 lateral cage"}]
CERVICAL_CAGE = [{"id": "cage", "type": "interbody cage", "levels": "C5-C6", "label": "C5-C6 cage"}]
SET_SCREW = [{"id": "set-screw", "type": "set screw", "level": "L4", "side": "left"}]


def criterion(g, node) -> str:
    return str(value(g, node, SKG.criterion))


def infer_data(data: dict[str, Any]):
    """Reason over a case dict (for cases the minimal builder cannot express, e.g. two studies)."""
    loaded = case_from_data(data)
    return reason_case_graph(loaded.graph, loaded.case_id)


def problems(data: dict[str, Any]) -> list[str]:
    """The case-format problems of a case dict, as 'path: message' (empty when it is valid)."""
    try:
        case_from_data(data, "case.yaml")
    except CaseError as exc:
        return [f"{p.path}: {p.message}" for p in exc.problems]
    return []


def figure(name: str) -> URIRef:
    return URIRef(FIG + name)


def kb(fig: str, prop: str) -> float:
    """A number of a reported figure, read from the packaged literature."""
    return float(literature_graph().value(figure(fig), SKG[prop]).toPython())


def two_studies(findings: list[dict], *, implants: list[dict] | tuple = (), screws: list[dict] | None = None,
                early: dict | None = None, late: dict | None = None, **kw: Any) -> dict[str, Any]:
    """A minimal case with a baseline study and a follow-up study (each finding names its study)."""
    data = case_data(findings, implants=implants, screws=screws, **kw)
    data["studies"] = [{"id": "baseline", "modality": "radiograph", **(early or {"date": "2024-01-02"})},
                       {"id": "follow-up", "modality": "radiograph", **(late or {"date": "2024-06-01"})}]
    for f in data["findings"]:
        f.setdefault("study", "follow-up")
    return data


# --------------------------------------------------------------------------------------------
# screw back-out / pull-out (no measured threshold exists)
# --------------------------------------------------------------------------------------------

def back_out(distance: str | None = None, *, on: str = "screw-1", status: str | None = None,
             kind: str = "backing out") -> dict[str, Any]:
    f: dict[str, Any] = {"type": kind, "implant": on, "text": "The screw has backed out."}
    if distance is not None:
        f["distance"] = distance
    if status:
        f["status"] = status
    return f


@pytest.mark.parametrize("distance", [None, "0.5 mm", "3 mm", "1.2 cm"])
def test_reported_back_out_is_concluded_whatever_the_distance(distance):
    # no published mm threshold exists: a stated distance is carried, never compared with a cut-off
    g = infer([back_out(distance)])
    [node] = nodes(g, "ScrewBackOut", concerns=implant("screw-1"))
    assert certainty(g, node) is None
    assert "no measured threshold for back-out exists" in label(g, node)
    assert "no published mm threshold" in criterion(g, node)
    if distance:
        mm = {"0.5 mm": "0.5", "3 mm": "3", "1.2 cm": "12"}[distance]
        assert f", {mm}" in label(g, node)
    assert {finding("finding-1"), figure("sumiya-2021-pullout-per-screw")} <= derived_from(g, node)
    assert applied_rules(g, node) == {"screw-back-out"}
    assert value(g, node, SKG.atLevel) == SKG.L4 and value(g, node, SKG.onSide) == SKG.Left


@pytest.mark.parametrize("word", ["migration", "pull-out", "backout"])
def test_back_out_words_of_the_case_format(word):
    g = infer([back_out(kind=word)])
    assert len(nodes(g, "ScrewBackOut")) == 1


def test_back_out_is_hardware_failure_and_a_reason_for_revision_when_symptomatic():
    g = infer([back_out("4 mm")], symptoms=["back pain"])
    hf = URIRef(f"{C}/conclusion/hardware-failure")
    assert SKG.HardwareFailure in objects(g, hf, RDF.type)
    assert applied_rules(g, hf) == {"hardware-failure-fixation-loss"}
    assert value(g, hf, SKG.concerns) == implant("screw-1")
    [reason] = nodes(g, "RevisionReason")
    assert label(g, reason) == "hardware failure in a symptomatic patient"
    assert hf in derived_from(g, reason)


def test_back_out_without_symptoms_is_no_revision_reason():
    g = infer([back_out("4 mm")])
    assert nodes(g, "HardwareFailure") and not nodes(g, "RevisionEvaluationIndication")


@pytest.mark.parametrize("interval, sign", [("12 months", True), ("6 months", True), ("3 months", False)])
def test_back_out_is_an_imaging_sign_of_non_union_from_6_months(interval, sign):
    g = infer([back_out()], interval=interval)
    assert bool(nodes(g, "PseudarthrosisImagingSign")) is sign


def test_uncertain_back_out_is_possible_and_no_hardware_failure():
    g = infer([back_out(status="uncertain")], symptoms=["back pain"])
    [node] = nodes(g, "ScrewBackOut")
    assert certainty(g, node) == SKG.PossibleCertainty and label(g, node).startswith("possible screw back-out")
    assert not nodes(g, "HardwareFailure") and not nodes(g, "RevisionEvaluationIndication")


def test_negated_back_out_gives_nothing():
    g = infer([back_out(status="negated")])
    assert not nodes(g, "ScrewBackOut") and not nodes(g, "HardwareFailure")


def test_a_migrated_lead_or_cage_is_no_screw_back_out():
    g = infer([back_out(on="scs-lead"), back_out(on="cage")], implants=[*STIMULATOR, *CAGE])
    assert not nodes(g, "ScrewBackOut") and not nodes(g, "HardwareFailure")
    assert nodes(g, "LeadMigration") and nodes(g, "CageMigration")


# --------------------------------------------------------------------------------------------
# screw-rod locking failure
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word", ["locking failure", "set screw disengagement", "disconnection"])
def test_locking_failure_and_hardware_failure(word):
    g = infer([{"type": word, "implant": "screw-1", "text": "The set screw is disengaged."}], symptoms=["back pain"])
    [lf] = nodes(g, "LockingFailure", concerns=implant("screw-1"))
    assert certainty(g, lf) is None and "no base rate" in criterion(g, lf)
    assert figure("okamoto-2012-screw-rod-disassembly") in derived_from(g, lf)
    hf = one(g, "HardwareFailure")
    assert "hardware-failure" in applied_rules(g, hf)  # the existing rule reads the finding class
    assert nodes(g, "RevisionEvaluationIndication")


def test_a_set_screw_that_backed_out_is_a_locking_failure_and_hardware_failure():
    g = infer([back_out(on="set-screw")], implants=SET_SCREW)
    assert not nodes(g, "ScrewBackOut")  # a set screw is not a bone screw
    [lf] = nodes(g, "LockingFailure", concerns=implant("set-screw"))
    assert "set screw backed out" in label(g, lf)
    hf = one(g, "HardwareFailure")
    assert applied_rules(g, hf) == {"hardware-failure-fixation-loss"} and lf in derived_from(g, hf)


def test_uncertain_locking_failure_is_possible_and_negated_is_nothing():
    g = infer([{"type": "locking failure", "implant": "screw-1", "status": "uncertain"}])
    [lf] = nodes(g, "LockingFailure")
    assert certainty(g, lf) == SKG.PossibleCertainty and not nodes(g, "HardwareFailure")
    assert not nodes(infer([{"type": "locking failure", "implant": "screw-1", "status": "negated"}]), "LockingFailure")


# --------------------------------------------------------------------------------------------
# interbody cage subsidence: > 2 mm default, severe > 4 mm; >= 2 mm (Rao); cervical grades; Marchi
# --------------------------------------------------------------------------------------------

def subsidence(distance: str | None = None, *, percent: str | None = None, status: str | None = None,
               on: str = "cage") -> dict[str, Any]:
    f: dict[str, Any] = {"type": "subsidence", "implant": on, "text": "The cage has subsided."}
    if distance is not None:
        f["distance"] = distance
    if percent is not None:
        f["percent"] = percent
    if status:
        f["status"] = status
    return f


@pytest.mark.parametrize("distance, default, severe, rao", [
    ("1.5 mm", False, False, False), ("2.0 mm", False, False, True), ("2.1 mm", True, False, True),
    ("4.0 mm", True, False, True), ("4.1 mm", True, True, True), ("0.6 cm", True, True, True),
])
def test_cage_subsidence_thresholds(distance, default, severe, rao):
    g = infer([subsidence(distance)], implants=CAGE)
    found = nodes(g, "CageSubsidence", concerns=implant("cage"))
    assert bool(found) is default
    assert bool(nodes(g, "SevereCageSubsidence")) is severe
    assert bool(nodes(g, "AlternativeCriterionMet", concerns=implant("cage"))) is rao
    if default:
        [node] = found
        assert certainty(g, node) is None and "> 2 mm" in criterion(g, node)
        assert figure("bmc-olif-2022-subsidence-threshold") in derived_from(g, node)
        assert (figure("bmc-olif-2022-fusion-severe") in derived_from(g, node)) is severe
        assert label(g, node).startswith("severe cage subsidence" if severe else "cage subsidence")


def test_rao_subsidence_rule_is_a_named_alternative():
    assert get_rule("cage-subsidence-rao-threshold").alternative_to == "cage-subsidence"
    g = infer([subsidence("2.0 mm")], implants=CAGE)
    [alt] = nodes(g, "AlternativeCriterionMet")
    assert ">= 2 mm" in label(g, alt) and figure("rao-2017-subsidence-threshold") in derived_from(g, alt)
    assert SKG.Complication not in objects(g, alt, RDF.type)


def test_unmeasured_or_uncertain_subsidence_is_possible_with_the_threshold_not_checkable():
    g = infer([subsidence()], implants=CAGE)
    [node] = nodes(g, "CageSubsidence")
    assert certainty(g, node) == SKG.PossibleCertainty and "cannot be checked" in criterion(g, node)
    g = infer([subsidence("3 mm", status="uncertain")], implants=CAGE)
    [node] = nodes(g, "CageSubsidence")
    assert certainty(g, node) == SKG.PossibleCertainty and not nodes(g, "AlternativeCriterionMet")


def test_negated_subsidence_and_subsidence_of_a_screw_give_nothing():
    assert not nodes(infer([subsidence("5 mm", status="negated")], implants=CAGE), "CageSubsidence")
    assert not nodes(infer([subsidence("5 mm", on="screw-1")]), "CageSubsidence")


@pytest.mark.parametrize("distance, grade", [("2.0 mm", "mild"), ("3 mm", "moderate"), ("3.9 mm", "moderate"),
                                             ("4.0 mm", "severe")])
def test_cervical_cage_grading_differs_from_the_default_at_4_mm(distance, grade):
    g = infer([subsidence(distance)], implants=CERVICAL_CAGE, fusion="C5-C6", fusion_type="anterior fusion")
    [node] = nodes(g, "SubsidenceGrade", concerns=implant("cage"))
    assert f"cervical cage subsidence {grade}" in label(g, node)
    assert applied_rules(g, node) == {"cage-subsidence-cervical-grade"}
    assert not nodes(g, "SevereCageSubsidence")  # 4.0 mm is severe only in the cervical grading
    assert get_rule("cage-subsidence-cervical-grade").alternative_to == "cage-subsidence"


def test_lumbar_cage_gets_no_cervical_grade():
    g = infer([subsidence("4.0 mm")], implants=CAGE)
    assert not nodes(g, "SubsidenceGrade")


@pytest.mark.parametrize("percent, band, high", [
    ("0 %", "0-24 %", False), ("24 %", "0-24 %", False), ("25 %", "25-49 %", False), ("49.9 %", "25-49 %", False),
    ("50 %", "50-74 %", True), ("74 %", "50-74 %", True), ("75 %", "75-100 %", True), ("100", "75-100 %", True),
])
def test_marchi_bands_key_on_the_percentage(percent, band, high):
    g = infer([subsidence(percent=percent)], implants=LATERAL_CAGE, fusion="L3-L4")
    [node] = nodes(g, "SubsidenceGrade", concerns=implant("cage"))
    assert f"band {band}" in label(g, node)
    assert "ISASS 2013 numbering" in criterion(g, node)  # both labellings are named
    assert (SKG.HighGradeCageSubsidence in objects(g, node, RDF.type)) is high
    assert (SKG.CageSubsidence in objects(g, node, RDF.type)) is high
    assert not nodes(g, "CageSubsidence") - {node}  # a percentage alone is no mm subsidence


def test_uncertain_percentage_of_a_lateral_cage_is_a_possible_subsidence_not_a_grade():
    # the Marchi bands read affirmed findings only; an uncertain one is still a possible subsidence
    g = infer([subsidence(percent="60 %", status="uncertain")], implants=LATERAL_CAGE, fusion="L3-L4")
    assert not nodes(g, "SubsidenceGrade")
    [node] = nodes(g, "CageSubsidence", concerns=implant("cage"))
    assert certainty(g, node) == SKG.PossibleCertainty and "cannot be checked" in criterion(g, node)


def test_marchi_grading_is_for_lateral_cages_only():
    g = infer([subsidence(percent="60 %")], implants=CAGE)
    assert not nodes(g, "SubsidenceGrade")
    [node] = nodes(g, "CageSubsidence")  # stated, but the mm threshold is not checkable
    assert certainty(g, node) == SKG.PossibleCertainty


# --------------------------------------------------------------------------------------------
# interbody cage migration: posterior threatens the canal; protrusion > 5 mm (Tanaka)
# --------------------------------------------------------------------------------------------

def migration(distance: str | None = None, direction: str | None = None, *, border: bool = False,
              status: str | None = None, on: str = "cage") -> dict[str, Any]:
    f: dict[str, Any] = {"type": "migration", "implant": on, "text": "The cage has migrated."}
    if distance:
        f["distance"] = distance
    if direction:
        f["direction"] = direction
    if border:
        f["relative_to"] = "posterior vertebral border"
    if status:
        f["status"] = status
    return f


@pytest.mark.parametrize("finding_, cls", [
    (migration("3 mm", "anterior"), "CageMigration"),
    (migration("3 mm", "posterior"), "PosteriorCageMigration"),
    (migration(direction="posterolateral"), "PosteriorCageMigration"),
    (migration("5.0 mm", border=True), "PosteriorCageMigration"),
    (migration("5.1 mm", border=True), "CageProtrusion"),
    (migration("8 mm", "posterior", border=True), "CageProtrusion"),
])
def test_cage_migration_classes(finding_, cls):
    g = infer([finding_], implants=CAGE)
    [node] = nodes(g, "CageMigration", concerns=implant("cage"))
    specific = {SKG.CageProtrusion, SKG.PosteriorCageMigration} & objects(g, node, RDF.type)
    assert SKG[cls] in objects(g, node, RDF.type)
    assert specific == {"CageMigration": set(), "PosteriorCageMigration": {SKG.PosteriorCageMigration},
                        "CageProtrusion": {SKG.CageProtrusion, SKG.PosteriorCageMigration}}[cls]
    posterior = cls != "CageMigration"
    assert (str(value(g, node, SKG.threatens)) == "the neural structures in the spinal canal") if posterior \
        else not objects(g, node, SKG.threatens)
    assert "Rickert 2023" in criterion(g, node)
    assert (figure("tanaka-2022-protrusion-threshold") in derived_from(g, node)) is (cls == "CageProtrusion")


def test_tanaka_is_not_checked_without_the_posterior_border():
    g = infer([migration("9 mm", "posterior")], implants=CAGE)
    [node] = nodes(g, "CageMigration")
    assert SKG.CageProtrusion not in objects(g, node, RDF.type)
    assert "cannot be checked" in criterion(g, node)


def test_posterior_cage_migration_is_a_revision_reason_when_symptomatic():
    g = infer([migration("3 mm", "posterior")], implants=CAGE, symptoms=["radiculopathy"])
    [reason] = nodes(g, "RevisionReason")
    assert label(g, reason) == "posterior cage migration toward the canal in a symptomatic patient"
    for quiet in (infer([migration("3 mm", "posterior")], implants=CAGE),
                  infer([migration("3 mm", "anterior")], implants=CAGE, symptoms=["back pain"]),
                  infer([migration("3 mm", "posterior", status="uncertain")], implants=CAGE, symptoms=["back pain"])):
        assert not nodes(quiet, "RevisionEvaluationIndication")


def test_uncertain_and_negated_cage_migration():
    g = infer([migration("3 mm", "posterior", status="uncertain")], implants=CAGE)
    [node] = nodes(g, "CageMigration")
    assert certainty(g, node) == SKG.PossibleCertainty and SKG.PosteriorCageMigration not in objects(g, node, RDF.type)
    assert not nodes(infer([migration("3 mm", status="negated")], implants=CAGE), "CageMigration")


def test_cage_migration_names_the_study_it_was_compared_with():
    data = two_studies([migration("6 mm", "posterior", border=True) | {"compared_with": "baseline"}], implants=CAGE)
    g = infer_data(data)
    [node] = nodes(g, "CageProtrusion")
    assert "compared with study baseline" in criterion(g, node)
    assert URIRef(f"{C}/study/baseline") in derived_from(g, node)


@pytest.mark.parametrize("findings, interval, signs", [
    ([migration("6 mm", border=True)], "12 months", 1),
    ([migration("6 mm", border=True)], "3 months", 0),
    ([migration("4 mm", "posterior")], "12 months", 0),  # small posterior migration: no sign (Rickert)
    ([subsidence("4.5 mm")], "12 months", 1),
    ([subsidence("4.0 mm")], "12 months", 0),
    ([subsidence("4.5 mm", status="uncertain")], "12 months", 0),
    ([subsidence("4.5 mm"), migration("6 mm", border=True)], "26 weeks", 2),
])
def test_only_large_cage_displacement_is_an_imaging_sign_of_non_union(findings, interval, signs):
    g = infer(findings, implants=CAGE, interval=interval, risk_factors=["smoking"])
    found = nodes(g, "PseudarthrosisImagingSign")
    assert len(found) == signs
    for s in found:
        assert "Rickert 2023" in label(g, s)
        assert applied_rules(g, s) == {"nonunion-imaging-signs-cage"}
    assessment = one(g, "NonUnionRiskAssessment")
    assert value(g, assessment, SKG.imagingSignCount) == signs
    assert value(g, assessment, SKG.riskLevel) == (SKG.HighRisk if signs else SKG.ElevatedRisk)


# --------------------------------------------------------------------------------------------
# rod-fracture risk context: rod-to-rod connectors (Barton 2015)
# --------------------------------------------------------------------------------------------

def test_connectors_in_the_construct_are_a_stated_rod_fracture_risk_factor():
    g = infer([], implants=CONNECTED_RODS)
    [node] = nodes(g, "RodFractureRiskFactor")
    fig = "barton-2015-connectors"
    assert float(value(g, node, SKG.oddsRatio)) == kb(fig, "estimate")
    text = label(g, node)
    for number in (kb(fig, "estimate"), kb(fig, "ciLower"), kb(fig, "ciUpper")):
        assert f"{number:g}" in text.replace("10.0", "10")
    assert "not a complication" in text and SKG.Complication not in objects(g, node, RDF.type)
    assert {implant("connector"), figure(fig)} <= derived_from(g, node)


def test_parallel_connector_word_and_no_connector():
    rods = [dict(x) for x in CONNECTED_RODS]
    rods[2]["type"] = "parallel connector"
    assert nodes(infer([], implants=rods), "RodFractureRiskFactor")
    assert not nodes(infer([]), "RodFractureRiskFactor")


# --------------------------------------------------------------------------------------------
# proximal junctional kyphosis and failure; distal junctional kyphosis
# --------------------------------------------------------------------------------------------

def angle(a: object, pre: object | None = None, *, kind: str = "proximal junctional angle") -> dict[str, Any]:
    f: dict[str, Any] = {"type": kind, "angle": a, "text": f"{kind} {a}"}
    if pre is not None:
        f["preoperative_angle"] = pre
    return f


@pytest.mark.parametrize("a, pre, default, strict", [
    ("10 deg", "0 deg", True, False),     # >= 10 (default) meets, > 10 (Kim 2022) does not
    ("10.5 deg", 0, True, True),
    ("9.9 deg", "-5 deg", False, False),  # angle below 10 although the change is 14.9
    ("18 deg", "9 deg", False, False),    # change 9
    ("18 deg", "8 deg", True, True),      # change exactly 10
    ("15°", "-5°", True, True),           # a lordotic preoperative angle counts with its sign
    (-5, -20, False, False),
])
def test_proximal_junctional_kyphosis_glattes_and_its_alternative(a, pre, default, strict):
    g = infer([angle(a, pre)])
    pjk = nodes(g, "ProximalJunctionalKyphosis")
    assert bool(pjk) is default
    alt = {n for n in nodes(g, "AlternativeCriterionMet") if applied_rules(g, n) == {"proximal-junctional-kyphosis-strict"}}
    assert bool(alt) is strict
    if default:
        [node] = pjk
        assert certainty(g, node) is None and label(g, node).startswith("proximal junctional kyphosis (Glattes)")
        assert figure("glattes-pjk-threshold") in derived_from(g, node)


def test_pjk_without_the_preoperative_angle_is_possible():
    g = infer([angle("12 deg")])
    [node] = nodes(g, "ProximalJunctionalKyphosis")
    assert certainty(g, node) == SKG.PossibleCertainty and "cannot be checked" in criterion(g, node)
    assert not nodes(g, "AlternativeCriterionMet")
    assert not nodes(infer([angle("9 deg")]), "ProximalJunctionalKyphosis")


def test_pjk_strict_rule_is_a_named_alternative():
    assert get_rule("proximal-junctional-kyphosis-strict").alternative_to == "proximal-junctional-kyphosis"


@pytest.mark.parametrize("a, pre, pjf", [("28 deg", "6 deg", True), ("27.9 deg", "0 deg", False),
                                        ("30 deg", "9 deg", False), ("40 deg", "10 deg", True)])
def test_proximal_junctional_failure_park_2024(a, pre, pjf):
    g = infer([angle(a, pre)])
    found = nodes(g, "ProximalJunctionalFailure")
    assert bool(found) is pjf
    if pjf:
        assert figure("park-2024-pjf-threshold") in derived_from(g, next(iter(found)))


def test_pjf_without_the_preoperative_angle_is_possible():
    [node] = nodes(infer([angle("30 deg")]), "ProximalJunctionalFailure")
    assert certainty(infer([angle("30 deg")]), node) == SKG.PossibleCertainty


@pytest.mark.parametrize("a, pre, sawada, issg", [
    ("10 deg", "0 deg", False, False), ("10.5 deg", "0 deg", True, True), ("10.5 deg", "1 deg", True, False),
    ("12 deg", "1 deg", True, True),
    ("12 deg", "2 deg", True, False),  # ISSG needs an increase of MORE than 10
    ("14 deg", None, True, False),     # ISSG needs the preoperative angle
])
def test_distal_junctional_kyphosis_sawada_and_issg(a, pre, sawada, issg):
    g = infer([angle(a, pre, kind="distal junctional angle")])
    assert bool(nodes(g, "DistalJunctionalKyphosis")) is sawada
    alt = {n for n in nodes(g, "AlternativeCriterionMet") if applied_rules(g, n) == {"distal-junctional-kyphosis-issg"}}
    assert bool(alt) is issg
    assert get_rule("distal-junctional-kyphosis-issg").alternative_to == "distal-junctional-kyphosis"


def test_a_negated_angle_finding_gives_nothing():
    g = infer([angle("30 deg", "0 deg") | {"status": "negated"}])
    assert not nodes(g, "ProximalJunctionalKyphosis") and not nodes(g, "ProximalJunctionalFailure")


# --------------------------------------------------------------------------------------------
# adjacent segment degeneration; the fusion ending at C7 or crossing the cervicothoracic junction
# --------------------------------------------------------------------------------------------

def asd(levels: object, status: str | None = None) -> dict[str, Any]:
    f: dict[str, Any] = {"type": "adjacent segment degeneration", "text": "Adjacent segment degeneration."}
    if isinstance(levels, list):
        f["levels"] = levels
    elif levels:
        f["level"] = levels
    if status:
        f["status"] = status
    return f


@pytest.mark.parametrize("levels, fusion, where, figs", [
    ("L3", "L4-L5", "at L3-L4, above the L4-L5 fusion", {"sears-2011-annual", "sears-2011-ten-year"}),
    (["L3", "L4"], "L4-L5", "at L3-L4, above the L4-L5 fusion", {"sears-2011-annual", "sears-2011-ten-year"}),
    (["L5", "S1"], "L4-L5", "at L5-S1, below the L4-L5 fusion", {"sears-2011-annual", "sears-2011-ten-year"}),
    ("C7", "C4-C6", "at C6-C7, below the C4-C6 fusion", {"hilibrand-1999-annual", "hilibrand-1999-ten-year"}),
    ("T3", "T4-T8", "at T3-T4, above the T4-T8 fusion", set()),
])
def test_adjacent_segment_with_the_base_rate_of_its_region(levels, fusion, where, figs):
    g = infer([asd(levels)], fusion=fusion, screws=[])
    [node] = nodes(g, "AdjacentSegmentDegeneration")
    assert where in label(g, node)
    used = {str(x).rsplit("/", 1)[-1] for x in derived_from(g, node) if str(x).startswith(FIG)}
    assert used == figs
    if figs:
        rate = kb(sorted(figs)[0], "estimate")
        assert f"{rate * 100:g} % per year" in label(g, node)
    else:
        assert "no base rate next to a thoracic fusion end" in label(g, node)


@pytest.mark.parametrize("levels, fusion", [("L1", "L4-L5"), (["L2", "L3"], "L4-L5"), (None, "L4-L5"), ("L3", None)])
def test_adjacent_segment_not_next_to_a_fusion_has_no_base_rate(levels, fusion):
    g = infer([asd(levels)], fusion=fusion, screws=[])
    [node] = nodes(g, "AdjacentSegmentDegeneration")
    assert "not next to a recorded fusion" in label(g, node)
    assert not {x for x in derived_from(g, node) if str(x).startswith(FIG)}


def test_a_segment_spanned_by_another_fusion_is_not_adjacent_to_the_shorter_one():
    data = case_data([asd(["C6", "C7"])], screws=[])
    data["procedures"] = [{"id": "acdf", "type": "anterior fusion", "levels": "C5-C6"},
                          {"id": "fusion", "type": "posterior fusion", "levels": "C3-C7"}]
    g = infer_data(data)
    [node] = nodes(g, "AdjacentSegmentDegeneration")
    assert "not next to a recorded fusion" in label(g, node)


@pytest.mark.parametrize("symptoms, words", [(["radiculopathy"], "if referable to this segment"),
                                             (["myelopathy"], "if referable to this segment"),
                                             (["back pain"], "Ahn 2016")])
def test_adjacent_segment_symptoms_are_stated(symptoms, words):
    g = infer([asd("L3")], symptoms=symptoms, screws=[])
    assert words in criterion(g, one(g, "AdjacentSegmentDegeneration"))


def test_adjacent_segment_uncertain_is_possible_and_negated_is_nothing():
    g = infer([asd("L3", "uncertain")], screws=[])
    assert certainty(g, one(g, "AdjacentSegmentDegeneration")) == SKG.PossibleCertainty
    assert not nodes(infer([asd("L3", "negated")], screws=[]), "AdjacentSegmentDegeneration")


@pytest.mark.parametrize("fusion, fusion_type, expected", [
    ("C3-C7", "posterior fusion", "ends at C7"), ("C4-T1", "posterior fusion", "crosses the cervicothoracic junction"),
    ("C3-T2", "posterior fusion", "crosses the cervicothoracic junction"),
    ("C3-C6", "posterior fusion", None), ("C7-T9", "posterior fusion", None), ("C3-C7", "anterior fusion", None),
])
def test_cervicothoracic_end_context_shows_the_disagreement(fusion, fusion_type, expected):
    g = infer([], fusion=fusion, fusion_type=fusion_type, screws=[])
    found = nodes(g, "CervicothoracicEndContext")
    if expected is None:
        assert not found
        return
    [node] = found
    text = label(g, node)
    assert expected in text and "the sources disagree on failure" in text
    assert "36.3 %" in text and "9 %" in text and "2.82" in text and "3.15" in text
    bmc = figure("bmc-cervicothoracic-2024-ending-c7" if expected == "ends at C7" else "bmc-cervicothoracic-2024-ending-t1")
    assert {bmc, figure("rajjoub-2022-asd-revision"), figure("chang-2022-asd")} <= derived_from(g, node)
    assert SKG.Complication not in objects(g, node, RDF.type) and not nodes(g, "RiskFactorContribution",
                                                                            forRiskFactor=SKG.LongFusion)


# --------------------------------------------------------------------------------------------
# spinal cord stimulator leads
# --------------------------------------------------------------------------------------------

def test_lead_fracture_is_a_stimulator_complication_not_hardware_failure():
    g = infer([{"type": "fracture", "implant": "scs-lead", "text": "The lead is fractured."}], implants=STIMULATOR,
              symptoms=["back pain"])
    [node] = nodes(g, "LeadFracture", concerns=implant("scs-lead"))
    assert "no pooled primary rate" in label(g, node) and figure("asra-2019-lead-fracture") in derived_from(g, node)
    assert not nodes(g, "HardwareFailure") and not nodes(g, "RevisionEvaluationIndication")
    for status in ("negated", "uncertain"):
        assert not nodes(infer([{"type": "fracture", "implant": "scs-lead", "status": status}], implants=STIMULATOR),
                         "LeadFracture")


def lead_move(distance: str, **extra: Any) -> dict[str, Any]:
    return {"type": "migration", "implant": "scs-lead", "distance": distance, "text": "The lead has moved.", **extra}


@pytest.mark.parametrize("distance, significant", [("0.4 levels", False), ("0.5 levels", True),
                                                   ("0.55 vertebral levels", True), ("2 vertebral level", True)])
def test_lead_migration_of_half_a_level_between_two_studies(distance, significant):
    g = infer_data(two_studies([lead_move(distance, compared_with="baseline", direction="caudal")], implants=STIMULATOR))
    found = nodes(g, "SignificantLeadMigration", concerns=implant("scs-lead"))
    assert bool(found) is significant
    assert nodes(g, "LeadMigration")  # the reported migration itself (rules/stimulator-lead-migration.rq)
    if significant:
        [node] = found
        text = label(g, node)
        assert "between study baseline and study follow-up" in text and "not associated with trial failure" in text
        assert {URIRef(f"{C}/study/baseline"), figure("mullins-2024-migration-threshold")} <= derived_from(g, node)
        assert value(g, node, SKG.hasDirection) == SKG.Inferior


@pytest.mark.parametrize("extra", [{}, {"distance": "12 mm", "compared_with": "baseline"}])
def test_lead_migration_needs_levels_and_an_earlier_study(extra):
    g = infer_data(two_studies([lead_move("0.8 levels") | extra], implants=STIMULATOR))
    assert not nodes(g, "SignificantLeadMigration") and nodes(g, "LeadMigration")


@pytest.mark.parametrize("compartment, malposition, expected", [
    ("dorsal epidural", False, True), ("posterior epidural space", False, True),
    ("ventral epidural", True, False), ("intradural", True, False), ("outside the canal", True, False),
])
def test_lead_compartment(compartment, malposition, expected):
    f = {"type": "lead position", "implant": "scs-lead", "compartment": compartment, "text": "Lead position."}
    if compartment != "outside the canal":
        f["location"] = "spinal canal"
    g = infer([f], implants=STIMULATOR)
    found = nodes(g, "LeadMalposition", concerns=implant("scs-lead"))
    assert bool(found) is malposition and bool(nodes(g, "ExpectedDevicePlacement")) is expected
    if malposition:
        text = label(g, next(iter(found)))
        assert "outside the dorsal epidural space" in text
        assert ("outside the spinal canal" if compartment == "outside the canal" else compartment.split()[0]) in text


def test_lead_in_the_canal_without_a_compartment_stays_expected_placement():
    g = infer([{"type": "lead position", "implant": "scs-lead", "location": "spinal canal"}], implants=STIMULATOR)
    assert nodes(g, "ExpectedDevicePlacement") and not nodes(g, "LeadMalposition")


# --------------------------------------------------------------------------------------------
# implant-associated infection to be excluded
# --------------------------------------------------------------------------------------------

def infection(g) -> dict[str, URIRef]:
    return {str(n).rsplit("/", 1)[-1]: n for n in nodes(g, "InfectionToBeExcluded")}


def test_loosening_of_two_screws_raises_infection_to_be_excluded():
    g = infer([lucency("3 mm", on="screw-1"), lucency("3 mm", on="screw-2")])
    node = infection(g)["several-loose-screws"]
    text = label(g, node)
    assert "suspected loosening of 2 screws" in text and "no accuracy figure exists" in text
    assert "this project's convention" in text
    for fig in ("neurosurgery-2020-culture-positive-loose", "pmid-31137006-sonication-loose"):
        assert figure(fig) in derived_from(g, node)
        assert f"{kb(fig, 'estimate') * 100:g} %" in text
    assert SKG.Complication not in objects(g, node, RDF.type)


@pytest.mark.parametrize("sign, key", [("fluid collection", "loosening-with-fluid-collection"),
                                       ("endplate erosion", "loosening-with-endplate-erosion")])
def test_one_loose_screw_with_a_fluid_collection_or_endplate_erosion(sign, key):
    g = infer([lucency("3 mm"), {"type": sign, "level": "L4", "text": sign}])
    assert set(infection(g)) == {key}
    assert finding("finding-2") in derived_from(g, infection(g)[key])


@pytest.mark.parametrize("findings", [
    [lucency("3 mm")],                                                       # one loose screw alone
    [{"type": "fluid collection", "level": "L4"}],                           # a collection without loosening
    [lucency("3 mm", status="uncertain"), lucency("3 mm", on="screw-2", status="uncertain"),
     {"type": "endplate erosion", "level": "L4"}],                           # possible loosening does not count
    [lucency("3 mm"), {"type": "fluid collection", "level": "L4", "status": "negated"}],
    [lucency("1.0 mm"), lucency("1.0 mm", on="screw-2")],                    # not loose (boundary)
])
def test_no_infection_differential(findings):
    assert infection(infer(findings)) == {}


def test_infection_differential_states_the_wound_complication_and_prior_surgeries():
    data = case_data([lucency("3 mm", on="screw-1"), lucency("3 mm", on="screw-2")])
    data["patient"].update(conditions=["poor wound healing"], prior_spine_surgeries={"more_than": 3})
    g = infer_data(data)
    node = infection(g)["several-loose-screws"]
    assert "wound complication recorded" in criterion(g, node) and "prior spine surgeries: more than 3" in criterion(g, node)
    assert URIRef(f"{C}/condition/1") in derived_from(g, node)


# --------------------------------------------------------------------------------------------
# the case format: angles, percentages, lead compartments, a study compared with
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("field, raw, words", [
    ("angle", "12 mm", "findings[0].angle: '12 mm' is not an angle: give it in degrees"),
    ("angle", "95 deg", "findings[0].angle: '95 deg' is outside the plausible range of -90 to 90 degrees"),
    ("angle", "steep", "findings[0].angle: 'steep' is not a number with a unit such as '12 deg'"),
    ("angle", True, "findings[0].angle: must be an angle in degrees such as '12 deg', not True"),
    ("preoperative_angle", [5], "findings[0].preoperative_angle: must be an angle in degrees"),
])
def test_angle_errors_are_clear(field, raw, words):
    f = angle("12 deg", "2 deg")
    f[field] = raw
    assert any(p.startswith(words) for p in problems(case_data([f]))), problems(case_data([f]))


def test_a_junctional_angle_finding_needs_its_angle():
    f = {"type": "proximal junctional angle", "preoperative_angle": "4 deg"}
    assert problems(case_data([f])) == [
        "findings[0]: a proximal junctional angle finding needs 'angle': the measured angle in degrees (kyphosis positive)"]


def test_angle_stored_in_degrees_with_its_sign():
    loaded = case_from_data(case_data([angle("-4.5", "12°")]))
    g = loaded.graph
    f = finding("finding-1")
    a, pre = g.value(f, SKG.junctionalAngle), g.value(f, SKG.preoperativeJunctionalAngle)
    assert float(g.value(a, SKG.numericValue)) == -4.5 and g.value(a, SKG.unit) == SKG.Degree
    assert float(g.value(pre, SKG.numericValue)) == 12 and g.value(pre, SKG.unit) == SKG.Degree


@pytest.mark.parametrize("f, words", [
    (subsidence(percent="120 %"), "findings[0].percent: '120 %' is not a percentage between 0 and 100"),
    (subsidence(percent="3 mm"), "findings[0].percent: '3 mm' is not a percentage"),
    (angle("12 deg") | {"percent": "20 %"}, "findings[0].percent: 'percent' does not apply to a proximal junctional angle finding"),
    (lucency("2 mm") | {"angle": "3 deg"}, "findings[0].angle: 'angle' does not apply to a lucency finding"),
])
def test_field_errors_are_clear(f, words):
    found = problems(case_data([f], implants=CAGE))
    assert any(p.startswith(words) for p in found), found


@pytest.mark.parametrize("extra, words", [
    ({"compartment": "subdural"}, "findings[0].compartment: 'subdural' is not a known lead compartment"),
    ({"compartment": "outside the canal", "location": "spinal canal"},
     "findings[0].compartment: 'outside the spinal canal' contradicts 'location: spinal canal'"),
])
def test_compartment_errors_are_clear(extra, words):
    f = {"type": "lead position", "implant": "scs-lead", **extra}
    found = problems(case_data([f], implants=STIMULATOR))
    assert any(p.startswith(words) for p in found), found
    if "subdural" in words:
        assert "dorsal epidural" in found[0] and "intradural" in found[0]  # the known words are listed


@pytest.mark.parametrize("compared, early, late, words", [
    ("nowhere", None, None, "findings[0].compared_with: 'nowhere' is not the id of a study in this case"),
    ("follow-up", None, None, "findings[0].compared_with: 'follow-up' is the finding's own study"),
    ("baseline", {"date": "2024-07-01"}, {"date": "2024-06-01"},
     "findings[0].compared_with: study 'baseline' (2024-07-01) is not earlier than the finding's study 'follow-up' (2024-06-01)"),
    ("baseline", {"interval_after_surgery": "6 months"}, {"interval_after_surgery": "26 weeks"},
     "findings[0].compared_with: study 'baseline' is not earlier than the finding's study 'follow-up'"),
])
def test_compared_with_errors_are_clear(compared, early, late, words):
    data = two_studies([lead_move("0.6 levels", compared_with=compared)], implants=STIMULATOR, early=early, late=late)
    found = problems(data)
    assert any(p.startswith(words) for p in found), found


def test_compared_with_an_earlier_study_by_interval_is_valid():
    data = two_studies([lead_move("0.6 levels", compared_with="baseline")], implants=STIMULATOR,
                       early={"interval_after_surgery": "1 day"}, late={"interval_after_surgery": "5 months"})
    assert problems(data) == []


@pytest.mark.parametrize("distance, words", [
    ("-0.5 levels", "findings[0].distance: must not be negative"),
    ("12 levels", "findings[0].distance: '12 levels' is above the plausible maximum of 10 vertebral levels"),
])
def test_level_distance_errors_are_clear(distance, words):
    found = problems(case_data([lead_move(distance)], implants=STIMULATOR))
    assert any(p.startswith(words) for p in found), found


def test_the_new_fields_pass_the_shapes():
    import yaml

    from spinekg.api import check_case_text

    data = two_studies([lead_move("0.6 levels", compared_with="baseline"),
                        {"type": "lead position", "implant": "scs-lead", "compartment": "intradural",
                         "study": "follow-up"},
                        angle("-8 deg", "-20 deg") | {"study": "follow-up"},
                        subsidence("3 mm", percent="40 %") | {"study": "follow-up", "implant": "cage"}],
                       implants=[*STIMULATOR, *LATERAL_CAGE])
    loaded = check_case_text(yaml.safe_dump(data), ".yaml")
    assert loaded.case_id == CASE_ID
