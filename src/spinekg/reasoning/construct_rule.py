"""The construct analysis as a rule kind: stratum 0, per case, memoised per hardware shape.

Its conclusions depend only on a case's hardware, fusions and hardware-failure findings, so cases
with the same of those (relative to their case IRI) share one analysis, kept as a template with the
case IRI left open. The analysis itself is ``spinekg.construct`` (pure); reading the facts and writing
the conclusions is ``spinekg.construct_rdf``.
"""
from __future__ import annotations

from collections import OrderedDict

from ..construct import analyse
from ..construct_rdf import RULE_ID, RULE_IRI, analysis_triples, read_facts
from ..hierarchy import schema
from ..ntriples import RDF_TYPE, TripleIndex
from ..provenance import derivation_triples
from ..vocab import BASE, SKG, case_iri
from .axioms import Axioms

_FAILURE_KINDS = ("RodConnectorFinding", "ScrewRodDisconnectionFinding", "ImplantFractureFinding")
# Facts of hardware and fusions the analysis never reads (they would split the memo's keys).
_KEY_SKIP = frozenset(f"<{BASE}{p}>" for p in ("reportText", "intervalBeforeStudy", "procedureDate",
                                              "procedureCount"))
_HAS_FINDING = f"<{SKG.hasFinding}>"
_HOLE = "\x00"  # stands for the case IRI in a memoised template
# Hardware shapes kept, least recently used dropped first: a shape's template is about 60 KB, so the memo
# holds at most about 120 MB in each process (20,000 grew a worker past 2 GB on a 100,000-case load).
MEMO_LIMIT = 2_000


class ConstructRule:
    """The construct analysis, run by the engine like a rule (stratum 0, before every SPARQL rule)."""

    id = RULE_ID
    iri = str(RULE_IRI)
    stratum = 0

    def __init__(self, ax: Axioms, memo: bool = True):
        self.ax = ax
        self.memo_on = memo
        self.memo: OrderedDict[str, list[tuple[str, str, str]]] = OrderedDict()
        self.hits = self.misses = 0
        sc = schema()
        failure = {BASE + k for k in _FAILURE_KINDS}
        self.fail_kinds = frozenset(f"<{c}>" for c in set(sc.supers) | failure
                                    if c in failure or sc.supers.get(c, frozenset()) & failure)

    def conclusions(self, case_id: str, triples: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        """The analysis of one case's asserted triples (N-Triples terms): its conclusions, their derivation
        records and everything those entail under the ontology's axioms."""
        base = case_iri(case_id)
        feed, key = self._feed(base, triples)
        tmpl = self.memo.get(key) if self.memo_on else None
        if tmpl is None:
            self.misses += 1
            out = analysis_triples(analyse(read_facts(TripleIndex(feed), case_id)))
            out += derivation_triples(self.id, out)
            seen = set(out)
            todo = list(out)
            while todo:  # the closure, once per hardware shape
                more = []
                for t in todo:
                    for d in self.ax.closure(*t):
                        if d not in seen:
                            seen.add(d)
                            out.append(d)
                            more.append(d)
                todo = more
            tmpl = [tuple(x.replace(base, _HOLE) for x in t) for t in out]  # type: ignore[misc]
            if self.memo_on:
                if len(self.memo) >= MEMO_LIMIT:
                    self.memo.popitem(last=False)
                self.memo[key] = tmpl
        else:
            self.hits += 1
            self.memo.move_to_end(key)
        return [(s.replace(_HOLE, base), p, o.replace(_HOLE, base)) for s, p, o in tmpl]

    def _feed(self, base: str, triples: list[tuple[str, str, str]]) -> tuple[list[str], str]:
        """The lines the analysis reads (the case's hardware, fusions, failure findings and the links to
        them) and the memo key they make (the same lines relative to the case, sorted)."""
        own = "<" + base
        cut = len(own)
        fails = {s for s, p, o in triples if p == RDF_TYPE and o in self.fail_kinds}
        heads = (own + "/implant/", own + "/construct/", own + "/procedure/")
        node = own + ">"
        klines, links = [], []
        for s, p, o in triples:
            if s.startswith(heads):
                if "/" in s[s.index("/", cut + 1) + 1:]:
                    continue  # a measurement node of a procedure
            elif s not in fails:
                if s == node and (p != _HAS_FINDING or o in fails):
                    links.append(f"{s} {p} {o} .")
                continue
            if p not in _KEY_SKIP:
                klines.append(f"{s} {p} {o} .")
        klines.sort()
        return links + klines, "\n".join(klines).replace(base, _HOLE)
