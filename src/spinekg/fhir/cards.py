"""CDS Hooks 2.0 cards from a case's conclusions: summary, indicator, markdown detail, source, links.

One card when something is found (a complication, a revision indication, an elevated non-union
risk); none otherwise. The indicator is `critical` for a breach threatening neural or vascular
structures, `warning` for a revision indication, hardware complication or high non-union risk,
else `info`. Wording is decision support ("revision evaluation indicated"), never an order.
"""
from __future__ import annotations

import uuid
from typing import Any

from .conclusions import Conclusion, Publication

SUMMARY_MAX = 139  # CDS Hooks: "<140-character summary"
WARNING_KINDS = {"RevisionEvaluationIndication", "HardwareFailure", "ConstructDiscontinuity", "ConnectorFailure",
                 "ScrewLoosening", "ScrewMalposition", "LeadMigration", "NeurologicalCorrelationFlag"}
SOURCE_LABEL = "spinekg: postoperative spinal instrumentation rules"


def _found(conclusions: list[Conclusion]) -> list[Conclusion]:
    out = []
    for c in conclusions:
        if c.kind == "PostTestProbability":
            continue
        if c.kind == "NonUnionRiskAssessment" and c.values.get("risk level code") not in ("HighRisk", "ElevatedRisk"):
            continue
        out.append(c)
    return out


def indicator(conclusions: list[Conclusion]) -> str:
    """`critical`, `warning` or `info` for what the conclusions found."""
    definite = [c for c in _found(conclusions) if not c.possible]
    if any(c.kind == "ThreateningBreach" for c in definite):
        return "critical"
    if any(c.kind in WARNING_KINDS for c in definite) or any(
            c.kind == "NonUnionRiskAssessment" and c.values.get("risk level code") == "HighRisk" for c in definite):
        return "warning"
    return "info"


def _short(label: str) -> str:
    return label.split(": ", 1)[0]


def _counted(items: list[str]) -> list[str]:
    out: list[str] = []
    for it in items:
        n = items.count(it)
        word = f"{it} ({n}x)" if n > 1 else it
        if word not in out:
            out.append(word)
    return out


def summary(conclusions: list[Conclusion]) -> str:
    """One sentence under 140 characters, e.g. 'Revision evaluation indicated: hardware failure, loosening of 2 screws'."""
    found = _found(conclusions)
    revision = next((c for c in found if c.kind == "RevisionEvaluationIndication" and not c.possible), None)
    if revision is not None:
        reasons = [r.replace(" in a symptomatic patient", "").replace("suspected ", "") for r in revision.reasons]
        text = "Revision evaluation indicated: " + ", ".join(reasons)
    else:
        text = "spinekg found: " + ", ".join(_counted([_short(c.label) for c in found]))
    if len(text) > SUMMARY_MAX:
        text = text[:SUMMARY_MAX - 3].rsplit(" ", 1)[0].rstrip(",;") + "..."
    return text


def _cite(p: Publication) -> str:
    return f"[{p.citation}]({p.url})" if p.url else p.citation


def detail(conclusions: list[Conclusion]) -> str:
    """The reasons, post-test probabilities with their inputs, risk factors and evidence, as GitHub Markdown."""
    lines: list[str] = []
    found = _found(conclusions)
    for c in found:
        flag = " *(possible: from an uncertain finding)*" if c.possible else ""
        head, _, rest = c.label.partition(": ")
        lines.append(f"- **{head}**{': ' + rest if rest else ''}{flag}")
        for r in c.reasons:
            lines.append(f"  - {r}")
        if c.records:
            lines.append(f"  - from: {', '.join(c.records)}")
    post = [c for c in conclusions if c.kind == "PostTestProbability"]
    if post:
        lines.append("")
        lines.append("**Post-test probability of screw loosening**")
        lines.append("")
        lines.append("| screw | probability | pretest | accuracy study |")
        lines.append("|---|---|---|---|")
        for c in post:
            what = c.label.split(": ", 1)[-1].split(" (", 1)[0]
            lines.append(f"| {what} | {c.values.get('probability', '?')} | {c.values.get('pretest', '?')} "
                         f"({c.values.get('pretest source', 'default')}) | {c.values.get('accuracy study', '')} |")
    pubs: list[Publication] = []
    for c in found + post:
        for p in c.evidence:
            if p not in pubs:
                pubs.append(p)
    if pubs:
        lines.append("")
        lines.append("**Evidence:** " + "; ".join(_cite(p) for p in pubs))
    lines.append("")
    lines.append("Decision support, not a diagnosis: check the reasons and the evidence.")
    return "\n".join(lines)


def cards(conclusions: list[Conclusion], *, explanation_url: str | None = None,
          source_url: str | None = None) -> list[dict[str, Any]]:
    """The CDS Hooks cards for a case's conclusions: one card when something is found, else none."""
    if not _found(conclusions):
        return []
    source: dict[str, Any] = {"label": SOURCE_LABEL}
    if source_url:
        source["url"] = source_url
    card: dict[str, Any] = {"uuid": str(uuid.uuid4()), "summary": summary(conclusions),
                            "indicator": indicator(conclusions), "detail": detail(conclusions), "source": source}
    if explanation_url:
        card["links"] = [{"label": "Explanation: each conclusion down to the report's words and the papers",
                          "url": explanation_url, "type": "absolute"}]
    return [card]


__all__ = ["SUMMARY_MAX", "cards", "detail", "indicator", "summary"]
