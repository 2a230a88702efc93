from __future__ import annotations

from datetime import timedelta

import pytest

from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, TRIAGE_DRAFT, NewReviewItem
from clinllm.errors import InvalidTransition, RecordNotFound
from clinllm.store import Store
from clinllm.store.reviews import SqlReviewQueue


def _queued(store: Store) -> tuple[int, int, int]:
    doc, _ = store.documents.register(sha256="2" * 64, source_name="a.txt", text="t", pages=1)
    ext, _ = store.extractions.add(doc.id, "prior_auth", {"member_id": None}, model="m")
    item, created = store.reviews.open(
        NewReviewItem(
            kind=PRIOR_AUTH_EXTRACTION,
            subject=str(ext.id),
            payload={"workflow": "prior_auth"},
            reasons=("missing:member_id",),
            document_id=doc.id,
        ),
        actor="system",
    )
    assert created
    return item.id, ext.id, doc.id


def test_open_is_idempotent_while_open(store: Store) -> None:
    item_id, ext_id, doc_id = _queued(store)
    again, created = store.reviews.open(
        NewReviewItem(kind=PRIOR_AUTH_EXTRACTION, subject=str(ext_id), payload={}), actor="system"
    )
    assert not created
    assert again.id == item_id
    assert store.documents.get(doc_id).status == "needs_review"


def test_list_claim_accept(store: Store) -> None:
    item_id, ext_id, doc_id = _queued(store)
    (listed,) = store.reviews.list()
    assert (listed.status, listed.reasons, listed.tenant) == (
        "pending",
        ("missing:member_id",),
        "default",
    )
    claimed = store.reviews.claim(item_id, actor="rev1")
    assert (claimed.status, claimed.claimed_by) == ("claimed", "rev1")
    assert claimed.claim_expires_at == claimed.updated_at + timedelta(minutes=30)
    assert store.reviews.claim(item_id, actor="rev1") == claimed  # own claim: no-op
    with pytest.raises(InvalidTransition, match="claimed by rev1"):
        store.reviews.claim(item_id, actor="rev2")
    with pytest.raises(InvalidTransition):
        store.reviews.accept(item_id, actor="rev2")
    accepted = store.reviews.accept(item_id, actor="rev1")
    assert (accepted.status, accepted.updated_by, accepted.result) == (
        "accepted",
        "rev1",
        str(ext_id),
    )
    assert store.reviews.list() == []
    assert store.reviews.list(status="accepted") == [accepted]
    assert store.documents.get(doc_id).status == "reviewed"
    with pytest.raises(InvalidTransition, match="it is accepted"):
        store.reviews.claim(item_id, actor="rev1")


def test_correction_is_a_new_version_and_keeps_the_original(store: Store) -> None:
    item_id, ext_id, _ = _queued(store)
    item, new = store.reviews.correct(item_id, {"member_id": "ZZ123"}, actor="rev9")
    assert (item.status, item.claimed_by, item.result) == ("corrected", "rev9", str(new.id))
    assert (new.version, new.supersedes_id, new.created_by) == (2, ext_id, "rev9")
    assert new.payload == {"member_id": "ZZ123"}
    assert store.extractions.get(ext_id).payload == {"member_id": None}
    last = store.reviews.history(item_id)[-1]
    assert (last.action, last.changed, last.result) == ("corrected", ("member_id",), str(new.id))
    with pytest.raises(InvalidTransition):
        store.reviews.correct(item_id, {"member_id": "other"}, actor="rev9")


def test_a_draft_is_edited_then_approved_and_each_step_is_a_version(store: Store) -> None:
    item, _ = store.reviews.open(
        NewReviewItem(kind=TRIAGE_DRAFT, subject="5", payload={"text": "We got it."}),
        actor="system",
    )
    store.reviews.edit(item.id, {"text": "We got it, Ana."}, actor="rn1")
    approved = store.reviews.approve(item.id, actor="rn1")
    assert (approved.status, approved.payload["text"], approved.version) == (
        "approved",
        "We got it, Ana.",
        3,
    )
    history = store.reviews.history(item.id)
    assert [(v.action, v.changed) for v in history] == [
        ("opened", ()),
        ("edited", ("text",)),
        ("approved", ()),
    ]
    assert history[0].payload["text"] == "We got it."
    other, _ = store.reviews.open(
        NewReviewItem(kind=TRIAGE_DRAFT, subject="6", payload={}), actor="s"
    )
    with pytest.raises(InvalidTransition, match=r"a triage\.draft item"):
        store.reviews.correct(other.id, {}, actor="rn1")


def test_queues_are_per_tenant(store: Store) -> None:
    item_id, _, _ = _queued(store)
    other = SqlReviewQueue(
        store.engine, tenant="t2", clock=store.reviews._clock, key=store.reviews._key
    )
    assert other.list() == []
    with pytest.raises(RecordNotFound):
        other.get(item_id)


def test_unknown_item(store: Store) -> None:
    with pytest.raises(RecordNotFound, match="unknown review item id 7"):
        store.reviews.claim(7, actor="x")
    with pytest.raises(RecordNotFound):
        store.reviews.history(7)


def test_every_step_is_audited_in_the_chain(store: Store) -> None:
    item_id, _, _ = _queued(store)
    store.reviews.claim(item_id, actor="rev1")
    store.reviews.correct(item_id, {"member_id": "Q"}, actor="rev1")
    entries = store.audit.entries()
    assert [e.action for e in entries] == [
        "document.ingested",
        "extraction.created",
        "review.opened",
        "review.claimed",
        "extraction.corrected",
        "review.corrected",
    ]
    assert entries[2].decision["reasons"] == ["missing:member_id"]
    assert entries[-1].subjects["review_item"] == str(item_id)
    assert entries[-1].tenant == "default"
    assert store.audit.verify().ok
