"""The case format: reading YAML, JSON and Turtle case files into validated RDF."""
from __future__ import annotations

from .errors import CaseError, Problem
from .loader import SUFFIXES, LoadedCase, case_from_data, read_case

__all__ = ["SUFFIXES", "CaseError", "LoadedCase", "Problem", "case_from_data", "read_case"]
