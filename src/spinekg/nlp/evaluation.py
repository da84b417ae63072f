"""Scoring extracted facts against hand-annotated ones (used by bench/nlp_eval.py and the tests).

Each sentence's predicted facts are paired one-to-one with its annotated facts (most fields in common
first; a pair must agree on the finding, or on the implant and level). Then, per field:
  true positive   the pair agrees on a stated value;
  false positive  a predicted value the annotation does not have (wrong value, or an unpaired fact);
  false negative  an annotated value the prediction misses (wrong or absent value, or an unpaired fact).
`status` counts only the non-default values (negated, uncertain), so it measures the ConText part.
Overall figures are micro-averaged over the fields.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("implant", "level", "side", "finding", "direction", "mm", "status")


def normalise(fact: dict) -> dict:
    out = {k: fact.get(k) for k in FIELDS}
    out["status"] = out["status"] or "affirmed"
    if out["mm"] is not None:
        out["mm"] = round(float(out["mm"]), 2)
    for k in ("implant", "level", "side", "finding", "direction", "status"):
        v = out[k]
        if isinstance(v, str):
            v = v.strip()
            out[k] = v if k == "level" else v.lower()
    return out


def _value(fact: dict, k: str):
    v = fact.get(k)
    if k == "status" and v == "affirmed":
        return None
    return v


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and abs(float(a) - float(b)) < 0.01
    return a == b


def _similarity(g: dict, p: dict) -> int:
    return sum(1 for k in FIELDS if _same(g.get(k), p.get(k)) and g.get(k) is not None) + (3 if g["finding"] == p["finding"] else 0)


def pair(gold: list[dict], pred: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Pair annotated and predicted facts of one sentence; return pairs, unpaired gold, unpaired predicted."""
    cands = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if g["finding"] == p["finding"] or (g["implant"] == p["implant"] and g["level"] == p["level"]):
                cands.append((_similarity(g, p), -abs(i - j), i, j))
    cands.sort(reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, _, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((gold[i], pred[j]))
    return pairs, [g for i, g in enumerate(gold) if i not in used_g], [p for j, p in enumerate(pred) if j not in used_p]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    fields: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in FIELDS})
    facts: Counts = field(default_factory=Counts)  # whole facts, every field right
    misses: list[dict] = field(default_factory=list)
    sentences: int = 0

    @property
    def overall(self) -> Counts:
        c = Counts()
        for v in self.fields.values():
            c.tp, c.fp, c.fn = c.tp + v.tp, c.fp + v.fp, c.fn + v.fn
        return c

    def as_dict(self) -> dict[str, Any]:
        d = {k: {"precision": v.precision, "recall": v.recall, "f1": v.f1, "tp": v.tp, "fp": v.fp, "fn": v.fn}
             for k, v in self.fields.items()}
        o = self.overall
        d["overall"] = {"precision": o.precision, "recall": o.recall, "f1": o.f1, "tp": o.tp, "fp": o.fp, "fn": o.fn}
        d["facts"] = {"precision": self.facts.precision, "recall": self.facts.recall, "f1": self.facts.f1}
        return d


def score_sentence(score: Score, item_id: str, text: str, gold: list[dict], pred: list[dict]) -> None:
    gold = [normalise(g) for g in gold]
    pred = [normalise(p) for p in pred]
    score.sentences += 1
    pairs, lost, extra = pair(gold, pred)
    for g, p in pairs:
        wrong = []
        for k in FIELDS:
            gv, pv = _value(g, k), _value(p, k)
            c = score.fields[k]
            if gv is not None and _same(gv, pv):
                c.tp += 1
                continue
            if pv is not None:
                c.fp += 1
            if gv is not None:
                c.fn += 1
            if gv is not None or pv is not None:
                wrong.append(f"{k}: expected {gv!r}, got {pv!r}")
        if wrong:
            score.facts.fp += 1
            score.facts.fn += 1
            score.misses.append({"id": item_id, "text": text, "kind": "wrong", "expected": g, "got": p, "detail": wrong})
        else:
            score.facts.tp += 1
    for g in lost:
        for k in FIELDS:
            if _value(g, k) is not None:
                score.fields[k].fn += 1
        score.facts.fn += 1
        score.misses.append({"id": item_id, "text": text, "kind": "missed", "expected": g, "got": None, "detail": []})
    for p in extra:
        for k in FIELDS:
            if _value(p, k) is not None:
                score.fields[k].fp += 1
        score.facts.fp += 1
        score.misses.append({"id": item_id, "text": text, "kind": "spurious", "expected": None, "got": p, "detail": []})


