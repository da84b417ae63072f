"""The store: named graphs for the ontology, literature, rules and each case (embedded pyoxigraph or a
remote SPARQL server, both behind the Store protocol)."""
from __future__ import annotations

from .base import Store
from .embedded import EmbeddedStore, StoreError

__all__ = ["EmbeddedStore", "Store", "StoreError"]
