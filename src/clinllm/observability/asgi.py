"""Request telemetry for any ASGI app, and the ``/metrics`` body.

:class:`RequestObservability` is pure ASGI (no framework import): it wraps the HTTP service's
app, opens a server span per request (a child of the caller's ``traceparent``) and records the
latency histogram by **route template** (``/v1/jobs/{job_id}``), read from the scope after the
router matched, so neither the raw path (which carries ids) nor the query string ever becomes a
label or an attribute. A request no route matched is labelled ``unmatched``. Request bodies and
headers are never read, except ``traceparent``/``tracestate`` when tracing is on.

:func:`render_metrics` gives the body and content type the ``/metrics`` route answers with.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

from clinllm.observability.metrics import Metrics
from clinllm.observability.tracing import Telemetry

__all__ = ["ASGIApp", "RequestObservability", "render_metrics", "route_template"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
#: An ASGI application.
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Methods kept as they are; any other becomes ``_OTHER`` (the HTTP conventions' rule, which
#: also keeps a client from inventing label values).
_METHODS = frozenset(
    {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"}
)
_TRACE_HEADERS = (b"traceparent", b"tracestate")
_UNMATCHED = "unmatched"
_FULL_MATCH = 2  # starlette.routing.Match.FULL, compared by value: no framework import


def _method(scope: Scope) -> str:
    method = str(scope.get("method", "GET")).upper()
    return method if method in _METHODS else "_OTHER"


def render_metrics(registry: CollectorRegistry) -> tuple[bytes, str]:
    """The Prometheus text exposition of ``registry`` and its content type, for ``/metrics``."""
    return generate_latest(registry), CONTENT_TYPE_LATEST


def _path_of(route: object) -> str | None:
    path = getattr(route, "path", None)
    return path if isinstance(path, str) and path.startswith("/") else None


def route_template(scope: Scope) -> str | None:
    """The template of the route that served ``scope``, once the router has run.

    FastAPI puts the matched route in ``scope["route"]``; for plain Starlette the app's routes
    are matched again (as OpenTelemetry's Starlette instrumentation does). Both keep their
    template in ``route.path`` (``/v1/jobs/{job_id}``). For a mounted sub-application only the
    mount's prefix is known. None when nothing matched.
    """
    found = _path_of(scope.get("route"))
    if found is not None:
        return found
    app = scope.get("app")
    routes: Iterable[Any] = getattr(app, "routes", None) or ()
    for route in routes:
        matches = getattr(route, "matches", None)
        if matches is None:
            continue
        try:
            match, _ = matches(scope)
        except Exception:  # noqa: BLE001, S112 - a route that cannot match this scope is no match
            continue
        if getattr(match, "value", match) == _FULL_MATCH:
            return _path_of(route)
    return None


class _StatusWatch:
    """``send`` for the app, remembering the response status it sends (500 until it sends one)."""

    __slots__ = ("_send", "status")

    def __init__(self, send: Send) -> None:
        self._send = send
        self.status = 500

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = int(message["status"])
        await self._send(message)


class RequestObservability:
    """ASGI middleware: a server span and a latency observation per HTTP request.

    Args:
        app: The application to wrap.
        telemetry: Opens the server span (nothing when tracing is off).
        metrics: Where the per-route latency goes; ``telemetry.metrics`` when None.
        route_of: Reads the route template from the scope after the app ran.
    """

    def __init__(
        self,
        app: ASGIApp,
        *,
        telemetry: Telemetry,
        metrics: Metrics | None = None,
        route_of: Callable[[Scope], str | None] = route_template,
    ) -> None:
        self.app = app
        self._telemetry = telemetry
        self._metrics = metrics if metrics is not None else telemetry.metrics
        self._route_of = route_of

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Serve one connection; only ``http`` scopes are measured.

        With tracing off nothing span-shaped happens per request (no attributes, no headers
        read, no span scope): only the latency observation when metrics are recorded, and
        nothing at all when they are not either.
        """
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if not self._telemetry.tracing:
            if self._metrics is None:
                await self.app(scope, receive, send)
            else:
                await self._measured(scope, receive, send, self._metrics)
            return
        await self._traced(scope, receive, send)

    async def _measured(self, scope: Scope, receive: Receive, send: Send, metrics: Metrics) -> None:
        watched = _StatusWatch(send)
        started = time.perf_counter()
        try:
            await self.app(scope, receive, watched)
        except Exception:
            watched.status = 500
            raise
        finally:
            metrics.observe_request(
                _method(scope),
                self._route_of(scope) or _UNMATCHED,
                watched.status,
                time.perf_counter() - started,
            )

    async def _traced(self, scope: Scope, receive: Receive, send: Send) -> None:
        method = _method(scope)
        watched = _StatusWatch(send)
        started = time.perf_counter()
        headers: dict[str, str] = {}
        for key, value in scope.get("headers", ()):
            if key in _TRACE_HEADERS:
                headers[key.decode("latin-1")] = value.decode("latin-1")
        attributes = {
            "http.request.method": method,
            "url.scheme": str(scope.get("scheme", "http")),
            "network.protocol.version": str(scope.get("http_version", "1.1")),
        }
        with self._telemetry.server_span(method, headers, attributes) as span:
            try:
                await self.app(scope, receive, watched)
            except Exception:
                watched.status = 500
                raise
            finally:
                status = watched.status
                route = self._route_of(scope) or _UNMATCHED
                if span is not None:
                    span.rename(f"{method} {route}")
                    span.set("http.route", route)
                    span.set("http.response.status_code", status)
                    if status >= 500:
                        span.fail(str(status))
                if self._metrics is not None:
                    self._metrics.observe_request(
                        method, route, status, time.perf_counter() - started
                    )
