"""Who is calling, what their role allows, and how fast they may call.

Every ``/v1`` route depends on :func:`require` with the least role it needs. The principal
comes from the ``Authorization: Bearer`` key alone; nothing in the body or the query can name a
tenant, a role or a group. An unknown key is 401; a known key without the role is 403 (the
route exists for everybody, so saying so leaks nothing); a record of another tenant is 404 (see
:mod:`clinllm.entrypoints.api.problems`).

**Verified keys are remembered** for ``key_cache_ttl_s`` (:class:`CachedKeys`, 5 s by default)
so that a request costs a dictionary lookup, not a database round trip and a hash. Only keys
that verified are kept, by the SHA-256 of the secret (never the secret). A key revoked through
this process (``DELETE /v1/keys/{id}``) is dropped from the cache at once; a key revoked
elsewhere (``clinllm keys revoke``, another service process) stops working within
``key_cache_ttl_s``. Set it to 0 to check the database on every request.

The rate limit is per key: ``rate_burst`` requests at once, refilled at ``rate_per_minute``.
Past it the answer is 429 with ``Retry-After`` (whole seconds until a request is allowed). By
default the buckets are in process (:class:`KeyRateLimiter`); with Redis configured every
service process shares them (:class:`clinllm.store.key_limits.RedisKeyLimiter`, wired by the
composition root).

The dependency is ``async`` and does no blocking work on a cache hit, so it costs no
thread-pool hop; a cache miss reads the database in a worker thread. It is one dependency, not
two: :class:`BearerKey` reads the ``Authorization`` header itself instead of depending on
FastAPI's ``HTTPBearer`` (a second dependency to solve and a pydantic credentials model built
per request), and is itself the security scheme, so the OpenAPI document still declares
``HTTPBearer`` on every ``/v1`` operation.
"""

from __future__ import annotations

import asyncio
import builtins
import hashlib
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.openapi.models import HTTPBearer as HTTPBearerModel
from fastapi.security.base import SecurityBase

from clinllm.domain.identity import ApiKeyInfo, KeyStore, Principal, Role
from clinllm.domain.requests import KeyLimiter
from clinllm.entrypoints.api.problems import ApiProblem

__all__ = ["BearerKey", "CachedKeys", "Caller", "KeyRateLimiter", "require"]

_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="clinllm"'}


