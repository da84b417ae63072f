"""Report text, thirty-fifth round (issue 15): the history's procedures. A posterior fixation named by its screws
("transpedicular screw fixation", "C1 lateral mass screw fixation", "fixation with pedicle screws and rods"), a posterior
plating, a stimulator named by its implant or its placement; and "fusion" that is no operation: bone that has healed ("no
evidence of fusion", "solid C5-C6 interbody fusion"), a fusion in general ("an alternative to fusion", "fusion
techniques"), images fused, a paper's keywords. Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from spinekg.nlp.history import history_in


def _procedures(text: str) -> set[tuple[str, str | None]]:
    return {(h["procedure"], h.get("levels")) for h in history_in(text) if "procedure" in h}


# --- a posterior fixation named by its screws -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The patient underwent transpedicular screw fixation from T11 to L2 for a burst fracture.",
     {("posterior fusion", "T11-L2")}),
    ("She had L4-S1 transpedicular lumbar fixation in 2015.", {("posterior fusion", "L4-S1")}),
    ("He underwent C1 lateral mass screw fixation with C2 pars screws.", {("posterior fusion", None)}),
    ("Sixty patients treated by transarticular screw fixation were reviewed.", {("posterior fusion", None)}),
    ("He had posterior atlantoaxial screw fixation for an os odontoideum.", {("posterior fusion", "C1-C2")}),
    ("The spine was stabilised from T10 to L2 with pedicle screws and rods after the corpectomy.",
     {("posterior fusion", "T10-L2")}),
    ("He had posterior cervical plating at C4-C6 for instability.", {("posterior fusion", "C4-C6")}),
    ("She underwent laminectomy and posterior cervical fusions at C3-C6.", {("posterior fusion", "C3-C6")}),
    ("The patient underwent posterior internal fixation for the T12 fracture dislocation.", {("posterior fusion", None)}),
])
def test_a_posterior_fixation_named_by_its_screws_is_a_posterior_fusion(text, expected):
    assert _procedures(text) == expected


@pytest.mark.parametrize("text", [
    "The patient underwent C2 laminar screw fixation for a hangman's fracture.",  # one level is no fusion's span
    "He had a C2 transpedicular screw fixation.",
])
def test_one_screw_level_gives_a_fixation_no_span(text):
    assert _procedures(text) == {("posterior fusion", None)}


def test_screws_only_named_in_a_finding_are_no_procedure():
    assert _procedures("There is lucency around the left L4 pedicle screw.") == set()
    assert _procedures("The fixation strength of pedicle screws was measured in cadavers.") == set()


# --- a stimulator named by its implant or its placement ----------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Epidural abscess nine months after his spinal cord stimulator implant.",
    "She underwent percutaneous placement of a permanent SCS with two leads.",
    "The complication followed implantation of one thoracic paddle electrode.",
    "Surgery had been done six weeks earlier with proper lead positioning at T8.",
    "Permanent implantation, bilateral, two leads at T9.",
])
def test_a_stimulator_named_by_its_implant_or_placement_is_its_implantation(text):
    assert ("stimulator implantation", None) in _procedures(text)


@pytest.mark.parametrize("text", [
    "Prior to permanent implantation, a trial of one week is done.",
    "Before permanent implantation the leads are tested.",
    "The respiratory monitoring leads were placed before induction.",
])
def test_a_stimulator_implantation_to_come_or_other_leads_are_none(text):
    assert all(p != "stimulator implantation" for p, _ in _procedures(text))


# --- "fusion" that is no operation ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The CT shows no evidence of fusion at the L5-S1 level.",
    "CT at 12 months shows solid C5-C6 interbody allograft fusion.",
    "Bony trabeculae show fusion across the graft and the endplates.",
    "Interspinous devices were designed as an alternative to spinal fusion.",
    "Most patients were treated by decompression without fusion.",
    "Several fusion techniques have been described for the lumbar spine.",
    "An erroneous image fusion of two radiographs showed a broken rod.",
    "Keywords: spinal fusion; rod fracture; revision surgery",
])
def test_fusion_that_is_no_operation_is_no_procedure(text):
    assert all(p != "fusion" for p, _ in _procedures(text))


@pytest.mark.parametrize(("text", "expected"), [
    # the boundary: a fusion the report says was done stays one
    ("There was evidence of instrumented fusion from C4 to C6.", {("fusion", "C4-C6")}),
    ("Her fusion failed and two screws broke at S1.", {("fusion", None)}),
    ("Fusion levels extended from T4 to L1.", {("fusion", None)}),
])
def test_a_fusion_that_was_done_stays_a_procedure(text, expected):
    assert _procedures(text) == expected


# --- the levels of an operation written before another done with it -------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("History: L3-4 LLIF with percutaneous pedicle screw fixation 9 months ago.",
     {("fusion", "L3-L4"), ("posterior fusion", "L3-L4")}),  # a fusion from the side and one from behind
    ("s/p L2-5 XLIF + PPS fixation.", {("fusion", "L2-L5"), ("posterior fusion", "L2-L5")}),
    ("C3-C6 posterior cervical laminectomy and fusion 1 year ago.", {("posterior fusion", "C3-C6")}),
    ("Three months after a C3-C6 laminectomy with lateral mass screw fixation, the screw was revised.",
     {("posterior fusion", "C3-C6")}),
    ("Eighteen months after a solid L4-L5 posterior fusion, he asked for the rods to come out.",
     {("posterior fusion", "L4-L5")}),  # "solid" here names the fusion that was done
    # one operation, not two: the cage of a posterior interbody fusion
    ("He had pedicle screw fixation and a transforaminal cage for interbody fusion.", {("posterior fusion", None)}),
])
def test_the_levels_before_an_operation_done_with_another_are_its_levels(text, expected):
    assert _procedures(text) == expected


# --- the time since the operation, in a report's shorthand -----------------------------------------------------------

def _intervals_of(text: str) -> list[str]:
    return [h["interval"] for h in history_in(text) if "interval" in h]


@pytest.mark.parametrize(("text", "expected"), [
    ("Clinical details: ACDF C5/6 3/12 ago. Dysphagia.", ["3 months"]),  # months, in twelfths of a year
    ("Hx: L4/5 TLIF 6/52 ago, new leg pain.", ["6 weeks"]),  # weeks, in fifty-seconds
    ("Revision L3-L5 PLIF 3/7 ago.", ["3 days"]),  # days, in sevenths of a week
    ("Clinical: C3-C7 posterior instrumented fusion, 10/52.", ["10 weeks"]),
    ("INDICATION: Spinal cord stimulator implanted yesterday. Confirm lead position.", ["1 day"]),
    ("Day 2 following T10-L2 posterior instrumented fusion.", ["2 days"]),
    ("The patient is about 10 months out from an L4-S1 fusion.", ["10 months"]),
    ("Known case of L4-L5 transpedicular screw fixation done 14 months back.", ["14 months"]),
    ("T12 fracture treated with percutaneous pedicle screw fixation T11-L1, 8 weeks post op.", ["8 weeks"]),
    ("Hx: L5-S1 ALIF 1 yr.", ["1 year"]),
    ("HISTORY: ACDF C4-C6, 8 months. Persistent neck pain.", ["8 months"]),
    ("L3-L5 PLF 2 yrs, recurrent LBP.", ["2 years"]),
])
def test_a_report_history_line_gives_the_time_since_the_operation(text, expected):
    assert _intervals_of(text) == expected


@pytest.mark.parametrize("text", [
    "Hx: L4-S1 fusion. Increased back pain since a fall yesterday.",  # the fall's time, not the operation's
    "Hx: SCS leads placed, loss of coverage of the left leg since yesterday.",
    "Follow-up radiograph of 3/12/2026 after the fusion.",  # a date
    "Hx: ACDF C6/7.",  # a level, not a fraction of a year
    "Fusion was assessed after 6 months, 1 year, 2 years and 3 years.",  # a schedule
    "Patients after fusion (mean follow-up, 5.8 years; range, 5-10 years).",  # a cohort's mean
    "Hx: L4-5 fusion, back pain x 3 wks.",  # the symptom's time
])
def test_other_times_in_a_history_line_are_no_interval(text):
    assert _intervals_of(text) == []


# --- symptoms as reports and case reports state them ---------------------------------------------------------------

def _symptoms(text: str) -> set[str]:
    return {h["symptom"] for h in history_in(text) if "symptom" in h}


@pytest.mark.parametrize(("text", "expected"), [
    ("He presented with severe back and right leg pain.", {"back pain"}),
    ("Chronic low back, left buttock and leg pain.", {"back pain"}),
    ("Back/leg pain improved postoperatively.", {"back pain"}),
    ("Most presented with lower backache.", {"back pain"}),
    ("A 45-year-old woman with low back and sciatic pain.", {"back pain", "radiculopathy"}),  # (sciatic pain: round 36)
    ("He had worsening dysphagia with neck and right upper extremity pain.", {"neck pain"}),
    ("She developed cervicobrachialgia 13 months later.", {"neck pain", "radiculopathy"}),
    ("He complained of shooting pain down both legs.", {"radiculopathy"}),
    ("Postoperatively he had pain in L5 distribution down his left leg.", {"radiculopathy"}),
    ("New left L4 dermatomal pain and weakness.", {"radiculopathy"}),
    ("She had persistent right radicular symptoms.", {"radiculopathy"}),
    ("A 52-year-old man presented with cervical myeloradiculopathy.", {"myelopathy", "radiculopathy"}),
])
def test_a_symptom_as_reports_state_it(text, expected):
    assert _symptoms(text) == expected


@pytest.mark.parametrize("text", [
    "She does not have significant back pain or limitations.",
    "She denied presenting neurological deficit or neck pain.",
    "No new clinical and subjective S1/S2 radicular symptoms.",
    "A visual analog scale (VAS) for back pain was recorded.",  # what a score measures
    "Mean VAS for neck pain intensity was 4.6.",
    "One day I noticed a strong pain in my lower right leg.",  # a leg, not the lower back
    "Reprogrammed to recapture the right L5 dermatome.",  # stimulation, no pain
    "He felt something move in her low back and felt immediate pain.",  # not one coordinated pain
])
def test_a_denied_measured_or_other_pain_is_no_symptom_of_the_list(text):
    assert _symptoms(text) == set()


def test_years_of_back_pain_are_no_time_since_the_operation():
    assert _intervals_of("Known case of L4-L5 fusion, then 10 years back pain.") == []
