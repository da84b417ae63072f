"""spinekg: a clinical knowledge graph and rules engine for postoperative spinal instrumentation."""
from __future__ import annotations

from .api import KnowledgeGraph, check_case, default_store_path
from .cases import CaseError, Problem
from .results import QueryResult

__all__ = ["CaseError", "KnowledgeGraph", "Problem", "QueryResult", "check_case", "default_store_path"]
__version__ = "0.1.0"
