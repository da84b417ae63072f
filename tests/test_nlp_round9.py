"""Report text read by classes of language (issue 15, ninth round): each test pins one class the development part
`dev9.yaml` showed (lines of real chest and spine radiograph reports), with short sentences written for the test (none
is copied from the set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader
from spinekg.nlp.history import history_in

strict = reader("implant", "finding", "status", "level")


@pytest.mark.parametrize("text", [
    "PA and lateral views of the chest were obtained.",
    "AP chest, portable.",
    "Chest, 2 views, frontal and lateral.",
    "Lumbar spine series and chest series.",
    "Lordotic film.",
    "Two films of the thoracic spine.",
])
def test_an_exam_line_of_views_is_a_radiograph(text):
    assert {"modality": "Radiograph"} in history_in(text)


@pytest.mark.parametrize("text", ["The rod is seen on the lateral view.", "Displacement in the AP direction is 3 mm."])
def test_a_view_named_in_a_finding_is_no_exam_line(text):
    assert not any("modality" in h for h in history_in(text))


def test_a_stimulator_over_the_spine_is_where_its_lead_lies():
    assert ("spinal cord stimulator", "lead position", "affirmed", "T8") in strict(
        "A spinal stimulator is present with its tip overlying the T8 vertebral body.")
    assert ("lead", "lead position", "affirmed", "T10") in strict("The electrode tip projects over T10.")
    assert strict("Pedicle screws overlying the L4 vertebral body are intact.") == set()


def test_hardware_of_another_bone_is_not_the_spines():
    assert strict("The lateral most screw of the clavicular fixation plate is fractured.") == set()
    assert strict("Hardware of the right humerus is intact; the shoulder screws are loose.") == set()
    assert ("screw", "fracture", "affirmed", "L5") in strict("The left L5 screw is fractured; the shoulders are normal.")
