"""The engines the benchmark compares, each doing the same work as spinekg's batch engine on the same cases.

The same work, for every engine, inside its timing (bench/README.md, "What runs"):

* read the static graphs (ontology, literature, parameters, what is recorded only, rule metadata:
  ``static_ntriples()``, as the engine does) and the cases' asserted N-Triples with the engine's own
  parser;
* the axiom closure (supertypes, superproperties, inverses, transitive chains): the OWL 2 RL closure
  for owlrl and reasonable, else ``reasoning/axioms.py`` as the engine applies it;
* the construct analysis (``reasoning/construct_rule.py``: Python, no peer can run it as rules), the same
  code the engine runs, memoised the same way;
* the rules of rules/ as written, stratum by stratum to a fixpoint, each new conclusion closed under the
  same axioms, a rule run again only when a predicate or class it reads gained triples, and only while
  every one it needs is present (as the engine schedules them).

Each engine writes its conclusion facts (``conclusions.py``) to a sorted file after its timing; the
benchmark compares them with the batch engine's (``verdicts.compare_conclusions``).
"""
from __future__ import annotations

import hashlib
import os
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from conclusions import facts_of_rows, facts_query, write_sorted

Triple = tuple[str, str, str]
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


# ----------------------------------------------------------------------------------------------
# Timing: where the timed work starts (for a task stopped at the limit) and what it is made of
# ----------------------------------------------------------------------------------------------
def timed_start() -> float:
    """Mark the start of the timed work (in $SPINEKG_BENCH_MARK, read by the orchestrator if the task is
    stopped at the time limit) and return the clock."""
    path = os.environ.get("SPINEKG_BENCH_MARK")
    if path:
        Path(path).write_text(repr(time.time()))
    return time.perf_counter()


class Phases:
    """Seconds spent per named phase of the timed work, kept in report["phases"]."""

    def __init__(self, report: dict):
        self.d: dict[str, float] = report.setdefault("phases", {})

    @contextmanager
    def __call__(self, name: str):
        t = time.perf_counter()
        try:
            yield
        finally:
            self.add(name, time.perf_counter() - t)

    def add(self, name: str, seconds: float) -> None:
        self.d[name] = self.d.get(name, 0.0) + seconds


def name_of(s: str, p: str, o: str) -> str:
    """What a triple gives the data: its predicate, or for rdf:type its class (as the engine counts)."""
    return o if p == RDF_TYPE else p


# ----------------------------------------------------------------------------------------------
# The input: asserted triples, their axiom closure (unless the peer closes them itself), the
# construct analysis
# ----------------------------------------------------------------------------------------------
def prepare_cases(items: list[tuple[str, str]], phases: Phases, *, close: bool) -> tuple[list[str], set[str]]:
    """Per case, its asserted N-Triples with the construct analysis's conclusions (and, with `close`, the
    axiom closure of the asserted triples, as the engine computes it); and the names they hold."""
    from spinekg.ntriples import lines, split
    from spinekg.reasoning.axioms import axioms
    from spinekg.reasoning.construct_rule import ConstructRule

    ax = axioms()
    rule = ConstructRule(ax)
    clock = time.perf_counter
    texts: list[str] = []
    names: set[str] = set()
    t_parse = t_close = t_construct = 0.0
    for cid, nt in items:
        t0 = clock()
        triples = [split(x) for x in lines(nt)]
        t1 = clock()
        extra: list[Triple] = []
        if close:
            extra = [d for t in triples for d in ax.closure(*t)]
            if ax.transitive:
                extra += sorted(ax.close(triples + extra))
        t2 = clock()
        made = rule.conclusions(cid, triples)
        t3 = clock()
        for t in triples:
            names.add(name_of(*t))
        for t in extra:
            names.add(name_of(*t))
        for t in made:
            names.add(name_of(*t))
        texts.append(nt + "".join(f"{s} {p} {o} .\n" for s, p, o in extra)
                     + "".join(f"{s} {p} {o} .\n" for s, p, o in made))
        t4 = clock()
        t_parse += (t1 - t0) + (t4 - t3)
        t_close += t2 - t1
        t_construct += t3 - t2
    phases.add("read cases", t_parse)
    if close:
        phases.add("axiom closure", t_close)
    phases.add("construct", t_construct)
    return texts, names


def static_names() -> set[str]:
    """The names the static graphs hold."""
    from spinekg.reasoning.engine import _names_in, static_ntriples

    return set(_names_in(static_ntriples()))


