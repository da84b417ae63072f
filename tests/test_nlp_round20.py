"""Report text, twentieth round (issue 15): a sentence's opening subordinate clause ends at the comma before its main
clause, for general-statement cues and for negation; a report's own counted cases "are presented"; the literature's
silence about a finding is a general statement unless it is "such a" finding of the report's own case. Sentences are
written for the test (none is copied from a set)."""
from __future__ import annotations

import itertools

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import statements

facts = reader("implant", "finding", "status")

_OPENERS = ["Although", "Though", "While", "Whereas", "Because", "Since"]
_GENERIC = ["screw loosening has been described as a rare complication of fusion",
            "cage migration is a known complication of interbody fusion",
            "lead migration has been reported in up to 20% of implants"]
_MAIN = [("we report a case of late screw migration into the bowel", ("screw", "migration", "affirmed")),
         ("the cage had migrated posteriorly in our patient", ("cage", "migration", "affirmed")),
         ("the left rod was found broken at L4", ("rod", "fracture", "affirmed"))]


def test_a_general_opening_clause_does_not_make_the_main_clause_general():
    wrong = []
    for opener, generic, (main, fact) in itertools.product(_OPENERS, _GENERIC, _MAIN):
        text = f"{opener} {generic}, {main}."
        if fact not in facts(text):
            wrong.append(text)
    assert wrong == []


@pytest.mark.parametrize("opener", _OPENERS)
def test_the_opening_clause_itself_stays_a_general_statement(opener):
    text = f"{opener} cage migration is a known complication of interbody fusion, the cage had subsided in our patient."
    assert ("cage", "migration", "affirmed") not in facts(text)
    assert ("cage", "subsidence", "affirmed") in facts(text)


@pytest.mark.parametrize("opener", ["Because", "Although", "Since"])
def test_a_denial_in_the_opening_clause_does_not_reach_the_main_clause(opener):
    text = (f"{opener} there is no anatomic connection between the cervical spine and thorax, the migration of the "
            "screw to the chest after two years is an unexpected finding.")
    assert facts(text) == {("screw", "migration", "affirmed")}


def test_a_denial_in_the_main_clause_still_negates_and_the_opening_finding_stays_affirmed():
    assert facts("Although the rod had fractured at L4, there was no screw loosening.") == {
        ("rod", "fracture", "affirmed"), ("screw", "loosening", "negated")}
    assert facts("While no lucency is seen, the left S1 screw has backed out.") == {
        (None, "lucency", "negated"), ("screw", "migration", "affirmed")}


def test_an_opening_phrase_without_a_verb_is_no_clause():
    # "Since surgery," names a time: the comma closes no clause and the denial still reaches the finding after it
    words = ["since", "surgery", ",", "no", "screw", "has", "loosened", "."]
    assert statements.comma_splices(words) == []
    assert facts("Since surgery, no screw has loosened.") == {("screw", "loosening", "negated")}
    words = ["although", "rare", ",", "the", "cage", "migrated", "."]
    assert statements.comma_splices(words) == []


def test_the_closing_comma_is_found_once_and_only_after_the_opening_verb():
    words = ["although", "the", "rods", ",", "screws", "and", "cages", "were", "intact", ",", "the", "plate", "had",
             "broken", "."]
    assert statements.comma_splices(words) == [9]
    words = ["the", "screw", "had", "loosened", ",", "and", "the", "rod", "broke", "."]
    assert statements.comma_splices(words) == []


@pytest.mark.parametrize(("text", "fact"), [
    ("Methods: Three complex revision cases with migrated lumbar interbody cages are presented.",
     ("cage", "migration", "affirmed")),
    ("Two patients with broken rods are described.", ("rod", "fracture", "affirmed")),
    ("Methods: Four cases of pedicle screw loosening were reported and analysed.",
     ("pedicle screw", "loosening", "affirmed")),
])
def test_the_reports_own_counted_cases_presented_are_its_findings(text, fact):
    assert fact in facts(text)


def test_methods_without_a_count_of_presented_cases_stay_methods():
    assert facts("Methods: Rod fracture was defined as a visible break on radiographs.") == set()


