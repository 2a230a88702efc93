"""The gateway: one async interface for every structured model call.

``await gateway.complete(messages, output=Model, policy=CallPolicy(...))`` walks the fallback
chain. For each provider it checks the data policy (PHI goes only where ``phi_allowed``, or
pseudonymized through a guard), asks the circuit breaker and the rate limits, sends the request
inside the time left, retries world failures with jittered exponential backoff that honours
``Retry-After`` (one retry loop, stamina; SDK retries are off), validates the output against the
pydantic model, and re-asks once with the failing field paths when it does not validate.
Everything happens inside one deadline per logical call. The result holds the validated object
or a typed failure, and every attempt with its usage and cost.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Protocol, TypeVar, runtime_checkable

import stamina
from pydantic import BaseModel

from clinllm.domain.calls import Attempt, AttemptOutcome, CallResult
from clinllm.errors import (
    AllProvidersFailed,
    CircuitOpen,
    ClinLLMError,
    ConfigError,
    ContentError,
    DataPolicyViolation,
    DeadlineExceeded,
    OutputTruncated,
    ProviderConnectionError,
    ProviderError,
    ProviderRejected,
    ProviderTimeout,
    ProviderUnavailable,
    RateLimited,
    SchemaViolation,
)
from clinllm.gateway.breaker import CircuitBreaker
from clinllm.gateway.config import BreakerConfig, LimitsConfig
from clinllm.gateway.limits import ProviderLimits
from clinllm.gateway.policy import CallPolicy, Deadline
from clinllm.gateway.ports import ChatModel, Message, ModelRequest, ModelResponse
from clinllm.gateway.pricing import PriceTable
from clinllm.gateway.structured import (
    json_schema_for,
    parse_output,
    prompted_instructions,
    repair_message,
    strict_json_schema_for,
)
from clinllm.observability.logging import get_logger, log_event

__all__ = ["Gateway", "PhiGuard", "ProtectedTexts", "ProviderResolver"]

T = TypeVar("T", bound=BaseModel)

_log = get_logger("clinllm.gateway")

#: Seconds kept back from the deadline so the call can return its result in time.
_DEADLINE_MARGIN_S = 0.005

_OUTCOME_BY_ERROR: dict[type[ClinLLMError], AttemptOutcome] = {
    RateLimited: "rate_limited",
    ProviderTimeout: "timeout",
    ProviderConnectionError: "connection_error",
    ProviderUnavailable: "unavailable",
    ProviderRejected: "rejected",
    CircuitOpen: "circuit_open",
    SchemaViolation: "schema_invalid",
    OutputTruncated: "truncated",
    DataPolicyViolation: "refused_phi",
    DeadlineExceeded: "deadline",
}


@dataclass(frozen=True, slots=True)
class ProtectedTexts:
    """Texts made safe to send, and how to undo it in the answer.

    Attributes:
        texts: The pseudonymized texts, in the order given.
        restore: Maps surrogates in model output back to the original values.
        counts: Entity type to how many were replaced (for the audit; no values).
    """

    texts: tuple[str, ...]
    restore: Callable[[str], str]
    counts: Mapping[str, int]

    def __repr__(self) -> str:
        """Counts only: the texts may still hold context around the surrogates."""
        return f"ProtectedTexts(n={len(self.texts)}, counts={dict(self.counts)})"


class PhiGuard(Protocol):
    """Pseudonymizes PHI before it goes to a provider without a BAA.

    ``protect`` must raise a :class:`clinllm.errors.ClinLLMError` when detection fails; the
    gateway then refuses to send anything.
    """

    def protect(self, texts: Sequence[str], *, scope: str) -> ProtectedTexts:
        """Pseudonymize ``texts`` consistently within ``scope`` (tenant or patient key)."""
        ...


@runtime_checkable
class Loadable(Protocol):
    """A provider with an expensive first use (an embedded model) that can be loaded ahead."""

    def load(self) -> object:
        """Load now, so the first call's deadline is not spent on loading."""
        ...


