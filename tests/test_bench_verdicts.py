"""The benchmark's honesty: what its numbers allow it to say (bench/verdicts.py), how conclusions are compared
(bench/conclusions.py), memory summed over a process tree (bench/memory.py), the peers' rule scheduling and
the Virtuoso rule forms (bench/peers.py)."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import conclusions  # noqa: E402
import memory  # noqa: E402
import peers  # noqa: E402
import verdicts  # noqa: E402
from verdicts import compare_conclusions, speed_phrase, target_verdict  # noqa: E402

SKG = "https://w3id.org/spinekg/"
TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
DEC = "<http://www.w3.org/2001/XMLSchema#decimal>"
DBL = "<http://www.w3.org/2001/XMLSchema#double>"


# --- speed ------------------------------------------------------------------------------------------------
def test_a_ratio_below_one_says_slower():
    assert speed_phrase(1.0, 0.93, name="virtuoso") == "1.08× slower than virtuoso"
    assert "faster" not in speed_phrase(1.0, 0.93)


def test_a_ratio_above_one_says_faster():
    assert speed_phrase(3.8, 18.7, name="reasonable") == "4.92× faster than reasonable"
    assert speed_phrase(1.0, 250.0) == "250× faster than the peer"


def test_equal_times_are_as_fast():
    assert speed_phrase(2.0, 2.0, name="x") == "as fast as x"


def test_a_timeout_gives_a_lower_bound_only_from_timed_work():
    assert speed_phrase(3.8, None, "timeout", 296.0, "owlrl").startswith("more than 77.9× faster than owlrl")
    # stopped before its timed work began: the limit went to set-up
    assert speed_phrase(3.8, None, "timeout", None, "owlrl").startswith("not measured against owlrl")
    # a bound that says nothing (it had spent less than our time when stopped)
    assert speed_phrase(10.0, None, "timeout", 9.0).startswith("not measured")
    assert speed_phrase(10.0, None, "timeout", 10.0).startswith("not measured")  # boundary: a bound of 1


def test_errors_and_missing_times_are_not_measured():
    assert speed_phrase(1.0, None, "error").startswith("not measured")
    assert speed_phrase(None, 2.0).startswith("not measured")
    assert speed_phrase(0.0, 2.0).startswith("not measured")
    assert speed_phrase(1.0, None, "ok").startswith("not measured")


def test_factor_formatting():
    assert verdicts.factor(1.0753) == "1.08"
    assert verdicts.factor(6.4) == "6.4"
    assert verdicts.factor(79.2) == "79.2"
    assert verdicts.factor(1234.4) == "1,234"


# --- targets ----------------------------------------------------------------------------------------------
def test_target_met_missed_and_boundary():
    assert target_verdict(25.0, 30) == "met"
    assert target_verdict(30.0, 30) == "met"  # the limit itself meets it
    assert target_verdict(192.0, 30) == "missed by 6.4×"
    assert target_verdict(4.9, 20, higher_is_better=True) == "missed by 4.08×"
    assert target_verdict(20.0, 20, higher_is_better=True) == "met"
    assert target_verdict(250.0, 200, higher_is_better=True) == "met"


def test_a_timed_out_or_failed_engine_is_never_met():
    for status in ("timeout", "error", "skipped", "not run"):
        assert target_verdict(1.0, 30, status=status) == "not measured"
        assert target_verdict(1000.0, 20, higher_is_better=True, status=status) == "not measured"
    assert target_verdict(None, 30) == "not measured"
    assert target_verdict(0.0, 20, higher_is_better=True) == "not measured"


# --- conclusions compared ---------------------------------------------------------------------------------
def facts(*xs: str) -> list[str]:
    return sorted(xs)


def test_the_same_facts_agree():
    a = compare_conclusions(facts("a", "b", "c"), facts("a", "b", "c"))
    assert a.agrees and a.compared == 3 and a.missing == a.extra == 0


def test_empty_sets_never_agree():
    assert not compare_conclusions([], []).agrees
    assert "nothing to compare" in compare_conclusions([], []).why
    assert not compare_conclusions(facts("a"), []).agrees
    assert not compare_conclusions([], facts("a")).agrees


def test_what_was_given_as_input_is_left_out():
    # the peer reached only what it had been handed: nothing of its own to compare
    only_given = compare_conclusions(facts("g1", "g2"), facts("g1", "g2"), facts("g1", "g2"))
    assert not only_given.agrees and only_given.left_out == 2
    # given facts on one side only are neither missing nor extra
    a = compare_conclusions(facts("a", "b"), facts("a", "b", "g"), facts("g"))
    assert a.agrees and a.left_out == 1 and a.compared == 2
    # and a real difference still shows
    b = compare_conclusions(facts("a", "b"), facts("a", "g"), facts("g"))
    assert not b.agrees and b.missing == 1 and b.missing_examples == ["b"]


def test_differences_are_counted_with_examples():
    a = compare_conclusions(facts("a", "b", "c"), facts("a", "c", "d", "e"), examples=1)
    assert not a.agrees and (a.missing, a.extra) == (1, 2)
    assert a.missing_examples == ["b"] and a.extra_examples == ["d"]
    assert a.why == "1 facts missing, 2 extra"


def test_unsorted_facts_are_refused():
    with pytest.raises(ValueError, match="sorted"):
        compare_conclusions(["b", "a"], facts("a", "b"))


def conclusion(node: str, probability: str, *, grade: str | None = None) -> str:
    c = f"<{SKG}case/x/finding/f/post-test/{node}>"
    text = (f"{c} {TYPE} <{SKG}PostTestProbability> .\n"
            f"{c} <{SKG}probability> {probability} .\n"
            f'{c} <http://www.w3.org/2000/01/rdf-schema#label> "post-test probability" .\n'
            f"{c} <{SKG}certainty> <{SKG}SuspectedCertainty> .\n"
            f"<{SKG}case/x/implant/s> <{SKG}unrelated> \"1\" .\n")
    if grade is not None:
        text += f"{c} <{SKG}malpositionGrade> {grade} .\n"
    return text


def test_literal_values_are_compared():
    ref = sorted(conclusions.facts_of_ntriples(conclusion("a", f'"0.512"^^{DEC}')))
    same = sorted(conclusions.facts_of_ntriples(conclusion("a", f'"5.12E-1"^^{DBL}')))
    other = sorted(conclusions.facts_of_ntriples(conclusion("a", f'"0.513"^^{DEC}')))
    assert compare_conclusions(ref, same).agrees  # the same value written another way
    a = compare_conclusions(ref, other)
    assert not a.agrees and (a.missing, a.extra) == (1, 1)
    assert "probability" in a.missing_examples[0]


def test_only_conclusion_nodes_and_rule_predicates_count():
    got = conclusions.facts_of_ntriples(conclusion("a", f'"0.5"^^{DEC}'))
    assert not any("unrelated" in x for x in got)  # not a conclusion node
    assert any("certainty" in x for x in got) and any("label" in x for x in got)
    assert len(got) == 4  # type, probability, label, certainty


def test_normal_terms():
    n = conclusions.normal_term
    assert n(f'"0.050"^^{DEC}') == n(f'"5E-2"^^{DBL}') == n('"0.05"^^<http://www.w3.org/2001/XMLSchema#decimal>')
    assert n('"1"^^<http://www.w3.org/2001/XMLSchema#integer>') == n(f'"1.0"^^{DEC}')
    assert n(f'"0.1"^^{DBL}') == n(f'"0.1000000000000000055511151231257827"^^{DBL}')  # 12 significant digits
    assert n(f'"0.1"^^{DEC}') != n(f'"0.11"^^{DEC}')
    assert n('"1"^^<http://www.w3.org/2001/XMLSchema#boolean>') == n('"true"^^<http://www.w3.org/2001/XMLSchema#boolean>')
    assert n('"x"^^<http://www.w3.org/2001/XMLSchema#string>') == n('"x"')
    assert n('"x"@EN') == n('"x"@en') != n('"x"')
    assert n('"a \\"b\\""') == n('"a \\u0022b\\u0022"')
    assert n("<urn:x>") == "<urn:x>" and n("<urn:x>") != n('"urn:x"')
    assert n(f'"2"^^{DEC}') != n('"2"')  # a number is not the string of its digits


def test_facts_files_are_sorted_and_unique(tmp_path):
    path = tmp_path / "facts.txt"
    assert conclusions.write_sorted(iter(["b", "a", "b", "é", "z"]), path) == 4
    assert list(conclusions.read_sorted(path)) == sorted({"a", "b", "é", "z"})
    with pytest.raises(ValueError, match="line break"):
        conclusions.write_sorted(["a\nb"], tmp_path / "bad.txt")


def test_the_conclusion_vocabulary_comes_from_the_rules():
    classes, preds = conclusions.vocabulary()
    assert f"<{SKG}PostTestProbability>" in classes and f"<{SKG}ScrewLoosening>" in classes
    assert f"<{SKG}UninterpretedFinding>" in classes  # a class added after the list the bench once kept
    assert f"<{SKG}probability>" in preds and f"<{SKG}oddsRatio>" in preds and f"<{SKG}certainty>" in preds
    assert TYPE not in preds


# --- memory of a process tree -----------------------------------------------------------------------------
def test_memory_is_summed_over_the_process_tree():
    child = subprocess.Popen([sys.executable, "-c", "import sys, time; x = bytearray(80_000_000); x[::4096] = b'1' * "
                              "len(x[::4096]); print('ready', flush=True); time.sleep(30)"], stdout=subprocess.PIPE)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"ready"
        import psutil

        own = psutil.Process(os.getpid()).memory_info().rss
        theirs = psutil.Process(child.pid).memory_info().rss
        total, n = memory.tree_rss(os.getpid())
        assert n >= 2
        assert theirs > 75_000_000
        assert total >= own + theirs - 5_000_000  # both at once (allowing for what changed in between)
        with memory.TreeMemory(os.getpid(), interval=0.05) as mem:
            time.sleep(0.3)
        assert mem.samples >= 2 and mem.peak_bytes >= own + theirs - 5_000_000 and mem.peak_processes >= 2
    finally:
        child.kill()
        child.wait()


def test_memory_of_a_process_that_is_gone():
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    assert memory.tree_rss(p.pid) == (0, 0)


# --- the peers' rule scheduling: the harness does not handicap a peer -------------------------------------
def test_rules_run_again_only_when_what_they_read_changed():
    from rdflib import Graph

    g = Graph()
    g.parse(data="<urn:a> <urn:p> <urn:b> .\n<urn:b> <urn:p> <urn:c> .\n", format="nt")
    data = peers.RdflibData(g)
    runs: list[str] = []
    queries = {
        "copy": (1, "CONSTRUCT { ?s <urn:q> ?o } WHERE { ?s <urn:p> ?o }"),
        "next": (1, "CONSTRUCT { ?s <urn:r> ?o } WHERE { ?s <urn:q> ?o }"),
        "never": (1, "CONSTRUCT { ?s <urn:t> ?o } WHERE { ?s <urn:absent> ?o }"),
        "later": (2, "CONSTRUCT { ?s <urn:u> ?o } WHERE { ?s <urn:r> ?o }"),
    }
    by_text = {q: rid for rid, (_, q) in queries.items()}

    def run(q: str):
        runs.append(by_text[q])
        return data.run(q)

    added = peers.rules_fixpoint(run, data.new_only, data.add, {"<urn:p>"}, queries=queries)
    assert added == 6 and len(g) == 8
    assert runs == ["copy", "next", "later"]  # "copy" not again (nothing it reads changed), "never" never


def test_a_conclusion_already_in_the_data_is_not_new():
    from rdflib import Graph

    g = Graph()
    g.parse(data="<urn:a> <urn:p> <urn:b> .\n<urn:a> <urn:q> <urn:b> .\n", format="nt")
    data = peers.RdflibData(g)
    queries = {"copy": (1, "CONSTRUCT { ?s <urn:q> ?o } WHERE { ?s <urn:p> ?o }"),
               "next": (1, "CONSTRUCT { ?s <urn:r> ?o } WHERE { ?s <urn:q> ?o }")}
    assert peers.rules_fixpoint(data.run, data.new_only, data.add, {"<urn:p>", "<urn:q>"}, queries=queries) == 1


# --- the Virtuoso forms of the rules ----------------------------------------------------------------------
def test_every_virtuoso_rewrite_applies_to_the_current_rules():
    rewritten = peers.check_virtuoso_rewrites()
    assert "loosening-post-test-probability" in rewritten and "loosening-post-test-negative" in rewritten
    rules = peers.rule_files()
    for rid in rewritten:
        assert peers.virtuoso_rule(rid, rules[rid][1]) != rules[rid][1]


def test_a_rewrite_that_no_longer_applies_fails_loudly():
    rules = peers.rule_files()
    rid = "loosening-post-test-probability"
    changed = dict(rules)
    changed[rid] = (rules[rid][0], rules[rid][1].replace("?perPatient", "?basisIsPerPatient"))
    with pytest.raises(peers.RewriteError, match=rid):
        peers.check_virtuoso_rewrites(changed)
    gone = {k: v for k, v in rules.items() if k != rid}
    with pytest.raises(peers.RewriteError, match="do not exist"):
        peers.check_virtuoso_rewrites(gone)


def test_a_where_clause_replacement_is_tied_to_the_rule_text(monkeypatch):
    rid = "hardware-failure"
    text = peers.rule_files()[rid][1]
    import hashlib

    digest = hashlib.sha256(peers.where_clause(text).encode("utf-8")).hexdigest()
    monkeypatch.setitem(peers.VIRTUOSO_WHERE, rid, (digest, "WHERE { ?case a <urn:x> }\n"))
    assert peers.virtuoso_rule(rid, text).endswith("WHERE { ?case a <urn:x> }\n")
    with pytest.raises(peers.RewriteError, match="changed since"):
        peers.virtuoso_rule(rid, text.replace("WHERE {", "WHERE {\n  # edited", 1))


def test_optional_label_parts_are_guarded_on_virtuoso():
    g = peers.guard_concat
    assert g('BIND (CONCAT("a", COALESCE(CONCAT(" (", STR(?d), " mm)"), "")) AS ?l)') == \
        'BIND (CONCAT("a", IF(BOUND(?d), CONCAT(" (", STR(?d), " mm)"), "")) AS ?l)'
    assert g('COALESCE(CONCAT(?a, " ", ?b), "")') == 'IF(BOUND(?a) && BOUND(?b), CONCAT(?a, " ", ?b), "")'
    # left alone: another fallback, no variable, text inside a string literal
    for same in ('COALESCE(CONCAT(" ", ?x), "none")', 'COALESCE(CONCAT("a", "b"), "")',
                 '"COALESCE(CONCAT(\\" \\", ?x), \\"\\")"'):
        assert g(same) == same
