"""Report text, twenty-sixth round (issue 15): what the end-of-round-25 blind sets (holdout7, reports15) showed --
statements for readers and residents that name findings without asserting them, what an earlier study had shown, a
paddle centred over the midline, leads that slipped, a rod dislodged from a screw, and a level that ends one clause before
an implant named after a comma. Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")


@pytest.mark.parametrize("text", [
    "The main differential for a peri-screw halo is low-grade infection.",
    "The 'windshield-wiper' sign refers to an oval lucent track produced by toggling of a loose screw.",
    "Halo sign: a radiolucent line of 1 mm or more around a screw on CT, taken to indicate loosening.",
    "For residents: always check the lateral film for backing out of the set screws before you close.",
    "Resident tip: a screw lying more than 2 mm medial to the pedicle wall usually deserves revision.",
    "Signs that a stimulator lead has migrated include a change in where you feel the tingling.",
    "A thin dark line around a screw on your X-ray does not always mean the screw is loose.",
    "A lucency means there is a thin gap between the screw and the bone.",
])
def test_what_a_reader_or_resident_is_told_is_no_finding(text):
    assert facts(text) == set()


@pytest.mark.parametrize(("text", "want"), [
    ("There is a 2 mm lucency around the right S1 screw.", {("screw", "lucency", "affirmed")}),
    ("The lucency does not change the plan; the left L5 screw is loose.", {("screw", "loosening", "affirmed")}),
])
def test_findings_beside_such_words_stay(text, want):
    assert facts(text) == want


def test_what_an_earlier_study_had_shown_is_history():
    assert facts("A 2 mm lucency around the right S1 screw had been noted on the prior CT in 2021.") == set()
    assert facts("A 2 mm lucency around the right S1 screw is noted, unchanged from the prior CT.") \
        == {("screw", "lucency", "affirmed")}


def test_a_paddle_centred_over_the_midline_at_a_level():
    assert placed("Fluoroscopy confirmed the paddle centred over the midline at T9-T10.") \
        == {("lead", "lead position", "T9-T10", "midline", "affirmed")}


def test_leads_that_slipped_have_moved():
    assert facts("After his stimulator was implanted, his leads slipped twice and had to be revised.") \
        == {("lead", "migration", "affirmed")}
    assert facts("The L5 vertebra had slipped forward on S1.") == set()


def test_a_rod_dislodged_from_a_screw_is_disconnected_there():
    assert placed("Proximal construct failure: dislodgement of the right rod from the T2 screw.") \
        == {("rod", "disconnection", "T2", "right", "affirmed")}
    assert facts("The cage has dislodged from the disc space.") == {("cage", "migration", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Both rods were fractured at the L4-5 level, and the left L5 screw was loose.",
     {("rod", "fracture", "L4-L5", "left", "affirmed"), ("rod", "fracture", "L4-L5", "right", "affirmed"),
      ("screw", "loosening", "L5", "left", "affirmed")}),
    # a list of levels, each with its determiner, is still one list
    ("Lucency around the L3, the L4 and the L5 screws.",
     {("screw", "lucency", "L3", None, "affirmed"), ("screw", "lucency", "L4", None, "affirmed"),
      ("screw", "lucency", "L5", None, "affirmed")}),
    ("The L4 and the L5 screws are loose.",
     {("screw", "loosening", "L4", None, "affirmed"), ("screw", "loosening", "L5", None, "affirmed")}),
])
def test_a_level_that_ends_one_clause_is_not_the_next_implants(text, want):
    assert placed(text) == want


def test_how_far_a_fusion_was_extended_is_no_findings_level():
    assert placed("The fractured rod was removed, and the fusion was extended from L3 to the pelvis with bilateral S2AI "
                  "screws.") == {("rod", "fracture", None, None, "affirmed")}


def test_a_finding_word_before_an_implants_direction_and_name_is_its_adjective():
    got = facts("Sagittal reconstruction showing anterior displacement of the L5-S1 ALIF cage by 6 mm and a backed-out "
                "anterior plate screw.")
    assert got == {("cage", "migration", "affirmed"), ("screw", "migration", "affirmed")}
