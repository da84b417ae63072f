"""The construct graph: how a case's fusion hardware holds together, written back as facts with derivations.

A surgeon reading a report asks first: what is still connected to what? This module answers it from a
case's asserted facts (RDF in the ontology's terms):

``build_construct_graph(case)`` returns a ``networkx.Graph``:

* the vertebral levels of the instrumented region (one level of margin each end) as an ordered path
  (nodes of kind ``level``, edges of kind ``adjacent``);
* the fusion hardware: screws and hooks anchored in their level (``anchored``), rods spanning their
  levels (``spans``), rod-to-rod connectors and transverse connectors at their level (``at``),
  plates anchored in each level they cover (``anchored``) and cages at their levels (``at``);
* the mechanical connections (``mechanical=True``): a screw or hook seated on the rod on its side
  that spans its level (``holds``), a connector holding each rod it joins (``joins``), and, for a
  fractured rod, the continuity between its segments (``rod``).

A connection reported as failed (an affirmed rod connector finding with the rod not secured or
subluxed, a rod fracture, a screw-rod disconnection) is marked ``failed=True`` and does not hold; an
uncertain one is marked ``possible=True`` and still holds. A rod fractured at level X is split into
the segment above (down to and including X, which keeps the anchors at X) and the segment below X.

``analyse(case)`` returns the conclusions drawn from that graph as RDF, each with a derivation like
the rules' (``prov:wasGeneratedBy`` a ``skg:Derivation`` with ``skg:appliedRule`` <rule/construct-graph>
and ``prov:used`` its premises; ``prov:wasDerivedFrom`` the premises):

* ``skg:ConstructPart``: the connected pieces of hardware held together by intact connections, per
  side (``<case>/construct-graph/part/left-1`` ...) and overall (``.../part/overall-1`` ...), with
  ``skg:hasComponent``, ``skg:onSide``, ``skg:upperLevel``/``skg:lowerLevel``, ``skg:atLevel``,
  ``skg:fixationPoint``, ``skg:fixationPointCount`` and ``skg:crossesJunction``;
* ``skg:ConstructDiscontinuity`` where a failed connector or a broken rod separates parts, under the
  same IRIs as rules/construct-discontinuity.rq (``<connector>/discontinuity``,
  ``<fracture finding>/discontinuity``) and with the same label, level, side and rods, plus
  ``skg:separatesPart``;
* ``skg:InstrumentedSpan`` (``<case>/construct-graph/instrumented-span``): upper and lower
  instrumented vertebra, their adjacent levels, the levels bridged by intact hardware and the
  junctions crossed; ``skg:FusedSpan`` from the fusion procedures.

Overall parts join the left and right side parts through the vertebrae both are fixed to: anchors of
rod-bearing parts in the same vertebra on opposite sides, a plate or cage at that vertebra, rods of one
declared construct (``skg:partOfConstruct``) on opposite sides at a common level, and transverse
connectors.
"""
from __future__ import annotations

from functools import lru_cache
from types import SimpleNamespace

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from .anatomy import BY_NAME, LEVELS, Level, junctions
from .vocab import BASE, DCTERMS, PROV, RDF, RDFS, SKG, case_iri

# rdflib's DefinedNamespaces make a new URIRef on every attribute access: fix the few terms used here
RDF = SimpleNamespace(type=RDF.type)
RDFS = SimpleNamespace(label=RDFS.label)
DCTERMS = SimpleNamespace(title=DCTERMS.title)
PROV = SimpleNamespace(Activity=PROV.Activity, used=PROV.used, wasDerivedFrom=PROV.wasDerivedFrom,
                       wasGeneratedBy=PROV.wasGeneratedBy)

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

JUNCTION_IRIS = {"cervicothoracic": SKG.CervicothoracicJunction, "thoracolumbar": SKG.ThoracolumbarJunction,
                 "lumbosacral": SKG.LumbosacralJunction}
SIDES = ("Left", "Right")

# Hardware kinds, most specific first: (ontology class, kind in the graph). Set screws are parts of
# other implants and are left out; anything else that is fusion hardware is kind "hardware".
_KINDS = (("Hook", "hook"), ("Screw", "screw"), ("RodToRodConnector", "connector"),
          ("TransverseConnector", "crosslink"), ("Rod", "rod"), ("Plate", "plate"), ("InterbodyCage", "cage"),
          ("SetScrew", None), ("FusionHardware", "hardware"))
ANCHORS = {"screw", "hook", "plate"}


# --------------------------------------------------------------------------------------------
# Reading the case's facts
# --------------------------------------------------------------------------------------------
@dataclass
class Implant:
    """One implant of the case as the construct graph needs it."""

    iri: URIRef
    id: str
    label: str
    kind: str | None          # graph kind (see _KINDS), None when not fusion hardware
    rdf_type: str             # most specific ontology class (local name)
    side: str | None          # Left, Right, Midline, Bilateral or None
    levels: list[Level]
    construct: URIRef | None
    joins: list[URIRef] = field(default_factory=list)


@dataclass
class FindingFacts:
    """One reported finding, with what the construct graph and the drawing use."""

    iri: URIRef
    kinds: frozenset[str]     # local names of its classes and their superclasses
    status: str               # Affirmed, Negated or Uncertain
    about: URIRef | None
    levels: list[Level]
    side: str | None
    connector: URIRef | None
    secured: bool | None
    subluxed: bool | None
    direction: str | None
    text: str | None
    width_mm: Decimal | None
    breach_mm: Decimal | None
    distance_mm: Decimal | None
    contained: bool | None
    double_halo: bool | None = None

    def is_a(self, cls: str) -> bool:
        return cls in self.kinds


