"""Who holds an on-disk store: `spinekg serve` leaves a note in the store folder while it runs.

An on-disk store can be open in one process at a time (RocksDB locks it). When another process tries,
the error names the store and what to do instead: with a server running, send it the cases or queries
(its URL is in the note); otherwise wait for the other process (another `spinekg load`, say) to finish.
"""
from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

MARKER = "spinekg-server.json"


def write_marker(store: Path, url: str) -> Path:
    """Note in the store folder that this process serves it at `url`; return the note's path."""
    path = Path(store) / MARKER
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"pid": os.getpid(), "url": url}), encoding="utf-8")
    os.replace(tmp, path)
    return path


def remove_marker(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def serving_url(store: Path) -> str | None:
    """The URL of the live `spinekg serve` that holds this store, if the note names a running process."""
    try:
        note = json.loads((Path(store) / MARKER).read_text(encoding="utf-8"))
        pid, url = int(note["pid"]), str(note["url"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return url


def in_use_message(store: Path) -> str:
    """What to tell a process that found the store locked."""
    url = serving_url(store)
    if url:
        base = url.rstrip("/")
        return (f"the store {store} is in use by `spinekg serve` at {url}: stop that server first, or use it: "
                f"query with --endpoint {base}/sparql, add cases with POST {base}/cases")
    return (f"the store {store} is in use by another spinekg process (a load, a server, another command): "
            "wait for it to finish or stop it, then try again")
