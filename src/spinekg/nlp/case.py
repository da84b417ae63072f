"""From extracted facts to a case in the spinekg case format, with provenance kept beside it.

The case format has no place for character offsets, so provenance travels beside the case:
`IngestResult.provenance` has one entry per case finding (same order, same id) with the sentence,
its character offsets in the report and the matched spans; `IngestResult.to_yaml()` writes the
same as comments above each finding. Each finding's `text:` is the report sentence it came from.

Facts the case format cannot hold (a lucency or loosening without a width, a breach without a
direction, a finding about "hardware" with no implant named) are not invented into the case: they
are listed in `IngestResult.notes` (and as comments in the YAML).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..cases import CaseError, LoadedCase, Problem, case_from_data
from ..cases import terms as T
from ..cases.schema import ID_RE
from ..errors import SpinekgError
from .extractor import SCREWS, Extraction, Fact, ImplantRecord
from .history import MODALITIES
from .prefilter import fast
from .studies import comparisons, dates_in, day_first, is_comparison, study_date
from .vocabulary import WORD_NUMBERS

# an exam line's views name a radiograph ("LUMBAR SPINE, AP AND LATERAL", "L-SPINE 2V"); in a sentence they are often
# fluoroscopy's planes ("seen in both the AP and lateral planes") or a stimulator's volts ("3V"), so only the exam line
# reads them
_EXAM_LINE_VIEWS = re.compile(r"\bAP\s+and\s+lateral\b|\b(?:spine|chest|pelvis|neck|hip)\b[^\n]{0,30}?\b(?-i:[1-6]\s?V)\b", re.I)
_EXAM_LINE_MODALITIES = [*MODALITIES, ("Radiograph", fast(_EXAM_LINE_VIEWS))]

CONTEXT_FIELDS = {"spinekg_case", "id", "title", "source", "constructed", "description", "patient", "procedures",
                  "implants", "constructs", "studies", "findings", "outcomes"}
SCREW_RANK = {"PedicleScrew": 3, "LateralMassScrew": 3, "Screw": 1}
TYPE_WORDS = {
    "PedicleScrew": "pedicle screw", "LateralMassScrew": "lateral mass screw", "Screw": "screw", "SetScrew": "set screw",
    "Rod": "rod", "RodToRodConnector": "rod to rod connector", "InterbodyCage": "interbody cage", "Plate": "plate",
    "SpinalCordStimulator": "spinal cord stimulator", "StimulatorLead": "lead",
    "ImplantablePulseGenerator": "pulse generator", "TransverseConnector": "transverse connector", "Hook": "hook",
}
FINDING_TYPES = {"lucency": "lucency", "loosening": "loosening", "screw position": "screw position",
                 "rod connector": "rod connector",
                 "fracture": "fracture", "migration": "migration", "disconnection": "disconnection",
                 "subsidence": "subsidence", "lead position": "lead position", "complication": "complication"}


class IngestError(SpinekgError, ValueError):
    """The context or the merged case is not valid; carries the problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class IngestResult:
    case: dict
    provenance: list[dict]
    notes: list[str]
    extraction: Extraction
    loaded: LoadedCase | None = None
    source: str | None = None

    @property
    def case_id(self) -> str:
        return self.case["id"]

    @property
    def has_hardware(self) -> bool:
        """Did the report name any specific implant or hardware finding?"""
        specific = [r for r in self.extraction.implants if r.kind != "Hardware"]
        affirmed = [f for f in self.extraction.facts if f.kind not in (None, "Hardware") or f.status != "negated"]
        return bool(specific or affirmed or self.provenance)

    def to_yaml(self) -> str:
        return case_yaml(self)

    def to_json(self) -> str:
        import json

        return json.dumps({"case": self.case, "provenance": self.provenance, "notes": self.notes}, indent=1,
                          ensure_ascii=False)


