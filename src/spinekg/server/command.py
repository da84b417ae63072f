"""`spinekg serve`: the click command (imports the web stack only when it runs, to keep `spinekg --help` fast)."""
from __future__ import annotations

import socket
import sys

import click

from .config import (
    DEFAULT_BODY_TIMEOUT,
    DEFAULT_HEADER_TIMEOUT,
    DEFAULT_HOST,
    DEFAULT_LONG_AFTER,
    DEFAULT_MAX_LONG,
    DEFAULT_MAX_RESULTS,
    DEFAULT_MAX_RUNNING,
    DEFAULT_PORT,
    DEFAULT_QUERY_MEMORY_MB,
    DEFAULT_QUEUE,
    DEFAULT_TIMEOUT,
    DEFAULT_WORKERS,
)

STORE_HELP = "Store folder (default: $SPINEKG_STORE, else ~/.local/share/spinekg/store)."


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store", type=click.Path(file_okay=False), default=None, help=STORE_HELP)
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to bind. The default serves this machine only; anything else exposes the data.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="TCP port.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds a query may take (waiting for a worker included); past that it is stopped (its worker "
                   "process is killed) and the client gets 503.")
@click.option("--max-results", type=click.IntRange(min=1), default=DEFAULT_MAX_RESULTS, show_default=True,
              help="Most SELECT rows (and CONSTRUCT/DESCRIBE triples) per response; more are cut off and the "
                   "response says so in the header X-Spinekg-Truncated: true.")
@click.option("--max-running", type=click.IntRange(min=1), default=DEFAULT_MAX_RUNNING, show_default=True,
              help="Writes (updates, case uploads) running at once; more wait in line.")
@click.option("--workers", type=click.IntRange(min=1), default=DEFAULT_WORKERS, show_default=True,
              help="Query worker processes; more requests wait in line (see --queue).")
@click.option("--queue", type=click.IntRange(min=0), default=DEFAULT_QUEUE, show_default=True,
              help="Requests that may wait for a worker; the next one gets 503 with Retry-After.")
@click.option("--max-long", type=click.IntRange(min=0), default=DEFAULT_MAX_LONG, show_default=True,
              help="Queries that may run past --long-after seconds at once, each on an extra worker (so the "
                   "others keep --workers); one more is stopped with 503.")
@click.option("--long-after", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_LONG_AFTER,
              show_default=True, help="Seconds after which a running query counts as long.")
@click.option("--query-memory", type=click.IntRange(min=16), default=DEFAULT_QUERY_MEMORY_MB, show_default=True,
              help="MB of resident memory a query worker may use; past that its query is stopped with 503.")
@click.option("--header-timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_HEADER_TIMEOUT,
              show_default=True, help="Seconds a client has to send a request's headers (then 408).")
@click.option("--body-timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_BODY_TIMEOUT,
              show_default=True, help="Seconds a request's body may pause before the request is dropped (408).")
@click.option("--allow-updates", is_flag=True,
              help="Accept SPARQL updates and Graph Store writes (needs --token; off by default: read-only).")
@click.option("--token", envvar="SPINEKG_SERVER_TOKEN", default=None, metavar="TOKEN",
              help="Bearer token that updates must send (Authorization: Bearer TOKEN); also read from "
                   "$SPINEKG_SERVER_TOKEN, which keeps it out of the process list.")
@click.option("--cds-client", "cds_clients", multiple=True, metavar="ISSUER=JWKS",
              help="A CDS Hooks client trusted to call /cds-services: its JWT issuer and its JWK Set (a file or an "
                   "http(s) URL, read at start-up). Repeatable.")
@click.option("--public-url", default=None, metavar="URL",
              help="This server's URL as clients reach it (the CDS Hooks JWT audience and card links; default: "
                   "the request's own URL).")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), default="info",
              show_default=True, help="Server log detail (debug also logs each query's text).")