@dataclass
class CaseFacts:
    case: URIRef
    case_id: str
    title: str
    implants: dict[URIRef, Implant]
    findings: list[FindingFacts]
    fusions: list[tuple[URIRef, list[Level]]]
    other_devices: list[Implant]


def _local(node: Node | None) -> str | None:
    if node is None:
        return None
    text = str(node)
    return text[len(BASE):] if text.startswith(BASE) else text.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _closure(g: Graph, node: Node) -> frozenset[str]:
    return _type_closure(frozenset(str(t) for t in g.objects(node, RDF.type)))


@lru_cache(maxsize=4096)
def _type_closure(types: frozenset[str]) -> frozenset[str]:
    """Local names of these classes and their superclasses in the ontology."""
    from .reasoning.axioms import schema

    supers = schema().supers
    out: set[str] = set(types)
    for t in types:
        out.update(supers.get(t, ()))
    return frozenset(_local(URIRef(t)) or t for t in out if t.startswith(BASE))


def _levels(g: Graph, node: Node, prop: URIRef = SKG.atLevel) -> list[Level]:
    out = {BY_NAME[name] for name in (_local(o) for o in g.objects(node, prop)) if name in BY_NAME}
    return sorted(out, key=lambda lv: lv.position)


def _bool(value: Node | None) -> bool | None:
    if isinstance(value, Literal):
        v = value.toPython()
        return v if isinstance(v, bool) else str(value).lower() == "true"
    return None


def _measure(g: Graph, node: Node, prop: URIRef) -> Decimal | None:
    m = g.value(node, prop)
    v = g.value(m, SKG.numericValue) if m is not None else None
    if v is None:
        return None
    try:
        value = Decimal(str(v))
    except ArithmeticError:
        return None
    return value * 10 if g.value(m, SKG.unit) == SKG.Centimetre else value


def _most_specific(kinds: frozenset[str], asserted: list[str]) -> str:
    from .reasoning.axioms import schema

    supers = schema().supers
    specific = [t for t in asserted if not any(BASE + t in supers.get(BASE + o, ()) for o in asserted if o != t)]
    return sorted(specific)[0] if specific else (sorted(kinds)[0] if kinds else "Device")


def read_facts(case: Graph, case_id: str | None = None) -> CaseFacts:
    """The implants, findings and fusions of a case graph."""
    cases = sorted(set(case.subjects(RDF.type, SKG.Case)), key=str)
    if case_id is None:
        ids = [str(case.value(c, SKG.caseId)) for c in cases if case.value(c, SKG.caseId) is not None]
        if not ids:
            raise ValueError("the case graph has no skg:Case with a skg:caseId: pass case_id")
        case_id = ids[0]
    node = URIRef(case_iri(case_id))
    title = str(case.value(node, DCTERMS.title) or case.value(node, RDFS.label) or case_id)

    candidates = set(case.objects(node, SKG.hasImplant))
    candidates |= {s for s in case.subjects(RDF.type, None) if isinstance(s, URIRef)
                   and "Device" in _closure(case, s)}
    implants: dict[URIRef, Implant] = {}
    others: list[Implant] = []
    for iri in sorted(candidates, key=str):
        kinds = _closure(case, iri)
        if "Device" not in kinds:
            continue
        kind = next((k for cls, k in _KINDS if cls in kinds), None)
        asserted = [_local(t) or "" for t in case.objects(iri, RDF.type) if str(t).startswith(BASE)]
        im = Implant(
            iri=iri,
            id=str(case.value(iri, SKG.implantId) or _local(iri)),
            label=str(case.value(iri, RDFS.label) or _local(iri)),
            kind=kind,
            rdf_type=_most_specific(kinds, asserted),
            side=_local(case.value(iri, SKG.onSide)),
            levels=_levels(case, iri),
            construct=case.value(iri, SKG.partOfConstruct),  # type: ignore[arg-type]
            joins=sorted((o for o in case.objects(iri, SKG.joinsRod) if isinstance(o, URIRef)), key=str),
        )
        if kind is None and "FusionHardware" not in kinds:
            others.append(im)
        elif kind is not None:
            implants[iri] = im

    findings: list[FindingFacts] = []
    fnodes = set(case.objects(node, SKG.hasFinding)) | {s for s in case.subjects(SKG.aboutImplant, None)}
    for f in sorted(fnodes, key=str):
        if not isinstance(f, URIRef):
            continue
        about = case.value(f, SKG.aboutImplant)
        findings.append(FindingFacts(
            iri=f, kinds=_closure(case, f), status=_local(case.value(f, SKG.assertionStatus)) or "Affirmed",
            about=about if isinstance(about, URIRef) else None, levels=_levels(case, f),
            side=_local(case.value(f, SKG.onSide)), connector=case.value(f, SKG.inConnector),  # type: ignore[arg-type]
            secured=_bool(case.value(f, SKG.rodSecured)), subluxed=_bool(case.value(f, SKG.rodSubluxed)),
            direction=_local(case.value(f, SKG.hasDirection)),
            text=str(case.value(f, SKG.reportText)) if case.value(f, SKG.reportText) is not None else None,
            width_mm=_measure(case, f, SKG.lucencyWidth), breach_mm=_measure(case, f, SKG.breachDistance),
            distance_mm=_measure(case, f, SKG.migrationDistance) or _measure(case, f, SKG.subsidenceDistance),
            contained=_bool(case.value(f, SKG.fullyContained)),
            double_halo=_bool(case.value(f, SKG.doubleHalo))))

    fusions = []
    for p in sorted(set(case.objects(node, SKG.hasProcedure)), key=str):
        if "SpinalFusion" in _closure(case, p):
            lv = _levels(case, p)
            if not lv:
                up, low = _levels(case, p, SKG.upperLevel), _levels(case, p, SKG.lowerLevel)
                if up and low:
                    lv = LEVELS[up[0].position - 1: low[-1].position]
            if lv:
                fusions.append((p, lv))  # type: ignore[arg-type]
    return CaseFacts(node, case_id, title, implants, findings, fusions, others)


