"""Report text, thirty-second round (issue 15): what the round's blind parts showed -- case-report narratives of
stimulators, of interbody and anterior implants and of screws that moved far, structured abstracts, failed posterior
constructs, neuromodulation hardware and figure legends. Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")
moved = reader("implant", "finding", "side", "direction", "mm", "status")


# --- a pronoun after the finding is the implant named before it ----------------------------------------------------

def test_a_denied_lucency_about_them_is_of_the_screws_named_before():
    assert placed("Streak artefact from the bilateral L3 pedicle screws limits the view, but no lucency is seen around "
                  "them.") == {("pedicle screw", "lucency", "L3", "left", "negated"),
                               ("pedicle screw", "lucency", "L3", "right", "negated")}


def test_a_lucency_around_it_is_of_the_one_screw_named():
    assert placed("The left S1 screw is intact with a lucency around it.") == {
        ("screw", "lucency", "S1", "left", "affirmed")}


# --- a stimulator's extension ----------------------------------------------------------------------------------------

def test_an_extension_beside_a_generator_is_a_stimulators_lead():
    assert facts("The generator had migrated cranially in its pocket, and the extension had fractured at the "
                 "connector.") == {("pulse generator", "migration", "affirmed"), ("lead", "fracture", "affirmed")}


def test_both_extensions_of_a_stimulator():
    assert ("lead", "fracture", "affirmed") in facts("Failure of the spinal cord stimulator, with fracture of both "
                                                     "extensions.")


def test_an_extension_of_a_fusion_is_no_lead():
    assert not any(f[0] == "lead" for f in facts("The extension of the fusion to L2 is solid; no rod fracture."))


def test_generators_in_the_plural_are_implants():
    assert facts("Two patients had generators that flipped in oversized abdominal pockets.") == {
        ("pulse generator", "migration", "affirmed")}


# --- a part of a whole, and its qualifiers -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "We report a patient in whom screws of an anterior cervical plate migrated into the oesophagus.",
    "Radiographs showed that the left L5 screw of the anterior lumbar plate had pulled out.",
    "The integrated screws of the C5-6 stand-alone spacer appear to have backed out slightly.",
])
def test_the_screws_of_a_plate_or_spacer_are_what_moved(text):
    assert {f[0] for f in facts(text)} == {"screw"}


def test_a_plate_that_moved_with_its_screws_intact_is_the_plates():
    assert facts("The anterior cervical plate has migrated 4 mm caudally; its screws are intact.") == {
        ("plate", "migration", "affirmed")}


# --- a verb left out --------------------------------------------------------------------------------------------------

def test_a_second_lead_with_the_verb_left_out_keeps_its_own_distance_and_way():
    assert moved("Radiographs showed that the right lead had migrated 18 mm caudally and the left lead 7 mm "
                 "cranially.") == {("lead", "migration", "right", "inferior", 18.0, "affirmed"),
                                   ("lead", "migration", "left", "superior", 7.0, "affirmed")}


def test_a_second_screw_with_the_verb_left_out():
    assert placed("The right L4 screw had backed out 3 mm and the left L5 screw 5 mm.") == {
        ("screw", "migration", "L4", "right", "affirmed"), ("screw", "migration", "L5", "left", "affirmed")}


def test_two_screws_told_apart_by_where_they_sit_moved_by_their_own_distances():
    assert sorted(f.mm for f in __import__("spinekg.nlp", fromlist=["extract"]).extract(
        "The cranial screws had backed out 3 mm and the caudal screws 5 mm.").facts) == [3.0, 5.0]


def test_a_second_implant_with_a_verb_of_its_own_is_not_elided():
    assert placed("The right L4 screw had backed out 3 mm and the left L5 screw is intact.") == {
        ("screw", "migration", "L4", "right", "affirmed")}


def test_the_other_rod_with_its_word_left_out():
    assert placed("There was a 3-mm gap in the right rod and a 1-mm gap in the left.") == {
        ("rod", "fracture", None, "right", "affirmed"), ("rod", "fracture", None, "left", "affirmed")}


def test_another_finding_of_the_other_side_is_not_the_rods():
    assert ("rod", "fracture", None, "left", "affirmed") not in placed(
        "The right rod is fractured at L2 and there is a screw lucency in the left.")


def test_the_other_leads_tip_with_its_words_left_out():
    assert placed("AP view: two octapolar leads, the left tip at the T7-T8 disc and the right at the inferior endplate "
                  "of T9.") == {("lead", "lead position", "T7-T8", "left", "affirmed"),
                                ("lead", "lead position", "T9", "right", "affirmed")}


def test_the_first_leads_tip_keeps_its_own_level():
    assert placed("The left lead tip is at T8 and the right at T9.") == {
        ("lead", "lead position", "T8", "left", "affirmed"), ("lead", "lead position", "T9", "right", "affirmed")}


# --- clauses ----------------------------------------------------------------------------------------------------------

def test_a_clause_spliced_on_by_a_comma_has_its_own_subject():
    assert placed("Halos surround the L3 screws bilaterally, the left L5 screw is fractured.") == {
        ("screw", "lucency", "L3", "left", "affirmed"), ("screw", "lucency", "L3", "right", "affirmed"),
        ("screw", "fracture", "L5", "left", "affirmed")}


def test_a_list_of_implants_with_commas_is_still_one_subject():
    assert placed("The L3, L4 and L5 screws are loose.") == {
        ("screw", "loosening", lv, None, "affirmed") for lv in ("L3", "L4", "L5")}


def test_a_participle_with_its_distance_after_a_level_is_the_implants():
    assert placed("CT showed the TLIF cage at L3-L4 retropulsed 1.2 cm, nearly occluding the canal.") == {
        ("cage", "migration", "L3-L4", None, "affirmed")}


def test_a_predicate_after_a_verb_of_seeing():
    assert placed("On the x-ray the left rod is seen broken in between L4 & L5 screw.") == {
        ("rod", "fracture", "L4-L5", "left", "affirmed")}


def test_a_vertebra_that_slipped_on_the_next_is_bone():
    assert not facts("The junctional kyphosis measured 28 degrees, and T2 had subluxed anteriorly on T3.")


# --- hedges, denials, history and other patients --------------------------------------------------------------------

def test_clinical_correlation_advised_is_no_statistic():
    assert placed("Possible slight posterior migration of the left PLIF cage at L3-4, clinical correlation advised.") == {
        ("cage", "migration", "L3-L4", "left", "uncertain")}


def test_a_correlation_with_an_outcome_is_still_a_statistic():
    assert not facts("Cage subsidence did not correlate with clinical outcome (r = 0.08).")


@pytest.mark.parametrize("text", [
    "Screw-rod dissociation at the right T12 screw was suspected on radiographs but not confirmed at surgery.",
    "Rod fracture was suspected clinically in two patients with new back pain but was not seen on CT.",
])
def test_a_suspicion_the_next_clause_refutes_is_denied(text):
    assert {f[2] for f in facts(text)} == {"negated"}


def test_a_suspicion_left_standing_is_uncertain():
    assert facts("Rod fracture was suspected on the radiographs.") == {("rod", "fracture", "uncertain")}


@pytest.mark.parametrize("text", [
    "Compared with the prior radiograph from March, which had shown 2 mm of cage subsidence at L4-5, there is no "
    "further change.",
    "The 2019 radiographs, reviewed in retrospect, had already shown a subtle lucency at the left L5 screw.",
    "Review of her old films suggests the screw had already begun to back out at 6 months.",
    "Prior radiographs from another hospital had shown a lead migration.",
    "The loosening of the left S1 screw noted on the previous CT was treated by revision to a larger screw.",
    "The rod fracture seen on the earlier films has been bridged with a new rod.",
])
def test_what_an_earlier_study_had_shown_is_history(text):
    assert not facts(text)


def test_the_current_finding_beside_an_earlier_studys_is_kept():
    assert placed("Comparison with the CT of March 2019, which had shown a lucency around the right L4 screw, now "
                  "demonstrates backing out of that screw by 5 mm.") == {
        ("screw", "migration", "L4", "right", "affirmed")}


@pytest.mark.parametrize("text", [
    "In the case described by Smith et al., the cage migrated into the canal 2 weeks after surgery.",
    "In a similar case reported by Lee and colleagues, the rod had migrated into the thoracic cavity.",
    "Figure 8. Rod fracture at the lumbosacral junction in a comparable patient, reproduced with permission from Smith.",
    "Sir - We read with interest the recent report of a fractured sacral neuromodulation lead.",
])
def test_another_patients_or_papers_finding_is_general(text):
    assert not facts(text)


def test_a_similar_fashion_is_no_other_patient():
    assert facts("In a similar fashion the rod fractured at L4.") == {("rod", "fracture", "affirmed")}


# --- where an implant went -----------------------------------------------------------------------------------------

def test_a_screw_protruding_into_the_aorta_is_malpositioned():
    assert placed("In the present case the left T11 pedicle screw protruded 7 mm into the aortic lumen.") == {
        ("pedicle screw", "screw position", "T11", "left", "affirmed")}


def test_a_screw_protruding_into_the_oesophagus_has_migrated():
    assert facts("The screw protruded into the oesophagus.") == {("screw", "migration", "affirmed")}


def test_an_implant_named_with_words_of_its_own_found_in_an_organ_has_migrated():
    assert facts("A screw from a lumbar fusion done 13 years earlier was found in the bladder at cystoscopy.") == {
        ("screw", "migration", "affirmed")}


def test_pain_found_in_the_buttock_is_no_implants():
    assert not facts("Pain from the fusion was found in the buttock.")


# --- where leads lie ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "He had a dorsal root ganglion stimulator implanted in 2021, with leads at the right L4 and L5 foramina.",
    "The leads lie in the right L4 and L5 foramina.",
])
def test_leads_in_the_foramina_of_two_levels_lie_one_in_each(text):
    assert placed(text) == {("lead", "lead position", "L4", "right", "affirmed"),
                            ("lead", "lead position", "L5", "right", "affirmed")}


def test_leads_over_two_levels_keep_their_span():
    assert placed("The paddle lies over T8 and T9.") == {("lead", "lead position", "T8-T9", None, "affirmed")}


def test_leads_placed_under_the_skin_at_a_level():
    assert placed("She had bilateral occipital nerve stimulator leads placed subcutaneously at C1.") == {
        ("lead", "lead position", "C1", "left", "affirmed"), ("lead", "lead position", "C1", "right", "affirmed")}


def test_tips_are_of_the_leads_named_the_sentence_before():
    assert placed("Two leads are seen. Tips at mid T8 bilaterally.") == {
        ("lead", "lead position", "T8", "left", "affirmed"), ("lead", "lead position", "T8", "right", "affirmed")}


def test_tips_after_screws_are_no_leads():
    assert not any(f[1] == "lead position" for f in placed("The L5 screws are intact. The tips are at the anterior "
                                                               "cortex of L5."))


# --- grades --------------------------------------------------------------------------------------------------------

def test_a_grade_given_to_this_patients_finding_is_a_finding():
    assert facts("Subsidence of the Charite prosthesis into L5 was graded as mild.") == {
        ("hardware", "subsidence", "affirmed")}


@pytest.mark.parametrize("text", [
    "Subsidence was graded as mild if less than 2 mm.",
    "Subsidence was classified as grade I when the cage sank less than 25%.",
])
def test_a_grading_scheme_is_a_definition(text):
    assert not facts(text)


# --- more of the round's readings ------------------------------------------------------------------------------------

def test_a_loosening_denied_beside_a_lucency_of_another_implant_is_kept():
    assert facts("There was no loosening of the pedicle screws and no lucency around the rods.") == {
        ("pedicle screw", "loosening", "negated"), ("rod", "lucency", "negated")}


def test_no_lucency_to_suggest_loosening_is_still_no_loosening():
    assert facts("No lucency around the L5 screws to suggest loosening.") == {("screw", "lucency", "negated")}


def test_however_set_off_by_commas_before_a_past_verb_is_an_aside():
    assert placed("The left S1 pedicle screw, however, showed a 2-mm halo.") == {
        ("pedicle screw", "lucency", "S1", "left", "affirmed")}


def test_however_between_two_clauses_still_joins_them():
    assert facts("The rods are intact, however, the cage has migrated.") == {("cage", "migration", "affirmed")}


@pytest.mark.parametrize("text", [
    "An earlier multicentre series reported fracture of at least one lead in 9% of its 410 patients.",
    "These features are typical of Twiddler syndrome, in which the patient rotates the generator and winds the leads "
    "around it, pulling them back out of the epidural space.",
    "A paddle lead that migrates laterally may stimulate a dorsal root.",
    "A set screw that backs out lets the rod slide within the tulip.",
    "A rod that is not secured in its connector is easily missed on supine films.",
])
def test_what_any_implant_of_a_kind_does_is_general(text):
    assert not facts(text)


def test_a_screw_of_this_patient_that_was_loose_is_a_finding():
    assert facts("A screw that was loose at L5 was replaced.") == {("screw", "loosening", "affirmed")}


def test_what_the_patient_felt_move_is_no_implants():
    assert facts("After the implant she noticed the stimulation had moved from her back into her chest wall, and "
                 "radiographs showed that the left lead had migrated cephalad.") == {("lead", "migration", "affirmed")}


@pytest.mark.parametrize("text", [
    "Flexible nasendoscopy revealed the head of the screw exposed through the posterior pharyngeal wall.",
    "A screw lodged in the right piriform sinus was retrieved endoscopically.",
])
def test_a_screw_in_the_throat_has_migrated(text):
    assert facts(text) == {("screw", "migration", "affirmed")}


def test_the_levels_and_approach_of_the_plating_are_the_operations():
    assert moved("A screw lodged in the pharynx 4 years after C4-C6 anterior plating.") == {
        ("screw", "migration", None, None, None, "affirmed")}
    assert placed("A screw lodged in the pharynx 4 years after C4-C6 anterior plating.") == {
        ("screw", "migration", None, None, "affirmed")}


def test_a_rod_that_travelled_has_migrated():
    assert moved("The rod had travelled cephalad through the foramen magnum.") == {
        ("rod", "migration", None, "superior", None, "affirmed")}


def test_set_screws_absent_on_both_sides_have_gone():
    assert placed("The T10 set screws are absent on both sides.") == {
        ("set screw", "migration", "T10", "left", "affirmed"), ("set screw", "migration", "T10", "right", "affirmed")}


def test_a_set_screw_that_lies_in_the_soft_tissues_by_a_second_verb():
    assert {f[:2] for f in facts("The set screw is no longer seen in the tulip and presumably lies in the paraspinal "
                                 "soft tissues.")} == {("set screw", "migration")}


def test_a_halo_that_surrounded_the_screw_named_after_it():
    assert placed("CT showed that both L2 pedicle screws had cut out through the superior endplate and that a 2-mm halo "
                  "surrounded the left L5 screw.") == {
        ("pedicle screw", "migration", "L2", "left", "affirmed"), ("pedicle screw", "migration", "L2", "right", "affirmed"),
        ("screw", "lucency", "L5", "left", "affirmed")}


def test_a_widened_screw_tract_is_a_lucency():
    assert facts("The right L4 screw is surrounded by a 2-mm widened tract, suspicious for loosening.") == {
        ("screw", "lucency", "affirmed"), ("screw", "loosening", "uncertain")}


def test_a_pacemakers_leads_in_the_heart_beside_a_stimulator_are_no_findings():
    assert not facts("Chest radiograph showing a cardiac pacemaker with leads in the right atrium and ventricle, and a "
                     "spinal cord stimulator generator over the left flank.")


def test_a_stimulator_lead_fragment_in_the_heart_has_migrated():
    assert ("lead", "migration", "affirmed") in facts("The fractured stimulator lead fragment was found in the right "
                                                      "atrium.")


def test_a_fracture_dislocation_is_the_spines():
    assert placed("He underwent C4-T2 fusion for a C5-C6 fracture-dislocation; at 10 months radiographs demonstrated "
                  "bilateral rod fractures at the cervicothoracic junction.") == {
        ("rod", "fracture", "C7-T1", "left", "affirmed"), ("rod", "fracture", "C7-T1", "right", "affirmed")}


def test_a_fracture_through_a_bone_beside_a_screw_is_the_bones():
    assert ("rod", "fracture", "affirmed") not in facts(
        "Pulled-out left C3 lateral mass screw with the left rod disengaged from it, and a fracture through the left C3 "
        "lateral mass.")


def test_a_fracture_through_a_rod_is_the_rods():
    assert placed("The left rod shows a fracture through its midportion at L3.") == {
        ("rod", "fracture", "L3", "left", "affirmed")}


def test_an_appearance_explained_as_overlap_is_denied():
    assert placed("The apparent discontinuity of the right rod at L2 represents overlap with the connector.") == {
        ("rod", "fracture", "L2", "right", "negated")}


def test_a_lucency_that_represents_loosening_is_not_denied():
    assert facts("The lucency around the L5 screw represents loosening.") == {
        ("screw", "lucency", "affirmed"), ("screw", "loosening", "affirmed")}


def test_a_relative_clause_about_a_lead_that_migrated_is_this_patients():
    assert facts("A lead that migrated ventrally into the anterior epidural space produced motor responses.") == {
        ("lead", "migration", "affirmed")}


def test_a_symptom_that_settled_is_no_subsidence_of_a_lead():
    assert ("lead", "subsidence", "affirmed") not in facts("A new tined lead was implanted in the left S3 foramen, and "
                                                           "her urgency settled.")
    assert not any(f[1] == "subsidence" for f in facts("A new tined lead was implanted, and her urgency settled."))


def test_what_kinds_of_finding_account_for_is_general():
    assert not facts("Migration, fracture and disconnection of leads account for most reoperations after spinal cord "
                     "stimulation.")


def test_what_was_already_visible_on_an_earlier_film_is_history():
    assert not facts("In retrospect, a subtle halo around that screw was already visible on the 3-month radiograph.")


def test_the_authors_other_patient_is_still_a_patient():
    assert facts("Figure 6. Sagittal CT in a different patient shows a broken rod at the lumbosacral junction.") == {
        ("rod", "fracture", "affirmed")}


@pytest.mark.parametrize("text, second", [
    ("The left C7 pedicle screw violated the medial pedicle wall by 1-2 mm, as did the right T1 screw.",
     ("screw", "screw position", "T1", "right", "affirmed")),
    ("The left L5 screw has backed out, as has the right S1 screw.", ("screw", "migration", "S1", "right", "affirmed")),
])
def test_as_did_gives_the_same_finding_of_another_implant(text, second):
    assert second in placed(text)


def test_as_is_after_an_intact_implant_gives_nothing():
    assert not facts("The left L5 screw is intact, as is the right S1 screw.")


def test_a_plate_lifted_off_its_bone_by_a_way_and_distance_has_migrated():
    assert moved("The plate had lifted anteriorly off the C7 body by 5 mm.") == {
        ("plate", "migration", None, "anterior", 5.0, "affirmed")}


def test_as_in_the_case_of_another_is_an_aside():
    assert placed("The misplaced right T6 screw abutted the descending aorta and, as in the case of Wegener et al., was "
                  "removed after stent grafting.") == {("screw", "screw position", "T6", "right", "affirmed")}


def test_in_the_case_of_a_condition_is_still_general():
    assert not facts("In the case of pseudarthrosis, the rods may fracture.")


def test_the_end_screws_of_a_plate_named_by_its_span_take_no_level():
    assert placed("In our patient, the inferior screws of the C5-C7 plate had backed out.") == {
        ("screw", "migration", None, None, "affirmed")}


def test_both_implants_that_moved_each_by_its_own_distance():
    assert moved("Both PLIF cages at L4-L5 had migrated posteriorly, the left one by 4 mm and the right one by 6 mm.") == {
        ("cage", "migration", "left", "posterior", 4.0, "affirmed"), ("cage", "migration", "right", "posterior", 6.0,
                                                                      "affirmed")}


def test_a_pair_of_cages_at_one_level_are_two_implants_of_the_case():
    from spinekg.nlp import ingest_text
    from spinekg.nlp.evaluation import case_layer_facts

    got = {(f["implant"], f["finding"], f.get("side")) for f in case_layer_facts(ingest_text(
        "Both PLIF cages at L4-L5 had migrated posteriorly, the left one by 4 mm and the right one by 6 mm."))}
    # (the first keeps the case's cage of that level, whose side the inventory did not say; the second is the other one)
    assert len(got) == 2 and ("cage", "migration", "right") in got


def test_one_cage_named_twice_stays_one_implant():
    from spinekg.nlp import ingest_text
    from spinekg.nlp.evaluation import case_layer_facts

    got = {(f["implant"], f["finding"], f.get("side")) for f in case_layer_facts(ingest_text(
        "The left L4-5 TLIF cage has migrated posteriorly. The L4-5 cage has also subsided."))}
    assert got == {("cage", "migration", "left"), ("cage", "subsidence", "left")}


def test_a_tract_a_surgeon_found_enlarged_is_no_lucency():
    assert facts("The right C7 screw was loose and rotated freely within an enlarged tract.") == {
        ("screw", "loosening", "affirmed")}


def test_a_reading_hedged_toward_artefact_stays_uncertain():
    assert facts("Possible lucency about the left T8 pedicle screw, favored to represent streak artifact.") == {
        ("pedicle screw", "lucency", "uncertain")}


def test_a_screw_a_distance_beyond_a_cortex_without_a_verb():
    assert moved("CT showed the left S1 screw 1.2 cm beyond the ventral sacral cortex, abutting the L5 root.") == {
        ("screw", "screw position", "left", "anterior", 12.0, "affirmed")}


def test_the_levels_of_a_plating_written_after_it_are_the_operations():
    assert placed("Seven years after anterior cervical plating from C4 to C6, a 66-year-old man coughed up a screw.") == {
        ("screw", "migration", None, None, "affirmed")}


def test_what_had_been_described_on_a_study_named_by_its_time_is_history():
    assert not facts("On review, a 1-mm lucency around the same screws had already been described on the 6-month "
                     "radiograph.")


def test_a_nut_that_lies_behind_the_rod_is_the_nuts_movement_not_the_rods():
    assert {f[:2] for f in facts("The left L2 nut has unscrewed and lies in the soft tissues posterior to the rod.")} == {
        ("set screw", "migration")}


@pytest.mark.parametrize("text", [
    "A few descriptions of aortic pseudoaneurysms due to late screw loosening are mentioned in the literature.",
    "Proof that long-term results of TDR implantation are at least as good as fusion results is still missing.",
])
def test_the_literatures_mentions_and_what_is_still_missing_are_general(text):
    assert not facts(text)


def test_a_missing_screw_has_still_gone():
    assert placed("The left S1 screw is missing and the rod is loose.") == {
        ("screw", "migration", "S1", "left", "affirmed"), ("rod", "loosening", None, None, "affirmed")}


def test_both_leads_whose_tips_now_lie_at_one_level_lie_there_together():
    assert {f for f in placed("Fluoroscopy confirmed both leads had been pulled caudally, their tips now at the level of "
                              "T12.") if f[1] == "lead position"} == {("lead", "lead position", "T12", None, "affirmed")}


def test_each_leads_tip_now_at_its_own_level():
    assert {f for f in placed("Both leads migrated caudally, the left tip now at T10 and the right at T11.")
            if f[1] == "lead position"} == {("lead", "lead position", "T10", "left", "affirmed"),
                                            ("lead", "lead position", "T11", "right", "affirmed")}


def test_the_end_screw_of_a_whole_keeps_a_level_written_after_it():
    assert ("screw", "fracture", "C5", None, "affirmed") in placed(
        "Fracture of the caudal screw of the C3-C5 ACDF construct at C5.")


def test_a_proximal_pull_out_says_where_not_which_way():
    assert moved("Proximal pull-out of both T3 pedicle screws.") == {
        ("pedicle screw", "migration", "left", None, None, "affirmed"),
        ("pedicle screw", "migration", "right", None, None, "affirmed")}


def test_a_proximal_migration_still_says_which_way():
    assert moved("Proximal migration of the left lead.") == {("lead", "migration", "left", "superior", None, "affirmed")}


def test_and_so_did_gives_the_same_finding():
    assert ("screw", "migration", "S1", "right", "affirmed") in placed(
        "The left L5 screw has backed out, and so has the right S1 screw.")
