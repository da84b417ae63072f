"""A FHIR R4 Bundle for one patient to a case in the spinekg case format, each fact with its source record.

What is read (everything else is set aside with a note, never guessed):

* Patient: gender, birthDate (age at the study).
* Condition: risk factors, conditions and symptoms by code (codes.tsv, or spinekg codes).
* Observation: tobacco smoking status (LOINC 72166-2); spinekg-coded risk factors, the number of prior
  spine surgeries (`priorSpineSurgeryCount`, valueInteger or valueQuantity with comparator '>'),
  imaging findings (code = a finding type such as `PeriImplantLucency`; focus = the Device; value =
  the width or distance; components `contained`, `subluxed`, `secured`, `doubleHalo`, `direction`,
  `relativeTo`, `location`, `distance`, `assertionStatus`; derivedFrom = the ImagingStudy or
  DiagnosticReport; note = the report's words) and outcomes.
* Procedure: type, bodySite (vertebral levels: the span runs from the highest to the lowest),
  performed date, focalDevice (the implants of the construct it placed).
* Device: type; level(s) and side through the `bodySite` extension (a BodyStructure whose location is
  a vertebra and whose locationQualifier is the laterality); parent (a stimulator's lead); the
  spinekg extension `joins-rod` for a rod-to-rod connector.
* ImagingStudy: modality and date. DiagnosticReport: the study, and the report text (presentedForm
  text/plain, else the conclusion) run through `spinekg ingest`; a fact coded in an Observation wins
  over the same fact found in the text.
"""
from __future__ import annotations

import base64
import binascii
import copy
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ..anatomy import LevelError, parse_level, parse_span
from ..cases import CaseError, LoadedCase, Problem, case_from_data
from ..cases import terms as T
from ..cases.source import LineMap
from .bundle import Resources, parse_json, read_bundle, record_of, ref_of
from .codes import SKG_SYSTEM, UCUM, codings, concept_term, lookup, show

BODY_SITE_EXT = "http://hl7.org/fhir/StructureDefinition/bodySite"
JOINS_EXT = "https://w3id.org/spinekg/fhir/StructureDefinition/joins-rod"
INACTIVE_CONDITION = {"inactive", "remission", "resolved"}
NOT_TRUE = {"refuted", "entered-in-error"}
COMPONENT_FIELDS = {  # spinekg component code -> (case-format field, value kind)
    "contained": ("contained", "boolean"), "subluxed": ("subluxed", "boolean"), "secured": ("secured", "boolean"),
    "doubleHalo": ("double_halo", "boolean"), "direction": ("direction", "direction"),
    "relativeTo": ("relative_to", "structure"), "location": ("location", "structure"),
    "distance": ("distance", "quantity"), "width": ("width", "quantity"), "assertionStatus": ("status", "status"),
}
VALUE_FIELD = {"lucency": "width", "migration": "distance", "subsidence": "distance", "screw position": "distance"}
UNITS = {"mm": "mm", "cm": "cm"}


@dataclass
class FhirCase:
    """A case built from a Bundle: the case data, the validated case, and what was set aside and why."""

    case: dict[str, Any]
    loaded: LoadedCase
    patient: str
    notes: list[str] = field(default_factory=list)

    @property
    def case_id(self) -> str:
        return self.case["id"]


def _slug(text: str) -> str:
    s = re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-.")
    return s if s and s[0].isalnum() else f"x{s}"


