"""Derivation records (PROV-O) for conclusions: the rule that drew each one and the premises it used.

Every rule kind writes its conclusions with ``prov:wasDerivedFrom`` their premises; from those, one
record per conclusion and rule: ``<conclusion>/derivation/<rule id>`` a ``skg:Derivation`` and
``prov:Activity``, ``skg:appliedRule`` the rule, ``prov:used`` each premise, and the conclusion
``prov:wasGeneratedBy`` the record. The IRIs are deterministic, so reasoning again writes the same.
"""
from __future__ import annotations

from collections.abc import Iterable

from .ntriples import RDF_TYPE
from .vocab import PROV, SKG

WAS_DERIVED_FROM = f"<{PROV.wasDerivedFrom}>"
WAS_GENERATED_BY = f"<{PROV.wasGeneratedBy}>"
USED = f"<{PROV.used}>"
DERIVATION = f"<{SKG.Derivation}>"
ACTIVITY = f"<{PROV.Activity}>"
APPLIED_RULE = f"<{SKG.appliedRule}>"
RULE_BASE = f"{SKG}rule/"


def derivation_triples(rule_id: str, triples: Iterable[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The derivation records for the conclusions among these triples (N-Triples terms) drawn by one rule."""
    premises: dict[str, list[str]] = {}
    for s, p, o in triples:
        if p == WAS_DERIVED_FROM:
            premises.setdefault(s, []).append(o)
    rule = f"<{RULE_BASE}{rule_id}>"
    out: list[tuple[str, str, str]] = []
    for conclusion, used in premises.items():
        d = f"{conclusion[:-1]}/derivation/{rule_id}>"
        out += [(d, RDF_TYPE, DERIVATION), (d, RDF_TYPE, ACTIVITY), (d, APPLIED_RULE, rule),
                (conclusion, WAS_GENERATED_BY, d)]
        out += [(d, USED, u) for u in used]
    return out
