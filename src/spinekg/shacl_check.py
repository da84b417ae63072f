"""The SHACL shapes compiled once into direct checks: a fast, conservative conformance test.

pyshacl takes about 10 ms a case; loading one new case must take less than that in all. So the shapes
(ontology/shapes.ttl) are compiled once into plain checks over a case's N-Triples terms, and
``CompiledShapes.conforms(triples)`` answers True only where pyshacl would find no violation. It is
conservative: anything it is not sure of (a value it would have to interpret as pyshacl does: an
unusual literal, a class declared in the case) answers False, and the caller then runs pyshacl, whose
report gives the messages. So every invalid case gets pyshacl's messages, word for word, and a valid
case is checked in a fraction of a millisecond.

``compile_shapes(graph)`` gives None when the shapes use a feature the checks do not cover (then every
case goes to pyshacl): targets other than sh:targetClass, sh:targetSubjectsOf and sh:targetObjectsOf, paths other than one
property, constraints other than those below, severities, flags, deactivated shapes, several values
where one is expected.

Constraints covered (SHACL Core, as pyshacl evaluates them): sh:minCount, sh:maxCount, sh:datatype
(xsd:string, xsd:boolean, xsd:decimal, xsd:integer), sh:pattern, sh:class, sh:in and sh:hasValue (of
IRIs), sh:minInclusive and sh:maxInclusive (of numbers), sh:minLength, sh:nodeKind sh:IRI; sh:in on a
node shape.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from .ntriples import RDF_TYPE, from_rdflib, to_rdflib

SUBCLASS = f"<{RDFS.subClassOf}>"
_NODE_KEYS = {RDF.type, RDFS.comment, RDFS.label, SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH["in"],
              SH.property, SH.message}
_PROPERTY_KEYS = {SH.path, SH.minCount, SH.maxCount, SH.datatype, SH.pattern, SH["class"], SH["in"], SH.hasValue,
                  SH.minInclusive, SH.maxInclusive, SH.minLength, SH.nodeKind, SH.message, RDFS.comment}
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")  # narrower than XSD's: what rdflib reads as a decimal for sure
_INTEGER = re.compile(r"-?\d+")
_NUMERIC = {f"<{XSD.decimal}>": _DECIMAL, f"<{XSD.integer}>": _INTEGER}
# A value test: (the case's view, the value's term) -> whether it surely passes.
Test = Callable[["_Case", str], bool]


class _Unsupported(Exception):
    """The shapes use something the checks do not cover."""


@dataclass
class _Case:
    """One case's terms, indexed for the checks."""

    objects: dict[str, dict[str, set[str]]] = field(default_factory=dict)   # s -> p -> {o}
    by_predicate: dict[str, set[str]] = field(default_factory=dict)        # p -> {o}
    subjects: dict[str, set[str]] = field(default_factory=dict)            # p -> {s}
    supers: Callable[[str], frozenset[str]] = lambda c: frozenset((c,))

    def values(self, s: str, p: str) -> set[str]:
        return self.objects.get(s, {}).get(p, set())

    def is_a(self, node: str, cls: str) -> bool:
        return any(cls in self.supers(t) for t in self.values(node, RDF_TYPE))


@dataclass(frozen=True)
class _Property:
    path: str
    min_count: int = 0
    max_count: int | None = None
    tests: tuple[Test, ...] = ()

    def holds(self, case: _Case, focus: str) -> bool:
        values = case.values(focus, self.path)
        if len(values) < self.min_count or (self.max_count is not None and len(values) > self.max_count):
            return False
        return all(test(case, v) for v in values for test in self.tests)


@dataclass(frozen=True)
class _Shape:
    classes: tuple[str, ...]
    objects_of: tuple[str, ...]
    allowed: frozenset[str] | None  # sh:in on the node itself
    properties: tuple[_Property, ...]
    subjects_of: tuple[str, ...] = ()


