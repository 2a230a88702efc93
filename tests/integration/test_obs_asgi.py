"""The request middleware on a real uvicorn server on 127.0.0.1, around a tiny Starlette app."""

from __future__ import annotations

import io
import json
import logging
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
import uvicorn
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode
from prometheus_client.parser import text_string_to_metric_families
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from clinllm.bootstrap.observability import Observability
from clinllm.observability.logging import configure_logging, get_logger, log_event
from clinllm.observability.metrics import Metrics
from clinllm.observability.otel import tracer_provider
from clinllm.observability.tracing import Telemetry

SENTINEL = "Zqxvbrt Sentinelova"
SENTINEL_ID = "8675309"


@dataclass
class Served:
    base: str
    exporter: InMemorySpanExporter
    observability: Observability
    logs: io.StringIO

    def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def server_spans(self, expected: int = 1) -> list[ReadableSpan]:
        """The server spans, once ``expected`` of them ended.

        The client can read a response before the server's middleware has finished with it
        (the span ends after the last body chunk is sent), so this waits a little.
        """
        deadline = time.monotonic() + 10
        while True:
            spans = [s for s in self.exporter.get_finished_spans() if s.kind is SpanKind.SERVER]
            if len(spans) >= expected or time.monotonic() > deadline:
                return spans
            time.sleep(0.01)

    def metrics_text(self, route: str, count: int) -> str:
        """``/metrics``, once ``count`` requests to ``route`` (besides this one) are recorded."""
        deadline = time.monotonic() + 10
        while True:
            text = self.get("/metrics")[1].decode()
            seen = sum(
                value
                for name, labels, value in _samples(text)
                if name == "clinllm_http_request_duration_seconds_count"
                and labels["route"] == route
            )
            if seen >= count or time.monotonic() > deadline:
                return text
            time.sleep(0.01)


def _app(observability: Observability) -> Starlette:
    log = get_logger("clinllm.api")

    async def item(request: Request) -> Response:
        log_event(log, "api.item", status="ok")
        return JSONResponse({"item": request.path_params["item_id"]})

    async def boom(request: Request) -> Response:
        raise RuntimeError(f"could not process the note of {SENTINEL}")

    async def metrics(request: Request) -> Response:
        body, content_type = observability.render()
        return Response(body, media_type=content_type)

    return Starlette(
        routes=[
            Route("/v1/items/{item_id}", item),
            Route("/v1/boom", boom, methods=["POST", "GET"]),
            Route("/metrics", metrics),
        ]
    )


@pytest.fixture
def served() -> Iterator[Served]:
    exporter = InMemorySpanExporter()
    provider = tracer_provider([exporter])
    metrics = Metrics()
    observability = Observability(Telemetry(metrics=metrics, provider=provider), metrics)
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    logs = io.StringIO()
    configure_logging("DEBUG", logs)
    config = uvicorn.Config(
        observability.middleware(_app(observability)),
        host="127.0.0.1",
        port=0,
        log_config=None,
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Served(f"http://127.0.0.1:{port}", exporter, observability, logs)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        provider.shutdown()
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


def _samples(text: str) -> list[tuple[str, dict[str, str], float]]:
    return [
        (s.name, dict(s.labels), s.value)
        for family in text_string_to_metric_families(text)
        for s in family.samples
    ]


def test_latency_is_recorded_by_route_template_never_by_raw_path(served: Served) -> None:
    for _ in range(3):
        assert served.get(f"/v1/items/{SENTINEL_ID}?name=Zqxvbrt")[0] == 200
    assert served.get("/v1/no/such/route/12345")[0] == 404
    text = served.metrics_text("unmatched", 1)
    counts = {
        (labels["route"], labels["status_code"]): value
        for name, labels, value in _samples(text)
        if name == "clinllm_http_request_duration_seconds_count"
    }
    assert counts[("/v1/items/{item_id}", "200")] == 3
    assert counts[("unmatched", "404")] == 1
    assert SENTINEL_ID not in text
    assert "12345" not in text
    assert "Zqxvbrt" not in text


def test_each_request_is_a_server_span_named_by_its_route(served: Served) -> None:
    served.get(f"/v1/items/{SENTINEL_ID}")
    (span,) = served.server_spans()
    assert span.name == "GET /v1/items/{item_id}"
    assert span.attributes is not None
    assert span.attributes["http.route"] == "/v1/items/{item_id}"
    assert span.attributes["http.request.method"] == "GET"
    assert span.attributes["http.response.status_code"] == 200
    assert SENTINEL_ID not in span.to_json()


def test_the_callers_trace_continues_and_logs_name_the_request_span(served: Served) -> None:
    trace_id, parent_id = "4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7"
    served.get("/v1/items/1", {"traceparent": f"00-{trace_id}-{parent_id}-01"})
    (span,) = served.server_spans()
    assert f"{span.context.trace_id:032x}" == trace_id
    assert span.parent is not None
    assert f"{span.parent.span_id:016x}" == parent_id
    lines = [json.loads(line) for line in served.logs.getvalue().splitlines()]
    (item_line,) = [line for line in lines if line.get("event") == "api.item"]
    assert item_line["trace_id"] == trace_id
    assert item_line["span_id"] == f"{span.context.span_id:016x}"


def test_a_server_error_leaks_nothing_into_spans_metrics_or_logs(served: Served) -> None:
    status, _body = served.get("/v1/boom")
    assert status == 500
    (span,) = served.server_spans()
    assert span.status.status_code is StatusCode.ERROR
    assert span.attributes is not None
    assert span.attributes["error.type"] == "RuntimeError"
    assert span.status.description is None
    exported = "".join(s.to_json() for s in served.exporter.get_finished_spans())
    metrics_text = served.metrics_text("/v1/boom", 1)
    assert any(
        name == "clinllm_http_request_duration_seconds_count"
        and labels == {"method": "GET", "route": "/v1/boom", "status_code": "500"}
        for name, labels, _ in _samples(metrics_text)
    )
    for sink in (exported, metrics_text, served.logs.getvalue()):
        assert SENTINEL not in sink
        assert "Sentinelova" not in sink


def test_unknown_methods_are_one_label_value(served: Served) -> None:
    request = urllib.request.Request(served.base + "/v1/items/1", method="BREW")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(request, timeout=10)
    methods = {
        labels["method"]
        for name, labels, _ in _samples(served.metrics_text("/v1/items/{item_id}", 1))
        if name == "clinllm_http_request_duration_seconds_count"
    }
    assert "BREW" not in methods
    assert "_OTHER" in methods
