"""The construct analysis: how a case's fusion hardware holds together (facts in, analysis out; pure).

A surgeon reading a report asks first: what is still connected to what? ``analyse(facts)`` answers it
from a case's facts (``CaseFacts``: implants, findings, fusions; read from RDF by
``spinekg.construct_rdf.read_facts``) and returns a ``ConstructAnalysis``:

* ``graph``, a ``networkx.Graph``: the vertebral levels of the instrumented region (one level of
  margin each end) as an ordered path (nodes of kind ``level``, edges ``adjacent``); the fusion
  hardware: screws and hooks anchored in their level (``anchored``), rods spanning their levels
  (``spans``), rod-to-rod and transverse connectors at their level (``at``), plates anchored in each
  level they cover and cages at their levels; the mechanical connections (``mechanical=True``): a
  screw or hook seated on the rod on its side that spans its level (``holds``), a connector holding
  each rod it joins (``joins``), and, for a fractured rod, the continuity between its segments
  (``rod``). A connection reported as failed (an affirmed rod connector finding with the rod not
  secured or subluxed, a rod fracture, a screw-rod disconnection) is ``failed=True`` and does not
  hold; an uncertain one is ``possible=True`` and still holds. A rod fractured at level X is split
  into the segment above (down to and including X) and the segment below X.
* ``side_parts`` and ``overall_parts``: the connected pieces of hardware held together by intact
  connections, per side and overall (overall parts join the sides through the vertebrae both are
  fixed to: anchors of rod-bearing parts in the same vertebra on opposite sides, a plate or cage at
  that vertebra, rods of one declared construct on opposite sides at a common level, transverse
  connectors);
* ``discontinuities``: where a failed connector or a broken rod separates parts;
* ``instrumented`` and ``fused``: the instrumented span (levels bridged by intact hardware,
  junctions crossed) and the fused span from the fusion procedures.

Nothing here reads or writes RDF: see ``spinekg.construct_rdf`` (facts from triples, the analysis as
triples, the rule's metadata) and ``spinekg.construct_export`` (GraphML, JSON).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property

import networkx as nx
from rdflib import URIRef

from .anatomy import BY_NAME, LEVELS, Level, junctions
from .construct_graph import PlainGraph, components
from .vocab import SKG

SIDES = ("Left", "Right")

# Hardware kinds, most specific first: (ontology class, kind in the graph). Set screws are parts of
# other implants and are left out; anything else that is fusion hardware is kind "hardware".
_KINDS = (("Hook", "hook"), ("Screw", "screw"), ("RodToRodConnector", "connector"),
          ("TransverseConnector", "crosslink"), ("Rod", "rod"), ("Plate", "plate"), ("InterbodyCage", "cage"),
          ("SetScrew", None), ("FusionHardware", "hardware"))
ANCHORS = {"screw", "hook", "plate"}
LEVEL_KEY = {lv.name: str(SKG[lv.name]) for lv in LEVELS}  # a level's node in the graph (its IRI)


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
        self.G = PlainGraph(case=str(facts.case), case_id=facts.case_id, title=facts.title)
        self.rod_nodes: dict[URIRef, list[str]] = {}
        self.fractures: dict[URIRef, list[tuple[Level | None, _Failure]]] = defaultdict(list)

    # nodes -------------------------------------------------------------------------------
    def build(self) -> PlainGraph:
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
                    self._edge(str(im.iri), LEVEL_KEY[lv.name], "anchored")
            elif im.kind in {"cage", "connector", "crosslink", "hardware"}:
                for lv in im.levels:
                    self._edge(str(im.iri), LEVEL_KEY[lv.name], "at")
            if im.kind in {"connector", "crosslink"}:
                self._joins(im)
        self._apply_failures()
        return self.G

    def _node(self, key: str, im: Implant, levels: list[Level] | None = None, **extra: object) -> None:
        if levels is None:
            levels = im.levels
        self.G.add_node(key, kind=im.kind, iri=str(im.iri), id=im.id, label=im.label, rdf_type=im.rdf_type,
                        side=im.side, levels=[lv.name for lv in levels],
                        position=levels[0].position if levels else None,
                        construct=str(im.construct) if im.construct else None, **extra)

    def _edge(self, u: str, v: str, kind: str, mechanical: bool = False, **extra: object) -> None:
        node = self.G.node
        if u in node and v in node:
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
            key = LEVEL_KEY[lv.name]
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
                    located: list[Level | None] = [*fd.levels] or [None]
                    for lv in located:
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
                data = self.G.adj[u][v]
                data["findings"] = sorted({*data["findings"], *(str(f.finding) for f in fails_at[b])})
                data.update(failed=True, reason=f"rod fracture at {level_at[b].name}", level=level_at[b].name)
        for key in self.rod_nodes[im.iri]:
            for name in self.G.node[key]["levels"]:
                self._edge(key, LEVEL_KEY[name], "spans")

    def _rods_at(self, level: Level, side: str | None) -> list[str]:
        out = []
        for rod_iri, keys in self.rod_nodes.items():
            if self.f.implants[rod_iri].side != side:
                continue
            out += [k for k in keys if level.name in self.G.node[k]["levels"]]
        return out

    def _anchor(self, im: Implant) -> None:
        key = str(im.iri)
        if not im.levels:
            return
        level = im.levels[0]
        self._edge(key, LEVEL_KEY[level.name], "anchored")
        cands = self._rods_at(level, im.side)
        if not cands and im.side in SIDES:
            cands = self._rods_at(level, None)
        if not cands:
            return

        def rank(k: str) -> tuple:
            n = self.G.node[k]
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
            names = self.G.node[k]["levels"]
            if not names:
                return 999
            return min(abs(BY_NAME[n].position - level.position) for n in names)

        return sorted(keys, key=lambda k: (dist(k), keys.index(k)))[0]

    def _joins(self, im: Implant) -> None:
        level = im.levels[0] if im.levels else None
        rods = list(im.joins)
        if not rods and im.kind == "crosslink" and level is not None:
            rods = sorted({URIRef(self.G.node[k]["rod"]) for side in SIDES for k in self._rods_at(level, side)}, key=str)
        for rod in rods:
            node = self._rod_node_near(rod, level)
            if node is not None:
                self._edge(str(im.iri), node, "joins", mechanical=True)

    # failures ---------------------------------------------------------------------------
    def _edges_to_rod(self, conn: URIRef, rod: URIRef | None) -> list[tuple[str, str]]:
        key = str(conn)
        if key not in self.G:
            return []
        node = self.G.node
        return [(key, nb) for nb, d in self.G.adj[key].items()
                if d["kind"] == "joins" and (rod is None or node[nb].get("rod") == str(rod))]

    def _holds_edges(self, node_filter) -> list[tuple[str, str]]:
        return [(u, v) for u, v, d in self.G.edges() if d["kind"] == "holds" and node_filter(u, v)]

    def _mark(self, edges: Iterable[tuple[str, str]], fail: _Failure) -> None:
        for u, v in edges:
            d = self.G.adj[u][v]
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
                    self._mark(self._holds_edges(lambda u, v, key=key: key in (u, v)), fail)
                elif about.kind == "rod" and fd.connector is not None:
                    self._mark(self._edges_to_rod(fd.connector, about.iri), fail)
                elif about.kind == "rod":
                    rods = set(self.rod_nodes.get(about.iri, []))
                    names = {lv.name for lv in fd.levels}

                    def at_level(u: str, v: str, rods: set[str] = rods, names: set[str] = names) -> bool:
                        screw = v if u in rods else u if v in rods else None
                        return screw is not None and (not names or bool(set(self.G.node[screw]["levels"]) & names))

                    self._mark(self._holds_edges(at_level), fail)
                elif about.kind in {"connector", "crosslink"}:
                    self._mark(self._edges_to_rod(about.iri, None), fail)
            elif fd.is_a("ImplantFractureFinding") and about is not None:
                if about.kind == "rod":
                    if not affirmed:
                        for key in self.rod_nodes.get(about.iri, []):
                            self.G.node[key]["possible_fracture"] = True
                    continue  # affirmed rod fractures split the rod (see _rod)
                fail = _Failure(fd.iri, affirmed, f"{about.kind or 'implant'} fracture")
                key = str(about.iri)
                if about.kind in {"screw", "hook"}:
                    self._mark([(key, nb) for nb, d in self.G.adj[key].items() if d["kind"] == "anchored"]
                               if key in self.G else [], fail)
                elif about.kind in {"connector", "crosslink"}:
                    self._mark(self._edges_to_rod(about.iri, None), fail)
                if key in self.G:
                    self.G.node[key]["fractured" if affirmed else "possible_fracture"] = True


def is_hardware(data: dict) -> bool:
    return data.get("kind") not in (None, "level")


def intact_graph(G: nx.Graph, nodes: Iterable[str] | None = None) -> nx.Graph:
    """The hardware held together by intact connections: mechanical edges that have not failed."""
    keep = set(nodes) if nodes is not None else {n for n, d in G.nodes(data=True) if is_hardware(d)}
    H: nx.Graph[str] = nx.Graph()
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
    plain: PlainGraph  # the construct graph as analysed; `graph` is the same as a networkx.Graph
    side_parts: dict[str, list[Part]]
    overall_parts: list[Part]
    discontinuities: list[Discontinuity]
    instrumented: Span | None
    fused: list[Span]  # one per run of contiguous fused levels: separate fusions are separate spans

    @cached_property
    def graph(self) -> nx.Graph:
        """The construct graph as a networkx.Graph (made when first asked for)."""
        return self.plain.to_networkx()

    def part_of(self, node: str, scope: str = "overall") -> Part | None:
        parts = self.overall_parts if scope == "overall" else self.side_parts.get(scope, [])
        return next((p for p in parts if node in p.nodes), None)


def _node_levels(G: PlainGraph, nodes: Iterable[str]) -> list[Level]:
    node = G.node
    out = {n for k in nodes for n in node[k].get("levels", ())}
    return sorted((BY_NAME[n] for n in out if n in BY_NAME), key=lambda lv: lv.position)


def _contiguous(levels: list[Level]) -> list[list[Level]]:
    runs: list[list[Level]] = []
    for lv in levels:
        if runs and lv.position == runs[-1][-1].position + 1:
            runs[-1].append(lv)
        else:
            runs.append([lv])
    return runs


def junction_names(levels: list[Level]) -> list[str]:
    """The junctions (cervicothoracic, thoracolumbar, lumbosacral) the contiguous runs of these levels cross."""
    return _junctions(levels)


def _junctions(levels: list[Level]) -> list[str]:
    out: list[str] = []
    for run in _contiguous(levels):
        out += [j for j in junctions(run) if j not in out]
    return out


def _intact(G: PlainGraph, keep: list[str]) -> dict[str, set[str]]:
    """The intact connections among these nodes (see intact_graph), as {node: neighbours}."""
    inside = set(keep)
    adj: dict[str, set[str]] = {k: set() for k in keep}
    for k in keep:
        for nb, d in G.adj[k].items():
            if nb in inside and d.get("mechanical") and not d.get("failed"):
                adj[k].add(nb)
    return adj


def _make_parts(G: PlainGraph, adj: dict[str, set[str]], scope: str, base: str,
                uri: dict[str, URIRef]) -> list[Part]:
    node = G.node
    comps = [sorted(c) for c in components(adj, adj)]
    infos = []
    for comp in comps:
        levels = _node_levels(G, comp)
        by_position = sorted(comp, key=lambda k: (node[k].get("position") or 99, k))
        names = dict.fromkeys(node[k]["iri"] for k in by_position)  # an IRI once (a rod's segments share it)
        members = [uri.get(x) or URIRef(x) for x in names]
        fixation: list[tuple[URIRef, Level]] = []
        for k in comp:
            d = node[k]
            if d["kind"] not in ANCHORS:
                continue
            for nb, e in G.adj[k].items():
                if e["kind"] == "anchored" and not e["failed"] and node[nb]["kind"] == "level":
                    fixation.append((uri.get(d["iri"]) or URIRef(d["iri"]), BY_NAME[node[nb]["name"]]))
        fixation.sort(key=lambda x: (x[1].position, str(x[0])))
        sides = sorted({node[k]["side"] for k in comp if node[k].get("side")})
        key = (levels[0].position if levels else 99, levels[-1].position if levels else 99, [str(m) for m in members])
        infos.append((key, comp, levels, members, fixation, sides, by_position))
    infos.sort(key=lambda x: x[0])
    out = []
    for i, (_, comp, levels, members, fixation, sides, by_position) in enumerate(infos, 1):
        name = f"{scope.lower()}-{i}"
        labels = [node[k]["label"] for k in by_position]
        out.append(Part(URIRef(f"{base}/construct-graph/part/{name}"), scope, i, list(comp), members, levels,
                        sides, fixation, list(dict.fromkeys(labels))))
    return out


def _bone_links(G: PlainGraph, side_parts: dict[str, list[Part]]) -> list[tuple[str, str]]:
    """Links across the midline through the vertebrae both sides are fixed to (see the module docstring)."""
    node = G.node
    part_has_rod = {}
    for parts in side_parts.values():
        for p in parts:
            has_rod = any(node[k]["kind"] == "rod" for k in p.nodes)
            for k in p.nodes:
                part_has_rod[k] = has_rod
    at_level: dict[str, list[tuple[str, str]]] = defaultdict(list)  # level -> [(node, side)]
    for u, v, d in G.edges():
        if d["kind"] not in {"anchored", "at"} or d["failed"]:
            continue
        key, lvl = (u, v) if node[v]["kind"] == "level" else (v, u)
        nd = node[key]
        if nd["kind"] in {"screw", "hook"} and not part_has_rod.get(key):
            continue
        if nd["kind"] in {"screw", "hook", "plate", "cage"}:
            at_level[node[lvl]["name"]].append((key, nd.get("side") or "Midline"))
    for key, d in node.items():  # rods of one declared construct, by level
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


def analyse(facts: CaseFacts) -> ConstructAnalysis:
    """Build the construct graph and find its parts, discontinuities and spans.

    Hardware nodes of the graph carry ``part`` (the index of their side part) and ``piece`` (of their
    overall part).
    """
    G = _Builder(facts).build()
    node = G.node
    base = str(facts.case)
    hardware = [n for n, d in node.items() if is_hardware(d)]

    uri = {str(k): k for k in facts.implants}  # the implants' IRIs as the facts hold them
    side_parts = {side: _make_parts(G, _intact(G, [n for n in hardware if node[n].get("side") == side]),
                                    side, base, uri) for side in SIDES}
    side_parts = {s: p for s, p in side_parts.items() if p}
    H = _intact(G, hardware)
    for a, b in _bone_links(G, side_parts):
        H[a].add(b)
        H[b].add(a)
    overall = _make_parts(G, H, "overall", base, uri)
    for scope, parts in [*side_parts.items(), ("overall", overall)]:
        for p in parts:
            for k in p.nodes:
                node[k]["piece" if scope == "overall" else "part"] = p.index

    discs = _discontinuities(facts, G, side_parts, overall)
    instrumented = None
    levels = _node_levels(G, hardware)
    if levels:
        levels = LEVELS[levels[0].position - 1: levels[-1].position]
        bridged = sorted({lv for p in overall if len(p.levels) > 1
                          for lv in LEVELS[p.levels[0].position - 1: p.levels[-1].position]},
                         key=lambda lv: lv.position)
        ends = {levels[0].name, levels[-1].name}
        premises = sorted({URIRef(node[k]["iri"]) for k in hardware if ends & set(node[k]["levels"])}, key=str)
        instrumented = Span(URIRef(f"{base}/construct-graph/instrumented-span"), levels, junctions(levels),
                            bridged, premises + [p.iri for p in overall])
    fused_levels = sorted({lv for _, lvs in facts.fusions for lv in lvs}, key=lambda lv: lv.position)
    runs = _contiguous(fused_levels)
    fused = []
    for run in runs:
        name = "fused-span" if len(runs) == 1 else f"fused-span/{run[0].name}-{run[-1].name}"
        premises = [p for p, lvs in facts.fusions if set(lvs) & set(run)]
        fused.append(Span(URIRef(f"{base}/construct-graph/{name}"), run, junctions(run), premises=premises))
    return ConstructAnalysis(facts, G, side_parts, overall, discs, instrumented, fused)


def _discontinuities(facts: CaseFacts, G: PlainGraph, side_parts: dict[str, list[Part]],
                     overall: list[Part]) -> list[Discontinuity]:
    def part(node: str, scope: str) -> Part | None:
        parts = overall if scope == "overall" else side_parts.get(scope, [])
        return next((p for p in parts if node in p.nodes), None)

    found: dict[URIRef, Discontinuity] = {}
    node = G.node
    for u, v, d in G.edges():
        if not d["failed"] or d["kind"] not in {"joins", "rod"}:
            continue
        su, sv = node[u].get("side"), node[v].get("side")
        scope = su if su == sv and su in SIDES else "overall"
        pu, pv = part(u, scope), part(v, scope)
        if pu is None or pv is None or pu is pv:
            continue
        if d["kind"] == "joins":
            conn_key = u if node[u]["kind"] in {"connector", "crosslink"} else v
            conn = facts.implants[URIRef(node[conn_key]["iri"])]
            targets: list[tuple[URIRef, str, Implant, list[URIRef]]] = [
                (URIRef(f"{conn.iri}/discontinuity"), "connector", conn, [])]
        else:
            rod = facts.implants[URIRef(node[u]["rod"])]
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
    for _key, d in node.items():
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



__all__ = [
    "ANCHORS",
    "SIDES",
    "CaseFacts",
    "ConstructAnalysis",
    "Discontinuity",
    "FindingFacts",
    "Implant",
    "Part",
    "Span",
    "analyse",
    "intact_graph",
    "is_hardware",
    "junction_names",
]
