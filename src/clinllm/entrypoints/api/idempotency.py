"""The ``Idempotency-Key`` header: a retried request gets the first answer, not a second run.

A client that timed out does not know whether its prior-auth fax was processed; it retries
with the same key and gets the stored response (same status, same body) instead of a second
extraction and a second review item. Keys are scoped to the tenant and the API key that sent
them, so two callers cannot collide or read each other's responses.

The same key with a different request (method, path or body fingerprint) is a client bug:
422 problem, as the IETF idempotency-key draft recommends. A retry that arrives while the first
is still running gets 409 (retry later). Responses are kept in the service's database for
``idempotency_ttl_s`` (:class:`~clinllm.domain.requests.IdempotencyStore`), so a retry that a
load balancer sends to another service process replays the same response. A request without
the header costs nothing here: no fingerprint, no database access.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable

from fastapi import Request, Response

from clinllm.domain.identity import Principal
from clinllm.domain.requests import IdempotencyScope, IdempotencyStore, StoredResponse
from clinllm.entrypoints.api.problems import ApiProblem

__all__ = ["Idempotency", "fingerprint", "idempotent"]

_MAX_KEY = 255
_REPLAYED_HEADERS = ("location",)


def fingerprint(*parts: bytes | str) -> str:
    """A digest of a request's parts (method, path, body...), unambiguous across parts."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class Idempotency:
    """Runs requests under their ``Idempotency-Key`` against a shared store.

    Args:
        store: Where claims and responses are kept (the service's database).
        ttl_s: How long a response is replayed.
    """

    def __init__(self, store: IdempotencyStore, ttl_s: float) -> None:
        self._store = store
        self._ttl = ttl_s

    def __repr__(self) -> str:
        return f"Idempotency(store={self._store!r}, ttl_s={self._ttl:g})"

    async def run(
        self,
        principal: Principal,
        key: str | None,
        request_fingerprint: Callable[[], str],
        produce: Callable[[], Awaitable[Response]],
    ) -> Response:
        """The stored response for ``key``, or ``produce()``'s, stored when it succeeded.

        Only 2xx responses are stored: a failure may be retried with the same key.
        """
        if key is None:
            return await produce()
        if not key or len(key) > _MAX_KEY or not key.isprintable():
            raise ApiProblem(400, "Idempotency-Key must be 1-255 printable characters")
        scope = IdempotencyScope(tenant=principal.tenant, key_id=principal.key_id, key=key)
        found = await asyncio.to_thread(self._store.claim, scope, request_fingerprint(), self._ttl)
        if found == "mismatch":
            raise ApiProblem(422, "Idempotency-Key was used with a different request")
        if found == "running":
            raise ApiProblem(
                409,
                "a request with this Idempotency-Key is in progress",
                headers={"Retry-After": "1"},
            )
        if isinstance(found, StoredResponse):
            return Response(
                found.body,
                status_code=found.status,
                media_type=found.media_type,
                headers={**dict(found.headers), "Idempotent-Replayed": "true"},
            )
        try:
            response = await produce()
        except BaseException:
            await asyncio.shield(asyncio.to_thread(self._store.release, scope))
            raise
        if not 200 <= response.status_code < 300:
            await asyncio.to_thread(self._store.release, scope)
            return response
        stored = StoredResponse(
            status=response.status_code,
            body=bytes(response.body),
            media_type=response.media_type,
            headers=tuple(
                (k, v) for k, v in response.headers.items() if k.lower() in _REPLAYED_HEADERS
            ),
        )
        await asyncio.to_thread(self._store.complete, scope, stored)
        return response


async def idempotent(
    request: Request,
    principal: Principal,
    parts: tuple[bytes | str, ...],
    produce: Callable[[], Awaitable[Response]],
) -> Response:
    """Run ``produce`` under the request's ``Idempotency-Key`` (if any)."""
    runner: Idempotency = request.app.state.idempotency
    return await runner.run(
        principal,
        request.headers.get("idempotency-key"),
        lambda: fingerprint(request.method, request.scope["path"], *parts),
        produce,
    )