def _date(value: Any) -> str | None:
    """The date part of a FHIR date or dateTime ('2024-03-01T10:00:00Z' -> '2024-03-01'); None if partial."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _months_between(start: str, end: str) -> str:
    """The interval between two dates, in whole months when it is a whole number of months, else in days."""
    a, b = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    months = (b.year - a.year) * 12 + (b.month - a.month)
    if b.day == a.day and months >= 1:
        return f"{months} months"
    return f"{(b - a).days} days"


class _Builder:
    """Collects the case data and the problems while reading one Bundle's resources."""

    def __init__(self, res: Resources):
        self.res = res
        self.notes: list[str] = []
        self.patient_ref: str | None = None
        self.case: dict[str, Any] = {}
        self.implants: dict[str, dict[str, Any]] = {}  # Device reference -> implant dict
        self.device_ids: dict[str, str] = {}  # Device reference -> implant id
        self.studies: dict[str, dict[str, Any]] = {}  # ImagingStudy reference -> study dict
        self.report_study: dict[str, str] = {}  # DiagnosticReport reference -> study id
        self.findings: list[dict[str, Any]] = []
        self.procedure_dates: dict[str, str] = {}

    def err(self, path: str, message: str) -> None:
        self.res.err(path, message)

    def note(self, path: str, resource: dict[str, Any], why: str) -> None:
        self.notes.append(f"{path} ({ref_of(resource)}): {why}")

    def record(self, path: str, resource: dict[str, Any]) -> str:
        return record_of(self.res, path, resource)

    def check_subject(self, path: str, resource: dict[str, Any], key: str) -> bool:
        """Is the resource about this Bundle's patient? A resource about another patient is a problem."""
        ref = resource.get(key)
        if ref is None:
            return True
        target = self.res.resolve(ref)
        text = ref.get("reference") if isinstance(ref, dict) else None
        if target is not None and ref_of(target[1]) == self.patient_ref:
            return True
        if target is None and isinstance(text, str) and text.rstrip("/").endswith(self.patient_ref or "\0"):
            return True
        self.err(f"{path}.{key}", f"refers to {text!r}, not to the Bundle's patient {self.patient_ref}: "
                                  "send one patient's resources per Bundle")
        return False


def bundle_text_to_case(text: str, *, label: str = "<bundle>", case_id: str | None = None,
                        source: str | None = None, nlp: bool = True) -> FhirCase:
    """Read a Bundle from JSON text and build its case (see `bundle_to_case`)."""
    data, lines = parse_json(text, label)
    return bundle_to_case(data, label=label, lines=lines, case_id=case_id, source=source, nlp=nlp)


def bundle_to_case(data: Any, *, label: str = "<bundle>", lines: LineMap | None = None, case_id: str | None = None,
                   source: str | None = None, nlp: bool = True) -> FhirCase:
    """Build a validated case from a FHIR R4 Bundle for one patient (JSON data), or raise CaseError.

    The case is checked exactly as a case file is (format checks, then the SHACL shapes); problems
    in the Bundle are located in it (`Bundle.entry[3].resource.bodySite[0]: ...`).
    """
    from ..api import check_shapes

    res = read_bundle(data, label, lines)
    b = _Builder(res)
    patients = res.of_type("Patient")
    if len(patients) != 1:
        b.err("Bundle.entry", f"a Bundle for a case holds exactly one Patient, not {len(patients)}")
        raise CaseError(res.problems)
    ppath, patient = patients[0]
    b.patient_ref = ref_of(patient)
    cid = case_id or _slug(f"fhir-{patient.get('id') or 'patient'}")
    b.case = {"spinekg_case": 1, "id": cid, "title": f"FHIR record of {b.patient_ref}",
              "source": source or b.patient_ref, "constructed": False}
    _studies(b)
    _patient(b, ppath, patient)
    _conditions(b)
    _procedures(b)
    _devices(b)
    _observations(b)
    _intervals(b)
    if res.problems:
        raise CaseError(res.problems)
    case = _assemble(b)
    if nlp:
        _reports(b, case)
    if res.problems:
        raise CaseError(res.problems)
    try:
        loaded = case_from_data(case, label)
        check_shapes(loaded)
    except CaseError as exc:  # a problem of the case built from the Bundle: say which resource to look at
        raise CaseError([_locate(b, case, p) for p in exc.problems]) from None
    return FhirCase(case, loaded, b.patient_ref, b.notes)


