"""Documents belong to a tenant: the same bytes from two tenants are two records, never shared."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from clinllm.domain.audit import AuditKey
from clinllm.store import Store, make_engine, upgrade


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _register(store: Store, sha: str, name: str) -> tuple[int, bool]:
    record, created = store.documents.register(
        sha256=sha, source_name=name, text="CPT 72148 requested", pages=1
    )
    return record.id, created


def test_the_same_bytes_from_two_tenants_are_two_documents(store: Store) -> None:
    north, south = store.for_tenant("north"), store.for_tenant("south")
    sha = _sha("same fax")
    north_id, north_created = _register(north, sha, "north-fax.pdf")
    south_id, south_created = _register(south, sha, "south-fax.pdf")
    again_id, again_created = _register(north, sha, "north-copy.pdf")

    assert north_created
    assert south_created
    assert not again_created
    assert north_id != south_id
    assert again_id == north_id
    assert north.documents.find_by_sha256(sha) is not None
    found = south.documents.find_by_sha256(sha)
    assert found is not None
    assert found.source_name == "south-fax.pdf"
    assert [d.id for d in north.documents.list()] == [north_id]
    assert [d.id for d in south.documents.list()] == [south_id]
    assert store.documents.find_by_sha256(sha) is None  # the default tenant saw neither


def test_a_failed_file_is_recorded_in_its_tenant_and_revived_there(store: Store) -> None:
    north, south = store.for_tenant("north"), store.for_tenant("south")
    sha = _sha("locked")
    failed = north.documents.record_failure(
        source_name="locked.pdf", error_type="EncryptedDocument", reason="encrypted", sha256=sha
    )
    south_id, created = _register(south, sha, "readable.pdf")
    assert created
    assert south_id != failed.id
    assert north.documents.get(failed.id).status == "failed"
    revived_id, revived = _register(north, sha, "locked.pdf")
    assert revived
    assert revived_id == failed.id


def test_audit_verifies_documents_of_several_tenants_and_catches_a_move(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 't.db'}")
    try:
        upgrade(engine)
        store = Store(engine, audit_key=AuditKey.ephemeral())
        _register(store, _sha("a"), "default.txt")
        moved_id, _ = _register(store.for_tenant("north"), _sha("b"), "north.txt")
        assert store.audit.verify().ok

        with engine.begin() as connection:  # someone moves a document to another tenant
            connection.execute(
                text("UPDATE documents SET tenant = 'south' WHERE id = :id"), {"id": moved_id}
            )
        assert not store.audit.verify().ok
    finally:
        engine.dispose()


def test_upgrade_keeps_documents_and_their_results_as_the_default_tenants(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = make_engine(url)
    try:
        upgrade(engine, "0007_integrity")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO documents (id, sha256, source_name, pages, text, status, "
                    "created_at, created_by, updated_at) VALUES (7, :sha, 'fax.txt', 1, 'x', "
                    "'ingested', '2026-02-01 09:00:00.000000', 'system', "
                    "'2026-02-01 09:00:00.000000')"
                ),
                {"sha": _sha("old")},
            )
            connection.execute(
                text(
                    "INSERT INTO extractions (id, document_id, workflow, version, payload, "
                    "payload_sha256, created_at, created_by) VALUES (3, 7, 'prior_auth', 1, "
                    "'{}', 'p', '2026-02-01 09:00:00.000000', 'system')"
                )
            )
        upgrade(engine)
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT id, tenant FROM documents")).all()
            assert [tuple(r) for r in rows] == [(7, "default")]
            assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
            assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
            owner = connection.execute(text("SELECT document_id FROM extractions")).scalar()
            assert owner == 7
        found = Store(engine).documents.find_by_sha256(_sha("old"))
        assert found is not None
        assert found.id == 7
    finally:
        engine.dispose()
