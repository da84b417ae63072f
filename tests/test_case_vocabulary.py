"""The words a case file may use come from the ontology's labels and synonyms too, and a word that is
not one is answered with the closest accepted word (issue 17)."""
from __future__ import annotations

import pytest

from spinekg.cases import CaseError, case_from_data
from spinekg.cases import terms as T
from spinekg.cases.vocabulary import accepted_words, closest, lookup


def case(implant_type: str, finding_type: str = "lucency") -> dict:
    return {"id": "v1", "patient": {"age": 50, "sex": "male"},
            "implants": [{"id": "s1", "type": implant_type, "level": "L4", "side": "left"}],
            "studies": [{"id": "ct", "modality": "CT"}],
            "findings": [{"type": finding_type, "implant": "s1", "width": "2 mm"}]}


def test_an_ontology_synonym_is_accepted():
    loaded = case_from_data(case("transpedicular screw"))
    assert loaded.case is not None and loaded.case.implants[0].kind == "PedicleScrew"
    assert lookup("Transpedicular-Screw", T.IMPLANT_TYPES) == "PedicleScrew"


def test_the_list_of_accepted_words_holds_multi_word_terms_and_synonyms():
    words = accepted_words(T.IMPLANT_TYPES)
    for word in ("pedicle screw", "transpedicular screw", "lateral mass screw", "rod to rod connector",
                 "spinal cord stimulator", "interbody cage"):
        assert word in words
    assert words["pedicle screw"] == "PedicleScrew"


def test_an_unknown_word_gets_the_closest_term_and_the_full_list():
    with pytest.raises(CaseError) as err:
        case_from_data(case("pedical screw"))
    (problem,) = err.value.problems
    assert problem.path == "implants[0].type"
    assert "'pedical screw' is not a known implant type; did you mean 'pedicle screw'?" in problem.message
    assert "pedicle screw, pedicular screw" in problem.message and "transpedicular screw" in problem.message
    assert ", ...)" not in problem.message  # the whole list, not a cut one


def test_a_word_far_from_any_term_gets_no_suggestion():
    assert closest("zebra", T.IMPLANT_TYPES) is None
    with pytest.raises(CaseError) as err:
        case_from_data(case("pedicle screw", finding_type="zebra"))
    message = err.value.problems[0].message
    assert "'zebra' is not a known finding type (known: " in message and "did you mean" not in message


def test_the_case_formats_own_words_win_over_the_ontology():
    assert lookup("screw", T.IMPLANT_TYPES) == "Screw"
    assert lookup("connector", T.IMPLANT_TYPES) == "RodToRodConnector"
