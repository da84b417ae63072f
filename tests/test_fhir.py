"""FHIR R4 in and out (issue 16): Bundles to cases with provenance, located problems, conclusions as resources."""
from __future__ import annotations

import base64
import copy
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from fhir.resources.R4B.bundle import Bundle
from rdflib import Literal, URIRef

from spinekg import KnowledgeGraph
from spinekg.cases import CaseError
from spinekg.cli import main
from spinekg.fhir import bundle_text_to_case, bundle_to_case
from spinekg.fhir.codes import code_table, lookup
from spinekg.fhir.export import case_bundle
from spinekg.vocab import DCTERMS, inferred_graph

DATA = Path(__file__).parent / "data" / "fhir"
KB = Path(__file__).parent.parent / "kb" / "cases"
CASES = ["radiopaedia-connector-failure", "example-lumbar-smoker-diabetes", "example-clean-followup"]
RULES = """SELECT ?cls ?level ?side ?g WHERE { GRAPH ?g { ?c a ?cls ; prov:wasGeneratedBy ?d .
             ?d skg:appliedRule ?rule . FILTER (!STRENDS(STR(?rule), "construct-graph"))
             OPTIONAL { ?c skg:atLevel ?l } OPTIONAL { ?c skg:onSide ?s } }
             FILTER (STRSTARTS(STR(?cls), "https://w3id.org/spinekg/"))
             BIND (STRAFTER(STR(?l), "spinekg/") AS ?level) BIND (STRAFTER(STR(?s), "spinekg/") AS ?side) }"""


def bundle(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def entry(data: dict, rtype: str, rid: str) -> dict:
    return next(e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == rtype
                and e["resource"]["id"] == rid)


def problems(data: dict) -> list[str]:
    with pytest.raises(CaseError) as exc:
        bundle_to_case(data, label="b.json")
    return [str(p) for p in exc.value.problems]


def rule_conclusions(kg: KnowledgeGraph, case_id: str) -> set[tuple[str, str, str]]:
    res = kg.sparql(RULES, bindings={"g": ox.NamedNode(inferred_graph(case_id))})
    return {(r["cls"].value.rsplit("/", 1)[-1], r["level"].value if r.get("level") else "",
             r["side"].value if r.get("side") else "") for r in res.rows}


@pytest.fixture(scope="module")
def imported() -> dict:
    return {n: bundle_text_to_case((DATA / f"{n}.json").read_text(encoding="utf-8"), label=n) for n in CASES}


@pytest.fixture(scope="module")
def kg(imported) -> KnowledgeGraph:
    kg = KnowledgeGraph.memory()
    kg.load_cases([fc.loaded for fc in imported.values()])
    kg.load([KB / f"{n}.yaml" for n in CASES])
    return kg


# --- the test Bundles ---------------------------------------------------------------------------------
@pytest.mark.parametrize("name", CASES)
def test_each_bundle_is_valid_fhir_r4(name):
    parsed = Bundle.model_validate(bundle(name))
    assert parsed.type == "collection" and len(parsed.entry) > 5


@pytest.mark.parametrize("name", CASES)
def test_imported_bundle_reasons_to_the_hand_written_cases_conclusions(kg, imported, name):
    fhir_rules = rule_conclusions(kg, imported[name].case_id)
    assert fhir_rules and fhir_rules == rule_conclusions(kg, name)


def test_published_case_has_its_headline_conclusions(kg, imported):
    got = rule_conclusions(kg, imported["radiopaedia-connector-failure"].case_id)
    assert {("ScrewLoosening", "T2", "Left"), ("ScrewLoosening", "T2", "Right"), ("ConnectorFailure", "C6", "Left"),
            ("ConnectorFailure", "C6", "Right")} <= got
    assert any(c[0] == "RevisionEvaluationIndication" for c in got)


def test_clean_followup_has_no_complication(kg, imported):
    got = {c for c, _, _ in rule_conclusions(kg, imported["example-clean-followup"].case_id)}
    assert not got & {"ScrewLoosening", "ScrewMalposition", "HardwareFailure", "RevisionEvaluationIndication"}


# --- what is read, and provenance ---------------------------------------------------------------------
def test_patient_age_at_the_study_and_sex(imported):
    p = imported["radiopaedia-connector-failure"].case["patient"]
    assert p["age"] == 55 and p["sex"] == "female" and p["record"] == "Patient/rp-55f"
    assert p["prior_spine_surgeries"] == {"more_than": 10}


def test_loinc_smoking_status_and_snomed_diabetes_become_risk_factors_with_their_records(imported):
    factors = imported["example-lumbar-smoker-diabetes"].case["patient"]["risk_factors"]
    assert {"type": "smoking", "record": "Observation/smoking"} in factors
    assert {"type": "diabetes", "record": "Condition/t2dm"} in factors


def test_former_smoker_is_not_a_risk_factor():
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Observation", "smoking")["valueCodeableConcept"]["coding"][0].update(code="8517006",
                                                                                    display="Ex-smoker (finding)")
    factors = bundle_to_case(data, nlp=False).case["patient"]["risk_factors"]
    assert [f["type"] for f in factors] == ["diabetes"]


