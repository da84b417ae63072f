"""Drawing a case's construct: the spine as a column of levels, the hardware on each side, what has failed.

``draw_case(case_graph, inferred_graph, path)`` writes an SVG or PNG a surgeon reads at a glance:

* the vertebral levels of the instrumented region (two levels of margin) as a labelled column, the
  fused levels shaded, the spinal junctions marked;
* the hardware of each side, viewed from the front (the patient's right on the left of the picture):
  rods as thick lines coloured by the piece of hardware they belong to (the construct parts of
  ``spinekg.construct``), screws coloured by status (intact; suspected loosening, from
  ``skg:ScrewLoosening``, with a lucency halo; malposition, from ``skg:ScrewMalposition``),
  rod-to-rod connectors, plates, cages;
* failed connections drawn broken and red (a red cross at a rod not secured in its connector, a gap
  and a zigzag at a rod fracture, a gap at a screw-rod disconnection);
* the findings as text beside their level, with their measurements ("4 mm lucency");
* the case title, a one-line verdict (continuous, or in how many pieces and where broken), and a legend.

SVGs keep their text as ``<text>`` (``svg.fonttype='none'``) and name their elements with ids:
``level-T2``, ``screw-T2-left``, ``rod-thoracic-left``, ``connector-C6-left``,
``failed-connector-C6-left-rod-thoracic-left``, ``annotation-right-T2-1``, ``legend``, ``title``
(see ``element_id``).
"""
from __future__ import annotations

import textwrap
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import matplotlib
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyBboxPatch, Patch, Rectangle
from rdflib import Graph, URIRef

from .anatomy import LEVELS, REGIONS, Level
from .construct import SIDES, ConstructAnalysis, FindingFacts
from .construct_rdf import analyse_case
from .vocab import RDF, SKG

FORMATS = {".svg": "svg", ".png": "png"}

# Colours: status colours are fixed; pieces of hardware get the PIECE colours in order.
INK = "#263238"
GREY = "#78909c"
INTACT = "#546e7a"
LOOSENING = "#ef6c00"
MALPOSITION = "#8e24aa"
FAILED = "#d32f2f"
FUSED_FILL = "#f5e6c8"
BODY_FILL = "#eceff1"
CONNECTOR_FILL = "#cfd8dc"
PIECES = ("#1565c0", "#00897b", "#6d4c41", "#3949ab", "#827717", "#5d4037")

UNIT = 0.46        # inches per data unit (one vertebral level is one unit high)
X_HALF = 9.5       # the drawing spans x in [-X_HALF, X_HALF]
BODY_HALF = 0.8    # half width of a vertebral body
LANE0 = 1.65       # x of the innermost rod
LANE_STEP = 0.42   # between rods of one side that overlap in level
MARGIN_LEVELS = 2
WRAP = 34          # characters per annotation line


def element_id(kind: str, implant_id: str) -> str:
    """The SVG id of a drawn implant: its kind, then its id (without repeating the kind).

    >>> element_id("screw", "screw-T2-left"), element_id("rod", "L")
    ('screw-T2-left', 'rod-L')
    """
    return implant_id if implant_id == kind or implant_id.startswith(f"{kind}-") else f"{kind}-{implant_id}"


def _num(v: Decimal | None) -> str:
    return "" if v is None else f"{v.normalize():f}"


def _short_dir(direction: str | None) -> str:
    return direction.lower() if direction else ""


def _sideless(label: str) -> str:
    """'left thoracic rod' -> 'thoracic rod'."""
    for word in ("left ", "right ", "bilateral ", "midline "):
        if label.lower().startswith(word):
            return label[len(word):]
    return label


def _grouped(labels: list[str]) -> list[str]:
    """'left cervical rod', 'right cervical rod' -> 'cervical rods (left, right)'."""
    by: dict[str, list[str]] = defaultdict(list)
    for lab in labels:
        rest = _sideless(lab)
        by[rest].append(lab[: len(lab) - len(rest)].strip())
    out = []
    for rest, sides in by.items():
        sides = [x for x in sides if x]
        if len(sides) > 1:
            out.append(f"{rest} ({', '.join(sides)})")
        else:
            out.append(f"{sides[0] + ' ' if sides else ''}{rest}")
    return out


