"""Writes a case as RDF: the one case writer (N-Triples text; an rdflib Graph is derived from it).

``case_ntriples(case)`` writes a normalised Case (from a YAML/JSON case file) with deterministic IRIs
under the case IRI; ``graph_ntriples(graph, case_id)`` writes a Turtle case file's graph, its blank
nodes named under the case IRI so that every node of a case lies under it (what the reasoner and the
stores rely on). ``case_to_graph(case)`` is the same triples as an rdflib Graph.
"""
from __future__ import annotations

import hashlib

from rdflib import BNode, Graph

from .. import ntriples as nt
from ..iri import names_a_document
from ..vocab import BASE, case_iri
from .schema import Case, Quantity

_A = nt.RDF_TYPE
_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
_COMMENT = "<http://www.w3.org/2000/01/rdf-schema#comment>"
_DCT = "http://purl.org/dc/terms/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# The skg: properties a case's asserted graph may hold (what this writer writes; Turtle case files are held
# to the same list, see cases/turtle.py).
ASSERTED_PROPERTIES = frozenset({
    "caseId", "constructedExample", "hasPatient", "age", "sex", "hasSymptom", "hasRiskFactor",
    "priorSpineSurgeryCount", "priorSpineSurgeryCountIsMinimum", "hasCondition", "hasProcedure", "atLevel",
    "upperLevel", "lowerLevel", "procedureDate", "intervalBeforeStudy", "procedureCount", "hasConstruct",
    "constructOf", "hasImplant", "implantId", "onSide", "partOfConstruct", "joinsRod", "hasLead",
    "hasPulseGenerator", "hasStudy", "hasModality", "studyDate", "intervalAfterProcedure", "intervalReference",
    "hasFinding", "assertionStatus", "aboutImplant", "observedIn", "reportText", "hasDirection", "relativeTo",
    "leadLocation", "lucencyWidth", "doubleHalo", "fullyContained", "breachDistance", "migrationDistance",
    "subsidenceDistance", "inConnector", "rodSubluxed", "rodSecured", "hasOutcome", "outcomeText",
    "aboutImplantType", "aboutWholeConstruct", "placementNote",
    "junctionalAngle", "preoperativeJunctionalAngle", "subsidencePercentage", "leadCompartment", "comparedWith",
    "numericValue", "unit",
})



def _s(local: str) -> str:
    return f"<{BASE}{local}>"


