"""The gateway: one async interface for every structured model call (the call loop).

``await gateway.complete(messages, output=Model, policy=CallPolicy(...))`` walks the fallback
chain. For each provider it clears the messages through the outbound guard (the PHI stage,
:mod:`clinllm.pipeline.phi`: send as is, pseudonymize, or refuse), sends the request through
:class:`~clinllm.gateway.attempts.AttemptRunner` (breaker, rate limits, retries inside the time
left), validates the output against the pydantic model, and re-asks once with the failing field
paths when it does not validate. Everything happens inside one deadline per logical call. The
result holds the validated object or a typed failure, and every attempt with its usage and cost.

The gateway is the adapter of the :class:`~clinllm.domain.ports.StructuredModel` port.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel

from clinllm.domain.calls import Attempt, CallPolicy, CallResult
from clinllm.domain.ports import OutboundGuard, RunTracer, SpanScope
from clinllm.domain.tracing import NO_TRACER
from clinllm.errors import (
    AllProvidersFailed,
    ClinLLMError,
    ConfigError,
    ContentError,
    DataPolicyViolation,
    DeadlineExceeded,
    OutputTruncated,
    SchemaViolation,
)
from clinllm.gateway.attempts import DEADLINE_MARGIN_S, AttemptRunner, mark_last_attempt
from clinllm.gateway.config import BreakerConfig, LimitsConfig
from clinllm.gateway.policy import Deadline
from clinllm.gateway.ports import ChatModel, Message
from clinllm.gateway.pricing import PriceTable
from clinllm.gateway.shared import ProviderStateStore
from clinllm.gateway.structured import (
    json_schema_for,
    map_strings,
    parse_output,
    prompted_instructions,
    repair_message,
    strict_json_schema_for,
)
from clinllm.observability.logging import get_logger, log_event

__all__ = ["Gateway", "Loadable", "ProviderResolver"]

T = TypeVar("T", bound=BaseModel)

_log = get_logger("clinllm.gateway")


@runtime_checkable
class Loadable(Protocol):
    """A provider with an expensive first use (an embedded model) that can be loaded ahead."""

    def load(self) -> object:
        """Load now, so the first call's deadline is not spent on loading."""
        ...


#: Builds a provider from its string; raises ``ConfigError`` for an unknown or misconfigured one.
ProviderResolver = Callable[[str], ChatModel]


