"""The case pages in a real browser: headless Chromium (Debian's package) loads them from a running
`spinekg serve`, at desktop and phone width; axe-core (npm, installed by `make test` into tests/node_modules)
checks accessibility in that browser; the pages print on A4.

Screenshots are kept as test artefacts in build/test-artifacts/ (git-ignored; $SPINEKG_TEST_ARTIFACTS
overrides): case-desktop.png, case-phone.png, index-desktop.png, index-phone.png, case.pdf.
Skipped only when no Chromium binary exists; the accessibility tests also when axe-core is not installed
(`npm install --prefix tests`, which `make test` runs).
"""
from __future__ import annotations

import gc
import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from cdp import Browser
from helpers import RunningServer, example_paths, running_server
from test_browser import CHROMIUM

from spinekg import KnowledgeGraph

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no Chromium binary (install Debian's `chromium` package, "
                                                          "or set SPINEKG_CHROMIUM to one)")
ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "tests" / "node_modules" / "axe-core" / "axe.min.js"
PUBLISHED = "radiopaedia-connector-failure"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844, "mobile": True}


@pytest.fixture(scope="module")
def artifacts() -> Path:
    folder = Path(os.environ.get("SPINEKG_TEST_ARTIFACTS") or ROOT / "build" / "test-artifacts")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[RunningServer]:
    store = tmp_path_factory.mktemp("case-pages") / "store"
    kg = KnowledgeGraph.open(store)
    kg.load(example_paths())
    kg.close()
    del kg
    gc.collect()
    with running_server(store, log_dir=store.parent) as s:
        yield s


@pytest.fixture(scope="module")
def browser(tmp_path_factory) -> Iterator[Browser]:
    assert CHROMIUM is not None
    b = Browser(CHROMIUM, tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield b
    finally:
        b.close()


def overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0: nothing to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def test_case_page_at_desktop_width(browser, server, artifacts):
    page = browser.open(f"{server.url}/cases/{PUBLISHED}", **DESKTOP)
    assert page.evaluate("document.querySelector('h1').textContent").startswith("Cervical spine rod-to-rod")
    sections = page.evaluate("Array.from(document.querySelectorAll('main section')).map(s => s.id)")
    assert sections == ["history", "findings", "conclusions", "post-test", "construct", "explanations", "similar"]
    # the construct is inline SVG, drawn by the browser at a readable size
    box = page.evaluate("(() => { const r = document.querySelector('#construct svg').getBoundingClientRect();"
                        " return [r.width, r.height]; })()")
    assert box[0] > 400 and box[1] > 400
    assert page.evaluate("document.querySelector('#construct svg #legend') !== null")
    # the first explanation is open, nested ones closed; a click opens one
    assert page.evaluate("document.querySelector('.tree > li > details').open") is True
    closed = page.evaluate("document.querySelectorAll('.tree details:not([open])').length")
    assert closed > 5
    page.evaluate("document.querySelector('button.expand-all').click()")
    assert page.evaluate("document.querySelectorAll('.tree details:not([open])').length") == 0
    # similar cases: five links to other case pages
    links = page.evaluate("Array.from(document.querySelectorAll('#similar a')).map(a => a.getAttribute('href'))")
    assert len(links) == 5 and all(h.startswith("/cases/") and PUBLISHED not in h for h in links)
    assert overflow(page) == 0
    shot = page.screenshot(artifacts / "case-desktop.png")
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 100_000


def test_case_page_at_phone_width(browser, server, artifacts):
    page = browser.open(f"{server.url}/cases/{PUBLISHED}", **PHONE)
    assert page.evaluate("window.innerWidth") == PHONE["width"]
    assert overflow(page) == 0, "the page scrolls sideways at phone width"
    # the construct shrinks to the screen; wide tables scroll inside their own focusable region
    assert page.evaluate("document.querySelector('#construct svg').getBoundingClientRect().width") <= PHONE["width"]
    assert page.evaluate("document.querySelector('#post-test .scroll').tabIndex") == 0
    # findings read as stacked blocks, not a squeezed table
    assert page.evaluate("getComputedStyle(document.querySelector('table.findings thead')).display") == "none"
    page.screenshot(artifacts / "case-phone.png")


def test_index_at_desktop_and_phone_width(browser, server, artifacts):
    page = browser.open(f"{server.url}/cases?revision=yes&sort=risk", **DESKTOP)
    ids = page.evaluate("Array.from(document.querySelectorAll('#cases-table tbody tr td:first-child a'))"
                        ".map(a => a.textContent)")
    assert ids == ["example-rod-connectors", "example-rod-fracture", PUBLISHED,  # high risk first, then by id
                   "example-cage-subsidence-migration", "example-implant-infection", "example-medial-breach",
                   "example-radiograph-loosening", "example-screw-back-out"]  # all elevated
    page.screenshot(artifacts / "index-desktop.png")
    phone = browser.open(f"{server.url}/cases", **PHONE)
    assert overflow(phone) == 0
    phone.screenshot(artifacts / "index-phone.png")


def test_filters_submit_from_the_form(browser, server):
    page = browser.open(f"{server.url}/cases", **DESKTOP)
    page.evaluate("document.getElementById('f-complication').value = 'connector-failure';"
                  "document.querySelector('form.filters').submit()")
    browser.wait_for("Page.loadEventFired", page.session)
    assert page.evaluate("location.search") == "?revision=&risk=&complication=connector-failure&region=&sort=id&order=asc&size=25"
    ids = page.evaluate("Array.from(document.querySelectorAll('#cases-table tbody td:first-child a')).map(a => a.textContent)")
    assert ids == [PUBLISHED]


def test_the_case_page_prints_on_a4_with_every_explanation_open(browser, server, artifacts):
    page = browser.open(f"{server.url}/cases/{PUBLISHED}", **DESKTOP)
    pdf = page.pdf(artifacts / "case.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert boxes and all(abs(float(w) - 595.3) < 1.5 and abs(float(h) - 841.9) < 1.5 for w, h in boxes), boxes
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) >= 3
    # printing opened every explanation (beforeprint), and closed them again after
    browser.send("Emulation.setEmulatedMedia", {"media": "print"}, page.session)
    assert page.evaluate("getComputedStyle(document.querySelector('header.site')).display") == "none"
    assert page.evaluate("getComputedStyle(document.querySelector('form.filters') || document.body).display") != "none"
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.evaluate("document.querySelectorAll('details:not([open])').length") == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.evaluate("document.querySelectorAll('details:not([open])').length") > 5


AXE_RUN = """axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"""


@pytest.mark.skipif(not AXE.exists(), reason="axe-core is not installed (npm install --prefix tests, run by make test)")
@pytest.mark.parametrize("path", [f"/cases/{PUBLISHED}", "/cases/example-clean-followup", "/cases?revision=yes",
                                  "/cases/no-such-case"])
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_serious_accessibility_violations(browser, server, path, viewport):
    page = browser.open(server.url + path, **(DESKTOP if viewport == "desktop" else PHONE))
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = json.loads(page.evaluate(AXE_RUN, await_promise=True))
    serious = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, json.dumps(serious, indent=1)
