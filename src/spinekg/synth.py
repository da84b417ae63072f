"""Synthetic case registries: realistic, varied, valid cases, deterministic by seed.

``synth_case(i, seed)`` returns the plain data of one case in the case format (the dict a YAML or
JSON case file holds); case ``i`` is the same whatever the size of the registry, so a registry of
1,000 cases is the first 1,000 cases of one of 100,000 with the same seed.

The cases vary what the rules and the construct graph look at:

* regions and construct lengths: single-level lumbar to long thoracolumbar constructs, cervical
  lateral-mass constructs, cervicothoracic constructs, anterior cervical plates with cages, and
  stimulator-only cases (a spinal cord stimulator, no fusion);
* hardware: bilateral pedicle or lateral-mass screws with some levels skipped, rods per side,
  interbody cages, extensions joined to an older construct by rod-to-rod (domino) connectors,
  stimulators with a lead and a pulse generator;
* findings around the rules' thresholds: lucency widths below, at and above 1 mm and 2 mm, double
  halos, unmeasured lucencies, screws reported loose without a measurement, breaches with distances around 2, 4 and 6 mm in every direction, rods not secured or
  subluxed in their connectors, rod and screw fractures, screw-rod disconnections, migrations,
  cage subsidence, lead positions; affirmed, negated ("no lucency") and uncertain ("possible");
  findings named by implant id or by implant type, level and side (bilateral included);
* patients: age, sex, symptoms (or none), risk factors, prior surgeries, wound complications;
* studies: radiograph, CT or MRI, one or two per case, at intervals in days, weeks, months or years.

``write_registry`` writes one YAML file per case, or JSON Lines (one case a line, files of
``JSONL_CHUNK`` cases), which load several times faster. ``iter_case_data`` reads either back.
"""
from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from .anatomy import LEVELS

JSONL_CHUNK = 10_000
FORMATS = ("yaml", "jsonl")

_NAMES = [lv.name for lv in LEVELS]
_POS = {n: i for i, n in enumerate(_NAMES)}

# (weight, profile)
PROFILES = (
    (40, "lumbar"), (15, "thoracolumbar"), (7, "thoracic"), (12, "cervical"),
    (5, "cervicothoracic"), (8, "anterior-cervical"), (8, "extension"), (5, "stimulator"),
)
SYMPTOMS = ["back pain", "neck pain", "radiculopathy", "myelopathy", "neurological deficit", "low back pain"]
RISK_FACTORS = [("smoking", 0.2), ("diabetes", 0.15), ("osteoporosis", 0.1), ("vitamin D deficiency", 0.05),
                ("long-term steroids", 0.03), ("alcohol misuse", 0.03)]
LUCENCY_WIDTHS = [0.3, 0.5, 0.8, 1.0, 1.0, 1.1, 1.2, 1.5, 1.8, 2.0, 2.0, 2.1, 2.5, 3.0, 4.0, 6.0]
BREACH_MM = [None, 0.5, 1.0, 1.5, 1.9, 2.0, 2.5, 3.0, 3.9, 4.0, 4.5, 5.0, 5.9, 6.0, 7.0, 9.0]
BREACH_DIRECTIONS = ["medial", "medial", "lateral", "lateral", "inferior", "superior", "anterior",
                     "anterolateral", "anteromedial", "posteromedial", "posterolateral"]
INTERVALS = [("days", 1, 14), ("weeks", 1, 12), ("months", 1, 30), ("months", 6, 18), ("years", 1, 6)]


def _span(top: str, bottom: str) -> list[str]:
    return _NAMES[_POS[top]: _POS[bottom] + 1]


def _pick_span(rng: random.Random, first: str, last: str, min_len: int, max_len: int) -> list[str]:
    """A contiguous run of levels within first..last, of min_len..max_len levels."""
    pool = _span(first, last)
    n = rng.randint(min_len, min(max_len, len(pool)))
    start = rng.randint(0, len(pool) - n)
    return pool[start: start + n]


def _status(rng: random.Random, negated: float = 0.12, uncertain: float = 0.1) -> str | None:
    r = rng.random()
    return "negated" if r < negated else "uncertain" if r < negated + uncertain else None


