"""The real embedded model (SmolLM2-135M, the smallest) through the gateway with a JSON schema.

The model runs in a child process: these tests crash it and stop it in the middle of a prefill,
and check that the caller carries on (falls back to rules, then uses the model again).
"""

import asyncio
import os
import signal
import time

import pytest
from pydantic import BaseModel, Field

from clinllm.bootstrap import build_gateway
from clinllm.errors import DeadlineExceeded
from clinllm.gateway import CallPolicy, Gateway, Message
from clinllm.gateway.providers.local_llama import LocalLlamaProvider
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.settings import Settings

pytestmark = [pytest.mark.anyio, pytest.mark.model]


class Routing(BaseModel):
    category: str = Field(max_length=24)
    urgent: bool
    reasons: list[str] = Field(default_factory=list, max_length=2)


async def test_smollm2_output_validates_against_the_schema() -> None:
    gateway = build_gateway(Settings(), ("local:smollm2-135m",))
    result = await gateway.complete(
        [
            Message(role="system", content="Route the patient portal message. Reply in JSON."),
            Message(role="user", content="Can I get a refill of my metformin before Friday?"),
        ],
        output=Routing,
        policy=CallPolicy(deadline_s=120, max_output_tokens=96),
    )
    await gateway.aclose()
    assert result.ok, result.error
    assert isinstance(result.output, Routing)
    assert result.provider == "local:smollm2-135m"
    assert result.model == "SmolLM2-135M-Instruct Q4_1"
    assert result.usage.input_tokens > 0
    assert result.usage.output_tokens > 0
    assert result.cost_usd == 0.0


class Essay(BaseModel):
    paragraphs: list[str]


async def test_embedded_model_stops_at_the_deadline() -> None:
    gateway = build_gateway(Settings(), ("local:smollm2-135m",))
    await gateway.warm_up()
    result = await gateway.complete(
        [Message(role="user", content="Write a very long essay about hospitals, many paragraphs.")],
        output=Essay,
        policy=CallPolicy(deadline_s=0.5, max_output_tokens=4000, repair=False),
    )
    await gateway.aclose()
    assert result.latency_s < 1.5
    assert isinstance(result.error, DeadlineExceeded)
    assert result.attempts[0].outcome == "timeout"


SMOL = "local:smollm2-135m"
#: About 4,000 tokens: its prefill alone takes SmolLM2 many seconds on two cores.
LONG_NOTE = "Patient seen for follow-up of chronic knee pain, stable on current therapy. " * 280
SHORT = [
    Message(role="system", content="Route the patient portal message. Reply in JSON."),
    Message(role="user", content="Can I get a refill of my metformin before Friday?"),
]


def chain_with_rules() -> tuple[Gateway, LocalLlamaProvider]:
    local = build_gateway(Settings(), (SMOL,)).provider(SMOL)
    assert isinstance(local, LocalLlamaProvider)
    rules = RulesProvider({Routing: lambda text: Routing(category="rules", urgent=False)})
    return Gateway({SMOL: local, "rules": rules}, default_chain=(SMOL, "rules")), local


async def test_a_crash_inside_the_model_falls_back_to_rules_and_the_next_call_uses_the_model() -> (
    None
):
    gateway, local = chain_with_rules()
    try:
        await gateway.warm_up()
        pid = local.pid
        assert pid is not None

        async def segfault_during_prefill() -> None:
            await asyncio.sleep(0.5)
            os.kill(pid, signal.SIGSEGV)

        crash = asyncio.ensure_future(segfault_during_prefill())
        result = await gateway.complete(
            [Message(role="user", content=LONG_NOTE)],
            output=Routing,
            policy=CallPolicy(deadline_s=120, max_output_tokens=32),
        )
        await crash
        assert result.provider == "rules"
        assert result.output == Routing(category="rules", urgent=False)
        assert [(a.provider, a.error_type) for a in result.attempts] == [
            (SMOL, "ProviderCrashed"),
            ("rules", None),
        ]
        again = await gateway.complete(
            SHORT, output=Routing, policy=CallPolicy(deadline_s=120, max_output_tokens=64)
        )
        assert again.provider == SMOL, again.error
        assert local.pid not in (None, pid)
    finally:
        await gateway.aclose()


async def test_a_prefill_longer_than_the_deadline_ends_within_a_second_of_it() -> None:
    gateway, local = chain_with_rules()
    try:
        await gateway.warm_up()
        pid = local.pid
        started = time.monotonic()
        result = await gateway.complete(
            [Message(role="user", content=LONG_NOTE)],
            output=Routing,
            policy=CallPolicy(deadline_s=1.0, max_output_tokens=32, chain=(SMOL,)),
        )
        assert time.monotonic() - started < 1.0 + 1.0
        assert isinstance(result.error, DeadlineExceeded)
        assert result.attempts[0].outcome == "timeout"
        again = await gateway.complete(
            SHORT, output=Routing, policy=CallPolicy(deadline_s=120, max_output_tokens=64)
        )
        assert again.provider == SMOL, again.error  # the killed child was replaced
        assert local.pid not in (None, pid)
    finally:
        await gateway.aclose()
