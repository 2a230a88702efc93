"""An in-memory :class:`~clinllm.domain.identity.KeyStore` for tests of the HTTP service and UI.

It keeps the real store's contract: the secret is returned once, only its SHA-256 is kept, a
revoked key no longer authenticates, and comparison does not depend on where strings differ.
"""

from __future__ import annotations

import builtins
import hashlib
import hmac
import secrets
from collections.abc import Sequence
from datetime import UTC, datetime

from clinllm.domain.identity import ApiKeyInfo, Principal, Role

__all__ = ["InMemoryKeyStore", "InMemorySignOuts"]

_PREFIX = "clk_"


class InMemoryKeyStore:
    """API keys in a dict: secret ``clk_<id>_<random>``, stored as its SHA-256."""

    def __init__(self) -> None:
        self._keys: dict[str, tuple[str, ApiKeyInfo]] = {}

    def create(
        self,
        *,
        tenant: str,
        role: Role,
        groups: Sequence[str] = (),
        name: str | None = None,
    ) -> tuple[str, Principal]:
        """Create a key; the secret is returned here and never again."""
        key_id = secrets.token_hex(6)
        secret = f"{_PREFIX}{key_id}_{secrets.token_urlsafe(24)}"
        principal = Principal(
            key_id=key_id, tenant=tenant, role=role, groups=frozenset(groups), name=name
        )
        info = ApiKeyInfo(principal=principal, created_at=datetime.now(UTC))
        self._keys[key_id] = (hashlib.sha256(secret.encode()).hexdigest(), info)
        return secret, principal

    def authenticate(self, secret: str) -> Principal | None:
        """The principal of a live key whose secret matches, else ``None``."""
        if not secret.startswith(_PREFIX):
            return None
        key_id = secret[len(_PREFIX) :].split("_", 1)[0]
        stored = self._keys.get(key_id)
        if stored is None or stored[1].revoked_at is not None:
            return None
        digest = hashlib.sha256(secret.encode("utf-8", "replace")).hexdigest()
        return stored[1].principal if hmac.compare_digest(digest, stored[0]) else None

    def list(self, *, tenant: str | None = None) -> builtins.list[ApiKeyInfo]:
        """Keys, newest first, optionally of one tenant."""
        infos = [info for _, info in self._keys.values()]
        if tenant is not None:
            infos = [i for i in infos if i.principal.tenant == tenant]
        return sorted(infos, key=lambda i: i.created_at, reverse=True)

    def revoke(self, key_id: str) -> bool:
        """Revoke a live key; ``False`` when there is none with that id."""
        stored = self._keys.get(key_id)
        if stored is None or stored[1].revoked_at is not None:
            return False
        self._keys[key_id] = (
            stored[0],
            stored[1].model_copy(update={"revoked_at": datetime.now(UTC)}),
        )
        return True


class InMemorySignOuts:
    """The :class:`~clinllm.domain.requests.SignOuts` port in a dict (one process only)."""

    def __init__(self) -> None:
        self._ended: dict[str, int] = {}

    def __repr__(self) -> str:
        return f"InMemorySignOuts(sessions={len(self._ended)})"

    def record(self, session_id: str, expires_at: int) -> None:
        """Remember ``session_id`` until ``expires_at``."""
        self._ended[session_id] = expires_at

    def signed_out(self, session_id: str) -> bool:
        """Whether ``session_id`` was signed out."""
        return session_id in self._ended
