"""Cross-check: HermiT (through owlready2) classifies case individuals into the ontology's defined classes."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import XSD

from ..data import ontology_graph
from ..errors import SpinekgError

# Defined OWL classes and the rule-engine conclusions they must agree with:
# class IRI -> SPARQL over the inferred graphs returning ?x (the individuals the rules put in that class).
CROSSCHECKS: dict[str, str] = {
    "https://w3id.org/spinekg/ScrewWithLooseningSign": """
        SELECT DISTINCT ?x WHERE { GRAPH ?g { ?c a skg:ScrewLoosening ; skg:concerns ?x ; skg:certainty skg:SuspectedCertainty } }""",
    "https://w3id.org/spinekg/FailedConnector": """
        SELECT DISTINCT ?x WHERE { GRAPH ?g { ?c a skg:ConnectorFailure ; skg:concerns ?x .
          FILTER NOT EXISTS { ?c skg:certainty skg:PossibleCertainty } } ?x a skg:RodToRodConnector }""",
    "https://w3id.org/spinekg/MalpositionedScrew": """
        SELECT DISTINCT ?x WHERE { GRAPH ?g { ?c a skg:ScrewMalposition ; skg:concerns ?x .
          FILTER NOT EXISTS { ?c skg:certainty skg:PossibleCertainty } } }""",
}


class OwlReasonerUnavailable(SpinekgError, RuntimeError):
    """Raised when no Java runtime is available for HermiT."""


def java_available() -> bool:
    """Whether a Java runtime for HermiT can be found."""
    import owlready2

    return shutil.which(owlready2.JAVA_EXE) is not None or Path(owlready2.JAVA_EXE).is_file()


def hermit_memberships(case_graphs: list[Graph], classes: list[str]) -> dict[str, set[str]]:
    """Classify the cases' individuals with HermiT and return the members of each given class."""
    import owlready2

    if not java_available():
        raise OwlReasonerUnavailable("HermiT needs a Java runtime ('java' not found)")
    merged = Graph()
    merged += ontology_graph()
    for g in case_graphs:
        for s, p, o in g:
            # HermiT rejects xsd:date values; dates play no part in the defined classes.
            if isinstance(o, Literal) and o.datatype == XSD.date:
                continue
            merged.add((s, p, o))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crosscheck.nt"
        merged.serialize(destination=str(path), format="nt", encoding="utf-8")
        world = owlready2.World()
        world.get_ontology(path.as_uri()).load(format="ntriples")
        with world.get_ontology("https://w3id.org/spinekg/crosscheck-inferences"):
            owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
        out: dict[str, set[str]] = {}
        for iri in classes:
            cls = world[iri]
            out[iri] = {ind.iri for ind in cls.instances(world=world)} if cls is not None else set()
        world.close()
    return out