def _locate(b: _Builder, case: dict[str, Any], p: Problem) -> Problem:
    """A problem of the built case, named by the resource it came from where that is known."""
    m = re.match(r"(\w+)\[(\d+)\]", p.path or "")
    record = None
    if m and isinstance(case.get(m.group(1)), list) and int(m.group(2)) < len(case[m.group(1)]):
        item = case[m.group(1)][int(m.group(2))]
        record = item.get("record") if isinstance(item, dict) else None
    where = f"{record}: " if record else ""
    return Problem(p.source, f"case.{p.path}" if p.path else "case", f"{where}{p.message}", None)


# --- resources -----------------------------------------------------------------------------------------
def _studies(b: _Builder) -> None:
    for path, r in b.res.of_type("ImagingStudy"):
        if not b.check_subject(path, r, "subject"):
            continue
        mods = list(r.get("modality") or []) + [s.get("modality") for s in r.get("series") or [] if s.get("modality")]
        modality = next((m for c in mods if (m := lookup(c.get("system"), c.get("code"), "modality"))), None)
        if modality is None:
            shown = ", ".join(f"{c.get('system', '?')}|{c.get('code', '?')}" for c in mods) or "none"
            b.note(path, r, f"set aside: modality ({shown}) is not one spinekg reads (DICOM CT, MR, CR, DX, RG)")
            continue
        study: dict[str, Any] = {"id": _slug(r.get("id") or f"study-{len(b.studies) + 1}"), "modality": modality,
                                 "record": b.record(path, r)}
        if _date(r.get("started")):
            study["date"] = _date(r.get("started"))
        b.studies[ref_of(r)] = study
        for key in (k for k, (p, x) in b.res.by_ref.items() if x is r):
            b.studies[key] = study
    for path, r in b.res.of_type("DiagnosticReport"):
        for j, ref in enumerate(r.get("imagingStudy") or []):
            target = b.res.resolve(ref)
            if target is None or ref_of(target[1]) not in b.studies:
                b.err(f"{path}.imagingStudy[{j}]", f"{ref.get('reference')!r} is not an ImagingStudy of this Bundle "
                                                   "that spinekg reads")
                continue
            b.report_study[ref_of(r)] = b.studies[ref_of(target[1])]["id"]
            break
        else:
            uniq = {s["id"] for s in b.studies.values()}
            if len(uniq) == 1:
                b.report_study[ref_of(r)] = next(iter(uniq))


def _study_date(b: _Builder) -> str | None:
    dates = sorted(s["date"] for s in b.studies.values() if s.get("date"))
    if dates:
        return dates[-1]
    for _, r in b.res.of_type("DiagnosticReport"):
        if _date(r.get("effectiveDateTime")):
            return _date(r.get("effectiveDateTime"))
    return None


def _patient(b: _Builder, path: str, r: dict[str, Any]) -> None:
    p: dict[str, Any] = {"record": b.record(path, r)}
    gender = r.get("gender")
    if gender in ("male", "female", "other"):
        p["sex"] = gender
    birth = _date(r.get("birthDate"))
    when = _study_date(b)
    if birth and when:
        a, s = dt.date.fromisoformat(birth), dt.date.fromisoformat(when)
        p["age"] = s.year - a.year - ((s.month, s.day) < (a.month, a.day))
    elif r.get("birthDate"):
        b.note(path, r, "age not set: no study date to compute the age at the study from")
    b.case["patient"] = p


def _active(b: _Builder, path: str, r: dict[str, Any]) -> bool:
    clinical: set[str | None] = {c.get("code") for c in codings(r.get("clinicalStatus"))}
    verification: set[str | None] = {c.get("code") for c in codings(r.get("verificationStatus"))}
    if clinical & INACTIVE_CONDITION or verification & NOT_TRUE:
        codes = sorted(code for code in clinical | verification if code is not None)
        b.note(path, r, f"set aside: not an active, confirmed condition ({', '.join(codes)})")
        return False
    return True


