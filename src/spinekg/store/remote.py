"""A store on an external SPARQL 1.1 server (Virtuoso, Oxigraph, ...), through the standard protocols only.

Queries and updates go through the SPARQL 1.1 Protocol, graph reads through the Graph Store HTTP
Protocol when a Graph Store URL is given (else a CONSTRUCT on the query endpoint). Reasoning stays
local (see reasoning/engine.py): this store only loads, reads and queries named graphs.

Results are normalised to what the embedded store returns: typed literals in Oxigraph's canonical
lexical form, lower-case language tags, blank node labels valid for pyoxigraph. The server quirks
handled here are described in docs/remote-backend.md.
"""
from __future__ import annotations

import contextlib
import json
import re
import time
import uuid
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox
from rdflib import Graph

from ..results import QueryResult, term_value
from ..sparql import mask, query_form, with_prefixes
from . import virtuoso
from .batch import Batch
from .embedded import StoreError, graph_node

XSD = "http://www.w3.org/2001/XMLSchema#"
MAX_PATH_DEPTH = 24
INSERT_CHUNK = 2000  # triples per INSERT DATA operation
TEMPLATE_CHUNK = 300  # triples per INSERT { } WHERE { } operation (those with blank nodes)
# Virtuoso refuses a request whose update text passes 10 MB ("SR...: The requested string session is longer
# than 10Mb, thus it cannot be stored as a string"): larger loads go in several requests there.
VIRTUOSO_MAX_REQUEST = 8_000_000
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RESULTS_JSON = "application/sparql-results+json"
STAGING = "urn:spinekg:staging:"  # graphs that hold a write until one update moves them onto their targets
FORM = "application/x-www-form-urlencoded"
GRAPH_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"
# Literal datatypes a server may rewrite in form (e.g. "4.0" for "4", "1" for "true"): re-canonicalised.
CANONICAL_TYPES = {XSD + t for t in (
    "decimal", "integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
    "nonPositiveInteger", "negativeInteger", "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte",
    "double", "float", "boolean", "dateTime", "date", "time", "duration")}

