"""Telemetry for the process: traces from ``OTEL_*``, a metrics registry, the ASGI pieces.

:func:`configure_observability` runs once per process (``configure_process`` calls it for
every entrypoint): it reads the standard ``OTEL_*`` variables and sets the global
OpenTelemetry tracer provider when tracing is on (so other code tracing through the global API
exports through the same scrubbed pipeline). :func:`build_app` then hands the resulting tracer
to the gateway and the runner.

Metrics are recorded only in a process that serves them: the HTTP service (and a worker with a
scrape port) calls ``configure_observability(serve_metrics=True)``, mounts
:meth:`Observability.middleware`, answers ``/metrics`` with :meth:`Observability.render` and,
after building its app, calls :meth:`Observability.watch` so the breaker, review-queue and
job-queue gauges read from that app at scrape time. A CLI command with no ``OTEL_*`` variable
set therefore traces through a tracer that does nothing at all.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinllm.domain.ports import ReviewQueue
from clinllm.observability.asgi import ASGIApp, RequestObservability, render_metrics
from clinllm.observability.metrics import DepthSource, Metrics
from clinllm.observability.tracing import Telemetry, tracer_provider_from_env

if TYPE_CHECKING:
    from clinllm.bootstrap import App

__all__ = [
    "Observability",
    "build_observability",
    "configure_observability",
    "process_observability",
]

#: Open review items counted per scrape at most (the queue port lists, it does not count).
REVIEW_DEPTH_LIMIT = 10_000


@dataclass(frozen=True, slots=True)
class Observability:
    """The process's telemetry: the tracer the app's parts get, and the metrics registry.

    Attributes:
        telemetry: The :class:`~clinllm.domain.ports.RunTracer` for the gateway and the runner.
        metrics: The Prometheus metrics, in their own registry.
    """

    telemetry: Telemetry
    metrics: Metrics

    def middleware(self, app: ASGIApp) -> RequestObservability:
        """``app`` wrapped so every request gets a server span and a latency observation."""
        return RequestObservability(app, telemetry=self.telemetry, metrics=self.metrics)

    def render(self) -> tuple[bytes, str]:
        """The ``/metrics`` body and its content type."""
        return render_metrics(self.metrics.registry)

    def watch(self, app: App, *, job_depth: DepthSource | None = None) -> None:
        """Report ``app``'s breaker states and review-queue depth (and job-queue depth).

        Args:
            app: The built app whose gateway and review queue are read at scrape time.
            job_depth: Jobs by status, from the job queue, when the process has one.
        """
        self.metrics.watch_breakers(app.gateway.breaker_states)
        self.metrics.watch_review_queue(review_depth(app.reviews))
        if job_depth is not None:
            self.metrics.watch_job_queue(job_depth)

    def shutdown(self) -> None:
        """Flush spans still buffered for export (call at process exit)."""
        self.telemetry.shutdown()


def review_depth(reviews: ReviewQueue) -> DepthSource:
    """Open review items by kind, read from ``reviews`` on each call."""

    def depth() -> Mapping[str, int]:
        return Counter(item.kind for item in reviews.list(limit=REVIEW_DEPTH_LIMIT))

    return depth


def build_observability(
    env: Mapping[str, str] | None = None, *, serve_metrics: bool = True
) -> Observability:
    """Telemetry from the ``OTEL_*`` variables of ``env`` (the process environment).

    Tracing is on only when an exporter or an OTLP endpoint is named. Metrics are recorded
    when ``serve_metrics`` (the registry exists either way, empty when not).

    Raises:
        ConfigError: An unknown exporter, or ``otlp`` without the ``otlp`` extra.
    """
    provider = tracer_provider_from_env(os.environ if env is None else env)
    metrics = Metrics()
    telemetry = Telemetry(metrics=metrics if serve_metrics else None, provider=provider)
    return Observability(telemetry=telemetry, metrics=metrics)


_PROCESS: list[Observability] = []


def configure_observability(
    env: Mapping[str, str] | None = None, *, serve_metrics: bool = False
) -> Observability:
    """The process's telemetry, built on the first call and returned again after.

    Sets OpenTelemetry's global tracer provider when tracing is on (it can be set only once
    per process, hence once here).

    Args:
        env: The environment to read ``OTEL_*`` from (the process's when None).
        serve_metrics: Record metrics from now on (the service, which answers ``/metrics``);
            a later call with True turns them on for the telemetry built earlier.
    """
    if _PROCESS:
        built = _PROCESS[0]
        if serve_metrics and built.telemetry.metrics is None:
            built.telemetry.metrics = built.metrics
        return built
    built = build_observability(env, serve_metrics=serve_metrics)
    if built.telemetry.provider is not None:
        from opentelemetry import trace

        trace.set_tracer_provider(built.telemetry.provider)
    _PROCESS.append(built)
    return built


def process_observability() -> Observability | None:
    """The telemetry :func:`configure_observability` built for this process, if it ran."""
    return _PROCESS[0] if _PROCESS else None