# ----------------------------------------------------------------------------------------------
# The rules to a fixpoint on any CONSTRUCT engine, scheduled as the engine schedules them
# ----------------------------------------------------------------------------------------------
def rule_files() -> dict[str, tuple[int, str]]:
    """The rules exactly as written in rules/ (what spinekg's engine runs)."""
    from spinekg.reasoning.rules import load_rules

    return {r.id: (r.stratum, r.query) for r in load_rules()}


def closure_of(triples: Iterable[Triple]) -> list[Triple]:
    """What triples entail under the ontology's axioms (not transitive chains: the engine closes rule
    conclusions the same way), closed over itself."""
    from spinekg.reasoning.axioms import axioms

    ax = axioms()
    out: list[Triple] = []
    seen: set[Triple] = set()
    todo = list(triples)
    while todo:
        more = []
        for t in todo:
            for d in ax.closure(*t):
                if d not in seen:
                    seen.add(d)
                    out.append(d)
                    more.append(d)
        todo = more
    return out


def _reads_any(reads: frozenset[str] | None, changed: set[str]) -> bool:
    """Whether a rule that reads `reads` (None: anything) reads one of the names that changed."""
    return reads is None or bool(reads & changed)


def rules_fixpoint(run: Callable[[str], Iterable[Triple]], new_only: Callable[[list[Triple]], list[Triple]],
                   add: Callable[[list[Triple]], None], present: set[str],
                   queries: dict[str, tuple[int, str]] | None = None, max_rounds: int = 50,
                   stats: dict | None = None) -> int:
    """Run the rules stratum by stratum until no rule adds a triple; return how many triples were added.

    run(query) gives a rule's CONSTRUCT results (N-Triples terms); new_only(triples) keeps those the data
    does not hold yet; add(triples) adds them. A rule runs while every predicate and class its solutions
    need is `present`, and again only when the round before added something it reads (its shape, from
    the parsed rule); what a round concludes is closed under the axioms before it is added.
    """
    from spinekg.sparql import rule_shape

    queries = queries if queries is not None else rule_files()
    shapes = {rid: rule_shape(q) for rid, (_, q) in queries.items()}
    added = 0
    known: set[Triple] = set()
    runs = rounds = 0
    for stratum in sorted({s for s, _ in queries.values()}):
        rules = [rid for rid, (s, _) in queries.items() if s == stratum]
        todo = [rid for rid in rules if shapes[rid].requires <= present]
        sizes: dict[str, list[int]] = defaultdict(list)
        n = 0
        while todo:
            n += 1
            if n > max_rounds:
                growing = {rid: k for rid, k in sizes.items() if len(set(k)) > 1}
                raise RuntimeError(f"no fixpoint in stratum {stratum} after {max_rounds} rounds; triples per round: "
                                   + "; ".join(f"{rid}: {' -> '.join(map(str, k))}" for rid, k in growing.items()))
            rounds += 1
            new: set[Triple] = set()
            for rid in todo:
                got = set(run(queries[rid][1]))
                runs += 1
                sizes[rid].append(len(got))
                grown = sizes[rid]
                if len(grown) >= 2 and grown[-1] > max(1000, 3 * grown[-2]):  # a correct engine's results
                    raise RuntimeError(f"{rid}: results keep growing ({' -> '.join(map(str, grown))} triples "
                                       f"in rounds of stratum {stratum}); no fixpoint")
                new |= got
            fresh = new - known
            fresh |= set(closure_of(fresh)) - known
            known |= fresh
            fresh_list = new_only(sorted(fresh))
            if not fresh_list:
                break
            add(fresh_list)
            added += len(fresh_list)
            changed = {name_of(*t) for t in fresh_list}
            present |= changed
            todo = [rid for rid in rules if _reads_any(shapes[rid].reads, changed) and shapes[rid].requires <= present]
    if stats is not None:
        stats.update(rule_runs=runs, rounds=rounds, rule_triples=added)
    return added


class RdflibData:
    """An rdflib graph as the fixpoint's data (terms in and out as N-Triples)."""

    def __init__(self, g):
        self.g = g

    def run(self, query: str) -> list[Triple]:
        from spinekg.ntriples import from_rdflib as f

        return [(f(s), f(p), f(o)) for s, p, o in self.g.query(query)]

    def new_only(self, triples: list[Triple]) -> list[Triple]:
        from spinekg.ntriples import to_rdflib as t

        return [x for x in triples if (t(x[0]), t(x[1]), t(x[2])) not in self.g]

    def add(self, triples: list[Triple]) -> None:
        from spinekg.ntriples import to_rdflib as t

        for s, p, o in triples:
            self.g.add((t(s), t(p), t(o)))

    def names(self) -> set[str]:
        from spinekg.ntriples import from_rdflib as f
        from spinekg.vocab import RDF

        out = set()
        for _, p, o in self.g:
            out.add(f(o) if p == RDF.type else f(p))
        return out

    def facts(self) -> set[str]:
        from spinekg.ntriples import from_rdflib as f

        return facts_of_rows((f(s), f(p), f(o)) for s, p, o in self.g.query(facts_query()))


