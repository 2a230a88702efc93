from __future__ import annotations

from datetime import UTC, datetime

import pytest

from clinllm.domain.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditEvent,
    chain_hash,
    entry_hash,
    verify_chain,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _chain(n: int) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    prev = GENESIS_HASH
    for seq in range(1, n + 1):
        fields = {
            "actor": "system",
            "action": "document.ingested",
            "subjects": {"document": str(seq)},
            "model": None,
            "doc_hashes": (),
            "decision": {},
            "record_digest": None,
            "tenant": "t1",
        }
        digest = chain_hash(seq=seq, ts=T0, prev_hash=prev, **fields)  # type: ignore[arg-type]
        out.append(AuditEntry(seq=seq, ts=T0, prev_hash=prev, hash=digest, **fields))  # type: ignore[arg-type]
        prev = digest
    return out


def test_an_intact_chain_verifies_and_names_its_head() -> None:
    chain = _chain(3)
    result = verify_chain(chain)
    assert result.ok
    assert (result.entries, result.head_hash) == (3, chain[-1].hash)


def test_a_changed_entry_is_found() -> None:
    chain = _chain(3)
    chain[1] = chain[1].model_copy(update={"actor": "mallory"})
    result = verify_chain(chain)
    assert (result.ok, result.first_bad_seq) == (False, 2)
    assert "changed" in (result.reason or "")


def test_a_deleted_entry_is_found() -> None:
    chain = _chain(3)
    del chain[1]
    result = verify_chain(chain)
    assert (result.ok, result.first_bad_seq) == (False, 2)


def test_optional_fields_enter_the_hash_only_when_set() -> None:
    base = {
        "seq": 1,
        "ts": T0,
        "actor": "a",
        "action": "x.y",
        "subjects": {},
        "model": None,
        "doc_hashes": (),
        "decision": {},
        "prev_hash": GENESIS_HASH,
    }
    old_style = chain_hash(**base)  # type: ignore[arg-type]
    assert chain_hash(**base, record_digest=None, tenant=None) == old_style  # type: ignore[arg-type]
    assert chain_hash(**base, record_digest="b" * 64) != old_style  # type: ignore[arg-type]
    entry = AuditEntry(hash=old_style, **base)  # type: ignore[arg-type]
    assert entry_hash(entry) == old_style


def test_audit_events_refuse_free_text() -> None:
    with pytest.raises(ValueError, match="identifiers"):
        AuditEvent(actor="system", action="x.y", decision={"note": "line one\nline two"})
    with pytest.raises(ValueError, match="pattern"):
        AuditEvent(actor="system", action="x.y", record_digest="not-a-digest")
