"""Gateway behaviour with scripted providers (no HTTP): validation, repair, fallback, PHI policy."""

import time
from collections.abc import Sequence

import pytest
from pydantic import BaseModel, Field

from clinllm.domain.ports import ProtectedTexts
from clinllm.errors import (
    AllProvidersFailed,
    ConfigError,
    DeadlineExceeded,
    InputError,
    ProviderRejected,
    ProviderUnavailable,
    RateLimited,
    SchemaViolation,
)
from clinllm.gateway import CallPolicy, Gateway, Message
from clinllm.gateway.ports import Capabilities, ChatModel, Usage
from clinllm.gateway.providers.fake import FakeChatModel, FakeReply
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.pipeline.phi import PhiDataPolicy

pytestmark = pytest.mark.anyio

SENTINEL = "Zebulon Quixtar-Vantablack"


class Answer(BaseModel):
    category: str = Field(max_length=40)
    score: int = Field(ge=0, le=10)


def rules_answer(text: str) -> Answer:
    return Answer(category="rules", score=0)


MESSAGES = [
    Message(role="system", content="Classify."),
    Message(role="user", content=f"Patient {SENTINEL} needs a refill"),
]
FAST = CallPolicy(deadline_s=5, backoff_initial_s=0.001, backoff_max_s=0.002)


def make(*providers: FakeChatModel, rules: bool = True) -> Gateway:
    table: dict[str, ChatModel] = {p.name: p for p in providers}
    if rules:
        table["rules"] = RulesProvider({Answer: rules_answer})
    return Gateway(table, default_chain=tuple(table))


async def test_valid_output_returns_validated_object_with_usage_and_provider() -> None:
    fake = FakeChatModel([FakeReply('{"category": "refill", "score": 3}', usage=Usage(40, 9))])
    result = await make(fake).complete(MESSAGES, output=Answer, policy=FAST)
    assert result.output == Answer(category="refill", score=3)
    assert result.provider == "fake"
    assert not result.fallback_used
    assert result.usage == Usage(40, 9)
    assert [a.outcome for a in result.attempts] == ["ok"]


async def test_invalid_output_gets_one_repair_reask_naming_fields_only() -> None:
    fake = FakeChatModel(
        ['{"category": "refill", "score": 99}', '{"category": "refill", "score": 9}']
    )
    result = await make(fake).complete(MESSAGES, output=Answer, policy=FAST)
    assert result.output == Answer(category="refill", score=9)
    assert [(a.outcome, a.repair) for a in result.attempts] == [
        ("schema_invalid", False),
        ("ok", True),
    ]
    assert result.usage == Usage(20, 20)  # summed over both attempts
    reask = fake.requests[1].messages[-1].content
    assert "score" in reask
    assert "99" not in reask


async def test_output_still_invalid_after_repair_falls_back_to_rules_never_to_text() -> None:
    fake = FakeChatModel(["not json at all", '{"category": 5}'])
    result = await make(fake).complete(MESSAGES, output=Answer, policy=FAST)
    assert result.output == Answer(category="rules", score=0)
    assert result.provider == "rules"
    assert result.fallback_used
    assert [a.outcome for a in result.attempts] == ["schema_invalid", "schema_invalid", "ok"]


async def test_without_content_fallback_invalid_output_is_a_typed_failure() -> None:
    fake = FakeChatModel(["nope", "still nope"])
    policy = CallPolicy(deadline_s=5, fallback_on_content_error=False)
    result = await make(fake).complete(MESSAGES, output=Answer, policy=policy)
    assert result.output is None
    assert isinstance(result.error, AllProvidersFailed)
    assert isinstance(result.error.errors[0], SchemaViolation)
    with pytest.raises(AllProvidersFailed):
        result.unwrap()


async def test_truncated_output_is_never_returned() -> None:
    fake = FakeChatModel([FakeReply('{"category": "refill", "score": 1}', finish_reason="length")])
    result = await make(fake).complete(MESSAGES, output=Answer, policy=FAST)
    assert result.provider == "rules"
    assert result.attempts[0].outcome == "truncated"


async def test_retryable_failures_are_retried_up_to_max_attempts() -> None:
    fake = FakeChatModel([ProviderUnavailable("fake", status_code=503)] * 3)
    policy = CallPolicy(deadline_s=5, max_attempts=3, backoff_initial_s=0.001)
    result = await make(fake).complete(MESSAGES, output=Answer, policy=policy)
    assert len(fake.requests) == 3
    assert [a.outcome for a in result.attempts] == ["unavailable"] * 3 + ["ok"]
    assert result.provider == "rules"


async def test_rejected_request_is_not_retried() -> None:
    fake = FakeChatModel([ProviderRejected("fake", status_code=400)])
    result = await make(fake).complete(MESSAGES, output=Answer, policy=FAST)
    assert len(fake.requests) == 1
    assert result.provider == "rules"