def _statuses(inferred: Graph | None) -> dict[URIRef, set[str]]:
    """Screw statuses from the inferred graph: 'loosening' and/or 'malposition' per implant."""
    out: dict[URIRef, set[str]] = defaultdict(set)
    if inferred is None:
        return out
    for cls, tag in ((SKG.ScrewLoosening, "loosening"), (SKG.ScrewMalposition, "malposition")):
        for c in inferred.subjects(RDF.type, cls):
            possible = (c, SKG.certainty, SKG.PossibleCertainty) in inferred
            for x in inferred.objects(c, SKG.concerns):
                out[x].add(f"possible {tag}" if possible else tag)  # type: ignore[index]
    return out


def _finding_text(fd: FindingFacts, statuses: set[str]) -> tuple[str, str] | None:
    """A short annotation for a finding (without its subject), and its colour; None for findings not drawn."""
    if fd.is_a("PeriImplantLucency"):
        what = f"{_num(fd.width_mm)} mm lucency" if fd.width_mm is not None else "lucency"
        if fd.double_halo:
            what += " (double halo)"
        if "loosening" in statuses:
            return f"{what}: suspected loosening", LOOSENING
        if "possible loosening" in statuses and fd.status != "Uncertain":
            return f"{what}: possible loosening", LOOSENING
        return what, LOOSENING
    if fd.is_a("ScrewPositionFinding"):
        if fd.contained is not False and not fd.is_a("ScrewBreachFinding"):
            return None
        d = _short_dir(fd.direction)
        what = f"{d + ' ' if d else ''}breach"
        if fd.breach_mm is not None:
            what = f"{_num(fd.breach_mm)} mm {what}"
        return what, MALPOSITION
    if fd.is_a("RodConnectorFinding"):
        words = []
        if fd.secured is False:
            words.append("not secured in connector")
        if fd.subluxed:
            d = _short_dir(fd.direction)
            words.append(f"subluxed{' ' + d + 'ly' if d else ''}")
        return (", ".join(words), FAILED) if words else None
    if fd.is_a("ImplantFractureFinding"):
        return "fractured", FAILED
    if fd.is_a("ScrewRodDisconnectionFinding"):
        return "screw-rod disconnection", FAILED
    if fd.is_a("ImplantMigrationFinding"):
        d = _short_dir(fd.direction)
        dist = f" {_num(fd.distance_mm)} mm" if fd.distance_mm is not None else ""
        return f"migrated{dist}{' ' + d if d else ''}", LOOSENING
    if fd.is_a("ImplantSubsidenceFinding"):
        dist = f" {_num(fd.distance_mm)} mm" if fd.distance_mm is not None else ""
        return f"subsidence{dist}", LOOSENING
    return None


