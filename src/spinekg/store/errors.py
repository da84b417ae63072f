"""The store's error."""
from __future__ import annotations

from ..errors import SpinekgError


class StoreError(SpinekgError):
    """Raised when the store cannot be opened, a query cannot run or a write is refused."""
