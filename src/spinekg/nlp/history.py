"""The history a report states: procedures with their levels and approach, the time since surgery, the
study's modality and date, and symptoms ("for back pain").

Read from every section (clinical history, technique and findings alike), one sentence at a time, with
plain patterns; each entry keeps the sentence it came from. The case layer turns them into the case's
`procedures`, `studies` and `patient.symptoms`, unless `--context` gives those.
"""
from __future__ import annotations

import re

from .levels import levels_in, span_name

_LV = r"(?:[CTLS]-?(?:1[0-2]|[1-9]))(?![\w])"
_SPAN = rf"(?:{_LV}(?:\s*(?:-|–|—|/|to|through)\s*(?:{_LV}|(?:1[0-2]|[1-9])(?![\w])|(?:the\s+)?(?:sacrum|pelvis)))*"
_SPAN += rf"(?:\s*-\s*(?:{_LV}|(?:1[0-2]|[1-9])(?![\w])))*)"
PROCEDURES = [
    # (pattern, procedure type); the first that matches a phrase wins
    (r"\b(?:ACDF|ALIF|OLIF|XLIF|LLIF|anterior\s+cervical\s+(?:disc(?:ectomy)?\s+(?:and\s+)?)?fusion|anterior\s+cervical\s+"
     r"decompression\s+and\s+fusion|anterior\s+(?:lumbar\s+)?(?:interbody\s+|plate\s+|spinal\s+)?fusion|anterior\s+"
     r"cervical\s+discectomy(?:\s+and\s+fusion)?|anterior\s+(?:[CTLS]\d{1,2}[-–][CTLS]?\d{1,2}\s+)(?:interbody\s+)?fusion)\b",
     "anterior fusion"),
    (r"\b(?:TLIF|PLIF|transforaminal\s+lumbar\s+interbody\s+fusion|posterior\s+lumbar\s+interbody\s+fusion|posterior\s+"
     r"(?:spinal\s+|instrumented\s+|lumbar\s+|cervical\s+|thoracic\s+)?(?:fusion|arthrodesis|(?:screw\s+)?fixation)|"
     r"pedicle\s+screw\s+(?:fixation|instrumentation|stabili[sz]ation)|posterior\s+screw\s+fixation|lumbosacral\s+arthrodesis|"
     r"posterior\s+(?:[CTLS]\d{1,2}\s*[-–]\s*[CTLS]?\d{1,2}\s+)(?:spinal\s+|instrumented\s+|vertebral\s+)?fusion)\b",
     "posterior fusion"),
    (r"\b(?:(?:spinal[\s-]+cord\s+|dorsal\s+column\s+|SCS\s+)?(?:stimulator|lead|electrode)s?\s+(?:implantation|insertion|"
     r"placement)|implantation\s+of\s+(?:a\s+|the\s+)?(?:spinal\s+cord\s+)?stimulator|(?:underwent|had)\s+(?:the\s+)?"
     r"implantation\b|percutaneous\s+implantation|spinal\s+cord\s+stimulation\s+for)\b", "stimulator implantation"),
    (r"\b(?:removal\s+of\s+(?:the\s+)?(?:hardware|instrumentation|implants?|segmental\s+fixation|osteosynthesis)|"
     r"(?:hardware|instrumentation|implants?)\s+(?:was\s+|were\s+)?removed|implant\s+removal|instrumentation\s+was\s+removed)\b",
     "hardware removal"),
    (r"\b(?:(?:instrumented|spinal|lumbar|cervical|thoracolumbar|thoracic|vertebral|corrective|long|interbody|"
     r"circumferential|percutaneous)\s+)*(?:fusions?|arthrodesis)\b", "fusion"),
]
_PROC = [(re.compile(p, re.I), t) for p, t in PROCEDURES]
_NOT_A_PROCEDURE = re.compile(r"\b(?:fusion\s+(?:mass|rate|range|status|level|cage|rod|area|segments?)|bony\s+fusion|"
                              r"bone\s+fusion|solid\s+(?:osseous\s+)?fusion|interbody\s+fusion\s+was\s+not|"
                              r"fusion\s+was\s+(?:achieved|solid|not))\b", re.I)
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "eighteen": 18, "twenty": 20, "a": 1, "an": 1}
_UNIT = r"(days?|weeks?|wks?|months?|mos?|years?|yrs?)"
_INTERVAL = [
    re.compile(rf"\b(\d+(?:\.\d+)?|{'|'.join(_NUM)})[\s-]+{_UNIT}\s+(?:after|post|postoperatively|post-operatively|"
               rf"later|following|prior|before|earlier|ago|since)\b", re.I),
    re.compile(rf"\bat\s+(?:the\s+)?(\d+|{'|'.join(_NUM)})[\s-]+{_UNIT}\s+(?:follow[\s-]?up|postoperative)", re.I),
    re.compile(rf"\bafter\s+(\d+|{'|'.join(_NUM)})\s+{_UNIT}\b", re.I),
]
_MODALITY = [
    ("CT", re.compile(r"\bCT\b|\bcomputed\s+tomogra|\bCT-", re.I)),
    ("MRI", re.compile(r"\bMRI?\b(?!\s*-?\s*compatible)|\bmagnetic\s+resonance", re.I)),
    ("Radiograph", re.compile(r"\bradiograph|\bx-?rays?\b|\bplain\s+films?\b|\bradiography\b", re.I)),
]
SYMPTOMS = [
    ("back pain", re.compile(r"\b(?:low(?:er)?[\s-]+)?back\s+(?:and\s+\w+\s+)?pain\b|\blumbar\s+pain\b|\bpain\s+(?:to|in|along)\s+"
                             r"(?:the\s+|her\s+|his\s+)?(?:lumbar|thoracic|lower)\b|\bthoracic\s+(?:\w+[\s-]+)?(?:sided\s+)?pain\b|"
                             r"\bpain\s+in\s+(?:her|his)\s+back\b|\blumbago\b", re.I)),
    ("neck pain", re.compile(r"\bneck\s+(?:and\s+\w+\s+)?pain\b|\bpain\s+in\s+(?:the\s+|his\s+|her\s+)?(?:right\s+|left\s+)?neck\b|"
                             r"\bcervicalgia\b|\bpain\s+along\s+(?:her|his|the)\s+cervical\b", re.I)),
    ("radiculopathy", re.compile(r"\bradiculopath|\bsciatica\b|\bradicular\s+pain\b|\bradiating\b", re.I)),
    ("myelopathy", re.compile(r"\bmyelopath", re.I)),
    ("difficulty holding head erect", re.compile(r"\bdifficulty\s+holding\s+(?:her|his|the)\s+head\s+erect", re.I)),
]
_HEDGE_SYMPTOM = re.compile(r"\b(?:resolution|relief|resolved|remission|improvement)\s+(?:of|in)\b", re.I)
_LEVEL_NEAR = re.compile(_SPAN, re.I)