# --------------------------------------------------------------------------------------------
# Building the graph
# --------------------------------------------------------------------------------------------
def _direction_words(direction: str | None) -> str:
    return f" {direction.lower()}" if direction else ""


@dataclass
class _Failure:
    finding: URIRef
    affirmed: bool
    reason: str


class _Builder:
    def __init__(self, facts: CaseFacts):
        self.f = facts
        self.G = nx.Graph(case=str(facts.case), case_id=facts.case_id, title=facts.title)
        self.rod_nodes: dict[URIRef, list[str]] = {}
        self.fractures: dict[URIRef, list[tuple[Level | None, _Failure]]] = defaultdict(list)

    # nodes -------------------------------------------------------------------------------
    def build(self) -> nx.Graph:
        self._collect_fractures()
        self._levels()
        for im in self.f.implants.values():
            if im.kind == "rod":
                self._rod(im)
            else:
                self._node(str(im.iri), im)
        for im in self.f.implants.values():
            if im.kind in {"screw", "hook"}:
                self._anchor(im)
            elif im.kind == "plate":
                for lv in im.levels:
                    self._edge(str(im.iri), str(SKG[lv.name]), "anchored")
            elif im.kind in {"cage", "connector", "crosslink", "hardware"}:
                for lv in im.levels:
                    self._edge(str(im.iri), str(SKG[lv.name]), "at")
            if im.kind in {"connector", "crosslink"}:
                self._joins(im)
        self._apply_failures()
        return self.G

    def _node(self, key: str, im: Implant, **extra: object) -> None:
        levels = extra.pop("levels", im.levels)
        self.G.add_node(key, kind=im.kind, iri=str(im.iri), id=im.id, label=im.label, rdf_type=im.rdf_type,
                        side=im.side, levels=[lv.name for lv in levels],  # type: ignore[union-attr]
                        position=levels[0].position if levels else None,  # type: ignore[index]
                        construct=str(im.construct) if im.construct else None, **extra)

    def _edge(self, u: str, v: str, kind: str, mechanical: bool = False, **extra: object) -> None:
        if u in self.G and v in self.G:
            self.G.add_edge(u, v, kind=kind, mechanical=mechanical, failed=False, possible=False, reason="",
                            findings=[], **extra)

    def _levels(self) -> None:
        positions = [lv.position for im in self.f.implants.values() for lv in im.levels]
        positions += [lv.position for _, lvs in self.f.fusions for lv in lvs]
        if not positions:
            return
        top, bottom = max(1, min(positions) - 1), min(len(LEVELS), max(positions) + 1)
        prev = None
        for lv in LEVELS[top - 1: bottom]:
            key = str(SKG[lv.name])
            self.G.add_node(key, kind="level", iri=key, id=lv.name, label=lv.name, name=lv.name,
                            position=lv.position, region=lv.region)
            if prev is not None:
                self.G.add_edge(prev, key, kind="adjacent", mechanical=False, failed=False, possible=False,
                                reason="", findings=[])
            prev = key

    def _collect_fractures(self) -> None:
        for fd in self.f.findings:
            if fd.is_a("ImplantFractureFinding") and fd.status in {"Affirmed", "Uncertain"} and fd.about in self.f.implants:
                im = self.f.implants[fd.about]
                if im.kind == "rod":
                    fail = _Failure(fd.iri, fd.status == "Affirmed", "rod fracture")
                    for lv in fd.levels or [None]:
                        self.fractures[im.iri].append((lv, fail))

    def _rod(self, im: Implant) -> None:
        """A rod node, or one node per segment of a rod with affirmed fractures at reported levels."""
        top = im.levels[0].position if im.levels else 0
        bottom = im.levels[-1].position if im.levels else 0
        fails_at: dict[int, list[_Failure]] = defaultdict(list)
        level_at: dict[int, Level] = {}
        unlocated: list[_Failure] = []
        for lv, fail in self.fractures.get(im.iri, []):
            if not fail.affirmed:
                continue
            if lv is not None and top <= lv.position <= bottom:
                fails_at[lv.position].append(fail)
                level_at[lv.position] = lv
            else:
                unlocated.append(fail)
        breaks = sorted(fails_at)

        # A level at a break stays with the segment above (it keeps the anchors there), except at the
        # rod's last level, where the break leaves that level's anchors below it.
        def seg(p: int) -> int:
            return sum(1 for b in breaks if p > b or (p == b and b == bottom))

        groups: dict[int, list[Level]] = defaultdict(list)
        for lv in im.levels:
            groups[seg(lv.position)].append(lv)
        raw = sorted(groups)
        all_fails = [f for b in breaks for f in fails_at[b]] + unlocated
        extra = {"rod": str(im.iri), "fractured": bool(all_fails),
                 "fracture_findings": sorted({str(f.finding) for f in all_fails})}
        if len(raw) <= 1:
            key = str(im.iri)
            self._node(key, im, levels=im.levels, segment=1, segments=1, **extra)
            self.rod_nodes[im.iri] = [key]
        else:
            keys = {}
            for k, g in enumerate(raw, 1):
                keys[g] = f"{im.iri}#segment-{k}"
                self._node(keys[g], im, levels=groups[g], segment=k, segments=len(raw), **extra)
            self.rod_nodes[im.iri] = [keys[g] for g in raw]
            for i, b in enumerate(breaks):  # break i lies between raw groups i and i + 1
                upper = max((g for g in raw if g <= i), default=None)
                lower = min((g for g in raw if g >= i + 1), default=None)
                if upper is None or lower is None:
                    continue
                u, v = keys[upper], keys[lower]
                if not self.G.has_edge(u, v):
                    self._edge(u, v, "rod", mechanical=True)
                data = self.G.edges[u, v]
                data["findings"] = sorted({*data["findings"], *(str(f.finding) for f in fails_at[b])})
                data.update(failed=True, reason=f"rod fracture at {level_at[b].name}", level=level_at[b].name)
        for key in self.rod_nodes[im.iri]:
            for name in self.G.nodes[key]["levels"]:
                self._edge(key, str(SKG[name]), "spans")

    def _rods_at(self, level: Level, side: str | None) -> list[str]:
        out = []
        for rod_iri, keys in self.rod_nodes.items():
            if self.f.implants[rod_iri].side != side:
                continue
            out += [k for k in keys if level.name in self.G.nodes[k]["levels"]]
        return out

    def _anchor(self, im: Implant) -> None:
        key = str(im.iri)
        if not im.levels:
            return
        level = im.levels[0]
        self._edge(key, str(SKG[level.name]), "anchored")
        cands = self._rods_at(level, im.side)
        if not cands and im.side in SIDES:
            cands = self._rods_at(level, None)
        if not cands:
            return

        def rank(k: str) -> tuple:
            n = self.G.nodes[k]
            lv = n["levels"]
            same = im.construct is not None and n["construct"] == str(im.construct)
            end = level.name in (lv[0], lv[-1]) and len(lv) > 1
            return (not same, end, -len(lv), n["iri"], n.get("segment", 1))

        rod = sorted(cands, key=rank)[0]
        self._edge(key, rod, "holds", mechanical=True)

    def _rod_node_near(self, rod: URIRef, level: Level | None) -> str | None:
        keys = self.rod_nodes.get(rod)
        if not keys:
            return None
        if level is None:
            return keys[0]

        def dist(k: str) -> int:
            names = self.G.nodes[k]["levels"]
            if not names:
                return 999
            return min(abs(BY_NAME[n].position - level.position) for n in names)

        return sorted(keys, key=lambda k: (dist(k), keys.index(k)))[0]

    def _joins(self, im: Implant) -> None:
        level = im.levels[0] if im.levels else None
        rods = list(im.joins)
        if not rods and im.kind == "crosslink" and level is not None:
            rods = sorted({URIRef(self.G.nodes[k]["rod"]) for side in SIDES for k in self._rods_at(level, side)}, key=str)
        for rod in rods:
            node = self._rod_node_near(rod, level)
            if node is not None:
                self._edge(str(im.iri), node, "joins", mechanical=True)

    # failures ---------------------------------------------------------------------------
    def _edges_to_rod(self, conn: URIRef, rod: URIRef | None) -> list[tuple[str, str]]:
        key = str(conn)
        if key not in self.G:
            return []
        return [(key, nb) for nb in self.G.neighbors(key)
                if self.G.edges[key, nb]["kind"] == "joins" and (rod is None or self.G.nodes[nb].get("rod") == str(rod))]

    def _holds_edges(self, node_filter) -> list[tuple[str, str]]:
        return [(u, v) for u, v, d in self.G.edges(data=True) if d["kind"] == "holds" and node_filter(u, v)]

    def _mark(self, edges: Iterable[tuple[str, str]], fail: _Failure) -> None:
        for u, v in edges:
            d = self.G.edges[u, v]
            if str(fail.finding) not in d["findings"]:
                d["findings"] = sorted([*d["findings"], str(fail.finding)])
            if fail.affirmed:
                d["failed"] = True
                d["reason"] = fail.reason if not d["reason"] or d["reason"] == fail.reason else f"{d['reason']}; {fail.reason}"
            elif not d["failed"]:
                d["possible"] = True
                d["reason"] = f"possible {fail.reason}"

    def _apply_failures(self) -> None:
        imps = self.f.implants
        for fd in self.f.findings:
            if fd.status not in {"Affirmed", "Uncertain"}:
                continue
            affirmed = fd.status == "Affirmed"
            about = imps.get(fd.about) if fd.about is not None else None
            if fd.is_a("RodConnectorFinding"):
                if not (fd.secured is False or fd.subluxed is True):
                    continue
                words = []
                if fd.subluxed:
                    words.append(f"rod subluxed{_direction_words(fd.direction)}")
                if fd.secured is False:
                    words.append("rod not secured in connector")
                fail = _Failure(fd.iri, affirmed, ", ".join(words))
                if about is not None and about.kind == "rod":
                    if fd.connector is not None:
                        edges = self._edges_to_rod(fd.connector, about.iri)
                    else:
                        edges = [e for c in imps.values() if c.kind == "connector" and about.iri in c.joins
                                 for e in self._edges_to_rod(c.iri, about.iri)]
                elif about is not None and about.kind in {"connector", "crosslink"}:
                    edges = self._edges_to_rod(about.iri, None)
                elif fd.connector is not None:
                    edges = self._edges_to_rod(fd.connector, None)
                else:
                    edges = []
                self._mark(edges, fail)
            elif fd.is_a("ScrewRodDisconnectionFinding"):
                fail = _Failure(fd.iri, affirmed, "screw-rod disconnection")
                if about is None:
                    continue
                if about.kind in {"screw", "hook"}:
                    key = str(about.iri)
                    self._mark(self._holds_edges(lambda u, v: key in (u, v)), fail)
                elif about.kind == "rod" and fd.connector is not None:
                    self._mark(self._edges_to_rod(fd.connector, about.iri), fail)
                elif about.kind == "rod":
                    rods = set(self.rod_nodes.get(about.iri, []))
                    names = {lv.name for lv in fd.levels}

                    def at_level(u: str, v: str) -> bool:
                        screw = v if u in rods else u if v in rods else None
                        return screw is not None and (not names or set(self.G.nodes[screw]["levels"]) & names)

                    self._mark(self._holds_edges(at_level), fail)
                elif about.kind in {"connector", "crosslink"}:
                    self._mark(self._edges_to_rod(about.iri, None), fail)
            elif fd.is_a("ImplantFractureFinding") and about is not None:
                if about.kind == "rod":
                    if not affirmed:
                        for key in self.rod_nodes.get(about.iri, []):
                            self.G.nodes[key]["possible_fracture"] = True
                    continue  # affirmed rod fractures split the rod (see _rod)
                fail = _Failure(fd.iri, affirmed, f"{about.kind or 'implant'} fracture")
                key = str(about.iri)
                if about.kind in {"screw", "hook"}:
                    self._mark([(key, nb) for nb in self.G.neighbors(key) if self.G.edges[key, nb]["kind"] == "anchored"]
                               if key in self.G else [], fail)
                elif about.kind in {"connector", "crosslink"}:
                    self._mark(self._edges_to_rod(about.iri, None), fail)
                if key in self.G:
                    self.G.nodes[key]["fractured" if affirmed else "possible_fracture"] = True


