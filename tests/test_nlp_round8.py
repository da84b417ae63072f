"""Report text read by classes of language (issue 15, eighth round): each test pins one class the development part
`dev8.yaml` showed (radiologists' wording, device reports, imaging reviews), with short sentences written for the test
(none is copied from the set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp.history import history_in

findings = reader("implant", "finding", "status")
strict = reader("implant", "finding", "status", "level", "side", "direction")


# --- finding and implant words ---------------------------------------------------------------------------------

def test_lateralized_screws_are_a_screw_position_with_their_side_and_levels():
    got = strict("A radiograph showed lateralized screws on the right side at T4 and T5.")
    assert {("screw", "screw position", "affirmed", lv, "right") for lv in ("T4", "T5")} <= {g[:5] for g in got}


def test_the_misspelt_breech_of_a_pedicle_is_a_breach():
    assert (None, "screw position", "affirmed") in findings("One patient (5%) suffered pedicle breech at the C2 level.")


def test_a_screw_into_the_vertebral_foramen_is_in_the_canal():
    assert ("screw", "screw position", "affirmed") in findings("The left C2 screw extends into the vertebral foramen.")


def test_a_blocker_is_a_set_screw_and_a_sheared_head_a_fracture():
    assert ("set screw", "fracture", "affirmed") in findings("During final tightening the blocker snapped off.")
    assert ("screw", "fracture", "affirmed") in findings("The head of the screw sheared off during insertion.")


def test_an_instrument_is_no_implant():
    assert findings("The tip of the screw driver sheared off during the operation.") == set()


def test_a_hardware_malfunction_and_a_loose_connection():
    assert ("hardware", "complication", "affirmed") in findings("Hardware malfunction 120 8 6.7")
    assert (None, "disconnection", "affirmed") in findings("Loose connection 120 3 2.5")


def test_a_compound_is_named_by_its_head():
    assert ("rod", "fracture", "affirmed") in findings("Fractures of metal implant rods were found in 12 patients.")


def test_two_finding_phrases_with_their_own_directions_are_two_facts():
    got = strict("Lateral screw misplacement was seen in 20 screws and medial pedicle wall violation in 9 screws.")
    assert {g[5] for g in got if g[1] == "screw position"} == {"lateral", "medial"}


# --- what is not a finding of the patient's implant --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The radiograph shows posterior wiring and subluxation of C1 on C2.",
    "Grade 3: graft intact, a lucency present at the top of the graft.",
    "Type 2: cage subsidence into the anterior endplate with tilt of the cage.",
    "Long pedicle screws are not necessarily malpositioned when they cross the midline.",
    "Earlier research found low rates of lead migration with this system.",
    "Anchoring has been shown to reduce lead migration.",
    "The criterion for loosening was a rim of uptake around the screw.",
    "Current literature supports SPECT/CT in patients with suspected hardware failure.",
    "CT scans of 160 patients were reviewed for screw misplacement.",
    "The rate of screw malposition in the two groups was measured.",
    "On gross dissection, 40 screws were misplaced.",
    "Lateral CT localizer shows halo instrumentation and occiput-C4 fixation.",
    "Patients were classified as screw failure group when a screw broke or migrated, and compared.",
    "Screw loosening increased the risk of revision in that study.",
])
def test_statements_that_assert_no_finding_of_the_patient(text):
    got = findings(text)
    assert not any(f in ("loosening", "lucency", "screw position", "migration", "subsidence", "complication") for _, f, _ in got), got


def test_the_subluxation_of_a_spacer_at_a_level_is_the_spacers():
    assert ("cage", "migration", "affirmed", "L3-L4", None) in {g[:5] for g in strict(
        "A new displacement of the L3-4 spacer into the spinal canal.")}


# --- cohorts ---------------------------------------------------------------------------------------------------

def test_a_cohorts_rate_of_a_finding_is_a_fact_but_not_another_rate():
    assert (None, "subsidence", "affirmed") in findings("The one-year subsidence rate was 41.2%.")
    assert findings("The fusion rate was 88% in the subsidence group and 80% in the others.") == set()


def test_a_group_defined_by_a_finding_with_its_size_gives_the_finding():
    got = findings("Patients with screw loosening were defined as the failure group (F group, n=31).")
    assert ("screw", "loosening", "affirmed") in got


# --- history ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, entry", [
    ("Postoperative X Rays showed the screws.", {"modality": "Radiograph"}),
    ("Axial NECT shows the screw in the canal.", {"modality": "CT"}),
    ("Computerized tomography of C1-C3 was done.", {"modality": "CT"}),
    ("Radiographs 16 months status post a L4-L5 TLIF.", {"interval": "16 months"}),
    ("We reviewed 40 individuals implanted with DRG-S leads.", {"procedure": "stimulator implantation"}),
    ("A total of 60 S1 pedicle screws were inserted in 30 patients.", {"procedure": "posterior fusion"}),
])
def test_history_in_radiology_and_cohort_wording(text, entry):
    assert entry in history_in(text)


def test_an_imaging_schedule_gives_the_modality_but_no_time_since_surgery():
    for text in ("CT scans were obtained at 6 and 12 months postoperatively to look for loosening.",
                 "Follow-up CT was performed 6 months after the surgery and once a year thereafter."):
        got = history_in(text)
        assert {"modality": "CT"} in got and not any("interval" in h for h in got)
    assert {"interval": "6 months"} in history_in("CT 6 months after the surgery showed a loose screw.")
    assert {"interval": "2 years"} in history_in("Loosening was observed 1 and 2 years after surgery in 12 screws.")


def test_the_case_keeps_two_findings_with_other_directions_and_joins_a_restatement():
    from spinekg.nlp import ingest_text
    from spinekg.nlp.evaluation import case_layer_facts

    two = case_layer_facts(ingest_text("Lateral screw misplacement was seen in 20 screws and medial pedicle wall violation "
                                       "in 9 screws.", case_id="two"))
    assert sorted(f["direction"] for f in two if f["finding"] == "screw position") == ["lateral", "medial"]
    one = case_layer_facts(ingest_text("FINDINGS: Medial breach of the left L4 screw.\nIMPRESSION: Breach of the left L4 "
                                       "screw.", case_id="one"))
    assert [(f["level"], f["side"], f["direction"]) for f in one if f["finding"] == "screw position"] == [("L4", "left", "medial")]


# --- hooks and crosslinks: implants of the ontology (skg:Hook, skg:TransverseConnector) that reach the case -------

def test_hooks_and_crosslinks_are_implants_with_findings():
    from spinekg.nlp import ingest_text
    from spinekg.nlp.evaluation import case_layer_facts, fact_key

    assert ("crosslink", "fracture", "affirmed") in findings("Both crosslinks were fractured.")
    assert ("crosslink", "disconnection", "affirmed") in findings("The cross link had come apart.")
    assert ("hook", "migration", "affirmed", "T4", None, None) in strict("The proximal hook at T4 has dislodged.")
    assert ("hook", "migration", "affirmed") in findings("The hooks fractured free from the T11 lamina.")
    case = case_layer_facts(ingest_text("The proximal hook at T4 has dislodged. Both crosslinks were fractured.", case_id="h"))
    assert {(f["implant"], f["finding"]) for f in case} == {("hook", "migration"), ("crosslink", "fracture")}
    # they load as the ontology's classes: the hook at T4 an implant of type skg:Hook, the crosslinks an implant type
    from spinekg import KnowledgeGraph

    kg = KnowledgeGraph.memory()
    kg.load_cases([ingest_text("The proximal hook at T4 has dislodged. Both crosslinks were fractured.", case_id="hk").loaded])
    rows = kg.sparql("SELECT ?t WHERE { GRAPH ?g { { ?f skg:aboutImplant/a ?t } UNION { ?f skg:aboutImplantType ?t } } }").rows
    assert {"Hook", "TransverseConnector"} <= {r["t"].value.rsplit("/", 1)[-1] for r in rows}
    # scored by the annotation guide's list: a crosslink is a connector, a hook is no implant of the list
    assert fact_key({"implant": "crosslink", "finding": "fracture"}, False) == ("connector", "fracture", False)
    assert fact_key({"implant": "hook", "finding": "migration"}, False) == (None, "migration", False)
