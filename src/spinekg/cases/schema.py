"""The case format: checks plain data field by field and normalises it into a Case."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..iri import WEB_SCHEMES, iri_problem, names_a_document
from ..anatomy import Level, LevelError, parse_level, parse_span
from . import terms as T
from .errors import Problem
from .source import LineMap

ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}")  # use fullmatch: "$" would let a final newline in
NUM_UNIT_RE = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*([A-Za-z]+)?\s*$")
# a number with an optional unit of several words or a sign: "18 deg", "18°", "0.6 vertebral levels", "60 %"
NUM_WORDS_RE = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*([A-Za-z°%][A-Za-z ]*)?\s*$")
# The record a fact came from: a FHIR relative reference (Type/id), a urn:uuid or an http(s) URL.
RECORD_RE = re.compile(r"[A-Z][A-Za-z]{1,63}/[A-Za-z0-9\-.]{1,64}|urn:uuid:[0-9a-fA-F-]{36}|https?://\S{1,2000}")

# Per-case limits (README, "Input limits"): one case is one patient's follow-up, far below these; they
# bound the work one file can ask for (validation, SHACL and reasoning are linear in them).
MAX_ITEMS = {"implants": 500, "findings": 1_000, "procedures": 100, "studies": 100, "constructs": 100,
             "outcomes": 100}
MAX_PATIENT_ITEMS = 50  # symptoms, risk factors, conditions
MAX_PARTS = 10  # parts of one implant (a stimulator's leads and generator), rods one connector joins
MAX_CASE_NODES = 3_000  # implants (listed, parts, implied by findings) + findings (bilateral: two) + the rest

TOP_FIELDS = {"spinekg_case", "id", "title", "source", "constructed", "description", "patient",
              "procedures", "implants", "constructs", "studies", "findings", "outcomes"}


@dataclass
class Quantity:
    value: float
    unit: str  # ontology local name of the unit


@dataclass
class Implant:
    id: str
    kind: str
    levels: list[Level] = field(default_factory=list)
    side: str | None = None
    construct: str | None = None
    joins: list[str] = field(default_factory=list)
    parent: str | None = None
    label: str | None = None
    implicit: bool = False
    record: str | None = None  # the source record (e.g. FHIR Device/id)


@dataclass
class Finding:
    id: str
    kind: str
    implant: str | None = None
    levels: list[Level] = field(default_factory=list)
    side: str | None = None
    study: str | None = None
    status: str = "Affirmed"
    text: str | None = None
    direction: str | None = None
    relative_to: str | None = None
    width: Quantity | None = None
    double_halo: bool | None = None
    contained: bool | None = None
    distance: Quantity | None = None
    connector: str | None = None
    subluxed: bool | None = None
    secured: bool | None = None
    location: str | None = None
    record: str | None = None  # the source record (e.g. FHIR Observation/id)
    angle: Quantity | None = None               # a junctional angle (degrees, kyphosis positive)
    preoperative_angle: Quantity | None = None  # the same angle before surgery
    percent: Quantity | None = None             # share of a cage's height subsided (percent)
    compartment: str | None = None              # where a stimulator lead lies (a LeadCompartment individual)
    compared_with: str | None = None            # the earlier study a change is measured against
    implant_kind: str | None = None  # a finding about an implant type, not one implant ("screws at L2 and L3")
    whole_construct: bool = False    # about the construct as a whole ("hardware", "instrumentation")
    reason: str | None = None        # why the finding is not pinned to one implant with level and side


@dataclass
class Procedure:
    id: str
    kind: str
    levels: list[Level] = field(default_factory=list)
    date: str | None = None
    before_study: Quantity | None = None
    count: int | None = None
    label: str | None = None
    record: str | None = None  # the source record (e.g. FHIR Procedure/id)


@dataclass
class Study:
    id: str
    modality: str
    date: str | None = None
    interval: Quantity | None = None
    after: str | None = None
    record: str | None = None  # the source record (e.g. FHIR ImagingStudy/id)


@dataclass
class Case:
    id: str
    title: str | None = None
    source: str | None = None
    constructed: bool = False
    description: str | None = None
    age: Quantity | None = None
    sex: str | None = None
    symptoms: list[str] = field(default_factory=list)
    risk_factors: list[str] = field(default_factory=list)
    absent_risk_factors: list[str] = field(default_factory=list)  # stated absent ("non-smoker"), not unrecorded
    prior_surgeries: int | None = None
    prior_surgeries_minimum: bool = False
    conditions: list[tuple[str, str | None]] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)
    implants: list[Implant] = field(default_factory=list)
    constructs: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    outcomes: list[tuple[str, str | None, Quantity | None]] = field(default_factory=list)
    # Source records of facts kept in tuples or shared terms: "patient", "condition/1", "outcome/1",
    # "risk_factor/Smoking", "symptom/NeckPain" -> e.g. "Condition/dm-1" (FHIR Resource/id).
    records: dict[str, str] = field(default_factory=dict)


class _Checker:
    """Collects problems while reading one file's data."""

    def __init__(self, label: str, lines: LineMap):
        self.label = label
        self.lines = lines
        self.problems: list[Problem] = []

    def err(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.label, path, message, self.lines.line(path)))

    # --- scalar readers: each returns None after recording a problem ---
    def text(self, data: dict, key: str, path: str, required: bool = False) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.err(path, f"'{key}' is required")
            return None
        value = data[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if not isinstance(value, str) or not value.strip():
            self.err(f"{path}.{key}" if path else key, f"must be a non-empty text, not {_show(value)}")
            return None
        return value.strip()

    def choice(self, value: Any, table: dict[str, str], path: str, what: str) -> str | None:
        from .vocabulary import accepted_words, closest, lookup

        found = lookup(value, table) if isinstance(value, str) else None
        if found is None:
            near = closest(value, table) if isinstance(value, str) else None
            hint = f"; did you mean '{near}'?" if near else ""
            known = ", ".join(sorted(accepted_words(table)))
            self.err(path, f"{_show(value)} is not a known {what}{hint} (known: {known})")
        return found

    def boolean(self, value: Any, path: str) -> bool | None:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in {"yes", "true", "no", "false"}:
            return value.strip().lower() in {"yes", "true"}
        self.err(path, f"must be true or false, not {_show(value)}")
        return None

    def level(self, value: Any, path: str) -> Level | None:
        try:
            return parse_level(value) if isinstance(value, str) else parse_level(str(value))
        except LevelError:
            self.err(path, f"{_show(value)} is not a vertebral level (C1-C7, T1-T12, L1-L5, S1-S5, Co1)")
            return None

    def span(self, value: Any, path: str) -> list[Level] | None:
        if isinstance(value, list):
            out = [self.level(v, f"{path}[{i}]") for i, v in enumerate(value)]
            return None if any(v is None for v in out) else sorted(out, key=lambda lv: lv.position)  # type: ignore[arg-type]
        try:
            return parse_span(value if isinstance(value, str) else str(value))
        except LevelError as exc:
            self.err(path, f"{exc} (C1-C7, T1-T12, L1-L5, S1-S5, Co1)")
            return None

    def length(self, value: Any, path: str, kind: str) -> Quantity | None:
        number, unit = self._number_unit(value, path, "length")
        if number is None:
            return None
        factor = T.LENGTH_UNITS.get((unit or "mm").lower())
        if factor is None:
            self.err(path, f"unit '{unit}' is not a length unit (use mm or cm)")
            return None
        mm = round(number * factor, 3)
        if mm < 0:
            self.err(path, f"must not be negative, got {_show(value)}")
            return None
        if mm > T.MAX_MM[kind]:
            self.err(path, f"{_show(value)} is above the plausible maximum of {T.MAX_MM[kind]:g} mm")
            return None
        return Quantity(mm, "Millimetre")

    def angle(self, value: Any, path: str) -> Quantity | None:
        """An angle in degrees ('18 deg', '18°', -5, '12 degrees'); kyphosis positive, lordosis negative."""
        number, unit = self._number_words(value, path, "angle in degrees", "'12 deg'")
        if number is None:
            return None
        if unit is not None and unit not in T.ANGLE_UNITS:
            self.err(path, f"{_show(value)} is not an angle: give it in degrees, such as '12 deg'")
            return None
        if abs(number) > T.MAX_ANGLE:
            self.err(path, f"{_show(value)} is outside the plausible range of -{T.MAX_ANGLE:g} to {T.MAX_ANGLE:g} degrees")
            return None
        return Quantity(number, "Degree")

    def percent(self, value: Any, path: str) -> Quantity | None:
        """A share in percent, 0 to 100 ('60 %', 60)."""
        number, unit = self._number_words(value, path, "percentage", "'60 %'")
        if number is None:
            return None
        if unit is not None and unit not in T.PERCENT_UNITS:
            self.err(path, f"{_show(value)} is not a percentage: give it in %, such as '60 %'")
            return None
        if not 0 <= number <= 100:
            self.err(path, f"{_show(value)} is not a percentage between 0 and 100")
            return None
        return Quantity(number, "Percent")

    def displacement(self, value: Any, path: str) -> Quantity | None:
        """A migration distance: a length (mm, cm) or a number of vertebral levels ('0.6 levels')."""
        if isinstance(value, str):
            m = NUM_WORDS_RE.match(value)
            if m and m.group(2) and T.norm(m.group(2)) in T.LEVEL_UNITS:
                number = float(m.group(1))
                if number < 0:
                    self.err(path, f"must not be negative, got {_show(value)}")
                    return None
                if number > T.MAX_LEVELS:
                    self.err(path, f"{_show(value)} is above the plausible maximum of {T.MAX_LEVELS:g} vertebral levels")
                    return None
                return Quantity(number, "VertebralLevelHeight")
        return self.length(value, path, "distance")

    def _number_words(self, value: Any, path: str, what: str, example: str) -> tuple[float | None, str | None]:
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            self.err(path, f"must be an {what} such as {example}, not {_show(value)}")
            return None, None
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                self.err(path, f"must be a finite number, not {_show(value)}")
                return None, None
            return float(value), None
        m = NUM_WORDS_RE.match(value)
        if not m:
            self.err(path, f"{_show(value)} is not a number with a unit such as {example}")
            return None, None
        return float(m.group(1)), (T.norm(m.group(2)) if m.group(2) else None)

    def interval(self, value: Any, path: str) -> Quantity | None:
        number, unit = self._number_unit(value, path, "time interval")
        if number is None:
            return None
        if unit is None or unit.lower() not in T.TIME_UNITS:
            self.err(path, f"{_show(value)} needs a time unit (days, weeks, months or years)")
            return None
        if number < 0:
            self.err(path, f"must not be negative, got {_show(value)}")
            return None
        if number > 100 * {"Day": 365, "Week": 52, "Month": 12, "Year": 1}[T.TIME_UNITS[unit.lower()]]:
            self.err(path, f"{_show(value)} is implausibly long")
            return None
        return Quantity(number, T.TIME_UNITS[unit.lower()])

    def _number_unit(self, value: Any, path: str, what: str) -> tuple[float | None, str | None]:
        example = "'6 months'" if what == "time interval" else "'4 mm'"
        if isinstance(value, bool):
            self.err(path, f"must be a {what} such as {example}, not {_show(value)}")
            return None, None
        if isinstance(value, (int, float)):
            if not math.isfinite(value):
                self.err(path, f"must be a finite number, not {_show(value)}")
                return None, None
            return float(value), None
        if isinstance(value, dict):
            v, u = value.get("value"), value.get("unit")
            if isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) \
                    and (u is None or isinstance(u, str)):
                return float(v), u
            self.err(path, f"must have a numeric 'value' and a text 'unit', got {_show(value)}")
            return None, None
        if isinstance(value, str):
            m = NUM_UNIT_RE.match(value)
            if m:
                return float(m.group(1)), m.group(2)
        self.err(path, f"{_show(value)} is not a number with a unit such as {example}")
        return None, None

    def date(self, value: Any, path: str) -> str | None:
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            self.err(path, f"{_show(value)} is not a date (YYYY-MM-DD)")
            return None

    def ident(self, value: Any, path: str) -> str | None:
        if not isinstance(value, str) or not ID_RE.fullmatch(value):
            self.err(path, f"{_show(value)} is not a valid id (letters, digits, '.', '_' and '-')")
            return None
        return value

    def record(self, data: dict, path: str) -> str | None:
        """The optional 'record' field: where a fact came from (FHIR Resource/id, urn:uuid or URL)."""
        if "record" not in data:
            return None
        value = data["record"]
        where = f"{path}.record" if path else "record"
        if not isinstance(value, str) or not RECORD_RE.fullmatch(value):
            self.err(where, f"{_show(value)} is not a record reference (Resource/id, urn:uuid:... or an http(s) URL)")
            return None
        return value

    def mapping(self, value: Any, path: str) -> dict | None:
        if not isinstance(value, dict):
            self.err(path, f"must be a mapping of fields, not {_show(value)}")
            return None
        return value

    def seq(self, data: dict, key: str, path: str | None = None) -> list:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.err(path or key, f"must be a list, not {_show(value)}")
            return []
        return value

    def unknown(self, data: dict, allowed: set[str], path: str) -> None:
        for key in data:
            if key not in allowed:
                self.err(f"{path}.{key}" if path else str(key), f"unknown field '{key}' (allowed: {', '.join(sorted(allowed))})")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


