"""LocalLlamaProvider against a fake child process: crashes, hangs, garbage, queueing, closing.

The fake runs the real serving loop and protocol around a scripted engine, so these tests
exercise process management for real without loading a model.
"""

from __future__ import annotations

import asyncio
import os
import select
import time
from pathlib import Path

import pytest
from pydantic import BaseModel

from clinllm.errors import (
    AllProvidersFailed,
    ProviderCrashed,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
)
from clinllm.gateway import CallPolicy, Gateway, Message
from clinllm.gateway.ports import ModelRequest
from clinllm.gateway.providers.local_llama import LocalLlamaProvider
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.testing.fake_llama_child import fake_child_command

pytestmark = pytest.mark.anyio

NAME = "local:fake"


class Answer(BaseModel):
    answer: str


def provider(behaviour: str, **kwargs: object) -> LocalLlamaProvider:
    marker = kwargs.pop("marker", None)
    load_s = float(kwargs.pop("load_s", 0.0))  # type: ignore[arg-type]
    return LocalLlamaProvider(
        name=NAME,
        model_path=Path("/nonexistent/model.gguf"),
        model_label="Fake 1B",
        command=fake_child_command(behaviour, load_s=load_s, marker=marker),  # type: ignore[arg-type]
        check_cpu=False,
        **kwargs,  # type: ignore[arg-type]
    )


def request(timeout_s: float = 10.0, content: str = "refill please") -> ModelRequest:
    return ModelRequest(
        messages=(
            Message(role="system", content="Route it."),
            Message(role="user", content=content),
        ),
        schema_name="Answer",
        json_schema=Answer.model_json_schema(),
        output_mode="native",
        max_output_tokens=64,
        temperature=0.0,
        timeout_s=timeout_s,
    )


async def loaded(model: LocalLlamaProvider) -> None:
    """Start the child and wait for its load, so a short deadline measures the call only."""
    await asyncio.get_running_loop().run_in_executor(None, model.load)


def wait_exit(pid: int, timeout_s: float = 5.0) -> None:
    """Block until process ``pid`` has exited (reaped or not)."""
    fd = os.pidfd_open(pid)
    try:
        select.select([fd], [], [], timeout_s)
    finally:
        os.close(fd)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a killed child is reaped by the provider, so a zombie does not count as alive
    return Path(f"/proc/{pid}").exists() and "Z" not in _state(pid)


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return "Z"


async def test_answers_with_usage_and_ignores_what_native_code_prints_on_stdout() -> None:
    model = provider("ok")
    try:
        first = await model.generate(request())
        pid = model.pid
        second = await model.generate(request())
        assert first.text == '{"answer": "ok"}'
        assert first.model == "Fake 1B"
        assert first.finish_reason == "stop"
        assert first.usage.input_tokens == len("Route it.") + len("refill please")
        assert first.usage.output_tokens == len(first.text)
        assert second.text == first.text
        assert model.pid == pid  # one child serves every call
        assert model.starts == 1
    finally:
        await model.aclose()


async def test_a_crash_is_provider_crashed_not_retried_and_the_next_call_gets_a_fresh_child(
    tmp_path: Path,
) -> None:
    model = provider("crash_once", marker=tmp_path / "crashed")
    try:
        with pytest.raises(ProviderCrashed) as caught:
            await model.generate(request())
        assert isinstance(caught.value, ProviderUnavailable)
        assert not caught.value.retryable  # the gateway falls back instead of reloading
        assert "SIGABRT" in str(caught.value)
        response = await model.generate(request())
        assert response.text == '{"answer": "ok"}'
        assert model.starts == 2
    finally:
        await model.aclose()


async def test_a_crash_falls_back_to_rules_through_the_gateway() -> None:
    model = provider("crash")
    rules = RulesProvider({Answer: lambda text: Answer(answer="from rules")})
    gateway = Gateway({NAME: model, "rules": rules}, default_chain=(NAME, "rules"))
    try:
        result = await gateway.complete(
            [Message(role="user", content="hello")],
            output=Answer,
            policy=CallPolicy(deadline_s=20, max_attempts=3),
        )
        assert result.output == Answer(answer="from rules")
        assert result.provider == "rules"
        local = [a for a in result.attempts if a.provider == NAME]
        assert [(a.outcome, a.error_type) for a in local] == [("unavailable", "ProviderCrashed")]
    finally:
        await gateway.aclose()


async def test_a_prefill_past_the_deadline_is_killed_within_the_grace_and_restarted() -> None:
    model = provider("hang", kill_grace_s=0.2)
    try:
        await loaded(model)
        old_pid = model.pid
        assert old_pid is not None
        started = time.monotonic()
        with pytest.raises(ProviderTimeout, match="prefill"):
            await model.generate(request(timeout_s=0.4))
        assert time.monotonic() - started < 0.4 + 1.0
        assert not alive(old_pid)
        assert model.starts == 2  # restarted at once, loading while the caller moves on
        assert model.pid not in (None, old_pid)
    finally:
        await model.aclose()