class OxigraphData:
    """A pyoxigraph store as the fixpoint's data (queries over the union of its graphs)."""

    def __init__(self, store):
        import pyoxigraph as ox

        self.ox = ox
        self.store = store
        self.graph = ox.NamedNode("urn:spinekg:bench:inferred")

    def run(self, query: str) -> list[Triple]:
        return [(str(t.subject), str(t.predicate), str(t.object))
                for t in self.store.query(query, use_default_graph_as_union=True)]

    def new_only(self, triples: list[Triple]) -> list[Triple]:
        text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")
        parsed = list(self.ox.parse(text, format=self.ox.RdfFormat.N_TRIPLES))
        return [x for x, t in zip(triples, parsed, strict=True)
                if next(iter(self.store.quads_for_pattern(t.subject, t.predicate, t.object)), None) is None]

    def add(self, triples: list[Triple]) -> None:
        text = "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode("utf-8")
        self.store.load(text, format=self.ox.RdfFormat.N_TRIPLES, to_graph=self.graph)

    def facts(self) -> set[str]:
        q = facts_query()
        return facts_of_rows((str(r["c"]), str(r["p"]), str(r["x"]))
                             for r in self.store.query(q, use_default_graph_as_union=True))


# ----------------------------------------------------------------------------------------------
# The in-process peers
# ----------------------------------------------------------------------------------------------
def _rdflib_graph(static: bytes, texts: list[str]):
    from rdflib import Graph

    g = Graph()
    g.parse(data=static.decode("utf-8"), format="nt")
    g.parse(data="".join(texts), format="nt")
    return g


def run_owlrl(items: list[tuple[str, str]], report: dict, out: Path) -> None:
    """(a) owlrl's OWL 2 RL closure of static graphs + cases on rdflib, then the rules on rdflib's SPARQL."""
    import owlrl

    from spinekg.reasoning.engine import static_ntriples

    t0 = timed_start()
    ph = Phases(report)
    texts, _ = prepare_cases(items, ph, close=False)
    with ph("parse (rdflib)"):
        g = _rdflib_graph(static_ntriples(), texts)
    del texts
    with ph("OWL 2 RL closure (owlrl)"):
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    data = RdflibData(g)
    with ph("rules"):
        present = data.names()
        rules_fixpoint(data.run, data.new_only, data.add, present, stats=report)
    report["reason_s"] = time.perf_counter() - t0
    report["triples"] = len(g)
    report["facts"] = write_sorted(data.facts(), out)


def run_rdflib(items: list[tuple[str, str]], report: dict, out: Path) -> None:
    """(b) the rules on rdflib's SPARQL engine, the axioms applied as the engine applies them."""
    from spinekg.reasoning.engine import static_ntriples

    t0 = timed_start()
    ph = Phases(report)
    texts, names = prepare_cases(items, ph, close=True)
    with ph("parse (rdflib)"):
        g = _rdflib_graph(static_ntriples(), texts)
    del texts
    data = RdflibData(g)
    with ph("rules"):
        rules_fixpoint(data.run, data.new_only, data.add, names | static_names(), stats=report)
    report["reason_s"] = time.perf_counter() - t0
    report["triples"] = len(g)
    report["facts"] = write_sorted(data.facts(), out)


