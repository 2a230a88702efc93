"""The real embedded model (SmolLM2-135M, the smallest) through the gateway with a JSON schema."""

import pytest
from pydantic import BaseModel, Field

from clinllm.bootstrap import build_gateway
from clinllm.errors import DeadlineExceeded
from clinllm.gateway import CallPolicy, Message
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
    provider = gateway.provider("local:smollm2-135m")
    provider.load()  # type: ignore[attr-defined]
    result = await gateway.complete(
        [Message(role="user", content="Write a very long essay about hospitals, many paragraphs.")],
        output=Essay,
        policy=CallPolicy(deadline_s=0.5, max_output_tokens=4000, repair=False),
    )
    await gateway.aclose()
    assert result.latency_s < 1.5
    assert isinstance(result.error, DeadlineExceeded)
    assert result.attempts[0].outcome == "timeout"
