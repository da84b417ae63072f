"""The benchmark's remote peers reach the batch engine's conclusions, fact by fact, on real servers started
here: Virtuoso with the rule forms of bench/peers.py (VIRTUOSO_REWRITES, guard_concat), Oxigraph's server
with the rules as written."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import conclusions  # noqa: E402
import peers  # noqa: E402
from spinekg.cases.rdf_writer import case_ntriples  # noqa: E402
from spinekg.cases.schema import parse_case  # noqa: E402
from spinekg.reasoning import CaseInput, reason_cases  # noqa: E402
from spinekg.reasoning.axioms import axioms  # noqa: E402
from spinekg.reasoning.construct_rule import ConstructRule  # noqa: E402
from spinekg.reasoning.engine import static_ntriples  # noqa: E402
from spinekg.synth import synth_case  # noqa: E402
from verdicts import compare_conclusions  # noqa: E402

# 40 cases of the benchmark's registry (seed 0): among them, cases whose labels have optional parts left out
# (quirk 23 of docs/remote-backend.md) and both post-test probability rules (quirk 19)
CASES = range(30, 70)


@pytest.fixture(scope="module")
def registry(tmp_path_factory) -> dict:
    """Synthetic cases, the batch engine's facts and the facts given to a peer as input (sorted files)."""
    folder = tmp_path_factory.mktemp("bench-peers")
    items = []
    for i in CASES:
        data = synth_case(i, 0)
        case, problems = parse_case(data, data["id"])
        assert case is not None and not problems
        items.append((case.id, case_ntriples(case)))
    out = reason_cases([CaseInput(cid, nt) for cid, nt in items], workers=1)
    batch = folder / "batch.txt"
    conclusions.write_sorted((x for nt in out.values() for x in conclusions.facts_of_ntriples(nt)), batch)
    rule = ConstructRule(axioms())
    given: set[str] = set(conclusions.facts_of_ntriples(static_ntriples().decode("utf-8")))
    from spinekg.ntriples import lines, split

    for cid, nt in items:
        triples = [split(x) for x in lines(nt)]
        given |= conclusions.facts_of_triples(triples + peers.closure_of(triples) + rule.conclusions(cid, triples))
    given_file = folder / "given.txt"
    conclusions.write_sorted(given, given_file)
    return {"folder": folder, "items": items, "batch": batch, "given": given_file}


def _virtuoso_available() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from remote_servers import install_virtuoso

    binary, why = install_virtuoso()
    if binary is None:
        pytest.skip(why)


@pytest.mark.parametrize("server", ["virtuoso", "oxigraph"])
def test_the_remote_peer_reaches_the_engines_conclusions(registry, server):
    if server == "virtuoso":
        _virtuoso_available()
    out = registry["folder"] / f"{server}.txt"
    report: dict = {}
    peers.run_remote(registry["items"], report, out, server)
    a = compare_conclusions(conclusions.read_sorted(registry["batch"]), conclusions.read_sorted(out),
                            conclusions.read_sorted(registry["given"]))
    assert a.agrees, (a.why, a.missing_examples, a.extra_examples)
    assert a.compared > 20 * len(CASES)  # conclusions of many kinds, values and labels included
    assert report["reason_s"] > 0 and report["setup_s"] > 0
    assert {"construct", "load (Graph Store Protocol)", "rules (on the server)"} <= set(report["phases"])