def _server_message(response: httpx.Response, limit: int = 300) -> str:
    """The server's error message on one line: without HTML, the echoed query or a stack trace."""
    try:
        text = response.text
    except Exception:
        return ""
    text = re.split(r"\n\s*SPARQL query:|\n\s*Stack trace|\bat [\w.$]+\(", text, maxsplit=1)[0]
    if "<" in text and ">" in text:
        body = re.search(r"<body[^>]*>(.*)</body>", text, re.S | re.I)
        text = re.sub(r"<[^>]+>", " ", body.group(1) if body else text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _bnode_id(label: str) -> str:
    """A blank node label valid for pyoxigraph (Virtuoso answers labels like 'nodeID://b10007')."""
    if label.startswith("nodeID://"):
        label = label[len("nodeID://"):]
    label = re.sub(r"[^A-Za-z0-9_]", "_", label)
    return label if label and label[0].isalpha() else "b" + label


class _Canon:
    """Re-canonicalises literals the way Oxigraph stores them, so results equal the embedded store's."""

    def __init__(self) -> None:
        self.memo: dict[tuple[str, str, str], ox.Literal] = {}

    @staticmethod
    def needs(lit: ox.Literal) -> bool:
        return bool(lit.language) or lit.datatype.value in CANONICAL_TYPES

    def literals(self, lits: Iterable[ox.Literal]) -> None:
        """Canonicalise a batch of literals (through one in-memory Oxigraph store) into the memo."""
        todo = {}
        for lit in lits:
            key = (lit.value, lit.datatype.value, lit.language or "")
            if key not in self.memo and key not in todo and self.needs(lit):
                todo[key] = lit
        if not todo:
            return
        store = ox.Store()
        subject, graph = ox.NamedNode("urn:spinekg:canon"), ox.DefaultGraph()
        keys = list(todo)
        quads = []
        for i, key in enumerate(keys):
            quads.append(ox.Quad(subject, ox.NamedNode(f"urn:spinekg:canon:{i}"), todo[key], graph))
        try:
            store.extend(quads)
        except (ValueError, OSError):  # an invalid lexical form: keep each literal as it came
            for key in keys:
                self.memo[key] = todo[key]
            return
        for q in store.quads_for_pattern(subject, None, None, graph):
            self.memo[keys[int(q.predicate.value.rsplit(":", 1)[1])]] = q.object  # type: ignore[assignment]
        for key in keys:
            self.memo.setdefault(key, todo[key])

    def term(self, term: object) -> object:
        if isinstance(term, ox.Literal) and self.needs(term):
            key = (term.value, term.datatype.value, term.language or "")
            if key not in self.memo:
                self.literals([term])
            return self.memo[key]
        return term


class _AnyAuth(httpx.Auth):
    """HTTP authentication chosen by the server's challenge: Digest (Virtuoso's /sparql-auth) or Basic."""

    requires_request_body = True

    def __init__(self, user: str, password: str, scheme: str | None = None):
        self.user, self.password = user, password
        self.inner: httpx.Auth | None = self._make(scheme) if scheme else None

    def _make(self, scheme: str) -> httpx.Auth:
        scheme = scheme.lower()
        if scheme == "digest":
            return httpx.DigestAuth(self.user, self.password)
        if scheme == "basic":
            return httpx.BasicAuth(self.user, self.password)
        raise StoreError(f"unsupported HTTP authentication scheme '{scheme}' (use basic or digest)")

    def auth_flow(self, request: httpx.Request):
        if self.inner is not None:
            yield from self.inner.auth_flow(request)
            return
        response = yield request
        challenge = response.headers.get("www-authenticate", "")
        if response.status_code != 401 or not challenge:
            return
        scheme = challenge.split(None, 1)[0].lower()
        if scheme not in ("digest", "basic"):
            return
        self.inner = self._make(scheme)
        yield from self.inner.auth_flow(request)


class RemoteStore:
    """A spinekg store on a SPARQL 1.1 server: the same methods as EmbeddedStore.

    query_url: the SPARQL query endpoint (e.g. http://host:8890/sparql for Virtuoso, http://host:7878/query for
    Oxigraph). update_url: the update endpoint (default: the query URL's sibling /update when it ends in
    /query, else the query URL itself; Virtuoso takes updates at /sparql-auth with credentials).
    gsp_url: a Graph Store HTTP Protocol endpoint for reading graphs (default: the sibling /store for an
    Oxigraph-style /query URL, else none: graphs are read with CONSTRUCT queries).
    union_default_graph: whether the server's default graph is the union of all graphs (Virtuoso: yes;
    Oxigraph: only with --union-default-graph); None finds out. When it is not, every query gets an explicit
    dataset (default-graph-uri and named-graph-uri for each named graph).
    max_request_bytes: replace_graphs sends one update request (one transaction where the server has them)
    unless its text would exceed this size; larger loads go in several requests (see docs/remote-backend.md).
    gsp_update_url: a Graph Store endpoint that accepts writes, for bulk loads (`add_ntriples`). Default: the
    Oxigraph-style /store sibling (which takes both), else none (Virtuoso: /sparql-graph-crud-auth, with the
    credentials); without one, `add_ntriples` sends INSERT DATA.
    """

    path: Path | None = None  # not on disk: see `url`

    def __init__(self, query_url: str, update_url: str | None = None, gsp_url: str | None = None, *,
                 user: str | None = None, password: str | None = None, auth: str | None = None,
                 timeout: float = 60.0, union_default_graph: bool | None = None,
                 max_request_bytes: int = 64_000_000, dialect: str | None = None,
                 transport: httpx.BaseTransport | None = None, gsp_update_url: str | None = None):
        for name, url in (("query", query_url), ("update", update_url), ("graph store", gsp_url),
                          ("graph store update", gsp_update_url)):
            if url and urlsplit(url).scheme not in ("http", "https"):
                raise StoreError(f"the SPARQL {name} endpoint must be an http:// or https:// URL, got {url!r}")
        self.url = self.query_url = query_url
        parts = urlsplit(query_url)
        def sibling(leaf):
            return (urlunsplit(parts._replace(path=parts.path[: -len("query")] + leaf, query="")))
        oxigraph_style = parts.path.endswith("/query")
        self.update_url = update_url or (sibling("update") if oxigraph_style else query_url)
        if gsp_url is None:
            self.gsp_url: str | None = sibling("store") if oxigraph_style else None
        else:
            self.gsp_url = gsp_url or None  # "" : no Graph Store endpoint, read graphs with CONSTRUCT
        if gsp_update_url is None:
            self.gsp_update_url: str | None = sibling("store") if oxigraph_style else None
        else:
            self.gsp_update_url = gsp_update_url or None
        self.timeout = timeout
        self.union_default_graph = union_default_graph
        self.max_request_bytes = max_request_bytes
        self.dialect = dialect  # "virtuoso", "oxigraph" or "standard"; None: from the server's Server header
        if (user is None) != (password is None):
            raise StoreError("give both a user and a password for the SPARQL server, or neither")
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            auth=_AnyAuth(user, password, auth) if user is not None else None,  # type: ignore[arg-type]
            transport=transport, follow_redirects=True, headers={"User-Agent": "spinekg"})
        self._canon = _Canon()
        self._depths: dict[tuple[str, str], int] = {}

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # --- HTTP ---
    def _send(self, method: str, url: str, what: str, allow: tuple[int, ...] = (), **kwargs) -> httpx.Response:
        try:
            response = self._client.request(method, url, **kwargs)
        except httpx.ConnectError as exc:
            reason = "connection refused" if "refused" in str(exc).lower() else " ".join(str(exc).split())
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason} (is it running?)") from None
        except httpx.TimeoutException:
            raise StoreError(f"the SPARQL server at {url} did not answer {what} within {self.timeout:g} s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise StoreError(f"{what} failed at {url}: {' '.join(str(exc).split()) or type(exc).__name__}") from None
        if self.dialect is None:
            server = response.headers.get("server", "")
            self.dialect = next((d for d in ("virtuoso", "oxigraph") if d in server.lower()), "standard")
        if response.status_code >= 400 and response.status_code not in allow:
            raise self._http_error(response, url, what)
        return response

    def _http_error(self, response: httpx.Response, url: str, what: str) -> StoreError:
        code, message = response.status_code, _server_message(response)
        if code == 401 and self._client.auth is None:
            return StoreError(f"the SPARQL server at {url} asks for credentials (HTTP 401): give a user and password")
        if code == 401:
            return StoreError(f"authentication failed at {url} (HTTP 401): check the user and password"
                              + (f" ({message})" if message else ""))
        if code == 403:
            return StoreError(f"the SPARQL server refused {what} at {url} (HTTP 403 forbidden)"
                              + (f": {message}" if message else ""))
        if "SR186" in message or "No permission" in message:
            hint = (" - Virtuoso takes updates at /sparql-auth with a user that has the SPARQL_UPDATE role"
                    if self.dialect == "virtuoso" else "")
            return StoreError(f"the SPARQL server refused {what} at {url}: no permission to update{hint}")
        if code == 404:
            return StoreError(f"no SPARQL endpoint at {url} (HTTP 404)" + (f": {message}" if message else ""))
        if code == 400 and re.search(r"syntax|pars|SP030|SP031|SQ074|37000", message, re.I):
            return StoreError(f"SPARQL syntax error (from the server): {message}")
        return StoreError(f"{what} failed at {url} (HTTP {code}" + (f" {response.reason_phrase}" if
                          response.reason_phrase else "") + ")" + (f": {message}" if message else ""))

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- dataset ---
    def _unions(self) -> bool:
        """Whether the server's default graph is the union of its named graphs (found out once)."""
        if self.union_default_graph is not None:
            return self.union_default_graph
        if self.dialect is None:
            self._raw_query("ASK { }", "select")  # learns the server from its answer
        if self.dialect == "virtuoso":
            self.union_default_graph = True
            return True
        if self.dialect == "oxigraph":
            return False  # a per-query switch is cheaper than finding out
        res = self._raw_query("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o FILTER (isIRI(?s) && isIRI(?o)) } } LIMIT 1",
                              "select")
        if not res.rows:
            return False  # nothing to tell from yet: an explicit dataset is right either way
        r = res.rows[0]
        ask = self._raw_query(f"ASK {{ {r['s']} {r['p']} {r['o']} }}", "ask")
        self.union_default_graph = bool(ask.boolean)
        return self.union_default_graph

    def _dataset(self, union: bool, default_graph: list[str] | None) -> list[tuple[str, str]]:
        if default_graph is None and (not union or self._unions()):
            return []
        if default_graph is None and self.dialect == "oxigraph":
            return [("union-default-graph", "")]  # Oxigraph's own switch: far faster than listing the graphs
        names = self.graph_names()
        default = names if default_graph is None else list(default_graph)
        if not default:
            default = ["urn:spinekg:empty"]  # no default-graph-uri at all would mean the server's default graph
        return [("default-graph-uri", g) for g in default] + [("named-graph-uri", g) for g in names]

    # --- queries ---
    def _raw_query(self, sparql: str, form: str, params: list[tuple[str, str]] | None = None) -> QueryResult:
        accept = RESULTS_JSON if form in ("select", "ask") else GRAPH_ACCEPT
        body = urlencode([("query", sparql)] + (params or [])).encode("utf-8")
        response = self._send("POST", self.query_url, "the query", content=body,
                              headers={"Accept": accept, "Content-Type": FORM})
        self._check_complete(response)
        ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
        if form in ("select", "ask"):
            return self._parse_results(response, ctype)
        return QueryResult("graph", triples=[self._triple(t) for t in self._parse_rdf(response.content, ctype)])

    def _check_complete(self, response: httpx.Response) -> None:
        """Virtuoso cuts results at ResultSetMaxRows and returns partial 'anytime' results: refuse both."""
        state = response.headers.get("x-sql-state", "")
        if state:
            raise StoreError(f"the SPARQL server returned an incomplete result ({state}: "
                             f"{response.headers.get('x-sql-message', 'query timeout')}); "
                             "raise its query time limit (Virtuoso: MaxQueryExecutionTime)")
        cap = response.headers.get("x-sparql-maxrows", "")
        if cap:
            raise StoreError(f"the SPARQL server cut the result at {cap} rows; raise its limit "
                             "(Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")

    def _parse_results(self, response: httpx.Response, ctype: str) -> QueryResult:
        try:
            doc = json.loads(response.content)
        except ValueError:
            raise StoreError(f"the SPARQL server did not answer with SPARQL JSON results (got {ctype or 'no type'}): "
                             f"{_server_message(response, 160)}") from None
        if "boolean" in doc:
            value = doc["boolean"]
            return QueryResult("ask", boolean=value in (True, 1, "true", "1"))
        variables = list(doc.get("head", {}).get("vars", []))
        bindings = doc.get("results", {}).get("bindings", [])
        try:
            rows = [{k: self._term(v) for k, v in b.items()} for b in bindings]
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise StoreError(f"the SPARQL server sent a result this client cannot read: {exc}") from None
        self._canon.literals(t for r in rows for t in r.values() if isinstance(t, ox.Literal))
        rows = [{k: self._canon.term(v) for k, v in r.items()} for r in rows]
        return QueryResult("select", variables, rows)

    @staticmethod
    def _term(b: dict) -> object:
        kind, value = b.get("type"), b.get("value", "")
        if kind == "uri":
            return ox.NamedNode(value)
        if kind == "bnode":
            return ox.BlankNode(_bnode_id(value))
        if kind in ("literal", "typed-literal"):
            lang = b.get("xml:lang") or b.get("lang")
            if lang:
                return ox.Literal(value, language=lang.lower())
            dt = b.get("datatype")
            if dt and dt != RDF_LANGSTRING:
                return ox.Literal(value, datatype=ox.NamedNode(dt))
            return ox.Literal(value)
        if kind == "triple":  # RDF-star
            v = value
            return ox.Triple(RemoteStore._term(v["subject"]), RemoteStore._term(v["predicate"]),  # type: ignore[arg-type]
                             RemoteStore._term(v["object"]))  # type: ignore[arg-type]
        raise StoreError(f"unknown term type {kind!r} in the server's results")

    @staticmethod
    def _parse_rdf(content: bytes, ctype: str) -> list[ox.Triple]:
        fmt = ox.RdfFormat.from_media_type(ctype) if ctype else None
        if fmt is None:
            fmt = ox.RdfFormat.N_TRIPLES if ctype in ("text/plain", "") else None
        if fmt is None:
            raise StoreError(f"the SPARQL server answered a graph in an unsupported format ({ctype})")
        try:
            return [q.triple if isinstance(q, ox.Quad) else q for q in ox.parse(content, format=fmt)]
        except SyntaxError as exc:
            raise StoreError(f"cannot read the graph the SPARQL server sent ({ctype}): {exc}") from None

    def _triple(self, t: ox.Triple) -> ox.Triple:
        s, o = t.subject, t.object
        if isinstance(s, ox.BlankNode):
            s = ox.BlankNode(_bnode_id(s.value))
        if isinstance(o, ox.BlankNode):
            o = ox.BlankNode(_bnode_id(o.value))
        return ox.Triple(s, t.predicate, self._canon.term(o))  # type: ignore[arg-type]

    def query(self, sparql: str, *, union: bool = True, substitutions: dict | None = None,
              default_graph: list[str] | None = None) -> QueryResult:
        """Run a SPARQL query (over the union of all graphs by default); answers a QueryResult."""
        if substitutions:
            from ..queries import QueryError, insert_values

            try:
                sparql = insert_values(sparql, list(substitutions), [str(t) for t in substitutions.values()])
            except QueryError as exc:
                raise StoreError(str(exc)) from None
        form = query_form(sparql)
        text = self._adapt_query(with_prefixes(sparql))
        result = self._raw_query(text, form, self._dataset(union, default_graph))
        return result

    def _adapt_query(self, text: str) -> str:
        """Work around server quirks in a query's text (see docs/remote-backend.md and store/virtuoso.py)."""
        if self.dialect is None:
            self._raw_query("ASK { }", "select")
        if self.dialect == "virtuoso":
            text = virtuoso.adapt(text, self._path_depth)
        return text

    def _path_depth(self, predicate: str, prologue: str = "") -> int:
        """The length of the longest chain of a predicate in the data (at least 1; MAX_PATH_DEPTH on cycles)."""
        key = (prologue, predicate)
        if key not in self._depths:
            n = 1
            while n < MAX_PATH_DEPTH:
                chain = " . ".join(f"?x{i} {predicate} ?x{i + 1}" for i in range(n + 1))
                if not self._raw_query(f"{prologue}\nASK {{ {chain} }}", "ask").boolean:
                    break
                n += 1
            self._depths[key] = n
        return self._depths[key]

    def update(self, sparql: str, *, union: bool = False) -> None:
        """Run a SPARQL update.

        union: whether WHERE clauses read the union of all graphs (as queries do) rather than the server's
        default graph (as the embedded store's updates do). Virtuoso's default graph is the union anyway;
        Oxigraph gets its `using-union-graph` parameter; other servers `using-graph-uri` for each graph.
        On Virtuoso, an update with a WHERE clause (INSERT/DELETE ... WHERE) gets the same rewrites as a query
        (paths, COALESCE; see docs/remote-backend.md): its WHERE clause runs on the same query engine.
        """
        text = with_prefixes(sparql)
        if self.dialect is None:
            self._raw_query("ASK { }", "select")
        if self.dialect == "virtuoso" and re.search(r"\bWHERE\b", mask(text), re.I):
            text = self._adapt_query(text)
        params: list[tuple[str, str]] = []
        if union and not self._unions():
            if self.dialect == "oxigraph":
                params = [("using-union-graph", "")]
            else:
                names = self.graph_names() or ["urn:spinekg:empty"]
                params = [("using-graph-uri", g) for g in names] + [("using-named-graph-uri", g) for g in names]
        if params:
            self._update(text, params)
        else:
            self._update(text)

    def add_ntriples(self, graph: str, ntriples: str) -> None:
        """Add N-Triples text to a named graph (kept with what it holds): a bulk load in one request.

        The text is parsed strictly first (an invalid IRI or literal is a StoreError and nothing is sent) and
        what is sent is its re-serialisation. With a writable Graph Store endpoint (gsp_update_url) it goes
        there (HTTP POST, the server's own loader: on Virtuoso several times faster than INSERT DATA);
        otherwise as INSERT DATA operations in one update request. Not atomic with other requests.
        """
        graph_node(graph)  # a checked IRI (StoreError) before anything is sent
        triples = _parse_strict(graph, ntriples)
        if not triples:
            return
        if self.gsp_update_url:
            self._send_graph("POST", graph, triples)
            return
        for part in self._requests(_insert_ops(graph, triples)):
            self._update(part)

    def _send_graph(self, method: str, graph: str, triples: list[ox.Triple]) -> None:
        """PUT (replace) or POST (add) parsed triples to a graph through the Graph Store Protocol."""
        if self.dialect is None:
            self._raw_query("ASK { }", "select")
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        if self.dialect == "virtuoso":
            body = virtuoso.plain_strings(body.decode("utf-8")).encode("utf-8")  # quirk 7: "x"^^xsd:string apart from "x"
        assert self.gsp_update_url is not None
        self._send(method, self.gsp_update_url, "the graph write", params={"graph": graph},
                   content=body, headers={"Content-Type": "application/n-triples"})

    def _requests(self, ops: list[str]) -> list[str]:
        """Update operations joined into requests of at most max_request_bytes (Virtuoso: at most 8 MB)."""
        if self.dialect is None:
            self._raw_query("ASK { }", "select")
        limit = self.max_request_bytes
        if self.dialect == "virtuoso":
            limit = min(limit, VIRTUOSO_MAX_REQUEST)
        requests: list[list[str]] = [[]]
        size = 0
        for op in ops:
            n = len(op.encode("utf-8")) + 3
            if requests[-1] and size + n > limit:
                requests.append([])
                size = 0
            requests[-1].append(op)
            size += n
        return [" ;\n".join(part) for part in requests if part]

    def _update(self, text: str, params: list[tuple[str, str]] | None = None) -> None:
        self._depths.clear()
        if self.dialect is None:
            self._raw_query("ASK { }", "select")
        if self.dialect == "virtuoso":
            # Without it, Virtuoso compiles the data of INSERT DATA into SQL text and fails beyond ~1000
            # triples ("The length of generated SQL text has exceeded 10000 lines of code").
            text = "define sql:big-data-const 1\n" + text
        self._send("POST", self.update_url, "the update",
                   content=urlencode([("update", text)] + (params or [])).encode("utf-8"),
                   headers={"Accept": "*/*", "Content-Type": FORM})

    # --- graphs ---
    def replace_graphs(self, graphs: Mapping[str, Graph | str | None]) -> None:
        """Replace each named graph with the given triples (None drops it), committed in one update request.

        Every graph's data is parsed strictly first (an invalid IRI or literal: StoreError, nothing sent).
        With a writable Graph Store endpoint, each graph's triples go to a staging graph by HTTP PUT (the
        body re-serialised from the parsed triples), then one SPARQL update that names only graph IRIs
        moves them onto their targets (one transaction where the server has them); staging graphs are
        deleted if anything fails. Without one, the update holds DROP SILENT GRAPH and INSERT DATA
        operations whose terms are re-serialised from the parsed triples (never the input text), blank
        nodes in INSERT { } WHERE { } templates; requests larger than max_request_bytes are split, at the
        cost of atomicity across the parts.
        """
        parsed: list[tuple[str, list[ox.Triple]]] = []
        for name, data in graphs.items():
            graph_node(name)  # a checked IRI (StoreError) before anything is sent
            text = data if isinstance(data, str) else data.serialize(format="nt") if data is not None else ""
            parsed.append((name, _parse_strict(name, text)))
        if not parsed:
            return
        if self.gsp_update_url:
            self._replace_staged(parsed)
            return
        ops: list[str] = []
        for name, triples in parsed:
            ops.append(f"DROP SILENT GRAPH {graph_node(name)}")
            ops.extend(_insert_ops(name, triples))
        requests = self._requests(ops)
        for i, part in enumerate(requests):
            try:
                self._update(part)
            except StoreError as exc:
                if len(requests) > 1 and i > 0:
                    raise StoreError(f"{exc} - the load was sent in {len(requests)} parts and {i} went through: "
                                     "load the same cases again to repair them") from None
                raise

    def batch(self) -> Batch:
        """A batch of graph replacements committed in one step: with a Graph Store endpoint each write
        goes to staging graphs at once (memory stays bounded) and the commit is one update of moves;
        without one, the graphs are gathered and written at commit by `replace_graphs`."""
        return RemoteBatch(self) if self.gsp_update_url else Batch(self)

    def _replace_staged(self, parsed: list[tuple[str, list[ox.Triple]]]) -> None:
        token = f"{int(time.time())}-{uuid.uuid4().hex}"
        staged: list[str] = []
        ops: list[str] = []
        try:
            for i, (name, triples) in enumerate(parsed):
                if triples:
                    stage = f"{STAGING}{token}/{i}"
                    staged.append(stage)
                    self._send_graph("PUT", stage, triples)
                    ops.append(f"MOVE GRAPH {graph_node(stage)} TO {graph_node(name)}")
                else:
                    ops.append(f"DROP SILENT GRAPH {graph_node(name)}")
            for part in self._requests(ops):
                self._update(part)
        except BaseException:
            for stage in staged:
                with contextlib.suppress(StoreError):
                    self._update(f"DROP SILENT GRAPH {graph_node(stage)}")
            raise

    def drop_graphs(self, names: Iterable[str]) -> None:
        self.replace_graphs(dict.fromkeys(names))

    def has_graph(self, name: str) -> bool:
        return bool(self._raw_query(f"ASK {{ GRAPH {graph_node(name)} {{ ?s ?p ?o }} }}", "ask").boolean)

    def graph_names(self) -> list[str]:
        res = self._raw_query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "select")
        return sorted(term_value(r["g"]) for r in res.rows if isinstance(r.get("g"), ox.NamedNode))

    def _graph_triples(self, name: str) -> list[ox.Triple]:
        graph_node(name)  # a checked IRI (StoreError) before anything is sent
        if self.gsp_url:
            response = self._send("GET", self.gsp_url, "reading a graph", params={"graph": name},
                                  headers={"Accept": GRAPH_ACCEPT}, allow=(404,))
            if response.status_code in (204, 404):  # 404: the Graph Store Protocol's "no such graph"
                return []
            if response.status_code == 204:
                return []
            ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
            triples = self._parse_rdf(response.content, ctype)
        else:
            res = self._raw_query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph_node(name)} {{ ?s ?p ?o }} }}", "construct")
            triples = res.triples
        if self.dialect == "virtuoso":
            self._check_graph_size(name, len(triples))
        self._canon.literals(t.object for t in triples if isinstance(t.object, ox.Literal))
        return [self._triple(t) for t in triples]

    def _check_graph_size(self, name: str, received: int) -> None:
        """Virtuoso silently cuts graph reads (Graph Store GET and CONSTRUCT) at ResultSetMaxRows."""
        res = self._raw_query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph_node(name)} {{ ?s ?p ?o }} }}", "select")
        stored = int(res.rows[0]["n"].value) if res.rows else 0  # type: ignore[attr-defined]
        if received < stored:
            raise StoreError(f"the SPARQL server sent {received} of the {stored} triples of <{name}>: raise its "
                             "result limit (Virtuoso: ResultSetMaxRows in the [SPARQL] section of virtuoso.ini)")

    def graph(self, name: str) -> Graph:
        """The triples of one named graph as an rdflib Graph (empty when there is no such graph)."""
        g = Graph()
        data = self.graph_nt(name)
        if data:
            g.parse(data=data, format="nt")
        return g

    def graph_nt(self, name: str) -> str:
        triples = self._graph_triples(name)
        return "".join(f"{t} .\n" for t in triples)

    def flush(self) -> None:
        """Nothing to do: each update request is committed by the server."""


