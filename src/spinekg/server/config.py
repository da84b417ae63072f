"""The server's settings."""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RESULTS = 10_000
DEFAULT_MAX_RUNNING = 4
DEFAULT_WORKERS = 2
DEFAULT_MAX_LONG = 2
DEFAULT_LONG_AFTER = 1.0
DEFAULT_QUEUE = 256
DEFAULT_QUERY_MEMORY_MB = 1024
DEFAULT_HEADER_TIMEOUT = 10.0
DEFAULT_BODY_TIMEOUT = 10.0
MAX_BODY_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    """How the endpoint behaves: limits, and whether (and with which token) it accepts updates."""

    timeout: float = DEFAULT_TIMEOUT  # seconds per query (None-like values are not allowed: always bounded)
    max_results: int = DEFAULT_MAX_RESULTS  # SELECT rows (and CONSTRUCT/DESCRIBE triples) per response
    allow_updates: bool = False
    token: str | None = None
    max_running: int = DEFAULT_MAX_RUNNING  # threads for writes (and for reads of a store in memory)
    workers: int = DEFAULT_WORKERS  # query worker processes (an on-disk store); 0: threads
    max_long: int = DEFAULT_MAX_LONG  # queries past `long_after` seconds at once (each gets an extra worker)
    long_after: float = DEFAULT_LONG_AFTER
    queue: int = DEFAULT_QUEUE  # requests waiting for a worker before the next is refused (503, Retry-After)
    query_memory_mb: int = DEFAULT_QUERY_MEMORY_MB  # a worker past this resident memory is stopped
    header_timeout: float = DEFAULT_HEADER_TIMEOUT  # seconds to send a request's headers
    body_timeout: float = DEFAULT_BODY_TIMEOUT  # seconds without body bytes before the request is dropped (408)
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
        if self.workers < 0 or self.max_long < 0 or self.queue < 0 or self.query_memory_mb < 16:
            raise ValueError("workers, max_long and queue must be >= 0 and the query memory >= 16 MB")
        if self.long_after <= 0 or self.header_timeout <= 0 or self.body_timeout <= 0:
            raise ValueError("long_after and the read timeouts must be positive")
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
