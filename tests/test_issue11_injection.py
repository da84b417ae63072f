"""Issue 11, item 1: a case file cannot wipe the store or inject triples.

A `source` that is not a valid IRI used to be pasted into a SPARQL update (INSERT DATA) and could run
`DROP ALL`. Now every IRI a case supplies is checked before anything is written, Turtle case files may
only describe their own case in the ontology's terms, and the stores take data through their loaders
(parsed strictly), never as update text. Every path in: the Python API, `spinekg load`/`validate`,
`ingest --context --load`, `POST /cases`, the remote store.
"""
from __future__ import annotations

import gc
import shutil
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from helpers import TOKEN, running_server
from spinekg import KnowledgeGraph
from spinekg.api import check_case_text
from spinekg.cases import CaseError
from spinekg.cli import main
from spinekg.store import StoreError

ROOT = Path(__file__).parent.parent
PUBLISHED = ROOT / "kb" / "cases" / "radiopaedia-connector-failure.yaml"
ROD = ROOT / "kb" / "cases" / "example-rod-fracture.yaml"
BASE = "https://w3id.org/spinekg/"
WIPE = "http://x> . } } ; DROP ALL ; INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <http://y"
# ends in a complete triple: once forged a fracture finding under another case
FORGE = ("http://x> . } } ; INSERT DATA { GRAPH <https://w3id.org/spinekg/case/example-rod-fracture/graph/asserted> "
         "{ <https://w3id.org/spinekg/case/example-rod-fracture/finding/forged> a "
         "<https://w3id.org/spinekg/ImplantFractureFinding> } } ; INSERT DATA { GRAPH <urn:g> { <urn:a> <urn:b> <http://y")
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def hostile_yaml(source: str, case_id: str = "hostile-case") -> str:
    text = PUBLISHED.read_text(encoding="utf-8")
    lines = [f"source: '{source}'" if line.startswith("source:") else line for line in text.splitlines()]
    return "\n".join(lines).replace("id: radiopaedia-connector-failure", f"id: {case_id}", 1) + "\n"


def dump(store_path: Path) -> bytes:
    kg = KnowledgeGraph.open(store_path)
    try:
        return kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
    finally:
        kg.close()
        del kg
        gc.collect()


