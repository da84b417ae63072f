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

Limits. Each query runs in a worker thread and the request waits at most --timeout seconds, then gets
503. pyoxigraph cannot cancel a running query: the worker stops at its next solution, but a query busy
inside pyoxigraph (sorting, grouping, counting) finishes in the background, holding one of the
--max-running slots until then (when all are taken, requests get 503 "busy"). SELECT rows (and
CONSTRUCT/DESCRIBE triples) beyond --max-results are cut off, and the response says so with
`X-Spinekg-Truncated: true` and `X-Spinekg-Max-Results: N` (`X-Spinekg-Truncated: false` otherwise).

Safety. Read-only by default: updates (POST update= or application/sparql-update) and graph writes get
403 unless the server was started with --allow-updates and --token, and then 401 without the header
`Authorization: Bearer TOKEN`. Updates bypass case validation and reasoning, and have no timeout (an
update cannot be cancelled, so a 503 would hide whether it was applied). SERVICE and LOAD are refused:
the server makes no outbound requests. Bound to 127.0.0.1, it also refuses requests whose Host header
is not a loopback name (against DNS rebinding). Errors are one-paragraph plain-text messages, never
tracebacks; every request is logged (method, path, status, time; the query text only at --log-level
debug).

Nothing here is imported by the command line until `spinekg serve` runs (command.py imports the web
stack inside the command), so `spinekg --help` stays fast. `python -m spinekg.server` is the same
command. Build the ASGI application with `spinekg.server.app.create_app(kg, ServerConfig(...))`.
"""