class _Case:
    """Builds one case's data; the hardware first, then the studies and findings that refer to it."""

    def __init__(self, rng: random.Random, case_id: str):
        self.rng = rng
        self.id = case_id
        self.implants: list[dict[str, Any]] = []
        self.procedures: list[dict[str, Any]] = []
        self.constructs: list[dict[str, Any]] = []
        self.studies: list[dict[str, Any]] = []
        self.findings: list[dict[str, Any]] = []
        self.screws: list[dict[str, Any]] = []
        self.rods: list[dict[str, Any]] = []
        self.connectors: list[dict[str, Any]] = []
        self.cages: list[dict[str, Any]] = []
        self.leads: list[dict[str, Any]] = []
        self.fusion_levels: list[str] = []

    # --- hardware -------------------------------------------------------------------------
    def fusion(self, levels: list[str], kind: str = "posterior fusion", pid: str = "fusion",
               construct: str | None = "main") -> None:
        self.procedures.append({"id": pid, "type": kind, "levels": f"{levels[0]}-{levels[-1]}"
                                if len(levels) > 1 else levels[0]})
        if construct:
            self.constructs.append({"id": construct, "procedure": pid, "label": f"{levels[0]}-{levels[-1]} construct"})
        self.fusion_levels = levels

    def posterior(self, levels: list[str], construct: str, tag: str = "", skip: float = 0.0) -> None:
        """Bilateral screws (some intermediate levels skipped) and a rod per side."""
        rng = self.rng
        for i, lv in enumerate(levels):
            region = lv[0]
            lateral_mass = region == "C" and lv in ("C3", "C4", "C5", "C6") and rng.random() < 0.85
            kind, stem = ("lateral mass screw", "lms") if lateral_mass else ("pedicle screw", "screw")
            for side in ("left", "right"):
                ends = i in (0, len(levels) - 1)
                if not ends and rng.random() < skip:
                    continue
                s = {"id": f"{stem}{tag}-{lv}-{side}", "type": kind, "level": lv, "side": side, "construct": construct}
                self.implants.append(s)
                self.screws.append(s)
        span = f"{levels[0]}-{levels[-1]}" if len(levels) > 1 else levels[0]
        for side in ("left", "right"):
            r = {"id": f"rod{tag}-{side}", "type": "rod", "side": side, "levels": span, "construct": construct}
            if rng.random() < 0.3:
                r["label"] = f"{side} {span} rod"
            self.implants.append(r)
            self.rods.append(r)

    def add_cages(self, levels: list[str], construct: str | None, p: float) -> None:
        for a, b in pairwise(levels):
            if self.rng.random() < p and a[0] != "S":
                c = {"id": f"cage-{a}-{b}", "type": "interbody cage", "levels": f"{a}-{b}"}
                if construct:
                    c["construct"] = construct
                self.implants.append(c)
                self.cages.append(c)

    def stimulator(self) -> None:
        top = self.rng.choice(["T7", "T8", "T9"])
        lead_levels = _span(top, _NAMES[_POS[top] + 2])
        lead = {"id": "scs-lead", "type": "lead", "levels": f"{lead_levels[0]}-{lead_levels[-1]}", "side": "midline"}
        self.implants.append({"id": "scs", "type": "spinal cord stimulator",
                              "parts": [lead, {"id": "scs-ipg", "type": "pulse generator"}]})
        self.leads.append(lead)

    # --- studies ---------------------------------------------------------------------------
    def add_studies(self) -> None:
        rng = self.rng
        n = 2 if rng.random() < 0.2 else 1
        unit, lo, hi = rng.choice(INTERVALS)
        first = rng.randint(lo, hi)
        for k in range(n):
            modality = rng.choices(["CT", "radiograph", "MRI"], weights=[50, 40, 10])[0]
            value = first if k == 0 else first * rng.randint(2, 4)
            st = {"id": f"{modality.lower()}-{k + 1}", "modality": modality}
            if self.procedures:
                st["interval_after_surgery"] = f"{value} {unit}"
                st["after"] = self.procedures[0]["id"]
            self.studies.append(st)

    def _study(self) -> dict[str, Any]:
        return {"study": self.rng.choice(self.studies)["id"]} if len(self.studies) > 1 else {}

    # --- findings --------------------------------------------------------------------------
    def _screw_ref(self, f: dict[str, Any]) -> dict[str, Any]:
        """Name the screw by id, or by type, level and side (sometimes both sides at once)."""
        rng = self.rng
        s = rng.choice(self.screws)
        if rng.random() < 0.7:
            f["implant"] = s["id"]
        else:
            pair = [x for x in self.screws if x["level"] == s["level"] and x["type"] == s["type"]]
            both = len(pair) == 2 and rng.random() < 0.5
            f.update(implant_type=s["type"], level=s["level"], side="bilateral" if both else s["side"])
            if both:
                return {**s, "side": "bilateral"}
        return s

    def lucency(self) -> None:
        rng = self.rng
        f: dict[str, Any] = {"type": rng.choice(["lucency", "lucency", "halo"])}
        s = self._screw_ref(f)
        status = _status(rng, 0.18, 0.12)
        if status:
            f["status"] = status
        if rng.random() < 0.12:
            f["double_halo"] = True
            what = "a double halo"
        elif status == "negated" and rng.random() < 0.6:
            what = "no lucency"
        elif rng.random() < 0.05:
            what = "an unmeasured lucency"
        else:
            w = rng.choice(LUCENCY_WIDTHS)
            f["width"] = f"{w} mm" if rng.random() < 0.9 else f"{w / 10:g} cm"
            what = f"{w} mm lucency"
        f["text"] = f"{'Possible ' if status == 'uncertain' else ''}{what} around the {s['side']} {s['level']} screw{'s' if s['side'] == 'bilateral' else ''}."
        self.findings.append(f | self._study())

    def reported_loosening(self) -> None:
        """A screw the report calls loose without a measurement."""
        rng = self.rng
        f: dict[str, Any] = {"type": rng.choice(["loosening", "screw loosening"])}
        s = self._screw_ref(f)
        status = _status(rng, 0.15, 0.2)
        if status:
            f["status"] = status
        f["text"] = f"The {s['side']} {s['level']} screw {'is not' if status == 'negated' else 'appears'} loose."
        self.findings.append(f | self._study())

    def position(self) -> None:
        rng = self.rng
        f: dict[str, Any] = {"type": rng.choice(["screw position", "breach"])}
        s = self._screw_ref(f)
        if rng.random() < 0.3:
            f["contained"] = True
            f["text"] = f"The {s['level']} screw is contained."
        else:
            f["contained"] = False
            direction = rng.choice(BREACH_DIRECTIONS)
            f["direction"] = direction
            f["relative_to"] = rng.choices(["pedicle", "vertebral body", "spinal canal", "lateral mass"],
                                           weights=[60, 30, 6, 4])[0]
            d = rng.choice(BREACH_MM)
            if d is not None:
                f["distance"] = f"{d} mm"
            status = _status(rng, 0.05, 0.12)
            if status:
                f["status"] = status
            f["text"] = f"{direction.capitalize()} breach of the {s['side']} {s['level']} screw" + \
                (f" by {d} mm." if d is not None else ".")
        self.findings.append(f | self._study())

    def connector_failure(self) -> None:
        rng = self.rng
        conn = rng.choice(self.connectors)
        rod = rng.choice(conn["joins"])
        f: dict[str, Any] = {"type": "rod connector", "implant": rod}
        if rng.random() < 0.8:
            f["connector"] = conn["id"]
        mode = rng.random()
        if mode < 0.4:
            f.update(subluxed=True, secured=False, direction=rng.choice(["posterior", "posteromedial", "lateral"]))
        elif mode < 0.6:
            f["subluxed"] = True
        elif mode < 0.8:
            f["secured"] = False
        else:
            f.update(subluxed=False, secured=True)
        status = _status(rng, 0.0, 0.15)
        if status:
            f["status"] = status
        f["text"] = f"The rod at the {conn['level']} connector: subluxed {f.get('subluxed')}, secured {f.get('secured')}."
        self.findings.append(f | self._study())

    def fracture(self) -> None:
        rng = self.rng
        f: dict[str, Any] = {"type": "fracture"}
        if rng.random() < 0.6:
            rod = rng.choice(self.rods)
            a, b = rod["levels"].split("-") if "-" in rod["levels"] else (rod["levels"], rod["levels"])
            f["implant"] = rod["id"]
            if rng.random() < 0.85:
                f["level"] = rng.choice(_span(a, b))
            what = f"{rod['side']} rod"
        else:
            s = rng.choice(self.screws)
            f["implant"] = s["id"]
            what = f"{s['side']} {s['level']} screw"
        status = _status(rng, 0.25, 0.12)
        if status:
            f["status"] = status
        f["text"] = f"{'No fracture' if status == 'negated' else 'Fracture'} of the {what}."
        self.findings.append(f | self._study())

    def disconnection(self) -> None:
        rng = self.rng
        s = rng.choice(self.screws)
        f: dict[str, Any] = {"type": "screw rod disconnection", "implant": s["id"],
                             "text": f"The {s['side']} {s['level']} screw is disconnected from the rod."}
        status = _status(rng, 0.2, 0.15)
        if status:
            f["status"] = status
        self.findings.append(f | self._study())

    def migration(self) -> None:
        rng = self.rng
        if self.leads and (not self.screws or rng.random() < 0.6):
            f: dict[str, Any] = {"type": "migration", "implant": self.leads[0]["id"],
                                 "direction": rng.choice(["caudal", "cranial"]), "text": "Lead migration."}
        else:
            s = rng.choice(self.screws)
            f = {"type": rng.choice(["migration", "backing out"]), "implant": s["id"], "direction": "posterior",
                 "text": f"The {s['side']} {s['level']} screw is backing out."}
        if rng.random() < 0.5:
            f["distance"] = f"{rng.choice([1, 2, 3, 5, 8])} mm"
        status = _status(rng, 0.15, 0.2)
        if status:
            f["status"] = status
        self.findings.append(f | self._study())

    def subsidence(self) -> None:
        rng = self.rng
        c = rng.choice(self.cages)
        f: dict[str, Any] = {"type": "subsidence", "implant": c["id"], "text": f"Subsidence of the {c['levels']} cage."}
        if rng.random() < 0.6:
            f["distance"] = f"{rng.choice([1, 2, 3, 4])} mm"
        status = _status(rng, 0.4, 0.1)
        if status:
            f["status"] = status
        self.findings.append(f | self._study())

    def lead_position(self) -> None:
        f = {"type": "lead position", "implant": self.leads[0]["id"], "location": "spinal canal",
             "text": "The stimulator lead enters the spinal canal."}
        self.findings.append(f | self._study())


