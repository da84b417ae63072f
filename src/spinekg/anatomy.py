"""Vertebral levels, regions, their order and adjacency, and parsing of level names and spans."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import SpinekgError

REGIONS = {
    "C": ("CervicalRegion", "cervical", 7),
    "T": ("ThoracicRegion", "thoracic", 12),
    "L": ("LumbarRegion", "lumbar", 5),
    "S": ("SacralRegion", "sacral", 5),
    "Co": ("CoccygealRegion", "coccygeal", 1),
}


@dataclass(frozen=True)
class Level:
    """One vertebral level: its name (e.g. 'T2'), region and 1-based position top to bottom."""

    name: str
    region: str
    position: int

    @property
    def region_local(self) -> str:
        return REGIONS[self.region][0]


def _build() -> list[Level]:
    levels: list[Level] = []
    for prefix, (_, _, count) in REGIONS.items():
        for i in range(1, count + 1):
            levels.append(Level(f"{prefix}{i}", prefix, len(levels) + 1))
    return levels


LEVELS: list[Level] = _build()
BY_NAME: dict[str, Level] = {lv.name: lv for lv in LEVELS}
_ALIASES = {"COCCYX": "Co1", "CO": "Co1", "CO1": "Co1"}
_LEVEL_RE = re.compile(r"^\s*(C|T|L|S|Co|CO|co|c|t|l|s)\s*-?\s*(\d{1,2})\s*$")


class LevelError(SpinekgError, ValueError):
    """Raised for a string that is not a vertebral level or span."""


def parse_level(text: str) -> Level:
    """Return the level named by text ('T2', 't 2', 'coccyx'), or raise LevelError.

    >>> parse_level("t2").position
    9
    """
    if not isinstance(text, str):
        raise LevelError(f"{text!r} is not a vertebral level")
    key = text.strip()
    if key.upper() in _ALIASES:
        return BY_NAME[_ALIASES[key.upper()]]
    m = _LEVEL_RE.match(key)
    if m:
        prefix = m.group(1).capitalize() if m.group(1).lower() == "co" else m.group(1).upper()
        name = f"{prefix}{int(m.group(2))}"
        if name in BY_NAME:
            return BY_NAME[name]
    raise LevelError(f"{text!r} is not a vertebral level")


def parse_span(text: str) -> list[Level]:
    """Return the levels of a span such as 'C7-T9', 'C7–T9', 'L3 to S1' or a single 'T4', top to bottom.

    >>> [lv.name for lv in parse_span("C7-T2")]
    ['C7', 'T1', 'T2']
    """
    if not isinstance(text, str):
        raise LevelError(f"{text!r} is not a vertebral level or span")
    parts = re.split(r"\s*(?:-|–|—|\bto\b|\bthrough\b)\s*", text.strip())
    parts = [p for p in parts if p]
    if len(parts) == 1:
        return [parse_level(parts[0])]
    if len(parts) != 2:
        raise LevelError(f"{text!r} is not a vertebral level or span")
    try:
        a, b = parse_level(parts[0]), parse_level(parts[1])
    except LevelError:
        raise LevelError(f"{text!r} is not a vertebral span (one end is not a level)") from None
    lo, hi = sorted((a.position, b.position))
    return LEVELS[lo - 1 : hi]


def junctions(levels: list[Level]) -> list[str]:
    """Names of the spinal junctions a contiguous set of levels crosses."""
    regions = {lv.region for lv in levels}
    out = []
    for upper, lower, name in (("C", "T", "cervicothoracic"), ("T", "L", "thoracolumbar"), ("L", "S", "lumbosacral")):
        if upper in regions and lower in regions:
            out.append(name)
    return out
