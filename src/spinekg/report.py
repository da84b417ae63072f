"""Readable per-case summaries: what was reported, and what the reasoner concluded."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from importlib.resources import as_file

import click

from .api import KnowledgeGraph
from .cases import CaseError
from .data import example_case_files
from .results import short
from .vocab import RDFS, SKG

FACTS = """
SELECT ?id ?title ?constructed ?age ?sex
       (GROUP_CONCAT(DISTINCT ?symLabel; separator=", ") AS ?symptoms)
       (GROUP_CONCAT(DISTINCT ?rfLabel; separator=", ") AS ?risks)
       (GROUP_CONCAT(DISTINCT ?modLabel; separator=", ") AS ?modalities)
WHERE {
  ?case skg:caseId ?id .
  OPTIONAL { ?case dcterms:title ?title } OPTIONAL { ?case skg:constructedExample ?constructed }
  OPTIONAL { ?case skg:hasPatient ?p .
             OPTIONAL { ?p skg:age/skg:numericValue ?age } OPTIONAL { ?p skg:sex/rdfs:label ?sex }
             OPTIONAL { ?p skg:hasSymptom/rdfs:label ?symLabel } OPTIONAL { ?p skg:hasRiskFactor/rdfs:label ?rfLabel } }
  OPTIONAL { ?case skg:hasStudy/skg:hasModality/rdfs:label ?modLabel }
} GROUP BY ?id ?title ?constructed ?age ?sex
"""

FINDINGS = """
SELECT ?id ?f ?text ?kindLabel ?status WHERE {
  ?case skg:caseId ?id ; skg:hasFinding ?f .
  ?f a ?kind ; skg:assertionStatus ?status .
  ?kind rdfs:subClassOf+ skg:ImagingFinding ; rdfs:label ?kindLabel .
  FILTER NOT EXISTS { ?f a ?sub . ?sub rdfs:subClassOf+ ?kind . FILTER (?sub != ?kind) }
  OPTIONAL { ?f skg:reportText ?text }
} ORDER BY ?f
"""

CONCLUSIONS = """
SELECT DISTINCT ?c ?label ?order ?sub ?subLabel ?g WHERE {
  GRAPH ?g { ?c prov:wasGeneratedBy ?d ; rdfs:label ?label ; a ?cls . }
  VALUES (?cls ?order) {
    (skg:RevisionEvaluationIndication 1) (skg:NonUnionRiskAssessment 2) (skg:HardwareFailure 3)
    (skg:ConstructDiscontinuity 4) (skg:ConnectorFailure 5) (skg:ScrewLoosening 6) (skg:PostTestProbability 7)
    (skg:StrictLucencyCriterionMet 8) (skg:ScrewMalposition 9) (skg:ThreateningBreach 10)
    (skg:VascularProximityFlag 10) (skg:NeurologicalCorrelationFlag 11) (skg:LeadMigration 12)
    (skg:ExpectedDevicePlacement 13) (skg:UninterpretedFinding 20) }
  OPTIONAL { GRAPH ?g { ?c skg:reason|skg:riskFactorPresent|skg:imagingSign ?sub . ?sub rdfs:label ?subLabel } }
} ORDER BY ?order ?c ?subLabel
"""




_TYPE = " <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
_GENERATED = " <http://www.w3.org/ns/prov#wasGeneratedBy> "


@lru_cache(maxsize=1)
def _conclusion_classes() -> dict[str, str]:
    """{<class IRI> (as N-Triples): label} for every kind of conclusion the ontology defines."""
    from .data import ontology_graph
    from .hierarchy import schema

    root = str(SKG.Conclusion)
    labels = {str(s): str(o) for s, o in ontology_graph().subject_objects(RDFS.label)}
    return {f"<{c}>": labels.get(c, c.rsplit("/", 1)[-1]) for c, sup in schema().supers.items() if root in sup}


def conclusion_kinds(inferred: str) -> set[str]:
    """The labels of the most specific kinds of conclusion in a case's inferred graph (N-Triples)."""
    classes = _conclusion_classes()
    generated: set[str] = set()
    types: dict[str, set[str]] = {}
    for line in inferred.splitlines():
        if _GENERATED in line:
            generated.add(line.split(" ", 1)[0])
        elif _TYPE in line:
            subject, _, rest = line.partition(_TYPE)
            cls = rest.rsplit(" ", 1)[0]
            if cls in classes:
                types.setdefault(subject, set()).add(cls)
    from .hierarchy import schema

    supers = schema().supers
    out: set[str] = set()
    for subject in generated & types.keys():
        kinds = types[subject]
        for cls in kinds:
            if not any(cls[1:-1] in supers.get(other[1:-1], ()) for other in kinds):
                out.add(classes[cls])
    return out


def counts_summary(cases: int, kinds: "Counter[str]", *, verb: str = "reasoned") -> str:
    """A few lines: how many cases, and for each kind of conclusion how many cases have one."""
    lines = [f"{cases:,} case(s) {verb}"]
    if kinds:
        width = max(len(k) for k in kinds)
        lines.append("cases with each kind of conclusion:")
        lines += [f"  {kind:<{width}}  {n:>8,}" for kind, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))]
    elif cases:
        lines.append("no conclusions")
    return "\n".join(lines)


