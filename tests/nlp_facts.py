"""What the report-text extractor reads in a sentence, as tuples of the Fact fields a test names."""
from __future__ import annotations

from collections.abc import Callable


def reader(*fields: str) -> Callable[[str], set[tuple]]:
    """A function from report text to the set of its facts' `fields` ("implant", "finding", "status", "level", ...)."""
    def read(text: str) -> set[tuple]:
        from spinekg.nlp import extract

        return {tuple(getattr(f, k) for k in fields) for f in extract(text).facts}

    return read
