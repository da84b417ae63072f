"""Report text read by classes of language (issue 15, eighteenth round): a paper's title and its risk factors, a
rare case reported, counted events with their mean time, a prosthesis named alone, pain that disappeared, with
short sentences written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import statements

findings = reader("implant", "finding", "status", "level", "side")


@pytest.mark.parametrize(("text", "expected"), [
    ("Risk Factors for Early Rod Fracture after Pedicle Subtraction Osteotomy", ("rod", "fracture")),
    ("Smith and Jones: Risk Factors for Anterior Cage Migration in Oblique Lumbar Fusion", ("cage", "migration")),
    ("Lumbar Fusion Is a Risk Factor of Proximal Screw Loosening in Elderly Patients", ("screw", "loosening")),
])
def test_a_titles_risk_factors_are_those_of_the_finding_it_reports(text, expected):
    assert findings(text) == {(*expected, "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "Risk factors for rod fracture include a pedicle subtraction osteotomy.",  # a sentence, not a title
    "Risk factors for cage migration were analysed in 120 patients.",
    "risk factors for early rod fracture after pedicle subtraction osteotomy",  # not capitalised as a title
])
def test_risk_factors_in_a_sentence_are_general(text):
    assert findings(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Screw Loosening After Lumbar Fusion", True),
    ("Risk Factors for Cage Migration (#112)", True),
    ("Screw Loosening After Lumbar Fusion.", False),
    ("The screw loosened after the fusion", False),
    ("Rod Fracture", False),  # too short to tell
])
def test_a_title_is_capitalised_and_has_no_full_stop(text, expected):
    assert statements.title(text) is expected


def test_a_rare_case_reported_is_the_reports_case():
    assert findings("This report is a rare case of cage dislocation after TLIF.") == {
        ("cage", "migration", "affirmed", None, None)}
    assert findings("This is a rare case of rod fracture at L3.") == {("rod", "fracture", "affirmed", "L3", None)}
    # how rare a finding is, in general
    assert findings("Cage dislocation is a rare complication of TLIF.") == set()


def test_counted_events_with_their_mean_time_happened():
    assert findings("Of 12 revised rods, five refractured with a mean time of 14 months.") == {
        ("rod", "fracture", "affirmed", None, None)}
    assert findings("The rods broke again at a mean time of 14 months.") == {("rod", "fracture", "affirmed", None, None)}
    # a timing statistic says when, not whether
    assert findings("The mean time to rod fracture was 14 months.") == set()


@pytest.mark.parametrize("text", [
    "We present two cases of prosthesis dislocation after lumbar disc replacement.",
    "The prosthesis had dislocated anteriorly.",
])
def test_a_prosthesis_named_alone_is_the_disc_prosthesis(text):
    assert findings(text) == {("hardware", "migration", "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "The hip prosthesis had dislocated.",
    "A right knee prosthesis was noted.",
    "Only three cases of prosthesis dislocation are being reported in the literature.",
])
def test_a_joints_prosthesis_or_the_literatures_is_no_finding(text):
    assert findings(text) == set()


def test_a_prosthesis_off_the_midline_lies_there_it_did_not_move():
    assert findings("Of 30 prostheses, 12 were left-shifted and 4 were right-shifted.") == set()
    assert findings("The prosthesis shifted to the left.") == {("hardware", "migration", "affirmed", None, "left")}


def test_pain_that_disappeared_is_no_migration():
    assert findings("The left screws were removed, and the left-sided pain disappeared.") == set()
    assert findings("The screw had disappeared from its site.") == {("screw", "migration", "affirmed", None, None)}


def test_screw_caps_are_set_screws():
    assert findings("Radiographs showed dislodged screw caps at L4.") == {("set screw", "migration", "affirmed", "L4", None)}