class CompiledShapes:
    """The shapes as direct checks (see the module docstring)."""

    def __init__(self, shapes: list[_Shape], hierarchy: dict[str, frozenset[str]]):
        self.shapes = shapes
        self.hierarchy = hierarchy  # class -> its named superclasses in the ontology (and itself)

    def supers(self, cls: str) -> frozenset[str]:
        return self.hierarchy.get(cls) or frozenset((cls,))

    def conforms(self, triples: Iterable[tuple[str, str, str]]) -> bool:
        """True only if pyshacl would find no violation in a case graph of these triples (N-Triples terms);
        False when it may (then run pyshacl for the report)."""
        case = _Case(supers=self.supers)
        objects, by_predicate, subjects = case.objects, case.by_predicate, case.subjects
        for s, p, o in triples:
            if p == SUBCLASS or "\\u" in o or "\\U" in o or "\\" in s or "\\" in p:
                return False  # classes declared in the case, or a term spelt with escapes: leave to pyshacl
            objects.setdefault(s, {}).setdefault(p, set()).add(o)
            by_predicate.setdefault(p, set()).add(o)
            subjects.setdefault(p, set()).add(s)
        classes = {s: frozenset().union(*(self.supers(t) for t in props[RDF_TYPE]))
                   for s, props in objects.items() if RDF_TYPE in props}
        for shape in self.shapes:
            focus = {s for s, cl in classes.items() if not cl.isdisjoint(shape.classes)}
            for p in shape.objects_of:
                focus |= by_predicate.get(p, set())
            for p in shape.subjects_of:
                focus |= subjects.get(p, set())
            for f in focus:
                if shape.allowed is not None and f not in shape.allowed:
                    return False
                if not all(prop.holds(case, f) for prop in shape.properties):
                    return False
        return True


def _one(g: Graph, node: object, pred: URIRef) -> object | None:
    values = list(g.objects(node, pred))  # type: ignore[arg-type]
    if len(values) > 1:
        raise _Unsupported(f"several {pred} on one shape")
    return values[0] if values else None


def _iris(g: Graph, head: object) -> frozenset[str]:
    items = list(Collection(g, head))  # type: ignore[arg-type]
    if not all(isinstance(x, URIRef) for x in items):
        raise _Unsupported("sh:in with a value that is not an IRI")
    return frozenset(f"<{x}>" for x in items)


def _count(value: object) -> int:
    if not isinstance(value, Literal) or not isinstance(value.value, int) or isinstance(value.value, bool):
        raise _Unsupported("a count that is not a whole number")
    return int(value.value)


def _number(value: object) -> Decimal:
    if not isinstance(value, Literal) or value.datatype not in (XSD.integer, XSD.decimal):
        raise _Unsupported("a bound that is not an integer or decimal")
    return Decimal(str(value))


def _numeric_value(term: str) -> Decimal | None:
    """The value of an xsd:decimal or xsd:integer literal with a valid lexical form, else None."""
    if term[0] != '"' or '"^^<' not in term:
        return None
    lexical, datatype = term[1:].rsplit('"^^', 1)
    shape = _NUMERIC.get(datatype)
    if shape is None or not shape.fullmatch(lexical):
        return None
    try:
        return Decimal(lexical)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid numbers
        return None


def _datatype_test(dt: object) -> Test:
    if dt == XSD.string:
        return lambda case, v: v[0] == '"' and v[-1] == '"'  # a plain literal (no language, no datatype)
    if dt == XSD.boolean:
        ok = {f'"true"^^<{XSD.boolean}>', f'"false"^^<{XSD.boolean}>'}
        return lambda case, v: v in ok
    if dt in (XSD.decimal, XSD.integer):
        suffix = f'"^^<{dt}>'
        return lambda case, v: v.endswith(suffix) and _numeric_value(v) is not None
    raise _Unsupported(f"sh:datatype {dt}")


def _text(term: str) -> str | None:
    """SPARQL str() of an IRI or literal term; None for a blank node."""
    if term[0] == "_":
        return None
    return term[1:-1] if term[0] == "<" else str(to_rdflib(term))


