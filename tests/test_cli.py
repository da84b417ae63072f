"""The `spinekg` command line: exit codes (0 ok, 1 invalid or failed, 2 usage), one line per problem, no tracebacks."""
from __future__ import annotations

import csv
import gc
import io
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from spinekg.cli import main

HERE = Path(__file__).parent
MALFORMED = HERE / "data" / "malformed"
PUBLISHED = HERE.parent / "kb" / "cases" / "radiopaedia-connector-failure.yaml"
CASE_ID = "radiopaedia-connector-failure"
CASES_QUERY = "SELECT ?id WHERE { ?c a skg:Case ; skg:caseId ?id } ORDER BY ?id"

# malformed files the validator wrongly accepts (known bugs, see tests/test_validation.py)
ACCEPTED: set[str] = set()  # malformed files that were once wrongly accepted are all rejected now
BAD_FILES = sorted(p for p in MALFORMED.iterdir() if p.name not in ACCEPTED)


@dataclass
class Run:
    exit_code: int
    output: str  # stdout and stderr, interleaved
    stdout: str
    stderr: str
    exception: BaseException | None


def run(*args: str, env: dict[str, str] | None = None) -> Run:
    """Invoke the CLI in-process; the result is copied out so no frame keeps the store (and its lock) alive."""
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    out = Run(result.exit_code, result.output, result.stdout, result.stderr,
              None if isinstance(result.exception, SystemExit) else result.exception)
    del result
    gc.collect()
    assert out.exception is None, f"uncaught {out.exception!r}\n{out.output}"
    assert "Traceback" not in out.output
    return out


