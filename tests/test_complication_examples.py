"""The bundled examples of the complication families (issue 14): each one's conclusions and explanations.

Each example is loaded from the installed package on its own; the conclusions are read from its inferred
graph and the explanations from `spinekg.reasoning.explain`, down to the report's words and the papers.
"""
from __future__ import annotations

from importlib.resources import as_file

import pytest

from spinekg import KnowledgeGraph
from spinekg.data import example_case_files
from spinekg.reasoning.explain import explain
from spinekg.vocab import inferred_graph

EXAMPLES = ["example-screw-back-out", "example-cage-subsidence-migration", "example-rod-connectors",
            "example-junctional-kyphosis", "example-adjacent-segment", "example-stimulator-leads",
            "example-implant-infection"]
_loaded: dict[str, KnowledgeGraph] = {}


def kg_for(case_id: str) -> KnowledgeGraph:
    if case_id not in _loaded:
        [f] = [f for f in example_case_files() if f.name == f"{case_id}.yaml"]
        kg = KnowledgeGraph.memory()
        with as_file(f) as p:
            assert kg.load([p]) == [case_id]
        _loaded[case_id] = kg
    return _loaded[case_id]


def labels(case_id: str, cls: str) -> list[str]:
    """The labels of the case's conclusions of class skg:<cls>, sorted."""
    q = f"SELECT ?l WHERE {{ GRAPH ?g {{ ?c a skg:{cls} ; rdfs:label ?l }} }}"
    import pyoxigraph as ox

    rows = kg_for(case_id).sparql(q, bindings={"g": ox.NamedNode(inferred_graph(case_id))}).rows
    return sorted(r["l"].value for r in rows)  # type: ignore[index]


def why(case_id: str, conclusion: str) -> str:
    kg = kg_for(case_id)
    return explain(kg.case_graph(case_id), kg.case_graph(case_id, inferred=True), conclusion)


@pytest.mark.parametrize("case_id", EXAMPLES)
def test_example_is_constructed_and_valid(case_id):
    [row] = [r for r in kg_for(case_id).cases() if r["id"] == case_id]
    assert row["constructed"] is True and row["findings"] >= 1


def test_screw_back_out_example():
    c = "example-screw-back-out"
    assert labels(c, "ScrewBackOut") == [
        "screw back-out reported: left pedicle screw at S1, 4 mm (no measured threshold for back-out exists)"]
    assert [x.split(" (")[0] for x in labels(c, "LockingFailure")] == ["screw-rod locking failure: right pedicle screw at L5"]
    assert labels(c, "RevisionReason") == ["hardware failure in a symptomatic patient"]
    text = why(c, "conclusion/hardware-failure")
    assert "by rule hardware-failure-fixation-loss" in text and "by rule hardware-failure:" in text
    assert '"The left S1 pedicle screw has backed out by approximately 4 mm."' in text
    assert "Sumiya 2021 (doi:10.1186/s12891-020-03916-9)" in text
    assert "Sumiya 2021: screw pull-out, 7.8 % of screws" in text


def test_cage_example():
    c = "example-cage-subsidence-migration"
    assert labels(c, "SevereCageSubsidence") == ["severe cage subsidence: L4-L5 TLIF cage (4.5 mm > 2 mm, > 4 mm: severe)"]
    assert labels(c, "CageProtrusion")[0].startswith("cage protrusion beyond the posterior vertebral border: L4-L5 TLIF cage")
    assert labels(c, "SubsidenceGrade") == [
        "Marchi subsidence band 25-49 % (low grade): L3-L4 lateral (XLIF) cage (30 % of cage height)"]
    assert len(labels(c, "PseudarthrosisImagingSign")) == 2
    assert labels(c, "RevisionReason") == ["posterior cage migration toward the canal in a symptomatic patient"]
    text = why(c, "CageProtrusion")
    assert "Tanaka 2022 (PMID 35546229; doi:10.1186/s12893-022-01620-0)" in text
    assert "Rickert 2023: any cage migration 85.1 %, not associated with fusion" in text
    assert "protrudes 6 mm beyond the posterior border" in text
    assert "computed tomography study, 2 days after surgery" in text  # the study it was compared with


def test_rod_connectors_example():
    c = "example-rod-connectors"
    [risk] = labels(c, "RodFractureRiskFactor")
    assert "OR 10.0 (1.9-53.1)" in risk and "not a complication" in risk
    assert labels(c, "ConstructDiscontinuity") == ["construct discontinuity: fractured left rod L1-L5"]
    text = why(c, "RodFractureRiskFactor")
    assert "Barton 2015 (PMID 26543498; doi:10.1186/s13013-015-0056-5)" in text
    assert "left rod-to-rod connector at L1  (reported fact)" in text


