"""SPARQL text the package reads and writes, through a real parser (rdflib's SPARQL algebra).

What the reasoner needs to know about a rule (the predicates and classes its WHERE clause reads, and
those every solution must match) comes from the parsed query's algebra, never from regular
expressions over its text.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from pyparsing import ParseException
from rdflib import BNode, Literal, URIRef, Variable
from rdflib.paths import AlternativePath, InvPath, MulPath, NegatedPath, SequencePath
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

from .errors import SpinekgError
from .ntriples import RDF_TYPE, from_rdflib
from .vocab import PREFIXES

_RDF_TYPE = URIRef(RDF_TYPE[1:-1])


class SparqlError(SpinekgError, ValueError):
    """A query or rule text that does not parse or is not of the expected form."""


@dataclass(frozen=True)
class RuleShape:
    """What a CONSTRUCT rule reads, as N-Triples terms.

    reads: every IRI its WHERE clause names (predicates, classes, other constants), with
      ``<rdf:type>`` when it matches any class (a class variable not restricted to named ones), or
      ``<rdf:type><q>`` when such a class must have a property q (``?x a ?k . ?k q ?v`` in one basic
      graph pattern: only the classes with q matter); None when a pattern has a variable predicate
      (it may read anything).
    requires: the predicates (and, for rdf:type, classes) every solution must match: those of
      patterns outside OPTIONAL, UNION branches, MINUS and FILTERs. The rule has no solution while
      the data holds none of one of them.
    template: the template's triples, with variables as ``?name``.
    where_vars: the variables the WHERE clause binds (in its outermost scope).
    triggers: what new data can give the rule a new solution (see ``triggers``): each triple pattern
      of its WHERE clause, with the patterns its terms must also match; None when any new triple may.
    """

    reads: frozenset[str] | None
    requires: frozenset[str]
    template: tuple[tuple[str, str, str], ...]
    where_vars: frozenset[str] = frozenset()
    triggers: Triggers | None = None


Pattern = tuple[str, str, str]
Triggers = tuple[tuple[Pattern, tuple[tuple[Pattern, ...], ...]], ...]  # (pattern, guards: alternatives)
ANY = "*"  # a term of a trigger pattern that may be anything (inside a property path)


def _term(x: object) -> str:
    if isinstance(x, Variable):
        return f"?{x}"
    if isinstance(x, BNode):
        return f"_:{x}"
    return from_rdflib(x)  # type: ignore[arg-type]


def _walk(node: object) -> Iterator[object]:
    """Every value reachable from an algebra node (CompValues, lists, dicts, paths)."""
    todo = [node]
    while todo:
        x = todo.pop()
        yield x
        if isinstance(x, CompValue):
            todo.extend(v for k, v in x.items() if k != "_vars")
        elif isinstance(x, dict):
            todo.extend(x.values())
        elif isinstance(x, (list, tuple, set, frozenset)):
            todo.extend(x)
        elif isinstance(x, PropertyPath):
            todo.extend(_path_parts(x))


def _path_parts(p: PropertyPath) -> list[object]:
    if isinstance(p, (SequencePath, AlternativePath)):
        return list(p.args)
    if isinstance(p, InvPath):
        return [p.arg]
    if isinstance(p, MulPath):
        return [p.path]
    if isinstance(p, NegatedPath):
        return list(p.args)
    return []


def _triples(node: object) -> Iterator[tuple[object, object, object]]:
    for x in _walk(node):
        if isinstance(x, CompValue) and x.name == "BGP":
            yield from x["triples"]


def _restricted(var: Variable, where: object) -> bool:
    """Whether a class variable is restricted to named classes (by IN, =, or a VALUES row)."""
    for x in _walk(where):
        if isinstance(x, CompValue):
            if x.name == "RelationalExpression" and x.get("expr") == var and x.get("op") in ("IN", "="):
                return True
            if x.name == "values" and any(var in row for row in x.get("res") or []):
                return True
    return False


def _class_keys(var: Variable, where: object) -> set[str]:
    """The properties a class variable must have wherever it is the class of an rdf:type pattern (a
    constant predicate of a pattern about it in the same basic graph pattern); empty if somewhere none."""
    keys: set[str] = set()
    for x in _walk(where):
        if isinstance(x, CompValue) and x.name == "BGP":
            triples = x["triples"]
            if any(p == _RDF_TYPE and o == var for _, p, o in triples):
                here = {f"<{p}>" for s, p, _ in triples if s == var and isinstance(p, URIRef) and p != _RDF_TYPE}
                if not here:
                    return set()
                keys |= here
    return keys


def _path_required(p: object) -> set[str]:
    if isinstance(p, URIRef):
        return {f"<{p}>"}
    if isinstance(p, SequencePath):
        return set().union(*(_path_required(a) for a in p.args))
    if isinstance(p, InvPath):
        return _path_required(p.arg)
    if isinstance(p, MulPath):
        return _path_required(p.path) if p.mod == "+" else set()
    return set()


_PASS_THROUGH = {"Filter", "Extend", "Project", "Distinct", "Reduced", "OrderBy", "Slice", "ToMultiSet",
                 "Group", "AggregateJoin", "SelectQuery", "SubSelect", "ConstructQuery", "Graph"}


def _required(node: object) -> set[str]:
    if not isinstance(node, CompValue):
        return set()
    name = node.name
    if name == "BGP":
        out: set[str] = set()
        for _, p, o in node["triples"]:
            if p == _RDF_TYPE:
                if isinstance(o, URIRef):
                    out.add(f"<{o}>")
            elif isinstance(p, (URIRef, PropertyPath)):
                out |= _path_required(p)
        return out
    if name == "Join":
        return _required(node["p1"]) | _required(node["p2"])
    if name in ("LeftJoin", "Minus"):
        return _required(node["p1"])
    if name == "Union":
        return _required(node["p1"]) & _required(node["p2"])
    if name in _PASS_THROUGH and "p" in node:
        return _required(node["p"])
    return set()


_REQUIRED_IN = {"Join": ("p1", "p2"), "LeftJoin": ("p1",), "Filter": ("p",), "Extend": ("p",), "Distinct": ("p",),
                "Reduced": ("p",), "OrderBy": ("p",), "Slice": ("p",), "ToMultiSet": ("p",)}


def _required_triples(node: object) -> list:
    """What every solution of a graph pattern matches: the triple patterns of its BGPs reached through
    joins, the left side of OPTIONAL, FILTER and BIND (not paths, subqueries), as ("t", triple); each
    BIND on the way as ("bind", variable, expression); each UNION as ("union", left's, right's)."""
    if not isinstance(node, CompValue):
        return []
    if node.name == "BGP":
        return [("t", t) for t in node["triples"] if isinstance(t[1], URIRef)]
    if node.name == "Union":
        return [("union", _required_triples(node["p1"]), _required_triples(node["p2"]))]
    out = [x for k in _REQUIRED_IN.get(node.name, ()) for x in _required_triples(node.get(k))]
    if node.name == "Extend":
        out.append(("bind", node["var"], node["expr"]))
    return out


def _contexts(node: object, ctx: tuple, out: dict[int, tuple]) -> None:
    """For each BGP of a query's own scope, what every solution it takes part in matches too (as
    _required_triples says): what the groups around it require (a join's both sides, OPTIONAL's left
    side for its right one, a UNION branch's own). Subqueries, EXISTS and MINUS are left out (their
    BGPs get nothing)."""
    if not isinstance(node, CompValue):
        return
    name = node.name
    if name == "BGP":
        out[id(node)] = ctx
    elif name == "Join":
        here = ctx + tuple(_required_triples(node))
        _contexts(node["p1"], here, out)
        _contexts(node["p2"], here, out)
    elif name == "LeftJoin":
        left = ctx + tuple(_required_triples(node["p1"]))
        _contexts(node["p1"], left, out)
        _contexts(node["p2"], left + tuple(_required_triples(node["p2"])), out)
    elif name == "Union":
        for k in ("p1", "p2"):
            _contexts(node[k], ctx + tuple(_required_triples(node[k])), out)
    elif name in ("Filter", "Extend", "Distinct", "Reduced", "OrderBy", "Slice", "ToMultiSet"):
        _contexts(node["p"], ctx + tuple(_required_triples(node["p"])), out)


def _sources(expr: object) -> list | None:
    """The IRIs and variables whose values an expression can take (COALESCE and IF of them), or None."""
    if isinstance(expr, (URIRef, Variable)):
        return [expr]
    if isinstance(expr, CompValue) and expr.name == "Builtin_COALESCE":
        parts = [_sources(a) for a in expr["arg"]]
    elif isinstance(expr, CompValue) and expr.name == "Builtin_IF":
        parts = [_sources(expr["arg2"]), _sources(expr["arg3"])]
    else:
        return None
    return None if any(x is None for x in parts) else [y for x in parts for y in x]  # type: ignore[union-attr]


def _total(expr: object) -> bool:
    """Whether an expression always has a value (an unbound BIND leaves its variable free to match anything)."""
    if isinstance(expr, (URIRef, Literal)):
        return True
    if isinstance(expr, CompValue) and expr.name == "Builtin_COALESCE":
        return any(_total(a) for a in expr["arg"])
    if isinstance(expr, CompValue) and expr.name == "Builtin_IF":
        cond = expr["arg1"]
        sure = (isinstance(cond, CompValue) and cond.name == "Builtin_BOUND") or _total(cond)
        return sure and _total(expr["arg2"]) and _total(expr["arg3"])
    return False


def _is_var(x: str) -> bool:
    return x.startswith(("?", "_:"))


def _rename(t: tuple, old: object, new: object) -> tuple:
    return tuple(new if x == old else x for x in t)


def _guards(var: Variable | BNode, items: Iterable, binders: dict) -> list[tuple]:
    """Guards (each a tuple of alternative rdflib patterns, one of which must match) for a variable from
    what the solutions match; ("=", IRI) alternatives for the IRIs a BIND can give it."""
    out: list[tuple] = []
    for item in items:
        if item[0] == "t":
            if var in (item[1][0], item[1][2]):
                out.append((item[1],))
        elif item[0] == "union":
            sides = [[t for kind, *rest in side if kind == "t" for t in rest if var in (t[0], t[2])]
                     for side in item[1:]]
            if all(sides):
                out.append(tuple(t for side in sides for t in side))
        elif item[1] == var:  # a BIND of this variable
            sources = _sources(item[2]) if _total(item[2]) else None
            alts: list = []
            for x in sources or ():
                if isinstance(x, URIRef):
                    alts.append((var, "=", x))
                else:
                    bound_by = binders.get(x)  # the patterns of the one BGP that binds it, if it is only there
                    if not bound_by:
                        alts = []
                        break
                    checkable = [t for t in bound_by if not any(isinstance(y, Literal) for y in t)]
                    alts.append(_rename((checkable or bound_by)[0], x, var))
            if sources is not None and alts:
                out.append(tuple(alts))
    return out


def triggers(where: object) -> Triggers | None:
    """What new data can give a WHERE clause a new solution (or change one), for re-running a rule only
    when it may conclude something new.

    Data only grows, so a solution changes only where some basic graph pattern gains a match: a new
    triple matches one of its triple patterns while what shares a variable with it matches too. So
    each triple pattern comes with guards on its subject's and object's variables, each a tuple of
    alternatives one of which the workspace must match with the new triple's terms in place: the other
    patterns of its BGP and what every solution it takes part in matches (``_contexts``: the groups
    around it, in the query's own scope), the patterns of either UNION branch, and for a variable a
    BIND gives one of some IRIs or of variables bound by one BGP, those IRIs (``("?v", "=", IRI)``) or
    that BGP's patterns. A property path gives each of its predicates with any subject and object
    (ANY), unguarded. None (any new triple may) for a variable or negated predicate.
    """
    root = where["p"] if isinstance(where, CompValue) and where.name == "Project" else where  # CONSTRUCT's own
    contexts: dict[int, tuple] = {}
    _contexts(root, (), contexts)
    bgps = [x for x in _walk(where) if isinstance(x, CompValue) and x.name == "BGP"]
    where_bound: dict = defaultdict(list)  # variable -> the BGPs it is in
    for b in bgps:
        for v in {x for t in b["triples"] for x in t if isinstance(x, Variable)}:
            where_bound[v].append(b)
    binders = {v: [t for t in bs[0]["triples"] if isinstance(t[1], URIRef) and v in (t[0], t[2])]
               for v, bs in where_bound.items() if len(bs) == 1}
    for x in _walk(where):  # bound by a BIND (or an aggregate) or VALUES too: not only by its BGP
        if isinstance(x, CompValue) and x.name == "Extend":
            binders.pop(x["var"], None)
        elif isinstance(x, CompValue) and x.name == "values":
            for row in x.get("res") or ():
                for v in row:
                    binders.pop(v, None)
    out: list[tuple[Pattern, tuple[tuple[Pattern, ...], ...]]] = []
    for x in bgps:
        triples = x["triples"]
        for t in triples:
            s, p, o = t
            if isinstance(p, (Variable, NegatedPath)):
                return None
            if isinstance(p, PropertyPath):
                parts = [q for q in _walk(p) if isinstance(q, URIRef)]
                if any(isinstance(q, NegatedPath) for q in _walk(p)):
                    return None
                out += [((ANY, f"<{q}>", ANY), ()) for q in parts]
                continue
            pattern = (_term(s), _term(p), _term(o))
            items = [("t", g) for g in triples if g is not t and isinstance(g[1], URIRef)] + list(contexts.get(id(x), ()))
            guards: list[tuple[Pattern, ...]] = []
            for term in {y for y in (s, o) if isinstance(y, (Variable, BNode))}:
                for g in _guards(term, items, binders):
                    alts = tuple((_term(a[0]), a[1] if a[1] == "=" else _term(a[1]), _term(a[2])) for a in g)
                    if pattern not in alts and alts not in guards:
                        guards.append(alts)
            out.append((pattern, tuple(sorted(guards))))
    return tuple(out)


@lru_cache(maxsize=256)
def rule_shape(text: str, source: str = "<rule>") -> RuleShape:
    """Parse a CONSTRUCT rule and say what it reads (see RuleShape); SparqlError if it is not one.

    Parsing with rdflib takes about 60 ms a rule, so shapes are kept in a cache file (see shape_cache).
    """
    cache = shape_cache()
    key = hashlib.sha256(text.encode("utf-8")).hexdigest()
    hit = cache.get(key)
    if hit is not None:
        return hit
    shape = _parse_shape(text, source)
    cache.put(key, shape)
    return shape


def _parse_shape(text: str, source: str) -> RuleShape:
    try:
        query = translateQuery(parseQuery(text))
    except (ParseException, Exception) as exc:  # rdflib raises several types for bad queries
        raise SparqlError(f"{source}: SPARQL syntax error: {' '.join(str(exc).split())[:200]}") from None
    algebra = query.algebra
    if algebra.name != "ConstructQuery":
        raise SparqlError(f"{source}: a rule is a SPARQL CONSTRUCT query")
    template = tuple(tuple(_term(x) for x in t) for t in algebra["template"] or ())
    if any(x.startswith("_:") for t in template for x in t):
        raise SparqlError(f"{source}: blank nodes in a rule's template would make a new node on every run: "
                          "mint an IRI under the case with BIND (IRI(CONCAT(...))) instead")
    where = algebra["p"]
    reads: set[str] | None = set()
    for x in _walk(where):
        if isinstance(x, URIRef) and x != _RDF_TYPE:  # rdf:type itself stands for "any class" (below)
            reads.add(f"<{x}>")  # type: ignore[union-attr]
    for _, p, o in _triples(where):
        if isinstance(p, Variable):
            reads = None
            break
        if p == _RDF_TYPE and isinstance(o, Variable) and not _restricted(o, where):
            keys = _class_keys(o, where)
            reads.update({RDF_TYPE + k for k in keys} if keys else {RDF_TYPE})  # type: ignore[union-attr]
    bound = where.get("_vars") or {x for x in _walk(where) if isinstance(x, Variable)}
    return RuleShape(frozenset(reads) if reads is not None else None, frozenset(_required(where)),
                     template, frozenset(str(v) for v in bound), triggers(where))  # type: ignore[arg-type]


class ShapeCache:
    """Rule shapes by the SHA-256 of the rule's text, in a JSON file (a rule edited by a user is parsed
    again: its text, not its name, is the key). Unwritable or damaged files are ignored."""

    def __init__(self, path: Path | None):
        self.path = path
        self.shapes: dict[str, RuleShape] = {}
        if path is not None:
            try:
                for key, d in json.loads(path.read_text(encoding="utf-8")).items():
                    self.shapes[key] = RuleShape(None if d["reads"] is None else frozenset(d["reads"]),
                                                 frozenset(d["requires"]), tuple(tuple(t) for t in d["template"]),
                                                 frozenset(d["where_vars"]),
                                                 None if d["triggers"] is None else
                                                 tuple((tuple(t), tuple(tuple(tuple(a) for a in g) for g in gs))
                                                       for t, gs in d["triggers"]))
            except (OSError, ValueError, KeyError, TypeError):
                self.shapes = {}

    def get(self, key: str) -> RuleShape | None:
        return self.shapes.get(key)

    def put(self, key: str, shape: RuleShape) -> None:
        self.shapes[key] = shape
        if self.path is None:
            return
        data = {k: {"reads": None if v.reads is None else sorted(v.reads), "requires": sorted(v.requires),
                    "template": [list(t) for t in v.template], "where_vars": sorted(v.where_vars),
                    "triggers": None if v.triggers is None else [[list(t), [[list(a) for a in g] for g in gs]]
                                                                 for t, gs in v.triggers]}
                for k, v in self.shapes.items()}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            pass


@lru_cache(maxsize=1)
def shape_cache() -> ShapeCache:
    """The rule-shape cache: $SPINEKG_CACHE, else $XDG_CACHE_HOME/spinekg, else ~/.cache/spinekg."""
    root = os.environ.get("SPINEKG_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "spinekg")
    return ShapeCache(Path(root) / f"rule-shapes-{_FORMAT}.json")


_FORMAT = 7  # of the cache file: raise when RuleShape changes


def template_predicates(shape: RuleShape) -> Iterable[str]:
    """The predicates (and rdf:type classes) a rule's template can write."""
    for _, p, o in shape.template:
        yield o if p == RDF_TYPE else p


