"""Turns a case file (YAML, JSON or Turtle) into a case id and its RDF graph, or clear problems."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from .errors import CaseError, Problem
from .rdf_writer import case_ntriples, graph_ntriples
from .schema import Case, parse_case
from .source import load_json, load_yaml, read_text
from .turtle import read_turtle_case

YAML_SUFFIXES = {".yaml", ".yml"}
JSON_SUFFIXES = {".json"}
TURTLE_SUFFIXES = {".ttl"}
SUFFIXES = YAML_SUFFIXES | JSON_SUFFIXES | TURTLE_SUFFIXES


@dataclass
class LoadedCase:
    """A case read from a file: its id, its asserted graph as N-Triples (and as an rdflib Graph, made
    when first asked for), and (for YAML/JSON) its normalised form."""

    case_id: str
    ntriples: str
    source: str
    case: Case | None = None
    _graph: Graph | None = field(default=None, repr=False, compare=False)

    @property
    def graph(self) -> Graph:
        """The asserted graph as an rdflib Graph (parsed from the N-Triples)."""
        if self._graph is None:
            g = Graph()
            g.parse(data=self.ntriples, format="nt")
            self._graph = g
        return self._graph


def read_case(path: str | Path, label: str | None = None) -> LoadedCase:
    """Read one case file into a LoadedCase, or raise CaseError listing every problem."""
    p = Path(path)
    label = label or str(path)
    suffix = _check_suffix(p.suffix, label)
    return read_case_text(read_text(p, label), suffix, label)


def read_case_text(text: str, suffix: str, label: str = "<text>") -> LoadedCase:
    """Read one case from its text, written as a file with this suffix would be (".yaml", ".yml",
    ".json" or ".ttl"; the dot is optional), or raise CaseError listing every problem.

    `read_case` reads files through this, so a case sent as text is checked exactly as a file is.
    """
    suffix = _check_suffix(suffix, label)
    if suffix in TURTLE_SUFFIXES:
        return _from_turtle(text, label)
    data, lines = (load_yaml if suffix in YAML_SUFFIXES else load_json)(text, label)
    case, problems = parse_case(data, label, lines)
    if problems or case is None:
        raise CaseError(problems or [Problem(label, "", "is not a valid case")])
    return LoadedCase(case.id, case_ntriples(case), label, case)


def _check_suffix(suffix: str, label: str) -> str:
    suffix = suffix.lower()
    if suffix and not suffix.startswith("."):
        suffix = "." + suffix
    if suffix not in SUFFIXES:
        raise CaseError([Problem(label, "", f"unknown file type '{suffix or '(none)'}': use .yaml, .yml, .json or .ttl")])
    return suffix


def case_from_data(data: object, label: str = "<data>") -> LoadedCase:
    """Build a case from already-parsed data (a dict in the case format)."""
    case, problems = parse_case(data, label)
    if problems or case is None:
        raise CaseError(problems or [Problem(label, "", "is not a valid case")])
    return LoadedCase(case.id, case_ntriples(case), label, case)


def _from_turtle(text: str, label: str) -> LoadedCase:
    case_id, graph = read_turtle_case(text, label)
    return LoadedCase(case_id, graph_ntriples(graph, case_id), label, None, graph)
