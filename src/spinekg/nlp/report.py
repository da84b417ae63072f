"""Reading a report file: UTF-8 text of a bounded size, or one clear message."""
from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from ..errors import SpinekgError

# A radiology report is a few kilobytes; 256 KiB leaves room for long multi-study reports while
# keeping a mistaken input (a PDF, a DICOM file, a log) from being read into the NLP pipeline.
MAX_REPORT_BYTES = 256 * 1024
# Bounds on the work one report may ask for. Reading a sentence costs time growing with the square of
# its length (every cue is compared with every implant word and modifier of its sentence), so a
# sentence is bounded; the report as a whole then costs time linear in its length. Real report
# sentences are a few hundred characters; a 3,000-character "sentence" is a list or a table that lost
# its line breaks. The number of findings bounds the case built from the report.
MAX_SENTENCE_CHARS = 3000
MAX_FINDINGS = 500


class ReportError(SpinekgError, ValueError):
    """A report that cannot be read; str(exc) is the message for the user."""


def read_report(path: str | Path, max_bytes: int = MAX_REPORT_BYTES) -> str:
    """Return the text of a report file, or raise ReportError saying what is wrong."""
    p = Path(path)
    label = str(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise ReportError(f"{label}: file not found") from None
    except OSError as exc:
        raise ReportError(f"{label}: cannot read the file ({exc.strerror or exc})") from None
    if p.is_dir():
        raise ReportError(f"{label}: is a directory, not a report file")
    if size > max_bytes:
        raise ReportError(f"{label}: the file is {size:,} bytes, over the limit of {max_bytes:,} bytes "
                          f"({max_bytes // 1024} KiB) for one report; split it into one file per report")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReportError(f"{label}: cannot read the file ({exc.strerror or exc})") from None
    if len(data) > max_bytes:  # grew while reading
        raise ReportError(f"{label}: the file is over the limit of {max_bytes:,} bytes for one report")
    return decode_report(data, label)


def decode_report(data: bytes, label: str = "<report>") -> str:
    """Decode report bytes as UTF-8 (a BOM is allowed), or raise ReportError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(f"{label}: the file is UTF-16 text; save it as UTF-8")
    if b"\x00" in data[:4096]:
        raise ReportError(f"{label}: the file looks binary (it contains NUL bytes), not a text report")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        line = data[:exc.start].count(b"\n") + 1
        raise ReportError(f"{label}: the file is not UTF-8 text (byte 0x{bad} at offset {exc.start}, line {line}); "
                          f"save the report as UTF-8") from None
    check_text(text, label)
    return text


def check_text(text: str, label: str = "<report>", max_bytes: int = MAX_REPORT_BYTES) -> None:
    """Raise ReportError for text that is empty or too long."""
    if not isinstance(text, str):
        raise ReportError(f"{label}: the report must be text, not {type(text).__name__}")
    if not text.strip():
        raise ReportError(f"{label}: the report is empty")
    if len(text.encode("utf-8")) > max_bytes:
        raise ReportError(f"{label}: the report is over the limit of {max_bytes:,} bytes")


def check_sentences(text: str, label: str = "<report>", max_chars: int = MAX_SENTENCE_CHARS) -> None:
    """Raise ReportError for a sentence longer than max_chars (one message: where it starts, how long it is)."""
    from .pipeline import sentence_starts

    for a, b in pairwise([*sentence_starts(text), len(text)]):
        if b - a > max_chars:
            chunk = text[a:b].rstrip()
            if len(chunk) > max_chars:
                line = text.count("\n", 0, a) + 1
                raise ReportError(f"{label}: line {line}: a sentence of {len(chunk):,} characters is over the limit of "
                                  f"{max_chars:,} characters per sentence; end sentences with a full stop or a line break")


def check_findings(n: int, label: str = "<report>", max_findings: int = MAX_FINDINGS) -> None:
    """Raise ReportError when a report yields more findings than one case may hold."""
    if n > max_findings:
        raise ReportError(f"{label}: the report gives {n:,} findings, over the limit of {max_findings:,} findings per "
                          f"report; split it into one file per report")
