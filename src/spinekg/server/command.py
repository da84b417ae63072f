"""`spinekg serve`: the click command (imports the web stack only when it runs, to keep `spinekg --help` fast)."""
from __future__ import annotations

import sys

import click

from .config import DEFAULT_HOST, DEFAULT_MAX_RESULTS, DEFAULT_MAX_RUNNING, DEFAULT_PORT, DEFAULT_TIMEOUT

STORE_HELP = "Store folder (default: $SPINEKG_STORE, else ~/.local/share/spinekg/store)."


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", "store", type=click.Path(file_okay=False), default=None, help=STORE_HELP)
@click.option("--host", default=DEFAULT_HOST, show_default=True,
              help="Address to bind. The default serves this machine only; anything else exposes the data.")
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True, help="TCP port.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_TIMEOUT, show_default=True,
              help="Seconds a query may run before the client gets 503 (the query itself cannot be cancelled "
                   "and finishes in the background).")
@click.option("--max-results", type=click.IntRange(min=1), default=DEFAULT_MAX_RESULTS, show_default=True,
              help="Most SELECT rows (and CONSTRUCT/DESCRIBE triples) per response; more are cut off and the "
                   "response says so in the header X-Spinekg-Truncated: true.")
@click.option("--max-running", type=click.IntRange(min=1), default=DEFAULT_MAX_RUNNING, show_default=True,
              help="Queries running at once (including ones past their timeout); more get 503.")
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
          allow_updates: bool, token: str | None, cds_clients: tuple[str, ...], public_url: str | None,
          log_level: str) -> None:
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
        from .app import create_app
        from .config import ServerConfig
    except ImportError as exc:  # pragma: no cover - a broken installation
        click.echo(f"spinekg: the server needs its dependencies ({exc}); reinstall spinekg", err=True)
        sys.exit(1)

    logging.basicConfig(level=getattr(logging, log_level.upper()),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        kg = KnowledgeGraph.open(store)
    except StoreError as exc:
        click.echo(f"spinekg: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:
        click.echo(f"spinekg: cannot open the store: {exc}", err=True)
        sys.exit(1)
    config = ServerConfig(timeout=timeout, max_results=max_results, allow_updates=allow_updates,
                          token=token if allow_updates else None, max_running=max_running, host=host,
                          cds_clients=tuple(clients), public_url=public_url)
    try:
        app = create_app(kg, config)
    except ValueError as exc:
        click.echo(f"spinekg: {exc}", err=True)
        sys.exit(1)
    log = logging.getLogger("spinekg.server")
    mode = "updates allowed with the bearer token" if config.writable else "read-only"
    shown = f"[{host}]" if ":" in host else host
    log.info("serving %s at http://%s:%d/ (%s; timeout %gs, at most %d results)",
             kg.store.path or "an in-memory store", shown, port, mode, timeout, max_results)
    if token and not allow_updates:
        log.info("a token was given without --allow-updates: the endpoint stays read-only")
    try:
        uvicorn.run(app, host=host, port=port, log_config=None, log_level=log_level, access_log=False,
                    timeout_graceful_shutdown=5, server_header=False)
    finally:
        close = getattr(kg, "close", None)
        if close is not None:  # flush what updates wrote and release the store's lock
            close()
