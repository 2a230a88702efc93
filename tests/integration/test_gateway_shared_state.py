"""Provider limits and breakers shared by workers through Redis (two gateways = two workers).

Real Redis on loopback (skipped with the reason printed when absent), the real gateway and the
openai SDK against the loopback fault server. Each test uses its own key namespace.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator

import pytest
from pydantic import BaseModel, Field

from clinllm.gateway import CallPolicy, Gateway, Message
from clinllm.gateway.config import BreakerConfig, EndpointConfig, ProvidersConfig
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.gateway.registry import ProviderRegistry
from clinllm.gateway.shared import RedisProviderState
from clinllm.testing.fault_server import Fault, FaultServer

pytestmark = pytest.mark.anyio

REDIS_URL = "redis://127.0.0.1:6379/15"
VALID = '{"category": "refill", "score": 4}'
MESSAGES = [Message(role="user", content="Refill my lisinopril.")]


class Answer(BaseModel):
    category: str = Field(max_length=40)
    score: int = Field(ge=0, le=10)


def _redis_reason() -> str | None:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return f"Redis tests skipped: {REDIS_URL} unreachable ({type(exc).__name__})"
    return None


@pytest.fixture
def namespace() -> str:
    reason = _redis_reason()
    if reason:
        pytest.skip(reason)
    return f"test-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def server() -> Iterator[FaultServer]:
    with FaultServer() as srv:
        yield srv


def worker_gateway(
    server: FaultServer, namespace: str, *, rpm: int | None = None, threshold: int = 2
) -> Gateway:
    """A gateway as one worker process builds it, with its state in Redis."""
    config = ProvidersConfig(
        endpoints={"fault": EndpointConfig(base_url=server.base_url, requests_per_minute=rpm)},
        breaker=BreakerConfig(failure_threshold=threshold, reset_timeout_s=0.6),
    )
    rules = RulesProvider({Answer: lambda text: Answer(category="rules", score=0)})
    return Gateway(
        resolver=ProviderRegistry(config, rules=rules),
        default_chain=("fault:m", "rules"),
        breaker=config.breaker,
        limits={"fault": config.endpoints["fault"]},
        states=RedisProviderState(REDIS_URL, namespace=namespace),
    )


ONE_TRY = CallPolicy(deadline_s=3.0, max_attempts=1, chain=("fault:m", "rules"))


async def test_a_breaker_opened_by_one_worker_is_open_for_the_other(
    server: FaultServer, namespace: str
) -> None:
    first, second = worker_gateway(server, namespace), worker_gateway(server, namespace)
    server.default = Fault.error(500)
    for _ in range(2):
        await first.complete(MESSAGES, output=Answer, policy=ONE_TRY)
    sent = len(server.requests)
    result = await second.complete(MESSAGES, output=Answer, policy=ONE_TRY)
    assert len(server.requests) == sent  # the second worker sent nothing: the circuit is open
    assert result.attempts[0].outcome == "circuit_open"
    assert result.provider == "rules"

    await asyncio.sleep(0.65)  # half-open: exactly one worker of the two gets the probe
    server.default = Fault.ok(VALID, delay_s=0.3)
    both = await asyncio.gather(
        first.complete(MESSAGES, output=Answer, policy=ONE_TRY),
        second.complete(MESSAGES, output=Answer, policy=ONE_TRY),
    )
    assert len(server.requests) == sent + 1
    assert sorted(str(r.provider) for r in both) == ["fault:m", "rules"]
    assert first.breaker_state("fault:m") == second.breaker_state("fault:m") == "closed"
    await first.aclose()
    await second.aclose()


async def test_requests_per_minute_hold_across_workers(server: FaultServer, namespace: str) -> None:
    server.default = Fault.ok(VALID)
    workers = [worker_gateway(server, namespace, rpm=4) for _ in range(2)]
    patient = CallPolicy(deadline_s=2.5, max_attempts=1, chain=("fault:m",))
    started = time.monotonic()
    results = await asyncio.gather(
        *(w.complete(MESSAGES, output=Answer, policy=patient) for w in workers for _ in range(3))
    )
    # 6 calls, 4 a minute for the account: 4 answered, 2 ran out of deadline waiting (not the
    # minute the window needs to free a slot)
    assert sum(r.ok for r in results) == 4, [r.attempts for r in results]
    assert len(server.requests) == 4
    assert time.monotonic() - started < 30
    for worker in workers:
        await worker.aclose()
