"""A case's facts for the construct analysis (``spinekg.construct.CaseFacts``), read from N-Triples lines.

``facts_from_lines(lines, case_id)`` (or ``facts_from_triples``) reads the implants, findings and fusions of a case. It works on
the terms as N-Triples text and makes rdflib terms only for what it keeps, so the reasoner can read
thousands of cases; ``spinekg.construct_rdf.read_facts`` reads an rdflib Graph through it. Where a
property has several values, the first line wins (rdflib's ``Graph.value`` takes the first added).
"""
from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from functools import lru_cache

from rdflib import URIRef
from rdflib.term import Node

from .anatomy import BY_NAME, LEVELS, Level
from .construct import _KINDS, CaseFacts, FindingFacts, Implant
from .hierarchy import schema
from .ntriples import RDF_TYPE, split, to_rdflib, unescape
from .vocab import BASE, DCTERMS, RDFS, case_iri

_P = {name: f"<{BASE}{name}>" for name in (
    "Case", "caseId", "hasImplant", "implantId", "onSide", "atLevel", "upperLevel", "lowerLevel", "partOfConstruct",
    "joinsRod", "hasFinding", "aboutImplant", "assertionStatus", "inConnector", "rodSecured", "rodSubluxed",
    "hasDirection", "reportText", "lucencyWidth", "breachDistance", "migrationDistance", "subsidenceDistance",
    "numericValue", "unit", "Centimetre", "fullyContained", "doubleHalo", "hasProcedure")}
_TITLE, _LABEL = f"<{DCTERMS.title}>", f"<{RDFS.label}>"
_NONE: dict[str, list[str]] = {}


def _str(term: str) -> str:
    """str() of the rdflib term (an IRI's text, a literal's lexical form, a blank node's id)."""
    return term[1:-1] if term[0] == "<" else str(to_rdflib(term))


def _local(term: str | None) -> str | None:
    if term is None:
        return None
    text = _str(term)
    return text[len(BASE):] if text.startswith(BASE) else text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


@lru_cache(maxsize=4096)
def _type_closure(types: frozenset[str]) -> frozenset[str]:
    """Local names of these classes (as str() of their terms) and their superclasses in the ontology."""
    supers = schema().supers
    out: set[str] = set(types)
    for t in types:
        out.update(supers.get(t, ()))
    return frozenset(t[len(BASE):] or t for t in out if t.startswith(BASE))


def _bool(term: str | None) -> bool | None:
    if term is None or term[0] != '"':
        return None
    value = to_rdflib(term)
    v = value.toPython()  # type: ignore[attr-defined]
    return v if isinstance(v, bool) else str(value).lower() == "true"


def _text_or(term: str | None, default: str | None) -> str:
    """str(value or default), with rdflib's truth value of the term (a literal of value 0 or false is false)."""
    if term is None:
        return str(default)
    if term[0] == '"' and term[-1] == '"':  # a plain literal: true when not empty
        text = unescape(term[1:-1])
        return text if text else str(default)
    node = to_rdflib(term)
    return str(node or default)


class _Index:
    """Subject -> predicate -> objects, and predicate -> subjects, over N-Triples terms (triples in order)."""

    def __init__(self, triples: Iterable[tuple[str, str, str]]):
        self.spo: dict[str, dict[str, list[str]]] = {}
        self.ps: dict[str, list[str]] = {}
        self._kinds: dict[str, frozenset[str]] = {}
        for s, p, o in triples:
            props = self.spo.get(s)
            if props is None:
                self.spo[s] = props = {}
            objs = props.get(p)
            if objs is None:
                props[p] = [o]
            else:
                objs.append(o)
            subs = self.ps.get(p)
            if subs is None:
                self.ps[p] = [s]
            else:
                subs.append(s)

    def objects(self, s: str, p: str) -> list[str]:
        return self.spo.get(s, _NONE).get(p, [])

    def value(self, s: str, p: str) -> str | None:
        objs = self.spo.get(s, _NONE).get(p)
        return objs[0] if objs else None

    def kinds(self, s: str) -> frozenset[str]:
        out = self._kinds.get(s)
        if out is None:
            out = self._kinds[s] = _type_closure(frozenset(_str(t) for t in self.objects(s, RDF_TYPE)))
        return out

    def levels(self, s: str, p: str = _P["atLevel"]) -> list[Level]:
        names = {_local(o) for o in self.objects(s, p)}
        return sorted((BY_NAME[n] for n in names if n in BY_NAME), key=lambda lv: lv.position)

    def measure(self, s: str, p: str) -> Decimal | None:
        m = self.value(s, p)
        v = self.value(m, _P["numericValue"]) if m is not None else None
        if v is None:
            return None
        try:
            value = Decimal(_str(v))
        except ArithmeticError:
            return None
        return value * 10 if self.value(m, _P["unit"]) == _P["Centimetre"] else value  # type: ignore[arg-type]


def _node(term: str) -> Node:
    return URIRef(term[1:-1]) if term[0] == "<" else to_rdflib(term)