# general statements new this round, by kind: each gives no fact
_GENERAL = {
    "the literature's silence": [f"Plate breakage and migration {verb} in the literature." for verb in (
        "have not been described", "have not been previously described", "has not been reported",
        "have been reported")],
    "what keeps happening or has a cause": [
        "Malposition of pedicle screws continues to occur despite navigation.",
        "Implant loosening has mainly been attributed to mechanical overload.",
        "Revising a breached pedicle screw often requires a second operation.",
        "Review of the literature reveals several cases of rod migration."],
    "rarity, other reports, literature searches": [
        "Cases in which screws extrude through the mouth are even rarer.",
        "Screw extrusion after anterior fusion has been quite rare reported.",
        "There have been a number of reports of migration and extrusion of cervical instrumentation.",
        "A review was performed searching Embase, Medline, and Scopus for case series of delayed screw back-out.",
        "Some surgeons have reported poor outcomes secondary to a high rate of cage subsidence.",
        "There is evidence in the medical literature of high failure rates of cervical plates."],
    "a bare plural with a verb of what such things do": [
        "Loose screws make the construct unstable in symptomatic patients.",
        "Magnetically controlled growing rods can undergo complete magnet fracture.",
        "Broken rods usually require revision.",
        "Fractured pedicle screws often lead to pseudarthrosis."],
}


@pytest.mark.parametrize(("kind", "text"), [(k, t) for k, texts in _GENERAL.items() for t in texts])
def test_a_general_statement_gives_no_fact(kind, text):
    assert facts(text) == set(), kind


def test_such_a_finding_not_yet_in_the_literature_is_the_reports_own():
    assert ("cage", "migration", "affirmed") in facts(
        "To our knowledge, such an anterior cage migration without trauma has not been reported in the literature.")


@pytest.mark.parametrize("removed", ["plate removal", "hardware removal", "implant removal", "anterior plate removal",
                                     "screw removal"])
def test_a_fracture_after_an_implants_removal_is_the_bones(removed):
    assert facts(f"A delayed fracture at the fused level developed following {removed}.") == set()
    assert facts(f"Fractures after {removed} were rare.") == set()


def test_an_implants_own_fracture_beside_a_removal_stays_the_implants():
    assert ("rod", "fracture", "affirmed") in facts("The rod fracture was noted after screw removal.")
    assert ("rod", "fracture", "affirmed") in facts("A fracture of the rod was seen after hardware removal.")
    assert ("plate", "fracture", "affirmed") in facts("Plate fracture was found before hardware removal.")


def test_a_fractured_segment_is_bone_and_a_screw_loose_an_idiom():
    assert facts("Pedicle screws and rods were implanted, stabilizing the fractured segment.") == set()
    assert facts("He joked that the surgeon must have a screw loose.") == set()
    assert ("screw", "loosening", "affirmed") in facts("The left S1 screw is loose.")


@pytest.mark.parametrize("wire", ["Kirschner wire", "K-wire", "K wire", "Kirschner wires", "Steinmann pin"])
def test_a_kirschner_wire_is_no_spinal_implant(wire):
    assert facts(f"Migration of a {wire} into the spinal canal was found.") == set()
    assert facts(f"The {wire} had migrated into the chest.") == set()


def test_a_spinal_wire_that_moved_still_counts():
    assert (None, "migration", "affirmed") in facts("The sublaminar wire had migrated into the canal.")


@pytest.mark.parametrize(("text", "fact"), [
    ("She appeared to have distal anterior cervical plate detachment.", ("plate", "migration", "affirmed")),
    ("The cage detached from the endplate.", ("cage", "migration", "affirmed")),
    ("Complete screw detachment was seen.", ("screw", "disconnection", "affirmed")),
    ("The rod detached from the connector.", ("rod", "rod connector", "affirmed")),
])
def test_a_plate_or_cage_detached_has_moved_a_screw_or_rod_is_disconnected(text, fact):
    assert fact in facts(text)


def test_an_implant_no_longer_in_its_original_position_has_migrated():
    assert ("hardware", "migration", "affirmed") in facts(
        "A radiograph before surgery revealed that the implant was no longer in its original position.")
    assert ("cage", "migration", "affirmed") in facts("The cage is no longer in its intended position.")
    assert facts("The cage is in its original position.") == set()


def test_a_screw_that_backed_out_of_the_pedicle_has_migrated_one_out_of_it_is_misplaced():
    assert facts("The L4 screw had backed out of the L4 pedicle.") == {("screw", "migration", "affirmed")}
    assert facts("The screw pulled out of the right pedicle.") == {("screw", "migration", "affirmed")}
    assert facts("The left L5 screw is out of the pedicle.") == {("screw", "screw position", "affirmed")}


def test_a_word_in_ed_after_a_preposition_opens_no_clause():
    # "of delayed" is an adjective: the cue before ', and' still covers the finding after it
    words = ["searching", "embase", ",", "medline", ",", "and", "scopus", "for", "series", "of", "delayed", "back-out"]
    assert statements.clause_numbers(words)[-1] == 0
    words = ["the", "screw", "was", "loose", ",", "and", "the", "rod", "fractured", "."]
    assert statements.clause_numbers(words)[-2] == 1


