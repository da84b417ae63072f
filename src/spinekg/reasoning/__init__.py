"""The reasoner: ontology axioms plus declarative SPARQL rules, to a fixpoint, with derivations."""
from __future__ import annotations