async def test_retry_after_longer_than_the_deadline_falls_back_at_once() -> None:
    fake = FakeChatModel([RateLimited("fake", retry_after_s=30)])
    started = time.monotonic()
    result = await make(fake).complete(MESSAGES, output=Answer, policy=CallPolicy(deadline_s=2))
    assert time.monotonic() - started < 1.0
    assert result.provider == "rules"
    assert result.attempts[0].outcome == "rate_limited"


async def test_slow_provider_ends_inside_the_deadline_with_a_typed_failure() -> None:
    fake = FakeChatModel([FakeReply('{"category": "a", "score": 1}', delay_s=10)])
    started = time.monotonic()
    result = await make(fake, rules=False).complete(
        MESSAGES, output=Answer, policy=CallPolicy(deadline_s=0.3, max_attempts=5)
    )
    assert time.monotonic() - started < 0.6
    assert isinstance(result.error, DeadlineExceeded)
    assert result.attempts[0].outcome == "timeout"


async def test_phi_is_never_sent_to_a_provider_without_a_baa() -> None:
    remote = FakeChatModel(['{"category": "x", "score": 1}'], name="remote", phi_allowed=False)
    policy = CallPolicy(deadline_s=5, contains_phi=True)
    result = await make(remote).complete(MESSAGES, output=Answer, policy=policy)
    assert remote.requests == []  # not one byte left
    assert result.attempts[0].outcome == "refused_phi"
    assert result.provider == "rules"


async def test_phi_refusal_without_fallback_is_a_typed_failure_without_content() -> None:
    remote = FakeChatModel(['{"category": "x", "score": 1}'], name="remote", phi_allowed=False)
    result = await make(remote, rules=False).complete(
        MESSAGES, output=Answer, policy=CallPolicy(contains_phi=True)
    )
    assert result.output is None
    assert remote.requests == []
    assert "DataPolicyViolation" in str(result.error)
    assert SENTINEL not in str(result.error)


class Guard:
    def __init__(self, fail: bool = False) -> None:
        self.fail = fail

    def protect(self, texts: Sequence[str], *, scope: str) -> ProtectedTexts:
        if self.fail:
            raise InputError("detector failed")
        return ProtectedTexts(
            texts=tuple(t.replace(SENTINEL, "[NAME_1]") for t in texts),
            restore=lambda s: s.replace("[NAME_1]", SENTINEL),
            counts={"NAME": 1},
        )


async def test_phi_guard_pseudonymizes_before_sending_and_restores_after() -> None:
    remote = FakeChatModel(
        [lambda req: '{"category": "[NAME_1]", "score": 1}'], name="remote", phi_allowed=False
    )
    gateway = Gateway({"remote": remote}, outbound=PhiDataPolicy(Guard(), scope="t"))
    result = await gateway.complete(MESSAGES, output=Answer, policy=CallPolicy(contains_phi=True))
    sent = " ".join(m.content for m in remote.requests[0].messages)
    assert SENTINEL not in sent
    assert "[NAME_1]" in sent
    assert remote.requests[0].source_text is None
    assert result.output is not None
    assert result.output.category == SENTINEL
    assert dict(result.redactions) == {"NAME": 1}  # counts for the audit, never values


async def test_phi_guard_failure_means_nothing_is_sent() -> None:
    remote = FakeChatModel(['{"category": "x", "score": 1}'], name="remote", phi_allowed=False)
    gateway = Gateway({"remote": remote}, outbound=PhiDataPolicy(Guard(fail=True), scope="t"))
    result = await gateway.complete(MESSAGES, output=Answer, policy=CallPolicy(contains_phi=True))
    assert remote.requests == []
    assert result.output is None
    assert result.attempts[0].outcome == "refused_phi"


async def test_prompted_mode_adds_schema_instructions_for_providers_without_native_output() -> None:
    plain = FakeChatModel(['{"category": "a", "score": 1}'], capabilities=Capabilities())
    await make(plain).complete(MESSAGES, output=Answer, policy=FAST)
    request = plain.requests[0]
    assert request.output_mode == "prompted"
    assert "Answer" in request.messages[0].content
    assert '"score"' in request.messages[0].content


async def test_rules_provider_without_rules_for_the_output_is_rejected() -> None:
    class Other(BaseModel):
        x: int

    result = await make(FakeChatModel([])).complete(MESSAGES, output=Other, policy=FAST)
    assert result.output is None
    assert isinstance(result.error, AllProvidersFailed)
    assert [type(e).__name__ for e in result.error.errors] == [
        "ProviderRejected",
        "ProviderRejected",
    ]


async def test_unknown_provider_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown provider"):
        await make().complete(MESSAGES, output=Answer, policy=CallPolicy(chain=("nope:x",)))


def test_policy_rejects_nonsense() -> None:
    with pytest.raises(ConfigError, match="deadline_s"):
        CallPolicy(deadline_s=0)
