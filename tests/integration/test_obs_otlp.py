"""OTEL_TRACES_EXPORTER=otlp sends scrubbed spans over OTLP/HTTP to a collector on loopback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from clinllm.bootstrap import build_app
from clinllm.bootstrap.observability import build_observability
from clinllm.settings import load_settings

pytestmark = pytest.mark.anyio

pb = pytest.importorskip(
    "opentelemetry.proto.collector.trace.v1.trace_service_pb2",
    reason="the OTLP exporter (extra `otlp`) is not installed",
)


class _Collector(BaseHTTPRequestHandler):
    received: ClassVar[list[bytes]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).received.append(body)
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def collector() -> Iterator[tuple[str, list[bytes]]]:
    _Collector.received = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1/traces", _Collector.received
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


async def test_a_run_is_exported_over_otlp_http(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, collector: tuple[str, list[bytes]]
) -> None:
    endpoint, received = collector
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", endpoint)
    monkeypatch.setenv("OTEL_SERVICE_NAME", "clinllm-test")
    observability = build_observability(
        {"OTEL_TRACES_EXPORTER": "otlp", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT": endpoint}
    )
    assert observability.telemetry.tracing
    app = build_app(
        load_settings(data_dir=tmp_path),
        chain="rules",
        persist=False,
        tracer=observability.telemetry,
    )
    await app.run("triage", "Zqxvbrt Sentinelova needs a refill of lisinopril.")
    await app.aclose()
    observability.shutdown()  # flushes the batch

    assert received, "the collector received nothing"
    names: set[str] = set()
    services: set[str] = set()
    for body in received:
        assert b"Sentinelova" not in body
        assert b"Zqxvbrt" not in body
        request = pb.ExportTraceServiceRequest.FromString(body)
        for resource_spans in request.resource_spans:
            for attribute in resource_spans.resource.attributes:
                if attribute.key == "service.name":
                    services.add(attribute.value.string_value)
            for scope_spans in resource_spans.scope_spans:
                names.update(span.name for span in scope_spans.spans)
    assert {"workflow_run", "stage.model", "model_call", "chat rules"} <= names
    assert services == {"clinllm-test"}