def build_construct_graph(case: Graph, case_id: str | None = None) -> nx.Graph:
    """The construct graph of a case's asserted facts (see the module docstring for nodes and edges).

    Hardware nodes carry ``part`` (the index of their side part) and ``piece`` (of their overall part).
    """
    return analyse_construct(case, case_id).graph


def is_hardware(data: dict) -> bool:
    return data.get("kind") not in (None, "level")


def intact_graph(G: nx.Graph, nodes: Iterable[str] | None = None) -> nx.Graph:
    """The hardware held together by intact connections: mechanical edges that have not failed."""
    keep = set(nodes) if nodes is not None else {n for n, d in G.nodes(data=True) if is_hardware(d)}
    H = nx.Graph()
    H.add_nodes_from(keep)
    H.add_edges_from((u, v) for u, v, d in G.edges(data=True)
                     if d.get("mechanical") and not d.get("failed") and u in keep and v in keep)
    return H


# --------------------------------------------------------------------------------------------
# Analyses
# --------------------------------------------------------------------------------------------
@dataclass
class Part:
    """One piece of hardware held together by intact connections (per side, or overall)."""

    iri: URIRef
    scope: str                      # "Left", "Right" or "overall"
    index: int
    nodes: list[str]
    members: list[URIRef]
    levels: list[Level]
    sides: list[str]
    fixation: list[tuple[URIRef, Level]]
    labels: list[str]

    @property
    def upper(self) -> Level | None:
        return self.levels[0] if self.levels else None

    @property
    def lower(self) -> Level | None:
        return self.levels[-1] if self.levels else None

    @property
    def span_text(self) -> str:
        if not self.levels:
            return "level not reported"
        up, low = self.levels[0].name, self.levels[-1].name
        return up if up == low else f"{up}-{low}"


