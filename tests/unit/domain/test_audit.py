from __future__ import annotations

from datetime import UTC, datetime

import pytest

from clinllm.domain.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditEvent,
    AuditKey,
    chain_hash,
    entry_hash,
    verify_chain,
)

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
KEY = AuditKey(b"unit-test-audit-key-0123456789")


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
        digest = chain_hash(seq=seq, ts=T0, prev_hash=prev, key=KEY, **fields)  # type: ignore[arg-type]
        out.append(
            AuditEntry(seq=seq, ts=T0, prev_hash=prev, hash=digest, key_id=KEY.key_id, **fields)  # type: ignore[arg-type]
        )
        prev = digest
    return out


def test_an_intact_chain_verifies_and_names_its_head() -> None:
    chain = _chain(3)
    result = verify_chain(chain, KEY)
    assert result.ok
    assert (result.entries, result.head_hash) == (3, chain[-1].hash)


def test_a_changed_entry_is_found() -> None:
    chain = _chain(3)
    chain[1] = chain[1].model_copy(update={"actor": "mallory"})
    result = verify_chain(chain, KEY)
    assert (result.ok, result.first_bad_seq) == (False, 2)
    assert "changed" in (result.reason or "")


def test_a_deleted_entry_is_found() -> None:
    chain = _chain(3)
    del chain[1]
    result = verify_chain(chain, KEY)
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


def _legacy(entry: AuditEntry, prev: str) -> AuditEntry:
    """``entry`` re-linked as an unkeyed (pre-0007) entry after ``prev``."""
    unkeyed = entry.model_copy(update={"key_id": None, "prev_hash": prev})
    return unkeyed.model_copy(update={"hash": entry_hash(unkeyed)})


def test_a_chain_rewritten_without_the_key_is_refused() -> None:
    chain, prev = [], GENESIS_HASH
    for entry in _chain(3):
        forged = _legacy(entry.model_copy(update={"actor": "mallory"}), prev)
        chain.append(forged)
        prev = forged.hash
    result = verify_chain(chain, KEY)
    assert not result.ok
    assert result.legacy_entries == 3
    assert "not signed with the audit key" in (result.reason or "")


def test_unkeyed_entries_pass_only_as_an_allowed_prefix() -> None:
    keyed = _chain(2)
    first = _legacy(keyed[0], GENESIS_HASH)
    assert verify_chain([first], KEY, allow_legacy=True).ok
    second = keyed[1].model_copy(update={"prev_hash": first.hash})
    second = second.model_copy(update={"hash": entry_hash(second, KEY)})
    mixed = verify_chain([first, second], KEY, allow_legacy=True)
    assert mixed.ok
    assert mixed.legacy_entries == 1
    # An unkeyed entry after a keyed one is what a forger appends: refused even when allowed.
    third = _legacy(keyed[1].model_copy(update={"seq": 3}), second.hash)
    late = verify_chain([first, second, third], KEY, allow_legacy=True)
    assert (late.ok, late.first_bad_seq) == (False, 3)


def test_another_key_is_named_as_such() -> None:
    result = verify_chain(_chain(2), AuditKey(b"some-other-key-0123456789abcdef"))
    assert (result.ok, result.first_bad_seq) == (False, 1)
    assert "another audit key" in (result.reason or "")


def test_the_key_is_at_least_16_bytes_and_never_shown() -> None:
    with pytest.raises(ValueError, match="16 bytes"):
        AuditKey(b"short")
    assert "unit-test" not in repr(KEY)
    assert KEY.document_digest("a" * 64) != AuditKey.ephemeral().document_digest("a" * 64)