def _parse_strict(name: str, ntriples: str) -> list[ox.Triple]:
    """N-Triples text parsed by Oxigraph's strict parser (validated IRIs and literals), or StoreError."""
    if not ntriples.strip():
        return []
    try:
        return [q.triple for q in ox.parse(ntriples.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)]
    except SyntaxError as exc:
        msg = " ".join(str(exc).split())[:200]
        raise StoreError(f"refused to write graph <{name}>: invalid RDF ({msg})") from None


def _insert_ops(name: str, triples: list[ox.Triple]) -> list[str]:
    """INSERT DATA for the triples without blank nodes, INSERT { } WHERE { } for the rest, in chunks.

    Every term is written by Oxigraph from a parsed term (never copied from input text). Chunks stay in
    one request: Virtuoso's SPARQL parser runs out of stack past about 4,900 triples in one INSERT DATA
    ("memory exhausted"), and turns a template into SQL text limited to 10,000 lines.
    """
    plain: list[str] = []
    linked: list[ox.Triple] = []
    for t in triples:
        if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode):
            linked.append(t)
        else:
            plain.append(f"{_n3(t.subject)} {_n3(t.predicate)} {_n3(t.object)} .")
    ops = [f"INSERT DATA {{ GRAPH {graph_node(name)} {{\n" + "\n".join(plain[i:i + INSERT_CHUNK]) + "\n} }"
           for i in range(0, len(plain), INSERT_CHUNK)]
    for group in _bnode_groups(linked, TEMPLATE_CHUNK):
        body = "\n".join(f"{_n3(t.subject)} {_n3(t.predicate)} {_n3(t.object, template=True)} ." for t in group)
        ops.append(f"INSERT {{ GRAPH {graph_node(name)} {{\n{body}\n}} }} WHERE {{ }}")
    return ops