def test_an_artificial_vertebral_body_is_a_cage():
    assert facts("The 3D-printed vertebral bodies were all stable with no sign of displacement or subsidence.") == {
        ("cage", "migration", "negated"), ("cage", "subsidence", "negated")}


@pytest.mark.parametrize(("text", "fact"), [
    ("The broken rods require revision.", ("rod", "fracture", "affirmed")),
    ("Both loose screws cause pain.", ("screw", "loosening", "affirmed")),
    ("I hope to exercise, but the broken screws make me hesitant.", ("screw", "fracture", "affirmed")),
    ("Bilateral L5 fractured rods require revision.", ("rod", "fracture", "affirmed")),
    ("Loose screws are seen at L4.", ("screw", "loosening", "affirmed")),
])
def test_a_determined_counted_or_placed_subject_is_the_patients(text, fact):
    assert fact in facts(text)


@pytest.mark.parametrize("verb", ["impinges on", "indents", "distorts", "is impinging on", "deforms"])
def test_a_screw_pressing_on_a_vessel_lies_out_of_place(verb):
    assert facts(f"The left T5 screw {verb} the aorta.") == {("screw", "screw position", "affirmed")}


def test_a_rod_pressing_on_nothing_named_is_no_screw_position():
    assert facts("The rod indents the skin.") == set()


def test_an_errant_screw_is_misplaced():
    assert ("pedicle screw", "screw position", "affirmed") in facts(
        "Hybrid approach for removal of an errant pedicle screw in the thoracic aorta.")
    assert facts("An errant comment was removed from the report.") == set()


def test_all_of_a_counted_group_of_implants_is_a_cohorts_finding_beside_a_generic_cue():
    assert ("screw", "loosening", "affirmed") in facts(
        "All six loosened screws were associated with non-union of the facet.")
    assert facts("Loosened screws were associated with non-union of the facet.") == set()


_FAR = ["heart", "right ventricle", "posterior cranial fossa", "thoracic cavity", "thorax", "esophagus", "trachea",
        "sigmoid colon", "lung"]
_FOUND = ["The {i} was found in the {d}.", "Two years later, the {i} was discovered in the {d}.",
          "The {i} had eroded into the {d}.", "CT demonstrated the {i} within the {d}."]


def test_an_implant_found_in_the_heart_the_skull_or_the_gut_has_migrated():
    missed = []
    for (word, implant), d, frame in itertools.product(
            {"screw": "screw", "cage": "cage", "rod fragment": "rod", "plate": "plate", "lead": "lead"}.items(), _FAR,
            _FOUND):
        text = frame.format(i=word, d=d)
        if (implant, "migration", "affirmed") not in facts(text):
            missed.append(text)
    assert missed == []


@pytest.mark.parametrize("place", ["abdomen", "buttock"])
def test_a_lead_or_generator_in_its_pocket_has_not_migrated(place):
    assert ("lead", "migration", "affirmed") not in facts(f"The lead extension was found in the {place}.")
    assert ("pulse generator", "migration", "affirmed") not in facts(f"The pulse generator was found in the {place}.")


def test_migration_of_a_rod_fragment_is_the_rods_and_of_a_bone_fragment_none():
    assert ("rod", "migration", "affirmed") in facts(
        "Radiographs revealed migration of the rod fragment into the canal.")
    assert facts("Radiographs revealed migration of the bone fragment into the canal.") == set()


@pytest.mark.parametrize(("word", "implant"), [("lead", "lead"), ("paddle lead", "lead"), ("electrode", "lead"),
                                               ("cage", "cage"), ("interbody spacer", "cage"), ("screw", "screw")])
@pytest.mark.parametrize("way", ["caudally", "posteriorly", "out", "back", "cephalad"])
def test_an_implant_that_slipped_somewhere_has_migrated(word, implant, way):
    assert (implant, "migration", "affirmed") in facts(f"The {word} had slipped {way}.")


def test_a_person_who_slipped_moves_no_implant():
    assert facts("He slipped down the stairs.") == set()
    assert facts("The patient slipped on ice; the rod fractured.") == {("rod", "fracture", "affirmed")}


@pytest.mark.parametrize(("text", "fact"), [
    ("There was loss of lead position.", ("lead", "migration", "affirmed")),
    ("Loss of the paddle lead position was seen at T9.", ("lead", "migration", "affirmed")),
    ("There was no loss of screw position.", ("screw", "migration", "negated")),
])
def test_loss_of_an_implants_position_is_a_migration(text, fact):
    assert facts(text) == {fact}


