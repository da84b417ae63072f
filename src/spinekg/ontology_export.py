"""The ontology in RDF/XML, generated from its Turtle source, so that tools that do not read Turtle
(owlready2, Protégé's older versions) open it directly: ontology/spinekg.owl.

Regenerate after editing ontology/spinekg.ttl (a test fails while the two differ):

    python -m spinekg.ontology_export ontology/spinekg.ttl ontology/spinekg.owl
"""
from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph

HEADER = ("<!-- Generated from spinekg.ttl by `python -m spinekg.ontology_export`: edit the Turtle file, "
          "then regenerate this one. -->\n")


def to_rdfxml(turtle: str) -> str:
    """The Turtle text's graph as RDF/XML (the same triples; blank node ids are arbitrary)."""
    g = Graph()
    g.parse(data=turtle, format="turtle")
    text = g.serialize(format="xml", encoding="utf-8").decode("utf-8")  # lossless (pretty-xml drops list nodes)
    first, _, rest = text.partition("\n")
    return first + "\n" + HEADER + rest


def main(argv: list[str] | None = None) -> int:
    """Write the RDF/XML file from the Turtle file (paths as arguments)."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m spinekg.ontology_export SOURCE.ttl TARGET.owl", file=sys.stderr)
        return 2
    source, target = map(Path, args)
    target.write_text(to_rdfxml(source.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