def _most_specific(kinds: frozenset[str], asserted: list[str]) -> str:
    supers = schema().supers
    specific = [t for t in asserted if not any(BASE + t in supers.get(BASE + o, ()) for o in asserted if o != t)]
    return sorted(specific)[0] if specific else (sorted(kinds)[0] if kinds else "Device")


def facts_from_lines(lines: Iterable[str], case_id: str | None = None) -> CaseFacts:
    """The implants, findings and fusions of a case, from its N-Triples lines (case_id defaults to the
    skg:caseId of the first skg:Case)."""
    return facts_from_triples((split(x) for x in lines), case_id)


def facts_from_triples(triples: Iterable[tuple[str, str, str]], case_id: str | None = None) -> CaseFacts:
    """The same from the lines' terms (subject, predicate, object in N-Triples syntax)."""
    g = _Index(triples)
    if case_id is None:
        cases = sorted({s for s in g.ps.get(RDF_TYPE, ()) if _P["Case"] in g.objects(s, RDF_TYPE)}, key=_str)
        ids = [_str(v) for v in (g.value(c, _P["caseId"]) for c in cases) if v is not None]
        if not ids:
            raise ValueError("the case graph has no skg:Case with a skg:caseId: pass case_id")
        case_id = ids[0]
    node = f"<{case_iri(case_id)}>"
    title = _title(g, node, case_id)

    candidates = set(g.objects(node, _P["hasImplant"]))
    candidates |= {s for s in set(g.ps.get(RDF_TYPE, ())) if s[0] == "<" and "Device" in g.kinds(s)}
    implants: dict[URIRef, Implant] = {}
    others: list[Implant] = []
    for term in sorted(candidates, key=_str):
        kinds = g.kinds(term)
        if "Device" not in kinds:
            continue
        iri = _node(term)
        kind = next((k for cls, k in _KINDS if cls in kinds), None)
        asserted = [_local(t) or "" for t in g.objects(term, RDF_TYPE) if _str(t).startswith(BASE)]
        construct = g.value(term, _P["partOfConstruct"])
        im = Implant(
            iri=iri,  # type: ignore[arg-type]
            id=_text_or(g.value(term, _P["implantId"]), _local(term)),
            label=_text_or(g.value(term, _LABEL), _local(term)),
            kind=kind,
            rdf_type=_most_specific(kinds, asserted),
            side=_local(g.value(term, _P["onSide"])),
            levels=g.levels(term),
            construct=_node(construct) if construct is not None else None,  # type: ignore[arg-type]
            joins=sorted((URIRef(o[1:-1]) for o in g.objects(term, _P["joinsRod"]) if o[0] == "<"), key=str),
        )
        if kind is None and "FusionHardware" not in kinds:
            others.append(im)
        elif kind is not None:
            implants[iri] = im  # type: ignore[index]

    findings: list[FindingFacts] = []
    fnodes = set(g.objects(node, _P["hasFinding"])) | set(g.ps.get(_P["aboutImplant"], ()))
    for f in sorted(fnodes, key=_str):
        if f[0] != "<":
            continue
        about = g.value(f, _P["aboutImplant"])
        connector = g.value(f, _P["inConnector"])
        text = g.value(f, _P["reportText"])
        findings.append(FindingFacts(
            iri=URIRef(f[1:-1]), kinds=g.kinds(f), status=_local(g.value(f, _P["assertionStatus"])) or "Affirmed",
            about=URIRef(about[1:-1]) if about is not None and about[0] == "<" else None, levels=g.levels(f),
            side=_local(g.value(f, _P["onSide"])),
            connector=_node(connector) if connector is not None else None,  # type: ignore[arg-type]
            secured=_bool(g.value(f, _P["rodSecured"])), subluxed=_bool(g.value(f, _P["rodSubluxed"])),
            direction=_local(g.value(f, _P["hasDirection"])),
            text=_str(text) if text is not None else None,
            width_mm=g.measure(f, _P["lucencyWidth"]), breach_mm=g.measure(f, _P["breachDistance"]),
            distance_mm=g.measure(f, _P["migrationDistance"]) or g.measure(f, _P["subsidenceDistance"]),
            contained=_bool(g.value(f, _P["fullyContained"])),
            double_halo=_bool(g.value(f, _P["doubleHalo"]))))

    fusions = []
    for p in sorted(set(g.objects(node, _P["hasProcedure"])), key=_str):
        if "SpinalFusion" in g.kinds(p):
            lv = g.levels(p)
            if not lv:
                up, low = g.levels(p, _P["upperLevel"]), g.levels(p, _P["lowerLevel"])
                if up and low:
                    lv = LEVELS[up[0].position - 1: low[-1].position]
            if lv:
                fusions.append((_node(p), lv))
    return CaseFacts(URIRef(node[1:-1]), case_id, title, implants, findings, fusions, others)  # type: ignore[arg-type]


def _title(g: _Index, node: str, case_id: str) -> str:
    """str(title or label or case_id), with rdflib's truth values."""
    for p in (_TITLE, _LABEL):
        term = g.value(node, p)
        if term is not None:
            value = to_rdflib(term)
            if value:
                return str(value)
    return case_id


__all__ = ["facts_from_lines", "facts_from_triples"]
