"""Tests of the spinekg OWL ontology (ontology/spinekg.ttl) and its SSSOM mappings.

The ontology is looked up as package data (``spinekg/data/ontology``), the way the installed
package ships it; only when the package cannot be imported (or is imported from this source tree,
where the data folder is the repository's ``ontology/``) do the tests read ``ontology/`` directly.
The HermiT tests need a ``java`` executable and are skipped, with the reason, without one.
"""
from __future__ import annotations

import contextlib
import csv
import importlib
import importlib.resources
import os
import re
import shutil
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest
import yaml
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

REPO = Path(__file__).resolve().parents[1]
REPO_ONTOLOGY_DIR = REPO / "ontology"
ONTOLOGY_FILE = "spinekg.ttl"
SSSOM_FILE = "mappings.sssom.tsv"

# A plain Namespace (not rdflib's closed XSD namespace, which warns when pytest inspects it).
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
SKG = Namespace("https://w3id.org/spinekg/")
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")
PROV = Namespace("http://www.w3.org/ns/prov#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
DEFINITION = OBO.IAO_0000115
ONTOLOGY_IRI = URIRef("https://w3id.org/spinekg/ontology")
VERSION_IRI = URIRef("https://w3id.org/spinekg/ontology/0.1.0")

ENTITY_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
                OWL.NamedIndividual, RDFS.Datatype)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

LEVELS = ([f"C{i}" for i in range(1, 8)] + [f"T{i}" for i in range(1, 13)] + [f"L{i}" for i in range(1, 6)]
          + [f"S{i}" for i in range(1, 6)] + ["Co1"])
REGION_OF_PREFIX = {"C": "CervicalRegion", "T": "ThoracicRegion", "L": "LumbarRegion", "S": "SacralRegion",
                    "Co": "CoccygealRegion"}

# The OWL 2 datatype map (OWL 2 Structural Specification, section 4). xsd:date and xsd:gYear are
# not in it: HermiT rejects them in logical axioms and property assertions.
OWL2_DATATYPES = {RDF.PlainLiteral, RDF.XMLLiteral, RDFS.Literal, OWL.real, OWL.rational} | {
    XSD[n] for n in (
        "decimal", "integer", "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "double",
        "float", "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN", "boolean",
        "hexBinary", "base64Binary", "anyURI", "dateTime", "dateTimeStamp")}

SSSOM_COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
                 "mapping_justification", "comment"]
SSSOM_PREFIXES = {"skg", "UBERON", "FMA", "NCIT", "RADLEX", "UO", "SCTID", "COB", "OBI", "BFO", "RO", "IAO",
                  "semapv"}
MAPPING_PREDICATES = {SKOS.exactMatch, SKOS.closeMatch, SKOS.broadMatch, SKOS.narrowMatch, SKOS.relatedMatch}


# --------------------------------------------------------------------------------------------
# Locating the ontology
# --------------------------------------------------------------------------------------------
def _package_ontology_dir():
    """The package's ontology data folder, or None when the package is not importable.

    A package imported from this repository's own src/ (a development checkout on sys.path) has
    no data/ folder: hatch adds ontology/ as spinekg/data/ontology only when building the wheel, so
    the repository folder is that data. An installed package without the file is a packaging bug
    and fails the tests.
    """
    try:
        pkg = importlib.import_module("spinekg")
    except Exception:  # the package is written concurrently; any import failure counts
        return None
    data = importlib.resources.files("spinekg") / "data" / "ontology"
    if (data / ONTOLOGY_FILE).is_file():
        return data
    pkg_dir = Path(getattr(pkg, "__file__", "") or ".").resolve().parent
    if (REPO / "src") in pkg_dir.parents:
        return None
    pytest.fail(f"spinekg is importable from {pkg_dir} but ships no data/ontology/{ONTOLOGY_FILE}")


@contextlib.contextmanager
def ontology_path(name: str) -> Iterator[Path]:
    """A real file path for an ontology data file (package data first, then the repository)."""
    data = _package_ontology_dir()
    if data is None:
        yield REPO_ONTOLOGY_DIR / name
        return
    with importlib.resources.as_file(data / name) as p:
        yield Path(p)


