"""Per-call knobs as a typed value object, and the deadline that bounds a logical call."""

from __future__ import annotations

import time
from dataclasses import dataclass

from clinllm.errors import ConfigError

__all__ = ["CallPolicy", "Deadline"]


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


class Deadline:
    """A point in monotonic time by which a logical call must end."""

    __slots__ = ("_end", "budget_s")

    def __init__(self, budget_s: float) -> None:
        self.budget_s = budget_s
        self._end = time.monotonic() + budget_s

    def remaining(self) -> float:
        """Seconds left, never negative."""
        return max(0.0, self._end - time.monotonic())

    @property
    def expired(self) -> bool:
        """Whether no time is left."""
        return self.remaining() <= 0.0
