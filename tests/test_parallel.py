"""Chunks for worker processes: the tail of a registry is cut evenly over the workers."""
from __future__ import annotations

import pytest

from spinekg.parallel import balanced_tail, batched


def sizes(n: int, chunk: int, parts: int) -> list[int]:
    got = list(balanced_tail(batched(range(n), chunk), parts))
    assert [x for c in got for x in c] == list(range(n))  # every item once, in order
    return [len(c) for c in got]


def test_a_short_last_chunk_is_shared_with_the_one_before():
    assert sizes(1000, 750, 2) == [500, 500]
    assert sizes(2600, 750, 2) == [750, 750, 550, 550]


@pytest.mark.parametrize("n, chunk, parts, want", [
    (1500, 750, 2, [750, 750]),           # already even: unchanged
    (3, 750, 2, [2, 1]),                  # fewer items than a chunk
    (1, 750, 4, [1]),                     # fewer items than parts: no empty chunk
    (0, 750, 2, []),
    (1000, 750, 1, [750, 250]),           # one worker: nothing to balance
    (10, 3, 3, [3, 3, 2, 2]),
])
def test_boundaries(n, chunk, parts, want):
    assert sizes(n, chunk, parts) == want


def test_no_chunk_grows_past_the_chunk_size():
    for n in range(0, 40):
        assert all(s <= 7 for s in sizes(n, 7, 3)), n


def test_the_process_driver_sends_balanced_chunks():
    from spinekg.cases import case_from_data
    from spinekg.reasoning import CaseInput, reason_chunks
    from spinekg.synth import synth_case

    cases = [case_from_data(synth_case(i, 0)) for i in range(10)]
    got = list(reason_chunks((CaseInput(c.case_id, c.ntriples) for c in cases), workers=2, chunk_size=8, sink=len))
    assert got == [5, 5]
