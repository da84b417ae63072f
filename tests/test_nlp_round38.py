"""Report text, thirty-eighth round (issue 15): a growing rod's words are the rod's ("Both growing rods have broken"),
a pronoun after a finding's "of" stands for the implants named before ("there was no fracture of them"), a case report's
title names its own patient's finding ("Surgical Management of Lumbar Hardware Failure ...: Case Report"), a protrusion
of a given length past a bone's front cortex is out of the bone, and the faster first looks of the history reader still
find what they found. Sentences are written for the test or adapted from the development parts; none is taken from the
test part."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
sided = reader("implant", "finding", "side", "status")
findings = reader("finding")


# --- a growing rod is a rod with its own words ------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Both growing rods have broken.",
    "Both magnetically controlled growing rods have broken.",
    "Both titanium rods have broken.",  # (read so before)
])
def test_both_growing_rods_broken_are_the_left_and_the_right_rod(text: str) -> None:
    assert sided(text) == {("rod", "fracture", "left", "affirmed"), ("rod", "fracture", "right", "affirmed")}


def test_one_growing_rod_broken_is_one_rod_of_no_side() -> None:
    assert sided("The growing rod has broken.") == {("rod", "fracture", None, "affirmed")}


def test_growing_rods_used_in_a_cohort_are_no_finding() -> None:
    assert facts("Growing rods were used in 20 patients.") == set()


def test_a_growing_rods_part_that_broke_is_still_no_rod_fracture() -> None:
    # the magnet is hardware outside the case format's list: a fracture of no listed implant
    assert facts("Complete magnet fracture in a growing rod.") == {(None, "fracture", "affirmed")}


# --- a pronoun after "of" stands for the implants named before ----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The rods were examined and there was no fracture of them.",
    "The rod was examined and there was no fracture of it.",  # (read so before)
])
def test_no_fracture_of_them_is_the_rods_denied_fracture(text: str) -> None:
    assert facts(text) == {("rod", "fracture", "negated")}


def test_both_rods_bent_but_no_fracture_of_them_denies_each_rods_fracture() -> None:
    assert sided("Both rods were slightly bent but there was no fracture of them.") == {
        ("rod", "fracture", "left", "negated"), ("rod", "fracture", "right", "negated")}


def test_loosening_of_them_is_the_screws_named_before() -> None:
    assert facts("Pedicle screws were placed at L4 and L5; loosening of them was seen at 6 months.") == {
        ("pedicle screw", "loosening", "affirmed")}


def test_a_fracture_of_bones_named_by_a_pronoun_is_no_implants() -> None:
    assert facts("The vertebrae were osteoporotic and a fracture of them occurred.") == set()


def test_a_fracture_of_a_bone_named_after_of_is_still_no_implants() -> None:
    assert facts("The screws were intact; there was a fracture of the adjacent vertebral body.") == set()


# --- the history reader's first looks ----------------------------------------------------------------------------------

def _history(text: str) -> list[dict]:
    from spinekg.nlp.history import history_in

    return history_in(text)


def test_a_sentence_that_names_no_study_has_no_modality() -> None:
    assert [h for h in _history("The right L5 screw is loose after L4-S1 posterior fusion.") if "modality" in h] == []


@pytest.mark.parametrize("text, modalities", [
    ("CT-guided screw placement was performed at L4.", []),  # a study's word that names no study of the patient's
    ("MRI was contraindicated, so a CT was obtained.", ["CT"]),
    ("Radiographs and CT one year after surgery showed the screws intact.", ["CT", "Radiograph"]),
])
def test_a_study_named_is_read_and_a_study_not_done_is_not(text: str, modalities: list[str]) -> None:
    assert sorted(h["modality"] for h in _history(text) if "modality" in h) == modalities


@pytest.mark.parametrize("text, entry", [
    ("She had back pain after L4-L5 TLIF.", {"symptom": "back pain"}),
    ("Follow-up CT one year after posterior T10-L2 fusion.", {"interval": "1 year"}),
    ("Follow-up CT one year after posterior T10-L2 fusion.", {"procedure": "posterior fusion", "levels": "T10-L2"}),
])
def test_the_first_looks_let_through_what_the_sentence_states(text: str, entry: dict) -> None:
    assert entry in _history(text)


def test_a_sentence_without_any_history_word_has_no_history() -> None:
    assert _history("The alignment is unchanged.") == []


# --- a case report's title names its own patient's finding -------------------------------------------------------------

@pytest.mark.parametrize("text, fact", [
    ("Surgical Management of Lumbar Hardware Failure Due to Recurrent Postoperative Spondylodiscitis: Case Report",
     ("hardware", "complication", "affirmed")),
    ("Treatment of rod fracture: a case report", ("rod", "fracture", "affirmed")),
    ("Management of pedicle screw loosening: report of two cases", ("pedicle screw", "loosening", "affirmed")),
])
def test_a_case_reports_title_of_a_findings_treatment_reports_the_finding(text: str, fact: tuple) -> None:
    assert facts(text) == {fact}


@pytest.mark.parametrize("text", [
    "Management of cage migration after TLIF",  # no case reported: the treatment of such a finding in general
    "Management of rod fracture: a systematic review",  # a review's title speaks of the literature's
    "Prevention of cage migration: a case report",  # what was prevented did not happen
])
def test_a_findings_treatment_in_general_is_no_finding(text: str) -> None:
    assert facts(text) == set()


# --- a protrusion past a bone's front or side cortex -------------------------------------------------------------------

@pytest.mark.parametrize("text, fact", [
    ("CT scan revealed a protrusion of 11.4mm beyond anterior cortex.", (None, "screw position", "anterior", 11.4)),
    ("The left S1 screw shows a protrusion of 6 mm beyond the anterior sacral cortex.",
     ("screw", "screw position", "anterior", 6.0)),
])
def test_a_protrusion_of_a_length_past_the_anterior_cortex_is_out_of_the_bone(text: str, fact: tuple) -> None:
    assert reader("implant", "finding", "direction", "mm")(text) == {fact}


@pytest.mark.parametrize("text", [
    "Disc protrusion of 3 mm beyond the posterior vertebral margin.",  # a disc's
    "A protrusion of 4 mm beyond the posterior cortex of the L4 vertebral body indents the thecal sac.",  # a bone's, backwards
    "There is a small disc protrusion at L4-L5.",
])
def test_a_discs_or_bones_protrusion_is_no_implants(text: str) -> None:
    assert findings(text) == set()
