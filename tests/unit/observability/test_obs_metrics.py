"""The metrics registry: model calls, tokens, cost, fallbacks, runs, breakers, queue depths."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest
from prometheus_client import REGISTRY
from prometheus_client.parser import text_string_to_metric_families
from pydantic import BaseModel

from clinllm.bootstrap import build_app
from clinllm.bootstrap.observability import Observability
from clinllm.errors import ProviderUnavailable
from clinllm.gateway import Gateway
from clinllm.gateway.config import BreakerConfig
from clinllm.gateway.ports import Message
from clinllm.gateway.providers.fake import FakeChatModel
from clinllm.observability.genai import OPERATION_DURATION_BUCKETS, TOKEN_USAGE_BUCKETS
from clinllm.observability.metrics import Metrics
from clinllm.observability.tracing import Telemetry
from clinllm.settings import load_settings

pytestmark = pytest.mark.anyio


class Answer(BaseModel):
    value: str


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of the exposition, by name and labels (parsing it is the test)."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def value(
    found: Mapping[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str
) -> float:
    matching = [v for (n, ls), v in found.items() if n == name and set(labels.items()) <= ls]
    assert matching, f"no sample {name} {labels}"
    return sum(matching)


def _render(metrics: Metrics) -> str:
    from clinllm.observability.asgi import render_metrics

    body, content_type = render_metrics(metrics.registry)
    assert content_type.startswith("text/plain; version=")
    return body.decode()


@pytest.mark.parametrize("tracing", [False, True])
async def test_attempts_tokens_cost_and_fallbacks_are_counted_with_or_without_tracing(
    tracing: bool,
) -> None:
    provider = None
    if tracing:
        from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

        from clinllm.observability.otel import tracer_provider

        provider = tracer_provider([InMemorySpanExporter()])
    metrics = Metrics()
    telemetry = Telemetry(metrics=metrics, provider=provider)
    down = FakeChatModel(
        [ProviderUnavailable("openai:gpt-4o", status_code=503)], name="openai:gpt-4o"
    )
    up = FakeChatModel([{"value": "ok"}], name="openai:gpt-4o-mini", repeat_last=True)
    gateway = Gateway({"openai:gpt-4o": down, "openai:gpt-4o-mini": up}, tracer=telemetry)
    result = await gateway.complete([Message(role="user", content="hi")], output=Answer)
    assert result.fallback_used

    found = samples(_render(metrics))
    assert (
        value(
            found,
            "clinllm_model_calls_total",
            provider="openai:gpt-4o",
            outcome="unavailable",
            workflow="none",
        )
        == 1
    )
    assert (
        value(found, "clinllm_model_calls_total", provider="openai:gpt-4o-mini", outcome="ok") == 1
    )
    assert value(found, "clinllm_model_fallbacks_total", provider="openai:gpt-4o-mini") == 1
    usage = result.usage
    assert value(found, "clinllm_model_tokens_total", type="input") == usage.input_tokens
    assert value(found, "clinllm_model_tokens_total", type="output") == usage.output_tokens
    assert value(found, "clinllm_model_cost_usd_total") == pytest.approx(result.cost_usd)
    assert value(found, "gen_ai_client_token_usage_count", gen_ai_token_type="input") == 1
    assert (
        value(
            found,
            "gen_ai_client_operation_duration_seconds_count",
            gen_ai_provider_name="openai",
            error_type="ProviderUnavailable",
        )
        == 1
    )
    assert (
        value(
            found,
            "gen_ai_client_operation_duration_seconds_count",
            gen_ai_request_model="gpt-4o-mini",
            error_type="",
        )
        == 1
    )


def test_genai_histograms_use_the_conventions_bucket_boundaries() -> None:
    metrics = Metrics()
    metrics.observe_span(
        "chat m",
        "client",
        {
            "gen_ai.operation.name": "chat",
            "gen_ai.usage.input_tokens": 3,
            "gen_ai.usage.output_tokens": 5,
        },
        0.05,
    )
    found = samples(_render(metrics))
    token_bounds = sorted(
        float(dict(ls)["le"])
        for (n, ls), _ in found.items()
        if n == "gen_ai_client_token_usage_bucket" and dict(ls)["gen_ai_token_type"] == "input"
    )
    assert token_bounds[:-1] == [float(b) for b in TOKEN_USAGE_BUCKETS]
    duration_bounds = sorted(
        float(dict(ls)["le"])
        for (n, ls), _ in found.items()
        if n == "gen_ai_client_operation_duration_seconds_bucket"
    )
    assert duration_bounds[:-1] == [float(b) for b in OPERATION_DURATION_BUCKETS]


async def test_runs_breakers_and_review_depth_come_from_the_app(tmp_path: Path) -> None:
    metrics = Metrics()
    observability = Observability(telemetry=Telemetry(metrics=metrics), metrics=metrics)
    settings = load_settings(data_dir=tmp_path)
    app = build_app(settings, chain="rules", persist=False, tracer=observability.telemetry)
    observability.watch(app, job_depth=lambda: {"queued": 3, "running": 1})
    emergency = "I have crushing chest pain and I can't breathe."
    outcome = await app.run("triage", emergency)
    await app.run("prior_auth", "Prior authorization request: MRI lumbar spine (CPT 72148).")
    # Prior auth asks the model only what its rules leave open (nothing here), and an emergency
    # needs no second opinion: a routine message is what calls the provider.
    await app.run("triage", "Could you refill my inhaler? I have two days left.")
    await app.aclose()

    found = samples(observability.render()[0].decode())
    assert (
        value(found, "clinllm_workflow_runs_total", workflow="triage", route=outcome.route.action)
        >= 1
    )
    assert value(found, "clinllm_workflow_run_duration_seconds_count", workflow="triage") == 2
    assert value(found, "clinllm_circuit_breaker_state", provider="rules", state="closed") == 1
    assert value(found, "clinllm_circuit_breaker_state", provider="rules", state="open") == 0
    open_items = app.reviews.list()
    assert open_items, "an emergency opens review items"
    for kind in {item.kind for item in open_items}:
        expected = sum(1 for item in open_items if item.kind == kind)
        assert value(found, "clinllm_review_queue_depth", kind=kind) == expected
    assert value(found, "clinllm_job_queue_depth", status="queued") == 3
    assert value(found, "clinllm_model_calls_total", workflow="triage") >= 1


def test_a_failing_depth_source_drops_its_gauge_and_keeps_the_scrape() -> None:
    metrics = Metrics()

    def broken() -> Mapping[str, int]:
        raise ConnectionError("database down")

    metrics.watch_review_queue(broken)
    metrics.watch_job_queue(lambda: {"queued": 2})
    found = samples(_render(metrics))
    assert value(found, "clinllm_job_queue_depth", status="queued") == 2
    assert not [n for (n, _) in found if n == "clinllm_review_queue_depth"]


async def test_breaker_gauge_follows_the_gateway() -> None:
    gateway = Gateway(
        {"fake": FakeChatModel([ProviderUnavailable("fake", status_code=503)], repeat_last=True)},
        breaker=BreakerConfig(failure_threshold=1, reset_timeout_s=300),
    )
    metrics = Metrics()
    metrics.watch_breakers(gateway.breaker_states)
    assert not [n for (n, _) in samples(_render(metrics)) if n.startswith("clinllm_circuit")]
    result = await gateway.complete([Message(role="user", content="hi")], output=Answer)
    assert result.error is not None
    found = samples(_render(metrics))
    assert value(found, "clinllm_circuit_breaker_state", provider="fake", state="open") == 1
    assert value(found, "clinllm_circuit_breaker_state", provider="fake", state="closed") == 0


def test_our_registry_is_not_the_global_one() -> None:
    metrics = Metrics()
    assert metrics.registry is not REGISTRY
    assert REGISTRY.get_sample_value("clinllm_model_calls_total") is None
