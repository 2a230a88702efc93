"""Telemetry exporting to memory: what the tests read instead of a collector."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from clinllm.observability.asgi import render_metrics
from clinllm.observability.metrics import Metrics
from clinllm.observability.otel import tracer_provider
from clinllm.observability.tracing import Telemetry


@dataclass
class Exported:
    """A telemetry whose spans land in memory, and its metrics."""

    telemetry: Telemetry
    exporter: InMemorySpanExporter
    metrics: Metrics

    def spans(self) -> tuple[ReadableSpan, ...]:
        return tuple(self.exporter.get_finished_spans())

    def named(self, name: str) -> list[ReadableSpan]:
        return [s for s in self.spans() if s.name == name]

    def metrics_text(self) -> str:
        body, _ = render_metrics(self.metrics.registry)
        return body.decode("utf-8")


@pytest.fixture
def exported() -> Iterator[Exported]:
    exporter = InMemorySpanExporter()
    provider = tracer_provider([exporter])
    metrics = Metrics()
    yield Exported(Telemetry(metrics=metrics, provider=provider), exporter, metrics)
    provider.shutdown()