def parse_case(data: Any, label: str, lines: LineMap | None = None) -> tuple[Case | None, list[Problem]]:
    """Check the data of one case file and return the normalised Case with every problem found."""
    c = _Checker(label, lines if lines is not None else LineMap())
    if not isinstance(data, dict):
        c.err("", f"a case file must be a mapping with fields such as 'id', not {type(data).__name__}")
        return None, c.problems
    c.unknown(data, TOP_FIELDS, "")
    _nulls(c, data, "")
    if _too_many(c, data):
        return None, _first_per_path(c.problems)
    case_id = c.text(data, "id", "id", required=True)
    if case_id is not None:  # the id as written: an id with a line break or spaces around it is refused
        raw_id = data["id"]
        case_id = c.ident(raw_id if isinstance(raw_id, str) else case_id, "id")
    case = Case(id=case_id or "invalid")
    case.title = c.text(data, "title", "")
    case.source = c.text(data, "source", "")
    if case.source is not None and names_a_document(case.source):
        why = iri_problem(case.source, schemes=WEB_SCHEMES)
        if why:
            c.err("source", f"{_show(case.source)} {why}")
            case.source = None
    case.description = c.text(data, "description", "")
    if "constructed" in data:
        case.constructed = bool(c.boolean(data["constructed"], "constructed"))
    _patient(c, case, data.get("patient"))
    _procedures(c, case, data)
    _implants(c, case, data)
    _constructs(c, case, data)
    _studies(c, case, data)
    _findings(c, case, data)
    _outcomes(c, case, data)
    nodes = (len(case.implants) + len(case.findings) + len(case.procedures) + len(case.studies)
             + len(case.constructs) + len(case.outcomes))
    if nodes > MAX_CASE_NODES:
        c.err("", f"describes {nodes:,} implants, findings, procedures, studies, constructs and outcomes "
                  f"(implants implied by findings and bilateral findings included): the limit is "
                  f"{MAX_CASE_NODES:,} per case")
    problems = _first_per_path(c.problems)
    return (case if not problems and case_id else None), problems


