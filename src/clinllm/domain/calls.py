"""The values of one structured model call: messages, the call policy, the result.

These cross the :class:`~clinllm.domain.ports.StructuredModel` port: the pipeline builds
:class:`Message` lists and a :class:`CallPolicy`, the gateway (the port's adapter) answers with a
:class:`CallResult`. They live in the domain so that the pipeline and the workflows can speak to
a model without importing the gateway that implements the port.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict

from clinllm.errors import ClinLLMError, ConfigError

__all__ = [
    "Attempt",
    "AttemptOutcome",
    "CallPolicy",
    "CallResult",
    "DataPolicy",
    "Message",
    "Usage",
]

T = TypeVar("T", bound=BaseModel)


class Message(BaseModel):
    """One chat message. Its content may be PHI, so it never appears in a validation error."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    role: Literal["system", "user", "assistant"]
    """Who speaks: the instructions (system), the caller (user) or the model (assistant)."""
    content: str
    """The text. May hold PHI: never logged, never put in an error message."""

    def __repr__(self) -> str:
        return f"Message(role={self.role!r}, content=<{len(self.content)} chars>)"

    __str__ = __repr__


@dataclass(frozen=True, slots=True)
class DataPolicy:
    """Where PHI may go.

    Attributes:
        phi_allowed: True only when the provider is covered by a Business Associate Agreement,
            or runs inside this process (embedded model, rules). A call marked as carrying PHI
            is refused for a provider where this is false, before any byte is sent.
        local: The provider runs in this process; nothing leaves the machine.
    """

    phi_allowed: bool = False
    local: bool = False


@dataclass(frozen=True, slots=True)
class Usage:
    """Tokens counted for one attempt (or summed over several)."""

    input_tokens: int = 0
    output_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        """Input plus output tokens."""
        return self.input_tokens + self.output_tokens

    def __add__(self, other: Usage) -> Usage:
        return Usage(
            self.input_tokens + other.input_tokens, self.output_tokens + other.output_tokens
        )


@dataclass(frozen=True, slots=True)
class CallPolicy:
    """How one logical call may spend time, attempts and providers.

    Attributes:
        deadline_s: Wall-clock budget for the whole call: every retry, backoff, fallback and
            re-ask fits inside it. When it passes, the call ends with ``DeadlineExceeded``.
        max_attempts: Attempts per provider for retryable world failures (429, 5xx, timeouts,
            connection errors). The repair re-ask does not count against it.
        chain: Providers to try in order, e.g. ``("openai:gpt-4o-mini", "local:qwen2.5-coder-1.5b",
            "rules")``. Empty means the gateway's default chain.
        contains_phi: The messages carry PHI. Providers without ``phi_allowed`` are skipped
            (refused before anything is sent) unless the gateway has a PHI guard that
            pseudonymizes for them.
        max_output_tokens: Generation cap per attempt.
        temperature: Sampling temperature.
        repair: Allow one re-ask with the validation errors when prompted output is invalid.
        fallback_on_content_error: Move to the next provider when a provider's output stays
            invalid after the re-ask. The next answer is validated too, so this never degrades
            to unvalidated text.
        backoff_initial_s: First backoff for retries (jittered, exponential).
        backoff_max_s: Cap on one backoff; ``Retry-After`` may ask for longer, up to the deadline.
    """

    deadline_s: float = 30.0
    max_attempts: int = 3
    chain: tuple[str, ...] = ()
    contains_phi: bool = False
    max_output_tokens: int = 1024
    temperature: float = 0.0
    repair: bool = True
    fallback_on_content_error: bool = True
    backoff_initial_s: float = 0.2
    backoff_max_s: float = 5.0

    def __post_init__(self) -> None:
        if self.deadline_s <= 0:
            raise ConfigError("CallPolicy.deadline_s must be > 0", setting="deadline_s")
        if self.max_attempts < 1:
            raise ConfigError("CallPolicy.max_attempts must be >= 1", setting="max_attempts")
        if self.max_output_tokens < 1:
            raise ConfigError(
                "CallPolicy.max_output_tokens must be >= 1", setting="max_output_tokens"
            )


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