class Gateway:
    """Every structured model call goes through here.

    Args:
        providers: Providers already built, by provider string (tests, fakes, rules).
        resolver: Builds providers not in ``providers`` from their string, lazily, once each.
        default_chain: The chain used when a call's policy names none.
        default_policy: The policy used when a call passes none.
        prices: The versioned price table.
        breaker: Circuit breaker thresholds, the same for every provider.
        limits: Per-provider rate limits, by provider string or by kind (``openai``).
        outbound: The PHI stage that clears each provider's messages; without one, a call
            carrying PHI is refused for every provider without a BAA.
        clock: Monotonic clock for breakers, injectable for tests.
        tracer: Opens a ``model_call`` span per logical call and a GenAI ``chat`` client span
            per attempt; traces nothing when None.
        states: Where provider limits and breakers live (per process by default; Redis to
            share them across workers).
    """

    def __init__(
        self,
        providers: Mapping[str, ChatModel] | None = None,
        *,
        resolver: ProviderResolver | None = None,
        default_chain: Sequence[str] = (),
        default_policy: CallPolicy | None = None,
        prices: PriceTable | None = None,
        breaker: BreakerConfig | None = None,
        limits: Mapping[str, LimitsConfig] | None = None,
        outbound: OutboundGuard | None = None,
        clock: Callable[[], float] = time.monotonic,
        tracer: RunTracer | None = None,
        states: ProviderStateStore | None = None,
    ) -> None:
        self._tracer: RunTracer = tracer if tracer is not None else NO_TRACER
        self._providers: dict[str, ChatModel] = dict(providers or {})
        self._resolver = resolver
        self._default_chain = tuple(default_chain) or tuple(self._providers)
        self._default_policy = default_policy or CallPolicy()
        self._outbound = outbound
        self._runner = AttemptRunner(
            prices=prices if prices is not None else PriceTable.bundled(),
            breaker=breaker or BreakerConfig(),
            limits=dict(limits or {}),
            clock=clock,
            tracer=self._tracer,
            states=states,
        )

    def __repr__(self) -> str:
        return f"Gateway(chain={self._default_chain!r})"

    @property
    def default_chain(self) -> tuple[str, ...]:
        """The chain used when a call's policy names none."""
        return self._default_chain

    @property
    def default_policy(self) -> CallPolicy:
        """The policy used when a call passes none."""
        return self._default_policy

    def provider(self, name: str) -> ChatModel:
        """The provider for ``name``, built on first use.

        Raises:
            ConfigError: The provider is unknown or its settings are incomplete.
        """
        found = self._providers.get(name)
        if found is not None:
            return found
        if self._resolver is None:
            raise ConfigError(
                f"unknown provider {name!r}: not configured in this gateway",
                setting="CLINLLM_DEFAULT_CHAIN",
            )
        built = self._resolver(name)
        self._providers[name] = built
        return built

    def check(self, chain: Sequence[str] | None = None) -> None:
        """Resolve every provider of ``chain`` (default chain) now, so bad config fails early.

        Raises:
            ConfigError: Naming the setting to fix.
        """
        for name in chain or self._default_chain:
            self.provider(name)

    async def warm_up(self, chain: Sequence[str] | None = None) -> None:
        """Load embedded models of ``chain`` (default chain) now, off the event loop.

        Batch jobs call this first so that no document's deadline is spent loading weights.
        """
        for name in chain or self._default_chain:
            provider = self.provider(name)
            if isinstance(provider, Loadable):
                await asyncio.to_thread(provider.load)

    def breaker_state(self, name: str) -> str:
        """The circuit breaker state of provider ``name`` (``closed`` if never called)."""
        return self._runner.breaker_state(name)

    def breaker_states(self) -> dict[str, str]:
        """The circuit breaker state of every provider called so far, by provider string."""
        return self._runner.breaker_states()

    async def aclose(self) -> None:
        """Close every provider that was built, and shared provider state (Redis) if any."""
        for provider in self._providers.values():
            await provider.aclose()
        close = getattr(self._runner.states, "aclose", None)
        if close is not None:
            await close()

    async def complete(
        self,
        messages: Sequence[Message],
        *,
        output: type[T],
        policy: CallPolicy | None = None,
        source_text: str | None = None,
    ) -> CallResult[T]:
        """Run one logical structured call through the fallback chain.

        Args:
            messages: The conversation, instructions first. May hold PHI.
            output: The pydantic model the answer must validate against.
            policy: Deadline, attempts, chain, PHI flag; the gateway's default when None.
            source_text: The document the call is about, for the ``rules`` provider.

        Returns:
            The validated output or a typed failure, with every attempt. Never raises for
            world or content failures; raises only :class:`ConfigError` for misuse.
        """
        policy = policy or self._default_policy
        chain = policy.chain or self._default_chain
        if not chain:
            raise ConfigError("no providers in the chain", setting="CLINLLM_DEFAULT_CHAIN")
        with self._tracer.span("model_call", {"clinllm.chain.length": len(chain)}) as span:
            result = await self._complete(messages, output, policy, chain, source_text)
            _annotate(span, result)
        return result

    async def _complete(
        self,
        messages: Sequence[Message],
        output: type[T],
        policy: CallPolicy,
        chain: Sequence[str],
        source_text: str | None,
    ) -> CallResult[T]:
        """The call loop of :meth:`complete` (inside its span)."""
        deadline = Deadline(policy.deadline_s)
        started = time.monotonic()
        attempts: list[Attempt] = []
        errors: list[ClinLLMError] = []
        tried: list[str] = []
        redactions: Counter[str] = Counter()

        for name in chain:
            if deadline.remaining() <= DEADLINE_MARGIN_S:
                break
            provider = self.provider(name)
            tried.append(name)
            try:
                value, model = await self._run_provider(
                    provider, messages, output, policy, deadline, source_text, attempts, redactions
                )
            except ClinLLMError as exc:
                if isinstance(exc, ConfigError):
                    raise
                errors.append(exc)
                if isinstance(exc, ContentError) and not policy.fallback_on_content_error:
                    break
                continue
            result = CallResult(
                output=value,
                error=None,
                provider=name,
                model=model,
                attempts=tuple(attempts),
                latency_s=time.monotonic() - started,
                redactions=MappingProxyType(dict(redactions)),
            )
            log_event(
                _log,
                "gateway.call",
                status="ok",
                provider=name,
                model=model,
                attempt=len(attempts),
                fallback_used=result.fallback_used,
                latency_ms=round(result.latency_s * 1000, 2),
                input_tokens=result.usage.input_tokens,
                output_tokens=result.usage.output_tokens,
                cost_usd=result.cost_usd,
            )
            return result

        error: ClinLLMError
        if deadline.remaining() <= DEADLINE_MARGIN_S:
            error = DeadlineExceeded(policy.deadline_s)
        else:
            error = AllProvidersFailed(tuple(tried), tuple(errors))
        log_event(
            _log,
            "gateway.call",
            level=logging.WARNING,
            status="failed",
            error_type=type(error).__name__,
            attempt=len(attempts),
            latency_ms=round((time.monotonic() - started) * 1000, 2),
        )
        return CallResult(
            output=None,
            error=error,
            provider=None,
            model=None,
            attempts=tuple(attempts),
            latency_s=time.monotonic() - started,
            redactions=MappingProxyType(dict(redactions)),
        )

    def _clear(
        self,
        provider: ChatModel,
        messages: Sequence[Message],
        policy: CallPolicy,
        attempts: list[Attempt],
    ) -> tuple[list[Message], Callable[[str], str] | None, Mapping[str, int]]:
        """Pass the messages through the outbound guard; a refusal is recorded as an attempt."""
        name = provider.name
        if not policy.contains_phi or provider.data_policy.phi_allowed:
            return list(messages), None, {}
        if self._outbound is None:
            attempts.append(Attempt(name, None, "refused_phi", error_type="DataPolicyViolation"))
            log_event(_log, "gateway.refused", provider=name, outcome="refused_phi")
            raise DataPolicyViolation(name)
        try:
            cleared = self._outbound.prepare(
                messages, provider=name, data_policy=provider.data_policy, contains_phi=True
            )
        except DataPolicyViolation as exc:
            cause = exc.__cause__
            error_type = type(cause).__name__ if cause is not None else type(exc).__name__
            attempts.append(Attempt(name, None, "refused_phi", error_type=error_type))
            raise
        return list(cleared.messages), cleared.restore, cleared.counts

    async def _run_provider(
        self,
        provider: ChatModel,
        messages: Sequence[Message],
        output: type[T],
        policy: CallPolicy,
        deadline: Deadline,
        source_text: str | None,
        attempts: list[Attempt],
        redactions: Counter[str],
    ) -> tuple[T, str | None]:
        """One provider's turn: data policy, then send with retries, then validate or repair."""
        name = provider.name
        sendable, restore, counts = self._clear(provider, messages, policy, attempts)
        if restore is not None:
            redactions.update(counts)
            source_text = None  # never hand the original document to a remote provider

        schema = json_schema_for(output)
        capabilities = provider.capabilities
        native = capabilities.native_structured_output
        provider_schema = strict_json_schema_for(output) if capabilities.json_schema else schema
        if not native:
            sendable = _with_instructions(sendable, prompted_instructions(output.__name__, schema))

        transform: Callable[[Any], Any] | None = (
            (lambda data: map_strings(data, restore)) if restore is not None else None
        )
        conversation = list(sendable)
        repaired = False
        while True:
            response = await self._runner.send(
                provider,
                conversation,
                output,
                provider_schema,
                "native" if native else "prompted",
                policy,
                deadline,
                source_text,
                attempts,
                repair=repaired,
            )
            try:
                if response.finish_reason == "length":
                    raise OutputTruncated(f"output of {name} hit the token limit")
                value = parse_output(response.text, output, transform=transform)
            except ContentError as exc:
                mark_last_attempt(attempts, exc)
                log_event(
                    _log,
                    "gateway.invalid_output",
                    provider=name,
                    error_type=type(exc).__name__,
                    repair=repaired,
                )
                can_repair = (
                    policy.repair
                    and not repaired
                    and isinstance(exc, SchemaViolation)
                    and deadline.remaining() > DEADLINE_MARGIN_S
                )
                if not can_repair or not isinstance(exc, SchemaViolation):
                    raise
                repaired = True
                conversation = [
                    *sendable,
                    Message(role="assistant", content=response.text),
                    repair_message(exc),
                ]
                continue
            return value, response.model


def _annotate(span: SpanScope, result: CallResult[Any]) -> None:
    """Put what a logical call came to on its span: provider, attempts, fallback, error type."""
    span.set("clinllm.attempts", len(result.attempts))
    span.set("clinllm.cost_usd", result.cost_usd)
    if result.error is not None:
        span.fail(type(result.error).__name__)
        return
    span.set("clinllm.provider", result.provider)
    span.set("clinllm.fallback_used", result.fallback_used)


def _with_instructions(messages: Sequence[Message], instructions: str) -> list[Message]:
    """Append schema instructions to the system message (or add one first)."""
    if messages and messages[0].role == "system":
        first = Message(role="system", content=f"{messages[0].content}\n\n{instructions}")
        return [first, *messages[1:]]
    return [Message(role="system", content=instructions), *messages]
