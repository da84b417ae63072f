"""Report text read by classes of language (issue 15, fourteenth round): screws in a disc space, a stimulator's lead
extension, a count given after the finding, a failure that the finding after it names, with short sentences written
for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

findings = reader("implant", "finding", "status", "level", "side")


@pytest.mark.parametrize(("text", "expected"), [
    ("Screws were driven into the disc space in four cases.", (None, None)),
    ("The left L5 screw lies within the L5-S1 disc space.", ("L5", "left")),
    ("The right S1 screw enters the L5-S1 disc space.", ("S1", "right")),
    ("The screw was placed into the C5-6 disc space.", (None, None)),  # the disc's level is not the screw's
])
def test_a_screw_in_a_disc_space_is_out_of_place(text, expected):
    level, side = expected
    assert findings(text) == {("screw", "screw position", "affirmed", level, side)}


@pytest.mark.parametrize("text", [
    "The cage is in the L4-5 disc space.",  # where a cage belongs
    "The interbody spacer is seen within the disc space, and pedicle screws are in L4 and L5.",
    "There is narrowing of the L4-5 disc space.",
])
def test_a_cage_or_nothing_in_a_disc_space_is_no_finding(text):
    assert findings(text) == set()


@pytest.mark.parametrize(("text", "finding"), [
    ("Extension cable breakage caused dysfunction of the system.", "fracture"),
    ("The lead extension was fractured at the connector.", "fracture"),
    ("Distal extension cable disconnection was found.", "disconnection"),
])
def test_a_lead_extension_is_the_stimulators_lead(text, finding):
    assert findings(text) == {("lead", finding, "affirmed", None, None)}


def test_a_lead_extension_in_the_buttock_is_where_it_belongs():
    assert findings("The lead extension is tunneled to the left buttock.") == set()


def test_a_count_after_the_finding_makes_a_cohorts_kind_a_fact():
    text = "The most often encountered type of hardware failure was lead breakage (n= 8)."
    assert findings(text) == {("lead", "fracture", "affirmed", None, None)}
    # without the count it is a statement about kinds of failure
    assert findings("The most often encountered type of hardware failure is lead breakage.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Instrumentation failure due to screw loosening occurred in 5 patients.", ("screw", "loosening")),
    ("Implant failure, in the form of screw pullout, occurred in two cases.", ("screw", "migration")),
    ("The most common type of hardware complication was lead migration (n = 12).", ("lead", "migration")),
])
def test_a_failure_the_next_words_name_is_that_finding(text, expected):
    assert findings(text) == {(*expected, "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "Hardware failure due to infection was seen in 2 patients.",  # no finding names the failure
    "Hardware failure with rod breakage was seen in 12 patients.",  # a failure and a fracture
])
def test_a_failure_not_named_by_a_finding_stays_a_complication(text):
    assert ("hardware", "complication", "affirmed", None, None) in findings(text)


def test_a_bone_fractures_displacement_is_no_implant_finding():
    assert findings("Most fractures (n = 8) were Roy-Camille type II (anterior displacement with kyphosis).") == set()


# --- after the first look at dev18 -------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Two sublaminar wires were broken.", (None, None)),
    ("A broken cerclage wire is seen.", (None, None)),
    ("The spinous process wire has fractured at T4.", ("T4", None)),
    ("In 2 patients, the instrumentation failed due to upper thoracic sublaminar wire breakage.", (None, None)),
])
def test_a_broken_wire_is_a_fracture_of_hardware_the_case_format_does_not_list(text, expected):
    level, side = expected
    assert (None, "fracture", "affirmed", level, side) in findings(text)


@pytest.mark.parametrize("text", [
    "The sublaminar wires are intact.",
    "Median sternotomy wires are intact.",
    "Sternotomy wires, the third of which is fractured.",  # the sternum's wires, not the spine's
    "The offset connector was fractured.",  # outside the case format, and no wire
])
def test_intact_wires_and_the_sternums_wires_give_no_finding(text):
    assert findings(text) == set()


def test_a_magnetically_controlled_growing_rod_is_a_rod():
    assert findings("The right MCGR is fractured.") == {("rod", "fracture", "affirmed", None, "right")}


@pytest.mark.parametrize("text", [
    "This retrospective study evaluated the incidence of screw loosening and its effect on clinical outcomes.",
    "Radiographic films were evaluated and compared to detect screw loosening.",
    "Radiographic results were compared for the intervertebral fusion and screw loosening.",
    "Loosening of the pedicle screws in such nonfusion implants is predictable.",
    "Further cranial settling was not observed in any patient.",  # the skull's, not an implant's subsidence
])
def test_what_a_study_looked_at_or_expects_and_cranial_settling_give_no_finding(text):
    assert findings(text) == set()


def test_a_study_that_evaluated_and_found_keeps_its_finding():
    assert ("screw", "loosening", "affirmed", None, None) in findings(
        "This study evaluated 120 patients and found screw loosening in 14 of them.")


def test_a_screw_that_migrated_into_a_disc_space_has_migrated():
    assert ("screw", "screw position", "affirmed", None, None) not in findings(
        "The screws migrated superiorly into the intervertebral disc space.")


# --- after the first look at dev17 -------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Two of these cases involved penetration of the pedicle probe into the vertebral artery.",  # an instrument
    "The draw rod of the inserter was damaged and could not be disassembled.",
    "The surgeon used a slap hammer to disengage the implant but was unable to.",  # what the surgeon tried to do
    "Complications related to screw mal-positioning were also evaluated.",  # what the study looked at
    "If the screw is loose, revision is needed.",  # a condition
    "Device-specific failure patterns remain poorly characterized in the literature.",
    "Spinelli and colleagues reported 15 patients and observed no lead migration.",  # another study's patients
])
def test_instruments_attempts_conditions_and_the_literature_give_no_finding(text):
    assert findings(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The screw began to loosen.", ("screw", "loosening")),  # not an attempt
    ("Perforation of the pedicle by the right L4 screw.", ("screw", "screw position")),  # the pedicle is where, not an instrument
])
def test_a_finding_verb_after_to_or_of_still_names_the_implants_finding(text, expected):
    assert {(f[0], f[1]) for f in findings(text)} == {expected}


@pytest.mark.parametrize(("text", "expected"), [
    ("The nut screws had become loose.", ("set screw", "loosening")),
    ("The percutaneous extension connector has migrated.", ("lead", "migration")),
    ("The most common intraoperative events were implant malfunctions (n = 374).", ("hardware", "complication")),
])
def test_more_device_report_words(text, expected):
    assert findings(text) == {(*expected, "affirmed", None, None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Locking mechanism has been observed to disassociate.", (None, "disconnection")),  # the present tense
    ("He had neck pain attributed to instability of the ADR construct.", ("hardware", "loosening")),
    ("A complete magnet fracture was seen.", (None, "fracture")),  # a growing rod's part
    ("Actuator endcap separation was identified in 41.9% (99).", (None, "disconnection")),
    ("We report a device failure in a 14-year-old patient.", ("hardware", "complication")),
])
def test_more_parts_and_forms(text, expected):
    assert findings(text) == {(*expected, "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "The fusion was performed without a cage, which is not within the approved indicated labeling.",
    "The MAUDE database was searched for all reported fusion device complications.",
    "MRI (magnetic resonance imaging) of the lumbar spine was obtained.",
])
def test_labelling_searches_and_magnetic_resonance_give_no_finding(text):
    assert findings(text) == set()


# --- after the first looks at dev19 and dev20 ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Results: Of 558 patients that met criteria, 5.4% had symptomatic RF.", ("rod", "fracture")),  # rod fracture
    ("Most RFs occurred within one year.", ("rod", "fracture")),
    ("The incidence of RF after a PSO using the ST pedicle screw system was 12.3% in our cohort.", ("rod", "fracture")),
])
def test_rf_is_the_deformity_literatures_rod_fracture(text, expected):
    assert findings(text) == {(*expected, "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "Pulsed RF of the dorsal root ganglion was performed.",  # radiofrequency
    "RF ablation of the medial branch was performed at L4-5.",
    "The second is close to the subcutaneous RF receiver.",
    "Seventeen (57%) RF patients received pedicle subtraction osteotomy.",  # a group, not a count of fractures
])
def test_radiofrequency_and_rf_groups_are_no_rod_fracture(text):
    assert findings(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("The rods had broken and became dislodged.", {("rod", "fracture"), ("rod", "migration")}),  # dislodged: moved
    ("1992: Harrington rod breakage and dislodging.", {("rod", "fracture"), ("rod", "migration")}),
    ("Radiographs show dislodgement of the posterior rods from connection with the thoracic rods.", {("rod", "disconnection")}),
    ("The set screw dislodged from the tulip.", {("set screw", "disconnection")}),
    ("The surgeon had put several of the screws through the spinal canal.", {("screw", "screw position")}),
    ("The right T6 screw crosses the canal.", {("screw", "screw position")}),
    ("Posterior misplacement of left cage at L4-5 level.", {("cage", "screw position")}),  # where it was put
    ("Notable complications were cage malposition and injury to the ureter.", {("cage", "screw position")}),
    ("58 pedicle screws (40.3%) were detected to be improper placement.", {("pedicle screw", "screw position")}),
    ("Revision surgery for failed lumbar fixation was performed in 12 patients.", {("hardware", "complication")}),
])
def test_more_report_words_of_round_14(text, expected):
    assert {(f[0], f[1]) for f in findings(text)} == expected


def test_a_contracted_denial_negates():
    assert findings("Patient doesn't have screw loose after all") == {("screw", "loosening", "negated", None, None)}


@pytest.mark.parametrize("text", [
    "Screw breakage after spinal fusion surgery?",  # a question
    "Pedicle Screw Fracture: Detection and Implications",  # a title naming a topic
    "Instrumentation failures continue to be problematic and are poorly understood.",
    "Examples of common postoperative complications are provided, including hardware failure.",
    "These typically involved hardware failure usually occurring 3-5 years after implantation.",
    "This systematic review describes the imaging features of complications including instrumentation malpositioning.",
    "Methods: Multicenter, retrospective review of rod fracture during a 6-year period.",
    "Screw loosening was diagnosed by the lucent zone on CT, and patients were classified into loosening and non-loosening"
    " groups.",
    "If, however, the broken screw was pressing on a nerve, surgery would be considered.",
    "As you can see, this paddle placement violates my preference for anchoring.",
    "The only way to change the battery is through surgery.",
    "The lead was harvested from a skin incision and withdrawn.",
])
def test_questions_topics_methods_conditions_and_operations_give_no_finding(text):
    assert findings(text) == set()


def test_a_figure_caption_example_keeps_its_finding():
    assert ("pedicle screw", "screw position", "affirmed", None, None) in findings(
        "Example of a malpositioned pedicle screw with significant breach of the anterolateral vertebral body wall.")


# --- round 15: after the first looks at dev21 and dev22 --------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Catastrophic delayed cervical arthroplasty failure: illustrative case", ("hardware", "complication")),
    ("We present a previously unreported failure of the M6-C prosthesis causing spinal cord injury.",
     ("hardware", "complication")),
    ("Early Catastrophic Failure of Cervical Disc Arthroplasty", ("hardware", "complication")),
    ("The authors noted failure of a well-positioned CDA.", ("hardware", "complication")),
    ("A CT scan revealed that the SCS electrode array was compressing her spinal cord.", ("lead", "lead position")),
    ("The right S1 screw compresses the nerve root.", ("screw", "screw position")),
    ("Destabilization of Pedicle Screws and Migration of Connecting Rod into the Posterior Cranial Fossa",
     ("screw", "loosening")),  # the finding's own words name its implant, not the rod after it
])
def test_disc_prostheses_pressing_and_a_findings_own_implant(text, expected):
    assert (*expected, "affirmed") in {f[:3] for f in findings(text)}


@pytest.mark.parametrize("text", [
    "The patient underwent cervical disc arthroplasty at C5-6.",  # a procedure, no finding
    "Bryan et al. reported the first series.",  # a name, not the Bryan disc
    "Failure of fusion was seen in two patients.",  # the fusion's, not an implant's
    "Endoscopic scoliosis surgery can be complicated by rod breakage.",
    "Those patients sustaining rod breakages were compared with those that did not.",
    "Integrated Fixation Cage Loosening Under Fatigue Loading",  # a bench test
    "A pedicle finder can be inserted into the cannulated part of the broken screw threads.",  # a technique's step
    "This manifests most commonly as rod fracture or screw cut-out from within the pedicle.",
    "Complications regarding the cage remain challenging.",
    "Radiographs were reviewed to identify significant cage retropulsion-related factors.",
    "The authors' objective was to determine the effect of accessory rods on rod fracture.",
    "We read with great interest the recent article on misplaced pedicle screws.",
    "Possible mechanisms include hypermobility, factors previously associated with CDA.",
    "The SCS device compressed the spinal cord.",  # a stimulator's complication, not a screw's position
])
def test_round_15_general_statements_and_names_give_no_finding(text):
    assert findings(text) == set()


@pytest.mark.parametrize(("text", "mm"), [
    ("30 patients had lead migrations greater than 5mm on both sides.", 5.0),  # a measure of each side
    ("There is lucency bilaterally around the S1 screws.", None),  # an adverb names no place
    ("There is 2 mm of lucency bilaterally around the S1 screws.", 2.0),
])
def test_both_sides_after_a_measure_or_as_an_adverb_give_left_and_right(text, mm):
    got = reader("side", "mm")(text)
    assert got == {("left", mm), ("right", mm)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Intraoperatively, the core of the caudal device was found to have ejected into the spinal canal.",
     ("hardware", "migration")),
    ("30 patients had lead migrations.", ("lead", "migration")),  # "lead" before a finding noun is the stimulator's
])
def test_ejected_and_lead_before_a_finding_noun(text, expected):
    assert {f[:2] for f in findings(text)} == {expected}


@pytest.mark.parametrize("text", [
    "Lead poisoning was excluded.",
    "Unfortunately, there is a high incidence of hardware subsidence due to small-diameter footplates.",
    "Studies that compare techniques to remove pedicle screws that penetrate the aorta are missing.",
])
def test_round_15_more_statements_give_no_finding(text):
    assert findings(text) == set()


# --- round 16: after the first looks at dev23 and dev24 --------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Intraoperative anteropulsion of an interbody fusion cage.", ("cage", "migration", "anterior")),
    ("Retropulsion of the cage into the canal.", ("cage", "migration", "posterior")),
    ("Failure of Cement-Augmented Pedicle Screws in the Osteoporotic Spine", ("pedicle screw", "complication", None)),
    ("Case Report of Artificial Disc Failure", ("hardware", "complication", None)),
])
def test_round_16_words(text, expected):
    assert expected in reader("implant", "finding", "direction")(text)


def test_screws_that_failed_and_displaced():
    got = {f[:2] for f in findings("The pedicle screws failed by disengaging from the PMMA and displacing posteriorly.")}
    assert got == {("pedicle screw", "complication"), ("pedicle screw", "migration")}


def test_a_failure_through_a_named_finding_is_that_finding():
    assert findings("We present a case of device malfunction through lead migration.") == {
        ("lead", "migration", "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "The L5 screw is displacing the nerve root.",  # what it displaces is the root, not itself
    "Retro-pulsed bony fragments were seen in the spinal canal.",  # bone
    "The clear zones were evaluated in 399 patients.",
    "The patient was considered to be clear zone positive when 1 mm of lucency was seen around a screw.",
    "Here, the authors evaluated the role of colonization in patients with pedicle screw loosening.",
    "We report interobserver reliability of X-ray for the interpretation of loose pedicle screws.",
    "The observers were asked to state whether or not each pedicle screw is loose.",
    "The standard surgical treatment involves replacing the loosened screw with a larger one.",
])
def test_round_16_statements_give_no_finding(text):
    assert findings(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("CT revealed a C7 vertebral body screw protruding into the esophagus.", ("screw", "migration", "affirmed", "C7", None)),
    ("The lead was placed on the right S3 sacral foramen.", ("lead", "lead position", "affirmed", "S3", "right")),
])
def test_an_implant_protruding_into_an_organ_and_a_sacral_lead(text, expected):
    assert findings(text) == {expected}


def test_pain_extending_into_the_buttock_is_no_finding():
    assert findings("Pain extending into the buttock after the L5 screws were placed.") == set()


# --- round 17: after the first looks at dev25 and dev26 --------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The number of lateral and medial breaches was 2 and 3, respectively.", (None, "screw position")),  # a count
    ("No implant insufficiency was observed in any case.", ("hardware", "complication")),
    ("The overall 2-year risk of rod fracture was 3.05%.", ("rod", "fracture")),  # a cohort's rate, not a risk factor
    ("Failure of a polyether-ether-ketone expandable interbody cage following TLIF.", ("cage", "complication")),
    ("A transoropharyngeal endoscopic approach to remove the loose anterior odontoid screw was feasible.",
     ("screw", "loosening")),  # the patient's operation, not a technique in general
])
def test_round_17_findings(text, expected):
    assert expected in {f[:2] for f in findings(text)}


@pytest.mark.parametrize("text", [
    "A Simple Technique for Removing Broken Pedicle Screws",
    "Removing a broken pedicle screw is not always easy.",
    "A medial breach is most likely when the pedicle screw tip has transgressed the midline.",
    "The primary outcome measure collected was rod fracture at any point in treatment.",
    "Rods with a diameter of 5 mm or less fractured at a higher rate than those over 5 mm.",
    "The anatomical location did not affect the development of cage settling.",
    "Instrumentation to the pelvis was also associated with a greater incidence of broken rods.",
    "Medial breach is a concern due to the proximity of neural structures.",
    "Lateral breach in the thoracic spine may be contained within the posterior rib.",
    "Pedicle screw misplacement rate is reported between 6% and 15%.",
    "Our frequency of screw violation was lower than that reported in these studies.",
    "The downside screws had more screw malpositioning than the upside screws.",
    "We included all grades of displacement in the total rate of screw displacement.",
    "CT scans were used to assess pedicle dimensions, screw angles, and breaches.",
    "Navigated pedicle screw placement in dorsolumbar fractures",
    "When the screw hole was tapped, the 4-mm tap traversed the superior wall of the posterior arch.",
    "Change in patient position may allow the aorta to roll away.",
    "Mal-positioning of pedicle screws can still occur.",  # (one modal pattern since the review: "still" as "then", "also")
    "A pedicle finder may then be used to remove the broken screw thread.",
])
def test_round_17_statements_give_no_finding(text):
    assert findings(text) == set()
