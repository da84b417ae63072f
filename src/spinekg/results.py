"""SPARQL results as rows, and their rendering as a table, SPARQL JSON or CSV."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field

import pyoxigraph as ox

from .vocab import BASE

DEFAULT_CELL_WIDTH = 60
CUT_MARK = "…"  # ends a table cell that was cut


def _term_json(term: object) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype and term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    return {"type": "literal", "value": str(term)}


def short(term: object) -> str:
    """A readable form of an RDF term: skg: IRIs as CURIEs, case IRIs as their local path."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        v = term.value
        if v.startswith(BASE + "case/"):
            return v[len(BASE) + 5:]
        if v.startswith(BASE):
            return "skg:" + v[len(BASE):]
        return v
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)


def term_value(term: object) -> str:
    """The plain value of a result term: an IRI or blank node id as its string, a literal as its lexical form."""
    if isinstance(term, (ox.NamedNode, ox.BlankNode, ox.Literal)):
        return term.value
    raise TypeError(f"not an RDF term with a value: {term!r}")


@dataclass
class QueryResult:
    """The result of a SPARQL query: SELECT rows, an ASK boolean, or CONSTRUCT triples."""

    kind: str  # "select", "ask" or "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict[str, object]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[ox.Triple] = field(default_factory=list)

    @classmethod
    def from_oxigraph(cls, result: object) -> QueryResult:
        if isinstance(result, (bool, getattr(ox, "QueryBoolean", bool))):
            return cls("ask", boolean=bool(result))
        if isinstance(result, ox.QuerySolutions):
            variables = [v.value for v in result.variables]
            rows = [{v: sol[v] for v in variables if sol[v] is not None} for sol in result]
            return cls("select", variables, rows)
        return cls("graph", triples=list(result))  # type: ignore[call-overload]

    def values(self, var: str) -> list[str]:
        """The plain values of one column (IRIs as full strings, literals as their lexical form)."""
        return [term_value(r[var]) for r in self.rows if var in r]

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON (for SELECT and ASK); JSON-LD for graphs (CONSTRUCT, DESCRIBE)."""
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": self.boolean})
        if self.kind == "graph":  # a standard RDF serialisation: JSON-LD (expanded form)
            return (ox.serialize(self.triples, format=ox.RdfFormat.JSON_LD) or b"").decode("utf-8")
        return json.dumps({"head": {"vars": self.variables},
                           "results": {"bindings": [{k: _term_json(v) for k, v in r.items()} for r in self.rows]}},
                          indent=1)

    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        if self.kind == "ask":
            w.writerow(["boolean"])
            w.writerow([str(self.boolean).lower()])
        elif self.kind == "graph":
            w.writerow(["subject", "predicate", "object"])
            for t in self.triples:
                w.writerow([_plain(t.subject), _plain(t.predicate), _plain(t.object)])
        else:
            w.writerow(self.variables)
            for r in self.rows:
                w.writerow([_plain(r.get(v)) for v in self.variables])
        return buf.getvalue()

    def to_table(self, width: int = DEFAULT_CELL_WIDTH) -> str:
        """An aligned text table; a cell longer than `width` characters is cut and ends in CUT_MARK."""
        if width < 2:
            raise ValueError(f"a table cell needs a width of at least 2 characters, got {width}")
        if self.kind == "ask":
            return "yes" if self.boolean else "no"
        if self.kind == "graph":
            header, body = ["subject", "predicate", "object"], [[short(t.subject), short(t.predicate), short(t.object)]
                                                                for t in self.triples]
        else:
            header, body = self.variables, [[short(r.get(v)) for v in self.variables] for r in self.rows]
        body = [[_cut(c, width) for c in row] for row in body]
        header = [_cut(h, width) for h in header]
        widths = [max([len(h)] + [len(row[i]) for row in body]) for i, h in enumerate(header)]
        fmt = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()  # noqa: E731
        lines = [fmt(header), fmt(["-" * w for w in widths])] + [fmt(row) for row in body]
        lines.append(f"({len(body)} row{'s' if len(body) != 1 else ''})")
        return "\n".join(lines)

    def render(self, fmt: str, *, width: int = DEFAULT_CELL_WIDTH) -> str:
        """The result as a table (cells cut at `width`), JSON or CSV."""
        if fmt == "table":
            return self.to_table(width)
        return {"json": self.to_json, "csv": self.to_csv}[fmt]()


def _cut(text: str, width: int) -> str:
    """The text, cut to `width` characters with a visible mark when longer."""
    return text if len(text) <= width else text[: width - 1] + CUT_MARK


def _plain(term: object) -> str:
    if term is None:
        return ""
    return getattr(term, "value", str(term))
