"""The store: named graphs for the ontology, literature, rules and each case (embedded pyoxigraph)."""
from __future__ import annotations

from .embedded import EmbeddedStore, StoreError

__all__ = ["EmbeddedStore", "StoreError"]
