"""The named-query library: each query on the example cases, with its expected rows; parameter binding."""
from __future__ import annotations

from importlib.resources import as_file

import pytest

from spinekg import KnowledgeGraph
from spinekg.data import example_case_files
from spinekg.queries import QueryError, get_query, load_queries

PUBLISHED = "radiopaedia-connector-failure"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    kg = KnowledgeGraph.memory()
    paths = []
    for f in example_case_files():
        with as_file(f) as p:
            paths.append(p)
    kg.load(paths)
    return kg


def run(kg: KnowledgeGraph, name: str, **params: object) -> list[tuple[str, ...]]:
    res = kg.query(name, params)
    cols = list(get_query(name).columns)
    assert res.variables == cols, f"{name}: the header's columns must match the SELECT"
    return [tuple(r[c].value if c in r else "" for c in cols) for r in res.rows]  # type: ignore[attr-defined]


def test_library_has_at_least_twelve_documented_queries():
    qs = load_queries()
    assert len(qs) >= 12
    for q in qs.values():
        assert q.description and q.columns
        for p in q.params:
            assert p.description, f"{q.name}.{p.name} needs a description"


def test_cases(kg):
    rows = run(kg, "cases")
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    assert (PUBLISHED, "false") in {(r[0], r[2]) for r in rows}
    assert sum(1 for r in rows if r[2] == "true") >= 6


def test_case_summary_orders_revision_first(kg):
    rows = run(kg, "case-summary", case_id=PUBLISHED)
    assert rows[0][0] == "revision evaluation" and rows[0][2] == "revision evaluation indicated"
    kinds = [r[0] for r in rows]
    assert kinds.count("connector failure") == 2 and kinds.count("screw malposition") == 6


def test_loose_screws_all(kg):
    rows = {(r[0], r[1], r[4], r[5]) for r in run(kg, "loose-screws")}
    assert rows == {
        ("example-cervical-lateral-mass", "lms-C3-left", "2", "possible"),
        ("example-cervical-lateral-mass", "lms-C3-right", "2", "possible"),
        ("example-lumbar-smoker-diabetes", "screw-L3-left", "1.1", "suspected"),
        ("example-radiograph-loosening", "screw-L5-left", "2.5", "suspected"),
        ("example-radiograph-loosening", "screw-L5-right", "2.5", "suspected"),
        ("example-radiograph-loosening", "screw-S1-left", "0", "suspected"),  # double halo, no width
        (PUBLISHED, "screw-T2-left", "3", "suspected"),
        (PUBLISHED, "screw-T2-right", "4", "suspected"),
    }


def test_loose_screws_by_region_and_minimum_lucency(kg):
    assert run(kg, "loose-screws", region="thoracic", min_lucency="3.5") == [
        (PUBLISHED, "screw-T2-right", "T2", "right", "4", "suspected")]
    assert {r[1] for r in run(kg, "loose-screws", region="lumbar", min_lucency=2.5)} == {"screw-L5-left", "screw-L5-right"}


def test_malpositioned_screws_by_direction_and_grade(kg):
    assert run(kg, "malpositioned-screws", direction="medial") == [
        ("example-medial-breach", "screw-L1-right", "L1", "right", "medial", "D", ""),
        ("example-medial-breach", "screw-T11-left", "T11", "left", "medial", "C", "IV"),
    ]
    assert [r[1] for r in run(kg, "malpositioned-screws", grade="B")] == ["screw-T12-right"]
    nm = run(kg, "malpositioned-screws", grade="not-measurable")
    assert len(nm) == 6 and {r[0] for r in nm} == {PUBLISHED}


def test_revision_candidates_with_reasons(kg):
    rows = run(kg, "revision-candidates")
    assert {r[0] for r in rows} == {"example-medial-breach", "example-radiograph-loosening", "example-rod-fracture", PUBLISHED}
    assert (PUBLISHED, "revision evaluation indicated", "suspected loosening of 2 screws in a symptomatic patient") in rows


