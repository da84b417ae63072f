"""Report text, twenty-eighth round (issue 15): what the real-text development parts and the round's blind parts showed
-- an implant that is absent from where it was placed, a rod or cage that has slipped. Sentences are written for the test
(none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")


@pytest.mark.parametrize(("text", "expected"), [
    ("The radiograph shows the absence of the right inferior screw of the anterior plate.",
     {("screw", "migration", None, "right", "affirmed")}),
    ("A defect at L4-5 marks the site of the absent cage.", {("cage", "migration", "L4-L5", None, "affirmed")}),
])
def test_an_absent_implant_has_migrated(text, expected):
    assert placed(text) == expected


@pytest.mark.parametrize("text", [
    "Absence of lucency around the L4 screws.",
    "There is absence of the normal cervical lordosis.",
    "Absent bridging bone at L4-5.",
])
def test_absence_of_a_finding_or_of_anatomy_is_no_migration(text):
    assert not {f for f in facts(text) if f[1] == "migration"}


@pytest.mark.parametrize(("text", "implant"), [
    ("The left rod is broken and the right rod has slipped.", "rod"),
    ("On the lateral view the cage has slipped.", "cage"),
])
def test_a_rod_or_cage_that_has_slipped_has_migrated(text, implant):
    assert (implant, "migration", "affirmed") in facts(text)


def test_a_rod_slipped_out_of_its_screw_head_stays_a_disconnection():
    assert placed("The right rod has slipped out of the L5 screw head.") == {
        ("rod", "disconnection", "L5", "right", "affirmed")}


def test_a_person_who_slipped_gives_no_finding():
    assert facts("The patient slipped and fell two weeks before the radiograph.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Foraminal encroachment by the right L5 screw tip.", {("screw", "screw position", "L5", "right", "affirmed")}),
    ("CT showed canal encroachment by the left T11 screw.", {("screw", "screw position", "T11", "left", "affirmed")}),
    ("CT showed encroachment of the left T11 screw on the spinal canal.",
     {("screw", "screw position", "T11", "left", "affirmed")}),
])
def test_encroachment_by_a_named_screw_is_its_position(text, expected):
    assert placed(text) == expected


def test_canal_encroachment_by_bone_fragments_is_no_implant_finding():
    assert facts("Canal encroachment by retropulsed bone fragments at L1, status post T12-L2 fixation.") == set()


def test_a_paddle_implanted_through_an_approach_is_not_through_bone():
    assert facts("The paddle lead is implanted through a unilateral approach and interlaminotomy.") == set()


def test_a_screw_through_the_cortex_is_still_a_breach():
    assert placed("The left L5 screw passes through the lateral cortex.") == {
        ("screw", "screw position", "L5", "left", "affirmed")}


@pytest.mark.parametrize("text", [
    "We report a case of DBS hardware failure with repeated fractures of the extension wire below the mastoid.",
    "Two patients needed pulse generator replacement after sudden loss of DBS effect from battery failure.",
    "Deep brain stimulation leads had migrated in three patients.",
])
def test_a_brain_stimulators_parts_are_not_the_spines(text):
    assert facts(text) == set()


def test_a_spinal_stimulator_beside_a_brain_stimulator_keeps_its_finding():
    assert placed("The patient has a DBS system and a spinal cord stimulator; the SCS lead has migrated to T10.") == {
        ("lead", "migration", "T10", None, "affirmed")}


@pytest.mark.parametrize("text", [
    "Screw loosening was evaluated in CT scans at least 12 months after surgery.",
    "Cage subsidence was defined to have occurred when the cage sank 2 mm into the endplate.",
    "Biofilm on the implant has been identified as a possible cause for screw loosening.",
    "Screw cut-out, nonunion and infection are all possible complications of fusion to the pelvis.",
    "A fall cannot break a rod that is not already weakened by a nonunion.",
])
def test_methods_definitions_causes_and_kinds_are_no_findings(text):
    assert facts(text) == set()


def test_a_possible_fracture_on_a_study_stays_uncertain():
    assert placed("CT shows a possible fracture of the left L5 screw.") == {
        ("screw", "fracture", "L5", "left", "uncertain")}


def test_graft_packed_outside_the_cages_is_no_breach():
    assert facts("Local bone was packed into the cages and no graft was placed outside the cages.") == set()


@pytest.mark.parametrize("text", [
    "There was no aggravation of dislocation or kyphosis at follow-up.",
    "Her leg pain was relieved by analgesics and disappeared 3 months after the operation.",
])
def test_a_joints_dislocation_or_a_symptom_that_disappeared_is_no_implants(text):
    assert facts(text) == set()


def test_a_dislocated_cage_is_still_a_migration():
    assert placed("Dislocation of the cage at L4-5.") == {("cage", "migration", "L4-L5", None, "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Fluoroscopy shows a paddle electrode covering the entire vertebral body of T9.",
     {("lead", "lead position", "T9", None, "affirmed")}),
    ("The tips of the leads are at the top of T8.", {("lead", "lead position", "T8", None, "affirmed")}),
    ("The paddle is at T9-T10.", {("lead", "lead position", "T9-T10", None, "affirmed")}),
])
def test_a_lead_at_or_covering_a_level_is_its_position(text, expected):
    assert placed(text) == expected


def test_a_plate_covering_vertebrae_is_no_lead_position():
    assert facts("The anterior plate covers the C5 and C6 vertebral bodies.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Lead movement of 5 mm caudally was seen on the follow-up film.", {("lead", "migration", "affirmed")}),
    ("No movement of the left lead since the prior study.", {("lead", "migration", "negated")}),
])
def test_a_leads_movement_is_its_migration(text, expected):
    assert facts(text) == expected


def test_a_patients_movement_is_no_finding():
    assert facts("Patient movement degrades the image of the stimulator leads.") == set()


@pytest.mark.parametrize("text", [
    "The failure modes of the implanted hardware, however, have not been well studied.",
    "Data were collected on the type of hardware, time to failure and failure mode.",
    "Variables analyzed were age, cage size, degree of subsidence and location of subsidence.",
    "Follow-up films were compared with intraoperative images to measure lead migration distance.",
    "Incidence estimates for lead migration after permanent implantation range from 13% to 23%.",
    "Surgically implanted leads broke twice as often as percutaneous leads.",
    "Laminotomy leads tended to break and migrate sooner than percutaneous leads.",
    "Current reports show rates approaching zero for fracture or migration of paddle electrodes.",
    "Device-related complications consist of lead migration, lead breakage and loose connections.",
    "Screws are inserted two segments above and below the dislocation.",
    "When this malalignment occurs, significant morbidity may follow.",
    "More investigation has looked into the failure of constructs ending at the cervicothoracic junction.",
    "I am terrified that my worst fears will come true, ie broken rods.",
    "Outcomes depend on fracture morphology and bone quality after odontoid screw fixation.",
])
def test_statements_about_studies_and_kinds_are_no_findings(text):
    assert facts(text) == set()


def test_a_however_aside_after_a_named_screw_keeps_its_finding():
    assert placed("The left L5 screw, however, is fractured.") == {("screw", "fracture", "L5", "left", "affirmed")}


def test_what_a_technique_can_help_address_is_no_finding():
    assert facts("Four pelvic screws can help address pseudarthrosis, implant breakage and screw pullout.") == set()


def test_what_is_less_common_than_a_finding_is_a_statement():
    assert facts("The generator can rotate in its pocket, though this is less common than lead movement.") == set()


@pytest.mark.parametrize("text", [
    "The C1 lateral mass screws have migrated cranially, the right more than the left.",
    "The C1 lateral mass screws have migrated cranially, left worse than right.",
])
def test_one_side_more_than_the_other_is_both_sides(text):
    assert placed(text) == {("lateral mass screw", "migration", "C1", "left", "affirmed"),
                            ("lateral mass screw", "migration", "C1", "right", "affirmed")}


@pytest.mark.parametrize("text", [
    "Turns out the IPG battery is dead, way sooner than they said.",
    "The battery died after three years.",
])
def test_a_dead_battery_is_the_generators_complication(text):
    assert facts(text) == {("pulse generator", "complication", "affirmed")}


def test_a_screw_poking_out_of_the_sacrum_is_its_position():
    assert placed("One of my S1 screws is poking out the front of the sacrum.") == {
        ("screw", "screw position", "S1", None, "affirmed")}


def test_no_movement_of_the_cage_denies_its_migration():
    assert facts("Follow-up shows no movement of the cage.") == {("cage", "migration", "negated")}


def test_motion_between_a_plate_and_its_bone_is_loosening():
    assert facts("Flexion-extension views show motion between the plate and the C5 body.") == {
        ("plate", "loosening", "affirmed")}


def test_a_wobbly_gait_is_no_loosening():
    assert facts("The dog presented with a wobbly gait of the pelvic limbs after the screws were placed.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Patients with no fusion had screw loosening.", {("screw", "loosening", "affirmed")}),
    ("In patients with no posterior instrumentation, 4 of 8 cages migrated.", {("cage", "migration", "affirmed")}),
    ("The screws are intact, with no lucency or fracture.", {("screw", "lucency", "negated"),
                                                             ("screw", "fracture", "negated")}),
])
def test_a_group_named_by_what_it_lacks_does_not_deny_what_it_had(text, expected):
    assert facts(text) == expected


def test_a_study_aim_is_no_finding():
    assert facts("A retrospective study was conducted to review the complication of cage migration after PLIF.") == set()


@pytest.mark.parametrize(("text", "level"), [
    ("We believe the left rod fractured because of the pseudarthrosis at L5-S1.", None),
    ("The left rod is fractured at L5-S1.", "L5-S1"),
])
def test_a_diseases_level_is_not_the_implants(text, level):
    assert placed(text) == {("rod", "fracture", level, "left", "affirmed")}


@pytest.mark.parametrize("text", [
    "Conventional instrumentation for spinal stabilization is beyond the reach of many patients.",
    "Implant migration, back-out and fracture were secondary measures.",
    "Fracture management with pedicle screw fixation.",
    "One of the most common issues following pedicle screw fixation is pedicle screw loosening.",
    "Data on the frequency of screw malposition and of its complications are presented.",
    "Cement augmentation for low grade pedicle screw loosening can relieve pain.",
    "Neuromodulation is accomplished using percutaneous electrodes in the epidural space from C3 to T11.",
])
def test_more_statements_are_no_findings(text):
    assert facts(text) == set()


def test_a_screw_beyond_the_cortex_is_still_its_position():
    assert placed("The left L5 screw extends beyond the anterior cortex.") == {
        ("screw", "screw position", "L5", "left", "affirmed")}


def test_leads_inserted_at_a_level_are_there():
    assert placed("Operative notes show the SCS leads were inserted at L2-3.") == {
        ("lead", "lead position", "L2-L3", None, "affirmed")}


def test_screws_inserted_at_levels_give_no_finding():
    assert facts("The screws were inserted at L4 and L5.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Fracture of the left S2AI screw at its shank.", {("screw", "fracture", "S2", "left", "affirmed")}),
    ("Lucency around the b/l S2AI screws.", {("screw", "lucency", "S2", "left", "affirmed"),
                                             ("screw", "lucency", "S2", "right", "affirmed")}),
    ("Halo around the left iliac screw.", {("screw", "lucency", None, "left", "affirmed")}),
])
def test_an_s2_alar_iliac_screw_is_at_s2(text, expected):
    assert placed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The screws had come loose from the rod.", {("screw", "disconnection", "affirmed")}),
    ("On the right, the rod had not slipped from its connector.", {("rod", "rod connector", "negated")}),
    ("The battery pack has descended 4 cm within its pocket since the prior film.",
     {("pulse generator", "migration", "affirmed")}),
    ("One IPG migrated within its pocket, and one battery failed prematurely.",
     {("pulse generator", "migration", "affirmed"), ("pulse generator", "complication", "affirmed")}),
])
def test_what_screws_rods_and_generators_did(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text", [
    "Titanium implants rarely set off the alarm when passing through metal detectors.",
    "Set screw disengagement usually results from inadequate final tightening.",
    "Hypothesis: SPECT/CT detects pedicle screw loosening earlier than CT alone.",
    "Sometimes the screw breaks off and moves inside the body.",
    "Doctors usually order imaging to show the location of the loose screw.",
    "Subsidence was greater when the cage was undersized.",
    "Implant failure is not that uncommon of a problem.",
])
def test_statements_of_round_28_third_batch_are_no_findings(text):
    assert facts(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("A paddle lead was placed at T8-T9 through a T9-10 laminotomy.", {("lead", "lead position", "T8-T9", None, "affirmed")}),
    ("The leads were placed at L2-3 and their tips positioned at T10.",
     {("lead", "lead position", "L2-L3", None, "affirmed"), ("lead", "lead position", "T10", None, "affirmed")}),
])
def test_each_lead_position_keeps_its_own_level(text, expected):
    assert placed(text) == expected


def test_the_construct_in_an_aside_is_not_the_subject():
    assert placed("The right T2 pedicle screw, uppermost in the construct, has backed out by 6 mm.") == {
        ("pedicle screw", "migration", "T2", "right", "affirmed")}


def test_a_denied_displacement_beside_a_denied_fracture_is_its_own():
    assert facts("No lucency, fracture or displacement of the anterior cervical hardware.") == {
        ("hardware", "lucency", "negated"), ("hardware", "fracture", "negated"), ("hardware", "migration", "negated")}


def test_a_side_said_after_a_finding_stays_with_it_before_the_next_implant():
    assert placed("The T4 screws had pulled out on both sides, and the T3 hooks were dislodged.") == {
        ("screw", "migration", "T4", "left", "affirmed"), ("screw", "migration", "T4", "right", "affirmed"),
        ("hook", "migration", "T3", None, "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The patient underwent SCS implantation with a 16-contact paddle at T9-T10.",
     {("lead", "lead position", "T9-T10", None, "affirmed")}),
    ("After an L4-5 microdiscectomy she received a DRG lead at left L5.", {("lead", "lead position", "L5", "left", "affirmed")}),
    ("The right lead, staggered one level higher, ends at mid-T7.", {("lead", "lead position", "T7", "right", "affirmed")}),
    ("Percutaneous leads enter the epidural space at T12-L1 and ascend to T8.",
     {("lead", "lead position", "T12-L1", None, "affirmed"), ("lead", "lead position", "T8", None, "affirmed")}),
])
def test_where_stimulator_leads_lie(text, expected):
    assert placed(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("On day 5 of the trial the right lead had pulled back roughly 2 cm.", {("lead", "migration", "affirmed")}),
    ("X-ray showed the generator had flipped in its pocket.", {("pulse generator", "migration", "affirmed")}),
    ("The left lead was found to have slipped 15 mm caudad.", {("lead", "migration", "affirmed")}),
    ("The lead tips sit at T11, one level lower than at implant.",
     {("lead", "lead position", "affirmed"), ("lead", "migration", "affirmed")}),
    ("Lead migration ruled out on fluoroscopy.", {("lead", "migration", "negated")}),
    ("No IPG or lead complication at 3-month review.",
     {("pulse generator", "complication", "negated"), ("lead", "complication", "negated")}),
    ("Over the audit period we recorded 7 lead fractures and 4 IPG failures.",
     {("lead", "fracture", "affirmed"), ("pulse generator", "complication", "affirmed")}),
    ("The left lead has a loose extension connection.", {("lead", "disconnection", "affirmed")}),
])
def test_what_happened_to_stimulator_parts(text, expected):
    assert facts(text) == expected


def test_a_surgeon_pulling_back_a_lead_is_no_migration():
    assert facts("The surgeon pulled back the lead 1 cm before anchoring it.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Bilateral S1 screws showed 2-3 mm haloes.", {("screw", "lucency", "affirmed")}),
    ("The lumbosacral construct was felt to be failing.", {("hardware", "complication", "affirmed")}),
    ("Set screw dislodged at right L3 with the rod sitting proud of the tulip.",
     {("set screw", "migration", "affirmed"), ("rod", "disconnection", "affirmed")}),
])
def test_haloes_a_failing_construct_and_a_rod_proud_of_its_tulip(text, expected):
    assert facts(text) == expected


def test_a_fusion_abbreviations_levels_are_its_own():
    assert placed("Status post L4-S1 PSF with lucency around the L5 screws.") == {("screw", "lucency", "L5", None, "affirmed")}


def test_best_defences_against_a_finding_are_no_finding():
    assert facts("Meticulous anchoring remains the best defence against lead migration and fracture.") == set()


def test_screws_crossing_the_medial_pedicle_wall_are_medial():
    assert placed("The left L4 screw and both L5 screws cross the medial pedicle wall by less than 2 mm.") == {
        ("screw", "screw position", "L4", "left", "affirmed"), ("screw", "screw position", "L5", "left", "affirmed"),
        ("screw", "screw position", "L5", "right", "affirmed")}


def test_coordinated_spans_before_a_kind_of_cage_are_two_cages():
    assert placed("The C3-4 and C5-6 stand-alone cages show no subsidence.") == {
        ("cage", "subsidence", "C3-C4", None, "negated"), ("cage", "subsidence", "C5-C6", None, "negated")}


def test_a_screw_or_rod_complication_denied_after_a_fusion_to_a_level():
    assert placed("Posterior occipitocervical fusion to C4 with no screw or rod complication.") == {
        ("screw", "complication", None, None, "negated"), ("rod", "complication", None, None, "negated")}


@pytest.mark.parametrize("text", [
    "Cage subsidence, migration and endplate fracture have all been described after lateral interbody fusion.",
    "Loosening of pedicle screws is more readily detected on CT than on plain radiographs.",
    "We recommend CT whenever a halo exceeds 1 mm around an S1 screw.",
])
def test_what_the_literature_described_and_what_shows_better_are_no_findings(text):
    assert facts(text) == set()


def test_an_interbody_fusions_level_stays_its_cages():
    assert placed("On the first radiograph after L3-L4 XLIF, the cage had migrated 5 mm laterally.") == {
        ("cage", "migration", "L3-L4", None, "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("L5-S1 ALIF without radiographic evidence of hardware loosening.", {("hardware", "loosening", None, None, "negated")}),
    ("Status post L4-5 TLIF with subsidence of the cage.", {("cage", "subsidence", "L4-L5", None, "affirmed")}),
    ("Our patients with C1-C2 fusions all healed without a screw complication.",
     {("screw", "complication", None, None, "negated")}),
])
def test_an_interbody_fusions_level_is_only_its_cages(text, expected):
    assert placed(text) == expected


def test_leads_unchanged_in_position_at_a_level_give_no_finding():
    assert facts("The leads are unchanged in position at T9-T10 compared with the prior study.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Stimulation was lost; films confirmed the array had migrated cephalad to T6.", {("lead", "migration", "affirmed")}),
    ("The left rod has slipped through the rod-to-rod connector at T12.", {("rod", "rod connector", "affirmed")}),
    ("The left rod was escaped out from the tulip.", {("rod", "disconnection", "affirmed")}),
    ("The L3-4 cage seems to subside into the L4 upper endplate.", {("cage", "subsidence", "affirmed")}),
    ("Stimulator generator was failed and it was explanted.", {("pulse generator", "complication", "affirmed")}),
    ("The inferior endplate of C5 was violated by the cage, with 3 mm of subsidence.", {("cage", "subsidence", "affirmed")}),
    ("The connector securing the new rod to the old construct had loosened.", {("connector", "loosening", "affirmed")}),
])
def test_round_28_fifth_batch_findings(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The leads' tips were confirmed at the top of T8 on AP fluoroscopy.", {("lead", "lead position", "T8", None, "affirmed")}),
    ("Two leads were inserted from the T12-L1 interspace and their tips were advanced until T8.",
     {("lead", "lead position", "T12-L1", None, "affirmed"), ("lead", "lead position", "T8", None, "affirmed")}),
])
def test_where_leads_went_in_and_where_their_tips_were_advanced(text, expected):
    assert placed(text) == expected


def test_the_literatures_rate_is_no_finding():
    assert facts("In the literature, the lead migration rate was reported between 13 and 22%.") == set()


def test_a_dislocation_inside_a_prosthesis_is_still_a_migration():
    assert facts("Imaging confirmed a posterior intraprosthetic dislocation.") == {(None, "migration", "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Telescoping of about 8 mm at the thoracolumbar junction.", set()),
    ("The cage has telescoped into the L5 body.", {("cage", "subsidence", "affirmed")}),
])
def test_telescoping_is_a_cages_subsidence_only_where_an_implant_is_named(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize(("text", "side"), [
    ("The pulse generator in the left posterior flank has flipped over.", None),
    ("The pulse generator in the left flank has flipped over.", None),
])
def test_a_side_of_the_body_where_a_generator_lies_is_not_its_side(text, side):
    assert placed(text) == {("pulse generator", "migration", None, side, "affirmed")}
