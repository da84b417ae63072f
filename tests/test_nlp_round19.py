"""Report text read by classes of language (issue 15, nineteenth round): every way of writing a finding, crossed with
every implant and frame, rather than one sentence at a time; a disc prosthesis and its polyethylene parts; a structured
line's "none"; with short sentences written for the test (none is copied from a set)."""
from __future__ import annotations

import itertools

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import statements

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "status", "level", "side")

# implant words and the implant type each gives
_IMPLANTS = {"screw": "screw", "pedicle screw": "pedicle screw", "cage": "cage", "interbody cage": "cage", "rod": "rod",
             "lead": "lead", "electrode": "lead", "plate": "plate", "hook": "hook", "spacer": "cage",
             "disc prosthesis": "hardware", "implant": "hardware", "hardware": "hardware", "construct": "hardware"}
_MOVED = ["had migrated", "was displaced", "had dislodged", "backed out", "pulled out", "had extruded", "retropulsed",
          "had shifted", "was dislocated", "had become displaced", "was found to have migrated", "appears displaced"]
_MOVEMENT = ["migration of the {i}", "{i} migration", "displacement of the {i}", "dislodgement of the {i}",
             "extrusion of the {i}", "retropulsion of the {i}", "back-out of the {i}", "pull-out of the {i}",
             "dislocation of the {i}", "displaced {i}", "migrated {i}", "anterior migration of the {i}",
             "posterior displacement of the {i}"]


def test_every_implant_that_moved_has_migrated_however_the_movement_is_written():
    missed = []
    for (word, implant), verb in itertools.product(_IMPLANTS.items(), _MOVED):
        text = f"CT showed that the {word} {verb}."
        if (implant, "migration", "affirmed") not in facts(text):
            missed.append(text)
    for (word, implant), noun in itertools.product(_IMPLANTS.items(), _MOVEMENT):
        text = f"Radiographs revealed {noun.format(i=word)}."
        if (implant, "migration", "affirmed") not in facts(text):
            missed.append(text)
    assert missed == []


_FINDINGS = {"fracture": ["fracture of the {i}", "{i} breakage", "broken {i}", "fractured {i}"],
             "loosening": ["loosening of the {i}", "{i} loosening", "loose {i}"],
             "disconnection": ["disconnection of the {i}", "disassembly of the {i}"]}
_NEGATED = ["No {n}.", "No evidence of {n}.", "{N} was not seen.", "{N} is absent.", "Negative for {n}.",
            "{N} was ruled out.", "{N}: none."]
_UNCERTAIN = ["Possible {n}.", "{N} cannot be excluded.", "Suspicious for {n}.", "Findings are concerning for {n}."]


@pytest.mark.parametrize(("frames", "status"), [(["CT showed {n}."], "affirmed"), (_NEGATED, "negated"),
                                                (_UNCERTAIN, "uncertain")])
def test_every_finding_keeps_its_status_in_every_frame(frames, status):
    wrong = []
    for finding, forms in _FINDINGS.items():
        for word, implant in (("pedicle screw", "pedicle screw"), ("rod", "rod"), ("plate", "plate")):
            for form, frame in itertools.product(forms, frames):
                noun = form.format(i=word)
                text = frame.format(n=noun, N=noun[0].upper() + noun[1:])
                if (implant, finding, status) not in facts(text):
                    wrong.append(text)
    assert wrong == []


def test_a_fractured_pedicle_screw_is_the_screws_fracture_and_a_fractured_pedicle_the_bones():
    assert facts("CT showed a fractured pedicle screw.") == {("pedicle screw", "fracture", "affirmed")}
    assert placed("CT showed fractured pedicle screws at L4.") == {("pedicle screw", "fracture", "affirmed", "L4", None)}
    assert facts("The fractured pedicle was fixed with cement.") == set()


def test_a_disc_prosthesis_that_migrated_is_the_prosthesis_not_a_disc():
    assert facts("There was anterior migration of the cervical disc prosthesis.") == {
        ("hardware", "migration", "affirmed")}
    assert facts("Migration of the artificial disc was seen.") == {("hardware", "migration", "affirmed")}
    # a disc's own fragment is no implant
    assert facts("There was migration of the disc fragment.") == set()


@pytest.mark.parametrize("text", [
    "Computed tomography showed anterior luxation of the polyethylene insert.",
    "There was a subluxation of the PE core.",
    "The polyethylene inlay redislocated during the revision.",
])
def test_a_prosthesis_polyethylene_part_that_moved_has_migrated(text):
    assert facts(text) == {(None, "migration", "affirmed")}