def test_resolved_condition_is_set_aside_with_a_note():
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Condition", "t2dm")["clinicalStatus"]["coding"][0]["code"] = "resolved"
    fc = bundle_to_case(data, nlp=False)
    assert [f["type"] for f in fc.case["patient"]["risk_factors"]] == ["smoking"]
    assert any("Condition/t2dm" in n and "not an active" in n for n in fc.notes)


def test_unknown_condition_code_is_noted_not_guessed():
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Condition", "t2dm")["code"] = {"coding": [{"system": "http://snomed.info/sct", "code": "38341003"}]}
    fc = bundle_to_case(data, nlp=False)
    assert [f["type"] for f in fc.case["patient"]["risk_factors"]] == ["smoking"]
    assert any("38341003" in n and "not one spinekg reads" in n for n in fc.notes)


def test_devices_are_placed_by_body_structures(imported):
    imps = {i["id"]: i for i in imported["example-lumbar-smoker-diabetes"].case["implants"]}
    assert imps["screw-L3-left"] == {"id": "screw-L3-left", "type": "pedicle screw", "record": "Device/screw-L3-left",
                                     "level": "L3", "side": "left", "label": "left pedicle screw at L3",
                                     "construct": "l3-l5-fusion"}
    assert imps["rod-right"]["levels"] == "L3-L5"


def test_study_interval_after_the_fusion_from_the_dates(imported):
    [study] = imported["radiopaedia-connector-failure"].case["studies"]
    assert study["interval_after_surgery"] == "6 months" and study["after"] == "c7-t9-fusion"
    [study] = imported["example-lumbar-smoker-diabetes"].case["studies"]
    assert study["interval_after_surgery"] == "4 months"


def test_every_fact_records_its_fhir_resource_in_the_graph(imported):
    fc = imported["example-lumbar-smoker-diabetes"]
    g = fc.loaded.graph
    sources = {str(o) for o in g.objects(None, DCTERMS.source)}
    assert {"Patient/lsd-61m", "Observation/smoking", "Condition/t2dm", "Device/screw-L3-left",
            "Procedure/l3-l5-fusion", "ImagingStudy/ct-4m", "Observation/lucency-L3-left"} <= sources
    finding = URIRef(f"https://w3id.org/spinekg/case/{fc.case_id}/finding/lucency-L3-left")
    assert (finding, DCTERMS.source, Literal("Observation/lucency-L3-left")) in g


def test_records_reach_the_store(kg, imported):
    cid = imported["example-lumbar-smoker-diabetes"].case_id
    srcs = {str(o) for o in kg.case_graph(cid).objects(None, DCTERMS.source)}
    assert "Observation/lucency-L3-left" in srcs and "Condition/t2dm" in srcs


