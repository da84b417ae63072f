"""Report text, fortieth round (issue 15): a screw at a level that protruded into an organ ("The screw at C4 protruded
into the esophagus"), a screw against the carotid artery, and a level said with one implant's finding is not the next
implant's ("screw breakage at S1 and rod fracture at L5-S1"). Sentences are written for the test; none is taken from the
test part."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

placed = reader("implant", "finding", "level", "side", "status")


@pytest.mark.parametrize("text", [
    "The screw at C4 protruded into the esophagus.",
    "The anterior screw of the plate at C4 protruded into the esophagus.",
    "The screw on C4 protruded into the esophagus.",
    "The C4 screw protruded into the esophagus.",  # (read so before)
])
def test_a_screw_at_a_level_that_protruded_into_an_organ_migrated(text: str) -> None:
    assert placed(text) == {("screw", "migration", "C4", None, "affirmed")}


def test_a_vertebra_that_protrudes_is_no_implant() -> None:
    assert placed("The plate at C4 is intact. An osteophyte at C4 protrudes into the esophagus.") == set()


@pytest.mark.parametrize("text, implant", [
    ("The tip of the left C1 lateral mass screw was in contact with the internal carotid artery.", "lateral mass screw"),
    ("The left C1 screw abuts the carotid artery.", "screw"),
    ("The left C1 screw was in contact with the left internal carotid artery.", "screw"),
])
def test_a_screw_against_the_carotid_artery_is_malpositioned(text: str, implant: str) -> None:
    assert placed(text) == {(implant, "screw position", "C1", "left", "affirmed")}


@pytest.mark.parametrize("text", [
    "The left C1 screw is well away from the carotid artery.",
    "The carotid arteries are patent.",
])
def test_a_screw_apart_from_the_carotid_artery_is_no_finding(text: str) -> None:
    assert placed(text) == set()


def test_a_finding_at_a_level_then_another_implants_finding_keep_their_own_levels() -> None:
    assert placed("We found screw breakage at S1 and rod fracture at L5-S1.") == {
        ("screw", "fracture", "S1", None, "affirmed"), ("rod", "fracture", "L5-S1", None, "affirmed")}
    assert placed("There was screw breakage at S1 and rod fracture at L4-L5.") == {
        ("screw", "fracture", "S1", None, "affirmed"), ("rod", "fracture", "L4-L5", None, "affirmed")}


@pytest.mark.parametrize("text, want", [
    # a level before implants that have no finding of their own is still theirs
    ("Lucency at L4 and S1 screws.", {("screw", "lucency", "L4", None, "affirmed"), ("screw", "lucency", "S1", None, "affirmed")}),
    # (and a clause of its own keeps reading as before)
    ("The rod is fractured at L3 and the screws are loose.", {("rod", "fracture", "L3", None, "affirmed"),
                                                            ("screw", "loosening", None, None, "affirmed")}),
])
def test_a_level_before_implants_without_a_finding_of_their_own(text: str, want: set) -> None:
    assert placed(text) == want
