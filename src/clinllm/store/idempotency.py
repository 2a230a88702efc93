"""``SqlIdempotencyStore``: the HTTP service's replayed responses, in the shared database.

The :class:`~clinllm.domain.requests.IdempotencyStore` port on SQL, so every service process
(and every machine) behind a load balancer replays the same response for the same
``Idempotency-Key``. A record is scoped to ``(tenant, API key id, Idempotency-Key)`` by a unique
constraint: the first request to insert it runs the work (``"new"``); a concurrent one fails the
insert and reads the row (``"running"`` until the first completes). Expired rows count as
absent and are deleted when met; every ``_SWEEP_EVERY`` claims a bounded batch of expired rows
is deleted as well, so the table does not grow without bound.

A record still marked running after ``running_lease_s`` (the process that claimed it died) is
treated as abandoned and can be claimed again.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import ColumnElement, Engine, and_, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinllm.domain.requests import Claim, IdempotencyScope, StoredResponse
from clinllm.store.models import IdempotencyRow

__all__ = ["SqlIdempotencyStore"]

_SWEEP_EVERY = 200
_SWEEP_BATCH = 500


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _where(scope: IdempotencyScope) -> ColumnElement[bool]:
    return and_(
        IdempotencyRow.tenant == scope.tenant,
        IdempotencyRow.key_id == scope.key_id,
        IdempotencyRow.idem_key == scope.key,
    )


class SqlIdempotencyStore:
    """Idempotency records in the ``idempotency_keys`` table (migration ``0009_http``).

    Args:
        engine: The database, migrated to head.
        running_lease_s: How long an unfinished record blocks retries before it is abandoned.
        clock: Aware UTC clock (tests control it).
    """

    def __init__(
        self,
        engine: Engine,
        *,
        running_lease_s: float = 900.0,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._engine = engine
        self._lease = timedelta(seconds=running_lease_s)
        self._clock = clock
        self._claims = itertools.count()

    def __repr__(self) -> str:
        return f"SqlIdempotencyStore(dialect={self._engine.dialect.name!r})"

    def claim(self, scope: IdempotencyScope, fingerprint: str, ttl_s: float) -> Claim:
        """Insert the record (``"new"``), or report the one already there."""
        now = self._clock()
        if next(self._claims) % _SWEEP_EVERY == 0:
            self._sweep(now)
        for _ in range(3):
            with Session(self._engine) as session:
                row = session.scalars(select(IdempotencyRow).where(_where(scope))).first()
                if row is not None and not self._stale(row, now):
                    return self._found(row, fingerprint)
                if row is not None:
                    session.execute(delete(IdempotencyRow).where(IdempotencyRow.id == row.id))
                session.add(
                    IdempotencyRow(
                        tenant=scope.tenant,
                        key_id=scope.key_id,
                        idem_key=scope.key,
                        fingerprint=fingerprint,
                        done=False,
                        created_at=now,
                        expires_at=now + timedelta(seconds=ttl_s),
                    )
                )
                try:
                    session.commit()
                except IntegrityError:
                    session.rollback()  # another process claimed it first: read theirs
                    continue
                return "new"
        return "running"

    def _stale(self, row: IdempotencyRow, now: datetime) -> bool:
        return row.expires_at <= now or (not row.done and row.created_at + self._lease <= now)

    @staticmethod
    def _found(row: IdempotencyRow, fingerprint: str) -> Claim:
        if row.fingerprint != fingerprint:
            return "mismatch"
        if not row.done or row.status is None:
            return "running"
        return StoredResponse(
            status=row.status,
            body=row.body or b"",
            media_type=row.media_type,
            headers=tuple((str(k), str(v)) for k, v in row.headers or ()),
        )

    def complete(self, scope: IdempotencyScope, response: StoredResponse) -> None:
        """Store the response on the claimed record."""
        with Session(self._engine) as session, session.begin():
            session.execute(
                update(IdempotencyRow)
                .where(_where(scope), IdempotencyRow.done.is_(False))
                .values(
                    done=True,
                    status=response.status,
                    body=response.body,
                    media_type=response.media_type,
                    headers=[list(h) for h in response.headers],
                )
            )

    def release(self, scope: IdempotencyScope) -> None:
        """Delete an unfinished record (its request failed)."""
        with Session(self._engine) as session, session.begin():
            session.execute(
                delete(IdempotencyRow).where(_where(scope), IdempotencyRow.done.is_(False))
            )

    def _sweep(self, now: datetime) -> None:
        with Session(self._engine) as session, session.begin():
            expired = select(IdempotencyRow.id).where(IdempotencyRow.expires_at <= now)
            ids = list(session.scalars(expired.limit(_SWEEP_BATCH)))
            if ids:
                session.execute(delete(IdempotencyRow).where(IdempotencyRow.id.in_(ids)))
