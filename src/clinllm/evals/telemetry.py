"""Emit each metric of a report as an OpenTelemetry ``gen_ai.evaluation.result`` event.

Follows the GenAI semantic conventions: one event per metric with
``gen_ai.evaluation.name`` and ``gen_ai.evaluation.score.value``, on a span named
``eval <suite>``. Only metric names and numbers are emitted, never case values. When no
tracer provider is configured the OpenTelemetry API is a no-op; when the API is not
installed, one allowlisted log line says so (silently skipping would hide a misconfigured
deployment).
"""

from __future__ import annotations

import logging

from clinllm.domain.ports import SpanAttribute
from clinllm.evals.report import EvalReport, flatten_metrics, is_count_cell
from clinllm.observability.events import emit_span_events
from clinllm.observability.logging import get_logger, log_event

__all__ = ["EVENT_NAME", "emit_evaluation_events"]

#: The event name from the OpenTelemetry GenAI semantic conventions.
EVENT_NAME = "gen_ai.evaluation.result"


def emit_evaluation_events(report: EvalReport) -> int:
    """Emit one event per measured numeric metric; return how many were emitted.

    Returns 0 (and logs ``eval.tracing_unavailable``) when ``opentelemetry-api`` is missing.
    """
    events: list[dict[str, SpanAttribute]] = [
        {
            "gen_ai.evaluation.name": name,
            "gen_ai.evaluation.score.value": value,
            "clinllm.eval.suite": report.suite,
        }
        for name, value in flatten_metrics(report.metrics).items()
        if value is not None and not is_count_cell(name)
    ]
    emitted = emit_span_events(
        f"eval {report.suite}",
        {"clinllm.eval.suite": report.suite, "clinllm.eval.n": report.n},
        EVENT_NAME,
        events,
    )
    if not emitted:
        log_event(
            get_logger("clinllm.evals"),
            "eval.tracing_unavailable",
            level=logging.INFO,
            suite=report.suite,
        )
        return 0
    return len(events)
