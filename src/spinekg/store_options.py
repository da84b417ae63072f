"""The store options every command that opens a store takes: --store DIR, or --endpoint URL (with
--update-endpoint, --graph-store, --user, --password) for an external SPARQL 1.1 server. The values are
kept in the click context's meta, where `spinekg.cli._open` reads them."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

STORE_HELP = "Store folder (default: $SPINEKG_STORE, else ~/.local/share/spinekg/store)."

REMOTE_OPTIONS = [
    ("--endpoint", "endpoint", "SPINEKG_ENDPOINT", "Use an external SPARQL 1.1 server at this query URL instead of a store folder."),
    ("--update-endpoint", "update_endpoint", None, "Its SPARQL Update URL (default: the query URL)."),
    ("--graph-store", "graph_store", None, "Its Graph Store Protocol URL (optional)."),
    ("--user", "user", "SPINEKG_USER", "User name for the server."),
    ("--password", "password", "SPINEKG_PASSWORD", "Password for the server."),
]


def _remember(name: str) -> Callable[[click.Context, click.Parameter, object], None]:
    def callback(ctx: click.Context, _param: click.Parameter, value: object) -> None:
        if value is not None:
            ctx.meta[f"spinekg.{name}"] = value
    return callback


def store_option(f: Any) -> Any:
    """Add --store and the remote-server options to a command (the command receives `store`)."""
    for flag, name, env, text in reversed(REMOTE_OPTIONS):
        f = click.option(flag, envvar=env, expose_value=False, callback=_remember(name), help=text)(f)
    return click.option("--store", "store", type=click.Path(file_okay=False), default=None, help=STORE_HELP)(f)


__all__ = ["REMOTE_OPTIONS", "STORE_HELP", "store_option"]
