"""Report text read by classes of language (issue 15, eleventh round): each test pins one class of language the
development parts showed, with short sentences written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import extract
from spinekg.nlp.history import history_in

findings = reader("implant", "finding", "status", "level", "side")
kinds = reader("implant", "finding")


@pytest.mark.parametrize("text", [
    "The left CD Horizon Legacy rod is fractured.",
    "The tulip of the first screw came apart and the left side Solera rod fractured.",
])
def test_a_side_reaches_its_implant_across_a_brand_name(text):
    assert ("rod", "fracture", "affirmed", None, "left") in findings(text)


def test_a_brand_name_does_not_take_the_side_of_another_implant():
    got = findings("The tulip of a Xia 3 polyaxial screw disengaged and the right side Xia II rod fractured.")
    assert ("rod", "fracture", "affirmed", None, "right") in got
    assert not any(implant == "screw" and side == "right" for implant, _, _, _, side in got)


def test_implants_coordinated_across_brand_names_share_the_finding():
    got = kinds("It was reported that a Tritanium PL cage and a Xia CT cortical screw fractured.")
    assert {("cage", "fracture"), ("screw", "fracture")} <= got


def test_a_finding_verb_followed_by_a_time_adverb_is_about_the_implant():
    got = findings("A cage and a screw, implanted at L4-L5, fractured post-operatively.")
    assert ("cage", "fracture", "affirmed", "L4-L5", None) in got
    assert ("screw", "fracture", "affirmed", "L4", None) in got
    assert ("screw", "fracture", "affirmed", None, None) in findings("The fractured post of the screw was removed.")


def test_an_ordinal_opens_another_implant_phrase_not_a_brand_name():
    got = findings("The patient had a fractured rod, as well as a second rod fracture on the left side.")
    assert ("rod", "fracture", "affirmed", None, None) in got
    assert ("rod", "fracture", "affirmed", None, "left") in got


@pytest.mark.parametrize(("text", "status"), [
    ("Evaluation of the explanted devices identified that both crosslinks were fractured.", "affirmed"),
    ("Assessment of the radiographs revealed a broken rod.", "affirmed"),
    ("Evaluation of the hardware for possible loosening.", None),
])
def test_an_evaluation_that_found_something_is_not_a_hypothesis(text, status):
    got = findings(text)
    if status is None:
        assert got == set()  # still a hypothesis: the finding is set aside, not asserted
    else:
        assert any(f == "fracture" and st == status for _, f, st, _, _ in got)


def test_implants_coordinated_across_their_rates_share_the_finding():
    got = kinds("Rod (14.1%) and screw (2.3%) fracture occurred in the long constructs.")
    assert {("rod", "fracture"), ("screw", "fracture")} <= got


@pytest.mark.parametrize(("text", "level"), [
    ("The stimulator leads terminate at T8.", "T8"),
    ("Spinal cord stimulator leads with tips at the T8-T9 level.", "T8-T9"),
])
def test_where_a_stimulator_lead_ends_is_its_position(text, level):
    assert any(f == "lead position" and lv == level for _, f, _, lv, _ in findings(text))


def test_where_a_screw_tip_ends_is_no_finding():
    assert findings("The right L5 screw tip is at L5.") == set()


@pytest.mark.parametrize("text", [
    "Disc bulging lies adjacent to the exiting left L5 nerve root.",
    "Fracture dislocation, C2.",
    "She has a significantly displaced C2 comminuted fracture.",
    "The spacer was then carefully impacted into position.",
    "The break-off heads were rotated fractured off.",
    "Collapsed disk space, hypermobility, and herniated disk.",
    "Good alignment of the instrumentation as well as of the fracture was seen.",
    "The L5 screw is in place and the fracture is healed.",
])
def test_bone_nerve_and_operative_words_give_no_implant_finding(text):
    assert findings(text) == set()


def test_an_intraoperative_check_is_no_finding_but_a_report_line_is():
    assert findings("The track was sounded to make sure there was no violation of the pedicle wall.") == set()
    assert ("screw", "screw position", "negated", "L4", None) in findings(
        "There is no violation of the pedicle wall by the L4 screw.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Hypermobility with inflammation surrounding the right T5 screw.", ("screw", "loosening", "affirmed", "T5", "right")),
    ("The cage has impacted into the endplate.", ("cage", "subsidence", "affirmed", None, None)),
    ("The left L5 screw is displaced.", ("screw", "migration", "affirmed", "L5", "left")),
])
def test_the_same_words_about_an_implant_are_still_findings(text, expected):
    assert expected in findings(text)


# --- dev12.yaml: figure captions and case text ----------------------------------------------------------------------

@pytest.mark.parametrize(("text", "level", "side"), [
    ("X-ray of leads spanning T8 to T11.", "T8-T11", None),
    ("Single octrode stimulation lead over lumbosacral region.", None, None),
    ("The electrodes of the stimulator are seen in midline in the lumbar area.", None, "midline"),
])
def test_where_a_stimulator_lies_on_a_film(text, level, side):
    assert ("lead", "lead position", "affirmed", level, side) in findings(text)


def test_a_region_of_the_spine_is_no_finding_of_a_screw():
    assert findings("The L4 screw is in the lumbar spine.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Right screw within the pedicle, left screw is a grade 1 lateral misplace.",
     ("screw", "screw position", "affirmed", None, "left")),
    ("Looming cutting-out of the pedicle screw in L1.", ("pedicle screw", "migration", "affirmed", "L1", None)),
    ("There were no complications due to the screw misplacement.", ("screw", "screw position", "affirmed", None, None)),
    ("CT showing hardware failure at C3 with anterior shift of the graft.", ("hardware", "complication", "affirmed", "C3", None)),
    ("In 2 patients, the instrumentation failed due to wire breakage.", ("hardware", "complication", "affirmed", None, None)),
])
def test_caption_language_for_implant_findings(text, expected):
    assert expected in findings(text)


def test_a_level_earlier_in_the_sentence_is_not_the_constructs():
    assert ("hardware", "complication", "negated", None, None) in findings(
        "Solid osseous fusion at L4-5 with no hardware failure.")


@pytest.mark.parametrize("text", [
    "Electrodes were placed at the exit zone of the fifth lumbar nerve root.",
    "CT showed atlanto-occipital and atlanto-axial dissociation.",
    "CT revealing a distraction pattern fracture at pedicles through the upper edge of the screw.",
])
def test_bone_and_nerve_words_near_implants_give_no_finding(text):
    assert findings(text) == set()


@pytest.mark.parametrize("text", [
    "An exceedingly rare complication of Harrington rod placement is loosening with resultant migration.",
    "Grade 2 (M2)\u2014medial penetration of the screw >2 mm.",
])
def test_a_general_statement_or_a_grading_line_is_set_aside(text):
    ex = extract(text)
    assert ex.facts == [] and ex.set_aside


def test_a_hollow_organs_wall_penetrated_is_a_migration_not_a_breach():
    got = kinds("Migration of the hardware distally, resulting in penetration of the wall of the rectum.")
    assert ("hardware", "migration") in got and ("hardware", "screw position") not in got


@pytest.mark.parametrize(("text", "interval"), [
    ("Six months following C3 and C4 laminectomies with C2-C6 fusion, CT demonstrated a solid fusion mass.", "6 months"),
    ("At 3 months, there is no evidence of cage subsidence.", "3 months"),
    ("After 6 months, subsidence was observed at the operated level.", "6 months"),
    ("The patient has completed 48-month follow-up.", "48 months"),
    ("During her one year appointment, the patient reported no neck pain.", "1 year"),
    ("Thirty-five years later, she presented with sensory changes after her rod placement.", "35 years"),
    ("The radiograph one week after first operation showed the screws pulled out.", "1 week"),
])
def test_follow_up_times_as_reports_and_captions_write_them(text, interval):
    assert {"interval": interval} in history_in(text)


@pytest.mark.parametrize("text", [
    "At 3 months, 12 patients had fused.",
    "The mean follow-up was 48 months.",
])
def test_a_cohorts_time_is_no_patients_interval(text):
    assert not any("interval" in h for h in history_in(text))


@pytest.mark.parametrize(("text", "procedure", "levels"), [
    ("Postoperative CT scan shows T10-L2 posterior instrumentation.", "posterior fusion", "T10-L2"),
    ("Posterior spinal instrumentation, L4 to S1, using a titanium system.", "posterior fusion", "L4-S1"),
    ("Posterior spine segmental instrumentation from T3-L5, placement of autograft.", "posterior fusion", "T3-L5"),
    ("CT after L1 corpectomy and posterior instrumentation of T8-L4.", "posterior fusion", "T8-L4"),
    ("T2 to pelvis segmental spinal instrumentation using a screw/rod construct.", "posterior fusion", "T2-S1"),
    ("Radiograph following C3-7 laminectomy and fusion showing lateral mass screws.", "fusion", "C3-C7"),
    ("The patient underwent L1-L2 single-level instrumented fusion.", "fusion", "L1-L2"),
    ("The patient underwent C4 corpectomy and C5-6 and C6-7 anterior cervical discectomy and fusion.", "anterior fusion",
     "C5-C7"),
])
def test_instrumentation_and_fusion_phrases_with_their_levels(text, procedure, levels):
    assert {"procedure": procedure, "levels": levels} in history_in(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("The posterior instrumentation was removed.", [{"procedure": "hardware removal"}]),
    ("Revision was performed with exchange of the whole dorsal instrumentation.", []),
    ("Lumbar posterior instrumentation procedures done at our department were reviewed.", []),
])
def test_instrumentation_removed_exchanged_or_counted_is_no_new_fusion(text, expected):
    assert [h for h in history_in(text) if "procedure" in h] == expected


def test_an_imaging_purpose_about_a_named_finding_presupposes_it():
    assert ("screw", "migration", "affirmed", None, None) in findings(
        "CT was done to evaluate the position of the migrated screw.")
    assert findings("CT was done to evaluate screw loosening.") == set()


def test_a_hook_takes_the_level_of_the_lamina_it_came_free_from():
    assert ("hook", "migration", "affirmed", "T11", None) in findings(
        "The spinal hooks fractured free from the superior T11 lamina.")


def test_words_that_give_no_finding_take_no_side_or_level():
    assert ("screw", "loosening", "affirmed", "L5", "left") in findings(
        "Screw loosening is seen in the lumbar spine at L5 on the left.")