def test_a_structured_lines_none_negates_its_finding():
    assert facts("Hardware complication: none.") == {("hardware", "complication", "negated")}
    assert facts("Screw loosening: absent.") == {("screw", "loosening", "negated")}
    # "none" that is not the line's answer
    assert facts("Loosening: none of the screws, but the left rod is broken.") >= {("rod", "fracture", "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Six months after posterior spinal instrumentation, the rod broke.", {("rod", "fracture", "affirmed")}),
    ("At follow-up two years after fusion with instrumentation, the L4-5 cage had migrated posteriorly.",
     {("cage", "migration", "affirmed")}),
    ("Following pedicle screw fixation, the plate had displaced anteriorly.", {("plate", "migration", "affirmed")}),
    # a list is still a list
    ("The rod, the screws and the cage were broken.", {("rod", "fracture", "affirmed"), ("screw", "fracture", "affirmed"),
                                                       ("cage", "fracture", "affirmed")}),
])
def test_an_implant_in_an_opening_time_phrase_is_the_operation_not_a_second_subject(text, expected):
    assert facts(text) == expected


def test_surgery_for_an_implants_fracture_is_the_implants_and_for_a_bones_is_none():
    assert placed("The patient underwent revision surgery for a fracture of the right rod at L3-4.") == {
        ("rod", "fracture", "affirmed", "L3-L4", "right")}
    assert facts("He underwent pedicle screw fixation for the fracture.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("CT showed a broken vertebral body screw.", "screw"),
    ("CT showed odontoid screw fracture.", "screw"),
    ("CT showed fracture of the odontoid peg screw.", "screw"),
    ("CT showed a fracture of the polyaxial head.", "screw"),
])
def test_a_bone_word_that_names_an_implant_is_the_implants(text, expected):
    assert facts(text) == {(expected, "fracture", "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Medial pedicle breach by the left L4 screw.", ("screw", "screw position", "affirmed", "L4", "left")),
    ("The left L4 screw encroaches on the canal.", ("screw", "screw position", "affirmed", "L4", "left")),
    ("The misplaced left T10 screw was in contact with the aorta.", ("screw", "screw position", "affirmed", "T10", "left")),
    ("The left T6 screw abuts the descending aorta.", ("screw", "screw position", "affirmed", "T6", "left")),
    ("The right L3 pedicular screw was out of the pedicle.", ("pedicle screw", "screw position", "affirmed", "L3", "right")),
    ("The left L4 screw is intracanalicular.", ("screw", "screw position", "affirmed", "L4", "left")),
])
def test_more_ways_of_writing_a_screw_out_of_its_pedicle(text, expected):
    assert placed(text) == {expected}


@pytest.mark.parametrize("text", ["The cage abuts the endplate.", "The needle was out of the pedicle.",
                                  "Looming cutting-out of the pedicle screw in L1."])
def test_touching_or_leaving_what_is_no_breach(text):
    assert ("screw", "screw position", "affirmed") not in facts(text) and (None, "screw position", "affirmed") not in facts(text)


def test_an_organs_injury_an_implant_caused_is_no_finding_of_the_implant():
    assert facts("Endoscopy confirmed esophageal perforation caused by screws.") == set()
    assert facts("The plate screws caused esophageal perforation.") == set()
    assert facts("A T4 pedicle screw perforated the anterior cortex, complicated by an esophageal perforation.") == {
        ("pedicle screw", "screw position", "affirmed")}
    # an implant through an organ has left its bed
    assert facts("The screw perforated the esophagus.") == {("screw", "migration", "affirmed")}
    assert facts("Aerodigestive perforation of a pedicle screw was seen.") == {("pedicle screw", "migration", "affirmed")}


def test_a_cohorts_counted_comparison_is_still_its_finding():
    assert ("screw", "fracture", "negated") not in facts("Group A had a higher rate of screw fracture (16.3% vs. 0%).")
    assert any(f[:2] == ("screw", "fracture") for f in facts("Group A had a higher rate of screw fracture (16.3% vs. 0%)."))


def test_metal_failure_is_the_hardwares_and_technique_names_are_no_finding():
    assert facts("Three years after the revision, she underwent re-reoperation due to metal failure.") == {
        ("hardware", "complication", "affirmed")}
    assert facts("The penetrating endplate screw technique was used in patients with DISH.") == set()
    assert facts("Vessel injury may occur during difficult broken pedicle screw removal.") == set()
    # the removal of this patient's broken screw still says it broke
    assert facts("The broken screw was removed.") == {("screw", "fracture", "affirmed")}


