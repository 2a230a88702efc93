"""State the HTTP service shares between its processes: replayed responses and rate limits.

Two service processes behind one load balancer must agree on two things a single process
could keep in memory:

* :class:`IdempotencyStore`: the response stored under a caller's ``Idempotency-Key``, so a
  retry that lands on another process replays it instead of running the work twice. Records
  are scoped to the tenant and the API key that sent them, and expire.
* :class:`KeyLimiter`: each API key's request budget, so N processes do not each allow the
  whole budget.

The SQL adapter of the first is :class:`clinllm.store.idempotency.SqlIdempotencyStore`; the
second is in process by default and in Redis when one is configured.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

__all__ = [
    "Claim",
    "IdempotencyScope",
    "IdempotencyStore",
    "KeyLimiter",
    "SignOuts",
    "StoredResponse",
]


@dataclass(frozen=True, slots=True)
class StoredResponse:
    """A response kept for replay: status, body, media type and the headers worth replaying."""

    status: int
    body: bytes
    media_type: str | None
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class IdempotencyScope:
    """Whose ``Idempotency-Key`` this is: the tenant, the API key, and the key itself."""

    tenant: str
    key_id: str
    key: str


#: What :meth:`IdempotencyStore.claim` found: the caller now runs the request (``"new"``),
#: another request with this key is running, the key was used with a different request, or
#: the stored response to replay.
Claim = Literal["new", "running", "mismatch"] | StoredResponse


class IdempotencyStore(Protocol):
    """Responses by ``Idempotency-Key``, shared by every process of the service."""

    def claim(self, scope: IdempotencyScope, fingerprint: str, ttl_s: float) -> Claim:
        """Take the key for a request with ``fingerprint``, or say why not.

        ``"new"`` means the caller must run the request and then :meth:`complete` or
        :meth:`release` it; the key is held for ``ttl_s`` (an expired record counts as absent).
        """
        ...

    def complete(self, scope: IdempotencyScope, response: StoredResponse) -> None:
        """Store the response of a claimed key for replay."""
        ...

    def release(self, scope: IdempotencyScope) -> None:
        """Give a claimed key back (the request failed: a retry may run it again)."""
        ...


class KeyLimiter(Protocol):
    """Per-API-key request budgets."""

    async def hit(self, key_id: str) -> float:
        """Count one request of ``key_id``: 0.0 when allowed, else seconds to wait."""
        ...

    async def aclose(self) -> None:
        """Release connections."""
        ...


class SignOuts(Protocol):
    """Review-UI sessions ended by signing out, remembered until they would have expired.

    A session cookie is signed, not stored, so deleting it in the browser does not end it: a
    copy taken before sign-out would go on working until it expires. Every process serving the
    pages checks here, so a session signed out through one process ends in all of them.
    """

    def record(self, session_id: str, expires_at: int) -> None:
        """Remember that ``session_id`` ended (until ``expires_at``, Unix seconds)."""
        ...

    def signed_out(self, session_id: str) -> bool:
        """Whether ``session_id`` was signed out."""
        ...