@dataclass
class Discontinuity:
    iri: URIRef
    kind: str                       # "connector" or "fracture"
    label: str
    levels: list[Level]
    side: str | None
    rods: list[URIRef]
    parts: list[URIRef]
    premises: list[URIRef]
    edges: list[tuple[str, str]]


@dataclass
class Span:
    iri: URIRef
    levels: list[Level]
    junctions: list[str]
    bridged: list[Level] = field(default_factory=list)
    premises: list[URIRef] = field(default_factory=list)

    @property
    def upper(self) -> Level:
        return self.levels[0]

    @property
    def lower(self) -> Level:
        return self.levels[-1]

    @property
    def above(self) -> Level | None:
        return LEVELS[self.upper.position - 2] if self.upper.position > 1 else None

    @property
    def below(self) -> Level | None:
        return LEVELS[self.lower.position] if self.lower.position < len(LEVELS) else None


@dataclass
class ConstructAnalysis:
    """Everything analyse() writes, as Python objects (the drawing uses these too)."""

    facts: CaseFacts
    graph: nx.Graph
    side_parts: dict[str, list[Part]]
    overall_parts: list[Part]
    discontinuities: list[Discontinuity]
    instrumented: Span | None
    fused: Span | None

    def part_of(self, node: str, scope: str = "overall") -> Part | None:
        parts = self.overall_parts if scope == "overall" else self.side_parts.get(scope, [])
        return next((p for p in parts if node in p.nodes), None)


def _node_levels(G: nx.Graph, nodes: Iterable[str]) -> list[Level]:
    out = {BY_NAME[n] for k in nodes for n in G.nodes[k].get("levels", []) if n in BY_NAME}
    return sorted(out, key=lambda lv: lv.position)


def _contiguous(levels: list[Level]) -> list[list[Level]]:
    runs: list[list[Level]] = []
    for lv in levels:
        if runs and lv.position == runs[-1][-1].position + 1:
            runs[-1].append(lv)
        else:
            runs.append([lv])
    return runs


