"""Writes the synthetic FHIR R4 Bundles of this folder from the hand-written cases they restate.

    python tests/data/fhir/build.py        # rewrites the *.json Bundles beside this file

Each Bundle is what an EHR could send for the case: the patient, conditions and observations with
SNOMED CT / LOINC codes where a verified code exists (spinekg/fhir/codes.tsv) and spinekg's own codes
otherwise, the fusion Procedure, one Device per implant placed by BodyStructures (vertebra +
laterality), the ImagingStudy, and either the radiology report's text (the published case) or
coded finding Observations (the constructed examples). Dates are synthetic, chosen so that the
patient's age and the interval after surgery equal the case file's.
"""
from __future__ import annotations

import base64
import json
from pathlib import Path

HERE = Path(__file__).parent
SCT, LOINC, DCM = "http://snomed.info/sct", "http://loinc.org", "http://dicom.nema.org/resources/ontology/DCM"
SKG = "https://w3id.org/spinekg/"
VERTEBRA = {"C6": "36054005", "C7": "87391001", "T2": "53733008", "T3": "1626008", "T4": "73071006",
            "T6": "45296009", "T7": "62487009", "T9": "82687006", "L3": "36470004", "L4": "11994002",
            "L5": "49668003"}
SIDE = {"left": ("7771000", "Left"), "right": ("24028007", "Right")}


def cc(system: str, code: str, display: str | None = None, text: str | None = None) -> dict:
    coding = {"system": system, "code": code}
    if display:
        coding["display"] = display
    out: dict = {"coding": [coding]}
    if text:
        out["text"] = text
    return out


def level(lv: str) -> dict:
    return cc(SCT, VERTEBRA[lv], f"{lv} vertebra") if lv in VERTEBRA else cc(SKG, lv, f"{lv} vertebra")


class Bundle:
    def __init__(self, pid: str):
        self.pid = pid
        self.entries: list[dict] = []

    def add(self, resource: dict) -> dict:
        self.entries.append({"fullUrl": f"http://ehr.example.org/fhir/{resource['resourceType']}/{resource['id']}",
                             "resource": resource})
        return resource

    @property
    def patient(self) -> dict:
        return {"reference": f"Patient/{self.pid}"}

    def device(self, did: str, kind: str, name: str, levels: list[str] = (), side: str | None = None,
               extra: list | None = None, parent: str | None = None, code: dict | None = None) -> None:
        ext = []
        for lv in levels:
            body = {"resourceType": "BodyStructure", "id": f"{did}-{lv}".lower(), "patient": self.patient,
                    "location": level(lv)}
            if side:
                body["locationQualifier"] = [cc(SCT, *SIDE[side])]
            self.add(body)
            ext.append({"url": "http://hl7.org/fhir/StructureDefinition/bodySite",
                        "valueReference": {"reference": f"BodyStructure/{body['id']}"}})
        dev = {"resourceType": "Device", "id": did, "status": "active", "patient": self.patient,
               "type": code or cc(SKG, kind, name), "deviceName": [{"name": name, "type": "user-friendly-name"}]}
        if ext or extra:
            dev["extension"] = ext + (extra or [])
        if parent:
            dev["parent"] = {"reference": f"Device/{parent}"}
        self.add(dev)

    def finding(self, oid: str, kind: str, device: str, study: str, text: str, value: dict | None = None,
                components: list | None = None, connector: str | None = None) -> None:
        obs = {"resourceType": "Observation", "id": oid, "status": "final",
               "category": [cc("http://terminology.hl7.org/CodeSystem/observation-category", "imaging", "Imaging")],
               "code": cc(SKG, kind), "subject": self.patient,
               "focus": [{"reference": f"Device/{device}"}] + ([{"reference": f"Device/{connector}"}] if connector else []),
               "derivedFrom": [{"reference": f"ImagingStudy/{study}"}], "note": [{"text": text}]}
        if value:
            obs["valueQuantity"] = value
        if components:
            obs["component"] = components
        self.add(obs)

    def write(self, name: str) -> None:
        data = {"resourceType": "Bundle", "id": name, "type": "collection", "entry": self.entries}
        (HERE / f"{name}.json").write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def mm(v: float) -> dict:
    return {"value": v, "unit": "mm", "system": "http://unitsofmeasure.org", "code": "mm"}


def comp(code: str, **value) -> dict:
    return {"code": cc(SKG, code), **value}


