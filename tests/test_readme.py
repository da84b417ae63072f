"""The README's case-format example is a valid case that reasons as described."""
from __future__ import annotations

import re
from pathlib import Path

from spinekg import KnowledgeGraph, check_case

README = Path(__file__).resolve().parents[1] / "README.md"


def test_readme_case_example_validates_and_reasons(tmp_path):
    block = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert block, "README has a yaml example"
    path = tmp_path / "readme-example.yaml"
    path.write_text(block.group(1), encoding="utf-8")
    check_case(path)
    kg = KnowledgeGraph.memory()
    kg.load([path])
    found = kg.sparql("SELECT ?c WHERE { GRAPH ?g { ?c a skg:ConnectorFailure } }").rows
    assert len(found) == 1