def synth_case(index: int, seed: int = 0) -> dict[str, Any]:
    """The data of synthetic case number `index` for this seed (a dict in the case format)."""
    rng = random.Random(f"spinekg-synth:{seed}:{index}")
    case_id = f"synth-{seed}-{index:06d}"
    c = _Case(rng, case_id)
    profile = rng.choices([p for _, p in PROFILES], weights=[w for w, _ in PROFILES])[0]

    if profile == "lumbar":
        levels = _pick_span(rng, "L1", "S1", 2, 5)
        c.fusion(levels)
        c.posterior(levels, "main")
        c.add_cages(levels, "main", 0.35)
    elif profile == "thoracolumbar":
        top = rng.choice(["T4", "T6", "T8", "T9", "T10", "T11", "T12"])
        bottom = rng.choice(["L1", "L2", "L3", "L4", "L5", "S1"])
        levels = _span(top, bottom)
        c.fusion(levels)
        c.posterior(levels, "main", skip=0.25)
    elif profile == "thoracic":
        levels = _pick_span(rng, "T2", "T12", 3, 8)
        c.fusion(levels)
        c.posterior(levels, "main", skip=0.2)
    elif profile == "cervical":
        levels = _pick_span(rng, "C3", "C7", 2, 5)
        c.fusion(levels)
        c.posterior(levels, "main", skip=0.1)
    elif profile == "cervicothoracic":
        levels = _span(rng.choice(["C3", "C4", "C5"]), rng.choice(["T1", "T2", "T3", "T4"]))
        c.fusion(levels)
        c.posterior(levels, "main", skip=0.2)
    elif profile == "anterior-cervical":
        levels = _pick_span(rng, "C3", "C7", 2, 4)
        c.fusion(levels, "anterior fusion")
        c.implants.append({"id": "plate", "type": "plate", "levels": f"{levels[0]}-{levels[-1]}", "construct": "main"})
        c.add_cages(levels, "main", 1.0)
    elif profile == "extension":
        # An older construct extended upwards: the new rods joined to the old ones by domino connectors.
        old = _pick_span(rng, "L2", "S1", 2, 3)
        new_bottom = old[0]
        new = _span(_NAMES[_POS[new_bottom] - rng.randint(2, 4)], new_bottom)
        c.procedures.append({"id": "index-fusion", "type": "posterior fusion", "levels": f"{old[0]}-{old[-1]}"})
        c.constructs.append({"id": "old", "procedure": "index-fusion", "label": "prior construct"})
        c.fusion(new, pid="extension", construct="new")
        c.posterior(old, "old", tag="-old")
        c.posterior(new[:-1] if len(new) > 2 else new, "new", tag="-new")
        for side in ("left", "right"):
            conn = {"id": f"connector-{side}", "type": rng.choice(["domino connector", "rod to rod connector"]),
                    "level": new_bottom, "side": side, "joins": [f"rod-new-{side}", f"rod-old-{side}"]}
            c.implants.append(conn)
            c.connectors.append(conn)
        c.procedures.reverse()  # the extension first: studies are timed after it
    else:  # stimulator only
        c.procedures.append({"id": "scs-implantation", "type": "stimulator implantation", "levels": "T8-T10"})
        c.stimulator()
    if profile != "stimulator" and rng.random() < 0.06:
        c.stimulator()
    if profile != "stimulator" and rng.random() < 0.05:
        c.procedures.append({"id": "revision", "type": "revision surgery"})
    c.add_studies()

    # findings: a few per case, weighted by what the hardware allows
    makers: list[tuple[float, Callable[[], None]]] = []
    if c.screws:
        makers += [(5, c.lucency), (4, c.position), (0.8, c.reported_loosening), (0.6, c.disconnection),
                   (0.6, c.migration)]
    if c.rods or c.screws:
        makers.append((0.9, c.fracture))
    if c.connectors:
        makers.append((6, c.connector_failure))
    if c.cages:
        makers.append((1, c.subsidence))
    if c.leads:
        makers += [(2, c.lead_position), (1.5, c.migration)]
    n = rng.choices([0, 1, 2, 3, 4, 5, 6], weights=[6, 22, 26, 20, 13, 8, 5])[0]
    for _ in range(n if makers else 0):
        rng.choices([m for _, m in makers], weights=[w for w, _ in makers])[0]()
    c.findings = [{"id": f"finding-{k}", **f} for k, f in enumerate(c.findings, 1)]

    patient: dict[str, Any] = {"age": rng.randint(22, 88), "sex": rng.choice(["female", "male"])}
    n_sym = rng.choices([0, 1, 2], weights=[30, 50, 20])[0]
    patient["symptoms"] = rng.sample(SYMPTOMS, n_sym)
    patient["risk_factors"] = [rf for rf, p in RISK_FACTORS if rng.random() < p]
    if rng.random() < 0.12:
        patient["prior_spine_surgeries"] = rng.choice([1, 2, 3, {"more_than": 3}])
    if rng.random() < 0.05:
        patient["conditions"] = [rng.choice(["wound complication", "surgical site infection"])]

    span = c.procedures[0].get("levels", "")
    data: dict[str, Any] = {
        "spinekg_case": 1, "id": case_id,
        "title": f"Synthetic case {index}: {profile} {span}".strip(),
        "constructed": True, "patient": patient, "procedures": c.procedures,
    }
    if c.constructs:
        data["constructs"] = c.constructs
    data["implants"] = c.implants
    data["studies"] = c.studies
    if c.findings:
        data["findings"] = c.findings
    if rng.random() < 0.03:
        data["outcomes"] = [{"type": "pain free at follow-up", "interval": f"{rng.randint(1, 12)} months"}]
    return data