def test_a_participle_in_brackets_does_not_end_a_list_that_shares_its_verb():
    text = ("Mechanical failures (evaluated in terms of rod fractures), radiographic outcomes, and clinical outcomes were "
            "compared between the groups.")
    assert facts(text) == set()
    assert statements.clause_numbers(["failures", "(", "evaluated", ")", ",", "outcomes", ",", "and", "outcomes", "were",
                                      "compared"])[-1] == 0
    # a clause with its own verb still ends at ", and"
    assert facts("The rod (fractured at L3) was removed, and the screws were loose.") == {
        ("rod", "fracture", "affirmed"), ("screw", "loosening", "affirmed")}


def test_an_implant_in_an_opening_exception_is_not_the_subjects():
    assert facts("Apart from a fractured left rod, the hardware is intact.") == {("rod", "fracture", "affirmed")}
    assert facts("Except for the loose S1 screws, the construct is unchanged.") == {("screw", "loosening", "affirmed")}


def test_an_unnamed_implant_over_several_levels_is_one_fact_of_their_span():
    assert placed("All wire fractures occurred between C1 and T1.") == {(None, "fracture", "affirmed", "C1-T1", None)}
    assert placed("Note the C2 cables have pulled out of C2.") == {(None, "migration", "affirmed", "C2", None)}
    # screws keep one level each
    assert placed("All screw fractures occurred between L1 and L3.") == {
        ("screw", "fracture", "affirmed", lv, None) for lv in ("L1", "L2", "L3")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Complications consisted of lateral cortical screw breakthrough in 8 patients.", ("screw", "screw position", "affirmed")),
    ("The left L4 screw broke through the medial wall.", ("screw", "screw position", "affirmed")),
    ("No loosening of the fixation material was seen.", ("hardware", "loosening", "negated")),
])
def test_breakthrough_and_fixation_material(text, expected):
    assert facts(text) == {expected}


@pytest.mark.parametrize("text", [
    "Within 2 years, lead migration occurred in 26% of fascial anchors (95% confidence interval, 0.85-5.93).",
    "This article describes 2 cases of complications from lead migration.",
    "Revisions were done for impedance measurements (12 of 26) and lead migration (1 of 26).",
])
def test_a_cohorts_count_keeps_its_finding_beside_a_general_word(text):
    assert ("lead", "migration", "affirmed") in facts(text)


def test_lead_migration_in_general_is_still_general():
    assert facts("Lead migration occurs in 10% of patients in the literature.") == set()
    assert facts("Clear zones have been suggested in pseudoarthrosis and a loss of fixation.") == set()


def test_typographic_apostrophes_and_contracted_negation():
    assert facts("Management of hangman’s fracture with percutaneous transpedicular screw fixation") == set()
    assert facts("The leads haven’t shifted.") == {("lead", "migration", "negated")}
    assert facts("The screw wasn't loose.") == {("screw", "loosening", "negated")}
    # not knowing is no negation
    assert facts("I didn’t know the rod was broken.") == {("rod", "fracture", "affirmed")}
    # quotes keep the report's own characters
    from spinekg.nlp import extract
    assert "haven’t" in extract("The leads haven’t shifted.").facts[0].sentence


def test_loss_of_fixation_is_a_complication_of_the_hardware():
    assert facts("There was no loss of fixation.") == {("hardware", "complication", "negated")}
    assert facts("Loss of screw fixation was seen at L5.") == {("hardware", "complication", "affirmed")}
    assert facts("There was loss of correction.") == set()


def test_a_studys_aim_is_general_but_a_case_reported_is_its_own():
    assert facts("To document implant-related complications on radiographs within 2 years after fusion.") == set()
    assert facts("To report the outcome of patients with rod fracture after thoracolumbar fusion.") == set()
    assert facts("To report a case of osteolysis around a pedicle screw after fusion.") == {
        ("pedicle screw", "lucency", "affirmed")}


def test_a_count_stands_for_the_implants_named_before_it():
    assert facts("Of the 40 screws, 3 were broken.") == {("screw", "fracture", "affirmed")}
    assert ("screw", "screw position", "affirmed") in facts(
        "On CT, 1,772 screws were acceptable, 142 were laterally misplaced.")


