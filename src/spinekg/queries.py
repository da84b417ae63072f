"""The named-query library: documented, parameterised SPARQL files with typed parameter binding."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
import yaml

from .anatomy import LevelError, parse_level
from .cases import terms as T
from .data import resource
from .errors import SpinekgError
from .sparql import SparqlError, clause_values, insert_values, mask, set_clauses, subquery_groups, values_block
from .vocab import BASE

XSD = "http://www.w3.org/2001/XMLSchema#"
REGIONS = {"cervical": "CervicalRegion", "thoracic": "ThoracicRegion", "lumbar": "LumbarRegion",
           "sacral": "SacralRegion", "coccygeal": "CoccygealRegion"}
GRADES = {**{g: f"GRGrade{g}" for g in "ABCDE"}, "not-measurable": "GradeNotMeasurable",
          **{f"heary-{r}": f"HearyGrade{r}" for r in ("I", "II", "III", "IV", "V")}}
RISK_LEVELS = {"low": "LowRisk", "elevated": "ElevatedRisk", "high": "HighRisk"}
# Parameter types that set a clause of the query (SPARQL has no variables there) instead of a VALUES binding.
CLAUSE_TYPES = {"limit": "LIMIT", "offset": "OFFSET"}


class QueryError(SpinekgError, ValueError):
    """Raised for an unknown query, a missing or mistyped parameter, or a malformed query file."""


@dataclass(frozen=True)
class Param:
    """One query parameter: its name, type, default and description."""

    name: str
    type: str
    default: object = None
    required: bool = False
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A named, documented SPARQL query."""

    name: str
    description: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str
    file: str
    example: dict = field(default_factory=dict)

    def bind(self, values: dict[str, str]) -> str:
        """The query text with its parameters bound: typed RDF terms in a VALUES block, and the validated
        whole numbers of `limit` and `offset` parameters as the query's LIMIT and OFFSET."""
        known = {p.name: p for p in self.params}
        for key in values:
            if key not in known:
                raise QueryError(f"query '{self.name}' has no parameter '{key}' "
                                 f"(parameters: {', '.join(known) or 'none'})")
        names: list[str] = []
        terms: list[str] = []
        clauses: dict[str, int] = {}
        for p in self.params:
            raw = values.get(p.name, p.default)
            if raw is None:
                if p.required:
                    raise QueryError(f"query '{self.name}' needs the parameter '{p.name}' ({p.type}): {p.description}")
                if p.type not in CLAUSE_TYPES:
                    names.append(p.name)
                    terms.append("UNDEF")
            elif p.type in CLAUSE_TYPES:
                clauses[CLAUSE_TYPES[p.type]] = int(to_term(p, raw).value)
            else:
                names.append(p.name)
                terms.append(str(to_term(p, raw)))
        if not self.params:
            return self.text
        try:
            text = set_clauses(self.text, clauses)
            return insert_values(text, names, terms, own_block=True) if names else text
        except SparqlError as exc:
            raise QueryError(f"{self.file}: {exc}") from None


def _skg(local: str) -> ox.NamedNode:
    return ox.NamedNode(BASE + local)


# Bounds on parameter values (README, "Input limits"), checked on the text before any conversion: a value
# such as `1e999999999` is refused by its form, never expanded into a number.
MAX_PARAM_CHARS = 2_048  # any parameter's text (IRIs included)
MAX_LIMIT = 1_000_000  # rows in one page
MAX_OFFSET = 1_000_000_000  # rows skipped
_WHOLE = re.compile(r"\+?0*(\d{1,12})")  # a whole number in digits (no exponent), at most 12 significant digits
_DECIMAL = re.compile(r"[+-]?(?:\d{1,30}(?:\.\d{0,30})?|\.\d{1,30})")  # plain decimal notation, bounded


def to_term(p: Param, raw: object) -> ox.NamedNode | ox.Literal:
    """Convert a parameter value (text from the command line or a Python value) to a typed RDF term.

    The text is checked against a bounded lexical form first (length, digits), so that no value can make
    the conversion itself expensive: numbers are plain decimal notation, never exponents.
    """
    text = str(raw).strip()

    def bad(what: str) -> QueryError:
        shown = text if len(text) <= 60 else text[:57] + "..."
        return QueryError(f"parameter '{p.name}' must be {what}, got {shown!r}")

    if len(text) > MAX_PARAM_CHARS:
        raise QueryError(f"parameter '{p.name}' is {len(text):,} characters long: the limit is {MAX_PARAM_CHARS:,}")
    if p.type in CLAUSE_TYPES:
        least, most = (1, MAX_LIMIT) if p.type == "limit" else (0, MAX_OFFSET)
        m = _WHOLE.fullmatch(text)
        if m is None or not least <= int(m.group(1)) <= most:
            raise bad(f"a whole number from {least} to {most:,}")
        return ox.Literal(str(int(m.group(1))), datatype=ox.NamedNode(XSD + "integer"))
    if p.type in ("decimal", "integer"):
        if not _DECIMAL.fullmatch(text):
            raise bad("a number (digits, with an optional decimal point: at most 30 digits each side)")
        d = Decimal(text)
        if p.type == "integer":
            if d != d.to_integral_value():
                raise bad("a whole number")
            return ox.Literal(str(int(d)), datatype=ox.NamedNode(XSD + "integer"))
        return ox.Literal(str(d), datatype=ox.NamedNode(XSD + "decimal"))
    if p.type == "string":
        return ox.Literal(text)
    if p.type == "level":
        try:
            return _skg(parse_level(text).name)
        except LevelError:
            raise bad("a vertebral level such as T2") from None
    tables = {"region": REGIONS, "side": dict(T.SIDES), "grade": GRADES,
              "risk-level": RISK_LEVELS, "direction": T.DIRECTIONS, "modality": T.MODALITIES,
              "risk-factor": T.RISK_FACTORS}
    if p.type in tables:
        table = tables[p.type]
        key = T.norm(text) if p.type not in ("grade",) else text.strip()
        key = key if key in table else text.strip().upper() if text.strip().upper() in table else key
        if key not in table:
            raise bad(f"one of {', '.join(sorted(table))}")
        return _skg(table[key])
    if p.type == "iri":
        if text.startswith("skg:"):
            text = BASE + text[4:]
        if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", text):
            raise bad("an IRI")
        return ox.NamedNode(text)
    raise QueryError(f"parameter '{p.name}' has an unknown type '{p.type}'")


