"""Client-side request and token limits per provider (leaky buckets over one minute).

Waiting for capacity counts against the call's deadline like any other wait.
"""

from __future__ import annotations

from aiolimiter import AsyncLimiter

from clinllm.gateway.config import LimitsConfig

__all__ = ["ProviderLimits"]


class ProviderLimits:
    """Requests-per-minute and tokens-per-minute limits of one provider.

    Args:
        config: The limits; a None limit is not enforced.
    """

    def __init__(self, config: LimitsConfig) -> None:
        self._requests = (
            AsyncLimiter(config.requests_per_minute, 60.0) if config.requests_per_minute else None
        )
        self._tokens_per_minute = config.tokens_per_minute
        self._tokens = (
            AsyncLimiter(config.tokens_per_minute, 60.0) if config.tokens_per_minute else None
        )

    @property
    def enforced(self) -> bool:
        """Whether any limit is set."""
        return self._requests is not None or self._tokens is not None

    async def acquire(self, estimated_tokens: int) -> None:
        """Wait until one request of about ``estimated_tokens`` tokens may start.

        The caller bounds the wait with the call's deadline.
        """
        if self._requests is not None:
            await self._requests.acquire(1)
        if self._tokens is not None and self._tokens_per_minute is not None:
            await self._tokens.acquire(min(max(estimated_tokens, 1), self._tokens_per_minute))