def serve(store: str | None, host: str, port: int, timeout: float, max_results: int, max_running: int,
          workers: int, queue: int, max_long: int, long_after: float, query_memory: int, header_timeout: float,
          body_timeout: float, allow_updates: bool, token: str | None, cds_clients: tuple[str, ...],
          public_url: str | None, log_level: str) -> None:
    """Serve the store over HTTP: SPARQL 1.1 Protocol at /sparql, a query page at /.

    Also the Graph Store Protocol (read access) at /rdf-graphs/service and the named queries at
    /queries. Read-only unless started with --allow-updates and a --token.
    """
    if allow_updates and not token:
        raise click.UsageError("--allow-updates needs --token TOKEN (or $SPINEKG_SERVER_TOKEN): updates are "
                               "only accepted with 'Authorization: Bearer TOKEN'")
    if token and len(token) < 8:
        raise click.UsageError("the token is too short: use at least 8 characters")
    clients = []
    for spec in cds_clients:
        issuer, sep, jwks = spec.partition("=")
        if not sep or not issuer or not jwks:
            raise click.UsageError(f"--cds-client {spec!r}: give ISSUER=JWKS (a JWK Set file or URL)")
        clients.append((issuer, jwks))
    import logging

    try:
        import uvicorn

        from ..api import KnowledgeGraph
        from ..store import StoreError
        from ..store.marker import remove_marker, write_marker
        from .app import create_app
        from .config import ServerConfig
        from .isolation import isolate_network
        from .protocol import GuardedHttpToolsProtocol
    except ImportError as exc:  # pragma: no cover - a broken installation
        click.echo(f"spinekg: the server needs its dependencies ({exc}); reinstall spinekg", err=True)
        sys.exit(1)

    logging.basicConfig(level=getattr(logging, log_level.upper()),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log = logging.getLogger("spinekg.server")
    config = ServerConfig(timeout=timeout, max_results=max_results, allow_updates=allow_updates,
                          token=token if allow_updates else None, max_running=max_running, host=host,
                          workers=workers, queue=queue, max_long=max_long, long_after=long_after,
                          query_memory_mb=query_memory, header_timeout=header_timeout, body_timeout=body_timeout,
                          cds_clients=tuple(clients), public_url=public_url)
    try:
        sock = listen(host, port)
    except OSError as exc:
        click.echo(f"spinekg: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(1)
    # Without network of its own the server cannot be made to reach another host by a query (SERVICE,
    # LOAD), whatever a parser lets through. A CDS Hooks service needs the network (clients' key sets,
    # the EHR's FHIR server): then the parsed-request refusal is the guard.
    why = "CDS Hooks clients need the network" if clients else isolate_network()
    if why:
        log.warning("the server keeps the machine's network (%s): SERVICE and LOAD are refused from the "
                    "parsed request only", why)
    try:
        kg = KnowledgeGraph.open(store)
    except StoreError as exc:
        click.echo(f"spinekg: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"spinekg: cannot open the store: {exc}", err=True)
        sys.exit(1)
    port = sock.getsockname()[1]
    try:
        app = create_app(kg, config)
    except ValueError as exc:
        click.echo(f"spinekg: {exc}", err=True)
        sys.exit(1)
    mode = "updates allowed with the bearer token" if config.writable else "read-only"
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}/"
    log.info("serving %s at %s (%s; timeout %gs, at most %d results; %s)",
             kg.store.path or "an in-memory store", url, mode, timeout, max_results,
             "no network of its own" if not why else "with the machine's network")
    if token and not allow_updates:
        log.info("a token was given without --allow-updates: the endpoint stays read-only")
    marker = write_marker(kg.store.path, url) if kg.store.path is not None else None
    protocol = GuardedHttpToolsProtocol.with_timeouts(header_timeout, body_timeout)
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, log_level=log_level, access_log=False,
                                           timeout_graceful_shutdown=5, server_header=False, http=protocol,
                                           lifespan="on"))
    try:
        server.run(sockets=[sock])
    finally:
        if marker is not None:
            remove_marker(marker)
        close = getattr(kg, "close", None)
        if close is not None:  # flush what updates wrote and release the store's lock
            close()


def listen(host: str, port: int) -> socket.socket:
    """A listening TCP socket on host:port (bound before the server leaves the network)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP explicitly: asyncio turns Nagle's algorithm off (TCP_NODELAY) only on sockets that say
    # they are TCP, and without it every response waited 40 ms for the client's delayed ACK
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    return sock