def default_case_id(path: Path) -> str:
    """A case id from a report file name: 'CT 2023-01 report.txt' -> 'ct-2023-01-report'."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(path).stem).strip("-._") or "report"
    if not stem[0].isalnum():
        stem = "report-" + stem
    return stem[:100]


def read_context(path: str | Path) -> dict:
    """Read a context file (YAML or JSON in the case format); raise IngestError with clear problems."""
    from ..cases.source import load_json, load_yaml, read_text

    p = Path(path)
    label = str(path)
    try:
        text = read_text(p, label)
        data, _lines = (load_json if p.suffix.lower() == ".json" else load_yaml)(text, label)
    except CaseError as exc:
        raise IngestError(exc.problems) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise IngestError([Problem(label, "", f"a context file must be a mapping in the case format, not {type(data).__name__}")])
    unknown = [k for k in data if k not in CONTEXT_FIELDS]
    if unknown:
        raise IngestError([Problem(label, str(k), f"unknown field '{k}' (allowed: {', '.join(sorted(CONTEXT_FIELDS))})")
                           for k in unknown])
    return data


_STUDY_LINE = re.compile(r"^[ \t]*(?:exam(?:ination)?|study|technique|procedure|modality|type\s+of\s+study)s?[ \t]*:.*$",
                         re.I | re.M)


def detect_modality(text: str) -> str | None:
    """The modality the report's exam line names ('EXAM: CT spine', 'TECHNIQUE: CT of the ...', or a short title as
    its first line); None when no such line names one (the history's modality is used then: a modality named in
    a sentence that speaks in general, or for guidance, is not the study's)."""
    head = text[:2000]
    lines = [m.group(0) for m in _STUDY_LINE.finditer(head)]
    first = next((line for line in head.splitlines() if line.strip()), "")
    if len(first) <= 80 and not first.rstrip().endswith("."):
        lines.append(first)
    for line in lines:
        for name, rx in _EXAM_LINE_MODALITIES:
            if rx.search(line):
                return name
    return None


class _Builder:
    def __init__(self, extraction: Extraction):
        self.ex = extraction
        self.implants: dict[str, dict] = {}
        self.parts: dict[str, list[dict]] = {}
        self.notes: list[str] = []
        self.stimulator = any(r.kind == "SpinalCordStimulator" for r in extraction.implants) or any(
            f.kind == "SpinalCordStimulator" for f in extraction.facts)

    # --- implants ------------------------------------------------------------------------------
    def find(self, iid: str | None) -> dict | None:
        """The implant of that id, a stimulator's part included."""
        if not iid:
            return None
        return self.implants.get(iid) or next((p for ps in self.parts.values() for p in ps if p["id"] == iid), None)

    def screw(self, kind: str, level: str | None, side: str | None) -> str | None:
        if not level or not side or side not in ("left", "right"):
            return None
        iid = f"screw-{level}-{side}"
        cur = self.implants.get(iid)
        if cur is None:
            self.implants[iid] = {"id": iid, "type": TYPE_WORDS[kind], "level": level, "side": side}
        elif SCREW_RANK.get(kind, 0) > SCREW_RANK.get(_kind_of(cur["type"]), 0):
            cur["type"] = TYPE_WORDS[kind]
        return iid

    def set_screw(self, level: str | None, side: str | None) -> str:
        iid = "-".join(p for p in ("set-screw", level, side) if p)
        if iid not in self.implants:
            d = {"id": iid, "type": "set screw"}
            if level:
                d["level"] = level
            if side in ("left", "right", "midline"):
                d["side"] = side
            self.implants[iid] = d
        return iid

    def rod(self, qualifier: str | None, side: str | None) -> str:
        iid = "-".join(p for p in ("rod", qualifier, side) if p)
        if iid not in self.implants:
            d = {"id": iid, "type": "rod"}
            if side in ("left", "right", "midline"):
                d["side"] = side
            label = " ".join(p for p in (side, qualifier, "rod") if p)
            d["label"] = label
            self.implants[iid] = d
        return iid

    def connector(self, level: str | None, side: str | None, joins: list[str]) -> str:
        iid = "-".join(p for p in ("connector", level, side) if p)
        cur = self.implants.get(iid)
        quals = list(dict.fromkeys(joins))[:2]
        if cur is not None and (len(quals) < 2 or cur.get("_quals") == quals):
            return iid
        placeholders = []
        if len(quals) < 2:
            placeholders = [q for q in ("proximal", "distal") if q not in quals][: 2 - len(quals)]
            quals = quals + placeholders
        rods = [self.rod(q, side) for q in quals]
        for q in placeholders:
            self.implants[self.rod(q, side)]["label"] += " (not named in the report)"
        d = {"id": iid, "type": "rod to rod connector", "_quals": quals,
             "_placeholders": [self.rod(q, side) for q in placeholders]}
        if level:
            d["levels" if "-" in level else "level"] = level
        if side in ("left", "right", "midline"):
            d["side"] = side
        d["joins"] = rods
        self.implants[iid] = d
        return iid

    def spanning(self, kind: str, level: str | None, side: str | None) -> str:
        base = {"InterbodyCage": "cage", "Plate": "plate"}[kind]
        iid = "-".join(p for p in (base, level) if p)
        other = {"left": "right", "right": "left"}.get(side or "")
        if kind == "InterbodyCage" and other is not None and iid in self.implants:
            sides = self.implants[iid].setdefault("_sides", {self.implants[iid].get("side")} - {None})
            if other in sides and side not in sides:
                iid = f"{iid}-{side}"  # the other of a pair of cages at one level: "Both PLIF cages at L4-L5 had migrated
                # posteriorly, the left one by 4 mm and the right one by 6 mm" (round 32)
            else:
                sides.add(side)
        if iid not in self.implants:
            d = {"id": iid, "type": TYPE_WORDS[kind]}
            if level:
                d["levels" if "-" in level else "level"] = level
            if side in ("left", "right", "midline"):
                d["side"] = side
            self.implants[iid] = d
        return iid

    def stim_part(self, kind: str, level: str | None, side: str | None) -> str:
        base = {"StimulatorLead": "stimulator-lead", "ImplantablePulseGenerator": "pulse-generator"}[kind]
        iid = "-".join(p for p in (base, level, side) if p)
        if self.stimulator:
            self.stimulator_id()
            parts = self.parts.setdefault("spinal-cord-stimulator", [])
            if not any(p["id"] == iid for p in parts):
                d = {"id": iid, "type": TYPE_WORDS[kind]}
                if level:
                    d["levels" if "-" in level else "level"] = level
                if side in ("left", "right", "midline"):
                    d["side"] = side
                parts.append(d)
        elif iid not in self.implants:
            d = {"id": iid, "type": TYPE_WORDS[kind]}
            if level:
                d["levels" if "-" in level else "level"] = level
            if side in ("left", "right", "midline"):
                d["side"] = side
            self.implants[iid] = d
        return iid

    def stimulator_id(self) -> str:
        iid = "spinal-cord-stimulator"
        if iid not in self.implants:
            self.implants[iid] = {"id": iid, "type": "spinal cord stimulator"}
        return iid

    def implant_for(self, kind: str | None, level: str | None, side: str | None, qualifier: str | None = None) -> str | None:
        if kind in SCREWS:
            return self.screw(kind, level, side)
        if kind == "SetScrew":
            return self.set_screw(level, side)
        if kind == "Rod":
            return self.rod(qualifier, side)
        if kind in ("InterbodyCage", "Plate"):
            return self.spanning(kind, level, side)
        if kind in ("StimulatorLead", "ImplantablePulseGenerator"):
            return self.stim_part(kind, level, side)
        if kind == "SpinalCordStimulator":
            return self.stimulator_id()
        return None

    def record(self, r: ImplantRecord) -> None:
        if r.kind == "RodToRodConnector":
            self.connector(r.level, r.side, r.joins)
        elif r.kind in ("Hardware",):
            return
        else:
            self.implant_for(r.kind, r.level, r.side, r.qualifier)

    def implant_list(self) -> list[dict]:
        out = []
        for d in self.implants.values():
            d = {k: v for k, v in d.items() if not k.startswith("_")}
            if d["id"] in self.parts:
                d["parts"] = self.parts[d["id"]]
            out.append(d)
        # rods before the connectors that join them (only for reading order)
        return sorted(out, key=lambda d: 0 if d["type"] == "rod" else 1)


def _kind_of(type_word: str) -> str:
    return T.IMPLANT_TYPES.get(T.norm(type_word), "")


def _describe(f: Fact) -> str:
    where = " ".join(p for p in (f.side, f.level) if p)
    what = f"{f.finding}" + (f" of the {where + ' ' if where else ''}{f.implant}" if f.implant else (f" at {where}" if where else ""))
    status = "" if f.status == "affirmed" else f" ({f.status})"
    return f"{what}{status}: \"{_clip(f.sentence)}\""


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 3] + "..."