def _first_per_path(problems: list[Problem]) -> list[Problem]:
    """One problem per field: the first found (a null field is not also 'not a known type')."""
    seen: set[str] = set()
    out = []
    for p in problems:
        if p.path and p.path in seen:
            continue
        seen.add(p.path)
        out.append(p)
    return out


def _nulls(c: _Checker, data: Any, path: str) -> None:
    """A field given with no value (null, or nothing after the colon) is a problem, not a field left out."""
    todo: list[tuple[Any, str]] = [(data, path)]
    while todo:
        value, where = todo.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                child = f"{where}.{key}" if where else str(key)
                if item is None:
                    c.err(child, f"'{key}' has no value (null): give a value or leave the field out")
                else:
                    todo.append((item, child))
        elif isinstance(value, list):
            todo.extend((item, f"{where}[{i}]") for i, item in enumerate(value))
    c.problems.sort(key=lambda p: (p.line or 0, p.path))


def _too_many(c: _Checker, data: dict) -> bool:
    """Whether a list holds more items than a case may have (checked before any work on them)."""
    over = False
    for key, limit in MAX_ITEMS.items():
        value = data.get(key)
        if isinstance(value, list) and len(value) > limit:
            c.err(key, f"{len(value):,} {key}: the limit is {limit:,} per case")
            over = True
    patient = data.get("patient")
    if isinstance(patient, dict):
        for key in ("symptoms", "risk_factors", "conditions"):
            value = patient.get(key)
            if isinstance(value, list) and len(value) > MAX_PATIENT_ITEMS:
                c.err(f"patient.{key}", f"{len(value):,} {key.replace('_', ' ')}: the limit is {MAX_PATIENT_ITEMS}")
                over = True
    for i, im in enumerate(data.get("implants") or [] if isinstance(data.get("implants"), list) else []):
        if isinstance(im, dict):
            for key in ("parts", "joins"):
                value = im.get(key)
                if isinstance(value, list) and len(value) > MAX_PARTS:
                    c.err(f"implants[{i}].{key}", f"{len(value):,} {key}: the limit is {MAX_PARTS} per implant")
                    over = True
    return over


