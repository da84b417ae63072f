"""The ASGI application: SPARQL 1.1 Protocol, Graph Store Protocol, named queries and the query page.

Routes
  GET  /                       the query page (static files from the package: no CDN, works offline)
  GET  /sparql?query=...       SPARQL 1.1 Protocol query by GET; POST as a form or application/sparql-query
  POST /sparql                 updates (update= form field or application/sparql-update), only when allowed
  GET  /rdf-graphs/service     Graph Store Protocol: ?graph=IRI or ?default (the union of all graphs)
  GET  /queries                the named queries (JSON), GET /queries/{name}?param=value runs one
  GET  /info                   the server's limits and predeclared prefixes (JSON)
  POST /cases                  upload one case file (YAML, JSON or Turtle body): validated as `spinekg load`
                               does, loaded atomically (replacing the same id), reasoned; answers its
                               conclusions (JSON), 201 new or 200 replaced, 400 with the problems if invalid.
                               A write: only when allowed, like updates.
  GET  /cases, /cases/{id}     the case index and case pages for people (case_pages.py)
"""
from __future__ import annotations

import contextlib
import hmac
import json
import logging
import threading
import time
from collections.abc import AsyncIterator, Iterable
from importlib.resources import files
from typing import Any, cast
from urllib.parse import parse_qsl, quote

import pyoxigraph as ox
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..api import check_shapes
from ..cases import CaseError, Problem
from ..cases.loader import read_case_text
from ..cases.source import MAX_BYTES as CASE_MAX_BYTES
from ..queries import NamedQuery, QueryError, load_queries
from ..vocab import PREFIXES, inferred_graph
from . import case_pages
from .config import ServerConfig
from .execution import Dataset, HttpError, Outcome, QueryRunner, syntax_message
from .negotiation import GRAPH_FORMATS
from .worker import execute_job

log = logging.getLogger("spinekg.server")

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
PAGE_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
CASE_SUFFIXES = {"application/yaml": ".yaml", "application/x-yaml": ".yaml", "text/yaml": ".yaml",
                 "application/json": ".json", "text/turtle": ".ttl"}
CASE_LABEL = "request body"
FHIR_JSON = "application/fhir+json"  # a FHIR R4 Bundle: read by spinekg.fhir (see cds_hooks.py)
ENUM_PARAM_TYPES = ("region", "side", "grade", "risk-level", "direction", "modality", "risk-factor")

Params = dict[str, list[str]]


# --- small helpers ----------------------------------------------------------------------------------------
def _multi(pairs: Iterable[tuple[str, str]]) -> Params:
    out: Params = {}
    for key, value in pairs:
        out.setdefault(key, []).append(value)
    return out


def _one(params: Params, name: str) -> str | None:
    values = params.get(name)
    if not values:
        return None
    if len(values) > 1:
        raise HttpError(400, f"the parameter '{name}' was given {len(values)} times; give it once")
    return values[0]