async def test_a_deadline_during_generation_stops_between_tokens_and_keeps_the_child() -> None:
    model = provider("slow")
    try:
        await loaded(model)
        with pytest.raises(ProviderTimeout, match="during generation"):
            await model.generate(request(timeout_s=0.3))
        pid = model.pid
        with pytest.raises(ProviderTimeout, match="during generation"):
            await model.generate(request(timeout_s=0.2))
        assert model.pid == pid
        assert model.starts == 1
    finally:
        await model.aclose()


async def test_the_gateway_returns_at_its_deadline_even_while_the_child_is_in_prefill() -> None:
    model = provider("hang")
    gateway = Gateway({NAME: model}, default_chain=(NAME,))
    try:
        await gateway.warm_up()
        result = await gateway.complete(
            [Message(role="user", content="hello")],
            output=Answer,
            policy=CallPolicy(deadline_s=0.5),
        )
        assert result.latency_s < 0.5 + 1.0
        assert type(result.error).__name__ == "DeadlineExceeded"
        assert result.attempts[0].outcome == "timeout"
    finally:
        await gateway.aclose()


async def test_a_model_that_fails_to_load_is_unavailable() -> None:
    model = provider("fail_load")
    try:
        with pytest.raises(ProviderUnavailable, match="failed to load"):
            await model.generate(request())
        with pytest.raises(ProviderUnavailable, match="failed to load"):
            model.load()
    finally:
        await model.aclose()


async def test_a_slow_load_is_waited_for_across_calls_not_killed() -> None:
    model = provider("ok", load_s=1.0)
    try:
        with pytest.raises(ProviderTimeout, match="while the model loads"):
            await model.generate(request(timeout_s=0.2))
        pid = model.pid
        response = await model.generate(request(timeout_s=10))
        assert response.text == '{"answer": "ok"}'
        assert model.pid == pid
        assert model.starts == 1
    finally:
        await model.aclose()


async def test_a_reply_that_is_not_json_is_unavailable_and_the_child_replaced() -> None:
    model = provider("garbage")
    try:
        with pytest.raises(ProviderUnavailable, match="malformed"):
            await model.generate(request())
        assert model.starts == 2
    finally:
        await model.aclose()


async def test_a_prompt_longer_than_the_context_is_rejected_not_retried() -> None:
    model = provider("too_long")
    try:
        with pytest.raises(ProviderRejected, match="context window") as caught:
            await model.generate(request())
        assert not caught.value.retryable
        assert "Requested tokens" not in str(caught.value)  # the child's text never crosses
    finally:
        await model.aclose()


async def test_text_that_utf8_cannot_encode_still_crosses_the_pipe() -> None:
    model = provider("ok")
    try:
        response = await model.generate(request(content="lone surrogate \ud800, NUL \x00, é"))
        assert response.text == '{"answer": "ok"}'
        assert model.starts == 1
    finally:
        await model.aclose()


async def test_concurrent_calls_queue_and_each_gets_its_answer() -> None:
    model = provider("ok")
    try:
        responses = await asyncio.gather(*(model.generate(request()) for _ in range(4)))
        assert [r.text for r in responses] == ['{"answer": "ok"}'] * 4
        assert model.starts == 1
    finally:
        await model.aclose()


async def test_aclose_kills_the_child_even_in_the_middle_of_a_call() -> None:
    model = provider("hang")
    await loaded(model)
    pid = model.pid
    assert pid is not None
    call = asyncio.ensure_future(model.generate(request(timeout_s=30)))
    await asyncio.sleep(0.3)
    started = time.monotonic()
    await model.aclose()
    assert time.monotonic() - started < 2.0
    assert not alive(pid)
    with pytest.raises(ProviderUnavailable, match="closed"):
        await call
    assert model.pid is None


async def test_a_child_that_died_while_idle_is_replaced_silently() -> None:
    model = provider("ok")
    try:
        await model.generate(request())
        pid = model.pid
        assert pid is not None
        os.kill(pid, 9)
        wait_exit(pid)
        response = await model.generate(request())
        assert response.text == '{"answer": "ok"}'
        assert model.starts == 2
    finally:
        await model.aclose()


async def test_the_gateway_reports_all_failed_when_only_the_crashing_model_is_in_the_chain() -> (
    None
):
    model = provider("crash")
    gateway = Gateway({NAME: model}, default_chain=(NAME,))
    try:
        result = await gateway.complete(
            [Message(role="user", content="hello")], output=Answer, policy=CallPolicy(deadline_s=20)
        )
        assert isinstance(result.error, AllProvidersFailed)
        assert len(result.attempts) == 1
    finally:
        await gateway.aclose()
