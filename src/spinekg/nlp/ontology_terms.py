"""The words the extractor reads for findings and directions, taken from the ontology's labels and synonyms.

Each finding class's rdfs:label, oboInOwl:hasExactSynonym and oboInOwl:hasRelatedSynonym (and each
direction individual's) become target rules, so that a synonym added to ontology/spinekg.ttl is read in
reports without touching the code. Grammar stays in `vocabulary` (inflections, phrases such as "projects
beyond the cortex"); the words come from here.
"""
from __future__ import annotations

import re
from functools import lru_cache

# finding class -> the extractor's family (what the words say; the implant decides the finding type)
FAMILIES = {
    "PeriImplantLucency": "lucency", "ReportedLooseningFinding": "loosening", "ImplantMigrationFinding": "migration",
    "ImplantSubsidenceFinding": "subsidence", "ImplantFractureFinding": "fracture",
    "ScrewRodDisconnectionFinding": "disconnect", "ScrewBreachFinding": "breach",
    "HardwareComplicationFinding": "complication",
}
DIRECTIONS = ("Superior", "Inferior", "Anterior", "Posterior", "Medial", "Lateral")
# words of a synonym that name the implant rather than the finding ("rod fracture", "screw backout")
_IMPLANT_WORDS = re.compile(r"\b(?:screws?|rods?|cages?|plates?|leads?|hardware|implants?|instrumentation)\b", re.I)


@lru_cache(maxsize=1)
def _terms() -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDFS

    from ..data import ontology_graph

    g = ontology_graph()
    obo = "http://www.geneontology.org/formats/oboInOwl#"
    props = (RDFS.label, URIRef(obo + "hasExactSynonym"), URIRef(obo + "hasRelatedSynonym"))
    skg = "https://w3id.org/spinekg/"
    findings, directions = [], []
    for local, family in FAMILIES.items():
        for p in props:
            for o in g.objects(URIRef(skg + local), p):
                if isinstance(o, Literal):
                    findings.append((str(o), family))
    for local in DIRECTIONS:
        for p in props:
            for o in g.objects(URIRef(skg + local), p):
                if isinstance(o, Literal):
                    directions.append((str(o).lower(), local))
    return tuple(sorted(set(findings))), tuple(sorted(set(directions)))


def _phrase_pattern(phrase: str) -> str | None:
    words = re.findall(r"[a-z]+", re.sub(r"\(.*?\)", "", phrase.lower()))
    if not words or " ".join(words) in {"finding"} or words[-1] == "finding":
        return None
    if phrase.lower().startswith("halo"):
        return None  # "halo" has its own rule (double halo, halo sign)
    last = words[-1]
    plural = (re.escape(last[:-1]) + r"(?:y|ies)") if last.endswith("y") and len(last) > 2 else re.escape(last) + r"(?:s|es)?"
    return r"\b" + r"[\s/-]*".join([re.escape(w) for w in words[:-1]] + [plural]) + r"\b"


def finding_patterns() -> list[tuple[str, str]]:
    """(regex, family): one alternation per family of every finding synonym in the ontology that is not
    itself about an implant word (one pattern per family keeps the matcher's passes over the text few)."""
    by_family: dict[str, list[str]] = {}
    findings, _ = _terms()
    for phrase, family in findings:
        if family != "complication" and _IMPLANT_WORDS.search(phrase):
            continue
        pat = _phrase_pattern(phrase)
        if pat:
            by_family.setdefault(family, []).append(pat)
    return [("|".join(sorted(pats, key=len, reverse=True)), fam) for fam, pats in sorted(by_family.items())]


def direction_words() -> dict[str, str]:
    """Direction word -> direction individual, from the ontology ('cephalad' -> 'Superior')."""
    _, directions = _terms()
    return {w: d for w, d in directions if " " not in w}
