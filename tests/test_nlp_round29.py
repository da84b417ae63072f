"""Report text, twenty-ninth round (issue 15): what the real-text development parts and the round's blind parts showed
-- a side of something else before a comma is no implant's, a denied loosening of implants named after it denies each
one's. Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")


def test_a_side_before_a_comma_is_not_a_model_name_of_the_next_implant():
    assert placed("CT showed a left cerebellar hemorrhage, and titanium rods penetrated the occipital bone on both"
                  " sides.") == {("rod", "screw position", None, "left", "affirmed"),
                                 ("rod", "screw position", None, "right", "affirmed")}


def test_a_model_name_between_side_and_implant_is_still_read():
    assert placed("The left xia ii rod is fractured.") == {("rod", "fracture", None, "left", "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Flexion and extension films show no loosening of any screws or rods.",
     {("screw", "loosening", "negated"), ("rod", "loosening", "negated")}),
    ("No loosening of the plate or its screws.", {("plate", "loosening", "negated"), ("screw", "loosening", "negated")}),
])
def test_a_denied_loosening_of_implants_named_after_it_denies_each(text, expected):
    assert facts(text) == expected


def test_a_denied_loosening_after_a_plate_and_screws_stays_the_screws():
    assert facts("The plate and screws are unchanged without lucency or loosening.") == {
        ("screw", "lucency", "negated"), ("screw", "loosening", "negated")}


@pytest.mark.parametrize("text", [
    "The tip of the left rod intrudes into the posterior fossa.",
    "The right C1 screw has intruded into the hypoglossal canal.",
])
def test_an_implant_that_intrudes_into_a_space_is_malpositioned(text):
    assert {f[1] for f in facts(text)} == {"screw position"}


def test_a_cage_that_intrudes_into_its_endplate_is_no_malposition():
    assert not {f for f in facts("The cage has intruded into the inferior endplate of L5.") if f[1] == "screw position"}


@pytest.mark.parametrize(("text", "levels"), [
    ("The lead tips are at T8 and T10.", {"T8", "T10"}),
    ("The leads were inserted at L2-3 and lie in the dorsal epidural space at T10.", {"L2-L3", "T10"}),
])
def test_lead_positions_written_apart_stay_apart(text, levels):
    assert {f[2] for f in placed(text) if f[1] == "lead position"} == levels


@pytest.mark.parametrize(("text", "level"), [
    ("Leads placed over T8 and T9.", "T8-T9"),
    ("Leads are seen spanning T7-T9.", "T7-T9"),
])
def test_a_lead_over_neighbouring_levels_is_one_position(text, level):
    assert {f[2] for f in placed(text) if f[1] == "lead position"} == {level}
