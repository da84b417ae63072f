"""N-Triples text: the currency of the case writer, the reasoner and the stores.

Writing terms and lines (IRIs, typed and plain literals, with the escapes N-Triples requires) and
reading lines back (split into terms, terms into rdflib terms). Lines are ``"<s> <p> o ."``, one
triple each, as Oxigraph and rdflib write them; IRIs in them have been checked where they came from
input (see spinekg.iri), and the stores parse every line strictly again before writing it.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from decimal import Decimal
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_ESCAPE = {ord("\\"): "\\\\", ord('"'): '\\"', ord("\n"): "\\n", ord("\r"): "\\r"}
_UNESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_CHARS = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def iri(value: str) -> str:
    """An IRI term: ``<value>``."""
    return f"<{value}>"


def literal(text: str) -> str:
    """A plain (xsd:string) literal, escaped."""
    return '"' + text.translate(_ESCAPE) + '"'


def typed(lexical: str, datatype: str) -> str:
    """A typed literal with an XSD datatype given by local name (``typed("2", "integer")``)."""
    return f'"{lexical}"^^<{XSD}{datatype}>'


def boolean(value: bool) -> str:
    return typed("true" if value else "false", "boolean")


@lru_cache(maxsize=4096)
def decimal(value: float | Decimal) -> str:
    """An xsd:decimal literal in canonical form (as rdflib and Oxigraph write it)."""
    return Literal(Decimal(str(value)), datatype=URIRef(XSD + "decimal")).n3()


def line(s: str, p: str, o: str) -> str:
    return f"{s} {p} {o} ."


def split(text_line: str) -> tuple[str, str, str]:
    """The subject, predicate and object terms of one N-Triples line."""
    s, p, o = text_line[:-2].split(" ", 2)
    return s, p, o


def lines(text: str) -> list[str]:
    """The triple lines of N-Triples text (blank lines and comments left out)."""
    return [x for x in text.split("\n") if x and x[0] != "#"]


def unescape(text: str) -> str:
    if "\\" not in text:
        return text
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)) if (m.group(1) or m.group(2))
                         else _CHARS.get(m.group(3), m.group(3)), text)


@lru_cache(maxsize=65536)
def to_rdflib(term: str) -> Node:
    """One N-Triples term as an rdflib term."""
    if term[0] == "<":
        return URIRef(term[1:-1])
    if term[0] == "_":
        return BNode(term[2:])
    end = term.rindex('"')
    lexical, rest = unescape(term[1:end]), term[end + 1:]
    if rest.startswith("^^<"):
        return Literal(lexical, datatype=URIRef(rest[3:-1]))
    if rest.startswith("@"):
        return Literal(lexical, lang=rest[1:])
    return Literal(lexical)


def from_rdflib(term: Node) -> str:
    """One rdflib term in N-Triples syntax."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        text = literal(str(term))
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != XSD + "string":
            return f"{text}^^<{term.datatype}>"
        return text
    return term.n3()


class TripleIndex:
    """Read-only access to N-Triples lines with the part of rdflib's Graph API that readers use
    (``objects``, ``subjects``, ``value``), so code written for an rdflib Graph reads the lines directly."""

    def __init__(self, text_lines: Iterable[str]):
        self.spo: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        self.pos: dict[Node, dict[Node, list[Node]]] = defaultdict(lambda: defaultdict(list))
        for x in text_lines:
            s, p, o = (to_rdflib(t) for t in split(x))
            self.spo[s][p].append(o)
            self.pos[p][o].append(s)

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        if subject is None:
            if predicate is None:
                raise NotImplementedError("objects() needs a subject or a predicate")
            return (o for o, subs in self.pos.get(predicate, {}).items() for _ in subs)
        props = self.spo.get(subject)
        if not props:
            return iter(())
        if predicate is None:
            return (o for objs in props.values() for o in objs)
        return iter(list(props.get(predicate, ())))

    def subjects(self, predicate: Node | None = None, object: Node | None = None) -> Iterator[Node]:
        if predicate is None:
            raise NotImplementedError("subjects() needs a predicate")
        by_o = self.pos.get(predicate)
        if not by_o:
            return iter(())
        if object is None:
            return (s for subs in by_o.values() for s in subs)
        return iter(list(by_o.get(object, ())))

    def value(self, subject: Node | None = None, predicate: Node | None = None) -> Node | None:
        if subject is None or predicate is None:
            raise NotImplementedError("value() needs a subject and a predicate")
        objs = self.spo.get(subject, {}).get(predicate)
        return objs[0] if objs else None


_BARE_INT = re.compile(r"[+-]?\d+")
_BARE_DEC = re.compile(r"[+-]?\d*\.\d+")


@lru_cache(maxsize=4096)
def _bare(token: str) -> str:
    if token in ("true", "false"):
        return typed(token, "boolean")
    if _BARE_INT.fullmatch(token):
        return typed(token, "integer")
    if _BARE_DEC.fullmatch(token):
        return typed(token, "decimal")
    return typed(token, "double")


def from_tsv(token: str) -> str:
    """One term of SPARQL TSV results (Turtle syntax: numbers and booleans may be bare) in N-Triples syntax."""
    return token if token[:1] in ('<', '"', "_") else _bare(token)
