"""Report ingestion costs time linear in the report's length, with stated limits (issue 11, section 3)."""
from __future__ import annotations

import time

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from click.testing import CliRunner  # noqa: E402

from spinekg.nlp import (MAX_FINDINGS, MAX_REPORT_BYTES, MAX_SENTENCE_CHARS, ReportError, extract,  # noqa: E402
                         ingest_text, load_pipeline)
from spinekg.nlp.command import ingest  # noqa: E402
from spinekg.nlp.stress import maximal_report  # noqa: E402

PARA = ("There is a 2 mm lucency surrounding the left S1 pedicle screw. No rod fracture is identified. "
        "The disc spaces are preserved and alignment is unchanged. ")


@pytest.fixture(scope="module", autouse=True)
def _pipeline():
    load_pipeline()


def _seconds(fn) -> float:
    """The least CPU time of three runs (CPU, not wall, time: other processes on the machine do not count)."""
    best = float("inf")
    for _ in range(3):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def test_maximal_report_is_read_in_bounded_time():
    big = maximal_report()
    assert MAX_REPORT_BYTES - 200 < len(big.encode()) <= MAX_REPORT_BYTES
    t = time.perf_counter()
    ex = extract(big)
    elapsed = time.perf_counter() - t
    assert 100 < len(ex.facts) <= MAX_FINDINGS
    assert elapsed < 30, f"a maximal report took {elapsed:.1f} s"


def test_maximal_report_becomes_a_case_in_bounded_time():
    t = time.perf_counter()
    result = ingest_text(maximal_report(), case_id="maximal")
    assert result.case["findings"]
    assert time.perf_counter() - t < 40


def test_cost_grows_linearly_with_the_number_of_sentences():
    small, large = PARA * 50, PARA * 200
    t_small = _seconds(lambda: extract(small))
    t_large = _seconds(lambda: extract(large))
    assert t_large < 4 * t_small * 2.0, (t_small, t_large)  # 4x the text: well under the 16x of a quadratic cost


def test_one_long_sentence_gets_one_clear_error_at_once():
    text = "lucency around the left L4 screw and " * (250_000 // 37)
    t = time.perf_counter()
    with pytest.raises(ReportError) as err:
        ingest_text(text, case_id="x", source="long.txt")
    assert time.perf_counter() - t < 5
    msg = str(err.value)
    assert msg.startswith("long.txt: line 1: a sentence of ") and f"{MAX_SENTENCE_CHARS:,} characters" in msg


def test_a_sentence_at_the_limit_is_accepted_and_one_over_is_not():
    at = ("x" * (MAX_SENTENCE_CHARS - 1)) + "."
    assert extract(at).facts == []
    with pytest.raises(ReportError, match="per sentence"):
        extract("y" * (MAX_SENTENCE_CHARS + 1) + ".")


def test_too_many_findings_get_one_clear_error():
    sentence = "Both rods are fractured at L5.\n"
    n = MAX_FINDINGS // 2 + 1  # two findings each
    with pytest.raises(ReportError, match=f"over the limit of {MAX_FINDINGS:,} findings per report"):
        extract(sentence * n, "many.txt")
    assert len(extract(sentence * (MAX_FINDINGS // 2)).facts) == MAX_FINDINGS


def test_cli_reports_the_limit_without_a_traceback(tmp_path):
    p = tmp_path / "long.txt"
    p.write_text("screw " * 1000, encoding="utf-8")
    res = CliRunner().invoke(ingest, [str(p)])
    assert res.exit_code == 1
    assert "per sentence" in res.output and "Traceback" not in res.output
