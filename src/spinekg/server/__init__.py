"""The HTTP endpoint (`spinekg serve`): SPARQL 1.1 Protocol, Graph Store Protocol, named queries, a query page.

    spinekg serve [--store DIR] [--host 127.0.0.1] [--port 7878] [--timeout 30] [--max-results 10000]
                  [--allow-updates --token TOKEN]

Routes (see app.py):
  /                        the query page: an editor, the example queries from queries/ with parameter
                           fields, results as a table or in any format. Static files from the package
                           (static/), no CDN: it works offline. `/?query=...&run=1` runs a query on load.
  /sparql                  SPARQL 1.1 Protocol: GET ?query=, POST as a form or application/sparql-query;
                           default-graph-uri / named-graph-uri (repeatable) set the dataset, which is
                           otherwise the union of all graphs. The prefixes skg:, rdf:, rdfs:, owl:, xsd:,
                           prov:, dcterms:, skos: and obo: are predeclared.
  /rdf-graphs/service      Graph Store Protocol: GET/HEAD ?graph=IRI or ?default (the union of all graphs);
                           PUT/POST/DELETE ?graph=IRI only when updates are allowed.
  /queries, /queries/NAME  the named queries (JSON list) and running one: /queries/loose-screws?region=thoracic
  /info                    the server's limits and prefixes (JSON)

Content negotiation follows the Accept header with q-values: SPARQL results as JSON, XML, CSV or TSV;
graphs as Turtle, N-Triples, JSON-LD or RDF/XML; 406 when none is acceptable. A `format=` parameter
(json, xml, csv, tsv, turtle, ntriples, jsonld, rdfxml, or a media type) overrides the header.

Limits. Queries (and Graph Store reads) run in worker processes (pool.py, worker.py) over a snapshot of
the store that follows every write; a query past --timeout seconds or over --query-memory MB is stopped
by killing its worker (a new one takes its place) and the client gets 503. Requests wait in line for a
worker (--queue; clients take turns) and only a full line is refused, with 503 and Retry-After. A query
running past --long-after seconds is moved out of the way (lowest CPU priority, a spare worker takes
its place; at most --max-long at once), so cheap queries are not starved. A store in memory (the
Python API's `create_app` on `KnowledgeGraph.memory()`) is served by threads instead, which cannot be
stopped. SELECT rows (and CONSTRUCT/DESCRIBE triples) beyond --max-results are cut off, and the response
says so with `X-Spinekg-Truncated: true` and `X-Spinekg-Max-Results: N` (`X-Spinekg-Truncated: false`
otherwise). HTTP is parsed strictly (protocol.py: request smuggling shapes get 400) and slow clients are
cut off (--header-timeout, --body-timeout: 408).

Safety. Read-only by default: updates (POST update= or application/sparql-update) and graph writes get
403 unless the server was started with --allow-updates and --token, and then 401 without the header
`Authorization: Bearer TOKEN`. Updates bypass case validation and reasoning, and have no timeout (an
update cannot be cancelled, so a 503 would hide whether it was applied). SERVICE and LOAD are refused,
decided from the request's parse (sparql_check.py), and on Linux the server has no network of its own
(isolation.py): it makes no outbound requests. Bound to 127.0.0.1, it also refuses requests whose Host
header is not a loopback name (against DNS rebinding). Errors are one-paragraph plain-text messages,
never tracebacks; every request is logged (method, path, status, time; the query text only at
--log-level debug).

Nothing here is imported by the command line until `spinekg serve` runs (command.py imports the web
stack inside the command), so `spinekg --help` stays fast. `python -m spinekg.server` is the same
command. Build the ASGI application with `spinekg.server.app.create_app(kg, ServerConfig(...))`.
"""
