"""Loading declarative rules: one SPARQL CONSTRUCT file each, with a YAML header of metadata."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
import yaml
from rdflib import Graph, Literal, URIRef

from ..data import resource
from ..vocab import DCTERMS, RDF, RDFS, SKG

RULE_BASE = "https://w3id.org/spinekg/rule/"
REQUIRED = ("id", "title", "rationale", "evidence", "stratum")


class RuleError(ValueError):
    """Raised for a rule file that is malformed or an unknown rule name."""


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

    @property
    def iri(self) -> str:
        return RULE_BASE + self.id


def parse_rule(text: str, file: str) -> Rule:
    """Parse a rule file: a '#'-comment YAML header, then one SPARQL CONSTRUCT query."""
    header_lines = []
    lines = text.splitlines()
    body_start = len(lines)
    for i, line in enumerate(lines):
        if line.startswith("#"):
            header_lines.append(line[2:] if line.startswith("# ") else line[1:])
        elif line.strip():
            body_start = i
            break
    body = "\n".join(lines[body_start:])
    try:
        meta = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as exc:
        raise RuleError(f"{file}: malformed rule header: {exc}") from None
    if not isinstance(meta, dict):
        raise RuleError(f"{file}: the rule header must be '# key: value' lines")
    missing = [k for k in REQUIRED if k not in meta]
    if missing:
        raise RuleError(f"{file}: rule header lacks {', '.join(missing)}")
    if not re.search(r"\bCONSTRUCT\b", body, re.I):
        raise RuleError(f"{file}: a rule is a SPARQL CONSTRUCT query")
    ev = meta["evidence"]
    evidence = tuple(ev if isinstance(ev, list) else str(ev or "").split())
    if not evidence:
        raise RuleError(f"{file}: a rule must cite at least one publication under 'evidence'")
    stratum = meta["stratum"]
    if isinstance(stratum, bool) or not isinstance(stratum, int) or stratum < 1:
        raise RuleError(f"{file}: 'stratum' must be a whole number >= 1, got {stratum!r}")
    _check_syntax(text, file)
    figures = meta.get("figures") or []
    return Rule(id=str(meta["id"]), title=str(meta["title"]), rationale=" ".join(str(meta["rationale"]).split()),
                evidence=tuple(_expand(e) for e in evidence), stratum=stratum, query=text, file=file,
                figures=tuple(_expand(f) for f in (figures if isinstance(figures, list) else str(figures).split())),
                alternative_to=meta.get("alternative_to"))


def _check_syntax(text: str, file: str) -> None:
    """Parse the query by running it on an empty store, so a syntax error names the rule file at load time."""
    try:
        list(ox.Store().query(text))
    except SyntaxError as exc:
        raise RuleError(f"{file}: SPARQL syntax error: {exc}") from None


def _expand(curie: str) -> str:
    if curie.startswith("skg:"):
        return "https://w3id.org/spinekg/" + curie[4:]
    return curie


@lru_cache(maxsize=1)
def load_rules() -> tuple[Rule, ...]:
    """All packaged rules, ordered by stratum and id."""
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
    from ..construct import rule_graph  # the construct-graph analysis is a rule too, written in Python

    g += rule_graph()
    return g
