"""Report text, twenty-third round (issue 15): phrasing the development parts and the report sets still lost -- a
stimulator lead that moved and where it lies now ("tip now at T10, previously at T8"), a denied list of complications
("No complications were reported, such as ... fixation failure"), "one or both rods broke", a rate named without a
number, "the superior pedicle screw", counted "PPSs", a screw inside a vessel, and a construct's failure "at the L2 end
of the hardware". Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import ingest_text
from spinekg.nlp.evaluation import case_layer_facts

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")


# --- a lead that moved, and where it lies now ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("The left lead tip now lies at the inferior endplate of T10, previously at T8, consistent with caudal migration.",
     {("lead", "migration", None, "left", "affirmed"), ("lead", "lead position", "T10", "left", "affirmed")}),
    ("Caudal migration of the paddle lead, now at T9-T10.",
     {("lead", "migration", None, None, "affirmed"), ("lead", "lead position", "T9-T10", None, "affirmed")}),
    ("The right lead tip is currently at T11, previously at T8.",
     {("lead", "migration", None, "right", "affirmed"), ("lead", "lead position", "T11", "right", "affirmed")}),
])
def test_a_moved_lead_has_migrated_and_lies_where_it_is_now(text, want):
    assert placed(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # where it went, with no word of where it lies now, stays the migration's level (issue 15's example)
    ("The right lead has migrated cranially to T2.", {("lead", "migration", "T2", "right", "affirmed")}),
    # without "now", the span it moved over (the team's holdout sets' reading)
    ("The right lead migrated from T8 to T11.", {("lead", "migration", "T8-T11", "right", "affirmed")}),
    # a denied migration gains no place
    ("No lead migration; the lead tips are now at T8.", {("lead", "migration", None, None, "negated")}),
])
def test_a_lead_position_is_added_only_for_a_migration_that_says_where_the_lead_is_now(text, want):
    assert placed(text) == want


def test_a_moved_cage_keeps_the_span_it_moved_over():
    assert placed("The cage migrated from L4 to L5.") == {("cage", "migration", "L4-L5", None, "affirmed")}


def test_a_moved_lead_in_a_whole_report_reaches_the_case_with_its_new_position():
    result = ingest_text("FINDINGS: The right lead has migrated caudally by approximately 2 cm; its tip now lies at the "
                         "inferior endplate of T10 (previously at the superior endplate of T8).\n", case_id="lead")
    found = {(f["finding"], f["level"], f["side"]) for f in case_layer_facts(result)}
    assert found == {("migration", None, "right"), ("lead position", "T10", "right")}


# --- a denied list of complications ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("No complications were reported, such as wound infection or fixation failure.",
     {("hardware", "complication", "negated")}),
    ("There were no complications such as screw loosening or fixation failure.",
     {("screw", "loosening", "negated"), ("hardware", "complication", "negated")}),
    ("No complications including screw loosening were noted.", {("screw", "loosening", "negated")}),
])
def test_a_denied_list_of_complications_denies_each_hardware_finding(text, want):
    assert facts(text) == want


@pytest.mark.parametrize("text", [
    "Complications such as screw loosening may require revision.",
    "There were no complications.",
    "No complications occurred during the procedure.",
])
def test_a_list_of_kinds_or_a_bare_denial_of_complications_is_no_hardware_fact(text):
    assert facts(text) == set()


# --- one or both ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "In eight of the patients one or both rods broke.",
    "Seven patients showed rod breakage either unilaterally (N = 2) or bilaterally (N = 5).",
])
def test_one_side_or_both_is_no_side(text):
    assert placed(text) == {("rod", "fracture", None, None, "affirmed")}


@pytest.mark.parametrize("text", ["Both rods are fractured at L4.", "Bilateral rod fractures at L4."])
def test_both_rods_are_a_left_and_a_right_rod(text):
    assert placed(text) == {("rod", "fracture", "L4", "left", "affirmed"), ("rod", "fracture", "L4", "right", "affirmed")}


# --- a rate with and without a number --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We reported on the operating time, rate of screw malposition, neurologic injury, and revision surgery.",
    "Outcome measures were pedicle screw misplacement rate, operative duration and blood loss.",
    "Patients with a pear-shaped disc space also showed a higher rate of cage retropulsion.",
])
def test_a_rate_named_without_a_number_is_a_quantity_not_a_finding(text):
    assert facts(text) == set()


@pytest.mark.parametrize("text", [
    "The screw malposition rate was 5.5%.",
    "The rate of screw malposition was 12 of 240 screws.",
    "A high rate of screw malposition was observed in our series.",
])
def test_a_rate_with_a_number_or_an_observation_is_the_cohorts_finding(text):
    assert facts(text) == {("screw", "screw position", "affirmed")}


# --- implants named in other words -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("The superior pedicle screw has penetrated the vertebral endplate.", ("pedicle screw", "screw position", "affirmed")),
    ("The inferior pedicle screws are loose.", ("pedicle screw", "loosening", "affirmed")),
    ("Of the 292 PPSs, only 12 were misplaced.", ("pedicle screw", "screw position", "affirmed")),
    ("A total of 120 PPS were inserted and 3 loosened.", ("pedicle screw", "loosening", "affirmed")),
])
def test_pedicle_screws_named_in_other_words(text, want):
    assert want in facts(text)


def test_a_medial_pedicle_wall_is_still_a_structure():
    assert placed("The right L4 screw breaches the medial pedicle wall.") == {
        ("screw", "screw position", "L4", "right", "affirmed")}


@pytest.mark.parametrize("text", ["PPS is a late effect of polio.", "The PPS score improved."])
def test_another_pps_is_no_screw(text):
    assert facts(text) == set()


# --- a screw inside a vessel -----------------------------------------------------------------------------------------

def test_a_screw_inside_a_vessel_is_misplaced():
    assert facts("CT angiography revealed a pedicle screw within the thoracic aorta lumen.") == {
        ("pedicle screw", "screw position", "affirmed")}


def test_a_rod_inside_the_thecal_sac_is_no_screw_position():
    assert ("rod", "screw position", "affirmed") not in facts("The broken rod inside the thecal sac was removed.")


# --- a construct's failure at its end --------------------------------------------------------------------------------

def test_a_construct_failure_takes_the_level_its_own_words_name():
    assert placed("Fusion from T11 through L2 with hardware malfunction distal at the L2 end of the hardware fixation.") == {
        ("hardware", "complication", "L2", None, "affirmed")}
