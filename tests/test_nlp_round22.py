"""Report text, twenty-second round (issue 15): phrasing of real public text that the development parts still lost -- a
screw "in an incorrect position", "not in the correct position", "outboard", "protrusion of the screw", a cohort's
"implant related complications in 6 cases (30%)", a construct's failure at its level ("failure of anterior fixation at
C7-T1"), and implants whose intended course crosses a joint ("three triangular implants traverse the right sacroiliac
joint"). Sentences are written for the test (none is copied from a set)."""
from __future__ import annotations

import pytest

pytest.importorskip("medspacy", reason="the nlp extra (medspacy) is not installed")

from nlp_facts import reader

facts = reader("implant", "finding", "status")
placed = reader("implant", "finding", "level", "side", "status")


# --- a screw out of its right place, in words ------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "fact"), [
    ("The right L5 screw is in an incorrect position.", ("screw", "screw position", "L5", "right", "affirmed")),
    ("The left T6 screw lies in a suboptimal position.", ("screw", "screw position", "T6", "left", "affirmed")),
    ("The L4 screw was not in the correct position.", ("screw", "screw position", "L4", None, "affirmed")),
    ("The right T9 screw is outboard.", ("screw", "screw position", "T9", "right", "affirmed")),
    ("There is protrusion of the left L4 screw.", ("screw", "screw position", "L4", "left", "affirmed")),
    ("The protruding C5 screw abuts the esophagus.", ("screw", "screw position", "C5", None, "affirmed")),
])
def test_a_screw_out_of_its_right_place_is_misplaced(text, fact):
    assert fact in placed(text)


@pytest.mark.parametrize(("text", "want"), [
    ("No protrusion of the screws.", {("screw", "screw position", "negated")}),
    ("The screws are in correct position.", set()),
    ("The screw was then placed in the correct position.", set()),
    ("The patient was placed in the prone position.", set()),
])
def test_a_screw_in_its_right_place_or_a_denied_protrusion_is_no_malposition(text, want):
    assert facts(text) == want


# --- a cohort's count of implant complications ----------------------------------------------------------------------

def test_a_counted_kind_of_complication_is_the_cohorts_finding():
    assert facts("Other complications include implant related complications in 6 cases (30%), adjacent level disease "
                 "in 4 cases (20%).") == {("hardware", "complication", "affirmed")}


def test_a_list_of_kinds_without_a_count_stays_a_general_statement():
    assert facts("Complications include implant related complications and adjacent level disease.") == set()


# --- a construct's failure at its level ------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "level"), [
    ("However, there was one mechanical failure of anterior fixation at C7-T1.", "C7-T1"),
    ("Failure of the posterior instrumentation at L4-L5 was seen.", "L4-L5"),
    ("There was hardware failure at C3.", "C3"),
])
def test_a_failure_of_the_construct_takes_the_level_written_after_it(text, level):
    assert placed(text) == {("hardware", "complication", level, None, "affirmed")}


def test_a_level_of_another_finding_after_the_failure_is_not_the_constructs():
    assert placed("There was no hardware failure; a compression fracture of T12 was seen.") == {
        ("hardware", "complication", None, None, "negated")}


# --- an implant's intended course across a joint ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Three triangular titanium implants traverse the right sacroiliac joint.",
    "Transarticular screws traverse the C1-C2 joint bilaterally.",
    "The iliosacral screw traverses the left SI joint into the S1 body.",
])
def test_an_implant_across_the_joint_it_fuses_is_not_misplaced(text):
    assert not {f for f in facts(text) if f[1] == "screw position"}


@pytest.mark.parametrize(("text", "fact"), [
    ("The left T8 screw traverses the canal.", ("screw", "screw position", "T8", "left", "affirmed")),
    ("The right S1 screw traverses the L5-S1 disc space.", ("screw", "screw position", "S1", "right", "affirmed")),
])
def test_a_screw_across_the_canal_or_a_disc_space_is_still_misplaced(text, fact):
    assert fact in placed(text)