def test_loss_of_a_grafts_position_is_no_implant_finding():
    assert facts("Loss of position of the bone graft was noted.") == set()


def test_a_kicked_out_cage_has_migrated_a_bone_graft_is_no_implant():
    assert facts("Kick-out of the corpectomy cage was seen.") == {("cage", "migration", "affirmed")}
    assert facts("The strut graft kick-out occurred.") == set()
    assert facts("Graft dislodgement was seen at C5.") == set()
    assert facts("Interbody graft subsidence was seen.") == {("cage", "subsidence", "affirmed")}


@pytest.mark.parametrize(("text", "entry"), [
    ("Fusion of the spine from T11-L2 with Harrington rods and hooks.",
     {"procedure": "posterior fusion", "levels": "T11-L2"}),
    ("Postoperative X-ray demonstrates posterior fixation state in L1-4.",
     {"procedure": "posterior fusion", "levels": "L1-L4"}),
    ("Posterior lumbar interbody arthrodesis utilizing cage instrumentation at L4-L5 was performed.",
     {"procedure": "posterior fusion", "levels": "L4-L5"}),
    ("ACDF using a PEEK cage on C6/7 was performed.", {"procedure": "anterior fusion", "levels": "C6-C7"}),
])
def test_a_procedures_levels_after_the_spine_a_state_or_the_implants_it_used(text, entry):
    from spinekg.nlp.history import history_in

    assert entry in history_in(text)


@pytest.mark.parametrize(("text", "fact"), [
    ("Subsidence was observed in 7 patients in the plate group and 13 patients in the stand-alone cage group.",
     (None, "subsidence", "affirmed")),
    ("Eight patients with single-threaded screw (STS group) demonstrated a halo.", (None, "lucency", "affirmed")),
    ("In the dual rod group, one patient had a broken hook.", ("hook", "fracture", "affirmed")),
])
def test_an_implant_that_names_a_group_is_not_the_findings(text, fact):
    assert facts(text) == {fact}


def test_an_implant_beside_a_group_of_another_name_keeps_its_finding():
    assert facts("Loosening occurred in 12 screws in the cement group.") == {("screw", "loosening", "affirmed")}


@pytest.mark.parametrize("text", ["Actuator pin fracture in magnetically controlled growing rods was found.",
                                  "The actuator pin had fractured in the left rod.",
                                  "Cable breakage in the occipitocervical construct was seen."])
def test_a_part_outside_the_case_format_keeps_its_finding_not_the_implant_it_sits_in(text):
    assert facts(text) == {(None, "fracture", "affirmed")}


def test_a_listed_implant_beside_an_unlisted_one_keeps_its_finding():
    assert facts("The sublaminar wires and the rod were broken.") >= {("rod", "fracture", "affirmed")}
    assert ("lead", "fracture", "affirmed") in facts(
        "The spinal cord stimulator was revised after one lead wire broke.")


@pytest.mark.parametrize(("text", "entries"), [
    ("Follow-up 6 weeks after L3-S1 PSF.",
     [{"procedure": "posterior fusion", "levels": "L3-S1"}, {"interval": "6 weeks"}]),
    ("Reason for exam: evaluate hardware, s/p T11-L3 fixation 1 year prior.",
     [{"procedure": "fusion", "levels": "T11-L3"}, {"interval": "1 year"}]),
    ("He underwent a posterior resection and T5-10 stabilization with pedicle screws.",
     [{"procedure": "posterior fusion", "levels": "T5-T10"}]),
    ("S/P SCS placement 3 months ago, now with loss of coverage.",
     [{"procedure": "stimulator implantation"}, {"interval": "3 months"}]),
    ("Post-op day 2 after T2-T12 posterior spinal fusion for scoliosis.",
     [{"procedure": "posterior fusion", "levels": "T2-T12"}, {"interval": "2 days"}]),
])
def test_history_lines_as_reports_write_them(text, entries):
    from spinekg.nlp.history import history_in

    assert history_in(text) == entries


def test_an_operation_decided_on_is_not_yet_history_one_elected_in_an_operative_note_is():
    from spinekg.nlp.history import history_in

    assert history_in("Two years later it was decided by the surgeons to perform an L4-S1 stabilization.") == [
        {"interval": "2 years"}]
    assert history_in("I therefore elected to proceed with a fusion.") == [{"procedure": "fusion"}]
