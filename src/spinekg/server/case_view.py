"""What the case pages show, read from a KnowledgeGraph: the index of cases (filtered, sorted, paged)
and one case (history, findings, conclusions, post-test probabilities, construct, explanations,
similar cases). Plain data for the templates; every user-given value is bound as a typed RDF term.
"""
from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import pyoxigraph as ox

from ..queries import REGIONS, RISK_LEVELS
from ..vocab import BASE, inferred_graph

# Complication types a reader filters the index by: key -> (conclusion class, words).
COMPLICATIONS: dict[str, tuple[str, str]] = {
    "hardware-failure": ("HardwareFailure", "hardware failure"),
    "construct-discontinuity": ("ConstructDiscontinuity", "construct discontinuity"),
    "connector-failure": ("ConnectorFailure", "connector failure"),
    "screw-loosening": ("ScrewLoosening", "screw loosening"),
    "screw-malposition": ("ScrewMalposition", "screw malposition"),
    "threatening-breach": ("ThreateningBreach", "breach threatening a structure"),
    "lead-migration": ("LeadMigration", "stimulator lead migration"),
}
SORTS = ("id", "title", "revision", "risk", "findings")
PAGE_SIZES = (10, 25, 50, 100)
DEFAULT_PAGE_SIZE = 25


class PageInputError(ValueError):
    """A filter, sort or page value the index does not accept (the message names it and the choices)."""


def _skg(local: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + local)


def _v(row: dict[str, Any], key: str) -> str | None:
    term = row.get(key)
    return None if term is None else term.value


def _local(iri: str | None) -> str:
    return "" if not iri else iri.rsplit("/", 1)[-1]


# --- the index ---------------------------------------------------------------------------------------------
# Each query is one pass over an index of the store (no per-case sub-queries); filters, sort and pages are
# applied to the rows here, so the index costs about the same whatever the filters.
INDEX_CASES = """
SELECT ?case_id ?title ?constructed WHERE {
  ?case a skg:Case ; skg:caseId ?case_id .
  OPTIONAL { ?case dcterms:title ?title } OPTIONAL { ?case skg:constructedExample ?constructed }
}"""
INDEX_FINDINGS = "SELECT ?case_id (COUNT(?f) AS ?n) WHERE { ?case skg:hasFinding ?f ; skg:caseId ?case_id } GROUP BY ?case_id"
INDEX_REVISION = """
SELECT DISTINCT ?case_id WHERE {
  ?r a skg:RevisionEvaluationIndication ; skg:ofCase ?case ; prov:wasGeneratedBy ?d . ?case skg:caseId ?case_id
}"""
INDEX_RISK = """
SELECT ?case_id ?risk WHERE {
  ?a a skg:NonUnionRiskAssessment ; skg:ofCase ?case ; skg:riskLevel ?risk . ?case skg:caseId ?case_id
}"""
INDEX_TYPE = """
SELECT DISTINCT ?case_id WHERE { ?x a ?f_type ; skg:ofCase ?case ; prov:wasGeneratedBy ?d . ?case skg:caseId ?case_id }"""
INDEX_REGION = """
SELECT DISTINCT ?case_id WHERE {
  ?lv skg:inRegion ?f_region . ?im skg:atLevel ?lv . ?case skg:hasImplant ?im ; skg:caseId ?case_id
}"""
RISK_RANK = {"high": 0, "elevated": 1, "low": 2, "": 3}

INDEX_KINDS = """
SELECT ?case_id ?cls WHERE {
  ?case skg:caseId ?case_id .
  ?x skg:ofCase ?case ; a ?cls ; prov:wasGeneratedBy ?d .
}
"""


