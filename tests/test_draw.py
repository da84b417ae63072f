"""Drawing a case's construct (issue 4, section 3): valid SVG with the levels, hardware and failed connections.

Done when: the drawing is valid SVG containing the levels, the hardware and the failed connections
(checked by parsing it, and by rendering it to PNG once).
"""
from __future__ import annotations

import copy
import struct
import xml.etree.ElementTree as ET
from importlib.resources import as_file

import pytest
from click.testing import CliRunner

from spinekg.cases import case_from_data, read_case
from spinekg.construct_command import draw as draw_command
from spinekg.data import example_case_files
from spinekg.draw import FAILED, LOOSENING, MALPOSITION, draw_case, element_id
from spinekg.reasoning import reason_case_graph

SVG = "{http://www.w3.org/2000/svg}"
PUBLISHED = "radiopaedia-connector-failure"


@pytest.fixture(scope="module")
def published():
    [f] = [f for f in example_case_files() if f.name == f"{PUBLISHED}.yaml"]
    with as_file(f) as p:
        loaded = read_case(p)
    return loaded.graph, reason_case_graph(loaded.graph, loaded.case_id)


@pytest.fixture(scope="module")
def svg(published, tmp_path_factory):
    path = tmp_path_factory.mktemp("draw") / "published.svg"
    assert draw_case(*published, path) == path
    return ET.parse(path).getroot()  # raises on invalid XML


def ids(root) -> dict[str, ET.Element]:
    return {e.get("id"): e for e in root.iter() if e.get("id")}


def texts(root) -> list[str]:
    return ["".join(e.itertext()) for e in root.iter(f"{SVG}text")]


def stroke(element: ET.Element) -> str:
    styles = " ".join(e.get("style", "") for e in element.iter())
    return styles


def test_svg_is_valid_and_keeps_text_as_text(svg):
    assert svg.tag == f"{SVG}svg"
    words = texts(svg)
    assert words, "svg.fonttype='none' keeps labels as <text>"
    assert any("Cervical spine rod-to-rod connector failure" in t for t in words)  # the case title
    assert "title" in ids(svg) and "legend" in ids(svg)


def test_svg_contains_the_levels(svg):
    found = ids(svg)
    for level in ["C6", "C7"] + [f"T{i}" for i in range(1, 10)]:
        assert f"level-{level}" in found, level
        assert level in texts(svg)
    # only the instrumented region and a margin
    assert "level-C4" in found and "level-T11" in found
    assert "level-C1" not in found and "level-L1" not in found


def test_svg_contains_the_hardware(svg):
    found = ids(svg)
    for side in ("left", "right"):
        assert f"rod-cervical-{side}" in found and f"rod-thoracic-{side}" in found
        assert f"connector-C6-{side}" in found
    screws = {i for i in found if i.startswith("screw-") and not i.endswith("-head")}
    assert screws == {"screw-T2-left", "screw-T2-right", "screw-T3-left", "screw-T3-right", "screw-T4-left",
                      "screw-T4-right", "screw-T6-right", "screw-T7-right"}


def test_svg_draws_the_failed_connections_red(svg):
    found = ids(svg)
    failed = sorted(i for i in found if i.startswith("failed-"))
    assert failed == ["failed-connector-C6-left-rod-thoracic-left", "failed-connector-C6-right-rod-thoracic-right"]
    for i in failed:
        assert FAILED in stroke(found[i])
    assert FAILED in stroke(found["connector-C6-left"])  # the failed connector is outlined red
    assert "not secured in connector" in " ".join(texts(svg))


def test_screws_coloured_by_status_and_findings_with_measurements(svg):
    found = ids(svg)
    assert LOOSENING in stroke(found["screw-T2-right"]) and "halo-screw-T2-right" in found
    assert MALPOSITION in stroke(found["screw-T3-right"]) and "halo-screw-T3-right" not in found
    words = " ".join(texts(svg))
    assert "4 mm lucency" in words and "3 mm lucency" in words and "lateral breach" in words
    assert "DISCONTINUOUS" in words and "C6" in words