@pytest.fixture(autouse=True)
def _no_default_store(tmp_path, monkeypatch):
    """Never touch the user's default store: point $SPINEKG_STORE and XDG_DATA_HOME into tmp_path."""
    monkeypatch.setenv("SPINEKG_STORE", str(tmp_path / "env-default-store"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="module")
def loaded_store(tmp_path_factory) -> Path:
    """An on-disk store holding the published case (loaded through the CLI)."""
    store = tmp_path_factory.mktemp("cli") / "store"
    r = run("load", "--store", store, PUBLISHED)
    assert r.exit_code == 0, r.output
    assert f"loaded 1 case(s): {CASE_ID}" in r.stdout
    return store


# --- validate ---

def test_validate_valid_file_exits_0(tmp_path):
    copy = tmp_path / "case.yaml"
    shutil.copyfile(PUBLISHED, copy)
    r = run("validate", copy)
    assert r.exit_code == 0, r.output
    assert r.stdout.strip() == "1 case(s) in 1 file(s) valid"


def test_validate_bad_files_one_line_per_problem_naming_the_file():
    r = run("validate", *BAD_FILES)
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    # each malformed file has exactly one problem: one line each, in order, each naming its file
    assert len(lines) == len(BAD_FILES), r.stdout
    for line, path in zip(lines, BAD_FILES):
        assert line.startswith(f"{path}: "), line
    assert f"{len(BAD_FILES)} problem(s) in {len(BAD_FILES)} file(s)" in r.stderr


def test_validate_line_format():
    r = run("validate", MALFORMED / "implant-level-T13.yaml")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [f"{MALFORMED / 'implant-level-T13.yaml'}: implants[1].level: 'T13' is not a "
                                     "vertebral level (C1-C7, T1-T12, L1-L5, S1-S5, Co1) (line 9)"]


@pytest.mark.parametrize("name", [p.name for p in BAD_FILES])
def test_validate_each_bad_file_exits_1_without_traceback(name):
    r = run("validate", MALFORMED / name)
    assert r.exit_code == 1
    assert r.stdout.startswith(f"{MALFORMED / name}: ")


def test_validate_a_folder_checks_the_case_files_in_it(tmp_path):
    shutil.copyfile(PUBLISHED, tmp_path / "good.yaml")
    shutil.copyfile(MALFORMED / "shacl-screw-without-level.ttl", tmp_path / "bad.ttl")
    (tmp_path / "notes.txt").write_text("not a case", encoding="utf-8")  # ignored inside a folder
    r = run("validate", tmp_path)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [f"{tmp_path / 'bad.ttl'}: implant/screw-left.skg:atLevel: "
                                     "a screw needs exactly one level (skg:atLevel)"]
    assert "1 problem(s) in 2 file(s)" in r.stderr


def test_validate_missing_file_exits_1(tmp_path):
    r = run("validate", tmp_path / "nope.yaml")
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [f"{tmp_path / 'nope.yaml'}: file not found (no such file or folder)"]
    assert "1 problem(s)" in r.stderr


# --- every format synth writes validates and loads (issue 17) ---

@pytest.mark.parametrize("fmt", ["yaml", "jsonl"])
def test_every_synth_format_validates_and_loads(tmp_path, fmt):
    folder = tmp_path / "registry"
    assert run("synth", "--cases", "3", "--seed", "5", "--out", folder, "--format", fmt).exit_code == 0
    v = run("validate", folder)
    assert v.exit_code == 0, v.output
    assert v.stdout.strip() == f"3 case(s) in {1 if fmt == 'jsonl' else 3} file(s) valid"
    r = run("load", folder, "--store", tmp_path / "store", "--no-reason")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("loaded 3 case(s): synth-5-000000, synth-5-000001, synth-5-000002")


def test_a_bad_line_in_a_jsonl_file_is_named_and_nothing_loads(tmp_path):
    folder = tmp_path / "registry"
    run("synth", "--cases", "2", "--out", folder, "--format", "jsonl")
    (jsonl,) = folder.glob("*.jsonl")
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    jsonl.write_text(lines[0] + "\n\n" + lines[1].replace('"patient":', '"patients":', 1) + "\n", encoding="utf-8")
    r = run("load", folder, "--store", tmp_path / "store")
    assert r.exit_code == 1
    assert f"{jsonl}:3: patients: unknown field 'patients'" in r.stdout
    assert "nothing was loaded" in r.stderr


@pytest.mark.parametrize("command", ["validate", "load"])
def test_a_folder_without_case_files_is_an_error(tmp_path, command):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("not a case", encoding="utf-8")
    r = run(command, tmp_path / "empty", *(["--store", tmp_path / "store"] if command == "load" else []))
    assert r.exit_code == 1
    assert f"{tmp_path / 'empty'}: is a folder with no case files in it" in r.stdout + r.stderr
    assert "loaded 0" not in r.output


def test_load_of_a_missing_path_says_not_found(tmp_path):
    r = run("load", tmp_path / "nowhere", "--store", tmp_path / "store")
    assert r.exit_code == 1 and f"{tmp_path / 'nowhere'}: file not found" in r.stdout and "nothing was loaded" in r.stderr


@pytest.mark.parametrize("args", [["validate"], ["validate", "--bogus", "x.yaml"], ["nosuchcommand"],
                                  ["sparql"], ["cases", "--format", "xml"], ["explain"], ["load"],
                                  ["reason", "--pretest", "2"]])
def test_usage_errors_exit_2(args):
    r = run(*args)
    assert r.exit_code == 2, r.output
    assert "Usage:" in r.output and "Error:" in r.output


# --- load ---

def test_load_bad_file_exits_1_and_prints_the_problem(tmp_path):
    store = tmp_path / "store"
    bad = MALFORMED / "lucency-width-implausible.yaml"
    r = run("load", "--store", store, bad)
    assert r.exit_code == 1
    assert f"{bad}: findings[0].width: '80 mm' is above the plausible maximum of 20 mm (line 11)" in r.stdout
    assert "nothing was loaded" in r.stderr
    r = run("cases", "--store", store)
    assert r.exit_code == 0 and "(0 case(s))" in r.stdout


def test_load_batch_with_a_bad_file_loads_nothing(tmp_path):
    store = tmp_path / "store"
    bad = MALFORMED / "shacl-connector-joins-one-rod.ttl"
    r = run("load", "--store", store, PUBLISHED, bad)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [f"{bad}: implant/connector-C6-left.skg:joinsRod: a rod-to-rod connector "
                                     "must name at least two rods it joins (skg:joinsRod)"]
    assert CASE_ID not in run("cases", "--store", store).stdout


def test_load_again_replaces_the_case(tmp_path):
    store = tmp_path / "store"
    copy = tmp_path / PUBLISHED.name
    shutil.copyfile(PUBLISHED, copy)
    assert run("load", "--store", store, copy).exit_code == 0
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("id: scs-lead-in-canal\n", "id: lead-in-canal-revised\n"), encoding="utf-8")
    assert run("load", "--store", store, copy).exit_code == 0
    r = run("sparql", "--store", store, "--format", "csv",
            "SELECT ?f WHERE { ?c skg:hasFinding ?f FILTER(CONTAINS(STR(?f), 'canal')) }")
    assert [row["f"].rsplit("/", 1)[-1] for row in csv.DictReader(io.StringIO(r.stdout))] == ["lead-in-canal-revised"]
    assert "(1 case(s))" in run("cases", "--store", store).stdout


