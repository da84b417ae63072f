"""The SHACL shapes compiled into direct checks (spinekg.shacl_check) against pyshacl (issue 18).

The compiled checks may only say 'conforms' where pyshacl finds no violation; where they are not sure,
pyshacl runs and its report gives the messages. Checked here: every valid case (the examples, synthetic
cases) passes the compiled checks; every case that reaches SHACL in tests/data and the hostile corpus,
and a defect made on purpose for each constraint of the shapes, is left to pyshacl with the same
problems as before; random damage to valid cases never passes the checks when pyshacl finds a violation;
shapes with features the checks do not cover are not compiled.
"""
from __future__ import annotations

import random
from importlib.resources import as_file
from pathlib import Path

import pytest
from rdflib import Graph

import hostile
from spinekg.cases import CaseError, case_from_data, read_case
from spinekg.data import example_case_files, shapes_graph
from spinekg.ntriples import from_rdflib, lines, split
from spinekg.shacl_check import compile_shapes, packaged_shapes
from spinekg.synth import synth_case
from spinekg.validate import case_problems, class_hierarchy, shacl_problems
from spinekg.vocab import case_iri

HERE = Path(__file__).parent
SKG = "https://w3id.org/spinekg/"
XSD = "http://www.w3.org/2001/XMLSchema#"
CASE = "example-rod-fracture"


def terms(lc) -> list[tuple[str, str, str]]:
    if lc.case is not None:
        return [split(x) for x in lines(lc.ntriples)]
    return [(from_rdflib(s), from_rdflib(p), from_rdflib(o)) for s, p, o in lc.graph]


def pyshacl_problems(triples: list[tuple[str, str, str]], case_id: str) -> list:
    g = Graph()
    g.parse(data="".join(f"{s} {p} {o} .\n" for s, p, o in triples), format="nt")
    return shacl_problems(g, "case.ttl", case_iri(case_id))


@pytest.fixture(scope="module")
def check():
    compiled = packaged_shapes()
    assert compiled is not None, "the packaged shapes must compile into direct checks"
    return compiled


@pytest.fixture(scope="module")
def examples():
    out = []
    for f in example_case_files():
        with as_file(f) as path:
            out.append(read_case(path))
    return out


def test_valid_cases_pass_the_compiled_checks(check, examples):
    cases = examples + [case_from_data(synth_case(i, seed=5), f"s{i}") for i in range(200)]
    for lc in cases:
        assert check.conforms(terms(lc)), lc.case_id
        assert case_problems(lc) == []


def test_every_case_that_reaches_shacl_gets_pyshacls_problems(check, tmp_path):
    files = sorted((HERE / "data").rglob("*.ttl")) + sorted((HERE / "data" / "malformed").iterdir())
    files += [path for _, path in hostile.write_corpus(tmp_path)]
    reached = 0
    for f in files:
        if not f.is_file() or f.is_symlink():
            continue
        try:
            lc = read_case(f)
        except CaseError:
            continue
        expected = shacl_problems(lc.graph, lc.source, case_iri(lc.case_id))
        if expected:
            reached += 1
            assert not check.conforms(terms(lc)), f
        assert case_problems(lc) == expected, f
    assert reached >= 6  # the shacl-*.ttl files at least


def _case_triples(examples) -> list[tuple[str, str, str]]:
    lc = next(x for x in examples if x.case_id == CASE)
    return terms(lc)


def _node(triples, cls: str) -> str:
    """The first node (in line order) of this class or a subclass."""
    check = packaged_shapes()
    return next(s for s, p, o in triples if p.endswith("#type>") and f"<{SKG}{cls}>" in check.supers(o))


