"""Who is calling: the principal an API key (or a UI session) authenticates as.

The HTTP service, the review UI and the job workers never take a tenant, a role or a group from
the request body: they take them from the :class:`Principal` the key resolved to. A key of tenant
A therefore cannot name tenant B's records, and nothing a caller types ("I am covering for the
privacy officer") widens what it may read.

Roles are ranked: ``admin`` may do what ``reviewer`` may, and ``reviewer`` what ``staff`` may.

=========  ================================================================================
role       may
=========  ================================================================================
staff      submit work, read its own tenant's results, search policies readable by its groups
reviewer   the above, and work the review queue (list, claim, accept, correct, approve, reject)
admin      the above, and manage keys, verify and export the audit trail
=========  ================================================================================

:class:`KeyStore` is the port; the SQL adapter stores only a hash of each key, and
:class:`clinllm.testing.keys.InMemoryKeyStore` is its fake.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field, field_validator

from clinllm.domain.policies import GROUP_PATTERN

__all__ = ["ROLES", "ApiKeyInfo", "KeyStore", "Principal", "Role", "role_allows"]

Role = Literal["staff", "reviewer", "admin"]

#: Roles from least to most privileged.
ROLES: tuple[Role, ...] = ("staff", "reviewer", "admin")


def role_allows(role: Role, needed: Role) -> bool:
    """Whether ``role`` carries the rights of ``needed`` (roles are ranked, see module doc)."""
    return ROLES.index(role) >= ROLES.index(needed)


class Principal(BaseModel):
    """The authenticated caller: which key, which tenant, which role, which policy groups."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key_id: str = Field(min_length=1, max_length=64)
    """The key's public id (never the secret)."""
    tenant: str = Field(pattern=GROUP_PATTERN.pattern)
    """Every record the principal reads or writes belongs to this tenant."""
    role: Role
    groups: frozenset[str] = frozenset()
    """Policy-search groups: which policy documents the principal may read."""
    name: str | None = Field(default=None, max_length=128)
    """A label for people (who holds the key); used as the actor in audit events when set."""

    @field_validator("groups")
    @classmethod
    def _groups_are_names(cls, groups: frozenset[str]) -> frozenset[str]:
        for group in groups:
            if not GROUP_PATTERN.fullmatch(group):
                raise ValueError("a group name holds only letters, digits and _ . : @ -")
        return groups

    @property
    def actor(self) -> str:
        """The identity recorded in audit events and review versions."""
        return f"key:{self.key_id}" if self.name is None else f"{self.name} (key:{self.key_id})"

    def may(self, needed: Role) -> bool:
        """Whether this principal has the rights of ``needed``."""
        return role_allows(self.role, needed)


class ApiKeyInfo(BaseModel):
    """What a listing shows of a key: never the secret, never its hash."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    principal: Principal
    created_at: datetime
    revoked_at: datetime | None = None


class KeyStore(Protocol):
    """API keys: created once (the secret is returned once), stored hashed, listed, revoked."""

    def create(
        self,
        *,
        tenant: str,
        role: Role,
        groups: Sequence[str] = (),
        name: str | None = None,
    ) -> tuple[str, Principal]:
        """Create a key; returns the secret (shown once) and the principal it authenticates."""
        ...

    def authenticate(self, secret: str) -> Principal | None:
        """The principal of a live key, or ``None`` (unknown, malformed or revoked)."""
        ...

    def list(self, *, tenant: str | None = None) -> list[ApiKeyInfo]:
        """Keys, newest first, optionally of one tenant."""
        ...

    def revoke(self, key_id: str) -> bool:
        """Revoke a key; ``False`` when no live key has that id."""
        ...