def condition(b: Bundle, cid: str, concept: dict) -> None:
    b.add({"resourceType": "Condition", "id": cid, "subject": b.patient, "code": concept,
           "clinicalStatus": cc("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
           "verificationStatus": cc("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed")})


def published() -> None:
    """kb/cases/radiopaedia-connector-failure.yaml: devices recorded, findings in the report text."""
    b = Bundle("rp-55f")
    b.add({"resourceType": "Patient", "id": "rp-55f", "gender": "female", "birthDate": "1968-07-02"})
    for cid, code, text in (("neck-pain", "NeckPain", "neck pain"), ("back-pain", "BackPain", "back pain"),
                            ("head-drop", "DifficultyHoldingHeadErect", "unable to hold her head erect")):
        condition(b, cid, cc(SKG, code, text=text))
    condition(b, "wound", cc(SKG, "WoundComplication", text="poor wound healing after the fusion, treated with "
              "repeated incision and drainage, debridement, wound-vac placement and a plastic-surgery closure"))
    b.add({"resourceType": "Observation", "id": "prior-surgeries", "status": "final", "subject": b.patient,
           "code": cc(SKG, "priorSpineSurgeryCount", "number of prior spine surgeries"),
           "valueQuantity": {"value": 10, "comparator": ">"}})
    thoracic = ["rod-thoracic-left", "rod-thoracic-right", "screw-T2-left", "screw-T2-right", "screw-T3-left",
                "screw-T3-right", "screw-T4-left", "screw-T4-right", "screw-T6-right", "screw-T7-right"]
    b.add({"resourceType": "Procedure", "id": "c7-t9-fusion", "status": "completed", "subject": b.patient,
           "code": cc(SKG, "PosteriorSpinalFusion", "posterior spinal fusion", "posterior C7-T9 fusion"),
           "bodySite": [level("C7"), level("T9")], "performedDateTime": "2023-09-15",
           "focalDevice": [{"manipulated": {"reference": f"Device/{d}"}} for d in thoracic]})
    for pid, code, date in (("incision-drainage", "IncisionAndDrainage", "2023-10-20"),
                            ("debridement", "Debridement", "2023-11-02"),
                            ("wound-vac", "NegativePressureWoundTherapy", "2023-11-02"),
                            ("plastic-closure", "PlasticSurgeryClosure", "2023-12-01")):
        b.add({"resourceType": "Procedure", "id": pid, "status": "completed", "subject": b.patient,
               "code": cc(SKG, code), "performedDateTime": date})
    for side in ("left", "right"):
        b.device(f"rod-cervical-{side}", "Rod", f"{side} cervical rod", ["C6"], side)
        b.device(f"rod-thoracic-{side}", "Rod", f"{side} thoracic rod", ["C6", "T9"], side)
    for side in ("left", "right"):
        b.device(f"connector-C6-{side}", "RodToRodConnector", f"{side} rod-to-rod connector at C6", ["C6"], side,
                 extra=[{"url": "https://w3id.org/spinekg/fhir/StructureDefinition/joins-rod",
                         "valueReference": {"reference": f"Device/rod-{part}-{side}"}} for part in ("cervical", "thoracic")])
    for did in thoracic[2:]:
        _, lv, side = did.split("-")
        b.device(did, "PedicleScrew", f"{side} pedicle screw at {lv}", [lv], side)
    b.device("scs", "SpinalCordStimulator", "spinal cord stimulator")
    b.device("scs-lead", "StimulatorLead", "stimulator lead", parent="scs")
    b.add({"resourceType": "ImagingStudy", "id": "ct", "status": "available", "subject": b.patient,
           "started": "2024-03-15T09:30:00Z", "modality": [{"system": DCM, "code": "CT", "display": "Computed Tomography"}]})
    text = (HERE.parent / "nlp" / "published-case-findings.txt").read_text(encoding="utf-8")
    findings = text.split("The findings text as published:", 1)[1].strip()
    b.add({"resourceType": "DiagnosticReport", "id": "ct-report", "status": "final", "subject": b.patient,
           "code": cc(LOINC, "18748-4", "Diagnostic imaging study"), "effectiveDateTime": "2024-03-15",
           "imagingStudy": [{"reference": "ImagingStudy/ct"}],
           "conclusion": "Rod-to-rod connector failure at C6; pedicle screw malalignment with loosening at T2.",
           "presentedForm": [{"contentType": "text/plain; charset=utf-8", "language": "en",
                              "data": base64.b64encode(findings.encode("utf-8")).decode("ascii")}]})
    b.add({"resourceType": "Observation", "id": "nonunion-at-revision", "status": "final", "subject": b.patient,
           "code": cc(SKG, "NonUnionFoundAtSurgery", "non-union found at surgery"),
           "valueString": "revision surgery found multiple non-unions"})
    b.write("radiopaedia-connector-failure")


def lumbar_smoker_diabetes() -> None:
    """kb/cases/example-lumbar-smoker-diabetes.yaml: LOINC smoking status, SNOMED diabetes, coded findings."""
    b = Bundle("lsd-61m")
    b.add({"resourceType": "Patient", "id": "lsd-61m", "gender": "male", "birthDate": "1963-01-20"})
    b.add({"resourceType": "Observation", "id": "smoking", "status": "final", "subject": b.patient,
           "category": [cc("http://terminology.hl7.org/CodeSystem/observation-category", "social-history")],
           "code": cc(LOINC, "72166-2", "Tobacco smoking status"), "effectiveDateTime": "2024-02-01",
           "valueCodeableConcept": cc(SCT, "449868002", "Smokes tobacco daily (finding)")})
    condition(b, "t2dm", cc(SCT, "44054006", "Diabetes mellitus type 2"))
    condition(b, "back-pain", cc(SKG, "BackPain", text="persistent back pain"))
    devices = [f"screw-{lv}-{s}" for lv in ("L3", "L4", "L5") for s in ("left", "right")] + ["rod-left", "rod-right"]
    b.add({"resourceType": "Procedure", "id": "l3-l5-fusion", "status": "completed", "subject": b.patient,
           "code": cc(SKG, "PosteriorSpinalFusion", "posterior spinal fusion"), "bodySite": [level("L3"), level("L5")],
           "performedDateTime": "2024-01-10", "focalDevice": [{"manipulated": {"reference": f"Device/{d}"}} for d in devices]})
    for d in devices[:6]:
        _, lv, side = d.split("-")
        b.device(d, "PedicleScrew", f"{side} pedicle screw at {lv}", [lv], side,
                 code={"coding": [{"system": SCT, "code": "68183006", "display": "Bone screw"},
                                  {"system": SKG, "code": "PedicleScrew", "display": "pedicle screw"}]})
    for side in ("left", "right"):
        b.device(f"rod-{side}", "Rod", f"{side} L3-L5 rod", ["L3", "L5"], side)
    b.add({"resourceType": "ImagingStudy", "id": "ct-4m", "status": "available", "subject": b.patient,
           "started": "2024-05-10", "modality": [{"system": DCM, "code": "CT"}]})
    b.finding("lucency-L3-right", "PeriImplantLucency", "screw-L3-right", "ct-4m",
              "There is a 1.0 mm lucency around the right L3 pedicle screw.", mm(1.0))
    b.finding("lucency-L3-left", "PeriImplantLucency", "screw-L3-left", "ct-4m",
              "There is a 1.1 mm lucency around the left L3 pedicle screw.", mm(1.1))
    for side in ("left", "right"):
        b.finding(f"no-lucency-L5-{side}", "PeriImplantLucency", f"screw-L5-{side}", "ct-4m",
                  "No lucency around the L5 pedicle screws.",
                  components=[comp("assertionStatus", valueCodeableConcept=cc(SKG, "Negated"))])
    b.write("example-lumbar-smoker-diabetes")


def clean_followup() -> None:
    """kb/cases/example-clean-followup.yaml: nothing wrong (S1 has no verified SNOMED code: spinekg's S1)."""
    b = Bundle("clean-58m")
    b.add({"resourceType": "Patient", "id": "clean-58m", "gender": "male", "birthDate": "1966-04-01"})
    screws = [f"screw-{lv}-{s}" for lv in ("L4", "L5", "S1") for s in ("left", "right")]
    devices = [*screws, "rod-left", "rod-right", "cage-L4-L5", "cage-L5-S1"]
    b.add({"resourceType": "Procedure", "id": "l4-s1-fusion", "status": "completed", "subject": b.patient,
           "code": cc(SKG, "PosteriorSpinalFusion", "posterior spinal fusion",
                      "L4-S1 posterior instrumented fusion with transforaminal interbody fusion at L4-L5 and L5-S1"),
           "bodySite": [level("L4"), level("S1")], "performedDateTime": "2023-03-20",
           "focalDevice": [{"manipulated": {"reference": f"Device/{d}"}} for d in devices]})
    for d in screws:
        _, lv, side = d.split("-")
        b.device(d, "PedicleScrew", f"{side} pedicle screw at {lv}", [lv], side)
    for side in ("left", "right"):
        b.device(f"rod-{side}", "Rod", f"{side} L4-S1 rod", ["L4", "S1"], side)
    b.device("cage-L4-L5", "InterbodyCage", "L4-L5 interbody cage", ["L4", "L5"])
    b.device("cage-L5-S1", "InterbodyCage", "L5-S1 interbody cage", ["L5", "S1"])
    b.add({"resourceType": "ImagingStudy", "id": "ct-12m", "status": "available", "subject": b.patient,
           "started": "2024-03-20", "modality": [{"system": DCM, "code": "CT"}]})
    for d in screws:
        b.finding(f"position-{d}", "ScrewPositionFinding", d, "ct-12m", "The pedicle screw is fully contained.",
                  components=[comp("contained", valueBoolean=True),
                              comp("relativeTo", valueCodeableConcept=cc(SKG, "Pedicle"))])
    b.finding("lucency-S1-right", "PeriImplantLucency", "screw-S1-right", "ct-12m",
              "A thin 0.5 mm lucency surrounds the right S1 pedicle screw, within normal limits.", mm(0.5))
    for cage in ("cage-L4-L5", "cage-L5-S1"):
        b.finding(f"no-subsidence-{cage[5:]}", "ImplantSubsidenceFinding", cage, "ct-12m",
                  f"No subsidence of the {cage[5:]} interbody cage.",
                  components=[comp("assertionStatus", valueCodeableConcept=cc(SKG, "Negated"))])
    b.write("example-clean-followup")


if __name__ == "__main__":
    published()
    lumbar_smoker_diabetes()
    clean_followup()