def _junctions(levels: list[Level]) -> list[str]:
    out: list[str] = []
    for run in _contiguous(levels):
        out += [j for j in junctions(run) if j not in out]
    return out


def _make_parts(G: nx.Graph, H: nx.Graph, scope: str, base: str) -> list[Part]:
    comps = [sorted(c) for c in nx.connected_components(H)]
    infos = []
    for comp in comps:
        levels = _node_levels(G, comp)
        members: list[URIRef] = []
        for k in sorted(comp, key=lambda k: (G.nodes[k].get("position") or 99, k)):
            iri = URIRef(G.nodes[k]["iri"])
            if iri not in members:
                members.append(iri)
        fixation: list[tuple[URIRef, Level]] = []
        for k in comp:
            d = G.nodes[k]
            if d["kind"] not in ANCHORS:
                continue
            for nb in G.neighbors(k):
                e = G.edges[k, nb]
                if e["kind"] == "anchored" and not e["failed"] and G.nodes[nb]["kind"] == "level":
                    fixation.append((URIRef(d["iri"]), BY_NAME[G.nodes[nb]["name"]]))
        fixation.sort(key=lambda x: (x[1].position, str(x[0])))
        sides = sorted({G.nodes[k]["side"] for k in comp if G.nodes[k].get("side")})
        key = (levels[0].position if levels else 99, levels[-1].position if levels else 99, [str(m) for m in members])
        infos.append((key, comp, levels, members, fixation, sides))
    infos.sort(key=lambda x: x[0])
    out = []
    for i, (_, comp, levels, members, fixation, sides) in enumerate(infos, 1):
        name = f"{scope.lower()}-{i}"
        labels = [G.nodes[k]["label"] for k in sorted(comp, key=lambda k: (G.nodes[k].get("position") or 99, k))]
        out.append(Part(URIRef(f"{base}/construct-graph/part/{name}"), scope, i, list(comp), members, levels,
                        sides, fixation, list(dict.fromkeys(labels))))
    return out


def _bone_links(G: nx.Graph, side_parts: dict[str, list[Part]]) -> list[tuple[str, str]]:
    """Links across the midline through the vertebrae both sides are fixed to (see the module docstring)."""
    part_has_rod = {}
    for parts in side_parts.values():
        for p in parts:
            has_rod = any(G.nodes[k]["kind"] == "rod" for k in p.nodes)
            for k in p.nodes:
                part_has_rod[k] = has_rod
    at_level: dict[str, list[tuple[str, str]]] = defaultdict(list)  # level -> [(node, side)]
    for u, v, d in G.edges(data=True):
        if d["kind"] not in {"anchored", "at"} or d["failed"]:
            continue
        node, lvl = (u, v) if G.nodes[v]["kind"] == "level" else (v, u)
        nd = G.nodes[node]
        if nd["kind"] in {"screw", "hook"} and not part_has_rod.get(node):
            continue
        if nd["kind"] in {"screw", "hook", "plate", "cage"}:
            at_level[G.nodes[lvl]["name"]].append((node, nd.get("side") or "Midline"))
    for key, d in G.nodes(data=True):  # rods of one declared construct, by level
        if d.get("kind") == "rod" and d.get("construct") and d.get("side") in SIDES:
            for name in d["levels"]:
                at_level[f"{name}|{d['construct']}"].append((key, d["side"]))
    links = []
    for items in at_level.values():
        items = sorted(set(items))
        for (a, sa), (b, sb) in ((x, y) for i, x in enumerate(items) for y in items[i + 1:]):
            if sa != sb or "Midline" in (sa, sb):
                links.append((a, b))
    return links


def analyse_construct(case: Graph, case_id: str | None = None) -> ConstructAnalysis:
    """Build the construct graph and find its parts, discontinuities and spans (as Python objects)."""
    facts = read_facts(case, case_id)
    G = _Builder(facts).build()
    base = str(facts.case)
    hardware = [n for n, d in G.nodes(data=True) if is_hardware(d)]

    side_parts = {side: _make_parts(G, intact_graph(G, [n for n in hardware if G.nodes[n].get("side") == side]),
                                    side, base) for side in SIDES}
    side_parts = {s: p for s, p in side_parts.items() if p}
    H = intact_graph(G, hardware)
    H.add_edges_from(_bone_links(G, side_parts))
    overall = _make_parts(G, H, "overall", base)
    for scope, parts in [*side_parts.items(), ("overall", overall)]:
        for p in parts:
            for k in p.nodes:
                G.nodes[k]["piece" if scope == "overall" else "part"] = p.index

    discs = _discontinuities(facts, G, side_parts, overall)
    instrumented = fused = None
    levels = _node_levels(G, hardware)
    if levels:
        levels = LEVELS[levels[0].position - 1: levels[-1].position]
        bridged = sorted({lv for p in overall if len(p.levels) > 1
                          for lv in LEVELS[p.levels[0].position - 1: p.levels[-1].position]},
                         key=lambda lv: lv.position)
        ends = {levels[0].name, levels[-1].name}
        premises = sorted({URIRef(G.nodes[k]["iri"]) for k in hardware if ends & set(G.nodes[k]["levels"])}, key=str)
        instrumented = Span(URIRef(f"{base}/construct-graph/instrumented-span"), levels, junctions(levels),
                            bridged, premises + [p.iri for p in overall])
    fused_levels = sorted({lv for _, lvs in facts.fusions for lv in lvs}, key=lambda lv: lv.position)
    if fused_levels:
        fused = Span(URIRef(f"{base}/construct-graph/fused-span"), fused_levels, _junctions(fused_levels),
                     premises=[p for p, _ in facts.fusions])
    return ConstructAnalysis(facts, G, side_parts, overall, discs, instrumented, fused)


