"""The NLP benchmark scripts: what they print on small inputs, and one clear error for a file they cannot use."""
from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

ROOT = Path(__file__).resolve().parents[1]


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_whole_notes_prints_the_facts_of_notes_naming_spinal_hardware(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    with notes.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["transcription"])
        writer.writerow(["FINDINGS: Pedicle screws at L4 and L5. The left L5 screw is fractured. "
                         "The carotid sheath was retracted laterally."])
        writer.writerow(["The patient has allergic rhinitis."])
    assert _script("nlp_whole_notes").main([str(notes)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "1 notes of 2, 1 facts"
    assert "screw | fracture | affirmed | L5 | left" in out[0]


def test_whole_notes_names_a_note_ingest_would_refuse_and_reads_the_others(tmp_path, capsys):
    notes = tmp_path / "notes.csv"
    with notes.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["transcription"])
        writer.writerow(["The lumbar pedicle screws " + "and more words " * 300])  # one sentence over 3,000 characters
        writer.writerow(["FINDINGS: The left L5 pedicle screw is fractured."])
    assert _script("nlp_whole_notes").main([str(notes)]) == 1
    captured = capsys.readouterr()
    assert f"{notes}: note 0: " in captured.err and "3,000 characters" in captured.err and "Traceback" not in captured.err
    assert captured.out.splitlines()[-1] == "2 notes of 2, 1 facts, 1 notes refused (see above)"


def test_whole_notes_names_a_file_it_cannot_read(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        _script("nlp_whole_notes").main([str(tmp_path / "missing.csv")])
    assert stop.value.code == 2
    assert "missing.csv: cannot be read" in capsys.readouterr().err


def test_nlp_eval_scores_a_set_outside_the_repository_read_whole(tmp_path, capsys):
    data = tmp_path / "set.yaml"
    data.write_text(
        "- {id: a1, doc: a, text: 'The left L5 screw is seen.', facts: []}\n"
        "- {id: a2, doc: a, text: 'It has backed out.', facts: [{implant: screw, finding: migration, status: affirmed,"
        " level: L5, side: left}]}\n", encoding="utf-8")
    assert _script("nlp_eval").main(["--data", str(data), "--documents", "--reports", "1", "--skip-maximal"]) == 0
    out = capsys.readouterr().out
    assert f"=== {data}: 2 sentences, 1 annotated facts" in out
    documents = out.split("documents read whole (1 of two sentences or more)")[1].splitlines()[1]
    assert documents.split()[-3:] == ["1", "0", "0"]  # tp fp fn: the second sentence refers back to the screw


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot be read"),
    ("- {id: 1}\n", "not an evaluation set"),
    ("a: [", "not an evaluation set"),
])
def test_nlp_eval_names_a_set_it_cannot_use(tmp_path, capsys, content, message):
    data = tmp_path / "set.yaml"
    if content is not None:
        data.write_text(content, encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        _script("nlp_eval").main(["--data", str(data), "--reports", "1", "--skip-maximal"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert f"{data}: {message}" in err and "Traceback" not in err


def test_nlp_eval_gives_the_average_length_of_the_reports_it_timed(tmp_path, capsys):
    one = tmp_path / "one.yaml"
    one.write_text("- id: a\n  text: \"The left L5 screw is fractured.\"\n  facts: []\n", encoding="utf-8")
    module = _script("nlp_eval")
    assert module.main(["--data", str(one), "--reports", "1", "--skip-maximal"]) == 0
    from spinekg.nlp.evaluation import load_eval_set

    docs = module._reports(load_eval_set(one))
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("throughput:"))
    # one report timed: the first built (the published findings), not the mean of all built
    assert f"(1 reports of {len(docs[0])} characters on average" in line
    assert len(docs) > 1 and len(docs[0]) != round(sum(map(len, docs)) / len(docs))


def test_nlp_eval_lists_a_case_the_validation_refuses(tmp_path, capsys, monkeypatch):
    import spinekg.nlp as nlp
    from spinekg.nlp.case import IngestError, Problem

    def refuse(text, case_id, **_):
        raise IngestError([Problem("x", "implants[0].level", "'T7-T8' is not a vertebral level")])

    monkeypatch.setattr(nlp, "ingest_text", refuse)
    data = tmp_path / "set.yaml"
    data.write_text("- {id: r1, text: 'The right L5 screw is loose.', facts: []}\n", encoding="utf-8")
    assert _script("nlp_eval").main(["--data", str(data), "--reports", "1", "--skip-maximal"]) == 0
    assert "REFUSED r1: " in capsys.readouterr().out


def test_nlp_eval_also_times_the_reports_before_the_evaluation_has_read_them(tmp_path, capsys):
    one = tmp_path / "one.yaml"
    one.write_text("- id: a\n  text: \"The left L5 screw is fractured.\"\n  facts: []\n", encoding="utf-8")
    module = _script("nlp_eval")
    assert module.main(["--data", str(one), "--reports", "2", "--skip-maximal"]) == 0
    out = capsys.readouterr().out
    warm = next(x for x in out.splitlines() if x.startswith("throughput:"))
    cold = next(x for x in out.splitlines() if x.startswith("throughput on text not read before"))
    assert "read before by the evaluation" in warm
    assert float(cold.split(":")[1].split()[0]) > 0


def test_nlp_eval_times_unread_reports_again_after_reading_every_other_report(tmp_path, capsys):
    many = tmp_path / "many.yaml"
    many.write_text("".join(f"- id: s{i}\n  text: \"The left L{1 + i % 5} screw is fractured ({i}).\"\n  facts: []\n"
                            for i in range(200)), encoding="utf-8")
    module = _script("nlp_eval")
    from spinekg.nlp.evaluation import load_eval_set

    others = len(module._reports(load_eval_set(many))) - 1
    assert others > 21  # more reports than the one timed and the twenty of the first warm-up
    assert module.main(["--data", str(many), "--reports", "1", "--skip-maximal"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("throughput on text not read before, after"))
    assert f"after {others} other reports were read:" in line and float(line.split(":")[1].split()[0]) > 0


def test_nlp_eval_gives_no_warmed_up_figure_without_other_reports_to_read(tmp_path, capsys):
    one = tmp_path / "one.yaml"
    one.write_text("- id: a\n  text: \"The left L5 screw is fractured.\"\n  facts: []\n", encoding="utf-8")
    assert _script("nlp_eval").main(["--data", str(one), "--reports", "1", "--skip-maximal"]) == 0
    assert "other reports were read" not in capsys.readouterr().out
    assert _script("nlp_eval").main(["--data", str(one), "--reports", "1", "--skip-maximal", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)  # (valid JSON: not measured is null, not NaN)
    assert out["warm_up_reports"] == 0 and out["reports_per_cpu_s_unread_after_warm_up"] is None


def test_nlp_throughput_alternates_the_two_versions_and_gives_the_medians(tmp_path, capsys, monkeypatch):
    import subprocess

    throughput = _script("nlp_throughput")
    (tmp_path / "spinekg").mkdir()
    (tmp_path / "spinekg" / "__init__.py").write_text("", encoding="utf-8")
    runs = []
    figures = iter(["unread-after-20 80.0 read 100.0", "unread-after-2953 90.0", "unread-after-20 110.0 read 120.0",
                    "unread-after-2953 115.0"] * 2 + ["unread-after-20 84.0 read 104.0", "unread-after-2953 94.0",
                                                      "unread-after-20 100.0 read 130.0", "unread-after-2953 125.0"])

    def fake_run(cmd, env, **kw):
        runs.append((env.get("PYTHONPATH"), cmd[-1]))
        return subprocess.CompletedProcess(cmd, 0, stdout=next(figures) + "\n", stderr="")

    monkeypatch.setattr(throughput.subprocess, "run", fake_run)
    assert throughput.main(["--other", str(tmp_path), "--pairs", "3"]) == 0
    out = capsys.readouterr().out
    # other, then installed, each a short and a long run, in every pair
    assert runs[:4] == [(str(tmp_path.resolve()), "short"), (str(tmp_path.resolve()), "long"), (None, "short"), (None, "long")]
    assert len(runs) == 12
    assert "median other unread-after-20 80.0 (range 80.0-84.0)" in out
    assert "median installed read 120.0 (range 120.0-130.0)" in out
    assert "median installed unread-after-others 115.0 (range 115.0-125.0)" in out


def test_nlp_throughput_names_a_folder_without_the_package_and_a_failed_run(tmp_path, capsys, monkeypatch):
    import subprocess

    throughput = _script("nlp_throughput")
    with pytest.raises(SystemExit) as stop:
        throughput.main(["--other", str(tmp_path)])
    assert stop.value.code == 2 and "not a folder with a spinekg package" in capsys.readouterr().err
    (tmp_path / "spinekg").mkdir()
    (tmp_path / "spinekg" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(throughput.subprocess, "run",
                        lambda cmd, **kw: subprocess.CompletedProcess(cmd, 1, stdout="", stderr="ImportError: spinekg"))
    assert throughput.main(["--other", str(tmp_path), "--pairs", "1"]) == 1
    assert "other: the short run failed:\nImportError: spinekg" in capsys.readouterr().err