def _finding(b: _Builder, f: Fact, connectors_by_side: dict) -> tuple[dict | None, str | None]:
    """The case finding for one fact. Nothing is dropped: a fact that cannot be pinned to one implant with
    its level and side is kept about an implant type (at its levels, side unstated), about the construct
    as a whole, or with a stated reason; the second value says why it is not pinned to one implant."""
    kind = f.kind
    if f.finding == "loosening" and f.mm is not None:
        f = Fact(**{**f.__dict__, "finding": "lucency"})  # a measured lucency: the threshold applies
    if kind is None and f.finding in ("lucency", "loosening", "screw position") and f.level and "-" not in f.level \
            and f.side in ("left", "right"):
        kind = "Screw"  # (a screw is at one level: a finding over a span stays unplaced)
    if kind == "Hardware" or (kind is None and f.finding == "complication"):
        return _unplaced(f, "hardware", None), None
    if kind is None:
        return _unplaced(f, None, "the report does not name the implant"), "no implant named"
    if kind in SCREWS and (not f.level or f.side not in ("left", "right")):
        return _unplaced(f, TYPE_WORDS[kind], None), None
    iid = b.implant_for(kind, f.level if kind not in ("Rod",) else None, f.side, f.qualifier)
    if iid is None:
        return _unplaced(f, TYPE_WORDS.get(kind), f"no {TYPE_WORDS.get(kind, 'implant')} of the case matches"), None
    d: dict[str, Any] = {"type": FINDING_TYPES[f.finding], "implant": iid}
    if f.level and (kind == "Rod" or (kind == "SpinalCordStimulator" and f.finding == "lead position")):
        # where along a rod, or where the stimulator's lead lies ("a spinal cord stimulator placed at the T8-T9 level")
        d["levels" if "-" in f.level else "level"] = f.level
    if f.status in ("negated", "uncertain"):
        d["status"] = f.status
    if f.finding == "lucency":
        if f.mm is not None and f.status != "negated":
            if f.mm > T.MAX_MM["width"]:
                d["reason"] = f"the report's width of {f.mm:g} mm is above the plausible maximum and was left out"
            else:
                d["width"] = f"{f.mm:g} mm"
        if f.double_halo:
            d["double_halo"] = True
    elif f.finding == "screw position":
        _position(d, f)
        if d.get("contained") is False and f.mm is not None and f.mm <= T.MAX_MM["distance"]:
            d["distance"] = f"{f.mm:g} mm"
        if f.relative_to in ("pedicle", "vertebral body", "spinal canal", "lamina", "lateral mass"):
            d["relative_to"] = f.relative_to
    elif f.finding == "rod connector":
        conn = None
        if f.connector:
            conn = connectors_by_side.get((f.connector.get("level"), f.connector.get("side")))
        if conn is None:
            conn = connectors_by_side.get((None, f.side)) or connectors_by_side.get((None, None))
        if conn is None or kind != "Rod":
            # no rod-to-rod connector named: the rod came apart from the construct (a disconnection)
            return {"type": "disconnection", "implant": iid, **({"status": f.status} if f.status != "affirmed" else {}),
                    **({"levels" if "-" in f.level else "level": f.level} if f.level else {})}, None
        rod = b.rod(f.qualifier, f.side)
        c = b.implants[conn]
        if rod in (c.get("_placeholders") or []):
            # the report names the rod a placeholder stood for ("the proximal rod end"): it is named now, and no other rod
            # may take its place (which would drop it from the case while this finding is about it)
            c["_placeholders"].remove(rod)
            b.implants[rod]["label"] = b.implants[rod]["label"].replace(" (not named in the report)", "")
        if rod not in c["joins"]:
            holders = c.get("_placeholders") or []
            if holders:  # a rod the report did not name stands in for this one: use the named rod
                old = holders.pop(0)
                c["joins"] = [rod if r == old else r for r in c["joins"]]
                if not _rod_used(b, old):
                    b.implants.pop(old, None)
            else:
                c["joins"] = [c["joins"][0], rod] if c["joins"][0] != rod else c["joins"]
        d["implant"] = rod
        d["connector"] = conn
        if f.subluxed:
            d["subluxed"] = True
        if f.secured is False:
            d["secured"] = False
        if "subluxed" not in d and "secured" not in d:
            d["secured"] = False
        if f.direction:
            d["direction"] = f.direction
    elif f.finding == "migration":
        if f.direction:
            d["direction"] = f.direction
        if f.mm is not None and f.mm <= T.MAX_MM["distance"]:
            d["distance"] = f"{f.mm:g} mm"
        elif f.kind == "StimulatorLead" and (moved := levels_moved(f.sentence)) is not None:
            d["distance"] = f"{moved:g} vertebral level{'s' if moved != 1 else ''}"  # "caudally by one vertebral level"
    elif f.finding == "subsidence":
        if f.mm is not None and f.mm <= T.MAX_MM["distance"]:
            d["distance"] = f"{f.mm:g} mm"
    elif f.finding == "lead position":
        if f.location:
            d["location"] = f.location
        else:
            d["reason"] = _lead_unplaced(f)
    return d, None


def _lead_unplaced(f: Fact) -> str:
    """Why a lead position has no place in the case: no place at all, or a level without the space it lies in."""
    if f.level:
        return "the report gives the lead's level but not the space it lies in (epidural, subdural, intradural)"
    return "the report does not say where the lead lies"


def _position(d: dict, f: Fact) -> None:
    """A screw position: contained when negated, else a breach with its direction when the report gives one."""
    if f.status == "negated":
        d.pop("status", None)
        d["contained"] = True
        return
    direction = f.direction
    if direction is None and f.relative_to == "spinal canal":
        direction = "medial"  # "traverses the canal", "into the spinal canal"
    d["contained"] = False
    if direction:
        d["direction"] = direction