def test_explain_reaches_back_to_the_ehr_records(kg, imported):
    """Each reported fact in an explanation names the FHIR resource it came from; risk factors too."""
    from spinekg.reasoning.explain import explain

    cid = imported["example-lumbar-smoker-diabetes"].case_id
    text = explain(kg.case_graph(cid), kg.case_graph(cid, inferred=True), "loosening")
    assert "width 1.1 mm; from Observation/lucency-L3-left]  (reported fact)" in text
    nonunion = explain(kg.case_graph(cid), kg.case_graph(cid, inferred=True), "non-union")
    assert "diabetes mellitus (Condition/t2dm)" in nonunion and "smoking (Observation/smoking)" in nonunion
    assert "[from Procedure/l3-l5-fusion]" in nonunion
    # a case from a YAML file has no records to name
    plain = explain(kg.case_graph("example-lumbar-smoker-diabetes"),
                    kg.case_graph("example-lumbar-smoker-diabetes", inferred=True), "non-union")
    assert "[from " not in plain and "(Condition/" not in plain


def test_findings_from_report_text_record_the_report(imported):
    fc = imported["radiopaedia-connector-failure"]
    findings = fc.case["findings"]
    assert findings and all(f["record"] == "DiagnosticReport/ct-report" for f in findings)
    # implants named in the text are the recorded Devices, not copies of them
    assert not [i for i in fc.case["implants"] if i.get("record") == "DiagnosticReport/ct-report"]
    lucency = [f for f in findings if f["type"] == "lucency" and f["implant"] == "screw-T2-right"]
    assert lucency and lucency[0]["width"] == "4 mm"


def test_a_coded_observation_wins_over_the_same_fact_in_the_text():
    data = bundle("radiopaedia-connector-failure")
    data["entry"].append({"resource": {
        "resourceType": "Observation", "id": "lucency-T2-right", "status": "final", "subject": {"reference": "Patient/rp-55f"},
        "code": {"coding": [{"system": "https://w3id.org/spinekg/", "code": "PeriImplantLucency"}]},
        "focus": [{"reference": "Device/screw-T2-right"}], "derivedFrom": [{"reference": "ImagingStudy/ct"}],
        "valueQuantity": {"value": 2.5, "system": "http://unitsofmeasure.org", "code": "mm", "unit": "mm"}}})
    fc = bundle_to_case(data)
    t2 = [f for f in fc.case["findings"] if f["type"] in ("lucency", "PeriImplantLucency") and f["implant"] == "screw-T2-right"]
    assert len(t2) == 1 and t2[0]["width"] == "2.5 mm" and t2[0]["record"] == "Observation/lucency-T2-right"
    assert any("coded one is kept" in n for n in fc.notes)


def test_without_report_text_the_published_case_has_no_findings():
    fc = bundle_to_case(bundle("radiopaedia-connector-failure"), nlp=False)
    assert "findings" not in fc.case and len(fc.case["implants"]) == 15


def test_searchset_and_transaction_bundles_are_read():
    for kind in ("searchset", "transaction"):
        data = bundle("example-lumbar-smoker-diabetes")
        data["type"] = kind
        for e in data["entry"]:
            if kind == "searchset":
                e["search"] = {"mode": "match"}
            else:
                e["request"] = {"method": "PUT", "url": f"{e['resource']['resourceType']}/{e['resource']['id']}"}
        assert bundle_to_case(data, nlp=False).case["patient"]["sex"] == "male"


# --- located problems; nothing half-loads --------------------------------------------------------------
def test_a_body_site_that_is_not_a_level_is_located_in_the_bundle():
    data = bundle("example-lumbar-smoker-diabetes")
    proc = entry(data, "Procedure", "l3-l5-fusion")
    proc["bodySite"][1] = {"coding": [{"system": "http://snomed.info/sct", "code": "XYZ"}]}
    index = next(i for i, e in enumerate(data["entry"]) if e["resource"] is proc)
    assert problems(data) == [f"b.json: Bundle.entry[{index}].resource.bodySite[1]: code 'XYZ' (http://snomed.info/sct) "
                              "is not a vertebral level we know (SNOMED CT vertebra codes C1-L5 of DICOM CID 7603, "
                              "or spinekg codes C1-Co1)"]


