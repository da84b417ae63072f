"""Report text, thirty-sixth round (issue 15): the studies a report names. Several modalities named together ("plain
radiographs and CT showed ...") are studies of the same time, each kept; an exam line names the one study the report is
of; a study not done ("unable to undergo MRI") or a title ("Mr Ahmed") is none; a study's other names ("roentgenogram",
"CXR", "x-rayed", "computer tomography", "follow-up CTs"). Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from spinekg.nlp import ingest_text
from spinekg.nlp.evaluation import case_layer_history
from spinekg.nlp.history import history_in


def _modalities(text: str) -> list[str]:
    return [h["modality"] for h in history_in(text) if "modality" in h]


# --- several studies of the same time ---------------------------------------------------------------------------------

def test_two_modalities_named_together_are_two_studies_of_the_same_time():
    case = ingest_text("Plain radiographs and CT showed a fractured right L5 pedicle screw.", case_id="two").case
    assert [(s["id"], s["modality"]) for s in case["studies"]] == [("study", "CT"), ("study-radiograph", "Radiograph")]
    assert all(f["study"] == "study" for f in case["findings"])  # the findings are the first study's


def test_three_modalities_named_together_are_three_studies():
    case = ingest_text("X-ray, CT and MRI revealed a displaced L4-L5 cage.", case_id="three").case
    assert sorted(s["modality"] for s in case["studies"]) == ["CT", "MRI", "Radiograph"]
    assert len({s["id"] for s in case["studies"]}) == 3


def test_studies_of_the_same_time_share_the_time_since_surgery_and_it_is_scored_once():
    result = ingest_text("Fourteen months after L4-L5 posterior fusion, radiographs and CT showed a fractured right L5 "
                         "pedicle screw.", case_id="timed")
    studies = result.case["studies"]
    assert [(s["interval_after_surgery"], s["after"]) for s in studies] == [("14 months", "procedure-1")] * 2
    assert "time_before_study" not in result.case["procedures"][0]
    history = case_layer_history(result)
    assert history.count(("interval", "14 month")) == 1
    assert ("modality", "CT") in history and ("modality", "Radiograph") in history


def test_a_modality_named_in_another_sentence_is_no_second_study():
    case = ingest_text("CT showed a fractured right L5 pedicle screw. An MRI may help if symptoms persist.",
                       case_id="later").case
    assert [s["modality"] for s in case["studies"]] == ["CT"]


def test_an_exam_line_names_the_one_study_the_report_is_of():
    case = ingest_text("EXAM: CT LUMBAR SPINE\nFINDINGS: As on the radiographs and MRI, the right L5 pedicle screw is "
                       "fractured.", case_id="exam").case
    assert [s["modality"] for s in case["studies"]] == ["CT"]


def test_a_study_of_the_same_time_is_no_baseline_of_a_change():
    text = ("EXAM: XR LUMBAR SPINE\nDATE: 11/24/2026\nCOMPARISON: Radiographs 10/15/2026.\n"
            "FINDINGS: The L4-L5 cage has migrated posteriorly by 3 mm.")
    case = ingest_text(text, case_id="baseline").case
    migration = next(f for f in case["findings"] if f["type"] == "migration")
    assert migration["compared_with"] == "comparison-1"
    # without an exam line, a second modality of the same sentence is a study of the same time, not the baseline
    case = ingest_text("Radiographs and CT show that the L4-L5 cage has migrated posteriorly by 3 mm.", case_id="same").case
    assert [s["id"] for s in case["studies"]] == ["study", "study-radiograph"]
    assert all("compared_with" not in f for f in case["findings"])


def test_studies_of_the_same_time_reach_the_non_union_rule():
    import pyoxigraph as ox

    from spinekg import KnowledgeGraph
    from spinekg.vocab import inferred_graph

    result = ingest_text("Fourteen months after L4-L5 posterior fusion, radiographs and CT showed a fractured right L5 "
                         "pedicle screw.", case_id="both-studies")
    kg = KnowledgeGraph.memory()
    assert kg.load_cases([result.loaded]) == ["both-studies"]
    rows = kg.sparql("SELECT ?l WHERE { GRAPH ?g { ?c a skg:PseudarthrosisImagingSign ; rdfs:label ?l } }",
                     bindings={"g": ox.NamedNode(inferred_graph("both-studies"))}).rows
    assert [r["l"].value for r in rows] and all("14 months after fusion" in r["l"].value for r in rows)  # type: ignore[index]


# --- what names a study, and what does not ----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("The lateral roentgenogram showed the cage in place.", ["Radiograph"]),
    ("Radiograms and CT scan showed a solid fusion.", ["CT", "Radiograph"]),
    ("On the tenth day the patient was x-rayed again.", ["Radiograph"]),
    ("Plain CXR showed posterior instrumentation from T7 to T11.", ["Radiograph"]),
    ("Current films reveal stable post-surgical changes.", ["Radiograph"]),
    ("Swimmer's view shows the C7 screws.", ["Radiograph"]),
    ("Computer tomography showed a medial breach.", ["CT"]),
    ("Computer-assisted tomogram demonstrated a pedicle fracture.", ["CT"]),
    ("Computed axial tomography showed a fracture of the L5 pedicles.", ["CT"]),
    ("Follow-up CTs revealed healing of the fracture.", ["CT"]),
    ("MR LUMBAR SPINE WITHOUT CONTRAST", ["MRI"]),
])
def test_other_names_of_a_study(text, expected):
    assert _modalities(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Mr Ahmed's post-op CT shows the right S1 screw is too long.", ["CT"]),  # a title, not MR
    ("MRI was not possible, and CT myelography showed the lead at C3.", ["CT"]),
    ("Unable to undergo MRI (pacemaker).", []),
    ("Pacemaker, MRI contraindicated.", []),
    ("The generator is MR-unsafe.", []),
    ("A thin film of fluid lies along the rod.", []),
    ("The lateral view shows the cage.", []),  # CT, MR and fluoroscopy have lateral views too
    ("The second intraoperative radiogram showed the plate.", []),
])
def test_what_names_no_study_of_the_report(text, expected):
    assert _modalities(text) == expected


# --- the time since surgery, as a study or a day after the operation states it ----------------------------------------

def _intervals(text: str) -> list[str]:
    return [h["interval"] for h in history_in(text) if "interval" in h]


@pytest.mark.parametrize(("text", "expected"), [
    ("A routine postoperative X-ray at three months demonstrated posterior migration of the L4-5 cage.", ["3 months"]),
    ("The radiographic examination after 6 months showed a broken left S1 screw.", ["6 months"]),
    ("Lateral radiography at seven weeks showed broken screw threads in L3.", ["7 weeks"]),
    ("Two-week radiographs showed a well-positioned cage.", ["2 weeks"]),
    ("Follow-up CT at 1 year revealed a lucent rim around the right S1 screw.", ["1 year"]),
    ("On the second postoperative day she reported new left leg pain.", ["2 days"]),
    ("When he developed dyspnea on the postoperative second day, an X-ray showed lateral screws.", ["2 days"]),
    ("On the 3rd postoperative day CT showed a medial breach of the left L4 screw.", ["3 days"]),
    ("After 6 months a CT scan suggested the T4 screw abutted the aorta.", ["6 months"]),
    ("However, after 9 months, he reported neck pain and a right C7 radiculopathy.", ["9 months"]),
    ("At 15 months' follow-up, her cage was broken.", ["15 months"]),
])
def test_a_study_or_a_day_after_the_operation_states_the_time_since_surgery(text, expected):
    assert _intervals(text) == expected


@pytest.mark.parametrize("text", [
    "Radiographs at 6, 12 and 24 months were reviewed.",  # a schedule
    "After fusion surgery you will usually have X-rays at two weeks, six weeks, three months and one year.",
    "CT at 3 and 6 months showed bridging bone.",
    "She was discharged on the fifth postoperative day.",  # a hospital stay
    "After 6 months of physiotherapy the pain improved.",  # a treatment's length
    "After four months following the physical therapy, she could walk unaided.",
])
def test_a_schedule_a_stay_or_a_treatments_length_is_no_time_since_surgery(text):
    assert _intervals(text) == []


# --- an operation advised or planned is none the patient had ----------------------------------------------------------

def _procedures(text: str) -> list[str]:
    return [h["procedure"] for h in history_in(text) if "procedure" in h]


@pytest.mark.parametrize("text", [
    "He was indicated for anterior and posterior spinal fusion to correct the curvature.",
    "An anterior lumbar interbody fusion was suggested.",
    "If there was motion at C4-C5, I would recommend a fusion.",
    "Because this is a re-do operation the fusion will have to be extended one level higher.",
    "Her surgeon recommended C2-T2 revision posterior fusion.",
])
def test_an_operation_advised_or_planned_is_no_procedure(text):
    assert _procedures(text) == []


def test_an_operation_done_is_still_a_procedure():
    assert _procedures("He underwent L4-L5 posterior fusion in 2019, as his surgeon had recommended.") == ["posterior fusion"]


# --- a fusion's approach and levels -----------------------------------------------------------------------------------

def _procedure_entries(text: str) -> list[tuple[str, str | None]]:
    return [(h["procedure"], h.get("levels")) for h in history_in(text) if "procedure" in h]


@pytest.mark.parametrize(("text", "expected"), [
    ("Sixteen patients who underwent implant removal after screw fixation were enrolled.", [("hardware removal", None)]),
    ("He had implant removal in 2020.", [("hardware removal", None)]),
    ("She underwent implantation of a thoracic paddle lead.", [("stimulator implantation", None)]),
    # the approach from the words before the fusion, not from what happened to a part
    ("It was a case of intraoperative anterior cage migration during minimally invasive lumbar fusion.", [("fusion", None)]),
    ("Postero-lateral fusion with allograft alone was performed.", [("posterior fusion", None)]),
    ("Occiput to C6 posterolat. arthrodesis with lateral mass screws.", [("posterior fusion", None)]),
    ("Right posterolateral L4 to S1 fusion.", [("posterior fusion", "L4-S1")]),
    # the implants the fusion was done with: "in which a pedicle screw-rod construct was placed"
    ("She presented 11 years after an L4-5 decompression and fusion in which a pedicle screw-rod construct was placed.",
     [("posterior fusion", "L4-L5")]),
    # its levels in brackets, after "approximately", after "was carried out initially"
    ("She underwent posterior correction and fusion (T10-L2) for kyphosis.", [("posterior fusion", "T10-L2")]),
    ("Old fusion of approximately T9-T10.", [("fusion", "T9-T10")]),
    ("Posterior stabilisation was carried out initially from T12 to L3.", [("posterior fusion", "T12-L3")]),
    ("He had a fusion (2019) for stenosis.", [("fusion", None)]),  # a year in brackets is no level
])
def test_a_fusions_kind_and_levels(text, expected):
    assert _procedure_entries(text) == expected


# --- symptoms: where the pain is, and where it goes -------------------------------------------------------------------

def _symptoms(text: str) -> list[str]:
    return [h["symptom"] for h in history_in(text) if "symptom" in h]


@pytest.mark.parametrize(("text", "expected"), [
    ("He said 75% of his pain is in his buttock and leg and 25% in his back.", ["back pain"]),
    ("He was in significant pain in both his back and his left leg.", ["back pain"]),
    ("Severe pain persisted in the lower back and both buttocks.", ["back pain"]),
    ("Lately I have had more pain than usual in my back.", ["back pain"]),
    ("She had pain localized in the mid-dorsal region.", ["back pain"]),
    ("Low-back pain that occasionally radiates to the right leg.", ["back pain", "radiculopathy"]),
    ("The intensity increased with radiation into the right knee.", ["radiculopathy"]),
    ("He had electric left leg pain along S1 dermatome.", ["radiculopathy"]),
    ("He was admitted because of unrelieved sciatic pain.", ["radiculopathy"]),
])
def test_where_the_pain_is_and_where_it_goes(text, expected):
    assert _symptoms(text) == expected


@pytest.mark.parametrize("text", [
    "He complained of the sensation of something moving in his back when he bends.",
    "My pain doctor says the battery in my back has flipped.",
    "Burning pain in back of left thigh.",  # the back of the thigh
    "Branching structures radiating from the hila.",  # no pain, no limb
])
def test_what_names_no_back_pain_or_radiculopathy(text):
    assert _symptoms(text) == []


# --- a stimulator's implantation, named by its leads or its trial -----------------------------------------------------

@pytest.mark.parametrize("text", [
    "She underwent a paddle placement by an outside physician after a successful trial.",
    "Data from 764 patients who had a fully implanted SCS were analysed.",
    "One lead was implanted on the left medial cord.",
    "The leads were inserted under fluoroscopy and their level marked.",
    "All patients underwent SCS trialing.",
    "Lead migration eleven months after ONS implantation.",
])
def test_a_stimulator_named_by_its_leads_or_its_trial_is_its_implantation(text):
    assert _procedures(text) == ["stimulator implantation"]


@pytest.mark.parametrize("text", [
    "Respiratory and cardiac monitoring leads were placed.",
    "A pair of needle electrodes was placed at the exit zone of the L5 root.",
    "The left lead has migrated caudally.",
])
def test_leads_that_are_no_stimulators_or_a_leads_move_are_no_implantation(text):
    assert _procedures(text) == []


@pytest.mark.parametrize("text", [
    "Nine patients had further surgery at the same level within 5 years after their surgery.",
    "Patients were assessed at regular intervals for up to three years post-operatively.",
    "Early tether rupture occurred < 2 years and late rupture ≥ 2 years postoperatively.",
    "Data were collected up to a maximum of 8 years postoperatively.",
])
def test_a_bound_of_a_cohorts_times_is_no_time_since_surgery(text):
    assert _intervals(text) == []


def test_a_patients_time_after_surgery_is_still_read():
    assert _intervals("He had a broken rod 2 years after surgery.") == ["2 years"]


# --- a study advised or to come is none the report is of; an exam line's views --------------------------------------

@pytest.mark.parametrize("text", [
    "Possible lucency about the odontoid screw tip. Recommend CT.",
    "Possible early lucency at the tips of both C7 screws; suggest follow-up radiographs in 3 months.",
    "Follow-up CT in 3 months is suggested to exclude screw loosening.",
    "A postoperative CT will be obtained to confirm the position of the new screws.",
    "Flexion and extension radiographs will be obtained at 6 and 12 months.",
    "The patient will be subjected to a CT scan to define the alignment.",
])
def test_a_study_advised_or_to_come_is_none_the_report_is_of(text):
    assert _modalities(text) == []


@pytest.mark.parametrize("text", ["CT was obtained and showed a medial breach.", "Radiographs obtained today show the cage."])
def test_a_study_obtained_is_one(text):
    assert len(_modalities(text)) == 1


@pytest.mark.parametrize(("first_line", "expected"), [
    ("L-SPINE 2V", "Radiograph"),
    ("C-SPINE 3 V", "Radiograph"),
    ("SCS interrogation 5V", None),  # a stimulator's volts
])
def test_an_exam_lines_count_of_views_names_a_radiograph(first_line, expected):
    from spinekg.nlp.case import detect_modality

    assert detect_modality(f"{first_line}\nHx: back pain.") == expected


def test_the_reports_own_technique_in_the_present_tense_is_its_study():
    assert _modalities("Axial CT images are obtained from T10 to S1 with sagittal reformats.") == ["CT"]