def _unplaced(f: Fact, type_word: str | None, reason: str | None) -> dict:
    """A finding about an implant type (or the construct, or nothing named) with what the report says."""
    d: dict[str, Any] = {"type": FINDING_TYPES[f.finding]}
    if type_word:
        d["implant_type"] = type_word
    if f.level:
        d["levels" if "-" in f.level else "level"] = f.level
    if f.side in ("left", "right", "midline"):
        d["side"] = f.side
    if f.status in ("negated", "uncertain"):
        d["status"] = f.status
    if f.finding == "lucency" and f.mm is not None and f.status != "negated" and f.mm <= T.MAX_MM["width"]:
        d["width"] = f"{f.mm:g} mm"
    elif f.finding == "screw position":
        _position(d, f)
        if f.mm is not None and f.mm <= T.MAX_MM["distance"] and d.get("contained") is False:
            d["distance"] = f"{f.mm:g} mm"
    elif f.finding in ("migration", "rod connector") and f.direction:
        d["direction"] = f.direction
    if f.finding == "migration" and f.mm is not None and f.mm <= T.MAX_MM["distance"]:
        d["distance"] = f"{f.mm:g} mm"
    if f.finding == "subsidence" and f.mm is not None and f.mm <= T.MAX_MM["distance"]:
        d["distance"] = f"{f.mm:g} mm"
    if f.finding == "rod connector":
        d["type"] = "disconnection"  # no connector named: the rod came apart from the construct
        d.pop("direction", None)
    if f.finding == "lead position":
        if f.location:
            d["location"] = f.location
        else:
            d["reason"] = _lead_unplaced(f)
    if reason and "implant_type" not in d:
        d["reason"] = reason
    return d


def _history(ex: Extraction, notes: list[str]) -> dict:
    """The case's procedures, symptoms and study modality from the history the report states (history.py).

    Each distinct procedure (type and levels) becomes a procedure; the first time since surgery the report
    gives becomes the first fusion's (else the first procedure's, else an unnamed surgery's) time before the
    study. The study's modality is the first the report names outside its comparison line; the others named in the
    same sentence ("also") are studies of the same time. `--context` replaces any of these groups when it gives them."""
    procedures: list[dict] = []
    symptoms: list[str] = []
    intervals: list[str] = []
    modality = first = None
    also: list[str] = []
    for h in ex.history:
        if "procedure" in h:
            key = (h["procedure"], h.get("levels"))
            if key not in {(p["type"], p.get("levels")) for p in procedures}:
                d = {"id": f"procedure-{len(procedures) + 1}", "type": h["procedure"]}
                if h.get("levels"):
                    d["levels"] = h["levels"]
                procedures.append(d)
        elif "symptom" in h and h["symptom"] not in symptoms:
            symptoms.append(h["symptom"])
        elif "interval" in h and h["interval"] not in intervals:
            intervals.append(h["interval"])
        elif "modality" in h and not is_comparison(h.get("sentence", "")):  # (not an earlier study's: "Comparison: CT")
            if modality is None:
                modality, first = h["modality"], h.get("start")
            elif h.get("start") == first and h["modality"] != modality and h["modality"] not in also:
                also.append(h["modality"])  # "Plain radiographs and CT showed ...": two studies of the same time
    # a fusion without levels is dropped when the same kind of fusion is stated with its levels
    procedures = [p for p in procedures if p.get("levels") or not any(
        q is not p and q.get("levels") and (q["type"] == p["type"] or p["type"] == "fusion") for q in procedures)]
    for n, p in enumerate(procedures, 1):
        p["id"] = f"procedure-{n}"
    if intervals:
        target = next((p for p in procedures if "fusion" in p["type"]), procedures[0] if procedures else None)
        if target is None:
            # the time since an operation the report does not name: kept on a procedure of no stated kind,
            # which no rule about fusions reads
            target = {"id": f"procedure-{len(procedures) + 1}", "type": "surgery",
                      "label": "surgery the report counts time from without naming it"}
            procedures.append(target)
        target["time_before_study"] = intervals[0]
        for extra in intervals[1:]:
            notes.append(f"history not in the case: a further time of {extra} (the case keeps one time since surgery)")
    return {"procedures": procedures, "symptoms": symptoms, "modality": modality, "also": also}


_LEVEL_WORDS = {**{w: float(n) for w, n in WORD_NUMBERS.items()}, "a": 1.0, "half a": 0.5, "half of a": 0.5,
                "one and a half": 1.5}
_LEVELS_MOVED = re.compile(r"\bby\s+(?:approximately\s+|about\s+|nearly\s+|almost\s+)?(?P<n>\d+(?:\.\d+)?|"
                           + "|".join(sorted((re.escape(w) for w in _LEVEL_WORDS), key=len, reverse=True))
                           + r")\s+(?:full\s+)?(?:vertebral\s+)?(?:levels?|(?:vertebral\s+)?bod(?:y|ies)(?:\s+heights?)?|segments?)\b",
                           re.I)


def levels_moved(sentence: str) -> float | None:
    """How many vertebral levels a lead moved, as the sentence says it ("migrated caudally by one vertebral level",
    "by 1.5 vertebral body heights"); None when it does not say, or says it of more than one movement."""
    found = list(_LEVELS_MOVED.finditer(sentence))
    if len(found) != 1:
        return None
    word = found[0].group("n").lower()
    return _LEVEL_WORDS.get(word) if word in _LEVEL_WORDS else float(word)


def _compared(findings: list[dict], studies: list[dict], order: bool | None, notes: list[str]) -> list[dict]:
    """Each finding of a change (a migration, a subsidence: the case format's findings measured between two studies), linked
    to the earlier study it was measured against: the comparison study the sentence dates, else the only or the latest
    dated one before the report's study."""
    own, earlier = studies[0], [s for s in studies[1:] if s["id"].startswith(_EARLIER)]
    if not earlier:
        return findings
    before = [e for e in earlier if not (own.get("date") and e.get("date") and e["date"] >= own["date"])]
    dated = sorted((e for e in before if e.get("date")), key=lambda e: e["date"])
    default = before[0] if len(before) == 1 else dated[-1] if dated else None
    out = []
    for fd in findings:
        text = fd.get("text") or ""
        if "compared_with" in fd or fd.get("study", "study") != own["id"] or fd.get("status") == "negated" \
                or fd.get("type") not in ("migration", "subsidence"):
            out.append(fd)
            continue
        named = [e for e in before if e.get("date") and any(d.date == e["date"] for d in dates_in(text, order))]
        baseline = named[0] if len(named) == 1 else default
        if baseline is None:
            out.append(fd)
            continue
        out.append({**fd, "compared_with": baseline["id"]})
        notes.append(f"compared with {baseline['id']} (the report's comparison study): {fd.get('id')}")
    return out


