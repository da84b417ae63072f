"""The HTTP endpoint (`spinekg serve`): SPARQL 1.1 Protocol, Graph Store Protocol, named queries, limits.

Each server is the real thing: `python -m spinekg.server` (the same click command as `spinekg serve`)
in a subprocess on 127.0.0.1 and a free port, over a temporary on-disk store holding the bundled
example cases. It is exercised with real clients: SPARQLWrapper and httpx.
"""
from __future__ import annotations

import csv
import gc
import io
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode
from xml.dom.minidom import Document

import httpx
import pytest
from rdflib import Graph, Literal, URIRef
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, RDFXML, TSV, TURTLE, URLENCODED, XML
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, Unauthorized

from spinekg import KnowledgeGraph

from helpers import TOKEN, RunningServer, example_paths, running_server

BASE = "https://w3id.org/spinekg/"
PUBLISHED = "radiopaedia-connector-failure"
PUBLISHED_GRAPH = f"{BASE}case/{PUBLISHED}/graph/asserted"
OTHER_GRAPH = f"{BASE}case/example-rod-fracture/graph/asserted"
CASE_IDS_QUERY = "SELECT ?id WHERE { ?c a skg:Case ; skg:caseId ?id } ORDER BY ?id"
CONSTRUCT_CASES = "CONSTRUCT { ?c skg:caseId ?id } WHERE { ?c a skg:Case ; skg:caseId ?id }"
SLOW_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # ~10^12 rows: never ends


@pytest.fixture(scope="session")
def example_store(tmp_path_factory) -> Path:
    """An on-disk store with the bundled example cases, closed again (each server gets its own copy)."""
    path = tmp_path_factory.mktemp("store") / "store"
    kg = KnowledgeGraph.open(path)
    kg.load(example_paths())
    kg.close()
    del kg
    gc.collect()  # closes the pyoxigraph store, releasing its lock
    return path


def copy_store(example_store: Path, tmp_path_factory, name: str) -> Path:
    target = tmp_path_factory.mktemp(name) / "store"
    shutil.copytree(example_store, target)
    return target


@pytest.fixture(scope="session")
def server(example_store, tmp_path_factory) -> Iterator[RunningServer]:
    """The default, read-only server."""
    store = copy_store(example_store, tmp_path_factory, "readonly")
    with running_server(store, log_dir=store.parent) as s:
        yield s


@pytest.fixture(scope="module")
def limited(example_store, tmp_path_factory) -> Iterator[RunningServer]:
    store = copy_store(example_store, tmp_path_factory, "limited")
    with running_server(store, "--max-results", "3", log_dir=store.parent) as s:
        yield s


@pytest.fixture(scope="module")
def writable(example_store, tmp_path_factory) -> Iterator[RunningServer]:
    store = copy_store(example_store, tmp_path_factory, "writable")
    with running_server(store, "--allow-updates", "--token", TOKEN, log_dir=store.parent) as s:
        yield s


@pytest.fixture(scope="module")
def api_kg() -> KnowledgeGraph:
    """The same cases through the Python API, to compare answers with."""
    kg = KnowledgeGraph.memory()
    kg.load(example_paths())
    return kg


@pytest.fixture
def http(server) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def json_ids(response: httpx.Response, var: str = "id") -> list[str]:
    assert response.status_code == 200, response.text
    return [b[var]["value"] for b in response.json()["results"]["bindings"]]


# --- SPARQL 1.1 Protocol: the three ways to send a query ---------------------------------------------
def test_query_by_get_with_sparqlwrapper(server, api_kg):
    sw = server.sparql()
    sw.setQuery(CASE_IDS_QUERY)
    sw.setReturnFormat(JSON)
    result = sw.query()
    assert result.response.status == 200
    ids = [b["id"]["value"] for b in result.convert()["results"]["bindings"]]
    assert ids == api_kg.case_ids() and PUBLISHED in ids and len(ids) == len(example_paths())


def test_query_by_form_post_with_sparqlwrapper(server, api_kg):
    sw = server.sparql()
    sw.setMethod(POST)
    sw.setRequestMethod(URLENCODED)
    sw.setQuery(CASE_IDS_QUERY)
    sw.setReturnFormat(JSON)
    ids = [b["id"]["value"] for b in sw.queryAndConvert()["results"]["bindings"]]
    assert ids == api_kg.case_ids()


def test_query_by_direct_post_with_sparqlwrapper(server, api_kg):
    sw = server.sparql()
    sw.setMethod(POST)
    sw.setRequestMethod(POSTDIRECTLY)
    sw.setQuery(CASE_IDS_QUERY)
    sw.setReturnFormat(JSON)
    ids = [b["id"]["value"] for b in sw.queryAndConvert()["results"]["bindings"]]
    assert ids == api_kg.case_ids()


def test_the_same_query_three_ways_with_httpx(http):
    get = http.get("/sparql", params={"query": CASE_IDS_QUERY})
    form = http.post("/sparql", data={"query": CASE_IDS_QUERY})
    direct = http.post("/sparql", content=CASE_IDS_QUERY.encode(), headers={"Content-Type": "application/sparql-query"})
    assert json_ids(get) == json_ids(form) == json_ids(direct)
    assert get.headers["content-type"] == "application/sparql-results+json"


# --- result formats -------------------------------------------------------------------------------------
def test_select_as_xml_with_sparqlwrapper(server, api_kg):
    sw = server.sparql()
    sw.setQuery(CASE_IDS_QUERY)
    sw.setReturnFormat(XML)
    doc = sw.queryAndConvert()
    assert isinstance(doc, Document)
    values = [b.getElementsByTagName("literal")[0].firstChild.data for b in doc.getElementsByTagName("binding")]
    assert values == api_kg.case_ids()