def test_invalid_fhir_is_located_by_the_fhir_library():
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Patient", "lsd-61m")["birthDate"] = "1963-13-45"
    entry(data, "Procedure", "l3-l5-fusion")["bodySite"][0]["coding"][0]["code"] = 5
    got = problems(data)
    assert len(got) == 2
    assert got[0].startswith("b.json: Bundle.entry[0].resource.birthDate: not valid FHIR R4")
    assert "resource.bodySite[0].coding[0].code: not valid FHIR R4" in got[1]


def test_problem_in_json_text_names_the_line():
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Patient", "lsd-61m")["gender"] = 7
    text = json.dumps(data, indent=1)
    with pytest.raises(CaseError) as exc:
        bundle_text_to_case(text, label="b.json")
    [p] = exc.value.problems
    assert p.path == "Bundle.entry[0].resource.gender" and p.line == next(i for i, ln in enumerate(text.splitlines(), 1) if '"gender": 7' in ln)


def test_not_a_bundle_malformed_json_and_two_patients():
    assert problems({"resourceType": "Patient", "id": "x"}) == [
        "b.json: must be a FHIR Bundle (resourceType 'Bundle'), not 'Patient'"]
    with pytest.raises(CaseError) as exc:
        bundle_text_to_case("{\"resourceType\": ", label="b.json")
    assert "malformed JSON" in str(exc.value)
    data = bundle("example-lumbar-smoker-diabetes")
    data["entry"].append({"resource": {"resourceType": "Patient", "id": "other"}})
    assert problems(data) == ["b.json: Bundle.entry: a Bundle for a case holds exactly one Patient, not 2"]


def test_a_resource_about_another_patient_is_refused():
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Condition", "t2dm")["subject"] = {"reference": "Patient/someone-else"}
    [p] = problems(data)
    assert "resource.subject: refers to 'Patient/someone-else', not to the Bundle's patient Patient/lsd-61m" in p


def test_a_finding_about_a_device_not_in_the_bundle_is_a_problem():
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Observation", "lucency-L3-left")["focus"] = [{"reference": "Device/nowhere"}]
    [p] = problems(data)
    assert ".resource.focus[0]: 'Device/nowhere' is not a Device of this Bundle" in p


def test_a_bundle_with_problems_loads_nothing(tmp_path):
    data = bundle("example-lumbar-smoker-diabetes")
    entry(data, "Procedure", "l3-l5-fusion")["bodySite"][0] = {"coding": [{"system": "http://snomed.info/sct",
                                                                          "code": "421060004"}]}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    store = tmp_path / "store"
    result = CliRunner().invoke(main, ["fhir", "import", str(path), "--load", "--store", str(store)])
    assert result.exit_code == 1 and "421060004" in result.output and "Traceback" not in result.output
    assert KnowledgeGraph.open(store).case_ids() == []


def test_bad_report_text_encoding_is_a_problem():
    data = bundle("radiopaedia-connector-failure")
    entry(data, "DiagnosticReport", "ct-report")["presentedForm"][0]["data"] = base64.b64encode(b"\xff\xfe").decode()
    [p] = problems(data)
    assert "presentedForm[0].data: is not base64-encoded UTF-8 text" in p


# --- the code table -----------------------------------------------------------------------------------
def test_every_code_row_names_its_source_and_a_known_term():
    rows = code_table()
    assert len(rows) >= 50
    for r in rows:
        assert r.source and "/" in r.source, r
        assert lookup(r.system, r.code, r.kind) == r.term
    assert lookup("http://snomed.info/sct", "55705006", "procedure") is None  # conflicting in sources: left out


def test_spinekg_codes_are_ontology_terms():
    from spinekg.data import ontology_graph
    from spinekg.vocab import SKG

    g = ontology_graph()
    for kind, code in (("implant", "PedicleScrew"), ("procedure", "PosteriorSpinalFusion"),
                       ("finding", "PeriImplantLucency"), ("condition", "WoundComplication")):
        assert lookup("https://w3id.org/spinekg/", code, kind) is not None
        assert (SKG[code], None, None) in g
    assert lookup("https://w3id.org/spinekg/", "NotAThing", "implant") is None


