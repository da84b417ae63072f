"""Namespaces and the IRIs that code must name (see docs/model.md)."""
from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD


class _Namespace(Namespace):
    """An rdflib Namespace that makes each attribute's URIRef once (hot paths name many terms)."""

    def __getattr__(self, name: str):
        term = super().__getattr__(name)
        self.__dict__[name] = term  # only names str itself lacks get here, so nothing is shadowed
        return term


BASE = "https://w3id.org/spinekg/"
SKG = _Namespace(BASE)
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")

GRAPH_ONTOLOGY = SKG["graph/ontology"]
GRAPH_LITERATURE = SKG["graph/literature"]
GRAPH_RULES = SKG["graph/rules"]
CASE_BASE = BASE + "case/"


def case_iri(case_id: str) -> str:
    """The IRI of a case (and the prefix of everything the case file names)."""
    return f"{CASE_BASE}{case_id}"


def case_graph(case_id: str) -> str:
    """The named graph holding a case's asserted facts."""
    return f"{CASE_BASE}{case_id}/graph/asserted"


def inferred_graph(case_id: str) -> str:
    """The named graph holding a case's inferred facts and derivations."""
    return f"{CASE_BASE}{case_id}/graph/inferred"


def settings_graph(case_id: str) -> str:
    """The named graph holding the settings a user chose for a case (e.g. its pretest probability)."""
    return f"{CASE_BASE}{case_id}/graph/settings"


PREFIXES = {
    "skg": str(SKG),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "obo": str(OBO),
}

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())

__all__ = [
    "BASE",
    "CASE_BASE",
    "DCTERMS",
    "GRAPH_LITERATURE",
    "GRAPH_ONTOLOGY",
    "GRAPH_RULES",
    "OBO",
    "OBOINOWL",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SKG",
    "SKOS",
    "SPARQL_PREFIXES",
    "XSD",
    "case_graph",
    "case_iri",
    "inferred_graph",
    "settings_graph",
]