def _patient(c: _Checker, case: Case, raw: Any) -> None:
    if raw is None:
        return
    p = c.mapping(raw, "patient")
    if p is None:
        return
    c.unknown(p, {"age", "sex", "symptoms", "risk_factors", "absent_risk_factors", "prior_spine_surgeries",
                  "conditions", "record"}, "patient")
    rec = c.record(p, "patient")
    if rec:
        case.records["patient"] = rec
    if "age" in p:
        age = p["age"]
        if isinstance(age, (int, float)) and not isinstance(age, bool):
            age = f"{age} years"
        q = c.interval(age, "patient.age")
        if q is not None:
            if q.unit != "Year" or q.value > 120:
                c.err("patient.age", f"{_show(p['age'])} is not an age in years (0-120)")
            else:
                case.age = q
    if "sex" in p:
        case.sex = c.choice(p["sex"], T.SEXES, "patient.sex", "sex")
    for key, table, what, out in (("symptoms", T.SYMPTOMS, "symptom", case.symptoms),
                                  ("risk_factors", T.RISK_FACTORS, "risk factor", case.risk_factors),
                                  ("absent_risk_factors", T.RISK_FACTORS, "risk factor", case.absent_risk_factors)):
        for i, s in enumerate(c.seq(p, key, f"patient.{key}")):
            path = f"patient.{key}[{i}]"
            rec = None
            if isinstance(s, dict):  # {type: smoking, record: Observation/smk-1}
                c.unknown(s, {"type", "record"}, path)
                rec = c.record(s, path)
                s, path = s.get("type"), f"{path}.type"
            v = c.choice(s, table, path, what)
            if v:
                out.append(v)
                if rec:
                    case.records[f"{key[:-1]}/{v}"] = rec
    for v in sorted(set(case.risk_factors) & set(case.absent_risk_factors)):
        c.err("patient.absent_risk_factors", f"{_show(v)} is given both as present (risk_factors) and as absent")
    if "prior_spine_surgeries" in p:
        raw_n, path = p["prior_spine_surgeries"], "patient.prior_spine_surgeries"
        more = False
        if isinstance(raw_n, dict):
            c.unknown(raw_n, {"count", "more_than"}, path)
            if "more_than" in raw_n:
                more, raw_n = True, raw_n["more_than"]
            else:
                raw_n = raw_n.get("count")
        if isinstance(raw_n, int) and not isinstance(raw_n, bool) and raw_n >= 0:
            case.prior_surgeries = raw_n + 1 if more else raw_n
            case.prior_surgeries_minimum = more
        else:
            c.err(path, f"must be a whole number >= 0 or {{more_than: N}}, not {_show(p['prior_spine_surgeries'])}")
    for i, raw_c in enumerate(c.seq(p, "conditions", "patient.conditions")):
        path = f"patient.conditions[{i}]"
        if isinstance(raw_c, str):
            raw_c = {"type": raw_c}
        cd = c.mapping(raw_c, path)
        if cd is None:
            continue
        c.unknown(cd, {"type", "description", "record"}, path)
        kind = c.choice(cd.get("type"), T.CONDITIONS, f"{path}.type", "condition")
        rec = c.record(cd, path)
        if kind:
            case.conditions.append((kind, c.text(cd, "description", path)))
            if rec:
                case.records[f"condition/{len(case.conditions)}"] = rec


