from __future__ import annotations

import pytest

from clinllm.domain.evidence import Evidence
from clinllm.domain.hashing import sha256_hex
from clinllm.domain.records import NewExtraction, SourceDocument
from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, TRIAGE_DRAFT, NewReviewItem
from clinllm.errors import InvalidTransition, RecordNotFound
from clinllm.testing.memory import InMemoryAuditLog, InMemoryRecordStore, InMemoryReviewQueue

TEXT = "Member ID: ABC123\fPage two"


def _stores() -> tuple[InMemoryAuditLog, InMemoryRecordStore, InMemoryReviewQueue]:
    audit = InMemoryAuditLog()
    records = InMemoryRecordStore(audit)
    return audit, records, InMemoryReviewQueue(records, audit, tenant="t1")


def _doc() -> SourceDocument:
    return SourceDocument(sha256=sha256_hex(TEXT), source_name="fax.txt", text=TEXT, pages=2)


def test_documents_and_versions_are_idempotent() -> None:
    _, records, _ = _stores()
    first, created = records.add_document(_doc(), actor="system")
    again, created_again = records.add_document(_doc(), actor="system")
    assert (created, created_again, again.id) == (True, False, first.id)
    new = NewExtraction(workflow="prior_auth", payload={"member_id": "ABC123"})
    v1, made = records.add_extraction(first.id, new, actor="system")
    same, made_again = records.add_extraction(first.id, new, actor="system")
    assert (made, made_again, same.id) == (True, False, v1.id)
    assert records.document_text(first.id) == TEXT
    assert records.get_document(first.id).status == "extracted"


def test_evidence_keeps_its_field_path() -> None:
    _, records, _ = _stores()
    doc, _ = records.add_document(_doc(), actor="system")
    span = Evidence.at(TEXT, 11, 17, field="member_id", source="rule:member_id")
    stored, _ = records.add_extraction(
        doc.id,
        NewExtraction(workflow="prior_auth", payload={"m": 1}, evidence=(span,)),
        actor="system",
    )
    assert records.evidence(stored.id) == [span]
    with pytest.raises(RecordNotFound):
        records.evidence(999)


def test_a_correction_is_a_new_version_and_every_step_is_chained() -> None:
    audit, records, queue = _stores()
    doc, _ = records.add_document(_doc(), actor="system")
    original, _ = records.add_extraction(
        doc.id, NewExtraction(workflow="prior_auth", payload={"member_id": None}), actor="system"
    )
    item, created = queue.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION,
            subject=str(original.id),
            payload={},
            reasons=("missing:member_id",),
            document_id=doc.id,
        ),
        actor="system",
    )
    _, again = queue.open(
        NewReviewItem(kind=PRIOR_AUTH_EXTRACTION, subject=str(original.id), payload={}),
        actor="system",
    )
    assert (created, again) == (True, False)
    queue.claim(item.id, actor="rn1")
    with pytest.raises(InvalidTransition):
        queue.accept(item.id, actor="rn2")
    closed, new = queue.correct(item.id, {"member_id": "ABC123"}, actor="rn1")
    assert (closed.status, closed.result) == ("corrected", str(new.id))
    assert new.supersedes_id == original.id
    assert [v.action for v in queue.history(item.id)] == ["opened", "claimed", "corrected"]
    assert queue.history(item.id)[-1].changed == ("member_id",)
    actions = [e.action for e in audit.entries()]
    assert actions[-4:] == [
        "review.opened",
        "review.claimed",
        "extraction.created",
        "review.corrected",
    ]
    assert audit.verify().ok


def test_the_queue_lists_open_items_by_priority_then_age() -> None:
    _, _, queue = _stores()
    low, _ = queue.open(
        NewReviewItem(kind=TRIAGE_DRAFT, subject="1", payload={"text": "a"}), actor="s"
    )
    high, _ = queue.open(
        NewReviewItem(kind="triage.escalation", subject="2", payload={}, priority=100), actor="s"
    )
    queue.approve(low.id, actor="rn1")
    assert [i.id for i in queue.list()] == [high.id]
    assert [i.id for i in queue.list(status=None)] == [high.id, low.id]
    assert queue.list(kind=TRIAGE_DRAFT, status="approved")[0].tenant == "t1"
