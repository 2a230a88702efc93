from __future__ import annotations

import itertools

import pytest
from pydantic import ValidationError
from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError

from clinllm.domain.audit import GENESIS_HASH, AuditEvent, chain_hash
from clinllm.store import Store
from clinllm.store.audit import to_fhir_audit_event

SENTINEL = "Zyxwvut Qqqq DOB 01/02/1950"


def _fill(store: Store, n: int = 4) -> None:
    for i in range(n):
        store.audit.append(
            AuditEvent(
                actor=f"user{i}",
                action="document.ingested",
                subjects={"document": str(i)},
                doc_hashes=("a" * 64,),
                model="local:qwen" if i % 2 else None,
                decision={"urgency": "routine", "rule_ids": ["r1", "r2"]},
            )
        )


def _drop_guards(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
        connection.execute(text("DROP TRIGGER audit_log_no_delete"))


def test_chain_links_and_verifies(store: Store) -> None:
    _fill(store)
    entries = store.audit.entries()
    assert [e.seq for e in entries] == [1, 2, 3, 4]
    assert entries[0].prev_hash == GENESIS_HASH
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(entries))
    result = store.audit.verify()
    assert result.ok
    assert result.entries == 4
    assert result.head_hash == entries[-1].hash


def test_empty_chain_verifies(store: Store) -> None:
    result = store.audit.verify()
    assert result.ok
    assert result.entries == 0
    assert result.head_hash is None


def test_database_refuses_update_and_delete(store: Store, engine: Engine) -> None:
    _fill(store, 1)
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text("UPDATE audit_log SET actor = 'mallory'"))
    with pytest.raises(DatabaseError, match="append-only"), engine.begin() as connection:
        connection.execute(text("DELETE FROM audit_log"))


@pytest.mark.parametrize(
    ("statement", "bad_seq", "reason"),
    [
        ("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2", 2, "changed"),
        (
            'UPDATE audit_log SET decision = \'{"urgency": "emergency"}\' WHERE seq = 3',
            3,
            "changed",
        ),
        ("DELETE FROM audit_log WHERE seq = 2", 2, "missing"),
        ("UPDATE audit_log SET prev_hash = hash WHERE seq = 4", 4, "link"),
    ],
)
def test_tampering_is_detected(
    store: Store, engine: Engine, statement: str, bad_seq: int, reason: str
) -> None:
    _fill(store)
    _drop_guards(engine)
    with engine.begin() as connection:
        connection.execute(text(statement))
    result = store.audit.verify()
    assert not result.ok
    assert result.first_bad_seq == bad_seq
    assert reason in (result.reason or "")


def test_rewriting_a_row_with_a_fresh_plain_hash_is_found_at_that_row(
    store: Store, engine: Engine
) -> None:
    _fill(store)
    _drop_guards(engine)
    row = store.audit.entries()[1]
    forged = chain_hash(
        seq=row.seq,
        ts=row.ts,
        actor="mallory",
        action=row.action,
        subjects=row.subjects,
        model=row.model,
        doc_hashes=row.doc_hashes,
        decision=row.decision,
        prev_hash=row.prev_hash,
    )
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE audit_log SET actor = 'mallory', hash = :h WHERE seq = 2"),
            {"h": forged},
        )
    result = store.audit.verify()
    assert not result.ok
    assert result.first_bad_seq == 2  # keyed: a forger without the key cannot make a valid link
    assert "changed" in (result.reason or "")


@pytest.mark.parametrize(
    "bad",
    [
        {"subjects": {"document": SENTINEL + "\nmore"}},
        {"decision": {"note": "x" * 200}},
        {"doc_hashes": ("line\nbreak",)},
        {"action": "Free Text Action"},
    ],
)
def test_content_cannot_ride_along(bad: dict[str, object]) -> None:
    with pytest.raises(ValidationError) as info:
        AuditEvent.model_validate({"actor": "system", "action": "x.y", **bad})
    assert SENTINEL not in str(info.value)


def test_fhir_export_is_identifiers_only(store: Store) -> None:
    _fill(store, 2)
    resources = list(store.audit.export_fhir())
    assert len(resources) == 2
    second = resources[1]
    assert second["resourceType"] == "AuditEvent"
    assert second["action"] == "C"
    assert second["outcome"] == "0"
    assert second["recorded"].endswith("Z")
    assert [a["who"]["identifier"]["value"] for a in second["agent"]] == ["user1", "local:qwen"]
    assert second["agent"][0]["requestor"] is True
    values = [e["what"]["identifier"]["value"] for e in second["entity"] if "what" in e]
    assert values[0] == "1"
    assert values[1] != "a" * 64  # the log keeps a keyed digest, never the plain hash
    assert len(values[1]) == 64
    (decision,) = [e for e in second["entity"] if e.get("name") == "decision"]
    assert {"type": "rule_ids", "valueString": "r1,r2"} in decision["detail"]
    chain = {x["url"]: x for x in second["extension"][0]["extension"]}
    assert chain["hash"]["valueString"] == store.audit.entries()[1].hash
    assert list(store.audit.export_fhir(after_seq=1)) == [second]


def test_failed_outcome_in_fhir(store: Store) -> None:
    store.documents.record_failure(source_name="x.pdf", error_type="CorruptDocument", reason="r")
    (entry,) = store.audit.entries()
    resource = to_fhir_audit_event(entry)
    assert resource["outcome"] == "4"
    assert resource["action"] == "C"
