"""The persistence ports behave the same in memory, on SQLite and on PostgreSQL.

The in-memory fakes are what ``clinllm eval`` and the unit tests run on; this contract is what
lets them stand in for the SQL adapters. PostgreSQL is skipped with a printed reason when the
server is unreachable.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clinllm.domain.audit import AuditEvent
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.hashing import sha256_hex
from clinllm.domain.ports import AuditLog, RecordStore, ReviewQueue
from clinllm.domain.records import DocumentFailure, NewExtraction, SourceDocument
from clinllm.domain.review import (
    PRIOR_AUTH_EXTRACTION,
    TRIAGE_DRAFT,
    TRIAGE_ESCALATION,
    NewReviewItem,
)
from clinllm.errors import InvalidTransition, RecordNotFound
from clinllm.store import Store
from clinllm.store.testing import migrated_postgres, migrated_sqlite, postgres_unavailable_reason
from clinllm.testing.memory import InMemoryAuditLog, InMemoryRecordStore, InMemoryReviewQueue

TEXT = "Member ID: ABC123\fCPT 72148"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 8, 0, 0, 500000, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@dataclass
class Ports:
    records: RecordStore
    reviews: ReviewQueue
    audit: AuditLog


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def ports(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ports]:
    clock = Clock()
    if request.param == "memory":
        audit = InMemoryAuditLog(clock=clock)
        records = InMemoryRecordStore(audit, clock=clock)
        yield Ports(records, InMemoryReviewQueue(records, audit, clock=clock), audit)
        return
    if request.param == "sqlite":
        with migrated_sqlite(tmp_path) as engine:
            store = Store(engine, clock=clock)
            yield Ports(store.records, store.reviews, store.audit)
        return
    reason = postgres_unavailable_reason()
    if reason is not None:
        print(reason)
        pytest.skip(reason)
    with migrated_postgres() as engine:
        store = Store(engine, clock=clock)
        yield Ports(store.records, store.reviews, store.audit)


def _document(ports: Ports) -> int:
    doc = SourceDocument(sha256=sha256_hex(TEXT), source_name="fax.txt", text=TEXT, pages=2)
    record, created = ports.records.add_document(doc, actor="system")
    again, created_again = ports.records.add_document(doc, actor="system")
    assert (created, created_again, again.id) == (True, False, record.id)
    return record.id


def test_documents_and_versions_are_idempotent_and_keep_evidence(ports: Ports) -> None:
    doc_id = _document(ports)
    span = Evidence.at(TEXT, 11, 17, field="member_id", source="rule:member_id")
    new = NewExtraction(
        workflow="prior_auth",
        payload={"member_id": "ABC123"},
        confidence={"member_id": 0.9},
        evidence=(span,),
        findings=(Finding(code="x_rule", severity="warning", message="fixed", field="m"),),
        provider="rules",
        prompt_version="p1",
    )
    first, created = ports.records.add_extraction(doc_id, new, actor="system")
    same, created_again = ports.records.add_extraction(doc_id, new, actor="system")
    assert (created, created_again, same.id, first.version) == (True, False, first.id, 1)
    assert ports.records.evidence(first.id) == [span]
    assert [f.code for f in ports.records.findings(first.id)] == ["x_rule"]
    assert ports.records.document_text(doc_id) == TEXT
    assert ports.records.get_document(doc_id).status == "extracted"
    assert ports.records.latest_extraction(doc_id, "prior_auth") == first
    with pytest.raises(RecordNotFound):
        ports.records.get_extraction(999)
    event = ports.audit.entries(action="extraction.created")[-1]
    assert (event.record_kind, event.subjects["extraction"]) == ("extraction", str(first.id))
    assert event.decision["payload_sha256"] == first.payload_sha256
    assert event.record_digest is not None  # the whole version: payload, evidence, findings


def test_a_failed_document_is_recorded_then_replaced_by_a_good_read(ports: Ports) -> None:
    failure = DocumentFailure(
        source_name="fax.pdf",
        error_type="CorruptDocument",
        reason="not a PDF",
        sha256=sha256_hex(TEXT),
    )
    failed = ports.records.add_failed_document(failure, actor="system")
    assert failed.status == "failed"
    doc_id = _document(ports)
    assert doc_id == failed.id
    marked = ports.records.mark_failed(doc_id, error_type="X", reason="y", actor="system")
    assert (marked.status, marked.error_type) == ("failed", "X")


def test_the_review_state_machine_is_the_same_everywhere(ports: Ports) -> None:
    doc_id = _document(ports)
    ext, _ = ports.records.add_extraction(
        doc_id, NewExtraction(workflow="prior_auth", payload={"member_id": None}), actor="system"
    )
    item, created = ports.reviews.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION,
            subject=str(ext.id),
            payload={"workflow": "prior_auth"},
            reasons=("missing:member_id",),
            document_id=doc_id,
        ),
        actor="system",
    )
    assert created
    draft, _ = ports.reviews.open(
        NewReviewItem(kind=TRIAGE_DRAFT, subject="9", payload={"text": "a"}), actor="s"
    )
    urgent, _ = ports.reviews.open(
        NewReviewItem(kind=TRIAGE_ESCALATION, subject="8", payload={}, priority=100), actor="s"
    )
    assert [i.id for i in ports.reviews.list()] == [urgent.id, item.id, draft.id]
    ports.reviews.claim(item.id, actor="rev1")
    with pytest.raises(InvalidTransition, match="claimed by rev1"):
        ports.reviews.accept(item.id, actor="rev2")
    closed, new = ports.reviews.correct(item.id, {"member_id": "ABC123"}, actor="rev1")
    assert (closed.status, closed.result, new.supersedes_id) == ("corrected", str(new.id), ext.id)
    ports.reviews.edit(draft.id, {"text": "b"}, actor="rn")
    ports.reviews.approve(draft.id, actor="rn")
    ports.reviews.accept(urgent.id, actor="rn")
    assert ports.reviews.list() == []
    assert [v.action for v in ports.reviews.history(draft.id)] == ["opened", "edited", "approved"]
    assert ports.reviews.get(draft.id).payload == {"text": "b"}
    with pytest.raises(RecordNotFound):
        ports.reviews.get(999)


def test_a_released_claim_is_pending_again_and_audited(ports: Ports) -> None:
    item, _ = ports.reviews.open(
        NewReviewItem(kind=TRIAGE_DRAFT, subject="9", payload={"text": "a"}), actor="s"
    )
    ports.reviews.claim(item.id, actor="rn1")
    released = ports.reviews.release(item.id, actor="rn1")
    assert (released.status, released.claimed_by) == ("pending", None)
    assert ports.reviews.get(item.id).claimed_by is None
    ports.reviews.claim(item.id, actor="rn2")
    assert [v.action for v in ports.reviews.history(item.id)] == [
        "opened",
        "claimed",
        "released",
        "claimed",
    ]
    actions = [e.action for e in ports.audit.entries()]
    assert "review.released" in actions


def test_the_audit_chain_verifies_and_refuses_free_text(ports: Ports) -> None:
    _document(ports)
    entry = ports.audit.append(
        AuditEvent(actor="rn1", action="custom.step", decision={"status": "ok"}, tenant="t1")
    )
    assert entry.tenant == "t1"
    result = ports.audit.verify()
    assert result.ok
    assert result.head_hash == entry.hash
    assert [e.action for e in ports.audit.entries(after_seq=entry.seq - 1)] == ["custom.step"]
