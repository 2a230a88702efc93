"""The deadline that bounds a logical call (its policy, :class:`CallPolicy`, is a domain value)."""

from __future__ import annotations

import time

from clinllm.domain.calls import CallPolicy

__all__ = ["CallPolicy", "Deadline"]


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