def case_triples(case: Case) -> list[tuple[str, str, str]]:
    """The asserted triples of a normalised case as N-Triples terms (deterministic IRIs under the case)."""
    out: list[tuple[str, str, str]] = []
    add = out.append
    base = case_iri(case.id)
    c = f"<{base}>"

    def iri(*parts: str) -> str:
        return "<" + "/".join([base, *parts]) + ">"

    def record(node: str, value: str | None) -> None:
        """The source record a fact came from (e.g. a FHIR "Observation/smk-1"), as dcterms:source."""
        if value:
            add((node, f"<{_DCT}source>", nt.literal(value)))

    def measure(node: str, q: Quantity) -> str:
        add((node, _A, _s("Measurement")))
        add((node, _s("numericValue"), nt.decimal(q.value)))
        add((node, _s("unit"), _s(q.unit)))
        return node

    add((c, _A, _s("Case")))
    add((c, _s("caseId"), nt.literal(case.id)))
    add((c, _s("constructedExample"), nt.boolean(case.constructed)))
    if case.title:
        add((c, f"<{_DCT}title>", nt.literal(case.title)))
        add((c, _LABEL, nt.literal(case.title)))
    if case.source:
        add((c, f"<{_DCT}source>", f"<{case.source}>" if names_a_document(case.source) else nt.literal(case.source)))
    if case.description:
        add((c, f"<{_DCT}description>", nt.literal(case.description)))
    patient = iri("patient")
    add((c, _s("hasPatient"), patient))
    add((patient, _A, _s("Patient")))
    if case.age:
        add((patient, _s("age"), measure(iri("patient", "age"), case.age)))
    if case.sex:
        add((patient, _s("sex"), _s(case.sex)))
    record(patient, case.records.get("patient"))
    for s in case.symptoms:
        add((patient, _s("hasSymptom"), _s(s)))
    for r in case.risk_factors:
        add((patient, _s("hasRiskFactor"), _s(r)))
    for r in case.absent_risk_factors:
        add((patient, _s("lacksRiskFactor"), _s(r)))
    # A symptom or risk factor is a shared term: its source record goes on the statement (RDF reification).
    for key, prop, values in (("symptom", "hasSymptom", case.symptoms), ("risk_factor", "hasRiskFactor",
                                                                          case.risk_factors)):
        for v in values:
            if f"{key}/{v}" in case.records:
                st = iri("patient", key.replace("_", "-"), v)
                add((st, _A, f"<{_RDF}Statement>"))
                add((st, f"<{_RDF}subject>", patient))
                add((st, f"<{_RDF}predicate>", _s(prop)))
                add((st, f"<{_RDF}object>", _s(v)))
                record(st, case.records[f"{key}/{v}"])
    if case.prior_surgeries is not None:
        add((patient, _s("priorSpineSurgeryCount"), nt.typed(str(case.prior_surgeries), "integer")))
        add((patient, _s("priorSpineSurgeryCountIsMinimum"),
             nt.boolean(case.prior_surgeries_minimum)))
    for i, (kind, desc) in enumerate(case.conditions, 1):
        cond = iri("condition", str(i))
        add((patient, _s("hasCondition"), cond))
        add((cond, _A, _s(kind)))
        if desc:
            add((cond, _COMMENT, nt.literal(desc)))
        record(cond, case.records.get(f"condition/{i}"))
    for p in case.procedures:
        node = iri("procedure", p.id)
        add((c, _s("hasProcedure"), node))
        add((node, _A, _s(p.kind)))
        if p.label:
            add((node, _LABEL, nt.literal(p.label)))
        for lv in p.levels:
            add((node, _s("atLevel"), _s(lv.name)))
        if p.levels:
            add((node, _s("upperLevel"), _s(p.levels[0].name)))
            add((node, _s("lowerLevel"), _s(p.levels[-1].name)))
        if p.date:
            add((node, _s("procedureDate"), nt.typed(p.date, "date")))
        if p.before_study:
            add((node, _s("intervalBeforeStudy"), measure(iri("procedure", p.id, "interval"), p.before_study)))
        if p.count:
            add((node, _s("procedureCount"), nt.typed(str(p.count), "integer")))
        record(node, p.record)
    for cid, proc, label in case.constructs:
        node = iri("construct", cid)
        add((c, _s("hasConstruct"), node))
        add((node, _A, _s("Construct")))
        if proc:
            add((node, _s("constructOf"), iri("procedure", proc)))
        if label:
            add((node, _LABEL, nt.literal(label)))
    for im in case.implants:
        node = iri("implant", im.id)
        add((c, _s("hasImplant"), node))
        add((node, _A, _s(im.kind)))
        add((node, _s("implantId"), nt.literal(im.id)))
        add((node, _LABEL, nt.literal(im.label or _implant_label(im))))
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
        record(node, im.record)
    for st in case.studies:
        node = iri("study", st.id)
        add((c, _s("hasStudy"), node))
        add((node, _A, _s("ImagingStudy")))
        add((node, _s("hasModality"), _s(st.modality)))
        if st.date:
            add((node, _s("studyDate"), nt.typed(st.date, "date")))
        if st.interval:
            add((node, _s("intervalAfterProcedure"), measure(iri("study", st.id, "interval"), st.interval)))
            if st.after:
                add((node, _s("intervalReference"), iri("procedure", st.after)))
        record(node, st.record)
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
        if f.implant_kind:  # a kind of implant, not one implant: "screws at L2 and L3", "the right rod" unplaced
            add((node, _s("aboutImplantType"), _s(f.implant_kind)))
        if f.whole_construct:
            add((node, _s("aboutWholeConstruct"), nt.boolean(True)))
        if f.reason:
            add((node, _s("placementNote"), nt.literal(f.reason)))
        for lv in f.levels:
            add((node, _s("atLevel"), _s(lv.name)))
        if f.side:
            add((node, _s("onSide"), _s(f.side)))
        if f.study:
            add((node, _s("observedIn"), iri("study", f.study)))
        if f.text:
            add((node, _s("reportText"), nt.literal(f.text)))
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
                add((node, _s(prop), nt.boolean(value)))
        if f.distance is not None:
            prop = {"ScrewPositionFinding": "breachDistance", "ImplantMigrationFinding": "migrationDistance"}.get(
                f.kind, "subsidenceDistance")
            add((node, _s(prop), measure(iri("finding", f.id, "distance"), f.distance)))
        for prop, name, q in (("junctionalAngle", "angle", f.angle),
                              ("preoperativeJunctionalAngle", "preoperative-angle", f.preoperative_angle),
                              ("subsidencePercentage", "percent", f.percent)):
            if q is not None:
                add((node, _s(prop), measure(iri("finding", f.id, name), q)))
        if f.compartment:
            add((node, _s("leadCompartment"), _s(f.compartment)))
        if f.compared_with:
            add((node, _s("comparedWith"), iri("study", f.compared_with)))
        if f.connector:
            add((node, _s("inConnector"), iri("implant", f.connector)))
        for prop, value in (("rodSubluxed", f.subluxed), ("rodSecured", f.secured)):
            if value is not None:
                add((node, _s(prop), nt.boolean(value)))
        record(node, f.record)
    for i, (kind, desc, interval) in enumerate(case.outcomes, 1):
        node = iri("outcome", str(i))
        add((c, _s("hasOutcome"), node))
        add((node, _A, _s(kind)))
        if desc:
            add((node, _s("outcomeText"), nt.literal(desc)))
        if interval:
            add((node, _s("intervalAfterProcedure"), measure(iri("outcome", str(i), "interval"), interval)))
        record(node, case.records.get(f"outcome/{i}"))
    return out