def _conditions(b: _Builder) -> None:
    p = b.case["patient"]
    for path, r in b.res.of_type("Condition"):
        if not b.check_subject(path, r, "subject") or not _active(b, path, r):
            continue
        rec = b.record(path, r)
        code = r.get("code")
        if (term := concept_term(code, "risk_factor")) is not None:
            _add_factor(p, "risk_factors", term, rec)
        elif (term := concept_term(code, "condition")) is not None:
            entry = {"type": term, "record": rec}
            if isinstance(code, dict) and code.get("text"):
                entry["description"] = code["text"]
            p.setdefault("conditions", []).append(entry)
        elif (term := concept_term(code, "symptom")) is not None:
            _add_factor(p, "symptoms", term, rec)
        else:
            b.note(path, r, f"set aside: condition code {show(code)} is not one spinekg reads")


def _add_factor(p: dict[str, Any], key: str, term: str, record: str) -> None:
    local = (T.RISK_FACTORS if key == "risk_factors" else T.SYMPTOMS)[T.norm(term)]
    items = p.setdefault(key, [])
    table = T.RISK_FACTORS if key == "risk_factors" else T.SYMPTOMS
    if not any(table[T.norm(i["type"])] == local for i in items):
        items.append({"type": term, "record": record})


def _levels(b: _Builder, path: str, concepts: list[tuple[str, Any]]) -> list[str]:
    """Vertebral levels from body-site CodeableConcepts; a coded site that is not a level is a problem."""
    out = []
    for where, cc in concepts:
        term = concept_term(cc, "level")
        if term is None:
            bad = codings(cc)
            what = f"code {bad[0].get('code')!r} ({bad[0].get('system', 'no system')})" if bad else "a site without a code"
            b.err(where, f"{what} is not a vertebral level we know (SNOMED CT vertebra codes C1-L5 of DICOM CID 7603, "
                         f"or spinekg codes C1-Co1)")
            continue
        out.append(term)
    return out


def _span(levels: list[str]) -> str | None:
    if not levels:
        return None
    parsed = sorted({parse_level(lv).name: parse_level(lv) for lv in levels}.values(), key=lambda lv: lv.position)
    return parsed[0].name if len(parsed) == 1 else f"{parsed[0].name}-{parsed[-1].name}"


def _procedures(b: _Builder) -> None:
    procs: list[dict[str, Any]] = []
    for path, r in b.res.of_type("Procedure"):
        if not b.check_subject(path, r, "subject"):
            continue
        if r.get("status") != "completed":
            b.note(path, r, f"set aside: status {r.get('status')!r}, not completed")
            continue
        kind = concept_term(r.get("code"), "procedure")
        if kind is None:
            b.note(path, r, f"set aside: procedure code {show(r.get('code'))} is not one spinekg reads")
            continue
        pid = _slug(r.get("id") or f"procedure-{len(procs) + 1}")
        proc: dict[str, Any] = {"id": pid, "type": kind, "record": b.record(path, r)}
        sites = [(f"{path}.bodySite[{j}]", cc) for j, cc in enumerate(r.get("bodySite") or [])]
        span = _span(_levels(b, path, sites))
        if span:
            proc["levels"] = span
        when = _date(r.get("performedDateTime")) or _date((r.get("performedPeriod") or {}).get("start"))
        if when:
            proc["date"] = when
            b.procedure_dates[pid] = when
        if isinstance(r.get("code"), dict) and r["code"].get("text"):
            proc["label"] = r["code"]["text"]
        procs.append(proc)
        for j, fd in enumerate(r.get("focalDevice") or []):
            target = b.res.resolve(fd.get("manipulated"))
            if target is None:
                b.err(f"{path}.focalDevice[{j}].manipulated", "is not a Device of this Bundle")
                continue
            b.case.setdefault("_construct_of", {})[ref_of(target[1])] = pid
    if procs:
        b.case["procedures"] = procs


