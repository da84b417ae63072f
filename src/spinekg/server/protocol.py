"""The HTTP/1.1 connection handling: strict parsing and bounded time to send a request.

uvicorn's httptools protocol (llhttp, in strict mode) rejects the request-smuggling shapes with 400 and
closes the connection: ``Content-Length`` together with ``Transfer-Encoding``, two ``Content-Length``
headers, obsolete header folding, and bare LF line ends. On top of it, this protocol bounds how long a
client may take:

- the headers of a request must arrive within `header_timeout` seconds of its first byte (of the
  connection, for the first request), else the server answers 408 and closes the connection;
- once the headers are in, the body must keep coming: `body_timeout` seconds without a byte (a client
  that announces 1 MB and sends 6 bytes) and the server answers 408 (if it has not answered yet) and
  closes the connection.

So a half-sent request holds a connection for seconds, not forever (uvicorn's own keep-alive timeout
covers idle connections between requests).
"""
from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

_408 = (b"HTTP/1.1 408 Request Timeout\r\ncontent-type: text/plain; charset=utf-8\r\nconnection: close\r\n"
        b"content-length: %d\r\n\r\n%s")


class GuardedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol with header and body read timeouts (see the module's docstring)."""

    header_timeout = 10.0
    body_timeout = 10.0

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._read_timer: asyncio.TimerHandle | None = None
        self._reading_body = False

    @classmethod
    def with_timeouts(cls, header_timeout: float, body_timeout: float) -> type[GuardedHttpToolsProtocol]:
        """A subclass with these limits (uvicorn builds protocols from a class)."""
        return type("GuardedHttpToolsProtocol", (cls,), {"header_timeout": header_timeout,
                                                         "body_timeout": body_timeout})

    # --- timers ---
    def _arm(self, seconds: float, what: str) -> None:
        self._disarm()
        self._read_timer = self.loop.call_later(seconds, self._expired, what)

    def _disarm(self) -> None:
        if self._read_timer is not None:
            self._read_timer.cancel()
            self._read_timer = None

    def _expired(self, what: str) -> None:
        self._read_timer = None
        if self.transport.is_closing():
            return
        cycle = self.cycle
        if cycle is None or not cycle.response_started:
            message = f"the request's {what} did not arrive in time\n".encode()
            self.transport.write(_408 % (len(message), message))
        self.logger.info("closed a connection: the request's %s did not arrive in time", what)
        self.transport.close()

    # --- uvicorn's hooks ---
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm(self.header_timeout, "headers")

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._reading_body = False
        self._arm(self.header_timeout, "headers")

    def on_headers_complete(self) -> None:
        self._reading_body = True
        self._arm(self.body_timeout, "body")
        super().on_headers_complete()

    def on_body(self, body: bytes) -> None:
        if self._reading_body:
            self._arm(self.body_timeout, "body")
        super().on_body(body)

    def on_message_complete(self) -> None:
        self._reading_body = False
        self._disarm()
        super().on_message_complete()
