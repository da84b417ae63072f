"""Clinical NLP ingestion: free-text postoperative spine imaging reports to spinekg cases.

    from spinekg.nlp import ingest_file, extract
    result = ingest_file("report.txt", case_id="pt-17", context="history.yaml")
    result.case          # a dict in the case format (validated)
    result.provenance    # one entry per finding: sentence, character offsets, the matched spans
    result.to_yaml()     # the case as YAML, provenance as comments

Built on medspaCy rule-based components only (TargetMatcher, ConText, Sectionizer, its tokenizer)
over `spacy.blank("en")`: nothing is downloaded. spaCy and medspaCy are imported on first use
(install them with the `nlp` extra: `pip install 'spinekg[nlp]'`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import SpinekgError
from .report import (
    MAX_FINDINGS,
    MAX_REPORT_BYTES,
    MAX_SENTENCE_CHARS,
    ReportError,
    check_findings,
    check_sentences,
    check_text,
    read_report,
)

if TYPE_CHECKING:  # pragma: no cover
    from .case import IngestResult
    from .extractor import Extraction

__all__ = [
    "MAX_FINDINGS",
    "MAX_REPORT_BYTES",
    "MAX_SENTENCE_CHARS",
    "NLPUnavailable",
    "ReportError",
    "extract",
    "ingest_file",
    "ingest_text",
    "load_pipeline",
    "read_report",
]


class NLPUnavailable(SpinekgError, RuntimeError):
    """spaCy / medspaCy are not installed."""


def load_pipeline():
    """Build (once) and return the medspaCy pipeline; raises NLPUnavailable without medspaCy."""
    try:
        from .pipeline import get_nlp

        return get_nlp()
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise NLPUnavailable(
            f"the NLP extra is not installed ({exc.name or exc}): pip install 'spinekg[nlp]'") from None


def extract(text: str, label: str = "<text>") -> Extraction:
    """Extract hardware facts (with provenance) from report text; ReportError past the stated limits."""
    import warnings

    from .abbreviations import expand, restore
    from .extractor import extract_doc
    from .pipeline import STARTS_KEY, join_lines, sentence_starts
    from .typography import plain, requote

    check_sentences(text, label)
    nlp = load_pipeline()
    written, text = text, plain(text)  # "L4‐S1" typed with U+2010 is L4-S1
    expanded = expand(text)  # "rod fracture (RF) ... 12 RFs": the later uses read as "rod fractures"
    read = text if expanded is None else expanded.text
    starts = sentence_starts(read)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # spaCy's "no patterns" notice for medspaCy's unused token matcher
        # a line break inside a sentence is read as a space (one character for one), so that the words on either side
        # of it are next to each other ("the left lateral / margin of the thecal sac"); the sentences are those of the
        # report as written, lines and all
        doc = nlp.make_doc(join_lines(read, starts))
        doc.user_data[STARTS_KEY] = starts
        for _, component in nlp.pipeline:
            doc = component(doc)
    ex = extract_doc(doc, read)
    if expanded is not None:
        restore(ex, expanded)
    requote(ex, written)
    check_findings(len(ex.facts) + len(ex.set_aside), label)
    return ex


def ingest_text(text: str, *, case_id: str = "report", context: dict | None = None, source: str | None = None,
                context_label: str = "<context>") -> IngestResult:
    """Extract facts from report text and build a validated case (merged with a context case, if given)."""
    from .case import build_case

    check_text(text, source or "<text>")
    return build_case(extract(text, source or "<text>"), case_id=case_id, context=context, source=source, context_label=context_label)


def ingest_file(path, *, case_id: str | None = None, context=None, source: str | None = None) -> IngestResult:
    """Read a report file (UTF-8, at most MAX_REPORT_BYTES) and ingest it. `context` is a path or a dict."""
    from pathlib import Path

    from .case import default_case_id, read_context

    p = Path(path)
    text = read_report(p)
    ctx, ctx_label = (None, "<context>")
    if context is not None and not isinstance(context, dict):
        ctx, ctx_label = read_context(context), str(context)
    elif isinstance(context, dict):
        ctx = context
    cid = case_id or (ctx or {}).get("id") or default_case_id(p)
    return ingest_text(text, case_id=cid, context=ctx, source=source or p.name, context_label=ctx_label)