# --- the one lexer: keywords, braces and clauses found in a query's own text ------------------------------
_SKIP = re.compile(r'<[^<>"{}|^`\\\s]*>|"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"'
                   r"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")
_KEYWORD = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)
_PROLOGUE = re.compile(r"\b(?:PREFIX\s+(?:[A-Za-z][\w.-]*)?:\s*<[^<>\s]*>|BASE\s*<[^<>\s]*>)", re.I)
_LEADING_PRAGMAS = re.compile(r"\A(?:\s+|#[^\n]*\n|define\s+[\w:-]+\s+(?:\"[^\"\n]*\"|'[^'\n]*'|<[^>\s]*>|\S+))*",
                              re.I)
_CONSTRUCT = re.compile(r"\bCONSTRUCT\s*\{", re.I)
SKIPPED = _SKIP  # what the lexer steps over: IRIs, strings, comments


def mask(text: str, fill: str = " ", *, keep_iris: bool = False) -> str:
    """The text with IRIs (unless keep_iris), strings and comments replaced by `fill` (same length), so
    keywords, braces and parentheses found in what is left are the query's own."""
    if keep_iris:
        return _SKIP.sub(lambda m: m.group(0) if m.group(0).startswith("<") else fill * len(m.group(0)), text)
    return _SKIP.sub(lambda m: fill * len(m.group(0)), text)


