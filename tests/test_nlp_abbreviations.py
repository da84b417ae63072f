"""Abbreviations a report defines for a finding or an implant are read where they recur, quoted as written."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from spinekg.nlp import extract
from spinekg.nlp.abbreviations import definitions, expand

COHORT = ("Rod fracture (RF) and pedicle screw loosening (PSL) were recorded in 120 patients. Fifteen of these patients "
          "presented with RFs. PSL was seen in 12 patients (10%).")


def test_a_definition_needs_the_initials_and_a_finding_or_implant_word():
    got = definitions(COHORT + " Magnetic resonance imaging (MRI) and the Oswestry index (ODI) were used.")
    assert got["RF"][0] == "Rod fracture" and got["PSL"][0] == "pedicle screw loosening"
    assert "MRI" not in got and "ODI" not in got  # no finding or implant in the long form; initials do not match
    assert definitions("The rod fracture (PS) was seen.") == {}
    assert definitions("Lateral mass screws (LMS) were placed.")["LMS"][0] == "Lateral mass screws"


def test_an_abbreviation_defined_two_ways_is_left_alone():
    assert "SL" not in definitions("Screw loosening (SL) was common. Spinal levels (SL) were counted; screw lucency (SL) too.")


def test_later_uses_are_read_and_quoted_as_written():
    ex = extract(COHORT)
    assert ex.text == COHORT
    later = [f for f in ex.facts if f.sentence.startswith(("Fifteen", "PSL was"))]
    assert {(f.implant, f.finding, f.status) for f in later} == {("rod", "fracture", "affirmed"),
                                                                  ("pedicle screw", "loosening", "affirmed")}
    for f in ex.facts:
        assert COHORT[f.sentence_start:f.sentence_end] == f.sentence
        for span in f.spans:
            assert COHORT[span["start"]:span["end"]] == span["text"]
    assert {s["text"] for f in later for s in f.spans} == {"RFs", "PSL"}


def test_a_sentence_that_opens_with_an_abbreviation_stays_a_sentence():
    ex = extract(COHORT)
    assert "PSL was seen in 12 patients (10%)." in {f.sentence for f in ex.facts}


def test_a_report_without_definitions_is_read_as_it_is():
    text = "Fifteen patients presented with PSL. The left L5 screw is loose."
    assert expand(text) is None
    assert {(f.implant, f.finding) for f in extract(text).facts} == {("screw", "loosening")}


def test_rf_undefined_is_the_deformity_literatures_rod_fracture():
    # (round 14: five development parts quote it undefined, sentence by sentence; see tests/test_nlp_round14.py)
    text = "Fifteen patients presented with RFs. The left L5 screw is loose."
    assert expand(text) is None
    assert {(f.implant, f.finding) for f in extract(text).facts} == {("screw", "loosening"), ("rod", "fracture")}


def test_offsets_map_back_monotonically():
    e = expand(COHORT)
    assert e is not None and len(e.text) > len(COHORT)
    mapped = [e.original_offset(i) for i in range(len(e.text) + 1)]
    assert mapped == sorted(mapped) and mapped[0] == 0 and e.original_offset(len(e.text), True) == len(COHORT)


def test_a_text_of_little_else_than_abbreviations_is_read_as_written():
    text = "Pedicle screw loosening with lucency (PSLWL) was graded. " + "PSLWL " * 5000
    assert expand(text) is None  # written out it would be many times the report's size
    assert expand("Pedicle screw loosening (PSL) was graded. PSL was seen twice.") is not None
