"""A case's conclusions as FHIR R4 resources a health record can store, with Provenance for each.

* DetectedIssue for hardware complications and the revision-evaluation indication (implicated: the
  Devices; evidence: the records the conclusion rests on; reference: the first publication).
* RiskAssessment for the non-union risk (qualitative risk, the records of the factors as basis) and
  for each post-test probability of screw loosening (probabilityDecimal, with the pretest in a note).
* Provenance for each: target the resource, policy the rules applied, entity the source records
  (role 'source') and the publications (role 'quotation', by DOI or PubMed identifier).

The Bundle (type collection) is validated with fhir.resources' R4B models before it is returned.
"""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from .codes import skg_coding
from .conclusions import Conclusion, Publication

ISSUE_KINDS = {"RevisionEvaluationIndication": "high", "ThreateningBreach": "high", "HardwareFailure": "high",
               "ConstructDiscontinuity": "moderate", "ConnectorFailure": "moderate", "ScrewLoosening": "moderate",
               "ScrewMalposition": "moderate", "NeurologicalCorrelationFlag": "moderate", "LeadMigration": "moderate"}
RISK_CODES = {"HighRisk": "high", "ElevatedRisk": "moderate", "ModerateRisk": "moderate", "LowRisk": "low"}
NAMESPACE = uuid.UUID("5d1c2a8e-7f5e-4d0a-9a55-3a4e1f7c2b10")  # spinekg's namespace for resource ids


class ExportError(ValueError):
    """The resources built do not validate as FHIR R4 (a bug: reported, never returned)."""


def _uuid(text: str) -> str:
    return str(uuid.uuid5(NAMESPACE, text))


def _ref(record: str) -> dict[str, str]:
    return {"reference": record}


def _device_refs(c: Conclusion) -> list[dict[str, str]]:
    return [_ref(r) for r in c.records if r.startswith("Device/")]


def _pub_entity(p: Publication) -> dict[str, Any]:
    what: dict[str, Any] = {"display": p.citation}
    if p.doi:
        what["identifier"] = {"system": "urn:ietf:rfc:3986", "value": f"https://doi.org/{p.doi}"}
    elif p.pmid:
        what["identifier"] = {"system": "https://pubmed.ncbi.nlm.nih.gov", "value": p.pmid}
    return {"role": "quotation", "what": what}


def _subject(patient: str | None, case_id: str) -> dict[str, str]:
    return _ref(patient) if patient else {"display": f"the patient of spinekg case {case_id}"}


def _resource(c: Conclusion, case_id: str, patient: str | None, when: str) -> dict[str, Any] | None:
    rid = _uuid(c.iri)
    code = {"coding": [skg_coding(c.kind)], "text": c.label}
    basis = [_ref(r) for r in c.records if not r.startswith("Patient/")]
    if c.kind in ISSUE_KINDS:
        issue: dict[str, Any] = {"resourceType": "DetectedIssue", "id": rid, "status": "final", "code": code,
                                 "severity": ISSUE_KINDS[c.kind], "patient": _subject(patient, case_id),
                                 "identifiedDateTime": when, "detail": _detail(c)}
        if _device_refs(c):
            issue["implicated"] = _device_refs(c)
        if basis:
            issue["evidence"] = [{"detail": basis}]
        if c.evidence and c.evidence[0].url:
            issue["reference"] = c.evidence[0].url
        return issue
    if c.kind == "NonUnionRiskAssessment":
        level = c.values.get("risk level", "")
        local = c.values.get("risk level code")
        prediction: dict[str, Any] = {"outcome": {"coding": [skg_coding("Pseudarthrosis")],
                                                  "text": "non-union (pseudarthrosis) after fusion"}}
        if local in RISK_CODES:
            prediction["qualitativeRisk"] = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/risk-probability",
                                                         "code": RISK_CODES[local]}], "text": level}
        risk: dict[str, Any] = {"resourceType": "RiskAssessment", "id": rid, "status": "final", "code": code,
                                "subject": _subject(patient, case_id), "occurrenceDateTime": when,
                                "prediction": [prediction], "note": [{"text": c.label}]}
        if basis:
            risk["basis"] = basis
        return risk
    if c.kind == "PostTestProbability" and "probability" in c.values:
        note = c.label
        if "pretest source" in c.values:
            note += f". Pretest: {c.values['pretest source']}"
        risk = {"resourceType": "RiskAssessment", "id": rid, "status": "final", "code": code,
                "subject": _subject(patient, case_id), "occurrenceDateTime": when,
                "prediction": [{"outcome": {"coding": [skg_coding("ScrewLoosening")], "text": "screw loosening"},
                                "probabilityDecimal": float(c.values["probability"])}],
                "note": [{"text": note}]}
        if basis:
            risk["basis"] = basis
        return risk
    return None


