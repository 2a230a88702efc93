"""Traces of real runs (rules provider) exported to memory: GenAI attributes, stage spans."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind, StatusCode

import clinllm.samples
from clinllm.bootstrap import build_app
from clinllm.errors import ConfigError
from clinllm.observability.otel import tracer_provider
from clinllm.observability.tracing import Telemetry, tracer_provider_from_env, tracing_exporters
from clinllm.settings import load_settings

from .conftest import Exported

pytestmark = pytest.mark.anyio

SAMPLES = Path(clinllm.samples.__file__).parent
MESSAGE = "I need a refill of my lisinopril 10 mg, I ran out yesterday."


def _attrs(span: ReadableSpan) -> Mapping[str, Any]:
    assert span.attributes is not None
    return span.attributes


def _parent_id(span: ReadableSpan) -> int | None:
    return span.parent.span_id if span.parent is not None else None


async def test_prior_auth_and_triage_runs_carry_genai_attributes_and_stage_spans(
    tmp_path: Path, exported: Exported
) -> None:
    settings = load_settings(data_dir=tmp_path)
    app = build_app(settings, chain="rules", persist=False, tracer=exported.telemetry)
    letter = (SAMPLES / "pa_mri_lumbar_letter.txt").read_text()
    prior_auth = await app.run("prior_auth", letter)
    triage = await app.run("triage", MESSAGE)
    await app.aclose()

    runs = exported.named("workflow_run")
    assert [_attrs(r)["clinllm.workflow"] for r in runs] == ["prior_auth", "triage"]
    assert [_attrs(r)["clinllm.route"] for r in runs] == [
        prior_auth.route.action,
        triage.route.action,
    ]
    for run in runs:
        stages = [s.name for s in exported.spans() if _parent_id(s) == run.context.span_id]
        assert stages[:5] == [
            "stage.ingest",
            "stage.store_document",
            "stage.screen",
            "stage.recognize",
            "stage.model",
        ]
        assert "stage.route" in stages
        assert "stage.audit" in stages
        assert all(
            s.context.trace_id == run.context.trace_id
            for s in exported.spans()
            if s.name.startswith("stage.") and _parent_id(s) == run.context.span_id
        )

    chats = [s for s in exported.spans() if s.kind is SpanKind.CLIENT]
    assert chats, "every model attempt is a GenAI client span"
    for chat in chats:
        attrs = _attrs(chat)
        assert chat.name == "chat rules"
        assert attrs["gen_ai.operation.name"] == "chat"
        assert attrs["gen_ai.provider.name"] == "clinllm.rules"
        assert attrs["gen_ai.request.model"] == "rules"
        assert attrs["gen_ai.response.model"]
        assert isinstance(attrs["gen_ai.usage.input_tokens"], int)
        assert isinstance(attrs["gen_ai.usage.output_tokens"], int)
        assert "error.type" not in attrs
        # the attempt nests in its logical call, which nests in the model stage
        by_id = {s.context.span_id: s for s in exported.spans()}
        call = by_id[_parent_id(chat)]
        assert call.name == "model_call"
        assert by_id[_parent_id(call)].name in ("stage.model", "stage.after_route")


async def test_a_failing_provider_records_error_type_on_its_span(exported: Exported) -> None:
    from pydantic import BaseModel

    from clinllm.domain.calls import CallPolicy
    from clinllm.errors import ProviderUnavailable
    from clinllm.gateway import Gateway
    from clinllm.gateway.ports import Message
    from clinllm.gateway.providers.fake import FakeChatModel

    class Answer(BaseModel):
        value: str

    down = FakeChatModel([ProviderUnavailable("fake:down", status_code=503)], name="fake:down")
    up = FakeChatModel([{"value": "ok"}], name="fake:up")
    gateway = Gateway({"fake:down": down, "fake:up": up}, tracer=exported.telemetry)
    result = await gateway.complete(
        [Message(role="user", content="hello")], output=Answer, policy=CallPolicy(max_attempts=1)
    )
    assert result.output == Answer(value="ok")
    assert result.fallback_used

    down_span, up_span = (s for s in exported.spans() if s.kind is SpanKind.CLIENT)
    assert down_span.name == "chat down"
    assert _attrs(down_span)["error.type"] == "ProviderUnavailable"
    assert down_span.status.status_code is StatusCode.ERROR
    assert down_span.status.description is None
    assert _attrs(up_span)["gen_ai.response.model"]
    (call,) = exported.named("model_call")
    assert _attrs(call)["clinllm.fallback_used"] is True
    assert _attrs(call)["clinllm.provider"] == "fake:up"


def test_attributes_off_the_allowlist_and_exception_text_never_leave(
    exported: Exported,
) -> None:
    tracer = exported.telemetry.tracer
    assert tracer is not None
    with tracer.start_as_current_span(
        "third party", attributes={"prompt": "secret text", "gen_ai.request.model": "m"}
    ) as span:
        span.add_event("gen_ai.content.prompt", {"gen_ai.prompt": "secret text"})
        span.record_exception(ValueError("secret text"))
        span.set_status(StatusCode.ERROR, "secret text")
        span.set_attribute("gen_ai.response.model", "a reply with secret text, in words!")
    (out,) = exported.spans()
    assert dict(_attrs(out)) == {
        "gen_ai.request.model": "m",
        "gen_ai.response.model": "<redacted>",
    }
    assert [e.name for e in out.events] == ["gen_ai.content.prompt"]
    assert dict(out.events[0].attributes or {}) == {}
    assert out.status.description is None
    assert "secret" not in out.to_json()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, ()),
        ({"OTEL_TRACES_EXPORTER": "none"}, ()),
        ({"OTEL_TRACES_EXPORTER": "console"}, ("console",)),
        ({"OTEL_TRACES_EXPORTER": "otlp,console"}, ("otlp", "console")),
        ({"OTEL_EXPORTER_OTLP_ENDPOINT": "http://127.0.0.1:4318"}, ("otlp",)),
        ({"OTEL_TRACES_EXPORTER": "console", "OTEL_SDK_DISABLED": "true"}, ()),
    ],
)
def test_tracing_is_on_only_when_the_environment_names_an_exporter(
    env: dict[str, str], expected: tuple[str, ...]
) -> None:
    assert tracing_exporters(env) == expected


def test_an_unknown_exporter_is_a_config_error_naming_the_variable() -> None:
    with pytest.raises(ConfigError) as caught:
        tracer_provider_from_env({"OTEL_TRACES_EXPORTER": "zipkin"})
    assert caught.value.setting == "OTEL_TRACES_EXPORTER"


def test_console_exporter_writes_scrubbed_spans_to_stderr(
    capsys: pytest.CaptureFixture[str],
) -> None:
    provider = tracer_provider_from_env({"OTEL_TRACES_EXPORTER": "console"})
    assert provider is not None
    telemetry = Telemetry(provider=provider)
    with telemetry.span("workflow_run", {"clinllm.workflow": "triage", "note": "secret"}):
        pass
    provider.shutdown()
    out = capsys.readouterr()
    assert out.out == ""
    assert '"workflow_run"' in out.err
    assert "secret" not in out.err


def test_with_tracing_off_opentelemetry_is_never_imported(tmp_path: Path) -> None:
    script = """
import asyncio, sys
from clinllm.bootstrap import build_app
from clinllm.bootstrap.observability import build_observability
from clinllm.settings import load_settings

obs = build_observability({})
assert not obs.telemetry.tracing
app = build_app(load_settings(), chain="rules", persist=False, tracer=obs.telemetry)
asyncio.run(app.run("triage", "I need a refill of my inhaler."))
obs.render()
print(sorted(m for m in sys.modules if m.startswith("opentelemetry")))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


def test_spans_export_to_every_exporter_given() -> None:
    first, second = InMemorySpanExporter(), InMemorySpanExporter()
    provider = tracer_provider([first, second])
    with Telemetry(provider=provider).span("stage.ground", {"clinllm.stage": "ground"}):
        pass
    assert [s.name for s in first.get_finished_spans()] == ["stage.ground"]
    assert [s.name for s in second.get_finished_spans()] == ["stage.ground"]
