"""Prometheus metrics in a registry of our own: requests, model calls, tokens, cost, queues.

A :class:`Metrics` owns a ``prometheus_client.CollectorRegistry`` rather than using the
library's global one: two apps in one process (tests, a worker beside the service) never share
counters, and nothing a dependency registers globally ends up on ``/metrics``.

What is measured, and from where:

================================================  ==============================================
metric                                            recorded by
================================================  ==============================================
``clinllm_http_request_duration_seconds``         the ASGI middleware, by method, route template
                                                  and status code (never the raw path)
``gen_ai_client_operation_duration_seconds``      each GenAI ``chat`` span (one model attempt),
``gen_ai_client_token_usage``                     with the conventions' attributes and buckets
``clinllm_model_calls_total``                     each attempt, by provider, workflow, outcome
``clinllm_model_tokens_total``                    each attempt, by provider, workflow, token type
``clinllm_model_cost_usd_total``                  each attempt, by provider and workflow
``clinllm_model_fallbacks_total``                 each logical call answered by a fallback
``clinllm_workflow_runs_total`` / ``_seconds``    each ``workflow_run`` span, by workflow, route
``clinllm_circuit_breaker_state``                 at scrape time, from the gateway
``clinllm_review_queue_depth``                    at scrape time, from the review queue
``clinllm_job_queue_depth``                       at scrape time, from the job queue
================================================  ==============================================

Labels hold names from configuration and code (providers, models, workflows, routes, outcomes),
never values from a request, so neither content nor unbounded cardinality can reach them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from clinllm.domain.ports import SpanAttribute, SpanKind
from clinllm.observability.genai import (
    OPERATION_DURATION_BUCKETS,
    TOKEN_USAGE_BUCKETS,
)
from clinllm.observability.logging import get_logger, log_event
from clinllm.observability.tracing import current_workflow

__all__ = ["BREAKER_STATES", "DepthSource", "Metrics"]

_log = get_logger("clinllm.observability")

#: The states a circuit breaker can be in (one gauge series each, 1 for the current one).
BREAKER_STATES = ("closed", "open", "half_open")

#: Returns counts by one label value (review items by kind, jobs by status); called per scrape.
DepthSource = Callable[[], Mapping[str, int]]

#: Request latency buckets (seconds): sub-millisecond health checks to a minute-long upload.
_HTTP_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
_RUN_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 40, 80, 160)
_GEN_AI_LABELS = (
    "gen_ai_operation_name",
    "gen_ai_provider_name",
    "gen_ai_request_model",
    "gen_ai_response_model",
    "error_type",
)


def _label(value: SpanAttribute | None, default: str = "none") -> str:
    return default if value is None else str(value)


class _CallbackCollector(Collector):
    """A gauge family read at scrape time from a callback (a store query).

    A failing callback (the database is down) yields no sample and logs its error type: a
    scrape must not fail because one source did.
    """

    def __init__(self, name: str, documentation: str, label: str, source: DepthSource) -> None:
        self._name = name
        self._documentation = documentation
        self._label = label
        self._source = source

    def describe(self) -> Iterable[Metric]:
        """Nothing at registration time (describing would query the store)."""
        return ()

    def collect(self) -> Iterator[Metric]:
        """One sample per label value the source reports."""
        try:
            counts = dict(self._source())
        except Exception as exc:  # noqa: BLE001 - any source failure: report none, keep scraping
            log_event(
                _log,
                "metrics.source_failed",
                level=logging.WARNING,
                stage=self._name,
                error_type=type(exc).__name__,
            )
            return
        family = GaugeMetricFamily(self._name, self._documentation, labels=[self._label])
        for value, count in sorted(counts.items()):
            family.add_metric([value], float(count))
        yield family


class Metrics:
    """The process's metrics, in their own registry.

    Args:
        registry: The registry to fill; a new one when None.
    """

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry if registry is not None else CollectorRegistry()
        r = self.registry
        self.http_duration = Histogram(
            "clinllm_http_request_duration_seconds",
            "Time to answer one HTTP request, by route template.",
            ["method", "route", "status_code"],
            buckets=_HTTP_BUCKETS,
            registry=r,
        )
        self.operation_duration = Histogram(
            "gen_ai_client_operation_duration_seconds",
            "GenAI operation duration (gen_ai.client.operation.duration).",
            list(_GEN_AI_LABELS),
            buckets=OPERATION_DURATION_BUCKETS,
            registry=r,
        )
        self.token_usage = Histogram(
            "gen_ai_client_token_usage",
            "Tokens per GenAI operation (gen_ai.client.token.usage).",
            [*_GEN_AI_LABELS[:4], "gen_ai_token_type"],
            buckets=TOKEN_USAGE_BUCKETS,
            registry=r,
        )
        self.model_calls = Counter(
            "clinllm_model_calls",
            "Model attempts, by provider, workflow and outcome.",
            ["provider", "workflow", "outcome"],
            registry=r,
        )
        self.model_tokens = Counter(
            "clinllm_model_tokens",
            "Tokens spent, by provider, workflow and token type.",
            ["provider", "workflow", "type"],
            registry=r,
        )
        self.model_cost = Counter(
            "clinllm_model_cost_usd",
            "Cost in US dollars from the versioned price table, by provider and workflow.",
            ["provider", "workflow"],
            registry=r,
        )
        self.fallbacks = Counter(
            "clinllm_model_fallbacks",
            "Logical model calls answered by a provider after the first of the chain.",
            ["provider", "workflow"],
            registry=r,
        )
        self.model_call_failures = Counter(
            "clinllm_model_call_failures",
            "Logical model calls no provider answered, by error type.",
            ["workflow", "error_type"],
            registry=r,
        )
        self.runs = Counter(
            "clinllm_workflow_runs",
            "Workflow runs, by workflow and route (accept, review, escalate, failed).",
            ["workflow", "route"],
            registry=r,
        )
        self.run_duration = Histogram(
            "clinllm_workflow_run_duration_seconds",
            "Time of one workflow run through the pipeline.",
            ["workflow"],
            buckets=_RUN_BUCKETS,
            registry=r,
        )

        self._children: dict[tuple[int, tuple[str, ...]], Any] = {}

    def __repr__(self) -> str:
        return "Metrics()"

    def _child(self, metric: Counter | Histogram, *labels: str) -> Any:
        """``metric.labels(*labels)``, cached: prometheus-client validates and locks per call.

        Label values are names from configuration and code, so the cache stays small.
        """
        key = (id(metric), labels)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*labels)
        return child

    # ------------------------------------------------------------------ scrape-time sources
    def watch_breakers(self, states: Callable[[], Mapping[str, str]]) -> None:
        """Report each provider's circuit breaker state at scrape time.

        Args:
            states: Breaker state by provider string (the gateway's ``breaker_states``).
        """
        self.registry.register(_BreakerCollector(states))

    def watch_review_queue(self, depth: DepthSource) -> None:
        """Report open review items by kind at scrape time (``depth`` queries the store)."""
        self.registry.register(
            _CallbackCollector(
                "clinllm_review_queue_depth", "Open review items, by kind.", "kind", depth
            )
        )

    def watch_job_queue(self, depth: DepthSource) -> None:
        """Report jobs by status at scrape time (``depth`` queries the job queue)."""
        self.registry.register(
            _CallbackCollector(
                "clinllm_job_queue_depth", "Background jobs, by status.", "status", depth
            )
        )

    # -------------------------------------------------------------------------- recording
    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        """One HTTP request (``route`` is the template, e.g. ``/v1/jobs/{job_id}``)."""
        self._child(self.http_duration, method, route, str(status)).observe(seconds)

    def observe_span(
        self,
        name: str,
        kind: SpanKind,
        attributes: Mapping[str, SpanAttribute],
        seconds: float,
    ) -> None:
        """Turn one finished span into metrics, when it is a kind metrics are made of."""
        if kind == "client" and attributes.get("gen_ai.operation.name") is not None:
            self._attempt(attributes, seconds)
        elif name == "model_call":
            self._call(attributes)
        elif name == "workflow_run":
            workflow = _label(attributes.get("clinllm.workflow"))
            route = "failed" if "error.type" in attributes else attributes.get("clinllm.route")
            self._child(self.runs, workflow, _label(route)).inc()
            self._child(self.run_duration, workflow).observe(seconds)

    def _attempt(self, a: Mapping[str, SpanAttribute], seconds: float) -> None:
        workflow = current_workflow() or "none"
        provider = _label(a.get("clinllm.provider"))
        gen_ai = (
            _label(a.get("gen_ai.operation.name")),
            _label(a.get("gen_ai.provider.name")),
            _label(a.get("gen_ai.request.model")),
            _label(a.get("gen_ai.response.model")),
        )
        error_type = a.get("error.type")
        self._child(self.operation_duration, *gen_ai, _label(error_type, "")).observe(seconds)
        self._child(
            self.model_calls, provider, workflow, _label(a.get("clinllm.attempt.outcome"))
        ).inc()
        if error_type is not None:
            return
        for token_type, key in (
            ("input", "gen_ai.usage.input_tokens"),
            ("output", "gen_ai.usage.output_tokens"),
        ):
            tokens = a.get(key)
            if isinstance(tokens, int) and not isinstance(tokens, bool):
                self._child(self.token_usage, *gen_ai, token_type).observe(tokens)
                self._child(self.model_tokens, provider, workflow, token_type).inc(tokens)
        cost = a.get("clinllm.cost_usd")
        if isinstance(cost, int | float) and not isinstance(cost, bool) and cost > 0:
            self._child(self.model_cost, provider, workflow).inc(cost)

    def _call(self, a: Mapping[str, SpanAttribute]) -> None:
        workflow = current_workflow() or "none"
        error_type = a.get("error.type")
        if error_type is not None:
            self._child(self.model_call_failures, workflow, _label(error_type)).inc()
        elif a.get("clinllm.fallback_used") is True:
            self._child(self.fallbacks, _label(a.get("clinllm.provider")), workflow).inc()


class _BreakerCollector(Collector):
    """``clinllm_circuit_breaker_state{provider, state}``: 1 for the current state, else 0."""

    def __init__(self, states: Callable[[], Mapping[str, str]]) -> None:
        self._states = states

    def describe(self) -> Iterable[Metric]:
        """Nothing at registration time."""
        return ()

    def collect(self) -> Iterator[Metric]:
        """Three samples per provider called so far."""
        family = GaugeMetricFamily(
            "clinllm_circuit_breaker_state",
            "Circuit breaker state per provider (1 for the current state).",
            labels=["provider", "state"],
        )
        for provider, current in sorted(self._states().items()):
            for state in BREAKER_STATES:
                family.add_metric([provider, state], 1.0 if current == state else 0.0)
        yield family