def _devices(b: _Builder) -> None:
    parts: dict[str, list[dict[str, Any]]] = {}
    order: list[tuple[str, dict[str, Any], dict[str, Any]]] = []
    constructs = b.case.pop("_construct_of", {})
    for path, r in b.res.of_type("Device"):
        if not b.check_subject(path, r, "patient"):
            continue
        if r.get("status") == "entered-in-error":
            b.note(path, r, "set aside: entered in error")
            continue
        kind = concept_term(r.get("type"), "implant")
        if kind is None:
            b.note(path, r, f"set aside: device type {show(r.get('type'))} is not one spinekg reads")
            continue
        iid = _slug(r.get("id") or f"device-{len(order) + 1}")
        imp: dict[str, Any] = {"id": iid, "type": kind, "record": b.record(path, r)}
        levels: list[str] = []
        sides: list[str] = []
        for j, ext in enumerate(r.get("extension") or []):
            epath = f"{path}.extension[{j}]"
            if ext.get("url") == BODY_SITE_EXT:
                target = b.res.resolve(ext.get("valueReference"))
                if target is None or target[1].get("resourceType") != "BodyStructure":
                    b.err(f"{epath}.valueReference", "is not a BodyStructure of this Bundle")
                    continue
                bpath, body = target
                levels += _levels(b, bpath, [(f"{bpath}.location", body.get("location"))])
                for k, q in enumerate(body.get("locationQualifier") or []):
                    side = concept_term(q, "side")
                    if side is None:
                        b.err(f"{bpath}.locationQualifier[{k}]", f"{show(q)} is not a laterality we know "
                                                                 "(SNOMED CT 7771000 left, 24028007 right, 51440002 bilateral)")
                    else:
                        sides.append(side)
            elif ext.get("url") == JOINS_EXT:
                imp.setdefault("_joins", []).append((f"{epath}.valueReference", ext.get("valueReference")))
        if levels:
            span = _span(levels)
            imp["levels" if span and "-" in span else "level"] = span
        if sides:
            if len(set(sides)) > 1:
                b.err(path, f"the device's body sites give different sides ({', '.join(sorted(set(sides)))})")
            imp["side"] = sides[0]
        names = [n.get("name") for n in r.get("deviceName") or [] if n.get("name")]
        if names:
            imp["label"] = names[0]
        ref = ref_of(r)
        if ref in constructs:
            imp["construct"] = constructs[ref]
        b.implants[ref] = imp
        b.device_ids[ref] = iid
        parent = b.res.resolve(r.get("parent")) if r.get("parent") else None
        order.append((path, r, imp))
        if parent is not None:
            imp["_parent"] = ref_of(parent[1])
    out: list[dict[str, Any]] = []
    for _path, _r, imp in order:
        parent = imp.pop("_parent", None)
        if parent is not None and parent in b.implants:
            imp.pop("construct", None)
            parts.setdefault(parent, []).append(imp)
        else:
            out.append(imp)
    for imp in out:
        for ref, children in parts.items():
            if b.implants.get(ref) is imp:
                imp["parts"] = children
    for _path, _r, imp in order:
        joins = imp.pop("_joins", [])
        for where, ref in joins:
            target = b.res.resolve(ref)
            if target is None or ref_of(target[1]) not in b.device_ids:
                b.err(where, "is not a Device of this Bundle that spinekg reads")
                continue
            imp.setdefault("joins", []).append(b.device_ids[ref_of(target[1])])
    if out:
        b.case["implants"] = out


def _quantity(b: _Builder, path: str, q: Any) -> str | None:
    if not isinstance(q, dict) or q.get("value") is None:
        b.err(path, "needs a value")
        return None
    unit = q.get("code") if q.get("system") == UCUM else q.get("unit")
    if unit not in UNITS:
        b.err(path, f"unit {unit!r} is not a length unit spinekg reads (UCUM mm or cm)")
        return None
    return f"{q['value']} {UNITS[unit]}"


