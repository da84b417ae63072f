"""The embedded store's graph replacement: new graphs in one transaction, existing ones dropped and replaced."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from spinekg.store import EmbeddedStore, StoreError

G1, G2 = "https://w3id.org/spinekg/case/a/graph/asserted", "https://w3id.org/spinekg/case/a/graph/inferred"
T1 = '<https://w3id.org/spinekg/case/a> <https://w3id.org/spinekg/p> "one" .\n'
T2 = '<https://w3id.org/spinekg/case/a> <https://w3id.org/spinekg/p> "two" .\n'
BAD = '<https://w3id.org/spinekg/case/a> <https://w3id.org/spinekg/p> <not an iri> .\n'


def quads(store: EmbeddedStore) -> set[tuple[str, str]]:
    return {(q.graph_name.value, str(q.object)) for q in store.oxigraph}  # type: ignore[union-attr]


@pytest.fixture
def store(tmp_path):
    s = EmbeddedStore(tmp_path / "store")
    yield s
    s.close()


def test_new_graphs_are_written_together(store):
    store.replace_graphs({G1: T1, G2: T2})
    assert quads(store) == {(G1, '"one"'), (G2, '"two"')}


def test_an_existing_graph_is_replaced_not_added_to(store):
    store.replace_graphs({G1: T1})
    store.replace_graphs({G1: T2, G2: T1})  # one graph exists: the drop-and-insert path
    assert quads(store) == {(G1, '"two"'), (G2, '"one"')}
    store.replace_graphs({G1: None})
    assert quads(store) == {(G2, '"one"')} and not store.has_graph(G1)


@pytest.mark.parametrize("existing", [False, True])
def test_one_bad_graph_writes_nothing(store, existing):
    if existing:
        store.replace_graphs({G1: T1})
    before = store.oxigraph.dump(format=ox.RdfFormat.N_QUADS)
    with pytest.raises(StoreError, match="invalid RDF"):
        store.replace_graphs({G1: T2, G2: BAD})
    assert store.oxigraph.dump(format=ox.RdfFormat.N_QUADS) == before


def test_an_empty_new_graph_adds_nothing(store):
    store.replace_graphs({G1: "", G2: T2})
    assert quads(store) == {(G2, '"two"')} and not store.has_graph(G1)