def _procedures(c: _Checker, case: Case, data: dict) -> None:
    seen: set[str] = set()
    for i, raw in enumerate(c.seq(data, "procedures")):
        path = f"procedures[{i}]"
        pr = c.mapping(raw, path)
        if pr is None:
            continue
        c.unknown(pr, {"id", "type", "levels", "date", "time_before_study", "count", "label", "record"}, path)
        kind = c.choice(pr.get("type"), T.PROCEDURE_TYPES, f"{path}.type", "procedure type")
        pid = c.ident(pr["id"], f"{path}.id") if "id" in pr else f"procedure-{i + 1}"
        if pid and pid in seen:
            c.err(f"{path}.id", f"duplicate procedure id '{pid}'")
        seen.add(pid or "")
        proc = Procedure(id=pid or "", kind=kind or "")
        if "levels" in pr:
            proc.levels = c.span(pr["levels"], f"{path}.levels") or []
        # A fusion whose levels the report does not state ("a long fusion for scoliosis") is kept without
        # them; rules that need the fused span do not apply to it.
        if "date" in pr:
            proc.date = c.date(pr["date"], f"{path}.date")
        if "time_before_study" in pr:
            proc.before_study = c.interval(pr["time_before_study"], f"{path}.time_before_study")
        if "count" in pr:
            n = pr["count"]
            if isinstance(n, int) and not isinstance(n, bool) and n >= 1:
                proc.count = n
            else:
                c.err(f"{path}.count", f"must be a whole number >= 1, not {_show(n)}")
        proc.label = c.text(pr, "label", path)
        proc.record = c.record(pr, path)
        case.procedures.append(proc)


def _implant_common(c: _Checker, im: dict, path: str, kind: str, imp: Implant) -> None:
    if "level" in im and "levels" in im:
        c.err(path, "give either 'level' or 'levels', not both")
    if "level" in im:
        lv = c.level(im["level"], f"{path}.level")
        imp.levels = [lv] if lv else []
    elif "levels" in im:
        imp.levels = c.span(im["levels"], f"{path}.levels") or []
    if "side" in im:
        imp.side = c.choice(im["side"], T.SIDES, f"{path}.side", "side")
    if kind in T.SCREW_TYPES:
        if not imp.levels and "level" not in im and "levels" not in im:
            c.err(path, "a screw needs a 'level'")
        if imp.side is None and "side" not in im:
            c.err(path, "a screw needs a 'side' (left or right)")
        if imp.side == "Bilateral":
            c.err(f"{path}.side", "one screw has one side: list the left and the right screw separately")


def _implants(c: _Checker, case: Case, data: dict) -> None:
    ids: dict[str, Implant] = {}
    for i, raw in enumerate(c.seq(data, "implants")):
        path = f"implants[{i}]"
        im = c.mapping(raw, path)
        if im is None:
            continue
        c.unknown(im, {"id", "type", "level", "levels", "side", "construct", "joins", "parts", "label", "record"}, path)
        kind = c.choice(im.get("type"), T.IMPLANT_TYPES, f"{path}.type", "implant type")
        if "id" not in im:
            c.err(path, "'id' is required (findings refer to implants by id)")
            continue
        iid = c.ident(im["id"], f"{path}.id")
        if iid is None:
            continue
        if iid in ids:
            c.err(f"{path}.id", f"duplicate implant id '{iid}'")
            continue
        imp = Implant(id=iid, kind=kind or "")
        _implant_common(c, im, path, kind or "", imp)
        if "construct" in im:
            imp.construct = c.ident(im["construct"], f"{path}.construct")
        imp.label = c.text(im, "label", path)
        imp.record = c.record(im, path)
        if "joins" in im:
            if kind != "RodToRodConnector":
                c.err(f"{path}.joins", "only a rod-to-rod connector joins rods")
            joins = im["joins"]
            if not isinstance(joins, list) or not all(isinstance(j, str) for j in joins):
                c.err(f"{path}.joins", f"must be a list of rod ids, not {_show(joins)}")
            else:
                imp.joins = list(joins)
        elif kind == "RodToRodConnector":
            c.err(path, "a rod-to-rod connector needs 'joins': the ids of the rods it joins")
        ids[iid] = imp
        case.implants.append(imp)
        for j, part in enumerate(c.seq(im, "parts", f"{path}.parts")):
            ppath = f"{path}.parts[{j}]"
            pm = c.mapping(part, ppath)
            if pm is None:
                continue
            c.unknown(pm, {"id", "type", "level", "levels", "side", "label", "record"}, ppath)
            pkind = c.choice(pm.get("type"), T.IMPLANT_TYPES, f"{ppath}.type", "implant type")
            if kind != "SpinalCordStimulator" or pkind not in {"StimulatorLead", "ImplantablePulseGenerator"}:
                c.err(ppath, "only a spinal cord stimulator has parts (a lead or a pulse generator)")
                continue
            pid = c.ident(pm.get("id", f"{iid}-{_slug(pm.get('type', 'part'))}-{j + 1}"), f"{ppath}.id")
            if pid is None:
                continue
            if pid in ids:
                c.err(f"{ppath}.id", f"duplicate implant id '{pid}'")
                continue
            sub = Implant(id=pid, kind=pkind, parent=iid)
            _implant_common(c, pm, ppath, pkind, sub)
            sub.label = c.text(pm, "label", ppath)
            sub.record = c.record(pm, ppath)
            ids[pid] = sub
            case.implants.append(sub)
    for i, imp in enumerate(case.implants):
        for j, rod in enumerate(imp.joins):
            target = ids.get(rod)
            if target is None:
                c.err(_implant_path(case, imp, f"joins[{j}]"), f"'{rod}' is not the id of an implant in this case")
            elif target.kind != "Rod":
                c.err(_implant_path(case, imp, f"joins[{j}]"), f"'{rod}' is a {target.kind}, not a rod")
        if imp.joins and len(set(imp.joins)) < 2:
            c.err(_implant_path(case, imp, "joins"), "a connector joins at least two different rods")