def run_reasonable(items: list[tuple[str, str]], report: dict, out: Path) -> None:
    """(d) reasonable's OWL 2 RL closure (its own parser reads the N-Triples), then the rules on pyoxigraph."""
    import tempfile

    import pyoxigraph as ox
    import reasonable

    from spinekg.ntriples import from_rdflib as f
    from spinekg.reasoning.engine import static_ntriples

    t0 = timed_start()
    ph = Phases(report)
    texts, _ = prepare_cases(items, ph, close=False)
    with tempfile.TemporaryDirectory(prefix="spinekg-bench-reasonable-", dir=out.parent) as tmp:
        with ph("parse (reasonable)"):
            static_file, cases_file = Path(tmp) / "static.ttl", Path(tmp) / "cases.ttl"  # N-Triples is Turtle
            static_file.write_bytes(static_ntriples())
            cases_file.write_text("".join(texts), encoding="utf-8")
            del texts
            r = reasonable.PyReasoner()
            r.load_file(str(static_file))
            r.load_file(str(cases_file))
        with ph("OWL 2 RL closure (reasonable)"):
            closed = r.reason()  # every triple, the input's and the entailed
    with ph("into pyoxigraph"):
        store = ox.Store()
        present: set[str] = set()
        lines = []
        for s, p, o in closed:
            fs, fp, fo = f(s), f(p), f(o)
            present.add(name_of(fs, fp, fo))
            lines.append(f"{fs} {fp} {fo} .\n")
        del closed
        store.load("".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
        report["triples"] = len(lines)
        del lines
    data = OxigraphData(store)
    with ph("rules"):
        rules_fixpoint(data.run, data.new_only, data.add, present, stats=report)
    report["reason_s"] = time.perf_counter() - t0
    report["facts"] = write_sorted(data.facts(), out)


def run_hermit(items: list[tuple[str, str]], report: dict, out: Path) -> None:
    """(c) owlready2 with HermiT: the cases' individuals classified into the ontology's defined classes
    (owl_check.CROSSCHECKS). No construct analysis: the defined classes do not read it."""
    from spinekg.reasoning.owl_check import CROSSCHECKS, hermit_memberships

    t0 = timed_start()
    ph = Phases(report)
    with ph("parse (rdflib)"):
        from rdflib import Graph

        graphs = []
        for _, nt in items:
            g = Graph()
            g.parse(data=nt, format="nt")
            graphs.append(g)
    with ph("classification (HermiT)"):
        members = hermit_memberships(graphs, list(CROSSCHECKS))
    report["reason_s"] = time.perf_counter() - t0
    report["facts"] = write_sorted((f"<{x}> a <{cls}>" for cls, xs in members.items() for x in xs), out)


def crosscheck_facts(asserted: Iterable[str], inferred: Iterable[str]) -> set[str]:
    """Our engine's members of the HermiT cross-check classes (owl_check.CROSSCHECKS), from N-Triples."""
    import pyoxigraph as ox

    from spinekg.reasoning.owl_check import CROSSCHECKS
    from spinekg.vocab import PREFIXES

    store = ox.Store()
    store.load("".join(asserted).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:a"))
    store.load("".join(inferred).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:i"))
    out = set()
    for cls, q in CROSSCHECKS.items():
        for sol in store.query(q, prefixes=PREFIXES, use_default_graph_as_union=True):  # type: ignore[union-attr]
            out.add(f"<{sol['x'].value}> a <{cls}>")
    return out


# ----------------------------------------------------------------------------------------------
# (e) the rules on a SPARQL server (Virtuoso, `oxigraph serve`), run there as INSERT ... WHERE
# ----------------------------------------------------------------------------------------------
_BENCH = "urn:spinekg:bench:"
G_STATIC, G_CASES, G_INFERRED, G_AXIOMS = (_BENCH + g for g in ("static", "cases", "inferred", "axioms"))
_SUPER, _SUPERPROP, _INVERSE = (f"<{_BENCH}{p}>" for p in ("superClass", "superProperty", "inverseProperty"))

# The axiom closure of the inferred graph, on the server, from the table in G_AXIOMS (the tables of
# reasoning/axioms.py are closed already: one step is the whole closure, as in Axioms.closure).
CLOSURE_UPDATE = f"""
INSERT {{ GRAPH <{G_INFERRED}> {{ ?s a ?d }} }}
WHERE {{ GRAPH <{G_INFERRED}> {{ ?s a ?c }} GRAPH <{G_AXIOMS}> {{ ?c {_SUPER} ?d }} }} ;
INSERT {{ GRAPH <{G_INFERRED}> {{ ?s ?q ?o }} }}
WHERE {{ GRAPH <{G_INFERRED}> {{ ?s ?p ?o }} GRAPH <{G_AXIOMS}> {{ ?p {_SUPERPROP} ?q }} }} ;
INSERT {{ GRAPH <{G_INFERRED}> {{ ?o ?q ?s }} }}
WHERE {{ GRAPH <{G_INFERRED}> {{ ?s ?p ?o }} GRAPH <{G_AXIOMS}> {{ ?p {_INVERSE} ?q }} FILTER (!isLiteral(?o)) }}
"""
COUNT_INFERRED = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G_INFERRED}> {{ ?s ?p ?o }} }}"


