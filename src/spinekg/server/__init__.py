"""The HTTP endpoint: SPARQL 1.1 Protocol, Graph Store Protocol (read access), the named queries and a query page.

Nothing here is imported by the command line until `spinekg serve` runs (see command.py), so
`spinekg --help` stays fast. Build the ASGI application with `spinekg.server.app.create_app`.
"""
