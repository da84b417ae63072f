"""Explanations: each conclusion's derivation tree, down to asserted facts and the papers behind each rule."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef

from ..data import literature_graph, ontology_graph, parameters_graph
from ..vocab import BASE, DCTERMS, PROV, RDF, RDFS, SKG
from .rules import rules_graph
from ..errors import SpinekgError

# The conclusions shown first, most decisive first.
HEADLINE = [SKG.RevisionEvaluationIndication, SKG.NonUnionRiskAssessment, SKG.HardwareFailure,
            SKG.ConstructDiscontinuity, SKG.ConnectorFailure, SKG.ScrewLoosening, SKG.ScrewMalposition,
            SKG.ThreateningBreach, SKG.VascularProximityFlag, SKG.NeurologicalCorrelationFlag,
            SKG.StrictLucencyCriterionMet, SKG.StrictLucencyCriterionNotMet, SKG.PostTestProbability,
            SKG.LeadMigration, SKG.ExpectedDevicePlacement]
# Last, after every other conclusion: what the reasoner recorded but could not interpret.
TRAILING = [SKG.UninterpretedFinding]


class ExplainError(SpinekgError, LookupError):
    """Raised when a case or conclusion to explain does not exist."""


@dataclass
class Node:
    """One step of an explanation: a conclusion (with its rules) or an asserted fact."""

    iri: str
    label: str
    kind: str  # "conclusion", "fact" or "evidence"
    rules: list[dict] = field(default_factory=list)
    premises: list["Node"] = field(default_factory=list)
    details: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        out: dict = {"iri": self.iri, "label": self.label, "kind": self.kind}
        if self.details:
            out["details"] = self.details
        if self.rules:
            out["rules"] = self.rules
        if self.premises:
            out["premises"] = [p.to_dict() for p in self.premises]
        return out


class Explainer:
    """Builds explanation trees from a case's asserted and inferred graphs plus the knowledge base."""

    def __init__(self, asserted: Graph, inferred: Graph):
        g = Graph()
        for part in (asserted, inferred, literature_graph(), parameters_graph(), rules_graph(), ontology_graph()):
            g += part
        self.g = g
        self.inferred = inferred

    def conclusions(self) -> list[URIRef]:
        """Every conclusion with a derivation, headline classes first."""
        derived = {c for c in self.inferred.subjects(PROV.wasGeneratedBy, None)
                   if (c, RDF.type, SKG.QueryIndexEntry) not in self.g}  # an index for queries, no conclusion
        out: list[URIRef] = []
        for cls in HEADLINE:
            members = sorted((c for c in derived if (c, RDF.type, cls) in self.g and c not in out), key=str)
            out.extend(members)
        out.extend(sorted((c for c in derived if c not in out and not self._is_reason(c)
                           and not any((c, RDF.type, t) in self.g for t in TRAILING)), key=str))
        for cls in TRAILING:
            out.extend(sorted((c for c in derived if (c, RDF.type, cls) in self.g and c not in out), key=str))
        return out  # type: ignore[return-value]

    def _is_reason(self, c: object) -> bool:
        return (c, RDF.type, SKG.RevisionReason) in self.g or (c, RDF.type, SKG.RiskFactorContribution) in self.g \
            or (c, RDF.type, SKG.PseudarthrosisImagingSign) in self.g

    def find(self, key: str) -> list[URIRef]:
        """Conclusions matching a key: a full IRI, an IRI ending, or a class name such as 'ConnectorFailure'."""
        all_c = [c for c in self.inferred.subjects(PROV.wasGeneratedBy, None)]
        hits = [c for c in all_c if str(c) == key or str(c).endswith("/" + key.strip("/"))]
        if not hits:
            cls = SKG[key.replace("skg:", "")]
            hits = [c for c in all_c if (c, RDF.type, cls) in self.g]
        if not hits:
            hits = [c for c in all_c if key.lower() in str(self.g.value(c, RDFS.label) or "").lower()]
        return sorted(set(hits), key=str)  # type: ignore[arg-type]

    def label(self, node: object) -> str:
        lab = self.g.value(node, RDFS.label)  # type: ignore[arg-type]
        if lab is not None:
            return str(lab)
        text = str(node)
        return text.split("/case/", 1)[-1] if "/case/" in text else text.replace(BASE, "skg:")

    def tree(self, node: URIRef, seen: frozenset = frozenset()) -> Node:
        derivations = list(self.g.objects(node, PROV.wasGeneratedBy))
        if not derivations or node in seen:
            return self.fact(node)
        out = Node(str(node), self.conclusion_label(node), "conclusion")
        for key, prop in (("probability", SKG.probability), ("pretest", SKG.pretestProbability),
                          ("pretest source", SKG.pretestSource), ("grading", SKG.gradingNote),
                          ("Heary", SKG.hearyNote), ("certainty", SKG.certainty)):
            v = self.g.value(node, prop)
            if v is not None:
                out.details[key] = self.label(v) if isinstance(v, URIRef) else str(v)
        premises: list[URIRef] = []
        for d in sorted(derivations, key=str):
            rule = self.g.value(d, SKG.appliedRule)
            if rule is not None:
                out.rules.append(self.rule_info(rule))
            for p in sorted(self.g.objects(d, PROV.used), key=str):
                if p not in premises:
                    premises.append(p)  # type: ignore[arg-type]
        out.premises = [self.tree(p, seen | {node}) for p in premises]
        return out

    def conclusion_label(self, node: URIRef) -> str:
        """The conclusion's label; a post-test probability drawn from a measured lucency of at most 1 mm
        says so, instead of "after a negative finding" (the report did not deny the lucency)."""
        label = self.label(node)
        if (node, RDF.type, SKG.PostTestProbability) not in self.g or \
                str(self.g.value(node, SKG.testResult) or "") != "negative":
            return label
        for d in self.g.objects(node, PROV.wasGeneratedBy):
            for f in self.g.objects(d, PROV.used):
                width = self.g.value(self.g.value(f, SKG.lucencyWidth), SKG.numericValue) \
                    if self.g.value(f, SKG.lucencyWidth) is not None else None
                if width is not None and self.g.value(f, SKG.assertionStatus) == SKG.Affirmed:
                    return label.replace("after a negative finding",
                                         f"with a measured {width} mm lucency (at or below the 1 mm threshold)")
        return label

    def rule_info(self, rule: object) -> dict:
        info: dict = {"id": str(self.g.value(rule, SKG.ruleId) or rule), "title": self.label(rule)}
        info["evidence"] = [self.citation(p) for p in sorted(self.g.objects(rule, SKG.citesEvidence), key=str)]
        return info

    def citation(self, pub: object) -> str:
        label = self.label(pub)
        ids = []
        for prop, prefix in ((SKG.pmid, "PMID "), (SKG.doi, "doi:")):
            v = self.g.value(pub, prop)  # type: ignore[arg-type]
            if v is not None:
                ids.append(prefix + str(v))
        # the knowledge base's "to confirm" flags stay in the data; a reader sees what is recorded
        return f"{label} ({'; '.join(ids) if ids else 'no identifier recorded'})"

    def fact(self, node: object) -> Node:
        g = self.g
        if (node, RDF.type, SKG.ReportedFigure) in g or (node, RDF.type, SKG.DiagnosticAccuracy) in g \
                or (node, RDF.type, SKG.OddsRatio) in g or (node, RDF.type, SKG.Threshold) in g \
                or (node, RDF.type, SKG.Prevalence) in g:
            pub = g.value(node, SKG.reportedIn)  # type: ignore[arg-type]
            return Node(str(node), self.label(node), "evidence",
                        details={"source": self.citation(pub)} if pub is not None else {})
        if (node, RDF.type, SKG.PretestSetting) in g:
            return Node(str(node), self.label(node), "evidence")
        text = g.value(node, SKG.reportText)  # type: ignore[arg-type]
        details: dict[str, str] = {}
        label = self.label(node)
        if (node, RDF.type, SKG.Finding) in g or (node, RDF.type, SKG.ImagingFinding) in g or text is not None:
            kind = self.most_specific_type(node)
            status = g.value(node, SKG.assertionStatus)  # type: ignore[arg-type]
            study = g.value(node, SKG.observedIn)  # type: ignore[arg-type]
            label = f'"{text}"' if text is not None else label
            details["finding"] = kind or "finding"
            if status is not None and status != SKG.Affirmed:
                details["status"] = self.label(status)
            if study is not None:
                details["study"] = self.label(g.value(study, SKG.hasModality) or study)
            width = g.value(g.value(node, SKG.lucencyWidth), SKG.numericValue) if g.value(node, SKG.lucencyWidth) else None  # type: ignore[arg-type]
            if width is not None:
                details["width"] = f"{width} mm"
        elif (node, RDF.type, SKG.Patient) in g:
            sym = sorted(self.label(s) for s in g.objects(node, SKG.hasSymptom))  # type: ignore[arg-type]
            rf = sorted(self.label(s) + self._stated_in(node, SKG.hasRiskFactor, s)
                        for s in g.objects(node, SKG.hasRiskFactor))  # type: ignore[arg-type]
            n = g.value(node, SKG.priorSpineSurgeryCount)  # type: ignore[arg-type]
            parts = []
            if sym:
                parts.append("symptoms: " + ", ".join(sym))
            if rf:
                parts.append("risk factors: " + ", ".join(rf))
            if n is not None:
                more = g.value(node, SKG.priorSpineSurgeryCountIsMinimum)  # type: ignore[arg-type]
                parts.append(f"prior spine surgeries: {'more than ' + str(int(n) - 1) if more == Literal(True) else n}")
            label = "patient (" + "; ".join(parts) + ")" if parts else "patient"
        elif (node, RDF.type, SKG.ImagingStudy) in g:
            mod = g.value(node, SKG.hasModality)  # type: ignore[arg-type]
            iv = g.value(node, SKG.intervalAfterProcedure)  # type: ignore[arg-type]
            label = f"{self.label(mod) if mod else 'imaging'} study"
            if iv is not None:
                n, unit = g.value(iv, SKG.numericValue), self.label(g.value(iv, SKG.unit)).lower()
                label += f", {n} {unit if str(n) in ('1', '1.0') else unit + 's'} after surgery"
        elif (node, RDF.type, SKG.Procedure) in g or (node, RDF.type, SKG.SpinalFusion) in g:
            kinds = [self.label(t) for t in g.objects(node, RDF.type) if isinstance(t, URIRef) and str(t).startswith(BASE)]  # type: ignore[arg-type]
            lo, hi = g.value(node, SKG.upperLevel), g.value(node, SKG.lowerLevel)  # type: ignore[arg-type]
            span = f" {str(lo).rsplit('/', 1)[-1]}-{str(hi).rsplit('/', 1)[-1]}" if lo and hi else ""
            label = f"{kinds[0] if kinds else 'procedure'}{span}"
        elif isinstance(node, URIRef) and (node, RDF.type, SKG.WoundComplication) in g:
            comment = g.value(node, RDFS.comment)
            label = f"reported wound complication{': ' + str(comment) if comment else ''}"
        source = g.value(node, DCTERMS.source)  # type: ignore[arg-type]
        if source is not None:  # the record it came from (a FHIR resource, a report)
            details["from"] = str(source)
        return Node(str(node), label, "fact", details=details)

    def _stated_in(self, subject: object, predicate: URIRef, obj: object) -> str:
        """' (Condition/x)': the record a reified statement of this triple names as its source, if any."""
        g = self.g
        for st in g.subjects(RDF.subject, subject):  # type: ignore[arg-type]
            if (st, RDF.predicate, predicate) in g and (st, RDF.object, obj) in g:
                source = g.value(st, DCTERMS.source)
                if source is not None:
                    return f" ({source})"
        return ""

    def most_specific_type(self, node: object) -> str | None:
        """The label of the node's most specific skg: class."""
        types = [t for t in self.g.objects(node, RDF.type) if isinstance(t, URIRef) and str(t).startswith(BASE)]  # type: ignore[arg-type]
        specific = [t for t in types if not any(o != t and (o, RDFS.subClassOf, t) in self.g for o in types)]
        return self.label(sorted(specific, key=str)[0]) if specific else None

    def evidence(self, node: URIRef) -> list[str]:
        """Every publication behind a conclusion: the rules' citations and the figures used."""
        out: list[str] = []

        def walk(n: Node) -> None:
            for r in n.rules:
                for e in r["evidence"]:
                    if e not in out:
                        out.append(e)
            if n.kind == "evidence" and "source" in n.details and n.details["source"] not in out:
                out.append(n.details["source"])
            for p in n.premises:
                walk(p)

        walk(self.tree(node))
        return out


