"""Report text read by classes of language (issue 15, fifth round): each test pins one class the development part
`dev5.yaml` showed, with short sentences written for the test (none is copied from the set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import extract

findings = reader("implant", "finding", "status")
strict = reader("implant", "level", "side", "finding", "status")


# --- sentences that assert no finding about a patient ------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a comparison between groups without counts, said of every item of its subject
    "The rod breakage, screw pull-outs, and cage subsidence were similar between the two cohorts.",
    "Screw loosening was comparable in both groups.",
    # a group defined by a finding, compared on something else
    "Patients with broken rods were 6 years younger.",
    "Those patients were less likely to have loosened screws after cement augmentation.",
    # what a finding may bring about
    "Screw migration toward the aorta might have fatal consequences.",
    # a list of kinds opened by "among"
    "Among the early complications, there are wound infection, rod breakage and cage migration.",
    # a method's purpose
    "CT scans were acquired at 6 and 12 months to assess the presence of screw loosening.",
    "Serial radiographs were compared to quantify the degree of lead migration.",
    # a method: how a finding was classified
    "Cage subsidence was graded using a three-point scale.",
    # a condition
    "In cases where the set screw is not fully tightened, the rod may slip.",
    # the present tense of what happens in general
    "Screw loosening occurs mainly in osteoporotic bone.",
    # a criterion about any implant
    "Fracture of any rod during the follow-up period",
    # a study's aim, in every clause of the sentence
    "This study aimed to evaluate the prevalence, risk factors, and outcomes associated with rod fracture after fusion.",
])
def test_statements_about_no_patient_give_no_facts(text):
    assert findings(text) == set()


@pytest.mark.parametrize("text, expected", [
    # the same constructions about this patient or cohort still give the finding
    ("The right rod was broken at L3 and the left rod was intact.", ("rod", "fracture", "affirmed")),
    ("Loosening of the L5 screws occurred after the fall.", ("screw", "loosening", "affirmed")),
    ("No fracture of any rod was seen.", ("rod", "fracture", "negated")),
    # a case report's aim describes its patient
    ("We aimed to describe a patient whose pedicle screw migrated into the psoas muscle.",
     ("pedicle screw", "migration", "affirmed")),
    # a comparison that gives counts is a cohort's finding
    ("Rod fracture was more common in the long fusion group (12/80, 15%) than in the short group (3/90, 3.3%).",
     ("rod", "fracture", "affirmed")),
])
def test_constructions_about_the_patient_keep_their_facts(text, expected):
    assert expected in findings(text)


def test_a_study_result_of_frequency_is_the_cohorts():
    assert ("cage", "subsidence", "affirmed") in findings("Our study showed that cage subsidence after OLIF is common.")
    assert findings("Cage subsidence after OLIF is common.") == set()


def test_a_count_as_fraction_reports_a_finding_with_no_implant():
    assert (None, "subsidence", "affirmed") in findings("The subsidence rate was 12.0% (3/25) in the standalone group.")
    assert findings("The subsidence rate was compared with the literature.") == set()


# --- bone fractures ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Pedicle screw fixation with fracture reduction was performed from T11 to L2.",
    "Percutaneous screws were placed to hold the osteoporotic fracture.",
    "The screws were intact; a kyphotic fracture developed at the adjacent level.",
])
def test_bone_fractures_are_not_implant_fractures(text):
    assert not any(f == "fracture" for _, f, _ in findings(text))


def test_an_implant_fracture_beside_a_bone_word_stays():
    assert ("screw", "fracture", "affirmed") in findings("The L4 screw was fractured after fracture reduction.")


# --- failures the sentence goes on to specify ----------------------------------------------------------------

def test_a_failure_consisting_of_findings_is_those_findings():
    got = findings("Fixation failure was seen in 4 patients and consisted of breakage of the rods.")
    assert ("rod", "fracture", "affirmed") in got
    assert not any(f == "complication" for _, f, _ in got)


def test_a_failure_specified_in_brackets_takes_its_implant():
    got = findings("Revision was done for hardware failure (loosening) in 2 cases.")
    assert ("hardware", "loosening", "affirmed") in got
    assert not any(f == "complication" for _, f, _ in got)


def test_an_unspecified_failure_stays_a_complication():
    assert ("hardware", "complication", "affirmed") in findings("Hardware failure was seen in 2 cases.")


# --- negation scope ------------------------------------------------------------------------------------------

def test_negation_ends_with_a_counted_list_item():
    got = findings("Reasons were nonunion without rod fracture in 9 cases (60%), screw loosening in 6 cases (40%).")
    assert ("rod", "fracture", "negated") in got
    assert ("screw", "loosening", "affirmed") in got


def test_negation_without_a_count_still_spreads():
    got = findings("No rod fracture, screw loosening or cage subsidence.")
    assert ("screw", "loosening", "negated") in got


# --- levels --------------------------------------------------------------------------------------------------

def test_a_segment_with_its_numbers_run_together():
    assert ("plate", "C5-C6", None, "fracture", "affirmed") in strict("The anterior plate is fractured at C56.")
    assert all(f.level != "T1-T2" for f in extract("The T12 screw is fractured.").facts)  # T12 is a level


def test_a_level_named_by_its_ordinal():
    got = strict("The pedicle screw in the fourth lumbar vertebra breaches the medial wall.")
    assert ("pedicle screw", "L4", None, "screw position", "affirmed") in got
    assert all(f.level is None for f in extract("The fourth screw breaches the medial wall.").facts)


# --- finding words from the ontology -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The right L5 screw is piercing the anterior cortex.",
    "The left S1 screw was impinging on the S1 root.",
    "The rogue screw was revised.",
])
def test_screw_position_words(text):
    assert any(f == "screw position" and s == "affirmed" for _, f, s in findings(text))


def test_screw_position_words_need_an_implant():
    assert findings("A disc fragment is impinging on the left L5 root.") == set()


def test_instrumental_before_a_finding_is_the_hardware():
    assert ("hardware", "complication", "affirmed") in findings("Instrumental failure was seen in 5 patients.")
    assert findings("Instrumental analysis of the gait was normal.") == set()


# --- attachment ----------------------------------------------------------------------------------------------

def test_a_level_before_a_word_of_bone_disease_is_not_the_implants():
    got = strict("A patient with T12-L1 pseudarthrosis and a broken left rod.")
    assert ("rod", None, "left", "fracture", "affirmed") in got
    assert ("rod", "L4-L5", "left", "fracture", "affirmed") in strict("The left rod at L4-L5 is broken.")


def test_an_implant_that_heads_a_later_compound_is_that_findings():
    got = strict("There was no lucency, cage subsidence, or rod fracture.")
    assert (None, None, None, "lucency", "negated") in got
    assert ("cage", None, None, "subsidence", "negated") in got
    # a later implant that is the subject of a verb stays the earlier finding's
    assert any(i == "screw" and f == "migration" for i, f, _ in findings("A displaced anterior screw perforated the esophagus."))


def test_a_failure_followed_by_with_or_in_and_no_implant():
    assert ("hardware", "complication", "affirmed") in findings("We saw 6 instrumental failures with or without revision.")
    # what failed named after "failure of/with the ...": the fusion is not the hardware
    assert findings("Failure of the fusion was seen in 3 patients.") == set()


# --- implant words and finding readings ----------------------------------------------------------------------

def test_a_plating_system_is_the_plate():
    assert ("plate", "migration", "affirmed") in findings("Parts of the cervical plating system were dislodged.")
    assert findings("Anterior cervical plating was performed at C5-C6.") == set()


def test_an_interbody_implant_moved_into_the_endplate_has_subsided():
    assert ("cage", "subsidence", "affirmed") in findings("The cage migrated into the adjacent endplate by 3 mm.")
    assert ("cage", "migration", "affirmed") in findings("The cage migrated into the spinal canal.")
    assert ("screw", "migration", "affirmed") in findings("The screw migrated into the adjacent endplate.")


# --- clauses -------------------------------------------------------------------------------------------------

def test_a_verbless_item_after_a_semicolon_goes_on_with_the_list():
    assert findings("Known problems include rod fracture and screw loosening; cage migration or subsidence.") == set()
    got = findings("No rod fracture; cage subsidence at L4-5.")
    assert ("cage", "subsidence", "affirmed") in got and ("rod", "fracture", "negated") in got


def test_an_absolute_phrase_is_a_clause_of_its_own():
    got = findings("Cement augmentation significantly reduced cage subsidence, with three patients showing subsidence "
                   "of the L4-5 cage.")
    assert ("cage", "subsidence", "affirmed") in got
    assert findings("Cement augmentation significantly reduced cage subsidence, with fewer revisions.") == set()


def test_a_methods_purpose_keeps_the_studys_modality():
    from spinekg.nlp.history import history_in
    text = "CT scans were obtained at 6 and 12 months to determine the presence of cage subsidence."
    assert findings(text) == set()
    assert {"modality": "CT"} in [{k: v for k, v in h.items() if k == "modality"} for h in history_in(text)]