def _number(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return float(_NUM[word.lower()]) if word.lower() in _NUM else None


def _unit(word: str) -> str:
    w = word.lower()
    return "day" if w.startswith("d") else "week" if w.startswith("w") else "month" if w.startswith("mo") else "year"


def _procedure_levels(sentence: str, start: int, end: int) -> str | None:
    """The levels written in the procedure phrase or right after (or before) it: "TLIF L3-L4", "fusion at L4-5"."""
    after = sentence[end:end + 60]
    before = sentence[max(0, start - 40):start]
    inside = sentence[start:end]
    for text in (inside, re.split(r"[;,)]|\band\b(?!\s+(?:S1|L\d))", after, maxsplit=1)[0], before):
        for m in _LEVEL_NEAR.finditer(text):
            levels = levels_in(m.group(0), "span" if re.search(r"[-–—/]|to|through", m.group(0)) else "single")
            if "sacrum" in m.group(0).lower() or "pelvis" in m.group(0).lower():
                levels = levels_in(m.group(0), "span")
            if levels:
                return span_name(levels)
    return None


def history_in(sentence: str) -> list[dict]:
    """The history entries one sentence states."""
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    for rx, kind in _PROC:
        for m in rx.finditer(sentence):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if kind == "fusion" and _NOT_A_PROCEDURE.match(sentence, m.start()):
                continue
            if kind == "fusion" and _NOT_A_PROCEDURE.search(sentence[max(0, m.start() - 12): m.end() + 20]):
                continue
            taken.append((m.start(), m.end()))
            entry = {"procedure": kind}
            levels = _procedure_levels(sentence, m.start(), m.end())
            if levels and kind != "stimulator implantation" or (levels and re.search(r"\blevel\b", sentence[m.end():m.end() + 40])):
                entry["levels"] = levels
            out.append(entry)
    seen_intervals = set()
    for rx in _INTERVAL:
        for m in rx.finditer(sentence):
            n = _number(m.group(1))
            if n is None:
                continue
            value = f"{n:g} {_unit(m.group(2))}{'s' if n != 1 else ''}"
            if value not in seen_intervals:
                seen_intervals.add(value)
                out.append({"interval": value})
    for name, rx in _MODALITY:
        if rx.search(sentence):
            out.append({"modality": name})
    if not _HEDGE_SYMPTOM.search(sentence):
        for name, rx in SYMPTOMS:
            if rx.search(sentence):
                out.append({"symptom": name})
    return out


def history_of(doc, text: str) -> list[dict]:
    """Every history entry of a processed report, each with the sentence it came from."""
    out = []
    for sent in doc.sents:
        sentence = text[sent.start_char:sent.end_char]
        if not sentence.strip():
            continue
        for entry in history_in(sentence):
            out.append({**entry, "sentence": sentence.strip(), "start": sent.start_char, "end": sent.end_char})
    return out
