"""``SqlKeyStore`` on a migrated SQLite file, against the contract its in-memory fake keeps."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from clinllm.domain.identity import KeyStore
from clinllm.store.keys import SqlKeyStore
from clinllm.store.models import ApiKeyRow
from clinllm.testing.keys import InMemoryKeyStore

from .conftest import TickingClock


@pytest.fixture(params=["sql", "memory"])
def keys(request: pytest.FixtureRequest, engine: Engine) -> KeyStore:
    if request.param == "sql":
        return SqlKeyStore(engine, clock=TickingClock())
    return InMemoryKeyStore()


def test_a_created_key_authenticates_as_its_principal(keys: KeyStore) -> None:
    secret, principal = keys.create(
        tenant="acme", role="reviewer", groups=["billing", "all_staff"], name="dana"
    )
    assert secret.startswith("clk_")
    found = keys.authenticate(secret)
    assert found == principal
    assert found is not None
    assert (found.tenant, found.role, found.groups) == (
        "acme",
        "reviewer",
        frozenset({"billing", "all_staff"}),
    )


def test_wrong_malformed_and_revoked_keys_do_not_authenticate(keys: KeyStore) -> None:
    secret, principal = keys.create(tenant="acme", role="staff")
    assert keys.authenticate(secret[:-1] + ("A" if secret[-1] != "A" else "B")) is None
    assert keys.authenticate("clk_") is None
    assert keys.authenticate("") is None
    assert keys.revoke(principal.key_id) is True
    assert keys.authenticate(secret) is None
    assert keys.revoke(principal.key_id) is False
    listed = keys.list(tenant="acme")
    assert [i.principal.key_id for i in listed] == [principal.key_id]
    assert listed[0].revoked_at is not None


def test_list_is_newest_first_and_filters_by_tenant(keys: KeyStore) -> None:
    ids = [keys.create(tenant=t, role="staff")[1].key_id for t in ("a", "b", "a")]
    assert [i.principal.key_id for i in keys.list(tenant="a")] == [ids[2], ids[0]]
    assert len(keys.list()) == 3


def test_only_the_hash_of_the_secret_is_stored(engine: Engine) -> None:
    store = SqlKeyStore(engine)
    secret, principal = store.create(tenant="acme", role="admin")
    with Session(engine) as session:
        row = session.scalars(select(ApiKeyRow)).one()
        stored = [str(v) for v in row.__dict__.values()]
    assert row.key_id == principal.key_id
    assert row.secret_sha256 == hashlib.sha256(secret.encode()).hexdigest()
    assert all(secret not in value and secret[17:] not in value for value in stored)


def test_invalid_tenant_or_group_is_refused(keys: KeyStore) -> None:
    with pytest.raises(ValueError, match="group"):
        keys.create(tenant="acme", role="staff", groups=["bad group!"])
    with pytest.raises(ValueError, match="tenant"):
        keys.create(tenant="no spaces", role="staff")