def test_select_as_csv_with_sparqlwrapper(server, api_kg):
    sw = server.sparql()
    sw.setQuery(CASE_IDS_QUERY)
    sw.setReturnFormat(CSV)
    rows = list(csv.reader(io.StringIO(sw.queryAndConvert().decode("utf-8"))))
    assert rows[0] == ["id"] and [r[0] for r in rows[1:]] == api_kg.case_ids()


def test_select_as_tsv_with_sparqlwrapper(server, api_kg):
    sw = server.sparql()
    sw.setQuery(CASE_IDS_QUERY)
    sw.setReturnFormat(TSV)
    lines = sw.queryAndConvert().decode("utf-8").splitlines()
    assert lines[0] == "?id" and lines[1:] == [f'"{i}"' for i in api_kg.case_ids()]


@pytest.mark.parametrize("accept, content_type", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv; charset=utf-8"),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("*/*;q=0.1, text/tab-separated-values", "text/tab-separated-values; charset=utf-8"),
    ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
    ("text/*", "application/sparql-results+xml"),  # via its alias text/xml
    (None, "application/sparql-results+json"),
])
def test_content_negotiation_for_select(http, accept, content_type):
    headers = {"Accept": accept} if accept else {"Accept": ""}
    r = http.get("/sparql", params={"query": CASE_IDS_QUERY}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == content_type
    assert "Accept" in r.headers["vary"]
    assert PUBLISHED in r.text


def test_format_parameter_overrides_accept(http):
    r = http.get("/sparql", params={"query": CASE_IDS_QUERY, "format": "csv"}, headers={"Accept": "application/json"})
    assert r.headers["content-type"].startswith("text/csv") and r.text.startswith("id")
    bad = http.get("/sparql", params={"query": CASE_IDS_QUERY, "format": "yaml"})
    assert bad.status_code == 400 and "unknown format 'yaml'" in bad.text


@pytest.mark.parametrize("accept", ["application/sparql-results+json", "application/sparql-results+xml",
                                    "text/csv", "text/tab-separated-values"])
def test_ask(http, accept):
    yes = http.get("/sparql", params={"query": f"ASK {{ ?c skg:caseId \"{PUBLISHED}\" }}"}, headers={"Accept": accept})
    no = http.get("/sparql", params={"query": 'ASK { ?c skg:caseId "no-such-case" }'}, headers={"Accept": accept})
    assert yes.status_code == no.status_code == 200
    assert "true" in yes.text and "false" not in yes.text
    assert "false" in no.text and "true" not in no.text


def test_ask_with_sparqlwrapper(server):
    sw = server.sparql()
    sw.setQuery(f'ASK {{ ?c skg:caseId "{PUBLISHED}" }}')
    sw.setReturnFormat(JSON)
    assert sw.queryAndConvert()["boolean"] is True


def _expected_case_graph(api_kg: KnowledgeGraph) -> set[tuple[str, str]]:
    return {(f"{BASE}case/{cid}", cid) for cid in api_kg.case_ids()}


@pytest.mark.parametrize("accept, content_type, rdflib_format", [
    ("text/turtle", "text/turtle; charset=utf-8", "turtle"),
    ("application/n-triples", "application/n-triples", "nt"),
    ("application/ld+json", "application/ld+json", "json-ld"),
    ("application/rdf+xml", "application/rdf+xml", "xml"),
])
def test_construct_in_each_rdf_format(http, api_kg, accept, content_type, rdflib_format):
    r = http.post("/sparql", data={"query": CONSTRUCT_CASES}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == content_type
    g = Graph().parse(data=r.content, format=rdflib_format)
    case_id = URIRef(BASE + "caseId")
    assert {(str(s), str(o)) for s, o in g.subject_objects(case_id)} == _expected_case_graph(api_kg)
    assert len(g) == len(example_paths())  # one caseId per bundled case


@pytest.mark.parametrize("fmt", [TURTLE, RDFXML, JSONLD])
def test_construct_with_sparqlwrapper(server, api_kg, fmt):
    sw = server.sparql()
    sw.setQuery(CONSTRUCT_CASES)
    sw.setReturnFormat(fmt)
    result = sw.queryAndConvert()
    g = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert {(str(s), str(o)) for s, o in g.subject_objects(URIRef(BASE + "caseId"))} == _expected_case_graph(api_kg)


def test_describe(http):
    r = http.get("/sparql", params={"query": f"DESCRIBE <{BASE}case/{PUBLISHED}>"}, headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef(f"{BASE}case/{PUBLISHED}"), URIRef(BASE + "caseId"), Literal(PUBLISHED)) in g


def test_graph_query_default_format_is_turtle(http):
    r = http.get("/sparql", params={"query": CONSTRUCT_CASES}, headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_not_acceptable(http):
    r = http.get("/sparql", params={"query": CASE_IDS_QUERY}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    assert "no acceptable format" in r.text and "application/sparql-results+json" in r.text
    g = http.get("/sparql", params={"query": CONSTRUCT_CASES}, headers={"Accept": "text/csv"})
    assert g.status_code == 406 and "text/turtle" in g.text
    zero = http.get("/sparql", params={"query": CASE_IDS_QUERY}, headers={"Accept": "application/json;q=0"})
    assert zero.status_code == 406


# --- errors -----------------------------------------------------------------------------------------------
def test_syntax_error_is_400_with_a_readable_message(http):
    r = http.get("/sparql", params={"query": "SELECT ?s WHERE { ?s ?p ?o "})
    assert r.status_code == 400
    assert r.headers["content-type"].startswith("text/plain")
    assert r.text.startswith("SPARQL syntax error: error at 1:")
    assert "Traceback" not in r.text and len(r.text) < 400
    prefix = http.post("/sparql", data={"query": "SELECT ?s WHERE { ?s nope:p ?o }"})
    assert prefix.status_code == 400 and "undeclared prefix" in prefix.text


def test_syntax_error_with_sparqlwrapper(server):
    sw = server.sparql()
    sw.setQuery("SELEC ?s WHERE { ?s ?p ?o }")
    sw.setReturnFormat(JSON)
    with pytest.raises(QueryBadFormed) as info:
        sw.query()
    assert "SPARQL syntax error" in str(info.value)


def test_protocol_errors(http):
    missing = http.get("/sparql")
    assert missing.status_code == 400 and "missing the 'query' parameter" in missing.text
    twice = http.get("/sparql", params=[("query", CASE_IDS_QUERY), ("query", CASE_IDS_QUERY)])
    assert twice.status_code == 400 and "given 2 times" in twice.text
    both = http.post("/sparql", data={"query": CASE_IDS_QUERY, "update": "CLEAR ALL"})
    assert both.status_code == 400 and "not both" in both.text
    media = http.post("/sparql", content=b"{}", headers={"Content-Type": "application/json"})
    assert media.status_code == 415 and "application/sparql-query" in media.text
    update_by_get = http.get("/sparql", params={"update": "CLEAR ALL"})
    assert update_by_get.status_code == 400 and "POST" in update_by_get.text
    service = http.get("/sparql", params={"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"})
    assert service.status_code == 400 and "SERVICE" in service.text
    # the word inside a string or an IRI is not the keyword
    fine = http.get("/sparql", params={"query": 'ASK { FILTER("SERVICE" != <http://x/SERVICE>) }'})
    assert fine.status_code == 200


def test_unknown_paths_and_methods_are_plain_messages(http):
    r = http.get("/nowhere")
    assert r.status_code == 404 and "/sparql" in r.text
    m = http.delete("/sparql")
    assert m.status_code == 405 and "DELETE" in m.text


def test_host_header_must_be_loopback(http):
    r = http.get("/info", headers={"Host": "attacker.example"})
    assert r.status_code == 400
    assert http.get("/info", headers={"Host": "localhost:7878"}).status_code == 200


# --- the dataset: default-graph-uri and named-graph-uri --------------------------------------------------
def test_default_dataset_is_the_union_of_all_graphs(http, api_kg):
    r = http.get("/sparql", params={"query": "SELECT DISTINCT ?id WHERE { ?c skg:caseId ?id } ORDER BY ?id"})
    assert json_ids(r) == api_kg.case_ids()


def test_default_graph_uri_restricts_the_default_graph(http):
    one = http.get("/sparql", params={"query": CASE_IDS_QUERY, "default-graph-uri": PUBLISHED_GRAPH})
    assert json_ids(one) == [PUBLISHED]
    two = http.get("/sparql", params=[("query", CASE_IDS_QUERY), ("default-graph-uri", PUBLISHED_GRAPH),
                                      ("default-graph-uri", OTHER_GRAPH)])
    assert json_ids(two) == ["example-rod-fracture", PUBLISHED]
    form = http.post("/sparql", data={"query": CASE_IDS_QUERY, "default-graph-uri": PUBLISHED_GRAPH})
    assert json_ids(form) == [PUBLISHED]
    direct = http.post("/sparql", params={"default-graph-uri": PUBLISHED_GRAPH}, content=CASE_IDS_QUERY.encode(),
                       headers={"Content-Type": "application/sparql-query"})
    assert json_ids(direct) == [PUBLISHED]
    # with only default graphs given, no named graph is available
    graphs = http.get("/sparql", params={"query": "SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 1",
                                         "default-graph-uri": PUBLISHED_GRAPH})
    assert json_ids(graphs, "g") == []


def test_default_graph_uri_with_sparqlwrapper(server):
    sw = server.sparql()
    sw.addDefaultGraph(PUBLISHED_GRAPH)
    sw.setQuery(CASE_IDS_QUERY)
    sw.setReturnFormat(JSON)
    assert [b["id"]["value"] for b in sw.queryAndConvert()["results"]["bindings"]] == [PUBLISHED]


def test_named_graph_uri_with_graph(http):
    query = "SELECT ?g ?id WHERE { GRAPH ?g { ?c a skg:Case ; skg:caseId ?id } } ORDER BY ?id"
    r = http.get("/sparql", params={"query": query, "named-graph-uri": PUBLISHED_GRAPH})
    rows = [(b["g"]["value"], b["id"]["value"]) for b in r.json()["results"]["bindings"]]
    assert rows == [(PUBLISHED_GRAPH, PUBLISHED)]
    form = urlencode([("query", query), ("named-graph-uri", PUBLISHED_GRAPH), ("named-graph-uri", OTHER_GRAPH)])
    two = http.post("/sparql", content=form, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert json_ids(two) == ["example-rod-fracture", PUBLISHED]
    # with only named graphs given, the default graph is empty
    empty = http.get("/sparql", params={"query": CASE_IDS_QUERY, "named-graph-uri": PUBLISHED_GRAPH})
    assert json_ids(empty) == []
    both = http.get("/sparql", params={"query": "SELECT ?id WHERE { ?c skg:caseId ?id GRAPH ?g { ?x skg:caseId ?id } }",
                                       "default-graph-uri": PUBLISHED_GRAPH, "named-graph-uri": OTHER_GRAPH})
    assert json_ids(both) == []
    bad = http.get("/sparql", params={"query": CASE_IDS_QUERY, "named-graph-uri": "not an iri"})
    assert bad.status_code == 400 and "not a valid graph IRI" in bad.text


def test_protocol_dataset_overrides_from_clauses(http):
    query = f"SELECT ?id FROM <{OTHER_GRAPH}> WHERE {{ ?c a skg:Case ; skg:caseId ?id }}"
    assert json_ids(http.get("/sparql", params={"query": query})) == ["example-rod-fracture"]
    assert json_ids(http.get("/sparql", params={"query": query, "default-graph-uri": PUBLISHED_GRAPH})) == [PUBLISHED]


# --- updates: read-only by default, then only with the bearer token ---------------------------------------
INSERT = f'INSERT DATA {{ GRAPH <{BASE}graph/test> {{ <{BASE}test/s> <{BASE}test/p> "added" }} }}'
ASK_INSERTED = f'ASK {{ <{BASE}test/s> <{BASE}test/p> "added" }}'


def test_updates_are_refused_by_a_read_only_server(http):
    form = http.post("/sparql", data={"update": INSERT}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert form.status_code == 403 and "read-only" in form.text and "--allow-updates" in form.text
    direct = http.post("/sparql", content=INSERT.encode(), headers={"Content-Type": "application/sparql-update"})
    assert direct.status_code == 403
    assert "false" in http.get("/sparql", params={"query": ASK_INSERTED}).text


def test_updates_refused_with_sparqlwrapper(server):
    sw = server.sparql()
    sw.setMethod(POST)
    sw.setQuery(INSERT)
    with pytest.raises(Exception) as info:
        sw.query()
    assert "403" in str(info.value) or "read-only" in str(info.value)


def test_updates_need_the_token(writable):
    with writable.client() as c:
        none = c.post("/sparql", data={"update": INSERT})
        assert none.status_code == 401 and "Bearer" in none.headers["www-authenticate"]
        assert "Authorization: Bearer" in none.text
        wrong = c.post("/sparql", data={"update": INSERT}, headers={"Authorization": "Bearer wrong-token-123"})
        assert wrong.status_code == 401 and "invalid_token" in wrong.headers["www-authenticate"]
        basic = c.post("/sparql", data={"update": INSERT}, headers={"Authorization": f"Basic {TOKEN}"})
        assert basic.status_code == 401
        assert "false" in c.get("/sparql", params={"query": ASK_INSERTED}).text


def test_updates_with_the_token(writable):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with writable.client() as c:
        ok = c.post("/sparql", data={"update": INSERT}, headers=auth)
        assert ok.status_code == 200, ok.text
        assert "true" in c.get("/sparql", params={"query": ASK_INSERTED}).text
        delete = f'DELETE DATA {{ GRAPH <{BASE}graph/test> {{ <{BASE}test/s> <{BASE}test/p> "added" }} }}'
        direct = c.post("/sparql", content=delete.encode(),
                        headers={**auth, "Content-Type": "application/sparql-update"})
        assert direct.status_code == 200
        assert "false" in c.get("/sparql", params={"query": ASK_INSERTED}).text
        bad = c.post("/sparql", data={"update": "INSERT DATA { oops"}, headers=auth)
        assert bad.status_code == 400 and "SPARQL syntax error" in bad.text
        load = c.post("/sparql", data={"update": "LOAD <http://127.0.0.1:9/data.ttl>"}, headers=auth)
        assert load.status_code == 400 and "LOAD" in load.text


def test_updates_with_sparqlwrapper_and_the_token(writable):
    sw = writable.sparql()
    sw.setMethod(POST)
    sw.setQuery(f'INSERT DATA {{ GRAPH <{BASE}graph/sw> {{ <{BASE}test/sw> <{BASE}test/p> 1 }} }}')
    with pytest.raises(Unauthorized):
        sw.query()
    sw.addCustomHttpHeader("Authorization", f"Bearer {TOKEN}")
    assert sw.query().response.status == 200
    with writable.client() as c:
        assert "true" in c.get("/sparql", params={"query": f"ASK {{ <{BASE}test/sw> ?p 1 }}"}).text


# --- limits: timeout and result cap ---------------------------------------------------------------------------
@pytest.fixture
def impatient(example_store, tmp_path_factory) -> Iterator[RunningServer]:
    """A server with a 0.2 s timeout, stopped right after its test (its abandoned query keeps a core busy)."""
    store = copy_store(example_store, tmp_path_factory, "impatient")
    with running_server(store, "--timeout", "0.2", log_dir=store.parent) as s:
        yield s


def test_a_slow_query_times_out_with_503(impatient):
    with impatient.client() as c:
        start = time.monotonic()
        r = c.get("/sparql", params={"query": SLOW_QUERY})
        elapsed = time.monotonic() - start
        assert r.status_code == 503
        assert "0.2-second limit" in r.text and "Traceback" not in r.text
        assert elapsed < 5
        # the server still answers (the abandoned query finishes in the background)
        assert c.get("/sparql", params={"query": f'ASK {{ ?c skg:caseId "{PUBLISHED}" }}'}).status_code == 200
    assert "took longer" in impatient.log_text()


def test_results_are_capped_and_the_cap_is_said(limited):
    with limited.client() as c:
        r = c.get("/sparql", params={"query": CASE_IDS_QUERY})
        assert r.status_code == 200
        assert r.headers["x-spinekg-truncated"] == "true" and r.headers["x-spinekg-max-results"] == "3"
        assert len(r.json()["results"]["bindings"]) == 3
        as_csv = c.get("/sparql", params={"query": CASE_IDS_QUERY}, headers={"Accept": "text/csv"})
        assert as_csv.headers["x-spinekg-truncated"] == "true" and len(as_csv.text.splitlines()) == 4
        as_xml = c.get("/sparql", params={"query": CASE_IDS_QUERY}, headers={"Accept": "application/sparql-results+xml"})
        assert as_xml.text.count("<result>") == 3
        triples = c.get("/sparql", params={"query": CONSTRUCT_CASES}, headers={"Accept": "application/n-triples"})
        assert triples.headers["x-spinekg-truncated"] == "true" and len(triples.text.splitlines()) == 3
        small = c.get("/sparql", params={"query": CASE_IDS_QUERY + " LIMIT 3"})
        assert small.headers["x-spinekg-truncated"] == "false" and len(small.json()["results"]["bindings"]) == 3


def test_results_under_the_cap_are_not_truncated(http):
    r = http.get("/sparql", params={"query": CASE_IDS_QUERY})
    assert r.headers["x-spinekg-truncated"] == "false"


# --- Graph Store Protocol (read access) ----------------------------------------------------------------------
@pytest.mark.parametrize("accept, rdflib_format", [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                                                   ("application/ld+json", "json-ld"),
                                                   ("application/rdf+xml", "xml")])
def test_gsp_get_a_named_graph(http, api_kg, accept, rdflib_format):
    r = http.get("/rdf-graphs/service", params={"graph": PUBLISHED_GRAPH}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == accept
    g = Graph().parse(data=r.content, format=rdflib_format)
    expected = api_kg.case_graph(PUBLISHED)
    assert len(g) == len(expected) > 20
    assert (URIRef(f"{BASE}case/{PUBLISHED}"), URIRef(BASE + "caseId"), Literal(PUBLISHED)) in g


def test_gsp_head(http):
    get = http.get("/rdf-graphs/service", params={"graph": PUBLISHED_GRAPH})
    head = http.head("/rdf-graphs/service", params={"graph": PUBLISHED_GRAPH})
    assert head.status_code == 200 and head.content == b""
    assert head.headers["content-length"] == str(len(get.content))
    assert head.headers["content-type"] == get.headers["content-type"] == "text/turtle; charset=utf-8"
    assert http.head("/rdf-graphs/service", params={"graph": BASE + "no/such/graph"}).status_code == 404


def test_gsp_default_graph_is_the_union(http):
    r = http.get("/rdf-graphs/service?default", headers={"Accept": "application/n-triples"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="nt")
    count = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o "
                                                 "WHERE { ?s ?p ?o } }"}).json()
    assert len(g) == int(count["results"]["bindings"][0]["n"]["value"])
    assert (URIRef(f"{BASE}case/{PUBLISHED}"), URIRef(BASE + "caseId"), Literal(PUBLISHED)) in g


def test_gsp_errors(http):
    unknown = http.get("/rdf-graphs/service", params={"graph": BASE + "no/such/graph"})
    assert unknown.status_code == 404 and "no graph" in unknown.text
    neither = http.get("/rdf-graphs/service")
    assert neither.status_code == 400 and "?graph=IRI" in neither.text
    both = http.get(f"/rdf-graphs/service?default&graph={PUBLISHED_GRAPH}")
    assert both.status_code == 400
    csv_ = http.get("/rdf-graphs/service", params={"graph": PUBLISHED_GRAPH}, headers={"Accept": "text/csv"})
    assert csv_.status_code == 406
    bad_iri = http.get("/rdf-graphs/service", params={"graph": "not an iri"})
    assert bad_iri.status_code == 400


def test_gsp_writes_refused_on_a_read_only_server(http):
    body = f"<{BASE}test/s> <{BASE}test/p> \"x\" .".encode()
    for method in ("PUT", "POST", "DELETE"):
        r = http.request(method, "/rdf-graphs/service", params={"graph": BASE + "graph/new"}, content=body,
                         headers={"Content-Type": "application/n-triples", "Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 403 and "read-only" in r.text, method
    assert http.get("/rdf-graphs/service", params={"graph": BASE + "graph/new"}).status_code == 404


def test_gsp_writes_with_the_token(writable):
    graph = BASE + "graph/gsp-test"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    turtle = f"@prefix t: <{BASE}test/> . t:a t:p 1 . t:b t:p 2 ."
    with writable.client() as c:
        no_token = c.put("/rdf-graphs/service", params={"graph": graph}, content=turtle,
                         headers={"Content-Type": "text/turtle"})
        assert no_token.status_code == 401
        created = c.put("/rdf-graphs/service", params={"graph": graph}, content=turtle,
                        headers={**auth, "Content-Type": "text/turtle"})
        assert created.status_code == 201
        assert created.headers["location"] == "/rdf-graphs/service?graph=" + graph.replace(":", "%3A").replace("/", "%2F")
        replaced = c.put("/rdf-graphs/service", params={"graph": graph}, content=f'<{BASE}test/c> <{BASE}test/p> "3" .',
                         headers={**auth, "Content-Type": "application/n-triples"})
        assert replaced.status_code == 204
        added = c.post("/rdf-graphs/service", params={"graph": graph}, content=f'<{BASE}test/d> <{BASE}test/p> "4" .',
                       headers={**auth, "Content-Type": "application/n-triples"})
        assert added.status_code == 204
        g = Graph().parse(data=c.get("/rdf-graphs/service", params={"graph": graph}).text, format="turtle")
        assert sorted(str(s).rsplit("/", 1)[1] for s in g.subjects()) == ["c", "d"]
        bad = c.post("/rdf-graphs/service", params={"graph": graph}, content="not turtle {",
                     headers={**auth, "Content-Type": "text/turtle"})
        assert bad.status_code == 400 and "cannot parse" in bad.text
        media = c.post("/rdf-graphs/service", params={"graph": graph}, content="{}",
                       headers={**auth, "Content-Type": "application/x-unknown"})
        assert media.status_code == 415
        default = c.put("/rdf-graphs/service?default", content=turtle, headers={**auth, "Content-Type": "text/turtle"})
        assert default.status_code == 400
        assert c.delete("/rdf-graphs/service", params={"graph": graph}, headers=auth).status_code == 204
        assert c.get("/rdf-graphs/service", params={"graph": graph}).status_code == 404
        assert c.delete("/rdf-graphs/service", params={"graph": graph}, headers=auth).status_code == 404


# --- POST /cases: one case validated, loaded, reasoned, its conclusions answered ----------------------------------
MALFORMED = Path(__file__).parent / "data" / "malformed"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def _example_text(case_id: str) -> str:
    return next(p for p in example_paths() if p.stem == case_id).read_text(encoding="utf-8")


def _loosening_yaml(case_id: str) -> str:
    """The radiograph-loosening example under a new id, its L5 lucency widened to 4 mm."""
    text = _example_text("example-radiograph-loosening")
    assert "width: 2.5 mm" in text and "id: example-radiograph-loosening" in text
    return text.replace("id: example-radiograph-loosening", f"id: {case_id}").replace("width: 2.5 mm", "width: 4 mm")


def _quads(c: httpx.Client) -> int:
    return int(json_ids(c.get("/sparql", params={"query": COUNT_QUADS}), "n")[0])


def _loose_screws(answer: dict) -> list[dict]:
    return [c for c in answer["conclusions"] if BASE + "ScrewLoosening" in c["types"]]


def test_upload_a_yaml_case_then_replace_it(writable):
    text = _loosening_yaml("upload-yaml-loosening")
    with writable.client() as c:
        created = c.post("/cases", content=text, headers={**AUTH, "Content-Type": "application/yaml"})
        assert created.status_code == 201, created.text
        answer = created.json()
        assert answer["case_id"] == "upload-yaml-loosening" and answer["replaced"] is False
        loose = _loose_screws(answer)
        assert {c_["iri"].rsplit("/implant/", 1)[1] for c_ in loose} == {
            "screw-L5-left/suspected-loosening", "screw-L5-right/suspected-loosening",
            "screw-S1-left/suspected-loosening"}
        assert any("4 mm" in c_["label"] for c_ in loose)
        assert all(c_["iri"].startswith(f"{BASE}case/upload-yaml-loosening/") and c_["label"]
                   for c_ in answer["conclusions"])
        assert answer["conclusions"][0]["types"] == [BASE + "RevisionEvaluationIndication"]  # most decisive first
        assert {"parse", "shacl", "load", "conclusions", "total"} <= set(answer["timing_ms"])
        # the same conclusions as the store now holds, through the named query
        held = c.get("/queries/case-summary", params={"case_id": "upload-yaml-loosening"},
                     headers={"Accept": "application/sparql-results+json"})
        assert {b["conclusion"]["value"] for b in held.json()["results"]["bindings"]} <= {
            c_["iri"] for c_ in answer["conclusions"]}
        before = _quads(c)
        again = c.post("/cases", content=text, headers={**AUTH, "Content-Type": "application/x-yaml"})
        assert again.status_code == 200, again.text
        assert again.json()["replaced"] is True and again.json()["conclusions"] == answer["conclusions"]
        assert _quads(c) == before  # replaced, not added to
        narrower = c.post("/cases", content=text.replace("width: 4 mm", "width: 1.5 mm"),
                          headers={**AUTH, "Content-Type": "text/yaml"})
        assert narrower.status_code == 200
        assert not any(c_["iri"].endswith("strict-lucency-criterion") for c_ in narrower.json()["conclusions"])
        assert any(c_["iri"].endswith("strict-lucency-criterion-not-met") for c_ in narrower.json()["conclusions"])
        strict = f"{BASE}case/upload-yaml-loosening/implant/screw-L5-left/strict-lucency-criterion"
        ask = f"ASK {{ GRAPH ?g {{ <{strict}> ?p ?o }} }}"
        assert "false" in c.get("/sparql", params={"query": ask}).text  # the old conclusions are gone


def test_upload_a_json_case(writable):
    import yaml

    data = yaml.safe_load(_loosening_yaml("upload-json-loosening"))
    body = json.dumps(data)
    with writable.client() as c:
        created = c.post("/cases", content=body, headers={**AUTH, "Content-Type": "application/json; charset=utf-8"})
        assert created.status_code == 201, created.text
        assert created.json()["case_id"] == "upload-json-loosening" and len(_loose_screws(created.json())) == 3
        replaced = c.post("/cases", content=body, headers={**AUTH, "Content-Type": "application/json"})
        assert replaced.status_code == 200 and replaced.json()["replaced"] is True
        ids = json_ids(c.get("/sparql", params={"query": CASE_IDS_QUERY}))
        assert ids.count("upload-json-loosening") == 1


def test_upload_a_turtle_case(writable):
    graph = f"{BASE}case/example-medial-breach/graph/asserted"
    with writable.client() as c:
        turtle = c.get("/rdf-graphs/service", params={"graph": graph}, headers={"Accept": "text/turtle"}).text
        before = _quads(c)
        r = c.post("/cases", content=turtle, headers={**AUTH, "Content-Type": "text/turtle"})
        assert r.status_code == 200, r.text
        assert r.json()["case_id"] == "example-medial-breach" and r.json()["replaced"] is True
        assert any(BASE + "ScrewMalposition" in c_["types"] for c_ in r.json()["conclusions"])
        assert _quads(c) == before


def test_an_invalid_case_is_refused_and_nothing_is_written(writable):
    with writable.client() as c:
        before = _quads(c)
        t13 = c.post("/cases", content=(MALFORMED / "finding-level-T13.yaml").read_bytes(),
                     headers={**AUTH, "Content-Type": "application/yaml"})
        assert t13.status_code == 400 and t13.headers["content-type"].startswith("application/json")
        assert t13.json()["problems"] == [{"path": "findings[0].level", "line": 9, "message":
                                           "'T13' is not a vertebral level (C1-C7, T1-T12, L1-L5, S1-S5, Co1)"}]
        # an existing case with a defect is not replaced
        existing = _example_text("example-radiograph-loosening").replace("level: L5\n", "level: T13\n", 1)
        bad = c.post("/cases", content=existing, headers={**AUTH, "Content-Type": "application/yaml"})
        assert bad.status_code == 400 and bad.json()["problems"][0]["path"] == "findings[0].level"
        # SHACL problems too, as `spinekg load` finds them
        shacl = c.post("/cases", content=(MALFORMED / "shacl-screw-without-level.ttl").read_bytes(),
                       headers={**AUTH, "Content-Type": "text/turtle"})
        assert shacl.status_code == 400 and "a screw needs exactly one level" in shacl.json()["problems"][0]["message"]
        # and a Turtle case's terms are checked before SHACL
        t13_ttl = c.post("/cases", content=(MALFORMED / "shacl-level-T13.ttl").read_bytes(),
                         headers={**AUTH, "Content-Type": "text/turtle"})
        assert t13_ttl.status_code == 400
        assert "skg:T13 is not a term of the ontology" in t13_ttl.json()["problems"][0]["message"]
        for body, media, expected in ((b"id: [unclosed", "application/yaml", "malformed YAML"),
                                      (b'{"id": "x",}', "application/json", "malformed JSON"),
                                      (b"\xff\xfeid: x", "application/yaml", "not UTF-8"),
                                      (b"", "application/yaml", "is empty")):
            r = c.post("/cases", content=body, headers={**AUTH, "Content-Type": media})
            assert r.status_code == 400 and expected in r.json()["problems"][0]["message"], r.text
        assert _quads(c) == before
        ids = json_ids(c.get("/sparql", params={"query": CASE_IDS_QUERY}))
        assert "finding-level-t13" not in ids and "shacl-level-T13" not in ids


def test_case_uploads_are_writes(server, writable):
    text = _loosening_yaml("upload-refused")
    with server.client() as c:
        read_only = c.post("/cases", content=text, headers={**AUTH, "Content-Type": "application/yaml"})
        assert read_only.status_code == 403 and "read-only" in read_only.text and "--allow-updates" in read_only.text
    with writable.client() as c:
        before = _quads(c)
        none = c.post("/cases", content=text, headers={"Content-Type": "application/yaml"})
        assert none.status_code == 401 and "Bearer" in none.headers["www-authenticate"]
        wrong = c.post("/cases", content=text, headers={"Content-Type": "application/yaml",
                                                        "Authorization": "Bearer wrong-token-123"})
        assert wrong.status_code == 401 and "invalid_token" in wrong.headers["www-authenticate"]
        assert _quads(c) == before


def test_case_upload_media_type_and_size(writable):
    with writable.client() as c:
        plain = c.post("/cases", content="id: x\n", headers={**AUTH, "Content-Type": "text/plain"})
        assert plain.status_code == 415 and "application/yaml" in plain.text and "text/turtle" in plain.text
        assert c.post("/cases", content="id: x\n", headers=AUTH).status_code == 415
        huge = c.post("/cases", content=b"#" * 5_000_001, headers={**AUTH, "Content-Type": "application/yaml"})
        assert huge.status_code == 413
        assert c.put("/cases", content="id: x\n", headers={**AUTH, "Content-Type": "application/yaml"}).status_code == 405
        index = c.get("/cases")  # GET is the case index for people (test_case_pages.py)
        assert index.status_code == 200 and index.headers["content-type"].startswith("text/html")


def test_load_text_shares_the_file_path(tmp_path):
    from spinekg.api import check_case
    from spinekg.cases import CaseError

    kg = KnowledgeGraph.memory()
    assert kg.load_text(_loosening_yaml("text-loosening"), ".yaml") == "text-loosening"
    assert kg.has_case("text-loosening")
    text = (MALFORMED / "finding-level-T13.yaml").read_text(encoding="utf-8")
    with pytest.raises(CaseError) as from_text:
        kg.load_text(text, "yaml", label="x.yaml")
    with pytest.raises(CaseError) as from_file:
        check_case(MALFORMED / "finding-level-T13.yaml", "x.yaml")
    assert from_text.value.problems == from_file.value.problems
    with pytest.raises(CaseError, match="unknown file type"):
        kg.load_text("id: x", ".txt")


# --- named queries over HTTP ---------------------------------------------------------------------------------------
def test_list_the_named_queries(http):
    r = http.get("/queries")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    queries = {q["name"]: q for q in r.json()}
    assert len(queries) >= 12
    loose = queries["loose-screws"]
    assert loose["description"] and loose["columns"][0] == "case_id" and loose["href"] == "/queries/loose-screws"
    params = {p["name"]: p for p in loose["params"]}
    assert params["region"]["type"] == "region" and "thoracic" in params["region"]["choices"]
    assert params["min_lucency"]["default"] == 0 and params["min_lucency"]["description"]
    assert "SELECT" in loose["text"]


def _rows(response: httpx.Response) -> list[tuple[str, ...]]:
    assert response.status_code == 200, response.text
    data = response.json()
    return [tuple(b.get(v, {}).get("value", "") for v in data["head"]["vars"]) for b in data["results"]["bindings"]]


def _api_rows(api_kg: KnowledgeGraph, name: str, **params: str) -> list[tuple[str, ...]]:
    res = api_kg.query(name, params)
    return [tuple(r[v].value if v in r else "" for v in res.variables) for r in res.rows]  # type: ignore[attr-defined]


def test_named_queries_with_parameters(http, api_kg):
    assert _rows(http.get("/queries/cases")) == _api_rows(api_kg, "cases")
    assert len(_rows(http.get("/queries/cases"))) == len(example_paths())
    thoracic = _rows(http.get("/queries/loose-screws", params={"region": "thoracic", "min_lucency": "1"}))
    assert thoracic == _api_rows(api_kg, "loose-screws", region="thoracic", min_lucency="1")
    everywhere = _rows(http.get("/queries/loose-screws"))
    assert everywhere == _api_rows(api_kg, "loose-screws") and len(everywhere) >= len(thoracic)
    summary = _rows(http.get("/queries/case-summary", params={"case_id": PUBLISHED}))
    assert summary and summary == _api_rows(api_kg, "case-summary", case_id=PUBLISHED)


def test_named_query_content_negotiation(http):
    r = http.get("/queries/cases", headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv") and r.text.startswith("case_id,")
    f = http.get("/queries/cases", params={"format": "tsv"})
    assert f.headers["content-type"].startswith("text/tab-separated-values")
    x = http.get("/queries/cases", headers={"Accept": "application/sparql-results+xml"})
    assert x.text.count("<result>") == len(example_paths())
    assert http.get("/queries/cases", headers={"Accept": "image/png"}).status_code == 406


def test_named_query_errors(http):
    unknown = http.get("/queries/no-such-query")
    assert unknown.status_code == 404 and "unknown query 'no-such-query'" in unknown.text and "loose-screws" in unknown.text
    param = http.get("/queries/loose-screws", params={"colour": "blue"})
    assert param.status_code == 400 and "has no parameter 'colour'" in param.text
    typed = http.get("/queries/loose-screws", params={"min_lucency": "wide"})
    assert typed.status_code == 400 and "must be a number" in typed.text
    region = http.get("/queries/loose-screws", params={"region": "elbow"})
    assert region.status_code == 400 and "thoracic" in region.text
    missing = http.get("/queries/case-summary")
    assert missing.status_code == 400 and "needs the parameter 'case_id'" in missing.text
    twice = http.get("/queries/loose-screws", params=[("region", "thoracic"), ("region", "lumbar")])
    assert twice.status_code == 400 and "given 2 times" in twice.text


# --- the page, static files, facts ----------------------------------------------------------------------------
def test_query_page_is_served_from_the_package(http):
    page = http.get("/")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert 'id="query"' in page.text and "/static/app.js" in page.text
    for name, kind in (("app.js", "javascript"), ("style.css", "text/css")):
        r = http.get(f"/static/{name}")
        assert r.status_code == 200 and kind in r.headers["content-type"]
        assert "http://" not in r.text and "https://" not in r.text, f"{name} must not load anything from outside"
    assert "http://" not in page.text and "https://" not in page.text
    assert http.get("/static/nope.js").status_code == 404
    assert http.get("/static/../app.py").status_code == 404


def test_info(http):
    info = http.get("/info").json()
    assert info["read_only"] is True and info["max_results"] == 10000 and info["prefixes"]["skg"] == BASE


def test_requests_are_logged(server, http):
    http.get("/info")
    deadline = time.monotonic() + 5
    while '"GET /info" 200' not in server.log_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert '"GET /info" 200' in server.log_text()
    assert "Traceback" not in server.log_text()


# --- in-process checks: the command's usage errors and internal errors ----------------------------------------------
def test_serve_command_usage():
    from click.testing import CliRunner

    from spinekg.server.command import serve

    runner = CliRunner()
    help_ = runner.invoke(serve, ["--help"])
    assert help_.exit_code == 0 and "--allow-updates" in help_.output and "127.0.0.1" in help_.output
    no_token = runner.invoke(serve, ["--allow-updates"], env={"SPINEKG_SERVER_TOKEN": None})
    assert no_token.exit_code == 2 and "--token" in no_token.output
    short = runner.invoke(serve, ["--allow-updates", "--token", "abc"])
    assert short.exit_code == 2 and "too short" in short.output


def test_an_internal_error_is_a_500_without_traceback(monkeypatch, caplog):
    import asyncio

    from spinekg.server import app as app_module

    def boom():
        raise RuntimeError("secret internals")

    app = app_module.create_app(KnowledgeGraph.memory())
    monkeypatch.setattr(app_module, "load_queries", boom)

    async def get() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await client.get("/queries")

    r = asyncio.run(get())
    assert r.status_code == 500
    assert "internal server error" in r.text and "secret" not in r.text and "Traceback" not in r.text
    assert "secret internals" in caplog.text  # but the server's log has it


def test_negotiation_unit():
    from spinekg.server.negotiation import GRAPH_FORMATS, RESULT_FORMATS, NotAcceptable, choose, parse_accept

    assert parse_accept("text/csv;q=0.5, */*;q=0.1, bogus") == [("text/csv", 0.5), ("*/*", 0.1)]
    assert choose(RESULT_FORMATS, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8").name == "xml"
    assert choose(GRAPH_FORMATS, "application/json").name == "jsonld"
    assert choose(GRAPH_FORMATS, "text/plain").name == "ntriples"
    assert choose(GRAPH_FORMATS, None, "ttl").name == "turtle"
    with pytest.raises(NotAcceptable):
        choose(GRAPH_FORMATS, None, "csv")
    with pytest.raises(NotAcceptable):
        choose(RESULT_FORMATS, "text/turtle")


def test_service_and_load_are_found_in_the_parse():
    """Issue 11: refusal is decided from rdflib's parse tree, not from a pattern over the text."""
    from spinekg.server.sparql_check import check_update, query_operations

    assert query_operations("SELECT * { service <http://x/> { ?s ?p ?o } }").service
    assert not query_operations('SELECT * { ?s ?p "SERVICE" } # SERVICE').service
    assert not query_operations("SELECT ?SERVICE { ?s skg:SERVICE <http://x/SERVICE> }").service
    assert not query_operations('SELECT * { ?s ?p """a "SERVICE" b""" }').service
    assert query_operations("SELECT * FROM <urn:g> { ?s ?p ?o }").dataset
    assert check_update("INSERT DATA { <urn:a> <urn:b> 1 }").load is False


def test_json_results_keep_term_types(http):
    q = 'SELECT ?iri ?n ?lang ?b WHERE { BIND(<http://x/y> AS ?iri) BIND(2.5 AS ?n) BIND("hi"@en AS ?lang) BIND(BNODE() AS ?b) }'
    b = http.get("/sparql", params={"query": q}).json()["results"]["bindings"][0]
    assert b["iri"] == {"type": "uri", "value": "http://x/y"}
    assert b["n"] == {"type": "literal", "value": "2.5", "datatype": "http://www.w3.org/2001/XMLSchema#decimal"}
    assert b["lang"] == {"type": "literal", "value": "hi", "xml:lang": "en"}
    assert b["b"]["type"] == "bnode"
    xml = http.get("/sparql", params={"query": q, "format": "xml"}).text
    assert '<literal datatype="http://www.w3.org/2001/XMLSchema#decimal">2.5</literal>' in xml
    assert '<literal xml:lang="en">hi</literal>' in xml and "<bnode>" in xml