def test_junctional_kyphosis_example():
    c = "example-junctional-kyphosis"
    assert labels(c, "ProximalJunctionalKyphosis") == [
        "proximal junctional kyphosis (Glattes): PJA 31 deg >= 10 and 26 deg more than before surgery (>= 10; Glattes)"]
    assert len(labels(c, "ProximalJunctionalFailure")) == 1 and len(labels(c, "DistalJunctionalKyphosis")) == 1
    assert len(labels(c, "AlternativeCriterionMet")) == 2  # Kim 2022 (> 10 deg) and ISSG (DJK)
    text = why(c, "finding/pja/pjf")
    assert "Park 2024 (PJF) (doi:10.14444/8620)" in text and "31 degrees (5 degrees preoperatively)" in text
    assert "Park 2024: PJF, PJA ≥ 28° and increase ≥ 22°" in text


def test_adjacent_segment_example():
    c = "example-adjacent-segment"
    [asd] = labels(c, "AdjacentSegmentDegeneration")
    assert asd.startswith("adjacent segment degeneration reported at C7-T1, below the C3-C7 fusion")
    assert "2.9 % per year" in asd
    [ctj] = labels(c, "CervicothoracicEndContext")
    assert "ends at C7" in ctj and "the sources disagree on failure" in ctj
    # exactly 4 mm: severe by the cervical grading, not by the default
    assert labels(c, "SevereCageSubsidence") == []
    assert [x.split(" (")[0] for x in labels(c, "SubsidenceGrade")] == ["cervical cage subsidence severe"]
    text = why(c, "AdjacentSegmentDegeneration")
    assert "Hilibrand 1999 (doi:10.2106/00004623-199904000-00009)" in text
    assert "Hilibrand 1999: symptomatic adjacent-segment disease 25.6 % at 10 years" in text
    text = why(c, "CervicothoracicEndContext")
    for source in ("Rajjoub 2022", "Chang 2022 (PMID 35017051)", "BMC Musculoskelet Disord 2024", "Guppy"):
        assert source in text


def test_stimulator_leads_example():
    c = "example-stimulator-leads"
    [sig] = labels(c, "SignificantLeadMigration")
    assert "0.8 vertebral levels" in sig and "between study radiograph-day-1 and study radiograph-5m" in sig
    assert labels(c, "LeadFracture")[0].startswith("stimulator lead fracture: right percutaneous lead")
    assert labels(c, "LeadMalposition")[0].startswith(
        "stimulator lead outside the dorsal epidural space: right percutaneous lead lies in the ventral epidural compartment")
    assert labels(c, "ExpectedDevicePlacement")  # the left lead in the dorsal epidural space
    assert labels(c, "HardwareFailure") == [] and labels(c, "RevisionEvaluationIndication") == []
    text = why(c, "SignificantLeadMigration")
    assert "Mullins 2024 (no identifier recorded)" in text and "West 2023 (PMID 37204361" in text
    assert "radiography study, 1 day after surgery" in text


def test_implant_infection_example():
    c = "example-implant-infection"
    found = labels(c, "InfectionToBeExcluded")
    assert len(found) == 3 and all("no accuracy figure exists" in x for x in found)
    text = why(c, "infection-to-exclude/loosening-with-fluid-collection")
    assert '"A fluid collection lies dorsal to the construct at L4."' in text
    assert "Leitner 2018 (PMID 29654369; doi:10.1007/s00586-018-5592-2)" in text
    assert "reported wound complication" in text and "prior spine surgeries: 3" in text


def test_readme_shows_a_complication_explanation_as_printed():
    """The README's explain example for a complication family is what the code prints."""
    import re
    from pathlib import Path

    readme = Path(__file__).resolve().parents[1] / "README.md"
    if not readme.is_file():
        pytest.skip("README.md is not present (not a source checkout)")
    text = readme.read_text(encoding="utf-8")
    block = re.search(r"```\n\$ (spinekg explain (example-\S+) --conclusion (\S+))\n(.*?)```", text, re.S)
    assert block, "README shows an explain example for a complication family"
    _, case_id, conclusion, shown = block.groups()
    assert case_id in EXAMPLES
    assert shown.strip("\n") == why(case_id, conclusion).strip("\n")