def query_form(text: str) -> str:
    """'select', 'ask', 'construct' or 'describe': the form of a SPARQL query."""
    m = _KEYWORD.search(mask(text))
    return m.group(1).lower() if m else "select"


def prologue(text: str) -> str:
    """The query's PREFIX and BASE declarations, as one line."""
    return " ".join(_PROLOGUE.findall(mask(text, keep_iris=True)))


def with_prefixes(text: str) -> str:
    """The query with PREFIX declarations for the project's prefixes it uses but does not declare.

    They go after any leading Virtuoso `define` pragmas, which must come first.
    """
    bare = mask(text)
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(bare)}
    needed = [p for p in PREFIXES if p not in declared and re.search(rf"(?<![\w.:-]){re.escape(p)}:", bare)]
    if not needed:
        return text
    head = _LEADING_PRAGMAS.match(text)
    cut = head.end() if head and re.search(r"\bdefine\b", head.group(0), re.I) else 0
    return text[:cut] + ("\n" if cut else "") + "".join(f"PREFIX {p}: <{PREFIXES[p]}>\n" for p in needed) + text[cut:]


def closing_paren(masked: str, i: int) -> int:
    """The index just after the parenthesis group opening at masked[i] ('('), or -1."""
    depth = 0
    for j in range(i, len(masked)):
        if masked[j] == "(":
            depth += 1
        elif masked[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


def _closing_brace(masked: str, start: int) -> int:
    """The index just after the '}' that closes the '{' at masked[start - 1]."""
    depth = 1
    for i in range(start, len(masked)):
        if masked[i] == "{":
            depth += 1
        elif masked[i] == "}":
            depth -= 1
            if not depth:
                return i + 1
    raise SparqlError("unbalanced braces")


def _construct_parts(text: str) -> tuple[str, str, str]:
    """(prologue, template, the rest from WHERE on) of a CONSTRUCT query's text."""
    rule_shape(text)  # a CONSTRUCT query, or SparqlError
    masked = mask(text)
    m = _CONSTRUCT.search(masked)
    if m is None:
        raise SparqlError("a rule is a SPARQL CONSTRUCT query")
    end = _closing_brace(masked, m.end())
    return text[:m.start()], text[m.end(): end - 1], text[end:]


def construct_as_insert(text: str, graph: str) -> str:
    """A CONSTRUCT query as the update ``INSERT { GRAPH <graph> { template } } WHERE ...`` (same prologue,
    same WHERE clause), for running a rule on a SPARQL server."""
    head, template, where = _construct_parts(text)
    return f"{head}INSERT {{ GRAPH <{graph}> {{{template}}} }}\n{where}"


def construct_as_select(text: str, variables: Iterable[str]) -> str:
    """A CONSTRUCT query as ``SELECT DISTINCT ?v ... WHERE ...`` over its template's variables (same
    prologue, same WHERE clause): the solutions the template is instantiated with, each once."""
    head, _, where = _construct_parts(text)
    return f"{head}SELECT DISTINCT {' '.join('?' + v for v in variables)}\n{where}"


# --- binding parameters: LIMIT/OFFSET numbers and VALUES blocks of typed terms -------------------------------
def _clause(masked: str, keyword: str) -> re.Match | None:
    """The one `keyword <integer>` clause of a query (None if there is none; SparqlError if several)."""
    found = list(re.finditer(rf"\b{keyword}\s+(\d+)", masked, re.I))
    if len(found) > 1:
        raise SparqlError(f"the query has {len(found)} {keyword} clauses: a {keyword.lower()} parameter needs exactly one")
    return found[0] if found else None


def clause_values(query: str, keywords: Iterable[str] = ("LIMIT", "OFFSET")) -> dict[str, int]:
    """The numbers of the query's LIMIT and OFFSET clauses (those it has)."""
    masked = mask(query)
    out = {}
    for keyword in keywords:
        m = _clause(masked, keyword)
        if m:
            out[keyword] = int(m.group(1))
    return out


def set_clauses(query: str, clauses: dict[str, int]) -> str:
    """Set the number of the query's one LIMIT (or OFFSET) clause; SparqlError if it has none or several."""
    masked = mask(query)
    spans = []
    for keyword, number in clauses.items():
        m = _clause(masked, keyword)
        if not m:
            raise SparqlError(f"the query has no {keyword} clause for its {keyword.lower()} parameter")
        spans.append((m.start(1), m.end(1), str(int(number))))
    for start, end, text in sorted(spans, reverse=True):
        query = query[:start] + text + query[end:]
    return query


def values_block(query: str, names: list[str]) -> tuple[int, int] | None:
    """Where the query's own VALUES block for these variables is (start, end), if it has one.

    A query declares where its parameters are bound by a block `VALUES (?p1 ?p2) { (...) }` naming
    exactly the parameters (in the header's order): in a sub-query, for example, that has to see them.
    """
    masked = mask(query)
    found = []
    for m in re.finditer(r"\bVALUES\s*\(([^()]*)\)\s*\{", masked, re.I):
        variables = re.findall(r"[?$](\w+)", m.group(1))
        if set(variables) & set(names):
            if variables != names:
                raise SparqlError(f"its VALUES block for the parameters names ({' '.join(variables)}), "
                                  f"not ({' '.join(names)}) as in the header")
            end = masked.find("}", m.end())
            if end < 0:
                raise SparqlError("its VALUES block for the parameters has no closing brace")
            found.append((m.start(), end + 1))
    if len(found) > 1:
        raise SparqlError(f"it has {len(found)} VALUES blocks for the parameters: one is allowed")
    return found[0] if found else None


def subquery_groups(query: str) -> list[tuple[int, int]]:
    """The (start, end) of the WHERE group of each sub-query (each SELECT but the first) of a query."""
    masked = mask(query)
    spans = []
    for m in list(re.finditer(r"\bSELECT\b", masked, re.I))[1:]:
        start = masked.find("{", m.end())
        depth = 0
        for i in range(start, len(masked)):
            depth += {"{": 1, "}": -1}.get(masked[i], 0)
            if depth == 0:
                spans.append((start, i + 1))
                break
    return spans


def insert_values(query: str, names: list[str], terms: list[str], *, own_block: bool = False) -> str:
    """Bind variables by a VALUES block at the start of the outermost WHERE group (with own_block, in
    the query's own VALUES block for exactly these variables instead, if it has one: its row is replaced).

    Unlike a trailing VALUES clause (or pyoxigraph's substitutions, which join at the end), the
    bindings are visible to the FILTERs of that group. Terms are serialised RDF terms (written by an
    RDF library from typed terms, never user text) or UNDEF.
    """
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }}"
    own = values_block(query, names) if own_block else None
    if own:
        return query[:own[0]] + block + query[own[1]:]
    masked = mask(query)
    m = re.search(r"\bWHERE\s*\{", masked, re.I) or re.search(r"\bASK\s*\{", masked, re.I)
    if not m:
        raise SparqlError("the query has no WHERE clause to bind parameters in")
    return query[: m.end()] + "\n  " + block + "\n" + query[m.end():]
