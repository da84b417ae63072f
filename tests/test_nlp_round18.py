"""Report text read by classes of language (issue 15, eighteenth round): a paper's title and its risk factors, a
rare case reported, counted events with their mean time, a prosthesis named alone, pain that disappeared, with
short sentences written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import extract, statements

findings = reader("implant", "finding", "status", "level", "side")


@pytest.mark.parametrize(("text", "expected"), [
    ("Risk Factors for Early Rod Fracture after Pedicle Subtraction Osteotomy", ("rod", "fracture")),
    ("Smith and Jones: Risk Factors for Anterior Cage Migration in Oblique Lumbar Fusion", ("cage", "migration")),
    ("Lumbar Fusion Is a Risk Factor of Proximal Screw Loosening in Elderly Patients", ("screw", "loosening")),
])
def test_a_titles_risk_factors_are_those_of_the_finding_it_reports(text, expected):
    assert findings(text) == {(*expected, "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "Risk factors for rod fracture include a pedicle subtraction osteotomy.",  # a sentence, not a title
    "Risk factors for cage migration were analysed in 120 patients.",
    "risk factors for early rod fracture after pedicle subtraction osteotomy",  # not capitalised as a title
])
def test_risk_factors_in_a_sentence_are_general(text):
    assert findings(text) == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Screw Loosening After Lumbar Fusion", True),
    ("Risk Factors for Cage Migration (#112)", True),
    ("Screw Loosening After Lumbar Fusion.", False),
    ("The screw loosened after the fusion", False),
    ("Rod Fracture", False),  # too short to tell
])
def test_a_title_is_capitalised_and_has_no_full_stop(text, expected):
    assert statements.title(text) is expected


def test_a_rare_case_reported_is_the_reports_case():
    assert findings("This report is a rare case of cage dislocation after TLIF.") == {
        ("cage", "migration", "affirmed", None, None)}
    assert findings("This is a rare case of rod fracture at L3.") == {("rod", "fracture", "affirmed", "L3", None)}
    # how rare a finding is, in general
    assert findings("Cage dislocation is a rare complication of TLIF.") == set()


def test_counted_events_with_their_mean_time_happened():
    assert findings("Of 12 revised rods, five refractured with a mean time of 14 months.") == {
        ("rod", "fracture", "affirmed", None, None)}
    assert findings("The rods broke again at a mean time of 14 months.") == {("rod", "fracture", "affirmed", None, None)}
    # a timing statistic says when, not whether
    assert findings("The mean time to rod fracture was 14 months.") == set()


@pytest.mark.parametrize("text", [
    "We present two cases of prosthesis dislocation after lumbar disc replacement.",
    "The prosthesis had dislocated anteriorly.",
])
def test_a_prosthesis_named_alone_is_the_disc_prosthesis(text):
    assert findings(text) == {("hardware", "migration", "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "The hip prosthesis had dislocated.",
    "A right knee prosthesis was noted.",
    "Only three cases of prosthesis dislocation are being reported in the literature.",
])
def test_a_joints_prosthesis_or_the_literatures_is_no_finding(text):
    assert findings(text) == set()


def test_a_prosthesis_off_the_midline_lies_there_it_did_not_move():
    assert findings("Of 30 prostheses, 12 were left-shifted and 4 were right-shifted.") == set()
    # (round 31: the way it went, not its side, as the sets read "the cage has migrated 4 mm laterally to the right")
    assert findings("The prosthesis shifted to the left.") == {("hardware", "migration", "affirmed", None, None)}


def test_pain_that_disappeared_is_no_migration():
    assert findings("The left screws were removed, and the left-sided pain disappeared.") == set()
    assert findings("The screw had disappeared from its site.") == {("screw", "migration", "affirmed", None, None)}


def test_screw_caps_are_set_screws():
    assert findings("Radiographs showed dislodged screw caps at L4.") == {("set screw", "migration", "affirmed", "L4", None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("EVALUATION OF ROD BREAKAGE AFTER LUMBAR OSTEOTOMY", ("rod", "fracture", "affirmed")),
    ("Assessment of Symptomatic Screw Loosening after Lumbar Fusion", ("screw", "loosening", "affirmed")),
])
def test_a_titles_evaluation_is_of_what_its_paper_reports(text, expected):
    assert findings(text) == {(*expected, None, None)}


def test_an_evaluation_asked_for_in_a_sentence_is_still_hypothetical():
    assert findings("CT for evaluation of hardware loosening.") == set()
    assert findings("Evaluation of rod breakage after lumbar osteotomy was planned.") == set()


def test_a_heading_before_the_sentence_is_no_topic_title():
    assert findings("Follow-Up: Imaging revealed a broken rod at L4.") == {("rod", "fracture", "affirmed", "L4", None)}
    assert findings("Cage migration: imaging and management") == set()


@pytest.mark.parametrize(("text", "status"), [
    ("There were no failures of posterior fixation.", "negated"),
    ("There was one mechanical failure of the anterior fixation.", "affirmed"),
    ("Failure of the stabilization occurred in two patients.", "affirmed"),
])
def test_a_failure_of_fixation_is_the_hardwares(text, status):
    assert findings(text) == {("hardware", "complication", status, None, None)}


def test_counted_findings_stay_beside_those_words():
    assert findings("Screw loosening was evaluated in the follow-up period and found in 5 patients.") == {
        ("screw", "loosening", "affirmed", None, None)}


def test_an_eyes_deviation_is_no_screw_position():
    assert findings("Examination showed conjugate deviation to the left after the C2 screw placement.") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("CT revealed lead migration into the subdural space.", {("lead", "migration", "affirmed", None, None)}),
    ("The paddle lead had migrated into the intradural space.", {("lead", "migration", "affirmed", None, None)}),
    ("The lead lies in the subdural space.", {("lead", "lead position", "affirmed", None, None)}),  # no movement written
])
def test_a_lead_that_moved_into_the_dura_migrated(text, expected):
    assert findings(text) == expected


@pytest.mark.parametrize("text", [
    "The rods were placed for a pathological L3 fracture.",
    "She had C1-C2 cervical subluxation and then C2 pedicle screw fixation.",
    "Pedicle screws were placed for an L1 burst fracture.",
])
def test_a_vertebras_fracture_or_subluxation_by_its_level_is_no_implant_finding(text):
    assert findings(text) == set()


def test_an_implants_fracture_at_a_level_stays():
    assert findings("The L3 screw fracture was seen.") == {("screw", "fracture", "affirmed", "L3", None)}
    assert findings("The rod was fractured at L3-4 with L3-4 subluxation.") == {("rod", "fracture", "affirmed", "L3-L4", None)}


def test_a_procedures_approach_is_no_direction_of_movement():
    [fact] = extract("Migration of the rod five years after the posterior stabilization procedure.").facts
    assert (fact.finding, fact.direction) == ("migration", None)
    [fact] = extract("Posterior migration of the cage after the anterior fusion.").facts
    assert (fact.finding, fact.direction) == ("migration", "posterior")


def test_screws_spat_out_moved():
    assert findings("She brought two screws that she had spat out.") == {("screw", "migration", "affirmed", None, None)}


def test_such_a_case_not_reported_before_is_this_one():
    assert findings("Such an anterior cage migration has not been reported in the literature.") == {
        ("cage", "migration", "affirmed", None, None)}


def test_a_rod_named_for_what_it_fixes_is_the_rod():
    assert findings("Migration of a Spinal Fixation Rod into the Lung") == {("rod", "migration", "affirmed", None, None)}
    assert findings("Breakage of the fixation screw at L4.") == {("screw", "fracture", "affirmed", "L4", None)}


@pytest.mark.parametrize("text", [
    "The plate remained stuck in the colon.",
    "The screw remains in the bladder.",
    "The patient coughed out a screw.",
])
def test_an_implant_kept_in_an_organ_or_coughed_out_moved(text):
    assert {(f[1], f[2]) for f in findings(text)} == {("migration", "affirmed")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Late implant migration with neurologic compromise as a complication of scoliosis surgery",
     {("hardware", "migration", "affirmed", None, None)}),
    ("Risk factors of instrumentation failure after posterior cervical fusion",
     {("hardware", "complication", "affirmed", None, None)}),
    # a risk of a finding is not the finding, in a title too
    ("Spinal fixation system – risk of implant failure before bone healing", set()),
    # a sentence, not a title
    ("Rod fracture as a complication of PSO is common.", set()),
])
def test_a_sentence_case_title_names_its_finding(text, expected):
    assert findings(text) == expected


def test_a_reports_heading_is_no_title():
    assert statements.title("INDICATION: EVALUATION OF HARDWARE LOOSENING") is False
    assert findings("INDICATION: EVALUATION OF HARDWARE LOOSENING") == set()
    assert findings("Indication: evaluation of hardware loosening") == set()


@pytest.mark.parametrize(("text", "expected"), [
    ("Broken rod at D11-D12.", {("rod", "fracture", "affirmed", "T11-T12", None)}),
    ("The D12 screw was loose.", {("screw", "loosening", "affirmed", "T12", None)}),
    ("The right D-10 screw had backed out.", {("screw", "migration", "affirmed", "T10", "right")}),
])
def test_a_dorsal_level_is_a_thoracic_one(text, expected):
    assert findings(text) == expected


def test_a_dorsal_level_is_quoted_as_written():
    [fact] = extract("The D12 screw was loose.").facts
    assert "D12" in fact.sentence


@pytest.mark.parametrize("text", ["vitamin D3 deficiency", "a D2 receptor antagonist", "the 3D10 model"])
def test_other_ds_are_no_levels(text):
    from spinekg.nlp.typography import plain

    assert plain(text) == text


@pytest.mark.parametrize("text", [
    "In dorsal fixation, there was one lateral breach at T10.",
    "After anterior instrumentation, there was a lateral breach at T10.",
])
def test_an_approach_is_no_direction_of_a_breach(text):
    [fact] = extract(text).facts
    assert (fact.finding, fact.direction, fact.level) == ("screw position", "lateral", "T10")


def test_out_through_a_foramen_is_a_lateral_migration():
    [fact] = extract("The lead migrated out through the foramen.").facts
    assert (fact.implant, fact.finding, fact.direction) == ("lead", "migration", "lateral")


def test_two_movements_each_with_its_way_are_two_migrations():
    facts = extract("The leads had migrated cephalad and exited the spine via the upper thoracic foramina.").facts
    assert sorted((f.implant, f.finding, f.direction) for f in facts) == [
        ("lead", "migration", "lateral"), ("lead", "migration", "superior")]
    # one way said twice is one migration
    [fact] = extract("The cage migrated posteriorly and retropulsed into the canal.").facts
    assert (fact.finding, fact.direction) == ("migration", "posterior")


def test_a_devices_failure_is_the_hardwares_not_the_implant_named_after_it():
    assert findings("There was no evidence of device failure and the rods appeared intact.") == {
        ("hardware", "complication", "negated", None, None)}


def test_a_part_of_an_implant_that_moved_is_the_implants_movement():
    assert findings("Imaging showed retropulsion of a portion of the interbody cage into the canal.") == {
        ("cage", "migration", "affirmed", None, None)}


def test_a_dotted_capital_i_is_read_as_re_reads_it():
    # Python's re takes "İ" for "i" ignoring case; the RE2 prefilter must propose the place too
    import re

    from spinekg.nlp import prefilter

    pattern = re.compile(r"\b(?:trans)?pedicular\s+screws?\b", re.I)
    text = "SHORT SEGMENT TRANSPEDİCULAR SCREW APPLICATION"
    assert [m.span() for m in prefilter.fast(pattern).finditer(text)] == [m.span() for m in pattern.finditer(text)] != []
    assert findings("The left L4 TRANSPEDİCULAR SCREW was broken.") == {("pedicle screw", "fracture", "affirmed", "L4", "left")}


def test_the_device_named_after_an_implant_is_that_implant():
    assert findings("Migration of a pedicle screw with subsequent device expectoration") == {
        ("pedicle screw", "migration", "affirmed", None, None)}
    # "implant" in a cohort's list is another count
    assert findings("One patient each had slippage of the cage and acute implant extrusion.") == {
        ("cage", "migration", "affirmed", None, None), ("hardware", "migration", "affirmed", None, None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Termination of electrodes at T8 and T10 was confirmed.",
     {("lead", "lead position", "affirmed", "T8", None), ("lead", "lead position", "affirmed", "T10", None)}),
    ("The entrances of both leads were at T12-L1 bilaterally.",
     {("lead", "lead position", "affirmed", "T12-L1", "left"), ("lead", "lead position", "affirmed", "T12-L1", "right")}),
    ("The lead was positioned at the middle of the T7 level.", {("lead", "lead position", "affirmed", "T7", None)}),
    ("The patient had right-side lead placement at T12-L1.", {("lead", "lead position", "affirmed", "T12-L1", "right")}),
])
def test_where_leads_end_or_enter_is_their_position(text, expected):
    assert findings(text) == expected


def test_screw_placement_at_a_level_is_no_finding():
    assert findings("Screw placement at L4 was uneventful.") == set()


def test_a_stimulator_placed_at_a_level_keeps_the_level_in_the_case():
    from spinekg.nlp import ingest_text

    result = ingest_text("He had a spinal cord stimulator placed at the T8-T9 level two days prior.", case_id="scs")
    [finding] = result.case["findings"]
    assert (finding["type"], finding["levels"]) == ("lead position", "T8-T9")
    assert "level" in finding["reason"] and "space" in finding["reason"]
    [finding] = ingest_text("The stimulator lead is malpositioned.", case_id="scs2").case["findings"]
    assert finding["reason"] == "the report does not say where the lead lies"


@pytest.mark.parametrize("text", [
    "On the second day, paresthesia of the left leg disappeared after the lead trial.",
    "Numbness in the right foot subsided after the screw was removed.",
    "Lead migration results in a loss of paresthesia coverage.",
])
def test_symptoms_that_went_and_what_a_finding_brings_are_no_finding(text):
    assert findings(text) == set()


def test_a_finding_in_the_reports_own_group_is_the_groups():
    assert findings("The high incidence of lead fracture in our group suggests a fabrication fault.") == {
        ("lead", "fracture", "affirmed", None, None)}


@pytest.mark.parametrize("text", [
    "The pedicle screw impinged on the L5 nerve root, causing pain.",
    "There was no evidence that the screw ever made contact with the L5 nerve root.",
])
def test_a_screw_on_a_root_is_where_it_lies(text):
    [fact] = extract(text).facts
    assert (fact.implant, fact.finding) == ("pedicle screw" if "pedicle" in text else "screw", "screw position")


def test_a_screw_out_of_place_is_misplaced():
    assert {(f[0], f[1], f[3]) for f in findings("Scans showed the T9 screw may have been slightly out of place.")} == {
        ("screw", "screw position", "T9")}


@pytest.mark.parametrize("text", [
    "The Deputy Commissioner found that the surgeon breached Right 4(1) of the Code.",
    "A surgeon was found in breach of the patients' rights code.",
    "The expert said this was a breach of the standard of care.",
])
def test_a_breach_of_a_duty_or_code_is_no_screws(text):
    assert findings(text) == set()


def test_a_breach_of_the_right_screw_is_still_a_screws():
    assert findings("There may be a subtle breach of the right C5 lateral mass screw into the foramen.") == {
        ("lateral mass screw", "screw position", "uncertain", "C5", "right")}


@pytest.mark.parametrize(("text", "expected"), [
    ("The spinal cord stimulator failed when the leads migrated.",
     {("spinal cord stimulator", "complication", "affirmed", None, None), ("lead", "migration", "affirmed", None, None)}),
    ("The spinal hardware reportedly failed.", {("hardware", "complication", "affirmed", None, None)}),
    ("The hardware failed to achieve fusion.", set()),
    ("The stimulator failed to relieve her pain.", set()),
])
def test_hardware_or_a_stimulator_that_failed(text, expected):
    assert findings(text) == expected


def test_haloing_is_a_lucency():
    assert ("pedicle screw", "lucency", "affirmed", None, None) in findings(
        "There is pull-out of the inferior screws with haloing around the pedicle screws.")


def test_a_screw_let_go_by_the_screwdriver_is_no_disconnection():
    assert findings("The screw was misplaced into soft tissues and then became detached from the screwdriver.") == {
        ("screw", "screw position", "affirmed", None, None)}


def test_the_case_of_our_patient_is_ours():
    assert findings("In the case of our patient, the rod was broken at L3.") == {("rod", "fracture", "affirmed", "L3", None)}


@pytest.mark.parametrize(("text", "direction"), [
    ("Plain films demonstrated the lead tip at T10, two levels below its original position at T8.", "inferior"),
    ("The lead was found one level above its intended position.", "superior"),
])
def test_levels_away_from_the_original_position_is_a_migration(text, direction):
    assert [(f.finding, f.direction) for f in extract(text).facts if f.finding == "migration"] == [("migration", direction)]


def test_a_fusions_levels_are_not_the_findings():
    assert findings("Imaging revealed the cracked titanium cable and the spontaneous fusion between C2 and C3.") == {
        (None, "fracture", "affirmed", None, None)}
    assert findings("The L4 screw was loose after fusion of L4-5.") == {("screw", "loosening", "affirmed", "L4", None)}


def test_an_implant_not_found_where_it_was_put_moved():
    assert findings("One year later the screw could not be found in its location on the chest X-ray.") == {
        ("screw", "migration", "affirmed", None, None)}


def test_a_study_of_its_own_series_is_its_method():
    assert findings("We determined the rate of cage migration in our series.") == set()
    assert findings("Radiographs showed broken leads in 4 patients.") == {("lead", "fracture", "affirmed", None, None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("An intra-esophageal screw was discovered incidentally during an endoscopy.", ("screw", "migration")),
    ("A surgical screw entering the pharynx was seen on laryngoscopy.", ("screw", "migration")),
    ("A review revealed that the anterior internal fixation had migrated.", ("hardware", "migration")),
    ("CT revealed a lucency surrounding the anterior plate fixation screw.", ("screw", "lucency")),
])
def test_implants_in_organs_and_named_by_what_they_fix(text, expected):
    assert (*expected, "affirmed") in {(f[0], f[1], f[2]) for f in findings(text)}


def test_screws_drawn_back_are_a_migration():
    assert ("pedicle screw", "migration", "negated", None, None) in findings(
        "No obvious postoperative complications, such as pedicle screws retraction or loosening, were observed.")


def test_a_study_aim_to_study_is_general():
    assert findings("To study the incidence of asymptomatic construct failure after tumor surgery.") == set()
    assert findings("To report a case of lucency around the right S1 pedicle screw.") == {
        ("pedicle screw", "lucency", "affirmed", "S1", "right")}


def test_a_screw_extending_from_its_level_into_an_organ_moved_and_midline_is_a_place():
    assert findings("CT confirmed a screw extending from the C4-5 level into the posterior esophagus to the right of "
                    "midline.") == {("screw", "migration", "affirmed", "C4", None), ("screw", "migration", "affirmed", "C5", None)}


def test_failure_kinds_listed_after_complications_are_those_findings():
    assert findings("The mechanical complications after revision included screw pull-out (n = 4) and screw "
                    "fracture (n = 3).") == {("screw", "migration", "affirmed", None, None),
                                             ("screw", "fracture", "affirmed", None, None)}


@pytest.mark.parametrize(("text", "expected"), [
    ("Hardware breakage was not encountered.", {("hardware", "fracture", "negated", None, None)}),
    ("Two patients required revision due to loosing of pedicle screws.", {("pedicle screw", "loosening", "affirmed", None, None)}),
])
def test_not_encountered_and_a_misspelt_loosening(text, expected):
    assert findings(text) == expected


def test_a_titles_own_case_series_is_its_own():
    assert findings("Posterior Revision of Lumbar Interbody Fusion Cages Migration: Clinical Case Series and Literature "
                    "Review") == {("cage", "migration", "affirmed", None, None)}
    assert findings("Clinical case series have shown that cage migration is rare.") == set()


def test_a_screw_avulsion_is_a_migration_a_bones_is_not():
    assert ("screw", "migration", "affirmed", None, None) in findings("Complications included screw avulsion, 0.2%.")
    assert findings("There was an avulsion fracture of the L4 spinous process.") == set()


# one general rule, many wordings: a clause that speaks of studies, methods, knowledge or bone gives no implant finding
@pytest.mark.parametrize("text", [
    # statements of methods, knowledge and the literature (dev27, dev28)
    "Hardware failure is not rare after posterior cervical fusion.",
    "Inclusion criteria comprised screw-related complications such as loosening and breakage.",
    "Infection and implant related complications were used as outcome measures.",
    "There are no in-depth studies of hardware-related complications after laminectomy.",
    "A low insertional torque may predict screw loosening.",
    "Cervical pedicle screws sometimes breach the transverse foramen.",
    "The causes of cage migration after fusion were complicated.",
    "Revision surgery for cage migration is technically demanding.",
    "Cage subsidence and clinical results were evaluated in the 12-month follow-up period.",
    "The radiographs were interpreted for failure of fixation and implant failure.",
    "The presence of a halo around the screws was investigated, which was considered present when over 1 mm.",
    # keyword lines and a finding named as a kind (dev29)
    "Keywords: Rod migration; implant failure; lumbar fusion.",
    "Paravertebral rod migration represents an unusual and potentially fatal complication of stabilization surgery.",
    "These atypical symptoms of rod migration have not been reported previously.",
    "The common site of screw migration is within the gastrointestinal tract.",
    # what imaging may show, what a finding may call for, imitations of a finding, bone
    "Radiography and computed tomography may demonstrate hardware loosening secondary to metallosis.",
    "Reinstrumentation may be indicated in patients with early rod fracture.",
    "Malpositioned pedicle screws after correction might be challenging.",
    "A screw that breaches the spinal canal has the potential to impinge on the nerves.",
    "Preoperative curve magnitude influenced the incidence of rod fractures.",
    "Artifacts Mimicking Hardware Loosening After Metal Artifact Reduction",
    "Such artefacts led to the misdiagnosis of implant breakage.",
    "Especially in the case of malpositioned markers, an erroneous image fusion may be overlooked.",
    "Pedicle screw misplacement is a known and accepted risk of the surgery.",
    "Heterotopic ossification resulted in decreased mobility of the implants.",
    "The screw was then placed in a halo framework to stabilize her spine.",
    # a bone's fracture, a surgeon's steps, causes and examples
    "He underwent pedicle screw fixation for the fracture.",
    "Posterior pedicle screw fixation has a good effect on such fractures.",
    "She underwent open reduction and internal fixation of the fracture.",
    "The most common presentation of pseudoarthrosis is implant breakage.",
    "One potentially life-threatening cause of dysphagia is hardware migration.",
    "Many complications are possible, including infection and mechanical loosening of the hardware.",
    "Revision can be hard if an implant related failure (e.g., a broken S1 screw) complicates it.",
    "The incidence of caval compression from a perforated pedicle screw is not known.",
    "The technique uses an osteotome in 4 directions to loosen the screw's hold in the body.",
    "Radiographs show a fusion from L3-L5 with questionable lucency of the endplates at L2-L3.",
    "Analyzed factors included incidence of rod fracture, age and sex.",
    "Endoscopy allows direct inspection of the esophagus for exposed intraluminal hardware.",
    # cohort papers' methods and statistics
    "Iliac screw loosening appeared at 5.2 months on average.",
    "However, limited information is available regarding the incidence of iliac screw loosening.",
    "Age and screw loosening were compared between the two-rod and multi-rod groups.",
    "We also compared patients with and without iliac screw loosening.",
    "Patients with screw loosening had a lower BMD than those without.",
    "Multi-rod constructs led to a higher incidence of screw loosening than two-rod constructs.",
    "Outcomes included revision for instrumentation-related complications.",
    "Incidence and Risk Factors of Caudal Screw Loosening after Pelvic Fixation: A Systematic Review and Meta-analysis",
    "The current literature implies that short-segment fixation has a high failure rate.",
    "Patients that showed screw loosening in follow-up imaging qualified as cases.",
    "Screws were inserted one level above and below the fracture site.",
    "The augmentation resulted in cement leakage into the spinal canal beside the L2-L4 instrumentation.",
])
def test_general_statements_and_bone_give_no_finding(text):
    assert findings(text) == set()