# --- cases ---

def test_cases_table(loaded_store):
    r = run("cases", "--store", loaded_store)
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].startswith(f"{CASE_ID}: 16 implants, 11 findings - Cervical spine")
    assert r.stdout.splitlines()[-1] == "(1 case(s))"


def test_cases_json(loaded_store):
    r = run("cases", "--store", loaded_store, "--format", "json")
    assert r.exit_code == 0
    [row] = json.loads(r.stdout)
    assert row["id"] == CASE_ID and row["constructed"] is False
    assert row["implants"] == 16 and row["findings"] == 11


def test_cases_csv(loaded_store):
    r = run("cases", "--store", loaded_store, "--format", "csv")
    assert r.exit_code == 0
    [row] = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["id"] == CASE_ID and row["implants"] == "16" and row["findings"] == "11"
    assert row["title"].startswith("Cervical spine rod-to-rod connector failure")



def test_cases_csv_with_a_quote_in_the_title(tmp_path):
    case = tmp_path / "quoted.yaml"
    case.write_text("id: quoted-title\ntitle: 'The \"floating\" rod, revisited'\n", encoding="utf-8")
    store = tmp_path / "store"
    assert run("load", "--store", store, "--no-reason", case).exit_code == 0
    r = run("cases", "--store", store, "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(r.stdout)))
    assert row["title"] == 'The "floating" rod, revisited' and row["findings"] == "0"


# --- sparql ---

def test_sparql_table(loaded_store):
    r = run("sparql", "--store", loaded_store, "--format", "table", CASES_QUERY)
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0].strip() == "id" and set(lines[1].strip()) == {"-"}
    assert lines[2].strip() == CASE_ID and lines[3] == "(1 row)"


def test_sparql_json_follows_sparql_results_json(loaded_store):
    r = run("sparql", "--store", loaded_store, "--format", "json",
            "SELECT ?id ?implant WHERE { ?c skg:caseId ?id ; skg:hasImplant ?implant } ORDER BY ?implant")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["head"]["vars"] == ["id", "implant"]
    bindings = doc["results"]["bindings"]
    assert len(bindings) == 16
    for b in bindings:
        assert set(b) == {"id", "implant"}
        assert b["id"] == {"type": "literal", "value": CASE_ID}
        assert b["implant"]["type"] == "uri" and b["implant"]["value"].startswith(
            f"https://w3id.org/spinekg/case/{CASE_ID}/implant/")