def _discontinuities(facts: CaseFacts, G: nx.Graph, side_parts: dict[str, list[Part]],
                     overall: list[Part]) -> list[Discontinuity]:
    def part(node: str, scope: str) -> Part | None:
        parts = overall if scope == "overall" else side_parts.get(scope, [])
        return next((p for p in parts if node in p.nodes), None)

    found: dict[URIRef, Discontinuity] = {}
    for u, v, d in G.edges(data=True):
        if not d["failed"] or d["kind"] not in {"joins", "rod"}:
            continue
        su, sv = G.nodes[u].get("side"), G.nodes[v].get("side")
        scope = su if su == sv and su in SIDES else "overall"
        pu, pv = part(u, scope), part(v, scope)
        if pu is None or pv is None or pu is pv:
            continue
        if d["kind"] == "joins":
            conn_key = u if G.nodes[u]["kind"] in {"connector", "crosslink"} else v
            conn = facts.implants[URIRef(G.nodes[conn_key]["iri"])]
            targets = [(URIRef(f"{conn.iri}/discontinuity"), "connector", conn, [])]
        else:
            rod = facts.implants[URIRef(G.nodes[u]["rod"])]
            targets = [(URIRef(f"{f}/discontinuity"), "fracture", rod, [URIRef(f)]) for f in d["findings"]]
        for iri, kind, im, fracture_findings in targets:
            disc = found.get(iri)
            if disc is None:
                if kind == "connector":
                    label = f"construct discontinuity at the failed {im.label}: the rods it joins no longer hold together"
                    fd_levels = im.levels
                    rods = list(im.joins)
                else:
                    label = f"construct discontinuity: fractured {im.label}"
                    fd = next(x for x in facts.findings if x.iri == fracture_findings[0])
                    fd_levels = fd.levels
                    rods = [im.iri]
                disc = Discontinuity(iri, kind, label, fd_levels, im.side, rods, [], [], [])
                found[iri] = disc
            for p in (pu, pv):
                if p.iri not in disc.parts:
                    disc.parts.append(p.iri)
            disc.edges.append((u, v))
            premises = [URIRef(f) for f in d["findings"]] + [im.iri]
            disc.premises += [x for x in premises if x not in disc.premises]
    # A fractured rod is discontinuous even when the report does not say where (the rule agrees).
    for key, d in G.nodes(data=True):
        if d.get("kind") == "rod" and d.get("fractured"):
            rod = facts.implants[URIRef(d["rod"])]
            for f in d.get("fracture_findings", []):
                iri = URIRef(f"{f}/discontinuity")
                if iri not in found:
                    fd = next(x for x in facts.findings if str(x.iri) == f)
                    found[iri] = Discontinuity(iri, "fracture", f"construct discontinuity: fractured {rod.label}",
                                               fd.levels, rod.side, [rod.iri], [], [URIRef(f), rod.iri], [])
    for disc in found.values():
        disc.premises += [p for p in disc.parts if p not in disc.premises]
    return sorted(found.values(), key=lambda x: str(x.iri))


# --------------------------------------------------------------------------------------------
# Writing the conclusions as RDF
# --------------------------------------------------------------------------------------------
def _derive(g: Graph, conclusion: URIRef, premises: Iterable[URIRef]) -> None:
    d = URIRef(f"{conclusion}/derivation/{RULE_ID}")
    g.add((d, RDF.type, SKG.Derivation))
    g.add((d, RDF.type, PROV.Activity))
    g.add((d, SKG.appliedRule, RULE_IRI))
    g.add((conclusion, PROV.wasGeneratedBy, d))
    for p in premises:
        g.add((d, PROV.used, p))
        g.add((conclusion, PROV.wasDerivedFrom, p))


def _part_label(p: Part, facts: CaseFacts, G: nx.Graph) -> str:
    where = p.scope.lower() if p.scope in SIDES else ("both sides" if set(p.sides) >= set(SIDES) else
                                                      (p.sides[0].lower() if p.sides else "midline"))
    kinds = defaultdict(list)
    for k in p.nodes:
        kinds[G.nodes[k]["kind"]].append(G.nodes[k]["label"])
    named = list(dict.fromkeys(kinds["rod"] + kinds["connector"] + kinds["crosslink"] + kinds["plate"]
                               + kinds["cage"] + kinds["hardware"]))
    unfixed = len(kinds["screw"]) + len(kinds["hook"]) - len({m for m, _ in p.fixation if G.nodes[str(m)]["kind"] != "plate"})
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