def _implant_path(case: Case, imp: Implant, tail: str) -> str:
    if imp.parent is None:
        top = (x for x in case.implants if x.parent is None)
        index = next(i for i, x in enumerate(top) if x is imp)
        return f"implants[{index}].{tail}"
    return f"implants.{imp.id}.{tail}"


def _constructs(c: _Checker, case: Case, data: dict) -> None:
    known = {p.id for p in case.procedures}
    for i, raw in enumerate(c.seq(data, "constructs")):
        path = f"constructs[{i}]"
        cm = c.mapping(raw, path)
        if cm is None:
            continue
        c.unknown(cm, {"id", "procedure", "label"}, path)
        cid = c.ident(cm.get("id"), f"{path}.id")
        proc = cm.get("procedure")
        if proc is not None and (not isinstance(proc, str) or proc not in known):
            c.err(f"{path}.procedure", f"{_show(proc)} is not the id of a procedure in this case")
            proc = None
        if cid:
            case.constructs.append((cid, proc, c.text(cm, "label", path)))
    named = {cid for cid, _, _ in case.constructs}
    for imp in case.implants:
        if imp.construct and imp.construct not in named:
            case.constructs.append((imp.construct, None, None))
            named.add(imp.construct)


def _studies(c: _Checker, case: Case, data: dict) -> None:
    known = {p.id for p in case.procedures}
    seen: set[str] = set()
    for i, raw in enumerate(c.seq(data, "studies")):
        path = f"studies[{i}]"
        st = c.mapping(raw, path)
        if st is None:
            continue
        c.unknown(st, {"id", "modality", "date", "interval_after_surgery", "after", "record"}, path)
        sid = c.ident(st["id"], f"{path}.id") if "id" in st else f"study-{i + 1}"
        if sid in seen:
            c.err(f"{path}.id", f"duplicate study id '{sid}'")
        seen.add(sid or "")
        if "modality" not in st:
            c.err(path, "'modality' is required (radiograph, CT or MRI)")
            modality = None
        else:
            modality = c.choice(st["modality"], T.MODALITIES, f"{path}.modality", "imaging modality")
        study = Study(id=sid or "", modality=modality or "", record=c.record(st, path))
        if "date" in st:
            study.date = c.date(st["date"], f"{path}.date")
        if "interval_after_surgery" in st:
            study.interval = c.interval(st["interval_after_surgery"], f"{path}.interval_after_surgery")
            after = st.get("after")
            if after is None:
                fusions = [p for p in case.procedures if p.kind in T.FUSION_TYPES]
                after = fusions[-1].id if fusions else None
                if after is None:
                    c.err(path, "'interval_after_surgery' needs 'after': the id of the procedure")
            elif not isinstance(after, str) or after not in known:
                c.err(f"{path}.after", f"'{after}' is not the id of a procedure in this case")
                after = None
            study.after = after
        elif "after" in st:
            c.err(f"{path}.after", "'after' goes with 'interval_after_surgery'")
        case.studies.append(study)
    # A procedure's time before the study gives the study its interval after surgery.
    for proc in case.procedures:
        if proc.before_study and len(case.studies) == 1 and case.studies[0].interval is None:
            case.studies[0].interval, case.studies[0].after = proc.before_study, proc.id


FINDING_FIELDS = {"id", "type", "implant", "implant_type", "level", "levels", "side", "study", "status", "text",
                  "direction", "relative_to", "width", "double_halo", "contained", "distance", "connector",
                  "subluxed", "secured", "location", "record", "reason", "angle", "preoperative_angle", "percent",
                  "compartment", "compared_with"}
KIND_FIELDS = {
    "PeriImplantLucency": {"width", "double_halo"},
    "ScrewPositionFinding": {"contained", "distance", "direction", "relative_to"},
    "RodConnectorFinding": {"connector", "subluxed", "secured", "direction"},
    "ImplantFractureFinding": set(),
    "ImplantMigrationFinding": {"direction", "distance", "relative_to", "compared_with"},
    "ScrewRodDisconnectionFinding": {"connector"},
    "LockingFailureFinding": set(),
    "ImplantSubsidenceFinding": {"distance", "percent", "compared_with"},
    "LeadPositionFinding": {"location", "compartment"},
    "ProximalJunctionalAngleFinding": {"angle", "preoperative_angle"},
    "DistalJunctionalAngleFinding": {"angle", "preoperative_angle"},
    "AdjacentSegmentDegenerationFinding": set(),
    "FluidCollectionFinding": set(),
    "EndplateErosionFinding": set(),
    "ReportedLooseningFinding": set(),
    "HardwareComplicationFinding": set(),
}
GENERAL = {"id", "type", "implant", "implant_type", "level", "levels", "side", "study", "status", "text", "record",
           "reason"}