# --- FHIR out ------------------------------------------------------------------------------------------
def test_export_is_valid_fhir_with_provenance_back_to_the_records(kg, imported):
    cid = imported["radiopaedia-connector-failure"].case_id
    data = case_bundle(kg, cid)
    Bundle.model_validate(data)
    by_type: dict[str, list[dict]] = {}
    for e in data["entry"]:
        by_type.setdefault(e["resource"]["resourceType"], []).append(e["resource"])
    issues = {i["code"]["coding"][0]["code"] for i in by_type["DetectedIssue"]}
    assert {"RevisionEvaluationIndication", "HardwareFailure", "ConnectorFailure", "ScrewLoosening"} <= issues
    risk = [r for r in by_type["RiskAssessment"] if r["code"]["coding"][0]["code"] == "NonUnionRiskAssessment"]
    assert risk[0]["prediction"][0]["qualitativeRisk"]["coding"][0]["code"] == "high"
    assert {"reference": "Condition/wound"} not in risk[0]["basis"]  # poor wound healing is not an SSI (issue 13)
    post = [r for r in by_type["RiskAssessment"] if r["code"]["coding"][0]["code"] == "PostTestProbability"]
    assert sorted(r["prediction"][0]["probabilityDecimal"] for r in post) == [0.224, 0.224, 0.508, 0.508]
    assert len(by_type["Provenance"]) == len(by_type["DetectedIssue"]) + len(by_type["RiskAssessment"])
    loose = next(i for i in by_type["DetectedIssue"] if i["code"]["coding"][0]["code"] == "ScrewLoosening")
    prov = next(p for p in by_type["Provenance"] if p["target"][0]["reference"] == f"urn:uuid:{loose['id']}")
    assert prov["policy"] == ["https://w3id.org/spinekg/rule/suspected-screw-loosening"]
    assert {"role": "source", "what": {"reference": "DiagnosticReport/ct-report"}} in prov["entity"]
    assert any(e["role"] == "quotation" and "24170238" in e["what"]["display"] for e in prov["entity"])


def test_export_of_a_hand_written_case_has_no_records_but_is_valid(kg):
    data = case_bundle(kg, "radiopaedia-connector-failure")
    Bundle.model_validate(data)
    issue = next(e["resource"] for e in data["entry"] if e["resource"]["resourceType"] == "DetectedIssue")
    assert issue["patient"] == {"display": "the patient of spinekg case radiopaedia-connector-failure"}


def test_cli_import_writes_the_case_and_export_prints_fhir(tmp_path):
    store = tmp_path / "store"
    out = tmp_path / "case.yaml"
    r = CliRunner().invoke(main, ["fhir", "import", str(DATA / "example-lumbar-smoker-diabetes.json"), "--out", str(out)])
    assert r.exit_code == 0, r.output
    from spinekg.api import check_case

    assert check_case(out).case_id == "fhir-lsd-61m"
    r = CliRunner().invoke(main, ["fhir", "import", str(DATA / "example-lumbar-smoker-diabetes.json"), "--load",
                                  "--store", str(store)])
    assert r.exit_code == 0 and "suspected loosening" in r.output
    r = CliRunner().invoke(main, ["fhir", "export", "fhir-lsd-61m", "--store", str(store)])
    assert r.exit_code == 0
    assert json.loads(r.output)["resourceType"] == "Bundle"
    r = CliRunner().invoke(main, ["fhir", "export", "nope", "--store", str(store)])
    assert r.exit_code == 1 and "no case 'nope'" in r.output


def test_record_field_is_checked_in_case_files():
    from spinekg.cases import case_from_data

    with pytest.raises(CaseError) as exc:
        case_from_data({"id": "x", "patient": {"record": "not a record"}}, "x.yaml")
    assert "patient.record: 'not a record' is not a record reference" in str(exc.value)
    lc = case_from_data({"id": "x", "patient": {"risk_factors": [{"type": "smoking", "record": "Observation/s"}]}})
    assert lc.case.risk_factors == ["Smoking"] and lc.case.records == {"risk_factor/Smoking": "Observation/s"}
    assert copy.deepcopy(lc.case).records == lc.case.records