class _Drawing:
    def __init__(self, a: ConstructAnalysis, inferred: Graph | None):
        self.a = a
        self.G = a.graph
        self.statuses = _statuses(inferred)
        self.implants = a.facts.implants
        hw = list(a.instrumented.levels if a.instrumented else [])
        fused = [lv for span in a.fused for lv in span.levels]
        positions = [lv.position for lv in hw + fused]
        if positions:
            top = max(1, min(positions) - MARGIN_LEVELS)
            bottom = min(len(LEVELS), max(positions) + MARGIN_LEVELS)
            self.levels: list[Level] = LEVELS[top - 1: bottom]
        else:
            self.levels = []
        self.row = {lv.name: i for i, lv in enumerate(self.levels)}
        self.fused = {lv.name for lv in fused}
        self.lanes = self._lanes()
        self.possible_drawn = any({"possible loosening", "possible malposition"} & st
                                  and not {"loosening", "malposition"} & st for st in self.statuses.values())
        self.piece_colour = {p.index: PIECES[(p.index - 1) % len(PIECES)] for p in a.overall_parts}

    # geometry ----------------------------------------------------------------------------
    def y(self, name: str, frac: float = 0.5) -> float:
        return self.row[name] + frac

    @staticmethod
    def sign(side: str | None) -> int:
        # Viewed from the front: the patient's right is on the left of the picture.
        return -1 if side == "Right" else 1 if side == "Left" else 0

    def _lanes(self) -> dict[str, int]:
        """A lane per rod (IRI) so that rods of one side that overlap in level sit side by side."""
        lanes: dict[str, int] = {}
        by_side: dict[str | None, list] = defaultdict(list)
        for im in self.implants.values():
            if im.kind == "rod" and im.levels:
                by_side[im.side].append(im)
        for rods in by_side.values():
            rods.sort(key=lambda r: (-len(r.levels), r.levels[0].position, r.id))
            taken: list[list[tuple[int, int]]] = []
            for r in rods:
                lo, hi = r.levels[0].position, r.levels[-1].position
                for i, spans in enumerate(taken):
                    if all(hi < a or lo > b for a, b in spans):
                        spans.append((lo, hi))
                        lanes[str(r.iri)] = i
                        break
                else:
                    taken.append([(lo, hi)])
                    lanes[str(r.iri)] = len(taken) - 1
        return lanes

    def rod_x(self, rod_iri: str, side: str | None) -> float:
        s = self.sign(side)
        if s == 0:
            return 0.0
        return s * (LANE0 + LANE_STEP * self.lanes.get(rod_iri, 0))

    def outer_x(self, side: str) -> float:
        lanes = [self.lanes[str(im.iri)] for im in self.implants.values()
                 if im.kind == "rod" and im.side == side and str(im.iri) in self.lanes]
        return LANE0 + LANE_STEP * max(lanes, default=0)

    def shown(self, node: str) -> bool:
        names = self.G.nodes[node].get("levels") or []
        return any(n in self.row for n in names)

    # drawing -----------------------------------------------------------------------------
    def figure(self) -> Figure:
        n = max(len(self.levels), 1)
        legend_rows = (6 + self.possible_drawn + len(self.a.overall_parts) + 1) // 2
        self.head = self._head_texts()
        title_h = 0.3 + sum(0.27 * len(lines) * size / 12.5 for lines, size, _ in self.head)
        legend_h, header = 0.25 + 0.2 * legend_rows, 1.0
        footer = 0.7
        axes_h = (n + header + footer) * UNIT
        width = 2 * X_HALF * UNIT + 0.4
        height = title_h + axes_h + legend_h + 0.35
        fig = Figure(figsize=(width, height))
        ax = fig.add_axes((0.2 / width, (legend_h + 0.3) / height, 2 * X_HALF * UNIT / width, axes_h / height))
        ax.set_xlim(-X_HALF, X_HALF)
        ax.set_ylim(n + footer, -header)
        ax.set_aspect("equal")
        ax.axis("off")
        self.fig, self.ax = fig, ax
        self._title(title_h, height)
        if not self.levels:
            ax.text(0, n / 2, "no fusion hardware reported", ha="center", va="center", fontsize=12, color=GREY)
            return fig
        self._column()
        self._rods()
        self._connectors()
        self._midline_hardware()
        self._screws()
        self._annotations()
        self._legend()
        others = list(dict.fromkeys(im.label for im in self.a.facts.other_devices))
        if others:
            t = ax.text(0, n + 0.25, "not drawn (not fusion hardware): " + ", ".join(others), ha="center", va="top",
                        fontsize=8, color=GREY, style="italic")
            t.set_gid("not-drawn")
        return fig

    def _head_texts(self) -> list[tuple[list[str], float, str]]:
        """(lines, font size, colour) of the title, the verdict and the spans, wrapped to the width."""
        verdict, colour = self._verdict()
        spans: list[str] = []
        for para in self._span_text().split("\n"):
            line = ""
            for bit in para.split(" | "):
                if line and len(line) + len(bit) + 3 > 112:
                    spans.append(line)
                    line = bit
                else:
                    line = f"{line} | {bit}" if line else bit
            spans.append(line)
        return [(textwrap.wrap(self.a.facts.title, 78), 12.5, INK), (textwrap.wrap(verdict, 88), 11, colour),
                (spans, 9, INK)]

    def _title(self, title_h: float, height: float) -> None:
        y = 1 - 0.12 / height
        for (lines, size, colour), gid in zip(self.head, ("title", "verdict", "spans"), strict=False):
            t = self.fig.text(0.5, y, "\n".join(lines), ha="center", va="top", fontsize=size, color=colour,
                              weight="normal" if gid == "spans" else "bold")
            t.set_gid(gid)
            y -= (0.27 * len(lines) * size / 12.5 + 0.07) / height

    def _verdict(self) -> tuple[str, str]:
        """One line: continuous, or where it is broken and into how many load-bearing pieces."""
        a = self.a
        if not a.overall_parts:
            return "No fusion hardware reported", GREY
        bearing = [p for p in a.overall_parts
                   if any(self.G.nodes[k]["kind"] in {"rod", "plate"} for k in p.nodes)]
        if not a.discontinuities:
            loose = [p for p in a.overall_parts if p not in bearing]
            if loose or len(bearing) > 1:
                n = len(a.overall_parts)
                return f"Hardware in {n} separate pieces (no failed rod or connector reported)", LOOSENING
            return "Construct continuous: the hardware holds together", "#2e7d32"
        grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
        for d in a.discontinuities:
            where = "/".join(lv.name for lv in d.levels) or "an unreported level"
            what = "failed connector" if d.kind == "connector" else "rod fracture"
            grouped[(what, where)].append(d.side.lower() if d.side else "")
        breaks = []
        for (what, where), sides in grouped.items():
            sides = sorted(x for x in sides if x)
            on = f" ({' and '.join(sides)})" if sides else ""
            breaks.append(f"{what}{'s' if len(sides) > 1 else ''} at {where}{on}")
        n = len(bearing)
        pieces = f"{n} separate pieces" if n > 1 else "still one piece overall"
        return f"Construct DISCONTINUOUS: {'; '.join(breaks)}; {pieces}", FAILED

    def _span_text(self) -> str:
        a = self.a
        bits = []
        if a.instrumented:
            sp = a.instrumented
            bits.append(f"instrumented {sp.upper.name}-{sp.lower.name} (UIV {sp.upper.name}, LIV {sp.lower.name})")
        if a.fused:
            bits.append("fused " + ", ".join(f"{f.upper.name}-{f.lower.name}" for f in a.fused))
        js = (a.instrumented.junctions if a.instrumented else []) or [j for f in a.fused for j in f.junctions]
        if js:
            bits.append("crosses the " + " and ".join(js) + " junction")
        fix = {s: sum(len(p.fixation) for p in parts) for s, parts in a.side_parts.items()}
        if fix:
            bits.append("fixation points reported: " + ", ".join(f"{s.lower()} {n}" for s, n in fix.items()))
        return " | ".join(bits) + "\nviewed from the front: the patient's right is on the left"

    def _column(self) -> None:
        ax = self.ax
        ax.text(-(LANE0 + 0.3), -0.55, "RIGHT", ha="center", va="center", fontsize=11, weight="bold", color=INK)
        ax.text(LANE0 + 0.3, -0.55, "LEFT", ha="center", va="center", fontsize=11, weight="bold", color=INK)
        for lv in self.levels:
            y0 = self.y(lv.name, 0.1)
            fused = lv.name in self.fused
            body = FancyBboxPatch((-BODY_HALF, y0), 2 * BODY_HALF, 0.8, boxstyle="round,pad=0,rounding_size=0.12",
                                  facecolor=FUSED_FILL if fused else BODY_FILL, edgecolor=GREY, lw=0.8, zorder=1)
            body.set_gid(f"level-{lv.name}")
            ax.add_patch(body)
            t = ax.text(0, self.y(lv.name), lv.name, ha="center", va="center", fontsize=10, weight="bold",
                        color=INK, zorder=6)
            t.set_gid(f"level-{lv.name}-label")
        # regions: a bracket and a name in the left margin
        regions: dict[str, list[Level]] = defaultdict(list)
        for lv in self.levels:
            regions[lv.region].append(lv)
        for prefix, lvs in regions.items():
            x = -X_HALF + 0.35
            y0, y1 = self.y(lvs[0].name, 0.12), self.y(lvs[-1].name, 0.88)
            ax.plot([x + 0.15, x, x, x + 0.15], [y0, y0, y1, y1], color=GREY, lw=1)
            ax.text(x - 0.12, (y0 + y1) / 2, REGIONS[prefix][1], rotation=90, ha="right", va="center",
                    fontsize=8.5, color=GREY)
        # junctions: a dashed line between the two regions, named in the right margin
        for up, low, name in (("C7", "T1", "cervicothoracic"), ("T12", "L1", "thoracolumbar"), ("L5", "S1", "lumbosacral")):
            if up in self.row and low in self.row:
                y = self.row[low]
                line = Line2D([-X_HALF + 0.6, X_HALF - 0.1], [y, y], color=GREY, lw=0.9, ls=(0, (5, 4)), zorder=0)
                line.set_gid(f"junction-{name}")
                ax.add_line(line)
                ax.text(X_HALF - 0.1, y - 0.06, f"{name} junction", ha="right", va="bottom", fontsize=7.5,
                        style="italic", color=GREY)

    def _piece(self, node: str) -> str:
        return self.piece_colour.get(self.G.nodes[node].get("piece", 0), INK)

    def _breaks(self) -> list[tuple[str, str, float, float, dict]]:
        """(upper segment, lower segment, y where the upper ends, y where the lower starts, edge) per rod fracture.

        The break is drawn in the middle of the fracture level, or below it when an anchor at that level
        holds the upper segment.
        """
        G, out = self.G, []
        for u, v, e in G.edges(data=True):
            if e["kind"] != "rod" or not e["failed"]:
                continue
            up, low = (u, v) if G.nodes[u]["segment"] < G.nodes[v]["segment"] else (v, u)
            nu, nl = G.nodes[up], G.nodes[low]
            if not (nu["levels"] and nl["levels"]) or nu["levels"][-1] not in self.row or nl["levels"][0] not in self.row:
                continue
            x_level = nu["levels"][-1]
            anchored = any(G.edges[up, nb]["kind"] == "holds" and G.nodes[nb]["levels"][:1] == [x_level]
                           for nb in G.neighbors(up))
            if anchored:
                out.append((up, low, self.y(x_level, 0.86), self.y(nl["levels"][0], 0.12), e))
            else:
                out.append((up, low, self.y(x_level, 0.36), self.y(x_level, 0.64), e))
        return out

    def _rods(self) -> None:
        ax, G = self.ax, self.G
        breaks = self._breaks()
        ends = {up: ya for up, _, ya, _, _ in breaks}
        starts = {low: yb for _, low, _, yb, _ in breaks}
        for node, d in G.nodes(data=True):
            if d.get("kind") != "rod" or not self.shown(node):
                continue
            names = [nm for nm in d["levels"] if nm in self.row]
            x = self.rod_x(d["rod"], d.get("side"))
            y0 = starts.get(node, self.y(names[0], 0.06))
            y1 = ends.get(node, self.y(names[-1], 0.94))
            line = Line2D([x, x], [y0, y1], color=self._piece(node), lw=5.5, solid_capstyle="round", zorder=3)
            gid = element_id("rod", d["id"])
            line.set_gid(gid if d.get("segments", 1) == 1 else f"{gid}-segment-{d['segment']}")
            ax.add_line(line)
            if d.get("possible_fracture"):
                ax.text(x, self.y(names[-1], 0.5), "?", color=LOOSENING, ha="center", va="center", fontsize=10,
                        weight="bold", zorder=7)
        for up, _, ya, yb, e in breaks:
            nu = G.nodes[up]
            x = self.rod_x(nu["rod"], nu.get("side"))
            zx = [x - 0.22, x + 0.22, x - 0.22, x + 0.22]
            zy = [ya, ya + (yb - ya) / 3, ya + 2 * (yb - ya) / 3, yb]
            z = Line2D(zx, zy, color=FAILED, lw=2.4, zorder=8)
            z.set_gid(f"failed-{element_id('rod', nu['id'])}-fracture-{e.get('level') or 'unknown'}")
            ax.add_line(z)

    def _cross(self, x: float, y: float, gid: str, size: float = 0.2) -> None:
        nan = float("nan")
        line = Line2D([x - size, x + size, nan, x - size, x + size], [y - size, y + size, nan, y + size, y - size],
                      color=FAILED, lw=2.6, zorder=9, solid_capstyle="round")
        line.set_gid(gid)
        self.ax.add_line(line)

    def _connectors(self) -> None:
        ax, G = self.ax, self.G
        for node, d in G.nodes(data=True):
            if d.get("kind") != "connector" or not self.shown(node):
                continue
            name = next(nm for nm in d["levels"] if nm in self.row)
            crowded = any(x.get("kind") in {"screw", "hook"} and x.get("side") == d.get("side")
                          and x.get("levels", [None])[:1] == [name] for _, x in G.nodes(data=True))
            yc = self.y(name, 0.84 if crowded else 0.5)
            rods = [(nb, G.edges[node, nb]) for nb in G.neighbors(node) if G.edges[node, nb]["kind"] == "joins"]
            xs = [self.rod_x(G.nodes[r]["rod"], G.nodes[r].get("side")) for r, _ in rods] or [self.sign(d.get("side")) * LANE0]
            lo, hi = min(xs), max(xs)
            failed = any(e["failed"] for _, e in rods)
            half = 0.17 if crowded else 0.24
            box = FancyBboxPatch((lo - 0.22, yc - half), hi - lo + 0.44, 2 * half,
                                 boxstyle="round,pad=0,rounding_size=0.08", facecolor=CONNECTOR_FILL,
                                 edgecolor=FAILED if failed else INK, lw=1.6, ls="--" if failed else "-", zorder=4)
            box.set_gid(element_id("connector", d["id"]))
            ax.add_patch(box)
            for r, e in rods:
                x = self.rod_x(G.nodes[r]["rod"], G.nodes[r].get("side"))
                if e["failed"]:
                    # the rod end displaced out of its hole, and a red cross where it should be held
                    self._cross(x, yc, f"failed-{d['id']}-{G.nodes[r]['id']}")
                else:
                    ax.add_patch(Circle((x, yc), 0.1, facecolor="white", edgecolor=INK, lw=1, zorder=5))
                    if e["possible"]:
                        ax.text(x, yc, "?", ha="center", va="center", fontsize=9, color=LOOSENING, weight="bold",
                                zorder=9)

    def _midline_hardware(self) -> None:
        ax, G = self.ax, self.G
        for node, d in G.nodes(data=True):
            kind = d.get("kind")
            if kind not in {"plate", "cage", "crosslink"} or not self.shown(node):
                continue
            names = [nm for nm in d["levels"] if nm in self.row]
            if kind == "plate":
                p = Rectangle((-0.55, self.y(names[0], 0.15)), 1.1, self.y(names[-1], 0.85) - self.y(names[0], 0.15),
                              facecolor=self._piece(node), alpha=0.35, edgecolor=self._piece(node), lw=1.5, zorder=2)
            elif kind == "cage":
                yc = (self.y(names[0], 0.5) + self.y(names[-1], 0.5)) / 2 if len(names) > 1 else self.y(names[0], 0.5)
                if len(names) == 2:
                    yc = self.row[names[1]]
                p = Rectangle((-0.45, yc - 0.12), 0.9, 0.24, facecolor="white", edgecolor=self._piece(node),
                              lw=1.5, hatch="///", zorder=2)
            else:
                yc = self.y(names[0], 0.3)
                p = Rectangle((-LANE0, yc - 0.07), 2 * LANE0, 0.14, facecolor=self._piece(node), edgecolor=INK,
                              lw=0.8, zorder=2.5)
            p.set_gid(element_id(kind, d["id"]))
            ax.add_patch(p)

    def _screws(self) -> None:
        ax, G = self.ax, self.G
        for node, d in G.nodes(data=True):
            if d.get("kind") not in {"screw", "hook"} or not self.shown(node):
                continue
            side = d.get("side")
            s = self.sign(side) or 1
            name = d["levels"][0]
            yc = self.y(name)
            held = [(nb, G.edges[node, nb]) for nb in G.neighbors(node) if G.edges[node, nb]["kind"] == "holds"]
            if held:
                rod = held[0][0]
                xr = self.rod_x(G.nodes[rod]["rod"], G.nodes[rod].get("side"))
            else:
                xr = s * LANE0
            disconnected = any(e["failed"] for _, e in held)
            status = self.statuses.get(URIRef(d["iri"]), set())
            loose, malpos = "loosening" in status, "malposition" in status
            maybe = None if loose or malpos else (MALPOSITION if "possible malposition" in status else
                                                   LOOSENING if "possible loosening" in status else None)
            colour = MALPOSITION if malpos else LOOSENING if loose else INTACT
            xh = xr - s * 0.45 if disconnected else xr
            xt = s * 0.5
            if loose or "possible loosening" in status:
                halo = Line2D([xh, xt], [yc, yc], color=LOOSENING, lw=13, alpha=0.35 if loose else 0.15,
                              solid_capstyle="butt", zorder=4)
                halo.set_gid(f"halo-{element_id('screw', d['id'])}")
                ax.add_line(halo)
            shaft = Line2D([xh, xt], [yc, yc], color=colour, lw=3.6, solid_capstyle="butt", zorder=5)
            shaft.set_gid(element_id(d["kind"], d["id"]))
            ax.add_line(shaft)
            fractured = d.get("fractured")
            head = Circle((xh, yc), 0.17, facecolor="white" if maybe else colour, edgecolor=maybe or INK,
                          lw=2 if maybe else 1, zorder=6)
            head.set_gid(f"{element_id(d['kind'], d['id'])}-head")
            ax.add_patch(head)
            if fractured:
                self._cross((xh + xt) / 2, yc, f"failed-{d['id']}-fracture", 0.14)
            if disconnected:
                self._cross((xr + xh) / 2, yc, f"failed-{d['id']}-{G.nodes[held[0][0]]['id']}", 0.14)

    def _annotations(self) -> None:
        notes: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
        conn_level = {}
        for imp in self.implants.values():
            if imp.levels:
                conn_level[imp.iri] = (imp.levels[0].name, imp.side)
        for fd in self.a.facts.findings:
            if fd.status not in {"Affirmed", "Uncertain"}:
                continue
            im = self.implants.get(fd.about) if fd.about is not None else None
            if im is None:
                continue
            status = self.statuses.get(im.iri, set())
            got = _finding_text(fd, status)
            if got is None:
                continue
            text, colour = got
            side = fd.side if fd.side in SIDES else im.side
            if fd.connector is not None and fd.connector in conn_level:
                name, cside = conn_level[fd.connector]
                side = cside or side
            elif fd.levels:
                name = fd.levels[0].name
            elif im.levels:
                name = im.levels[0].name
            else:
                continue
            if side not in SIDES or name not in self.row:
                continue
            if im.kind not in {"screw", "hook"}:  # name the rod or connector; a screw is at its level
                text = f"{_sideless(im.label)} {text}" if im.kind == "rod" and fd.is_a("RodConnectorFinding") \
                    else f"{_sideless(im.label)}: {text}"
            if "malposition" in status and colour == MALPOSITION:
                text += ": malposition"
            if fd.status == "Uncertain":
                text, colour = f"possible {text}", LOOSENING
            notes[(side, name)].append((text, colour))
        for (side, name), items in notes.items():
            s = self.sign(side)
            x = s * (self.outer_x(side) + 0.55)
            wrapped = [(textwrap.wrap(t, WRAP), c) for t, c in items]
            total = sum(len(w) for w, _ in wrapped)
            step = 0.3
            y = self.y(name) - step * (total - 1) / 2
            for k, (lines, colour) in enumerate(wrapped, start=1):
                t = self.ax.text(x, y + step * (len(lines) - 1) / 2, "\n".join(lines), ha="left" if s > 0 else "right",
                                 va="center", fontsize=8.5, color=colour, linespacing=1.05, zorder=7,
                                 weight="bold" if colour == FAILED else "normal")
                t.set_gid(f"annotation-{side.lower()}-{name}-{k}")
                y += step * len(lines)

    def _legend(self) -> None:
        handles: list = []
        for p in self.a.overall_parts:
            if not any(self.G.nodes[k]["kind"] in {"rod", "plate", "cage", "crosslink"} for k in p.nodes):
                continue  # a lone anchor (e.g. a disconnected screw) is shown by its red cross
            kinds: dict[str, list[str]] = defaultdict(list)
            for k in sorted(p.nodes):
                d = self.G.nodes[k]
                if d["label"] not in kinds[d["kind"]]:
                    kinds[d["kind"]].append(d["label"])
            what = _grouped(kinds["rod"] + kinds["plate"] + kinds["cage"])
            for kind, word in (("connector", "connector"), ("crosslink", "cross-link"), ("screw", "screw"), ("hook", "hook")):
                if kinds[kind]:
                    what.append(f"{len(kinds[kind])} {word}{'s' if len(kinds[kind]) > 1 else ''}")
            if not p.fixation:
                what.append("no fixation reported")
            label = "\n".join(textwrap.wrap(f"piece {p.index}, {p.span_text}: {', '.join(what)}", 62))
            handles.append(Line2D([], [], color=self.piece_colour[p.index], lw=5, label=label))
        handles += [
            Line2D([], [], color=INTACT, lw=3.6, marker="o", markersize=8, markerfacecolor=INTACT,
                   markeredgecolor=INK, label="screw (no problem reported)"),
            Line2D([], [], color=LOOSENING, lw=3.6, marker="o", markersize=8, markerfacecolor=LOOSENING,
                   markeredgecolor=INK, label="suspected loosening (lucency halo)"),
            Line2D([], [], color=MALPOSITION, lw=3.6, marker="o", markersize=8, markerfacecolor=MALPOSITION,
                   markeredgecolor=INK, label="malposition (breach)"),
            *([Line2D([], [], color=INTACT, lw=3.6, marker="o", markersize=8, markerfacecolor="white",
                      markeredgecolor=LOOSENING, markeredgewidth=2, label="possible loosening or malposition")]
              if self.possible_drawn else []),
            Patch(facecolor=CONNECTOR_FILL, edgecolor=INK, label="rod-to-rod connector"),
            Line2D([], [], color=FAILED, lw=0, marker="x", markersize=10, markeredgewidth=2.6,
                   label="failed connection (red: not holding)"),
            Patch(facecolor=FUSED_FILL, edgecolor=GREY, label="fused level"),
        ]
        leg = self.fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8.5, frameon=True,
                              bbox_to_anchor=(0.5, 0.005), handlelength=2.6, columnspacing=2.0)
        leg.set_gid("legend")


def figure(case_graph: Graph, inferred_graph: Graph | None = None, case_id: str | None = None) -> Figure:
    """The construct drawing of a case as a matplotlib Figure (not attached to pyplot)."""
    return _Drawing(analyse_case(case_graph, case_id), inferred_graph).figure()


def draw_case(case_graph: Graph, inferred_graph: Graph | None, path: str | Path, case_id: str | None = None) -> Path:
    """Draw a case's construct to path (.svg or .png); return the path. ValueError for other extensions."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise ValueError(f"cannot draw to '{path.name}': use a .svg or .png file name")
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "spinekg", "font.family": "DejaVu Sans"}):
        fig = figure(case_graph, inferred_graph, case_id)
        metadata = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(path, format=fmt, dpi=150 if fmt == "png" else 72, metadata=metadata, facecolor="white")
    return path


__all__ = ["FORMATS", "draw_case", "element_id", "figure"]
