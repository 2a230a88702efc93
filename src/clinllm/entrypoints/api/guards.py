"""ASGI middleware that guards the service: body size before the body is read, last-resort 500.

Both are plain ASGI (no ``BaseHTTPMiddleware``), so they add no task or copy per request.

* :class:`BodySizeLimit` refuses a declared ``Content-Length`` over the limit at once, and
  counts the bytes of a chunked upload as they arrive, refusing at the first byte past it: the
  service never holds more than the limit of one request in memory.
* :class:`LastResort` answers any exception that escapes the app with a fixed 500 problem and
  logs only its type. Starlette's own error middleware would log the traceback, whose text can
  hold document content.
"""

from __future__ import annotations

import contextlib
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from clinllm.entrypoints.api.problems import PROBLEM_JSON
from clinllm.observability.logging import get_logger, log_event

__all__ = ["BodySizeLimit", "LastResort"]

_log = get_logger("clinllm.http")


class _TooLarge(Exception):
    pass


async def _send_problem(send: Send, status: int, title: str) -> None:
    body = json.dumps({"type": "about:blank", "title": title, "status": status}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodySizeLimit:
    """Refuse request bodies larger than ``max_bytes`` with 413, before reading them whole.

    Args:
        app: The wrapped app.
        max_bytes: The largest body accepted.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on with a counting ``receive``; answer 413 past the limit."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await _send_problem(send, 400, "Bad request")
                    return
                if declared > self.max_bytes:
                    await _send_problem(send, 413, "Request body too large")
                    return
        seen = 0
        started = refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes and not refused:
                    refused = True
                    if not started:
                        # Answer now: a body parser that catches this (FastAPI turns any read
                        # error into 400) must not get to answer instead.
                        await _send_problem(send, 413, "Request body too large")
                    raise _TooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused:
                return  # the 413 was sent; whatever the app answers after it is dropped
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        with contextlib.suppress(_TooLarge):
            await self.app(scope, counted, tracked)


class LastResort:
    """Answer an escaped exception with a fixed 500 problem; log its type, never its text."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; answer a fixed 500 if anything escapes."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
            log_event(_log, "http.internal_error", status=500, error_type=type(exc).__name__)
            if not started:
                await _send_problem(send, 500, "Internal error")
