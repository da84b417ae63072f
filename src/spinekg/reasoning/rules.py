"""The rules: one SPARQL CONSTRUCT file each in rules/, with a YAML header of metadata.

A rule file starts with '#'-comment lines of YAML (``id``, ``title``, ``rationale``, ``evidence``,
``stratum``, optionally ``figures`` and ``alternative_to``), then one CONSTRUCT query, which the
reasoner runs as written. What the reasoner needs to know about a rule (the predicates and classes
it reads, those every solution needs) comes from rdflib's SPARQL algebra (``spinekg.sparql``).
Rules of stratum s run, to a fixpoint, after every rule of a lower stratum; the construct analysis
(``reasoning/construct_rule.py``) is the one rule of stratum 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import pyoxigraph as ox
import yaml
from rdflib import Graph, Literal, URIRef

from ..data import resource
from ..errors import SpinekgError
from ..provenance import RULE_BASE
from ..sparql import RuleShape, SparqlError, rule_shape
from ..vocab import DCTERMS, RDF, RDFS, SKG

REQUIRED = ("id", "title", "rationale", "evidence", "stratum")


class RuleError(SpinekgError, ValueError):
    """A rule file that is malformed, or an unknown rule name."""


@dataclass(frozen=True)
class Rule:
    """One clinical rule: metadata and the SPARQL CONSTRUCT query that draws its conclusions."""

    id: str
    title: str
    rationale: str
    evidence: tuple[str, ...]
    stratum: int
    query: str
    file: str
    figures: tuple[str, ...] = field(default=())
    alternative_to: str | None = None
    no_evidence_because: str | None = None  # for a rule that draws no clinical conclusion

    @property
    def iri(self) -> str:
        return RULE_BASE + self.id

    @cached_property
    def shape(self) -> RuleShape:
        """What the query reads and what its template writes (from its parsed algebra)."""
        try:
            return rule_shape(self.query, self.file)
        except SparqlError as exc:
            raise RuleError(str(exc)) from None


def parse_rule(text: str, file: str) -> Rule:
    """Parse a rule file: a '#'-comment YAML header, then one SPARQL CONSTRUCT query; RuleError naming the file."""
    header_lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            header_lines.append(line[2:] if line.startswith("# ") else line[1:])
        elif line.strip():
            break
    try:
        meta = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise RuleError(f"{file}: malformed rule header: {exc}") from None
    if not isinstance(meta, dict):
        raise RuleError(f"{file}: the rule header must be '# key: value' lines")
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise RuleError(f"{file}: rule header lacks {', '.join(missing)}")
    ev = meta["evidence"]
    evidence = tuple(ev if isinstance(ev, list) else str(ev or "").split())
    no_evidence = " ".join(str(meta.get("no_evidence_because") or "").split())
    if not evidence and not no_evidence:
        raise RuleError(f"{file}: a rule must cite at least one publication under 'evidence' (a rule that draws "
                        "no clinical conclusion says why under 'no_evidence_because')")
    stratum = meta["stratum"]
    if isinstance(stratum, bool) or not isinstance(stratum, int) or stratum < 1:
        raise RuleError(f"{file}: 'stratum' must be a whole number >= 1, got {stratum!r}")
    _check_syntax(text, file)
    figures = meta.get("figures") or []
    rule = Rule(id=str(meta["id"]), title=str(meta["title"]), rationale=" ".join(str(meta["rationale"]).split()),
                evidence=tuple(_expand(e) for e in evidence), stratum=stratum, query=text, file=file,
                figures=tuple(_expand(f) for f in (figures if isinstance(figures, list) else str(figures).split())),
                alternative_to=meta.get("alternative_to"), no_evidence_because=no_evidence or None)
    _ = rule.shape  # a CONSTRUCT query whose template the reasoner can write, or RuleError now
    return rule


def _check_syntax(text: str, file: str) -> None:
    """Parse the query with the engine that runs it, so a syntax error names the rule file at load time."""
    try:
        ox.Store().query(text)
    except SyntaxError as exc:
        raise RuleError(f"{file}: SPARQL syntax error: {exc}") from None


def _expand(curie: str) -> str:
    if curie.startswith("skg:"):
        return "https://w3id.org/spinekg/" + curie[4:]
    return curie


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """All packaged SPARQL rules, ordered by stratum and id."""
    folder = resource("rules")
    rules = [parse_rule(f.read_text(encoding="utf-8"), f"rules/{f.name}")
             for f in folder.iterdir() if f.name.endswith(".rq")]
    ids = [r.id for r in rules]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise RuleError(f"duplicate rule ids: {', '.join(sorted(dupes))}")
    return tuple(sorted(rules, key=lambda r: (r.stratum, r.id)))


def get_rule(rule_id: str) -> Rule:
    """The rule with this id, or RuleError naming the known ones."""
    for r in load_rules():
        if r.id == rule_id:
            return r
    raise RuleError(f"unknown rule '{rule_id}' (known: {', '.join(r.id for r in load_rules())})")


def rules_graph() -> Graph:
    """Rule metadata as RDF, so 'which rules cite this paper?' is a SPARQL query."""
    g = Graph()
    for r in load_rules():
        node = URIRef(r.iri)
        g.add((node, RDF.type, SKG.Rule))
        g.add((node, SKG.ruleId, Literal(r.id)))
        g.add((node, RDFS.label, Literal(r.title)))
        g.add((node, DCTERMS.title, Literal(r.title)))
        g.add((node, SKG.rationale, Literal(r.rationale)))
        g.add((node, SKG.stratum, Literal(r.stratum)))
        g.add((node, SKG.ruleFile, Literal(r.file)))
        g.add((node, SKG.ruleQuery, Literal(r.query)))
        for e in r.evidence:
            g.add((node, SKG.citesEvidence, URIRef(e)))
        for f in r.figures:
            g.add((node, SKG.usesFigure, URIRef(f)))
        if r.alternative_to:
            g.add((node, SKG.alternativeTo, URIRef(RULE_BASE + r.alternative_to)))
        if r.no_evidence_because:
            g.add((node, RDFS.comment, Literal(f"cites no publication: {r.no_evidence_because}")))
    from ..construct_rdf import rule_graph  # the construct analysis is a rule too (stratum 0)

    g += rule_graph()
    return g


__all__ = ["RULE_BASE", "Rule", "RuleError", "get_rule", "load_rules", "parse_rule", "rules_graph"]