def _findings(c: _Checker, case: Case, data: dict) -> None:
    implants = {im.id: im for im in case.implants}
    positions = _positions(case)
    studies = {s.id for s in case.studies}
    seen: set[str] = set()
    for i, raw in enumerate(c.seq(data, "findings")):
        path = f"findings[{i}]"
        fd = c.mapping(raw, path)
        if fd is None:
            continue
        c.unknown(fd, FINDING_FIELDS, path)
        kind = c.choice(fd.get("type"), T.FINDING_TYPES, f"{path}.type", "finding type")
        if kind:
            for key in fd:
                if key in FINDING_FIELDS and key not in GENERAL and key not in KIND_FIELDS[kind]:
                    c.err(f"{path}.{key}", f"'{key}' does not apply to a {fd.get('type')} finding")
        base_id = c.ident(fd["id"], f"{path}.id") if "id" in fd else f"finding-{i + 1}"
        f = Finding(id=base_id or "", kind=kind or "")
        f.status = c.choice(fd.get("status", "affirmed"), T.STATUSES, f"{path}.status", "assertion status") or "Affirmed"
        f.text = c.text(fd, "text", path)
        f.record = c.record(fd, path)
        if "level" in fd:
            lv = c.level(fd["level"], f"{path}.level")
            f.levels = [lv] if lv else []
        elif "levels" in fd:
            f.levels = c.span(fd["levels"], f"{path}.levels") or []
        if "side" in fd:
            f.side = c.choice(fd["side"], T.SIDES, f"{path}.side", "side")
        if "direction" in fd:
            f.direction = c.choice(fd["direction"], T.DIRECTIONS, f"{path}.direction", "direction")
        if "relative_to" in fd:
            f.relative_to = c.choice(fd["relative_to"], T.STRUCTURES, f"{path}.relative_to", "anatomical structure")
        if "location" in fd:
            f.location = c.choice(fd["location"], T.STRUCTURES, f"{path}.location", "anatomical structure")
        if "width" in fd:
            f.width = c.length(fd["width"], f"{path}.width", "width")
        if "distance" in fd:
            if kind == "ImplantMigrationFinding":
                f.distance = c.displacement(fd["distance"], f"{path}.distance")
            else:
                f.distance = c.length(fd["distance"], f"{path}.distance", "distance")
        for key in ("angle", "preoperative_angle"):
            if key in fd:
                setattr(f, key, c.angle(fd[key], f"{path}.{key}"))
        if kind in {"ProximalJunctionalAngleFinding", "DistalJunctionalAngleFinding"} and "angle" not in fd:
            c.err(path, f"a {fd.get('type')} finding needs 'angle': the measured angle in degrees (kyphosis positive)")
        if "percent" in fd:
            f.percent = c.percent(fd["percent"], f"{path}.percent")
        if "compartment" in fd:
            f.compartment = c.choice(fd["compartment"], T.COMPARTMENTS, f"{path}.compartment", "lead compartment")
            if f.compartment == "OutsideSpinalCanal" and f.location == "SpinalCanal":
                c.err(f"{path}.compartment", "'outside the spinal canal' contradicts 'location: spinal canal'")
        for key in ("double_halo", "contained", "subluxed", "secured"):
            if key in fd:
                setattr(f, key, c.boolean(fd[key], f"{path}.{key}"))
        if kind == "ScrewPositionFinding" and "contained" not in fd:
            c.err(path, "a screw position finding needs 'contained: true' or 'contained: false'")
        if "reason" in fd:
            if not isinstance(fd["reason"], str) or not fd["reason"].strip():
                c.err(f"{path}.reason", f"{_show(fd['reason'])} is not a reason: give the reason as text")
            else:
                f.reason = fd["reason"].strip()
        if kind == "RodConnectorFinding" and "subluxed" not in fd and "secured" not in fd:
            c.err(path, "a rod connector finding needs 'subluxed' and/or 'secured'")
        if "connector" in fd:
            conn = implants.get(fd["connector"]) if isinstance(fd["connector"], str) else None
            if conn is None or conn.kind != "RodToRodConnector":
                c.err(f"{path}.connector", f"{_show(fd['connector'])} is not the id of a rod-to-rod connector in this case")
            else:
                f.connector = conn.id
        # the study the finding was seen in
        if "study" in fd:
            if not isinstance(fd["study"], str) or fd["study"] not in studies:
                c.err(f"{path}.study", f"{_show(fd['study'])} is not the id of a study in this case")
            else:
                f.study = fd["study"]
        elif len(case.studies) == 1:
            f.study = case.studies[0].id
        elif len(case.studies) > 1:
            c.err(path, "'study' is required when the case has several studies")
        if "compared_with" in fd:
            f.compared_with = _compared_with(c, case, fd["compared_with"], f.study, f"{path}.compared_with")
        # the implant the finding is about
        targets = _finding_implants(c, case, fd, f, path, implants, positions)
        for n, (imp_id, side) in enumerate(targets):
            g = Finding(**{**f.__dict__})
            g.implant, g.side = imp_id, side
            if imp_id:
                imp = implants[imp_id]
                g.levels = g.levels or imp.levels[:1] if imp.kind != "Rod" else (g.levels or [])
                if not g.side:
                    g.side = imp.side
            if len(targets) > 1:
                g.id = f"{f.id}-{'left' if side == 'Left' else 'right' if side == 'Right' else n + 1}"
            if g.id in seen:
                c.err(f"{path}.id", f"duplicate finding id '{g.id}'")
            seen.add(g.id)
            case.findings.append(g)


