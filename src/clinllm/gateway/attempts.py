"""One request to one provider, and the one retry loop around it.

:class:`AttemptRunner` sends a request inside the time left of the logical call: it asks the
provider's circuit breaker, waits for rate-limit capacity, calls the provider with the remaining
budget as its timeout, and records the attempt (outcome, usage, cost, latency, request id). World
failures (429, 5xx, timeouts, connection errors) are retried with jittered exponential backoff
that honours ``Retry-After`` (stamina; SDK retries are off), never past the deadline. The breaker
trips on hard failures, not on 429.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import stamina
from pydantic import BaseModel

from clinllm.domain.calls import Attempt, AttemptOutcome, CallPolicy
from clinllm.domain.ports import RunTracer, SpanScope
from clinllm.domain.tracing import NO_TRACER
from clinllm.errors import (
    CircuitOpen,
    ClinLLMError,
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
from clinllm.gateway.config import BreakerConfig, LimitsConfig
from clinllm.gateway.policy import Deadline
from clinllm.gateway.ports import ChatModel, Message, ModelRequest, ModelResponse, OutputMode
from clinllm.gateway.pricing import PriceTable
from clinllm.gateway.shared import Breaker, Limiter, LocalProviderState, ProviderStateStore
from clinllm.observability.genai import OPERATION_CHAT, provider_name
from clinllm.observability.logging import get_logger, log_event

__all__ = ["DEADLINE_MARGIN_S", "AttemptRunner", "mark_last_attempt", "outcome_of"]

_log = get_logger("clinllm.gateway")

#: Seconds kept back from the deadline so the call can return its result in time.
DEADLINE_MARGIN_S = 0.005

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


def outcome_of(error: ClinLLMError) -> AttemptOutcome:
    """The attempt outcome a typed error stands for."""
    return _OUTCOME_BY_ERROR.get(type(error), "unavailable")


def _estimate_tokens(messages: Sequence[Message], max_output_tokens: int) -> int:
    """A cheap upper-bound guess for rate limiting: ~4 characters a token, plus the output cap."""
    return sum(len(m.content) for m in messages) // 4 + max_output_tokens


def mark_last_attempt(attempts: list[Attempt], error: ContentError) -> None:
    """Record that the last (successful at transport level) attempt produced unusable output."""
    if not attempts:
        return
    attempts[-1] = dataclasses.replace(
        attempts[-1],
        outcome=_OUTCOME_BY_ERROR.get(type(error), "schema_invalid"),
        error_type=type(error).__name__,
    )


class _ProviderState:
    """Breaker and limits kept per provider across calls."""

    __slots__ = ("breaker", "limits")

    def __init__(self, breaker: Breaker, limits: Limiter) -> None:
        self.breaker = breaker
        self.limits = limits


class AttemptRunner:
    """Sends requests with retries, keeping each provider's breaker and limits across calls.

    Args:
        prices: The versioned price table (cost of every attempt).
        breaker: Circuit breaker thresholds, the same for every provider.
        limits: Per-provider rate limits, by provider string or by kind (``openai``).
        clock: Monotonic clock for breakers, injectable for tests.
        tracer: Opens one GenAI ``chat {model}`` client span per attempt.
        states: Where each provider's limiter and breaker live: this process (the default) or
            Redis, shared by every worker (:mod:`clinllm.gateway.shared`).
    """

    def __init__(
        self,
        *,
        prices: PriceTable,
        breaker: BreakerConfig,
        limits: Mapping[str, LimitsConfig],
        clock: Callable[[], float] = time.monotonic,
        tracer: RunTracer = NO_TRACER,
        states: ProviderStateStore | None = None,
    ) -> None:
        self._tracer = tracer
        self.states: ProviderStateStore = (
            states if states is not None else LocalProviderState(clock)
        )
        self._prices = prices
        self._breaker_config = breaker
        self._limits = dict(limits)
        self._clock = clock
        self._state: dict[str, _ProviderState] = {}

    def breaker_state(self, name: str) -> str:
        """The circuit breaker state of provider ``name`` (``closed`` if never called)."""
        state = self._state.get(name)
        return state.breaker.state if state else "closed"

    def breaker_states(self) -> dict[str, str]:
        """The breaker state of every provider called so far."""
        return {name: state.breaker.state for name, state in self._state.items()}

    def _state_for(self, name: str) -> _ProviderState:
        state = self._state.get(name)
        if state is None:
            kind = name.split(":", 1)[0]
            limits = self._limits.get(name) or self._limits.get(kind) or LimitsConfig()
            state = _ProviderState(
                self.states.breaker(name, self._breaker_config),
                self.states.limiter(name, limits),
            )
            self._state[name] = state
        return state

    async def send(
        self,
        provider: ChatModel,
        conversation: Sequence[Message],
        output: type[BaseModel],
        schema: dict[str, Any],
        mode: OutputMode,
        policy: CallPolicy,
        deadline: Deadline,
        source_text: str | None,
        attempts: list[Attempt],
        *,
        repair: bool,
    ) -> ModelResponse:
        """Send one request, retrying world failures inside the deadline (the one retry loop)."""
        state = self._state_for(provider.name)
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
            if wait >= deadline.remaining() - DEADLINE_MARGIN_S:
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
        """One request inside its GenAI client span (see :meth:`_attempt_in`)."""
        name = provider.name
        model = name.split(":", 1)[1] if ":" in name else name
        with self._tracer.span(
            f"{OPERATION_CHAT} {model}",
            {
                "gen_ai.operation.name": OPERATION_CHAT,
                "gen_ai.provider.name": provider_name(name),
                "gen_ai.request.model": model,
                "gen_ai.request.max_tokens": request.max_output_tokens,
                "gen_ai.request.temperature": request.temperature,
                "gen_ai.output.type": "json",
                "clinllm.provider": name,
                "clinllm.repair": repair,
            },
            kind="client",
        ) as span:
            before = len(attempts)
            try:
                response = await self._attempt_in(
                    provider, state, request, estimated_tokens, deadline, attempts, repair=repair
                )
            finally:
                _annotate(span, attempts[-1] if len(attempts) > before else None)
        return response

    async def _attempt_in(
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
                async with asyncio.timeout(max(0.0, deadline.remaining() - DEADLINE_MARGIN_S)):
                    await state.limits.acquire(estimated_tokens)
            budget = max(0.0, deadline.remaining() - DEADLINE_MARGIN_S)
            sent = dataclasses.replace(request, timeout_s=budget)
            try:
                async with asyncio.timeout(budget):
                    response = await provider.generate(sent)
            except TimeoutError:
                raise ProviderTimeout(name, detail="deadline reached during attempt") from None
        except ProviderError as exc:
            self._record_failure(state, exc)
            outcome = outcome_of(exc)
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

    @staticmethod
    def _record_failure(state: _ProviderState, exc: ProviderError) -> None:
        if exc.trips_breaker:
            state.breaker.record_failure()
        elif isinstance(exc, RateLimited):
            state.breaker.record_success()  # busy, not down: a 429 proves it is up
        else:
            state.breaker.release()


def _annotate(span: SpanScope, attempt: Attempt | None) -> None:
    """Put an attempt's result on its span: response model, usage, cost, outcome, error type."""
    if attempt is None:
        return
    span.set("clinllm.attempt.outcome", attempt.outcome)
    if attempt.error_type is not None:
        span.fail(attempt.error_type)
        return
    span.set("gen_ai.response.model", attempt.model)
    span.set("gen_ai.response.id", attempt.request_id)
    span.set("gen_ai.usage.input_tokens", attempt.usage.input_tokens)
    span.set("gen_ai.usage.output_tokens", attempt.usage.output_tokens)
    span.set("clinllm.cost_usd", attempt.cost_usd)
