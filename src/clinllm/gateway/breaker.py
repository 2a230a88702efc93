"""A circuit breaker per provider: stop calling a provider that keeps failing hard.

Only hard failures count (5xx, timeouts, connection errors): a 429 means the provider is healthy
and busy, and a 4xx means our request is wrong; neither says the provider is down. After
``reset_timeout_s`` the breaker lets exactly one probe through (half-open): success closes it,
failure opens it again for another period.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from clinllm.errors import CircuitOpen

__all__ = ["BreakerState", "CircuitBreaker"]

BreakerState = Literal["closed", "open", "half_open"]


class CircuitBreaker:
    """Consecutive-failure circuit breaker with a single half-open probe.

    Args:
        provider: Provider string, for the error raised while open.
        failure_threshold: Consecutive hard failures that open the circuit.
        reset_timeout_s: How long the circuit stays open before a probe.
        clock: Monotonic clock, injectable for tests.
    """

    def __init__(
        self,
        provider: str,
        *,
        failure_threshold: int = 5,
        reset_timeout_s: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._provider = provider
        self._threshold = failure_threshold
        self._reset_timeout_s = reset_timeout_s
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._probe_in_flight = False

    @property
    def state(self) -> BreakerState:
        """The current state, moving from open to half-open when the reset timeout passed."""
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self._reset_timeout_s:
            return "half_open"
        return "open"

    def before_call(self) -> None:
        """Ask permission to send a request.

        Raises:
            CircuitOpen: The circuit is open, or half-open with its one probe already out.
        """
        state = self.state
        if state == "closed":
            return
        if state == "half_open" and not self._probe_in_flight:
            self._probe_in_flight = True
            return
        raise CircuitOpen(self._provider, detail=f"breaker={state}")

    def record_success(self) -> None:
        """A request succeeded (or failed for a reason that says the provider is up)."""
        self._failures = 0
        self._opened_at = None
        self._probe_in_flight = False

    def record_failure(self) -> None:
        """A request failed hard: count it, and open the circuit at the threshold."""
        self._probe_in_flight = False
        if self._opened_at is not None:
            self._opened_at = self._clock()
            return
        self._failures += 1
        if self._failures >= self._threshold:
            self._opened_at = self._clock()

    def release(self) -> None:
        """A permitted request ended without telling whether the provider is healthy."""
        self._probe_in_flight = False
