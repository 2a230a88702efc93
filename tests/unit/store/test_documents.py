from __future__ import annotations

import hashlib

import pytest

from clinllm.errors import RecordNotFound
from clinllm.store import Store


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_same_bytes_twice_are_one_record(store: Store) -> None:
    first, created = store.documents.register(
        sha256=_sha("a"),
        source_name="fax.pdf",
        text="page one\fpage two",
        pages=2,
        media_type="application/pdf",
        byte_size=1234,
        page_starts=[0, 9],
    )
    again, created_again = store.documents.register(
        sha256=_sha("a"), source_name="fax-copy.pdf", text="page one\fpage two", pages=2
    )
    assert created
    assert not created_again
    assert again.id == first.id
    assert again.source_name == "fax.pdf"
    assert store.documents.list() == [first]
    assert store.documents.text(first.id) == "page one\fpage two"
    assert first.status == "ingested"
    assert first.created_at.tzinfo is not None


def test_failed_document_is_recorded_with_error_type_and_can_succeed_later(store: Store) -> None:
    failed = store.documents.record_failure(
        source_name="locked.pdf",
        error_type="EncryptedDocument",
        reason="the PDF is encrypted and needs a password",
        sha256=_sha("b"),
        byte_size=10,
    )
    assert failed.status == "failed"
    assert failed.error_type == "EncryptedDocument"
    assert store.documents.list(status="failed") == [failed]
    with pytest.raises(RecordNotFound):
        store.documents.text(failed.id)
    fixed, created = store.documents.register(
        sha256=_sha("b"), source_name="locked.pdf", text="now readable", pages=1
    )
    assert created
    assert fixed.id == failed.id
    assert fixed.status == "ingested"
    assert fixed.error_type is None


def test_failure_without_readable_bytes_still_recorded(store: Store) -> None:
    one = store.documents.record_failure(
        source_name="huge.pdf", error_type="DocumentTooLarge", reason="too large"
    )
    two = store.documents.record_failure(
        source_name="huge2.pdf", error_type="DocumentTooLarge", reason="too large"
    )
    assert one.id != two.id
    assert one.sha256 is None


def test_unknown_document_id(store: Store) -> None:
    with pytest.raises(RecordNotFound, match="unknown document id 99"):
        store.documents.get(99)


def test_set_status(store: Store) -> None:
    doc, _ = store.documents.register(sha256=_sha("c"), source_name="x", text="t", pages=1)
    store.documents.set_status(doc.id, "needs_review")
    assert store.documents.get(doc.id).status == "needs_review"
    assert store.documents.find_by_sha256(_sha("c")) is not None
    assert store.documents.find_by_sha256(_sha("zz")) is None


def test_mark_failed_after_ingest_keeps_text_and_records_the_error(store: Store) -> None:
    doc, _ = store.documents.register(sha256=_sha("m"), source_name="x", text="t", pages=1)
    failed = store.documents.mark_failed(
        doc.id, error_type="AllProvidersFailed", reason="all providers failed (rules: X)"
    )
    assert failed.status == "failed"
    assert failed.error_type == "AllProvidersFailed"
    assert store.documents.text(doc.id) == "t"
    assert store.audit.entries()[-1].decision == {
        "error_type": "AllProvidersFailed",
        "outcome": "failed",
    }
    with pytest.raises(RecordNotFound):
        store.documents.mark_failed(999, error_type="X", reason="r")
