"""The server's settings."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_MAX_RUNNING = 4
MAX_BODY_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    """How the endpoint behaves: limits, and whether (and with which token) it accepts updates."""

    timeout: float = DEFAULT_TIMEOUT  # seconds per query (None-like values are not allowed: always bounded)
    max_results: int = DEFAULT_MAX_RESULTS  # SELECT rows (and CONSTRUCT/DESCRIBE triples) per response
    allow_updates: bool = False
    token: str | None = None
    max_running: int = DEFAULT_MAX_RUNNING  # queries running at once, including timed-out ones still finishing
    max_body: int = MAX_BODY_BYTES
    host: str = DEFAULT_HOST  # the address bound, used to decide which Host headers to accept
    cds_clients: tuple[tuple[str, str], ...] = ()  # CDS Hooks clients: (issuer, JWK Set file or URL)
    public_url: str | None = None  # the server's URL as clients reach it (CDS Hooks JWT audience, card links)

    def __post_init__(self) -> None:
        if self.timeout <= 0:
            raise ValueError("the timeout must be positive")
        if self.max_results < 1:
            raise ValueError("the result cap must be at least 1")
        if self.max_running < 1:
            raise ValueError("at least one query must be allowed to run")
        if self.allow_updates and not self.token:
            raise ValueError("updates need a bearer token")

    @property
    def writable(self) -> bool:
        return self.allow_updates and bool(self.token)

    def allowed_hosts(self) -> list[str]:
        """Host headers accepted: only loopback names when bound to loopback (no DNS rebinding), else any."""
        try:
            loopback = ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            loopback = self.host == "localhost"
        if not loopback:
            return ["*"]
        return ["127.0.0.1", "localhost", "::1", "[::1]", self.host]
