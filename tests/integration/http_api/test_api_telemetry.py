"""Request telemetry of the whole service: one server span per request, ours, and no other.

FastAPI instruments itself when it finds a configured global OpenTelemetry provider: a second
server span per request carrying the raw path (record ids), plus a span per dependency and
endpoint. The service turns that off: :class:`~clinllm.observability.asgi.RequestObservability`
is the one server span, named by route template. With tracing off the request path does no
span work at all; that is what the HTTP benchmark measures (docs/http.md).
"""

from __future__ import annotations

from pathlib import Path

import httpx2 as httpx  # the httpx fork the SDKs already bring
import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from clinllm.bootstrap import build_app
from clinllm.bootstrap.observability import Observability
from clinllm.bootstrap.service import build_service
from clinllm.entrypoints.api.assemble import build_service_app
from clinllm.observability.metrics import Metrics
from clinllm.observability.otel import tracer_provider
from clinllm.observability.tracing import Telemetry
from clinllm.settings import load_settings

pytestmark = pytest.mark.anyio


async def test_each_request_is_one_server_span_named_by_its_route(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exporter = InMemorySpanExporter()
    provider = tracer_provider([exporter])
    # As after configure_observability with OTEL_TRACES_EXPORTER set: the global provider is
    # configured, which is what FastAPI's own instrumentation looks for on every request.
    monkeypatch.setattr(trace, "get_tracer_provider", lambda: provider)
    metrics = Metrics()
    observability = Observability(Telemetry(metrics=metrics, provider=provider), metrics)
    settings = load_settings(
        data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'api.db'}", default_chain="rules"
    )
    app = build_app(settings, chain="rules", tracer=observability.telemetry)
    keys = build_service(app).keys()
    secret, _ = keys.create(tenant="acme", role="staff")
    api = build_service_app(app, keys=keys, observability=observability)
    try:
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=api),
            base_url="http://service",
            headers={"Authorization": f"Bearer {secret}"},
        ) as client:
            triaged = await client.post("/v1/triage", json={"message": "refill my metformin"})
            missing = await client.get("/v1/jobs/job-4711")
    finally:
        await app.aclose()
        provider.shutdown()
    assert triaged.status_code == 200, triaged.text
    assert missing.status_code == 404
    spans = exporter.get_finished_spans()
    servers = [s for s in spans if s.kind is SpanKind.SERVER]
    assert [s.name for s in servers] == ["POST /v1/triage", "GET /v1/jobs/{job_id}"]
    assert "workflow_run" in {s.name for s in spans}  # the run is traced under the request
    assert not [s.name for s in spans if s.name.startswith("fastapi")]
    for span in spans:
        assert "url.path" not in (span.attributes or {})
        assert "job-4711" not in span.to_json()
