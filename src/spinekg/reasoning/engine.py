"""The reasoner: one set-at-a-time engine; reasoning one case is reasoning a batch of one.

``Engine.reason(cases)`` takes a chunk of cases (their asserted N-Triples, and a user's pretest setting
per case if any) and returns each case's inferred graph as N-Triples: the ontology's axioms applied to
its facts, the construct analysis (stratum 0), then the rules of ``rules/`` stratum by stratum to a
fixpoint, every conclusion with its derivation record (``spinekg.provenance``).

How it gets there, for any number of cases at once:

* **One workspace per chunk.** The chunk's triples go into one in-memory pyoxigraph store with the
  static graphs (ontology, literature, parameters, rule metadata). Every rule is written per ``?case``,
  so each runs once over the whole chunk, as written in its file (CONSTRUCT). Each conclusion
  belongs to the case whose IRI its subject lies under (everything a case names lies under its case
  IRI, and rules mint their conclusions' IRIs under it), so a case's conclusions never depend on the
  other cases of its chunk (tests/test_determinism.py).
* **Only what the rules read enters the workspace.** The axiom closure (supertypes, superproperties,
  inverses, transitive chains), the construct analysis and the derivation records all go to the
  output, but only triples whose predicate (or, for ``rdf:type``, class) some rule reads are loaded.
* **Rules run when they can match.** A rule runs in a round only when every predicate and class its
  solutions need is present, and again only when the round before added something it reads that can
  give it a new solution: a triple matching one of its patterns whose subject and object match the
  patterns that share their variables (``spinekg.sparql.triggers``, checked in the workspace).
* **A kept workspace for small calls.** With ``reuse``, the static graphs stay loaded between calls
  (one new case costs only its own triples), renewed every RENEW_AFTER calls (an in-memory pyoxigraph
  store keeps what is removed from it).
"""
from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

import pyoxigraph as ox

from ..errors import SpinekgError
from ..ntriples import RDF_TYPE, boolean, from_tsv, literal, split, typed
from ..ntriples import lines as nt_lines
from ..provenance import derivation_triples
from ..sparql import construct_as_select
from ..vocab import CASE_BASE, RDFS, SKG, case_iri
from .axioms import Axioms, axioms
from .construct_rule import ConstructRule
from .rules import Rule, load_rules

MAX_ROUNDS = 50
RENEW_AFTER = 200
_CASE_OPEN = "<" + CASE_BASE
Triple = tuple[str, str, str]


class ReasoningError(SpinekgError, RuntimeError):
    """The reasoner could not finish: a rule failed, drew a conclusion outside its case, or found no fixpoint."""


@dataclass(frozen=True)
class CaseInput:
    """One case to reason: its id, its asserted graph as N-Triples, and the pretest settings a user chose
    for it: a pretest probability of screw loosening, or the basis of the default one ("per-screw",
    the default, or "per-patient")."""

    case_id: str
    ntriples: str
    pretest: float | None = None
    pretest_basis: str | None = None