@dataclass
class IndexQuery:
    """The index's filters, sort and page, as given in the URL (validated by `parse_index_query`)."""

    revision: str = ""       # "", "yes", "no"
    risk: str = ""           # "", or a key of RISK_LEVELS
    complication: str = ""   # "", or a key of COMPLICATIONS
    region: str = ""         # "", or a key of REGIONS
    sort: str = "id"
    order: str = "asc"
    page: int = 1
    size: int = DEFAULT_PAGE_SIZE

    def params(self, **changes: object) -> dict[str, str]:
        """The URL parameters of this query (with changes), leaving out defaults."""
        values = {**self.__dict__, **changes}
        defaults = IndexQuery().__dict__
        return {k: str(v) for k, v in values.items() if v != defaults[k]}


def _choice(params: dict[str, str], name: str, choices: list[str] | tuple[str, ...], default: str) -> str:
    value = params.get(name, "").strip().lower()
    if value == "":
        return default
    if value not in choices:
        raise PageInputError(f"the parameter '{name}' must be one of {', '.join(c for c in choices if c)}, "
                             f"got {value!r}")
    return value


def _whole(params: dict[str, str], name: str, default: int, least: int, most: int | None = None) -> int:
    raw = params.get(name, "").strip()
    if raw == "":
        return default
    try:
        number = Decimal(raw)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number != number.to_integral_value() or number < least \
            or (most is not None and number > most):
        bound = f"between {least} and {most}" if most is not None else f"at least {least}"
        raise PageInputError(f"the parameter '{name}' must be a whole number {bound}, got {raw!r}")
    return int(number)


def parse_index_query(params: dict[str, str]) -> IndexQuery:
    """The index query from URL parameters; PageInputError names a bad one and what it accepts."""
    known = set(IndexQuery().__dict__)
    for key in params:
        if key not in known:
            raise PageInputError(f"unknown parameter '{key}' (the index takes {', '.join(sorted(known))})")
    size = _whole(params, "size", DEFAULT_PAGE_SIZE, 1, max(PAGE_SIZES))
    return IndexQuery(
        revision=_choice(params, "revision", ("yes", "no"), ""),
        risk=_choice(params, "risk", tuple(RISK_LEVELS), ""),
        complication=_choice(params, "complication", tuple(COMPLICATIONS), ""),
        region=_choice(params, "region", tuple(REGIONS), ""),
        sort=_choice(params, "sort", tuple(SORTS), "id"),
        order=_choice(params, "order", ("asc", "desc"), "asc"),
        page=_whole(params, "page", 1, 1),
        size=size,
    )


def _ids(kg: Any, text: str, bindings: dict[str, object] | None = None) -> set[str]:
    return set(kg.sparql(text, bindings=bindings).values("case_id"))


