"""The ontology in RDF/XML, generated from its Turtle source, so that tools that do not read Turtle
(owlready2, Protégé's older versions) open it directly: ontology/spinekg.owl.

Regenerate after editing ontology/spinekg.ttl (a test fails while the two differ):

    python -m spinekg.ontology_export ontology/spinekg.ttl ontology/spinekg.owl
"""
from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from rdflib import Graph
from rdflib.compare import to_canonical_graph

HEADER = ("<!-- Generated from spinekg.ttl by `python -m spinekg.ontology_export`: edit the Turtle file, "
          "then regenerate this one. -->\n")


def to_rdfxml(turtle: str) -> str:
    """The Turtle text's graph as RDF/XML (the same triples), written the same way every time."""
    parsed = Graph()
    parsed.parse(data=turtle, format="turtle")
    graph = Graph()
    graph += to_canonical_graph(parsed)  # blank node ids from the content, not from the parse
    for prefix, namespace in parsed.namespaces():
        graph.bind(prefix, namespace)
        ET.register_namespace(prefix, str(namespace))
    text = graph.serialize(format="xml", encoding="utf-8").decode("utf-8")  # lossless (pretty-xml drops list nodes)
    # rdflib writes subjects and properties in set order, which changes from run to run: sorted here,
    # a change to the Turtle is a small diff of this file.
    root = ET.fromstring(text)
    root[:] = sorted(root, key=_key)
    for description in root:
        description[:] = sorted(description, key=_key)
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + HEADER + ET.tostring(root, encoding="unicode") + "\n"


def _key(element: ET.Element) -> tuple[str, str, str]:
    return element.tag, repr(sorted(element.attrib.items())), element.text or ""


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
