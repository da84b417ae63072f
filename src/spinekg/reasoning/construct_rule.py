"""The construct analysis as a rule kind: stratum 0, per case, memoised per hardware shape.

Its conclusions depend only on a case's hardware, fusions and hardware-failure findings, so cases
with the same of those (relative to their case IRI) share one analysis, kept as a template with the
case IRI left open. The analysis itself is ``spinekg.construct`` (pure); reading the facts and writing
the conclusions is ``spinekg.construct_rdf``.
"""
from __future__ import annotations

from collections import OrderedDict

from ..construct import analyse
from ..construct_facts import facts_from_triples
from ..construct_rdf import RULE_ID, RULE_IRI, analysis_triples
from ..hierarchy import schema
from ..ntriples import RDF_TYPE, split
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

    def __init__(self, ax: Axioms, memo: bool = True, reads: frozenset[str] | None = None):
        self.ax = ax
        self.memo_on = memo
        self.reads = reads  # what the rules read (None: everything), to mark the lines for the workspace
        # least recently used first (popped past MEMO_LIMIT; a hit moves its shape to the end)
        self.memo: OrderedDict[str, tuple[str, tuple[str | None, ...]]] = OrderedDict()
        self.hits = self.misses = 0
        self._names: dict[tuple[str, str], str | None] = {}  # (predicate, object) -> _name
        sc = schema()
        failure = {BASE + k for k in _FAILURE_KINDS}
        self.fail_kinds = frozenset(f"<{c}>" for c in set(sc.supers) | failure
                                    if c in failure or sc.supers.get(c, frozenset()) & failure)

    def conclusions(self, case_id: str, triples: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
        """The analysis of one case's asserted triples (N-Triples terms): its conclusions, their derivation
        records and everything those entail under the ontology's axioms, as triples of N-Triples terms."""
        return [split(x) for x in self.lines(case_id, triples)[0]]

    def lines(self, case_id: str, triples: list[tuple[str, str, str]]) -> tuple[list[str], tuple[str | None, ...]]:
        """What ``conclusions`` gives, as N-Triples lines (the engine's form); and for each line, the
        predicate (or class) a rule reads it by, or None when no rule reads it."""
        base = case_iri(case_id)
        feed, key = self._feed(base, triples)
        memo_key = key if self.memo_on else None
        hit = self.memo.get(memo_key) if memo_key is not None else None
        if hit is not None:
            self.hits += 1
            self.memo.move_to_end(memo_key)  # type: ignore[arg-type]
            text, names = hit
            return (text.replace(_HOLE, base).split("\n") if names else []), names
        self.misses += 1
        out = analysis_triples(analyse(facts_from_triples(feed, case_id)))
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
            todo = more if not self.ax.one_step else []  # complete in one step (Axioms.one_step)
        lines = [f"{s} {p} {o} ." for s, p, o in out]
        known, name, unknown = self._names, self._name, _HOLE  # _HOLE is never a name
        names = tuple(n if (n := known.get((p, o), unknown)) is not unknown else name(p, o) for _, p, o in out)
        if memo_key is not None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.popitem(last=False)
            # one replace over the joined lines is the same as one per term: the case IRI holds no space
            self.memo[memo_key] = ("\n".join(lines).replace(base, _HOLE), names)
        return lines, names

    def _name(self, p: str, o: str) -> str | None:
        """The predicate (or for rdf:type, the class) a rule reads this triple by, or None if none does."""
        r = self.reads
        name = o if p == RDF_TYPE else p
        out = name if r is None or name in r or (p == RDF_TYPE and RDF_TYPE in r) else None
        if p == RDF_TYPE or o[0] != '"':  # not for each literal value
            if len(self._names) >= MEMO_LIMIT:
                self._names.clear()
            self._names[p, o] = out
        return out

    def _feed(self, base: str, triples: list[tuple[str, str, str]]) -> tuple[list[tuple[str, str, str]], str | None]:
        """The triples the analysis reads (the case's hardware, fusions, failure findings and the links to
        them; the links first, then the others in the order of their lines) and the memo key they make
        (their lines relative to the case, sorted; None when a line holds the character that stands for
        the case IRI in the memo)."""
        own = "<" + base
        cut = len(own)
        fails = {s for s, p, o in triples if p == RDF_TYPE and o in self.fail_kinds}
        heads = (own + "/implant/", own + "/construct/", own + "/procedure/")
        node = own + ">"
        keep, links = [], []
        for t in triples:
            s, p, o = t
            if s.startswith(heads):
                if "/" in s[s.index("/", cut + 1) + 1:]:
                    continue  # a measurement node of a procedure
            elif s not in fails:
                if s == node and (p != _HAS_FINDING or o in fails):
                    links.append(t)
                continue
            if p not in _KEY_SKIP:
                keep.append(t)
        # sorting the triples sorts their lines: a term is never followed, in another, by a character
        # that sorts before the space between terms
        keep.sort()
        text = "\n".join([f"{s} {p} {o} ." for s, p, o in keep])
        return links + keep, None if _HOLE in text else text.replace(base, _HOLE)