def conclusions_summary(kg: KnowledgeGraph, case_id: str) -> str:
    """The conclusions of one case, most decisive first, reasons indented under their conclusion."""
    import pyoxigraph as ox

    from .vocab import inferred_graph

    res = kg.sparql(CONCLUSIONS, bindings={"g": ox.NamedNode(inferred_graph(case_id))})
    lines = [f"Conclusions for {case_id}:"]
    seen: set[str] = set()
    for row in res.rows:
        iri = row["c"].value  # type: ignore[attr-defined]
        if iri not in seen:
            seen.add(iri)
            lines.append(f"  * {row['label'].value}")  # type: ignore[attr-defined]
        if "subLabel" in row:
            lines.append(f"      - {row['subLabel'].value}")  # type: ignore[attr-defined]
    if len(lines) == 1:
        lines.append("  (none)")
    return "\n".join(lines)


def case_summary(kg: KnowledgeGraph, case_id: str) -> str:
    """The reported facts of one case in a few lines."""
    import pyoxigraph as ox

    b = {"id": ox.Literal(case_id)}
    facts = kg.sparql(FACTS, bindings=b).rows
    lines = []
    if facts:
        f = facts[0]
        who = ", ".join(x for x in (f"{short(f['age'])} y" if "age" in f else "", short(f.get("sex"))) if x)
        tag = " [constructed example]" if short(f.get("constructed")) == "true" else ""
        lines.append(f"== {case_id}{tag}: {short(f.get('title'))}")
        if who:
            lines.append(f"   patient: {who}")
        for key, name in (("symptoms", "symptoms"), ("risks", "risk factors"), ("modalities", "imaging")):
            if short(f.get(key)):
                lines.append(f"   {name}: {short(f.get(key))}")
    for r in kg.sparql(FINDINGS, bindings=b).rows:
        status = short(r["status"]).replace("skg:", "")
        mark = "" if status == "Affirmed" else f" [{status.lower()}]"
        lines.append(f"   finding ({short(r['kindLabel'])}){mark}: {short(r.get('text')) or short(r['f'])}")
    return "\n".join(lines)


def run_demo(kg: KnowledgeGraph) -> None:
    """Load, validate and reason the bundled cases, then print each case's facts and conclusions."""
    files = example_case_files()
    paths = []
    for f in files:
        with as_file(f) as p:
            paths.append(p)
    click.echo(f"Validating and loading {len(paths)} bundled case(s) into {getattr(kg.store, 'url', None) or kg.store.path or 'memory'} ...")
    try:
        ids = kg.load(paths)
    except CaseError as exc:
        for prob in exc.problems:
            click.echo(str(prob))
        raise SystemExit(1) from None
    for cid in ids:
        click.echo("")
        click.echo(case_summary(kg, cid))
        click.echo(conclusions_summary(kg, cid))
    published = "radiopaedia-connector-failure"
    if published in ids:
        from .reasoning.explain import explain

        click.echo("")
        click.echo(f"Why is revision evaluation indicated for {published}?")
        click.echo(explain(kg.case_graph(published), kg.case_graph(published, inferred=True), "revision-evaluation"))
    click.echo("")
    click.echo(demo_summary(kg, ids))


# Kinds of conclusion that describe the construct or carry a part of another conclusion: left out of the
# demo's one-line-per-case summary (they are in each case's conclusions above).
_PARTS = {SKG.ConstructPart, SKG.InstrumentedSpan, SKG.FusedSpan, SKG.RiskFactorContribution, SKG.RevisionReason,
          SKG.RevisionEvaluationIndication}


def demo_summary(kg: KnowledgeGraph, ids: list[str]) -> str:
    """One screen: a line per case (revision evaluation, the kinds of conclusion) and the next commands."""
    import shutil
    import sys
    from pathlib import Path

    from .vocab import inferred_graph

    classes = _conclusion_classes()
    parts = {classes[f"<{c}>"] for c in _PARTS if f"<{c}>" in classes}
    revision = classes[f"<{SKG.RevisionEvaluationIndication}>"]
    width = max(len(cid) for cid in ids) if ids else 4
    room = max(40, shutil.get_terminal_size((120, 24)).columns - width - 20)
    lines = [f"Summary: {len(ids)} case(s)", f"  {'case':<{width}}  revision eval.  other conclusions"]
    for cid in ids:
        kinds = conclusion_kinds(kg.store.graph_nt(inferred_graph(cid)))
        others = "; ".join(sorted(kinds - parts)) or "-"
        if len(others) > room:
            others = others[: room - 3] + "..."
        lines.append(f"  {cid:<{width}}  {'indicated' if revision in kinds else '-':<14}  {others}")
    store = getattr(kg.store, "path", None)
    exe = Path(sys.executable).parent / "spinekg"
    try:
        command = str(exe.relative_to(Path.cwd())) if exe.exists() else "spinekg"
    except ValueError:
        command = str(exe)
    where = f" --store {store}" if store is not None else ""
    lines += ["", f"Next ({'the store: ' + str(store) if store is not None else 'an in-memory store: nothing kept'}):",
              f"  {command} cases{where}",
              f"  {command} explain radiopaedia-connector-failure{where}",
              f"  {command} query revision-candidates{where}",
              f"  {command} serve{where}        # case pages at http://127.0.0.1:7878/cases",
              "  make shell    # in the clone: a shell with spinekg on the PATH and make demo's store as the default"]
    return "\n".join(lines)
