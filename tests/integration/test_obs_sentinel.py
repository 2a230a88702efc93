"""Sentinel PHI through every workflow never reaches exported spans, metrics or logs.

Synthetic sentinel identifiers (a name, a member id, an email, a phone number) are planted in
a prior-authorization letter, a portal message, a discharge note, a policy document and a
policy question. Every workflow runs on the rules provider with tracing on (in-memory
exporter), metrics on, logs at DEBUG, and the OpenTelemetry content-capture variable set to
``true``; then the sentinels are searched for in every exported span (names, attributes,
events, status), the metrics exposition and every log line.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

import clinllm.samples
from clinllm.bootstrap import build_app
from clinllm.bootstrap.observability import Observability
from clinllm.domain.policies import Reader
from clinllm.observability.logging import configure_logging
from clinllm.observability.metrics import Metrics
from clinllm.observability.otel import tracer_provider
from clinllm.observability.tracing import Telemetry
from clinllm.settings import load_settings

pytestmark = pytest.mark.anyio

SAMPLES = Path(clinllm.samples.__file__).parent
NAME = "Zqxvbrt Sentinelova"
MEMBER = "ZQX8675309"
EMAIL = "zqx.sentinel@example.org"
PHONE = "(541) 867-5309"
SENTINELS = ("Zqxvbrt", "Sentinelova", MEMBER, "zqx.sentinel", "867-5309")


@pytest.fixture
def debug_logs() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    yield stream
    for handler in list(root.handlers):
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)


def _letter() -> str:
    letter = (SAMPLES / "pa_mri_lumbar_letter.txt").read_text()
    return (
        letter.replace("Rosalind K. Achterberg", NAME)
        .replace("CVH902184467", MEMBER)
        .replace("Achterberg", "Sentinelova")
        .replace("(503) 555-0142", PHONE)
        + f"\nReply to {EMAIL}.\n"
    )


async def test_sentinels_never_reach_spans_metrics_or_logs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, debug_logs: io.StringIO
) -> None:
    monkeypatch.setenv("OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT", "true")
    monkeypatch.setenv("CLINLLM_POLICY__EMBEDDER", "hashing")
    exporter = InMemorySpanExporter()
    provider = tracer_provider([exporter])
    metrics = Metrics()
    observability = Observability(Telemetry(metrics=metrics, provider=provider), metrics)
    settings = load_settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'c.db'}")
    app = build_app(settings, chain="rules", tracer=observability.telemetry)
    observability.watch(app)
    try:
        prior_auth = await app.run("prior_auth", _letter(), source_name=f"{NAME}.txt")
        assert prior_auth.output.member_id == MEMBER  # the sentinel was read: it is in the data
        message = f"This is {NAME}, member {MEMBER}. I ran out of my lisinopril, call {PHONE}."
        await app.run("triage", message)
        await app.run("triage", f"{NAME} here: crushing chest pain and I cannot breathe.")

        note = (SAMPLES / "note_discharge_copd.txt").read_text().replace("Hollis Vandermeer", NAME)
        note_path = tmp_path / "note.txt"
        note_path.write_text(note + f"\nMember ID {MEMBER}. Contact {EMAIL}.\n")
        summary = await app.summarize(note_path)
        assert summary.status != "failed"

        policy_text = (
            "Advanced imaging policy. A lumbar spine MRI requires six weeks of documented "
            "conservative therapy (physical therapy and medication) before approval. "
            f"Policy contact: {NAME}, {EMAIL}, member {MEMBER}."
        )
        search = app.policy_eval_search(
            [("p1", "Advanced imaging policy", policy_text, ("staff",))], tenant=settings.tenant
        )
        reader = Reader(user="u1", groups=frozenset({"staff"}), tenant=settings.tenant)
        answer = await search.ask(
            f"How many weeks of conservative therapy before a lumbar spine MRI for {NAME}?",
            reader,
        )
        assert answer.decision == "answered"
    finally:
        await app.aclose()
        provider.shutdown()

    spans = exporter.get_finished_spans()
    names = {s.name for s in spans}
    assert {"workflow_run", "model_call", "chat rules", "stage.model"} <= names
    # triage and policy search asked the gateway (the emergency short-circuits; prior auth and
    # the note summary ask only about what their rules leave open, nothing in these texts)
    assert sum(1 for s in spans if s.name == "model_call") >= 2
    exported = "\n".join(s.to_json() for s in spans)
    metrics_text = observability.render()[0].decode()
    logs = debug_logs.getvalue()
    assert "clinllm_model_calls_total" in metrics_text
    assert logs
    for sink_name, sink in (("spans", exported), ("metrics", metrics_text), ("logs", logs)):
        for sentinel in SENTINELS:
            assert sentinel.lower() not in sink.lower(), f"{sentinel!r} leaked into {sink_name}"