def _observations(b: _Builder) -> None:
    p = b.case["patient"]
    for path, r in b.res.of_type("Observation"):
        if not b.check_subject(path, r, "subject"):
            continue
        if r.get("status") in ("entered-in-error", "cancelled"):
            b.note(path, r, f"set aside: status {r.get('status')}")
            continue
        code = r.get("code")
        rec = b.record(path, r)
        if concept_term(code, "observation") == "smoking-status":
            status = concept_term(r.get("valueCodeableConcept"), "smoking")
            if status == "current":
                _add_factor(p, "risk_factors", "smoking", rec)
            elif status is None:
                b.note(path, r, f"set aside: smoking status {show(r.get('valueCodeableConcept'))} is not one spinekg reads")
            continue
        local = next((c.get("code") for c in codings(code) if str(c.get("system", "")).rstrip("/") + "/" == SKG_SYSTEM),
                     None)
        if local == "priorSpineSurgeryCount":
            _prior(b, path, r, p)
        elif (term := lookup(SKG_SYSTEM, local, "finding")) is not None:
            _finding(b, path, r, term, rec)
        elif (term := concept_term(code, "outcome")) is not None:
            entry = {"type": term, "record": rec}
            if r.get("valueString"):
                entry["description"] = r["valueString"]
            b.case.setdefault("outcomes", []).append(entry)
        elif (term := concept_term(code, "risk_factor")) is not None:
            if r.get("valueBoolean") is not False:
                _add_factor(p, "risk_factors", term, rec)
        else:
            b.note(path, r, f"set aside: observation code {show(code)} is not one spinekg reads")


def _prior(b: _Builder, path: str, r: dict[str, Any], p: dict[str, Any]) -> None:
    if isinstance(r.get("valueInteger"), int):
        p["prior_spine_surgeries"] = r["valueInteger"]
        return
    q = r.get("valueQuantity") or {}
    value = q.get("value")
    if not isinstance(value, (int, float)) or value != int(value) or value < 0:
        b.err(f"{path}.value[x]", "the number of prior spine surgeries needs valueInteger or a whole valueQuantity")
        return
    comparator = q.get("comparator")
    if comparator == ">":
        p["prior_spine_surgeries"] = {"more_than": int(value)}
    elif comparator in (None,):
        p["prior_spine_surgeries"] = int(value)
    else:
        b.err(f"{path}.valueQuantity.comparator", f"{comparator!r}: only '>' (more than) is read")


def _finding(b: _Builder, path: str, r: dict[str, Any], term: str, rec: str) -> None:
    f: dict[str, Any] = {"id": _slug(r.get("id") or f"finding-{len(b.findings) + 1}"), "type": term, "record": rec}
    focus = r.get("focus") or []
    if not focus:
        b.err(f"{path}.focus", "a finding Observation needs 'focus': the Device it is about")
        return
    for j, ref in enumerate(focus[:2]):
        target = b.res.resolve(ref)
        if target is None or ref_of(target[1]) not in b.device_ids:
            b.err(f"{path}.focus[{j}]", f"{(ref or {}).get('reference')!r} is not a Device of this Bundle that spinekg reads")
            return
        f["implant" if j == 0 else "connector"] = b.device_ids[ref_of(target[1])]
    for ref in r.get("derivedFrom") or []:
        target = b.res.resolve(ref)
        if target is None:
            continue
        tref = ref_of(target[1])
        sid = b.studies[tref]["id"] if tref in b.studies else b.report_study.get(tref)
        if sid:
            f["study"] = sid
            break
    if "valueQuantity" in r:
        key = VALUE_FIELD.get(term)
        if key is None:
            b.err(f"{path}.valueQuantity", f"a {term} finding has no measurement")
        elif (v := _quantity(b, f"{path}.valueQuantity", r["valueQuantity"])) is not None:
            f[key] = v
    for j, comp in enumerate(r.get("component") or []):
        cpath = f"{path}.component[{j}]"
        local = next((c.get("code") for c in codings(comp.get("code")) if c.get("system", "").rstrip("/") + "/" == SKG_SYSTEM), None)
        if local not in COMPONENT_FIELDS:
            b.err(f"{cpath}.code", f"{show(comp.get('code'))} is not a finding component spinekg reads "
                                   f"(spinekg codes: {', '.join(COMPONENT_FIELDS)})")
            continue
        key, kind = COMPONENT_FIELDS[local]
        if kind == "boolean":
            if not isinstance(comp.get("valueBoolean"), bool):
                b.err(cpath, f"'{local}' needs valueBoolean")
                continue
            f[key] = comp["valueBoolean"]
        elif kind == "quantity":
            if (v := _quantity(b, f"{cpath}.valueQuantity", comp.get("valueQuantity"))) is not None:
                f[key] = v
        else:
            v = concept_term(comp.get("valueCodeableConcept"), kind)
            if v is None:
                b.err(f"{cpath}.valueCodeableConcept", f"{show(comp.get('valueCodeableConcept'))} is not a {kind} spinekg reads")
                continue
            f[key] = v
    notes = [n.get("text") for n in r.get("note") or [] if n.get("text")]
    if notes:
        f["text"] = notes[0]
    b.findings.append(f)