_MAX_EARLIER = 20  # earlier studies a case keeps from one comparison line (the case format allows 100 studies)


_EARLIER = "comparison-"  # the id of an earlier study the comparison line names: comparison-1, comparison-2, ...


def _studies(text: str, modalities: list[str], case: dict, notes: list[str]) -> list[dict]:
    """The report's own study (its modality and date), the other studies of the same time ("radiographs and CT showed":
    study-radiograph beside study, the findings the first's) and the earlier studies its comparison line names; with
    several studies, the time since surgery moves from the procedure to the report's own studies (a case with several
    studies says which one it was measured at)."""
    study: dict[str, Any] = {"id": "study", "modality": modalities[0]}
    when = study_date(text)
    if when is not None and when.date:
        study["date"] = when.date
    elif when is not None:
        notes.append(f"history not in the case: the study's date '{when.text}' ({when.why})")
    same_time = [{**study, "id": f"study-{m.lower()}", "modality": m} for m in modalities[1:]]
    earlier: list[dict] = []
    found = comparisons(text)
    if len(found) > _MAX_EARLIER:
        notes.append(f"history not in the case: {len(found) - _MAX_EARLIER} further comparison studies (the case keeps "
                     f"the first {_MAX_EARLIER})")
    for cmp in found[:_MAX_EARLIER]:
        if cmp.modality is None:
            notes.append(f"history not in the case: the comparison study '{cmp.text}' (no modality named)")
            continue
        d: dict[str, Any] = {"id": f"{_EARLIER}{len(earlier) + 1}", "modality": cmp.modality}
        if cmp.date is not None and cmp.date.date:
            d["date"] = cmp.date.date
        elif cmp.date is not None:
            notes.append(f"the comparison study '{cmp.text}' kept without its date ({cmp.date.why})")
        earlier.append(d)
    if earlier or same_time:
        procedures = case.get("procedures") or []
        timed = next((p for p in procedures if p.get("time_before_study")), None)
        if timed is not None:
            for own in (study, *same_time):
                own["interval_after_surgery"], own["after"] = timed["time_before_study"], timed["id"]
            case["procedures"] = [{k: v for k, v in p.items() if k != "time_before_study"} if p is timed else p
                                  for p in procedures]
    return [study, *same_time, *earlier]


def _rod_used(b: _Builder, rod: str) -> bool:
    return any(rod in d.get("joins", []) for d in b.implants.values())


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()


_SCREW_TYPES = frozenset(TYPE_WORDS[k] for k in SCREWS)
_BARE = {"interbody cage": "cage", "plate": "plate", "lead": "stimulator-lead", "rod": "rod"}  # an implant named with no
# level or side, by its type: the id `_Builder` gives it


def _one_implant_each(b: _Builder, findings: list[dict], provenance: list[dict], notes: list[str],
                      note_of: dict[str, tuple[int, str]]) -> None:
    """One implant for what a report names once with its level or side and once without, and one finding for what it
    says again in other words (`_bare_to_named`, `_said_again`); a bare implant left with no finding of its own beside
    named ones of its type is one of them, and is dropped."""
    leads = b.parts.get("spinal-cord-stimulator") if b.stimulator else None
    pools = [list(b.implants.values()), *([leads] if leads else [])]
    _bare_to_named(b, pools, findings, provenance)
    _said_again(b, findings, provenance, notes, note_of)
    _said_again_in_full(b, findings, provenance, notes, note_of)
    _both_screws_at_a_level(b, findings, provenance, notes, note_of)
    _denial_summed_up(b, findings, provenance, notes, note_of)
    used = {d.get("implant") for d in findings}
    for pool in pools:
        for bare in [d for d in pool if d["id"] not in used and _BARE.get(d["type"]) == d["id"]]:
            if any(d is not bare and d["type"] == bare["type"] for d in pool) and not _rod_used(b, bare["id"]):
                pool.remove(bare)
                b.implants.pop(bare["id"], None)


def _denial_summed_up(b: _Builder, findings: list[dict], provenance: list[dict], notes: list[str],
                      note_of: dict[str, tuple[int, str]]) -> None:
    """The impression's denial of an implant named by its type alone, where the findings denied the same finding of each
    implant of that type, says it again: "Interbody cages at L4-5 and L5-S1 ... without subsidence" then "No cage
    subsidence" (one denial of each cage, not a third of a cage with no level)."""
    drop: list[int] = []
    for i, d in enumerate(findings):
        imp = b.implants.get(d.get("implant") or "")
        if imp is None or _BARE.get(imp["type"]) != imp["id"] or not _denied(d) \
                or provenance[i].get("section") != "impression":
            continue
        named = [x["id"] for x in b.implants.values() if x["type"] == imp["type"] and x["id"] != imp["id"]]
        denied = {e.get("implant"): j for j, e in enumerate(findings) if e["type"] == d["type"] and _denied(e)
                  and provenance[j].get("section") != "impression"}
        if not named or not all(n in denied for n in named):
            continue
        first = denied[named[0]]
        provenance[first].setdefault("also", []).append({k: v for k, v in provenance[i].items() if k != "finding"})
        drop.append(i)
        if d["id"] in note_of:
            k, described = note_of[d["id"]]
            notes[k] = f"said again: {described} - the same finding as {findings[first]['id']}"
    for i in reversed(drop):
        del findings[i], provenance[i]


