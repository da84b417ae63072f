"""The fixpoint engine: ontology axioms and the rules in strata, writing conclusions with derivations."""
from __future__ import annotations

import threading
from collections import defaultdict
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Graph

from ..data import literature_graph, ontology_graph, parameters_graph
from ..vocab import PROV, RDF, SKG
from . import axioms
from .rules import Rule, load_rules, rules_graph

STATIC = ox.NamedNode("urn:spinekg:reasoning:static")
CASE = ox.NamedNode("urn:spinekg:reasoning:case")
INFERRED = ox.NamedNode("urn:spinekg:reasoning:inferred")
PARAMS = ox.NamedNode("urn:spinekg:reasoning:params")

WAS_DERIVED_FROM = ox.NamedNode(str(PROV.wasDerivedFrom))
WAS_GENERATED_BY = ox.NamedNode(str(PROV.wasGeneratedBy))
USED = ox.NamedNode(str(PROV.used))
TYPE = ox.NamedNode(str(RDF.type))
DERIVATION = ox.NamedNode(str(SKG.Derivation))
ACTIVITY = ox.NamedNode(str(PROV.Activity))
APPLIED_RULE = ox.NamedNode(str(SKG.appliedRule))
MAX_ROUNDS = 50


class ReasoningError(RuntimeError):
    """Raised when the rules do not reach a fixpoint or a rule query fails."""


def _load(store: ox.Store, graph: Graph, name: ox.NamedNode) -> None:
    data = graph.serialize(format="nt", encoding="utf-8")
    if data.strip():
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=name)


class Workspace:
    """An in-memory store holding the static graphs once; each case is reasoned in it in turn."""

    RENEW_AFTER = 200  # cases: an in-memory pyoxigraph store keeps what is removed from it, and slows down

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.static = b"".join(g.serialize(format="nt", encoding="utf-8")
                               for g in (ontology_graph(), literature_graph(), parameters_graph(), rules_graph()))
        self._new_store()
        self.rules = load_rules()
        self.strata = sorted({r.stratum for r in self.rules})

    def _new_store(self) -> None:
        self.store = ox.Store()
        self.used = 0
        self.store.load(self.static, format=ox.RdfFormat.N_TRIPLES, to_graph=STATIC)

    def reason(self, case: Graph, pretest: float | None = None) -> Graph:
        """The inferred graph of one case as an rdflib Graph."""
        out = Graph()
        text = self.reason_ntriples(case, pretest)
        if text:
            out.parse(data=text, format="nt")
        return out

    def reason_ntriples(self, case: Graph, pretest: float | None = None) -> str:
        """The inferred graph of one case as N-Triples text (no rdflib round trip: the store takes it as is)."""
        with self.lock:
            self.used += 1
            if self.used > self.RENEW_AFTER:
                self._new_store()
                self.used = 1
            for g in (CASE, INFERRED, PARAMS):
                self.store.remove_graph(g)
            _load(self.store, case, CASE)
            if pretest is not None:
                self._set_pretest(pretest)
            asserted = {q.triple for q in self.store.quads_for_pattern(None, None, None, CASE)}
            inferred: set[ox.Triple] = set()
            self._add(axioms.entailments(asserted, set(asserted)), inferred, asserted)
            # How the hardware holds together (construct graph), so rules can use its facts.
            from ..construct import analysis_triples

            self._add(analysis_triples(case), inferred, asserted)
            for stratum in self.strata:
                rules = [r for r in self.rules if r.stratum == stratum]
                for _ in range(MAX_ROUNDS):
                    if not self._round(rules, inferred, asserted):
                        break
                else:
                    raise ReasoningError(f"stratum {stratum} did not reach a fixpoint in {MAX_ROUNDS} rounds")
            data = self.store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=INFERRED)
            return data.decode("utf-8") if data else ""

    def _set_pretest(self, p: float) -> None:
        node = ox.NamedNode(str(SKG["parameter/user-pretest-loosening"]))
        self.store.extend([
            ox.Quad(node, TYPE, ox.NamedNode(str(SKG.PretestSetting)), PARAMS),
            ox.Quad(node, ox.NamedNode(str(SKG.probability)),
                    ox.Literal(str(Decimal(str(p))), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal")),
                    PARAMS),
            ox.Quad(node, ox.NamedNode(str(SKG.userOverride)), ox.Literal(True), PARAMS),
            ox.Quad(node, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                    ox.Literal(f"pretest probability {p:g} set by the user"), PARAMS),
        ])

    def _round(self, rules: list[Rule], inferred: set[ox.Triple], asserted: set[ox.Triple]) -> bool:
        added: set[ox.Triple] = set()
        for rule in rules:
            try:
                triples = list(self.store.query(rule.query, default_graph=[STATIC, CASE, INFERRED, PARAMS]))
            except (SyntaxError, OSError) as exc:
                raise ReasoningError(f"rule {rule.id} ({rule.file}) failed: {exc}") from None
            fresh = [t for t in triples if t not in inferred and t not in asserted and t not in added]
            premises: dict[ox.NamedNode, set] = defaultdict(set)
            for t in triples:
                if t.predicate == WAS_DERIVED_FROM and isinstance(t.subject, ox.NamedNode):
                    premises[t.subject].add(t.object)
            for conclusion, used in premises.items():
                d = ox.NamedNode(f"{conclusion.value}/derivation/{rule.id}")
                fresh += [ox.Triple(d, TYPE, DERIVATION), ox.Triple(d, TYPE, ACTIVITY),
                          ox.Triple(d, APPLIED_RULE, ox.NamedNode(rule.iri)),
                          ox.Triple(conclusion, WAS_GENERATED_BY, d)]
                fresh += [ox.Triple(d, USED, p) for p in used]
            added.update(t for t in fresh if t not in inferred and t not in asserted)
        if not added:
            return False
        self._add(added, inferred, asserted)
        return True

    def _add(self, triples: set[ox.Triple], inferred: set[ox.Triple], asserted: set[ox.Triple]) -> None:
        triples = {t for t in triples if t not in asserted}
        known = inferred | asserted | triples
        triples |= axioms.entailments(triples, known)
        triples -= asserted
        inferred |= triples
        self.store.extend([ox.Quad(t.subject, t.predicate, t.object, INFERRED) for t in triples])


_workspace: Workspace | None = None
_ws_lock = threading.Lock()


def workspace() -> Workspace:
    """The process-wide reasoning workspace (built on first use)."""
    global _workspace
    with _ws_lock:
        if _workspace is None:
            _workspace = Workspace()
        return _workspace


def _check_pretest(pretest: float | None) -> None:
    if pretest is not None and not (0.0 < pretest < 1.0):
        raise ValueError(f"the pretest probability must be between 0 and 1 (exclusive), got {pretest}")


def reason_case_graph(case: Graph, case_id: str, kg: object = None, *, pretest: float | None = None) -> Graph:
    """Reason over one case's asserted graph; return its inferred graph (conclusions and derivations)."""
    _check_pretest(pretest)
    return workspace().reason(case, pretest)


def reason_case_ntriples(case: Graph, case_id: str, *, pretest: float | None = None) -> str:
    """Like reason_case_graph, as N-Triples text (what the stores load directly)."""
    _check_pretest(pretest)
    return workspace().reason_ntriples(case, pretest)