@pytest.fixture(scope="module")
def ttl_text() -> str:
    with ontology_path(ONTOLOGY_FILE) as p:
        return p.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def g(ttl_text) -> Graph:
    graph = Graph()
    graph.parse(data=ttl_text, format="turtle")
    return graph


@pytest.fixture(scope="module")
def sssom() -> tuple[dict, list[str], list[dict]]:
    with ontology_path(SSSOM_FILE) as p:
        text = p.read_text(encoding="utf-8")
    meta_lines = [ln[1:] for ln in text.splitlines() if ln.startswith("#")]
    body = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    meta = yaml.safe_load("\n".join(meta_lines))
    reader = csv.DictReader(body, delimiter="\t")
    rows = list(reader)
    return meta, list(reader.fieldnames or []), rows


def _declared(g: Graph, *types) -> set[URIRef]:
    return {s for t in types for s in g.subjects(RDF.type, t) if isinstance(s, URIRef)}


def _skg(iri) -> bool:
    return isinstance(iri, URIRef) and str(iri).startswith(str(SKG))


def _local(iri: URIRef) -> str:
    return str(iri)[len(str(SKG)):]


# --------------------------------------------------------------------------------------------
# (a) parsing and ontology header
# --------------------------------------------------------------------------------------------
def test_ontology_parses_with_header(g):
    assert len(g) > 1000
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert (ONTOLOGY_IRI, OWL.versionIRI, VERSION_IRI) in g
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert g.value(ONTOLOGY_IRI, p) is not None, f"ontology header lacks {p}"
    assert not list(g.objects(ONTOLOGY_IRI, OWL.imports)), "the ontology must stand alone (no owl:imports)"


def test_ontology_parses_as_ntriples_round_trip(g):
    again = Graph().parse(data=g.serialize(format="nt"), format="nt")
    assert len(again) == len(g)


