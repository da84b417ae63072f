"""Report text, thirty-first round (issue 15): what the round's blind parts showed -- case-report courses of implants that
moved, discussion sections, figure legends, cervical teaching files, surgeons' operative notes and whole reports of
hardware that moved. Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")
moved = reader("implant", "finding", "direction", "mm", "side", "status")


# --- what the study did not show, and what is no finding -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The extension wires and the pulse generator are outside the field of view.",
    "The generator lies outside the imaged field.",
])
def test_an_implant_outside_the_field_of_view_is_no_finding(text):
    assert not facts(text)


def test_an_implant_outside_its_bone_is_still_a_breach():
    assert placed("The right T7 screw lies outside the pedicle.") == {("screw", "screw position", "T7", "right", "affirmed")}


@pytest.mark.parametrize("text", [
    "The pulse generator has eroded through the thin skin of the flank.",
    "The lead anchor eroded through the skin over the lumbar incision.",
])
def test_an_erosion_through_the_skin_is_no_finding_of_the_list(text):
    assert not facts(text)


def test_an_implant_eroding_into_a_hollow_organ_has_migrated():
    assert facts("Endoscopy showed a screw head eroding through the posterior pharyngeal wall.") == {
        ("screw", "migration", "affirmed")}


def test_a_symptom_that_settled_is_no_subsidence():
    assert not facts("His leg pain has settled since the L4-S1 fusion, and the construct looks sound on today's films.")


def test_a_cage_that_settled_into_bone_has_subsided():
    assert facts("The L4-5 cage has settled into the L5 endplate.") == {("cage", "subsidence", "affirmed")}


@pytest.mark.parametrize("text", [
    "Fig. 3 Three patterns of cage subsidence, after Marchi et al.",
    "Figure 2. Failure modes of a posterior screw-rod construct: screw loosening, rod breakage and set screw disengagement.",
    "In the series of Jones and colleagues, 5 of 38 stand-alone cages subsided by more than 2 mm.",
    "Figure 6. Bench fatigue test of a 6-mm cobalt-chrome rod, which fractured after 3 million cycles.",
])
def test_kinds_of_a_finding_another_series_and_a_bench_test_are_general(text):
    assert not facts(text)


def test_a_series_of_the_authors_own_is_still_read():
    assert facts("In our series, 4 of 52 stand-alone cages subsided by more than 2 mm.") == {("cage", "subsidence", "affirmed")}


# --- denials ----------------------------------------------------------------------------------------------------------

def test_a_bare_denial_after_a_semicolon_is_of_the_implants_before_it():
    assert placed("Interbody spacers at L3-4 and L4-5 are unchanged in position; no subsidence.") == {
        ("cage", "subsidence", lv, None, "negated") for lv in ("L3-L4", "L4-L5")}


@pytest.mark.parametrize("text", [
    "There was some metallosis around the L3 tulips but no disconnection.",
    "The L3 screws were slightly prominent but not disconnected.",
])
def test_a_bare_denial_after_but_is_of_the_implants_before_it(text):
    assert {(f[0], f[2], f[4]) for f in placed(text)} == {("screw", "L3", "negated")}


def test_a_clause_after_a_semicolon_with_its_own_implant_keeps_it():
    assert placed("The cage is well seated; no fracture of the rod.") == {("rod", "fracture", None, None, "negated")}


def test_a_denial_after_but_with_more_words_is_not_bare():
    assert ("cage", "migration", None, None, "negated") not in placed(
        "The cage is intact but no migration could be assessed on this limited film.")


@pytest.mark.parametrize("text", [
    "Interval resolution of the lucency about the left L4 screw.",
    "Resolution of the left L4 screw lucency.",
])
def test_the_resolution_of_a_finding_denies_it(text):
    assert placed(text) == {("screw", "lucency", "L4", "left", "negated")}


def test_neither_screw_of_a_level_is_each_side_denied():
    assert placed("Neither L4 screw shows any lucency.") == {
        ("screw", "lucency", "L4", sd, "negated") for sd in ("left", "right")}


def test_neither_screw_without_a_level_stays_one_denial():
    assert placed("Neither screw is loose.") == {("screw", "loosening", None, None, "negated")}


def test_not_yet_is_a_denial_and_keeps_its_clause():
    assert placed("The set screw has backed off a few threads, but the rod has not yet come out of the tulip.") >= {
        ("rod", "disconnection", None, None, "negated")}


def test_yet_as_a_conjunction_still_ends_a_denial():
    assert ("screw", "loosening", "affirmed") in facts("The lucency has not progressed, yet the L5 screw is loose.")


# --- implants that moved ---------------------------------------------------------------------------------------------

def test_a_way_to_one_side_is_a_direction_not_the_implants_side():
    assert moved("The paddle has rotated and migrated laterally to the right by about 5 mm.") == {
        ("lead", "migration", "lateral", 5.0, None, "affirmed")}


def test_a_sided_implant_that_moved_keeps_its_side():
    assert moved("The left cage has migrated posteriorly.") == {("cage", "migration", "posterior", None, "left", "affirmed")}


def test_a_lead_pulled_back_has_migrated():
    assert placed("Fluoroscopy showed that the right lead had been pulled back to T11.") == {
        ("lead", "migration", "T11", "right", "affirmed")}


def test_a_cage_pushed_out_has_migrated_at_its_operations_level():
    assert placed("After lateral interbody fusion at L3-4, the cage had been pushed out laterally into the psoas.") == {
        ("cage", "migration", "L3-L4", None, "affirmed")}


def test_organs_pushed_out_of_place_are_no_implants_migration():
    assert not facts("The curve can become so severe that the lungs are compressed and pushed out of their normal place.")


def test_a_screw_part_found_lying_on_an_organ_has_migrated():
    assert facts("At thoracotomy the free screw shaft was found lying on the diaphragmatic pleura.") == {
        ("screw", "migration", "affirmed")}


def test_a_plate_pressing_on_an_organ_keeps_its_own_finding():
    assert facts('The plate is "kicking out" at the bottom and pressing on my oesophagus.') == {
        ("plate", "migration", "affirmed")}


def test_a_set_screw_or_nut_that_backed_off_has_migrated():
    assert placed("The nut on the left L4 screw had backed off by two threads.") == {
        ("set screw", "migration", "L4", "left", "affirmed")}


def test_a_set_screw_lying_in_the_soft_tissue_has_migrated():
    assert placed("The left L2 set screw lies in the paraspinal soft tissue.") == {
        ("set screw", "migration", "L2", "left", "affirmed")}


def test_the_loss_of_a_set_screw_is_its_migration():
    assert ("set screw", "migration", "affirmed") in facts(
        "The left rod has come out of the T11 screw head after loss of its set screw.")


def test_rods_pulled_out_of_the_end_screws_are_disconnected_there():
    assert placed("Both rods had pulled out of the proximal T4 screws.") == {
        ("rod", "disconnection", "T4", sd, "affirmed") for sd in ("left", "right")}


def test_a_rod_pulled_out_of_a_clamp_is_disconnected():
    assert placed("The right rod has pulled out of the rod clamp of the occipital plate.") == {
        ("rod", "disconnection", None, "right", "affirmed")}


# --- which implant ---------------------------------------------------------------------------------------------------

def test_a_reading_after_both_is_each_implant_named_before():
    assert placed("The left L4 screw showed a 2-mm halo and the right L4 screw a 1-mm halo, both suggestive of loosening.") >= {
        ("screw", "loosening", "L4", sd, "uncertain") for sd in ("left", "right")}


def test_a_reading_after_both_with_one_implant_named_stays_its_own():
    assert {f for f in placed("The left L4 screw has a 2-mm halo, both on the AP and the lateral film, suggestive of "
                              "loosening.") if f[1] == "loosening"} == {("screw", "loosening", "L4", "left", "uncertain")}


def test_that_screw_is_the_screw_the_sentence_named():
    assert placed("The CT showed lucency around the right L5 screw, and at revision that screw was loose.") == {
        ("screw", f, "L5", "right", "affirmed") for f in ("lucency", "loosening")}


def test_the_set_screw_of_that_connector_is_the_set_screw():
    assert facts("The set screw of that connector was found loose at revision.") == {("set screw", "loosening", "affirmed")}


def test_a_screw_at_the_top_of_the_construct_is_the_screw():
    assert placed("The left T3 screw at the top of the construct had pulled out of the pedicle.") == {
        ("screw", "migration", "T3", "left", "affirmed")}


def test_a_hyphenated_name_does_not_break_an_of_phrase():
    assert placed("Retropulsion of the stand-alone cage at C5-C6 compresses the cord.") == {
        ("cage", "migration", "C5-C6", None, "affirmed")}


def test_a_segments_arthroplasty_is_its_prosthesis():
    assert placed("Probable subsidence of the C5-6 arthroplasty into the C6 endplate.") == {
        ("hardware", "subsidence", "C5-C6", None, "uncertain")}


def test_an_arthroplasty_as_an_operation_is_no_implant():
    assert not facts("Heterotopic ossification bridges the C5-C6 arthroplasty anteriorly.")


# --- where a lead lies -------------------------------------------------------------------------------------------------

def test_lead_tips_placed_at_a_border_of_a_vertebra_lie_there():
    assert placed("The lead tips were placed at the upper border of T9.") == {("lead", "lead position", "T9", None, "affirmed")}


def test_where_leads_enter_and_where_their_tips_lie_are_two_positions():
    assert placed("Bilateral percutaneous leads enter the epidural space at T12-L1 with tips at the superior endplate of T9.") \
        == {("lead", "lead position", lv, sd, "affirmed") for lv in ("T12-L1", "T9") for sd in ("left", "right")}


def test_leads_entering_the_interlaminar_space_lie_there():
    assert placed("Two stimulator leads enter the interlaminar space at L1-2 on the left.") == {
        ("lead", "lead position", "L1-L2", "left", "affirmed")}


def test_a_second_lead_tip_without_a_verb_at_mid_vertebra_lies_there():
    assert placed("The left lead tip is at the upper border of T8 and the right lead tip at mid-T10.") == {
        ("lead", "lead position", "T8", "left", "affirmed"), ("lead", "lead position", "T10", "right", "affirmed")}


def test_a_paddle_that_lay_in_the_dorsal_midline_lies_there():
    assert placed("In the second patient, the paddle lay in the dorsal midline at T8-T9.") == {
        ("lead", "lead position", "T8-T9", "midline", "affirmed")}


def test_a_paddles_contacts_lying_at_a_level_are_its_position_not_its_migration():
    assert placed("At exploration the paddle had slipped caudally and its upper contacts lay at mid-T11.") == {
        ("lead", "migration", None, None, "affirmed"), ("lead", "lead position", "T11", None, "affirmed")}


# --- the case layer ---------------------------------------------------------------------------------------------------

def test_the_impressions_denial_of_every_cage_the_findings_denied_is_said_once_each():
    from spinekg.nlp import ingest_text

    case = ingest_text("FINDINGS: Interbody cages at L4-5 and L5-S1 are unchanged in position without subsidence.\n"
                       "IMPRESSION: No cage subsidence.").case
    got = {(f["type"], f.get("implant"), f.get("status")) for f in case["findings"]}
    assert got == {("subsidence", "cage-L4-L5", "negated"), ("subsidence", "cage-L5-S1", "negated")}
    assert "cage" not in {i["id"] for i in case["implants"]}


def test_the_impressions_denial_is_kept_when_a_cage_was_not_denied_before():
    from spinekg.nlp import ingest_text

    case = ingest_text("FINDINGS: Interbody cage at L4-5 without subsidence. The L5-S1 cage is unchanged.\n"
                       "IMPRESSION: No cage subsidence.").case
    assert ("subsidence", "cage", "negated") in {(f["type"], f.get("implant"), f.get("status")) for f in case["findings"]}


def test_a_pronoun_subject_is_the_implant_named_before_it_not_the_place_after_the_verb():
    assert placed("The left rod is intact along its length; however, it has disengaged from the left S1 screw tulip.") == {
        ("rod", "disconnection", "S1", "left", "affirmed")}


def test_a_pronoun_subject_of_a_verb_in_the_present_is_no_reference():
    assert not facts("Screws do not simply fall out; they loosen first, and the halo is bone ground away by micromotion.")


def test_a_set_screw_of_the_screw_named_before_is_not_coordinated_with_it():
    assert placed("A 4-mm lucency surrounded the left iliac screw, and its set screw had disengaged.") == {
        ("screw", "lucency", None, "left", "affirmed"), ("set screw", "disconnection", None, "left", "affirmed")}


def test_a_part_named_after_its_whole_is_still_a_prepositions_object():
    assert placed("The right rod has disengaged from the right L4 pedicle screw tulip, and the right L4 set screw is missing.") \
        == {("rod", "disconnection", "L4", "right", "affirmed"), ("set screw", "migration", "L4", "right", "affirmed")}


# (a lead's migration between two levels takes no level: 13 of the 16 sets that tell one read it so)
@pytest.mark.parametrize("text", [
    "The left lead tip has migrated caudally from T8 to T10.",
    "Radiographs showed that the lead had slipped down from T9 to T11.",
])
def test_a_leads_migration_between_two_levels_takes_no_level(text):
    assert {(f[0], f[1], f[2]) for f in placed(text)} == {("lead", "migration", None)}


def test_a_cages_migration_between_two_levels_keeps_the_span():
    assert placed("The cage migrated from L3 to L4.") == {("cage", "migration", "L3-L4", None, "affirmed")}


def test_where_a_lead_lay_on_the_post_insertion_films_is_history():
    assert not any(f[1] == "lead position" and f[2] == "T8" for f in placed(
        "On the post-insertion films the upper end of the paddle was at the mid T8 level; it has since migrated caudally."))


def test_lead_spans_written_apart_are_each_a_position():
    assert {f[2] for f in placed("Paddle leads lay at T8-T10 in 12 patients and at T9-T11 in 5.")} == {"T8-T10", "T9-T11"}


def test_a_sentence_that_spoke_of_the_implant_again_keeps_it_for_the_next():
    assert placed("An interbody cage is present at L4-L5. It has settled about 2 mm into the L5 endplate. No displacement.") \
        == {("cage", "subsidence", "L4-L5", None, "affirmed"), ("cage", "migration", "L4-L5", None, "negated")}


def test_a_sentence_that_only_measures_the_implants_keeps_them_for_the_next():
    assert placed("Both L5 screws are surrounded by lucency. On the left it measures 2 mm; on the right, 3 mm. Findings "
                  "are compatible with loosening of both.") == {
        ("screw", f, "L5", sd, "affirmed") for f in ("lucency", "loosening") for sd in ("left", "right")}


def test_a_sentence_about_something_else_between_breaks_the_reference():
    assert ("cage", "migration", "L4-L5", None, "negated") not in placed(
        "An interbody cage is present at L4-L5. The facet joints show mild degeneration. No displacement.")


def test_a_bare_denial_at_the_end_of_a_reports_line_is_of_the_implants_before_it():
    from spinekg.nlp import extract

    got = extract("FINDINGS:\nInterbody spacers at L3-4 and L4-5 are unchanged in position; no subsidence.\n\n"
                  "IMPRESSION:\n1. Stable construct.").facts
    assert {(f.implant, f.finding, f.level, f.status) for f in got} == {
        ("cage", "subsidence", lv, "negated") for lv in ("L3-L4", "L4-L5")}


def test_what_a_finding_may_represent_is_that_finding_again():
    assert placed("There is an apparent discontinuity of the left rod between the L4 and L5 screws; this may represent rod "
                  "fracture.") == {("rod", "fracture", "L4-L5", "left", "uncertain")}


# --- the second batch of the round ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A tender lump lay over the generator, which had flipped within an oversized pocket.",
    "Her generator could no longer be charged; it had flipped 180 degrees in its pocket.",
    "Repeated flipping of the generator followed her weight loss.",
    "Radiographs showed the generator flipped in its pocket.",
])
def test_a_generator_that_flipped_has_migrated_however_said(text):
    assert ("pulse generator", "migration", "affirmed") in facts(text)


def test_only_a_generator_flips():
    assert not facts("The laminar flap was flipped over and sutured.")


def test_a_lead_that_slipped_a_level_from_one_part_of_a_vertebra_to_another_has_migrated_downward():
    assert moved("The electrode array had slipped one full vertebral level, from the top of T8 to the top of T9.") == {
        ("lead", "migration", "inferior", None, None, "affirmed")}


def test_lead_tips_that_lay_at_a_part_of_a_vertebra_lie_there():
    assert placed("The right lead tip lay at the middle of T7 and the left lead tip at the top of T9.") == {
        ("lead", "lead position", "T7", "right", "affirmed"), ("lead", "lead position", "T9", "left", "affirmed")}


@pytest.mark.parametrize("text", [
    "Unilateral lead migration is twice as common as bilateral migration.",
    "In literature the screw loosening rate in osteoporotic spine is reported up to 60%.",
    "Misplacement of thoracic pedicle screws was less in navigation group comparing to freehand group.",
])
def test_comparisons_and_the_literature_are_general(text):
    assert not facts(text)


def test_a_rod_telescoping_in_its_connector_slid_through_it():
    assert placed("The rod was telescoped in the domino connector about 5 mm at the T12 level.") == {
        ("rod", "rod connector", "T12", None, "affirmed")}


def test_a_cage_telescoping_into_bone_has_subsided():
    assert facts("The expandable cage has telescoped into the L2 endplate.") == {("cage", "subsidence", "affirmed")}


def test_a_rod_subluxated_out_of_its_connector():
    assert placed("The left rod was partially subluxated out of the connector at T11 by 3 mm.") == {
        ("rod", "rod connector", "T11", "left", "affirmed")}


def test_a_rod_out_of_a_screw_head_is_disconnected():
    assert ("rod", "disconnection", "S1", "left", "affirmed") in placed(
        "On the AP view the left rod was seemed to be out of S1 screw head.")


def test_a_rod_that_no_longer_engages_a_screw_head_is_disconnected_there():
    assert ("rod", "disconnection", "L3", "right", "affirmed") in placed(
        "The right rod has slid 10 mm caudally and no longer engages the L3 screw head.")


def test_screws_of_both_side_are_each_sides():
    assert placed("The L3 screws of both side were pulled out from the vertebra together.") == {
        ("screw", "migration", "L3", sd, "affirmed") for sd in ("left", "right")}


def test_a_cage_sinked_in_to_an_endplate_has_subsided():
    assert facts("The cage has sinked in to the upper endplate of L4 about 3 mm.") == {("cage", "subsidence", "affirmed")}


def test_a_correction_after_a_comma_denies_despite_an_earlier_hedge():
    assert facts("The apparent gap proved to be a skin fold, not a lead fracture.") == {("lead", "fracture", "negated")}


def test_an_extension_come_apart_from_its_generator_is_disconnected():
    assert placed("The left extension had partially disengaged from the generator header.") == {
        ("lead", "disconnection", None, "left", "affirmed")}


def test_a_lead_pulled_free_of_its_connector_is_disconnected():
    assert placed("At exploration the left lead had pulled free of the extension connector in the flank.") == {
        ("lead", "disconnection", None, "left", "affirmed")}


def test_a_rod_disengaged_from_a_domino_connector_is_a_rod_connector_finding():
    assert placed("The left rod has disengaged from the domino connector at T11.") == {
        ("rod", "rod connector", "T11", "left", "affirmed")}


def test_an_adjacent_segment_fracture_is_a_bones():
    assert not facts("Standing radiographs showed stable L2-L5 posterior instrumentation and no adjacent segment fracture.")


def test_a_foramen_a_lead_went_through_names_no_side():
    assert placed("The lead had migrated out of the epidural space through the right T10-T11 foramen.") == {
        ("lead", "migration", None, None, "affirmed")}


def test_a_foramen_a_lead_came_out_of_is_its_side():
    assert moved("The image shows the tined lead pulled 2 cm dorsally out of the left S3 foramen.") == {
        ("lead", "migration", "posterior", 20.0, "left", "affirmed")}


def test_a_ganglion_lead_lying_at_its_foramen_lies_there():
    assert placed("The DRG lead lies at the right L5 foramen.") == {("lead", "lead position", "L5", "right", "affirmed")}


def test_an_opening_phrase_about_the_patient_is_not_coordinated_with_the_subject():
    assert placed("In a 9-year-old boy with traditional growing rods, the proximal pedicle screws at T3 on the left have "
                  "pulled out.") == {("pedicle screw", "migration", "T3", "left", "affirmed")}


def test_a_crosslink_that_slipped_off_a_rod_is_disconnected():
    assert placed("The transverse connector at T12 has slipped off the left rod.") == {
        ("crosslink", "disconnection", "T12", None, "affirmed")}


@pytest.mark.parametrize("text", [
    "Two spine surgeons, blinded to clinical outcome, rated each screw as intact, loose or broken.",
    "The primary outcome was reoperation for an implant-related complication within 2 years.",
    "Rod fracture was recorded when a discontinuity of the rod was visible on any projection.",
    "Data on lead migration, infection and battery replacement were extracted from the device registry.",
    "Loosening of iliac screws did not translate into worse clinical scores at final follow-up.",
    "Routine CT is not justified in asymptomatic patients, since radiographs detect most rod fractures.",
    "Published rates of rod fracture after three-column osteotomy range from 6.8% to 22%.",
])
def test_methods_and_what_the_literature_publishes_are_no_findings(text):
    assert not facts(text)


def test_none_that_progressed_to_a_finding_denies_it():
    assert placed("Lucent zones were seen around only 2 of the 64 C2 pars screws, and none progressed to loosening.") == {
        ("screw", "lucency", "C2", None, "affirmed"), ("screw", "loosening", "C2", None, "negated")}


def test_a_paddle_lying_beside_the_midline_lies_there():
    assert placed("Follow-up imaging showed the paddle lead lying left of midline at T11.") == {
        ("lead", "lead position", "T11", "left", "affirmed")}


# --- the third batch of the round -------------------------------------------------------------------------------------

def test_a_set_screw_that_is_absent_has_migrated():
    assert ("set screw", "migration", "affirmed") in facts(
        "The left rod is disconnected from the S1 screw head, and the set screw is absent.")


def test_a_finding_that_is_absent_is_denied():
    assert facts("Lucency around the L4 screws is absent.") == {("screw", "lucency", "negated")}


def test_a_screw_projecting_a_distance_beyond_bone_is_a_breach():
    assert moved("The right iliac screw projects 1.5 cm laterally beyond the outer table of the ilium.") == {
        ("screw", "screw position", "lateral", 15.0, "right", "affirmed")}


def test_a_screw_coursing_through_a_foramen_is_a_breach():
    assert placed("The right S1 pedicle screw courses through the S1 neural foramen.") == {
        ("pedicle screw", "screw position", "S1", "right", "affirmed")}


def test_a_lucency_along_its_length_is_the_implant_named_before():
    assert placed("Possible early loosening of the right iliac screw; there is a thin rim of lucency along its distal third.") \
        == {("screw", "loosening", None, "right", "uncertain"), ("screw", "lucency", None, "right", "affirmed")}


def test_a_preposition_said_again_after_and_coordinates():
    assert {f[:4] for f in placed("There has been interval loosening of the left S1 pedicle screw and of both iliac screws.")} \
        == {("pedicle screw", "loosening", "S1", "left"), ("screw", "loosening", None, "left"),
            ("screw", "loosening", None, "right")}


def test_a_prosthesis_named_before_takes_an_implied_prosthesis_finding():
    assert placed("C6-7 disc arthroplasty in satisfactory position. No periprosthetic lucency or subsidence.") == {
        ("hardware", f, "C6-C7", None, "negated") for f in ("lucency", "subsidence")}


def test_a_fracture_line_through_a_plate_is_no_movement():
    assert not any(f[1] == "migration" for f in placed("A fracture line traverses the plate at the level of the C5 holes."))


def test_a_screw_through_the_canal_is_still_a_breach():
    assert placed("The left T8 screw traverses the canal.") == {("screw", "screw position", "T8", "left", "affirmed")}


def test_an_image_reconstruction_is_no_cause_of_a_finding():
    assert placed("Lucency around the left S1 screw, up to 3 mm, persists on the metal artefact reduced images and indicates "
                  "loosening.") == {("screw", f, "S1", "left", "affirmed") for f in ("lucency", "loosening")}


@pytest.mark.parametrize("text", [
    "Metal artefact reduction algorithms can produce pseudofractures of rods and spurious lucencies around screws.",
    "The Mach effect can simulate a lucent rim around pedicle screws on radiographs.",
    "SPECT/CT may help to distinguish a painful loose screw from a stable one.",
    "Figure 4. Schematic of a fenestrated pedicle screw showing the side holes through which cement exits.",
])
def test_what_imaging_can_show_and_drawings_are_general(text):
    assert not facts(text)


def test_an_implant_a_distance_further_one_way_than_before_has_migrated():
    assert moved("Compared with the prior radiograph, the L4-5 cage appears 3 mm more posterior.") == {
        ("cage", "migration", "posterior", 3.0, None, "affirmed")}


def test_a_hedged_finding_after_a_semicolon_is_of_the_implant_before_it():
    assert placed("The right L2 screw is partially obscured by artefact; a medial breach cannot be excluded.") == {
        ("screw", "screw position", "L2", "right", "uncertain")}


@pytest.mark.parametrize("text", [
    "Transverse fracture through the cement mantle of the left L3 screw.",
    "Cement has tracked along the right T11 screw into the neural foramen.",
])
def test_cement_is_no_implant(text):
    assert not facts(text)


def test_a_screw_that_ploughed_through_an_endplate_has_migrated():
    assert moved("The left T11 pedicle screw has ploughed cranially through the superior endplate into the T10-11 disc space.") \
        == {("pedicle screw", "migration", "superior", None, "left", "affirmed")}


def test_neither_before_a_findings_name_is_no_pair():
    assert placed("Neither L5 screw fracture nor set screw disengagement was observed.") >= {
        ("screw", "fracture", "L5", None, "negated")}


def test_no_sign_that_a_finding_happened_denies_it():
    assert facts("There was no sign that the screws had loosened.") == {("screw", "loosening", "negated")}


def test_a_lead_coursing_through_a_foramen_lies_there():
    assert placed("The upper DRG lead courses through the right L4-5 neural foramen.") == {
        ("lead", "lead position", "L4-L5", "right", "affirmed")}


# --- after the final run: what the documents read whole showed ---------------------------------------------------------

def test_a_bare_finding_that_referred_back_does_not_carry_the_reference_on():
    from spinekg.nlp import extract

    got = extract("Pedicle screws were placed from L2 to S1 in 40 patients. A radiolucent zone was found in 12 patients. "
                  "A radiolucent zone wider than 1 mm was found in 5 patients.").facts
    assert [(f.implant, f.finding) for f in got][-1] == (None, "lucency")


def test_a_bare_finding_after_a_prosthesis_is_no_prosthesis_finding():
    from spinekg.nlp import extract

    got = extract("An L4-L5 disc prosthesis was implanted. Two years later, anterior displacement was seen.").facts
    assert {(f.implant, f.finding) for f in got} == {(None, "migration")}


def test_yet_after_a_contracted_negation_is_an_adverb():
    assert placed("The set screw is loose, but the rod hasn't yet come out of the tulip.") >= {
        ("rod", "disconnection", None, None, "negated")}


def test_where_leads_lay_on_the_comparison_study_is_history():
    assert not any(f[1] == "lead position" for f in placed(
        "On the comparison study the tips of both leads lay at the superior endplate of T8."))


def test_where_leads_lie_at_an_endplate_now_is_their_position():
    assert placed("The tips of both leads lie at the superior endplate of T9.") == {
        ("lead", "lead position", "T9", sd, "affirmed") for sd in ("left", "right")}
