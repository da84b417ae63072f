"""The ontology also ships as RDF/XML (ontology/spinekg.owl, generated from the Turtle), so owlready2 and
Protégé open it directly; it must hold exactly the Turtle file's triples."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from spinekg.data import ontology_graph, resource
from spinekg.ontology_export import main, to_rdfxml

ROOT = Path(__file__).resolve().parents[1]
OWL_FILE = ROOT / "ontology" / "spinekg.owl"


def test_rdfxml_file_is_in_sync_with_the_turtle():
    shipped = Graph().parse(OWL_FILE, format="xml")
    assert len(shipped) == len(ontology_graph()) > 1000
    assert isomorphic(shipped, ontology_graph()), (
        "ontology/spinekg.owl differs from spinekg.ttl: run "
        "`python -m spinekg.ontology_export ontology/spinekg.ttl ontology/spinekg.owl`")


def test_rdfxml_travels_in_the_package():
    assert resource("ontology", "spinekg.owl").read_text(encoding="utf-8").startswith("<?xml")


def test_export_notices_a_change(tmp_path):
    ttl = (ROOT / "ontology" / "spinekg.ttl").read_text(encoding="utf-8")
    changed = ttl + '\n<https://w3id.org/spinekg/Extra> a <http://www.w3.org/2002/07/owl#Class> .\n'
    assert not isomorphic(Graph().parse(data=to_rdfxml(changed), format="xml"), ontology_graph())
    assert main([str(tmp_path / "missing.ttl")]) == 2


@pytest.mark.skipif(shutil.which("java") is None, reason="no `java` executable on PATH: HermiT needs Java")
def test_owlready2_opens_the_rdfxml_file_and_hermit_finds_it_consistent():
    owlready2 = pytest.importorskip("owlready2")
    world = owlready2.World()
    onto = world.get_ontology(OWL_FILE.as_uri()).load()
    assert onto.search_one(iri="https://w3id.org/spinekg/PedicleScrew") is not None
    assert len(list(world.classes())) > 100
    owlready2.sync_reasoner(world, infer_property_values=False, debug=0)  # HermiT
    assert list(world.inconsistent_classes()) == []
    t2 = world["https://w3id.org/spinekg/T2"]
    assert world["https://w3id.org/spinekg/ThoracicVertebra"] in t2.is_a
    world.close()


def test_the_file_is_written_the_same_way_whatever_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    texts = []
    for seed in ("1", "2"):
        out = tmp_path / f"seed{seed}.owl"
        subprocess.run([sys.executable, "-m", "spinekg.ontology_export", str(ROOT / "ontology" / "spinekg.ttl"),
                        str(out)], check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
        texts.append(out.read_text(encoding="utf-8"))
    assert texts[0] == texts[1] == OWL_FILE.read_text(encoding="utf-8")