def analysis_graph(a: ConstructAnalysis) -> Graph:
    """The conclusions of a construct analysis as RDF, each with its derivation."""
    g = Graph()
    g.bind("skg", SKG)
    g.bind("prov", "http://www.w3.org/ns/prov#")
    facts, G, case = a.facts, a.graph, a.facts.case
    for part in [p for parts in a.side_parts.values() for p in parts] + a.overall_parts:
        n = part.iri
        g.add((n, RDF.type, SKG.ConstructPart))
        g.add((n, RDFS.label, Literal(_part_label(part, facts, G))))
        g.add((n, SKG.ofCase, case))
        for m in part.members:
            g.add((n, SKG.hasComponent, m))
        side = part.scope if part.scope in SIDES else (
            "Bilateral" if set(part.sides) >= set(SIDES) else part.sides[0] if len(part.sides) == 1 else None)
        if side:
            g.add((n, SKG.onSide, SKG[side]))
        if part.levels:
            g.add((n, SKG.upperLevel, SKG[part.levels[0].name]))
            g.add((n, SKG.lowerLevel, SKG[part.levels[-1].name]))
            for lv in part.levels:
                g.add((n, SKG.atLevel, SKG[lv.name]))
            for j in _junctions(part.levels):
                g.add((n, SKG.crossesJunction, JUNCTION_IRIS[j]))
        for anchor in dict.fromkeys(m for m, _ in part.fixation):
            g.add((n, SKG.fixationPoint, anchor))
        g.add((n, SKG.fixationPointCount, Literal(len(part.fixation))))
        premises = list(part.members)
        for k in part.nodes:  # the failed connections that cut this part off from the rest
            for nb in G.neighbors(k):
                e = G.edges[k, nb]
                if e["failed"]:
                    premises += [URIRef(f) for f in e["findings"] if URIRef(f) not in premises]
        _derive(g, n, premises)
    for disc in a.discontinuities:
        n = disc.iri
        g.add((n, RDF.type, SKG.ConstructDiscontinuity))
        g.add((n, RDFS.label, Literal(disc.label)))
        g.add((n, SKG.ofCase, case))
        for lv in disc.levels:
            g.add((n, SKG.atLevel, SKG[lv.name]))
        if disc.side:
            g.add((n, SKG.onSide, SKG[disc.side]))
        for rod in disc.rods:
            g.add((n, SKG.separates, rod))
        for p in disc.parts:
            g.add((n, SKG.separatesPart, p))
        _derive(g, n, disc.premises)
    for span, cls, what in ((a.instrumented, SKG.InstrumentedSpan, "instrumented span"),
                            (a.fused, SKG.FusedSpan, "fused span")):
        if span is None:
            continue
        n = span.iri
        text = span.upper.name if span.upper == span.lower else f"{span.upper.name}-{span.lower.name}"
        extra = f"; crosses the {' and '.join(span.junctions)} junction{'s' if len(span.junctions) > 1 else ''}" \
            if span.junctions else ""
        ends = f" (upper instrumented vertebra {span.upper.name}, lower {span.lower.name})" if cls == SKG.InstrumentedSpan else ""
        g.add((n, RDF.type, cls))
        g.add((n, RDFS.label, Literal(f"{what} {text}{ends}{extra}")))
        g.add((n, SKG.ofCase, case))
        g.add((n, SKG.upperLevel, SKG[span.upper.name]))
        g.add((n, SKG.lowerLevel, SKG[span.lower.name]))
        for lv in span.levels:
            g.add((n, SKG.atLevel, SKG[lv.name]))
        if span.above is not None:
            g.add((n, SKG.upperAdjacentLevel, SKG[span.above.name]))
        if span.below is not None:
            g.add((n, SKG.lowerAdjacentLevel, SKG[span.below.name]))
        for j in span.junctions:
            g.add((n, SKG.crossesJunction, JUNCTION_IRIS[j]))
        for lv in span.bridged:
            g.add((n, SKG.bridgedLevel, SKG[lv.name]))
        _derive(g, n, span.premises)
    return g


def analyse(case: Graph, case_id: str | None = None) -> Graph:
    """The construct graph's conclusions for a case's asserted graph, as RDF to merge into its inferred graph.

    case_id defaults to the graph's skg:caseId.
    """
    return analysis_graph(analyse_construct(case, case_id))


def analysis_triples(case: Graph, case_id: str | None = None) -> set:
    """analyse() as a set of pyoxigraph triples (for the reasoning engine's workspace)."""
    import pyoxigraph as ox

    data = analyse(case, case_id).serialize(format="nt", encoding="utf-8")
    return {q.triple for q in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}


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


# --------------------------------------------------------------------------------------------
# Export
# --------------------------------------------------------------------------------------------
def _scalar_graph(G: nx.Graph) -> nx.Graph:
    """A copy with only scalar attributes (lists joined by spaces, None dropped), as GraphML needs."""
    H = nx.Graph()
    H.graph.update({k: v for k, v in G.graph.items() if v is not None})

    def clean(d: dict) -> dict:
        out = {}
        for k, v in d.items():
            if v is None:
                continue
            out[k] = " ".join(map(str, v)) if isinstance(v, (list, tuple, set)) else v
        return out

    for n, d in G.nodes(data=True):
        H.add_node(n, **clean(d))
    for u, v, d in G.edges(data=True):
        H.add_edge(u, v, **clean(d))
    return H


def export(case: Graph | nx.Graph, fmt: str) -> str:
    """The construct graph as GraphML ('graphml') or node-link JSON ('json')."""
    import json

    if isinstance(case, nx.Graph):
        G = case
    else:
        G = analyse_construct(case).graph
    fmt = fmt.lower()
    if fmt == "graphml":
        import io

        buf = io.BytesIO()
        nx.write_graphml(_scalar_graph(G), buf, encoding="utf-8", prettyprint=True)
        return buf.getvalue().decode("utf-8").rstrip("\n") + "\n"
    if fmt == "json":
        try:
            data = nx.node_link_data(G, edges="links")
        except TypeError:  # networkx < 3.4
            data = nx.node_link_data(G)
        return json.dumps(data, indent=1, sort_keys=True, default=str) + "\n"
    raise ValueError(f"unknown export format '{fmt}': use graphml or json")


__all__ = ["build_construct_graph", "analyse", "analyse_construct", "analysis_graph", "analysis_triples",
           "export", "intact_graph", "read_facts", "rule_graph", "ConstructAnalysis", "Part", "Discontinuity",
           "Span", "RULE_IRI", "RULE_ID"]