def load_eval_set(path: str | Path) -> list[dict]:
    """Read the evaluation set (YAML list or JSON lines) into items {id, text, facts}."""
    import json

    import yaml

    p = Path(path)
    raw = p.read_text(encoding="utf-8")
    if p.suffix == ".jsonl":
        items = [json.loads(line) for line in raw.splitlines() if line.strip()]
    else:
        items = yaml.safe_load(raw)
    out = []
    for i, it in enumerate(items):
        out.append({"id": str(it.get("id", i + 1)), "text": it["text"], "facts": list(it.get("facts") or []),
                    "history": list(it.get("history") or []), "doc": it.get("doc")})
    return out


def evaluate(items: list[dict], extract=None) -> Score:
    """Run the extractor on every sentence and score it."""
    if extract is None:
        from . import extract as extract_fn

        extract = extract_fn
    score = Score()
    for it in items:
        facts = [f.as_eval() for f in extract(it["text"]).facts]
        score_sentence(score, it["id"], it["text"], it["facts"], facts)
    return score


# --- whole facts, per finding type, the case layer and history (issue 15) -------------------------------

IMPLANT_GROUPS = {"pedicle screw": "screw", "lateral mass screw": "screw", "screw": "screw", "set screw": "set screw",
                  "rod": "rod", "connector": "connector", "rod to rod connector": "connector", "cage": "cage",
                  "interbody cage": "cage", "plate": "plate", "lead": "lead", "spinal cord stimulator": "stimulator",
                  "pulse generator": "pulse generator", "hardware": "hardware",
                  # the annotation guide's list: a crosslink is a connector (dev8), a hook is no implant of the list (null)
                  "crosslink": "connector", "transverse connector": "connector", "hook": None}


def implant_group(word: str | None) -> str | None:
    """The implant type a fact is scored on: every kind of bone screw is 'screw'."""
    if word is None:
        return None
    w = " ".join(str(word).lower().replace("-", " ").split())
    return IMPLANT_GROUPS.get(w, w)


def fact_key(fact: dict, strict: bool) -> tuple:
    """(implant type, finding, negated) and, when strict, the level and side too."""
    f = normalise(fact)
    key = (implant_group(f["implant"]), f["finding"], f["status"] == "negated")
    return (*key, f["level"], f["side"]) if strict else key


def _match(gold: list[tuple], pred: list[tuple]) -> tuple[int, int, int, list, list]:
    from collections import Counter

    g, p = Counter(gold), Counter(pred)
    tp = sum((g & p).values())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp, list((g - p).elements()), list((p - g).elements())