def test_non_union_risk_by_level(kg):
    assert {r[0] for r in run(kg, "non-union-risk", level="high")} == {"example-rod-fracture", PUBLISHED}
    low = run(kg, "non-union-risk", level="low")
    assert [r[0] for r in low] == ["example-clean-followup", "example-medial-breach"]
    everyone = {r[0] for r in run(kg, "non-union-risk")}
    assert "example-stimulator-only" not in everyone  # no fusion, no assessment


def test_construct_discontinuities(kg):
    rows = run(kg, "construct-discontinuities")
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("example-rod-fracture", "L3", "left"), (PUBLISHED, "C6", "left"), (PUBLISHED, "C6", "right")]
    assert set(rows[1][3].split(", ")) == {"rod-thoracic-left", "rod-cervical-left"}


def test_findings_by_level(kg):
    rows = run(kg, "findings-by-level", level="T4")
    assert {(r[0], r[1], r[3]) for r in rows} >= {(PUBLISHED, "position-T4-left", "left"), (PUBLISHED, "position-T4-right", "right")}
    assert {r[4] for r in run(kg, "findings-by-level", level="L3")} == {"affirmed", "negated"}


def test_evidence_for_case(kg):
    rows = run(kg, "evidence-for-case", case_id=PUBLISHED)
    pubs = {r[2] for r in rows}
    assert {"Aghayev 2014", "Spirig 2019", "Mohi Eldin 2014", "Marie-Hardy 2020"} <= pubs
    assert any(r[4] == "24170238" for r in rows)  # Aghayev's PMID


def test_cases_citing_by_pmid_and_doi(kg):
    by_pmid = {r[0] for r in run(kg, "cases-citing", pmid="24170238")}
    assert PUBLISHED in by_pmid and "example-radiograph-loosening" in by_pmid
    assert "example-clean-followup" not in by_pmid
    by_doi = {r[0] for r in run(kg, "cases-citing", doi="10.1016/J.SPINEE.2018.06.345")}  # Spirig, any case
    assert PUBLISHED in by_doi


def test_rules_citing(kg):
    assert [r[0] for r in run(kg, "rules-citing", pmid="37204361")] == ["stimulator-lead-migration"]
    assert {r[0] for r in run(kg, "rules-citing", doi="10.1007/s00586-013-3080-2")} == {
        "suspected-screw-loosening", "revision-evaluation-multiple-loosening"}


def test_cohort_region_measurement_and_risk_factor(kg):
    assert run(kg, "cohort-lucency-risk-factor", region="lumbar", min_lucency="1", risk_factor="smoking") == [
        ("example-lumbar-smoker-diabetes", "screw-L3-left", "L3", "left", "1.1", "affirmed"),
        ("example-lumbar-smoker-diabetes", "screw-L3-right", "L3", "right", "1", "affirmed"),
    ]
    assert run(kg, "cohort-lucency-risk-factor") == []  # defaults: thoracic, >= 2 mm, diabetes


def test_post_test_probabilities(kg):
    rows = run(kg, "post-test-probabilities", case_id=PUBLISHED)
    assert len(rows) == 4 and {r[2] for r in rows} == {"positive"}


# --- parameter binding and errors ---

def test_unknown_query_names_the_known_ones():
    with pytest.raises(QueryError, match="unknown query 'nope'.*loose-screws"):
        get_query("nope")


def test_missing_required_parameter():
    with pytest.raises(QueryError, match="needs the parameter 'level'"):
        get_query("findings-by-level").bind({})


@pytest.mark.parametrize("name, params, message", [
    ("loose-screws", {"min_lucency": "wide"}, "must be a number"),
    ("loose-screws", {"region": "neck"}, "must be one of"),
    ("findings-by-level", {"level": "T13"}, "vertebral level"),
    ("malpositioned-screws", {"grade": "Z"}, "must be one of"),
    ("loose-screws", {"colour": "red"}, "has no parameter 'colour'"),
])
def test_mistyped_or_unknown_parameter(name, params, message):
    with pytest.raises(QueryError, match=message):
        get_query(name).bind(params)


def test_parameters_are_bound_as_terms_not_pasted(kg):
    hostile = 'x" } } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o'
    text = get_query("case-summary").bind({"case_id": hostile})
    assert "VALUES (?case_id)" in text
    assert run(kg, "case-summary", case_id=hostile) == []
    assert run(kg, "cases")  # nothing was dropped
