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
    for command, shown in zip(runs[::2], runs[1::2], strict=False):
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


def test_readme_next_commands_after_make_demo_work(tmp_path):
    """The commands the README gives after `make demo` run against the demo store it names."""
    import os
    import shlex
    import subprocess
    import sys

    text = README.read_text(encoding="utf-8")
    makefile = (README.parent / "Makefile").read_text(encoding="utf-8")
    demo_store = re.search(r"^DEMO_STORE \?= \$\(CURDIR\)/(\S+)$", makefile, re.M).group(1)
    assert f"`{demo_store}`" in text and f"SPINEKG_STORE=$PWD/{demo_store}" in text
    assert re.search(r"^shell:", makefile, re.M) and "SPINEKG_STORE=\"$(DEMO_STORE)\"" in makefile
    block = re.search(r"```sh\nmake shell .*?```", text, re.S).group(0)
    commands = [line.split("  #")[0].strip() for line in block.splitlines() if line.startswith("spinekg ")]
    assert len(commands) >= 3
    store = tmp_path / demo_store
    env = {**os.environ, "SPINEKG_STORE": str(store)}
    cli = [sys.executable, "-m", "spinekg.cli"]
    assert subprocess.run([*cli, "demo", "--store", str(store)], capture_output=True, env=env).returncode == 0
    for command in commands:
        if command.startswith("spinekg serve"):
            continue  # a server: the server tests start it
        done = subprocess.run([*cli, *shlex.split(command)[1:]], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, f"`{command}` failed: {done.stderr}"
        assert "radiopaedia-connector-failure" in done.stdout or "revision" in done.stdout, command