class RewriteError(RuntimeError):
    """A Virtuoso form of a rule no longer matches the rule as written in rules/."""


# Equivalent rule text for Virtuoso 7.2 (rule id -> [(as written, instead)]): every "as written" text must be
# found in the rule (RewriteError otherwise, before anything runs: tests/test_bench_verdicts.py checks the
# current rules). docs/remote-backend.md, quirk 19: both post-test rules choose the pretest setting as
#   OPTIONAL { ?case ... ?user } OPTIONAL { ... ?perPatient } OPTIONAL { ?pt ... ?osteoporotic }
#   BIND (COALESCE(?user, IF(...)) AS ?setting)  ?setting skg:probability ?p ; rdfs:label ?l .
# Virtuoso's SQL optimiser may push the join on ?setting (a CASE over the OPTIONALs' columns) into the
# OPTIONAL that binds ?user; when that OPTIONAL matches nothing (no user override) the condition is never
# tested and ?setting takes every subject of skg:probability - the post-test nodes of earlier rounds
# included: 924 -> 11,718 triples a round on 30 cases, no fixpoint. The choice is made instead in a
# DISTINCT sub-SELECT per case and patient (an optimisation fence), joined on ?case and ?pt: the same
# solutions up to duplicates, which a CONSTRUCT/INSERT template does not see (the rule's ?case and ?pt come
# from the required ?case skg:hasPatient ?pt; the OPTIONALs read nothing else of the rule's patterns, and
# only ?user and ?setting are used after them).
_SETTING_AS_WRITTEN = """  OPTIONAL { ?case skg:usesPretestSetting ?user . ?user skg:userOverride true . }
  OPTIONAL { ?case skg:usesPretestBasis skg:PerPatientPretest . BIND (true AS ?perPatient) }
  OPTIONAL { ?pt skg:hasRiskFactor skg:Osteoporosis . BIND (true AS ?osteoporotic) }
  BIND (COALESCE(?user, IF(COALESCE(?perPatient, false),
                           IF(COALESCE(?osteoporotic, false), <https://w3id.org/spinekg/parameter/osteoporosis-pretest-loosening>,
                              <https://w3id.org/spinekg/parameter/per-patient-pretest-loosening>),
                           <https://w3id.org/spinekg/parameter/default-pretest-loosening>)) AS ?setting)
"""
_SETTING_FENCED = """  { SELECT DISTINCT ?case ?pt ?user ?setting WHERE {
      ?case skg:hasPatient ?pt .
      OPTIONAL { ?case skg:usesPretestSetting ?user . ?user skg:userOverride true . }
      OPTIONAL { ?case skg:usesPretestBasis skg:PerPatientPretest . BIND (true AS ?perPatient) }
      OPTIONAL { ?pt skg:hasRiskFactor skg:Osteoporosis . BIND (true AS ?osteoporotic) }
      BIND (COALESCE(?user, IF(COALESCE(?perPatient, false),
                               IF(COALESCE(?osteoporotic, false), <https://w3id.org/spinekg/parameter/osteoporosis-pretest-loosening>,
                                  <https://w3id.org/spinekg/parameter/per-patient-pretest-loosening>),
                               <https://w3id.org/spinekg/parameter/default-pretest-loosening>)) AS ?setting)
  } }
"""
# nonunion-surgical-risk-factors chooses its factor with IF(..., ?none), ?none never bound (an error, so
# ?rf stays unbound), then FILTER (BOUND(?rf)): Virtuoso's SPARQL compiler fails on it ("Internal error:
# sparp_gp_deprecate(): equiv replaces filter but under deprecation"). The same choice with a constant that is
# no risk factor in place of the error, filtered out, keeps the same solutions.
_NONE_AS_WRITTEN = """             IF(?n >= 9, skg:LongFusion, IF(?n >= 4, skg:FusionOfFourToEightVertebrae, ?none)),
             IF(COALESCE(?posterior, false) && ?pop = "cervical", skg:PosteriorCervicalApproach, ?none)) AS ?rf)
    FILTER (BOUND(?rf))"""
_NONE_AS_CONSTANT = """             IF(?n >= 9, skg:LongFusion, IF(?n >= 4, skg:FusionOfFourToEightVertebrae, <urn:spinekg:bench:none>)),
             IF(COALESCE(?posterior, false) && ?pop = "cervical", skg:PosteriorCervicalApproach, <urn:spinekg:bench:none>)) AS ?rf)
    FILTER (?rf != <urn:spinekg:bench:none>)"""
