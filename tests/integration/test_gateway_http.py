"""The gateway over real HTTP on loopback: the official openai SDK against a fault-injecting server.

Every test asserts that the call ends inside its deadline with a valid result or a typed failure,
and that attempts are bounded.
"""

import asyncio
import io
import json
import logging
import time
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, Field

from clinllm.errors import AllProvidersFailed, DeadlineExceeded
from clinllm.gateway import CallPolicy, Gateway, Message
from clinllm.gateway.config import BreakerConfig, EndpointConfig, ProvidersConfig
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.gateway.registry import ProviderRegistry
from clinllm.observability.logging import configure_logging
from clinllm.testing.fault_server import Fault, FaultServer

pytestmark = pytest.mark.anyio

SENTINEL = "Zebulon Quixtar-Vantablack"
VALID = '{"category": "refill", "score": 4}'


class Answer(BaseModel):
    category: str = Field(max_length=40)
    score: int = Field(ge=0, le=10)


MESSAGES = [
    Message(role="system", content="Route the message. Answer JSON."),
    Message(role="user", content=f"This is {SENTINEL}, DOB 01/02/1950. Refill my lisinopril."),
]


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        yield srv


def gateway_for(server: FaultServer, *, breaker: BreakerConfig | None = None) -> Gateway:
    config = ProvidersConfig(
        endpoints={"fault": EndpointConfig(base_url=server.base_url)},
        breaker=breaker or BreakerConfig(),
    )
    rules = RulesProvider({Answer: lambda text: Answer(category="rules", score=0)})
    return Gateway(
        resolver=ProviderRegistry(config, rules=rules),
        default_chain=("fault:test-model",),
        breaker=config.breaker,
    )


def policy(**kwargs: object) -> CallPolicy:
    base: dict[str, object] = {
        "deadline_s": 5.0,
        "max_attempts": 3,
        "backoff_initial_s": 0.01,
        "backoff_max_s": 0.05,
    }
    base.update(kwargs)
    return CallPolicy(**base)  # type: ignore[arg-type]


async def test_valid_answer_over_http(server: FaultServer) -> None:
    server.push(Fault.ok(VALID, prompt_tokens=50, completion_tokens=8))
    gateway = gateway_for(server)
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy())
    await gateway.aclose()
    assert result.output == Answer(category="refill", score=4)
    assert result.model == "test-model"
    assert result.usage.input_tokens == 50
    assert result.usage.output_tokens == 8
    assert result.attempts[0].request_id == "req_000001"
    sent = json.loads(server.requests[0].body)
    assert sent["response_format"]["type"] == "json_schema"
    assert sent["response_format"]["json_schema"]["strict"] is True


async def test_retry_after_is_honoured(server: FaultServer) -> None:
    server.push(Fault.rate_limited("1"), Fault.ok(VALID))
    gateway = gateway_for(server)
    started = time.monotonic()
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy())
    await gateway.aclose()
    assert result.ok
    gap = server.requests[1].at - server.requests[0].at
    assert gap >= 0.95, f"second request came {gap:.3f}s after the 429, Retry-After said 1s"
    assert time.monotonic() - started < 5
    assert [a.outcome for a in result.attempts] == ["rate_limited", "ok"]
    assert gateway.breaker_state("fault:test-model") == "closed"


async def test_server_errors_are_retried_and_attempts_are_bounded(server: FaultServer) -> None:
    server.push(Fault.error(500), Fault.error(503), Fault.error(502), Fault.ok(VALID))
    gateway = gateway_for(server)
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy(max_attempts=3))
    await gateway.aclose()
    assert len(server.requests) == 3  # bounded: the 4th scripted reply is never asked for
    assert result.output is None
    assert isinstance(result.error, AllProvidersFailed)
    assert [a.status_code for a in result.attempts] == [500, 503, 502]


async def test_transient_server_error_then_success(server: FaultServer) -> None:
    server.push(Fault.error(503), Fault.ok(VALID))
    gateway = gateway_for(server)
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy())
    await gateway.aclose()
    assert result.ok
    assert [a.outcome for a in result.attempts] == ["unavailable", "ok"]


async def test_hang_past_the_deadline_ends_inside_it(server: FaultServer) -> None:
    server.push(Fault.hang(30))
    gateway = gateway_for(server)
    started = time.monotonic()
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy(deadline_s=1.0))
    elapsed = time.monotonic() - started
    await gateway.aclose()
    assert elapsed < 1.3, f"call took {elapsed:.2f}s with a 1s deadline"
    assert isinstance(result.error, DeadlineExceeded)
    assert result.attempts[0].outcome == "timeout"


async def test_the_deadline_covers_the_fallback_chain_too(server: FaultServer) -> None:
    server.default = Fault.hang(30)
    gateway = gateway_for(server)
    started = time.monotonic()
    result = await gateway.complete(
        MESSAGES,
        output=Answer,
        policy=policy(deadline_s=1.0, chain=("fault:test-model", "rules")),
    )
    await gateway.aclose()
    # the hang eats the whole budget: no fallback may start after the deadline
    assert time.monotonic() - started < 1.3
    assert isinstance(result.error, DeadlineExceeded)
    assert [a.provider for a in result.attempts] == ["fault:test-model"]