def render_text(node: Node, indent: str = "", arrow: str = "", shown: set[str] | None = None) -> list[str]:
    """A readable tree: conclusion ← rule ← premises, with evidence under each rule.

    A conclusion already printed (in `shown`, the IRIs printed so far) is printed once more as one line
    referring to it, without its subtree.
    """
    shown = set() if shown is None else shown
    if node.kind == "conclusion" and node.iri in shown:
        return [f"{indent}{arrow}{node.label}  (explained above)"]
    if node.kind == "conclusion":
        shown.add(node.iri)
    extra = "; ".join(f"{k} {v}" for k, v in node.details.items())
    head = f"{indent}{arrow}{node.label}" + (f"  [{extra}]" if extra else "")
    if node.kind == "fact":
        head += "  (reported fact)"
    elif node.kind == "evidence":
        head += "  (evidence)"
    lines = [head]
    sub = indent + ("    " if arrow else "  ")
    for r in node.rules:
        lines.append(f"{sub}by rule {r['id']}: {r['title']}")
        for e in r["evidence"]:
            lines.append(f"{sub}  evidence: {e}")
    for p in node.premises:
        lines.extend(render_text(p, sub, "<- ", shown))
    return lines


def explain(asserted: Graph, inferred: Graph, conclusion: str | None = None, fmt: str = "text") -> str:
    """Explain a case's conclusions (or the ones matching `conclusion`) as text or JSON."""
    ex = Explainer(asserted, inferred)
    targets = ex.find(conclusion) if conclusion else ex.conclusions()
    if conclusion and not targets:
        known = list(dict.fromkeys(str(c).split("/case/", 1)[-1] for c in ex.conclusions()))  # headline first
        raise ExplainError(f"no conclusion matches '{conclusion}' (conclusions: {', '.join(known[:12])}"
                           f"{', ...' if len(known) > 12 else ''})")
    trees = [ex.tree(t) for t in targets]
    if fmt == "json":
        return json.dumps([dict(t.to_dict(), evidence=ex.evidence(URIRef(t.iri))) for t in trees], indent=1)
    lines: list[str] = []
    shown: set[str] = set()  # each conclusion explained once; later mentions refer to it
    for t in trees:
        lines.extend(render_text(t, shown=shown))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["explain", "Explainer", "ExplainError"]
