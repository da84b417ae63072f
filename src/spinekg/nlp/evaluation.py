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
        if isinstance(out[k], str):
            out[k] = out[k].strip()
            if k != "level":
                out[k] = out[k].lower()
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
        out.append({"id": str(it.get("id", i + 1)), "text": it["text"], "facts": list(it.get("facts") or [])})
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