DEFECTS = {
    # name: (what to drop: (subject class, predicate) or None, what to add: (subject class, predicate, object))
    "screw without a level": (("PedicleScrew", "atLevel"), None),
    "screw with two levels": (None, ("PedicleScrew", "atLevel", f"<{SKG}C2>")),
    "screw on no side": (("PedicleScrew", "onSide"), None),
    "screw in the midline of a bilateral": (("PedicleScrew", "onSide"), ("PedicleScrew", "onSide", f"<{SKG}Bilateral>")),
    "level not a level": (None, ("Rod", "atLevel", f"<{SKG}L6>")),
    "side not a side": (None, ("Rod", "onSide", f"<{SKG}Up>")),
    "case id with a space": (("Case", "caseId"), ("Case", "caseId", '"a b"')),
    "case id typed": (("Case", "caseId"), ("Case", "caseId", f'"{CASE}"^^<{XSD}token>')),
    "two case ids": (None, ("Case", "caseId", '"other"')),
    "constructed example not boolean": (None, ("Case", "constructedExample", '"yes"')),
    "measurement negative": (("Measurement", "numericValue"), ("Measurement", "numericValue", f'"-1.0"^^<{XSD}decimal>')),
    "measurement an integer": (("Measurement", "numericValue"), ("Measurement", "numericValue", f'"2"^^<{XSD}integer>')),
    "measurement not a number": (("Measurement", "numericValue"), ("Measurement", "numericValue", f'"abc"^^<{XSD}decimal>')),
    "measurement without unit": (("Measurement", "unit"), None),
    "measurement in furlongs": (("Measurement", "unit"), ("Measurement", "unit", f"<{SKG}Furlong>")),
    "study without modality": (("ImagingStudy", "hasModality"), None),
    "study by PET": (("ImagingStudy", "hasModality"), ("ImagingStudy", "hasModality", f"<{SKG}PET>")),
    "finding without status": (("ImagingFinding", "assertionStatus"), None),
    "finding about a study": (("ImagingFinding", "aboutImplant"), ("ImagingFinding", "aboutImplant", "STUDY")),
    "finding about a literal": (("ImagingFinding", "aboutImplant"), ("ImagingFinding", "aboutImplant", '"rod"')),
    "finding in a screw": (("ImagingFinding", "observedIn"), ("ImagingFinding", "observedIn", "SCREW")),
    "implant type a literal": (None, ("ImagingFinding", "aboutImplantType", '"Rod"')),
    "empty placement note": (None, ("ImagingFinding", "placementNote", '""')),
    "placement note with a language": (None, ("ImagingFinding", "placementNote", '"here"@en')),
    "patient with two sexes": (None, ("Patient", "sex", f"<{SKG}Male>"), ),
    "prior surgeries negative": (None, ("Patient", "priorSpineSurgeryCount", f'"-1"^^<{XSD}integer>')),
    "prior surgeries a decimal": (None, ("Patient", "priorSpineSurgeryCount", f'"1.0"^^<{XSD}decimal>')),
    "fusion without levels": (("SpinalFusion", "atLevel"), None),
    "whole construct not boolean": (None, ("ImagingFinding", "aboutWholeConstruct", '"true"')),
}


def _apply(triples, drop, add):
    out = list(triples)
    if drop is not None:
        node = _node(out, drop[0])
        out = [t for t in out if not (t[0] == node and t[1] == f"<{SKG}{drop[1]}>")]
    if add is not None:
        node = _node(out, add[0])
        obj = add[2]
        if obj == "STUDY":
            obj = _node(out, "ImagingStudy")
        elif obj == "SCREW":
            obj = _node(out, "PedicleScrew")
        out.append((node, f"<{SKG}{add[1]}>", obj))
    return out


@pytest.mark.parametrize("name", sorted(DEFECTS))
def test_a_defect_for_each_constraint_goes_to_pyshacl(check, examples, name):
    drop, add = DEFECTS[name]
    triples = _apply(_case_triples(examples), drop, add)
    assert pyshacl_problems(triples, CASE), f"{name}: pyshacl should find a violation"
    assert not check.conforms(triples), name