class CachedKeys:
    """A :class:`~clinllm.domain.identity.KeyStore` that remembers verified keys for a while.

    Args:
        inner: The key store of record.
        ttl_s: How long a verified key is trusted without asking ``inner`` again (0: never).
        max_entries: Keys remembered (least recently verified dropped first).
        clock: Monotonic seconds (tests control it).
    """

    def __init__(
        self,
        inner: KeyStore,
        ttl_s: float,
        *,
        max_entries: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._inner = inner
        self._ttl = ttl_s
        self._max = max_entries
        self._clock = clock
        self._hits: OrderedDict[str, tuple[Principal, float]] = OrderedDict()
        self._generation = 0
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"CachedKeys(inner={self._inner!r}, ttl_s={self._ttl:g})"

    @staticmethod
    def _digest(secret: str) -> str:
        return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()

    def cached(self, secret: str) -> Principal | None:
        """The principal of a key verified less than ``ttl_s`` ago, without blocking."""
        found = self._hits.get(self._digest(secret))
        if found is None or found[1] <= self._clock():
            return None
        return found[0]

    def authenticate(self, secret: str) -> Principal | None:
        """The principal of a live key (from the cache when fresh), else ``None``."""
        hit = self.cached(secret)
        if hit is not None:
            return hit
        generation = self._generation
        principal = self._inner.authenticate(secret)
        if principal is not None and self._ttl > 0:
            with self._lock:
                if generation == self._generation:  # no revocation raced this check
                    digest = self._digest(secret)
                    self._hits[digest] = (principal, self._clock() + self._ttl)
                    self._hits.move_to_end(digest)
                    while len(self._hits) > self._max:
                        self._hits.popitem(last=False)
        return principal

    def create(
        self, *, tenant: str, role: Role, groups: Sequence[str] = (), name: str | None = None
    ) -> tuple[str, Principal]:
        """Create a key in the store of record."""
        return self._inner.create(tenant=tenant, role=role, groups=groups, name=name)

    def list(self, *, tenant: str | None = None) -> builtins.list[ApiKeyInfo]:
        """Keys from the store of record."""
        return self._inner.list(tenant=tenant)

    def revoke(self, key_id: str) -> bool:
        """Revoke in the store of record and forget the key here at once."""
        with self._lock:
            self._generation += 1
            for digest in [d for d, (p, _) in self._hits.items() if p.key_id == key_id]:
                del self._hits[digest]
        revoked = self._inner.revoke(key_id)
        with self._lock:
            self._generation += 1
            for digest in [d for d, (p, _) in self._hits.items() if p.key_id == key_id]:
                del self._hits[digest]
        return revoked


class KeyRateLimiter:
    """Token buckets per API key, in process (at most ``max_keys`` remembered).

    Args:
        per_minute: Average requests per minute per key.
        burst: Requests a key may make at once.
        max_keys: Buckets kept (least recently used dropped first).
        clock: Monotonic seconds (tests control it).
    """

    def __init__(
        self,
        per_minute: float,
        burst: int,
        *,
        max_keys: int = 100_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._max_keys = max_keys
        self._clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"KeyRateLimiter(per_minute={self._rate * 60:g}, burst={self._burst:g})"

    def take(self, key_id: str) -> float:
        """Take one token for ``key_id``: 0.0 when allowed, else seconds until one is back."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.pop(key_id, (self._burst, now))
            tokens = min(self._burst, tokens + (now - at) * self._rate)
            wait = 0.0
            if tokens >= 1.0:
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self._rate
            self._buckets[key_id] = (tokens, now)
            while len(self._buckets) > self._max_keys:
                self._buckets.popitem(last=False)
            return wait

    async def hit(self, key_id: str) -> float:
        """:meth:`take`, as the :class:`~clinllm.domain.identity.KeyLimiter` port asks."""
        return self.take(key_id)

    async def aclose(self) -> None:
        """Nothing to close (the port's method)."""


async def _authenticate(request: Request, secret: str) -> Principal | None:
    keys: KeyStore = request.app.state.keys
    if isinstance(keys, CachedKeys):
        hit = keys.cached(secret)
        if hit is not None:
            return hit
    return await asyncio.to_thread(keys.authenticate, secret)


class BearerKey(SecurityBase):
    """The dependency of a ``/v1`` route: the authenticated, rate-limited principal.

    A :class:`~fastapi.security.base.SecurityBase`, so FastAPI publishes it as the
    ``HTTPBearer`` scheme (``{"type": "http", "scheme": "bearer"}``) on each operation that
    depends on it, as it did ``fastapi.security.HTTPBearer``.

    Args:
        needed: The least role the route allows.
    """

    def __init__(self, needed: Role) -> None:
        self.model = HTTPBearerModel(description="An API key from `clinllm keys create`.")
        self.scheme_name = "HTTPBearer"
        self.needed = needed

    def __repr__(self) -> str:
        return f"BearerKey(needed={self.needed!r})"

    async def __call__(self, request: Request) -> Principal:
        """401 without a live key, 429 past its rate, 403 below the role; else the principal."""
        scheme, _, secret = request.headers.get("authorization", "").partition(" ")
        if not secret or scheme.lower() != "bearer":
            raise ApiProblem(401, "send Authorization: Bearer <API key>", headers=_CHALLENGE)
        principal = await _authenticate(request, secret)
        if principal is None:
            raise ApiProblem(401, "unknown or revoked API key", headers=_CHALLENGE)
        limiter: KeyLimiter = request.app.state.limiter
        wait = await limiter.hit(principal.key_id)
        if wait > 0:
            raise ApiProblem(
                429,
                "rate limit of this API key reached",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )
        if not principal.may(self.needed):
            raise ApiProblem(403, f"needs the {self.needed} role")
        request.state.principal = principal
        return principal


def require(needed: Role) -> Any:
    """A dependency: the authenticated, rate-limited principal, with at least role ``needed``."""
    return Depends(BearerKey(needed))


#: The principal of a route open to every role (``staff`` and above).
Caller = Annotated[Principal, require("staff")]