def _bare_to_named(b: _Builder, pools: list[list[dict]], findings: list[dict], provenance: list[dict]) -> None:
    """"The cage" is the C5-6 cage when the report names one cage with a level ("the right lead" the right lead at T10),
    unless one sentence names both ("several broken plates and migration of a fragment of the C7 plate")."""
    said_in: dict[str, set[str]] = {}  # the sentences that name each implant, with a finding or without
    for d, prov in zip(findings, provenance, strict=True):
        said_in.setdefault(d.get("implant") or "", set()).add(prov["sentence"])
    for r in b.ex.implants:
        for d in (x for pool in pools for x in pool):
            if r.level and d["type"] == TYPE_WORDS.get(r.kind) and (d.get("level") or d.get("levels")) == r.level:
                said_in.setdefault(d["id"], set()).add(r.sentence)
    moved: dict[str, str] = {}
    for pool in pools:
        for bare in list(pool):
            if bare.get("level") or bare.get("levels") or bare["type"] not in ("interbody cage", "plate", "lead"):
                continue
            same = [d for d in pool if d is not bare and d["type"] == bare["type"] and (d.get("level") or d.get("levels"))
                    and (bare["type"] != "lead" or not bare.get("side") or d.get("side") == bare.get("side"))]
            if len(same) == 1 and (not bare.get("side") or same[0].get("side") in (None, bare.get("side"))) \
                    and not said_in.get(bare["id"], set()) & said_in.get(same[0]["id"], set()):
                moved[bare["id"]] = same[0]["id"]
                pool.remove(bare)
                b.implants.pop(bare["id"], None)
    for d in findings:
        if d.get("implant") in moved:
            d["implant"] = moved[d["implant"]]


def _both_screws_at_a_level(b: _Builder, findings: list[dict], provenance: list[dict], notes: list[str],
                            note_of: dict[str, tuple[int, str]]) -> None:
    """"The C6 screws", with no side, are the left and the right C6 screw when the report names both: "Lucency around both
    C6 screws ..." then "Lucency about the C6 screws, which may indicate loosening" (a finding of each)."""
    for i in reversed(range(len(findings))):
        d = findings[i]
        if d.get("implant") or d.get("implant_type") not in _SCREW_TYPES or not d.get("level") or d.get("side") \
                or _denied(d) or not re.search(r"\bscrews\b", provenance[i]["sentence"], re.I):
            continue
        pair = [imp for sd in ("left", "right") if (imp := b.implants.get(f"screw-{d['level']}-{sd}")) is not None]
        # (of the same kind, and not a plate's: "the inferior C6 screws of the anterior plate" beside posterior C6 screws)
        if len(pair) != 2 or any(imp["type"] != d["implant_type"] for imp in pair) \
                or re.search(r"\bplates?\b", provenance[i]["sentence"], re.I):
            continue
        copies: list[dict] = []
        for imp in pair:
            c = {k: v for k, v in d.items() if k not in ("id", "implant_type", "level", "side", "reason")}
            c["implant"] = imp["id"]
            copies.append({"id": _finding_id(c, findings + copies), **c})
        findings[i:i + 1] = copies
        provenance[i:i + 1] = [{**provenance[i], "finding": c["id"]} for c in copies]
        if d["id"] in note_of:  # no longer kept without an implant
            k, described = note_of.pop(d["id"])
            notes[k] = f"placed on both: {described} - the findings {copies[0]['id']} and {copies[1]['id']}"


def _said_again(b: _Builder, findings: list[dict], provenance: list[dict], notes: list[str],
                note_of: dict[str, tuple[int, str]]) -> None:
    """A finding another sentence says again is kept once, with both places in its provenance: the same finding of the
    same implant, "backout of the C6 screws" after "both C6 screws have backed out" (the level's screws, each with its
    side), "the rod fractures ... are unchanged" after "both rods are fractured" (the named rods)."""
    first_of: dict[tuple, int] = {}
    for i, d in enumerate(findings):
        imp = b.implants.get(d.get("implant") or "")
        if imp is None:
            continue
        first_of.setdefault((d["type"], d["implant"], d.get("status"), d.get("direction")), i)
        first_of.setdefault((d["type"], d["implant"], d.get("status"), "summed up"), i)
        if imp["type"] in _SCREW_TYPES:
            first_of.setdefault((d["type"], "screws at", imp.get("level"), d.get("status")), i)
        if imp["type"] == "rod" and imp["id"] != "rod":
            first_of.setdefault((d["type"], "a named rod", d.get("status")), i)
            if imp.get("side") and imp["id"] != f"rod-{imp['side']}":
                # (said sure once and hedged once, it is one finding: "the left rod appears fractured" ... "apparent
                # fracture of the left thoracolumbar fusion rod")
                first_of.setdefault((d["type"], "a named rod", imp["side"], _said(d)), i)
    drop: list[int] = []
    for i, d in enumerate(findings):
        keys: list[tuple] = [(d["type"], d.get("implant"), d.get("status"), d.get("direction"))] if d.get("implant") else []
        if d.get("implant") == "rod":
            keys.insert(0, (d["type"], "a named rod", d.get("status")))
        if d.get("implant") in ("rod-left", "rod-right"):  # "the left rod" after "the left thoracic fusion rod"
            keys.insert(0, (d["type"], "a named rod", d["implant"][4:], _said(d)))
        if d.get("implant_type") in _SCREW_TYPES and d.get("level") and not d.get("side"):
            keys.append((d["type"], "screws at", d["level"], d.get("status")))
        if d.get("implant") and provenance[i].get("section") == "impression":
            # the impression sums up what the findings said, the way in other words or not at all: "Unchanged
            # malposition of the right T4 (lateral), left T6 (medial, 2 mm) and left T7 (anterior) screws"
            # (after a named rod's key, before its own)
            own = next(k for k, key in enumerate(keys) if key[1] == d["implant"])
            keys.insert(own, (d["type"], d["implant"], d.get("status"), "summed up"))
        first = next((first_of[k] for k in keys if k in first_of), i)
        # (one sentence's two findings are two: "four patients had bilateral RFs and three had unilateral RFs")
        if first == i or provenance[first]["sentence"] == provenance[i]["sentence"]:
            continue
        provenance[first].setdefault("also", []).append({k: v for k, v in provenance[i].items() if k != "finding"})
        if findings[first].get("status") == "uncertain" and d.get("status") is None:
            del findings[first]["status"]  # the sure statement of it stands
        drop.append(i)
        if d["id"] in note_of:  # no longer kept apart
            k, described = note_of[d["id"]]
            notes[k] = f"said again: {described} - the same finding as {findings[first]['id']}"
    for i in reversed(drop):
        del findings[i], provenance[i]