def test_random_damage_never_passes_where_pyshacl_finds_a_violation(check, examples):
    rng = random.Random(18)
    base = _case_triples(examples)
    pool = sorted({o for _, _, o in base}) + [f'"{x}"' for x in ("", "x", "-3")] + [
        f'"{v}"^^<{XSD}{dt}>' for v, dt in (("-2", "integer"), ("41.5", "decimal"), ("1e3", "double"), ("true", "boolean"))]
    agree = 0
    for _ in range(150):
        triples = list(base)
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(triples))
            s, p, _ = triples[i]
            action = rng.choice(("drop", "replace", "add"))
            if action == "drop":
                triples.pop(i)
            elif action == "replace":
                triples[i] = (s, p, rng.choice(pool))
            else:
                triples.append((s, p, rng.choice(pool)))
        fast = check.conforms(triples)
        slow = not pyshacl_problems(triples, CASE)
        assert slow or not fast, triples
        agree += fast == slow
    assert agree >= 100  # conservative, not useless


def test_shapes_with_uncovered_features_are_not_compiled():
    extra = """@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix skg: <https://w3id.org/spinekg/> .
    skg:OrShape a sh:NodeShape ; sh:targetClass skg:Rod ;
        sh:or ( [ sh:path skg:atLevel ; sh:minCount 1 ] [ sh:path skg:onSide ; sh:minCount 1 ] ) ."""
    g = Graph()
    g += shapes_graph()
    g.parse(data=extra, format="turtle")
    assert compile_shapes(g, class_hierarchy()) is None
    assert compile_shapes(shapes_graph(), class_hierarchy()) is not None


def _value_node(triples, pred: str) -> str:
    """The first object (in line order) of this skg: predicate."""
    return next(o for _, p, o in triples if p == f"<{SKG}{pred}>")


def _set_value(triples, pred: str, value: str):
    """The case with the numeric value of the first measurement of `pred` replaced."""
    node = _value_node(triples, pred)
    return [(s, p, f'"{value}"^^<{XSD}decimal>' if s == node and p == f"<{SKG}numericValue>" else o)
            for s, p, o in triples]


def _example(examples, case_id: str):
    return terms(next(x for x in examples if x.case_id == case_id))


def test_the_complication_shapes_are_checked_as_pyshacl_checks_them(check, examples):
    """Issue 14's shapes (angles, percentages, migration distances, lead compartments, sh:targetSubjectsOf
    for a study compared with): each defect goes to pyshacl, and a value valid only under the new shapes
    (a negative angle, a migration of a few levels) passes both."""
    cage = _example(examples, "example-cage-subsidence-migration")
    kyphosis = _example(examples, "example-junctional-kyphosis")
    leads = _example(examples, "example-stimulator-leads")
    compared = next(s for s, p, _ in cage if p == f"<{SKG}comparedWith>")
    implant = _value_node(cage, "aboutImplant")
    lead_finding = next(s for s, p, _ in leads if p == f"<{SKG}leadCompartment>")
    cid = {"cage": "example-cage-subsidence-migration", "kyphosis": "example-junctional-kyphosis",
           "leads": "example-stimulator-leads"}
    defects = {
        "compared with an implant": ("cage", [*cage, (compared, f"<{SKG}comparedWith>", implant)]),
        "percentage over 100": ("cage", _set_value(cage, "subsidencePercentage", "130.0")),
        "percentage negative": ("cage", _set_value(cage, "subsidencePercentage", "-5.0")),
        "angle over 90 degrees": ("kyphosis", _set_value(kyphosis, "junctionalAngle", "120.0")),
        "preoperative angle under -90 degrees": ("kyphosis", _set_value(kyphosis, "preoperativeJunctionalAngle", "-95.0")),
        "migration of 45 levels": ("leads", _set_value(leads, "migrationDistance", "45.0")),
        "lead in no compartment": ("leads", [(s, p, f"<{SKG}Millimetre>" if s == lead_finding and
                                              p == f"<{SKG}leadCompartment>" else o) for s, p, o in leads]),
        "lead in two compartments": ("leads", [*leads, (lead_finding, f"<{SKG}leadCompartment>", f"<{SKG}IntraduralCompartment>")]),
    }
    for name, (case, triples) in defects.items():
        assert pyshacl_problems(triples, cid[case]), f"{name}: pyshacl should find a violation"
        assert not check.conforms(triples), name
    negative = _set_value(kyphosis, "junctionalAngle", "-12.5")  # lordosis: valid under the angle shape
    assert not pyshacl_problems(negative, cid["kyphosis"])
    assert check.conforms(negative)
