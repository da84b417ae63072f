"""The construct analysis in RDF: a case's facts read from its triples, the analysis written as triples.

``read_facts(graph, case_id)`` reads implants, findings and fusions from an rdflib Graph (through
``spinekg.construct_facts``, which the reasoner uses on N-Triples lines). ``analysis_triples(analysis)`` writes the conclusions as N-Triples lines in the ontology's
terms, each with ``prov:wasDerivedFrom`` its premises (the reasoner adds the derivation records, as for
every rule):

* ``skg:ConstructPart`` per side (``<case>/construct-graph/part/left-1`` ...) and overall
  (``.../part/overall-1`` ...), with ``skg:hasComponent``, ``skg:onSide``, ``skg:upperLevel``/
  ``skg:lowerLevel``, ``skg:atLevel``, ``skg:fixationPoint``, ``skg:fixationPointCount`` and
  ``skg:crossesJunction``;
* ``skg:ConstructDiscontinuity`` where a failed connector or a broken rod separates parts, under the
  same IRIs as rules/construct-discontinuity.rq (``<connector>/discontinuity``, ``<fracture
  finding>/discontinuity``) and with the same label, level, side and rods, plus ``skg:separatesPart``;
* ``skg:InstrumentedSpan`` and ``skg:FusedSpan``.

``analyse(graph)`` is all of it for one case as an rdflib Graph with the derivation records, as the
reasoner writes it (for the drawing, exports and tests).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from types import SimpleNamespace
from typing import Protocol

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from . import ntriples as nt
from .anatomy import Level
from .construct import SIDES, CaseFacts, ConstructAnalysis, Part, junction_names
from .construct import analyse as analyse_facts
from .construct_graph import PlainGraph
from .provenance import derivation_triples
from .vocab import BASE, PROV, SKG
from .vocab import DCTERMS as _DCTERMS
from .vocab import RDF as _RDF
from .vocab import RDFS as _RDFS

RULE_ID = "construct-graph"
RULE_IRI = URIRef(f"{BASE}rule/{RULE_ID}")
RULE_TITLE = "Construct graph: which fusion hardware holds together, where it is broken, and the spans it covers"
RULE_RATIONALE = (
    "The hardware of a fusion holds the spine only where its connections hold: screws seated on rods, rods "
    "joined by connectors. A rod not secured in its connector, a fractured rod or a screw-rod disconnection "
    "leaves the hardware on either side as separate pieces that no longer carry load across the break. "
    "The construct graph finds those pieces (connected components of the intact connections), per side and "
    "overall, where they are separated, and the instrumented span, the levels bridged by intact hardware, the "
    "junctions crossed and the fixation points of each piece.")
RULE_EVIDENCE = (URIRef(f"{BASE}pub/mohi-eldin-2014"),)

# rdflib's DefinedNamespaces make a new URIRef on every attribute access: the few terms read often, once
RDF = SimpleNamespace(type=_RDF.type)
RDFS_LABEL, PROV_WAS_DERIVED_FROM = _RDFS.label, PROV.wasDerivedFrom
RDFS = SimpleNamespace(label=_RDFS.label)
DCTERMS = SimpleNamespace(title=_DCTERMS.title)

JUNCTION_IRIS = {"cervicothoracic": SKG.CervicothoracicJunction, "thoracolumbar": SKG.ThoracolumbarJunction,
                 "lumbosacral": SKG.LumbosacralJunction}


class GraphLike(Protocol):
    """What read_facts reads: an rdflib Graph, or anything that iterates (s, p, o) rdflib terms."""

    def __iter__(self) -> Iterator[tuple[Node, Node, Node]]: ...


def read_facts(case: GraphLike, case_id: str | None = None) -> CaseFacts:
    """The implants, findings and fusions of a case graph (see spinekg.construct_facts)."""
    from .construct_facts import facts_from_lines

    term = nt.from_rdflib
    return facts_from_lines((f"{term(s)} {term(p)} {term(o)} ." for s, p, o in case), case_id)


# --------------------------------------------------------------------------------------------
# Writing the conclusions as RDF
# --------------------------------------------------------------------------------------------
_T = nt.RDF_TYPE
_LABEL = f"<{RDFS_LABEL}>"
_WDF = f"<{PROV_WAS_DERIVED_FROM}>"


def _s(local: str) -> str:
    return f"<{BASE}{local}>"


def _part_label(p: Part, facts: CaseFacts, G: PlainGraph) -> str:
    where = p.scope.lower() if p.scope in SIDES else ("both sides" if set(p.sides) >= set(SIDES) else
                                                      (p.sides[0].lower() if p.sides else "midline"))
    kinds = defaultdict(list)
    node = G.node
    for k in p.nodes:
        kinds[node[k]["kind"]].append(node[k]["label"])
    named = list(dict.fromkeys(kinds["rod"] + kinds["connector"] + kinds["crosslink"] + kinds["plate"]
                               + kinds["cage"] + kinds["hardware"]))
    unfixed = len(kinds["screw"]) + len(kinds["hook"]) - len({m for m, _ in p.fixation if node[str(m)]["kind"] != "plate"})
    if unfixed > 0:
        named.append(f"{unfixed} anchor{'s' if unfixed != 1 else ''} without fixation")
    text = f"{where} construct part {p.span_text}" if p.scope in SIDES else f"construct part {p.span_text} ({where})"
    if not p.fixation:
        fix = "no fixation points reported"
    else:
        at = list(dict.fromkeys(lv.name for _, lv in p.fixation))
        n = len(p.fixation)
        fix = f"{n} fixation point{'s' if n != 1 else ''} at {', '.join(at)}"
    return f"{text}: {', '.join(named) or 'anchors only'}; {fix}"


def analysis_triples(a: ConstructAnalysis) -> list[tuple[str, str, str]]:
    """The conclusions of a construct analysis as triples of N-Triples terms, each conclusion with
    prov:wasDerivedFrom its premises (no derivation records: see spinekg.provenance)."""
    out: list[tuple[str, str, str]] = []
    add = out.append
    facts, G, case = a.facts, a.plain, f"<{a.facts.case}>"

    def conclusion(n: str, cls: str, label: str) -> None:
        add((n, _T, _s(cls)))
        add((n, _LABEL, nt.literal(label)))
        add((n, _s("ofCase"), case))

    def levels(n: str, lvs: list[Level], junction_list: list[str]) -> None:
        for lv in lvs:
            add((n, _s("atLevel"), _s(lv.name)))
        for j in junction_list:
            add((n, _s("crossesJunction"), f"<{JUNCTION_IRIS[j]}>"))

    def derived(n: str, premises: Iterable[URIRef]) -> None:
        for p in dict.fromkeys(premises):
            add((n, _WDF, f"<{p}>"))

    for part in [p for parts in a.side_parts.values() for p in parts] + a.overall_parts:
        n = f"<{part.iri}>"
        conclusion(n, "ConstructPart", _part_label(part, facts, G))
        for m in part.members:
            add((n, _s("hasComponent"), f"<{m}>"))
        side = part.scope if part.scope in SIDES else (
            "Bilateral" if set(part.sides) >= set(SIDES) else part.sides[0] if len(part.sides) == 1 else None)
        if side:
            add((n, _s("onSide"), _s(side)))
        if part.levels:
            add((n, _s("upperLevel"), _s(part.levels[0].name)))
            add((n, _s("lowerLevel"), _s(part.levels[-1].name)))
            levels(n, part.levels, junction_names(part.levels))
        for anchor in dict.fromkeys(m for m, _ in part.fixation):
            add((n, _s("fixationPoint"), f"<{anchor}>"))
        add((n, _s("fixationPointCount"), nt.typed(str(len(part.fixation)), "integer")))
        premises = list(part.members)
        for k in part.nodes:  # the failed connections that cut this part off from the rest
            for e in G.adj[k].values():
                if e["failed"]:
                    premises += [URIRef(f) for f in e["findings"] if URIRef(f) not in premises]
        derived(n, premises)
    for disc in a.discontinuities:
        n = f"<{disc.iri}>"
        conclusion(n, "ConstructDiscontinuity", disc.label)
        levels(n, disc.levels, [])
        if disc.side:
            add((n, _s("onSide"), _s(disc.side)))
        for rod in disc.rods:
            add((n, _s("separates"), f"<{rod}>"))
        for p in disc.parts:
            add((n, _s("separatesPart"), f"<{p}>"))
        derived(n, disc.premises)
    for span, cls, what in ((a.instrumented, "InstrumentedSpan", "instrumented span"),
                            *((f, "FusedSpan", "fused span") for f in a.fused)):
        if span is None:
            continue
        n = f"<{span.iri}>"
        text = span.upper.name if span.upper == span.lower else f"{span.upper.name}-{span.lower.name}"
        extra = f"; crosses the {' and '.join(span.junctions)} junction{'s' if len(span.junctions) > 1 else ''}" \
            if span.junctions else ""
        ends = f" (upper instrumented vertebra {span.upper.name}, lower {span.lower.name})" \
            if cls == "InstrumentedSpan" else ""
        conclusion(n, cls, f"{what} {text}{ends}{extra}")
        add((n, _s("upperLevel"), _s(span.upper.name)))
        add((n, _s("lowerLevel"), _s(span.lower.name)))
        levels(n, span.levels, span.junctions)
        if span.above is not None:
            add((n, _s("upperAdjacentLevel"), _s(span.above.name)))
        if span.below is not None:
            add((n, _s("lowerAdjacentLevel"), _s(span.below.name)))
        for lv in span.bridged:
            add((n, _s("bridgedLevel"), _s(lv.name)))
        derived(n, span.premises)
    return list(dict.fromkeys(out))


def analyse_case(case: GraphLike, case_id: str | None = None) -> ConstructAnalysis:
    """The construct analysis of a case graph (its facts read, then analysed)."""
    return analyse_facts(read_facts(case, case_id))


def analysis_graph(a: ConstructAnalysis) -> Graph:
    """The conclusions of a construct analysis with their derivation records, as the reasoner writes them."""
    triples = analysis_triples(a)
    triples += derivation_triples(RULE_ID, triples)
    g = Graph()
    g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in triples), format="nt")
    return g


def analyse(case: GraphLike, case_id: str | None = None) -> Graph:
    """The construct graph's conclusions for a case's asserted graph (case_id defaults to its skg:caseId)."""
    return analysis_graph(analyse_case(case, case_id))


def rule_graph() -> Graph:
    """The construct graph's rule metadata (id, title, rationale, evidence) in the rules' terms."""
    g = Graph()
    g.add((RULE_IRI, RDF.type, SKG.Rule))
    g.add((RULE_IRI, SKG.ruleId, Literal(RULE_ID)))
    g.add((RULE_IRI, RDFS.label, Literal(RULE_TITLE)))
    g.add((RULE_IRI, DCTERMS.title, Literal(RULE_TITLE)))
    g.add((RULE_IRI, SKG.rationale, Literal(RULE_RATIONALE)))
    g.add((RULE_IRI, SKG.stratum, Literal(0)))
    g.add((RULE_IRI, SKG.ruleFile, Literal("src/spinekg/construct.py")))
    for e in RULE_EVIDENCE:
        g.add((RULE_IRI, SKG.citesEvidence, e))
    return g



__all__ = [
    "JUNCTION_IRIS",
    "RULE_ID",
    "RULE_IRI",
    "GraphLike",
    "analyse",
    "analyse_case",
    "analysis_graph",
    "analysis_triples",
    "read_facts",
    "rule_graph",
]
