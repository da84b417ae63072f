"""Report text read by classes of language (issue 15, sixth round): each test pins one class the development part
`dev6.yaml` showed, with short sentences written for the test (none is copied from the set)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp import extract

findings = reader("implant", "finding", "status")


# --- implant words -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "CT shows subsidence of the vertebral body replacement into the L2 endplate.",
    "The VBR has subsided into the inferior endplate.",
    "Marked VBDR subsidence is seen at follow-up.",
])
def test_a_vertebral_body_replacement_is_a_cage(text):
    assert ("cage", "subsidence", "affirmed") in findings(text)


def test_other_vertebral_body_words_are_not_a_cage():
    assert not any(i == "cage" for i, _, _ in findings("The vertebral body height was restored; the screw is loose."))


# --- finding words from the ontology -------------------------------------------------------------------------

def test_dislodgment_without_e_is_a_migration():
    assert ("cage", "migration", "affirmed") in findings("Radiographs showed dislodgment of the cage.")
    assert ("cage", "migration", "negated") in findings("There was no dislodgment of the cage.")


def test_a_suboptimal_trajectory_is_a_screw_position():
    assert ("screw", "screw position", "affirmed") in findings("Three screws had a suboptimal trajectory on CT.")
    assert findings("The trajectory of the screws was optimal on CT.") == set()


# --- a halo worn is an orthosis ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "He refused to wear a halo, so a screw was placed.",
    "The patient was placed in a halo for eight weeks after the screw fixation.",
])
def test_a_halo_worn_is_not_a_lucency(text):
    assert not any(f == "lucency" for _, f, _ in findings(text))


def test_a_halo_around_a_screw_stays_a_lucency():
    assert ("screw", "lucency", "affirmed") in findings("A halo is seen around the left L4 screw.")


# --- statements that assert no finding about a patient --------------------------------------------------------

@pytest.mark.parametrize("text", [
    # a cohort's timing statistic
    "The median time to screw loosening was 9 months.",
    "Average interval before rod breakage was 2.1 years.",
    # what an imaging method misses
    "Plain films often fail to show broken rods.",
    # susceptibility
    "Long constructs carry a susceptibility for rod fracture at the lumbosacral junction.",
    # a list of kinds after the complications of a procedure
    "There are complications after anterior cervical plating, such as plate migration and dysphagia.",
])
def test_statements_about_no_patient_give_no_facts(text):
    assert findings(text) == set()


@pytest.mark.parametrize("text, expected", [
    # a cohort's count of the finding stays
    ("Screw loosening occurred in 9 patients after a median of 9 months.", ("screw", "loosening", "affirmed")),
    # the patient's own imaging that shows it
    ("The radiograph shows a broken rod.", ("rod", "fracture", "affirmed")),
    # a count of cases with a list of their complications
    ("Four patients had complications, such as rod fracture and infection.", ("rod", "fracture", "affirmed")),
])
def test_the_same_words_about_the_patient_keep_their_facts(text, expected):
    assert expected in findings(text)


def test_a_study_selecting_patients_by_a_finding_gives_no_finding():
    assert findings("A CT database was searched to identify patients who had screw loosening.") == set()
    assert ("screw", "loosening", "affirmed") in findings("CT identified 12 patients who had screw loosening.")


def test_a_method_of_studying_a_cohorts_findings():
    assert findings("All broken leads were studied retrospectively using radiographs.") == set()
    assert ("lead", "fracture", "affirmed") in findings("Radiographs showed broken leads in 4 patients.")


# --- bone words ----------------------------------------------------------------------------------------------

def test_fracture_lines_are_bone():
    assert not any(f == "fracture" for _, f, _ in findings("The cage subsided onto a fragment bounded by fracture lines."))
    assert ("cage", "fracture", "affirmed") in findings("The cage is fractured.")


# --- negation ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "None of the patients developed cage migration.",
    "None of our cases showed screw loosening.",
])
def test_none_of_a_cohort_negates(text):
    assert any(s == "negated" for _, _, s in findings(text))
    assert not any(s == "affirmed" for _, _, s in findings(text))


def test_a_cohort_count_is_not_negated():
    assert ("cage", "migration", "affirmed") in findings("Two of the patients developed cage migration.")


# --- sides of places, bone words, procedure names -------------------------------------------------------------

def test_the_side_of_a_body_structure_is_a_place():
    got = {(f.implant, f.side, f.finding) for f in extract("The screw breached the right side of the vertebral body.").facts}
    assert ("screw", None, "screw position") in got
    got = {(f.implant, f.side, f.finding) for f in extract("The screw on the right side of the construct is broken.").facts}
    assert ("screw", "right", "fracture") in got


def test_a_mobile_bone_segment_is_not_a_loose_implant():
    got = findings("Flexion films show a mobile, grade 1 listhesis and an intact L4 screw.")
    assert not any(f == "loosening" for _, f, _ in got)
    assert ("screw", "loosening", "affirmed") in findings("The L4 screw is mobile on flexion films.")


@pytest.mark.parametrize("text", [
    "The screw tip produced a triangle fracture of the endplate.",
    "A corner fracture of the vertebral body was seen beside the screw.",
])
def test_bone_fractures_named_by_shape_are_not_implant_fractures(text):
    assert not any(f == "fracture" for _, f, _ in findings(text))


def test_an_implant_assisted_procedure_is_not_the_implant():
    assert (None, "subsidence", "affirmed") in findings("Subsidence was seen in 6 patients after plate-assisted fusion.")
    assert ("plate", "subsidence", "affirmed") in findings("The plate has subsided by 3 mm.")


REAL = Path(__file__).parent / "data" / "nlp" / "realtext"


# --- the evaluation data: every development part after the third is new public text -----------------------------

@pytest.mark.parametrize(("part", "documents"), [
    ("dev4.yaml", 40), ("dev5.yaml", 40), ("dev6.yaml", 40), ("dev7.yaml", 40), ("dev8.yaml", 40), ("dev9.yaml", 40),
    ("dev10.yaml", 40), ("dev11.yaml", 20), ("dev12.yaml", 40), ("dev13.yaml", 40), ("dev14.yaml", 40),
    ("dev15.yaml", 20), ("dev16.yaml", 20), ("dev17.yaml", 20), ("dev18.yaml", 20), ("dev19.yaml", 14), ("dev20.yaml", 15),
    ("dev21.yaml", 15), ("dev22.yaml", 15), ("dev23.yaml", 12), ("dev24.yaml", 12),
    ("dev25.yaml", 10), ("dev26.yaml", 10), ("dev27.yaml", 15),
    ("dev28.yaml", 15), ("dev29.yaml", 15), ("dev30.yaml", 15), ("dev31.yaml", 15), ("dev32.yaml", 15),
    ("dev33.yaml", 20), ("dev34.yaml", 15), ("dev35.yaml", 10), ("dev36.yaml", 10),
    ("dev37.yaml", 15), ("dev38.yaml", 15), ("dev39.yaml", 15),
    ("dev40.yaml", 15), ("dev41.yaml", 15), ("dev42.yaml", 15),
    ("dev43.yaml", 15), ("dev44.yaml", 15), ("dev45.yaml", 15), ("dev46.yaml", 15), ("dev47.yaml", 15)])  # dev11: 20 whole notes; dev15 to dev22: 15 to 25 case reports, device reports,
    # abstracts and pages each
def test_a_later_development_part_shares_no_document_with_the_others(part, documents):
    import re

    def key(url: str) -> str:
        return re.sub(r"^https?://(www\.)?", "", url).rstrip("/")

    mine = yaml.safe_load((REAL / part).read_text(encoding="utf-8"))
    others = []
    for name in ("dev.yaml", "dev2.yaml", "dev3.yaml", "dev4.yaml", "dev5.yaml", "dev6.yaml", "dev7.yaml", "dev8.yaml", "dev9.yaml", "dev10.yaml",
                 "dev11.yaml", "dev12.yaml", "dev13.yaml", "dev14.yaml", "dev15.yaml", "dev16.yaml", "dev17.yaml",
                 "dev18.yaml", "dev19.yaml", "dev20.yaml", "dev21.yaml", "dev22.yaml", "dev23.yaml",
                 "dev24.yaml", "dev25.yaml", "dev26.yaml", "dev27.yaml", "dev28.yaml", "dev29.yaml",
                 "dev30.yaml", "dev31.yaml", "dev32.yaml", "dev33.yaml", "dev34.yaml", "dev35.yaml",
                 "dev36.yaml", "dev37.yaml", "dev38.yaml", "dev39.yaml", "dev40.yaml", "dev41.yaml", "dev42.yaml",
                 "dev43.yaml", "dev44.yaml", "dev45.yaml", "dev46.yaml", "dev47.yaml", "test.yaml"):
        if name != part:  # of the test part only its doc and source fields are read
            others += [{"doc": o["doc"], "source": o["source"]}
                       for o in yaml.safe_load((REAL / name).read_text(encoding="utf-8"))]
    assert len(mine) >= 110 and len({d["doc"] for d in mine}) >= documents
    assert not {d["doc"] for d in mine} & {o["doc"] for o in others}
    assert not {key(d["source"]) for d in mine} & {key(o["source"]) for o in others}
    assert all(d["source"].startswith("http") and d["licence"] and d["text"].strip() for d in mine)
    assert len({d["id"] for d in mine}) == len(mine)