# uninterpreted-findings takes MIN over the reasons' literals; Virtuoso fails on it ("SR066: Unsupported case in
# CONVERT (incomplete RDF box -> VARCHAR)", quirk 25). MIN over their strings is the same value for plain string
# literals, which every skg:recordedOnlyReason is (kb/interpretation.ttl). Its flags ?lucency and ?screw are
# bound to true inside OPTIONALs; on Virtuoso (quirk 26) ?lucency && ?screw can then be an error and
# IF(?lucency, ...) take the else branch, while COALESCE(?lucency, false) is true: the unmeasured lucency around a
# screw got "no rule interprets this kind of finding". COALESCE(?lucency, false) && COALESCE(?screw, false) is
# the same value as COALESCE(?lucency && ?screw, false) for flags that are true or unbound.
VIRTUOSO_REWRITES: dict[str, list[tuple[str, str]]] = {
    "loosening-post-test-probability": [(_SETTING_AS_WRITTEN, _SETTING_FENCED)],
    "loosening-post-test-negative": [(_SETTING_AS_WRITTEN, _SETTING_FENCED)],
    "nonunion-surgical-risk-factors": [(_NONE_AS_WRITTEN, _NONE_AS_CONSTANT)],
    "uninterpreted-findings": [("(MIN(?r) AS ?kindReason)", "(MIN(STR(?r)) AS ?kindReason)"),
                               ("COALESCE(?lucency && ?screw, false)",
                                "(COALESCE(?lucency, false) && COALESCE(?screw, false))")],
}
# And in every rule: Virtuoso's CONCAT with an unbound argument joins the other parts (" (" + nothing + " mm)"
# gives " ( mm)") where the standard makes it an error, so the rules' optional parts of labels,
# COALESCE(CONCAT(" (", STR(?d), " mm)"), ""), came out with empty pieces (docs/remote-backend.md, quirk 23).
# On Virtuoso each such COALESCE(CONCAT(...), "") is guarded: IF(BOUND(?d), CONCAT(...), ""), the same value
# wherever the variables are unbound or bound to literals.
_COALESCE_CONCAT = re.compile(r"\bCOALESCE\s*\(\s*CONCAT\s*\(", re.I)
_VARIABLE = re.compile(r"[?$][A-Za-z_]\w*")


def guard_concat(text: str) -> str:
    """Each COALESCE(CONCAT(args), "") of a query as IF(BOUND(?v) && ..., CONCAT(args), "") over args' variables."""
    from spinekg.sparql import closing_paren, mask

    masked = mask(text, "_")
    out, last = [], 0
    for m in _COALESCE_CONCAT.finditer(masked):
        if m.start() < last:
            continue
        outer_end = closing_paren(masked, masked.index("(", m.start()))
        concat_end = closing_paren(masked, m.end() - 1)
        if outer_end < 0 or concat_end < 0 or text[concat_end:outer_end - 1].strip() not in (', ""', ",\"\""):
            continue
        names = list(dict.fromkeys(_VARIABLE.findall(masked[m.end():concat_end])))
        if not names:
            continue
        concat = text[m.start() + masked[m.start():m.end()].upper().rindex("CONCAT"):concat_end]
        guard = " && ".join(f"BOUND({v})" for v in names)
        out.append(text[last:m.start()] + f'IF({guard}, {concat}, "")')
        last = outer_end
    out.append(text[last:])
    return "".join(out)


# Whole WHERE clauses Virtuoso runs instead of the rule's (rule id -> (SHA-256 of the WHERE clause as
# written when the replacement was made, the replacement)). A rule edited since fails with RewriteError:
# write its Virtuoso form again from the new text (or drop it). None at present: every rule runs as
# written apart from the rewrites above.
VIRTUOSO_WHERE: dict[str, tuple[str, str]] = {}


def where_clause(text: str) -> str:
    """A rule's WHERE clause, from the line that opens it to the end."""
    cut = text.find("\nWHERE {")
    if cut < 0:
        raise RewriteError("a rule without a 'WHERE {' line")
    return text[cut + 1:]