def case_ntriples(case: Case) -> str:
    """The asserted graph of a normalised case as N-Triples text."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in case_triples(case))


def case_to_graph(case: Case) -> Graph:
    """The asserted graph of a normalised case as an rdflib Graph (parsed from case_ntriples)."""
    g = Graph()
    g.parse(data=case_ntriples(case), format="nt")
    return g


def graph_ntriples(graph: Graph, case_id: str) -> str:
    """A case graph (e.g. read from Turtle) as N-Triples, its blank nodes named under the case IRI.

    A blank node becomes ``<case>/node/<digest>``, the digest of what it says (its own triples and
    those of the blank nodes it leads to), so the same file always gives the same IRIs.
    """
    base = case_iri(case_id)
    names: dict[BNode, str] = {}

    def describe(b: BNode, seen: frozenset[BNode]) -> str:
        parts = []
        for p, o in graph.predicate_objects(b):
            if isinstance(o, BNode):
                text = "[cycle]" if o in seen else "[" + describe(o, seen | {b}) + "]"
            else:
                text = nt.from_rdflib(o)
            parts.append(f"{nt.from_rdflib(p)} {text}")
        return ";".join(sorted(parts))

    def name(b: BNode) -> str:
        if b not in names:
            digest = hashlib.sha256(describe(b, frozenset()).encode("utf-8")).hexdigest()[:16]
            names[b] = f"<{base}/node/{digest}>"
        return names[b]

    out = []
    for s, p, o in graph:
        st = name(s) if isinstance(s, BNode) else nt.from_rdflib(s)
        ot = name(o) if isinstance(o, BNode) else nt.from_rdflib(o)
        out.append(f"{st} {nt.from_rdflib(p)} {ot} .\n")
    return "".join(sorted(set(out)))


_KIND_WORDS = {"PedicleScrew": "pedicle screw", "LateralMassScrew": "lateral mass screw", "Screw": "screw",
               "SetScrew": "set screw", "Rod": "rod", "RodToRodConnector": "rod-to-rod connector",
               "InterbodyCage": "interbody cage", "LateralInterbodyCage": "lateral interbody cage", "Plate": "plate", "SpinalCordStimulator": "spinal cord stimulator",
               "StimulatorLead": "stimulator lead", "ImplantablePulseGenerator": "pulse generator"}


def _implant_label(im) -> str:
    side = {"Left": "left ", "Right": "right ", "Bilateral": "bilateral ", "Midline": "midline "}.get(im.side or "", "")
    where = ""
    if im.levels:
        where = f" at {im.levels[0].name}" if len(im.levels) == 1 else f" {im.levels[0].name}-{im.levels[-1].name}"
    return f"{side}{_KIND_WORDS.get(im.kind, im.kind)}{where}"


