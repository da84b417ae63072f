"""Where the packaged ontology, knowledge base, rules and queries live, and cached parses of them."""
from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

from rdflib import Graph


def data_dir() -> Traversable:
    """The folder inside the installed package that holds ontology/, kb/, rules/ and queries/."""
    return files("spinekg") / "data"


def resource(*parts: str) -> Traversable:
    """A packaged data file, e.g. resource('ontology', 'spinekg.ttl')."""
    node = data_dir()
    for p in parts:
        node = node / p
    return node


@cache
def _parsed(*parts: str) -> Graph:
    g = Graph()
    g.parse(data=resource(*parts).read_text(encoding="utf-8"), format="turtle")
    return g


def ontology_graph() -> Graph:
    """The spinekg ontology (parsed once; do not modify the returned graph)."""
    return _parsed("ontology", "spinekg.ttl")


def shapes_graph() -> Graph:
    """The SHACL shapes for case graphs."""
    return _parsed("ontology", "shapes.ttl")


def literature_graph() -> Graph:
    """The literature and evidence knowledge base."""
    return _parsed("kb", "literature.ttl")


def example_case_files() -> list[Traversable]:
    """The bundled case files, sorted by name."""
    folder = resource("kb", "cases")
    return sorted((f for f in folder.iterdir() if f.name.endswith((".yaml", ".yml", ".json", ".ttl"))),
                  key=lambda f: f.name)


def resource_digest(*parts: str) -> str:
    """A digest of a packaged file, or of every file in a packaged folder (to know when to reload)."""
    h = hashlib.sha256()
    node = resource(*parts)
    todo = [node]
    while todo:
        item = todo.pop()
        if item.is_dir():
            todo.extend(sorted(item.iterdir(), key=lambda x: x.name, reverse=True))
        else:
            h.update(item.name.encode() + b"\0" + item.read_bytes())
    return h.hexdigest()


def interpretation_graph() -> Graph:
    """What is recorded without a rule that interprets it, and why (kb/interpretation.ttl)."""
    return _parsed("kb", "interpretation.ttl")


def parameters_graph() -> Graph:
    """Default reasoning parameters (e.g. pretest probabilities) with their sources."""
    return _parsed("kb", "parameters.ttl")