def virtuoso_rule(rid: str, text: str) -> str:
    """A rule's text as Virtuoso runs it (VIRTUOSO_WHERE, VIRTUOSO_REWRITES); RewriteError if the rule no longer
    holds the text a rewrite was made for."""
    if rid in VIRTUOSO_WHERE:
        digest, where = VIRTUOSO_WHERE[rid]
        now = hashlib.sha256(where_clause(text).encode("utf-8")).hexdigest()
        if now != digest:
            raise RewriteError(f"rule {rid} changed since its Virtuoso form (bench/peers.py VIRTUOSO_WHERE) was written "
                               f"(WHERE clause SHA-256 {now[:12]}, expected {digest[:12]}): write it again")
        text = text[: text.index("\nWHERE {") + 1] + where
    for old, new in VIRTUOSO_REWRITES.get(rid, ()):
        if old not in text:
            raise RewriteError(f"rule {rid} no longer holds the text bench/peers.py VIRTUOSO_REWRITES rewrites for "
                               "Virtuoso: write the rewrite again for the rule as it is")
        text = text.replace(old, new)
    return guard_concat(text)


def check_virtuoso_rewrites(rules: dict[str, tuple[int, str]] | None = None) -> list[str]:
    """Every Virtuoso rewrite applies to the current rules (RewriteError, naming the rule, otherwise); the ids."""
    rules = rules if rules is not None else rule_files()
    unknown = sorted((set(VIRTUOSO_REWRITES) | set(VIRTUOSO_WHERE)) - set(rules))
    if unknown:
        raise RewriteError(f"bench/peers.py rewrites rules that do not exist: {', '.join(unknown)}")
    for rid in sorted(set(VIRTUOSO_REWRITES) | set(VIRTUOSO_WHERE)):
        virtuoso_rule(rid, rules[rid][1])
    return sorted(set(VIRTUOSO_REWRITES) | set(VIRTUOSO_WHERE))


def rule_texts(dialect: str | None = None) -> dict[str, tuple[int, str]]:
    """The rules as the server runs them: as written; on Virtuoso with its equivalent forms."""
    rules = rule_files()
    if dialect == "virtuoso":
        return {rid: (s, virtuoso_rule(rid, q)) for rid, (s, q) in rules.items()}
    return rules


def axiom_table(ax) -> str:
    """The axiom closure tables (subclasses, subproperties, inverses) as N-Triples for G_AXIOMS."""
    lines = [f"{c} {_SUPER} {d} ." for c, ds in ax.supers.items() for d in ds]
    lines += [f"{p} {_INVERSE if inv else _SUPERPROP} {q} ." for p, qs in ax.props.items() for q, inv in qs]
    return "\n".join(lines) + "\n"


def _count(store, query: str = COUNT_INFERRED) -> int:
    rows = store.query(query).rows
    return int(rows[0]["n"].value) if rows else 0


_INFERRED_PREDICATES = f"SELECT ?name (COUNT(*) AS ?n) WHERE {{ GRAPH <{G_INFERRED}> {{ ?s ?name ?o }} }} GROUP BY ?name"
_INFERRED_CLASSES = f"SELECT ?name (COUNT(*) AS ?n) WHERE {{ GRAPH <{G_INFERRED}> {{ ?s a ?name }} }} GROUP BY ?name"


def _inferred_names(store) -> dict[tuple[str, str], int]:
    """How many triples of G_INFERRED hold each predicate ("p", "<IRI>") and rdf:type each class ("class", "<IRI>")."""
    out: dict[tuple[str, str], int] = {}
    for kind, query in (("p", _INFERRED_PREDICATES), ("class", _INFERRED_CLASSES)):
        for r in store.query(query).rows:
            out[(kind, f"<{r['name'].value}>")] = int(r["n"].value)
    return out


