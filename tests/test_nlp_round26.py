"""Report text, twenty-sixth round (issue 15): what the end-of-round-25 blind sets (holdout7, reports15) showed --
statements for readers and residents that name findings without asserting them, what an earlier study had shown, a
paddle centred over the midline, leads that slipped, a rod dislodged from a screw, and a level that ends one clause before
an implant named after a comma. Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")


@pytest.mark.parametrize("text", [
    "The main differential for a peri-screw halo is low-grade infection.",
    "The 'windshield-wiper' sign refers to an oval lucent track produced by toggling of a loose screw.",
    "Halo sign: a radiolucent line of 1 mm or more around a screw on CT, taken to indicate loosening.",
    "For residents: always check the lateral film for backing out of the set screws before you close.",
    "Resident tip: a screw lying more than 2 mm medial to the pedicle wall usually deserves revision.",
    "Signs that a stimulator lead has migrated include a change in where you feel the tingling.",
    "A thin dark line around a screw on your X-ray does not always mean the screw is loose.",
    "A lucency means there is a thin gap between the screw and the bone.",
])
def test_what_a_reader_or_resident_is_told_is_no_finding(text):
    assert facts(text) == set()


@pytest.mark.parametrize(("text", "want"), [
    ("There is a 2 mm lucency around the right S1 screw.", {("screw", "lucency", "affirmed")}),
    ("The lucency does not change the plan; the left L5 screw is loose.", {("screw", "loosening", "affirmed")}),
])
def test_findings_beside_such_words_stay(text, want):
    assert facts(text) == want


def test_what_an_earlier_study_had_shown_is_history():
    assert facts("A 2 mm lucency around the right S1 screw had been noted on the prior CT in 2021.") == set()
    assert facts("A 2 mm lucency around the right S1 screw is noted, unchanged from the prior CT.") \
        == {("screw", "lucency", "affirmed")}


def test_a_paddle_centred_over_the_midline_at_a_level():
    assert placed("Fluoroscopy confirmed the paddle centred over the midline at T9-T10.") \
        == {("lead", "lead position", "T9-T10", "midline", "affirmed")}


def test_leads_that_slipped_have_moved():
    assert facts("After his stimulator was implanted, his leads slipped twice and had to be revised.") \
        == {("lead", "migration", "affirmed")}
    assert facts("The L5 vertebra had slipped forward on S1.") == set()


def test_a_rod_dislodged_from_a_screw_is_disconnected_there():
    assert placed("Proximal construct failure: dislodgement of the right rod from the T2 screw.") \
        == {("rod", "disconnection", "T2", "right", "affirmed")}
    assert facts("The cage has dislodged from the disc space.") == {("cage", "migration", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Both rods were fractured at the L4-5 level, and the left L5 screw was loose.",
     {("rod", "fracture", "L4-L5", "left", "affirmed"), ("rod", "fracture", "L4-L5", "right", "affirmed"),
      ("screw", "loosening", "L5", "left", "affirmed")}),
    # a list of levels, each with its determiner, is still one list
    ("Lucency around the L3, the L4 and the L5 screws.",
     {("screw", "lucency", "L3", None, "affirmed"), ("screw", "lucency", "L4", None, "affirmed"),
      ("screw", "lucency", "L5", None, "affirmed")}),
    ("The L4 and the L5 screws are loose.",
     {("screw", "loosening", "L4", None, "affirmed"), ("screw", "loosening", "L5", None, "affirmed")}),
])
def test_a_level_that_ends_one_clause_is_not_the_next_implants(text, want):
    assert placed(text) == want


def test_how_far_a_fusion_was_extended_is_no_findings_level():
    assert placed("The fractured rod was removed, and the fusion was extended from L3 to the pelvis with bilateral S2AI "
                  "screws.") == {("rod", "fracture", None, None, "affirmed")}


def test_a_finding_word_before_an_implants_direction_and_name_is_its_adjective():
    got = facts("Sagittal reconstruction showing anterior displacement of the L5-S1 ALIF cage by 6 mm and a backed-out "
                "anterior plate screw.")
    assert got == {("cage", "migration", "affirmed"), ("screw", "migration", "affirmed")}


# --- from the blind holdout8.yaml and holdout9.yaml ------------------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("There is a 3-mm lucency along the whole length of the right S1 screw and a 1-mm lucency about the left.",
     {("screw", "lucency", "S1", "right", "affirmed"), ("screw", "lucency", "S1", "left", "affirmed")}),
    ("Axial CT showing lucency of 2 mm around the left and 3 mm around the right T12 screws.",
     {("screw", "lucency", "T12", "right", "affirmed"), ("screw", "lucency", "T12", "left", "affirmed")}),
    ("There was a 2-mm halo around the left S2 alar-iliac screw but no lucency around the right.",
     {("screw", "lucency", "S2", "left", "affirmed"), ("screw", "lucency", "S2", "right", "negated")}),
])
def test_a_side_whose_implant_words_are_left_out_is_the_same_screws(text, want):
    assert placed(text) == want


def test_no_elided_side_for_a_finding_other_than_a_lucency():
    assert placed("There is a fracture of the right L4 screw and none about the left.") \
        == {("screw", "fracture", "L4", "right", "affirmed")}


@pytest.mark.parametrize(("text", "want"), [
    ("Compared with the 2022 study, there is no interval change in the mild lucency around the left L3 screw.",
     {("screw", "lucency", "L3", "left", "affirmed")}),
    ("Fractured left sacral alar screw, not present on the 6-week film.", {("screw", "fracture", None, "left", "affirmed")}),
])
def test_unchanged_and_new_are_not_denials(text, want):
    assert placed(text) == want


@pytest.mark.parametrize(("text", "want"), [
    ("The left T7 screw also courses medially.", ("screw", "screw position", "T7", "left", "affirmed")),
    ("The tip of the left lead now projected over the T11 vertebral body.", ("lead", "lead position", "T11", "left", "affirmed")),
    ("The rod has come out of the S1 screw head, with its set screw lying free in the soft tissues.",
     ("set screw", "migration", None, None, "affirmed")),
    ("Q: My latest X-ray shows a broken screw at S1; should I worry?", ("screw", "fracture", "S1", None, "affirmed")),
    ("Q: My daughter's growing rod broke on the left side at the last check; is that common?",
     ("rod", "fracture", None, "left", "affirmed")),
])
def test_more_ways_of_saying_findings(text, want):
    assert want in placed(text)


def test_a_rod_lying_free_beside_its_dissociated_set_screw_is_no_second_finding():
    assert not any(f[0] == "rod" and f[1] == "migration" for f in placed(
        "Set screw dissociation at left L5, with the rod lying free posterior to the screw head."))


@pytest.mark.parametrize("text", [
    "Most published cases of transarticular screw malposition involve the groove of the vertebral artery.",
    "The differential diagnosis of a lucent rim around a screw includes loosening, infection and a Mach band artifact.",
    "Figure 17. Kaplan-Meier curves of survival free of rod fracture in the two cohorts.",
    "Figure 13. Illustration of the typical failure pattern of cement-augmented screws.",
    "Screws can loosen over time, especially in soft osteoporotic bone.",
    "A halo is a thin dark line on the scan that can mean the screw is loose.",
    "Thin patients can sometimes feel the head of an iliac screw, and this does not mean it has come loose.",
    "Spinal cord stimulators: the leads sit in the epidural space, usually between T8 and T10.",
    "When a patient's SI implants show a halo on CT a year after surgery, we first look for infection.",
    "Tip for residents: never leave a screw that you suspect is in the canal.",
    "A loose screw seen on a scan is not always the cause of pain.",
    "Discussion: a peri-screw lucency wider than 1 mm on CT is the most widely used threshold for loosening.",
])
def test_more_statements_for_readers_are_no_finding(text):
    assert facts(text) == set()


def test_a_recognised_migrated_fragment_stays_a_finding():
    assert ("screw", "migration", "affirmed") in facts(
        "Expedient recognition of the anteriorly migrated screw fragment resulted in a satisfactory outcome.")


# --- from the blind reports16.yaml -----------------------------------------------------------------------------------

def test_a_list_under_an_implants_heading_is_that_implants():
    got = placed("Screws (per level): L3 - no halo bilaterally; L4 - 1 mm halo right; L5 - no halo.")
    assert ("screw", "lucency", "L4", "right", "affirmed") in got and ("screw", "lucency", "L5", None, "negated") in got
    got = placed("Cages: L3-4 - 2 mm subsidence into the L4 superior endplate; L4-5 - no subsidence.")
    assert got == {("cage", "subsidence", "L3-L4", None, "affirmed"), ("cage", "subsidence", "L4-L5", None, "negated")}


def test_a_measure_after_a_level_ends_no_span():
    assert placed("Screws: S1 - 2 mm halo left.") == {("screw", "lucency", "S1", "left", "affirmed")}
    assert placed("L3-4-5 screws are loose.") == {("screw", "loosening", lv, None, "affirmed") for lv in ("L3", "L4", "L5")}


def test_a_tables_rows_are_the_named_screws_findings():
    from spinekg.nlp import ingest_text
    from spinekg.nlp.evaluation import case_layer_facts

    text = ("FINDINGS:\nScrew assessment:\n  Level  Left                          Right\n"
            "  T4     contained                     contained\n  T5     lateral breach 1.5 mm (B)     contained\n"
            "  T6     contained                     contained\n\nIMPRESSION:\nMinor lateral breach of the left T5 pedicle "
            "screw (1.5 mm).\n")
    got = {(f["finding"], f["level"], f["side"]) for f in case_layer_facts(ingest_text(text, case_id="t"))}
    assert got == {("screw position", "T5", "left")}


def test_a_lucent_line_across_a_rod_is_its_fracture():
    assert placed("Possible lucent line across the left rod at T9-T10.") == {("rod", "fracture", "T9-T10", "left", "uncertain")}


@pytest.mark.parametrize(("text", "want"), [
    ("Chronic posterior displacement of the left T4 hook and bilateral L4 screw lucency.",
     {("hook", "migration", "T4", "left", "affirmed"), ("screw", "lucency", "L4", "left", "affirmed"),
      ("screw", "lucency", "L4", "right", "affirmed")}),
    ("Fracture of the rod and screw loosening.", {("rod", "fracture", None, None, "affirmed"),
                                                  ("screw", "loosening", None, None, "affirmed")}),
    ("Fracture of the rod and screw.", {("rod", "fracture", None, None, "affirmed"), ("screw", "fracture", None, None, "affirmed")}),
])
def test_a_coordinated_implant_with_its_own_finding_keeps_to_it(text, want):
    assert placed(text) == want


def _case(text: str) -> set[tuple]:
    from spinekg.nlp import ingest_text
    from spinekg.nlp.evaluation import case_layer_facts

    return {(f["finding"], f["level"], f["side"], f["status"]) for f in case_layer_facts(ingest_text(text, case_id="c"))}


def test_the_screws_of_a_level_are_its_two_named_screws():
    got = _case("FINDINGS:\n- Lucency around both C6 screws (up to 1.5 mm).\n\nIMPRESSION: Lucency about the C6 screws, which "
                "may indicate loosening.\n")
    assert ("loosening", "C6", "left", "uncertain") in got and ("loosening", "C6", "right", "uncertain") in got


def test_a_finding_placed_on_both_screws_is_noted_as_placed_not_as_kept_without_an_implant():
    from spinekg.nlp import ingest_text

    got = ingest_text("FINDINGS:\n- Lucency around both C6 screws (up to 1.5 mm).\n\nIMPRESSION: Lucency about the C6 screws, "
                      "which may indicate loosening.\n", case_id="c")
    assert not [n for n in got.notes if n.startswith("kept without one implant") and "loosening" in n]
    assert [n for n in got.notes if n.startswith("placed on both: loosening")
            and n.endswith("the findings loosening-screw-C6-left and loosening-screw-C6-right")]


def test_a_plates_screws_at_a_level_are_not_the_posterior_pair():
    got = _case("FINDINGS: Lateral mass screws at C6 bilaterally; the left C6 screw and the right C6 screw are intact. Thin "
                "lucency around the inferior C6 screws of the anterior plate.\n")
    assert ("lucency", "C6", None, "affirmed") in got


@pytest.mark.parametrize("text", [
    "Rod fractures after pedicle subtraction osteotomy occur most often at or adjacent to the osteotomy level.",
    "Rod fractures at the craniocervical junction reflect the high bending moments at the occipitocervical angle.",
    "Screws can loosen over time, and a loose screw may be a source of pain.",
    "The bone of the endplate can give way under the cage, which we call subsidence.",
])
def test_what_such_implants_do_in_general_is_no_finding(text):
    assert facts(text) == set()


def test_a_cohorts_findings_at_a_level_stay():
    assert placed("Rod fractures at L4 were seen in two patients.") == {("rod", "fracture", "L4", None, "affirmed")}


def test_an_interspinous_device_named_by_its_brand_is_hardware():
    assert facts("An X-Stop that dislodged in one of my patients was taken out.") == {("hardware", "migration", "affirmed")}