_DAYS = {"Day": 1.0, "Week": 7.0, "Month": 365.25 / 12, "Year": 365.25}


def _compared_with(c: _Checker, case: Case, value: Any, own: str | None, path: str) -> str | None:
    """The earlier study a finding's change is measured against: another study of the case, before the finding's
    own study where both are dated (or both timed after the same procedure)."""
    studies = {s.id: s for s in case.studies}
    if not isinstance(value, str) or value not in studies:
        c.err(path, f"{_show(value)} is not the id of a study in this case")
        return None
    if own is None:
        c.err(path, "'compared_with' needs the finding's own study ('study')")
        return None
    if value == own:
        c.err(path, f"'{value}' is the finding's own study: compare with an earlier study")
        return None
    earlier, later = studies[value], studies[own]
    if earlier.date and later.date and earlier.date >= later.date:
        c.err(path, f"study '{value}' ({earlier.date}) is not earlier than the finding's study '{own}' ({later.date})")
        return None
    if (not (earlier.date and later.date) and earlier.interval and later.interval and earlier.after == later.after
            and earlier.interval.value * _DAYS[earlier.interval.unit] >= later.interval.value * _DAYS[later.interval.unit]):
        c.err(path, f"study '{value}' is not earlier than the finding's study '{own}' (times after surgery)")
        return None
    return value


def _finding_implants(c: _Checker, case: Case, fd: dict, f: Finding, path: str, implants: dict[str, Implant],
                      positions: dict[tuple[str, str | None, str | None], str]) -> list[tuple[str | None, str | None]]:
    """Which implant(s) a finding is about; implicit screws are created for 'implant_type'."""
    if "implant" in fd:
        ref = fd["implant"]
        if not isinstance(ref, str) or ref not in implants:
            c.err(f"{path}.implant", f"{_show(ref)} is not the id of an implant in this case")
            return []
        if "implant_type" in fd:
            c.err(path, "give either 'implant' (an id) or 'implant_type', not both")
        return [(ref, f.side)]
    if "implant_type" not in fd:
        if f.kind and f.kind not in T.IMPLANT_FINDINGS:
            return [(None, f.side)]
        if f.kind and f.reason:
            return [(None, f.side)]  # kept with what the report says and why it is not placed
        if f.kind:
            c.err(path, "a finding needs 'implant' (an implant id), 'implant_type', or a 'reason' why neither is known")
        return []
    if isinstance(fd["implant_type"], str) and T.norm(fd["implant_type"]) in T.WHOLE_CONSTRUCT:
        f.whole_construct = True  # "no hardware complication", "the instrumentation is intact"
        return [(None, f.side)]
    kind = c.choice(fd["implant_type"], T.IMPLANT_TYPES, f"{path}.implant_type", "implant type")
    if kind is None:
        return []
    sides = [f.side] if f.side in {"Left", "Right", "Midline"} else (["Left", "Right"] if f.side == "Bilateral" else [None])
    if len(f.levels) != 1 or (kind in T.SCREW_TYPES and sides == [None]):
        # not one implant: a kind of implant at several levels, at a level with the side unstated, or anywhere
        f.implant_kind = kind
        return [(None, side) for side in sides]
    out = []
    level = f.levels[0]
    for side in sides:
        found = positions.get((kind, level.name, side))
        if found:
            out.append((found, side))
            continue
        side_word = {"Left": "left", "Right": "right", "Midline": "midline", None: None}[side]
        iid = "-".join(p for p in (_slug(fd["implant_type"]), level.name, side_word) if p)
        imp = Implant(id=iid, kind=kind, levels=[level], side=side, implicit=True)
        case.implants.append(imp)
        implants[iid] = imp
        positions.setdefault((kind, level.name, side), iid)
        out.append((iid, side))
    return out


def _positions(case: Case) -> dict[tuple[str, str | None, str | None], str]:
    """The first implant of each (type, first level, side): finding the implant a finding is about then
    takes constant time (a case with many findings once took time quadratic in their number)."""
    index: dict[tuple[str, str | None, str | None], str] = {}
    for im in case.implants:
        index.setdefault((im.kind, im.levels[0].name if im.levels else None, im.side), im.id)
    return index


def _outcomes(c: _Checker, case: Case, data: dict) -> None:
    for i, raw in enumerate(c.seq(data, "outcomes")):
        path = f"outcomes[{i}]"
        if isinstance(raw, str):
            raw = {"type": raw}
        om = c.mapping(raw, path)
        if om is None:
            continue
        c.unknown(om, {"type", "description", "interval", "record"}, path)
        kind = c.choice(om.get("type"), T.OUTCOMES, f"{path}.type", "outcome")
        interval = c.interval(om["interval"], f"{path}.interval") if "interval" in om else None
        rec = c.record(om, path)
        if kind:
            case.outcomes.append((kind, c.text(om, "description", path), interval))
            if rec:
                case.records[f"outcome/{len(case.outcomes)}"] = rec