def _finding_id(d: dict, findings: list[dict]) -> str:
    """A case finding's id, from its type and its implant (or what is known of it), unique among the findings."""
    base = (f"{_slug(d['type'])}-{d['implant']}" if d.get("implant") else f"{_slug(d['type'])}-" + "-".join(
        _slug(str(p)) for p in (d.get("implant_type") or "unplaced", d.get("level") or d.get("levels"), d.get("side")) if p))
    fid, n = base, 2
    while any(x["id"] == fid for x in findings):
        fid, n = f"{base}-{n}", n + 1
    return fid


def _said(d: dict) -> str:
    """A case finding's status for telling findings apart: denied, or said (sure or hedged)."""
    return "denied" if d.get("status") == "negated" else "said"


def _denied(d: dict) -> bool:
    """Is the case finding a denial (a negated finding, or a screw position the report says is contained)?"""
    return d.get("status") == "negated" or d.get("contained") is True


def _said_again_in_full(b: _Builder, findings: list[dict], provenance: list[dict], notes: list[str],
                        note_of: dict[str, tuple[int, str]]) -> None:
    """A finding said once without the implant's side or level and once, in another sentence, of the one implant of that
    type that has them is one finding, kept with all it was told: "A lucent halo up to 2 mm surrounds the most cephalad
    implant" ... "Lucency about the cephalad left sacroiliac implant". Not for screws (one named without its level is
    often another screw, an iliac or S2AI screw) unless no implant is named and the level is ("T5  lateral breach 1.5 mm"
    in a table's row) or the impression names a finding the findings told of one screw, nor for denials (a denial without
    a side is of every implant)."""
    def where(d: dict) -> tuple:
        imp = b.find(d.get("implant"))
        t, lv, sd = ((imp["type"], imp.get("level") or imp.get("levels"), imp.get("side")) if imp is not None
                     else (d.get("implant_type"), d.get("level") or d.get("levels"), d.get("side")))
        return ("screw" if t and t.endswith("screw") and t != "set screw" else t), lv, sd

    drop: set[int] = set()
    for i, a in enumerate(findings):
        t, lv, sd = where(a)
        if t is None and lv and not sd and a["type"] == "screw position":
            t = "screw"  # a table's row with no implant named ("T5  lateral breach 1.5 mm") is a screw's at its level
        elif (t is None or (lv and sd)) or (t == "screw" and (lv or sd or provenance[i].get("section") != "impression")):
            continue  # (but the impression's "screw fracture", where the findings told of one broken screw, is that one)
        if _denied(a):
            continue
        fuller = [j for j, d in enumerate(findings) if j != i and j not in drop and d["type"] == a["type"]
                  and not _denied(d) and provenance[j]["sentence"] != provenance[i]["sentence"]
                  and (w := where(d))[0] == t and w != (t, lv, sd) and lv in (None, w[1]) and sd in (None, w[2])
                  and a.get("direction") in (None, d.get("direction"))]
        # (a lead position said without a side, at the level where the report has placed each side's lead: "Lead tips
        # unchanged at T8" after the left and the right lead tips at T8)
        if len(fuller) > 1 and a["type"] == "lead position" and lv and all(where(findings[j])[1] == lv for j in fuller):
            fuller = fuller[:1]
        if len(fuller) != 1:
            continue
        j = fuller[0]
        for k, v in a.items():
            if k not in findings[j] and k not in ("id", "status", "implant", "implant_type", "reason", "text"):
                findings[j][k] = v
        if findings[j].get("status") == "uncertain" and a.get("status") is None:
            del findings[j]["status"]
        provenance[j].setdefault("also", []).append({k: v for k, v in provenance[i].items() if k != "finding"})
        drop.add(i)
        if a["id"] in note_of:
            k, described = note_of[a["id"]]
            notes[k] = f"said again: {described} - the same finding as {findings[j]['id']}"
    for i in sorted(drop, reverse=True):
        del findings[i], provenance[i]


