"""Report text, thirty-ninth round (issue 15): the level before a place phrase is the implant's ("one screw extruded from
C6 vertebral body into the trachea"), a side that names a part of something else is not the implant's ("along the left
lateral aspect of the medulla"), "the other" of a pair is the implant named before it, a joint's dislocation is no
implant's, the terse note's denials ("Rod breakage not seen.", "Screw loosening ruled out.", "Rod fracture: no.") deny,
a lead that has pulled back migrated, a screw tract's lucency is the screw's, and the history reader's RE2-proposed times
are those `re` finds. Sentences are written for the test or adapted from the development parts; none is taken from the
test part."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")


# --- a level before a place phrase is the implant's ------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "One screw extruded from C6 vertebral body into the trachea.",
    "One screw extruded from the C6 vertebral body into the trachea.",
    "One screw extruded from C6 vertebral body.",  # (read so before)
])
def test_a_screw_extruded_from_a_vertebral_body_into_an_organ_keeps_the_bodys_level(text: str) -> None:
    assert placed(text) == {("screw", "migration", "C6", None, "affirmed")}


def test_a_bones_own_fracture_still_takes_the_level_before_it() -> None:
    # the level right before words that give no finding is still theirs ("a right L5 pedicle fracture")
    assert placed("A right L5 pedicle fracture with no evidence of screw loosening.") == {
        ("screw", "loosening", None, None, "negated")}


# --- a side of a part of something else --------------------------------------------------------------------------------

def test_the_left_lateral_aspect_of_the_medulla_is_no_side_of_the_lead() -> None:
    text = "CT demonstrated migration of the cervical lead, which had traversed along the left lateral aspect of the medulla."
    assert placed(text) == {("lead", "migration", None, None, "affirmed")}


def test_the_left_lateral_aspect_of_a_screw_is_the_screws_side() -> None:
    assert placed("Lucency along the left lateral aspect of the L5 screw.") == {
        ("screw", "lucency", "L5", "left", "affirmed")}


@pytest.mark.parametrize("text,side", [
    ("The L4 screw breaches the left lateral aspect of the pedicle.", "left"),
    ("The screw breaches the right medial aspect of the L5 pedicle.", "right"),
])
def test_a_side_of_the_bone_a_screw_lies_in_is_the_screws(text: str, side: str) -> None:
    assert {f[3] for f in placed(text)} == {side}


def test_a_side_with_no_aspect_after_it_is_still_the_implants() -> None:
    assert placed("The left L5 screw has backed out.") == {("screw", "migration", "L5", "left", "affirmed")}


# --- "the other" of a pair ---------------------------------------------------------------------------------------------

def test_the_other_is_the_implant_named_before_it() -> None:
    assert facts("The right rod had fractured but the other had migrated cranially.") == {
        ("rod", "fracture", "affirmed"), ("rod", "migration", "affirmed")}


@pytest.mark.parametrize("text,expected", [
    ("The right rod had fractured but the other had migrated cranially.", ("rod", "migration", None, "left", "affirmed")),
    ("The right L5 screw is intact but the other is loose.", ("screw", "loosening", "L5", "left", "affirmed")),
])
def test_the_other_is_on_the_other_side_of_the_first(text: str, expected: tuple) -> None:
    assert expected in placed(text)
    assert (expected[0], expected[1], expected[2], "right", "affirmed") not in placed(text)


def test_the_other_screws_named_with_their_own_word_are_their_own() -> None:
    assert facts("The left S1 screw is loose; the other screws are intact.") == {("screw", "loosening", "affirmed")}


# --- a joint's dislocation is no implant's -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "No screw loosening or atlantoaxial redislocation occurred in 21 cases.",
    "No screw-loosening or atlantoaxial redislocation occurred in 21 cases.",
])
def test_atlantoaxial_redislocation_is_the_joints_not_the_screws(text: str) -> None:
    assert facts(text) == {("screw", "loosening", "negated")}


def test_a_facet_dislocation_is_no_hardware_finding() -> None:
    assert facts("There is a C5-C6 facet dislocation; the C5 screws are intact.") == set()


def test_a_screw_that_dislocated_still_migrated() -> None:
    assert placed("The left S1 screw has dislocated.") == {("screw", "migration", "S1", "left", "affirmed")}


# --- "not seen" ------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Rod breakage not seen.", {("rod", "fracture", "negated")}),  # (read as affirmed before)
    ("Screw loosening no longer evident.", {("screw", "loosening", "negated")}),
    ("Rod breakage is not seen.", {("rod", "fracture", "negated")}),  # (read so before)
    ("We have not seen any rod breakage.", {("rod", "fracture", "negated")}),  # (read as affirmed before)
    ("We have not observed any rod breakage.", {("rod", "fracture", "negated")}),
    ("We did not see any rod breakage.", {("rod", "fracture", "negated")}),  # (read so before)
])
def test_a_finding_not_seen_is_denied(text: str, expected: set[tuple]) -> None:
    assert facts(text) == expected


def test_a_finding_seen_after_a_denied_one_is_still_affirmed() -> None:
    assert facts("Rod breakage not seen; the left S1 screw has backed out.") == {
        ("rod", "fracture", "negated"), ("screw", "migration", "affirmed")}


# --- a lead that pulled back ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("The percutaneous leads have pulled back several levels.", {("lead", "migration", None, None, "affirmed")}),
    ("The left lead has pulled back to T10.", {("lead", "migration", "T10", "left", "affirmed")}),
])
def test_a_lead_that_has_pulled_back_migrated(text: str, expected: set[tuple]) -> None:
    assert placed(text) == expected


def test_a_lead_the_surgeon_pulled_back_is_no_finding() -> None:
    assert facts("The lead was pulled back and repositioned at T8.") == set()


# --- the terse note's denials --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Screw loosening ruled out.", {("screw", "loosening", "negated")}),  # (read as affirmed before)
    ("Lead migration ruled out on fluoroscopy.", {("lead", "migration", "negated")}),  # (read so before)
    ("Ruled out screw loosening.", {("screw", "loosening", "negated")}),
    ("Rod fracture: no.", {("rod", "fracture", "negated")}),  # (read as affirmed before)
    ("Screw loosening: no; rod fracture: yes.", {("screw", "loosening", "negated"), ("rod", "fracture", "affirmed")}),
    ("Rod fracture not demonstrated.", {("rod", "fracture", "negated")}),  # (read as affirmed before)
    ("Cage subsidence not observed.", {("cage", "subsidence", "negated")}),  # (read as affirmed before)
])
def test_a_terse_notes_denial_denies_the_finding(text: str, expected: set[tuple]) -> None:
    assert facts(text) == expected


# --- the history reader's times, RE2-proposed, are those `re` finds ---------------------------------------------------

@pytest.mark.parametrize("sentence,expected", [
    ("Follow-up CT 2 years after posterior T10-L2 fusion.", ["2 years"]),
    ("CT at 18 months postoperatively.", ["18 months"]),
    ("A year and a half after the operation, a CT was done.", ["18 months"]),
    ("The patient had a CT and an MRI; a day later she left.", []),
])
def test_the_history_readers_times_are_found_with_the_proposals(sentence: str, expected: list[str]) -> None:
    from spinekg.nlp.history import _intervals

    assert _intervals(sentence) == expected


# --- a lucency of a screw's tract ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("Screw tract lucency at L4 bilaterally.", {("screw", "lucency", "L4", "left", "affirmed"),
                                                 ("screw", "lucency", "L4", "right", "affirmed")}),
    ("Screw track lucency is seen at S1.", {("screw", "lucency", "S1", None, "affirmed")}),
])
def test_a_screw_tracts_lucency_is_the_screws(text: str, expected: set[tuple]) -> None:
    assert placed(text) == expected


def test_screw_holes_filled_with_cement_are_no_finding() -> None:
    assert facts("The screw holes were filled with cement.") == set()
