"""Turns a case file (YAML, JSON or Turtle) into a case id and its RDF graph, or clear problems."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.exceptions import ParserError

from ..vocab import RDF, SKG, case_iri
from .errors import CaseError, Problem
from .rdf_writer import case_to_graph
from .schema import ID_RE, Case, parse_case
from .source import load_json, load_yaml, read_text

YAML_SUFFIXES = {".yaml", ".yml"}
JSON_SUFFIXES = {".json"}
TURTLE_SUFFIXES = {".ttl"}
SUFFIXES = YAML_SUFFIXES | JSON_SUFFIXES | TURTLE_SUFFIXES


@dataclass
class LoadedCase:
    """A case read from a file: its id, its asserted graph and (for YAML/JSON) its normalised form."""

    case_id: str
    graph: Graph
    source: str
    case: Case | None = None


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
    return LoadedCase(case.id, case_to_graph(case), label, case)


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
    return LoadedCase(case.id, case_to_graph(case), label, case)


_LINE_RE = re.compile(r"line (\d+)", re.I)


def _turtle_line(exc: Exception) -> int | None:
    m = _LINE_RE.search(str(exc))
    return int(m.group(1)) if m else None


def _turtle_message(exc: Exception) -> str:
    """rdflib's parser message without its dump of the surrounding bytes."""
    msg = " ".join(str(exc).split())
    m = re.search(r"Bad syntax \((.*?)\) at \^", msg)
    if m:
        return m.group(1)
    msg = re.sub(r"(?i)^at line \d+ of <[^>]*>:\s*", "", msg)
    return msg.split(" at ^ in:")[0][:200]


def _from_turtle(text: str, label: str) -> LoadedCase:
    g = Graph()
    try:
        g.parse(data=text, format="turtle")
    except (SyntaxError, ParserError, ValueError, Exception) as exc:  # rdflib raises several types
        raise CaseError([Problem(label, "", f"malformed Turtle: {_turtle_message(exc)}", _turtle_line(exc))]) from None
    cases = list(g.subjects(RDF.type, SKG.Case))
    if len(cases) != 1:
        raise CaseError([Problem(label, "", f"a Turtle case file must describe exactly one skg:Case, found {len(cases)}")])
    ids = [o for o in g.objects(cases[0], SKG.caseId) if isinstance(o, Literal)]
    if len(ids) != 1 or not ID_RE.match(str(ids[0])):
        raise CaseError([Problem(label, "skg:caseId", "the case needs exactly one valid skg:caseId")])
    case_id = str(ids[0])
    if str(cases[0]) != case_iri(case_id):
        raise CaseError([Problem(label, "skg:caseId", f"the case IRI must be <{case_iri(case_id)}>, not <{cases[0]}>")])
    return LoadedCase(case_id, g, label)
