"""Who is calling, what their role allows, and how fast they may call.

Every ``/v1`` route depends on :func:`require` with the least role it needs. The principal
comes from the ``Authorization: Bearer`` key alone; nothing in the body or the query can name a
tenant, a role or a group. An unknown key is 401; a known key without the role is 403 (the
route exists for everybody, so saying so leaks nothing); a record of another tenant is 404 (see
:mod:`clinllm.entrypoints.api.problems`).

The rate limit is a token bucket per key, in process: ``rate_burst`` requests at once, refilled
at ``rate_per_minute``. Past it the answer is 429 with ``Retry-After`` (whole seconds until a
token is back). Several service processes each keep their own buckets, so the effective limit
is per process; a shared limiter (Redis) can replace :class:`KeyRateLimiter` behind the same
two methods.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from clinllm.domain.identity import KeyStore, Principal, Role
from clinllm.entrypoints.api.problems import ApiProblem

__all__ = ["Caller", "KeyRateLimiter", "require"]

_bearer = HTTPBearer(auto_error=False, description="An API key from `clinllm keys create`.")
_CHALLENGE = {"WWW-Authenticate": 'Bearer realm="clinllm"'}


class KeyRateLimiter:
    """Token buckets per API key (at most ``max_keys`` remembered, least recent dropped).

    Args:
        per_minute: Average requests per minute per key.
        burst: Requests a key may make at once.
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


def require(needed: Role) -> Any:
    """A dependency: the authenticated, rate-limited principal, with at least role ``needed``."""

    def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise ApiProblem(401, "send Authorization: Bearer <API key>", headers=_CHALLENGE)
        keys: KeyStore = request.app.state.keys
        principal = keys.authenticate(credentials.credentials)
        if principal is None:
            raise ApiProblem(401, "unknown or revoked API key", headers=_CHALLENGE)
        limiter: KeyRateLimiter = request.app.state.limiter
        wait = limiter.take(principal.key_id)
        if wait > 0:
            raise ApiProblem(
                429,
                "rate limit of this API key reached",
                headers={"Retry-After": str(max(1, math.ceil(wait)))},
            )
        if not principal.may(needed):
            raise ApiProblem(403, f"needs the {needed} role")
        request.state.principal = principal
        return principal

    return Depends(dependency)


#: The principal of a route open to every role (``staff`` and above).
Caller = Annotated[Principal, require("staff")]
