"""``SqlKeyStore``: the :class:`~clinllm.domain.identity.KeyStore` port on the SQL database.

A key is ``clk_<key id>_<secret>``: the key id (12 hex digits) is public and finds the row in
one indexed lookup; the secret part is 192 random bits. Only the SHA-256 of the whole key is
stored. A slow password hash (bcrypt, argon2) protects *guessable* secrets; a 192-bit random
one cannot be guessed, so a fast hash loses nothing and keeps authentication to microseconds on
every request. The stored and computed digests are compared with :func:`hmac.compare_digest`, so
the time taken does not depend on where they differ.

A revoked key is kept (with ``revoked_at``) so listings and audit trails can still name it.
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import re
import secrets
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clinllm.domain.identity import ApiKeyInfo, Principal, Role
from clinllm.store.models import ApiKeyRow

__all__ = ["KEY_PREFIX", "SqlKeyStore"]

#: Every clinllm key starts with this, so a leaked key is recognizable by secret scanners.
KEY_PREFIX = "clk_"
_SHAPE = re.compile(r"^clk_([0-9a-f]{12})_[A-Za-z0-9_-]{32}$")


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _principal(row: ApiKeyRow) -> Principal:
    return Principal(
        key_id=row.key_id,
        tenant=row.tenant,
        role=_role(row.role),
        groups=frozenset(row.groups),
        name=row.name,
    )


def _role(value: str) -> Role:
    if value == "admin":
        return "admin"
    if value == "reviewer":
        return "reviewer"
    return "staff"


class SqlKeyStore:
    """API keys in the ``api_keys`` table (migration ``0005_api_keys``).

    Args:
        engine: The database, migrated to head.
        clock: Aware UTC clock (tests control it).
    """

    def __init__(self, engine: Engine, *, clock: Callable[[], datetime] = _utc_now) -> None:
        self._engine = engine
        self._clock = clock

    def __repr__(self) -> str:
        return f"SqlKeyStore(dialect={self._engine.dialect.name!r})"

    def create(
        self,
        *,
        tenant: str,
        role: Role,
        groups: Sequence[str] = (),
        name: str | None = None,
    ) -> tuple[str, Principal]:
        """Create a key; the secret is returned here and never again.

        Raises:
            ValueError: A tenant, group or name the principal model refuses (names the field).
        """
        key_id = secrets.token_hex(6)
        secret = f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(24)}"
        principal = Principal(
            key_id=key_id, tenant=tenant, role=role, groups=frozenset(groups), name=name
        )
        with Session(self._engine) as session, session.begin():
            session.add(
                ApiKeyRow(
                    key_id=key_id,
                    secret_sha256=_digest(secret),
                    tenant=tenant,
                    role=role,
                    groups=sorted(principal.groups),
                    name=name,
                    created_at=self._clock(),
                    revoked_at=None,
                )
            )
        return secret, principal

    def authenticate(self, secret: str) -> Principal | None:
        """The principal of a live key whose secret matches, else ``None``."""
        match = _SHAPE.fullmatch(secret)
        if match is None:
            return None
        with Session(self._engine) as session:
            row = session.scalars(
                select(ApiKeyRow).where(ApiKeyRow.key_id == match.group(1))
            ).one_or_none()
            if row is None or row.revoked_at is not None:
                return None
            if not hmac.compare_digest(_digest(secret), row.secret_sha256):
                return None
            return _principal(row)

    def list(self, *, tenant: str | None = None) -> builtins.list[ApiKeyInfo]:
        """Keys, newest first, optionally of one tenant (never a secret or its hash)."""
        query = select(ApiKeyRow).order_by(ApiKeyRow.created_at.desc(), ApiKeyRow.id.desc())
        if tenant is not None:
            query = query.where(ApiKeyRow.tenant == tenant)
        with Session(self._engine) as session:
            return [
                ApiKeyInfo(
                    principal=_principal(row), created_at=row.created_at, revoked_at=row.revoked_at
                )
                for row in session.scalars(query)
            ]

    def revoke(self, key_id: str) -> bool:
        """Revoke a live key; ``False`` when there is none with that id."""
        with Session(self._engine) as session, session.begin():
            row = session.scalars(select(ApiKeyRow).where(ApiKeyRow.key_id == key_id)).one_or_none()
            if row is None or row.revoked_at is not None:
                return False
            row.revoked_at = self._clock()
            return True
