"""The query page in a real browser: headless Chromium loads it from a running `spinekg serve`, runs a query
in the page and the results table appears.

The page runs the query in its URL on load when given `run=1`; Chromium's --dump-dom prints the DOM
after the page's scripts (and their fetches) have settled. Skipped only when no Chromium binary exists
(Debian: `apt-get install chromium`).
"""
from __future__ import annotations

import gc
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from helpers import RunningServer, example_paths, running_server

from spinekg import KnowledgeGraph

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CASE_QUERY = ("SELECT ?case_id ?title WHERE { ?case a skg:Case ; skg:caseId ?case_id . "
              "OPTIONAL { ?case dcterms:title ?title } } ORDER BY ?case_id")


def find_chromium() -> str | None:
    env = os.environ.get("SPINEKG_CHROMIUM")
    if env:
        return env
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = find_chromium()
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (install Debian's `chromium` package, "
                                                          "or set SPINEKG_CHROMIUM to one)")


@pytest.fixture(scope="module")
def page_server(tmp_path_factory) -> Iterator[RunningServer]:
    store = tmp_path_factory.mktemp("browser") / "store"
    kg = KnowledgeGraph.open(store)
    kg.load(example_paths())
    kg.close()
    del kg
    gc.collect()
    with running_server(store, log_dir=store.parent) as s:
        yield s


def chromium(tmp_path: Path, url: str, *extra: str) -> str:
    """Run headless Chromium on `url`; return what it printed (the DOM with --dump-dom)."""
    assert CHROMIUM is not None
    profile = tmp_path / "chromium-profile"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--disable-extensions", "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
           f"--user-data-dir={profile}", "--virtual-time-budget=10000", *extra, url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert proc.returncode == 0, f"chromium failed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    return proc.stdout


def dump(tmp_path: Path, server: RunningServer, **params: str) -> str:
    return chromium(tmp_path, f"{server.url}/?{urlencode(params)}", "--dump-dom")


def test_a_query_runs_in_the_page_and_shows_a_table(tmp_path, page_server):
    dom = dump(tmp_path, page_server, query=CASE_QUERY, run="1")
    assert 'id="results-table"' in dom, dom[-2000:]
    assert '<th scope="col">case_id</th><th scope="col">title</th>' in dom
    for case_id in ("radiopaedia-connector-failure", "example-rod-fracture", "example-clean-followup"):
        assert f"<td>{case_id}</td>" in dom
    assert 'data-state="done"' in dom and f"{len(example_paths())} rows in" in dom
    # the example queries from queries/ are in the dropdown
    assert '<option value="loose-screws">loose-screws</option>' in dom
    assert 'id="error" class="error" role="alert" hidden=""' in dom


def test_a_named_query_with_a_parameter_runs_in_the_page(tmp_path, page_server):
    dom = dump(tmp_path, page_server, example="loose-screws", **{"p.region": "thoracic"}, run="1")
    assert 'id="results-table"' in dom, dom[-2000:]
    assert "<td>screw-T2-left</td>" in dom and "<td>screw-T2-right</td>" in dom
    assert 'id="param-region"' in dom and 'value="thoracic"' in dom
    lumbar = dump(tmp_path, page_server, example="loose-screws", **{"p.region": "lumbar"}, run="1")
    assert "screw-T2-left" not in lumbar.split('id="results"', 1)[1]


def test_errors_are_shown_in_the_page(tmp_path, page_server):
    dom = dump(tmp_path, page_server, query="SELECT ?s WHERE { ?s ?p ?o ", run="1")
    assert 'data-state="error"' in dom
    assert "400 Bad Request" in dom and "SPARQL syntax error: error at 1:" in dom
    bad_param = dump(tmp_path, page_server, example="loose-screws", **{"p.min_lucency": "wide"}, run="1")
    assert "must be a number" in bad_param


def test_construct_results_are_a_triple_table(tmp_path, page_server):
    query = "CONSTRUCT { ?c skg:caseId ?id } WHERE { ?c a skg:Case ; skg:caseId ?id }"
    dom = dump(tmp_path, page_server, query=query, run="1")
    assert '<th scope="col">subject</th><th scope="col">predicate</th><th scope="col">object</th>' in dom
    assert "skg:caseId" in dom and "<td>radiopaedia-connector-failure</td>" in dom


def test_raw_format_in_the_page(tmp_path, page_server):
    dom = dump(tmp_path, page_server, query=CASE_QUERY, format="text/csv", run="1")
    assert 'id="results-raw"' in dom and "case_id,title" in dom


def test_screenshot(tmp_path, page_server):
    shot = tmp_path / "query-page.png"
    url = f"{page_server.url}/?{urlencode({'example': 'loose-screws', 'p.region': 'thoracic', 'run': '1'})}"
    chromium(tmp_path, url, f"--screenshot={shot}", "--window-size=1280,900")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 20_000