def case_index(kg: Any, q: IndexQuery) -> dict[str, Any]:
    """One page of the index: the matching cases' rows, how many match, and the pages."""
    rows = {r["case_id"].value: {"id": r["case_id"].value, "title": _v(r, "title") or "",
                                 "constructed": _v(r, "constructed") == "true"}
            for r in kg.sparql(INDEX_CASES).rows}
    revision = _ids(kg, INDEX_REVISION)
    risk = {r["case_id"].value: _local(r["risk"].value).replace("Risk", "").lower()
            for r in kg.sparql(INDEX_RISK).rows}
    findings = {r["case_id"].value: int(r["n"].value) for r in kg.sparql(INDEX_FINDINGS).rows}
    keep = set(rows)
    if q.revision:
        keep &= revision if q.revision == "yes" else keep - revision
    if q.risk:
        keep = {c for c in keep if risk.get(c) == q.risk}
    if q.complication:
        keep &= _ids(kg, INDEX_TYPE, {"f_type": _skg(COMPLICATIONS[q.complication][0])})
    if q.region:
        keep &= _ids(kg, INDEX_REGION, {"f_region": _skg(REGIONS[q.region])})
    for cid, row in rows.items():
        row.update(revision=cid in revision, risk=risk.get(cid, ""), findings=findings.get(cid, 0))
    sort_key = {"id": lambda r: r["id"], "title": lambda r: r["title"].lower(),
                "revision": lambda r: 0 if r["revision"] else 1, "risk": lambda r: RISK_RANK.get(r["risk"], 3),
                "findings": lambda r: r["findings"]}[q.sort]
    matching = sorted((rows[c] for c in keep), key=lambda r: r["id"])  # ties by id, in either order
    matching.sort(key=sort_key, reverse=q.order == "desc")
    total = len(matching)
    pages = max(1, -(-total // q.size))
    page = matching[(q.page - 1) * q.size: q.page * q.size]
    ids = [r["id"] for r in page]
    kinds: dict[str, list[str]] = {i: [] for i in ids}
    if ids:
        by_class = {BASE + cls: words for cls, words in COMPLICATIONS.values()}
        values = " ".join(str(ox.Literal(i)) for i in ids)  # serialised literals, never raw text
        for r in kg.sparql(INDEX_KINDS.replace("WHERE {", f"WHERE {{ VALUES ?case_id {{ {values} }}", 1)).rows:
            words = by_class.get(r["cls"].value)
            if words and words not in kinds[r["case_id"].value]:
                kinds[r["case_id"].value].append(words)
    out = [{**r, "complications": [w for _, w in COMPLICATIONS.values() if w in kinds[r["id"]]]} for r in page]
    return {"rows": out, "total": total, "pages": pages, "page": q.page, "query": q}


# --- one case: the reported facts ------------------------------------------------------------------------
CASE_HEAD = """
SELECT ?title ?description ?source ?constructed WHERE {
  ?case skg:caseId ?id .
  OPTIONAL { ?case dcterms:title ?title } OPTIONAL { ?case dcterms:description ?description }
  OPTIONAL { ?case dcterms:source ?source } OPTIONAL { ?case skg:constructedExample ?constructed }
}"""

PATIENT = """
SELECT ?age ?sexLabel ?priorCount ?priorMin
       (GROUP_CONCAT(DISTINCT ?symLabel; separator="|") AS ?symptoms)
       (GROUP_CONCAT(DISTINCT ?rfLabel; separator="|") AS ?risks)
WHERE {
  ?case skg:caseId ?id ; skg:hasPatient ?p .
  OPTIONAL { ?p skg:age/skg:numericValue ?age }
  OPTIONAL { ?p skg:sex ?sex . ?sex rdfs:label ?sexLabel }
  OPTIONAL { ?p skg:priorSpineSurgeryCount ?priorCount }
  OPTIONAL { ?p skg:priorSpineSurgeryCountIsMinimum ?priorMin }
  OPTIONAL { ?p skg:hasSymptom ?sym . ?sym rdfs:label ?symLabel }
  OPTIONAL { ?p skg:hasRiskFactor ?rf . ?rf rdfs:label ?rfLabel }
} GROUP BY ?age ?sexLabel ?priorCount ?priorMin"""

CONDITIONS = """
SELECT ?typeLabel ?comment WHERE {
  ?case skg:caseId ?id ; skg:hasPatient/skg:hasCondition ?c .
  ?c a ?type . ?type rdfs:label ?typeLabel . FILTER (STRSTARTS(STR(?type), "https://w3id.org/spinekg/"))
  FILTER NOT EXISTS { ?c a ?sub . ?sub rdfs:subClassOf ?type . FILTER (?sub != ?type) }
  OPTIONAL { ?c rdfs:comment ?comment }
} ORDER BY ?typeLabel"""

PROCEDURES = """
SELECT ?proc ?typeLabel ?label ?upper ?lower ?interval ?unitLabel ?count WHERE {
  ?case skg:caseId ?id ; skg:hasProcedure ?proc .
  ?proc a ?type . ?type rdfs:label ?typeLabel . FILTER (STRSTARTS(STR(?type), "https://w3id.org/spinekg/"))
  FILTER NOT EXISTS { ?proc a ?sub . ?sub rdfs:subClassOf ?type . FILTER (?sub != ?type) }
  OPTIONAL { ?proc rdfs:label ?label }
  OPTIONAL { ?proc skg:upperLevel ?upper ; skg:lowerLevel ?lower }
  OPTIONAL { ?proc skg:intervalBeforeStudy ?iv . ?iv skg:numericValue ?interval ; skg:unit ?unit .
             ?unit rdfs:label ?unitLabel }
  OPTIONAL { ?proc skg:procedureCount ?count }
} ORDER BY ?proc"""

STUDIES = """
SELECT ?study ?modality ?interval ?unitLabel ?date WHERE {
  ?case skg:caseId ?id ; skg:hasStudy ?study .
  OPTIONAL { ?study skg:hasModality/rdfs:label ?modality }
  OPTIONAL { ?study skg:intervalAfterProcedure ?iv . ?iv skg:numericValue ?interval ; skg:unit ?unit .
             ?unit rdfs:label ?unitLabel }
  OPTIONAL { ?study skg:studyDate ?date }
} ORDER BY ?study"""

IMPLANTS = """
SELECT ?implant ?implantId ?label ?typeLabel WHERE {
  ?case skg:caseId ?id ; skg:hasImplant ?implant .
  OPTIONAL { ?implant skg:implantId ?implantId } OPTIONAL { ?implant rdfs:label ?label }
  ?implant a ?type . ?type rdfs:label ?typeLabel . FILTER (STRSTARTS(STR(?type), "https://w3id.org/spinekg/"))
  FILTER NOT EXISTS { ?implant a ?sub . ?sub rdfs:subClassOf ?type . FILTER (?sub != ?type) }
} ORDER BY ?implantId"""

FINDINGS = """
SELECT ?f ?text ?typeLabel ?status ?levelIri ?side ?implantLabel ?width ?distance ?direction ?study WHERE {
  ?case skg:caseId ?id ; skg:hasFinding ?f .
  ?f a ?type . ?type rdfs:label ?typeLabel . FILTER (STRSTARTS(STR(?type), "https://w3id.org/spinekg/"))
  FILTER NOT EXISTS { ?f a ?sub . ?sub rdfs:subClassOf ?type . FILTER (?sub != ?type) }
  OPTIONAL { ?f skg:reportText ?text }
  OPTIONAL { ?f skg:assertionStatus ?status }
  OPTIONAL { ?f skg:atLevel ?levelIri }
  OPTIONAL { ?f skg:onSide/rdfs:label ?side }
  OPTIONAL { ?f skg:aboutImplant ?im . OPTIONAL { ?im rdfs:label ?implantLabel } }
  OPTIONAL { ?f skg:lucencyWidth/skg:numericValue ?width }
  OPTIONAL { ?f skg:breachDistance|skg:migrationDistance|skg:subsidenceDistance ?dm . ?dm skg:numericValue ?distance }
  OPTIONAL { ?f skg:hasDirection/rdfs:label ?direction }
  OPTIONAL { ?f skg:observedIn/skg:hasModality/rdfs:label ?study }
} ORDER BY ?f"""

OUTCOMES = """
SELECT ?typeLabel ?description WHERE {
  ?case skg:caseId ?id ; skg:hasOutcome ?o .
  ?o a ?type . ?type rdfs:label ?typeLabel . FILTER (STRSTARTS(STR(?type), "https://w3id.org/spinekg/"))
  FILTER NOT EXISTS { ?o a ?sub . ?sub rdfs:subClassOf ?type . FILTER (?sub != ?type) }
  OPTIONAL { ?o skg:outcomeText ?description }
} ORDER BY ?typeLabel"""

POST_TEST = """
SELECT ?node ?label ?screwLabel ?result ?probability ?pretest ?pretestSource ?userOverride
       ?accLabel ?sens ?spec ?modality ?pub ?pubLabel ?pmid ?doi WHERE {
  GRAPH ?g { ?node a skg:PostTestProbability ; skg:probability ?probability ; skg:pretestProbability ?pretest ;
                   skg:usesAccuracy ?acc . }
  OPTIONAL { GRAPH ?g { ?node rdfs:label ?label } }
  OPTIONAL { GRAPH ?g { ?node skg:testResult ?result } }
  OPTIONAL { GRAPH ?g { ?node skg:pretestSource ?pretestSource } }
  OPTIONAL { GRAPH ?g { ?node skg:pretestSetting ?setting . ?setting skg:userOverride ?userOverride } }
  OPTIONAL { GRAPH ?g { ?node skg:concerns ?screw } ?screw rdfs:label ?screwLabel }
  OPTIONAL { GRAPH ?g { ?node skg:hasModality ?mod } ?mod rdfs:label ?modality }
  ?acc skg:sensitivity ?sens ; skg:specificity ?spec .
  OPTIONAL { ?acc rdfs:label ?accLabel }
  OPTIONAL { ?acc skg:reportedIn ?pub . OPTIONAL { ?pub rdfs:label ?pubLabel }
             OPTIONAL { ?pub skg:pmid ?pmid } OPTIONAL { ?pub skg:doi ?doi } }
} ORDER BY ?screwLabel ?result ?accLabel"""


def _number(text: str | None) -> str:
    """A decimal without trailing zeros: '55.0' -> '55', '2.50' -> '2.5'."""
    if text is None:
        return ""
    try:
        return f"{Decimal(text).normalize():f}"
    except InvalidOperation:
        return text


def _interval(value: str | None, unit: str | None) -> str:
    if value is None:
        return ""
    n = _number(value)
    unit = (unit or "").lower()
    return f"{n} {unit if n == '1' else unit + 's'}".strip()


def _one(kg: Any, text: str, b: Mapping[str, object]) -> dict[str, Any]:
    rows = kg.sparql(text, bindings=b).rows
    return rows[0] if rows else {}


def _history(kg: Any, b: Mapping[str, object]) -> dict[str, Any]:
    head = _one(kg, CASE_HEAD, b)
    p = _one(kg, PATIENT, b)
    patient: dict[str, Any] = {}
    if p:
        patient["age"] = _number(_v(p, "age"))
        patient["sex"] = _v(p, "sexLabel") or ""
        patient["symptoms"] = sorted(x for x in (_v(p, "symptoms") or "").split("|") if x)
        patient["risk_factors"] = sorted(x for x in (_v(p, "risks") or "").split("|") if x)
        count = _v(p, "priorCount")
        if count is not None:
            minimum = _v(p, "priorMin") == "true"
            patient["prior_surgeries"] = f"more than {int(count) - 1}" if minimum else count
    procedures = []
    for r in kg.sparql(PROCEDURES, bindings=b).rows:
        span = f"{_local(_v(r, 'upper'))}-{_local(_v(r, 'lower'))}" if "upper" in r else ""
        procedures.append({"type": _v(r, "label") or _v(r, "typeLabel"), "levels": span,
                           "before_study": _interval(_v(r, "interval"), _v(r, "unitLabel")),
                           "count": _v(r, "count") or ""})
    studies = [{"modality": _v(r, "modality") or "imaging study", "date": _v(r, "date") or "",
                "after_surgery": _interval(_v(r, "interval"), _v(r, "unitLabel"))}
               for r in kg.sparql(STUDIES, bindings=b).rows]
    implants: dict[str, dict[str, Any]] = {}
    for r in kg.sparql(IMPLANTS, bindings=b).rows:
        entry = implants.setdefault(_v(r, "typeLabel") or "implant", {"type": _v(r, "typeLabel"), "items": []})
        entry["items"].append(_v(r, "label") or _v(r, "implantId") or _local(_v(r, "implant")))
    return {
        "title": _v(head, "title") or "", "description": _v(head, "description") or "",
        "source": _v(head, "source") or "", "constructed": _v(head, "constructed") == "true",
        "patient": patient,
        "conditions": [{"type": _v(r, "typeLabel"), "comment": _v(r, "comment") or ""}
                       for r in kg.sparql(CONDITIONS, bindings=b).rows],
        "procedures": procedures, "studies": studies,
        "implants": sorted(implants.values(), key=lambda e: (-len(e["items"]), e["type"] or "")),
        "outcomes": [{"type": _v(r, "typeLabel"), "description": _v(r, "description") or ""}
                     for r in kg.sparql(OUTCOMES, bindings=b).rows],
    }


def _findings(kg: Any, b: Mapping[str, object]) -> list[dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for r in kg.sparql(FINDINGS, bindings=b).rows:
        iri = _v(r, "f") or ""
        if iri in out:
            continue
        measures = []
        if "width" in r:
            measures.append(f"width {_number(_v(r, 'width'))} mm")
        if "distance" in r:
            measures.append(f"{_number(_v(r, 'distance'))} mm")
        if "direction" in r:
            measures.append(_v(r, "direction") or "")
        out[iri] = {"iri": iri, "text": _v(r, "text") or "", "type": _v(r, "typeLabel") or "finding",
                    "status": _local(_v(r, "status")).lower() or "affirmed", "level": _local(_v(r, "levelIri")),
                    "side": _v(r, "side") or "", "implant": _v(r, "implantLabel") or "",
                    "measures": ", ".join(m for m in measures if m), "study": _v(r, "study") or ""}
    return list(out.values())


def _post_test(kg: Any, case_id: str) -> list[dict[str, Any]]:
    b = {"g": ox.NamedNode(inferred_graph(case_id))}
    out: dict[str, dict[str, Any]] = {}
    for r in kg.sparql(POST_TEST, bindings=b).rows:
        iri = _v(r, "node") or ""
        if iri in out:
            continue
        sens, spec = Decimal(_v(r, "sens") or "0"), Decimal(_v(r, "spec") or "0")
        lr_pos = f"{sens / (1 - spec):.2f}" if spec < 1 else "∞"
        lr_neg = f"{(1 - sens) / spec:.2f}" if spec > 0 else "∞"
        result = _v(r, "result") or "positive"
        out[iri] = {"iri": iri, "screw": _v(r, "screwLabel") or "", "result": result,
                    "probability": _number(_v(r, "probability")), "pretest": _number(_v(r, "pretest")),
                    "pretest_source": _v(r, "pretestSource") or "", "user_set": _v(r, "userOverride") == "true",
                    "accuracy": _v(r, "accLabel") or "", "modality": _v(r, "modality") or "",
                    "sensitivity": _number(_v(r, "sens")), "specificity": _number(_v(r, "spec")),
                    "likelihood_ratio": lr_pos if result == "positive" else lr_neg,
                    "lr_kind": "LR+" if result == "positive" else "LR−",
                    "publication": _v(r, "pubLabel") or "", "pmid": _v(r, "pmid") or "", "doi": _v(r, "doi") or ""}
    return list(out.values())


# --- one case: conclusions and explanations --------------------------------------------------------------
@dataclass
class ExplainedCase:
    """The conclusions of a case, ranked, with their explanation trees (spinekg.reasoning.explain)."""

    conclusions: list[dict[str, Any]] = field(default_factory=list)
    trees: list[Any] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    statements: dict[str, list[str]] = field(default_factory=dict)


def _explained(kg: Any, case_id: str) -> ExplainedCase:
    from rdflib import URIRef

    from ..reasoning.explain import HEADLINE, Explainer
    from ..vocab import PROV, RDF, SKG

    asserted, inferred = kg.case_graph(case_id), kg.case_graph(case_id, inferred=True)
    ex = Explainer(asserted, inferred)
    rank = {str(c): i for i, c in enumerate(HEADLINE)}
    out = ExplainedCase()
    # "recorded, not interpreted" statements go to their own section, with their reasons
    quiet = set(inferred.subjects(RDF.type, SKG.UninterpretedFinding))
    for c in quiet:
        for f in inferred.objects(c, SKG.concerns):
            out.statements.setdefault(str(f), []).extend(str(w) for w in inferred.objects(c, SKG.notInterpretedBecause))
    for c in ex.conclusions():
        if c in quiet:
            continue
        types = [str(t) for t in ex.g.objects(c, RDF.type)]
        headline = sorted((t for t in types if t in rank), key=lambda t: rank[t])
        certainty = ex.g.value(c, SKG.certainty)
        tree = ex.tree(c)
        out.conclusions.append({
            "iri": str(c), "label": tree.label, "anchor": "c-" + re.sub(r"[^A-Za-z0-9_-]", "-", str(c).split("/case/", 1)[-1]),
            "kind": ex.label(URIRef(headline[0])) if headline else (ex.most_specific_type(c) or "conclusion"),
            "rank": rank[headline[0]] if headline else len(rank),
            "certainty": ex.label(certainty) if certainty is not None else "",
        })
        out.trees.append(tree)
    for c in inferred.subjects(PROV.wasDerivedFrom, None):
        if c not in quiet:
            out.used.update(str(f) for f in inferred.objects(c, PROV.wasDerivedFrom))
    return out


def tree_view(trees: list[Any]) -> list[dict[str, Any]]:
    """The explanation trees as nested dicts for the template: a conclusion reached again (in this tree or
    an earlier one, in page order) is not expanded again but refers to where it was ("ref": its anchor).
    """
    expanded: dict[str, str] = {}

    def walk(node: Any) -> dict[str, Any]:
        item: dict[str, Any] = {"label": node.label, "kind": node.kind, "details": dict(node.details),
                                "iri": node.iri}
        if node.kind == "conclusion" and node.iri in expanded:
            item["ref"] = expanded[node.iri]
            return item
        if node.kind == "conclusion":
            expanded[node.iri] = item["anchor"] = f"x{len(expanded) + 1}"
        item["rules"] = node.rules
        item["premises"] = [walk(p) for p in node.premises]
        return item

    return [walk(t) for t in trees]


def _construct_svg(kg: Any, case_id: str) -> str:
    """The construct drawing as inline SVG (no XML declaration), or '' when the case has nothing to draw."""
    import matplotlib

    from ..draw import figure

    asserted, inferred = kg.case_graph(case_id), kg.case_graph(case_id, inferred=True)
    try:
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "spinekg", "font.family": "DejaVu Sans"}):
            fig = figure(asserted, inferred, case_id)
            buf = io.StringIO()
            fig.savefig(buf, format="svg", metadata={"Date": None}, facecolor="white")
    except Exception:  # a case without a construct to draw gets a sentence instead
        return ""
    svg = buf.getvalue()
    svg = svg[svg.find("<svg"):]
    return re.sub(r"<svg\b", '<svg role="img" aria-labelledby="construct-title" focusable="false"', svg, count=1)


def _similar(kg: Any, case_id: str) -> list[dict[str, Any]]:
    res = kg.query("similar-cases", {"case_id": case_id, "limit": 5})
    return [{"id": _v(r, "similar_case"), "title": _v(r, "title") or "", "score": _v(r, "score"),
             "shared": sorted((_v(r, "shared") or "").split("; "))} for r in res.rows]


def case_view(kg: Any, case_id: str) -> dict[str, Any] | None:
    """Everything the case page shows, or None when the store has no such case."""
    if not kg.has_case(case_id):
        return None
    b = {"id": ox.Literal(case_id)}
    view = _history(kg, b)
    findings = _findings(kg, b)
    explained = _explained(kg, case_id)
    for f in findings:
        f["interpreted"] = f["iri"] in explained.used
        f["statements"] = explained.statements.get(f["iri"], [])
    trees = tree_view(explained.trees)
    view.update({
        "id": case_id, "findings": findings, "anchors": {t["iri"]: t.get("anchor") or t.get("ref") for t in trees},
        "conclusions": explained.conclusions, "trees": trees,
        "post_test": _post_test(kg, case_id),
        "not_interpreted": [f for f in findings if f["statements"] or not f["interpreted"]],
        "svg": _construct_svg(kg, case_id), "similar": _similar(kg, case_id),
    })
    return view


__all__ = ["COMPLICATIONS", "IndexQuery", "PageInputError", "case_index", "case_view", "parse_index_query"]
