"""Reading the vertebral levels of a matched phrase: "T2", "L4-5", "C7–T9", "from T2 through T4", "T10 to the pelvis"."""
from __future__ import annotations

import re

from ..anatomy import LEVELS, Level, LevelError, parse_level

_ONE = re.compile(r"([CcTtLlSs])-?(1[0-2]|[1-9])(?![\w])")
_TAIL = re.compile(r"(?:-|–|—|/|\bto\b|\bthrough\b|\bthru\b|\buntil\b)\s*(?:the\s+)?"
                   r"(?:(1[0-2]|[1-9])(?![\w]|\.\d)|(sacrum|pelvis|ilium|ilia|iliac))", re.I)


def _level(letter: str, number: str) -> Level | None:
    try:
        return parse_level(f"{letter.upper()}{int(number)}")
    except LevelError:
        return None


_JUNCTIONS = {"lumbosacral": ("L5", "S1"), "cervicothoracic": ("C7", "T1"), "thoracolumbar": ("T12", "L1"),
              "craniocervical": ("C1", "C2"), "occipitocervical": ("C1", "C2")}


# "the fifth lumbar vertebra", "the second postoperative day"
ORDINALS = {w: i for i, w in enumerate(("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                                         "ninth", "tenth", "eleventh", "twelfth"), 1)}
_REGIONS = {"cervical": "C", "thoracic": "T", "lumbar": "L", "sacral": "S"}


def levels_in(text: str, form: str = "single") -> list[Level]:
    """The levels a phrase names, top to bottom; a span or a 'between' phrase gives every level in it."""
    if form == "junction":
        for word, (a, b) in _JUNCTIONS.items():
            if word in text.lower():
                return LEVELS[parse_level(a).position - 1: parse_level(b).position]
        return []
    if form == "fused":  # "C45": C4-C5
        m = re.search(r"([CcLl])(\d)(\d)", text)
        top, low = (_level(m.group(1), m.group(2)), _level(m.group(1), m.group(3))) if m else (None, None)
        return [top, low] if top is not None and low is not None else []
    if form == "ordinal":  # "the fifth lumbar vertebra": L5
        words = text.lower().split()
        n = ORDINALS.get(words[0], 0) if words else 0
        lv = _level(_REGIONS.get(words[1], ""), str(n)) if len(words) > 1 and n else None
        return [lv] if lv is not None else []
    matches = [(m, _level(m.group(1), m.group(2))) for m in _ONE.finditer(text)]
    found = [lv for _, lv in matches if lv is not None]
    if form in ("span", "between") and found:
        if len(found) == 1:
            m = _TAIL.search(text, matches[0][0].end())
            chained = re.findall(r"-\s*(1[0-2]|[1-9])(?![\w])", text[matches[0][0].end():])
            if m and m.group(1) and len(chained) > 1:  # "L3-4-5"
                other = _level(found[0].region, chained[-1])
                if other is not None:
                    found.append(other)
            elif m and m.group(1):
                other = _level(found[0].region, m.group(1))
                if other is not None:
                    found.append(other)
            elif m and m.group(2):
                found.append(parse_level("S1"))
        if len(found) == 2:
            lo, hi = sorted((found[0].position, found[1].position))
            return LEVELS[lo - 1: hi]
    return sorted(set(found), key=lambda lv: lv.position)


def span_name(levels: list[Level]) -> str | None:
    """'L4' for one level, 'L4-L5' for several (first to last)."""
    if not levels:
        return None
    levels = sorted(levels, key=lambda lv: lv.position)
    return levels[0].name if len(levels) == 1 else f"{levels[0].name}-{levels[-1].name}"
