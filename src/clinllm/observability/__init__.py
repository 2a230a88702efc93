"""Logs, traces and metrics that carry identifiers and numbers, never content.

- :mod:`~clinllm.observability.logging`: JSON log lines through an allowlist, with trace ids.
- :mod:`~clinllm.observability.genai`: our names for the GenAI semantic conventions and the
  attribute allowlist.
- :mod:`~clinllm.observability.tracing`: :class:`~clinllm.observability.tracing.Telemetry`, the
  ``RunTracer`` adapter (traces through OpenTelemetry, metrics from spans), configured by the
  standard ``OTEL_*`` variables.
- :mod:`~clinllm.observability.otel`: the SDK side (exporters, the scrubbing span processor),
  imported only when tracing is on.
- :mod:`~clinllm.observability.metrics`: the Prometheus registry of our own.
- :mod:`~clinllm.observability.asgi`: the request middleware and the ``/metrics`` body.

Only this package imports OpenTelemetry (an import-linter contract); the composition root
(:mod:`clinllm.bootstrap.observability`) wires it once per process. See docs/observability.md.
"""
