"""The facts every engine's conclusions are compared on, whatever engine produced them.

A conclusion is a node typed with a class some rule's template writes (from the rules' parsed
templates, so a new rule is compared without editing this file). Its facts are one line each,
``<node> <predicate> value``, for every predicate the rules' templates write (rdf:type restricted to the
conclusion classes): the concerned implant, the risk level, the certainty, probabilities, odds ratios,
grades, labels, the premises (prov:wasDerivedFrom). Values are normalised so that engines that write
the same value differently agree: numbers by value (``"0.050"^^xsd:decimal`` = ``"5E-2"^^xsd:double``,
to 12 significant digits), booleans by value, strings by their characters, language tags in lower case.

Facts go to files, sorted (code-point order, what ``verdicts.compare_conclusions`` merges), so a
registry of any size is compared in bounded memory.
"""
from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Iterator
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
NUMERIC = frozenset(XSD + t for t in (
    "decimal", "integer", "int", "long", "short", "byte", "double", "float", "nonNegativeInteger",
    "positiveInteger", "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong",
    "unsignedShort", "unsignedByte"))
_LITERAL = re.compile(r'^"(.*)"(?:\^\^<([^>]*)>|@([A-Za-z0-9-]+))?$', re.S)
_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_CHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                         else _CHARS.get(m.group(3), m.group(3)), text)


def _number(lexical: str) -> str | None:
    try:
        d = Decimal(lexical.strip())
    except InvalidOperation:
        return None
    if not d.is_finite():
        return str(d)
    if d == 0:
        return "0"
    d = round(d, 12 - d.adjusted() - 1)  # 12 significant digits: doubles computed two ways agree
    return format(d.normalize(), "f")


@lru_cache(maxsize=65536)
def normal_term(term: str) -> str:
    """One N-Triples term in the form facts are compared in (IRIs and blank nodes as they are)."""
    if not term.startswith('"'):
        return term
    m = _LITERAL.match(term)
    if m is None:
        return term
    lexical, datatype, lang = _unescape(m.group(1)), m.group(2), m.group(3)
    if lang:
        return '"' + lexical.translate(_ESCAPE) + '"@' + lang.lower()
    if datatype in NUMERIC:
        n = _number(lexical)
        if n is not None:
            return f'"{n}"^^number'
    if datatype == XSD + "boolean" and lexical.strip() in ("true", "false", "1", "0"):
        return '"true"^^boolean' if lexical.strip() in ("true", "1") else '"false"^^boolean'
    if datatype in (None, XSD + "string"):
        return '"' + lexical.translate(_ESCAPE) + '"'
    return '"' + lexical.translate(_ESCAPE) + f'"^^<{datatype}>'


@lru_cache(maxsize=1)
def vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(conclusion classes, fact predicates) as N-Triples IRIs, from the rules' templates."""
    from spinekg.reasoning.rules import load_rules

    classes, preds = set(), set()
    for r in load_rules():
        for _, p, o in r.shape.template:
            if p == RDF_TYPE:
                if o.startswith("<"):
                    classes.add(o)
            elif p.startswith("<"):
                preds.add(p)
    return frozenset(classes), frozenset(preds)


def facts_of_triples(triples: Iterable[tuple[str, str, str]],
                     vocab: tuple[frozenset[str], frozenset[str]] | None = None) -> set[str]:
    """The conclusion facts among triples (N-Triples terms) that hold every fact about their nodes."""
    classes, preds = vocab or vocabulary()
    nodes: set[str] = set()
    kept: list[tuple[str, str, str]] = []
    for s, p, o in triples:
        if p == RDF_TYPE:
            if o in classes:
                nodes.add(s)
                kept.append((s, p, o))
        elif p in preds:
            kept.append((s, p, o))
    return {f"{s} {p} {normal_term(o)}" for s, p, o in kept if s in nodes}


def facts_of_ntriples(text: str, vocab: tuple[frozenset[str], frozenset[str]] | None = None) -> set[str]:
    """The same from N-Triples text (one case's, or any text holding all facts of its nodes)."""
    triples = []
    for line in text.split("\n"):
        if line and line[0] != "#":
            s, p, o = line[:-2].split(" ", 2)
            triples.append((s, p, o))
    return facts_of_triples(triples, vocab)


def facts_query(vocab: tuple[frozenset[str], frozenset[str]] | None = None, graph: str | None = None) -> str:
    """SPARQL SELECT ?c ?p ?x of every conclusion fact in a store (in `graph` only, if given)."""
    classes, preds = vocab or vocabulary()
    body = (f"VALUES ?cls {{ {' '.join(sorted(classes))} }} ?c a ?cls . ?c ?p ?x . "
            f"VALUES ?p {{ {' '.join(sorted(preds | {RDF_TYPE}))} }}")
    if graph is not None:
        body = f"GRAPH <{graph}> {{ {body} }}"
    return f"SELECT DISTINCT ?c ?p ?x WHERE {{ {body} }}"


def facts_of_rows(rows: Iterable[tuple[str, str, str]],
                  vocab: tuple[frozenset[str], frozenset[str]] | None = None) -> set[str]:
    """The facts from facts_query's rows (?c ?p ?x as N-Triples terms)."""
    classes, _ = vocab or vocabulary()
    return {f"{s} {p} {normal_term(o)}" for s, p, o in rows if p != RDF_TYPE or o in classes}


def write_sorted(facts: Iterable[str], path: Path) -> int:
    """Write facts one a line, sorted and unique (code-point order; big files sorted on disk); the count."""
    tmp = path.with_suffix(".unsorted")
    with open(tmp, "w", encoding="utf-8") as fh:
        for x in facts:
            if "\n" in x:
                raise ValueError(f"a fact holds a line break: {x[:80]!r}")
            fh.write(x + "\n")
    env = dict(os.environ, LC_ALL="C")  # byte order of UTF-8 = code-point order = Python's str order
    subprocess.run(["sort", "-u", "-S", "256M", "-T", str(path.parent), "-o", str(path), str(tmp)],
                   check=True, env=env)
    tmp.unlink()
    with open(path, "rb") as fh:
        return sum(1 for _ in fh)


def read_sorted(path: Path) -> Iterator[str]:
    """The facts of a file written by write_sorted."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\n")
