"""``RedisKeyLimiter``: the HTTP service's per-API-key rate limit, shared through Redis.

Each service process keeping its own buckets would let N processes allow N times a key's
budget. This limiter keeps one budget per API key in Redis through the ``limits`` library (a
sliding-window counter: two counters per key, one round trip per request), so every process
and machine draws on the same budget. The in-process token bucket (``rate_burst`` at once,
``rate_per_minute`` on average) maps to a window of ``ceil(rate_burst / rate)`` seconds that
holds at most ``rate_burst`` requests: the same burst, an average no higher than the rate.

If Redis cannot be reached the request is allowed and the failure logged by type (a limiter
outage must not take the API down); the service's ``/readyz`` is where Redis health belongs.
"""

from __future__ import annotations

import math
import time
from typing import Any

from clinllm.errors import ConfigError

__all__ = ["RedisKeyLimiter"]


class RedisKeyLimiter:
    """Per-key request budgets in Redis (the :class:`~clinllm.domain.requests.KeyLimiter` port).

    Args:
        url: ``redis://host:6379/0``.
        per_minute: Average requests per minute per key.
        burst: Requests a key may make at once.
        namespace: Prefix of every Redis key (one deployment's budgets).
        on_error: Called with the exception type's name when Redis fails (the request is let
            through).

    Raises:
        ConfigError: The URL is not a Redis URL.
    """

    def __init__(
        self,
        url: str,
        *,
        per_minute: float,
        burst: int,
        namespace: str = "http",
        on_error: Any = None,
    ) -> None:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError("not a Redis URL", setting="CLINLLM_HTTP__REDIS_URL")
        from limits import RateLimitItemPerSecond
        from limits.aio.storage import RedisStorage
        from limits.aio.strategies import SlidingWindowCounterRateLimiter

        rate = per_minute / 60.0
        window = max(1, math.ceil(burst / rate))
        self._item = RateLimitItemPerSecond(burst, window, namespace=f"clinllm-{namespace}")
        self._storage = RedisStorage(f"async+{url}", implementation="redispy")
        self._limiter = SlidingWindowCounterRateLimiter(self._storage)
        self._on_error = on_error
        self._describe = f"RedisKeyLimiter(burst={burst}, window_s={window})"

    def __repr__(self) -> str:
        return self._describe

    async def hit(self, key_id: str) -> float:
        """Count one request of ``key_id``: 0.0 when allowed, else seconds until one is."""
        try:
            if await self._limiter.hit(self._item, key_id):
                return 0.0
            stats = await self._limiter.get_window_stats(self._item, key_id)
        except Exception as exc:  # noqa: BLE001 - an unreachable limiter lets requests through
            if self._on_error is not None:
                self._on_error(type(exc).__name__)
            return 0.0
        return max(0.001, float(stats.reset_time) - time.time())

    async def aclose(self) -> None:
        """Close the Redis connection pool."""
        bridge = getattr(self._storage, "bridge", None)
        inner = getattr(bridge, "storage", None)
        close = getattr(inner, "aclose", None)
        if close is not None:
            await close()