def test_sparql_json_typed_literal_and_ask(loaded_store):
    r = run("sparql", "--store", loaded_store, "--format", "json",
            "SELECT ?n WHERE { ?p skg:priorSpineSurgeryCount ?n }")
    [b] = json.loads(r.stdout)["results"]["bindings"]
    assert b["n"]["type"] == "literal" and b["n"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"
    r = run("sparql", "--store", loaded_store, "--format", "json", "ASK { ?c a skg:Case }")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {"head": {}, "boolean": True}


def test_sparql_csv(loaded_store):
    r = run("sparql", "--store", loaded_store, "--format", "csv",
            "SELECT ?id ?title WHERE { ?c skg:caseId ?id ; dcterms:title ?title }")
    assert r.exit_code == 0
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["id", "title"]
    assert rows[1][0] == CASE_ID and rows[1][1].startswith("Cervical spine")


def test_sparql_from_a_query_file(loaded_store, tmp_path):
    rq = tmp_path / "cases.rq"
    rq.write_text(CASES_QUERY + "\n", encoding="utf-8")
    r = run("sparql", "--store", loaded_store, "--format", "csv", rq)
    assert r.exit_code == 0
    assert r.stdout.split() == ["id", CASE_ID]


@pytest.mark.parametrize("query", [
    "SELEKT ?x WHERE { ?x ?p ?o }",
    "SELECT ?x WHERE { ?x a }",
    "SELECT ?x WHERE { ?x nope:thing ?o }",  # once 5 lines of oxigraph's expected Unicode character classes
])
def test_sparql_syntax_error_is_one_clear_message(loaded_store, query):
    r = run("sparql", "--store", loaded_store, query)
    assert r.exit_code == 1
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    assert lines[0].startswith("spinekg: SPARQL syntax error")


# --- reason and explain ---

def test_a_pretest_given_to_reason_is_kept_until_changed(tmp_path):
    """Issue 17: `reason --case X --pretest P` is no longer forgotten by the next plain `reason`."""
    store = tmp_path / "store"
    assert run("load", "--store", store, PUBLISHED).exit_code == 0
    q = "SELECT DISTINCT ?p WHERE { ?n a skg:PostTestProbability ; skg:pretestProbability ?p } ORDER BY ?p"

    def pretests() -> list[str]:
        r = run("sparql", q, "--store", store, "--format", "csv")
        assert r.exit_code == 0, r.output
        return r.stdout.split()[1:]

    assert pretests() == ["0.05"]
    assert run("reason", "--store", store, "--case", CASE_ID, "--pretest", "0.2").exit_code == 0
    assert pretests() == ["0.2"]
    assert run("reason", "--store", store).exit_code == 0
    assert pretests() == ["0.2"]
    both = run("reason", "--store", store, "--pretest", "0.2", "--default-pretest")
    assert both.exit_code == 2 and "not both" in both.stderr
    assert run("reason", "--store", store, "--default-pretest").exit_code == 0
    assert pretests() == ["0.05"]


def test_reason_unknown_case_exits_1(loaded_store):
    r = run("reason", "--store", loaded_store, "--case", "unknown")
    assert r.exit_code == 1
    assert r.stderr.strip() == f"spinekg: no case 'unknown' in the store at {loaded_store} (cases: {CASE_ID})"


def test_reason_known_case(loaded_store):
    r = run("reason", "--store", loaded_store, "--case", CASE_ID)
    assert r.exit_code == 0, r.output
    assert CASE_ID in r.stdout


def test_explain_unknown_case_exits_1_listing_the_cases(loaded_store):
    r = run("explain", "--store", loaded_store, "unknown")
    assert r.exit_code == 1
    assert r.stderr.strip() == f"spinekg: no case 'unknown' in the store at {loaded_store} (cases: {CASE_ID})"


def test_explain_unknown_conclusion_exits_1_listing_what_exists(loaded_store):
    r = run("explain", "--store", loaded_store, CASE_ID, "--conclusion", "nonsense")
    assert r.exit_code == 1
    msg = r.stderr.strip()
    assert len(msg.splitlines()) == 1
    assert msg.startswith("spinekg: no conclusion matches 'nonsense' (conclusions: ")
    assert f"{CASE_ID}/implant/screw-T2-left/suspected-loosening" in msg


def test_explain_json_parses(loaded_store):
    r = run("explain", "--store", loaded_store, CASE_ID, "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert isinstance(doc, list) and doc
    for node in doc:
        assert node["iri"].startswith(f"https://w3id.org/spinekg/case/{CASE_ID}")
        assert {"label", "kind", "rules", "premises"} <= set(node)
    # a conclusion filter narrows the explanation
    r = run("explain", "--store", loaded_store, CASE_ID, "--conclusion", "suspected-loosening", "--format", "json")
    assert r.exit_code == 0
    narrowed = json.loads(r.stdout)
    assert narrowed and all("loosening" in n["iri"] or "loosening" in n["label"] for n in narrowed)


def test_explain_text(loaded_store):
    r = run("explain", "--store", loaded_store, CASE_ID, "--conclusion", "suspected-loosening")
    assert r.exit_code == 0
    assert "T2" in r.stdout


# --- choosing the store ---

def test_store_option_and_environment_variable(tmp_path):
    env_store, opt_store = tmp_path / "from-env", tmp_path / "from-option"
    env = {"SPINEKG_STORE": str(env_store)}
    r = run("load", PUBLISHED, env=env)  # no --store: $SPINEKG_STORE decides
    assert r.exit_code == 0, r.output
    assert env_store.is_dir() and not opt_store.exists()
    assert CASE_ID in run("cases", env=env).stdout
    # --store wins over $SPINEKG_STORE
    r = run("cases", "--store", opt_store, env=env)
    assert r.exit_code == 0 and "(0 case(s))" in r.stdout and opt_store.is_dir()
    r = run("sparql", "--store", env_store, "--format", "csv", CASES_QUERY, env={"SPINEKG_STORE": str(opt_store)})
    assert r.stdout.split() == ["id", CASE_ID]
    # and the other way round
    r = run("sparql", "--format", "csv", CASES_QUERY, env={"SPINEKG_STORE": str(opt_store)})
    assert r.stdout.split() == ["id"]


# --- the installed command, as a real process ---

def _spinekg_exe() -> str:
    exe = Path(sys.executable).parent / "spinekg"
    if exe.exists():
        return str(exe)
    found = shutil.which("spinekg")
    if not found:
        pytest.skip("the spinekg command is not installed")
    return found


def test_installed_command_in_a_subprocess(tmp_path):
    exe = _spinekg_exe()
    env = {**os.environ, "SPINEKG_STORE": str(tmp_path / "store"), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    bad = [MALFORMED / "implant-level-T13.yaml", MALFORMED / "yaml-unclosed-bracket.yaml",
           MALFORMED / "shacl-negative-numeric-value.ttl"]
    proc = subprocess.run([exe, "validate", str(PUBLISHED), *map(str, bad)], capture_output=True, text=True,
                          env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = proc.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [str(p) for p in bad]
    assert lines[1].endswith("(line 5)") and "malformed YAML" in lines[1]
    assert "3 problem(s) in 4 file(s)" in proc.stderr

    # usage error, and the environment variable choosing the store
    proc = subprocess.run([exe, "validate"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    proc = subprocess.run([exe, "load", str(PUBLISHED)], capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "store").is_dir()
    proc = subprocess.run([exe, "cases", "--format", "json"], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0 and [r["id"] for r in json.loads(proc.stdout)] == [CASE_ID]


def test_installed_command_never_prints_a_traceback(tmp_path):
    """Every malformed file, through the real command (these once included TypeError crashes)."""
    proc = subprocess.run([_spinekg_exe(), "validate", str(MALFORMED)], capture_output=True, text=True,
                          env={**os.environ, "SPINEKG_STORE": str(tmp_path / "store")}, timeout=300)
    assert "Traceback" not in proc.stdout + proc.stderr
    assert proc.returncode == 1
    named = {line.split(": ", 1)[0] for line in proc.stdout.splitlines()}
    # the folder holds the case files (.yaml, .json, .ttl); the known wrongly-accepted ones are not named
    assert named == {str(p) for p in BAD_FILES if p.suffix in {".yaml", ".json", ".ttl"}}


# --- tables and JSON (issue 17) ---

def test_table_cells_are_cut_with_a_marker_and_take_a_width(loaded_store):
    query = "SELECT ?title WHERE { ?c a skg:Case ; dcterms:title ?title }"
    title = "Cervical spine rod-to-rod connector failure and pedicle screw malalignment with loosening"
    default = run("sparql", query, "--store", loaded_store)
    assert default.exit_code == 0
    assert title[:59] + "…" in default.stdout and title not in default.stdout
    wide = run("sparql", query, "--store", loaded_store, "--width", "200")
    assert title in wide.stdout and "…" not in wide.stdout
    narrow = run("query", "cases", "--store", loaded_store, "--width", "10")
    assert "radiopaed…" in narrow.stdout
    assert all(len(cell) <= 10 for line in narrow.stdout.splitlines()[2:-1] for cell in line.split("  ") if cell)
    assert run("sparql", query, "--store", loaded_store, "--width", "1").exit_code == 2


def test_sparql_json_on_construct_is_json_ld(loaded_store):
    from rdflib import Graph, Literal, URIRef

    query = "CONSTRUCT { ?c skg:caseId ?id } WHERE { ?c a skg:Case ; skg:caseId ?id }"
    r = run("sparql", query, "--store", loaded_store, "--format", "json")
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert isinstance(data, list) and "triples" not in r.stdout
    g = Graph().parse(data=r.stdout, format="json-ld")
    assert set(g) == {(URIRef(f"https://w3id.org/spinekg/case/{CASE_ID}"), URIRef("https://w3id.org/spinekg/caseId"),
                       Literal(CASE_ID))}


# --- every command that opens a store takes --endpoint; "no case" names the store (issue 17) ---

def test_draw_export_and_ingest_load_take_an_endpoint(scratch_oxigraph, tmp_path):
    endpoint = ["--endpoint", scratch_oxigraph.query_url, "--update-endpoint", scratch_oxigraph.update_url]
    assert run("load", PUBLISHED, *endpoint).exit_code == 0
    svg = tmp_path / "construct.svg"
    drawn = run("draw", CASE_ID, "-o", svg, *endpoint)
    assert drawn.exit_code == 0, drawn.output
    assert svg.read_text(encoding="utf-8").count("<svg") == 1 and 'id="connector-C6-left"' in svg.read_text()
    exported = run("export", CASE_ID, "--format", "json", *endpoint)
    assert exported.exit_code == 0 and "rod-thoracic-left" in exported.stdout
    pytest.importorskip("medspacy")
    report = HERE / "data" / "nlp" / "published-case-findings.txt"
    context = HERE / "data" / "nlp" / "published-context.yaml"
    ingested = run("ingest", report, "--context", context, "--case-id", "from-report", "--load", *endpoint)
    assert ingested.exit_code == 0, ingested.output
    assert f"into the SPARQL server at {scratch_oxigraph.query_url}" in ingested.stderr
    listed = run("cases", "--format", "json", *endpoint)
    assert {c["id"] for c in json.loads(listed.stdout)} == {CASE_ID, "from-report"}


@pytest.mark.parametrize("command", [["explain", "nope"], ["reason", "--case", "nope"], ["draw", "nope", "-o", "x.svg"],
                                     ["export", "nope"]])
def test_no_case_errors_name_the_store(loaded_store, command):
    r = run(*command, "--store", loaded_store)
    assert r.exit_code == 1
    assert f"no case 'nope' in the store at {loaded_store} (cases: {CASE_ID})" in r.stderr


def test_demo_ends_with_a_one_screen_summary_and_next_commands_that_work(tmp_path):
    store = tmp_path / "demo-store"
    r = run("demo", "--store", store)
    assert r.exit_code == 0, r.output
    bundled = {p.stem for p in (HERE.parent / "kb" / "cases").glob("*.yaml")}
    tail = r.stdout.rstrip("\n").split("\n\nSummary: ")[-1].splitlines()
    assert tail[0] == f"{len(bundled)} case(s)"
    assert len(tail) <= 30, "the summary is longer than one screen"
    rows = {line.split()[0]: line for line in tail[2:2 + len(bundled)]}
    assert set(rows) == bundled
    # the published case: revision evaluation indicated, and its connector failure among its conclusions
    assert rows[CASE_ID].split()[1] == "indicated" and "connector failure" in rows[CASE_ID]
    assert rows["example-stimulator-only"].split()[1] == "-"
    commands = [line.split("#")[0].split() for line in tail if line.startswith("  ") and f"--store {store}" in line]
    assert [c[1] for c in commands] == ["cases", "explain", "query", "serve"]
    for command in commands[:3]:  # serve would not return
        done = run(*command[1:])
        assert done.exit_code == 0, done.output
        assert done.stdout.strip()
