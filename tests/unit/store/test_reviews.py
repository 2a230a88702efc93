from __future__ import annotations

import pytest

from clinllm.store import InvalidTransition, RecordNotFound, Store


def _queued(store: Store) -> tuple[int, int]:
    doc, _ = store.documents.register(sha256="2" * 64, source_name="a.txt", text="t", pages=1)
    ext, _ = store.extractions.add(doc.id, "prior_auth", {"member_id": None}, model="m")
    item, created = store.reviews.enqueue(ext.id, ["missing:member_id"])
    assert created
    return item.id, ext.id


def test_enqueue_is_idempotent_while_open(store: Store) -> None:
    item_id, ext_id = _queued(store)
    again, created = store.reviews.enqueue(ext_id, ["missing:member_id"])
    assert not created
    assert again.id == item_id
    assert store.documents.get(again.document_id).status == "needs_review"


def test_list_claim_accept(store: Store) -> None:
    item_id, ext_id = _queued(store)
    (listed,) = store.reviews.list()
    assert listed.status == "pending"
    assert listed.reasons == ("missing:member_id",)
    claimed = store.reviews.claim(item_id, actor="rev1")
    assert claimed.status == "claimed"
    assert claimed.claimed_by == "rev1"
    assert store.reviews.claim(item_id, actor="rev1") == claimed  # own claim: no-op
    with pytest.raises(InvalidTransition, match="claimed by rev1"):
        store.reviews.claim(item_id, actor="rev2")
    with pytest.raises(InvalidTransition):
        store.reviews.accept(item_id, actor="rev2")
    accepted = store.reviews.accept(item_id, actor="rev1")
    assert accepted.status == "accepted"
    assert accepted.resolved_by == "rev1"
    assert accepted.result_extraction_id == ext_id
    assert accepted.resolved_at is not None
    assert store.reviews.list() == []
    assert store.reviews.list(status="accepted") == [accepted]
    assert store.documents.get(accepted.document_id).status == "reviewed"
    with pytest.raises(InvalidTransition, match="it is accepted"):
        store.reviews.claim(item_id, actor="rev1")


def test_correction_is_a_new_version_and_keeps_the_original(store: Store) -> None:
    item_id, ext_id = _queued(store)
    item, new = store.reviews.correct(item_id, {"member_id": "ZZ123"}, actor="rev9")
    assert item.status == "corrected"
    assert item.claimed_by == "rev9"
    assert item.result_extraction_id == new.id
    assert new.version == 2
    assert new.supersedes_id == ext_id
    assert new.created_by == "rev9"
    assert new.payload == {"member_id": "ZZ123"}
    assert store.extractions.get(ext_id).payload == {"member_id": None}
    with pytest.raises(InvalidTransition):
        store.reviews.correct(item_id, {"member_id": "other"}, actor="rev9")


def test_unknown_item(store: Store) -> None:
    with pytest.raises(RecordNotFound, match="unknown review item id 7"):
        store.reviews.claim(7, actor="x")
    with pytest.raises(RecordNotFound):
        store.reviews.enqueue(7, [])


def test_every_step_is_audited(store: Store) -> None:
    item_id, _ = _queued(store)
    store.reviews.claim(item_id, actor="rev1")
    store.reviews.correct(item_id, {"member_id": "Q"}, actor="rev1")
    actions = [e.action for e in store.audit.entries()]
    assert actions == [
        "document.ingested",
        "extraction.created",
        "review.enqueued",
        "review.claimed",
        "extraction.corrected",
        "review.corrected",
    ]
    assert store.audit.verify().ok