def test_renders_to_png_once(published, tmp_path):
    path = draw_case(*published, tmp_path / "published.png")
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert width > 800 and height > 800 and len(data) > 20_000


def test_unknown_extension_is_an_error(published, tmp_path):
    with pytest.raises(ValueError, match=r".svg or .png"):
        draw_case(*published, tmp_path / "x.pdf")


def test_element_ids():
    assert element_id("screw", "screw-T2-left") == "screw-T2-left"
    assert element_id("rod", "left") == "rod-left"


CLEAN = {
    "spinekg_case": 1, "id": "clean", "title": "Clean L3-L5 construct", "constructed": True,
    "procedures": [{"id": "fusion", "type": "posterior fusion", "levels": "L3-L5"}],
    "implants": [
        {"id": "rod-left", "type": "rod", "side": "left", "levels": "L3-L5"},
        {"id": "rod-right", "type": "rod", "side": "right", "levels": "L3-L5"},
        *[{"id": f"screw-{lv}-{s}", "type": "pedicle screw", "level": lv, "side": s}
          for lv in ("L3", "L4", "L5") for s in ("left", "right")],
        {"id": "cage", "type": "cage", "levels": "L4-L5"},
    ],
    "studies": [{"id": "ct", "modality": "CT"}],
}


def test_clean_construct_drawing(tmp_path):
    g = case_from_data(CLEAN).graph
    root = ET.parse(draw_case(g, reason_case_graph(g, "clean"), tmp_path / "clean.svg")).getroot()
    found = ids(root)
    assert not [i for i in found if i.startswith("failed-")]
    assert "cage" in found and "level-S1" in found
    assert any("continuous" in t for t in texts(root))


def test_rod_fracture_drawn_broken(tmp_path):
    data = copy.deepcopy(CLEAN)
    data["findings"] = [{"id": "break", "type": "fracture", "implant": "rod-left", "level": "L4"}]
    g = case_from_data(data).graph
    root = ET.parse(draw_case(g, None, tmp_path / "broken.svg")).getroot()
    found = ids(root)
    assert "failed-rod-left-fracture-L4" in found and FAILED in stroke(found["failed-rod-left-fracture-L4"])
    assert {"rod-left-segment-1", "rod-left-segment-2", "rod-right"} <= set(found)
    assert "rod fracture at L4" in " ".join(texts(root))


# --------------------------------------------------------------------------------------------
# The command
# --------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def store(tmp_path_factory):
    from spinekg import KnowledgeGraph

    path = tmp_path_factory.mktemp("store")
    kg = KnowledgeGraph.open(path)
    [f] = [f for f in example_case_files() if f.name == f"{PUBLISHED}.yaml"]
    with as_file(f) as p:
        kg.load([p])
    del kg
    return path


def test_draw_command(store, tmp_path):
    out = tmp_path / "case.svg"
    r = CliRunner().invoke(draw_command, [PUBLISHED, "-o", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert "failed-connector-C6-left-rod-thoracic-left" in ids(ET.parse(out).getroot())


def test_draw_command_errors(store, tmp_path):
    r = CliRunner().invoke(draw_command, ["nope", "-o", str(tmp_path / "x.svg"), "--store", str(store)])
    assert r.exit_code == 1 and "no case 'nope'" in r.output and "Traceback" not in r.output
    r = CliRunner().invoke(draw_command, [PUBLISHED, "-o", str(tmp_path / "x.gif"), "--store", str(store)])
    assert r.exit_code == 1 and ".svg or .png" in r.output and not (tmp_path / "x.gif").exists()
    r = CliRunner().invoke(draw_command, [PUBLISHED, "-o", str(tmp_path / "no" / "x.png"), "--store", str(store)])
    assert r.exit_code == 1 and "cannot write" in r.output and "Traceback" not in r.output
