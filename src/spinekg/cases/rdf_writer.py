"""Writes a normalised Case as RDF triples in the spinekg ontology's terms."""
from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from ..iri import names_a_document
from ..vocab import DCTERMS, RDF, RDFS, SKG, XSD, case_iri
from .schema import Case, Quantity


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
    "numericValue", "unit",
})


def _dec(x: float) -> Literal:
    return Literal(Decimal(str(x)), datatype=XSD.decimal)


def _measure(g: Graph, node: URIRef, q: Quantity) -> URIRef:
    g.add((node, RDF.type, SKG.Measurement))
    g.add((node, SKG.numericValue, _dec(q.value)))
    g.add((node, SKG.unit, SKG[q.unit]))
    return node


def case_to_graph(case: Case) -> Graph:
    """Return the asserted facts of a case as an rdflib Graph (deterministic IRIs)."""
    g = Graph()
    base = case_iri(case.id)
    c = URIRef(base)

    def iri(*parts: str) -> URIRef:
        return URIRef("/".join([base, *parts]))

    g.add((c, RDF.type, SKG.Case))
    g.add((c, SKG.caseId, Literal(case.id)))
    g.add((c, SKG.constructedExample, Literal(case.constructed)))
    if case.title:
        g.add((c, DCTERMS.title, Literal(case.title)))
        g.add((c, RDFS.label, Literal(case.title)))
    if case.source:
        g.add((c, DCTERMS.source, URIRef(case.source) if names_a_document(case.source) else Literal(case.source)))
    if case.description:
        g.add((c, DCTERMS.description, Literal(case.description)))

    patient = iri("patient")
    g.add((c, SKG.hasPatient, patient))
    g.add((patient, RDF.type, SKG.Patient))
    if case.age:
        g.add((patient, SKG.age, _measure(g, iri("patient", "age"), case.age)))
    if case.sex:
        g.add((patient, SKG.sex, SKG[case.sex]))
    for s in case.symptoms:
        g.add((patient, SKG.hasSymptom, SKG[s]))
    for r in case.risk_factors:
        g.add((patient, SKG.hasRiskFactor, SKG[r]))
    if case.prior_surgeries is not None:
        g.add((patient, SKG.priorSpineSurgeryCount, Literal(case.prior_surgeries)))
        g.add((patient, SKG.priorSpineSurgeryCountIsMinimum, Literal(case.prior_surgeries_minimum)))
    for i, (kind, desc) in enumerate(case.conditions, 1):
        cond = iri("condition", str(i))
        g.add((patient, SKG.hasCondition, cond))
        g.add((cond, RDF.type, SKG[kind]))
        if desc:
            g.add((cond, RDFS.comment, Literal(desc)))

    for p in case.procedures:
        node = iri("procedure", p.id)
        g.add((c, SKG.hasProcedure, node))
        g.add((node, RDF.type, SKG[p.kind]))
        if p.label:
            g.add((node, RDFS.label, Literal(p.label)))
        for lv in p.levels:
            g.add((node, SKG.atLevel, SKG[lv.name]))
        if p.levels:
            g.add((node, SKG.upperLevel, SKG[p.levels[0].name]))
            g.add((node, SKG.lowerLevel, SKG[p.levels[-1].name]))
        if p.date:
            g.add((node, SKG.procedureDate, Literal(p.date, datatype=XSD.date)))
        if p.before_study:
            g.add((node, SKG.intervalBeforeStudy, _measure(g, iri("procedure", p.id, "interval"), p.before_study)))
        if p.count:
            g.add((node, SKG.procedureCount, Literal(p.count)))

    for cid, proc, label in case.constructs:
        node = iri("construct", cid)
        g.add((c, SKG.hasConstruct, node))
        g.add((node, RDF.type, SKG.Construct))
        if proc:
            g.add((node, SKG.constructOf, iri("procedure", proc)))
        if label:
            g.add((node, RDFS.label, Literal(label)))

    for im in case.implants:
        node = iri("implant", im.id)
        g.add((c, SKG.hasImplant, node))
        g.add((node, RDF.type, SKG[im.kind]))
        g.add((node, SKG.implantId, Literal(im.id)))
        g.add((node, RDFS.label, Literal(im.label or _implant_label(im))))
        for lv in im.levels:
            g.add((node, SKG.atLevel, SKG[lv.name]))
        if len(im.levels) > 1:
            g.add((node, SKG.upperLevel, SKG[im.levels[0].name]))
            g.add((node, SKG.lowerLevel, SKG[im.levels[-1].name]))
        if im.side:
            g.add((node, SKG.onSide, SKG[im.side]))
        if im.construct:
            g.add((node, SKG.partOfConstruct, iri("construct", im.construct)))
        for rod in im.joins:
            g.add((node, SKG.joinsRod, iri("implant", rod)))
        if im.parent:
            prop = SKG.hasLead if im.kind == "StimulatorLead" else SKG.hasPulseGenerator
            g.add((iri("implant", im.parent), prop, node))

    for st in case.studies:
        node = iri("study", st.id)
        g.add((c, SKG.hasStudy, node))
        g.add((node, RDF.type, SKG.ImagingStudy))
        g.add((node, SKG.hasModality, SKG[st.modality]))
        if st.date:
            g.add((node, SKG.studyDate, Literal(st.date, datatype=XSD.date)))
        if st.interval:
            g.add((node, SKG.intervalAfterProcedure, _measure(g, iri("study", st.id, "interval"), st.interval)))
            if st.after:
                g.add((node, SKG.intervalReference, iri("procedure", st.after)))

    for f in case.findings:
        node = iri("finding", f.id)
        g.add((c, SKG.hasFinding, node))
        kind = f.kind
        if kind == "ScrewPositionFinding":
            kind = "ScrewContainedFinding" if f.contained else "ScrewBreachFinding"
        g.add((node, RDF.type, SKG[kind]))
        g.add((node, SKG.assertionStatus, SKG[f.status]))
        if f.implant:
            g.add((node, SKG.aboutImplant, iri("implant", f.implant)))
        if f.implant_kind:  # a kind of implant, not one implant: "screws at L2 and L3", "the right rod" unplaced
            g.add((node, SKG.aboutImplantType, SKG[f.implant_kind]))
        if f.whole_construct:
            g.add((node, SKG.aboutWholeConstruct, Literal(True)))
        if f.reason:
            g.add((node, SKG.placementNote, Literal(f.reason)))
        for lv in f.levels:
            g.add((node, SKG.atLevel, SKG[lv.name]))
        if f.side:
            g.add((node, SKG.onSide, SKG[f.side]))
        if f.study:
            g.add((node, SKG.observedIn, iri("study", f.study)))
        if f.text:
            g.add((node, SKG.reportText, Literal(f.text)))
        if f.direction:
            g.add((node, SKG.hasDirection, SKG[f.direction]))
        for prop, struct in ((SKG.relativeTo, f.relative_to), (SKG.leadLocation, f.location)):
            if struct:
                where = "-".join([*(lv.name for lv in f.levels[:1]), *([f.side.lower()] if f.side and struct == "Pedicle" else []), struct])
                part = iri("anatomy", where)
                g.add((part, RDF.type, SKG[struct]))
                for lv in f.levels[:1]:
                    g.add((part, SKG.atLevel, SKG[lv.name]))
                g.add((node, prop, part))
        if f.width is not None:
            g.add((node, SKG.lucencyWidth, _measure(g, iri("finding", f.id, "width"), f.width)))
        if f.double_halo is not None:
            g.add((node, SKG.doubleHalo, Literal(f.double_halo)))
        if f.contained is not None:
            g.add((node, SKG.fullyContained, Literal(f.contained)))
        if f.distance is not None:
            prop = {"ScrewPositionFinding": SKG.breachDistance, "ImplantMigrationFinding": SKG.migrationDistance}.get(
                f.kind, SKG.subsidenceDistance)
            g.add((node, prop, _measure(g, iri("finding", f.id, "distance"), f.distance)))
        if f.connector:
            g.add((node, SKG.inConnector, iri("implant", f.connector)))
        if f.subluxed is not None:
            g.add((node, SKG.rodSubluxed, Literal(f.subluxed)))
        if f.secured is not None:
            g.add((node, SKG.rodSecured, Literal(f.secured)))

    for i, (kind, desc, interval) in enumerate(case.outcomes, 1):
        node = iri("outcome", str(i))
        g.add((c, SKG.hasOutcome, node))
        g.add((node, RDF.type, SKG[kind]))
        if desc:
            g.add((node, SKG.outcomeText, Literal(desc)))
        if interval:
            g.add((node, SKG.intervalAfterProcedure, _measure(g, iri("outcome", str(i), "interval"), interval)))
    return g


_KIND_WORDS = {"PedicleScrew": "pedicle screw", "LateralMassScrew": "lateral mass screw", "Screw": "screw",
               "SetScrew": "set screw", "Rod": "rod", "RodToRodConnector": "rod-to-rod connector",
               "InterbodyCage": "interbody cage", "Plate": "plate", "SpinalCordStimulator": "spinal cord stimulator",
               "StimulatorLead": "stimulator lead", "ImplantablePulseGenerator": "pulse generator"}


def _implant_label(im) -> str:
    side = {"Left": "left ", "Right": "right ", "Bilateral": "bilateral ", "Midline": "midline "}.get(im.side or "", "")
    where = ""
    if im.levels:
        where = f" at {im.levels[0].name}" if len(im.levels) == 1 else f" {im.levels[0].name}-{im.levels[-1].name}"
    return f"{side}{_KIND_WORDS.get(im.kind, im.kind)}{where}"


