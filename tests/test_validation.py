"""Validation of case files: each malformed file gets its own specific problem, and bad input never touches the store.

Every file in tests/data/malformed/ has ONE defect and is named for it; EXPECTED says which field path (or line,
for syntax errors) and which words the problem must carry. Files that reproduce known bugs in src/ are marked
xfail(strict=True): they document the bug and will flag as XPASS once it is fixed.
"""
from __future__ import annotations

import gc
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import spinekg
from spinekg import CaseError, KnowledgeGraph, Problem, check_case
from spinekg.cases import read_case

HERE = Path(__file__).parent
MALFORMED = HERE / "data" / "malformed"
PUBLISHED = HERE.parent / "kb" / "cases" / "radiopaedia-connector-failure.yaml"
CASE_ID = "radiopaedia-connector-failure"
CASE_IRI = f"https://w3id.org/spinekg/case/{CASE_ID}"
LEVELS = "(C1-C7, T1-T12, L1-L5, S1-S5, Co1)"


@dataclass(frozen=True)
class Expect:
    path: str  # the field path of the problem ('' for whole-file problems such as syntax errors)
    words: tuple[str, ...]  # words the message must contain
    line: int | tuple[int, ...] | None = None  # the line (a tuple: any of these), None: no line expected


EXPECTED: dict[str, Expect] = {
    # vertebral levels and spans
    "finding-level-T13.yaml": Expect("findings[0].level", ("'T13'", "is not a vertebral level", LEVELS), 9),
    "implant-level-T13.yaml": Expect("implants[1].level", ("'T13'", "is not a vertebral level", LEVELS), 9),
    "implant-level-L6.yaml": Expect("implants[0].level", ("'L6'", "is not a vertebral level"), 8),
    "json-level-L6.json": Expect("implants[1].level", ("'L6'", "is not a vertebral level"), 6),
    "procedure-span-C7-T13.yaml": Expect("procedures[0].levels", ("'C7-T13'", "not a vertebral span"), 6),
    # measurements
    "lucency-width-negative.yaml": Expect("findings[0].width", ("must not be negative", "-2 mm"), 11),
    "lucency-width-not-numeric.yaml": Expect("findings[0].width", ("'wide'", "is not a number with a unit"), 11),
    "lucency-width-bad-unit.yaml": Expect("findings[0].width", ("unit 'kg'", "not a length unit"), 11),
    "lucency-width-implausible.yaml": Expect("findings[0].width", ("'80 mm'", "plausible maximum", "20 mm"), 11),
    "breach-distance-negative.yaml": Expect("findings[0].distance", ("must not be negative", "-3 mm"), 13),
    # syntax errors: the line is named
    "yaml-bad-indentation.yaml": Expect("", ("malformed YAML", "mapping values are not allowed"), 5),
    "yaml-unclosed-bracket.yaml": Expect("", ("malformed YAML", "expected ',' or '}'"), (4, 5)),
    "json-trailing-comma.json": Expect("", ("malformed JSON", "column"), 5),
    # the missing '.' ends line 7; the parser notices it at the next statement (line 9)
    "turtle-syntax-error.ttl": Expect("", ("malformed Turtle", "expected '.'"), (7, 8, 9)),
    # Turtle that parses but violates the SHACL shapes
    "shacl-screw-without-level.ttl": Expect("implant/screw-left.skg:atLevel", ("a screw needs exactly one level",)),
    "shacl-connector-joins-one-rod.ttl": Expect("implant/connector-C6-left.skg:joinsRod",
                                                ("rod-to-rod connector", "at least two rods")),
    "shacl-negative-numeric-value.ttl": Expect("lucency-T2-left-width.skg:numericValue", ("-3.0", "non-negative")),
    # caught before SHACL now: a Turtle case may only use the ontology's terms (issue 11)
    "shacl-level-T13.ttl": Expect("implant/screw-T13-left skg:atLevel", ("skg:T13 is not a term of the ontology",
                                                                        "vertebral level", LEVELS), 10),
    "shacl-study-without-modality.ttl": Expect("study/ct.skg:hasModality", ("imaging study", "modality")),
    # Turtle structure checked before SHACL
    "turtle-case-iri-mismatch.ttl": Expect("skg:caseId", ("case IRI must be", "turtle-case-iri-mismatch",
                                                          "some-other-id")),
    # terms and references
    "finding-type-unknown.yaml": Expect("findings[0].type", ("'corrosion'", "not a known finding type", "lucency"), 9),
    "implant-side-up.yaml": Expect("implants[0].side", ("'up'", "not a known side", "left", "right"), 9),
    "screw-without-side.yaml": Expect("implants[0]", ("a screw needs a 'side'",), 6),
    "connector-without-joins.yaml": Expect("implants[2]", ("rod-to-rod connector needs 'joins'",), 8),
    "connector-joins-unknown-rod.yaml": Expect("implants[1].joins[1]", ("'rod-missing'", "not the id of an implant"),
                                               11),
    "finding-unknown-implant.yaml": Expect("findings[0].implant", ("'screw-T9-left'", "not the id of an implant"), 10),
    "finding-unknown-study.yaml": Expect("findings[0].study", ("'mri'", "not the id of a study"), 11),
    "implant-id-duplicate.yaml": Expect("implants[1].id", ("duplicate implant id", "'screw-T2-left'"), 7),
    "boolean-maybe.yaml": Expect("findings[0].contained", ("must be true or false", "'maybe'"), 11),
    "study-modality-PET.yaml": Expect("studies[0].modality", ("'PET'", "not a known imaging modality"), 5),
    "prior-surgeries-negative.yaml": Expect("patient.prior_spine_surgeries", ("whole number >= 0", "-1"), 5),
    # the case itself
    "case-id-missing.yaml": Expect("id", ("'id' is required",)),
    "case-id-has-space.yaml": Expect("id", ("'has space'", "is not a valid id"), 2),
    "top-level-field-unknown.yaml": Expect("surgeon", ("unknown field 'surgeon'", "allowed:"), 3),
    # the file itself
    "empty.yaml": Expect("", ("is empty", "'id'")),
    "not-utf8.yaml": Expect("", ("is not UTF-8",)),
    "wrong-extension.txt": Expect("", ("unknown file type '.txt'", ".yaml", ".json", ".ttl")),
    "yaml-several-documents.yaml": Expect("", ("several YAML documents", "one case per file")),
    # wrong shapes and non-finite numbers (these once crashed with TypeError / decimal.InvalidOperation)
    "finding-study-is-a-list.yaml": Expect("findings[0].study", ("['ct']", "not the id of a study"), 11),
    "construct-procedure-is-a-list.yaml": Expect("constructs[0].procedure", ("fusion", "not the id of a procedure"),
                                                 6),
    "lucency-width-nan.yaml": Expect("findings[0].width", ("finite number", "nan"), 11),
    "yaml-duplicate-key.yaml": Expect("findings[0].width", ("duplicate",), (11, 12)),
    "shacl-untyped-negative-measurement.ttl": Expect("lucency-T2-left.skg:lucencyWidth.skg:numericValue", ("-3.0", "non-negative")),
}