def parse_query(text: str, file: str) -> NamedQuery:
    """Parse a query file: a '#'-comment YAML header (name, description, params, columns), then SPARQL."""
    header = []
    for line in text.splitlines():
        if line.startswith("#"):
            header.append(line[2:] if line.startswith("# ") else line[1:])
        elif line.strip():
            break
    try:
        meta = yaml.safe_load("\n".join(header)) or {}
    except yaml.YAMLError as exc:
        raise QueryError(f"{file}: malformed query header: {exc}") from None
    for key in ("name", "description", "columns"):
        if key not in meta:
            raise QueryError(f"{file}: query header lacks '{key}'")
    params = []
    for name, spec in (meta.get("params") or {}).items():
        spec = spec or {}
        params.append(Param(name, spec.get("type", "string"), spec.get("default"), bool(spec.get("required")),
                            " ".join(str(spec.get("description", "")).split())))
    check_param_places(params, text, file)
    return NamedQuery(meta["name"], " ".join(str(meta["description"]).split()), tuple(params),
                      tuple(meta["columns"]), text, file, meta.get("example") or {})


def check_param_places(params: list[Param], text: str, file: str) -> None:
    """Check that every parameter has somewhere to go (QueryError naming the file if not).

    A limit (offset) parameter needs exactly one LIMIT (OFFSET) clause, written with the parameter's
    default, so that the text run as it stands means the query run without parameters. A parameter
    used inside a sub-query needs the query's own VALUES block for the parameters: a block at the start
    of the outermost group would not reach it.
    """
    try:
        found = clause_values(text)
        if any(p.type == "offset" for p in params) and not any(p.type == "limit" for p in params):
            raise QueryError("an offset parameter needs a limit parameter")
        for p in params:
            if p.type not in CLAUSE_TYPES:
                continue
            keyword = CLAUSE_TYPES[p.type]
            if keyword not in found:
                raise QueryError(f"the query has no {keyword} clause for its parameter '{p.name}'")
            if p.default is None or int(to_term(p, p.default).value) != found[keyword]:
                raise QueryError(f"the parameter '{p.name}' needs a default equal to the query's "
                                 f"{keyword} {found[keyword]}, got {p.default!r}")
        names = [p.name for p in params if p.type not in CLAUSE_TYPES]
        if names and not values_block(text, names):
            masked = mask(text)
            inner = [n for n in names
                     if any(re.search(rf"[?$]{n}\b", masked[a:b]) for a, b in subquery_groups(text))]
            if inner:
                raise QueryError(f"a sub-query uses the parameter '{inner[0]}', which it cannot see from the "
                                 f"outermost group: bind the parameters where they are used, with a block "
                                 f"VALUES ({' '.join('?' + n for n in names)}) {{ (...) }}")
    except (QueryError, SparqlError) as exc:
        raise QueryError(f"{file}: {exc}") from None


@lru_cache(maxsize=1)
def load_queries() -> dict[str, NamedQuery]:
    """All packaged named queries by name."""
    out: dict[str, NamedQuery] = {}
    for f in sorted(resource("queries").iterdir(), key=lambda x: x.name):
        if f.name.endswith(".rq"):
            q = parse_query(f.read_text(encoding="utf-8"), f"queries/{f.name}")
            out[q.name] = q
    return out


def get_query(name: str) -> NamedQuery:
    """The named query, or QueryError listing the known names."""
    qs = load_queries()
    if name not in qs:
        raise QueryError(f"unknown query '{name}' (known: {', '.join(sorted(qs))})")
    return qs[name]


def parse_param_args(pairs: tuple[str, ...] | list[str]) -> dict[str, str]:
    """Turn ['key=value', ...] into a dict, or raise QueryError naming the malformed one."""
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise QueryError(f"--param takes key=value, got {pair!r}")
        key, value = pair.split("=", 1)
        out[key.strip()] = value.strip()
    return out
