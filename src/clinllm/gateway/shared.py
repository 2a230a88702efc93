"""Provider rate limits and circuit breakers shared by every worker, in Redis.

A provider's limits (requests and tokens per minute) and its health belong to the *account*,
not to one process: eight workers each allowed 60 requests a minute send 480, and a provider
that is down is down for all of them. :class:`ProviderStateStore` is where the
:class:`~clinllm.gateway.attempts.AttemptRunner` gets each provider's limiter and breaker:

* :class:`LocalProviderState` (the embedded default): in-process ``aiolimiter`` buckets and a
  :class:`~clinllm.gateway.breaker.CircuitBreaker` per provider.
* :class:`RedisProviderState`: moving windows in Redis through the ``limits`` library (one
  window per account and provider, weighted by tokens for the token limit), and a breaker whose
  failure count, open time and half-open probe live in one Redis hash and key, so the first
  worker that sees the provider fail hard opens it for all, and exactly one worker probes.

Keys are scoped by ``namespace`` (the tenant or account). Times in Redis are wall-clock
seconds (shared across machines); a skew of a second between machines shifts a 30-second
reset by that much, which is harmless here.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Protocol

from clinllm.errors import CircuitOpen, ConfigError
from clinllm.gateway.breaker import BreakerState, CircuitBreaker
from clinllm.gateway.config import BreakerConfig, LimitsConfig
from clinllm.gateway.limits import ProviderLimits

__all__ = [
    "Breaker",
    "Limiter",
    "LocalProviderState",
    "ProviderStateStore",
    "RedisBreaker",
    "RedisLimits",
    "RedisProviderState",
]


class Limiter(Protocol):
    """Client-side limits of one provider."""

    @property
    def enforced(self) -> bool:
        """Whether any limit is set."""
        ...

    async def acquire(self, estimated_tokens: int) -> None:
        """Wait until one request of about ``estimated_tokens`` tokens may start."""
        ...


class Breaker(Protocol):
    """The circuit breaker of one provider (see :mod:`clinllm.gateway.breaker`)."""

    @property
    def state(self) -> BreakerState:
        """closed, open or half_open."""
        ...

    def before_call(self) -> None:
        """Raise :class:`~clinllm.errors.CircuitOpen` unless a request may be sent."""
        ...

    def record_success(self) -> None:
        """The provider answered (or proved it is up)."""
        ...

    def record_failure(self) -> None:
        """A hard failure."""
        ...

    def release(self) -> None:
        """A permitted request ended without a verdict."""
        ...


class ProviderStateStore(Protocol):
    """Makes each provider's limiter and breaker (once per provider per process)."""

    def limiter(self, provider: str, config: LimitsConfig) -> Limiter:
        """The limiter of ``provider``."""
        ...

    def breaker(self, provider: str, config: BreakerConfig) -> Breaker:
        """The breaker of ``provider``."""
        ...