# --------------------------------------------------------------------------------------------
# (b) labels and definitions; (c) unique labels
# --------------------------------------------------------------------------------------------
def _terms_needing_labels(g: Graph) -> set[URIRef]:
    skg_terms = {s for s in _declared(g, *ENTITY_TYPES) if _skg(s)}
    # prov: terms and annotation properties this ontology declares get labels and definitions too
    others = {s for s in _declared(g, OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
              if not _skg(s)}
    return skg_terms | others


def test_every_term_has_one_english_label_and_one_definition(g):
    problems = []
    for t in sorted(_terms_needing_labels(g)):
        labels = list(g.objects(t, RDFS.label))
        defs = list(g.objects(t, DEFINITION))
        if len(labels) != 1 or not isinstance(labels[0], Literal) or labels[0].language != "en":
            problems.append(f"{t}: labels {labels!r}")
        if len(defs) != 1 or not str(defs[0]).strip():
            problems.append(f"{t}: definitions {defs!r}")
    assert not problems, "\n".join(problems)


def test_definitions_are_aristotelian_sentences(g):
    bad = []
    for t in _terms_needing_labels(g):
        d = str(g.value(t, DEFINITION) or "")
        if not re.match(r"^(A|An) \S", d) or not d.endswith("."):
            bad.append(f"{t}: {d!r}")
    assert not bad, "\n".join(bad)


def test_labels_are_unique(g):
    counts = Counter(str(o).strip().lower() for s, o in g.subject_objects(RDFS.label) if isinstance(s, URIRef))
    dups = sorted(lbl for lbl, n in counts.items() if n > 1)
    assert not dups, f"duplicate labels: {dups}"


def test_every_skg_iri_used_is_declared(g):
    declared = _declared(g, *ENTITY_TYPES)
    used = {x for tr in g for x in tr if _skg(x)} - {ONTOLOGY_IRI, VERSION_IRI}
    missing = sorted(str(x) for x in used - declared)
    assert not missing, f"skg: IRIs used but not declared: {missing}"


def test_each_skg_term_has_exactly_one_kind(g):
    """No punning inside the skg namespace: a term is a class, a property, a datatype or an individual."""
    kinds = defaultdict(set)
    for t in ENTITY_TYPES:
        for s in g.subjects(RDF.type, t):
            if _skg(s):
                kinds[s].add(t)
    punned = {str(s): sorted(map(str, k)) for s, k in kinds.items() if len(k) > 1}
    assert not punned, punned


def test_model_md_terms_are_all_defined(g):
    """Every skg: term named in docs/model.md (the code's term sheet) is defined in the ontology."""
    model = REPO / "docs" / "model.md"
    if not model.is_file():
        pytest.skip("docs/model.md is not present (not a source checkout)")
    names = set(re.findall(r"skg:([A-Za-z][A-Za-z0-9_]*)", model.read_text(encoding="utf-8")))
    declared = {_local(s) for s in _declared(g, *ENTITY_TYPES) if _skg(s)}
    missing = sorted(names - declared)
    assert not missing, f"terms named in docs/model.md but not defined: {missing}"


@pytest.mark.parametrize("term,synonym", [
    ("RodToRodConnector", "domino connector"), ("RodToRodConnector", "rod connector"),
    ("PedicleScrew", "pedicular screw"), ("InterbodyCage", "spacer"), ("PeriImplantLucency", "halo"),
    ("PeriImplantLucency", "radiolucent zone"), ("PeriImplantLucency", "clear zone"),
    ("Pseudarthrosis", "non-union"), ("NegativePressureWoundTherapy", "wound vac"),
    ("StimulatorLead", "lead"), ("StimulatorLead", "wire"), ("StimulatorLead", "electrode"),
])
def test_report_synonyms(g, term, synonym):
    names = {str(o) for p in (OBOINOWL.hasExactSynonym, SKOS.altLabel, RDFS.label) for o in g.objects(SKG[term], p)}
    assert synonym in names


def test_specific_labels(g):
    assert str(g.value(SKG.FailedConnectorFinding, RDFS.label)) == "rod not secured in connector finding"
    assert str(g.value(SKG.ScrewWithBreachFinding, RDFS.label)) == "screw with reported breach"
    assert str(g.value(SKG.T2, RDFS.label)) == "T2 vertebra"
    assert str(g.value(SKG.CervicalRegion, RDFS.label)) == "cervical region"


# --------------------------------------------------------------------------------------------
# OWL 2 DL hygiene (what can be checked without a profile checker)
# --------------------------------------------------------------------------------------------
BUILTIN_NS = (str(RDF), str(RDFS), str(OWL), str(XSD))


def test_every_predicate_is_a_declared_property(g):
    props = _declared(g, *PROPERTY_TYPES)
    undeclared = sorted({str(p) for p in g.predicates() if not str(p).startswith(BUILTIN_NS) and p not in props})
    assert not undeclared, f"predicates used without a property declaration: {undeclared}"


def test_no_property_has_two_property_kinds(g):
    by = defaultdict(set)
    for t in PROPERTY_TYPES:
        for s in g.subjects(RDF.type, t):
            by[s].add(t)
    both = {str(s): sorted(map(str, k)) for s, k in by.items() if len(k) > 1}
    assert not both, both


def test_annotation_properties_are_not_used_in_logical_axioms(g):
    ann = _declared(g, OWL.AnnotationProperty)
    bad = []
    for p in ann:
        for pred in (OWL.onProperty, OWL.inverseOf, OWL.propertyChainAxiom, OWL.equivalentProperty,
                     OWL.propertyDisjointWith):
            bad += [f"{p} in {pred}" for _ in g.subjects(pred, p)]
        for pred in (RDFS.domain, RDFS.range, OWL.inverseOf):
            bad += [f"{p} has {pred}" for _ in g.objects(p, pred)]
        for t in (OWL.FunctionalProperty, OWL.TransitiveProperty, OWL.SymmetricProperty,
                  OWL.InverseFunctionalProperty):
            if (p, RDF.type, t) in g:
                bad.append(f"{p} is {t}")
        for sup in g.objects(p, RDFS.subPropertyOf):
            if sup not in ann:
                bad.append(f"{p} sub-property of non-annotation {sup}")
    assert not bad, bad


def test_property_assertions_match_property_kinds(g):
    obj = _declared(g, OWL.ObjectProperty)
    dat = _declared(g, OWL.DatatypeProperty)
    bad = []
    for _s, p, o in g:
        if p in obj and isinstance(o, Literal):
            bad.append(f"object property {p} with literal {o!r}")
        if p in dat and not isinstance(o, Literal):
            bad.append(f"data property {p} with non-literal {o}")
    for r in g.subjects(OWL.onProperty, None):
        p = g.value(r, OWL.onProperty)
        v = g.value(r, OWL.hasValue)
        if v is not None:
            if p in dat and not isinstance(v, Literal):
                bad.append(f"hasValue on {p} is not a literal")
            if p in obj and isinstance(v, Literal):
                bad.append(f"hasValue on {p} is a literal")
            if isinstance(p, URIRef) and p not in obj | dat:
                bad.append(f"restriction on undeclared property {p}")
    assert not bad, bad


def test_object_property_ranges_and_domains_are_declared_classes(g):
    classes = _declared(g, OWL.Class)
    obj = _declared(g, OWL.ObjectProperty)
    dat = _declared(g, OWL.DatatypeProperty)
    datatypes = _declared(g, RDFS.Datatype)
    bad = []
    for p in obj | dat:
        for d in g.objects(p, RDFS.domain):
            if isinstance(d, URIRef) and d not in classes:
                bad.append(f"{p} domain {d} is not a declared class")
        for r in g.objects(p, RDFS.range):
            if p in obj and isinstance(r, URIRef) and r not in classes:
                bad.append(f"{p} range {r} is not a declared class")
            if p in dat and isinstance(r, URIRef) and r not in OWL2_DATATYPES | datatypes:
                bad.append(f"{p} range {r} is not in the OWL 2 datatype map")
    for s, o in g.subject_objects(RDFS.subClassOf):
        for x in (s, o):
            if isinstance(x, URIRef) and x not in classes:
                bad.append(f"subClassOf uses undeclared class {x}")
    for s, o in g.subject_objects(RDF.type):
        if (s, RDF.type, OWL.NamedIndividual) in g and o != OWL.NamedIndividual and o not in classes:
            bad.append(f"individual {s} typed with undeclared class {o}")
    assert not bad, bad


def test_literals_in_axioms_use_owl2_datatypes(g):
    """Literals outside annotations (assertions, restrictions) use only OWL 2 datatypes (no xsd:date)."""
    ann = _declared(g, OWL.AnnotationProperty) | {RDFS.label, RDFS.comment, OWL.versionInfo}
    bad = []
    for s, p, o in g:
        if isinstance(o, Literal) and p not in ann and o.datatype is not None and o.datatype not in OWL2_DATATYPES:
            bad.append(f"{s} {p} {o!r}")
    assert not bad, bad


def test_simple_property_constraints(g):
    """Transitive (non-simple) properties are not functional nor used in cardinality restrictions."""
    transitive = set(g.subjects(RDF.type, OWL.TransitiveProperty))
    bad = [str(p) for p in transitive if (p, RDF.type, OWL.FunctionalProperty) in g]
    card = (OWL.cardinality, OWL.minCardinality, OWL.maxCardinality, OWL.qualifiedCardinality,
            OWL.minQualifiedCardinality, OWL.maxQualifiedCardinality)
    for r in g.subjects(OWL.onProperty, None):
        if g.value(r, OWL.onProperty) in transitive and any(g.value(r, c) is not None for c in card):
            bad.append(f"cardinality on transitive {g.value(r, OWL.onProperty)}")
    assert not bad, bad


def test_required_characteristics(g):
    assert (SKG.nextInferior, OWL.inverseOf, SKG.nextSuperior) in g
    assert (SKG.nextInferior, RDF.type, OWL.FunctionalProperty) in g
    assert (SKG.nextSuperior, RDF.type, OWL.FunctionalProperty) in g
    assert (SKG.inferiorTo, OWL.inverseOf, SKG.superiorTo) in g or (SKG.superiorTo, OWL.inverseOf, SKG.inferiorTo) in g
    assert (SKG.inferiorTo, RDF.type, OWL.TransitiveProperty) in g
    assert (SKG.superiorTo, RDF.type, OWL.TransitiveProperty) in g
    assert ((SKG.partOfConstruct, OWL.inverseOf, SKG.hasComponent) in g
            or (SKG.hasComponent, OWL.inverseOf, SKG.partOfConstruct) in g)
    assert not list(g.objects(SKG.atLevel, RDFS.domain)), "atLevel is used by many kinds of thing: no domain"
    assert (SKG.Derivation, RDFS.subClassOf, PROV.Activity) in g
    disjoint = [Collection(g, g.value(x, OWL.members)) for x in g.subjects(RDF.type, OWL.AllDisjointClasses)]
    disjoint += [[s, o] for s, o in g.subject_objects(OWL.disjointWith)]
    assert any({SKG.FusionHardware, SKG.NeuromodulationDevice} <= set(d) for d in disjoint)


def test_all_different_groups(g):
    groups = [set(Collection(g, g.value(x, OWL.distinctMembers))) for x in g.subjects(RDF.type, OWL.AllDifferent)]
    for needed in ({SKG[lv] for lv in LEVELS}, {SKG.Left, SKG.Right, SKG.Bilateral, SKG.Midline},
                   {SKG.Affirmed, SKG.Negated, SKG.Uncertain},
                   {SKG[d] for d in ("Medial", "Lateral", "Anterior", "Posterior", "Superior", "Inferior",
                                     "Posteromedial", "Posterolateral", "Anteromedial", "Anterolateral")}):
        assert any(needed <= grp for grp in groups), f"no owl:AllDifferent covers {sorted(needed)}"


def test_mapping_annotations_point_to_iris(g):
    bad = [f"{s} {p} {o!r}" for p in MAPPING_PREDICATES for s, o in g.subject_objects(p) if not isinstance(o, URIRef)]
    assert not bad, bad


# --------------------------------------------------------------------------------------------
# (d) SSSOM mappings
# --------------------------------------------------------------------------------------------
def test_sssom_metadata(sssom):
    meta, _, _ = sssom
    assert meta["mapping_set_id"] == "https://w3id.org/spinekg/mappings.sssom.tsv"
    assert str(meta.get("license", "")).startswith("http")
    missing = SSSOM_PREFIXES - set(meta["curie_map"])
    assert not missing, f"curie_map lacks {missing}"
    assert meta["curie_map"]["skg"] == str(SKG)


def test_sssom_columns_and_rows(sssom, g):
    meta, cols, rows = sssom
    assert cols[:len(SSSOM_COLUMNS)] == SSSOM_COLUMNS or set(SSSOM_COLUMNS) <= set(cols)
    assert rows, "no mappings"
    declared = _declared(g, *ENTITY_TYPES)
    curie_map = meta["curie_map"]
    problems = []
    for i, r in enumerate(rows, 1):
        if any(r.get(c) is None for c in SSSOM_COLUMNS):
            problems.append(f"row {i}: missing cells")
            continue
        pfx, _, local = r["subject_id"].partition(":")
        if pfx != "skg" or SKG[local] not in declared:
            problems.append(f"row {i}: subject {r['subject_id']} is not a term of the ontology")
        elif str(g.value(SKG[local], RDFS.label)) != r["subject_label"]:
            problems.append(f"row {i}: subject_label {r['subject_label']!r} differs from the ontology's")
        if r["predicate_id"] not in {"skos:exactMatch", "skos:closeMatch", "skos:broadMatch", "skos:narrowMatch",
                                     "skos:relatedMatch"}:
            problems.append(f"row {i}: predicate {r['predicate_id']}")
        if r["object_id"].partition(":")[0] not in curie_map:
            problems.append(f"row {i}: object prefix of {r['object_id']} not in curie_map")
        if r["mapping_justification"] != "semapv:ManualMappingCuration":
            problems.append(f"row {i}: justification {r['mapping_justification']}")
        if not r["comment"].strip():
            problems.append(f"row {i}: no comment saying where the identifier was verified")
    keys = Counter((r["subject_id"], r["predicate_id"], r["object_id"]) for r in rows)
    problems += [f"duplicate mapping {k}" for k, n in keys.items() if n > 1]
    assert not problems, "\n".join(problems)


def test_sssom_and_ontology_annotations_agree(sssom, g):
    meta, _, rows = sssom
    cm = meta["curie_map"]

    def expand(curie: str) -> URIRef:
        pfx, _, local = curie.partition(":")
        return URIRef(cm[pfx] + local)

    in_tsv = {(expand(r["subject_id"]), expand(r["predicate_id"]) if r["predicate_id"].split(":")[0] in cm
               else URIRef(str(SKOS) + r["predicate_id"].split(":")[1]), expand(r["object_id"])) for r in rows}
    in_ttl = {(s, p, o) for p in MAPPING_PREDICATES for s, o in g.subject_objects(p) if _skg(s)}
    assert in_tsv == in_ttl, (f"only in TSV: {sorted(in_tsv - in_ttl)[:5]}; "
                              f"only in TTL: {sorted(in_ttl - in_tsv)[:5]}")


@pytest.mark.parametrize("subject,obj", [
    ("T2", "http://purl.obolibrary.org/obo/UBERON_0004627"),
    ("C6", "http://purl.obolibrary.org/obo/UBERON_0004615"),
    ("VertebralBody", "http://purl.obolibrary.org/obo/UBERON_0001075"),
    ("Pedicle", "http://purl.obolibrary.org/obo/UBERON_0001078"),
    ("SpinalCanal", "http://purl.obolibrary.org/obo/UBERON_0006692"),
    ("Millimetre", "http://purl.obolibrary.org/obo/UO_0000016"),
])
def test_key_exact_matches(g, subject, obj):
    assert (SKG[subject], SKOS.exactMatch, URIRef(obj)) in g


def test_key_close_matches(g):
    assert (SKG.PedicleScrew, SKOS.closeMatch, URIRef("http://radlex.org/RID/RID5486")) in g
    assert (SKG.HardwareFailure, SKOS.closeMatch, URIRef("http://radlex.org/RID/RID4603")) in g
    assert (SKG.ScrewMalposition, SKOS.closeMatch, URIRef("http://radlex.org/RID/RID4753")) in g


# --------------------------------------------------------------------------------------------
# (e) vertebral levels
# --------------------------------------------------------------------------------------------
def test_thirty_levels_with_positions(g):
    levels = set(g.subjects(RDF.type, SKG.VertebralLevel))
    assert levels == {SKG[lv] for lv in LEVELS}
    for pos, lv in enumerate(LEVELS, 1):
        values = list(g.objects(SKG[lv], SKG.levelPosition))
        assert len(values) == 1 and values[0].datatype == XSD.integer and values[0].toPython() == pos, (lv, values)
        assert (SKG[lv], RDF.type, OWL.NamedIndividual) in g
        assert str(g.value(SKG[lv], RDFS.label)) == f"{lv} vertebra"


def test_next_inferior_chain(g):
    chain, node, seen = [], SKG.C1, set()
    while node is not None and node not in seen:
        seen.add(node)
        chain.append(_local(node))
        nxt = list(g.objects(node, SKG.nextInferior))
        assert len(nxt) <= 1, (node, nxt)
        node = nxt[0] if nxt else None
    assert chain == LEVELS
    assert not list(g.subjects(SKG.nextInferior, SKG.C1))
    for upper, lower in pairwise(LEVELS):
        assert (SKG[lower], SKG.nextSuperior, SKG[upper]) in g
        assert (SKG[upper], SKG.superiorTo, SKG[lower]) in g
        assert (SKG[lower], SKG.inferiorTo, SKG[upper]) in g


def test_level_regions(g):
    for lv in LEVELS:
        prefix = "Co" if lv.startswith("Co") else lv[0]
        assert list(g.objects(SKG[lv], SKG.inRegion)) == [SKG[REGION_OF_PREFIX[prefix]]], lv
    for region in REGION_OF_PREFIX.values():
        assert (SKG[region], RDF.type, SKG.SpinalRegion) in g


# --------------------------------------------------------------------------------------------
# (f) HermiT through owlready2
# --------------------------------------------------------------------------------------------
needs_java = pytest.mark.skipif(shutil.which("java") is None,
                                reason="no `java` executable on PATH: HermiT (run by owlready2) needs Java")

EX = Namespace("https://w3id.org/spinekg/test/")


def _run_hermit(graph: Graph):
    """Load graph into a fresh owlready2 World via an N-Triples temp file and run HermiT."""
    owlready2 = pytest.importorskip("owlready2")
    fd, path = tempfile.mkstemp(suffix=".nt")
    os.close(fd)
    try:
        graph.serialize(destination=path, format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(Path(path).as_uri()).load()
        owlready2.sync_reasoner(world, infer_property_values=False, debug=0)
        return world
    finally:
        os.unlink(path)


@needs_java
def test_hermit_consistent(g):
    owlready2 = pytest.importorskip("owlready2")
    try:
        world = _run_hermit(g)
    except owlready2.OwlReadyInconsistentOntologyError as e:  # pragma: no cover - reported as failure
        pytest.fail(f"HermiT reports the ontology inconsistent: {e}")
    assert list(world.inconsistent_classes()) == []
    # the defined region classes classify the level individuals
    t2 = world[str(SKG.T2)]
    assert world[str(SKG.ThoracicVertebra)] in t2.is_a
    world.close()


@needs_java
def test_hermit_defined_classes_classify_example_data(g):
    data = Graph()
    for t in g:
        data.add(t)
    T = RDF.type
    data.add((EX.connector, T, SKG.RodToRodConnector))
    data.add((EX.rod, T, SKG.Rod))
    data.add((EX.rodFinding, T, SKG.RodConnectorFinding))
    data.add((EX.rodFinding, SKG.inConnector, EX.connector))
    data.add((EX.rodFinding, SKG.aboutImplant, EX.rod))
    data.add((EX.rodFinding, SKG.rodSecured, Literal(False)))
    data.add((EX.rodFinding, SKG.assertionStatus, SKG.Affirmed))
    data.add((EX.screw, T, SKG.PedicleScrew))
    data.add((EX.screw, SKG.atLevel, SKG.T3))
    data.add((EX.breach, T, SKG.ScrewBreachFinding))
    data.add((EX.breach, SKG.aboutImplant, EX.screw))
    data.add((EX.halo, T, SKG.PeriImplantLucency))
    data.add((EX.halo, SKG.doubleHalo, Literal(True)))
    data.add((EX.halo, SKG.lucencyWidth, EX.width))
    data.add((EX.width, T, SKG.Measurement))
    data.add((EX.width, SKG.numericValue, Literal("4.0", datatype=XSD.decimal)))
    data.add((EX.width, SKG.unit, SKG.Millimetre))
    data.add((EX.post, T, SKG.PostTestProbability))
    data.add((EX.post, SKG.probability, Literal("0.72", datatype=XSD.decimal)))
    for x in (EX.connector, EX.rod, EX.rodFinding, EX.screw, EX.breach, EX.halo, EX.width, EX.post):
        data.add((x, T, OWL.NamedIndividual))
    world = _run_hermit(data)
    assert list(world.inconsistent_classes()) == []

    def types(iri):
        return set(world[str(iri)].is_a)

    assert world[str(SKG.FailedConnectorFinding)] in types(EX.rodFinding)
    assert world[str(SKG.DoubleHaloFinding)] in types(EX.halo)
    assert world[str(SKG.ScrewWithBreachFinding)] in types(EX.screw)
    world.close()


@needs_java
@pytest.mark.parametrize("case", ["fusion-and-neuromodulation", "probability-above-one", "two-positions"])
def test_hermit_detects_violations(g, case):
    owlready2 = pytest.importorskip("owlready2")
    data = Graph()
    for t in g:
        data.add(t)
    data.add((EX.thing, RDF.type, OWL.NamedIndividual))
    if case == "fusion-and-neuromodulation":
        data.add((EX.thing, RDF.type, SKG.PedicleScrew))
        data.add((EX.thing, RDF.type, SKG.StimulatorLead))
    elif case == "probability-above-one":
        data.add((EX.thing, RDF.type, SKG.PostTestProbability))
        data.add((EX.thing, SKG.probability, Literal("1.5", datatype=XSD.decimal)))
    else:  # a second level position for T2 (levelPosition is functional)
        data.add((SKG.T2, SKG.levelPosition, Literal(10)))
    with pytest.raises(owlready2.OwlReadyInconsistentOntologyError):
        _run_hermit(data)