@pytest.fixture(scope="module")
def base_store(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("injection") / "store"
    kg = KnowledgeGraph.open(path)
    kg.load([PUBLISHED, ROD])
    kg.close()
    del kg
    gc.collect()
    return path


@pytest.fixture
def store(base_store, tmp_path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(base_store, target)
    return target


def cli(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    code, out = result.exit_code, result.output
    del result
    gc.collect()
    return code, out


@pytest.mark.parametrize("source", [WIPE, FORGE, "http://a b", "https://x/a\"b", "https://x/a\tb", "file:///etc/passwd",
                                    "http://x/{y}", "www.example.org/no-scheme"])
def test_a_source_that_is_not_a_web_iri_is_one_located_problem(source):
    with pytest.raises(CaseError) as err:
        check_case_text(hostile_yaml(source), ".yaml", "hostile.yaml")
    (problem,) = err.value.problems
    assert problem.source == "hostile.yaml" and problem.path == "source" and problem.line == 7
    assert "IRI" in problem.message or "web address" in problem.message


def test_a_source_in_words_stays_text():
    loaded = check_case_text(hostile_yaml("Radiopaedia case 12345, p. 3"), ".yaml")
    assert loaded.case is not None and loaded.case.source == "Radiopaedia case 12345, p. 3"


@pytest.mark.parametrize("source", [WIPE, FORGE])
def test_load_refuses_it_alone_or_in_a_batch_and_the_store_is_byte_identical(store, tmp_path, source):
    before = dump(store)
    bad = tmp_path / "bad.yaml"
    bad.write_text(hostile_yaml(source), encoding="utf-8")
    good = tmp_path / "good.yaml"
    good.write_text(PUBLISHED.read_text(encoding="utf-8").replace(
        "id: radiopaedia-connector-failure", "id: a-good-case", 1), encoding="utf-8")
    code, out = cli("validate", bad)
    assert code == 1 and f"{bad}: source: " in out
    for files in ([bad], [good, bad], [bad, good]):
        code, out = cli("load", *files, "--store", store)
        assert code == 1 and f"{bad}: source: " in out and "nothing was loaded" in out
        assert dump(store) == before


def test_the_api_refuses_it_and_nothing_is_forged(store):
    kg = KnowledgeGraph.open(store)
    try:
        before = kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
        for source in (WIPE, FORGE):
            with pytest.raises(CaseError):
                kg.load_text(hostile_yaml(source), ".yaml")
        assert kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS) == before
        assert not kg.sparql(f"ASK {{ <{BASE}case/example-rod-fracture/finding/forged> ?p ?o }}").boolean
    finally:
        kg.close()


def test_ingest_context_gets_the_same_check(store, tmp_path):
    before = dump(store)
    report = tmp_path / "report.txt"
    report.write_text("There is 4 mm of lucency adjacent to the right pedicle screw at T2.\n", encoding="utf-8")
    context = tmp_path / "context.yaml"
    context.write_text(f"id: ingested-hostile\nsource: '{WIPE}'\n", encoding="utf-8")
    code, out = cli("ingest", report, "--context", context, "--load", "--store", store)
    assert code == 1 and "source" in out and "IRI" in out
    assert dump(store) == before


# --- the stores take data through their loaders, never as update text -------------------------------------
HOSTILE_NT = f'<{BASE}case/x> <{BASE}p> <{WIPE}> .\n'


def test_embedded_store_refuses_invalid_rdf_and_keeps_every_graph(store):
    kg = KnowledgeGraph.open(store)
    try:
        before = kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
        good = f'<{BASE}case/x> <{BASE}p> "fine" .\n'
        with pytest.raises(StoreError, match="invalid RDF"):
            kg.store.replace_graphs({f"{BASE}case/radiopaedia-connector-failure/graph/asserted": good,
                                     f"{BASE}case/x/graph/asserted": HOSTILE_NT})
        with pytest.raises(StoreError, match="not a valid graph IRI"):
            kg.store.replace_graphs({f"{BASE}case/x> . }} DROP ALL": good})
        assert kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS) == before
    finally:
        kg.close()


def test_remote_store_refuses_invalid_rdf_before_sending_anything(scratch_oxigraph):
    remote = scratch_oxigraph.store()
    try:
        target = f"{BASE}case/x/graph/asserted"
        remote.replace_graphs({target: f'<{BASE}case/x> <{BASE}p> "kept" .\n'})
        with pytest.raises(StoreError, match="invalid RDF"):
            remote.replace_graphs({target: HOSTILE_NT})
        with pytest.raises(StoreError, match="invalid RDF"):
            remote.add_ntriples(target, HOSTILE_NT)
        assert remote.graph_names() == [target]
        assert '"kept"' in remote.graph_nt(target)
    finally:
        remote.close()


# --- Turtle case files describe their own case in the ontology's terms -----------------------------------
TURTLE_HEAD = f"""@prefix skg: <{BASE}> .
@prefix c: <{BASE}case/ttl-case/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
<{BASE}case/ttl-case> a skg:Case ;
    skg:caseId "ttl-case" ;
    skg:hasImplant c:screw-T2-left .
c:screw-T2-left a skg:PedicleScrew ;
    skg:atLevel skg:T2 ;
    skg:onSide skg:Left .
"""


@pytest.mark.parametrize("extra, where, message", [
    (f"<{BASE}case/other/implant/s> skg:atLevel skg:T3 .", "<https://w3id.org/spinekg/case/other/implant/s> skg:atLevel",
     "a node of another case"),
    ("<urn:x> skg:atLevel skg:T3 .", "<urn:x> skg:atLevel", "neither a node of this case nor a term of the ontology"),
    (f"c:screw-T2-left skg:partOfConstruct <{BASE}case/other/construct/c> .", "screw-T2-left skg:partOfConstruct",
     "a node of another case"),
    ("c:screw-T2-left a skg:ScrewLoosening .", "screw-T2-left rdf:type", "is a conclusion the reasoner draws"),
    ("c:screw-T2-left a skg:MalpositionedScrew .", "screw-T2-left rdf:type", "is a conclusion the reasoner draws"),
    ("c:p a skg:PretestSetting ; skg:probability 0.99 .", "p rdf:type", "may not be asserted by a case file"),
    (f"<{BASE}case/ttl-case> owl:imports <http://example.org/more.ttl> .", "case owl:imports",
     "owl:imports is not allowed"),
    ("c:screw-T2-left skg:reportText <file:///etc/passwd> .", "screw-T2-left skg:reportText", "file: IRIs are not allowed"),
    ("c:screw-T2-left skg:madeUpProperty 3 .", "screw-T2-left skg:madeUpProperty", "not a property of the case format"),
    ("c:screw-T2-left skg:riskLevel skg:HighRisk .", "screw-T2-left skg:riskLevel", "not a property of the case format"),
    ("c:screw-T2-left a skg:NoSuchClass .", "screw-T2-left rdf:type", "is not a class of the ontology"),
    ("c:screw-T2-left skg:atLevel <http://a b/T2> .", "screw-T2-left skg:atLevel", "is not a valid IRI"),
])
def test_turtle_statements_a_case_may_not_make(extra, where, message):
    with pytest.raises(CaseError) as err:
        check_case_text(TURTLE_HEAD + extra + "\n", ".ttl", "case.ttl")
    assert any(p.path == where and message in p.message for p in err.value.problems), err.value.problems
    located = [p for p in err.value.problems if p.path == where]
    assert all(p.line is not None and p.line >= 10 for p in located), located


def test_a_turtle_case_in_its_own_terms_is_valid():
    loaded = check_case_text(TURTLE_HEAD, ".ttl")
    assert loaded.case_id == "ttl-case"


def test_an_id_with_a_trailing_newline_is_refused():
    text = PUBLISHED.read_text(encoding="utf-8").replace("{id: debridement,", '{id: "debridement\\n",', 1)
    with pytest.raises(CaseError) as err:
        check_case_text(text, ".yaml")
    assert [(p.path, p.line) for p in err.value.problems] == [("procedures[2].id", 29)]


# --- over HTTP -----------------------------------------------------------------------------------------------
def test_post_cases_refuses_it_and_nothing_changes(store, tmp_path):
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    with running_server(store, "--allow-updates", "--token", TOKEN, log_dir=tmp_path) as server:
        with httpx.Client(base_url=server.url, timeout=30) as c:
            before = c.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"}).text
            for source in (WIPE, FORGE):
                r = c.post("/cases", content=hostile_yaml(source), headers={**AUTH, "Content-Type": "application/yaml"})
                assert r.status_code == 400, r.text
                assert r.json()["problems"][0]["path"] == "source"
            after = c.get("/sparql", params={"query": count}, headers={"Accept": "text/csv"}).text
            assert after == before
        assert "Traceback" not in server.log_text()
