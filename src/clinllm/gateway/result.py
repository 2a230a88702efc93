"""What a gateway call returns: the validated output, every attempt, usage, cost and failure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel

from clinllm.errors import ClinLLMError
from clinllm.gateway.ports import Usage

__all__ = ["Attempt", "AttemptOutcome", "CallResult"]

T = TypeVar("T", bound=BaseModel)

#: How one attempt ended.
AttemptOutcome = Literal[
    "ok",
    "schema_invalid",
    "truncated",
    "timeout",
    "connection_error",
    "unavailable",
    "rate_limited",
    "rejected",
    "circuit_open",
    "refused_phi",
    "deadline",
]


@dataclass(frozen=True, slots=True)
class Attempt:
    """One request to one provider (or one refusal to send it).

    Attributes:
        provider: Provider string, e.g. ``openai:gpt-4o-mini``.
        model: The model that answered, when one did.
        outcome: How the attempt ended.
        usage: Tokens spent by this attempt (0 when nothing was sent).
        cost_usd: Cost of this attempt from the versioned price table.
        latency_s: Wall time of this attempt.
        repair: Whether this attempt was the one-time re-ask after invalid output.
        error_type: Name of the typed error, when it failed.
        status_code: HTTP status, when there was one.
        request_id: The provider's request id, when it sent one.
    """

    provider: str
    model: str | None
    outcome: AttemptOutcome
    usage: Usage = field(default_factory=Usage)
    cost_usd: float = 0.0
    latency_s: float = 0.0
    repair: bool = False
    error_type: str | None = None
    status_code: int | None = None
    request_id: str | None = None


@dataclass(frozen=True, slots=True)
class CallResult(Generic[T]):
    """The outcome of one logical call through the gateway.

    Exactly one of ``output`` and ``error`` is set. ``output`` is always an instance of the
    requested model, validated; raw model text never appears here.

    Attributes:
        output: The validated object, or None when nothing valid came back.
        error: The typed failure when ``output`` is None.
        provider: Provider string that produced ``output``.
        model: Model name that produced ``output``.
        attempts: Every attempt in order, including refusals and failures.
        latency_s: Wall time of the whole logical call.
        redactions: PHI entity type to how many were pseudonymized before sending (counts
            only, for the audit record; empty when nothing was pseudonymized).
    """

    output: T | None
    error: ClinLLMError | None
    provider: str | None
    model: str | None
    attempts: tuple[Attempt, ...]
    latency_s: float
    redactions: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ok(self) -> bool:
        """Whether a validated output came back."""
        return self.output is not None

    @property
    def usage(self) -> Usage:
        """Tokens summed over every attempt."""
        total = Usage()
        for attempt in self.attempts:
            total = total + attempt.usage
        return total

    @property
    def cost_usd(self) -> float:
        """Cost summed over every attempt."""
        return sum(a.cost_usd for a in self.attempts)

    @property
    def fallback_used(self) -> bool:
        """Whether the answer came from a provider other than the first one tried."""
        return (
            bool(self.attempts)
            and self.provider is not None
            and (self.provider != self.attempts[0].provider)
        )

    def unwrap(self) -> T:
        """Return the output or raise the typed failure.

        Raises:
            clinllm.errors.ClinLLMError: The failure that ended the call.
        """
        if self.output is not None:
            return self.output
        assert self.error is not None
        raise self.error
