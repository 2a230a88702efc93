"""``SqlSignOuts``: review-UI sessions ended by sign-out, in the shared database.

The :class:`~clinllm.domain.requests.SignOuts` port on SQL (table ``ui_sign_outs``, migration
``0011_ui_sign_outs``), so a session signed out through one service process is refused by
every other one. A row is kept until the session would have expired anyway, then deleted by a
bounded sweep when a new sign-out is recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from clinllm.store.models import UiSignOutRow

__all__ = ["SqlSignOuts"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class SqlSignOuts:
    """Signed-out session ids in ``ui_sign_outs``.

    Args:
        engine: The database, migrated to head.
        clock: Aware UTC clock (tests control it).
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._engine = engine
        self._clock = clock

    def __repr__(self) -> str:
        return f"SqlSignOuts(dialect={self._engine.dialect.name!r})"

    def record(self, session_id: str, expires_at: int) -> None:
        """Remember ``session_id`` until ``expires_at``; drop rows whose sessions expired."""
        now = self._clock()
        with Session(self._engine) as session:
            session.execute(delete(UiSignOutRow).where(UiSignOutRow.expires_at <= now))
            session.add(
                UiSignOutRow(
                    session_id=session_id, expires_at=datetime.fromtimestamp(expires_at, UTC)
                )
            )
            try:
                session.commit()
            except IntegrityError:
                session.rollback()  # signed out twice (two tabs): already recorded

    def signed_out(self, session_id: str) -> bool:
        """Whether ``session_id`` was signed out."""
        with Session(self._engine) as session:
            found = session.scalar(
                select(UiSignOutRow.session_id).where(UiSignOutRow.session_id == session_id)
            )
        return found is not None