def _intervals(b: _Builder) -> None:
    """A study's interval after the latest fusion before it, from the two dates."""
    fusions = [p for p in b.case.get("procedures", []) if T.PROCEDURE_TYPES[T.norm(p["type"])] in T.FUSION_TYPES
               and p.get("date")]
    for study in {id(s): s for s in b.studies.values()}.values():
        if not study.get("date"):
            continue
        before = [p for p in fusions if p["date"] <= study["date"]]
        if before:
            last = max(before, key=lambda p: p["date"])
            if last["date"] < study["date"]:
                study["interval_after_surgery"] = _months_between(last["date"], study["date"])
                study["after"] = last["id"]


def _assemble(b: _Builder) -> dict[str, Any]:
    case = dict(b.case)
    studies = list({id(s): s for s in b.studies.values()}.values())
    if studies:
        case["studies"] = studies
    if b.findings:
        if len(studies) == 1:
            for f in b.findings:
                f.setdefault("study", studies[0]["id"])
        case["findings"] = b.findings
    return case


# --- report text ---------------------------------------------------------------------------------------
def _report_text(b: _Builder, path: str, r: dict[str, Any]) -> str | None:
    texts = []
    for j, att in enumerate(r.get("presentedForm") or []):
        if not str(att.get("contentType", "")).startswith("text/plain") or not att.get("data"):
            continue
        try:
            texts.append(base64.b64decode(att["data"], validate=True).decode("utf-8"))
        except (binascii.Error, UnicodeDecodeError):
            b.err(f"{path}.presentedForm[{j}].data", "is not base64-encoded UTF-8 text")
    if texts:
        return "\n\n".join(texts)
    return r.get("conclusion") if isinstance(r.get("conclusion"), str) else None


def _key(imp: dict[str, Any]) -> tuple[str, tuple[str, ...], str | None]:
    kind = T.IMPLANT_TYPES.get(T.norm(str(imp.get("type"))), "")
    if kind in T.SCREW_TYPES:
        kind = "Screw"
    lv = imp.get("level") or imp.get("levels")
    try:
        levels = tuple(x.name for x in parse_span(str(lv))) if lv else ()
    except LevelError:
        levels = ()
    side = T.SIDES.get(T.norm(str(imp.get("side")))) if imp.get("side") else None
    return kind, levels, side


def _rod_region(imp: dict[str, Any]) -> str | None:
    """The region most of a rod's levels lie in, or the region its label or id names ('left thoracic rod')."""
    _, levels, _ = _key(imp)
    if levels:
        regions = [parse_level(lv).region for lv in levels]
        return max(set(regions), key=lambda r: (regions.count(r), -regions.index(r)))
    words = f"{imp.get('label', '')} {imp.get('id', '')}".lower()
    for word, region in (("cervical", "C"), ("thoracic", "T"), ("lumbar", "L"), ("sacral", "S")):
        if word in words:
            return region
    return None


