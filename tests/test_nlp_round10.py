"""Report text read by classes of language (issue 15, tenth round): each test pins one class the development part
`dev10.yaml` showed (surgeons' case pages, operative notes, stimulator series, revision literature), with short
sentences written for the test (none is copied from the set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp.history import history_in

findings = reader("implant", "finding", "status", "level", "side")
kinds = reader("implant", "finding")


def test_a_medial_breech_and_a_refracture():
    assert ("pedicle screw", "screw position", "affirmed", "L4", "right") in findings(
        "She had a medial breech of a right L4 pedicle screw.")
    assert ("plate", "fracture") in kinds("Both plates refractured at the old crease.")


def test_hardware_dissociated_from_the_spine_has_migrated_from_a_part_disconnected():
    assert ("hardware", "migration") in kinds("The retained hardware has disassociated from her spinal column.")
    assert ("screw", "disconnection") in kinds("The screw head has disassociated from the shank.")


def test_a_luxated_implant_has_migrated():
    assert ("cage", "migration") in kinds("CT showed anterior luxation of the cage.")


def test_screws_of_an_instrumentation_take_its_levels():
    got = findings("The screws from the L5-S1 instrumentation had encroached into the spinal canal.")
    assert {("screw", "screw position", "affirmed", lv, None) for lv in ("L5", "S1")} <= got


def test_a_procedures_levels_are_not_an_implants():
    got = findings("He presented with a screw in the spinal canal status post L4-S1 posterior fusion.")
    assert ("screw", "screw position", "affirmed", None, None) in got
    assert not any(level == "L4" for _, _, _, level, _ in got)


def test_screw_placement_bilaterally_gives_both_sides():
    got = findings("Radiographs demonstrate pedicle screw placement at L5 bilaterally without evidence of malposition.")
    assert {("pedicle screw", "screw position", "negated", "L5", side) for side in ("left", "right")} <= got


def test_bone_elements_that_were_found_loose_are_not_an_implant():
    assert kinds("The L4 posterior elements were noted to be significantly loosened and unstable.") == set()


@pytest.mark.parametrize("text", [
    "Eventually, the rod will break because of the excess motion.",
    "It is unclear what the role of lead migration is in the change of paresthesia.",
    "In cases of symptomatic screw loosening, few options exist.",
    "Most surgeons tended not to re-operate on asymptomatic breaches.",
    "Asymptomatic cage migration may be conservatively managed.",
    "There are few reported cases of extruded hardware.",
    "Revision for a migrated cage can be technically challenging.",
    "The most morbid of which is lead migration from the implantation site.",
    "This mechanism could potentially explain screw loosening and fracture.",
    "These methods result in a high incidence of internal fixation loosening.",
    "The average lead migration was 2.1 mm in one group compared to 3.0 mm in the other.",
    "Harms and Melcher [11] reported screws broken in the C1 lateral mass.",
    "Smith et al. (2010) reported rod fracture in long constructs.",
    "Pseudarthrosis can also lead to loosening of the hardware.",
    "I do not think there is need for halo rest.",
])
def test_general_statements_of_the_literature_and_advice(text):
    assert kinds(text) == set(), kinds(text)


def test_a_cohorts_mean_migration_alone_is_its_finding():
    assert ("lead", "migration") in kinds("The average lead migration was 3.05 mm inferiorly from standing to sitting.")


@pytest.mark.parametrize("text, entry", [
    ("ACDF was done at C3-C4, C4-C5, and C5-C6.", {"procedure": "anterior fusion", "levels": "C3-C6"}),
    ("A lateral interbody fusion was performed at L2-3 and L3-4.", {"procedure": "fusion", "levels": "L2-L4"}),
    ("Posterior spinal fusion at the level of L4-L5 and L5-S1.", {"procedure": "posterior fusion", "levels": "L4-S1"}),
    ("Posterior spinal fusion, T2 to pelvis using local bone.", {"procedure": "posterior fusion", "levels": "T2-S1"}),
    ("He underwent a L5-S1 decompression and fusion.", {"procedure": "fusion", "levels": "L5-S1"}),
])
def test_the_levels_of_a_procedure_listed_or_written_before_it(text, entry):
    assert entry in history_in(text)


def test_listed_levels_that_are_not_adjacent_are_not_one_span():
    got = [h for h in history_in("ACDF was done at C3-C4 and C5-C6.") if "procedure" in h]
    assert got and all(h.get("levels") != "C3-C6" for h in got)
