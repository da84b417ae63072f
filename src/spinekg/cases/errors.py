"""Problems found in input files, each naming the file, the field path or line, and what is wrong."""
from __future__ import annotations

from dataclasses import dataclass

from ..errors import SpinekgError


@dataclass(frozen=True)
class Problem:
    """One problem in one input file."""

    source: str
    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}: {self.path}: " if self.path else f"{self.source}: "
        tail = f" (line {self.line})" if self.line else ""
        return f"{where}{self.message}{tail}"


class CaseError(SpinekgError):
    """Raised when an input cannot become a valid case; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
