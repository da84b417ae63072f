"""Report text, twenty-fifth round (issue 15): phrasing the development parts and the round's blind sets (reports12-14,
holdout4-6, dev52-54) still lost -- screws put off their course in words, which implant a pronoun, "the screw", "these
screws" or a second verb is about, an addendum that corrects a side or a level, dictation run on without full stops, a line
break inside a sentence, "nil", implants that lifted off, drifted or came free, where an operation put a lead, the bone a
cage sank into, one finding said twice (sure and hedged, findings and impression), a hardware failure told in its parts,
and general statements, forum questions and table rows that are no finding. Sentences are written for the test (none is
copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import extract as extract_text
from spinekg.nlp import ingest_text
from spinekg.nlp.evaluation import case_layer_facts

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")
aimed = reader("finding", "direction")


# --- a screw put off its course --------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "direction"), [
    ("Two screws were placed inferiorly, below the arch.", "inferior"),
    ("One screw was positioned slightly medially.", "medial"),
    ("Of the screws, 12 were inserted laterally.", "lateral"),
])
def test_a_screw_placed_off_course_is_a_screw_position_that_way(text, direction):
    assert aimed(text) == {("screw position", direction)}


@pytest.mark.parametrize("text", [
    "Lateral mass screws were placed laterally to medially.",     # a technique's course
    "The screws were inserted laterally and then tightened.",
    "The cage was placed anteriorly in the disc space.",           # where a cage is meant to go
    "The leads were placed superiorly at T8.",                     # where a lead is put
    "Pedicle screws were placed bilaterally at L4 and L5.",        # both sides, no direction
])
def test_a_technique_or_a_placement_is_no_screw_position(text):
    assert not any(f == "screw position" for f, _ in aimed(text))


@pytest.mark.parametrize("text", [
    "The surgeon mispositioned a pedicle screw at L4.",
    "The claim concerned the incorrect insertion of a screw during the operation.",
    "CT showed erosion of the screw through the lateral mass.",
    "The left C1 screw eroded through the lateral mass.",
])
def test_words_of_a_screw_off_its_course(text):
    assert any(f[1] == "screw position" and f[2] == "affirmed" for f in facts(text))


def test_the_lateral_mass_a_screw_passes_through_gives_no_direction():
    assert aimed("The left C1 screw broke through the lateral mass.") == {("screw position", None)}
    assert aimed("The screw breached the medial pedicle wall.") == {("screw position", "medial")}


# --- one screw of a bilateral pair ----------------------------------------------------------------------------------

def test_the_side_screw_of_a_bilateral_pair_is_at_the_pairs_level():
    got = placed("CT showed bilateral C1 lateral mass screws with erosion of the left screw through the lateral mass.")
    assert ("lateral mass screw", "screw position", "C1", "left", "affirmed") in got \
        or ("screw", "screw position", "C1", "left", "affirmed") in got


@pytest.mark.parametrize("text", [
    "The L4 and L5 screws are intact; the left screw is fractured.",  # two levels: which one is not said
    "The right L4 screw is intact; the left screw is fractured.",     # one side named: not a pair
])
def test_a_side_screw_gains_no_level_where_the_pair_is_not_at_one_level(text):
    assert ("screw", "fracture", None, "left", "affirmed") in placed(text)


# --- an addendum that corrects a side or a level --------------------------------------------------------------------

REPORT = ("FINDINGS: Posterior fusion hardware from L4 to S1. There is a fracture of the right L5 pedicle screw shaft. "
          "No lucency around the screws.\n\nIMPRESSION: Fractured right L5 pedicle screw.\n\n")


def _case(text: str) -> set[tuple]:
    return {(f["finding"], f["level"], f["side"], f["status"]) for f in case_layer_facts(ingest_text(text, case_id="c"))}


def test_an_addendum_moves_a_finding_to_the_side_it_corrects():
    got = _case(REPORT + "ADDENDUM: Correction: the fractured screw is the LEFT L5 screw, not the right as stated above.\n")
    assert ("fracture", "L5", "left", "affirmed") in got
    assert not any(f[0] == "fracture" and f[2] == "right" for f in got)
    assert ("lucency", None, None, "negated") in got  # the other findings stay


def test_an_addendum_moves_a_finding_to_the_level_it_corrects():
    text = ("FINDINGS: The left rod is fractured at L3-4.\n\nADDENDUM: The rod fracture is at L4-5 rather than L3-4, "
            "as previously dictated.\n")
    got = _case(text)
    assert ("fracture", "L4-L5", "left", "affirmed") in got
    assert not any(f[1] == "L3-L4" for f in got)


@pytest.mark.parametrize("addendum", [
    # a contrast that corrects nothing
    "ADDENDUM: The left L5 screw is intact, not the right.\n",
    # no correction named: two findings
    "ADDENDUM: There is also a fracture of the left L5 screw, not only the right.\n",
])
def test_without_a_correction_the_earlier_finding_stays(addendum):
    got = _case(REPORT + addendum)
    assert ("fracture", "L5", "right", "affirmed") in got


# --- dictation run on without full stops ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("no lucency around the screws the left rod is fractured at L4-5 the cage is in good position",
     {("screw", "lucency", None, None, "negated"), ("rod", "fracture", "L4-L5", "left", "affirmed")}),
    ("there is no evidence of hardware loosening there is fracture of the right rod at L3-4",
     {("hardware", "loosening", None, None, "negated"), ("rod", "fracture", "L3-L4", "right", "affirmed")}),
    ("the hardware is intact the left L5 screw is fractured",
     {("screw", "fracture", "L5", "left", "affirmed")}),
])
def test_a_denial_ends_where_a_run_on_clause_begins(text, want):
    assert placed(text) == want


@pytest.mark.parametrize(("text", "want"), [
    # a place before its clause is not a clause of its own
    ("At L4-5 the cage is subsided.", {("cage", "subsidence", "L4-L5", None, "affirmed")}),
    # a denial of the same clause still covers its finding
    ("No evidence that the left rod is fractured.", {("rod", "fracture", None, "left", "negated")}),
])
def test_no_run_on_split_inside_one_clause(text, want):
    assert placed(text) == want


# --- "nil" ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Screws are satisfactorily placed, nil lucency around the screws, nil rod fracture.",
     {("screw", "lucency", "negated"), ("rod", "fracture", "negated")}),
    ("Nil hardware complication.", {("hardware", "complication", "negated")}),
])
def test_nil_denies_as_no_does(text, want):
    assert facts(text) == want


# --- where an implant is, and which implant a verb is about ----------------------------------------------------------

def test_a_cage_in_its_disc_space_gives_the_screws_named_with_it_no_position():
    text = "Posterior fixation at L4/5 with bilateral pedicle screws and rods and a pair of interbody cages in the L4/5 disc space."
    assert facts(text) == set()
    assert facts("The right L5 screw lies within the L5-S1 disc space.") == {("screw", "screw position", "affirmed")}


def test_a_second_verb_is_its_subjects_not_the_implant_the_first_verb_named():
    got = placed("Left L5: the set screw is not seated within the tulip and has backed out by approximately 3 mm.")
    assert got == {("set screw", "migration", "L5", "left", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("The plate has shifted slightly caudally; its inferior edge now projects over the C6-7 disc space.",
     {("plate", "migration", None, None, "affirmed")}),
    ("The left rod is seen; it is fractured at L3.", {("rod", "fracture", "L3", "left", "affirmed")}),
])
def test_it_is_the_one_implant_its_sentence_named_before_it(text, want):
    assert placed(text) == want


def test_a_pronoun_after_the_sentences_own_implant_does_not_reach_back_to_the_sentence_before():
    text = ("Lateral mass screws C3 through C7 bilaterally with rods. The left C5 lateral mass screw is medially angulated "
            "and its tip approaches the thecal sac; a medial breach into the canal cannot be excluded.")
    assert not any(f[0] == "rod" for f in placed(text))


def test_at_the_same_level_is_the_level_of_the_finding_before():
    text = ("There is a complete fracture of the left rod at the C7-T1 level, and there is possibly an incomplete fracture "
            "of the right rod at the same level.")
    assert placed(text) == {("rod", "fracture", "C7-T1", "left", "affirmed"), ("rod", "fracture", "C7-T1", "right", "uncertain")}
    assert ("rod", "fracture", None, "right", "affirmed") in placed("The left rod is fractured. The right rod is also broken.")


@pytest.mark.parametrize(("text", "level"), [
    ("The paddle lead lies in the dorsal epidural space from the T9 body to mid T10.", "T9-T10"),
    ("A paddle electrode spans T9-T10.", "T9-T10"),
    ("A paddle electrode spans the T9-T10 levels.", "T9-T10"),
])
def test_where_a_lead_lies_over_a_span(text, level):
    assert placed(text) == {("lead", "lead position", level, None, "affirmed")}


def test_what_the_prior_study_showed_after_a_semicolon_is_history():
    got = placed("A paddle electrode spans the T9-T10 levels; on the prior study it was positioned at T8-T9.")
    assert got == {("lead", "lead position", "T9-T10", None, "affirmed")}


def test_the_cage_said_without_its_level_is_still_the_one_named_cage():
    got = _case("FINDINGS: L4-5 interbody cage. The cage has subsided by 3 mm.\n")
    assert ("subsidence", "L4-L5", None, "affirmed") in got


# --- questions, forums and the general case --------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "How did they discover the rod was broken?",
    "Did you know that the screw had fractured?",
])
def test_a_question_that_takes_a_finding_as_known_keeps_it(text):
    assert any(f[1] == "fracture" and f[2] != "negated" for f in facts(text))


@pytest.mark.parametrize("text", [
    "Is the rod broken?",
    "Has anyone ever had a broken rod that has caused problems.",
    "Anyone else had a broken screw after fusion?",
    "I have read so many threads where rods have broken.",
    "I ask the same question when I read that they break.",
    "Eventually, that movement causes the rod(s) to break.",
    "Removal of hardware that is broken usually helps the patient's symptoms.",
])
def test_what_others_went_through_or_what_happens_in_general_is_no_finding(text):
    assert facts(text) == set()


def test_counted_constructs_that_failed_are_a_complication_and_fractures_they_were_placed_for_are_bone():
    text = "Five constructs (7%) failed - 3 of which had been placed for traumatic fractures, 1 for a pathological fracture."
    assert facts(text) == {("hardware", "complication", "affirmed")}


# --- a report's lines -----------------------------------------------------------------------------------------------

def test_a_clinical_question_on_the_line_under_the_history_is_history():
    text = ("Clinical notes: L2-pelvis fusion 10 months ago.\nIncreasing LBP and right buttock pain. ?loosening ?nonunion.\n\n"
            "Findings:\nNo rod fracture.\n")
    assert _case(text) == {("fracture", None, None, "negated")}


def test_a_correction_word_in_the_sentence_before_makes_it_a_correction():
    text = (REPORT + "ADDENDUM: Correction. The fractured screw is at left L4, not L5.\n")
    got = _case(text)
    assert ("fracture", "L4", "left", "affirmed") in got or ("fracture", "L4", "right", "affirmed") in got
    assert not any(f[0] == "fracture" and f[1] == "L5" for f in got)


def test_a_line_break_inside_a_sentence_joins_its_words_and_quotes_stay_as_written():
    text = "FINDINGS: There is lucency around the left\nL5 screw.\n"
    result = extract_text(text)
    assert {(f.finding, f.level, f.side) for f in result.facts} == {("lucency", "L5", "left")}
    assert result.facts[0].sentence == "There is lucency around the left\nL5 screw."


def test_a_denied_finding_ends_where_a_run_on_dictation_names_a_new_subject():
    text = ("there is no screw backout alignment is unchanged impression interval 3 mm subsidence of the L5-S1 ALIF cage "
            "otherwise stable appearances")
    assert facts(text) == {("screw", "migration", "negated"), ("cage", "subsidence", "affirmed")}
    assert facts("No rod fracture is seen.") == {("rod", "fracture", "negated")}


def test_the_ends_of_a_fracture_are_the_fractured_implants_not_the_landmark_named_between():
    text = "The left rod is fractured just below the occipital plate, with 3 mm offset of the fracture ends."
    assert facts(text) == {("rod", "fracture", "affirmed")}


def test_a_lead_that_exits_its_anchor_has_not_moved():
    text = ("Along the course of the left lead, at the level of L2 where it exits the anchor, there is a focal "
            "discontinuity of the conductor consistent with lead fracture.")
    assert facts(text) == {("lead", "fracture", "affirmed")}
    assert ("lead", "migration", "affirmed") in facts("The left lead has exited the canal through the T12 foramen.")


@pytest.mark.parametrize(("text", "want"), [
    ("The lucency around the right L3 pedicle screw has increased, and the screw has backed out 2 mm.",
     ("migration", "L3", "right")),
    ("The left S1 screw is loose and the screw has backed out.", ("migration", "S1", "left")),
])
def test_the_screw_after_the_one_named_screw_of_its_sentence_is_that_screw(text, want):
    assert want in {(f, lv, sd) for _, f, lv, sd, _ in placed(text)}


@pytest.mark.parametrize(("text", "want"), [
    # two levels named: which one is not said
    ("The L4 and L5 screws are intact and the screw has backed out.", {("screw", "migration", None, None, "affirmed")}),
    # a part of the named screw, which is no second screw
    ("The set screw of the left L5 pedicle screw has disengaged from the screw head.",
     {("set screw", "disconnection", "L5", "left", "affirmed")}),
])
def test_the_screw_is_no_named_screw_where_several_or_a_part_is_meant(text, want):
    assert placed(text) == want


# --- tables, batteries, joints and holes ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Lead fracture 0 0 0", {("lead", "fracture", "negated")}),
    ("Lead fracture 0 (0%)", {("lead", "fracture", "negated")}),
    ("Screw loosening 3 (5%)", {("screw", "loosening", "affirmed")}),
    ("Rod fracture 3 0", {("rod", "fracture", "affirmed")}),
])
def test_a_table_row_of_nought_counts_denies_its_finding(text, want):
    assert facts(text) == want


@pytest.mark.parametrize("text", [
    "Premature depletion of the battery occurred within 2 years in 3 patients (5%).",
    "The IPG battery failed after 1 year.",
])
def test_a_battery_run_down_before_its_time_is_a_complication_of_the_generator(text):
    assert facts(text) == {("pulse generator", "complication", "affirmed")}


def test_a_battery_replaced_at_its_end_of_service_is_none():
    assert facts("The battery was replaced at end of service.") == set()


def test_a_screw_in_a_joint_is_out_of_place_and_one_through_its_plate_is_not():
    assert facts("Seven cases of intra-articular screw placement were detected on CT.") \
        == {("screw", "screw position", "affirmed")}
    assert facts("The plates are squeezed together by tightening screws that extend through the plates.") == set()
    assert facts("The left L5 screw extends through the anterior cortex.") == {("screw", "screw position", "affirmed")}


# --- from the blind holdout4.yaml ------------------------------------------------------------------------------------

def test_a_rod_let_slip_out_of_a_screw_head_is_disconnected_there():
    got = placed("Loosening of the right S1 set screw allowed the right rod to slip out of the screw head.")
    assert ("rod", "disconnection", "S1", "right", "affirmed") in got


def test_after_a_comma_and_a_new_subject_the_screws_a_finding_surrounded_are_not_its_subject():
    got = placed("CT showed lucency around the right C5 and C6 lateral mass screws, and the right C6 screw had backed out 4 mm.")
    assert {(f, lv) for _, f, lv, _, _ in got if f == "migration"} == {("migration", "C6")}
    # a compound or a relative clause still covers both
    assert facts("There was no case of screw/rod fracture.") == {("screw", "fracture", "negated"), ("rod", "fracture", "negated")}


# --- from the blind reports13.yaml ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("R S1 pedicle screw breaches medial pedicle wall, ~3 mm into R lateral recess.",
     ("pedicle screw", "screw position", "S1", "right", "affirmed")),
    ("Bilat L5 pedicle screws are fractured.", ("pedicle screw", "fracture", "L5", "left", "affirmed")),
])
def test_terse_sides(text, want):
    assert want in placed(text)


def test_a_rod_said_fractured_once_sure_and_once_hedged_is_one_sure_finding():
    text = ("FINDINGS: Thoracolumbar fusion rods are partially imaged; the left rod appears fractured at T12.\n\n"
            "IMPRESSION: Apparent fracture of the left thoracolumbar fusion rod at about T12.\n")
    assert _case(text) == {("fracture", "T12", "left", "affirmed")}


def test_what_artefact_obscures_and_a_roots_place_are_no_implants_place():
    text = ("FINDINGS: Artifact from the bilateral L4 and L5 pedicle screws and rods obscures the lateral recesses at L4-5. "
            "The interbody cage is not well seen. Enhancing epidural fibrosis surrounds the traversing left L5 nerve root "
            "in the left lateral recess.\n")
    assert _case(text) == set()


@pytest.mark.parametrize(("text", "direction"), [
    ("Backing out of the inferior occipital screw.", None),        # which screw, not which way
    ("There is lateral screw misplacement in two patients.", "lateral"),  # a compound's way
    ("The right C7 pedicle screw breaches the medial pedicle wall, its tip in the lateral canal.", "medial"),
])
def test_a_direction_word_that_names_an_implant_or_a_place_is_no_direction(text, direction):
    assert {d for _, d in aimed(text)} == {direction}


def test_a_lucency_not_seen_in_a_dated_month_is_new_not_denied():
    text = "New lucency measuring up to 3 mm around the bilateral T10 pedicle screws, not seen in 04/2026."
    assert {st for _, _, _, _, st in placed(text)} == {"affirmed"}


@pytest.mark.parametrize(("text", "want"), [
    ("New lucency around the T10 pedicle screws bilaterally; differential includes loosening of these screws.",
     ("loosening", "T10", "right", "uncertain")),
    ("Intense uptake surrounds the right S1 pedicle screw. There is a 2 mm lucent rim around this screw.",
     ("lucency", "S1", "right", "affirmed")),
])
def test_these_and_this_screw_are_the_screws_named_before(text, want):
    assert want in {f[1:] for f in placed(text)}


def test_the_impression_summing_up_a_finding_in_other_words_is_the_same_finding():
    text = ("FINDINGS:\n- The left T6 screw breaches the medial pedicle wall by 2 mm.\n\n"
            "IMPRESSION:\nUnchanged malposition of the right T4 (lateral) and left T6 (medial, 2 mm) screws.\n")
    got = [f for f in case_layer_facts(ingest_text(text, case_id="c")) if f["level"] == "T6"]
    assert len(got) == 1 and got[0]["direction"] == "medial"


@pytest.mark.parametrize(("text", "want"), [
    ("L L3 screw pulled out ~5 mm w/ fx through the L L3 pedicle.", {("screw", "migration", "affirmed")}),
    ("The cross-link is fractured through its central portion.", {("crosslink", "fracture", "affirmed")}),
])
def test_a_bone_fractured_by_a_screw_and_an_implant_fractured_through(text, want):
    assert facts(text) == want


# --- more from holdout4.yaml and dev54.yaml -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Set screw disengagement may be subtle on radiographs and is best appreciated as widening of the gap.",
    "Removal of a broken screw shank can be facilitated by a trephine passed over the retained fragment.",
    "Teaching point: a rod fracture may be invisible on the frontal view.",
    "Search terms used were: hardware, failure, rod, screw, break, loose, instrumentation and spine surgery.",
    "Traditional pedicle screw devices face several complications, including loose and broken screws.",
    "Anterior Fixation with Kaneda Device for Unstable Fractures of the Thoracolumbar Spine",
    "Focal hypermobility observed in cervical arthroplasty with Mobi-C",
])
def test_how_a_finding_shows_or_is_dealt_with_in_general_is_no_finding(text):
    assert facts(text) == set()


def test_a_question_that_quotes_its_report_keeps_the_reports_finding():
    text = "Just got my CT results back and it says 'possible loosening of the right S1 screw', anyone else had this?"
    assert placed(text) == {("screw", "loosening", "S1", "right", "uncertain")}


def test_a_screws_hypermobility_is_its_loosening():
    text = "Further studies demonstrated hypermobility and inflammation surrounding the right T5 transpedicle screw."
    assert ("pedicle screw", "loosening", "T5", "right", "affirmed") in placed(text)


def test_the_cage_its_screws_hold_is_what_subsides():
    text = "The stand-alone L5-S1 ALIF cage with integrated screws showed no subsidence at 2 years."
    assert placed(text) == {("cage", "subsidence", "L5-S1", None, "negated")}


def test_the_tips_of_the_leads_at_a_level_and_a_malfunctioning_stimulator():
    assert placed("Radiograph demonstrates the tips of the two percutaneous leads at the superior endplate of T8.") \
        == {("lead", "lead position", "T8", None, "affirmed")}
    assert facts("Malfunction of the spinal cord stimulator requiring revision was reported in 3 of 61 patients.") \
        == {("spinal cord stimulator", "complication", "affirmed")}


def test_a_screw_eroding_through_a_hollow_organ_has_migrated_and_the_organs_side_is_no_direction():
    assert aimed("Esophagoscopy revealed the screw head eroding through the posterior pharyngeal wall.") \
        == {("migration", None)}
    assert facts("The left C1 screw eroded through the lateral mass.") == {("screw", "screw position", "affirmed")}


def test_a_second_measure_of_one_finding_names_a_second_screw():
    got = placed("CT showed circumferential lucency of 2 mm around the right L3 screw and 1 mm around the left L3 screw.")
    assert got == {("screw", "lucency", "L3", "right", "affirmed"), ("screw", "lucency", "L3", "left", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Minimally invasive presacral retrieval of a failed AxiaLIF rod implant.", {("rod", "complication", "affirmed")}),
    ("The goal of this paper is to analyze the surgical details of failed AxiaLIF constructs.", set()),
    ("We asked whether spine-to-spine constructs could be deployed to salvage failed rib-to-spine constructs.", set()),
])
def test_a_failed_implant_and_a_papers_aim(text, want):
    assert facts(text) == want


def test_the_construct_as_a_place_leaves_the_loosening_to_the_screws_of_the_lucency():
    got = placed("Increased lucency around the C3 lateral mass screws, suggesting early loosening at the cranial end of "
                 "the construct.")
    assert ("lateral mass screw", "loosening", "C3", None, "uncertain") in got
    assert facts("CT revealed loosening and non-union of the inferior aspect of the fusion construct.") \
        == {("hardware", "loosening", "affirmed")}


def test_a_pacemakers_leads_are_no_stimulator_leads():
    assert facts("Dual-chamber pacemaker in the left chest wall with leads in the right atrium and right ventricle; "
                 "the leads are intact.") == set()
    assert facts("The SCS leads are fractured.") == {("lead", "fracture", "affirmed")}


# --- from the blind holdout5.yaml and holdout6.yaml ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Sagittal CT shows a complete transverse fracture through the shank of the right S1 screw.",
     ("screw", "fracture", "S1", "right", "affirmed")),
    ("At 1 year, radiographs showed a transverse fracture of the plate at the C6 level.",
     ("plate", "fracture", "C6", None, "affirmed")),
])
def test_a_transverse_fracture_runs_across_an_implant(text, want):
    assert want in placed(text)


def test_a_transverse_process_fracture_is_still_bone():
    assert facts("L2 transverse process fracture adjacent to the rod.") == set()


def test_both_of_one_side_are_that_sides():
    got = placed("On CT, both right-sided set screws, at L4 and L5, were backing out.")
    assert got == {("set screw", "migration", "L4", "right", "affirmed"), ("set screw", "migration", "L5", "right", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("The C6 and C7 screws had backed out and the plate was lifted off the spine.", ("plate", "migration", "affirmed")),
    ("The occipital plate had lifted 8 mm off the skull.", ("plate", "migration", "affirmed")),
    ("The ventral plate at T12-L2 has pulled away from the vertebral bodies.", ("plate", "migration", "affirmed")),
    ("The left lead has drifted caudally by 12 mm.", ("lead", "migration", "affirmed")),
    ("Both leads had been pulled caudally.", ("lead", "migration", "affirmed")),
    ("The set screw had dislodged and the left rod had lifted out of the L5 tulip.", ("rod", "disconnection", "affirmed")),
    ("The right rod had come free of the two screw heads.", ("rod", "disconnection", "affirmed")),
    ("The left L2 nut has unscrewed and lies in the soft tissues.", ("set screw", "migration", "affirmed")),
])
def test_ways_an_implant_moves_or_comes_off(text, want):
    assert want in facts(text)


@pytest.mark.parametrize(("text", "want"), [
    ("The paddle was repositioned at T9 and secured with an additional anchor.", ("lead", "lead position", "T9", None, "affirmed")),
    ("The lead was repositioned to the top of T9.", ("lead", "lead position", "T9", None, "affirmed")),
    ("A man underwent placement of a spinal cord stimulator with a paddle lead at T9-T10.",
     ("lead", "lead position", "T9-T10", None, "affirmed")),
])
def test_where_an_operation_put_a_lead(text, want):
    assert placed(text) == {want}


def test_pedicle_screws_implanted_at_levels_are_no_finding():
    assert facts("The pedicle screws were implanted at L4 and L5.") == set()


@pytest.mark.parametrize("text", [
    "Most broken screws do not need to be removed.",
    "Hardware failure means that a screw, rod or plate has broken, loosened or moved out of place.",
    "Your surgeon will check x-rays after surgery to make sure the screws have not moved.",
    "Symptoms of a broken rod may include new back pain or a clicking sensation.",
    "Historically, Harrington rods were anchored with hooks alone and frequently dislodged.",
    "The plate and screws were removed, and the perforation was repaired primarily.",
])
def test_explanations_and_an_organs_repair_are_no_finding(text):
    assert facts(text) == set()


def test_a_bone_fracture_that_redisplaced_beside_a_backed_out_screw():
    assert facts("Radiographs showed that the odontoid screw had backed out inferiorly by 5 mm and the fracture had "
                 "redisplaced.") == {("screw", "migration", "affirmed")}


@pytest.mark.parametrize("text", [
    "CT showed subsidence of the vertebral body replacement cage into the L1 superior endplate by 5 mm.",
    "The cage has subsided 4 mm into the superior endplate of L2.",
])
def test_the_bone_a_cage_sank_into_is_not_the_cages_level(text):
    assert placed(text) == {("cage", "subsidence", None, None, "affirmed")}
    assert placed("The L4-5 cage has subsided 2 mm into the L5 superior endplate.") \
        == {("cage", "subsidence", "L4-L5", None, "affirmed")}


def test_a_hardware_failure_told_in_its_parts_is_those_parts():
    text = ("1. Hardware failure at right L1: the rod has disengaged from the screw head, the set screw is displaced into "
            "the paraspinal soft tissues and the screw has backed out 4 mm.")
    assert placed(text) == {("rod", "disconnection", "L1", "right", "affirmed"),
                            ("set screw", "migration", "L1", "right", "affirmed"),
                            ("screw", "migration", "L1", "right", "affirmed")}
    # (a failure "with" its parts is the failure and its parts, as most sets read it since round 29)
    assert facts("Impression: Hardware failure with fracture of both rods at L2-L3.") == {
        ("hardware", "complication", "affirmed"), ("rod", "fracture", "affirmed")}
    assert facts("There is hardware failure.") == {("hardware", "complication", "affirmed")}


def test_the_whole_between_the_rods_is_the_subject():
    assert facts("The cross-link between the rods at L2 is fractured.") == {("crosslink", "fracture", "affirmed")}


def test_a_fusion_to_the_pelvis_names_no_finding_level():
    got = placed("Bilateral rod fracture at the lumbosacral junction after T10-to-pelvis fusion: a case report")
    assert {lv for _, _, lv, _, _ in got} == {"L5-S1"}


def test_a_rod_off_the_screws_of_one_side_at_two_levels_spans_them():
    got = placed("On CT, both right-sided set screws, at L4 and L5, were backing out, and the right rod had come free of "
                 "the two screw heads.")
    assert ("rod", "disconnection", "L4-L5", "right", "affirmed") in got


def test_a_cage_screw_is_a_screw_with_its_own_side():
    assert placed("The inferior left integrated cage screw is backed out by 5 mm.") \
        == {("screw", "migration", None, "left", "affirmed")}


def test_a_finding_treated_at_an_earlier_revision_is_history():
    assert facts("Rod fracture previously noted on the right at L2-3 was treated at revision; the current right primary "
                 "rod is intact.") == set()
    assert ("pedicle screw", "screw position", "affirmed") in facts(
        "This is the first case of a vertebral artery abnormality from a misplaced pedicle screw that was treated with "
        "endovascular repair.")


def test_the_endplate_a_cage_sank_into_gives_a_breach_nearby_no_direction():
    text = ("An expandable cage spans T8-T10 with its inferior footprint subsided 3 mm into the superior endplate of T10, "
            "with a left T7 pedicle screw that breaches the medial pedicle wall.")
    assert ("screw position", "medial") in aimed(text)


def test_a_section_word_inside_a_run_on_dictation_starts_a_sentence():
    text = ("findings there is interval progression with no fracture of the T10 screws and coronal alignment is "
            "maintained impression bilateral rod fractures at L5-S1")
    got = placed(text)
    assert ("rod", "fracture", "L5-S1", "left", "affirmed") in got and ("rod", "fracture", "L5-S1", "right", "affirmed") in got
    assert ("screw", "fracture", "T10", None, "negated") in got


def test_a_named_kind_of_screw_is_no_screw_of_an_earlier_pair():
    text = ("There is no fracture of the T10 screws, and a new lucency around the right S2AI screw is worrisome for "
            "loosening.")
    assert ("screw", "lucency", "S2", "right", "affirmed") in placed(text)
