"""The constructed example cases bundled in kb/cases: each one loaded on its own, with its conclusions.

Every example is loaded from the installed package (spinekg.data.example_case_files()) into its own
in-memory KnowledgeGraph; the tests ask SPARQL questions of the case's inferred graph only, so a
conclusion counts only if the reasoner drew it. Post-test probabilities are recomputed here from
Bayes' theorem with the sensitivities and specificities read from the packaged literature
(kb/literature.ttl) and the pretest from kb/parameters.ttl; nothing clinical is computed by the
code under test twice.
"""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from importlib.resources import as_file

import pytest
import yaml
from rdflib import Literal

from spinekg import KnowledgeGraph
from spinekg.api import check_case
from spinekg.data import example_case_files, literature_graph, parameters_graph
from spinekg.vocab import RDF, SKG, case_iri, inferred_graph

EXAMPLES = {
    "clean": "example-clean-followup",
    "loosening": "example-radiograph-loosening",
    "breach": "example-medial-breach",
    "rod": "example-rod-fracture",
    "stimulator": "example-stimulator-only",
    "smoker": "example-lumbar-smoker-diabetes",
    "cervical": "example-cervical-lateral-mass",
}
DEFAULT_PRETEST = SKG["parameter/default-pretest-loosening"]


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def case_file(case_id: str):
    matches = [f for f in example_case_files() if f.name == f"{case_id}.yaml"]
    assert matches, f"{case_id}.yaml is not bundled with the package"
    return matches[0]


_loaded: dict[str, KnowledgeGraph] = {}


def kg_for(case_id: str) -> KnowledgeGraph:
    """A fresh in-memory knowledge graph holding only this case (loaded once per test session)."""
    if case_id not in _loaded:
        kg = KnowledgeGraph.memory()
        with as_file(case_file(case_id)) as path:
            assert kg.load([path]) == [case_id]
        _loaded[case_id] = kg
    return _loaded[case_id]


@pytest.fixture(params=list(EXAMPLES.values()))
def any_example(request) -> str:
    return request.param


def select(case_id: str, where: str, variables: str) -> list[dict[str, str]]:
    """SELECT over one case: ?inf is bound to its inferred graph, ?case to the case."""
    q = f"""SELECT {variables} WHERE {{
        BIND (<{inferred_graph(case_id)}> AS ?inf) BIND (<{case_iri(case_id)}> AS ?case)
        {where} }}"""
    return [{k: v.value for k, v in r.items()} for r in kg_for(case_id).sparql(q).rows]  # type: ignore[attr-defined]


def inferred_of(case_id: str, cls: str) -> set[str]:
    """IRIs of the nodes the reasoner typed as skg:<cls> in the case's inferred graph."""
    rows = select(case_id, f"GRAPH ?inf {{ ?c a skg:{cls} }}", "?c")
    return {r["c"] for r in rows}


def concerned_screws(case_id: str, cls: str, extra: str = "") -> set[tuple[str, str]]:
    """(level, side) of the screws that inferred skg:<cls> nodes concern."""
    rows = select(case_id, f"""GRAPH ?inf {{ ?c a skg:{cls} ; skg:concerns ?s . {extra} }}
        ?s a skg:Screw ; skg:atLevel ?l ; skg:onSide ?sd .
        BIND (STRAFTER(STR(?l), "spinekg/") AS ?level) BIND (STRAFTER(STR(?sd), "spinekg/") AS ?side)""",
                  "?level ?side")
    return {(r["level"], r["side"]) for r in rows}


