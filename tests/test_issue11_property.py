"""Issue 11, checks: a property-based test (Hypothesis) that mutates the valid example cases.

Whatever the mutation (a field removed, renamed, duplicated, set to a hostile value, the text cut or
spliced), a case file is either valid and loadable, or refused with located problems (one per problem:
no two alike), never another exception; and a refused case leaves the store as it was.
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spinekg import KnowledgeGraph
from spinekg.api import check_case_text
from spinekg.cases import CaseError

CASES = sorted((Path(__file__).parent.parent / "kb" / "cases").glob("*.yaml"))
DATA = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in CASES]

hostile_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["T13", "L6", "C0", "S6", "bilateral", "left", "-2 mm", "1e999 mm", "NaN mm", "4 kg", "abc\n",
                     "http://x> . } } ; DROP ALL ;", "file:///etc/passwd", "pedicle screw", "rod", "lucency",
                     "screw position", "CT", "MRI", "6 months", "-6 months", "9" * 60, "", " ", "\x00", "T2-T1",
                     "C7-T13", "domino connector", "radiopaedia-connector-failure"]),
)
leaf = st.one_of(st.none(), st.booleans(), st.integers(min_value=-10**50, max_value=10**50),
                 st.floats(allow_nan=True, allow_infinity=True), hostile_text)
value = st.recursive(leaf, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                   st.dictionaries(hostile_text, inner, max_size=4)), max_leaves=12)


def _paths(data: object, keys: tuple = ()) -> list[tuple]:
    out = [keys]
    if isinstance(data, dict):
        for k, v in data.items():
            out.extend(_paths(v, (*keys, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.extend(_paths(v, (*keys, i)))
    return out


def _parent(data: object, keys: tuple) -> object:
    for k in keys[:-1]:
        data = data[k]  # type: ignore[index]
    return data


@st.composite
def mutated_case(draw) -> tuple[str, str]:
    data = copy.deepcopy(draw(st.sampled_from(DATA)))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        keys = draw(st.sampled_from(paths))
        parent = _parent(data, keys)
        kind = draw(st.sampled_from(["set", "delete", "rename", "duplicate", "add"]))
        last = keys[-1]
        if kind == "set":
            parent[last] = draw(value)
        elif kind == "delete":
            del parent[last]
        elif kind == "rename" and isinstance(parent, dict):
            parent[draw(hostile_text)] = parent.pop(last)
        elif kind == "duplicate" and isinstance(parent, list):
            parent.insert(last, copy.deepcopy(parent[last]))
        elif kind == "add" and isinstance(parent, dict):
            parent[draw(hostile_text)] = draw(value)
    as_json = draw(st.booleans())
    try:
        text = json.dumps(data, allow_nan=True) if as_json else yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    except (TypeError, ValueError, yaml.YAMLError):
        text = str(data)
    if draw(st.integers(0, 4)) == 0:  # splice the text itself
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 40))
        text = text[:at] + draw(st.text(max_size=20)) + text[at + cut:]
    return text, ".json" if as_json else ".yaml"


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    graph = KnowledgeGraph.memory()
    graph.load([CASES[0]])
    return graph


def _dump(kg: KnowledgeGraph) -> bytes:
    return kg.store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                                                   HealthCheck.function_scoped_fixture])
@given(case=mutated_case())
def test_a_mutated_case_is_valid_and_loadable_or_refused_with_located_problems(kg, case):
    text, suffix = case
    label = f"mutant{suffix}"
    before = _dump(kg)
    try:
        loaded = check_case_text(text, suffix, label)
    except CaseError as exc:
        assert exc.problems
        seen = set()
        for p in exc.problems:
            assert p.source == label and p.message.strip()
            assert str(p).startswith(label)
            assert (p.path, p.message) not in seen, f"the same problem twice: {p}"
            seen.add((p.path, p.message))
        with pytest.raises(CaseError):
            kg.load_text(text, suffix, label=label)
        assert _dump(kg) == before  # nothing was written
        return
    ids = kg.load_cases([loaded])  # valid: it loads and reasons
    assert ids == [loaded.case_id] and kg.has_case(loaded.case_id)
