"""Content negotiation: pick a pyoxigraph serialisation from an Accept header (with q-values) or a format name."""
from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from ..errors import SpinekgError


@dataclass(frozen=True)
class Format:
    """One serialisation we offer: its short name, the media types that select it (canonical first)."""

    name: str
    media_types: tuple[str, ...]
    results: ox.QueryResultsFormat | None = None  # for SELECT and ASK
    rdf: ox.RdfFormat | None = None  # for CONSTRUCT, DESCRIBE and graph reads

    @property
    def media_type(self) -> str:
        return self.media_types[0]

    @property
    def content_type(self) -> str:
        mt = self.media_type
        return f"{mt}; charset=utf-8" if mt.startswith("text/") else mt


R, G = ox.QueryResultsFormat, ox.RdfFormat


def _mt(fmt: ox.QueryResultsFormat | ox.RdfFormat) -> str:
    """pyoxigraph's canonical media type without parameters ("text/csv; charset=utf-8" -> "text/csv")."""
    return fmt.media_type.split(";", 1)[0].strip()


# Server preference order: the first is the default when the client accepts anything.
RESULT_FORMATS: tuple[Format, ...] = (
    Format("json", (_mt(R.JSON), "application/json"), results=R.JSON),
    Format("xml", (_mt(R.XML), "application/xml", "text/xml"), results=R.XML),
    Format("csv", (_mt(R.CSV),), results=R.CSV),
    Format("tsv", (_mt(R.TSV),), results=R.TSV),
)
GRAPH_FORMATS: tuple[Format, ...] = (
    Format("turtle", (_mt(G.TURTLE), "application/x-turtle", "application/turtle"), rdf=G.TURTLE),
    Format("ntriples", (_mt(G.N_TRIPLES), "text/plain"), rdf=G.N_TRIPLES),
    Format("jsonld", (_mt(G.JSON_LD), "application/json", "application/x-json+ld"), rdf=G.JSON_LD),
    Format("rdfxml", (_mt(G.RDF_XML), "application/xml", "text/xml"), rdf=G.RDF_XML),
)
# Names accepted in a `format=` parameter, for clients (and links) that cannot set an Accept header.
ALIASES = {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv",
           "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples", "n-triples": "ntriples",
           "jsonld": "jsonld", "json-ld": "jsonld", "rdfxml": "rdfxml", "rdf": "rdfxml", "rdf/xml": "rdfxml",
           "owl": "rdfxml"}
GRAPH_ALIASES = {**ALIASES, "json": "jsonld", "xml": "rdfxml"}  # what "json" and "xml" mean for a graph


class NotAcceptable(SpinekgError):
    """No offered format is acceptable to the client; the message says what is available."""


class BadFormat(SpinekgError, ValueError):
    """A `format=` parameter names no known format."""


def parse_accept(header: str | None) -> list[tuple[str, float]]:
    """Media ranges with their q-values, in header order; malformed parts are skipped."""
    out: list[tuple[str, float]] = []
    for part in (header or "").split(","):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if "/" not in media:
            continue
        q = 1.0
        for param in fields[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = max(0.0, min(1.0, float(value.strip())))
                except ValueError:
                    q = 0.0
        out.append((media, q))
    return out


def _quality(fmt: Format, ranges: list[tuple[str, float]]) -> float:
    """The q-value the client gives this format: from its most specific matching media range (RFC 9110)."""
    best_spec, best_q = -1, 0.0
    for media, q in ranges:
        main = media.split("/", 1)[0]
        if media in fmt.media_types:
            spec = 2
        elif media == f"{main}/*" and any(mt.startswith(main + "/") for mt in fmt.media_types):
            spec = 1
        elif media == "*/*":
            spec = 0
        else:
            continue
        if spec > best_spec:
            best_spec, best_q = spec, q
    return best_q


def choose(offered: tuple[Format, ...], accept: str | None, format_param: str | list[str] | None = None) -> Format:
    """The format to answer in: an explicit `format=` parameter first, else the best by the Accept header.

    `format` may be given more than once (SPARQLWrapper sends both a short name and a media type):
    the first value naming an offered format wins.
    """
    wanted = [format_param] if isinstance(format_param, str) else list(format_param or [])
    wanted = [w for w in wanted if w and w.strip()]
    if wanted:
        known = False
        for value in wanted:
            key = value.strip().lower()
            name = (GRAPH_ALIASES if offered[0].rdf is not None else ALIASES).get(key)
            for fmt in offered:
                if fmt.name == name or key in fmt.media_types:
                    return fmt
            known = known or name is not None or any(key in f.media_types for f in RESULT_FORMATS + GRAPH_FORMATS)
        if not known:
            raise BadFormat(f"unknown format '{', '.join(wanted)}' "
                            f"(known: {', '.join(sorted(set(ALIASES.values())))})")
        raise NotAcceptable(_not_acceptable_message(offered, "format=" + ", ".join(wanted)))
    ranges = parse_accept(accept)
    if not ranges:
        return offered[0]
    best, best_q = None, 0.0
    for fmt in offered:  # ties go to the earlier (preferred) format
        q = _quality(fmt, ranges)
        if q > best_q:
            best, best_q = fmt, q
    if best is None:
        raise NotAcceptable(_not_acceptable_message(offered, f"Accept: {accept}"))
    return best


def _not_acceptable_message(offered: tuple[Format, ...], asked: str) -> str:
    kind = "query results" if offered[0].results is not None else "an RDF graph"
    types = ", ".join(f.media_type for f in offered)
    return f"no acceptable format ({asked}): this gives {kind}, available as {types}"
