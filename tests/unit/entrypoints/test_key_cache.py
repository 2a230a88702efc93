"""The API key cache: a verified key is trusted for its TTL; a revocation here drops it at once."""

from __future__ import annotations

from clinllm.domain.identity import Principal
from clinllm.entrypoints.api.security import CachedKeys
from clinllm.testing.keys import InMemoryKeyStore


class CountingStore(InMemoryKeyStore):
    """The fake key store, counting how often it is asked to verify a key."""

    def __init__(self) -> None:
        super().__init__()
        self.checks = 0

    def authenticate(self, secret: str) -> Principal | None:
        self.checks += 1
        return super().authenticate(secret)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_verified_key_is_trusted_for_the_ttl_then_checked_again() -> None:
    inner, clock = CountingStore(), Clock()
    keys = CachedKeys(inner, 5.0, clock=clock)
    secret, principal = keys.create(tenant="acme", role="staff")
    assert keys.cached(secret) is None  # nothing verified yet
    assert keys.authenticate(secret) == principal
    assert keys.authenticate(secret) == principal
    assert keys.cached(secret) == principal
    assert inner.checks == 1
    clock.now += 5.0
    assert keys.cached(secret) is None
    assert keys.authenticate(secret) == principal
    assert inner.checks == 2


def test_a_key_revoked_elsewhere_stops_within_the_ttl() -> None:
    inner, clock = CountingStore(), Clock()
    keys = CachedKeys(inner, 5.0, clock=clock)
    secret, principal = keys.create(tenant="acme", role="staff")
    assert keys.authenticate(secret) == principal
    assert inner.revoke(principal.key_id)  # another process revokes it in the database
    assert keys.authenticate(secret) == principal  # still inside the bound
    clock.now += 5.0
    assert keys.authenticate(secret) is None


def test_a_key_revoked_through_the_cache_stops_at_once_and_unknown_keys_are_not_kept() -> None:
    inner, clock = CountingStore(), Clock()
    keys = CachedKeys(inner, 5.0, clock=clock)
    secret, principal = keys.create(tenant="acme", role="staff")
    other, _ = keys.create(tenant="acme", role="admin")
    assert keys.authenticate(secret) == principal
    assert keys.authenticate(other) is not None
    assert keys.revoke(principal.key_id)
    assert keys.authenticate(secret) is None
    assert keys.cached(other) is not None  # only the revoked key was dropped
    assert keys.authenticate("clk_000000000000_" + "x" * 32) is None
    assert keys.authenticate("clk_000000000000_" + "x" * 32) is None
    assert inner.checks == 5  # a key that did not verify is asked every time, never cached