def local(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def risk_level(case_id: str) -> set[str]:
    rows = select(case_id, "GRAPH ?inf { ?a a skg:NonUnionRiskAssessment ; skg:ofCase ?case ; skg:riskLevel ?lv }", "?lv")
    return {local(r["lv"]) for r in rows}


def risk_factors(case_id: str) -> set[str]:
    rows = select(case_id, "GRAPH ?inf { ?f a skg:RiskFactorContribution ; skg:ofCase ?case ; skg:forRiskFactor ?rf }", "?rf")
    return {local(r["rf"]) for r in rows}


def revision_reasons(case_id: str) -> set[str]:
    rows = select(case_id, """GRAPH ?inf { ?c a skg:RevisionEvaluationIndication ; skg:ofCase ?case ; skg:reason ?r .
                                            ?r a skg:RevisionReason }""", "?r")
    return {local(r["r"]) for r in rows}


def accuracies(modality: str) -> dict[str, tuple[Decimal, Decimal]]:
    """Sensitivity and specificity per accuracy figure for a modality, from the packaged literature."""
    lit = literature_graph()
    out = {}
    for acc in lit.subjects(RDF.type, SKG.DiagnosticAccuracy):
        if (acc, SKG.forModality, SKG[modality]) in lit:
            sens = Decimal(str(lit.value(acc, SKG.sensitivity)))
            spec = Decimal(str(lit.value(acc, SKG.specificity)))
            out[local(str(acc))] = (sens, spec)
    assert out, f"no diagnostic accuracy for {modality} in kb/literature.ttl"
    return out


def default_pretest() -> Decimal:
    value = parameters_graph().value(DEFAULT_PRETEST, SKG.probability)
    assert isinstance(value, Literal)
    return Decimal(str(value))


def bayes(sens: Decimal, spec: Decimal, p: Decimal, positive: bool) -> Decimal:
    """Post-test probability after a positive or negative test, rounded to 3 places (half up)."""
    if positive:
        raw = sens * p / (sens * p + (1 - spec) * (1 - p))
    else:
        raw = (1 - sens) * p / ((1 - sens) * p + spec * (1 - p))
    return raw.quantize(Decimal("0.001"), rounding=ROUND_HALF_UP)


def post_tests(case_id: str) -> dict[tuple[str, str, str, str], Decimal]:
    """(level, side, accuracy figure, test result) -> probability, for every inferred post-test probability."""
    rows = select(case_id, """GRAPH ?inf { ?n a skg:PostTestProbability ; skg:ofCase ?case ; skg:concerns ?s ;
                                            skg:probability ?p ; skg:usesAccuracy ?acc ; skg:testResult ?res ;
                                            skg:pretestSetting ?setting }
        ?s skg:atLevel ?l ; skg:onSide ?sd .
        BIND (STRAFTER(STR(?l), "spinekg/") AS ?level) BIND (STRAFTER(STR(?sd), "spinekg/") AS ?side)""",
                  "?level ?side ?acc ?res ?p ?setting")
    for r in rows:
        assert r["setting"] == str(DEFAULT_PRETEST), "no osteoporosis, no override: the default pretest applies"
    return {(r["level"], r["side"], local(r["acc"]), r["res"]): Decimal(r["p"]) for r in rows}


def expected_post_tests(modality: str, screws: dict[tuple[str, str], bool]) -> dict[tuple[str, str, str, str], Decimal]:
    p = default_pretest()
    return {(lv, sd, acc, "positive" if pos else "negative"): bayes(sens, spec, p, pos)
            for (lv, sd), pos in screws.items() for acc, (sens, spec) in accuracies(modality).items()}


def has_complication(case_id: str) -> set[str]:
    return inferred_of(case_id, "Complication")


# --------------------------------------------------------------------------------------------
# the bundled cases as a set
# --------------------------------------------------------------------------------------------

def test_every_bundled_case_validates():
    files = example_case_files()
    assert len(files) >= 7
    kg = KnowledgeGraph.memory()
    for f in files:
        with as_file(f) as path:
            assert kg.validate([path]) == [], f.name


def test_all_seven_examples_are_bundled():
    names = {f.name for f in example_case_files()}
    assert {f"{cid}.yaml" for cid in EXAMPLES.values()} <= names


def test_at_least_six_bundled_cases_are_marked_constructed():
    kg = KnowledgeGraph.memory()
    paths = []
    for f in example_case_files():
        with as_file(f) as path:
            paths.append(path)
            kg.load([path], reason=False)
    constructed = {c["id"] for c in kg.cases() if c["constructed"]}
    assert len(constructed) >= 6
    assert set(EXAMPLES.values()) <= constructed
    assert "radiopaedia-connector-failure" not in constructed


def test_constructed_example_has_title_description_and_report_text(any_example):
    rows = select(any_example, """?case dcterms:title ?title ; dcterms:description ?desc ;
                                   skg:constructedExample true""", "?title ?desc")
    assert len(rows) == 1
    assert rows[0]["title"].strip()
    assert "constructed example" in rows[0]["desc"].lower()
    untold = select(any_example, "?case skg:hasFinding ?f . FILTER NOT EXISTS { ?f skg:reportText ?t }", "?f")
    assert untold == [], "every finding carries the report sentence it encodes"


# --------------------------------------------------------------------------------------------
# 1. clean 12-month CT follow-up after L4-S1 fusion
# --------------------------------------------------------------------------------------------

CLEAN = EXAMPLES["clean"]


def test_clean_followup_records_the_l4_s1_construct():
    rows = select(CLEAN, """?case skg:hasImplant ?i . ?i a ?k . FILTER (?k IN (skg:PedicleScrew, skg:Rod, skg:InterbodyCage))
                             BIND (STRAFTER(STR(?k), "spinekg/") AS ?kind)""", "?i ?kind")
    kinds = [r["kind"] for r in rows]
    assert (kinds.count("PedicleScrew"), kinds.count("Rod"), kinds.count("InterbodyCage")) == (6, 2, 2)


def test_clean_followup_every_screw_is_contained():
    rows = select(CLEAN, """?case skg:hasFinding ?f . ?f a skg:ScrewContainedFinding ; skg:fullyContained true ;
                             skg:assertionStatus skg:Affirmed ; skg:aboutImplant ?s .
                             ?s skg:atLevel ?l ; skg:onSide ?sd .
                             BIND (STRAFTER(STR(?l), "spinekg/") AS ?level) BIND (STRAFTER(STR(?sd), "spinekg/") AS ?side)""",
                  "?level ?side")
    assert {(r["level"], r["side"]) for r in rows} == {(lv, sd) for lv in ("L4", "L5", "S1") for sd in ("Left", "Right")}
    assert select(CLEAN, "?case skg:hasFinding ?f . ?f a skg:ScrewBreachFinding", "?f") == []


def test_clean_followup_has_no_complication():
    assert has_complication(CLEAN) == set()
    for cls in ("ScrewLoosening", "ScrewMalposition", "HardwareFailure", "ConstructDiscontinuity",
                "ThreateningBreach", "NeurologicalCorrelationFlag", "StrictLucencyCriterionMet"):
        assert inferred_of(CLEAN, cls) == set(), cls


def test_clean_followup_has_no_revision_evaluation_or_pseudarthrosis_sign():
    assert inferred_of(CLEAN, "RevisionEvaluationIndication") == set()
    assert inferred_of(CLEAN, "PseudarthrosisImagingSign") == set()


def test_clean_followup_low_non_union_risk():
    assert risk_level(CLEAN) == {"LowRisk"}
    assert risk_factors(CLEAN) == set()


def test_clean_followup_half_millimetre_lucency_lowers_the_probability_of_loosening():
    assert post_tests(CLEAN) == expected_post_tests("CT", {("S1", "Right"): False})


# --------------------------------------------------------------------------------------------
# 2. radiographs at 9 months: loosening of three screws
# --------------------------------------------------------------------------------------------

LOOSE = EXAMPLES["loosening"]


def test_radiograph_loosening_three_suspected_screws():
    assert concerned_screws(LOOSE, "ScrewLoosening", "?c skg:certainty skg:SuspectedCertainty") == {
        ("L5", "Left"), ("L5", "Right"), ("S1", "Left")}
    assert concerned_screws(LOOSE, "ScrewLoosening") == {("L5", "Left"), ("L5", "Right"), ("S1", "Left")}


def test_radiograph_loosening_double_halo_without_width_counts():
    rows = select(LOOSE, """GRAPH ?inf { ?c a skg:ScrewLoosening ; skg:concerns ?s ; skg:criterion ?crit }
                             ?s skg:atLevel skg:S1 ; skg:onSide skg:Left""", "?crit")
    assert [r["crit"] for r in rows] == ["double halo"]


def test_radiograph_loosening_post_test_probabilities_use_radiograph_accuracy():
    expected = expected_post_tests("Radiograph", {("L5", "Left"): True, ("L5", "Right"): True, ("S1", "Left"): True})
    assert len(expected) == 6  # two accuracy sources (Spirig 2019, Wu 2019) for each of three screws
    assert post_tests(LOOSE) == expected


def test_radiograph_loosening_revision_evaluation_for_multiple_loose_screws():
    assert revision_reasons(LOOSE) == {"multiple-loosening"}
    rows = select(LOOSE, "GRAPH ?inf { ?r a skg:RevisionReason ; rdfs:label ?label }", "?label")
    assert [r["label"] for r in rows] == ["suspected loosening of 3 screws in a symptomatic patient"]


def test_radiograph_loosening_is_an_imaging_sign_of_pseudarthrosis():
    rows = select(LOOSE, """GRAPH ?inf { ?sign a skg:PseudarthrosisImagingSign ; skg:ofCase ?case ; skg:signOf ?l .
                                          ?l a skg:ScrewLoosening }""", "?sign")
    assert len(rows) == 3


def test_radiograph_loosening_signs_without_risk_factors_give_elevated_risk():
    assert risk_factors(LOOSE) == set()
    assert risk_level(LOOSE) == {"ElevatedRisk"}


def test_radiograph_loosening_strict_threshold_met_only_by_the_measured_lucencies():
    assert concerned_screws(LOOSE, "StrictLucencyCriterionMet") == {("L5", "Left"), ("L5", "Right")}


def test_radiograph_loosening_has_no_malposition_or_hardware_failure():
    for cls in ("ScrewMalposition", "HardwareFailure", "ConstructDiscontinuity", "ThreateningBreach"):
        assert inferred_of(LOOSE, cls) == set(), cls


# --------------------------------------------------------------------------------------------
# 3. CT after T10-L2 fusion: medial and lateral breaches
# --------------------------------------------------------------------------------------------

BREACH = EXAMPLES["breach"]


def test_medial_breach_gertzbein_robbins_grades():
    rows = select(BREACH, """GRAPH ?inf { ?m a skg:ScrewMalposition ; skg:concerns ?s ; skg:malpositionGrade ?g }
                              ?g a skg:GertzbeinRobbinsGrade .
                              ?s skg:atLevel ?l ; skg:onSide ?sd .
                              BIND (STRAFTER(STR(?l), "spinekg/") AS ?level) BIND (STRAFTER(STR(?sd), "spinekg/") AS ?side)""",
                  "?level ?side ?g")
    assert {(r["level"], r["side"], local(r["g"])) for r in rows} == {
        ("T11", "Left", "GRGradeC"), ("T12", "Right", "GRGradeB"), ("L1", "Right", "GRGradeD")}


def test_medial_breach_malpositions_are_affirmed_not_possible():
    assert concerned_screws(BREACH, "ScrewMalposition", "FILTER NOT EXISTS { ?c skg:certainty skg:PossibleCertainty }") == {
        ("T11", "Left"), ("T12", "Right"), ("L1", "Right")}


def test_medial_breach_heary_grades_for_the_thoracic_screws_only():
    rows = select(BREACH, """GRAPH ?inf { ?m a skg:ScrewMalposition ; skg:concerns ?s ; skg:hearyGrade ?h }
                              ?s skg:atLevel ?l . BIND (STRAFTER(STR(?l), "spinekg/") AS ?level)""", "?level ?h")
    assert {(r["level"], local(r["h"])) for r in rows} == {("T11", "HearyGradeIV"), ("T12", "HearyGradeII")}


def test_medial_breach_of_2mm_or_more_flagged_for_neurological_correlation():
    # the 3 mm (T11) and 5 mm (L1) medial breaches; the lateral T12 breach is not flagged
    assert concerned_screws(BREACH, "NeurologicalCorrelationFlag") == {("T11", "Left"), ("L1", "Right")}


def test_medial_breach_of_5mm_threatens_and_3mm_does_not():
    assert concerned_screws(BREACH, "ThreateningBreach") == {("L1", "Right")}


def test_medial_breach_revision_evaluation_for_the_threatening_breach():
    assert revision_reasons(BREACH) == {"threatening-breach"}


def test_medial_breach_has_no_loosening_or_hardware_failure():
    for cls in ("ScrewLoosening", "HardwareFailure", "ConstructDiscontinuity", "PostTestProbability",
                "PseudarthrosisImagingSign"):
        assert inferred_of(BREACH, cls) == set(), cls


# --------------------------------------------------------------------------------------------
# 4. rod fracture at L3 after a long T10-S1 fusion
# --------------------------------------------------------------------------------------------

ROD = EXAMPLES["rod"]
ROD_LEFT = f"{case_iri(ROD)}/implant/rod-left"


def test_rod_fracture_is_hardware_failure_of_the_left_rod():
    rows = select(ROD, "GRAPH ?inf { ?h a skg:HardwareFailure ; skg:ofCase ?case ; skg:concerns ?imp }", "?imp")
    assert {r["imp"] for r in rows} == {ROD_LEFT}  # the negated right-rod fracture adds nothing


def test_rod_fracture_construct_discontinuity_at_l3():
    rows = select(ROD, """GRAPH ?inf { ?d a skg:ConstructDiscontinuity ; skg:ofCase ?case ; skg:atLevel ?l ;
                                       skg:onSide ?sd ; skg:separates ?rod }""", "?l ?sd ?rod")
    assert [(local(r["l"]), local(r["sd"]), r["rod"]) for r in rows] == [("L3", "Left", ROD_LEFT)]


def test_rod_fracture_long_fusion_and_patient_risk_factors():
    assert risk_factors(ROD) == {"Smoking", "Diabetes", "VitaminDDeficiency", "LongFusion"}
    rows = select(ROD, """GRAPH ?inf { ?f a skg:RiskFactorContribution ; skg:forRiskFactor skg:LongFusion ; skg:usesFigure ?fig }""",
                  "?fig")
    assert [local(r["fig"]) for r in rows] == ["hofler-2018-long-fusion-thoracolumbar"]


def test_rod_fracture_is_an_imaging_sign_of_pseudarthrosis():
    rows = select(ROD, """GRAPH ?inf { ?sign a skg:PseudarthrosisImagingSign ; skg:signOf ?h . ?h a skg:HardwareFailure }""",
                  "?sign")
    assert len(rows) == 1


def test_rod_fracture_high_non_union_risk():
    assert risk_level(ROD) == {"HighRisk"}


def test_rod_fracture_revision_evaluation_indicated():
    assert revision_reasons(ROD) == {"hardware-failure", "construct-discontinuity"}


def test_rod_fracture_has_no_screw_complication():
    for cls in ("ScrewLoosening", "ScrewMalposition", "ThreateningBreach", "ConnectorFailure", "PostTestProbability"):
        assert inferred_of(ROD, cls) == set(), cls


# --------------------------------------------------------------------------------------------
# 5. spinal cord stimulator only, no fusion
# --------------------------------------------------------------------------------------------

SCS = EXAMPLES["stimulator"]


def test_stimulator_lead_in_the_canal_is_expected_placement():
    rows = select(SCS, """GRAPH ?inf { ?e a skg:ExpectedDevicePlacement ; skg:ofCase ?case ; skg:concerns ?lead }""", "?lead")
    assert [r["lead"] for r in rows] == [f"{case_iri(SCS)}/implant/scs-lead"]


def test_stimulator_only_case_has_no_complication():
    assert has_complication(SCS) == set()
    assert inferred_of(SCS, "HardwareFailure") == set()


def test_stimulator_uncertain_migration_yields_no_lead_migration():
    asserted = select(SCS, """?case skg:hasFinding ?f . ?f a skg:ImplantMigrationFinding ;
                               skg:assertionStatus skg:Uncertain ; skg:reportText ?t""", "?t")
    assert len(asserted) == 1 and asserted[0]["t"].startswith("Possible")
    assert inferred_of(SCS, "LeadMigration") == set()


def test_stimulator_negated_lead_fracture_yields_nothing():
    asserted = select(SCS, """?case skg:hasFinding ?f . ?f a skg:ImplantFractureFinding ; skg:assertionStatus skg:Negated""", "?f")
    assert len(asserted) == 1
    assert inferred_of(SCS, "LeadFracture") == set()
    assert inferred_of(SCS, "ConstructDiscontinuity") == set()


def test_stimulator_without_fusion_has_no_non_union_assessment():
    for cls in ("NonUnionRiskAssessment", "RiskFactorContribution", "PseudarthrosisImagingSign",
                "RevisionEvaluationIndication"):
        assert inferred_of(SCS, cls) == set(), cls


# --------------------------------------------------------------------------------------------
# 6. CT at 4 months, L3-L5 fusion, smoker with diabetes: the 1 mm cut-point
# --------------------------------------------------------------------------------------------

SMOKER = EXAMPLES["smoker"]


def test_lucency_of_exactly_1mm_is_not_loosening():
    assert ("L3", "Right") not in concerned_screws(SMOKER, "ScrewLoosening")


def test_lucency_of_1_1mm_is_suspected_loosening():
    assert concerned_screws(SMOKER, "ScrewLoosening") == {("L3", "Left")}
    assert concerned_screws(SMOKER, "ScrewLoosening", "?c skg:certainty skg:SuspectedCertainty") == {("L3", "Left")}


def test_negated_lucency_is_recorded_negated_and_yields_no_loosening():
    rows = select(SMOKER, """?case skg:hasFinding ?f . ?f a skg:PeriImplantLucency ; skg:assertionStatus skg:Negated ;
                              skg:aboutImplant ?s . ?s skg:atLevel skg:L5 ; skg:onSide ?sd""", "?sd")
    assert {local(r["sd"]) for r in rows} == {"Left", "Right"}
    assert not {s for s in concerned_screws(SMOKER, "ScrewLoosening") if s[0] == "L5"}


def test_lumbar_smoker_post_test_probabilities_after_positive_and_negative_ct():
    expected = expected_post_tests("CT", {("L3", "Left"): True, ("L3", "Right"): False,
                                          ("L5", "Left"): False, ("L5", "Right"): False})
    assert post_tests(SMOKER) == expected


def test_lumbar_smoker_no_pseudarthrosis_sign_before_6_months():
    assert inferred_of(SMOKER, "PseudarthrosisImagingSign") == set()


def test_lumbar_smoker_elevated_non_union_risk():
    assert risk_factors(SMOKER) == {"Smoking", "Diabetes"}
    assert risk_level(SMOKER) == {"ElevatedRisk"}


def test_single_loose_screw_does_not_indicate_revision_evaluation():
    assert inferred_of(SMOKER, "RevisionEvaluationIndication") == set()


def test_lumbar_smoker_lucencies_do_not_meet_the_strict_threshold():
    assert inferred_of(SMOKER, "StrictLucencyCriterionMet") == set()


# --------------------------------------------------------------------------------------------
# 7. C3-C6 lateral mass screws: possible (uncertain) lucency
# --------------------------------------------------------------------------------------------

CERVICAL = EXAMPLES["cervical"]


def test_uncertain_lucency_is_possible_loosening_only():
    assert concerned_screws(CERVICAL, "ScrewLoosening", "?c skg:certainty skg:PossibleCertainty") == {
        ("C3", "Left"), ("C3", "Right")}
    assert concerned_screws(CERVICAL, "ScrewLoosening", "?c skg:certainty skg:SuspectedCertainty") == set()


def test_possible_loosening_concerns_lateral_mass_screws():
    rows = select(CERVICAL, "GRAPH ?inf { ?c a skg:ScrewLoosening ; skg:concerns ?s } ?s a skg:LateralMassScrew", "?s")
    assert len(rows) == 2


def test_possible_loosening_has_no_post_test_probability():
    assert inferred_of(CERVICAL, "PostTestProbability") == set()


def test_possible_loosening_not_counted_toward_revision():
    # two screws and a symptomatic patient, but the loosening is only possible
    assert select(CERVICAL, "?case skg:hasPatient/skg:hasSymptom ?s", "?s")
    assert inferred_of(CERVICAL, "RevisionEvaluationIndication") == set()


def test_possible_loosening_is_not_a_pseudarthrosis_sign():
    assert inferred_of(CERVICAL, "PseudarthrosisImagingSign") == set()


def test_posterior_cervical_approach_gives_elevated_non_union_risk():
    assert risk_factors(CERVICAL) == {"PosteriorCervicalApproach"}
    assert risk_level(CERVICAL) == {"ElevatedRisk"}


def test_possible_lucency_does_not_meet_the_strict_threshold():
    assert inferred_of(CERVICAL, "StrictLucencyCriterionMet") == set()


# --------------------------------------------------------------------------------------------
# a known gap in the case format (see example-lumbar-smoker-diabetes.yaml)
# --------------------------------------------------------------------------------------------

def test_negated_lucency_needs_no_width(tmp_path):
    path = tmp_path / "negated-lucency.yaml"
    path.write_text(yaml.safe_dump({
        "spinekg_case": 1, "id": "negated-lucency", "constructed": True,
        "procedures": [{"id": "fusion", "type": "posterior fusion", "levels": "L4-L5"}],
        "implants": [{"id": "screw", "type": "pedicle screw", "level": "L5", "side": "left"}],
        "studies": [{"id": "ct", "modality": "CT"}],
        "findings": [{"id": "no-lucency", "type": "lucency", "implant": "screw", "status": "negated",
                      "text": "No lucency around the left L5 pedicle screw."}],
    }), encoding="utf-8")
    check_case(path)  # format checks, then SHACL
