"""The report's study date and the earlier studies its comparison line names (`spinekg.nlp.studies`), and how they reach
the case: several studies, each finding the report's own study's, the time since surgery on that study. Reports are
written for the test."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from spinekg.nlp import ingest_text
from spinekg.nlp.studies import comparisons, day_first, study_date


@pytest.mark.parametrize(("text", "expected"), [
    ("EXAM: XR LUMBAR SPINE\nDATE: 11/24/2026\nFINDINGS: ...", "2026-11-24"),  # month first: 24 is no month
    ("EXAM: XR LUMBAR SPINE\nDate of service: 14/03/2026\nFINDINGS: ...", "2026-03-14"),  # day first
    ("EXAM DATE: 2026-06-02\nFINDINGS: ...", "2026-06-02"),
    ("Study date: March 3, 2026\n", "2026-03-03"),
    ("DATE: 3 Mar 2026\n", "2026-03-03"),
    # a date the report's other dates say how to read: "10/20/2026" is month first, so "12/01/2026" is 1 December
    ("Two views were obtained on 12/01/2026 and compared with the study of 10/20/2026.", "2026-12-01"),
    ("DATE: 05/05/2026\n", "2026-05-05"),  # the same either way
])
def test_the_study_date_is_read_as_the_report_writes_its_dates(text, expected):
    found = study_date(text)
    assert found is not None and found.date == expected


def test_a_date_that_could_be_either_day_or_month_first_is_left_unread_with_the_reason():
    found = study_date("EXAM: CT\nDATE: 02/09/2026\nFINDINGS: ...")
    assert found is not None and found.date is None and "cannot be told apart" in (found.why or "")
    assert day_first("DATE: 02/09/2026") is None
    assert study_date("DATE: 31/02/2026\n").date is None  # no such day


def test_a_month_and_year_or_no_date_line_give_no_date():
    assert study_date("EXAM: CT\nDATE: 06/2026\n") is None
    assert study_date("CT of the lumbar spine. There is a fractured rod.") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("COMPARISON: Lumbar spine radiographs 05/20/2026 and 09/30/2026; MRI 3/1/2026.",
     [("Radiograph", "2026-05-20"), ("Radiograph", "2026-09-30"), ("MRI", "2026-03-01")]),
    ("COMP: XR C-spine 10/21/2026.\nFINDINGS: ...", [("Radiograph", "2026-10-21")]),
    ("Comparison is made with CT lumbar spine dated 2025-09-12.", [("CT", "2025-09-12")]),
    ("Comparison: Radiographs of the lumbar spine, 08/2026.", [("Radiograph", None)]),  # a month is no date
    ("COMPARISON: None.", []),
    ("Comparison: No prior studies.", []),
    ("Comparison of plain radiographs and CT has not been done.", []),  # a sentence, not the comparison line
    ("FINDINGS: The cage is unchanged in position.", []),
])
def test_the_comparison_line_names_the_earlier_studies(text, expected):
    assert [(c.modality, c.date.date if c.date else None) for c in comparisons(text)] == expected


REPORT = """EXAM: CT LUMBAR SPINE WITHOUT CONTRAST
DATE: 11/24/2026
CLINICAL HISTORY: L4-S1 posterior instrumented fusion 14 months ago. Worsening low back pain.
COMPARISON: Lumbar spine radiographs 05/20/2026; CT 03/01/2026.
FINDINGS: The right rod is fractured at L5-S1.
"""


def test_the_case_holds_the_report_study_and_the_earlier_ones():
    case = ingest_text(REPORT, case_id="studies").case
    assert case["studies"] == [
        {"id": "study", "modality": "CT", "date": "2026-11-24", "interval_after_surgery": "14 months",
         "after": "procedure-1"},
        {"id": "comparison-1", "modality": "Radiograph", "date": "2026-05-20"},
        {"id": "comparison-2", "modality": "CT", "date": "2026-03-01"},
    ]
    # the time since surgery is the report's study's, said once; each finding is that study's
    assert all("time_before_study" not in p for p in case["procedures"])
    assert case["findings"] and all(f["study"] == "study" for f in case["findings"])


def test_one_study_keeps_the_case_as_it_was():
    case = ingest_text(REPORT.replace("COMPARISON: Lumbar spine radiographs 05/20/2026; CT 03/01/2026.\n", ""),
                       case_id="one-study").case
    assert case["studies"] == [{"id": "study", "modality": "CT", "date": "2026-11-24"}]
    assert case["procedures"][0]["time_before_study"] == "14 months"
    assert all("study" not in f for f in case["findings"])


def test_an_earlier_study_is_not_the_report_study_and_what_cannot_be_kept_is_noted():
    result = ingest_text("Comparison: CT 3/2/2024.\nThe right L5 screw is fractured.", case_id="no-exam-line")
    assert "studies" not in result.case  # the comparison's CT is not this report's modality
    assert any("1 comparison study ('CT 3/2/2024')" in n for n in result.notes)
    result = ingest_text("EXAM: CT\nDATE: 02/09/2026\nCOMPARISON: 06/02/2026.\nThe right L5 screw is fractured.",
                         case_id="unread")
    assert result.case["studies"] == [{"id": "study", "modality": "CT"}]
    assert any("the study's date '02/09/2026'" in n for n in result.notes)
    assert any("comparison study '06/02/2026' (no modality named)" in n for n in result.notes)


# --- a change measured against the earlier study ---------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "expected"), [
    ("The left lead has migrated caudally by one vertebral level.", 1.0),
    ("The lead tip moved cranially by 1.5 vertebral body heights.", 1.5),
    ("The right lead has descended by half a vertebral level.", 0.5),
    ("Both leads moved by two levels.", 2.0),
    ("The left lead has migrated caudally.", None),  # no amount
    ("The left lead moved by one level and the right by two levels.", None),  # two amounts: which is whose is not said
])
def test_a_lead_move_in_vertebral_levels_is_read(sentence, expected):
    from spinekg.nlp.case import levels_moved

    assert levels_moved(sentence) == expected


LEAD_REPORT = """EXAM: XR THORACIC SPINE 2 VIEWS
DATE: 11/24/2026
HISTORY: Spinal cord stimulator implanted 6 weeks ago. Loss of paresthesia coverage in the left leg.
COMPARISON: Radiographs 10/15/2026.
FINDINGS: The left lead has migrated caudally by one vertebral level, now at T10. No fracture of the leads.
"""


def test_a_lead_migration_is_measured_against_the_comparison_study_and_reaches_the_rule():
    import pyoxigraph as ox

    from spinekg import KnowledgeGraph
    from spinekg.vocab import inferred_graph

    result = ingest_text(LEAD_REPORT, case_id="lead-moved")
    migration = next(f for f in result.case["findings"] if f["type"] == "migration")
    assert migration["distance"] == "1 vertebral level"
    assert migration["compared_with"] == "comparison-1" and migration["study"] == "study"
    # a negated finding is no change against anything
    assert all("compared_with" not in f for f in result.case["findings"] if f.get("status") == "negated")
    kg = KnowledgeGraph.memory()
    assert kg.load_cases([result.loaded]) == ["lead-moved"]
    rows = kg.sparql("SELECT ?l WHERE { GRAPH ?g { ?c a skg:SignificantLeadMigration ; rdfs:label ?l } }",
                     bindings={"g": ox.NamedNode(inferred_graph("lead-moved"))}).rows
    assert [r["l"].value for r in rows] == [  # type: ignore[index]
        "significant stimulator lead migration: left stimulator lead moved 1 vertebral levels inferior between study "
        "comparison-1 and study study (>= 0.5 level, Mullins 2024); movement of this size was common in trials and not "
        "associated with trial failure: correlate with loss of coverage"]


def test_without_an_earlier_study_a_migration_is_compared_with_nothing():
    case = ingest_text(LEAD_REPORT.replace("COMPARISON: Radiographs 10/15/2026.\n", ""), case_id="lead-alone").case
    assert all("compared_with" not in f for f in case["findings"])


def test_a_comparison_line_of_many_dates_keeps_twenty_studies_and_says_so():
    dates = "; ".join(f"CT {m:02d}/15/2025" for m in range(1, 13)) + "; " + "; ".join(
        f"MRI {m:02d}/20/2024" for m in range(1, 13))
    result = ingest_text(f"EXAM: CT LUMBAR SPINE\nCOMPARISON: {dates}.\nThe right L5 screw is fractured.", case_id="many")
    assert len(result.case["studies"]) == 21  # the report's own and twenty earlier ones
    assert any("4 further comparison studies" in n for n in result.notes)


@pytest.mark.parametrize(("text", "expected"), [
    ("LUMBAR SPINE, FLEXION AND EXTENSION VIEWS, 11/24/2026\nHISTORY: One year after L4-5 TLIF.\n", "2026-11-24"),
    ("EXAM: CT L-SPINE 03/14/2026\nFINDINGS: ...", "2026-03-14"),
    ("XR LUMBAR SPINE\nHISTORY: L4-5 fusion 2024. Comparison: 06/02/2026.\n", None),  # the comparison's date is not the study's
])
def test_the_exam_line_or_title_dates_the_study(text, expected):
    found = study_date(text)
    assert (found.date if found else None) == expected


def test_each_study_of_the_comparison_line_keeps_its_own_modality_and_date():
    found = comparisons("Comparison: Preoperative MRI lumbar spine 02/11/2025. CT lumbar spine 07/30/2026.")
    assert [(c.modality, c.date.date if c.date else None) for c in found] == [("MRI", "2025-02-11"), ("CT", "2026-07-30")]


def test_a_migration_is_compared_with_the_study_its_sentence_dates_else_the_latest():
    report = ("EXAM: XR LUMBAR SPINE\nDATE: 11/24/2026\nHISTORY: L5-S1 ALIF 3 months ago.\n"
              "COMPARISON: Radiographs 09/15/2026 and 10/20/2026.\n"
              "FINDINGS: The L5-S1 cage has migrated anteriorly by 4 mm since the radiograph of 09/15/2026.\n")
    migration = next(f for f in ingest_text(report, case_id="dated").case["findings"] if f["type"] == "migration")
    assert migration["compared_with"] == "comparison-1"  # the study the sentence dates
    undated = report.replace(" since the radiograph of 09/15/2026", "")
    migration = next(f for f in ingest_text(undated, case_id="latest").case["findings"] if f["type"] == "migration")
    assert migration["compared_with"] == "comparison-2"  # the latest earlier study


def test_the_evaluation_counts_a_modality_once_and_no_level_count_as_millimetres():
    from spinekg.nlp.evaluation import case_layer_facts, case_layer_history

    history = case_layer_history(ingest_text(REPORT, case_id="scored"))
    assert [k for k in history if k[0] == "modality"] == [("modality", "CT"), ("modality", "Radiograph")]
    facts = case_layer_facts(ingest_text(LEAD_REPORT, case_id="scored-lead"))
    assert [f["mm"] for f in facts if f["finding"] == "migration"] == [None]
