"""The engines the benchmark compares, each reaching the rules' conclusions on the same synthetic cases.

Every engine returns its conclusions as a set of "Class conclusion-IRI concerned-IRI" strings
(`signature`), so the benchmark can check that all reach the same ones.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from spinekg.vocab import BASE, PREFIXES, RDF

# The classes the rules conclude (not the construct graph's, which is Python, not rules).
CONCLUSIONS = ("ScrewLoosening", "ConnectorFailure", "HardwareFailure", "ConstructDiscontinuity", "ScrewMalposition",
               "ThreateningBreach", "NeurologicalCorrelationFlag", "StrictLucencyCriterionMet", "LeadMigration",
               "ExpectedDevicePlacement", "PostTestProbability", "RiskFactorContribution",
               "PseudarthrosisImagingSign", "NonUnionRiskAssessment", "RevisionEvaluationIndication",
               "RevisionReason")
_TYPE = f"<{RDF.type}>"
_CLASSES = {f"<{BASE}{c}>": c for c in CONCLUSIONS}
_CONCERNS = f"<{BASE}concerns>"
_LEVEL = f"<{BASE}riskLevel>"
_PROB = f"<{BASE}probability>"

SIGNATURE_QUERY = f"""
PREFIX skg: <{BASE}>
SELECT ?cls ?c ?x WHERE {{
  VALUES ?cls {{ {' '.join('skg:' + c for c in CONCLUSIONS)} }}
  ?c a ?cls .
  OPTIONAL {{ ?c skg:concerns|skg:riskLevel ?x }}
}}"""


def signature_from_ntriples(texts: Iterable[str]) -> set[str]:
    """Conclusions in N-Triples output (one text per case): {"Class <conclusion> <concerned or ->"}."""
    out: set[str] = set()
    for text in texts:
        kinds: dict[str, str] = {}
        about: dict[str, list[str]] = {}
        for line in text.split("\n"):
            if not line:
                continue
            s, p, o = line[:-2].split(" ", 2)
            if p == _TYPE and o in _CLASSES:
                kinds[s] = _CLASSES[o]
            elif p == _CONCERNS or p == _LEVEL:
                about.setdefault(s, []).append(o)
        for s, cls in kinds.items():
            for x in about.get(s, ["-"]):
                out.add(f"{cls} {s} {x}")
    return out


def signature_from_rows(rows: Iterable[tuple[str, str, str | None]]) -> set[str]:
    """The same from (class IRI, conclusion IRI, concerned IRI or None) rows."""
    out = set()
    for cls, c, x in rows:
        out.add(f"{cls.rsplit('/', 1)[-1]} <{c}> {'<' + x + '>' if x else '-'}")
    return out


def rdflib_signature(g) -> set[str]:
    rows = []
    for r in g.query(SIGNATURE_QUERY):
        rows.append((str(r[0]), str(r[1]), str(r[2]) if r[2] is not None else None))
    return signature_from_rows(rows)


# ----------------------------------------------------------------------------------------------
# Rules to a fixpoint on any CONSTRUCT engine (the peers compute conclusions, not derivation records)
# ----------------------------------------------------------------------------------------------
def rules_fixpoint(construct: Callable[[str], Iterable[tuple]], add: Callable[[set], None],
                   queries: dict[str, tuple[int, str]] | None = None, closure: Callable[[set], set] | None = None,
                   max_rounds: int = 50) -> int:
    """Run the rules stratum by stratum until no rule adds a triple; return how many triples were added.

    `queries` defaults to the rules as the engine runs them: the rule files as written.
    """
    if queries is None:
        queries = rule_files()
    known: set = set()
    for stratum in sorted({s for s, _ in queries.values()}):
        todo = [(rid, q) for rid, (s, q) in queries.items() if s == stratum]
        sizes: dict[str, list[int]] = {rid: [] for rid, _ in todo}
        for _ in range(max_rounds):
            new: set = set()
            for rid, q in todo:
                got = set(construct(q))
                sizes[rid].append(len(got))
                new |= got
                grown = sizes[rid]
                if len(grown) >= 2 and grown[-1] > max(1000, 3 * grown[-2]):  # a correct engine's results
                    raise RuntimeError(f"{rid}: results keep growing ({' -> '.join(map(str, grown))} triples "
                                       f"in rounds of stratum {stratum}); no fixpoint")
            fresh = new - known
            if closure is not None and fresh:
                fresh |= closure(fresh) - known
            if not fresh:
                break
            known |= fresh
            add(fresh)
        else:
            growing = {rid: n for rid, n in sizes.items() if len(set(n)) > 1}
            raise RuntimeError(f"no fixpoint in stratum {stratum} after {max_rounds} rounds; triples per round: "
                               + "; ".join(f"{rid}: {' -> '.join(map(str, n))}" for rid, n in growing.items()))
    return len(known)


def rule_files() -> dict[str, tuple[int, str]]:
    """The rules exactly as written in rules/ (what spinekg's engine runs)."""
    from spinekg.reasoning.rules import load_rules

    return {r.id: (r.stratum, r.query) for r in load_rules()}


def supers_closure_rdflib(triples: Iterable[tuple]) -> set:
    """The entailments of triples under the ontology's class and property axioms (rdflib terms)."""
    from rdflib import URIRef

    from spinekg.reasoning.axioms import axioms

    ax = axioms()
    out = set()
    for s, p, o in triples:
        n3 = (f"<{s}>", f"<{p}>", o.n3() if not isinstance(o, URIRef) else f"<{o}>")
        for t in ax.closure(*n3):
            if t[2].startswith("<"):
                out.add((URIRef(t[0][1:-1]), URIRef(t[1][1:-1]), URIRef(t[2][1:-1])))
    return out


def static_graph():
    from rdflib import Graph

    from spinekg.data import literature_graph, ontology_graph, parameters_graph
    from spinekg.reasoning.rules import rules_graph

    g = Graph()
    for part in (ontology_graph(), literature_graph(), parameters_graph(), rules_graph()):
        g += part
    return g


def rdflib_graph(items: list[tuple[str, str]]):
    from rdflib import Graph

    g = Graph()
    g.parse(data="".join(nt for _, nt in items), format="nt")
    return g


# ----------------------------------------------------------------------------------------------
# The peers
# ----------------------------------------------------------------------------------------------
def run_owlrl(items: list[tuple[str, str]], report: dict) -> set[str]:
    """(a) owlrl's OWL 2 RL closure of ontology + cases on rdflib, then the rules on rdflib's SPARQL."""
    import owlrl

    t = time.perf_counter()
    g = static_graph()
    g += rdflib_graph(items)
    report["load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    report["closure_s"] = time.perf_counter() - t
    t = time.perf_counter()
    rules_fixpoint(lambda q: g.query(q, initNs=PREFIXES), lambda new: [g.add(x) for x in new], queries=rule_files())
    report["rules_s"] = time.perf_counter() - t
    report["reason_s"] = report["closure_s"] + report["rules_s"]
    report["triples"] = len(g)
    return rdflib_signature(g)


def run_rdflib(items: list[tuple[str, str]], report: dict) -> set[str]:
    """(b) the same rules on rdflib's SPARQL engine, with the ontology axioms the rules need materialised."""
    t = time.perf_counter()
    g = static_graph()
    cases = rdflib_graph(items)
    g += cases
    report["load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    for x in supers_closure_rdflib(cases):
        g.add(x)
    rules_fixpoint(lambda q: g.query(q, initNs=PREFIXES), lambda new: [g.add(x) for x in new],
                   queries=rule_files(), closure=supers_closure_rdflib)
    report["reason_s"] = time.perf_counter() - t
    report["triples"] = len(g)
    return rdflib_signature(g)


def run_reasonable(items: list[tuple[str, str]], report: dict) -> set[str]:
    """(d) reasonable's OWL 2 RL closure (ontology + cases), then the rules on pyoxigraph (as the engine runs them)."""
    import pyoxigraph as ox
    import reasonable

    t = time.perf_counter()
    g = static_graph()
    g += rdflib_graph(items)
    report["load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    r = reasonable.PyReasoner()
    r.from_graph(g)
    closed = r.reason()
    report["closure_s"] = time.perf_counter() - t
    t = time.perf_counter()
    store = ox.Store()
    from spinekg.ntriples import from_rdflib as term

    lines = [f"{term(s)} {term(p)} {term(o)} ." for s, p, o in closed]
    lines += [f"{term(s)} {term(p)} {term(o)} ." for s, p, o in g]
    store.load("\n".join(lines).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    report["to_store_s"] = time.perf_counter() - t
    t = time.perf_counter()
    inferred = ox.NamedNode("urn:bench:inferred")
    rules_fixpoint(lambda q: [(x.subject, x.predicate, x.object) for x in store.query(q, use_default_graph_as_union=True)],
                   lambda new: store.extend([ox.Quad(s, p, o, inferred) for s, p, o in new]))
    report["rules_s"] = time.perf_counter() - t
    report["reason_s"] = report["closure_s"] + report["to_store_s"] + report["rules_s"]
    report["triples"] = len(closed)
    rows = [(sol["cls"].value, sol["c"].value, sol["x"].value if sol["x"] is not None else None)
            for sol in store.query(SIGNATURE_QUERY, use_default_graph_as_union=True)]
    return signature_from_rows(rows)


def run_hermit(items: list[tuple[str, str]], report: dict) -> set[str]:
    """(c) owlready2 with HermiT: the cases' individuals classified into the ontology's defined classes."""
    from spinekg.reasoning.owl_check import CROSSCHECKS, hermit_memberships

    t = time.perf_counter()
    graphs = [rdflib_graph([it]) for it in items]
    report["load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    members = hermit_memberships(graphs, list(CROSSCHECKS))
    report["reason_s"] = time.perf_counter() - t
    return {f"{cls.rsplit('/', 1)[-1]} <{x}>" for cls, xs in members.items() for x in xs}


def crosscheck_signature(asserted: Iterable[str], inferred: Iterable[str]) -> set[str]:
    """Our engine's members of the HermiT cross-check classes (owl_check.CROSSCHECKS), from N-Triples."""
    import pyoxigraph as ox

    from spinekg.reasoning.owl_check import CROSSCHECKS

    store = ox.Store()
    store.load("".join(asserted).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:a"))
    store.load("".join(inferred).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:i"))
    out = set()
    for cls, q in CROSSCHECKS.items():
        for sol in store.query(q, prefixes=PREFIXES, use_default_graph_as_union=True):
            out.add(f"{cls.rsplit('/', 1)[-1]} <{sol['x'].value}>")
    return out


# ----------------------------------------------------------------------------------------------
# (e) the rules on a SPARQL server (Virtuoso, `oxigraph serve`), run there as INSERT ... WHERE
# ----------------------------------------------------------------------------------------------
_BENCH = "urn:spinekg:bench:"
G_STATIC, G_CASES, G_INFERRED, G_AXIOMS = (_BENCH + g for g in ("static", "cases", "inferred", "axioms"))
_SUPER, _SUPERPROP, _INVERSE = (f"<{_BENCH}{p}>" for p in ("superClass", "superProperty", "inverseProperty"))

# The axiom closure of the inferred graph, on the server, from the table in G_AXIOMS (the tables of
# reasoning/axioms.py's tables are closed already: one step is the whole closure, as in Axioms.closure).
CLOSURE_UPDATE = f"""
INSERT {{ GRAPH <{G_INFERRED}> {{ ?s a ?d }} }}
WHERE {{ GRAPH <{G_INFERRED}> {{ ?s a ?c }} GRAPH <{G_AXIOMS}> {{ ?c {_SUPER} ?d }} }} ;
INSERT {{ GRAPH <{G_INFERRED}> {{ ?s ?q ?o }} }}
WHERE {{ GRAPH <{G_INFERRED}> {{ ?s ?p ?o }} GRAPH <{G_AXIOMS}> {{ ?p {_SUPERPROP} ?q }} }} ;
INSERT {{ GRAPH <{G_INFERRED}> {{ ?o ?q ?s }} }}
WHERE {{ GRAPH <{G_INFERRED}> {{ ?s ?p ?o }} GRAPH <{G_AXIOMS}> {{ ?p {_INVERSE} ?q }} FILTER (!isLiteral(?o)) }}
"""
COUNT_INFERRED = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{G_INFERRED}> {{ ?s ?p ?o }} }}"

# Equivalent rule text for Virtuoso 7.2 (rule id -> [(as written, instead)]), applied only where the text
# is found (docs/remote-backend.md, quirk 19). Both post-test rules choose the pretest setting as
#   OPTIONAL { ?user ... } OPTIONAL { ?pt ... BIND (... AS ?osteo) }
#   BIND (COALESCE(?user, ?osteo, <default>) AS ?setting)  ?setting skg:probability ?p ; rdfs:label ?l .
# Virtuoso's SQL optimiser may push the join on ?setting (a CASE over the OPTIONAL's column) into the
# OPTIONAL that binds ?user; when that OPTIONAL matches nothing (no user override) the condition is never
# tested and ?setting takes every subject of skg:probability - the post-test nodes of earlier rounds
# included: 924 -> 11,718 triples a round on 30 cases, 749,708 solutions instead of 2,248 on 1,000, no
# fixpoint. Whether it happens depends on the plan (the data's statistics): a plain sub-SELECT inside
# the OPTIONAL fixed 30 cases and not 1,000. The choice is made instead in a DISTINCT sub-SELECT
# per case and patient (an optimisation fence), joined on ?case and ?pt: the same solutions up to
# duplicates, which a CONSTRUCT/INSERT template does not see (the rule's ?pt comes from the required
# ?case skg:hasPatient ?pt, the OPTIONALs read nothing else of the rule's patterns).
_SETTING_AS_WRITTEN = """  OPTIONAL { ?case skg:usesPretestSetting ?user . ?user skg:userOverride true . }
  OPTIONAL { ?pt skg:hasRiskFactor skg:Osteoporosis .
             BIND (<https://w3id.org/spinekg/parameter/osteoporosis-pretest-loosening> AS ?osteo) }
  BIND (COALESCE(?user, ?osteo, <https://w3id.org/spinekg/parameter/default-pretest-loosening>) AS ?setting)
"""
_SETTING_FENCED = """  { SELECT DISTINCT ?case ?pt ?user ?setting WHERE {
      ?case skg:hasPatient ?pt .
      OPTIONAL { ?case skg:usesPretestSetting ?user . ?user skg:userOverride true . }
      OPTIONAL { ?pt skg:hasRiskFactor skg:Osteoporosis .
                 BIND (<https://w3id.org/spinekg/parameter/osteoporosis-pretest-loosening> AS ?osteo) }
      BIND (COALESCE(?user, ?osteo, <https://w3id.org/spinekg/parameter/default-pretest-loosening>) AS ?setting)
  } }
"""
VIRTUOSO_REWRITES: dict[str, list[tuple[str, str]]] = {
    "loosening-post-test-probability": [(_SETTING_AS_WRITTEN, _SETTING_FENCED)],
    "loosening-post-test-negative": [(_SETTING_AS_WRITTEN, _SETTING_FENCED)],
}
# Two rules are written in rules/ for Oxigraph's evaluation (see their comments); Virtuoso runs an
# earlier, equivalent form of their WHERE clause faster (one INSERT ... WHERE each on 10,000 cases:
# nonunion-surgical-risk-factors 0.86 s instead of 7.45 s; heary-thoracic-grade 0.08 s instead of 0.36 s).
# The other rewrites are the faster ones on Virtuoso too (screw-malposition-grade: 1.1 s, 54 s before).
VIRTUOSO_WHERE: dict[str, str] = {
    "nonunion-surgical-risk-factors": """WHERE {
  {
    {
      SELECT ?case ?premise ?pop WHERE {
        ?case skg:hasProcedure ?premise .
        ?premise a skg:SpinalFusion ; skg:atLevel ?l .
        BIND (IF(EXISTS { ?premise skg:atLevel ?cl . ?cl skg:inRegion skg:CervicalRegion }, "cervical", "thoracolumbar") AS ?pop)
      } GROUP BY ?case ?premise ?pop HAVING (COUNT(DISTINCT ?l) >= 9)
    }
    BIND (skg:LongFusion AS ?rf)
  } UNION {
    ?case skg:hasProcedure ?premise .
    ?premise a skg:PosteriorSpinalFusion ; skg:atLevel ?cl .
    ?cl skg:inRegion skg:CervicalRegion .
    BIND (skg:PosteriorCervicalApproach AS ?rf)
    BIND ("cervical" AS ?pop)
  } UNION {
    ?case skg:hasPatient ?premise ; skg:hasProcedure ?fusion .
    ?fusion a skg:SpinalFusion .
    { ?premise skg:priorSpineSurgeryCount ?n . FILTER (?n >= 1) }
    UNION
    { ?case skg:hasProcedure ?rev . ?rev a skg:RevisionSurgery . }
    BIND (skg:PriorRevisionSurgery AS ?rf)
    BIND (IF(EXISTS { ?fusion skg:atLevel ?cl2 . ?cl2 skg:inRegion skg:CervicalRegion }, "cervical", "thoracolumbar") AS ?pop)
  }
  ?fig a skg:OddsRatio ; skg:forRiskFactor ?rf ; skg:estimate ?or .
  OPTIONAL { ?fig skg:population ?figPop }
  FILTER (!BOUND(?figPop) || ?figPop = ?pop)
  OPTIONAL { ?rf rdfs:label ?rfLabel }
  OPTIONAL { ?fig rdfs:label ?figLabel }
  BIND (IRI(CONCAT(STR(?case), "/non-union-risk/factor/", REPLACE(STR(?rf), "^.*/", ""))) AS ?c)
  BIND (CONCAT("risk factor: ", COALESCE(?rfLabel, REPLACE(STR(?rf), "^.*/", "")), " (OR ", STR(?or), ", ",
               COALESCE(?figLabel, STR(?fig)), ")") AS ?label)
}
""",
}


def rule_inserts(graph: str, dialect: str | None = None,
                 queries: dict[str, tuple[int, str]] | None = None) -> dict[str, tuple[int, str]]:
    """The rules as INSERT { GRAPH <graph> { template } } WHERE { ... } updates.

    By default the rule files as written; on Virtuoso with the WHERE clauses of VIRTUOSO_WHERE and the
    equivalent text of VIRTUOSO_REWRITES.
    """
    from spinekg.sparql import construct_as_insert

    out = {}
    for rid, (stratum, text) in (queries or rule_files()).items():
        if dialect == "virtuoso":
            text = virtuoso_rule(rid, text)
        out[rid] = (stratum, construct_as_insert(text, graph))
    return out


def virtuoso_rule(rid: str, text: str) -> str:
    """A rule's text as Virtuoso runs it (VIRTUOSO_WHERE, VIRTUOSO_REWRITES); ValueError if a rewritten
    rule changed (check the quirk again before running it)."""
    where = VIRTUOSO_WHERE.get(rid)
    if where is not None:
        head = text[: text.index("\nWHERE {") + 1]
        text = head + where
    for old, new in VIRTUOSO_REWRITES.get(rid, ()):
        if old not in text:
            raise ValueError(f"rule {rid} no longer holds the text bench/peers.py rewrites for Virtuoso")
        text = text.replace(old, new)
    return text


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


def rule_reads(dialect: str | None = None) -> dict[str, frozenset[str] | None]:
    """The predicates and classes ("<IRI>") each rule's WHERE clause names (None: any), from its parsed
    algebra, for the rule text the server runs."""
    from spinekg.sparql import rule_shape

    out = {}
    for rid, (_, text) in rule_files().items():
        out[rid] = rule_shape(virtuoso_rule(rid, text) if dialect == "virtuoso" else text).reads
    return out


def remote_fixpoint(store, updates: dict[str, tuple[int, str]], reads: dict[str, frozenset[str] | None] | None = None,
                    max_rounds: int = 50, timings: dict[str, float] | None = None) -> list[list[int]]:
    """Run the rule updates on the server stratum by stratum until a round adds nothing to G_INFERRED.

    A round runs rules of the stratum as INSERT ... WHERE, then the axiom closure of G_INFERRED, then
    counts its triples by predicate and class. The first round of a stratum runs all its rules; a later
    one only those whose WHERE clause names a predicate or class that gained triples (as the
    engine does: the others would find the same solutions again). Returns the triples added per round.
    """
    def timed(key: str, t0: float) -> None:
        if timings is not None:
            timings[key] = timings.get(key, 0.0) + time.perf_counter() - t0

    reads = reads or {}
    names = _inferred_names(store)
    counts = []
    for stratum in sorted({s for s, _ in updates.values()}):
        rules = [(rid, u) for rid, (s, u) in updates.items() if s == stratum]
        todo = rules
        added: list[int] = []
        for _ in range(max_rounds):
            for rid, u in todo:
                t = time.perf_counter()
                store.update(u, union=True)
                timed(rid, t)
            t = time.perf_counter()
            store.update(CLOSURE_UPDATE, union=True)
            timed("(axiom closure)", t)
            t = time.perf_counter()
            now = _inferred_names(store)
            timed("(counting)", t)
            if timings is not None:
                timings["(counting, slowest)"] = max(timings.get("(counting, slowest)", 0.0), time.perf_counter() - t)
            changed = {iri for (kind, iri), n in now.items() if n != names.get((kind, iri), 0)}
            added.append(sum(n for (kind, _), n in now.items() if kind == "p")
                         - sum(n for (kind, _), n in names.items() if kind == "p"))
            names = now
            todo = [(rid, u) for rid, u in rules if reads.get(rid) is None or reads[rid] & changed]
            if not changed or not todo:
                break
            if len(added) >= 2 and added[-1] > max(1000, 3 * added[-2]):  # a correct run adds less and less
                raise RuntimeError(f"stratum {stratum}: the inferred graph keeps growing "
                                   f"({' -> '.join(map(str, added))} triples a round); no fixpoint")
        else:
            raise RuntimeError(f"no fixpoint in stratum {stratum} after {max_rounds} rounds: "
                               f"{' -> '.join(map(str, added))} triples a round")
        counts.append(added)
    return counts


def run_remote(items: list[tuple[str, str]], report: dict, server_name: str) -> set[str]:
    """(e) the rules run on a SPARQL server, on the same data as the engine's workspace.

    The data (static graphs; the cases with their axiom entailments, as the engine loads them)
    go to the server in one Graph Store Protocol POST per graph (its bulk loader); each rule runs on
    the server as INSERT { GRAPH <inferred> { template } } WHERE { ... }, then the axiom closure of the
    inferred graph (INSERT ... WHERE over an axiom table), round after round to a fixpoint, stratum by
    stratum. Nothing but counts and the final conclusions comes back.
    """
    import tempfile
    from pathlib import Path

    from spinekg.reasoning.axioms import axioms
    from spinekg.reasoning.engine import static_ntriples
    from spinekg.store.servers import start_oxigraph, start_virtuoso

    tmp = tempfile.TemporaryDirectory(prefix=f"spinekg-bench-{server_name}-")
    t = time.perf_counter()
    if server_name == "virtuoso":
        server = start_virtuoso(Path(tmp.name), memory="large", max_rows=10_000_000)
    else:
        server = start_oxigraph(Path(tmp.name))
    report["start_s"] = time.perf_counter() - t
    try:
        store = server.store(timeout=3600)
        ax = axioms()
        t = time.perf_counter()
        parts = []
        for _, nt in items:
            for line in nt.splitlines():
                parts.append(line)
                s, p, o = line[:-2].split(" ", 2)
                parts += [" ".join(x) + " ." for x in ax.closure(s, p, o)]
        cases = "\n".join(parts) + "\n"
        report["closure_s"] = time.perf_counter() - t
        t = time.perf_counter()
        store.add_ntriples(G_STATIC, static_ntriples().decode("utf-8"))
        store.add_ntriples(G_AXIOMS, axiom_table(ax))
        store.add_ntriples(G_CASES, cases)
        report["load_s"] = time.perf_counter() - t
        report["loaded_triples"] = _count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                                                 f"FILTER (STRSTARTS(STR(?g), \"{_BENCH}\")) }}")
        updates = rule_inserts(G_INFERRED, store.dialect)
        timings: dict[str, float] = {}
        t = time.perf_counter()
        reads = rule_reads(store.dialect)
        rounds = remote_fixpoint(store, updates, reads, timings=timings)
        report["reason_s"] = time.perf_counter() - t
        report["rounds"] = rounds
        report["rule_s"] = {k: round(v, 3) for k, v in sorted(timings.items(), key=lambda x: -x[1])}
        report["triples"] = _count(store)
        res = store.query(SIGNATURE_QUERY)
        rows = [(r["cls"].value, r["c"].value, r["x"].value if "x" in r else None) for r in res.rows]
        return signature_from_rows(rows)
    finally:
        server.stop()
        tmp.cleanup()


PEERS = {
    "owlrl": run_owlrl,
    "rdflib": run_rdflib,
    "hermit": run_hermit,
    "reasonable": run_reasonable,
    "virtuoso": lambda items, report: run_remote(items, report, "virtuoso"),
    "oxigraph-serve": lambda items, report: run_remote(items, report, "oxigraph"),
}