@dataclass
class Stats:
    """What the engine did (for the benchmark and profiling)."""

    cases: int = 0
    rule_runs: int = 0
    rounds: int = 0
    output_triples: int = 0
    construct_hits: int = 0
    construct_misses: int = 0
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, other: Stats) -> None:
        for k in ("cases", "rule_runs", "rounds", "output_triples", "construct_hits", "construct_misses"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for k, v in other.timings.items():
            self.timings[k] += v


def check_pretest(pretest: float | None) -> None:
    """ValueError unless the pretest probability is None or strictly between 0 and 1."""
    if pretest is not None and not (isinstance(pretest, (int, float)) and 0.0 < pretest < 1.0):
        raise ValueError(f"the pretest probability must be between 0 and 1 (exclusive), got {pretest}")


PRETEST_BASES = {"per-screw": "PerScrewPretest", "per-patient": "PerPatientPretest"}


def check_pretest_basis(basis: str | None) -> None:
    """ValueError unless the pretest basis is None, 'per-screw' or 'per-patient'."""
    if basis is not None and basis not in PRETEST_BASES:
        raise ValueError(f"the pretest basis must be {' or '.join(PRETEST_BASES)}, got {basis!r}")


def setting_triples(case_id: str, pretest: float | None = None, basis: str | None = None) -> list[Triple]:
    """The settings a user chose for one case, as triples (read by the post-test probability rules)."""
    check_pretest(pretest)
    check_pretest_basis(basis)
    out = pretest_triples(case_id, pretest) if pretest is not None else []
    if basis is not None:
        out.append((f"<{case_iri(case_id)}>", f"<{SKG.usesPretestBasis}>", f"<{SKG[PRETEST_BASES[basis]]}>"))
    return out


def pretest_triples(case_id: str, pretest: float) -> list[Triple]:
    """The setting a user's pretest makes for one case (read by the post-test probability rules)."""
    case = f"<{case_iri(case_id)}>"
    node = f"<{case_iri(case_id)}/setting/pretest-loosening>"
    return [(case, f"<{SKG.usesPretestSetting}>", node),
            (node, RDF_TYPE, f"<{SKG.PretestSetting}>"),
            (node, f"<{SKG.probability}>", typed(str(Decimal(str(pretest))), "decimal")),
            (node, f"<{SKG.userOverride}>", boolean(True)),
            (node, f"<{RDFS.label}>", literal(f"pretest probability {pretest:g} set by the user"))]


def case_of(term: str) -> str | None:
    """The case id of a term under a case IRI (<.../case/ID> or <.../case/ID/...>), else None."""
    if not term.startswith(_CASE_OPEN):
        return None
    rest = term[len(_CASE_OPEN):]
    cut = rest.find("/")
    return rest[:cut] if cut >= 0 else rest[:-1]


@lru_cache(maxsize=1)
def static_ntriples() -> bytes:
    """The static graphs (ontology, literature, parameters, what is recorded only, rule metadata) as
    N-Triples, for each workspace."""
    from ..data import interpretation_graph, literature_graph, ontology_graph, parameters_graph
    from .rules import rules_graph

    parts = [g.serialize(format="nt", encoding="utf-8") for g in
             (ontology_graph(), literature_graph(), parameters_graph(), interpretation_graph(), rules_graph())]
    return b"\n".join(parts) + b"\n"


def _names_in(text: bytes) -> set[str]:
    """The predicates, and the classes of rdf:type triples, of N-Triples text."""
    out: set[str] = set()
    for x in nt_lines(text.decode("utf-8")):
        _, p, o = split(x)
        out.add(o if p == RDF_TYPE else p)
    return out


@dataclass(frozen=True)
class _Compiled:
    """A rule as the engine runs it: its WHERE clause as SELECT DISTINCT over the template's variables
    (solutions come back from Rust once, as TSV), and its template with each variable as a column."""

    rule: Rule
    select: str
    # per triple: (is a variable, its column) or (False, the term); Any because the flag decides which
    template: tuple[tuple[tuple[bool, Any], ...], ...]

    @classmethod
    def of(cls, rule: Rule) -> _Compiled:
        shape = rule.shape
        names = list(dict.fromkeys(x[1:] for t in shape.template for x in t if x.startswith("?")))
        project = [n for n in names if n in shape.where_vars]
        column = {n: i for i, n in enumerate(project)}
        template: list[tuple[tuple[bool, Any], ...]] = []
        for t in shape.template:
            if any(x.startswith("?") and x[1:] not in column for x in t):
                continue  # a variable the WHERE clause never binds: the triple is in no solution
            template.append(tuple((True, column[x[1:]]) if x.startswith("?") else (False, x) for x in t))
        return cls(rule, construct_as_select(rule.query, project), tuple(template))


class Engine:
    """Reasons chunks of cases set-at-a-time (one process; see drivers.py for more)."""

    def __init__(self, rules: Sequence[Rule] | None = None, *, memo: bool = True):
        self.rules = list(rules if rules is not None else load_rules())
        self.compiled = {r.id: _Compiled.of(r) for r in self.rules}
        self.ax: Axioms = axioms()
        self.strata = sorted({r.stratum for r in self.rules})
        known: set[str] = set()
        for r in self.rules:
            if r.shape.reads is None:
                reads: set[str] | None = None  # a rule that may read anything: the workspace holds everything
                break
            known |= r.shape.reads
        else:
            reads = known
        self.static = static_ntriples()
        self.static_names = frozenset(_names_in(self.static))
        # A rule that reads the class of a node only where the class has a property q (<rdf:type><q>
        # in its reads) needs the rdf:type triples of the classes with q: those of the static graphs;
        # any class if a rule writes q; and in a chunk where a case states q, any class (_Run.reason).
        self.type_keys = frozenset(x[len(RDF_TYPE):] for x in reads or () if x.startswith(RDF_TYPE) and x != RDF_TYPE)
        if reads is not None and self.type_keys:
            for x in nt_lines(self.static.decode("utf-8")):
                s, p, _ = split(x)
                if p in self.type_keys:
                    reads.add(s)
            if any(t[1] in self.type_keys for r in self.rules for t in r.shape.template):
                reads.add(RDF_TYPE)
        self.reads = frozenset(reads) if reads is not None else None
        self.construct = ConstructRule(self.ax, memo=memo, reads=self.reads)
        self.triggers = {r.id: _Triggers.of(r.shape.triggers) for r in self.rules}
        self._kept: tuple[ox.Store, int] | None = None

    def needed(self, s: str, p: str, o: str, reads: frozenset[str] | bool | None = False) -> bool:
        """Whether a triple goes into the workspace (some rule reads its predicate or class; `reads`
        instead of the engine's, if given)."""
        r = self.reads if reads is False else reads
        return r is None or (p in r if p != RDF_TYPE else (o in r or RDF_TYPE in r))  # type: ignore[operator]

    def reason(self, cases: Sequence[CaseInput], *, reuse: bool = False, stats: Stats | None = None) -> dict[str, str]:
        """{case id: inferred N-Triples} for a chunk of cases, all reasoned together.

        With `reuse`, the chunk is reasoned in a workspace kept between calls (for a few cases at a time).
        """
        st = stats if stats is not None else Stats()
        ids = [c.case_id for c in cases]
        if len(set(ids)) != len(ids):
            raise ReasoningError("a chunk holds the same case id twice")
        if reuse:
            store, graph = self._kept_store()
            into: dict = {"to_graph": graph}
            over: dict = {"default_graph": [ox.DefaultGraph(), graph]}
        else:
            store = ox.Store()
            store.load(self.static, format=ox.RdfFormat.N_TRIPLES)
            into, over = {}, {}
        try:
            return _Run(self, store, into, over, st).reason(cases)
        finally:
            if reuse:
                store.clear_graph(graph)

    def _kept_store(self) -> tuple[ox.Store, ox.NamedNode]:
        if self._kept is None or self._kept[1] >= RENEW_AFTER:
            store = ox.Store()
            store.load(self.static, format=ox.RdfFormat.N_TRIPLES)
            self._kept = (store, 0)
        self._kept = (self._kept[0], self._kept[1] + 1)
        return self._kept[0], ox.NamedNode("urn:spinekg:reasoning:cases")


class _Run:
    """One chunk's reasoning (the state of one call of Engine.reason)."""

    def __init__(self, engine: Engine, store: ox.Store, into: dict, over: dict, stats: Stats):
        self.e, self.store, self.into, self.over, self.st = engine, store, into, over, stats
        self.out: dict[str, dict[str, None]] = {}      # case -> output lines (ordered, unique)
        self.asserted: dict[str, set[str]] = {}        # case -> its asserted lines (never output)
        self.load: list[str] = []                      # lines for the workspace, not yet loaded
        self.present: set[str] = set(engine.static_names)
        self.changed: set[str] = set()
        self.seen: dict[str, set[bytes]] = {}            # rule -> solutions already instantiated
        self.reads = engine.reads                        # what goes into the workspace (see Engine.type_keys)
        self.delta: list[Triple] = []                    # the triples of the workspace the rules added this round
        self.all_types = False

    def add(self, cid: str, triples: Iterable[Triple], *, closed: bool = False) -> None:
        """Add triples to a case's output with everything they entail (nothing more when `closed`: they
        hold their entailments already); queue those the rules read for the workspace."""
        acc, asserted, closure = self.out[cid], self.asserted[cid], self.e.ax.closure
        reads = self.reads
        load, present, changed, delta = self.load, self.present, self.changed, self.delta
        todo = list(triples)
        one_step = self.e.ax.one_step  # then what closure gives needs no closure (Axioms.one_step)
        while todo:
            more: list[Triple] = []
            for t in todo:
                x = f"{t[0]} {t[1]} {t[2]} ."
                if x in acc or x in asserted:
                    continue
                acc[x] = None
                name = t[2] if t[1] == RDF_TYPE else t[1]
                if reads is None or name in reads or (t[1] == RDF_TYPE and RDF_TYPE in reads):
                    load.append(x)
                    delta.append(t)
                    present.add(name)
                    changed.add(name)
                if not closed:
                    more += closure(*t)
            todo = more
            closed = closed or one_step

    def add_lines(self, cid: str, lines: list[str], names: Sequence[str | None]) -> None:
        """Add lines that hold their entailments already to a case's output; queue for the workspace
        those with a name (the predicate or class a rule reads them by)."""
        acc, asserted = self.out[cid], self.asserted[cid]
        load, present, changed = self.load, self.present, self.changed
        all_types = self.all_types
        for x, name in zip(lines, names, strict=True):
            if x in acc or x in asserted:
                continue
            acc[x] = None
            if name is None and all_types:
                _, p, o = split(x)
                if p == RDF_TYPE:
                    name = o
            if name is not None:
                load.append(x)
                present.add(name)
                changed.add(name)

    def flush(self) -> None:
        if self.load:
            t0 = time.perf_counter()
            self.store.load("\n".join(self.load).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, **self.into)
            self.st.timings["load"] += time.perf_counter() - t0
            self.load = []

    def reason(self, cases: Sequence[CaseInput]) -> dict[str, str]:
        clock = time.perf_counter
        t0 = clock()
        e = self.e
        self.st.cases += len(cases)
        if e.reads is not None and e.type_keys and any(k in c.ntriples for c in cases for k in e.type_keys):
            self.reads = e.reads | {RDF_TYPE}  # a case states a property that makes classes matter
            self.all_types = True
        reads = self.reads
        case_triples: dict[str, list[Triple]] = {}
        for c in cases:
            lines = nt_lines(c.ntriples)
            triples = [split(x) for x in lines]
            _check_own(c.case_id, triples)
            case_triples[c.case_id] = triples
            self.out[c.case_id] = {}
            self.asserted[c.case_id] = set(lines)
            for x, t in zip(lines, triples, strict=True):  # the asserted triples the rules read go into the workspace
                if e.needed(*t, reads=reads):
                    self.load.append(x)
                    self.present.add(t[2] if t[1] == RDF_TYPE else t[1])
            entailed = [d for t in triples for d in e.ax.closure(*t)]  # each closure is complete
            if e.ax.transitive:
                entailed += sorted(e.ax.close(triples + entailed))
            self.add(c.case_id, entailed, closed=True)
            for t in setting_triples(c.case_id, c.pretest, c.pretest_basis):
                self.load.append(f"{t[0]} {t[1]} {t[2]} .")
                self.present.add(t[2] if t[1] == RDF_TYPE else t[1])
        t1 = clock()
        self.st.timings["closure"] += t1 - t0
        # stratum 0: the construct analysis
        cr = e.construct
        hits, misses = cr.hits, cr.misses
        for cid, triples in case_triples.items():
            self.add_lines(cid, *cr.lines(cid, triples))
        self.st.construct_hits += cr.hits - hits
        self.st.construct_misses += cr.misses - misses
        self.st.timings["construct"] += clock() - t1
        self.flush()
        # the rules, stratum by stratum, to a fixpoint
        for stratum in e.strata:
            rules = [r for r in e.rules if r.stratum == stratum]
            todo = [r for r in rules if r.shape.requires <= self.present]
            rounds = 0
            while todo:
                rounds += 1
                if rounds > MAX_ROUNDS:
                    raise ReasoningError(f"the rules of stratum {stratum} did not reach a fixpoint in {MAX_ROUNDS} rounds")
                self.changed = set()
                self.delta = []
                for rule in todo:
                    self._run(rule)
                self.st.rounds += 1
                self.flush()
                changed = self.changed
                todo = [r for r in rules if (r.shape.reads is None or r.shape.reads & changed)
                        and r.shape.requires <= self.present] if changed else []
                if todo:
                    todo = _Triggered(self.store, self.delta).among(todo, e.triggers)
        t5 = clock()
        result: dict[str, str] = {}
        for cid, acc in self.out.items():
            self.st.output_triples += len(acc)
            result[cid] = "\n".join(acc) + "\n" if acc else ""
        self.st.timings["output"] += clock() - t5
        return result

    def _run(self, rule: Rule) -> None:
        c = self.e.compiled[rule.id]
        t0 = time.perf_counter()
        try:
            solutions = cast(ox.QuerySolutions, self.store.query(c.select, **self.over))  # a SELECT, always
            data = solutions.serialize(format=ox.QueryResultsFormat.TSV) or b""
        except (SyntaxError, OSError, ValueError) as exc:
            raise ReasoningError(f"rule {rule.id} ({rule.file}) failed: {exc}") from None
        t1 = time.perf_counter()
        self.st.timings[f"rule:{rule.id}"] += t1 - t0
        self.st.rule_runs += 1
        seen = self.seen.setdefault(rule.id, set())
        by_case: dict[str, list[Triple]] = defaultdict(list)
        for raw in data.split(b"\n")[1:]:
            if not raw or raw in seen:
                continue  # a solution of an earlier round: its triples are in the output already
            seen.add(raw)
            vals = [from_tsv(v) if v else "" for v in raw.decode("utf-8").split("\t")]
            for triple in c.template:
                t = tuple(vals[x] if var else x for var, x in triple)
                s, p, o = t
                if not s or not p or not o or s[0] != "<" or p[0] != "<":
                    continue
                cid = case_of(s) or case_of(o)
                if cid is None or cid not in self.out:
                    raise ReasoningError(f"rule {rule.id} ({rule.file}) concluded {s} {p} {o}, which lies under "
                                         "no case of the chunk: a rule must mint its conclusions' IRIs under the case")
                by_case[cid].append(t)
        for cid, triples in by_case.items():
            # the derivation records come from everything the rule concluded, also what another rule
            # concluded before it: each rule that draws a conclusion has its own record
            self.add(cid, triples + derivation_triples(rule.id, triples))
        self.st.timings["instantiate"] += time.perf_counter() - t1


class _Triggers:
    """A rule's triggers (``RuleShape.triggers``) by predicate: (subject, object, guards), each guard a
    tuple of alternatives (subject, predicate, object, and those as pyoxigraph terms where constant IRIs;
    the predicate "=" for an IRI the subject must be); None when any new triple may give a new solution."""

    def __init__(self, by_predicate: dict[str, list[tuple[str, str, tuple[tuple[tuple, ...], ...]]]]):
        self.by_predicate = by_predicate

    @classmethod
    def of(cls, triggers: tuple | None) -> _Triggers | None:
        if triggers is None:
            return None
        out: dict[str, list] = defaultdict(list)
        for (s, p, o), guards in triggers:
            usable = []
            for alternatives in guards:
                alts = []
                for gs, gp, go in alternatives:
                    if (gp == RDF_TYPE and not go.startswith("<")) or any(x[0] not in "<?_" for x in (gs, go)):
                        break  # not checked (only some classes' rdf:type triples are in the workspace; literals)
                    alts.append((gs, _node(gs), gp, None if gp == "=" else ox.NamedNode(gp[1:-1]), go, _node(go)))
                else:
                    usable.append(tuple(alts))  # a guard with an unchecked alternative always holds: left out
            out[p].append((s, o, tuple(usable)))
        return cls(dict(out))


def _node(term: str) -> ox.NamedNode | None:
    return ox.NamedNode(term[1:-1]) if term.startswith("<") else None


class _Triggered:
    """Which rules the triples a round added can give a new solution (Engine docs, 'Rules run when
    they can match'); the checks of guards are answered from the workspace, once each."""

    def __init__(self, store: ox.Store, delta: list[Triple]):
        self.store = store
        self.by_predicate: dict[str, list[Triple]] = defaultdict(list)
        for t in delta:
            self.by_predicate[t[1]].append(t)
        self.known: dict[tuple, bool] = {}

    def among(self, rules: list[Rule], triggers: dict[str, _Triggers | None]) -> list[Rule]:
        return [r for r in rules if self.fires(triggers[r.id])]

    def fires(self, trig: _Triggers | None) -> bool:
        if trig is None:
            return True
        for p, patterns in trig.by_predicate.items():
            added = self.by_predicate.get(p)
            if not added:
                continue
            for ps, po, guards in patterns:
                for s, _, o in added:
                    if (ps[0] == "<" and ps != s) or (po[0] == "<" and po != o):
                        continue  # (a literal constant is compared by value in SPARQL: not here)
                    if all(any(self._holds(a, ps, po, s, o) for a in g) for g in guards):
                        return True
        return False

    def _holds(self, a: tuple, ps: str, po: str, s: str, o: str) -> bool:
        """Whether the workspace may match an alternative of a guard with the new triple's terms in place
        of its pattern's variables (True where nothing of it is bound, or a bound term is a literal or
        blank node)."""
        gs, gsn, gp, gpn, go, gon = a
        subj = s if gs == ps else o if gs == po else None
        if gp == "=":
            return subj is None or subj == go
        obj = s if go == ps else o if go == po else None
        if subj is None and obj is None:
            return True
        if (subj is not None and subj[0] != "<") or (obj is not None and obj[0] != "<"):
            return True
        key = (subj, gp, obj, gs, go)
        hit = self.known.get(key)
        if hit is None:
            sn = ox.NamedNode(subj[1:-1]) if subj is not None else gsn
            on = ox.NamedNode(obj[1:-1]) if obj is not None else gon
            hit = self.known[key] = next(iter(self.store.quads_for_pattern(sn, gpn, on, None)), None) is not None
        return hit


def _check_own(case_id: str, triples: list[Triple]) -> None:
    """Every triple of a case's asserted graph is about its own nodes (the loaders make them so)."""
    own = f"<{case_iri(case_id)}"
    cut = len(own)
    for s, _, o in triples:
        if not (s.startswith(own) and s[cut] in "/>"):
            raise ReasoningError(f"case {case_id}: a triple about {s[:120]}, which is not a node of this case")
        if o.startswith(_CASE_OPEN) and not (o.startswith(own) and o[cut] in "/>"):
            raise ReasoningError(f"case {case_id}: a triple refers to {o[:120]}, a node of another case")