def _same_implant(coded: dict[str, Any], text: dict[str, Any]) -> bool:
    """Is an implant named in the report text the recorded implant (same kind, level(s) and side)?"""
    ck, cl, cs = _key(coded)
    tk, tl, ts = _key(text)
    if ck != tk or cs != ts:
        return False
    if ck == "Rod":  # the text rarely gives a rod's span: its region ("the thoracic rods") tells rods apart
        if tl:
            return bool(set(cl) & set(tl))
        tr = _rod_region(text)
        return tr is None or tr == _rod_region(coded)
    return cl == tl


def _reports(b: _Builder, case: dict[str, Any]) -> None:
    """Findings from each report's text (medspaCy); a finding coded in an Observation wins."""
    from ..nlp import NLPUnavailable, ingest_text
    from ..nlp.case import IngestError
    from ..nlp.report import ReportError

    for path, r in b.res.of_type("DiagnosticReport"):
        if not b.check_subject(path, r, "subject"):
            continue
        if r.get("status") in ("entered-in-error", "cancelled", "registered"):
            b.note(path, r, f"set aside: status {r.get('status')}")
            continue
        text = _report_text(b, path, r)
        if not text:
            continue
        rec = b.record(path, r)
        sid = b.report_study.get(ref_of(r))
        studies = [s for s in case.get("studies", []) if s["id"] == sid] or case.get("studies", [])[:1]
        implants = _flat_implants(case)
        context = {"id": case["id"], "implants": copy.deepcopy(list(case.get("implants", []))),
                   "studies": [{"id": s["id"], "modality": s["modality"]} for s in studies[:1]]}
        if not context["studies"]:
            del context["studies"]
        try:
            result = ingest_text(text, case_id=case["id"], context=context, source=rec, context_label=path)
        except (IngestError, ReportError) as exc:
            for p in getattr(exc, "problems", []) or [Problem(b.res.label, path, str(exc))]:
                b.err(path, f"report text: {p.message}")
            continue
        except NLPUnavailable as exc:
            b.note(path, r, f"report text not read: {exc}")
            continue
        known = {i["id"] for i in implants}
        rename: dict[str, str] = {}
        used: set[str] = set()
        for imp in _flat_implants(result.case):
            if imp["id"] in known:
                continue
            match = next((i for i in implants if i["id"] not in used and _same_implant(i, imp)), None)
            if match is not None:
                rename[imp["id"]] = match["id"]
                used.add(match["id"])
        added = [dict(imp, record=rec) for imp in result.case.get("implants", [])
                 if imp["id"] not in known and imp["id"] not in rename]
        for imp in added:
            if "joins" in imp:
                imp["joins"] = [rename.get(j, j) for j in imp["joins"]]
            if "parts" in imp:
                imp["parts"] = [dict(pt, record=rec) for pt in imp["parts"] if pt["id"] not in rename]
        if added:
            case.setdefault("implants", []).extend(added)
        coded = {(f["type"], f.get("implant")) for f in case.get("findings", [])}
        ids = {f["id"] for f in case.get("findings", [])}
        for f in result.case.get("findings", []):
            f = dict(f)
            for key in ("implant", "connector"):
                if key in f:
                    f[key] = rename.get(f[key], f[key])
            kind = T.FINDING_TYPES.get(T.norm(f["type"]))
            if any(T.FINDING_TYPES.get(T.norm(t)) == kind and i == f.get("implant") for t, i in coded):
                b.notes.append(f"{path} ({rec}): the text's {f['type']} finding about {f.get('implant')} is also "
                               "coded in an Observation: the coded one is kept")
                continue
            base, n = f"report-{f['id']}", 2
            f["id"] = base
            while f["id"] in ids:
                f["id"], n = f"{base}-{n}", n + 1
            ids.add(f["id"])
            f["record"] = rec
            if studies:
                f["study"] = studies[0]["id"]
            case.setdefault("findings", []).append(f)
        for note in result.notes:
            b.notes.append(f"{path} ({rec}): {note}")


def _flat_implants(case: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for imp in case.get("implants", []):
        out.append(imp)
        out.extend(imp.get("parts", []))
    return out


__all__ = ["BODY_SITE_EXT", "JOINS_EXT", "FhirCase", "bundle_text_to_case", "bundle_to_case"]
