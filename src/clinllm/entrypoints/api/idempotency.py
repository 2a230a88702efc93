"""The ``Idempotency-Key`` header: a retried request gets the first answer, not a second run.

A client that timed out does not know whether its prior-auth fax was processed; it retries
with the same key and gets the stored response (same status, same body) instead of a second
extraction and a second review item. Keys are scoped to the API key that sent them, so two
callers cannot collide or read each other's responses.

The same key with a different request (method, path or body fingerprint) is a client bug:
422 problem, as the IETF idempotency-key draft recommends. A retry that arrives while the first
is still running gets 409 (retry later). Responses are kept in process for ``ttl_s`` (at most
``max_entries``); across several service processes a shared store would be needed, and the
persisted documents are idempotent by SHA-256 regardless.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Request, Response

from clinllm.domain.identity import Principal
from clinllm.entrypoints.api.problems import ApiProblem

__all__ = ["IdempotencyCache", "fingerprint", "idempotent"]

_MAX_KEY = 255


def fingerprint(*parts: bytes | str) -> str:
    """A digest of a request's parts (method, path, body...), unambiguous across parts."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@dataclass(slots=True)
class _Entry:
    fingerprint: str
    expires: float
    done: asyncio.Event
    status: int = 0
    body: bytes = b""
    media_type: str | None = None
    headers: tuple[tuple[str, str], ...] = ()


class IdempotencyCache:
    """Stored responses by (API key, Idempotency-Key).

    Args:
        ttl_s: How long a response is replayed.
        max_entries: Responses kept (oldest dropped first).
        clock: Monotonic seconds.
    """

    def __init__(
        self, ttl_s: float, max_entries: int, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl_s
        self._max = max_entries
        self._clock = clock
        self._entries: OrderedDict[tuple[str, str], _Entry] = OrderedDict()

    def __repr__(self) -> str:
        return f"IdempotencyCache(entries={len(self._entries)})"

    async def run(
        self,
        principal: Principal,
        key: str | None,
        request_fingerprint: str,
        produce: Callable[[], Awaitable[Response]],
    ) -> Response:
        """The stored response for ``key``, or ``produce()``'s, stored when it succeeded.

        Only 2xx responses are stored: a failure may be retried with the same key.
        """
        if key is None:
            return await produce()
        if not key or len(key) > _MAX_KEY or not key.isprintable():
            raise ApiProblem(400, "Idempotency-Key must be 1-255 printable characters")
        now = self._clock()
        scoped = (principal.key_id, key)
        entry = self._entries.get(scoped)
        if entry is not None and entry.expires <= now:
            del self._entries[scoped]
            entry = None
        if entry is not None:
            if entry.fingerprint != request_fingerprint:
                raise ApiProblem(422, "Idempotency-Key was used with a different request")
            if not entry.done.is_set():
                raise ApiProblem(
                    409,
                    "a request with this Idempotency-Key is in progress",
                    headers={"Retry-After": "1"},
                )
            return Response(
                entry.body,
                status_code=entry.status,
                media_type=entry.media_type,
                headers={**dict(entry.headers), "Idempotent-Replayed": "true"},
            )
        entry = _Entry(request_fingerprint, now + self._ttl, asyncio.Event())
        self._entries[scoped] = entry
        while len(self._entries) > self._max:
            self._entries.popitem(last=False)
        try:
            response = await produce()
        except BaseException:
            self._entries.pop(scoped, None)
            raise
        if not 200 <= response.status_code < 300:
            self._entries.pop(scoped, None)
            return response
        entry.status = response.status_code
        entry.body = bytes(response.body)
        entry.media_type = response.media_type
        entry.headers = tuple(
            (k, v) for k, v in response.headers.items() if k.lower() in ("location",)
        )
        entry.done.set()
        return response


async def idempotent(
    request: Request,
    principal: Principal,
    parts: tuple[bytes | str, ...],
    produce: Callable[[], Awaitable[Response]],
) -> Response:
    """Run ``produce`` under the request's ``Idempotency-Key`` (if any)."""
    cache: IdempotencyCache = request.app.state.idempotency
    return await cache.run(
        principal,
        request.headers.get("idempotency-key"),
        fingerprint(request.method, request.url.path, *parts),
        produce,
    )