class LocalProviderState:
    """Per-process limits and breakers: the embedded default (one process, no Redis).

    Args:
        clock: Monotonic clock for the breakers, injectable for tests.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock

    def limiter(self, provider: str, config: LimitsConfig) -> Limiter:
        """In-process leaky buckets."""
        return ProviderLimits(config)

    def breaker(self, provider: str, config: BreakerConfig) -> Breaker:
        """An in-process breaker."""
        return CircuitBreaker(
            provider,
            failure_threshold=config.failure_threshold,
            reset_timeout_s=config.reset_timeout_s,
            clock=self._clock,
        )


class RedisLimits:
    """Requests- and tokens-per-minute moving windows in Redis, shared by every worker.

    Args:
        limiter: A ``limits.aio.strategies.MovingWindowRateLimiter`` over Redis storage.
        key: Who shares the window (``<namespace>:<provider>``).
        config: The limits; a None limit is not enforced.
    """

    def __init__(self, limiter: object, key: str, config: LimitsConfig) -> None:
        from limits import RateLimitItemPerMinute

        self._limiter = limiter
        self._key = key
        self._requests = (
            RateLimitItemPerMinute(config.requests_per_minute)
            if config.requests_per_minute
            else None
        )
        self._tokens = (
            RateLimitItemPerMinute(config.tokens_per_minute) if config.tokens_per_minute else None
        )
        self._tokens_per_minute = config.tokens_per_minute

    @property
    def enforced(self) -> bool:
        """Whether any limit is set."""
        return self._requests is not None or self._tokens is not None

    async def acquire(self, estimated_tokens: int) -> None:
        """Wait until the shared windows have room (the caller bounds the wait)."""
        if self._requests is not None:
            await self._take(self._requests, "requests", 1)
        if self._tokens is not None and self._tokens_per_minute is not None:
            cost = min(max(estimated_tokens, 1), self._tokens_per_minute)
            await self._take(self._tokens, "tokens", cost)

    async def _take(self, item: object, kind: str, cost: int) -> None:
        limiter = self._limiter
        while not await limiter.hit(item, self._key, kind, cost=cost):  # type: ignore[attr-defined]
            stats = await limiter.get_window_stats(item, self._key, kind)  # type: ignore[attr-defined]
            await asyncio.sleep(min(5.0, max(0.05, stats.reset_time - time.time())))


class RedisBreaker:
    """A consecutive-failure breaker whose state every worker shares through Redis.

    Same rules as :class:`~clinllm.gateway.breaker.CircuitBreaker`: only hard failures count,
    the circuit opens at the threshold, and after ``reset_timeout_s`` one probe (a Redis key
    taken with ``SET NX``, so one worker in the whole fleet) is let through.

    Args:
        client: A synchronous ``redis.Redis`` client (one round trip per call, on loopback or
            in the same network: well under a millisecond).
        provider: Provider string.
        key: The hash holding the state (``clinllm:breaker:<namespace>:<provider>``).
        config: Threshold and reset timeout.
    """

    def __init__(self, client: object, provider: str, key: str, config: BreakerConfig) -> None:
        self._redis = client
        self._provider = provider
        self._key = key
        self._probe = f"{key}:probe"
        self._threshold = config.failure_threshold
        self._reset_timeout_s = config.reset_timeout_s

    def _opened_at(self) -> float | None:
        value = self._redis.hget(self._key, "opened_at")  # type: ignore[attr-defined]
        return float(value) if value is not None else None

    @property
    def state(self) -> BreakerState:
        """The shared state."""
        opened_at = self._opened_at()
        if opened_at is None:
            return "closed"
        return "half_open" if time.time() - opened_at >= self._reset_timeout_s else "open"

    def before_call(self) -> None:
        """Let a request through when closed, or as the fleet's one half-open probe."""
        state = self.state
        if state == "closed":
            return
        if state == "half_open":
            ttl_ms = max(1, int(self._reset_timeout_s * 1000))
            if self._redis.set(self._probe, "1", nx=True, px=ttl_ms):  # type: ignore[attr-defined]
                return
        raise CircuitOpen(self._provider, detail=f"breaker={state}")

    def record_success(self) -> None:
        """Close the circuit for everyone."""
        self._redis.delete(self._key, self._probe)  # type: ignore[attr-defined]

    def record_failure(self) -> None:
        """Count a hard failure; open (or re-open) the circuit for everyone at the threshold."""
        now = repr(time.time())
        pipe = self._redis.pipeline()  # type: ignore[attr-defined]
        pipe.delete(self._probe)
        pipe.hincrby(self._key, "failures", 1)
        pipe.hget(self._key, "opened_at")
        _, failures, opened_at = pipe.execute()
        if opened_at is not None or int(failures) >= self._threshold:
            self._redis.hset(self._key, "opened_at", now)  # type: ignore[attr-defined]

    def release(self) -> None:
        """Free the probe without a verdict."""
        self._redis.delete(self._probe)  # type: ignore[attr-defined]


class RedisProviderState:
    """Limits and breakers in Redis, shared by every worker of one account.

    Args:
        url: ``redis://host:6379/0``.
        namespace: Whose limits these are (the tenant or account): part of every key.

    Raises:
        ConfigError: The URL is not a Redis URL.
    """

    def __init__(self, url: str, *, namespace: str) -> None:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ConfigError("not a Redis URL", setting="CLINLLM_JOBS__REDIS_URL")
        import redis
        from limits.aio.storage import RedisStorage
        from limits.aio.strategies import MovingWindowRateLimiter

        self._namespace = namespace
        self._client = redis.Redis.from_url(url, socket_timeout=2.0, socket_connect_timeout=2.0)
        self._limiter = MovingWindowRateLimiter(
            RedisStorage(f"async+{url}", implementation="redispy", key_prefix="clinllm")
        )

    def __repr__(self) -> str:
        return f"RedisProviderState(namespace={self._namespace!r})"

    async def aclose(self) -> None:
        """Close both Redis connections (the breaker's and the limiter's)."""
        self._client.close()
        bridge = getattr(getattr(self._limiter, "storage", None), "bridge", None)
        inner = getattr(bridge, "storage", None)
        close = getattr(inner, "aclose", None)
        if close is not None:
            await close()

    def limiter(self, provider: str, config: LimitsConfig) -> Limiter:
        """A moving window per account and provider."""
        return RedisLimits(self._limiter, f"{self._namespace}:{provider}", config)

    def breaker(self, provider: str, config: BreakerConfig) -> Breaker:
        """A breaker shared through one Redis hash."""
        key = f"clinllm:breaker:{self._namespace}:{provider}"
        return RedisBreaker(self._client, provider, key, config)
