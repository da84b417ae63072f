"""Report text read by classes of language (issue 15, seventh round): each test pins one class the development part
`dev7.yaml` showed, with short sentences written for the test (none is copied from the set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp.history import history_in

findings = reader("implant", "finding", "status")
strict = reader("implant", "finding", "status", "level", "side")


# --- lay words of patients and forum posts ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "My surgeon said there are voids around the left L5 screw.",
    "The new film shows a dark shadow around the left L5 screw.",
])
def test_a_void_or_shadow_around_a_screw_is_a_lucency(text):
    assert ("screw", "lucency", "affirmed", "L5", "left") in strict(text)


def test_a_void_elsewhere_is_no_lucency():
    assert findings("Small voids are seen in the disc space; the screws are intact.") == set()


def test_an_implant_pressing_on_a_structure_is_a_screw_position():
    assert ("screw", "screw position", "affirmed") in findings("The C5 screw is pressing on the esophagus.")
    assert ("screw", "screw position", "uncertain") in findings(
        "I keep wondering whether the screw is putting pressure on the nerve.")


def test_a_disc_pressing_on_a_root_is_not_an_implant_finding():
    assert findings("A degenerated L4-L5 disc impinging on the left L5 root was seen before surgery.") == set()
    assert ("screw", "screw position", "affirmed") in findings("The left S1 screw is impinging on the S1 root.")


def test_a_failed_implant_is_a_complication_but_failed_back_is_not():
    assert ("hardware", "complication", "affirmed") in findings("The failed implant was taken out at revision.")
    assert findings("He has failed back surgery syndrome.") == set()


def test_grouping_by_fixation_is_not_a_disconnection():
    assert findings("Patients were separated by fixation type into two groups.") == set()
    assert ("rod", "disconnection", "affirmed") in findings("The left rod has separated from the L3 screw.")


def test_vertebrae_that_moved_are_bone():
    assert findings("Rods were placed across the dislocated 4th and 5th vertebrae.") == set()


# --- statements that assert no finding about a patient ---------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Many times, screw breakage occurs without any symptom.",
    "The most frequently encountered types of hardware failure are rod fracture and screw loosening.",
    "A halo is a lucent rim around a screw that may mean motion.",
    "In their cohort, failures were characterized as broken rods and loose screws.",
    "As reported, revisions follow rod fracture in a third of patients.",
    "A lucent rim was identified as a case of screw loosening when wider than 1 mm.",
    "Subsidence of 2 mm results in increased loads on the plate.",
    "If you have a loose screw, your fusion may not be solid.",
    "The thin wires can get broken with repeated bending.",
    "Bone density was insignificantly lower in the loosened screws compared to the intact screws.",
    "Fixation failure was defined as loosening, pull-out, or breakage of the screw on CT at six months.",
])
def test_general_statements_give_no_fact(text):
    assert findings(text) == set()


def test_a_patients_own_finding_beside_them_stays():
    assert ("screw", "loosening", "affirmed") in findings("The left L5 screw is loose.")
    assert ("screw", "fracture", "affirmed") in findings("A broken S1 screw was seen on the radiograph.")


@pytest.mark.parametrize("text", [
    "We investigated screw loosening and malposition by CT at one year.",
    "Cage subsidence and cage displacement were determined radiographically.",
    "Rod fracture or screw loosening assessed radiographically (Figure 2).",
])
def test_methods_give_no_fact_but_keep_the_modality(text):
    assert findings(text) == set()


def test_a_finding_confirmed_by_imaging_is_not_a_method():
    assert ("rod", "fracture", "affirmed") in findings("Rod fracture at L3-L4 was confirmed by CT.")
    assert {"modality": "CT"} in history_in("We investigated screw loosening and malposition by CT at one year.")


# --- cohorts: counted groups that had a finding ----------------------------------------------------------------

@pytest.mark.parametrize("text, finding", [
    ("Twelve patients (8.1%) had subsidence at the last visit.", "subsidence"),
    ("Eight patients (12%) in the control group demonstrated a halo appearance (p = 0.01).", "lucency"),
])
def test_a_counted_group_that_had_a_finding_is_a_cohort_fact(text, finding):
    assert (None, finding, "affirmed") in findings(text)


def test_a_group_compared_on_something_else_stays_general():
    assert findings("Patients with subsidence had higher pain scores than the others.") == set()


def test_the_kinds_of_a_failure_that_happened_are_facts():
    got = strict("Failures such as loosening and breakage occurred mainly in the S1 screws.")
    assert ("screw", "fracture", "affirmed", "S1", None) in got
    assert not any(f == "complication" for _, f, _, _, _ in got)  # the failure is the findings it names
    assert findings("Complications such as screw loosening and rod breakage are common after long fusions.") == set()


# --- what the implant words are and where ----------------------------------------------------------------------

def test_the_canal_a_non_screw_implant_moved_into_is_where_it_migrated():
    got = findings("Posterior dislocation of the central core of the implant into the spinal canal was seen.")
    assert ("hardware", "migration", "affirmed") in got
    assert not any(f == "screw position" for _, f, _ in got)
    assert ("screw", "screw position", "affirmed") in findings("The left T8 screw traverses the canal.")


def test_the_side_of_an_implant_is_its_side():
    assert ("rod", "migration", "affirmed", None, "left") in strict(
        "The left side of the rod had protruded into the spinal canal.")


def test_a_construct_failure_takes_the_constructs_levels():
    assert ("hardware", "complication", "negated", "C5-C6", None) in strict(
        "The hardware at C5-C6 is intact, with no evidence of loosening or failure.")
    got = strict("Because of suspected implant failure, he had posterior instrumentation from L1-S1.")
    assert ("hardware", "complication", "uncertain", None, None) in got or ("hardware", "complication", "affirmed", None, None) in got


# --- history ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, interval", [
    ("Went for my 12 week post-op visit today.", "12 weeks"),
    ("I am 3 weeks post-op and the incision is healing.", "3 weeks"),
    ("The fusion is solid at 12 weeks past surgery.", "12 weeks"),
    ("The rod had been placed 10 years previously.", "10 years"),
    ("It has been a year and a half since the surgery.", "18 months"),
    ("Two and a half years after the operation, a rod broke.", "30 months"),
    ("Three months have passed since my spine surgery.", "3 months"),
    ("CT at 6 weeks postoperative showed the cage in place.", "6 weeks"),  # the adjective still counts
])
def test_times_since_surgery_in_patients_words(text, interval):
    assert {"interval": interval} in history_in(text)


def test_a_time_not_tied_to_an_operation_is_no_interval():
    assert not any("interval" in h for h in history_in("The pain started 10 years previously."))
    assert not any("interval" in h for h in history_in("Five screws were placed at L4 and L5."))


@pytest.mark.parametrize("text, procedure", [
    ("Twenty patients underwent ACDFP at C5-6.", {"procedure": "anterior fusion", "levels": "C5-C6"}),
    ("We included 80 patients who underwent OLIF.", {"procedure": "fusion"}),
    ("Forty patients received atlantoaxial transarticular screw fixation.", {"procedure": "posterior fusion", "levels": "C1-C2"}),
    ("He removed the screw and put in a longer one.", {"procedure": "hardware removal"}),
    ("Devices were removed from 5 % of patients.", {"procedure": "hardware removal"}),
])
def test_procedures_in_cohort_and_operative_wording(text, procedure):
    assert procedure in history_in(text)


@pytest.mark.parametrize("text, procedure", [
    ("OPERATION: Anterior cervical decompression with partial corpectomy and fusion, C5-6.", "anterior fusion"),
    ("1. Bilateral C6-C7-T1 arthrodesis, posterolateral type.", "posterior fusion"),
    ("Fusion of the thoracic spine was done with Harrington rods and hooks.", "posterior fusion"),
    ("Four pedicle screws and two rods were used to hold the one-level fusion.", "posterior fusion"),
])
def test_the_approach_of_a_fusion_from_its_words_or_its_implants(text, procedure):
    assert procedure in {h.get("procedure") for h in history_in(text)}


@pytest.mark.parametrize("text", [
    "He underwent a lumbar fusion in 2010.",  # no approach said
    "The aorta was touched by pedicle screws at T6 two years after spinal fusion.",  # implants named for another reason
])
def test_a_fusion_of_no_approach_stays_a_fusion(text):
    assert {h.get("procedure") for h in history_in(text) if "procedure" in h} == {"fusion"}


def test_a_procedure_only_offered_or_planned_is_no_history():
    assert not any("procedure" in h for h in history_in(
        "Corrective surgery was offered to the family in the form of posterior spinal arthrodesis from T4 to L3."))
    assert {"procedure": "posterior fusion", "levels": "T4-L3"} in history_in(
        "She underwent posterior spinal arthrodesis from T4 to L3 and was advised no further surgery.")
