"""Report text, twenty-fifth round (issue 15): screws put off their course in words the development parts still lost
("placed inferiorly", "mispositioned", "the incorrect insertion of a screw", "erosion of the screw through"), a side
screw named after a bilateral pair at one level, an addendum that corrects a side or a level, and dictation run on
without full stops. Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import ingest_text
from spinekg.nlp.evaluation import case_layer_facts

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")
aimed = reader("finding", "direction")


# --- a screw put off its course --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "direction"), [
    ("Two screws were placed inferiorly, below the arch.", "inferior"),
    ("One screw was positioned slightly medially.", "medial"),
    ("Of the screws, 12 were inserted laterally.", "lateral"),
])
def test_a_screw_placed_off_course_is_a_screw_position_that_way(text, direction):
    assert aimed(text) == {("screw position", direction)}


@pytest.mark.parametrize("text", [
    "Lateral mass screws were placed laterally to medially.",     # a technique's course
    "The screws were inserted laterally and then tightened.",
    "The cage was placed anteriorly in the disc space.",           # where a cage is meant to go
    "The leads were placed superiorly at T8.",                     # where a lead is put
    "Pedicle screws were placed bilaterally at L4 and L5.",        # both sides, no direction
])
def test_a_technique_or_a_placement_is_no_screw_position(text):
    assert not any(f == "screw position" for f, _ in aimed(text))


@pytest.mark.parametrize("text", [
    "The surgeon mispositioned a pedicle screw at L4.",
    "The claim concerned the incorrect insertion of a screw during the operation.",
    "CT showed erosion of the screw through the lateral mass.",
    "The left C1 screw eroded through the lateral mass.",
])
def test_words_of_a_screw_off_its_course(text):
    assert any(f[1] == "screw position" and f[2] == "affirmed" for f in facts(text))


def test_the_lateral_mass_a_screw_passes_through_gives_no_direction():
    assert aimed("The left C1 screw broke through the lateral mass.") == {("screw position", None)}
    assert aimed("The screw breached the medial pedicle wall.") == {("screw position", "medial")}


# --- one screw of a bilateral pair ----------------------------------------------------------------------------------

def test_the_side_screw_of_a_bilateral_pair_is_at_the_pairs_level():
    got = placed("CT showed bilateral C1 lateral mass screws with erosion of the left screw through the lateral mass.")
    assert ("lateral mass screw", "screw position", "C1", "left", "affirmed") in got \
        or ("screw", "screw position", "C1", "left", "affirmed") in got


@pytest.mark.parametrize("text", [
    "The L4 and L5 screws are intact; the left screw is fractured.",  # two levels: which one is not said
    "The right L4 screw is intact; the left screw is fractured.",     # one side named: not a pair
])
def test_a_side_screw_gains_no_level_where_the_pair_is_not_at_one_level(text):
    assert ("screw", "fracture", None, "left", "affirmed") in placed(text)


# --- an addendum that corrects a side or a level --------------------------------------------------------------------

REPORT = ("FINDINGS: Posterior fusion hardware from L4 to S1. There is a fracture of the right L5 pedicle screw shaft. "
          "No lucency around the screws.\n\nIMPRESSION: Fractured right L5 pedicle screw.\n\n")


def _case(text: str) -> set[tuple]:
    return {(f["finding"], f["level"], f["side"], f["status"]) for f in case_layer_facts(ingest_text(text, case_id="c"))}


def test_an_addendum_moves_a_finding_to_the_side_it_corrects():
    got = _case(REPORT + "ADDENDUM: Correction: the fractured screw is the LEFT L5 screw, not the right as stated above.\n")
    assert ("fracture", "L5", "left", "affirmed") in got
    assert not any(f[0] == "fracture" and f[2] == "right" for f in got)
    assert ("lucency", None, None, "negated") in got  # the other findings stay


def test_an_addendum_moves_a_finding_to_the_level_it_corrects():
    text = ("FINDINGS: The left rod is fractured at L3-4.\n\nADDENDUM: The rod fracture is at L4-5 rather than L3-4, "
            "as previously dictated.\n")
    got = _case(text)
    assert ("fracture", "L4-L5", "left", "affirmed") in got
    assert not any(f[1] == "L3-L4" for f in got)


@pytest.mark.parametrize("addendum", [
    # a contrast that corrects nothing
    "ADDENDUM: The left L5 screw is intact, not the right.\n",
    # no correction named: two findings
    "ADDENDUM: There is also a fracture of the left L5 screw, not only the right.\n",
])
def test_without_a_correction_the_earlier_finding_stays(addendum):
    got = _case(REPORT + addendum)
    assert ("fracture", "L5", "right", "affirmed") in got


# --- dictation run on without full stops ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("no lucency around the screws the left rod is fractured at L4-5 the cage is in good position",
     {("screw", "lucency", None, None, "negated"), ("rod", "fracture", "L4-L5", "left", "affirmed")}),
    ("there is no evidence of hardware loosening there is fracture of the right rod at L3-4",
     {("hardware", "loosening", None, None, "negated"), ("rod", "fracture", "L3-L4", "right", "affirmed")}),
    ("the hardware is intact the left L5 screw is fractured",
     {("screw", "fracture", "L5", "left", "affirmed")}),
])
def test_a_denial_ends_where_a_run_on_clause_begins(text, want):
    assert placed(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a place before its clause is not a clause of its own
    ("At L4-5 the cage is subsided.", {("cage", "subsidence", "L4-L5", None, "affirmed")}),
    # a denial of the same clause still covers its finding
    ("No evidence that the left rod is fractured.", {("rod", "fracture", None, "left", "negated")}),
])
def test_no_run_on_split_inside_one_clause(text, want):
    assert placed(text) == want
