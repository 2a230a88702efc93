"""The OpenTelemetry SDK side: exporters, the tracer provider, the scrubbing span processor.

Imported only when tracing is on (:func:`clinllm.observability.tracing.tracer_provider_from_env`)
or by tests that export to memory, so a process with tracing off never loads the SDK.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import Any

from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import Event, ReadableSpan, Span, SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from opentelemetry.trace import Link, Status

from clinllm.domain.ports import SpanAttribute
from clinllm.errors import ConfigError
from clinllm.observability.tracing import clean_attribute, safe_span_name

__all__ = ["ScrubbingSpanProcessor", "exporter_named", "scrubbed", "tracer_provider"]


def exporter_named(name: str) -> tuple[SpanExporter, bool]:
    """The exporter an ``OTEL_TRACES_EXPORTER`` value names, and whether to batch it.

    Raises:
        ConfigError: An unknown name, or ``otlp`` without the ``otlp`` extra installed.
    """
    if name == "console":
        # stderr: a CLI's stdout carries its results (``keys create`` prints only the key).
        return ConsoleSpanExporter(out=sys.stderr), False
    if name == "otlp":
        try:
            from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        except ImportError:
            raise ConfigError(
                "OTEL_TRACES_EXPORTER=otlp needs the OTLP exporter: pip install 'clinllm[otlp]'",
                setting="OTEL_TRACES_EXPORTER",
            ) from None
        # Reads OTEL_EXPORTER_OTLP_{TRACES_,}ENDPOINT, _HEADERS and _TIMEOUT itself.
        return OTLPSpanExporter(), True
    raise ConfigError(
        f"OTEL_TRACES_EXPORTER: unknown exporter {name!r} (otlp, console or none)",
        setting="OTEL_TRACES_EXPORTER",
    )


def _resource() -> Resource:
    """The SDK's resource from the environment, named ``clinllm`` unless the user named it.

    ``Resource.create`` lets attributes passed in win over ``OTEL_SERVICE_NAME``, so the
    default name is merged in only when the environment left the SDK's ``unknown_service``.
    """
    resource = Resource.create()
    name = str(resource.attributes.get("service.name", ""))
    if not name or name.startswith("unknown_service"):
        resource = resource.merge(Resource({"service.name": "clinllm"}))
    return resource


def tracer_provider(
    exporters: Sequence[SpanExporter], *, batch: bool | Sequence[bool] = False
) -> TracerProvider:
    """A tracer provider exporting to ``exporters``, each behind :class:`ScrubbingSpanProcessor`.

    The resource comes from ``OTEL_SERVICE_NAME`` / ``OTEL_RESOURCE_ATTRIBUTES`` (service name
    ``clinllm`` otherwise) and the sampler from ``OTEL_TRACES_SAMPLER``, as the SDK reads them.
    Tests pass an in-memory exporter here.

    Args:
        exporters: Where spans go.
        batch: Batch export (network exporters) or export each span as it ends; one flag for
            all, or one per exporter.
    """
    flags = [batch] * len(exporters) if isinstance(batch, bool) else list(batch)
    provider = TracerProvider(resource=_resource())
    for exporter, batched in zip(exporters, flags, strict=True):
        inner = BatchSpanProcessor(exporter) if batched else SimpleSpanProcessor(exporter)
        provider.add_span_processor(ScrubbingSpanProcessor(inner))
    return provider


def _kept(attributes: Mapping[str, Any] | None) -> dict[str, SpanAttribute]:
    return {k: c for k, v in (attributes or {}).items() if (c := clean_attribute(k, v)) is not None}


def _clean(span: ReadableSpan) -> bool:
    """Whether ``span`` holds nothing to strip, so it can be exported without a copy.

    Our own spans are set through the allowlist as they run and usually pass; the check is
    the same one the copy applies, so a span that passes is exactly what the copy would be.
    """
    if span.events or span.links or span.status.description is not None:
        return False
    if safe_span_name(span.name) != span.name:
        return False
    return all(clean_attribute(k, v) == v for k, v in (span.attributes or {}).items())


def scrubbed(span: ReadableSpan) -> ReadableSpan:
    """``span`` with allowlisted attributes only and no event or status text.

    A copy, unless there was nothing to strip.
    """
    if _clean(span):
        return span
    events = tuple(
        Event(safe_span_name(e.name), _kept(e.attributes), e.timestamp)
        for e in span.events
        if e.name != "exception"  # exception events carry the message and the stack trace
    )
    links = tuple(Link(link.context, _kept(link.attributes)) for link in span.links)
    return ReadableSpan(
        name=safe_span_name(span.name),
        context=span.context,
        parent=span.parent,
        resource=span.resource,
        attributes=_kept(span.attributes),
        events=events,
        links=links,
        kind=span.kind,
        status=Status(span.status.status_code),  # the description can hold exception text
        start_time=span.start_time,
        end_time=span.end_time,
        instrumentation_scope=span.instrumentation_scope,
    )


class ScrubbingSpanProcessor(SpanProcessor):
    """Hands an exporting processor a copy of each ended span with content stripped.

    Every span, ours or another library's, passes through here before export: attributes off
    :data:`~clinllm.observability.genai.ALLOWED_ATTRIBUTES` are dropped (and content-shaped
    strings under allowed keys masked), ``exception`` events are dropped, event and link
    attributes are filtered the same way, span names that are not identifier-shaped are
    replaced, and the status keeps its code without its description.

    Args:
        inner: The processor that exports (batch or simple).
    """

    def __init__(self, inner: SpanProcessor) -> None:
        self._inner = inner

    def on_start(self, span: Span, parent_context: Context | None = None) -> None:
        """Nothing to do: the exporting processor sees a span only once it ended."""

    def on_end(self, span: ReadableSpan) -> None:
        """Pass the scrubbed copy on for export."""
        self._inner.on_end(scrubbed(span))

    def shutdown(self) -> None:
        """Shut the exporting processor down (flushes a batch)."""
        self._inner.shutdown()

    def force_flush(self, timeout_millis: int = 30000) -> bool:
        """Flush the exporting processor."""
        return self._inner.force_flush(timeout_millis)
