"""Reading a FHIR R4 Bundle: JSON text to validated resources, every problem located in the Bundle.

Validation is fhir.resources' pydantic models for FHIR R4B (4.3.0). R4B changed none of the
resources spinekg reads or writes (Patient, Condition, Observation, Procedure, Device,
BodyStructure, ImagingStudy, DiagnosticReport, DetectedIssue, RiskAssessment, Provenance,
Bundle) from R4 (4.0.1); fhir.resources' default package is R5, which is why R4B is named here.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from ..cases.errors import CaseError, Problem
from ..cases.source import LazyLineMap, LineMap

BUNDLE_TYPES = ("collection", "transaction", "searchset", "batch")
MAX_BUNDLE_BYTES = 5_000_000


@dataclass
class Resources:
    """The resources of one Bundle, by reference ("Type/id" and fullUrl), each with its path in the Bundle."""

    label: str
    lines: LineMap
    entries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (path, resource)
    by_ref: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def err(self, path: str, message: str) -> None:
        self.problems.append(Problem(self.label, path, message, self.lines.line(_line_path(path))))

    def of_type(self, rtype: str) -> list[tuple[str, dict[str, Any]]]:
        return [(p, r) for p, r in self.entries if r.get("resourceType") == rtype]

    def resolve(self, reference: Any) -> tuple[str, dict[str, Any]] | None:
        """The entry a Reference (JSON data) points to in this Bundle, or None."""
        if not isinstance(reference, dict):
            return None
        ref = reference.get("reference")
        if not isinstance(ref, str):
            return None
        if ref in self.by_ref:
            return self.by_ref[ref]
        tail = "/".join(ref.rstrip("/").split("/")[-2:])  # an absolute URL to a resource in the Bundle
        return self.by_ref.get(tail)


def ref_of(resource: dict[str, Any]) -> str:
    """A resource's relative reference, "Type/id"."""
    return f"{resource.get('resourceType')}/{resource.get('id')}"


def _line_path(path: str) -> str:
    """A problem path 'Bundle.entry[1].resource.code' as the line map knows it ('entry[1].resource.code')."""
    return path[len("Bundle."):] if path.startswith("Bundle.") else ("" if path == "Bundle" else path)


def _loc(loc: tuple[Any, ...]) -> str:
    out = "Bundle"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and not part.startswith("function-") and part not in {"json-or-python[json=function-after", "str"}:
            out += f".{part}"
    return out


def parse_json(text: str, label: str) -> tuple[Any, LineMap]:
    """Parse JSON text (a FHIR resource), or raise CaseError naming the line and column."""
    if len(text.encode("utf-8")) > MAX_BUNDLE_BYTES:
        raise CaseError([Problem(label, "", f"is larger than the {MAX_BUNDLE_BYTES // 1_000_000} MB limit")])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CaseError([Problem(label, "", f"malformed JSON: {exc.msg} at column {exc.colno}", exc.lineno)]) from None
    return data, LazyLineMap(text, label)


def read_bundle(data: Any, label: str, lines: LineMap | None = None) -> Resources:
    """Validate a Bundle given as JSON data with the FHIR R4(B) models and index its resources.

    Raises CaseError with every problem, each located as `Bundle.entry[3].resource.bodySite[0]...`.
    """
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    res = Resources(label, lines if lines is not None else LineMap())
    if not isinstance(data, dict) or data.get("resourceType") != "Bundle":
        kind = data.get("resourceType") if isinstance(data, dict) else type(data).__name__
        res.err("", f"must be a FHIR Bundle (resourceType 'Bundle'), not {kind!r}")
        raise CaseError(res.problems)
    try:
        Bundle.model_validate(data)
    except ValidationError as exc:
        for e in exc.errors():
            path = _loc(tuple(e.get("loc") or ()))
            message = str(e.get("msg") or "is not valid").removeprefix("Value error, ")
            res.err(path, f"not valid FHIR R4: {message}")
        raise CaseError(res.problems) from None
    if data.get("type") not in BUNDLE_TYPES:
        res.err("Bundle.type", f"{data.get('type')!r} bundles are not read: send a "
                               + ", ".join(BUNDLE_TYPES[:-1]) + " or batch Bundle")
    for i, entry in enumerate(data.get("entry") or []):
        resource = entry.get("resource")
        path = f"Bundle.entry[{i}].resource"
        if not isinstance(resource, dict):
            continue  # e.g. a search entry with only a link
        if resource.get("resourceType") == "OperationOutcome":
            continue  # a server's message about the search, not data
        if entry.get("search", {}).get("mode") == "outcome":
            continue
        keys = []
        if resource.get("id"):
            keys.append(ref_of(resource))
        if entry.get("fullUrl"):
            keys.append(entry["fullUrl"])
        if not keys:
            res.err(path, "a resource needs an 'id' or its entry a 'fullUrl' (facts record the resource they came from)")
            continue
        for k in keys:
            if k in res.by_ref:
                res.err(path, f"'{k}' is also {res.by_ref[k][0]}")
            res.by_ref[k] = (path, resource)
        res.entries.append((path, resource))
    if res.problems:
        raise CaseError(res.problems)
    return res


def record_of(resources: Resources, path: str, resource: dict[str, Any]) -> str:
    """What a case fact records as its source: "Type/id", else the entry's fullUrl."""
    if resource.get("id"):
        return ref_of(resource)
    for key, (_p, r) in resources.by_ref.items():
        if r is resource:
            return key
    return path


__all__ = ["BUNDLE_TYPES", "Resources", "parse_json", "read_bundle", "record_of", "ref_of"]