# Files that reproduce bugs in src/ (see the reasons); their expectation is the behaviour once fixed.
BUGS: dict[str, tuple[Expect, str, type[BaseException] | None]] = {}


def _cases() -> list:
    out = [pytest.param(name, exp, id=name) for name, exp in EXPECTED.items()]
    for name, (exp, reason, raises) in BUGS.items():
        out.append(pytest.param(name, exp, id=name, marks=pytest.mark.xfail(reason=reason, strict=True, raises=raises)))
    return out


def test_every_malformed_file_has_an_expectation():
    files = {p.name for p in MALFORMED.iterdir()}
    assert files == set(EXPECTED) | set(BUGS)
    assert len(files) >= 24


@pytest.mark.parametrize("name, exp", _cases())
def test_malformed_file_gives_its_specific_problem(name: str, exp: Expect):
    path = MALFORMED / name
    with pytest.raises(CaseError) as info:
        check_case(path)
    problems = info.value.problems
    # one defect, one problem
    assert len(problems) == 1, "\n".join(map(str, problems))
    [p] = problems
    assert isinstance(p, Problem)
    assert p.source == str(path)
    if exp.path in {"numericValue"}:  # only part of the path is pinned down
        assert exp.path in p.path
    else:
        assert p.path == exp.path, str(p)
    for word in exp.words:
        assert word in p.message, f"{word!r} not in {p.message!r}"
    if isinstance(exp.line, tuple):
        assert p.line in exp.line, str(p)
    else:
        assert p.line == exp.line, str(p)
    # the printed form: FILE: field.path: message (line N)
    text = str(p)
    assert text.startswith(f"{path}: {exp.path}: " if exp.path else f"{path}: ")
    assert p.message in text
    if p.line:
        assert text.endswith(f" (line {p.line})")
    # the exception's own text is the problems, one per line
    assert str(info.value) == text


def test_printed_form_matches_the_documented_example():
    with pytest.raises(CaseError) as info:
        check_case(MALFORMED / "finding-level-T13.yaml", "x.yaml")
    assert str(info.value.problems[0]) == \
        f"x.yaml: findings[0].level: 'T13' is not a vertebral level {LEVELS} (line 9)"