@dataclass
class LayerScore:
    """Scores of one layer (the extractor or the case file) on one evaluation set."""

    fields: Score = field(default_factory=Score)
    facts: Counts = field(default_factory=Counts)        # implant type, finding, negation
    strict: Counts = field(default_factory=Counts)       # ... and level and side
    by_finding: dict[str, Counts] = field(default_factory=dict)
    history: dict[str, Counts] = field(default_factory=dict)
    misses: list[dict] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # items whose case the validation refused: scored as nothing found

    def add(self, item: dict, pred: list[dict], pred_history: list[tuple] | None) -> None:
        score_sentence(self.fields, item["id"], item["text"], item["facts"], pred)
        for strict, counts in ((False, self.facts), (True, self.strict)):
            tp, fp, fn, lost, extra = _match([fact_key(f, strict) for f in item["facts"]],
                                             [fact_key(f, strict) for f in pred])
            counts.tp, counts.fp, counts.fn = counts.tp + tp, counts.fp + fp, counts.fn + fn
            if strict and (lost or extra):
                self.misses.append({"id": item["id"], "text": item["text"], "missed": lost, "spurious": extra})
        gold_by: dict[str, list[tuple]] = {}
        for f in item["facts"]:
            gold_by.setdefault(normalise(f)["finding"], []).append(fact_key(f, False))
        pred_by: dict[str, list[tuple]] = {}
        for f in pred:
            pred_by.setdefault(normalise(f)["finding"], []).append(fact_key(f, False))
        for kind in set(gold_by) | set(pred_by):
            tp, fp, fn, _, _ = _match(gold_by.get(kind, []), pred_by.get(kind, []))
            c = self.by_finding.setdefault(kind, Counts())
            c.tp, c.fp, c.fn = c.tp + tp, c.fp + fp, c.fn + fn
        if pred_history is not None:
            gold_h = [history_key(h) for h in item.get("history") or []]
            for kind in ("procedure", "interval", "modality", "symptom"):
                tp, fp, fn, _, _ = _match([k for k in gold_h if k[0] == kind], [k for k in pred_history if k[0] == kind])
                c = self.history.setdefault(kind, Counts())
                c.tp, c.fp, c.fn = c.tp + tp, c.fp + fp, c.fn + fn


def history_key(h: dict) -> tuple:
    """A comparable key for one history entry: procedure (type, levels), interval, modality or symptom."""
    from ..anatomy import parse_span

    if "procedure" in h:
        levels = None
        if h.get("levels"):
            try:
                span = parse_span(str(h["levels"]))
                levels = f"{span[0].name}-{span[-1].name}"
            except Exception:
                levels = str(h["levels"])
        return ("procedure", str(h["procedure"]).lower(), levels)
    if "interval" in h:
        return ("interval", normalise_interval(str(h["interval"])))
    if "modality" in h:
        return ("modality", str(h["modality"]).upper() if str(h["modality"]).lower() in ("ct", "mri") else "Radiograph")
    if "symptom" in h:
        return ("symptom", str(h["symptom"]).lower())
    return ("other", repr(sorted(h.items())))


def normalise_interval(text: str) -> str:
    """'6 months' -> '6 month', '1 yr' -> '1 year', '3.5 years' -> '42 month' (a part of a year in months)."""
    import re

    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)", text.lower())
    if not m:
        return text.strip().lower()
    unit = {"day": "day", "days": "day", "week": "week", "weeks": "week", "wk": "week", "wks": "week",
            "month": "month", "months": "month", "mo": "month", "year": "year", "years": "year", "yr": "year",
            "yrs": "year", "y": "year"}.get(m.group(2), m.group(2))
    n = float(m.group(1))
    if unit == "year" and n != int(n):
        n, unit = n * 12, "month"
    return f"{int(n) if n == int(n) else n:g} {unit}"


def case_layer_facts(result) -> list[dict]:
    """The report's findings as they reached the case file, in the evaluation schema."""
    from ..cases import terms as T
    from .extractor import IMPLANT_WORDS  # the words the extractor names each implant type by

    case = result.case
    implants = {}
    for im in case.get("implants") or []:
        implants[im["id"]] = im
        for part in im.get("parts") or []:
            implants[part["id"]] = part
    mine = {p["finding"] for p in result.provenance}
    out = []
    for fd in case.get("findings") or []:
        if fd.get("id") not in mine:
            continue
        im = implants.get(fd.get("implant")) if fd.get("implant") else None
        type_word = im["type"] if im else fd.get("implant_type")
        kind = T.IMPLANT_TYPES.get(T.norm(type_word)) if type_word else None
        if type_word and T.norm(type_word) in ("hardware", "instrumentation", "construct"):
            kind = "Hardware"
        level = fd.get("level") or fd.get("levels") or ((im.get("level") or im.get("levels")) if im else None)
        con = implants.get(fd.get("connector") or "")
        if level is None and con is not None:  # a rod-connector finding takes the connector's level (eval.yaml's guide)
            level = con.get("level") or con.get("levels")
        levels = level if isinstance(level, list) else [level]
        side = fd.get("side") or (im.get("side") if im else None)
        sides = ["left", "right"] if side == "bilateral" else [side]
        mm = None
        for k in ("width", "distance"):
            if fd.get(k) and str(fd[k]).endswith(" mm"):  # (a lead's move in vertebral levels is no length)
                mm = float(str(fd[k]).split()[0])
        finding = fd["type"]
        status = fd.get("status", "affirmed")
        if finding == "screw position" and fd.get("contained") is True:
            status = "negated"
        for lv in levels:
            for sd in sides:
                out.append({"implant": IMPLANT_WORDS.get(kind) if kind else None, "level": _span_word(lv), "side": sd,
                            "finding": finding, "direction": fd.get("direction"), "mm": mm, "status": status})
    return out


