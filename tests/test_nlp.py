"""Report ingestion with medspaCy (issue 6): the published case end to end, each phenomenon, bad input, quality."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

import click
import pyoxigraph as ox
from click.testing import CliRunner

from spinekg import KnowledgeGraph, check_case
from spinekg.cases import case_from_data
from spinekg.nlp import MAX_REPORT_BYTES, ReportError, extract, ingest_file, ingest_text, read_report
from spinekg.nlp.case import IngestError
from spinekg.nlp.command import ingest
from spinekg.nlp.evaluation import evaluate, load_eval_set
from spinekg.vocab import inferred_graph

DATA = Path(__file__).parent / "data" / "nlp"
PUBLISHED = DATA / "published-case-findings.txt"
CONTEXT = DATA / "published-context.yaml"
HAND = "radiopaedia-connector-failure"
INGESTED = "radiopaedia-connector-failure-ingested"


def facts(text: str) -> list[dict]:
    return [f.as_eval() for f in extract(text).facts]


def one(text: str) -> dict:
    got = facts(text)
    assert len(got) == 1, got
    return got[0]


def keyset(text: str, *fields: str) -> set[tuple]:
    return {tuple(f[k] for k in fields) for f in facts(text)}


# --- the published case, end to end ---------------------------------------------------------------

@pytest.fixture(scope="module")
def published(tmp_path_factory):
    out = tmp_path_factory.mktemp("ingest") / "published.yaml"
    result = ingest_file(PUBLISHED, context=CONTEXT)
    out.write_text(result.to_yaml(), encoding="utf-8")
    return result, out


@pytest.fixture(scope="module")
def kg(published):
    from importlib.resources import as_file

    from spinekg.data import example_case_files

    _, path = published
    kg = KnowledgeGraph.memory()
    [hand] = [f for f in example_case_files() if f.name == f"{HAND}.yaml"]
    with as_file(hand) as p:
        kg.load([p, path])
    return kg


def conclusions(kg: KnowledgeGraph, case_id: str, cls: str) -> set[tuple[str, str]]:
    q = f"""SELECT ?level ?side ?g WHERE {{ GRAPH ?g {{ ?c a skg:{cls} ; prov:wasGeneratedBy ?d .
             OPTIONAL {{ ?c skg:atLevel ?l }} OPTIONAL {{ ?c skg:onSide ?s }} }}
             BIND (STRAFTER(STR(?l), "spinekg/") AS ?level) BIND (STRAFTER(STR(?s), "spinekg/") AS ?side) }}"""
    res = kg.sparql(q, bindings={"g": ox.NamedNode(inferred_graph(case_id))})
    return {(r["level"].value if r.get("level") else "", r["side"].value if r.get("side") else "") for r in res.rows}


def rule_classes(kg: KnowledgeGraph, case_id: str) -> set[tuple[str, str, str]]:
    """Every conclusion drawn by the SPARQL rules (the construct graph's own parts left out)."""
    q = """SELECT ?cls ?level ?side ?g WHERE { GRAPH ?g { ?c a ?cls ; prov:wasGeneratedBy ?d .
             ?d skg:appliedRule ?rule . FILTER (!STRENDS(STR(?rule), "construct-graph"))
             OPTIONAL { ?c skg:atLevel ?l } OPTIONAL { ?c skg:onSide ?s } }
             FILTER (STRSTARTS(STR(?cls), "https://w3id.org/spinekg/"))
             BIND (STRAFTER(STR(?l), "spinekg/") AS ?level) BIND (STRAFTER(STR(?s), "spinekg/") AS ?side) }"""
    res = kg.sparql(q, bindings={"g": ox.NamedNode(inferred_graph(case_id))})
    return {(r["cls"].value.rsplit("/", 1)[-1], r["level"].value if r.get("level") else "",
             r["side"].value if r.get("side") else "") for r in res.rows}


def test_published_case_validates(published):
    result, path = published
    assert check_case(path).case_id == INGESTED
    case_from_data(result.case)
    assert result.case["patient"]["age"] == 55 and result.case["studies"] == [{"id": "ct", "modality": "CT"}]


def test_same_loosening_screws(kg):
    assert conclusions(kg, INGESTED, "ScrewLoosening") == conclusions(kg, HAND, "ScrewLoosening") == {
        ("T2", "Left"), ("T2", "Right")}


def test_same_six_malpositioned_screws(kg):
    six = {("T3", "Left"), ("T3", "Right"), ("T4", "Left"), ("T4", "Right"), ("T6", "Right"), ("T7", "Right")}
    assert conclusions(kg, INGESTED, "ScrewMalposition") == conclusions(kg, HAND, "ScrewMalposition") == six


def test_both_connector_failures_hardware_failure_and_discontinuity(kg):
    assert conclusions(kg, INGESTED, "ConnectorFailure") == {("C6", "Left"), ("C6", "Right")}
    assert conclusions(kg, INGESTED, "ConstructDiscontinuity") >= {("C6", "Left"), ("C6", "Right")}
    assert len(conclusions(kg, INGESTED, "HardwareFailure")) == 1


def test_revision_evaluation_and_stimulator_placement(kg):
    assert conclusions(kg, INGESTED, "RevisionEvaluationIndication")
    assert len(conclusions(kg, INGESTED, "ExpectedDevicePlacement")) == 1
    res = kg.sparql("""SELECT ?label ?g WHERE { GRAPH ?g { ?i a skg:RevisionEvaluationIndication ; skg:reason ?r .
                       ?r rdfs:label ?label } }""", bindings={"g": ox.NamedNode(inferred_graph(INGESTED))})
    labels = " | ".join(r["label"].value for r in res.rows)
    assert "hardware failure" in labels and "loosening of 2 screws" in labels


def test_rule_conclusions_equal_the_hand_encoded_case(kg):
    assert rule_classes(kg, INGESTED) == rule_classes(kg, HAND)


def test_connectors_join_cervical_and_thoracic_rods_per_side(published):
    result, _ = published
    conns = {i["side"]: i for i in result.case["implants"] if i["type"] == "rod to rod connector"}
    assert set(conns) == {"left", "right"}
    for side, c in conns.items():
        assert c["level"] == "C6" and c["joins"] == [f"rod-cervical-{side}", f"rod-thoracic-{side}"]
    rc = {f["implant"]: f for f in result.case["findings"] if f["type"] == "rod connector"}
    for side, direction in (("left", "posteromedial"), ("right", "posterior")):
        f = rc[f"rod-thoracic-{side}"]
        assert (f["subluxed"], f["secured"], f["direction"], f["connector"]) == (True, False, direction, f"connector-C6-{side}")


def test_every_finding_keeps_its_provenance(published):
    result, path = published
    report = PUBLISHED.read_text(encoding="utf-8")
    extracted = list(result.case["findings"])
    assert [p["finding"] for p in result.provenance] == [f["id"] for f in extracted]
    for f, p in zip(extracted, result.provenance, strict=True):
        assert report[p["start"]:p["end"]] == p["sentence"] == f["text"]
        assert p["spans"], f
        for sp in p["spans"]:
            assert report[sp["start"]:sp["end"]] == sp["text"]
    text = path.read_text(encoding="utf-8")
    assert "# report chars" in text and "FINDING 'subluxed'" in text
    assert yaml.safe_load(text)["id"] == INGESTED


# --- what it must understand ----------------------------------------------------------------------

def test_levels_and_ranges():
    assert keyset("Lucency around the pedicle screws from T2 through T4 on the left.", "level") == {("T2",), ("T3",), ("T4",)}
    assert keyset("The screws at L4-5 bilaterally are loose.", "level", "side") == {
        ("L4", "left"), ("L4", "right"), ("L5", "left"), ("L5", "right")}
    assert one("The left rod is fractured between L3 and S1.")["level"] == "L3-S1"
    assert one("The right rod spanning C7–T9 is fractured.")["level"] == "C7-T9"
    assert one("There is a fracture of the plate at the level of C6.")["level"] == "C6"
    assert one("The L3-S1 rod on the right is broken.")["level"] == "L3-S1"
    assert keyset("The right pedicle screws at the levels of T6 and T7 breach laterally.", "level") == {("T6",), ("T7",)}


def test_enumerations_and_sides():
    assert keyset("The left L3 and right L4 pedicle screws are fractured.", "level", "side") == {("L3", "left"), ("L4", "right")}
    assert keyset("The bilateral pedicle screws at T4 are backing out.", "level", "side") == {("T4", "left"), ("T4", "right")}
    assert keyset("Both S1 screws show a 2 mm halo.", "side") == {("left",), ("right",)}
    assert keyset("The screws on the left at C3 and on the right at C4 are lateral to the lateral masses.",
                  "level", "side") == {("C3", "left"), ("C4", "right")}


def test_negation():
    f = one("No evidence of hardware loosening.")
    assert (f["implant"], f["finding"], f["status"]) == ("hardware", "loosening", "negated")
    assert one("The rods are not fractured.")["status"] == "negated"
    assert one("The L4-L5 cage is well positioned without subsidence.")["status"] == "negated"
    # "not fully contained" is the finding, not its negation
    assert one("The left T3 screw is not fully contained within the pedicle, extending medially.")["status"] == "affirmed"
    # the negation stops at "but"
    got = {f["finding"]: f["status"] for f in facts("No rod fracture, but the left S1 screw has backed out 3 mm.")}
    assert got == {"fracture": "negated", "migration": "affirmed"}


def test_uncertainty():
    for text in ("Possible lucency about the right L5 screw.", "The right S1 screw is likely loose.",
                 "Findings cannot exclude loosening of the left L4 screw.",
                 "Subsidence of the L3-4 cage cannot be excluded."):
        assert one(text)["status"] == "uncertain", text


def test_measurements_mm_and_cm():
    assert one("There is a 0.3 cm lucency around the right S1 pedicle screw.")["mm"] == 3.0
    assert one("The left L5 screw has backed out 1.2 cm.")["mm"] == 12.0
    assert one("A 2 mm halo surrounds the left T11 screw.")["mm"] == 2.0
    assert one("Lucency measuring 2 to 3 mm surrounds the right C7 pedicle screw.")["mm"] == 3.0
    assert one("5.5 mm rods are intact; the right L4 screw has 1 mm of lucency.")["mm"] == 1.0


def test_directions():
    assert one("The right L4 screw breaches the medial pedicle wall.")["direction"] == "medial"
    assert one("The left T8 pedicle screw lies lateral to the vertebral body.")["direction"] == "lateral"
    assert one("The paddle lead has migrated cranially.")["direction"] == "superior"
    assert one("The C4-5 spacer is displaced anteriorly by 2 mm.")["direction"] == "anterior"


@pytest.mark.parametrize("text, implant, finding", [
    ("Lucency about the left L5 pedicular screw.", "pedicle screw", "lucency"),
    ("Radiolucent zone around the right L4 screw.", "screw", "lucency"),
    ("Clear zone around the right L4 screw.", "screw", "lucency"),
    ("The left S1 screw is backing out.", "screw", "migration"),
    ("The right C5 lateral mass screw is medial to the lateral mass.", "lateral mass screw", "screw position"),
    ("The left T3 screw is not contained within the pedicle and extends laterally.", "screw", "screw position"),
    ("The set screw at left L5 has disengaged.", "set screw", "disconnection"),
    ("The nut on the right L4 screw is disconnected.", "set screw", "disconnection"),
    ("The L4-5 interbody cage has subsided.", "cage", "subsidence"),
    ("The L5-S1 spacer has migrated posteriorly.", "cage", "migration"),
    ("The anterior cervical plate is fractured.", "plate", "fracture"),
    ("The left rod is broken at L3.", "rod", "fracture"),
    ("The spinal cord stimulator electrode has migrated.", "lead", "migration"),
    ("The pulse generator has migrated.", "pulse generator", "migration"),
    ("The left cervical rod is subluxed from the domino connector at C7.", "rod", "rod connector"),
    ("The right rod is not secured in the rod-to-rod connector at T10.", "rod", "rod connector"),
])
def test_vocabulary(text, implant, finding):
    f = one(text)
    assert (f["implant"], f["finding"]) == (implant, finding)


def test_no_implant_vocabulary_in_bone_fractures_and_mri_terms():
    assert facts("Compression fracture of the L1 vertebral body is unchanged.") == []
    assert facts("The T2-weighted images show no cord signal abnormality.") == []


def test_sections_comparison_set_aside_and_impression_merged():
    report = ("COMPARISON: CT from 2022, when the left S1 screw had a 1 mm lucency.\n\n"
              "FINDINGS:\nThere is a 3 mm lucency surrounding the left S1 pedicle screw.\n\n"
              "IMPRESSION:\n1. Lucency of 3 mm about the left S1 screw, compatible with loosening.\n")
    result = ingest_text(report, case_id="sections")
    lucency, loosening = sorted(result.case["findings"], key=lambda f: f["type"] != "lucency")
    assert lucency["type"] == "lucency" and lucency["width"] == "3 mm" and lucency["implant"] == "screw-S1-left"
    assert loosening["type"] == "loosening" and loosening["implant"] == "screw-S1-left"  # what the impression reads
    prov = {p["finding"]: p for p in result.provenance}
    assert prov[lucency["id"]]["section"] == "findings" and prov[lucency["id"]]["also"][0]["section"] == "impression"
    assert prov[loosening["id"]]["section"] == "impression"
    assert any("comparison section" in n for n in result.notes)


def test_loosening_stated_without_a_width_is_kept_as_reported_loosening():
    result = ingest_text("Loosening of the right L5 pedicle screw.", case_id="noted")
    assert result.case["findings"] == [{"id": "loosening-screw-L5-right", "type": "loosening",
                                        "implant": "screw-L5-right", "text": "Loosening of the right L5 pedicle screw."}]
    assert result.case["implants"] == [{"id": "screw-L5-right", "type": "pedicle screw", "level": "L5", "side": "right"}]


def test_facts_without_a_side_are_kept_about_the_implant_type_not_invented():
    result = ingest_text("No loosening of the S1 screws.", case_id="noted")  # no side: no one screw to name
    [finding] = result.case["findings"]
    assert finding["implant_type"] == "screw" and finding["level"] == "S1" and finding["status"] == "negated"
    assert "implant" not in finding and "side" not in finding
    assert not any(im["type"] == "screw" for im in result.case.get("implants") or [])  # no screw invented
    assert any("kept without one implant" in n for n in result.notes)


# --- bad input -----------------------------------------------------------------------------------

def _cli() -> click.Group:
    @click.group()
    def main() -> None:
        pass

    main.add_command(ingest)
    return main


def run(*args: str):
    res = CliRunner().invoke(_cli(), ["ingest", *args])
    assert res.exception is None or isinstance(res.exception, SystemExit), res.output
    assert "Traceback" not in res.output
    return res


@pytest.mark.parametrize("content, message", [
    (b"", "the report is empty"),
    (b"  \n\n \t\n", "the report is empty"),
    (b"Lucency about the left L5 screw \xe9\xff", "not UTF-8"),
    (b"\xff\xfeL\x00u\x00", "UTF-16"),
    (b"\x00\x01\x02binary", "binary"),
    (b"x" * (MAX_REPORT_BYTES + 1), "over the limit"),
])
def test_bad_report_files_get_one_clear_message(tmp_path, content, message):
    p = tmp_path / "report.txt"
    p.write_bytes(content)
    with pytest.raises(ReportError, match=message):
        read_report(p)
    res = run(str(p))
    assert res.exit_code == 1 and message in res.output and "Traceback" not in res.output


def test_missing_file_and_directory(tmp_path):
    for target, message in ((tmp_path / "nope.txt", "file not found"), (tmp_path, "is a directory")):
        res = run(str(target))
        assert res.exit_code == 1 and message in res.output


def test_report_without_hardware_gives_an_empty_valid_case(tmp_path):
    p = tmp_path / "plain.txt"
    p.write_text("FINDINGS: Mild degenerative disc disease at L4-5. No fracture.\n", encoding="utf-8")
    out = tmp_path / "plain.yaml"
    res = run(str(p), "--out", str(out))
    assert res.exit_code == 0 and "no spinal hardware" in res.output
    loaded = check_case(out)
    assert loaded.case_id == "plain" and not loaded.case.implants and not loaded.case.findings


def test_bad_context_and_case_id(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text("The left S1 screw has backed out 3 mm.\n", encoding="utf-8")
    ctx = tmp_path / "ctx.yaml"
    ctx.write_text("patient: {age: 300}\nbogus: 1\n", encoding="utf-8")
    res = run(str(p), "--context", str(ctx))
    assert res.exit_code == 1 and "unknown field 'bogus'" in res.output
    ctx.write_text("patient: {age: 300}\n", encoding="utf-8")
    res = run(str(p), "--context", str(ctx))
    assert res.exit_code == 1 and "patient.age" in res.output
    res = run(str(p), "--case-id", "has space")
    assert res.exit_code == 1 and "not a valid case id" in res.output
    with pytest.raises(IngestError):
        ingest_text("The left S1 screw is loose.", case_id="bad id")


def test_cli_writes_loads_and_prints(tmp_path):
    out = tmp_path / "case.yaml"
    store = tmp_path / "store"
    res = run(str(PUBLISHED), "--context", str(CONTEXT), "--case-id", "pub", "--out", str(out), "--load",
              "--store", str(store))
    assert res.exit_code == 0, res.output
    assert "loaded case pub" in res.output
    assert KnowledgeGraph.open(store).has_case("pub")
    res = run(str(PUBLISHED), "--format", "json")
    assert res.exit_code == 0 and '"provenance"' in res.output


def test_cli_does_not_import_spacy_at_start_up():
    code = ("import sys, spinekg.cli, spinekg.nlp.command; "
            "bad = [m for m in ('spacy', 'medspacy', 'thinc') if m in sys.modules]; assert not bad, bad")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ingest_is_registered_in_the_cli():
    from spinekg.cli import main

    if "ingest" not in main.commands:
        pytest.skip("spinekg.cli does not register `ingest` yet (see spinekg/nlp/command.py)")
    assert main.commands["ingest"] is ingest


# --- quality ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["eval.yaml", "holdout.yaml", "holdout2.yaml", "holdout3.yaml"])
def test_evaluation_f1_at_least_0_90(name):
    items = load_eval_set(DATA / name)
    if name == "eval.yaml":
        assert len(items) >= 100
    score = evaluate(items)
    assert score.overall.f1 >= 0.90, score.as_dict()


def test_history_and_hypotheses_are_set_aside():
    for text in ("History of a left rod fracture at L4, treated with revision.",
                 "Evaluate for loosening of the L5 screws.", "Rule out hardware loosening."):
        ex = extract(text)
        assert ex.facts == [] and len(ex.set_aside) == 1, text
    assert one("The previously noted lucency around the left S1 screw now measures 3 mm.")["mm"] == 3.0


def test_pronouns_refer_to_the_previous_sentence():
    got = keyset("Bilateral L5 pedicle screws are present. There is lucency surrounding them measuring 3 mm.",
                 "level", "side", "mm")
    assert got == {("L5", "left", 3.0), ("L5", "right", 3.0)}


@pytest.mark.parametrize("header", ["FINDINGS: ", "FINDINGS:\n", "Impression: "])
def test_section_title_is_not_part_of_the_sentence(header):
    text = f"{header}There is 4 mm of lucency around the right L4 pedicle screw.\n"
    [f] = extract(text).facts
    assert f.sentence == "There is 4 mm of lucency around the right L4 pedicle screw."
    assert text[f.sentence_start:f.sentence_end] == f.sentence


def test_sentence_without_a_title_keeps_its_text():
    text = "There is 4 mm of lucency around the right L4 pedicle screw."
    [f] = extract(text).facts
    assert (f.sentence, f.sentence_start, f.sentence_end) == (text, 0, len(text))
