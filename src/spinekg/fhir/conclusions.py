"""A case's conclusions as plain records for cards and FHIR resources: rules, evidence and source records.

Each conclusion is followed down its derivation (PROV-O: prov:wasGeneratedBy, skg:appliedRule,
prov:used) to the reported facts; the facts' `dcterms:source` are the health record's resources
(FHIR Resource/id) they came from.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node as Term

from ..vocab import BASE, DCTERMS, PROV, RDF, RDFS, SKG

# Conclusions a clinician is told about (headline classes, most decisive first); the rest are supporting.
FINDINGS = ("RevisionEvaluationIndication", "ThreateningBreach", "HardwareFailure", "ConstructDiscontinuity",
            "ConnectorFailure", "ScrewLoosening", "ScrewMalposition", "NeurologicalCorrelationFlag", "LeadMigration",
            "NonUnionRiskAssessment", "PostTestProbability")


@dataclass(frozen=True)
class Publication:
    """A publication behind a rule or a figure."""

    iri: str
    label: str
    pmid: str | None = None
    doi: str | None = None
    to_confirm: str | None = None  # an identifier the knowledge base flags as unverified

    @property
    def url(self) -> str | None:
        if self.doi:
            return f"https://doi.org/{self.doi}"
        if self.pmid:
            return f"https://pubmed.ncbi.nlm.nih.gov/{self.pmid}/"
        return None

    @property
    def citation(self) -> str:
        ids = [f"PMID {self.pmid}" if self.pmid else "", f"doi:{self.doi}" if self.doi else ""]
        ids = [i for i in ids if i] + ([f"{self.to_confirm} to confirm"] if self.to_confirm else [])
        return f"{self.label} ({'; '.join(ids)})" if ids else self.label


@dataclass
class Conclusion:
    """One conclusion: what it is, how it was derived, from which records, on which evidence."""

    iri: str
    kind: str  # the headline class's local name
    label: str
    rules: list[str] = field(default_factory=list)  # rule IRIs of its own derivations
    rule_titles: list[str] = field(default_factory=list)
    evidence: list[Publication] = field(default_factory=list)  # behind the whole derivation tree
    records: list[str] = field(default_factory=list)  # source records of the reported facts it rests on
    premises: list[str] = field(default_factory=list)  # IRIs of its direct premises
    values: dict[str, str] = field(default_factory=dict)  # probability, pretest, pretest source, risk level, ...
    reasons: list[str] = field(default_factory=list)  # a revision indication's reasons
    possible: bool = False  # drawn from an uncertain finding


def _text(g: Graph, node: Term, prop: URIRef) -> str | None:
    v = g.value(node, prop)
    return str(v) if v is not None else None


def _label(g: Graph, node: Term) -> str:
    lab = g.value(node, RDFS.label)
    return str(lab) if lab is not None else str(node).rsplit("/", 1)[-1]


def case_conclusions(asserted: Graph, inferred: Graph) -> list[Conclusion]:
    """The case's conclusions of the FINDINGS classes, most decisive first, each with rules, evidence and records."""
    from ..reasoning.explain import Explainer

    ex = Explainer(asserted, inferred)
    g = ex.g
    out: list[Conclusion] = []
    for node in ex.conclusions():
        kinds = [k for k in FINDINGS if (node, RDF.type, SKG[k]) in g]
        if not kinds:
            continue
        c = Conclusion(str(node), kinds[0], _label(g, node))
        c.possible = (node, SKG.certainty, SKG.PossibleCertainty) in g
        for d in sorted(g.objects(node, PROV.wasGeneratedBy), key=str):
            rule = g.value(d, SKG.appliedRule)
            if rule is not None and str(rule) not in c.rules:
                c.rules.append(str(rule))
                c.rule_titles.append(_label(g, rule))
            for p in sorted(g.objects(d, PROV.used), key=str):
                if str(p) not in c.premises:
                    c.premises.append(str(p))
        for key, prop in (("probability", SKG.probability), ("pretest", SKG.pretestProbability),
                          ("pretest source", SKG.pretestSource)):
            v = _text(g, node, prop)
            if v is not None:
                c.values[key] = v
        level = g.value(node, SKG.riskLevel)
        if level is not None:
            c.values["risk level"] = _label(g, level)
            c.values["risk level code"] = str(level).rsplit("/", 1)[-1]
        acc = g.value(node, SKG.usesAccuracy)
        if acc is not None:
            c.values["accuracy study"] = _label(g, acc)
        c.reasons = sorted(_label(g, r) for r in g.objects(node, SKG.reason))
        _walk(g, node, c, set())
        out.append(c)
    return out


def _walk(g: Graph, node: Term, c: Conclusion, seen: set[Term]) -> None:
    if node in seen:
        return
    seen.add(node)
    derivations = list(g.objects(node, PROV.wasGeneratedBy))
    for d in derivations:
        rule = g.value(d, SKG.appliedRule)
        if rule is not None:
            for pub in sorted(g.objects(rule, SKG.citesEvidence), key=str):
                _add_pub(g, pub, c)
        for p in sorted(g.objects(d, PROV.used), key=str):
            _walk(g, p, c, seen)
    pub = g.value(node, SKG.reportedIn)
    if pub is not None:
        _add_pub(g, pub, c)
    if not derivations:
        for rec in sorted(str(s) for s in g.objects(node, DCTERMS.source)
                          if isinstance(s, Literal) and str(node).startswith(BASE + "case/")):
            if rec not in c.records:
                c.records.append(rec)
        if (node, RDF.type, SKG.Patient) in g:  # its risk factors' and symptoms' records
            for st in sorted(g.subjects(RDF.subject, node), key=str):
                for rec in sorted(str(s) for s in g.objects(st, DCTERMS.source)):
                    if rec not in c.records:
                        c.records.append(rec)


def _add_pub(g: Graph, pub: Term, c: Conclusion) -> None:
    if any(p.iri == str(pub) for p in c.evidence):
        return
    c.evidence.append(Publication(str(pub), _label(g, pub), _text(g, pub, SKG.pmid), _text(g, pub, SKG.doi),
                                  _text(g, pub, SKG.identifierToConfirm)))


__all__ = ["FINDINGS", "Conclusion", "Publication", "case_conclusions"]
