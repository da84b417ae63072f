"""A rule runs again only when what a round added can give it a new solution (issue 18).

The engine re-runs a rule when a triple added in the round before matches one of its patterns and the
workspace holds, for the triple's subject and object, the patterns that share their variables
(``spinekg.sparql.triggers``). Here: the same graphs as an engine that re-runs a rule whenever
something it reads changed, with fewer runs; a rule that needs another's conclusion of the same
stratum still gets it; and what the trigger analysis says of a WHERE clause.
"""
from __future__ import annotations

from importlib.resources import as_file

import pytest
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from spinekg.cases import case_from_data, read_case
from spinekg.data import example_case_files
from spinekg.reasoning import CaseInput, Engine, Stats
from spinekg.reasoning.rules import parse_rule
from spinekg.sparql import ANY, triggers
from spinekg.synth import synth_case

SKG = "https://w3id.org/spinekg/"
HEAD = "PREFIX skg: <https://w3id.org/spinekg/>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n" \
       "PREFIX prov: <http://www.w3.org/ns/prov#>\n"


def rerun_engine(rules=None) -> Engine:
    """An engine that re-runs a rule whenever the round before added something it reads."""
    e = Engine(rules)
    e.triggers = dict.fromkeys(e.triggers)
    return e


def lines(text: str) -> list[str]:
    return sorted(text.splitlines())


@pytest.fixture(scope="module")
def inputs():
    cases = []
    for f in example_case_files():
        with as_file(f) as path:
            lc = read_case(path)
        cases.append(CaseInput(lc.case_id, lc.ntriples))
        cases.append(CaseInput(lc.case_id + "-pp", lc.ntriples.replace(f"/case/{lc.case_id}", f"/case/{lc.case_id}-pp")
                               .replace(f'"{lc.case_id}"', f'"{lc.case_id}-pp"'), 0.3, "per-patient"))
    for i in range(200):
        lc = case_from_data(synth_case(i, seed=1818), f"t{i}")
        cases.append(CaseInput(lc.case_id, lc.ntriples))
    return cases


def test_triggers_change_no_conclusion_and_save_runs(inputs):
    fast_stats, full_stats = Stats(), Stats()
    fast = Engine().reason(inputs, stats=fast_stats)
    full = rerun_engine().reason(inputs, stats=full_stats)
    assert fast.keys() == full.keys()
    for cid in fast:
        assert lines(fast[cid]) == lines(full[cid]), cid
    assert fast_stats.rule_runs < full_stats.rule_runs


def test_triggers_change_no_conclusion_one_case_at_a_time(inputs):
    e, full = Engine(), rerun_engine()
    for case in inputs[:40]:
        got = e.reason([case], reuse=True)[case.case_id]
        assert lines(got) == lines(full.reason([case])[case.case_id]), case.case_id


def rule(rule_id: str, body: str):
    header = f"# id: {rule_id}\n# title: t\n# rationale: r\n# evidence: [skg:pub/aghayev-2014]\n# stratum: 1\n"
    return parse_rule(header + HEAD + body, f"rules/{rule_id}.rq")


# round 1: a and c (b needs a Foo); round 2: b, whose Foo a added (it passes the trigger check)
A = rule("a-marks-cases", """CONSTRUCT { ?n a skg:Foo ; rdfs:label "mark" ; skg:ofCase ?c ; prov:wasDerivedFrom ?c }
WHERE { ?c a skg:Case . BIND (IRI(CONCAT(STR(?c), "/mark")) AS ?n) }""")
B = rule("b-reads-marks", """CONSTRUCT { ?m a skg:Bar ; skg:ofCase ?c ; prov:wasDerivedFrom ?x }
WHERE { ?x a skg:Foo ; skg:ofCase ?c . OPTIONAL { ?x rdfs:label ?l } BIND (IRI(CONCAT(STR(?x), "/bar")) AS ?m) }""")
C = rule("c-reads-case-labels", """CONSTRUCT { ?m a skg:Baz ; skg:ofCase ?c ; prov:wasDerivedFrom ?c }
WHERE { ?c a skg:Case ; rdfs:label ?l . BIND (IRI(CONCAT(STR(?c), "/baz")) AS ?m) }""")


def test_a_rule_gets_the_conclusion_of_another_of_its_stratum_and_an_unrelated_one_is_not_rerun(inputs):
    cases = inputs[:3]
    st, full_st = Stats(), Stats()
    got = Engine([A, B, C]).reason(cases, stats=st)
    full = rerun_engine([A, B, C]).reason(cases, stats=full_st)
    for case in cases:
        base = f"<https://w3id.org/spinekg/case/{case.case_id}"
        assert f"{base}/mark/bar> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{SKG}Bar> ." in got[case.case_id]
        assert lines(got[case.case_id]) == lines(full[case.case_id])
    # round 2: b (a Foo was added) in both; c too without triggers (a label was added, but not a case's);
    # round 3 without triggers: b again (it added skg:ofCase, which it reads, but to a Bar)
    assert st.rule_runs == 3 and full_st.rule_runs == 5


def where(body: str):
    return translateQuery(parseQuery(HEAD + "CONSTRUCT { ?s skg:x ?o } WHERE " + body)).algebra["p"]