def test_a_rod_through_bone_is_misplaced_and_through_an_organ_has_moved():
    assert placed("Titanium rods penetrated the occipital bone on both sides.") == {
        ("rod", "screw position", "affirmed", None, "left"), ("rod", "screw position", "affirmed", None, "right")}
    assert facts("A fixation rod had migrated cephalad, penetrating the diaphragm into the lung.") == {
        ("rod", "migration", "affirmed")}
    # a cage through bone has moved
    assert facts("The cage perforated the endplate.") != {("cage", "screw position", "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("After instrumentation, there was fracture of the rod.", ("rod", "fracture", "affirmed")),
    ("After instrumentation, there was fracture of the Harrington rod.", ("rod", "fracture", "affirmed")),
    ("After unit-rod instrumentation, there was penetration of the unit rod into the hip joint.",
     ("rod", "screw position", "affirmed")),
    ("There was an accidental dislocation of a stimulation lead.", ("lead", "migration", "affirmed")),
])
def test_what_a_finding_is_of_is_named_after_it(text, expected):
    assert facts(text) == {expected}


def test_a_participle_describing_a_named_implant_is_presupposed_even_in_a_purpose():
    assert facts("CT was done to evaluate the migrated lead.") == {("lead", "migration", "affirmed")}
    # what is to be prevented or checked for stays hypothetical, and so does a condition's own participle
    assert facts("Surgery was performed to prevent screw loosening.") == set()
    assert facts("The lesions are reversible if the misplaced screws are corrected.") == set()


def test_an_implant_drifting_into_a_place_has_migrated():
    assert facts("The proximal hook drifted into the spinal canal.") == {("hook", "migration", "affirmed")}
    assert facts("There was coronal drift of the curve.") == set()


def test_a_vertebral_body_tether_is_an_implant_outside_the_case_format():
    assert placed("Tether breakage was seen at T11-T12.") == {(None, "fracture", "affirmed", "T11-T12", None)}
    assert facts("She has a tethered cord.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("CT showed cord compression from a medial T8 pedicle screw.", {("pedicle screw", "screw position", "affirmed")}),
    ("The cauda equina nerves are being compressed by the screws.", {("screw", "screw position", "affirmed")}),
    ("Compression was applied between the L4 and L5 screws.", set()),  # an operative step
    ("There was cord compression from a herniated disc.", set()),
])
def test_a_structures_compression_by_a_screw_is_where_the_screw_lies(text, expected):
    assert facts(text) == expected


def test_implant_related_complications_and_screws_in_a_foramen():
    assert facts("Screw-related complications occurred with 2 of 43 screws.") == {("screw", "complication", "affirmed")}
    assert facts("Fusion-related complications were seen.") == set()
    assert facts("Of the 137 screws used, 19 were intraforaminal (13.9%).") == {("screw", "screw position", "affirmed")}
    assert facts("There were no intraforaminal screws in group 1.") == {("screw", "screw position", "negated")}


# one rule, many wordings: bone, a study's method or a technique's effect, and pain give no implant finding
@pytest.mark.parametrize("text", [
    # a bone's subluxation or fracture, also beside screws that fix it
    "C5-6 subluxation was seen.",
    "There was subluxation of the facet joints.",
    "A subluxation of C1 on C2 was seen.",
    "CT showed a type II odontoid fracture.",
    "CT showed a fracture of the odontoid base.",
    "The broken vertebra was fixed.",
    "Percutaneous pedicle screw fixation has been a popular approach for treating thoracolumbar and lumbar fracture.",
    "Patients with thoracolumbar burst (A3-A4) fractures underwent percutaneous pedicle screw fixation.",
    "Short-segment pedicle screw fixation was used for type A fractures.",
    "In-screw augmented sacroiliac screw fixation for fragility fractures of the pelvis is a safe technique.",
    "Iatrogenic root entrapment after iliosacral screw fixation in a patient with pelvic ring fracture",
    "CT showed a pelvic ring fracture beside the iliosacral screw.",
    # what a study measures, what a technique lowers
    "The authors also evaluated screw loosening and bone healing on radiographs.",
    "We also assessed cage subsidence on CT.",
    "Hounsfield units are a prognostic marker for pedicle screw loosening.",
    "The modified technique has a lower rate of distal implant failure.",
    "This technique decreases instrumentation-related complications.",
    # pain
    "He had breakthrough pain despite the screws.",
])
def test_no_implant_finding(text):
    assert facts(text) == set()