def test_turtle_syntax_message_is_clean():
    with pytest.raises(CaseError) as info:
        check_case(MALFORMED / "turtle-syntax-error.ttl")
    msg = info.value.problems[0].message
    assert "b'" not in msg and "\\n" not in msg, msg


# --- valid input ---

def test_published_case_copy_is_valid(tmp_path):
    copy = tmp_path / PUBLISHED.name
    shutil.copyfile(PUBLISHED, copy)
    loaded = check_case(copy)
    assert loaded.case_id == CASE_ID
    assert len(loaded.graph) > 100


def test_published_case_as_turtle_and_json_is_valid(tmp_path):
    """The Turtle and JSON forms of the published case (the baselines the malformed .ttl/.json files break)."""
    import json

    import yaml

    ttl = tmp_path / "published.ttl"
    ttl.write_text(read_case(PUBLISHED).graph.serialize(format="turtle"), encoding="utf-8")
    assert check_case(ttl).case_id == CASE_ID
    js = tmp_path / "published.json"
    js.write_text(json.dumps(yaml.safe_load(PUBLISHED.read_text(encoding="utf-8")), indent=1), encoding="utf-8")
    assert check_case(js).case_id == CASE_ID


def test_minimal_turtle_case_is_valid(tmp_path):
    """The valid form of the small .ttl files in tests/data/malformed (each breaks one thing of this)."""
    ttl = tmp_path / "minimal.ttl"
    ttl.write_text("""@prefix skg: <https://w3id.org/spinekg/> .
@prefix c: <https://w3id.org/spinekg/case/minimal/> .
<https://w3id.org/spinekg/case/minimal> a skg:Case ; skg:caseId "minimal" ;
    skg:hasImplant c:rod-left, c:rod-right, c:connector, c:screw ; skg:hasFinding c:lucency .
c:rod-left a skg:Rod ; skg:onSide skg:Left .
c:rod-right a skg:Rod ; skg:onSide skg:Left .
c:connector a skg:RodToRodConnector ; skg:atLevel skg:C6 ; skg:joinsRod c:rod-left, c:rod-right .
c:screw a skg:PedicleScrew ; skg:atLevel skg:T2 ; skg:onSide skg:Left .
c:lucency a skg:PeriImplantLucency ; skg:assertionStatus skg:Affirmed ; skg:aboutImplant c:screw ;
    skg:lucencyWidth c:width .
c:width a skg:Measurement ; skg:numericValue 3.0 ; skg:unit skg:Millimetre .
""", encoding="utf-8")
    assert check_case(ttl).case_id == "minimal"