def by_pattern(body: str) -> dict:
    """{pattern: its guards}, a guard with one alternative as that pattern, else as the set of them."""
    found = triggers(where(body))
    assert found is not None
    return {t: {g[0] if len(g) == 1 else frozenset(g) for g in gs} for t, gs in found}


TYPE, LABEL = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>", "<http://www.w3.org/2000/01/rdf-schema#label>"


def test_an_optional_pattern_is_guarded_by_the_patterns_every_solution_matches():
    got = by_pattern("{ ?s a skg:Screw ; skg:atLevel ?v . OPTIONAL { ?s rdfs:label ?o } }")
    label = ("?s", LABEL, "?o")
    assert ("?s", TYPE, f"<{SKG}Screw>") in got[label]
    assert ("?s", f"<{SKG}atLevel>", "?v") in got[label]


def test_a_pattern_in_a_subquery_is_guarded_only_by_its_own_basic_graph_pattern():
    got = by_pattern("{ ?s a skg:Screw . { SELECT ?s (COUNT(?f) AS ?o) WHERE { ?f skg:aboutImplant ?s } GROUP BY ?s } }")
    assert got[("?f", f"<{SKG}aboutImplant>", "?s")] == set()


def test_an_optional_variable_of_another_optional_guards_nothing():
    got = by_pattern("{ ?s a skg:Screw . OPTIONAL { ?s skg:hasDirection ?d } OPTIONAL { ?d rdfs:label ?o } }")
    assert got[("?d", LABEL, "?o")] == set()


def test_a_path_gives_its_predicates_unguarded_and_a_variable_predicate_gives_no_triggers():
    got = by_pattern("{ ?s a skg:Screw ; skg:lucencyWidth/skg:numericValue ?o }")
    assert got[(ANY, f"<{SKG}numericValue>", ANY)] == set() and (ANY, f"<{SKG}lucencyWidth>", ANY) in got
    assert triggers(where("{ ?s a skg:Screw ; ?p ?o }")) is None
    assert triggers(where("{ ?s a skg:Screw ; !skg:atLevel ?o }")) is None


def test_a_nested_optional_and_a_union_branch_are_guarded_by_their_own_groups():
    nested = by_pattern("{ ?f a skg:ScrewBreachFinding . OPTIONAL { ?f skg:hasDirection ?d . OPTIONAL { ?d rdfs:label ?o } } }")
    assert ("?f", f"<{SKG}hasDirection>", "?d") in nested[("?d", LABEL, "?o")]
    union = by_pattern("{ { ?s a skg:Rod . OPTIONAL { ?s rdfs:label ?o } } UNION { ?s a skg:Screw } ?s skg:ofCase ?c }")
    guards = union[("?s", LABEL, "?o")]
    assert ("?s", TYPE, f"<{SKG}Rod>") in guards
    assert ("?s", f"<{SKG}ofCase>", "?c") in guards  # joined with the union
    assert ("?s", TYPE, f"<{SKG}Screw>") not in guards  # the other branch


def test_a_variable_both_union_branches_bind_is_guarded_by_either():
    got = by_pattern("{ { ?s a skg:Rod } UNION { ?s a skg:Screw } OPTIONAL { ?s rdfs:label ?o } }")
    assert frozenset({("?s", TYPE, f"<{SKG}Rod>"), ("?s", TYPE, f"<{SKG}Screw>")}) in got[("?s", LABEL, "?o")]
    one_sided = by_pattern("{ { ?s a skg:Rod } UNION { ?x a skg:Screw } OPTIONAL { ?s rdfs:label ?o } }")
    assert one_sided[("?s", LABEL, "?o")] == set()


def test_a_bound_variable_is_guarded_by_the_iris_and_the_variables_its_bind_can_give():
    body = ("{ ?c a skg:Case . OPTIONAL { ?c skg:usesPretestSetting ?u } "
            "BIND (COALESCE(?u, IF(BOUND(?c), skg:A, skg:B)) AS ?s) ?s skg:probability ?p ; rdfs:label ?o }")
    got = by_pattern(body)
    either = frozenset({("?s", "=", f"<{SKG}A>"), ("?s", "=", f"<{SKG}B>"), ("?c", f"<{SKG}usesPretestSetting>", "?s")})
    assert either in got[("?s", LABEL, "?o")]
    # a variable bound somewhere else too (here by VALUES) is not a source the guard can name: no guard
    other = by_pattern("{ ?c a skg:Case . OPTIONAL { ?c skg:usesPretestSetting ?u } VALUES ?u { skg:X } "
                       "BIND (COALESCE(?u, skg:A) AS ?s) ?s rdfs:label ?o }")
    assert other[("?s", LABEL, "?o")] == set()
    # an expression that may have no value (the IF's condition may fail) leaves ?s free: no guard
    partial = by_pattern("{ ?c a skg:Case ; skg:x ?n . BIND (IF(?n > 2, skg:A, skg:B) AS ?s) ?s rdfs:label ?o }")
    assert partial[("?s", LABEL, "?o")] == set()
    # an expression other than COALESCE/IF of IRIs and variables: no guard
    concat = by_pattern("{ ?c a skg:Case . BIND (IRI(CONCAT(STR(?c), '/x')) AS ?s) ?s rdfs:label ?o }")
    assert concat[("?s", LABEL, "?o")] == set()