def synth_cases(n: int, seed: int = 0, start: int = 0) -> Iterator[dict[str, Any]]:
    """Cases start .. start+n-1 for this seed."""
    for i in range(start, start + n):
        yield synth_case(i, seed)


def _yaml_dump(data: dict[str, Any]) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, default_flow_style=None, width=120)


def write_registry(out: str | Path, n: int, seed: int = 0, fmt: str = "yaml",
                   progress: Callable[[int], None] | None = None) -> list[Path]:
    """Write n synthetic cases to the folder `out`; return the files written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}': use {' or '.join(FORMATS)}")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if fmt == "yaml":
        for i in range(n):
            data = synth_case(i, seed)
            path = folder / f"{data['id']}.yaml"
            path.write_text("# Synthetic case (not a real patient), written by `spinekg synth`.\n"
                            + _yaml_dump(data), encoding="utf-8")
            written.append(path)
            if progress:
                progress(1)
        return written
    for start in range(0, n, JSONL_CHUNK):
        count = min(JSONL_CHUNK, n - start)
        path = folder / f"synth-{seed}-{start // JSONL_CHUNK:04d}.jsonl"
        with path.open("w", encoding="utf-8") as fh:
            for data in synth_cases(count, seed, start):
                fh.write(json.dumps(data, separators=(",", ":")) + "\n")
                if progress:
                    progress(1)
        written.append(path)
    return written


def iter_case_data(paths: str | Path | Iterable[str | Path]) -> Iterator[tuple[str, dict[str, Any]]]:
    """(label, data) for every case in the given files or folders: .yaml/.yml/.json, or .jsonl (one a line)."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    files: list[Path] = []
    for p in map(Path, items):
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.suffix.lower() in {".yaml", ".yml", ".json", ".jsonl"})
        else:
            files.append(p)
    for f in files:
        suffix = f.suffix.lower()
        if suffix == ".jsonl":
            with f.open(encoding="utf-8") as fh:
                for k, line in enumerate(fh, 1):
                    if line.strip():
                        yield f"{f}:{k}", json.loads(line)
        elif suffix == ".json":
            yield str(f), json.loads(f.read_text(encoding="utf-8"))
        else:
            yield str(f), yaml.load(f.read_text(encoding="utf-8"), Loader=loader)