def _property(g: Graph, node: object) -> _Property:
    keys = set(g.predicates(node))  # type: ignore[arg-type]
    if keys - _PROPERTY_KEYS:
        raise _Unsupported(f"property shape keys {sorted(map(str, keys - _PROPERTY_KEYS))}")
    path = _one(g, node, SH.path)
    if not isinstance(path, URIRef):
        raise _Unsupported("a path that is not one property")
    tests: list[Test] = []
    dt = _one(g, node, SH.datatype)
    if dt is not None:
        tests.append(_datatype_test(dt))
    pattern = _one(g, node, SH.pattern)
    if pattern is not None:
        regex = re.compile(str(pattern))
        tests.append(lambda case, v: (t := _text(v)) is not None and regex.search(t) is not None)
    cls = _one(g, node, SH["class"])
    if cls is not None:
        if not isinstance(cls, URIRef):
            raise _Unsupported("sh:class that is not an IRI")
        c = f"<{cls}>"
        tests.append(lambda case, v: v[0] != '"' and case.is_a(v, c))
    allowed = _one(g, node, SH["in"])
    if allowed is not None:
        ok = _iris(g, allowed)
        tests.append(lambda case, v: v in ok)
    low, high = _one(g, node, SH.minInclusive), _one(g, node, SH.maxInclusive)
    if low is not None:
        lo = _number(low)
        tests.append(lambda case, v: (x := _numeric_value(v)) is not None and x >= lo)
    if high is not None:
        hi = _number(high)
        tests.append(lambda case, v: (x := _numeric_value(v)) is not None and x <= hi)
    length = _one(g, node, SH.minLength)
    if length is not None:
        n = _count(length)
        tests.append(lambda case, v: (t := _text(v)) is not None and len(t) >= n)
    kind = _one(g, node, SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise _Unsupported(f"sh:nodeKind {kind}")
        tests.append(lambda case, v: v[0] == "<")
    has = _one(g, node, SH.hasValue)
    min_count = _count(_one(g, node, SH.minCount) or Literal(0))
    max_count = _one(g, node, SH.maxCount)
    prop = _Property(f"<{path}>", min_count, _count(max_count) if max_count is not None else None, tuple(tests))
    if has is not None:
        if not isinstance(has, URIRef):
            raise _Unsupported("sh:hasValue that is not an IRI")
        wanted, inner = f"<{has}>", prop
        return _HasValue(inner.path, inner.min_count, inner.max_count, inner.tests, wanted)
    return prop


@dataclass(frozen=True)
class _HasValue(_Property):
    wanted: str = ""

    def holds(self, case: _Case, focus: str) -> bool:
        return self.wanted in case.values(focus, self.path) and super().holds(case, focus)


def _compile(g: Graph, hierarchy: dict[str, frozenset[str]]) -> CompiledShapes:
    shapes = []
    node_shapes = set(g.subjects(RDF.type, SH.NodeShape))
    for pred in (SH.targetNode, SH.target, SH.deactivated, SH.severity, SH.flags, SH.node,
                 SH["and"], SH["or"], SH["not"], SH.xone, SH.sparql, SH.qualifiedValueShape, SH.closed):
        if any(True for _ in g.subject_objects(pred)):
            raise _Unsupported(f"{pred}")
    for pred in (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf):
        if set(g.subjects(pred, None)) - node_shapes:
            raise _Unsupported("a target on something that is not a node shape")
    if any(isinstance(s, URIRef) for s in g.subjects(RDF.type, SH.PropertyShape)):
        raise _Unsupported("a named property shape")
    for shape in sorted(node_shapes, key=str):
        keys = set(g.predicates(shape))
        if keys - _NODE_KEYS:
            raise _Unsupported(f"node shape keys {sorted(map(str, keys - _NODE_KEYS))}")
        classes = tuple(sorted(f"<{c}>" for c in g.objects(shape, SH.targetClass)))
        objects_of = tuple(sorted(f"<{p}>" for p in g.objects(shape, SH.targetObjectsOf)))
        subjects_of = tuple(sorted(f"<{p}>" for p in g.objects(shape, SH.targetSubjectsOf)))
        allowed = _one(g, shape, SH["in"])
        props = []
        for node in g.objects(shape, SH.property):
            if not isinstance(node, BNode) or len(set(g.subjects(SH.property, node))) != 1:
                raise _Unsupported("a property shape that is named or shared")
            props.append(_property(g, node))
        shapes.append(_Shape(classes, objects_of, _iris(g, allowed) if allowed is not None else None, tuple(props),
                             subjects_of))
    return CompiledShapes(shapes, hierarchy)


def compile_shapes(g: Graph, hierarchy: Graph) -> CompiledShapes | None:
    """The shapes of `g` as direct checks, with the class hierarchy pyshacl is given (rdfs:subClassOf
    edges between named classes); None when the shapes use what the checks do not cover."""
    up: dict[str, set[str]] = {}
    for s, o in hierarchy.subject_objects(RDFS.subClassOf):
        up.setdefault(from_rdflib(s), set()).add(from_rdflib(o))
    closed: dict[str, frozenset[str]] = {}
    for c in up:
        seen, todo = {c}, [c]
        while todo:
            for d in up.get(todo.pop(), ()):
                if d not in seen:
                    seen.add(d)
                    todo.append(d)
        closed[c] = frozenset(seen)
    try:
        return _compile(g, closed)
    except _Unsupported:
        return None


@lru_cache(maxsize=1)
def packaged_shapes() -> CompiledShapes | None:
    """The packaged shapes, compiled once per process (None: every case goes to pyshacl)."""
    from .data import shapes_graph
    from .validate import class_hierarchy

    return compile_shapes(shapes_graph(), class_hierarchy())


__all__ = ["CompiledShapes", "compile_shapes", "packaged_shapes"]