def remote_fixpoint(store, rules: dict[str, tuple[int, str]], present: set[str], max_rounds: int = 50,
                    timings: dict[str, float] | None = None) -> list[list[int]]:
    """Run the rules on the server stratum by stratum until a round adds nothing to G_INFERRED.

    A round runs rules of the stratum as INSERT ... WHERE, then the axiom closure of G_INFERRED, then
    counts its triples by predicate and class. A rule runs while every name its solutions need is present
    (in the data loaded, or in G_INFERRED), and in a later round only when a name its WHERE clause reads
    gained triples (as the engine schedules them). Returns the triples added per round.
    """
    from spinekg.sparql import construct_as_insert, rule_shape

    def timed(key: str, t0: float) -> None:
        if timings is not None:
            timings[key] = timings.get(key, 0.0) + time.perf_counter() - t0

    updates = {rid: (s, construct_as_insert(q, G_INFERRED)) for rid, (s, q) in rules.items()}
    shapes = {rid: rule_shape(q) for rid, (_, q) in rules.items()}
    names = _inferred_names(store)
    present = set(present) | {iri for (_, iri), n in names.items() if n}
    counts = []
    for stratum in sorted({s for s, _ in updates.values()}):
        group = [rid for rid, (s, _) in updates.items() if s == stratum]
        todo = [rid for rid in group if shapes[rid].requires <= present]
        added: list[int] = []
        while todo:
            if len(added) >= max_rounds:
                raise RuntimeError(f"no fixpoint in stratum {stratum} after {max_rounds} rounds: "
                                   f"{' -> '.join(map(str, added))} triples a round")
            for rid in todo:
                t = time.perf_counter()
                try:
                    store.update(updates[rid][1], union=True)
                except Exception as exc:  # name the rule: the server's message does not
                    raise RuntimeError(f"rule {rid} failed on the server: {exc}") from exc
                timed(rid, t)
            t = time.perf_counter()
            store.update(CLOSURE_UPDATE, union=True)
            timed("(axiom closure)", t)
            t = time.perf_counter()
            now = _inferred_names(store)
            timed("(counting)", t)
            changed = {iri for (kind, iri), n in now.items() if n != names.get((kind, iri), 0)}
            added.append(sum(n for (kind, _), n in now.items() if kind == "p")
                         - sum(n for (kind, _), n in names.items() if kind == "p"))
            names = now
            present |= changed
            if len(added) >= 2 and added[-1] > max(1000, 3 * added[-2]):  # a correct run adds less and less
                raise RuntimeError(f"stratum {stratum}: the inferred graph keeps growing "
                                   f"({' -> '.join(map(str, added))} triples a round); no fixpoint")
            todo = [rid for rid in group if _reads_any(shapes[rid].reads, changed)
                    and shapes[rid].requires <= present] if changed else []
        counts.append(added)
    return counts


def run_remote(items: list[tuple[str, str]], report: dict, out: Path, server_name: str) -> None:
    """(e) the rules run on a SPARQL server: the same input as the engine's workspace, the same work timed.

    Set-up, not timed (report["setup_s"]): starting the server. Timed: the static graphs and the cases
    with their axiom closure and construct analysis (computed here, as the engine computes them) sent in
    one Graph Store Protocol POST per graph (the server's bulk loader); each rule run on the server as
    INSERT { GRAPH <inferred> { template } } WHERE { ... }, then the axiom closure of the inferred graph
    (INSERT ... WHERE over an axiom table), round after round to a fixpoint, stratum by stratum.
    """
    import tempfile

    from spinekg.reasoning.axioms import axioms
    from spinekg.reasoning.engine import static_ntriples
    from spinekg.store.servers import start_oxigraph, start_virtuoso

    tmp = tempfile.TemporaryDirectory(prefix=f"spinekg-bench-{server_name}-")
    t = time.perf_counter()
    if server_name == "virtuoso":
        server = start_virtuoso(Path(tmp.name), memory="large", max_rows=10_000_000)
    else:
        server = start_oxigraph(Path(tmp.name))
    report["setup_s"] = time.perf_counter() - t
    try:
        store = server.store(timeout=3600)
        store.query("ASK { }")  # the dialect, from the server's answer
        t0 = timed_start()
        ph = Phases(report)
        texts, names = prepare_cases(items, ph, close=True)
        with ph("load (Graph Store Protocol)"):
            static = static_ntriples()
            store.add_ntriples(G_STATIC, static.decode("utf-8"))
            store.add_ntriples(G_AXIOMS, axiom_table(axioms()))
            store.add_ntriples(G_CASES, "".join(texts))
        del texts
        timings: dict[str, float] = {}
        with ph("rules (on the server)"):
            rules = rule_texts(store.dialect)
            report["rounds"] = remote_fixpoint(store, rules, names | static_names(), timings=timings)
        report["reason_s"] = time.perf_counter() - t0
        report["rule_s"] = {k: round(v, 3) for k, v in sorted(timings.items(), key=lambda x: -x[1])}
        report["triples"] = _count(store)
        res = store.query(facts_query())
        report["facts"] = write_sorted(facts_of_rows((str(r["c"]), str(r["p"]), str(r["x"])) for r in res.rows), out)
    finally:
        server.stop()
        tmp.cleanup()


PEERS: dict[str, Callable[[list[tuple[str, str]], dict, Path], None]] = {
    "owlrl": run_owlrl,
    "rdflib": run_rdflib,
    "hermit": run_hermit,
    "reasonable": run_reasonable,
    "virtuoso": lambda items, report, out: run_remote(items, report, out, "virtuoso"),
    "oxigraph-serve": lambda items, report, out: run_remote(items, report, out, "oxigraph"),
}