def _span_word(level) -> str | None:
    if level is None:
        return None
    text = str(level)
    if "-" in text:
        from ..anatomy import parse_span

        try:
            span = parse_span(text)
            return f"{span[0].name}-{span[-1].name}"
        except Exception:
            return text
    return text


def case_layer_history(result) -> list[tuple]:
    """The history the case file holds for one report (procedures, intervals, modality, symptoms)."""
    case = result.case
    out = []
    for pr in case.get("procedures") or []:
        if pr.get("type") != "surgery":  # an unnamed surgery holds a time since surgery, not a procedure of the list
            out.append(history_key({"procedure": pr.get("type"), "levels": pr.get("levels")}))
        if pr.get("time_before_study"):
            out.append(("interval", normalise_interval(str(pr["time_before_study"]))))
    timed = set()
    for st in case.get("studies") or []:
        key = history_key({"modality": st.get("modality")})
        if key not in out:  # a modality is stated once however many studies have it (as the annotations list it)
            out.append(key)
        when = (st.get("interval_after_surgery"), st.get("after"))
        if when[0] and when not in timed:  # studies of the same time ("radiographs and CT") state their time once
            timed.add(when)
            out.append(("interval", normalise_interval(str(when[0]))))
    for s in (case.get("patient") or {}).get("symptoms") or []:
        out.append(("symptom", str(s).lower()))
    return out


def documents(items: list[dict]) -> list[tuple[str, str, list[dict]]]:
    """The set's documents of two sentences or more, each as (document id, its sentences joined in order, its gold
    facts): read whole, a finding may refer back to an implant of an earlier sentence, which sentence-by-sentence
    scoring cannot show."""
    by_doc: dict[str, list[dict]] = {}
    for it in items:
        by_doc.setdefault(it.get("doc") or it["id"], []).append(it)
    out = []
    for doc, its in by_doc.items():
        if len(its) < 2:
            continue
        texts = [t["text"].strip() for t in its]
        text = " ".join(t if t[-1:] in ".!?:" else t + "." for t in texts if t)
        out.append((doc, text, [f for t in its for f in t["facts"]]))
    return out


def evaluate_documents(items: list[dict]) -> Counts:
    """Whole facts (implant type, finding, negation) of the extractor on the set's documents read whole."""
    from . import extract

    counts = Counts()
    for _, text, gold in documents(items):
        tp, fp, fn, _, _ = _match([fact_key(f, False) for f in gold], [fact_key(f.as_eval(), False) for f in extract(text).facts])
        counts.tp, counts.fp, counts.fn = counts.tp + tp, counts.fp + fp, counts.fn + fn
    return counts


def evaluate_layers(items: list[dict]) -> dict[str, LayerScore]:
    """Score the extractor and the case layer (what reaches the case file) on every item of a set."""
    from . import extract, ingest_text
    from .case import IngestError

    layers = {"extractor": LayerScore(), "case": LayerScore()}
    for it in items:
        ex = extract(it["text"])
        hist = [history_key({k: v for k, v in h.items() if k not in ("sentence", "start", "end")}) for h in ex.history]
        layers["extractor"].add(it, [f.as_eval() for f in ex.facts], hist)
        try:
            result = ingest_text(it["text"], case_id="evaluation")
        except IngestError as exc:
            layers["case"].add(it, [], [])
            layers["case"].refused.append(f"{it['id']}: {exc}")
            continue
        layers["case"].add(it, case_layer_facts(result), case_layer_history(result))
    return layers