def _detail(c: Conclusion) -> str:
    return f"{c.label}: {'; '.join(c.reasons)}" if c.reasons else c.label


def _provenance(c: Conclusion, target: str, when: str) -> dict[str, Any]:
    from .. import __version__

    entities = [{"role": "source", "what": _ref(r)} for r in c.records]
    entities += [_pub_entity(p) for p in c.evidence]
    prov: dict[str, Any] = {
        "resourceType": "Provenance", "id": _uuid("provenance " + c.iri), "target": [{"reference": target}],
        "recorded": when, "policy": c.rules or [c.iri],
        "activity": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v3-DataOperation", "code": "CREATE"}],
                     "text": "; ".join(c.rule_titles) or "derived by spinekg"},
        "agent": [{"type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
                                        "code": "assembler"}]},
                   "who": {"display": f"spinekg {__version__} (rules and evidence: {c.iri})"}}],
    }
    if entities:
        prov["entity"] = entities
    return prov


def conclusions_bundle(case_id: str, conclusions: list[Conclusion], *, patient: str | None = None,
                       when: dt.datetime | None = None) -> dict[str, Any]:
    """The conclusions as a FHIR R4 Bundle (collection) of DetectedIssue / RiskAssessment and Provenance."""
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    stamp = (when or dt.datetime.now(dt.UTC)).replace(microsecond=0).isoformat()
    entries: list[dict[str, Any]] = []
    for c in conclusions:
        res = _resource(c, case_id, patient, stamp)
        if res is None:
            continue
        url = f"urn:uuid:{res['id']}"
        prov = _provenance(c, url, stamp)
        entries.append({"fullUrl": url, "resource": res})
        entries.append({"fullUrl": f"urn:uuid:{prov['id']}", "resource": prov})
    bundle = {"resourceType": "Bundle", "id": _uuid("bundle " + case_id), "type": "collection",
              "timestamp": stamp, "entry": entries}
    try:
        Bundle.model_validate(bundle)
    except ValidationError as exc:  # pragma: no cover - a bug in the mapping above
        raise ExportError(f"the exported resources are not valid FHIR R4: {exc}") from None
    return bundle


def case_bundle(kg: Any, case_id: str, *, when: dt.datetime | None = None) -> dict[str, Any]:
    """A stored case's conclusions as a FHIR Bundle (see `conclusions_bundle`)."""
    from rdflib import Literal

    from ..vocab import DCTERMS, RDF, SKG
    from .conclusions import case_conclusions

    asserted = kg.case_graph(case_id)
    inferred = kg.case_graph(case_id, inferred=True)
    patient = None
    for node in asserted.subjects(RDF.type, SKG.Patient):
        src = asserted.value(node, DCTERMS.source)
        if isinstance(src, Literal) and str(src).startswith("Patient/"):
            patient = str(src)
    return conclusions_bundle(case_id, case_conclusions(asserted, inferred), patient=patient, when=when)


__all__ = ["ExportError", "case_bundle", "conclusions_bundle"]
