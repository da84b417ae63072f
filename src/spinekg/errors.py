"""The package's error family: every error spinekg raises for users derives from SpinekgError.

Callers (the CLI, the HTTP server, library users) catch the one base class; each subclass says what
failed (a case file, the store, a rule, a query, the reasoner ...) and carries a message meant for
people: one line per problem, naming the file, field or rule.
"""
from __future__ import annotations


class SpinekgError(Exception):
    """Base class of the errors spinekg raises for bad input or a failed operation."""


__all__ = ["SpinekgError"]
