"""Synthetic registries (`spinekg synth`): deterministic, varied, and valid against the format and the shapes."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from spinekg.api import check_case
from spinekg.cases import case_from_data
from spinekg.synth import iter_case_data, synth_case, synth_cases, write_registry
from spinekg.synth_command import synth

SAMPLE = 300


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return list(synth_cases(SAMPLE, seed=11))


@pytest.fixture(scope="module")
def loaded(sample):
    return [case_from_data(d, d["id"]) for d in sample]


def test_deterministic_by_seed():
    assert synth_case(5, seed=1) == synth_case(5, seed=1)
    assert synth_case(5, seed=1) != synth_case(5, seed=2)
    # case i does not depend on how many cases are written
    assert list(synth_cases(3, seed=4, start=10)) == [synth_case(i, 4) for i in (10, 11, 12)]


def test_every_case_is_valid_in_the_case_format(loaded, sample):
    assert [lc.case_id for lc in loaded] == [d["id"] for d in sample]
    sizes = [len(lc.graph) for lc in loaded]
    assert min(sizes) >= 40 and max(sizes) < 600


def test_a_sample_passes_the_shacl_shapes(tmp_path):
    files = write_registry(tmp_path, 40, seed=12)
    for f in files:
        check_case(f)  # raises CaseError on any format or SHACL problem


def test_cases_vary_in_what_the_rules_look_at(sample, loaded):
    titles = Counter(d["title"].split(": ", 1)[1].split()[0] for d in sample)
    assert set(titles) >= {"lumbar", "thoracolumbar", "thoracic", "cervical", "cervicothoracic",
                           "anterior-cervical", "extension", "stimulator"}
    findings = [f for d in sample for f in d.get("findings", [])]
    kinds = Counter(f["type"] for f in findings)
    for kind in ("lucency", "rod connector", "fracture", "subsidence", "lead position", "migration",
                 "screw rod disconnection"):
        assert kinds[kind] > 0, kind
    assert kinds["screw position"] + kinds["breach"] > 0
    assert kinds["loosening"] + kinds["screw loosening"] > 0
    statuses = Counter(f.get("status", "affirmed") for f in findings)
    assert statuses["negated"] > 10 and statuses["uncertain"] > 10
    widths = [float(f["width"].split()[0]) * (10 if f["width"].endswith("cm") else 1)
              for f in findings if "width" in f]
    assert min(widths) < 1.0 and any(abs(w - 1.0) < 1e-9 for w in widths) and max(widths) > 2.0
    distances = [float(f["distance"].split()[0]) for f in findings if f["type"] in ("screw position", "breach")
                 and "distance" in f]
    assert min(distances) < 2 and any(4 <= d < 6 for d in distances) and max(distances) >= 6
    assert any(f.get("double_halo") for f in findings)
    assert any(f.get("side") == "bilateral" for f in findings)
    implants = Counter(i["type"] for d in sample for i in d["implants"])
    assert {"pedicle screw", "lateral mass screw", "rod", "interbody cage", "plate",
            "spinal cord stimulator"} <= set(implants)
    assert implants["domino connector"] + implants["rod to rod connector"] > 0
    modalities = Counter(s["modality"] for d in sample for s in d["studies"])
    assert set(modalities) == {"CT", "radiograph", "MRI"}
    units = {s["interval_after_surgery"].split()[1] for d in sample for s in d["studies"] if "interval_after_surgery" in s}
    assert units == {"days", "weeks", "months", "years"}
    risk = Counter(r for d in sample for r in d["patient"]["risk_factors"])
    assert {"smoking", "diabetes", "osteoporosis"} <= set(risk)
    assert any(not d["patient"]["symptoms"] for d in sample) and any(d["patient"]["symptoms"] for d in sample)
    assert any(len(d["studies"]) == 2 for d in sample)
    spans = Counter(len(lc.case.procedures[0].levels) for lc in loaded if lc.case.procedures)
    assert min(spans) <= 2 and max(spans) >= 9  # short and long constructs


def test_command_writes_yaml_and_jsonl_that_read_back(tmp_path: Path):
    runner = CliRunner()
    res = runner.invoke(synth, ["--cases", "25", "--seed", "3", "--out", str(tmp_path / "y")])
    assert res.exit_code == 0, res.output
    assert "wrote 25 synthetic case(s)" in res.output
    files = sorted((tmp_path / "y").glob("*.yaml"))
    assert len(files) == 25
    assert yaml.safe_load(files[0].read_text()) == synth_case(0, 3)
    res = runner.invoke(synth, ["--cases", "25", "--seed", "3", "--out", str(tmp_path / "j"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    [jf] = (tmp_path / "j").glob("*.jsonl")
    assert json.loads(jf.read_text().splitlines()[7]) == synth_case(7, 3)
    from_yaml = [d for _, d in iter_case_data(tmp_path / "y")]
    from_jsonl = [d for _, d in iter_case_data(tmp_path / "j")]
    assert from_yaml == from_jsonl == list(synth_cases(25, 3))


def test_command_progress_bar_and_errors(tmp_path: Path):
    runner = CliRunner()
    res = runner.invoke(synth, ["--cases", "300", "--out", str(tmp_path / "p"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert "writing 300 cases" in res.output  # the progress bar's label
    res = runner.invoke(synth, ["--cases", "0", "--out", str(tmp_path / "z")])
    assert res.exit_code == 2
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = runner.invoke(synth, ["--cases", "2", "--out", str(blocker / "sub")])
    assert res.exit_code != 0