# --- loosening read from the lucency of the clause before ------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "A thin 1 mm lucency now surrounds the right C4 lateral mass screw; early loosening cannot be excluded.",
    "New faint lucency around the right C4 lateral mass screw; early loosening is not excluded.",
])
def test_loosening_read_from_a_lucency_is_the_same_screws(text):
    got = placed(text)
    assert ("lateral mass screw", "lucency", "C4", "right", "affirmed") in got
    assert ("lateral mass screw", "loosening", "C4", "right", "uncertain") in got


def test_loosening_of_another_implant_after_the_lucency_is_that_implants():
    assert facts("Lucency around the right C4 screw; no loosening of the rods.") == {
        ("screw", "lucency", "affirmed"), ("rod", "loosening", "negated")}


# --- a header's text that runs on to the next line is one sentence -------------------------------------------------

def test_a_denial_split_over_a_line_break_after_a_header_still_denies():
    text = ("FINDINGS: Anterior plate and screws from C4 to C6 with associated susceptibility artifact. No\n"
            "evidence of hardware loosening or migration. At C3-4, disc osteophyte complex.\n")
    assert facts(text) == {("hardware", "loosening", "negated"), ("hardware", "migration", "negated")}


def test_a_header_line_followed_by_a_capitalised_line_is_still_two_sentences():
    text = "FINDINGS: Posterior fusion L4-S1\nThe left L5 screw is fractured.\n"
    assert facts(text) == {("screw", "fracture", "affirmed")}


# --- a denial does not reach a study's finding in the next clause ---------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Though he did not have recurrence of his symptoms, radiographs demonstrated anterior migration of the cage.",
     {("cage", "migration", "affirmed")}),
    ("No fever and CT demonstrated loosening of the L5 screws.", {("screw", "loosening", "affirmed")}),
    ("No fever and radiographs showed fracture of the left rod.", {("rod", "fracture", "affirmed")}),
    ("No fever and imaging revealed subsidence of the cage.", {("cage", "subsidence", "affirmed")}),
    ("No lucency around the screws and CT shows no fracture of the rods.",
     {("screw", "lucency", "negated"), ("rod", "fracture", "negated")}),
])
def test_a_denial_ends_where_a_study_begins_its_own_clause(text, want):
    assert facts(text) == want


# --- failed implants, and instruments that are not implants ---------------------------------------------------------

@pytest.mark.parametrize(("text", "want"), [
    ("Eight mechanically failed Harrington rods were retrieved.", {("rod", "complication", "affirmed")}),
    ("Two failed cages were removed.", {("cage", "complication", "affirmed")}),
    ("Five failed screws were exchanged.", {("screw", "complication", "affirmed")}),
    ("These failed plates were retrieved.", {("plate", "complication", "affirmed")}),
    ("In all, 3 failed rods were revised.", {("rod", "complication", "affirmed")}),
    ("Failed TLIF cages may be extracted and replaced through an anterior approach.", set()),
    ("We emphasise early detection and revision of failed MAGEC rods in clinical practice.", set()),
    ("The failed pedicle screws were removed.", {("pedicle screw", "complication", "affirmed")}),
    ("After two failed screw placement attempts, the screw was placed.", set()),
    ("During the procedure, the tip of the bolt cutter jaw broke.", set()),
    ("The left iliac bolt is fractured.", {("screw", "fracture", "affirmed")}),
])
def test_a_failed_implant_is_a_complication_and_a_bolt_cutter_is_no_implant(text, want):
    assert facts(text) == want


def test_no_significant_difference_between_groups_is_a_general_statement():
    assert facts("No significant difference was identified between the two groups regarding radiological outcome "
                 "and implant failure rate.") == set()


# --- where an implant went is no second direction -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The L5-S1 interbody cage has retropulsed approximately 4 mm into the ventral epidural space.",
    "The cage has migrated posteriorly into the ventral canal.",
])
def test_a_migration_into_part_of_the_canal_keeps_its_own_direction(text):
    got = reader("implant", "finding", "direction")(text)
    assert got == {("cage", "migration", "posterior")}
