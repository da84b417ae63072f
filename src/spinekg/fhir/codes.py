"""The code table: which SNOMED CT, LOINC and DICOM codes (and spinekg's own codes) mean what in a case.

Standard codes come from `codes.tsv` beside this module, one verified code per row with the public
source it was seen in. spinekg's own code system (`https://w3id.org/spinekg/`, codes are the
ontology's local names such as `PedicleScrew`) covers what no verified standard code covers.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from ..anatomy import LEVELS
from ..cases import terms as T

SKG_SYSTEM = "https://w3id.org/spinekg/"
SNOMED = "http://snomed.info/sct"
LOINC = "http://loinc.org"
DICOM = "http://dicom.nema.org/resources/ontology/DCM"
UCUM = "http://unitsofmeasure.org"

# What a code can mean, and the case-format table its local (spinekg) codes are read from.
_LOCAL_TABLES: dict[str, dict[str, str]] = {
    "implant": T.IMPLANT_TYPES, "procedure": T.PROCEDURE_TYPES, "risk_factor": T.RISK_FACTORS,
    "condition": T.CONDITIONS, "symptom": T.SYMPTOMS, "outcome": T.OUTCOMES, "finding": T.FINDING_TYPES,
    "direction": T.DIRECTIONS, "structure": T.STRUCTURES, "side": T.SIDES, "status": T.STATUSES,
    "modality": T.MODALITIES,
}
KINDS = frozenset(_LOCAL_TABLES) | {"level", "smoking", "observation"}


@dataclass(frozen=True)
class CodeRow:
    """One verified code: its system, code and display, what it means in a case, and where it was seen."""

    system: str
    code: str
    display: str
    kind: str
    term: str
    source: str


@lru_cache(maxsize=1)
def code_table() -> tuple[CodeRow, ...]:
    """The verified standard codes (codes.tsv), in file order."""
    text = (files("spinekg.fhir") / "codes.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return tuple(CodeRow(**row) for row in csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=1)
def _index() -> dict[tuple[str, str, str], str]:
    out: dict[tuple[str, str, str], str] = {}
    for r in code_table():
        out[(r.system, r.code, r.kind)] = r.term
    return out


@cache
def _local(kind: str) -> dict[str, str]:
    """spinekg codes (ontology local names) of one kind -> the first case-format word for each."""
    if kind == "level":
        return {lv.name: lv.name for lv in LEVELS}
    table = _LOCAL_TABLES.get(kind, {})
    out: dict[str, str] = {}
    for word, local in table.items():
        out.setdefault(local, word)
    return out


def lookup(system: str | None, code: str | None, kind: str) -> str | None:
    """The case-format term a coding means for this kind of fact, or None when the code is not understood.

    >>> lookup("http://snomed.info/sct", "53733008", "level")
    'T2'
    >>> lookup("https://w3id.org/spinekg/", "PedicleScrew", "implant")
    'pedicle screw'
    """
    if not system or not code:
        return None
    if system.rstrip("/") + "/" == SKG_SYSTEM:
        return _local(kind).get(code)
    return _index().get((system, code, kind))


def codings(concept: Any) -> list[dict[str, Any]]:
    """The codings of a CodeableConcept given as JSON data (an empty list for anything else)."""
    if not isinstance(concept, dict):
        return []
    return [c for c in concept.get("coding") or [] if isinstance(c, dict)]


GENERIC = {"implant": {"screw"}}  # terms a more specific coding of the same concept refines


def concept_term(concept: Any, kind: str) -> str | None:
    """The term of a CodeableConcept for this kind: the first coding understood, a specific one before a generic
    one (SNOMED CT 'Bone screw' beside spinekg's 'PedicleScrew' is a pedicle screw); None when none is understood.
    """
    terms = [t for c in codings(concept) if (t := lookup(c.get("system"), c.get("code"), kind)) is not None]
    specific = [t for t in terms if t not in GENERIC.get(kind, set())]
    return specific[0] if specific else terms[0] if terms else None


def show(concept: Any) -> str:
    """A CodeableConcept in a problem message: its codings as system|code, else its text."""
    shown = [f"{c.get('system', '?')}|{c.get('code', '?')}" for c in codings(concept)]
    if shown:
        return ", ".join(shown)
    text = concept.get("text") if isinstance(concept, dict) else None
    return repr(text) if text else "(no coding)"


def skg_coding(local: str, display: str | None = None) -> dict[str, str]:
    """A Coding in spinekg's own code system."""
    out = {"system": SKG_SYSTEM, "code": local}
    if display:
        out["display"] = display
    return out


__all__ = [
    "DICOM",
    "KINDS",
    "LOINC",
    "SKG_SYSTEM",
    "SNOMED",
    "UCUM",
    "CodeRow",
    "code_table",
    "codings",
    "concept_term",
    "lookup",
    "show",
    "skg_coding",
]
