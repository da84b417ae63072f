"""Report text read by classes of language rather than by sentence (issue 15, second round): each test pins
one class the real-text development parts showed, with sentences written for the test."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from spinekg.nlp import extract, ingest_text
from spinekg.nlp.history import history_in
from spinekg.nlp.ontology_terms import finding_patterns

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / "tests" / "data" / "nlp" / "realtext"


def keys(text: str) -> set[tuple]:
    return {(f.implant, f.level, f.side, f.finding, f.status) for f in extract(text).facts}


def history(text: str) -> list[tuple]:
    return sorted(tuple(sorted(h.items())) for h in history_in(text))


# --- general statements are not this patient's findings (ConText HYPOTHETICAL) -----------------------------

@pytest.mark.parametrize("text", [
    "Implant migration after ACDF can variably damage the esophagus.",
    "Screw loosening is the most common complication of pedicle screw fixation.",
    "Loosening and extrusion of the screws have been described in the literature.",
    "A common complication is screw misplacement.",
    "There was no significant difference in screw loosening between the two groups (p = 0.23).",
    "In order to decrease the occurrence of cage subsidence, cages should be placed anteriorly.",
    "This would probably have been prevented by a more posteriorly placed graft.",
])
def test_general_statements_give_no_facts(text):
    ex = extract(text)
    assert ex.facts == []


def test_a_statement_about_this_patient_is_still_a_fact():
    assert keys("We report a rare complication of rod fracture at L4-5 in a 60-year-old man.") == {
        ("rod", "L4-L5", None, "fracture", "affirmed")}
    assert keys("A rare complication of lead extrusion was observed 10 months after stimulator implantation.") == {
        ("lead", None, None, "migration", "affirmed")}


# --- implant words ---------------------------------------------------------------------------------------

def test_a_bare_lead_is_a_stimulator_lead_only_where_the_report_speaks_of_stimulation():
    assert keys("A spinal cord stimulator was implanted. The lead has migrated caudally.") == {
        ("lead", None, None, "migration", "affirmed")}
    ex = extract("Osteoporosis can lead to loosening of the left L4 screw.")
    assert [f.implant for f in ex.facts + ex.set_aside] == ["screw"]


def test_lead_inside_the_dura_or_the_cord_is_a_lead_position_and_needs_an_implant():
    assert keys("In this patient the stimulator lead was placed into the intradural space.") == {
        ("lead", None, None, "lead position", "affirmed")}
    assert keys("There is an intradural lesion at T10.") == set()


def test_a_compound_finding_noun_belongs_to_the_implant_before_it():
    assert keys("We present a set screw fracture with cage displacement.") == {
        ("set screw", None, None, "fracture", "affirmed"), ("cage", None, None, "migration", "affirmed")}


def test_a_dislocated_cage_has_migrated():
    assert keys("Radiographs showed cage dislocation at L4-5.") == {("cage", "L4-L5", None, "migration", "affirmed")}


def test_both_x_and_y_is_not_two_sides():
    assert keys("Failure of both rod and screw was seen.") == {
        ("rod", None, None, "complication", "affirmed"), ("screw", None, None, "complication", "affirmed")}


def test_a_failed_construct_is_a_hardware_complication():
    assert keys("The S1 pedicle screws loosened and the construct failed.") == {
        ("pedicle screw", "S1", None, "loosening", "affirmed"), ("hardware", None, None, "complication", "affirmed")}


# --- levels and sides that name something else ------------------------------------------------------------

def test_the_level_of_a_nerve_or_a_disease_is_not_the_implants():
    assert keys("A misplaced S2AI screw caused L5 spinal nerve injury.") == {
        ("screw", "S2", None, "screw position", "affirmed")}  # (an S2 alar-iliac screw is at S2, not at the nerve's L5)
    got = extract("A left L5 radiculopathy was suspected due to the left iliac screw being caudally misplaced.").facts
    assert [(f.implant, f.level, f.side, f.finding, f.direction) for f in got] == [
        ("screw", None, "left", "screw position", "inferior")]


def test_the_side_of_a_place_is_not_the_implants():
    assert keys("The migration of an upper screw into the right pyriform sinus was observed.") == {
        ("screw", None, None, "migration", "affirmed")}


def test_a_side_written_before_the_finding_is_the_findings():
    got = keys("There was cranial migration of one lead to T4 and a right-sided extraspinal migration of the other lead at T5.")
    assert ("lead", "T5", "right", "migration", "affirmed") in got
    assert ("lead", "T4", None, "migration", "affirmed") in got


# --- bone and joints are not hardware -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "She had an odontoid type II fracture and underwent odontoid screw placement.",
    "Two years later the fracture had healed and the pedicle screws were removed.",
    "CT showed unstable displacement of the posterior elements at C2.",
    "The surgery was performed for atlantoaxial subluxation; a C1 lateral mass screw was placed.",
    "Imaging showed a fracture of the posterior arch of C1 and a well-placed odontoid screw.",
])
def test_fractures_and_displacements_of_bone_are_not_implant_findings(text):
    assert extract(text).facts == []


# --- one fact per implant phrase ------------------------------------------------------------------------------

def test_two_implant_phrases_with_the_same_finding_are_two_facts():
    assert keys("There were 33 cases of S2AI screw loosening and six cases of S1 pedicle screw loosening.") == {
        ("screw", "S2", None, "loosening", "affirmed"), ("pedicle screw", "S1", None, "loosening", "affirmed")}


def test_a_restatement_is_one_fact():
    assert keys("Discontinuity of the right rod at T10 consistent with rod fracture.") == {
        ("rod", "T10", "right", "fracture", "affirmed")}
    assert keys("CT revealed the screw had breached the anterior cortex of the L2 body and penetrated the vena cava.") == {
        ("screw", "L2", None, "screw position", "affirmed")}


def test_disassembly_of_a_screw_and_rod_is_one_screw_rod_disconnection():
    assert keys("Disassembly of the pedicle screw and rod was observed.") == {
        ("pedicle screw", None, None, "disconnection", "affirmed")}


def test_rods_come_apart_at_the_level_of_the_rods_they_were_joined_to():
    assert keys("Radiographs show dislodgement of the bilateral cervical rods from connection with the thoracic rods "
                "at the C7-T1 level.") == {("rod", "C7-T1", "left", "disconnection", "affirmed"),
                                           ("rod", "C7-T1", "right", "disconnection", "affirmed")}


# --- words from the ontology ---------------------------------------------------------------------------------

def test_new_synonyms_come_from_the_ontology():
    import re

    patterns = {fam: re.compile(p, re.I) for p, fam in finding_patterns()}
    assert patterns["migration"].search("slippage of the cage") and patterns["migration"].search("screw cut-out")
    assert patterns["breach"].search("errant trajectories")  # a plural in -ies
    assert patterns["lucency"].search("a windshield-wiper effect")
    assert keys("Two C1 screws had errant trajectories.") == {("screw", "C1", None, "screw position", "affirmed")}
    assert keys("There is slippage of the L4-5 cage.") == {("cage", "L4-L5", None, "migration", "affirmed")}


# --- history ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("A 14-year-old boy underwent posterior spine fusion from T2 to T10.", [{"procedure": "posterior fusion", "levels": "T2-T10"}]),
    ("He had been treated with a posterior cervical C1-C2 fusion 3.5 years ago.",
     [{"interval": "3.5 years"}, {"procedure": "posterior fusion", "levels": "C1-C2"}]),
    ("Spinopelvic fixation was then performed.", [{"procedure": "posterior fusion"}]),
    ("The patient underwent anterior-posterior cervical fixation and fusion.",
     [{"procedure": "anterior fusion"}, {"procedure": "posterior fusion"}]),
    ("She underwent C2-3 and C3-4 anterior cervical discectomy and fusion.", [{"procedure": "anterior fusion", "levels": "C2-C4"}]),
    ("The SCS was implanted with two leads.", [{"procedure": "stimulator implantation"}]),
    ("The IPG and the leads were successfully removed.", [{"procedure": "hardware removal"}]),
])
def test_procedures_in_their_usual_phrasings(text, expected):
    assert history(text) == sorted(tuple(sorted(h.items())) for h in expected)


@pytest.mark.parametrize("text", [
    "Transforaminal lumbar interbody fusion is a popular procedure in patients with degenerative disease.",
    "Implant removal was planned.",
    "Surgical removal of the misplaced pedicle screw resulted in recovery.",
    "Plain radiographs showed a solid posterolateral fusion mass.",
    "Pain began 7 days before admission.",
    "No clinical sign of radiculopathy was found.",
])
def test_what_is_not_this_patients_history(text):
    assert [h for h in history_in(text) if "modality" not in h] == []


def test_times_tied_to_an_operation():
    assert {"interval": "32 months"} in history_in("Two years and 8 months postoperatively, a CT scan was done.")
    assert {"interval": "2 months"} in history_in("SCS replacement two months earlier, and an MRI one month earlier.")
    assert {"interval": "1 month"} not in history_in("SCS replacement two months earlier, and an MRI one month earlier.")
    assert {"interval": "18 months"} in history_in("A rod fracture at the lumbosacral junction occurred after 18 months.")


def test_the_levels_of_a_fracture_are_not_the_fixations():
    assert history("He was treated by percutaneous pedicle screw fixation for an L1 compression fracture.") == [
        (("procedure", "posterior fusion"),)]


def test_a_history_sentence_reaches_the_case():
    result = ingest_text("A 65-year-old woman underwent T5-T10 posterior fusion. Two years after surgery CT showed the "
                         "T6 screw penetrating the aorta.", case_id="hist2")
    assert result.case["procedures"] == [{"id": "procedure-1", "type": "posterior fusion", "levels": "T5-T10",
                                          "time_before_study": "2 years"}]



def test_a_time_since_an_unnamed_surgery_reaches_the_case():
    from spinekg.nlp.evaluation import case_layer_history

    result = ingest_text("Follow-up CT one year after surgery shows a fractured left L4 pedicle screw.", case_id="hist3")
    assert result.case["procedures"] == [{"id": "procedure-1", "type": "surgery", "time_before_study": "1 year",
                                          "label": "surgery the report counts time from without naming it"}]
    assert not any("no procedure" in n for n in result.notes)
    # the evaluation reads the time, not a procedure of the list
    assert ("interval", "1 year") in case_layer_history(result)
    assert not [h for h in case_layer_history(result) if h[0] == "procedure"]
    # the unnamed surgery is no fusion: no rule about fusions reads it
    assert result.loaded is not None
    nt = result.loaded.ntriples
    assert "<https://w3id.org/spinekg/Procedure>" in nt and "SpinalFusion" not in nt


def test_no_time_no_unnamed_surgery():
    result = ingest_text("CT shows a fractured left L4 pedicle screw.", case_id="hist4")
    assert "procedures" not in result.case


# --- the evaluation data and the bench -------------------------------------------------------------------------

def test_the_second_development_part_is_new_public_text():
    dev2 = yaml.safe_load((REAL / "dev2.yaml").read_text(encoding="utf-8"))
    others = yaml.safe_load((REAL / "dev.yaml").read_text(encoding="utf-8")) + yaml.safe_load(
        (REAL / "test.yaml").read_text(encoding="utf-8"))
    assert len(dev2) >= 150 and len({d["doc"] for d in dev2}) >= 30
    assert not {d["doc"] for d in dev2} & {o["doc"] for o in others}
    assert not {d["source"] for d in dev2} & {o["source"] for o in others}
    assert all(d["source"].startswith("http") and d["licence"] and d["text"].strip() for d in dev2)
    assert len({d["id"] for d in dev2}) == len(dev2)


def test_the_bench_scores_the_test_part_only_when_asked():
    spec = importlib.util.spec_from_file_location("nlp_eval", ROOT / "bench" / "nlp_eval.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.TEST_SET.name == "test.yaml" and module.TEST_SET.exists()
    assert module.TEST_SET not in module.DEFAULT_SETS
    assert REAL / "dev2.yaml" in module.DEFAULT_SETS and REAL / "dev3.yaml" in module.DEFAULT_SETS


# --- negated and coordinated findings -------------------------------------------------------------------------

def test_a_finding_coordinated_with_one_that_names_its_implant_is_about_that_implant():
    assert keys("Follow-up radiographs showed no evidence of hardware failure or loosening.") == {
        ("hardware", None, None, "complication", "negated"), ("hardware", None, None, "loosening", "negated")}
    assert keys("There was no sign of screw breakage or loosening.") == {
        ("screw", None, None, "fracture", "negated"), ("screw", None, None, "loosening", "negated")}


def test_a_passive_clause_between_finding_and_implant_keeps_the_implant_of_the_phrase():
    assert keys("The screws were intact and no halo was seen around the S1 screws.") == {
        ("screw", "S1", None, "lucency", "negated")}


def test_a_bare_failure_is_a_complication_of_the_implant_named_and_of_nothing_else():
    assert keys("Hardware was intact without evidence of failure.") == {("hardware", None, None, "complication", "negated")}
    assert keys("The patient developed respiratory failure after fusion with pedicle screws at L4-5.") == set()
    assert keys("Failure of conservative treatment led to revision of the L5 screws.") == set()
