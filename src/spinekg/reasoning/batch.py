"""The set-at-a-time engine: many cases reasoned at once, to exactly the per-case engine's inferred graphs.

``reason_many(loaded_cases)`` returns, for every case, the same inferred graph (conclusions, axiom
entailments, construct-graph facts and derivations) as ``engine.reason_case_graph`` does for that
case alone (tests/test_batch.py compares them triple for triple). How it gets there:

* **One workspace per chunk of cases.** A chunk's asserted triples go into one in-memory pyoxigraph
  store with the static graphs (ontology, literature, parameters, rule metadata). Every rule is
  written per ``?case``, so each rule runs once over the whole chunk, stratum by stratum, to a
  fixpoint; the conclusions are then split by case again from their IRIs (everything a case file
  names lies under its case IRI).
* **Rules as SELECT.** Each CONSTRUCT rule runs as ``SELECT DISTINCT`` over its template's
  variables; the template is instantiated in Python, which knows the case of every solution (the
  rule's ``?case``, else any case IRI bound in it) and builds the derivation records from the
  solution's ``prov:wasDerivedFrom`` triples, as the per-case engine does. Results cross from Rust to
  Python once per rule, as TSV. A rule runs again in a later round only when the round before added a
  triple with a predicate or class its WHERE clause names; solutions seen before are skipped.
* **Only what the rules read goes into the workspace.** The axiom closure (subclasses,
  subproperties, inverses), the construct-graph facts and the derivation records are all in the
  output, but the workspace only receives the triples whose predicate (or, for ``rdf:type``, class)
  some rule names. The rest is written straight to each case's output text.
* **The construct graph is memoised.** Its facts depend only on a case's hardware, fusions and
  hardware-failure findings; cases with the same of those (relative to their case IRI) share one
  analysis, whose output is kept as a template with the case IRI left open. The key is the case's
  triples about its implants, constructs, procedures and failure findings, with its IRI taken out.
* **Both cores.** ``reason_many``/``reason_ntriples`` hand chunks to worker processes.

Cases the fast path does not cover are reasoned by the per-case engine instead: graphs not written
from the case format (e.g. Turtle case files: their nodes need not lie under the case IRI) and cases
using a transitive property (none of the case format's properties is).

Set-at-a-time, five rules are pathologically slow as written (a cost quadratic in the number of
cases in the workspace; see ``REWRITES``). Until they are rewritten in rules/, the engine runs an
equivalent query for each, but only while the rule file is the one the rewrite was checked against
(same SHA-256); a changed rule runs as written.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..vocab import BASE, CASE_BASE, PROV, RDF, SKG, case_iri
from . import axioms
from ..cases.schema import Case
from ..iri import names_a_document
from .rules import Rule, load_rules

if TYPE_CHECKING:
    from ..cases import LoadedCase

MAX_ROUNDS = 50
DEFAULT_CHUNK = 1000

_XSD = "http://www.w3.org/2001/XMLSchema#"
_TYPE = f"<{RDF.type}>"
_WDF = f"<{PROV.wasDerivedFrom}>"
_WGB = f"<{PROV.wasGeneratedBy}>"
_USED = f"<{PROV.used}>"
_DERIVATION = f"<{SKG.Derivation}>"
_ACTIVITY = f"<{PROV.Activity}>"
_APPLIED = f"<{SKG.appliedRule}>"
_CASE_OPEN = "<" + CASE_BASE
_HAS_FINDING = f"<{SKG.hasFinding}>"
_VAR_NS = "urn:spinekg:batch:var:"


class BatchError(RuntimeError):
    """Raised when the batch engine cannot reason a chunk (a rule failed or did not reach a fixpoint)."""


# ----------------------------------------------------------------------------------------------
# Terms as N-Triples text
# ----------------------------------------------------------------------------------------------
_BARE_INT = re.compile(r"^[+-]?\d+$")
_BARE_DEC = re.compile(r"^[+-]?\d*\.\d+$")


@lru_cache(maxsize=4096)
def _bare(token: str) -> str:
    """A TSV result term (Turtle syntax) in N-Triples syntax: bare numbers and booleans get their datatype."""
    if token in ("true", "false"):
        return f'"{token}"^^<{_XSD}boolean>'
    if _BARE_INT.match(token):
        return f'"{token}"^^<{_XSD}integer>'
    if _BARE_DEC.match(token):
        return f'"{token}"^^<{_XSD}decimal>'
    return f'"{token}"^^<{_XSD}double>'


def _from_tsv(token: str) -> str:
    return token if token[:1] in ('<', '"', "_") else _bare(token)


def _case_of(term: str) -> str | None:
    """The case id of a term under a case IRI (<.../case/ID> or <.../case/ID/...>), else None."""
    if not term.startswith(_CASE_OPEN):
        return None
    rest = term[len(_CASE_OPEN):]
    cut = rest.find("/")
    return rest[:cut] if cut >= 0 else rest[:-1]


# ----------------------------------------------------------------------------------------------
# The axioms, as lookup tables over N-Triples terms
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Axioms:
    supers: dict[str, tuple[str, ...]]                 # "<C>" -> ("<D>", ...)
    props: dict[str, tuple[tuple[str, bool], ...]]     # "<p>" -> (("<q>", inverted), ...)
    transitive: frozenset[str]                         # "<p>" whose closure needs the generic engine

    def closure(self, s: str, p: str, o: str) -> list[tuple[str, str, str]]:
        """The triples one triple entails on its own (exact for non-transitive properties)."""
        out: list[tuple[str, str, str]] = []
        if p == _TYPE:
            sup = self.supers.get(o)
            if sup:
                out += [(s, _TYPE, d) for d in sup]
        extra = self.props.get(p)
        if extra:
            literal = o[:1] == '"'
            for q, inv in extra:
                if not inv:
                    out.append((s, q, o))
                elif not literal:
                    out.append((o, q, s))
        return out


@lru_cache(maxsize=1)
def _axioms() -> _Axioms:
    sc = axioms.schema()
    supers = {f"<{c}>": tuple(sorted(f"<{d}>" for d in ds)) for c, ds in sc.supers.items() if ds}
    preds = set(sc.superprops) | set(sc.inverses) | set(sc.transitive)
    props: dict[str, tuple[tuple[str, bool], ...]] = {}
    transitive: set[str] = set()
    for p in preds:
        seen: set[tuple[str, bool]] = set()
        todo = [(p, False)]
        while todo:
            q, inv = todo.pop()
            for q2 in sc.superprops.get(q, ()):
                if (q2, inv) not in seen:
                    seen.add((q2, inv))
                    todo.append((q2, inv))
            for q2 in sc.inverses.get(q, ()):
                if (q2, not inv) not in seen:
                    seen.add((q2, not inv))
                    todo.append((q2, not inv))
        seen.discard((p, False))
        if p in sc.transitive or any(q in sc.transitive for q, _ in seen):
            transitive.add(f"<{p}>")
        if seen:
            props[f"<{p}>"] = tuple(sorted((f"<{q}>", inv) for q, inv in seen))
    return _Axioms(supers, props, frozenset(transitive))


# ----------------------------------------------------------------------------------------------
# Rules compiled for the batch
# ----------------------------------------------------------------------------------------------
# Equivalent queries for rules that are pathologically slow set-at-a-time: rule id -> (SHA-256 of the
# rule file the rewrite was checked against, why, the WHERE clause to run instead). A rule file with
# another digest runs as written.
REWRITES: dict[str, tuple[str, str, str]] = {}


def _rewrite(rule_id: str, sha: str, why: str, where: str) -> None:
    REWRITES[rule_id] = (sha, why, where)


_rewrite("loosening-post-test-negative",
         "1d35c7cf333a14bc8dcc88942e3d30c9aa80751774c408611fa3fac6d0a414cb",
         "The required patterns after the OPTIONALs and the FILTER (?study's modality, the accuracy "
         "figures) are joined to the left join by a nested loop that re-evaluates it for every study in "
         "the workspace: quadratic (43 s for 2,000 cases). Moved before the OPTIONALs: 57 ms.",
         """WHERE {
  ?case skg:hasFinding ?f ; skg:hasPatient ?pt .
  ?f a skg:PeriImplantLucency ; skg:aboutImplant ?screw ; skg:assertionStatus ?status ; skg:observedIn ?study .
  ?screw a skg:Screw .
  ?study skg:hasModality ?mod .
  ?acc a skg:DiagnosticAccuracy ; skg:forModality ?mod ; skg:sensitivity ?sens ; skg:specificity ?spec .
  OPTIONAL { ?f skg:lucencyWidth/skg:numericValue ?w }
  OPTIONAL { ?f skg:doubleHalo ?dh }
  FILTER (?status = skg:Negated || (?status = skg:Affirmed && COALESCE(?w <= 1.0, false) && !COALESCE(?dh = true, false)))
  OPTIONAL { ?user a skg:PretestSetting ; skg:userOverride true . }
  OPTIONAL { ?pt skg:hasRiskFactor skg:Osteoporosis .
             BIND (<https://w3id.org/spinekg/parameter/osteoporosis-pretest-loosening> AS ?osteo) }
  BIND (COALESCE(?user, ?osteo, <https://w3id.org/spinekg/parameter/default-pretest-loosening>) AS ?setting)
  ?setting skg:probability ?p ; rdfs:label ?settingLabel .
  BIND ((1 - ?sens) * ?p / ((1 - ?sens) * ?p + ?spec * (1 - ?p)) AS ?raw)
  BIND (ROUND(?raw * 1000) / 1000 AS ?post)
  OPTIONAL { ?screw rdfs:label ?screwLabel }
  OPTIONAL { ?acc rdfs:label ?accLabel }
  BIND (IRI(CONCAT(STR(?f), "/post-test-negative/", REPLACE(STR(?acc), "^.*/", ""))) AS ?node)
  BIND (CONCAT("post-test probability of loosening after a negative finding ", STR(?post), ": ",
               COALESCE(?screwLabel, STR(?screw)), " (pretest ", STR(?p), "; ", COALESCE(?accLabel, STR(?acc)), ")") AS ?label)
}""")
_rewrite("screw-malposition-grade",
         "bde7a906bc65a2446c4bf9b1b7df3419cdba8b8715ef5e200522de0d4693f125",
         "OPTIONAL { ?dir rdfs:label ?dirLabel } joins on ?dir, which an earlier OPTIONAL may leave "
         "unbound, so it cannot be a hash join: every solution scans all labels (47 s for 10,000 cases). "
         "Nested inside the OPTIONAL that binds ?dir (as connector-failure.rq does): linear.",
         """WHERE {
  ?case skg:hasFinding ?f .
  ?f a skg:ScrewBreachFinding ; skg:aboutImplant ?screw ; skg:assertionStatus ?status .
  ?screw a skg:Screw .
  FILTER (?status IN (skg:Affirmed, skg:Uncertain))
  OPTIONAL { ?f skg:breachDistance/skg:numericValue ?d }
  OPTIONAL { ?f skg:hasDirection ?dir . OPTIONAL { ?dir rdfs:label ?dirLabel } }
  OPTIONAL { ?f skg:relativeTo ?rel }
  OPTIONAL { ?screw skg:atLevel ?level }
  OPTIONAL { ?screw skg:onSide ?side }
  OPTIONAL { ?screw rdfs:label ?screwLabel }
  BIND (?status = skg:Affirmed AS ?firm)
  BIND (IF(?firm, ?nothing, skg:PossibleCertainty) AS ?certainty)
  BIND (IF(!BOUND(?d), skg:GradeNotMeasurable,
        IF(?d < 2, skg:GRGradeB, IF(?d < 4, skg:GRGradeC, IF(?d < 6, skg:GRGradeD, skg:GRGradeE)))) AS ?grade)
  BIND (IF(!BOUND(?d), "breach distance not stated in the report: modified Gertzbein-Robbins grade not measurable from report",
        CONCAT("breach ", STR(?d), " mm: modified Gertzbein-Robbins grade ",
               IF(?d < 2, "B (< 2 mm)", IF(?d < 4, "C (2 to < 4 mm)", IF(?d < 6, "D (4 to < 6 mm)", "E (>= 6 mm)"))))) AS ?note)
  BIND (IRI(CONCAT(STR(?screw), IF(?firm, "/malposition", "/possible-malposition"))) AS ?c)
  BIND (CONCAT(IF(?firm, "", "possible "), "malposition: ", COALESCE(?screwLabel, STR(?screw)),
               COALESCE(CONCAT(", ", ?dirLabel, " breach"), ""), "; ", ?note) AS ?label)
}""")
_rewrite("heary-thoracic-grade",
         "e513022f2bc9a3722dbe651830394b25f09b3a128c389ec4a9f575c62c571252",
         "The VALUES table at the end of the group is joined last, after the OPTIONAL, so every breach "
         "of a thoracic screw is carried through the left join first (2.3 s for 10,000 cases). VALUES "
         "first binds ?dir before the scan: 40 ms.",
         """WHERE {
  VALUES (?dir ?relCase ?heary ?note) {
    (skg:Lateral "body" skg:HearyGradeII "lateral to the vertebral body: Heary II or III; the report does not say whether the tip is inside the body")
    (skg:Lateral "body" skg:HearyGradeIII "lateral to the vertebral body: Heary II or III; the report does not say whether the tip is inside the body")
    (skg:Lateral "pedicle" skg:HearyGradeII "lateral pedicle breach: Heary II if the tip is inside the vertebral body")
    (skg:Anterior "any" skg:HearyGradeIII "anterior breach of the vertebral body: Heary III")
    (skg:Anterolateral "any" skg:HearyGradeIII "anterolateral breach of the vertebral body: Heary III")
    (skg:Medial "any" skg:HearyGradeIV "medial breach: Heary IV (Heary V if it threatens the cord, a root or a vessel: clinical judgement)")
    (skg:Posteromedial "any" skg:HearyGradeIV "medial breach: Heary IV (Heary V if it threatens the cord, a root or a vessel: clinical judgement)")
    (skg:Anteromedial "any" skg:HearyGradeIV "medial breach: Heary IV (Heary V if it threatens the cord, a root or a vessel: clinical judgement)")
    (skg:Inferior "any" skg:HearyGradeIV "inferior breach: Heary IV")
  }
  ?f a skg:ScrewBreachFinding ; skg:aboutImplant ?screw ; skg:assertionStatus ?status ; skg:hasDirection ?dir .
  FILTER (?status IN (skg:Affirmed, skg:Uncertain))
  ?screw a skg:Screw ; skg:atLevel ?level .
  ?level skg:inRegion skg:ThoracicRegion .
  BIND (IRI(CONCAT(STR(?screw), IF(?status = skg:Affirmed, "/malposition", "/possible-malposition"))) AS ?m)
  OPTIONAL { ?f skg:relativeTo ?rel . ?rel a ?relType . FILTER (?relType IN (skg:VertebralBody, skg:Pedicle)) }
  FILTER (?relCase = "any" || (?relCase = "body" && COALESCE(?relType = skg:VertebralBody, true))
          || (?relCase = "pedicle" && COALESCE(?relType = skg:Pedicle, false)))
}""")
_rewrite("nonunion-patient-risk-factors",
         "504282d86944a4b99840cc509c151451b7c8090920af29f72dd5b0a12cd2ab3a",
         "BIND(IF(EXISTS { ?case ... }, ...)) evaluates the EXISTS pattern over the whole workspace for "
         "every solution instead of for its ?case: quadratic (28 s for 2,000 cases). The same test as an "
         "OPTIONAL sub-select joined on ?case: 0.2 s for 10,000.",
         """WHERE {
  ?case skg:hasPatient ?pt ; skg:hasProcedure ?fusion .
  ?fusion a skg:SpinalFusion .
  ?pt skg:hasRiskFactor ?rf .
  ?fig a skg:OddsRatio ; skg:forRiskFactor ?rf ; skg:estimate ?or .
  OPTIONAL { SELECT DISTINCT ?case ?cervicalFusion WHERE {
    ?case skg:hasProcedure ?f2 . ?f2 a skg:SpinalFusion ; skg:atLevel ?l2 . ?l2 skg:inRegion skg:CervicalRegion .
    BIND ("cervical" AS ?cervicalFusion) } }
  BIND (COALESCE(?cervicalFusion, "thoracolumbar") AS ?pop)
  OPTIONAL { ?fig skg:population ?figPop }
  FILTER (!BOUND(?figPop) || ?figPop = ?pop)
  OPTIONAL { ?rf rdfs:label ?rfLabel }
  OPTIONAL { ?fig rdfs:label ?figLabel }
  BIND (IRI(CONCAT(STR(?case), "/non-union-risk/factor/", REPLACE(STR(?rf), "^.*/", ""))) AS ?c)
  BIND (CONCAT("risk factor: ", COALESCE(?rfLabel, REPLACE(STR(?rf), "^.*/", "")), " (OR ", STR(?or), ", ",
               COALESCE(?figLabel, STR(?fig)), ")") AS ?label)
}""")
_rewrite("nonunion-surgical-risk-factors",
         "c84f33e65f5d77b5e806f6dab77a51cb58652cf2048152f36195b55aa20656aa",
         "Two BIND(IF(EXISTS {...})) tests, as in nonunion-patient-risk-factors: superlinear (1.3 s for "
         "10,000 cases and growing). The same tests as OPTIONAL sub-selects joined on the fusion.",
         """WHERE {
  {
    {
      SELECT ?case ?premise ?pop WHERE {
        ?case skg:hasProcedure ?premise .
        ?premise a skg:SpinalFusion ; skg:atLevel ?l .
        OPTIONAL { SELECT DISTINCT ?premise ?cervicalFusion WHERE {
          ?premise skg:atLevel ?cl . ?cl skg:inRegion skg:CervicalRegion . BIND ("cervical" AS ?cervicalFusion) } }
        BIND (COALESCE(?cervicalFusion, "thoracolumbar") AS ?pop)
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
    OPTIONAL { SELECT DISTINCT ?fusion ?cervicalFusion2 WHERE {
      ?fusion skg:atLevel ?cl2 . ?cl2 skg:inRegion skg:CervicalRegion . BIND ("cervical" AS ?cervicalFusion2) } }
    BIND (COALESCE(?cervicalFusion2, "thoracolumbar") AS ?pop)
  }
  ?fig a skg:OddsRatio ; skg:forRiskFactor ?rf ; skg:estimate ?or .
  OPTIONAL { ?fig skg:population ?figPop }
  FILTER (!BOUND(?figPop) || ?figPop = ?pop)
  OPTIONAL { ?rf rdfs:label ?rfLabel }
  OPTIONAL { ?fig rdfs:label ?figLabel }
  BIND (IRI(CONCAT(STR(?case), "/non-union-risk/factor/", REPLACE(STR(?rf), "^.*/", ""))) AS ?c)
  BIND (CONCAT("risk factor: ", COALESCE(?rfLabel, REPLACE(STR(?rf), "^.*/", "")), " (OR ", STR(?or), ", ",
               COALESCE(?figLabel, STR(?fig)), ")") AS ?label)
}""")


_rewrite("nonunion-imaging-signs",
         "891ad991605f1e04173541f1d81b08bdbedce171cbc4bc6349121d546d814c77",
         "The UNION of the two premise kinds is joined to the studies by a nested loop that evaluates it, "
         "with the wasDerivedFrom+ path, again for every study (2 to 8 s for 2,000 cases). Joining the "
         "premise to its case, its findings and their study first, and keeping only the class tests "
         "(and ?what) in the UNION: 0.12 s.",
         """WHERE {
  ?case skg:hasStudy ?study .
  ?study skg:intervalAfterProcedure ?iv ; skg:intervalReference ?fusion .
  ?fusion a skg:SpinalFusion .
  ?iv skg:numericValue ?v ; skg:unit ?u .
  ?premise skg:ofCase ?case ; prov:wasDerivedFrom+ ?finding .
  ?finding skg:observedIn ?study .
  {
    ?premise a skg:ScrewLoosening ; skg:certainty skg:SuspectedCertainty .
    BIND ("suspected screw loosening" AS ?what)
  } UNION {
    ?premise a skg:HardwareFailure .
    BIND ("hardware failure" AS ?what)
  }
  BIND (?v * IF(?u = skg:Year, 12, IF(?u = skg:Week, 6, IF(?u = skg:Day, 6, 1))) / IF(?u = skg:Week, 26, IF(?u = skg:Day, 182, 1)) AS ?months)
  FILTER (?months >= 6)
  OPTIONAL { ?premise rdfs:label ?pl }
  BIND (IRI(CONCAT(STR(?premise), "/pseudarthrosis-sign")) AS ?c)
  BIND (CONCAT("imaging sign suggesting pseudarthrosis: ", COALESCE(?pl, ?what), " at ", STR(ROUND(?months * 10) / 10), " months after fusion") AS ?label)
}""")


def rule_sha(rule: Rule) -> str:
    return hashlib.sha256(rule.query.encode("utf-8")).hexdigest()


_STRIP = re.compile(r'<[^<>"{}|^`\\\s]*>|"""(?:.|\n)*?"""|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|#[^\n]*')
_PREFIX = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
_PNAME = re.compile(r"(?<![\w?$:<])([A-Za-z][\w.-]*)?:([A-Za-z_][\w.-]*)?")
_IRI = re.compile(r"<([^<>\"{}|^`\\\s]*)>")
_VAR_CLASS = re.compile(r"(?:\ba|rdf:type)\s+\?(\w+)")


def _match_brace(text: str, start: int) -> int:
    """The index just after the '}' closing the '{' at text[start - 1] (strings and IRIs skipped)."""
    depth, i = 1, start
    while depth:
        m = _STRIP.match(text, i)
        if m and m.group(0)[0] in '<"\'#' and m.end() > i:
            i = m.end()
            continue
        ch = text[i]
        depth += ch == "{"
        depth -= ch == "}"
        i += 1
    return i


_PATH_CHARS = re.compile(r"[/|^*+?]")
_TOKEN = re.compile(r'<[^<>"{}|^`\\\s]*>|"(?:[^"\\\n]|\\.)*"(?:\^\^\S+|@[\w-]+)?|[?$]\w+|[;,.\[\]()]|[^\s;,()\[\]]+')


def _required_names(where: str, prefixes: dict[str, str]) -> frozenset[str]:
    """Predicates (and, for rdf:type, classes) of the triple patterns every solution of the WHERE
    clause must match: those of its outermost group, outside OPTIONAL, UNION, MINUS, FILTER, BIND,
    VALUES and nested groups. A rule none of whose solutions can exist without them need not run
    while the workspace has no triple with one of them (conservative: when unsure, name nothing)."""
    start = where.index("{") + 1
    end = _match_brace(where, start)
    body = where[start: end - 1]
    # strings and comments out of the way, nested groups and parenthesised expressions cut out
    body = _STRIP.sub(lambda m: m.group(0) if m.group(0)[0] == "<" else ' "s" ' if m.group(0)[0] in "\"'" else " ", body)
    flat, i = [], 0
    while i < len(body):
        ch = body[i]
        if ch == "{":
            i = _match_brace(body, i + 1)
            flat.append(" . ")
            continue
        flat.append(ch)
        i += 1
    text = "".join(flat)
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"\([^()]*\)", " ", text)
    text = re.sub(r"\b(OPTIONAL|MINUS|UNION|GRAPH\s+\S+|SERVICE\s+\S+|FILTER\s+(NOT\s+)?EXISTS|FILTER|BIND|VALUES\s+\S+)\b",
                  " . ", text, flags=re.I)
    names: set[str] = set()

    def iri(tok: str) -> str | None:
        if tok.startswith("<") and tok.endswith(">"):
            return tok
        if ":" in tok and not tok.startswith(("?", "$", '"')):
            pfx, local = tok.split(":", 1)
            if pfx in prefixes and local and not _PATH_CHARS.search(local):
                return f"<{prefixes[pfx]}{local}>"
        return None

    for stmt in re.split(r"\s\.\s|\s\.$|^\.\s", f" {text} "):
        toks = _TOKEN.findall(stmt)
        if not toks or "[" in toks or "]" in toks:
            continue
        pos, pred = 0, None  # 0 subject, 1 predicate, 2 object
        for tok in toks:
            if tok == ";":
                pos = 1
            elif tok == ",":
                pos = 2
            elif pos == 0:
                pos = 1
            elif pos == 1:
                pred = tok
                if tok != "a" and not _PATH_CHARS.search(tok.lstrip("<").rstrip(">") if tok[0] != "<" else ""):
                    p = iri(tok)
                    if p and p != _TYPE:
                        names.add(p)
                pos = 2
            else:
                if pred is not None and (pred == "a" or iri(pred) == _TYPE):
                    c = iri(tok)
                    if c:
                        names.add(c)
                pos = 2
    return frozenset(names)


@dataclass
class _CompiledRule:
    rule: Rule
    select: str
    vars: list[str]
    template: list[tuple[tuple[bool, str], tuple[bool, str], tuple[bool, str]]]  # (is_var, var or term)
    case_index: int | None
    reads: frozenset[str] | None        # IRIs the WHERE clause names (None: anything)
    derived_from: list[tuple[int, int]] = field(default_factory=list)
    rewritten: bool = False
    requires: frozenset[str] = frozenset()  # predicates/classes every solution matches (_required_names)


def _compile(rule: Rule, use_rewrites: bool = True) -> _CompiledRule:
    text = rule.query
    m = re.search(r"\bCONSTRUCT\s*\{", text, re.I)
    if not m:
        raise BatchError(f"rule {rule.id}: not a CONSTRUCT query")
    end = _match_brace(text, m.end())
    head, tmpl, where = text[: m.start()], text[m.end(): end - 1], text[end:]
    rewritten = False
    rw = REWRITES.get(rule.id)
    if use_rewrites and rw and rw[0] and rw[0] == rule_sha(rule):
        where, rewritten = rw[2], True
    prefixes = {p or "": iri for p, iri in _PREFIX.findall(head)}
    # the template: variables become placeholder IRIs, then it parses as Turtle
    names: list[str] = []

    def var(mv: re.Match) -> str:
        if mv.group(1) not in names:
            names.append(mv.group(1))
        return f"<{_VAR_NS}{mv.group(1)}>"

    body = re.sub(r"[?$](\w+)", var, tmpl).strip()
    turtle = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in prefixes.items()) + body
    if not body.endswith("."):
        turtle += " ."
    triples = list(ox.parse(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    if any(isinstance(x, ox.BlankNode) for t in triples for x in t):
        raise BatchError(f"rule {rule.id}: blank nodes in the template are not supported by the batch engine")
    where_vars = set(re.findall(r"[?$](\w+)", _STRIP.sub(" ", where)))
    project = [n for n in names if n in where_vars]
    if "case" in where_vars and "case" not in project:
        project.append("case")
    index = {n: i for i, n in enumerate(project)}

    def term(x: object) -> tuple[bool, str]:
        if isinstance(x, ox.NamedNode) and x.value.startswith(_VAR_NS):
            return True, x.value[len(_VAR_NS):]
        return False, str(x)

    template = []
    for t in triples:
        s, p, o = term(t.subject), term(t.predicate), term(t.object)
        # a variable the WHERE clause never binds leaves the triple out of every solution
        if any(is_var and v not in index for is_var, v in (s, p, o)):
            continue
        template.append((s, p, o))
    # what the WHERE clause reads: every IRI it names (None when it has a variable predicate)
    bare = _STRIP.sub(lambda mm: mm.group(0) if mm.group(0).startswith("<") else " ", where)
    reads: set[str] | None = {f"<{i}>" for i in _IRI.findall(bare)}
    for pfx, local in _PNAME.findall(_IRI.sub(" ", bare)):
        if (pfx or "") in prefixes and local:
            reads.add(f"<{prefixes[pfx or '']}{local}>")
    if _has_variable_predicate(where):
        reads = None
    elif any(not re.search(rf"\?{v}\s*(?:IN\s*\(|=)", where) for v in _VAR_CLASS.findall(bare)):
        reads.add(_TYPE)  # a class variable not restricted to named classes reads every rdf:type triple
    select = head + "SELECT DISTINCT " + " ".join("?" + n for n in project) + "\n" + where
    cr = _CompiledRule(rule, select, project, [((a, index[b] if a else b), (c, index[d] if c else d),
                                                (e, index[f] if e else f)) for (a, b), (c, d), (e, f) in template],
                       index.get("case"), frozenset(reads) if reads is not None else None, rewritten=rewritten,
                       requires=_required_names(where, prefixes))
    return cr


def _names_in(nt: str) -> Iterator[str]:
    """The predicates, and the classes of rdf:type triples, of N-Triples text."""
    for line in nt.split("\n"):
        if line and line[0] != "#":
            _, p, o = line[:-2].split(" ", 2)
            yield o if p == _TYPE else p


def _has_variable_predicate(where: str) -> bool:
    """Whether a triple pattern of the WHERE clause has a variable in predicate position (conservative)."""
    text = _STRIP.sub(lambda m: "<i>" if m.group(0)[0] == "<" else " " if m.group(0)[0] == "#" else ' "s" ', where)
    text = re.sub(r"\bSELECT\b[^{]*?(?=\bWHERE\b|\{)", " ", text, flags=re.I)
    text = re.sub(r"\b(GROUP|ORDER)\s+BY\b[^{}]*?(?=\bHAVING\b|\}|\bLIMIT\b|$)", " ", text, flags=re.I)
    text = re.sub(r"\bVALUES\s*(\([^)]*\)|\?\w+)", " VALUES ", text, flags=re.I)
    text = re.sub(r"\b(BIND|FILTER|HAVING)\s*\(", " ( ", text, flags=re.I)
    # drop every parenthesised expression (function calls, FILTER and BIND bodies)
    prev = None
    while prev != text:
        prev = text
        text = re.sub(r"\([^()]*\)", " ", text)
    term = r'(?:\?\w+|<i>|"s"|[\w-]*:[\w.-]*|\d+)'
    return bool(re.search(rf"(?:^|[{{}}.])\s*{term}\s+\?\w+\s+{term}", text)
                or re.search(r";\s*\?\w+\s", text))


# ----------------------------------------------------------------------------------------------
# The construct-graph memo
# ----------------------------------------------------------------------------------------------
_FAILURE_KINDS = ("RodConnectorFinding", "ScrewRodDisconnectionFinding", "ImplantFractureFinding")
# Facts of hardware and fusions the construct graph never reads (they would split the memo's keys).
_KEY_SKIP = ("reportText", "intervalBeforeStudy", "procedureDate", "procedureCount")


# ----------------------------------------------------------------------------------------------
# The engine
# ----------------------------------------------------------------------------------------------
@dataclass
class ChunkStats:
    cases: int = 0
    fallback: int = 0
    construct_hits: int = 0
    construct_misses: int = 0
    rule_runs: int = 0
    rounds: int = 0
    solutions: int = 0
    output_triples: int = 0
    timings: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def add(self, other: "ChunkStats") -> None:
        for k in ("cases", "fallback", "construct_hits", "construct_misses", "rule_runs", "rounds",
                  "solutions", "output_triples"):
            setattr(self, k, getattr(self, k) + getattr(other, k))
        for k, v in other.timings.items():
            self.timings[k] += v


class BatchEngine:
    """Reasons chunks of cases set-at-a-time (one process; see reason_ntriples for both cores)."""

    def __init__(self, *, pretest: float | None = None, rewrites: bool = True, memo: bool = True,
                 rules: Sequence[Rule] | None = None):
        if pretest is not None and not (0.0 < pretest < 1.0):
            raise ValueError(f"the pretest probability must be between 0 and 1 (exclusive), got {pretest}")
        self.pretest = pretest
        self.rules = [_compile(r, rewrites) for r in (rules if rules is not None else load_rules())]
        self.strata = sorted({c.rule.stratum for c in self.rules})
        self.ax = _axioms()
        reads: set[str] | None = set()
        for c in self.rules:
            if c.reads is None:
                reads = None
                break
            reads |= c.reads
        self.reads: frozenset[str] | None = frozenset(reads) if reads is not None else None
        self.static = _static_ntriples(pretest)
        self.static_names = frozenset(_names_in(self.static.decode("utf-8")))
        self.memo_on = memo
        self.memo: dict[str, str] = {}
        self._reuse: list | None = None
        sc = axioms.schema()
        failure = {BASE + k for k in _FAILURE_KINDS}
        self.fail_kinds = frozenset(f"<{c}>" for c in set(sc.supers) | failure
                                    if c in failure or sc.supers.get(c, frozenset()) & failure)
        self.key_skip = frozenset(f"<{BASE}{p}>" for p in _KEY_SKIP)

    # which triples the workspace needs (the rules read them)
    def _needed(self, s: str, p: str, o: str) -> bool:
        r = self.reads
        return r is None or (p in r if p != _TYPE else (o in r or _TYPE in r))

    def reason_chunk(self, items: Sequence[tuple[str, str]], stats: ChunkStats | None = None, *,
                     reuse: bool = False) -> dict[str, str]:
        """{case id: inferred N-Triples} for [(case id, asserted N-Triples)], all reasoned together.

        With `reuse`, the chunk is reasoned in a workspace kept between calls (see reason_one).
        """
        import time

        st = stats if stats is not None else ChunkStats()
        clock = time.perf_counter
        t0 = clock()
        out: dict[str, list[str]] = {}
        texts: dict[str, list[str]] = {}
        st.cases += len(items)
        ax, needed = self.ax, self._needed
        supers, props, transitive = ax.supers, ax.props, ax.transitive
        fail_kinds, skip = self.fail_kinds, self.key_skip
        load: list[str] = []
        keys: dict[str, str] = {}
        feeds: dict[str, list[str]] = {}
        fallback: set[str] = set()
        present: set[str] = set(self.static_names)  # predicates and classes in the workspace
        for cid, nt in items:
            lines = [x for x in nt.split("\n") if x]
            texts[cid] = lines
            base = case_iri(cid)
            own = "<" + base
            cut = len(own)
            acc: list[str] = []
            mine: list[str] = []
            fails: list[str] = []
            ok = True
            for line in lines:
                s, p, o = line[:-2].split(" ", 2)
                # the batch tells cases apart by their IRIs: anything else goes to the per-case engine
                if not (s.startswith(own) and s[cut] in "/>") or p in transitive or \
                        (o.startswith(_CASE_OPEN) and not (o.startswith(own) and o[cut] in "/>")):
                    ok = False
                    break
                if needed(s, p, o):
                    mine.append(line)
                    present.add(o if p == _TYPE else p)
                if p == _TYPE:
                    if o in fail_kinds:
                        fails.append(s + " ")
                    for d in supers.get(o, ()):
                        x = f"{s} {_TYPE} {d} ."
                        acc.append(x)
                        if needed(s, _TYPE, d):
                            mine.append(x)
                            present.add(d)
                elif p in props:
                    for t in ax.closure(s, p, o):
                        x = f"{t[0]} {t[1]} {t[2]} ."
                        acc.append(x)
                        if needed(*t):
                            mine.append(x)
                            present.add(t[2] if t[1] == _TYPE else t[1])
            if not ok:
                fallback.add(cid)
                continue
            out[cid] = acc
            load += mine
            # the construct graph's key: the case's hardware, fusions and failure findings, relative to it
            heads = (own + "/implant/", own + "/construct/", own + "/procedure/")
            failed = tuple(fails)
            klines = []
            for line in lines:
                if line.startswith(heads):
                    sp = line.index(" ")
                    if "/" in line[line.index("/", cut + 1) + 1: sp]:
                        continue  # a measurement node of a procedure
                elif not (failed and line.startswith(failed)):
                    continue
                if line.split(" ", 2)[1] not in skip:
                    klines.append(line)
            klines.sort()
            keys[cid] = "\n".join(klines).replace(base, "\x00")
            # what the construct graph reads: those triples, and the case's own links to them
            node = own + "> "
            links = [x for x in lines if x.startswith(node) and
                     (not x.startswith(node + _HAS_FINDING) or (failed and x[len(node) + len(_HAS_FINDING) + 1:-2] + " " in failed))]
            feeds[cid] = links + klines
        if reuse:
            store, graph = self._reusable_store()
            into: dict = {"to_graph": graph}
            over: dict = {"default_graph": [ox.DefaultGraph(), graph]}
        else:
            store = ox.Store()
            store.load(self.static, format=ox.RdfFormat.N_TRIPLES)
            into, over = {}, {}
        self.last_store = store  # for inspection and profiling (dropped with the next chunk)
        try:
            return self._reason(store, into, over, items, texts, out, keys, feeds, fallback, load, st, t0, present)
        finally:
            if reuse:
                store.clear_graph(graph)

    def _reusable_store(self) -> tuple[ox.Store, ox.NamedNode]:
        """A workspace kept between calls (the static graphs loaded once), renewed now and then: a
        pyoxigraph in-memory store keeps what is removed from it, and gets slower with it."""
        if self._reuse is None or self._reuse[2] >= 200:
            store = ox.Store()
            store.load(self.static, format=ox.RdfFormat.N_TRIPLES)
            self._reuse = [store, ox.NamedNode("urn:spinekg:batch:cases"), 0]
        self._reuse[2] += 1
        return self._reuse[0], self._reuse[1]

    def reason_one(self, case_id: str, nt: str) -> str:
        """One case's inferred N-Triples, in a workspace kept between calls (for single cases)."""
        return self.reason_chunk([(case_id, nt)], reuse=True)[case_id]

    def _reason(self, store, into, over, items, texts, out, keys, feeds, fallback, load, st, t0,
                present: set[str]) -> dict[str, str]:
        import time

        clock = time.perf_counter
        needed = self._needed
        t1 = clock()
        st.timings["closure"] += t1 - t0
        # 2. the construct graph (memoised by the hardware it reads)
        for cid, key in keys.items():
            tmpl = self.memo.get(key) if self.memo_on else None
            if tmpl is None:
                st.construct_misses += 1
                tmpl = self._construct_template(feeds[cid], cid, texts[cid])
                if self.memo_on:
                    self.memo[key] = tmpl
            else:
                st.construct_hits += 1
            text = tmpl.replace("\x00", case_iri(cid))
            acc = out[cid]
            for line in text.split("\n"):
                if line:
                    acc.append(line)
                    s, p, o = line[:-2].split(" ", 2)
                    if needed(s, p, o):
                        load.append(line)
                        present.add(o if p == _TYPE else p)
        t2 = clock()
        st.timings["construct"] += t2 - t1
        store.load("\n".join(load).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, **into)
        st.timings["load"] += clock() - t2
        # 3. the rules, stratum by stratum, to a fixpoint
        produced: set[tuple[str, str]] = set()
        for stratum in self.strata:
            rules = [c for c in self.rules if c.rule.stratum == stratum]
            seen: dict[str, set[bytes]] = {c.rule.id: set() for c in rules}
            # a rule whose required predicates or classes are not all in the workspace has no solution
            todo = [c for c in rules if c.requires <= present]
            rounds = 0
            while todo:
                rounds += 1
                if rounds > MAX_ROUNDS:
                    raise BatchError(f"stratum {stratum} did not reach a fixpoint in {MAX_ROUNDS} rounds")
                new: list[str] = []
                changed: set[str] = set()
                for c in todo:
                    ta = clock()
                    try:
                        res = store.query(c.select, **over).serialize(format=ox.QueryResultsFormat.TSV)
                    except (SyntaxError, OSError, ValueError) as exc:
                        raise BatchError(f"rule {c.rule.id} ({c.rule.file}) failed: {exc}") from None
                    tb = clock()
                    st.timings[f"rule:{c.rule.id}"] += tb - ta
                    st.rule_runs += 1
                    self._instantiate(c, res, seen[c.rule.id], out, produced, new, changed, fallback, st)
                    st.timings["instantiate"] += clock() - tb
                st.rounds += 1
                if new:
                    ta = clock()
                    store.load("\n".join(new).encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, **into)
                    st.timings["load"] += clock() - ta
                present |= changed
                todo = [c for c in rules if (c.reads is None or (c.reads & changed)) and c.requires <= present] \
                    if changed else []
        t5 = clock()
        # 4. the output: one N-Triples text per case, without duplicates
        result: dict[str, str] = {}
        for cid, parts in out.items():
            lines = dict.fromkeys(parts)
            for x in texts[cid]:  # an entailment the case asserts is not inferred
                lines.pop(x, None)
            st.output_triples += len(lines)
            result[cid] = "\n".join(lines) + "\n" if lines else ""
        st.timings["output"] += clock() - t5
        if fallback:
            from .engine import reason_case_ntriples

            ta = clock()
            for cid, nt in items:
                if cid in fallback:
                    result[cid] = reason_case_ntriples(_rdflib_graph(nt), cid, pretest=self.pretest)
                    st.fallback += 1
            st.timings["fallback"] += clock() - ta
        return result

    def _instantiate(self, c: _CompiledRule, res: bytes, seen: set[bytes], out: dict[str, list[str]],
                     produced: set[tuple[str, str]], new: list[str], changed: set[str], fallback: set[str],
                     st: ChunkStats) -> None:
        rows = res.split(b"\n")
        template = c.template
        ci = c.case_index
        rule_id, rule_iri = c.rule.id, f"<{c.rule.iri}>"
        ax = self.ax
        needed = self._needed
        for raw in rows[1:]:
            if not raw or raw in seen:
                continue
            seen.add(raw)
            st.solutions += 1
            vals = [_from_tsv(v) if v else "" for v in raw.decode("utf-8").split("\t")]
            cid = _case_of(vals[ci]) if ci is not None and vals[ci] else None
            if cid is None:
                cid = next((x for x in map(_case_of, vals) if x), None)
            if cid is None:
                raise BatchError(f"rule {rule_id}: a solution binds no case IRI ({raw[:200]!r})")
            if cid in fallback or cid not in out:
                continue
            triples: list[tuple[str, str, str]] = []
            premises: dict[str, list[str]] = {}
            for (sv, s), (pv, p), (ov, o) in template:
                s = vals[s] if sv else s
                p = vals[p] if pv else p
                o = vals[o] if ov else o
                if not s or not p or not o or s[0] != "<" or p[0] != "<":
                    continue
                triples.append((s, p, o))
                if p == _WDF:
                    premises.setdefault(s, []).append(o)
            for concl, used in premises.items():
                d = concl[:-1] + "/derivation/" + rule_id + ">"
                triples += [(d, _TYPE, _DERIVATION), (d, _TYPE, _ACTIVITY), (d, _APPLIED, rule_iri),
                            (concl, _WGB, d)]
                triples += [(d, _USED, u) for u in used]
            acc = out[cid]
            todo = triples
            while todo:
                more: list[tuple[str, str, str]] = []
                for t in todo:
                    line = f"{t[0]} {t[1]} {t[2]} ."
                    if (cid, line) in produced:
                        continue
                    produced.add((cid, line))
                    acc.append(line)
                    if needed(*t):
                        new.append(line)
                        if t[1] == _TYPE:
                            changed.add(t[2])
                        changed.add(t[1])
                    more += ax.closure(*t)
                todo = more

    def _construct_template(self, feed: list[str], case_id: str, lines: list[str]) -> str:
        """The construct-graph facts (and their axiom closure) of one case, with its case IRI as \\x00.

        `feed` holds the triples the construct graph reads (the case's hardware, fusions and failure
        findings: what the memo's key holds), `lines` all of the case's asserted triples.
        """
        nt = "\n".join(feed) + "\n"
        asserted = set(lines)
        lines: dict[str, None] = {}
        todo = [tuple(x[:-2].split(" ", 2)) for x in construct_ntriples(nt, case_id)]
        while todo:
            more = []
            for t in todo:
                line = f"{t[0]} {t[1]} {t[2]} ."
                if line in lines or line in asserted:
                    continue
                lines[line] = None
                more += self.ax.closure(*t)
            todo = more
        return "\n".join(lines).replace(case_iri(case_id), "\x00")


def _rows(store: ox.Store, query: str) -> Iterator[list[str]]:
    res = store.query(query).serialize(format=ox.QueryResultsFormat.TSV)
    for raw in res.split(b"\n")[1:]:
        if raw:
            yield [_from_tsv(v) if v else "" for v in raw.decode("utf-8").split("\t")]


def _rdflib_graph(nt: str):
    from rdflib import Graph

    g = Graph()
    if nt.strip():
        g.parse(data=nt, format="nt")
    return g


def _static_ntriples(pretest: float | None) -> bytes:
    """The static graphs (and the user's pretest setting) as N-Triples, for each chunk's workspace."""
    return _static_base() + (_pretest_ntriples(pretest) if pretest is not None else b"")


@lru_cache(maxsize=1)
def _static_base() -> bytes:
    from ..data import literature_graph, ontology_graph, parameters_graph
    from .rules import rules_graph

    parts = [g.serialize(format="nt", encoding="utf-8") for g in
             (ontology_graph(), literature_graph(), parameters_graph(), rules_graph())]
    return b"\n".join(parts) + b"\n"


def _pretest_ntriples(p: float) -> bytes:
    node = f"<{SKG['parameter/user-pretest-loosening']}>"
    lines = [f"{node} {_TYPE} <{SKG.PretestSetting}> .",
             f'{node} <{SKG.probability}> "{Decimal(str(p))}"^^<{_XSD}decimal> .',
             f'{node} <{SKG.userOverride}> "true"^^<{_XSD}boolean> .',
             f'{node} <http://www.w3.org/2000/01/rdf-schema#label> "pretest probability {p:g} set by the user" .']
    return ("\n".join(lines) + "\n").encode("utf-8")

# ----------------------------------------------------------------------------------------------
# Fast edge: a normalised Case straight to N-Triples lines (the same triples as
# cases/rdf_writer.case_to_graph, which builds an rdflib Graph at ~30 us a triple).
# ----------------------------------------------------------------------------------------------
_XSD = "http://www.w3.org/2001/XMLSchema#"
_T_DEC = f"^^<{_XSD}decimal>"
_T_BOOL = f"^^<{_XSD}boolean>"
_T_INT = f"^^<{_XSD}integer>"
_T_DATE = f"^^<{_XSD}date>"
_A = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_COMMENT = "<http://www.w3.org/2000/01/rdf-schema#comment>"
_DCT = "http://purl.org/dc/terms/"
_ESC = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}


def _lit(text: str) -> str:
    return '"' + text.translate(_ESC) + '"'


@lru_cache(maxsize=4096)
def _dec(x: float) -> str:
    from rdflib import Literal
    from rdflib.namespace import XSD as RX

    return Literal(Decimal(str(x)), datatype=RX.decimal).n3()


def _s(local: str) -> str:
    return f"<{BASE}{local}>"


def case_triples(case: Case) -> list[tuple[str, str, str]]:
    """The asserted triples of a normalised case as N-Triples terms: case_to_graph's triples, ~20x faster."""
    from ..cases.rdf_writer import _implant_label

    out: list[tuple[str, str, str]] = []
    add = out.append
    base = case_iri(case.id)
    c = f"<{base}>"

    def iri(*parts: str) -> str:
        return "<" + "/".join([base, *parts]) + ">"

    def measure(node: str, q) -> str:
        add((node, _A, _s("Measurement")))
        add((node, _s("numericValue"), _dec(q.value)))
        add((node, _s("unit"), _s(q.unit)))
        return node

    add((c, _A, _s("Case")))
    add((c, _s("caseId"), _lit(case.id)))
    add((c, _s("constructedExample"), f'"{"true" if case.constructed else "false"}"{_T_BOOL}'))
    if case.title:
        add((c, f"<{_DCT}title>", _lit(case.title)))
        add((c, _LABEL, _lit(case.title)))
    if case.source:
        add((c, f"<{_DCT}source>", f"<{case.source}>" if names_a_document(case.source) else _lit(case.source)))
    if case.description:
        add((c, f"<{_DCT}description>", _lit(case.description)))
    patient = iri("patient")
    add((c, _s("hasPatient"), patient))
    add((patient, _A, _s("Patient")))
    if case.age:
        add((patient, _s("age"), measure(iri("patient", "age"), case.age)))
    if case.sex:
        add((patient, _s("sex"), _s(case.sex)))
    for s in case.symptoms:
        add((patient, _s("hasSymptom"), _s(s)))
    for r in case.risk_factors:
        add((patient, _s("hasRiskFactor"), _s(r)))
    if case.prior_surgeries is not None:
        add((patient, _s("priorSpineSurgeryCount"), f'"{case.prior_surgeries}"{_T_INT}'))
        add((patient, _s("priorSpineSurgeryCountIsMinimum"),
             f'"{"true" if case.prior_surgeries_minimum else "false"}"{_T_BOOL}'))
    for i, (kind, desc) in enumerate(case.conditions, 1):
        cond = iri("condition", str(i))
        add((patient, _s("hasCondition"), cond))
        add((cond, _A, _s(kind)))
        if desc:
            add((cond, _COMMENT, _lit(desc)))
    for p in case.procedures:
        node = iri("procedure", p.id)
        add((c, _s("hasProcedure"), node))
        add((node, _A, _s(p.kind)))
        if p.label:
            add((node, _LABEL, _lit(p.label)))
        for lv in p.levels:
            add((node, _s("atLevel"), _s(lv.name)))
        if p.levels:
            add((node, _s("upperLevel"), _s(p.levels[0].name)))
            add((node, _s("lowerLevel"), _s(p.levels[-1].name)))
        if p.date:
            add((node, _s("procedureDate"), f'"{p.date}"{_T_DATE}'))
        if p.before_study:
            add((node, _s("intervalBeforeStudy"), measure(iri("procedure", p.id, "interval"), p.before_study)))
        if p.count:
            add((node, _s("procedureCount"), f'"{p.count}"{_T_INT}'))
    for cid, proc, label in case.constructs:
        node = iri("construct", cid)
        add((c, _s("hasConstruct"), node))
        add((node, _A, _s("Construct")))
        if proc:
            add((node, _s("constructOf"), iri("procedure", proc)))
        if label:
            add((node, _LABEL, _lit(label)))
    for im in case.implants:
        node = iri("implant", im.id)
        add((c, _s("hasImplant"), node))
        add((node, _A, _s(im.kind)))
        add((node, _s("implantId"), _lit(im.id)))
        add((node, _LABEL, _lit(im.label or _implant_label(im))))
        for lv in im.levels:
            add((node, _s("atLevel"), _s(lv.name)))
        if len(im.levels) > 1:
            add((node, _s("upperLevel"), _s(im.levels[0].name)))
            add((node, _s("lowerLevel"), _s(im.levels[-1].name)))
        if im.side:
            add((node, _s("onSide"), _s(im.side)))
        if im.construct:
            add((node, _s("partOfConstruct"), iri("construct", im.construct)))
        for rod in im.joins:
            add((node, _s("joinsRod"), iri("implant", rod)))
        if im.parent:
            add((iri("implant", im.parent), _s("hasLead" if im.kind == "StimulatorLead" else "hasPulseGenerator"), node))
    for st in case.studies:
        node = iri("study", st.id)
        add((c, _s("hasStudy"), node))
        add((node, _A, _s("ImagingStudy")))
        add((node, _s("hasModality"), _s(st.modality)))
        if st.date:
            add((node, _s("studyDate"), f'"{st.date}"{_T_DATE}'))
        if st.interval:
            add((node, _s("intervalAfterProcedure"), measure(iri("study", st.id, "interval"), st.interval)))
            if st.after:
                add((node, _s("intervalReference"), iri("procedure", st.after)))
    for f in case.findings:
        node = iri("finding", f.id)
        add((c, _s("hasFinding"), node))
        kind = f.kind
        if kind == "ScrewPositionFinding":
            kind = "ScrewContainedFinding" if f.contained else "ScrewBreachFinding"
        add((node, _A, _s(kind)))
        add((node, _s("assertionStatus"), _s(f.status)))
        if f.implant:
            add((node, _s("aboutImplant"), iri("implant", f.implant)))
        for lv in f.levels:
            add((node, _s("atLevel"), _s(lv.name)))
        if f.side:
            add((node, _s("onSide"), _s(f.side)))
        if f.study:
            add((node, _s("observedIn"), iri("study", f.study)))
        if f.text:
            add((node, _s("reportText"), _lit(f.text)))
        if f.direction:
            add((node, _s("hasDirection"), _s(f.direction)))
        for prop, struct in (("relativeTo", f.relative_to), ("leadLocation", f.location)):
            if struct:
                where = "-".join([*(lv.name for lv in f.levels[:1]),
                                  *([f.side.lower()] if f.side and struct == "Pedicle" else []), struct])
                part = iri("anatomy", where)
                add((part, _A, _s(struct)))
                for lv in f.levels[:1]:
                    add((part, _s("atLevel"), _s(lv.name)))
                add((node, _s(prop), part))
        if f.width is not None:
            add((node, _s("lucencyWidth"), measure(iri("finding", f.id, "width"), f.width)))
        for prop, value in (("doubleHalo", f.double_halo), ("fullyContained", f.contained)):
            if value is not None:
                add((node, _s(prop), f'"{"true" if value else "false"}"{_T_BOOL}'))
        if f.distance is not None:
            prop = {"ScrewPositionFinding": "breachDistance", "ImplantMigrationFinding": "migrationDistance"}.get(
                f.kind, "subsidenceDistance")
            add((node, _s(prop), measure(iri("finding", f.id, "distance"), f.distance)))
        if f.connector:
            add((node, _s("inConnector"), iri("implant", f.connector)))
        for prop, value in (("rodSubluxed", f.subluxed), ("rodSecured", f.secured)):
            if value is not None:
                add((node, _s(prop), f'"{"true" if value else "false"}"{_T_BOOL}'))
    for i, (kind, desc, interval) in enumerate(case.outcomes, 1):
        node = iri("outcome", str(i))
        add((c, _s("hasOutcome"), node))
        add((node, _A, _s(kind)))
        if desc:
            add((node, _s("outcomeText"), _lit(desc)))
        if interval:
            add((node, _s("intervalAfterProcedure"), measure(iri("outcome", str(i), "interval"), interval)))
    return out


def case_ntriples(case: Case) -> str:
    """The asserted graph of a normalised case as N-Triples text (the triples of case_to_graph)."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in case_triples(case))


def case_ntriples_item(lc: "LoadedCase") -> tuple[str, str]:
    """(case id, asserted N-Triples) of a loaded case (rdflib's serialisation when not from the case format)."""
    nt = loaded_ntriples(lc)
    return lc.case_id, nt if nt is not None else lc.graph.serialize(format="nt")


def loaded_ntriples(lc: "LoadedCase") -> str | None:
    """A loaded case's asserted graph as N-Triples, or None when it was not written from the case format."""
    return case_ntriples(lc.case) if lc.case is not None else None


# ----------------------------------------------------------------------------------------------
# Drivers: chunks of cases over worker processes
# ----------------------------------------------------------------------------------------------
_worker: dict = {}


def _init_worker(pretest: float | None, rewrites: bool, memo: bool, sink: Callable | None) -> None:
    _worker["engine"] = BatchEngine(pretest=pretest, rewrites=rewrites, memo=memo)
    _worker["sink"] = sink


def _run_chunk(items: list[tuple[str, str]]) -> tuple[object, ChunkStats]:
    st = ChunkStats()
    result = _worker["engine"].reason_chunk(items, st)
    sink = _worker["sink"]
    return (sink(result) if sink is not None else result), st


def _chunks(items: Iterable[tuple[str, str]], size: int) -> Iterator[list[tuple[str, str]]]:
    chunk: list[tuple[str, str]] = []
    for it in items:
        chunk.append(it)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def default_workers() -> int:
    """Worker processes to use: the usable cores (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def reason_chunks(items: Iterable[tuple[str, str]], *, pretest: float | None = None, workers: int | None = None,
                  chunk_size: int = DEFAULT_CHUNK, rewrites: bool = True, memo: bool = True,
                  sink: Callable[[dict[str, str]], object] | None = None,
                  stats: ChunkStats | None = None) -> Iterator[object]:
    """Reason [(case id, asserted N-Triples)] in chunks; yield each chunk's {case id: inferred N-Triples}.

    With `sink`, each worker passes its chunk's result to sink and yields what sink returns instead
    (so large results need not travel between processes). Chunks come back in order.
    """
    workers = default_workers() if workers is None else max(1, workers)
    chunks = _chunks(items, chunk_size)
    if workers == 1:
        _init_worker(pretest, rewrites, memo, sink)
        for chunk in chunks:
            res, st = _run_chunk(chunk)
            if stats is not None:
                stats.add(st)
            yield res
        return
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    _static_base()  # parsed once, before forking
    _axioms()
    with ctx.Pool(workers, initializer=_init_worker, initargs=(pretest, rewrites, memo, sink)) as pool:
        for res, st in pool.imap(_run_chunk, chunks):
            if stats is not None:
                stats.add(st)
            yield res


def reason_ntriples(items: Iterable[tuple[str, str]], **kwargs) -> dict[str, str]:
    """{case id: inferred N-Triples} for [(case id, asserted N-Triples)] (see reason_chunks for options)."""
    out: dict[str, str] = {}
    for res in reason_chunks(items, **kwargs):
        out.update(res)  # type: ignore[arg-type]
    return out


_shared: dict[float | None, BatchEngine] = {}
_shared_lock = threading.RLock()


def shared_engine(pretest: float | None = None) -> BatchEngine:
    """A process-wide engine per pretest setting (its workspace and construct memo kept between calls)."""
    with _shared_lock:
        eng = _shared.get(pretest)
        if eng is None:
            eng = _shared[pretest] = BatchEngine(pretest=pretest)
        return eng


def reason_items(items: Sequence[tuple[str, str]], *, pretest: float | None = None,
                 workers: int | None = None, chunk_size: int = DEFAULT_CHUNK) -> dict[str, str]:
    """{case id: inferred N-Triples} for [(case id, asserted N-Triples)]: a few in this process (the
    engine's kept workspace: forking costs more than it saves), many over the cores."""
    if len(items) >= 2 * chunk_size and workers != 1:
        return reason_ntriples(items, pretest=pretest, workers=workers, chunk_size=chunk_size)
    eng = shared_engine(pretest)
    out: dict[str, str] = {}
    with _shared_lock:  # the engine's kept workspace serves one call at a time
        for i in range(0, len(items), chunk_size):
            out.update(eng.reason_chunk(items[i:i + chunk_size], reuse=True))
    return out


def reason_loaded(loaded: Sequence["LoadedCase"], *, pretest: float | None = None,
                  workers: int | None = None, chunk_size: int = DEFAULT_CHUNK) -> dict[str, str]:
    """{case id: inferred N-Triples} for loaded cases (Turtle files go to the per-case engine)."""
    from .engine import reason_case_ntriples

    out = reason_items([(lc.case_id, nt) for lc in loaded if (nt := loaded_ntriples(lc)) is not None],
                       pretest=pretest, workers=workers, chunk_size=chunk_size)
    for lc in loaded:
        if lc.case_id not in out:
            out[lc.case_id] = reason_case_ntriples(lc.graph, lc.case_id, pretest=pretest)
    return out


def reason_many(loaded_cases: Iterable["LoadedCase"], *, pretest: float | None = None,
                workers: int | None = None, chunk_size: int = DEFAULT_CHUNK) -> dict:
    """{case id: inferred rdflib Graph}, the same graphs as engine.reason_case_graph gives case by case.

    Cases read from Turtle are reasoned by the per-case engine (their nodes need not lie under the
    case IRI, which the batch relies on to tell cases apart).
    """
    from rdflib import Graph

    if pretest is not None and not (0.0 < pretest < 1.0):
        raise ValueError(f"the pretest probability must be between 0 and 1 (exclusive), got {pretest}")
    loaded = list(loaded_cases)
    ids = [lc.case_id for lc in loaded]
    if len(set(ids)) != len(ids):
        raise ValueError("reason_many: case ids must be unique")
    out: dict = {}
    for cid, text in reason_loaded(loaded, pretest=pretest, workers=workers, chunk_size=chunk_size).items():
        g = Graph()
        if text:
            g.parse(data=text, format="nt")
        out[cid] = g
    return out


# ----------------------------------------------------------------------------------------------
# The construct graph without rdflib graphs: construct.py's own analysis, fed and read quickly
# ----------------------------------------------------------------------------------------------
_NT_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_NT_CHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _nt_unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _NT_ESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                          else _NT_CHARS.get(m.group(3), m.group(3)), text)


@lru_cache(maxsize=65536)
def _rdflib_term(text: str):
    from rdflib import BNode, Literal, URIRef

    if text[0] == "<":
        return URIRef(text[1:-1])
    if text[0] == "_":
        return BNode(text[2:])
    end = text.rindex('"')
    lex, rest = _nt_unescape(text[1:end]), text[end + 1:]
    if rest.startswith("^^<"):
        return Literal(lex, datatype=URIRef(rest[3:-1]))
    if rest.startswith("@"):
        return Literal(lex, lang=rest[1:])
    return Literal(lex)


class _FactsGraph:
    """The read-only part of rdflib's Graph API that construct.read_facts uses, over N-Triples lines."""

    def __init__(self, nt: str):
        self.spo: dict[object, dict[object, list]] = defaultdict(lambda: defaultdict(list))
        self.pos: dict[object, dict[object, list]] = defaultdict(lambda: defaultdict(list))
        for line in nt.split("\n"):
            if not line:
                continue
            s, p, o = line[:-2].split(" ", 2)
            s, p, o = _rdflib_term(s), _rdflib_term(p), _rdflib_term(o)
            self.spo[s][p].append(o)
            self.pos[p][o].append(s)

    def objects(self, subject=None, predicate=None):
        if subject is None:
            if predicate is None:
                raise NotImplementedError
            return [o for o, subs in self.pos.get(predicate, {}).items() for _ in subs]
        props = self.spo.get(subject)
        if not props:
            return []
        if predicate is None:
            return [o for objs in props.values() for o in objs]
        return list(props.get(predicate, ()))

    def subjects(self, predicate=None, object=None):  # noqa: A002 - rdflib's name
        if predicate is None:
            raise NotImplementedError
        by_o = self.pos.get(predicate)
        if not by_o:
            return []
        if object is None:
            return [s for subs in by_o.values() for s in subs]
        return list(by_o.get(object, ()))

    def value(self, subject=None, predicate=None, object=None, default=None, any=True):  # noqa: A002
        if subject is None or predicate is None or object is not None:
            raise NotImplementedError
        objs = self.spo.get(subject, {}).get(predicate)
        return objs[0] if objs else default


class _Collector(list):
    """What construct.analysis_graph needs of an rdflib Graph: add() and bind()."""

    def add(self, triple) -> None:  # type: ignore[override]
        self.append(triple)

    def bind(self, *args, **kwargs) -> None:
        pass


@lru_cache(maxsize=1)
def _analysis_graph_collecting():
    """construct.analysis_graph, building a plain list of triples instead of an rdflib Graph."""
    import types

    from .. import construct

    fn = construct.analysis_graph
    env = dict(fn.__globals__)
    env["Graph"] = _Collector
    return types.FunctionType(fn.__code__, env, fn.__name__, fn.__defaults__, fn.__closure__)


def _nt_term(t) -> str:
    from rdflib import Literal, URIRef

    if isinstance(t, URIRef):
        return f"<{t}>"
    if not isinstance(t, Literal):
        return t.n3()
    text = '"' + str(t).translate(_ESC) + '"'
    if t.language:
        return f"{text}@{t.language}"
    if t.datatype is not None and str(t.datatype) != _XSD + "string":
        return f"{text}^^<{t.datatype}>"
    return text


def construct_ntriples(nt: str, case_id: str) -> list[str]:
    """construct.analyse(case) for a case's N-Triples, as N-Triples lines (without rdflib graphs)."""
    from ..construct import analyse_construct

    triples = _analysis_graph_collecting()(analyse_construct(_FactsGraph(nt), case_id))  # type: ignore[arg-type]
    from rdflib import URIRef

    cache: dict = {}

    def term(x) -> str:
        if type(x) is URIRef:
            return f"<{x}>"
        v = cache.get(x)
        if v is None:
            v = cache[x] = _nt_term(x)
        return v

    return list(dict.fromkeys(f"{term(s)} {term(p)} {term(o)} ." for s, p, o in triples))
