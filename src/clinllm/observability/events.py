"""Span events through OpenTelemetry's global API, for code that may not import OpenTelemetry.

The eval harness reports each metric as a GenAI ``gen_ai.evaluation.result`` event; only the
observability package talks to OpenTelemetry (an import-linter contract), so it asks here. The
global tracer provider is the one :func:`clinllm.bootstrap.observability.configure_observability`
set (scrubbed like every other span), or the API's no-op one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from clinllm.domain.ports import SpanAttribute

__all__ = ["emit_span_events"]


def emit_span_events(
    span_name: str,
    attributes: Mapping[str, SpanAttribute],
    event_name: str,
    events: Sequence[Mapping[str, SpanAttribute]],
) -> bool:
    """Open one span named ``span_name`` and add one ``event_name`` event per item.

    Returns:
        False when the OpenTelemetry API is not importable (nothing was emitted).
    """
    try:
        from opentelemetry import trace
    except ImportError:
        return False
    tracer = trace.get_tracer("clinllm.evals")
    with tracer.start_as_current_span(span_name, attributes=dict(attributes)) as span:
        for event in events:
            span.add_event(event_name, dict(event))
    return True