async def test_connection_reset_is_retried(server: FaultServer) -> None:
    server.push(Fault.reset(), Fault.ok(VALID))
    gateway = gateway_for(server)
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy())
    await gateway.aclose()
    assert result.ok
    assert [a.outcome for a in result.attempts] == ["connection_error", "ok"]


async def test_malformed_json_envelope_is_a_typed_failure(server: FaultServer) -> None:
    server.push(Fault.malformed(), Fault.ok(VALID))
    gateway = gateway_for(server)
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy())
    await gateway.aclose()
    assert result.ok
    assert result.attempts[0].outcome == "unavailable"
    assert result.attempts[0].error_type == "ProviderUnavailable"


async def test_schema_violating_content_gets_one_reask(server: FaultServer) -> None:
    server.push(
        Fault.ok('{"category": "refill", "score": "very high"}', prompt_tokens=30),
        Fault.ok(VALID, prompt_tokens=45),
    )
    gateway = gateway_for(server)
    result = await gateway.complete(MESSAGES, output=Answer, policy=policy())
    await gateway.aclose()
    assert result.output == Answer(category="refill", score=4)
    assert [(a.outcome, a.repair) for a in result.attempts] == [
        ("schema_invalid", False),
        ("ok", True),
    ]
    assert result.usage.input_tokens == 75  # usage summed over attempts
    reask = json.loads(server.requests[1].body)["messages"]
    assert reask[-1]["role"] == "user"
    assert "score" in reask[-1]["content"]


async def test_schema_violation_twice_falls_back_to_validated_rules(server: FaultServer) -> None:
    server.default = Fault.ok('{"category": 12}')
    gateway = gateway_for(server)
    result = await gateway.complete(
        MESSAGES, output=Answer, policy=policy(chain=("fault:test-model", "rules"))
    )
    await gateway.aclose()
    assert result.output == Answer(category="rules", score=0)
    assert result.fallback_used
    assert result.provider == "rules"
    assert len(server.requests) == 2  # the answer and the single re-ask


async def test_breaker_opens_on_5xx_and_half_opens_after_the_reset_timeout(
    server: FaultServer,
) -> None:
    server.default = Fault.error(500)
    gateway = gateway_for(server, breaker=BreakerConfig(failure_threshold=2, reset_timeout_s=0.5))
    one_try = policy(max_attempts=1, chain=("fault:test-model", "rules"))
    for _ in range(2):
        await gateway.complete(MESSAGES, output=Answer, policy=one_try)
    assert gateway.breaker_state("fault:test-model") == "open"
    before = len(server.requests)
    result = await gateway.complete(MESSAGES, output=Answer, policy=one_try)
    assert len(server.requests) == before  # nothing sent while open
    assert result.attempts[0].outcome == "circuit_open"
    assert result.provider == "rules"
    assert result.fallback_used

    await asyncio.sleep(0.55)
    server.default = Fault.ok(VALID)
    assert gateway.breaker_state("fault:test-model") == "half_open"
    result = await gateway.complete(MESSAGES, output=Answer, policy=one_try)
    await gateway.aclose()
    assert result.provider == "fault:test-model"
    assert gateway.breaker_state("fault:test-model") == "closed"


async def test_429_does_not_trip_the_breaker(server: FaultServer) -> None:
    server.default = Fault.rate_limited("0")
    gateway = gateway_for(server, breaker=BreakerConfig(failure_threshold=1))
    await gateway.complete(MESSAGES, output=Answer, policy=policy(max_attempts=3))
    await gateway.aclose()
    assert len(server.requests) == 3
    assert gateway.breaker_state("fault:test-model") == "closed"


async def test_sentinel_patient_name_never_in_logs_errors_or_results(server: FaultServer) -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    try:
        server.push(
            Fault.error(500),
            Fault.ok(f'{{"category": "{SENTINEL}", "score": 42}}'),  # invalid and full of PHI
            Fault.reset(),
            Fault.hang(5),
        )
        gateway = gateway_for(server)
        result = await gateway.complete(
            MESSAGES,
            output=Answer,
            policy=policy(deadline_s=1.5, chain=("fault:test-model",)),
        )
        await gateway.aclose()
    finally:
        logging.getLogger().handlers = [
            h for h in logging.getLogger().handlers if not getattr(h, "_clinllm", False)
        ]
    logs = stream.getvalue()
    assert "gateway.attempt" in logs  # the logs were written, just without content
    for text in (logs, str(result.error), repr(result), repr(result.attempts)):
        assert SENTINEL not in text
        assert "Zebulon" not in text
        assert "lisinopril" not in text


async def test_warm_up_readies_an_http_provider_without_sending_a_request(
    server: FaultServer,
) -> None:
    # A worker warms up before its first job: the SDK's lazy chat resources are loaded then,
    # but the warm-up must not spend a model call (nor fail when the endpoint is idle).
    server.push(Fault.ok(VALID))
    gateway = gateway_for(server)
    try:
        await gateway.warm_up()
        assert server.requests == []
        result = await gateway.complete(MESSAGES, output=Answer, policy=policy())
        assert result.output is not None
        assert len(server.requests) == 1
    finally:
        await gateway.aclose()