def test_directory_and_missing_file(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(CaseError) as info:
        check_case(folder)
    [p] = info.value.problems
    assert p.source == str(folder) and "is a directory" in p.message
    with pytest.raises(CaseError) as info:
        check_case(tmp_path / "missing.yaml")
    [p] = info.value.problems
    assert "file not found" in p.message


def test_validate_collects_problems_of_every_file(tmp_path):
    kg = KnowledgeGraph.memory()
    names = ["implant-level-T13.yaml", "shacl-screw-without-level.ttl", "empty.yaml"]
    problems = kg.validate([PUBLISHED] + [MALFORMED / n for n in names])
    assert [Path(p.source).name for p in problems] == names


# --- the store: atomic loading and replacement ---

def _snapshot(kg: KnowledgeGraph) -> dict:
    ox_store = kg.store.oxigraph
    return {
        "graphs": set(kg.store.graph_names()),
        "count": len(ox_store),
        "quads": set(ox_store.quads_for_pattern(None, None, None, None)),
        "case": kg.store.graph_nt(f"{CASE_IRI}"),
        "case_ids": kg.case_ids(),
    }


def _second_case(tmp_path: Path) -> Path:
    p = tmp_path / "second.yaml"
    p.write_text(PUBLISHED.read_text(encoding="utf-8").replace(f"id: {CASE_ID}", "id: second-case", 1),
                 encoding="utf-8")
    return p


@pytest.mark.parametrize("bad", ["implant-level-T13.yaml", "shacl-connector-joins-one-rod.ttl",
                                 "yaml-unclosed-bracket.yaml"])
def test_batch_with_one_bad_file_leaves_the_store_exactly_as_it_was(tmp_path, bad):
    from spinekg.vocab import case_graph, inferred_graph

    store = tmp_path / "store"
    kg = KnowledgeGraph.open(store)
    valid = tmp_path / PUBLISHED.name
    shutil.copyfile(PUBLISHED, valid)
    assert kg.load([valid]) == [CASE_ID]
    before = _snapshot(kg)
    assert {case_graph(CASE_ID), inferred_graph(CASE_ID)} <= before["graphs"]
    assert before["case_ids"] == [CASE_ID]

    # a valid new case, a modified copy of the loaded case, and one bad file: nothing may be written
    modified = tmp_path / "modified" / PUBLISHED.name
    modified.parent.mkdir()
    modified.write_text(PUBLISHED.read_text(encoding="utf-8").replace("width: 4 mm", "width: 5 mm"), encoding="utf-8")
    with pytest.raises(CaseError) as info:
        kg.load([_second_case(tmp_path), modified, MALFORMED / bad])
    assert {Path(p.source).name for p in info.value.problems} == {bad}
    del info  # its traceback holds a frame referencing the store (and so its lock)

    after = _snapshot(kg)
    assert after["graphs"] == before["graphs"]
    assert after["count"] == before["count"]
    assert after["quads"] == before["quads"]
    assert after["case"] == before["case"]
    assert after["case_ids"] == [CASE_ID]
    assert not kg.has_case("second-case")

    # and on disk: reopen the store
    del kg
    gc.collect()
    kg = KnowledgeGraph.open(store)
    reopened = _snapshot(kg)
    assert reopened["graphs"] == before["graphs"] and reopened["count"] == before["count"]
    assert reopened["quads"] == before["quads"]


def test_duplicate_case_id_in_a_batch_loads_nothing(tmp_path):
    kg = KnowledgeGraph.open(tmp_path / "store")
    before = len(kg.store.oxigraph)
    a = tmp_path / "a" / PUBLISHED.name
    b = tmp_path / "b" / PUBLISHED.name
    for p in (a, b):
        p.parent.mkdir()
        shutil.copyfile(PUBLISHED, p)
    with pytest.raises(CaseError) as info:
        kg.load([a, b])
    [p] = info.value.problems
    assert p.path == "id" and CASE_ID in p.message and str(a) in p.message
    assert len(kg.store.oxigraph) == before and not kg.has_case(CASE_ID)


def _ask(kg: KnowledgeGraph, query: str) -> bool:
    return kg.sparql(query).boolean  # type: ignore[return-value]


def test_loading_a_case_again_replaces_it(tmp_path):
    from spinekg.vocab import case_graph, inferred_graph

    kg = KnowledgeGraph.open(tmp_path / "store")
    copy = tmp_path / PUBLISHED.name
    shutil.copyfile(PUBLISHED, copy)
    kg.load([copy])
    old = f"<{CASE_IRI}/finding/lucency-T2-left>"
    new = f"<{CASE_IRI}/finding/lucency-T2-left-revised>"
    assert _ask(kg, f"ASK {{ {old} a skg:PeriImplantLucency }}")
    graphs_before = set(kg.store.graph_names())

    text = copy.read_text(encoding="utf-8")
    assert text.count("id: lucency-T2-left\n") == 1 and text.count("width: 3 mm") == 1
    copy.write_text(text.replace("id: lucency-T2-left\n", "id: lucency-T2-left-revised\n")
                    .replace("width: 3 mm", "width: 2 mm"), encoding="utf-8")
    assert kg.load([copy]) == [CASE_ID]

    # the old finding is gone from every graph (asserted and inferred), the new one is there
    assert not _ask(kg, f"ASK {{ {{ {old} ?p ?o }} UNION {{ ?s ?p {old} }} }}")
    assert _ask(kg, f"ASK {{ {new} a skg:PeriImplantLucency }}")
    width = kg.sparql(f"SELECT ?v WHERE {{ {new} skg:lucencyWidth/skg:numericValue ?v }}").values("v")
    assert [float(v) for v in width] == [2.0]
    # still one case, the same named graphs, and the asserted graph equals the file
    assert kg.case_ids() == [CASE_ID]
    assert set(kg.store.graph_names()) == graphs_before
    assert kg.store.has_graph(case_graph(CASE_ID)) and kg.store.has_graph(inferred_graph(CASE_ID))
    assert _triples(kg.case_graph(CASE_ID)) == _triples(read_case(copy).graph)


def _triples(graph) -> set:
    """Triples with literals compared by value (the store writes the decimal 3.0 as 3)."""
    from rdflib import Literal

    return {(s, p, (o.datatype, o.toPython()) if isinstance(o, Literal) else o) for s, p, o in graph}


def test_public_names():
    assert spinekg.check_case is check_case and spinekg.CaseError is CaseError
