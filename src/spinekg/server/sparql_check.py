"""What a SPARQL request asks the server to do, decided from its parse, never from a pattern over its text.

The endpoint makes no outbound requests: a query with ``SERVICE`` (federation) and an update with
``LOAD`` or ``SERVICE`` are refused. Which operations a request holds is read from the parse tree of
rdflib's SPARQL 1.1 parser (the grammar's ``ServiceGraphPattern`` and ``Load`` productions), so a
keyword hidden from a text filter (in a comment ending in a carriage return, say) is still found.

Two parsers read the same text here (rdflib's, to decide; Oxigraph's, to run), so text that the two
could read differently is refused before either decides: a carriage return that does not end a line
(Oxigraph ends a comment there, rdflib does not) and ``\\u`` escapes (rdflib expands them everywhere,
Oxigraph only inside IRIs and strings). A request rdflib
cannot parse is refused too (400). The server also runs without a network of its own where the system
allows it (see isolation.py), so even a parser disagreement missed here could not reach another host.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

MAX_QUERY_CHARS = 100_000  # a query's text (the named queries are about 2,000)
MAX_UPDATE_CHARS = 1_000_000  # an update's text (bulk data goes through the Graph Store Protocol or POST /cases)

_LONE_CR = re.compile(r"\r(?!\n)")
_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\[uU]")  # \u or \U, not \\u (an escaped backslash, then u)


class RequestRefused(ValueError):
    """A query or update the endpoint will not run; the message says why (answered as 400)."""


class Unreadable(RequestRefused):
    """rdflib's parser cannot read the request (a syntax error, or syntax it does not know)."""


@dataclass(frozen=True)
class Operations:
    """What one parsed request does: federation, loading from the web, its own dataset clauses."""

    service: bool = False
    load: bool = False
    dataset: bool = False  # FROM / FROM NAMED clauses (a query) or USING clauses (an update)


def check_query(text: str) -> Operations:
    """The operations of a SPARQL query; RequestRefused for SERVICE, an unreadable or an oversized query."""
    ops = query_operations(text)
    if ops.service:
        raise RequestRefused("SERVICE (federated query) is not allowed: this endpoint makes no outbound requests")
    return ops


def check_update(text: str) -> Operations:
    """The operations of a SPARQL update; RequestRefused for LOAD or SERVICE, or an unreadable update."""
    ops = update_operations(text)
    for kw, used in (("LOAD", ops.load), ("SERVICE", ops.service)):
        if used:
            raise RequestRefused(f"{kw} is not allowed in updates: this endpoint makes no outbound requests")
    return ops


@lru_cache(maxsize=2048)
def query_operations(text: str) -> Operations:
    """The operations of a query, from rdflib's parse (cached: repeated queries are parsed once)."""
    from rdflib.plugins.sparql.parser import parseQuery

    _check_text(text, MAX_QUERY_CHARS, "query")
    return _operations(_parse(parseQuery, text, "query"))


@lru_cache(maxsize=256)
def update_operations(text: str) -> Operations:
    """The operations of an update, from rdflib's parse."""
    from rdflib.plugins.sparql.parser import parseUpdate

    _check_text(text, MAX_UPDATE_CHARS, "update")
    return _operations(_parse(parseUpdate, text, "update"))


def _check_text(text: str, limit: int, what: str) -> None:
    if len(text) > limit:
        raise RequestRefused(f"the {what} is {len(text):,} characters long: the limit is {limit:,}")
    m = _LONE_CR.search(text)
    if m:
        raise RequestRefused(f"the {what} has a carriage return that does not end a line (at character "
                             f"{m.start() + 1}): end lines with \\n or \\r\\n")
    m = _ESCAPE.search(text)
    if m:
        raise RequestRefused(f"the {what} has a \\u escape (at character {m.end() - 1}): write the character "
                             "itself (the two parsers that read a request expand such escapes in different places)")


def _parse(parser: Any, text: str, what: str) -> Any:
    import pyparsing

    try:
        return parser(text)
    except pyparsing.ParseBaseException as exc:
        raise Unreadable(f"SPARQL syntax error in the {what} at line {exc.lineno}, column {exc.col}: "
                         f"{exc.msg}") from None
    except (RecursionError, ValueError, TypeError, IndexError, KeyError) as exc:
        raise Unreadable(f"the {what} cannot be read: {' '.join(str(exc).split())[:200]}") from None


def _operations(tree: Any) -> Operations:
    """Walk rdflib's parse tree (CompValue nodes, ParseResults and lists) for the productions that matter."""
    from rdflib.plugins.sparql.parserutils import CompValue

    names: set[str] = set()
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            todo.extend(node.values())
        elif isinstance(node, dict):
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "as_list"):
            todo.extend(list(node))
    return Operations(service="ServiceGraphPattern" in names, load="Load" in names,
                      dataset="DatasetClause" in names or "UsingClause" in names)
