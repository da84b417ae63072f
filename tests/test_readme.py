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


def _published_kg() -> KnowledgeGraph:
    kg = KnowledgeGraph.memory()
    kg.load([Path(__file__).resolve().parents[1] / "kb" / "cases" / "radiopaedia-connector-failure.yaml"])
    return kg


def test_readme_kg_cases_output_is_what_the_code_returns():
    """The `kg.cases()` line shows the published case's figures as the API returns them."""
    line = next(x for x in README.read_text(encoding="utf-8").splitlines() if x.startswith("kg.cases()"))
    shown = dict(re.findall(r"'(implants|findings)': (\d+)", line))
    assert shown, line
    row = _published_kg().cases()[0]
    assert {k: int(v) for k, v in shown.items()} == {k: row[k] for k in shown}


def test_readme_explain_output_is_what_the_code_prints():
    """Each `$ spinekg explain CASE --conclusion X` in the README is followed by exactly what it prints."""
    from spinekg.reasoning.explain import explain

    text = README.read_text(encoding="utf-8")
    block = re.search(r"```\n(\$ spinekg explain .*?)```", text, re.S)
    assert block, "README shows explain output"
    runs = re.split(r"^\$ (spinekg explain .*)$", block.group(1), flags=re.M)[1:]
    assert len(runs) >= 4
    kg = _published_kg()
    for command, shown in zip(runs[::2], runs[1::2]):
        case_id, conclusion = re.fullmatch(r"spinekg explain (\S+) --conclusion (\S+)", command).groups()
        printed = explain(kg.case_graph(case_id), kg.case_graph(case_id, inferred=True), conclusion)
        assert shown.strip("\n") == printed.strip("\n"), f"README output of `{command}` is stale"


def test_readme_refers_only_to_files_in_the_repository():
    root = README.parent
    text = README.read_text(encoding="utf-8")
    links = re.findall(r"\]\(([^)#\s]+)\)", text)  # markdown links and pictures
    paths = re.findall(r"`((?:kb|docs|rules|queries|ontology|tests|bench|src)/[\w./-]+\.\w+)`", text)
    to_write = {"rules/my-rule.rq"}  # the file the "Adding a rule" steps ask the reader to write
    missing = [p for p in links + paths
               if not p.startswith("http") and "*" not in p and p not in to_write and not (root / p).exists()]
    assert not missing, f"README refers to files that are not in the repository: {missing}"
