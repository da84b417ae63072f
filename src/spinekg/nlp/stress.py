"""A maximal report: as large as ingestion accepts, for the benchmark and the bounded-time tests."""
from __future__ import annotations

from .report import MAX_FINDINGS, MAX_REPORT_BYTES, MAX_SENTENCE_CHARS

_FINDINGS = [
    "There is a 2 mm lucency surrounding the left S1 pedicle screw.",
    "The right L4 pedicle screw breaches the medial cortex of the pedicle by approximately 3 mm.",
    "Both rods are fractured at L5.",
    "The L3-4 cage has migrated posteriorly by 4 mm.",
    "No rod fracture is identified.",
]
_PLAIN = "The disc spaces are preserved and the alignment is unchanged since the prior study. "


def maximal_report(max_bytes: int = MAX_REPORT_BYTES - 64, findings: int = MAX_FINDINGS) -> str:
    """Sections, one sentence of the maximal length, finding sentences up to about `findings` findings,
    and plain sentences up to `max_bytes` bytes."""
    head = "EXAM: CT lumbar spine\nCLINICAL HISTORY: back pain after posterior L3-S1 fusion.\n\nFINDINGS:\n"
    long_sentence = ("The posterior elements " + "and the paraspinal soft tissues " * 200)[: MAX_SENTENCE_CHARS - 1] + ".\n"
    parts = [head, long_sentence]
    size = len(head) + len(long_sentence)
    n = 0
    i = 0
    while n + 2 <= findings * 0.9:
        s = _FINDINGS[i % len(_FINDINGS)] + "\n"
        parts.append(s)
        size += len(s)
        n += 2 if "Both" in s else 1
        i += 1
    tail = "\nIMPRESSION:\nHardware complications as above.\n"
    while size + len(_PLAIN) + len(tail) < max_bytes:
        parts.append(_PLAIN)
        size += len(_PLAIN)
    parts.append(tail)
    return "".join(parts)
