"""Report text, twenty-seventh round (issue 15): what the end-of-round-26 blind sets (holdout10, reports17) showed -- a
fractured implant's fragments apart from each other, leads leaving the field of view, a rod come loose from its screw, a
plate lifting off the bone, a reader told what a study checks, a lucency said to be like another, a pedicle breach after a
cage, the spine's subluxation and a screw withdrawn at surgery. Sentences are written for the test (none is copied from a
set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")
measured = reader("implant", "finding", "side", "mm")


@pytest.mark.parametrize("text", [
    "The right rod is fractured at L3-4 with 2 mm of displacement between the fragments.",
    "The right rod is fractured at L3-4; the fracture is non-displaced.",
    "Undisplaced fracture of the right rod at L3-4.",
])
def test_the_fragments_of_a_fractured_rod_apart_are_its_fracture_not_a_migration(text):
    assert placed(text) == {("rod", "fracture", "L3-L4", "right", "affirmed")}


def test_a_displaced_rod_is_still_a_migration():
    assert facts("The right rod is displaced posteriorly by 4 mm.") == {("rod", "migration", "affirmed")}


@pytest.mark.parametrize(("text", "side"), [
    ("The left rod fragments are offset by 3 mm at T11-12.", "left"),
    ("There is a 5 mm gap in the right rod at T11-12.", "right"),
])
def test_fragments_offset_and_a_gap_in_a_rod_are_its_fracture(text, side):
    assert placed(text) == {("rod", "fracture", "T11-T12", side, "affirmed")}


def test_a_gap_between_a_cage_and_bone_is_no_fracture():
    assert facts("There is a 2 mm gap between the cage and the superior endplate of L5.") == set()


def test_leads_leaving_the_field_of_view_have_not_moved():
    assert facts("Stimulator battery in the right buttock, its leads leaving the field of view cranially.") == set()
    assert facts("The left lead has migrated cranially to T7.") == {("lead", "migration", "affirmed")}


@pytest.mark.parametrize("text", [
    "The left rod has come loose from the L4 screw.",
    "The left rod is free of the L4 tulip.",
])
def test_a_rod_come_loose_from_or_free_of_its_screw_is_disconnected(text):
    assert placed(text) == {("rod", "disconnection", "L4", "left", "affirmed")}


def test_a_screw_come_loose_from_the_bone_is_loose():
    assert facts("The right S1 screw has come loose from the bone.") == {("screw", "loosening", "affirmed")}
    assert facts("The screws are free of surrounding lucency.") == {("screw", "lucency", "negated")}


@pytest.mark.parametrize("text", [
    "The anterior plate is lifting off the C5 vertebral body.",
    "The plate lifts away from the vertebral bodies at C4-5.",
])
def test_a_plate_lifting_off_the_bone_has_moved(text):
    assert facts(text) == {("plate", "migration", "affirmed")}


@pytest.mark.parametrize("text", [
    "Your doctor may ask for an X-ray to check whether the screws have loosened.",
    "A CT scan lets the team see if the cage has sunk into the bone.",
    "The scan is used to find out whether a stimulator lead has moved.",
])
def test_what_a_study_is_done_to_check_is_no_finding(text):
    assert facts(text) == set()


def test_a_finding_after_the_check_stays():
    assert placed("CT was obtained to check whether the hardware was loose; it shows a 2 mm lucency around the left L5 screw.") \
        == {("screw", "lucency", "L5", "left", "affirmed")}


def test_a_lucency_said_to_be_like_another_is_of_the_other_side_with_its_own_size():
    assert measured("There is a 2 mm lucency around the left S1 screw, with a similar but narrower rim on the right.") \
        == {("screw", "lucency", "left", 2.0), ("screw", "lucency", "right", None)}
    assert placed("Lucency surrounds the right L5 screw; the same is seen on the left.") \
        == {("screw", "lucency", "L5", "right", "affirmed"), ("screw", "lucency", "L5", "left", "affirmed")}


def test_a_lucency_similar_to_an_earlier_study_is_one_lucency():
    assert placed("A 2 mm lucency around the left S1 screw, similar to the prior study.") \
        == {("screw", "lucency", "S1", "left", "affirmed")}


def test_a_pedicle_breach_after_a_cage_is_a_screws_not_the_cages():
    read = reader("implant", "finding", "status")
    assert read("The L4-5 cage is well seated. No pedicle breach.") == {(None, "screw position", "negated")}
    assert placed("The right L4 screw is intact. No pedicle breach.") \
        == {("screw", "screw position", "L4", "right", "negated")}


@pytest.mark.parametrize("text", [
    "Cervical lordosis is maintained. No subluxation.",
    "The rods are intact. No subluxation.",
    "No listhesis.",
])
def test_the_spines_subluxation_is_no_hardware_finding(text):
    assert {f for f in facts(text) if f[1] in ("migration", "disconnection", "rod connector")} == set()


def test_a_subluxed_rod_is_still_a_finding():
    assert facts("The left rod is subluxed out of the C7 connector.") != set()


def test_a_screw_withdrawn_at_surgery_has_not_migrated():
    assert facts("The right L5 screw was loose and could be withdrawn by hand.") == {("screw", "loosening", "affirmed")}
    assert facts("The left lead has withdrawn 2 cm from the epidural space.") == {("lead", "migration", "affirmed")}


def test_a_rod_lying_free_of_a_screw_head_is_the_rods_disconnection_not_the_screws():
    assert placed("The left rod is disengaged at L5, lying free of the screw head.") \
        == {("rod", "disconnection", "L5", "left", "affirmed")}


def test_the_fragments_of_a_fracture_named_before_are_that_fracture():
    assert placed("There is a fracture of the right rod at T9-T10; the rod fragments are minimally offset.") \
        == {("rod", "fracture", "T9-T10", "right", "affirmed")}


def test_a_loose_screw_that_could_be_taken_out_by_hand_is_loose():
    assert placed("At revision the right L4 screw was loose and could be removed easily by hand.") \
        == {("screw", "loosening", "L4", "right", "affirmed")}
    assert facts("Broken screws can be removed with a trephine.") == set()


def test_a_short_side_ends_a_terse_line():
    assert placed("Fractured L rod L3/4. Lucency around L4 screws bilat. Cage intact.") >= {
        ("rod", "fracture", "L3-L4", "left", "affirmed"), ("screw", "lucency", "L4", "left", "affirmed"),
        ("screw", "lucency", "L4", "right", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Rt S1 screw breaches the lateral pedicle wall by 2mm.", ("screw", "screw position", "S1", "right", "affirmed")),
    ("Lt S2AI screw shank fractured.", ("screw", "fracture", "S2", "left", "affirmed")),
    ("Periscrew lucency L L4 3 mm.", ("screw", "lucency", "L4", "left", "affirmed")),
])
def test_short_sides_before_levels_and_implants(text, want):
    assert want in placed(text)


def test_a_screw_entering_a_foramen_is_misplaced():
    assert placed("L C5 lateral mass screw enters the foramen transversarium.") \
        == {("lateral mass screw", "screw position", "C5", "left", "affirmed")}
    assert facts("The exiting nerve root enters the foramen at L4-5.") == set()


@pytest.mark.parametrize("text", [
    "The battery of the pulse generator was depleted 16 months after implantation.",
    "Battery depletion occurred in 4 of 52 patients with non-rechargeable generators.",
])
def test_a_depleted_battery_is_a_complication(text):
    assert {f[1] for f in facts(text)} == {"complication"}


def test_a_generator_that_moved_down_to_the_hip_has_migrated():
    assert facts("My IPG has slid down and now sits over my hip bone.") == {("pulse generator", "migration", "affirmed")}


def test_a_distance_from_its_earlier_position_is_a_migration():
    assert reader("implant", "finding", "direction")(
        "The paddle lies over T10, about 15 mm caudal to its position on the prior radiograph.") \
        >= {("lead", "migration", "inferior")}
    assert facts("The right lead tip projects at T8, unchanged from its position on the prior study.") \
        == {("lead", "lead position", "affirmed")}


def test_the_displacement_of_a_fractured_rod_is_its_fracture():
    assert placed("The left rod is fractured at T12-L1, with approximately 2 mm of displacement.") \
        == {("rod", "fracture", "T12-L1", "left", "affirmed")}
    assert measured("The left rod is fractured at T12-L1, with approximately 2 mm of displacement.") \
        == {("rod", "fracture", "left", 2.0)}  # (its displacement is the fracture's size)
    assert facts("The cage is displaced 3 mm anteriorly.") == {("cage", "migration", "affirmed")}


def test_a_fragment_displaced_on_its_own_has_moved():
    assert placed("CT shows a fractured S1 screw with the proximal fragment displaced posteriorly.") \
        == {("screw", "fracture", "S1", None, "affirmed"), ("screw", "migration", "S1", None, "affirmed")}


def test_what_a_device_might_do_is_no_finding():
    assert facts("Your stimulator might unexpectedly stop working because of battery depletion.") == set()


def test_a_set_screw_disengaged_from_its_tulip_is_the_set_screws():
    assert placed("The set screw at left L5 is disengaged from the tulip.") \
        == {("set screw", "disconnection", "L5", "left", "affirmed")}


@pytest.mark.parametrize("text", ["R lead unchanged at T9-T10.", "The right lead remains at T9-T10."])
def test_a_lead_that_stays_at_a_level_lies_there(text):
    assert placed(text) == {("lead", "lead position", "T9-T10", "right", "affirmed")}


def test_a_cage_that_stays_at_a_level_has_no_finding_from_it():
    assert facts("The cage remains at L4-5.") == set()


def test_what_a_kind_of_implant_is_believed_to_do_is_no_finding():
    assert facts("Cylindrical leads are believed to migrate more often than paddles.") == set()
    assert facts("The L5 screw is thought to be loose.") == {("screw", "loosening", "uncertain")}


def test_a_nondisplaced_fracture_of_a_rod_is_the_rods():
    assert placed("Possible nondisplaced fracture of the right rod at L4-5.") \
        == {("rod", "fracture", "L4-L5", "right", "uncertain")}
    assert facts("Nondisplaced left L3 transverse process fracture.") == set()


@pytest.mark.parametrize(("text", "want"), [
    ("The left rod has slipped 4 mm out of the T11 domino connector.", ("rod", "rod connector", "T11", "left", "affirmed")),
    ("Left L5 screw tip 4 mm beyond the anterior vertebral cortex.", ("screw", "screw position", "L5", "left", "affirmed")),
    ("The right S1 screw tip through the anterior sacral cortex by 5 mm.", ("screw", "screw position", "S1", "right", "affirmed")),
    ("The left C4 lateral mass screw is crossing the C4-C5 facet joint.",
     ("lateral mass screw", "screw position", "C4", "left", "affirmed")),
    ("Disconnected right rod, having come out of the L1 screw head.", ("rod", "disconnection", "L1", "right", "affirmed")),
])
def test_round_27_words_of_misplaced_and_disconnected_hardware(text, want):
    assert want in placed(text)


def test_a_screw_tip_beyond_its_cortex_is_not_read_in_a_transarticular_screws_course():
    assert facts("Transarticular screws crossing the C1-C2 joint bilaterally.") == set()


def test_none_said_of_other_screws_denies_their_lucency():
    assert placed("2 mm lucency around both S1 screws and none around the L5 screws.") == {
        ("screw", "lucency", "S1", "left", "affirmed"), ("screw", "lucency", "S1", "right", "affirmed"),
        ("screw", "lucency", "L5", "left", "negated"), ("screw", "lucency", "L5", "right", "negated")}
    assert measured("2 mm lucency around the right S1 screw and none around the left.") \
        == {("screw", "lucency", "right", 2.0), ("screw", "lucency", "left", None)}


def test_a_list_of_levels_before_its_screws_is_no_elided_item():
    assert placed("A 3 mm halo around both S1 screws, with no lucency around the L4 or L5 screws.") == {
        ("screw", "lucency", "S1", "left", "affirmed"), ("screw", "lucency", "S1", "right", "affirmed"),
        ("screw", "lucency", "L4", None, "negated"), ("screw", "lucency", "L5", None, "negated")}


def test_a_lucency_around_it_is_the_one_screw_named_before():
    assert placed("No fracture of the left S1 screw, but a lucency around it.") \
        == {("screw", "fracture", "S1", "left", "negated"), ("screw", "lucency", "S1", "left", "affirmed")}


def test_what_the_literature_reports_in_up_to_a_share_is_no_finding():
    assert facts("Screw malposition is reported in up to 20% of freehand screws.") == set()


def test_a_lead_now_at_a_disc_space_lies_at_the_segment():
    assert placed("The left lead tip, previously at T8, now lies at the T9-10 disc space.") \
        >= {("lead", "lead position", "T9-T10", "left", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("1 mm lucency about the right L3 screw, not suggestive of loosening.",
     {("screw", "lucency", "affirmed"), ("screw", "loosening", "negated")}),
    ("The suspected fracture of the left rod is not confirmed on CT.", {("rod", "fracture", "negated")}),
    ("2. ? 3 mm posterior migration of the L4-5 cage.", {("cage", "migration", "uncertain")}),
])
def test_denied_interpretations_and_questioned_findings(text, want):
    assert facts(text) == want


def test_lead_tips_unchanged_at_a_level_in_the_impression_are_the_sided_positions_said_again():
    from spinekg.nlp import ingest_text

    r = ingest_text("FINDINGS: The left lead tip is at T8. The right lead tip is at T8.\nIMPRESSION: Lead tips unchanged at T8.",
                    case_id="tips")
    positions = [f for f in r.case["findings"] if f["type"] == "lead position"]
    assert len(positions) == 2
    assert all(f.get("level") or f.get("implant") for f in positions)


@pytest.mark.parametrize(("text", "want"), [
    ("There is no evidence of plate or screw backout.", {("plate", "migration", "negated"), ("screw", "migration", "negated")}),
    ("No evidence of cage or screw loosening.", {("cage", "loosening", "negated"), ("screw", "loosening", "negated")}),
    ("The plate and screws are intact without lucency or backout.",
     {("screw", "lucency", "negated"), ("screw", "migration", "negated")}),
])
def test_a_list_of_implants_right_before_a_finding_is_each_ones(text, want):
    assert facts(text) == want


def test_a_table_row_of_noughts_with_an_empty_test_cell_denies():
    assert facts("Rod fracture 0 0 –") == {("rod", "fracture", "negated")}
    assert facts("Rod fracture 3 (4.1%) 1 (1.2%) 0.31") != {("rod", "fracture", "negated")}


@pytest.mark.parametrize("text", [
    "Fatigue failure usually begins where the rod was contoured.",
    "A broken screw may be left in place if it causes no symptoms.",
    "Low Hounsfield units predict cage subsidence.",
    "Set screw loosening has been linked to insufficient final tightening.",
    "Table 2 Hardware complications by group",
])
def test_round_27_general_statements(text):
    assert facts(text) == set()


def test_a_fracture_left_in_place_is_still_a_fracture():
    assert facts("The left rod fractured at L3 and was left in place.") == {("rod", "fracture", "affirmed")}


@pytest.mark.parametrize("text", [
    "Patients who received anteriorly placed TLIF cages at L5-S1 were reviewed.",
    "Sacral insufficient fracture treated with iliosacral screw fixation.",
    "There was symphysis pubis separation and a left pubic ramus fracture.",
    "Deep brain stimulation lead fracture with normal impedances.",
    "Symptoms of loose screws after spinal fusion surgery",
])
def test_round_27_words_that_are_not_hardware_findings(text):
    assert facts(text) == set()


def test_a_screw_placed_medially_is_still_misplaced():
    assert facts("The right L5 screw is medially placed.") == {("screw", "screw position", "affirmed")}
    assert facts("The left spinal cord stimulator lead is fractured at T12.") == {("lead", "fracture", "affirmed")}


@pytest.mark.parametrize("text", [
    "Retropulsion is reported after about 2% of lumbar interbody fusions.",
    "Plate screw backout was reported in up to 7% of levels.",
    "Lead migration, reported in roughly 2% to 27% of patients, is the commonest problem.",
    "Loosening: the main sign is a lucent zone around a screw, usually regarded as significant when it is 2 mm wide.",
    "A screw is malpositioned when its threads pass beyond the pedicle cortex.",
    "Medial breaches threaten the thecal sac.",
    "Lateral breaches of thoracic screws may reach the aorta.",
    "Check the lateral view before calling migration.",
])
def test_round_27_teaching_and_literature_statements(text):
    assert facts(text) == set()


def test_a_rod_fracture_reported_in_a_year_is_a_finding():
    assert facts("A fracture of the left rod was reported in 2019 at L4.") == {("rod", "fracture", "affirmed")}


def test_what_one_named_screw_may_do_leaves_its_breach_a_finding():
    assert placed("The left T6 screw breaches laterally and may damage the aorta.") \
        == {("screw", "screw position", "T6", "left", "affirmed")}


def test_a_mucosal_perforation_is_the_organs():
    assert facts("Endoscopy showed no mucosal perforation.") == set()


def test_a_side_stays_with_its_own_screw_before_a_list_of_other_levels():
    assert placed("The left S1 screw and the L4 and L5 screws show no surrounding lucency.") == {
        ("screw", "lucency", "S1", "left", "negated"), ("screw", "lucency", "L4", None, "negated"),
        ("screw", "lucency", "L5", None, "negated")}


def test_no_lucency_around_any_of_the_screws_named_after_it():
    assert facts("The revised right C5 screw is shorter, and there is no lucency around any of the lateral mass screws.") \
        == {("lateral mass screw", "lucency", "negated")}


@pytest.mark.parametrize(("text", "want"), [
    ("The left T8 screw lies close to the aorta but does not breach the cortex.",
     {("screw", "screw position", "T8", "left", "negated")}),
    ("The left L5 screw is long but is not loose.", {("screw", "loosening", "L5", "left", "negated")}),
])
def test_a_second_verb_denied_is_of_the_sentences_subject(text, want):
    assert placed(text) == want


@pytest.mark.parametrize("text", [
    "Bridging bone extends through and around the cage, indicating solid interbody fusion.",
    "CT is preferred to radiographs, which underestimate lucency around screws.",
    "A loose set screw or a short rod overlap predisposes to slippage.",
    "Backed-out anterior screws can erode the oesophagus.",
])
def test_round_27_more_statements_that_are_no_findings(text):
    assert facts(text) == set()


@pytest.mark.parametrize("text", [
    "A routine chest film was reported as showing a pacemaker lead fracture.",
    "He also had a right dynamic hip screw for an intertrochanteric fracture.",
    "At revision the generator was moved to a smaller subfascial pocket.",
    "Rod fracture below a long construct often signals nonunion.",
])
def test_round_27_hardware_that_is_not_the_spines_or_not_a_finding(text):
    assert facts(text) == set()


def test_a_generator_that_has_moved_is_still_a_migration():
    assert facts("The generator has moved to the left flank.") == {("pulse generator", "migration", "affirmed")}


def test_the_disease_a_fusion_was_for_leaves_the_fusion_its_levels():
    from spinekg.nlp import ingest_text

    r = ingest_text("He had undergone posterior fusion from T11 to L3 for spinal stenosis four years earlier.", case_id="h")
    assert [(p["type"], p.get("levels")) for p in r.case["procedures"]] == [("posterior fusion", "T11-L3")]


def test_a_stimulator_implanted_with_a_lead_at_a_level_places_the_lead():
    assert placed("He was implanted the spinal cord stimulator with a paddle lead at T9-10 level in 2019.") \
        == {("lead", "lead position", "T9-T10", None, "affirmed")}


def test_the_body_side_a_generator_lies_in_is_no_side_or_way_it_moved():
    read = reader("implant", "finding", "side", "direction")
    assert read("A pulse generator in the left posterior flank, which has migrated inferiorly by about 4 cm.") \
        == {("pulse generator", "migration", None, "inferior")}


def test_a_fracture_a_revision_replaced_is_history():
    assert facts("The previously fractured left rod has been replaced by a new cobalt-chrome rod.") == set()
    assert facts("The previously fractured left rod is again seen.") == {("rod", "fracture", "affirmed")}


def test_an_operative_notes_indications_keep_what_a_study_showed():
    assert placed("INDICATIONS: Back pain 20 months after fusion, and CT showed both rods broken at L4-L5.") == {
        ("rod", "fracture", "L4-L5", "left", "affirmed"), ("rod", "fracture", "L4-L5", "right", "affirmed")}
    assert facts("INDICATION: Back pain after L4-S1 fusion. Evaluate for hardware loosening.") == set()


def test_a_fusions_span_before_a_comma_is_not_the_next_screws():
    assert placed("After a posterior fusion from T10 to the pelvis, both S1 screws had backed out by about 5 mm.") == {
        ("screw", "migration", "S1", "left", "affirmed"), ("screw", "migration", "S1", "right", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Her pulse generator had flipped over in its pocket.", {("pulse generator", "migration", "affirmed")}),
    ("Both leads had pulled back through the anchors by about 3 cm.", {("lead", "migration", "affirmed")}),
    ("His generator stopped charging four years after implantation.", {("pulse generator", "complication", "affirmed")}),
    ("Impedance testing showed an open circuit on the left lead.", {("lead", "complication", "affirmed")}),
    ("All screws were checked with a ball-tipped probe and none was loose.", {("screw", "loosening", "negated")}),
    ("The construct was stressed with a Cobb elevator, with no motion at any screw.", {("screw", "loosening", "negated")}),
    ("A year later her leads were still at C2.", {("lead", "lead position", "affirmed")}),
    ("I repositioned the lead at T8 and anchored it to the fascia.", {("lead", "lead position", "affirmed")}),
])
def test_round_27_operative_and_stimulator_words(text, want):
    assert facts(text) == want


@pytest.mark.parametrize("text", [
    "A thin lucent line around a screw does not by itself mean that the screw is loose.",
    "A loose screw in a solid fusion can simply be watched.",
    "Lead migration is the commonest hardware problem.",
    "Lead fracture usually shows up as a sudden loss of stimulation.",
    "The remaining screws were well fixed on toggle testing.",
    "All four screws were backed out with the driver, and the plate was removed.",
    "The left T7 set screw was loosened, the rod was lifted from the tulip.",
])
def test_round_27_teaching_and_operative_steps_are_no_findings(text):
    assert facts(text) == set()


def test_a_set_screw_that_has_loosened_is_a_finding():
    assert facts("The set screw has loosened.") == {("set screw", "loosening", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Loosening of b/l S1 screws.", {("screw", "loosening", "S1", "left", "affirmed"), ("screw", "loosening", "S1", "right", "affirmed")}),
    ("There was no fracture of either rod.", {("rod", "fracture", None, "left", "negated"), ("rod", "fracture", None, "right", "negated")}),
    ("Failure of R domino connector at L2.", {("connector", "complication", "L2", "right", "affirmed")}),
    ("B/l T10 screws pulled out through the superior endplate, w/ T10 compression fx.",
     {("screw", "migration", "T10", "left", "affirmed"), ("screw", "migration", "T10", "right", "affirmed")}),
])
def test_round_27_terse_teaching_file_lines(text, want):
    assert placed(text) == want


def test_a_plate_lifted_anteriorly_has_moved():
    assert facts("Plate lifted anteriorly at its caudal end.") == {("plate", "migration", "affirmed")}


def test_a_finding_that_can_be_observed_is_still_a_finding():
    assert facts("At 4 years, medial migration of the T10 screw can be observed.") == {("screw", "migration", "affirmed")}
