"""Report text, thirty-seventh round (issue 15): facts the real-text development parts still lost or made up -- an
irregular past ("the wire broke and migrated"), a bone's fracture beside hardware ("the fracture vertebra", "stabilize
this type of fracture", "the arch of C-1 fractured"), counted events ("battery failure (five incidents)"), a study's
methods ("were evaluated in both plain X-ray and CT", "classified either as acceptable or misplaced"), complications
that are only possible, and a whole construct that came off ("the anterior internal fixation was detached"). Sentences
are written for the test or adapted from the development parts; none is taken from the test part."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
findings = reader("finding")


# --- an irregular past is the verb of its clause ----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The sublaminar wire broke and migrated into the canal.",
    "The wire broke and migrated.",
    "The cable broke and then migrated into the spinal cord.",
])
def test_a_device_outside_the_list_that_broke_and_moved_has_both_findings(text: str) -> None:
    assert findings(text) == {("fracture",), ("migration",)}


def test_a_catheter_that_broke_years_later_is_a_fracture() -> None:
    assert facts("The existing catheter broke after 13 years, so a new catheter was inserted.") == {
        (None, "fracture", "affirmed")}


def test_a_participle_after_a_determiner_is_still_no_verb() -> None:
    # "a broken" is an adjective: with no implant of the list named and nothing observed, no finding of its own
    assert ("fracture",) not in findings("Removal of a broken guide wire is described in the literature.")


def test_the_wire_that_fractured_and_migrated_still_reads_both() -> None:  # (the regular past read so before)
    assert findings("The wire fractured and migrated.") == {("fracture",), ("migration",)}


# --- a bone's fracture beside hardware ----------------------------------------------------------------------------------

def test_the_fracture_vertebra_is_a_bone() -> None:
    assert facts("All patients had pedicle screws fixed two levels above and one level below the fracture vertebra.") \
        == set()


def test_a_fracture_that_hardware_stabilizes_is_a_bone() -> None:
    assert facts("A ventral screw and PMMA construct is a useful method to stabilize this type of fracture.") == set()
    assert facts("Iliosacral screw fixation of sacral fractures is common.") == set()


def test_a_rod_fracture_treated_or_revised_is_still_the_rods() -> None:
    assert facts("The rod fracture was treated with revision.") == {("rod", "fracture", "affirmed")}
    assert facts("He underwent revision of the rod fracture at L3.") == {("rod", "fracture", "affirmed")}


def test_a_fracture_of_the_plate_over_the_fracture_line_is_the_plates() -> None:
    assert facts("The plate had broken over the fracture line through a screw hole.") == {
        ("plate", "fracture", "affirmed")}


def test_a_bone_of_a_level_that_fractured_is_no_screw_fracture() -> None:
    got = facts("Screw loosening was the cause of failure in four patients, and in one the arch of C-1 fractured.")
    assert ("screw", "fracture", "affirmed") not in got
    assert ("screw", "loosening", "affirmed") in got


def test_bones_that_broke_as_a_screw_went_in_are_no_screw_fracture() -> None:
    assert facts("During the operation, one of his spinal bones broke as the surgeon was trying to insert a screw.") \
        == set()


def test_a_screw_that_fractured_at_a_level_is_still_the_screws() -> None:
    assert facts("The screw fractured at L4.") == {("screw", "fracture", "affirmed")}


# --- counted events ------------------------------------------------------------------------------------------------------

def test_failures_counted_in_incidents_are_observed_not_general() -> None:
    got = facts("Complications associated with the occipital nerve stimulator included battery failure (five "
                "incidents), electrode failure or migration (four incidents), and neck spasms.")
    assert got == {("pulse generator", "complication", "affirmed"), ("lead", "complication", "affirmed"),
                   ("lead", "migration", "affirmed")}


def test_complications_associated_with_a_device_without_a_count_stay_general() -> None:
    assert facts("Complications associated with the occipital nerve stimulator include battery failure and lead "
                 "migration.") == set()


# --- a study's methods ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Screw perforations were evaluated in both plain X-ray and CT.",
    "Pedicle screw position was classified either as acceptable or misplaced.",
    "A screw malposition evaluation was made according to the Gertzbein-Robbins scale.",
    "The two groups were compared in terms of age, gender, screw malposition and complications.",
    "The extent of cortical breach by misplaced pedicle screws was determined by review of radiographs.",
    "CT scans were performed in all patients to detect caudal and cranial deviation of the screws.",
])
def test_what_a_study_measured_is_no_finding(text: str) -> None:
    assert facts(text) == set()


@pytest.mark.parametrize("text, expected", [
    ("Medial breach of the L4 screw was determined by CT.", ("screw", "screw position", "affirmed")),
    ("CT showed that 4 screws (5.6%) had breached the medial pedicle wall.", ("screw", "screw position", "affirmed")),
    ("Three screws were classified as misplaced.", ("screw", "screw position", "affirmed")),
])
def test_what_a_study_found_is_still_a_finding(text: str, expected: tuple) -> None:
    assert expected in facts(text)


# --- complications that are only possible ------------------------------------------------------------------------------

def test_concerns_about_the_potential_for_loosening_are_no_finding() -> None:
    assert facts("It is understandable to have concerns about the potential for loosening or failure of the plates "
                 "and screws.") == set()


def test_complications_that_can_be_visualised_are_no_finding() -> None:
    assert facts("Postoperative complications including implant loosening can be visualised by myelography.") == set()


def test_complications_that_are_possible_are_no_finding() -> None:
    assert facts("Many complications are possible, including screw loosening and rod fracture.") == set()


def test_a_loosening_said_possible_of_one_screw_is_uncertain() -> None:
    assert facts("Loosening of the L5 screw is possible.") == {("screw", "loosening", "uncertain")}


# --- a whole construct that came off ----------------------------------------------------------------------------------

def test_a_construct_detached_has_migrated() -> None:
    assert facts("A postoperative review revealed that the anterior internal fixation was detached.") == {
        ("hardware", "migration", "affirmed")}


def test_a_crosslink_or_a_screw_head_detached_is_disconnected() -> None:
    assert facts("The crosslink was found detached from the left rod.") == {("crosslink", "disconnection", "affirmed")}
    assert facts("The screw head detached from the shank.") == {("screw", "disconnection", "affirmed")}