def _client(request: Request) -> str:
    """The client's address: requests wait in line per client, in turn."""
    return request.client.host if request.client else "-"


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def _body(request: Request, limit: int) -> bytes:
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit:
        raise HttpError(413, f"the request body is larger than the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HttpError(413, f"the request body is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _text(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise HttpError(400, f"the {what} is not valid UTF-8") from None


def _response(outcome: Outcome, request: Request, *, vary: bool = True) -> Response:
    headers = dict(outcome.headers)
    if vary:
        headers["Vary"] = "Accept"
    if request.method == "HEAD":
        headers["Content-Length"] = str(len(outcome.body))
        return Response(b"", status_code=outcome.status, media_type=outcome.content_type, headers=headers)
    return Response(outcome.body, status_code=outcome.status, media_type=outcome.content_type, headers=headers)


def _message(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(message.rstrip() + "\n", status_code=status, headers=headers)


def _param_choices(kind: str) -> list[str]:
    """Suggested values of an enumerated parameter type (the keys the binder accepts)."""
    try:
        from ..cases import terms as T
        from ..queries import GRADES, REGIONS, RISK_LEVELS

        tables = {"region": REGIONS, "side": T.SIDES, "grade": GRADES, "risk-level": RISK_LEVELS,
                  "direction": T.DIRECTIONS, "modality": T.MODALITIES, "risk-factor": T.RISK_FACTORS}
        return list(tables[kind]) if kind in tables else []
    except (ImportError, AttributeError):
        return []


def describe_query(q: NamedQuery) -> dict[str, Any]:
    params = []
    for p in q.params:
        entry: dict[str, Any] = {"name": p.name, "type": p.type, "default": p.default, "required": p.required,
                                 "description": p.description}
        if p.type in ENUM_PARAM_TYPES:
            entry["choices"] = _param_choices(p.type)
        params.append(entry)
    return {"name": q.name, "description": q.description, "params": params, "columns": list(q.columns),
            "example": {k: str(v) for k, v in (q.example or {}).items()}, "text": q.text,
            "href": f"/queries/{q.name}"}


def _problems_json(problems: list[Problem]) -> bytes:
    return json.dumps({"problems": [{"path": p.path, "message": p.message, "line": p.line} for p in problems]},
                      ensure_ascii=False).encode("utf-8")


def case_conclusions(store: ox.Store, case_id: str) -> list[dict[str, Any]]:
    """A case's conclusions, most decisive first: the nodes of its inferred graph with a derivation, a
    label and a headline conclusion class (the classes `spinekg reason` and `explain` list). Only that
    graph is read, through the store's indexes.
    """
    from ..reasoning.explain import HEADLINE
    from ..vocab import PROV, RDF, RDFS

    graph = ox.NamedNode(inferred_graph(case_id))
    a, label, generated = ox.NamedNode(str(RDF.type)), ox.NamedNode(str(RDFS.label)), \
        ox.NamedNode(str(PROV.wasGeneratedBy))
    found: dict[ox.NamedNode | ox.BlankNode, dict[str, Any]] = {}
    for rank, cls in enumerate(HEADLINE):
        for q in store.quads_for_pattern(None, a, ox.NamedNode(str(cls)), graph):
            # pyoxigraph 0.5's stubs allow a Triple here, but a quad's subject is a named or blank node (RDF 1.2:
            # triple terms are objects only; Quad(Triple(...), ...) raises TypeError)
            node: ox.NamedNode | ox.BlankNode = q.subject  # type: ignore[assignment]
            if node in found:
                found[node]["types"].append(str(cls))
                continue
            # the reasoner's labels are literals, never triple terms
            labels = sorted(cast("ox.NamedNode | ox.BlankNode | ox.Literal", t.object).value
                            for t in store.quads_for_pattern(node, label, None, graph))
            if not labels or next(store.quads_for_pattern(node, generated, None, graph), None) is None:
                continue
            found[node] = {"iri": node.value, "label": labels[0], "types": [str(cls)], "_rank": rank}
    out = sorted(found.values(), key=lambda c: (c["_rank"], c["label"], c["iri"]))
    for c in out:
        del c["_rank"]
    return out


# --- where reads run ----------------------------------------------------------------------------------------
class ThreadJobs:
    """Read jobs (worker.py) run in the server's own threads: how a store in memory is served."""

    def __init__(self, store: ox.Store, runner: QueryRunner):
        self.store = store
        self.runner = runner

    async def start(self) -> None:
        """Nothing to start."""

    async def run(self, job: tuple, *, timeout: float | bool | None = True, what: str = "query",
                  client: str = "-") -> Outcome | None:
        return await self.runner.run(lambda cancel: execute_job(self.store, job, cancel), timeout=timeout, what=what)

    def invalidate(self) -> None:
        """Threads read the live store."""

    def close(self) -> None:
        """Nothing to stop."""

    def stats(self) -> dict[str, Any]:
        """How reads run (shown by /info)."""
        return {"mode": "threads"}


def read_executor(kg: Any, store: ox.Store, config: ServerConfig) -> Any:
    """Worker processes for an on-disk store (stoppable queries), threads for a store in memory."""
    path = getattr(kg.store, "path", None)
    if path is not None and config.workers > 0:
        from .pool import WorkerPool

        try:
            return WorkerPool(store, path, workers=config.workers, max_long=config.max_long,
                              long_after=config.long_after, timeout=config.timeout, queue=config.queue,
                              memory_mb=config.query_memory_mb)
        except OSError as exc:  # e.g. no folder for the snapshots beside the store
            log.warning("queries run in threads, which cannot be stopped at their time limit: the worker "
                        "processes need a writable folder beside the store (%s)", exc)
    return ThreadJobs(store, QueryRunner(config.timeout, config.max_running, config.queue))


# --- the application --------------------------------------------------------------------------------------
class Endpoint:
    """The request handlers over one KnowledgeGraph's embedded store."""

    def __init__(self, kg: Any, config: ServerConfig):
        store = getattr(kg.store, "oxigraph", None)
        if not isinstance(store, ox.Store):
            raise ValueError("the HTTP endpoint serves an embedded (pyoxigraph) store")
        self.kg = kg
        self.store: ox.Store = store
        self.config = config
        self.reads = read_executor(kg, store, config)
        self.writes = QueryRunner(config.timeout, config.max_running, config.queue)  # updates, uploads
        # work done in this process over the KnowledgeGraph: case pages, CDS Hooks evaluation, FHIR export
        self.runner = QueryRunner(config.timeout, config.max_running, config.queue)
        self.page = (files("spinekg.server") / "static" / "index.html").read_bytes()
        self.case_lock = threading.Lock()  # one case upload at a time, so "replaced" is exact

    # --- shared pieces ---
    def authorize(self, request: Request, what: str) -> None:
        """Refuse writes unless updates are allowed, and then unless the bearer token matches."""
        if not self.config.writable:
            raise HttpError(403, f"{what} refused: this endpoint is read-only (start it with "
                                 "`spinekg serve --allow-updates --token TOKEN` to accept them)")
        scheme, _, credential = request.headers.get("authorization", "").strip().partition(" ")
        challenge = {"WWW-Authenticate": 'Bearer realm="spinekg"'}
        if scheme.lower() != "bearer" or not credential.strip():
            raise HttpError(401, f"{what} needs the header 'Authorization: Bearer <token>'", challenge)
        assert self.config.token is not None
        if not hmac.compare_digest(credential.strip().encode(), self.config.token.encode()):
            raise HttpError(401, f"{what} refused: the bearer token is not the server's token",
                            {"WWW-Authenticate": 'Bearer realm="spinekg", error="invalid_token"'})

    async def run_query(self, request: Request, text: str, dataset: Dataset, format_param: list[str], *,
                        checked: bool = False) -> Response:
        """Run a query in a worker; `checked`: library text with typed terms bound (no parse check needed)."""
        accept = request.headers.get("accept")
        cap = self.config.max_results
        log.debug("query: %s", " ".join(text.split())[:500])
        job = ("query", text, dataset.default_graphs, dataset.named_graphs, accept, tuple(format_param), cap, checked)
        outcome = await self.reads.run(job, client=_client(request))
        assert outcome is not None
        if outcome.headers.get("X-Spinekg-Truncated") == "true":
            log.info("result truncated at %d", cap)
        return _response(outcome, request)

    async def run_update(self, request: Request, text: str, params: Params) -> Response:
        self.authorize(request, "updates")
        for p in ("using-graph-uri", "using-named-graph-uri"):
            if p in params:
                raise HttpError(400, f"the parameter '{p}' is not supported; use USING or WITH in the update")
        await self.reads.run(("check-update", text), what="update", client=_client(request))  # LOAD, SERVICE?

        def work(cancel: Any) -> Outcome:
            try:
                self.store.update(text, prefixes=PREFIXES)
            except SyntaxError as exc:
                raise HttpError(400, f"SPARQL syntax error: {syntax_message(exc)}") from None
            except (ValueError, TypeError) as exc:
                raise HttpError(400, f"the update failed: {syntax_message(exc)}") from None
            except (OSError, RuntimeError) as exc:
                raise HttpError(500, f"the update failed: {syntax_message(exc)}") from None
            self.kg.store.flush()
            return Outcome(b"update applied\n", "text/plain; charset=utf-8")

        # No timeout: an update cannot be cancelled, so a 503 would hide whether it was applied.
        try:
            outcome = await self.writes.run(work, timeout=None, what="update")
        finally:
            self.reads.invalidate()
        log.info("update applied")
        return _response(outcome, request, vary=False)

    # --- /sparql ---
    async def sparql(self, request: Request) -> Response:
        params = _multi(request.query_params.multi_items())
        query: str | None
        update: str | None = None
        if request.method in ("GET", "HEAD"):
            if "update" in params:
                raise HttpError(400, "an update must be sent by POST (form field update= or "
                                     "Content-Type: application/sparql-update)")
            query = _one(params, "query")
            if query is None:
                raise HttpError(400, "missing the 'query' parameter (the SPARQL 1.1 Protocol endpoint; "
                                     "the query page is at /)")
        else:
            media = _media_type(request)
            body = await _body(request, self.config.max_body)
            if media == FORM:
                form = _multi(parse_qsl(_text(body, "form"), keep_blank_values=True))
                for key, values in form.items():
                    params.setdefault(key, []).extend(values)
                query, update = _one(params, "query"), _one(params, "update")
                if query is not None and update is not None:
                    raise HttpError(400, "give either 'query' or 'update', not both")
                if query is None and update is None:
                    raise HttpError(400, "the form has neither a 'query' nor an 'update' field")
            elif media == SPARQL_QUERY:
                query = _text(body, "query")
            elif media == SPARQL_UPDATE:
                query, update = None, _text(body, "update")
            else:
                raise HttpError(415, f"unsupported Content-Type '{media or '(none)'}' for POST: use {FORM}, "
                                     f"{SPARQL_QUERY} or {SPARQL_UPDATE}")
        if update is not None:
            return await self.run_update(request, update, params)
        assert query is not None
        dataset = Dataset(tuple(params.get("default-graph-uri", [])), tuple(params.get("named-graph-uri", [])))
        return await self.run_query(request, query, dataset, params.get("format", []))

    # --- /rdf-graphs/service ---
    async def graph_store(self, request: Request) -> Response:
        params = _multi(request.query_params.multi_items())
        graph = _one(params, "graph")
        if graph is not None and "default" in params:
            raise HttpError(400, "give either ?graph=IRI or ?default, not both")
        if graph is None and "default" not in params:
            raise HttpError(400, "name a graph: ?graph=IRI for a named graph, or ?default for the default graph "
                                 "(here the union of all graphs)")
        node = None
        if graph is not None:
            try:
                node = ox.NamedNode(graph)
            except ValueError:
                raise HttpError(400, f"not a valid graph IRI: {graph!r}") from None
        if request.method in ("GET", "HEAD"):
            return await self.read_graph(request, node, params.get("format", []))
        return await self.write_graph(request, node)

    async def read_graph(self, request: Request, node: ox.NamedNode | None, format_param: list[str]) -> Response:
        job = ("graph", node.value if node is not None else None, request.headers.get("accept"), tuple(format_param))
        outcome = await self.reads.run(job, what="graph read", client=_client(request))
        assert outcome is not None
        return _response(outcome, request)

    async def write_graph(self, request: Request, node: ox.NamedNode | None) -> Response:
        """PUT (replace), POST (add to) or DELETE a named graph: one transaction through the store's data
        interface (the body is parsed strictly and never becomes update text)."""
        self.authorize(request, "graph writes")
        if node is None:
            raise HttpError(400, "the default graph here is the union of all graphs and cannot be written; "
                                 "write to a named graph with ?graph=IRI")
        existed = self.store.contains_named_graph(node)
        data: str | None = None
        if request.method == "DELETE":
            if not existed:
                raise HttpError(404, f"no graph <{node.value}> in the store")
        else:
            media = _media_type(request)
            fmt = ox.RdfFormat.from_media_type(media) if media else None
            if fmt is None or fmt.supports_datasets:
                raise HttpError(415, f"unsupported Content-Type '{media or '(none)'}' for a graph: use "
                                     + ", ".join(f.media_type for f in GRAPH_FORMATS))
            body = await _body(request, self.config.max_body)
            try:
                triples = [q.triple for q in ox.parse(body, format=fmt, base_iri=node.value)]
            except SyntaxError as exc:
                raise HttpError(400, f"cannot parse the body as {fmt.name}: {syntax_message(exc)}") from None
            data = (ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"").decode("utf-8") if triples else ""

        def work(cancel: Any) -> Outcome:
            text = data
            if request.method == "POST" and existed:
                text = self.kg.store.graph_nt(node.value) + (data or "")
            if request.method == "DELETE":
                self.kg.store.drop_graphs([node.value])
            else:
                self.kg.store.replace_graphs({node.value: text or ""})
                if not text:  # an empty graph is still a graph: PUT of nothing creates it
                    self.store.add_graph(node)
            self.kg.store.flush()
            return Outcome(b"", "text/plain; charset=utf-8", status=204 if existed else 201)

        try:
            outcome = await self.writes.run(work, timeout=None, what="graph write")
        finally:
            self.reads.invalidate()
        log.info("%s graph <%s>", request.method, node.value)
        location = f"/rdf-graphs/service?graph={quote(node.value, safe='')}"
        return Response(status_code=outcome.status, headers={"Location": location} if outcome.status == 201 else None)

    # --- /queries ---
    async def list_queries(self, request: Request) -> Response:
        return JSONResponse([describe_query(q) for _, q in sorted(load_queries().items())])

    async def named_query(self, request: Request) -> Response:
        name = request.path_params["name"]
        queries = load_queries()
        q = queries.get(name)
        if q is None:
            raise HttpError(404, f"unknown query '{name}' (known: {', '.join(sorted(queries))})")
        params = _multi(request.query_params.multi_items())
        declared = {p.name for p in q.params}
        format_param: list[str] = []
        if "format" not in declared:
            format_param = params.pop("format", [])
        values = {}
        for key in params:
            values[key] = _one(params, key)
        try:
            text = q.bind(values)  # type: ignore[arg-type]
        except QueryError as exc:
            raise HttpError(400, str(exc)) from None
        return await self.run_query(request, text, Dataset(), format_param, checked=True)

    # --- /cases ---
    async def upload_case(self, request: Request) -> Response:
        start = time.perf_counter()
        self.authorize(request, "case upload")
        media = _media_type(request)
        suffix = CASE_SUFFIXES.get(media) or (FHIR_JSON if media == FHIR_JSON else None)
        if suffix is None:
            raise HttpError(415, f"unsupported Content-Type '{media or '(none)'}' for a case: use "
                                 + ", ".join([*CASE_SUFFIXES, FHIR_JSON]))
        limit = min(self.config.max_body, CASE_MAX_BYTES)  # a case file's limit, as `spinekg load` has
        body = await _body(request, limit)
        received = time.perf_counter()

        def work(cancel: Any) -> Outcome:
            timing: dict[str, float] = {"receive": received - start}
            t = time.perf_counter()
            try:
                try:
                    text = body.decode("utf-8")
                except UnicodeDecodeError as exc:
                    raise CaseError([Problem(CASE_LABEL, "", f"is not UTF-8 text (bad byte at offset {exc.start})")]) \
                        from None
                if suffix == FHIR_JSON:
                    from .cds_hooks import read_fhir_case

                    loaded = read_fhir_case(text, CASE_LABEL)  # format checks and SHACL included
                else:
                    loaded = read_case_text(text, suffix, CASE_LABEL)
                timing["parse"] = time.perf_counter() - t
                t = time.perf_counter()
                if suffix != FHIR_JSON:
                    check_shapes(loaded)
                timing["shacl"] = time.perf_counter() - t
            except CaseError as exc:
                log.info("case upload refused: %d problem(s)", len(exc.problems))
                return Outcome(_problems_json(exc.problems), "application/json", status=400)
            with self.case_lock:  # the conclusions read are this upload's, not a later one's
                t = time.perf_counter()
                replaced = self.kg.has_case(loaded.case_id)
                self.kg.load_cases([loaded])  # reasons it; one transaction
                timing["load"] = time.perf_counter() - t
                t = time.perf_counter()
                conclusions = case_conclusions(self.store, loaded.case_id)
                timing["conclusions"] = time.perf_counter() - t
            log.info("case upload: %s %s", "replaced" if replaced else "added", loaded.case_id)
            timing["total"] = time.perf_counter() - start
            answer = {"case_id": loaded.case_id, "replaced": replaced, "conclusions": conclusions,
                      "timing_ms": {k: round(v * 1000, 2) for k, v in timing.items()}}
            return Outcome(json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json",
                           status=200 if replaced else 201)

        # No timeout, as for updates: a load cannot be cancelled, so a 503 would hide whether it happened.
        try:
            outcome = await self.writes.run(work, timeout=None, what="case upload")
        finally:
            self.reads.invalidate()
        return _response(outcome, request, vary=False)

    # --- the page and server facts ---
    async def index(self, request: Request) -> Response:
        outcome = Outcome(self.page, "text/html; charset=utf-8",
                          headers={"Content-Security-Policy": PAGE_CSP, "Cache-Control": "no-cache"})
        return _response(outcome, request, vary=False)

    async def info(self, request: Request) -> Response:
        from .. import __version__

        return JSONResponse({"name": "spinekg", "version": __version__, "read_only": not self.config.writable,
                             "timeout_seconds": self.config.timeout, "max_results": self.config.max_results,
                             "prefixes": PREFIXES, "sparql": "/sparql", "graph_store": "/rdf-graphs/service",
                             "queries": "/queries", "cases": "/cases", "workers": self.reads.stats()})


def _wrap(handler: Any) -> Any:
    """Turn HttpError into its plain-text response; anything else becomes a logged 500."""
    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except HttpError as exc:
            if exc.status >= 500:
                log.warning("%s %s: %d %s", request.method, request.url.path, exc.status, exc.message)
            return _message(exc.status, exc.message, exc.headers)
        except ClientDisconnect:
            log.info("%s %s: the client went away", request.method, request.url.path)
            return Response(status_code=400)  # nobody is there to read it
    return endpoint


class AccessLog:
    """Log one line per request: client, method, path, status and time (never the query text at INFO)."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = [500]

        async def send_and_note(message: Message) -> None:
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            client = scope.get("client") or ("-", 0)
            log.info('%s "%s %s" %d %.1f ms', client[0], scope["method"], scope["path"], status[0],
                     (time.perf_counter() - start) * 1000)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        message = f"not found: {request.url.path} (the query page is at /, the SPARQL endpoint at /sparql)"
    elif exc.status_code == 405:
        message = f"method {request.method} is not allowed on {request.url.path}"
    else:
        message = str(exc.detail)
    return _message(exc.status_code, message, dict(exc.headers or {}))


async def _server_error(request: Request, exc: Exception) -> Response:
    log.error("internal error on %s %s", request.method, request.url.path, exc_info=exc)
    return _message(500, "internal server error (details are in the server's log)")


def create_app(kg: Any, config: ServerConfig | None = None) -> Starlette:
    """The ASGI application serving `kg` (a KnowledgeGraph over an embedded store)."""
    config = config or ServerConfig()
    ep = Endpoint(kg, config)
    routes = [
        Route("/", _wrap(ep.index), methods=["GET", "HEAD"]),
        Route("/sparql", _wrap(ep.sparql), methods=["GET", "HEAD", "POST"]),
        Route("/rdf-graphs/service", _wrap(ep.graph_store), methods=["GET", "HEAD", "PUT", "POST", "DELETE"]),
        Route("/queries", _wrap(ep.list_queries), methods=["GET", "HEAD"]),
        Route("/queries/{name}", _wrap(ep.named_query), methods=["GET", "HEAD"]),
        Route("/info", _wrap(ep.info), methods=["GET", "HEAD"]),
        Route("/cases", _wrap(ep.upload_case), methods=["POST"]),
        *case_pages.routes(ep, _wrap),  # GET /cases (the index) and GET /cases/{id}: pages for people
        Mount("/static", app=StaticFiles(packages=[("spinekg.server", "static")]), name="static"),
    ]
    from .cds_hooks import fhir_routes  # CDS Hooks service and FHIR export

    routes[-1:-1] = fhir_routes(ep, _wrap)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await ep.reads.start()
        try:
            yield
        finally:
            ep.reads.close()

    app = Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(AccessLog), Middleware(TrustedHostMiddleware, allowed_hosts=config.allowed_hosts()),
                    Middleware(_SecurityHeaders)],
        exception_handlers={HTTPException: _http_exception, Exception: _server_error},
    )
    app.state.endpoint = ep
    return app


class _SecurityHeaders:
    """nosniff on every response, so a result served as text is never run as a script."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-content-type-options", b"nosniff")]
            await send(message)

        await self.app(scope, receive, send_with_headers)


__all__ = ["ServerConfig", "create_app", "describe_query"]