def build_case(ex: Extraction, *, case_id: str, context: dict | None = None, source: str | None = None,
               context_label: str = "<context>") -> IngestResult:
    """Turn an extraction into a validated case dict (merged with the context), provenance beside it."""
    if not isinstance(case_id, str) or not ID_RE.fullmatch(case_id):
        raise IngestError([Problem(context_label if context else "--case-id", "id",
                                   f"{case_id!r} is not a valid case id (letters, digits, '.', '_' and '-')")])
    b = _Builder(ex)
    sided_rods = {r.qualifier for r in ex.implants if r.kind == "Rod" and r.side}
    sided_rods |= {q for r in ex.implants if r.kind == "RodToRodConnector" and r.side for q in r.joins}
    for r in ex.implants:
        if r.kind == "Rod" and not r.side and r.qualifier in sided_rods:
            continue  # "the thoracic rods" when the left and right thoracic rods are named
        b.record(r)
    connectors_by_side: dict[tuple, str] = {}
    for imp in b.implants.values():
        if imp["type"] == "rod to rod connector":
            lv = imp.get("level") or imp.get("levels")
            connectors_by_side.setdefault((lv, imp.get("side")), imp["id"])
            connectors_by_side.setdefault((None, imp.get("side")), imp["id"])
            connectors_by_side.setdefault((None, None), imp["id"])
    findings: list[dict] = []
    provenance: list[dict] = []
    notes: list[str] = []
    seen: dict[tuple, int] = {}
    note_of: dict[str, tuple[int, str]] = {}  # each finding kept without one implant: its note and what it says
    for f in ex.facts:
        d, why = _finding(b, f, connectors_by_side)
        prov = {"sentence": f.sentence, "start": f.sentence_start, "end": f.sentence_end, "section": f.section,
                "status": f.status, "spans": f.spans}
        if d is None:  # pragma: no cover - _finding keeps every fact
            notes.append(f"not in the case: {_describe(f)} - {why}")
            continue
        note = None
        if "implant" not in d:
            note = (len(notes), _describe(f))
            notes.append(f"kept without one implant: {_describe(f)} - "
                         + (d.get("reason") or f"about the {d.get('implant_type', 'hardware')} as the report names it"))
        key = (d["type"], d.get("implant") or d.get("implant_type") or d.get("reason"), d.get("level") or d.get("levels"),
               d.get("side"), d.get("status"), d.get("direction"))
        # the same finding again (e.g. FINDINGS and IMPRESSION): keep one, note both places; another direction is another
        # finding ("lateral misplacement in 59 screws and medial wall violation in 28 screws"), a missing one is not
        # a hedged statement and a sure one of the same finding are one finding, as sure as the surer ("a 4 mm medial
        # breach of the right L5 screw" in the findings, "breach ..., likely abutting the root" in the impression)
        same = next((k for k in seen if k[:4] == key[:4] and (k[4] == key[4] or {k[4], key[4]} == {None, "uncertain"})
                     and (k[5] == key[5] or None in (k[5], key[5]))), None)
        if same is not None:
            i = seen[same]
            if findings[i].get("status") == "uncertain" and d.get("status") is None:
                del findings[i]["status"]
            for k, v in d.items():
                if k not in findings[i] and k != "status":
                    findings[i][k] = v
            provenance[i].setdefault("also", []).append(prov)
            continue
        fid = _finding_id(d, findings)
        d = {"id": fid, **d, "text": f.sentence}
        seen[key] = len(findings)
        findings.append(d)
        provenance.append({"finding": fid, **prov})
        if note is not None:
            note_of[fid] = note
    _one_implant_each(b, findings, provenance, notes, note_of)
    for f in ex.set_aside:
        why = ("historical" if f.historical else "hypothetical" if f.hypothetical
               else f"a general statement: '{f.generic}'" if f.generic else f"in the {f.section} section")
        notes.append(f"set aside ({why}): {_describe(f)}")

    context = dict(context or {})
    case: dict[str, Any] = {"spinekg_case": 1, "id": case_id}
    case["title"] = context.get("title") or f"Ingested report{f' {source}' if source else ''}"
    for k in ("source", "constructed"):
        if k in context:
            case[k] = context[k]
    if "source" not in case and source:
        case["source"] = source
    desc = context.get("description")
    tail = f"Extracted by spinekg ingest from {source or 'a report'}; each finding's text is the report sentence."
    case["description"] = f"{desc.strip()} {tail}" if isinstance(desc, str) and desc.strip() else tail
    for k in ("patient", "procedures", "constructs"):
        if k in context:
            case[k] = context[k]
    history = _history(ex, notes)
    if "patient" not in context and history["symptoms"]:
        case["patient"] = {"symptoms": history["symptoms"]}
    if "procedures" not in context and history["procedures"]:
        case["procedures"] = history["procedures"]
    ctx_implants = list(context.get("implants") or [])
    ctx_ids = {i.get("id") for i in ctx_implants if isinstance(i, dict)}
    implants = ctx_implants + [i for i in b.implant_list() if i["id"] not in ctx_ids]
    if implants:
        case["implants"] = implants
    ctx_findings = list(context.get("findings") or [])
    all_findings = ctx_findings + findings
    if "studies" in context:
        case["studies"] = context["studies"]
    else:
        exam = detect_modality(ex.text)  # an exam line names the one study the report is of
        modality = exam or history["modality"]
        if modality:
            case["studies"] = _studies(ex.text, [modality, *([] if exam else history["also"])], case, notes)
            if len(case["studies"]) > 1:  # each finding is the report's own study's, not an earlier one's
                all_findings = [f if "study" in f else {**f, "study": "study"} for f in all_findings]
                n = len(ctx_findings)  # the context's findings as given, the report's linked to their baselines
                all_findings = all_findings[:n] + _compared(all_findings[n:], case["studies"], day_first(ex.text), notes)
        elif earlier := [c for c in comparisons(ex.text) if c.modality]:
            notes.append(f"history not in the case: {len(earlier)} comparison stud{'y' if len(earlier) == 1 else 'ies'} "
                         f"('{earlier[0].text}'), as the report does not name its own study's modality")
    if all_findings:
        case["findings"] = all_findings
    if "outcomes" in context:
        case["outcomes"] = context["outcomes"]
    try:
        loaded = case_from_data(case, label=source or case_id)
    except CaseError as exc:
        raise IngestError(exc.problems) from None
    return IngestResult(case, provenance, notes, ex, loaded, source)


# --- YAML with provenance comments ------------------------------------------------------------------

def case_yaml(result: IngestResult) -> str:
    import yaml

    case = result.case
    lines = [f"# Case extracted by `spinekg ingest` from {result.source or 'a report'}.",
             "# Each finding's `text` is the report sentence it was read from; the comment above it gives the",
             "# sentence's character offsets in the report and the matched words (label 'text' [start:end])."]
    if not result.has_hardware:
        lines.append("# No spinal hardware was found in the report: the case has no implants or findings.")
    for n in result.notes:
        lines.append("# " + n)
    head = {k: v for k, v in case.items() if k not in ("findings", "outcomes")}
    lines.append(yaml.safe_dump(head, sort_keys=False, allow_unicode=True, width=100).rstrip())
    findings = case.get("findings") or []
    if findings:
        lines.append("findings:")
        prov = {p["finding"]: p for p in result.provenance}
        for fd in findings:
            p = prov.get(fd.get("id"))
            if p is not None:
                lines.append(f"  # report chars {p['start']}-{p['end']}" + (f" ({p['section']} section)" if p.get("section") else ""))
                spans = "; ".join(f"{sp['label']} '{_oneline(sp['text'])}' [{sp['start']}:{sp['end']}]" for sp in p["spans"])
                if spans:
                    lines.append(f"  #   {spans}")
                for other in p.get("also", []):
                    lines.append(f"  #   also at chars {other['start']}-{other['end']}"
                                 + (f" ({other['section']} section)" if other.get("section") else ""))
            block = yaml.safe_dump([fd], sort_keys=False, allow_unicode=True, width=100).rstrip()
            lines.extend("  " + ln for ln in block.splitlines())
    if "outcomes" in case:
        lines.append(yaml.safe_dump({"outcomes": case["outcomes"]}, sort_keys=False, allow_unicode=True, width=100).rstrip())
    return "\n".join(lines) + "\n"


def _oneline(text: str) -> str:
    return " ".join(text.split()).replace("'", "’")
