"""Telemetry overhead per gateway call and per workflow run, against no telemetry at all.

Four configurations, measured in alternating rounds in one process:

- ``none``:    the gateway and runner built without a tracer (the no-op default);
- ``off``:     what a CLI process gets with no ``OTEL_*`` variable set (no tracing, no metrics);
- ``metrics``: what the HTTP service gets with no ``OTEL_*`` variable: Prometheus metrics made
  from the spans, no tracing;
- ``on``:      tracing on through the scrubbing processor and a batch processor, to an exporter
  that drops the spans (the export itself runs in the batch thread; what is measured is the
  cost on the calling task), plus the metrics.

(a) ``Gateway.complete`` with a scripted in-process provider (no network, so the figure is
    the gateway's own work plus telemetry: the worst case for a ratio);
(b) a full triage run (rules provider, in-memory stores): every stage span.

Every figure is the median over rounds of the mean per call, as wall time and as the
process's CPU time (steadier on a shared machine; it includes the batch export thread);
ratios against ``none`` are the claim (target: ``off`` within noise of ``none``). The
in-process provider makes the gateway call itself very cheap, so the ``metrics`` and ``on``
ratios of (a) are an upper bound; the added microseconds are what a real model call (tens of
milliseconds at least) pays.

    .venv/bin/python benchmarks/bench_telemetry.py [--rounds 7] [--calls 2000] [--runs 200]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export import SpanExporter, SpanExportResult
from pydantic import BaseModel

from clinllm.bootstrap import App, build_app
from clinllm.domain.ports import RunTracer
from clinllm.gateway import Gateway, Message
from clinllm.gateway.providers.fake import FakeChatModel
from clinllm.observability.metrics import Metrics
from clinllm.observability.otel import tracer_provider
from clinllm.observability.tracing import Telemetry
from clinllm.settings import load_settings


class Answer(BaseModel):
    category: str
    urgency: str


MESSAGES = [
    Message(role="system", content="Route the patient message. Answer in JSON."),
    Message(role="user", content="Please refill my lisinopril 10 mg, I have 3 days left."),
]
MESSAGE = "Please refill my lisinopril 10 mg, I have 3 days left."


class DropExporter(SpanExporter):
    """Accepts every batch and keeps nothing."""

    def export(self, spans: Sequence[ReadableSpan]) -> SpanExportResult:
        return SpanExportResult.SUCCESS

    def shutdown(self) -> None:
        return None


def tracers() -> dict[str, RunTracer | None]:
    return {
        "none": None,
        "off": Telemetry(),
        "metrics": Telemetry(metrics=Metrics()),
        "on": Telemetry(metrics=Metrics(), provider=tracer_provider([DropExporter()], batch=True)),
    }


async def per_call(fn: Callable[[], Awaitable[object]], n: int) -> tuple[float, float]:
    """Mean wall time and mean process CPU time (all threads) per call."""
    for _ in range(min(50, n)):
        await fn()
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(n):
        await fn()
    return (time.perf_counter() - wall) / n, (time.process_time() - cpu) / n


def call_with(gateway: Gateway) -> Callable[[], Awaitable[object]]:
    return lambda: gateway.complete(MESSAGES, output=Answer)


def run_with(app: App) -> Callable[[], Awaitable[object]]:
    return lambda: app.run("triage", MESSAGE)


async def main(rounds: int, calls: int, runs: int) -> None:
    configs = tracers()
    gateways = {
        name: Gateway(
            {
                "fake": FakeChatModel(
                    [{"category": "refill", "urgency": "routine"}], repeat_last=True
                )
            },
            tracer=tracer,
        )
        for name, tracer in configs.items()
    }
    data = Path(tempfile.mkdtemp(prefix="bench-telemetry-"))
    apps = {
        name: build_app(load_settings(data_dir=data), chain="rules", persist=False, tracer=tracer)
        for name, tracer in configs.items()
    }
    gateway_times: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
    run_times: dict[str, list[tuple[float, float]]] = {name: [] for name in configs}
    for round_ in range(rounds):
        order = list(configs) if round_ % 2 == 0 else list(reversed(configs))
        for name in order:
            gateway_times[name].append(await per_call(call_with(gateways[name]), calls))
            run_times[name].append(await per_call(run_with(apps[name]), runs))

    for title, times in (("gateway call", gateway_times), ("triage run", run_times)):
        print(f"{title}: medians over {rounds} rounds (CPU = process time, all threads)")
        base_wall = statistics.median(t[0] for t in times["none"])
        base_cpu = statistics.median(t[1] for t in times["none"])
        for name in configs:
            wall = statistics.median(t[0] for t in times[name])
            cpu = statistics.median(t[1] for t in times[name])
            print(
                f"  {name:7s} wall {wall * 1e6:8.1f} us  x{wall / base_wall:5.3f}   "
                f"CPU {cpu * 1e6:8.1f} us  x{cpu / base_cpu:5.3f} "
                f"(+{(cpu - base_cpu) * 1e6:.1f} us)"
            )
    for app in apps.values():
        await app.aclose()
    for tracer in configs.values():
        if isinstance(tracer, Telemetry):
            tracer.shutdown()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    asyncio.run(main(args.rounds, args.calls, args.runs))