#: Builds a provider from its string; raises ``ConfigError`` for an unknown or misconfigured one.
ProviderResolver = Callable[[str], ChatModel]


def _estimate_tokens(messages: Sequence[Message], max_output_tokens: int) -> int:
    """A cheap upper-bound guess for rate limiting: ~4 characters a token, plus the output cap."""
    return sum(len(m.content) for m in messages) // 4 + max_output_tokens


def _restore_strings(value: Any, restore: Callable[[str], str]) -> Any:
    """Apply ``restore`` to every string inside parsed JSON."""
    if isinstance(value, str):
        return restore(value)
    if isinstance(value, list):
        return [_restore_strings(v, restore) for v in value]
    if isinstance(value, dict):
        return {k: _restore_strings(v, restore) for k, v in value.items()}
    return value


class _ProviderState:
    """Breaker and limits kept per provider across calls."""

    __slots__ = ("breaker", "limits")

    def __init__(self, breaker: CircuitBreaker, limits: ProviderLimits) -> None:
        self.breaker = breaker
        self.limits = limits


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
        phi_guard: Pseudonymizes PHI for providers without a BAA; without one such calls
            are refused for those providers.
        scope: Salt scope (tenant) handed to the PHI guard.
        clock: Monotonic clock for breakers, injectable for tests.
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
        phi_guard: PhiGuard | None = None,
        scope: str = "default",
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._providers: dict[str, ChatModel] = dict(providers or {})
        self._resolver = resolver
        self._default_chain = tuple(default_chain) or tuple(self._providers)
        self._default_policy = default_policy or CallPolicy()
        self._prices = prices if prices is not None else PriceTable.bundled()
        self._breaker_config = breaker or BreakerConfig()
        self._limits = dict(limits or {})
        self._phi_guard = phi_guard
        self._scope = scope
        self._clock = clock
        self._state: dict[str, _ProviderState] = {}

    @property
    def default_chain(self) -> tuple[str, ...]:
        """The chain used when a call's policy names none."""
        return self._default_chain

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
        state = self._state.get(name)
        return state.breaker.state if state else "closed"

    async def aclose(self) -> None:
        """Close every provider that was built."""
        for provider in self._providers.values():
            await provider.aclose()

    def _state_for(self, name: str) -> _ProviderState:
        state = self._state.get(name)
        if state is None:
            kind = name.split(":", 1)[0]
            limits = self._limits.get(name) or self._limits.get(kind) or LimitsConfig()
            state = _ProviderState(
                CircuitBreaker(
                    name,
                    failure_threshold=self._breaker_config.failure_threshold,
                    reset_timeout_s=self._breaker_config.reset_timeout_s,
                    clock=self._clock,
                ),
                ProviderLimits(limits),
            )
            self._state[name] = state
        return state

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
        deadline = Deadline(policy.deadline_s)
        started = time.monotonic()
        attempts: list[Attempt] = []
        errors: list[ClinLLMError] = []
        tried: list[str] = []
        redactions: Counter[str] = Counter()
        schema = json_schema_for(output)

        for name in chain:
            if deadline.remaining() <= _DEADLINE_MARGIN_S:
                break
            provider = self.provider(name)
            tried.append(name)
            try:
                value, model = await self._run_provider(
                    provider,
                    messages,
                    output,
                    schema,
                    policy,
                    deadline,
                    source_text,
                    attempts,
                    redactions,
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
        if deadline.remaining() <= _DEADLINE_MARGIN_S:
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

    async def _run_provider(
        self,
        provider: ChatModel,
        messages: Sequence[Message],
        output: type[T],
        schema: dict[str, Any],
        policy: CallPolicy,
        deadline: Deadline,
        source_text: str | None,
        attempts: list[Attempt],
        redactions: Counter[str],
    ) -> tuple[T, str | None]:
        """One provider's turn: data policy, then send with retries, then validate or repair."""
        name = provider.name
        restore: Callable[[str], str] | None = None
        sendable = list(messages)
        if policy.contains_phi and not provider.data_policy.phi_allowed:
            if self._phi_guard is None:
                attempts.append(
                    Attempt(name, None, "refused_phi", error_type="DataPolicyViolation")
                )
                log_event(_log, "gateway.refused", provider=name, outcome="refused_phi")
                raise DataPolicyViolation(name)
            try:
                protected = self._phi_guard.protect(
                    [m.content for m in messages], scope=self._scope
                )
            except ClinLLMError as exc:
                attempts.append(Attempt(name, None, "refused_phi", error_type=type(exc).__name__))
                raise DataPolicyViolation(name) from exc
            sendable = [
                Message(role=m.role, content=text)
                for m, text in zip(messages, protected.texts, strict=True)
            ]
            restore = protected.restore
            redactions.update(protected.counts)
            source_text = None  # never hand the original document to a remote provider
            log_event(
                _log, "gateway.pseudonymized", provider=name, entity_counts=dict(protected.counts)
            )

        capabilities = provider.capabilities
        native = capabilities.native_structured_output
        provider_schema = strict_json_schema_for(output) if capabilities.json_schema else schema
        if not native:
            sendable = _with_instructions(sendable, prompted_instructions(output.__name__, schema))

        transform = (lambda data: _restore_strings(data, restore)) if restore else None
        conversation = list(sendable)
        repaired = False
        while True:
            response = await self._send_with_retries(
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
                _mark_last_attempt(attempts, exc)
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
                    and deadline.remaining() > _DEADLINE_MARGIN_S
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

    async def _send_with_retries(
        self,
        provider: ChatModel,
        conversation: Sequence[Message],
        output: type[BaseModel],
        schema: dict[str, Any],
        mode: Any,
        policy: CallPolicy,
        deadline: Deadline,
        source_text: str | None,
        attempts: list[Attempt],
        *,
        repair: bool,
    ) -> ModelResponse:
        """Send one request, retrying world failures inside the deadline (the one retry loop)."""
        name = provider.name
        state = self._state_for(name)
        backoff_attempt = 0

        def backoff(exc: Exception) -> bool | float:
            """Decide whether to retry ``exc`` and how long to wait first."""
            nonlocal backoff_attempt
            if not isinstance(exc, ProviderError) or not exc.retryable:
                return False
            backoff_attempt += 1
            if isinstance(exc, RateLimited) and exc.retry_after_s is not None:
                wait = exc.retry_after_s
            else:
                exp = policy.backoff_initial_s * (2 ** (backoff_attempt - 1))
                wait = min(policy.backoff_max_s, exp) * random.uniform(0.5, 1.0)  # noqa: S311
            if wait >= deadline.remaining() - _DEADLINE_MARGIN_S:
                return False  # waiting would pass the deadline: give up on this provider now
            return wait

        template = ModelRequest(
            messages=tuple(conversation),
            schema_name=output.__name__,
            json_schema=schema,
            output_mode=mode,
            max_output_tokens=policy.max_output_tokens,
            temperature=policy.temperature,
            timeout_s=0.0,  # set per attempt from the time left
            source_text=source_text,
            output_type=output,
        )
        estimated = _estimate_tokens(template.messages, policy.max_output_tokens)
        # The first attempt runs outside the retry machinery, so the common case (success at
        # once) does not pay for it; only after a retryable failure does stamina take over.
        try:
            return await self._attempt(
                provider, state, template, estimated, deadline, attempts, repair=repair
            )
        except ProviderError as exc:
            first_wait = backoff(exc)
            if first_wait is False or policy.max_attempts == 1:
                raise
        await asyncio.sleep(float(first_wait))
        async for retry in stamina.retry_context(
            on=backoff, attempts=policy.max_attempts - 1, timeout=None
        ):
            with retry:
                return await self._attempt(
                    provider, state, template, estimated, deadline, attempts, repair=repair
                )
        raise AssertionError("unreachable: stamina re-raises the last error")  # pragma: no cover

    async def _attempt(
        self,
        provider: ChatModel,
        state: _ProviderState,
        request: ModelRequest,
        estimated_tokens: int,
        deadline: Deadline,
        attempts: list[Attempt],
        *,
        repair: bool,
    ) -> ModelResponse:
        """One request: breaker, limits, the call inside the time left, bookkeeping."""
        name = provider.name
        started = time.monotonic()
        try:
            state.breaker.before_call()
        except CircuitOpen as exc:
            attempts.append(
                Attempt(name, None, "circuit_open", error_type="CircuitOpen", repair=repair)
            )
            log_event(_log, "gateway.attempt", provider=name, outcome="circuit_open")
            raise exc from None
        try:
            if state.limits.enforced:
                async with asyncio.timeout(max(0.0, deadline.remaining() - _DEADLINE_MARGIN_S)):
                    await state.limits.acquire(estimated_tokens)
            budget = max(0.0, deadline.remaining() - _DEADLINE_MARGIN_S)
            sent = dataclasses.replace(request, timeout_s=budget)
            try:
                async with asyncio.timeout(budget):
                    response = await provider.generate(sent)
            except TimeoutError:
                raise ProviderTimeout(name, detail="deadline reached during attempt") from None
        except ProviderError as exc:
            if exc.trips_breaker:
                state.breaker.record_failure()
            elif isinstance(exc, RateLimited):
                state.breaker.record_success()  # busy, not down: a 429 proves it is up
            else:
                state.breaker.release()
            outcome = _OUTCOME_BY_ERROR.get(type(exc), "unavailable")
            attempts.append(
                Attempt(
                    name,
                    None,
                    outcome,
                    latency_s=time.monotonic() - started,
                    repair=repair,
                    error_type=type(exc).__name__,
                    status_code=exc.status_code,
                    request_id=exc.request_id,
                )
            )
            log_event(
                _log,
                "gateway.attempt",
                level=logging.WARNING,
                provider=name,
                outcome=outcome,
                error_type=type(exc).__name__,
                status_code=exc.status_code,
                request_id=exc.request_id,
                breaker_state=state.breaker.state,
                latency_ms=round((time.monotonic() - started) * 1000, 2),
            )
            raise
        except TimeoutError:
            # Waiting for rate-limit capacity used up the deadline: nothing was sent.
            state.breaker.release()
            attempts.append(
                Attempt(
                    name,
                    None,
                    "deadline",
                    latency_s=time.monotonic() - started,
                    repair=repair,
                    error_type="DeadlineExceeded",
                )
            )
            raise DeadlineExceeded(deadline.budget_s) from None
        state.breaker.record_success()
        cost = self._prices.cost(name, response.model, response.usage)
        attempts.append(
            Attempt(
                name,
                response.model,
                "ok",
                usage=response.usage,
                cost_usd=cost,
                latency_s=time.monotonic() - started,
                repair=repair,
                request_id=response.request_id,
            )
        )
        log_event(
            _log,
            "gateway.attempt",
            provider=name,
            model=response.model,
            outcome="ok",
            request_id=response.request_id,
            input_tokens=response.usage.input_tokens,
            output_tokens=response.usage.output_tokens,
            cost_usd=cost,
            latency_ms=round((time.monotonic() - started) * 1000, 2),
        )
        return response


def _with_instructions(messages: Sequence[Message], instructions: str) -> list[Message]:
    """Append schema instructions to the system message (or add one first)."""
    if messages and messages[0].role == "system":
        first = Message(role="system", content=f"{messages[0].content}\n\n{instructions}")
        return [first, *messages[1:]]
    return [Message(role="system", content=instructions), *messages]


def _mark_last_attempt(attempts: list[Attempt], error: ContentError) -> None:
    """Record that the last (successful at transport level) attempt produced unusable output."""
    if not attempts:
        return
    last = attempts[-1]
    attempts[-1] = Attempt(
        last.provider,
        last.model,
        _OUTCOME_BY_ERROR.get(type(error), "schema_invalid"),
        usage=last.usage,
        cost_usd=last.cost_usd,
        latency_s=last.latency_s,
        repair=last.repair,
        error_type=type(error).__name__,
        status_code=last.status_code,
        request_id=last.request_id,
    )