def _n3(term: object, template: bool = False) -> str:
    if isinstance(term, ox.BlankNode):
        return "_:" + _bnode_id(term.value)
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        if template and dt == XSD + "decimal" and re.fullmatch(r"[+-]?\d+", term.value):
            # Virtuoso reads "1"^^xsd:decimal in a template as an xsd:integer; "1.0" stays a decimal
            return str(ox.Literal(term.value + ".0", datatype=term.datatype))
        if dt == XSD + "string":
            return str(ox.Literal(term.value))  # Virtuoso keeps "x"^^xsd:string apart from "x"; RDF 1.1 does not
    return str(term)


def _bnode_groups(triples: list[ox.Triple], size: int) -> list[list[ox.Triple]]:
    """Triples with blank nodes in groups of about `size`, never splitting triples that share a blank node.

    (A blank node label names one node only within one INSERT template; Virtuoso also limits how large
    a template may be.)
    """
    parent: dict[object, object] = {}

    def find(x: object) -> object:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while x != root:  # path compression
            nxt = parent[x]
            parent[x] = root
            x = nxt
        return root

    for t in triples:
        if isinstance(t.subject, ox.BlankNode) and isinstance(t.object, ox.BlankNode):
            a, b = find(t.subject), find(t.object)
            if a != b:
                parent[a] = b
    components: dict[object, list[ox.Triple]] = {}
    for t in triples:
        key = find(t.subject if isinstance(t.subject, ox.BlankNode) else t.object)
        components.setdefault(key, []).append(t)
    groups: list[list[ox.Triple]] = [[]]
    for comp in sorted(components.values(), key=lambda c: str(c[0])):
        if groups[-1] and len(groups[-1]) + len(comp) > size:
            groups.append([])
        groups[-1].extend(comp)
    return [g for g in groups if g]


