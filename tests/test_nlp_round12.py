"""Report text read by classes of language (issue 15, twelfth round): each test pins one class of language the
development parts `dev13.yaml` (figure captions) and `dev14.yaml` (case-report bodies, abstracts, device reports, trial
descriptions) showed, with short sentences written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import extract
from spinekg.nlp.evaluation import normalise_interval
from spinekg.nlp.history import _intervals, history_in

findings = reader("implant", "finding", "status", "level", "side")


def procedures(text: str) -> list[dict]:
    return [h for h in history_in(text) if "procedure" in h]


@pytest.mark.parametrize(("text", "expected"), [
    ("None of the bolts have broken.", ("screw", "fracture", "negated", None, None)),
    ("Healing through impaction and backing of the screws.", ("screw", "migration", "affirmed", None, None)),
    ("The screw was corrected due to possible implant instability.", ("screw", "loosening", "uncertain", None, None)),
    ("The lead tips were located at the T10-T12 level.", ("lead", "lead position", "affirmed", "T10-T12", None)),
    ("X-ray showing leads positioned midline at T8-T9.", ("lead", "lead position", "affirmed", "T8-T9", "midline")),
    ("A round lead placed at the T9-10 level.", ("lead", "lead position", "affirmed", "T9-T10", None)),
    ("The patient sustained a fracture of the rod.", ("rod", "fracture", "affirmed", None, None)),
])
def test_caption_and_case_language_for_findings(text, expected):
    assert expected in findings(text)


def test_octopolar_leads_over_both_sides_of_two_levels():
    got = findings("Octopolar leads placed over the bilateral T8 and T9.")
    assert {("lead", "lead position", "affirmed", "T8-T9", side) for side in ("left", "right")} <= got


def test_a_screw_placed_at_its_level_is_no_finding():
    assert findings("The L5 screw was placed at L5.") == set()


def test_a_figure_panel_is_no_side():
    got = findings("A malpositioned pedicle screw with breach of the anterolateral vertebral body wall (left).")
    assert ("pedicle screw", "screw position", "affirmed", None, None) in got


@pytest.mark.parametrize("text", [
    "The tip of the guide pin violated the medial wall of the pedicle.",
    "Dysphagia following extrusion of bone graft.",
    "X-ray suggesting a transverse fracture with lateral displacement through the odontoid peg.",
    "CT showing the cement extruded around the screws.",
    "SI screw fixation in a patient who sustained an AO/OTA 61-C1.3 fracture.",
    "She underwent iliac screw revision and placement of an intrathecal pain pump.",
    "The screws have sufficient stiffness and pullout strength.",
])
def test_instruments_cement_bone_and_pumps_give_no_implant_finding(text):
    assert findings(text) == set()


def test_none_of_the_findings_presupposes_them():
    got = findings("None of the violations were detected intraoperatively, with the exception of 1 C1 medial breach.")
    assert not any(status == "negated" for _, _, status, _, _ in got)


@pytest.mark.parametrize("text", [
    "One case was also described in which an osteosynthesis screw loosened after 16 months.",
    "Hsieh et al.33 reported instrumentation failure in 2 of 3 patients.",
    "Penetrating damage to the vessels can be caused by dislocated bicortical screws.",
    "Clinical studies have shown no increase in screw loosening with these implants.",
    "Anecdotal reports suggest that the paddle electrode can eliminate lead migration.",
    "Lead migration has been a known complication of spinal cord stimulation.",
    "Lead migration during the trial period can alter the success of a trial.",
    "We recorded possible adverse events, including screw pull-out or screw loosening.",
    "Considerable complication rates are reported, mainly implant infections and disassembly.",
    "Previous studies have reported rod fracture rates of 15%.",
    "Previous studies report a mechanical failure rate of the rods of 0%-75%.",
    "Many studies have shown that rod fracture is common.",
])
def test_statements_of_the_literature_and_protocols_are_set_aside(text):
    ex = extract(text)
    assert ex.facts == [] and ex.set_aside


@pytest.mark.parametrize("text", [
    "Imaging studies demonstrated hardware failure.",
    "Several cases of intraoperative pedicle screw pull-out may be caused by the connecting rods.",
])
def test_a_patients_imaging_and_a_hedged_cause_are_still_findings(text):
    assert extract(text).facts


def test_concern_for_a_finding_is_an_uncertain_finding_not_a_hypothesis():
    assert ("screw", "loosening", "uncertain", "S1", "left") in findings("There is concern for loosening of the left S1 screw.")


def test_a_denial_after_a_cause_still_covers_the_finding_before_it():
    assert ("screw", "loosening", "negated", None, None) in findings("Screw loosening due to infection was ruled out.")
    assert ("screw", "screw position", "affirmed", None, None) in findings(
        "There were no complications due to the screw misplacement.")


@pytest.mark.parametrize(("text", "interval"), [
    ("Postop at 3 months.", "3 months"),
    ("Post operative (6 months) radiographs demonstrate good stability.", "6 months"),
    ("The pre-op, immediate post-op, and the 9-year follow-up images.", "9 years"),
    ("Migration of the plate on POD 17 requiring revision.", "17 days"),
    ("On postoperative day 17, a CT scan demonstrated migration of the plate.", "17 days"),
    ("Currently, after 9 months from the initial surgery, the patient remains stable.", "9 months"),
    ("At 3.5 years postoperatively, the swallow study was normal.", "3.5 years"),
])
def test_follow_up_times_of_case_reports(text, interval):
    assert interval in _intervals(text)


@pytest.mark.parametrize("text", [
    "Flexion and extension radiographs will be obtained at 6 months and 12 months after surgery.",
    "CT scans were obtained on postoperative day 2 and at 6 and 12 months postoperatively.",
])
def test_a_protocols_or_schedules_times_are_no_interval(text):
    assert _intervals(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("She underwent laminectomy and fusion with posterior spinal instrumentation between L2 and S1.",
     [{"procedure": "posterior fusion", "levels": "L2-S1"}]),
    ("She had posterior spinal fusion with bilateral transpedicular instrumentation from T10 to S1.",
     [{"procedure": "posterior fusion", "levels": "T10-S1"}]),
    ("Fusion at L4-5 and L5-S1 was performed.", [{"procedure": "fusion", "levels": "L4-S1"}]),
    ("He underwent an uneventful plate removal via a tracheostomy.", [{"procedure": "hardware removal"}]),
    ("The patient was explanted and reimplanted with a new spinal cord stimulator.",
     [{"procedure": "stimulator implantation"}, {"procedure": "hardware removal"}]),
    ("A woman was admitted to undergo posterior lumbar interbody fusion for stenosis.", []),
    ("MRI showed stenosis at C3/4, establishing the surgical indication for ventral fusion.", []),
    ("The primary treatment method for thoracolumbar fracture is posterior pedicle screw fixation.", []),
    ("L5-S1 postsurgical change with posterolateral orthopedic fusion hardware in good position.",
     [{"procedure": "posterior fusion", "levels": "L5-S1"}]),
    ("There is posterior spinal fusion hardware spanning L3-L4 and an L3-L4 disc spacer.",
     [{"procedure": "posterior fusion", "levels": "L3-L4"}]),
    ("The fusion hardware at C5-C6 from the prior surgery is intact.", [{"procedure": "fusion", "levels": "C5-C6"}]),
    ("The fusion hardware is intact.", []),
    ("Failure of the fusion hardware is common.", []),
    ("Anterior instrumentation by plate construction C5, C6, and C7.", [{"procedure": "anterior fusion"}]),
    ("First, to remove the anterior instrumentation, and second, to perform a posterior instrumented C2-T2 fusion.",
     [{"procedure": "posterior fusion", "levels": "C2-T2"}, {"procedure": "hardware removal"}]),
    ("I decided to get the hardware removed and had the removal surgery in January.", [{"procedure": "hardware removal"}]),
    ("Before surgery I was told I would have a laminectomy and TLIF at L4-L5.", []),
    ("Screw breakage does not doom the patient to a failed fusion.", []),
    ("My surgeon said my fusion is solidifying well.", []),
    ("The overall lumbopelvic fixation failure rate was 23.74%.", []),
    ("An O-C2 posterior decompression and fusion was performed.", [{"procedure": "posterior fusion"}]),
    ("MRI showing partial fusion of C6 and C7 vertebrae.", []),
    ("Lateral X-ray showing fusion of the cervical vertebrae.", []),
    ("C5 and C6 fusion (segmentation anomaly).", []),
    ("Appreciable bilateral fusion of transverse processes with sacrum.", []),
    ("The margin and fusion at the vertebrectomy site are smooth.", []),
    ("A debridement and revision surgery was performed with partial fusion of the spine.", [{"procedure": "fusion"}]),
    ("The patient underwent revision surgery and an anteroposterior fusion.",
     [{"procedure": "anterior fusion"}, {"procedure": "posterior fusion"}]),
    ("Fluoroscopy image of L4-5 transforaminal interbody fusion.", [{"procedure": "posterior fusion", "levels": "L4-L5"}]),
    ("Pedicle screw inserted bilateral T7, T8, T11, T12.", [{"procedure": "posterior fusion"}]),
    ("The accuracy was 93.9% for pedicle screws placed under fluoroscopy.", []),
    ("Three patients underwent IPS removal and laminectomy.", [{"procedure": "hardware removal"}]),
    ("Two crosslinks were removed.", [{"procedure": "hardware removal"}]),
    ("Guide wires were removed.", []),
])
def test_procedures_as_case_reports_captions_and_patients_write_them(text, expected):
    assert procedures(text) == expected


def test_a_part_of_a_year_compares_in_months():
    assert normalise_interval("3.5 years") == normalise_interval("42 months") == "42 month"
    assert normalise_interval("2 years") == "2 year"


def test_none_of_the_implants_denies_their_finding_and_not_the_next_clauses():
    got = findings("None of the screws were loose, but the left rod was fractured.")
    assert ("screw", "loosening", "negated", None, None) in got
    assert ("rod", "fracture", "affirmed", None, "left") in got
    assert ("cage", "migration", "negated", None, None) in findings("None of the patients developed cage migration.")


@pytest.mark.parametrize(("text", "expected"), [
    ("Follow-up studies have shown loosening of the L5 screw.", ("screw", "loosening", "affirmed", "L5", None)),
    ("Prior studies have demonstrated fracture of the left rod.", ("rod", "fracture", "affirmed", None, "left")),
    ("CT studies have shown loosening of the left S1 screw.", ("screw", "loosening", "affirmed", "S1", "left")),
    ("The rod sustained a fracture.", ("rod", "fracture", "affirmed", None, None)),
])
def test_earlier_examinations_and_an_implant_that_sustained_a_fracture_are_findings(text, expected):
    assert expected in findings(text)
