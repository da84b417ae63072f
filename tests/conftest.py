"""Fixtures shared by the test modules (helpers that are not fixtures: helpers.py, remote_servers.py)."""
from __future__ import annotations

import pytest

from remote_servers import start_oxigraph, start_virtuoso

STARTERS = {"virtuoso": start_virtuoso, "oxigraph": start_oxigraph}


@pytest.fixture(scope="session", params=sorted(STARTERS))
def remote_server(request, tmp_path_factory):
    """Each SPARQL server in turn (session-wide): Virtuoso and Oxigraph."""
    name = request.param
    server = STARTERS[name](tmp_path_factory.mktemp(f"{name}-server"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def scratch_oxigraph(tmp_path):
    """A fresh Oxigraph server of one's own (for tests that need an empty store)."""
    server = start_oxigraph(tmp_path)
    try:
        yield server
    finally:
        server.stop()