class RemoteBatch(Batch):
    """A batch staged on a SPARQL server through its Graph Store endpoint (see RemoteStore.batch)."""

    def __init__(self, store: RemoteStore):
        super().__init__(store)
        self.remote = store
        self.token = f"{int(time.time())}-{uuid.uuid4().hex}"
        self.staged: list[str] = []
        self.moves: dict[str, str] = {}  # target -> operation (a later write of a target wins)

    def write(self, graphs: Mapping[str, str | None]) -> None:
        self._check()
        for name, text in graphs.items():
            graph_node(name)  # a checked IRI (StoreError) before anything is sent
            triples = _parse_strict(name, text or "")
            if triples:
                stage = f"{STAGING}{self.token}/{len(self.staged)}"
                self.staged.append(stage)
                try:
                    self.remote._send_graph("PUT", stage, triples)
                except BaseException:
                    self.abort()
                    raise
                self.moves[name] = f"MOVE GRAPH {graph_node(stage)} TO {graph_node(name)}"
            else:
                self.moves[name] = f"DROP SILENT GRAPH {graph_node(name)}"

    def commit(self) -> None:
        self._check()
        self.open = False
        try:
            for part in self.remote._requests(list(self.moves.values())):
                self.remote._update(part)
        except BaseException:
            self._drop_staged()
            raise

    def abort(self) -> None:
        super().abort()
        self._drop_staged()

    def _drop_staged(self) -> None:
        for stage in self.staged:
            with contextlib.suppress(StoreError):
                self.remote._update(f"DROP SILENT GRAPH {graph_node(stage)}")
        self.staged = []
