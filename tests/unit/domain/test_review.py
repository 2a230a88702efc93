from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clinllm.domain.review import (
    PRIOR_AUTH_EXTRACTION,
    TRIAGE_DRAFT,
    TRIAGE_ESCALATION,
    ReviewItem,
    review_event,
    transition,
)
from clinllm.errors import InvalidTransition

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _item(kind: str = PRIOR_AUTH_EXTRACTION, **update: object) -> ReviewItem:
    base = ReviewItem(
        id=7,
        tenant="t1",
        kind=kind,
        subject="40",
        document_id=12,
        payload={"text": "We received your message."} if kind == TRIAGE_DRAFT else {},
        reasons=("missing:member_id",),
        version=1,
        status="pending",
        created_at=T0,
        created_by="system",
        updated_at=T0,
        updated_by="system",
    )
    return base.model_copy(update=update)


def test_claim_sets_the_claimant_and_when_the_claim_lapses() -> None:
    later = T0 + timedelta(minutes=5)
    item, version = transition(_item(), "claim", actor="rn1", now=later)
    assert (item.status, item.claimed_by, item.version) == ("claimed", "rn1", 2)
    assert item.claim_expires_at == later + timedelta(minutes=30)
    assert version is not None
    assert (version.action, version.actor, version.at) == ("claimed", "rn1", later)


def test_claiming_ones_own_claim_is_a_no_op() -> None:
    claimed, _ = transition(_item(), "claim", actor="rn1", now=T0)
    again, version = transition(claimed, "claim", actor="rn1", now=T0)
    assert version is None
    assert again == claimed


@pytest.mark.parametrize("verb", ["claim", "accept", "correct", "reject"])
def test_a_case_claimed_by_someone_else_cannot_be_worked(verb: str) -> None:
    claimed, _ = transition(_item(), "claim", actor="rn1", now=T0)
    with pytest.raises(InvalidTransition, match="claimed by rn1"):
        transition(claimed, verb, actor="rn2", now=T0)  # type: ignore[arg-type]


def test_release_gives_a_claimed_case_back_to_the_queue() -> None:
    claimed, _ = transition(_item(), "claim", actor="rn1", now=T0)
    with pytest.raises(InvalidTransition, match="claimed by rn1"):
        transition(claimed, "release", actor="rn2", now=T0)
    released, version = transition(claimed, "release", actor="rn1", now=T0)
    assert (released.status, released.claimed_by, released.claim_expires_at) == (
        "pending",
        None,
        None,
    )
    assert version is not None
    assert version.action == "released"
    with pytest.raises(InvalidTransition, match="it is pending"):
        transition(released, "release", actor="rn1", now=T0)
    taken, _ = transition(released, "claim", actor="rn2", now=T0)
    assert taken.claimed_by == "rn2"


def test_final_states_take_no_further_action() -> None:
    accepted, _ = transition(_item(), "accept", actor="rn1", now=T0)
    assert accepted.status == "accepted"
    assert accepted.result == "40"  # the subject itself was accepted
    with pytest.raises(InvalidTransition, match="it is accepted"):
        transition(accepted, "correct", actor="rn1", now=T0)


def test_correct_records_the_new_version_and_the_changed_fields() -> None:
    item, version = transition(
        _item(), "correct", actor="rn1", now=T0, result="41", changed=("member_id",)
    )
    assert (item.status, item.result, item.claimed_by) == ("corrected", "41", "rn1")
    assert version is not None
    assert version.changed == ("member_id",)
    assert version.result == "41"


def test_editing_a_draft_keeps_it_open_and_names_what_changed() -> None:
    item, version = transition(
        _item(TRIAGE_DRAFT), "edit", actor="rn1", now=T0, changes={"text": "Thanks, Ana."}
    )
    assert item.status == "pending"
    assert item.payload["text"] == "Thanks, Ana."
    assert version is not None
    assert version.changed == ("text",)
    approved, _ = transition(item, "approve", actor="rn1", now=T0)
    assert approved.status == "approved"


@pytest.mark.parametrize(
    ("kind", "verb"),
    [
        (TRIAGE_DRAFT, "accept"),
        (TRIAGE_DRAFT, "correct"),
        (PRIOR_AUTH_EXTRACTION, "approve"),
        (PRIOR_AUTH_EXTRACTION, "edit"),
        (TRIAGE_ESCALATION, "reject"),
    ],
)
def test_a_kind_takes_only_its_own_actions(kind: str, verb: str) -> None:
    with pytest.raises(InvalidTransition, match=f"a {kind} item"):
        transition(_item(kind), verb, actor="rn1", now=T0)  # type: ignore[arg-type]


def test_a_kind_nobody_declared_takes_every_action() -> None:
    item, _ = transition(_item("note_summary.summary"), "approve", actor="rn1", now=T0)
    assert item.status == "approved"


def test_review_events_carry_ids_and_labels_never_the_payload() -> None:
    item, _ = transition(
        _item(TRIAGE_DRAFT), "edit", actor="rn1", now=T0, changes={"text": "Call Ana Diaz."}
    )
    event = review_event(item, "edited", doc_hashes=("a" * 64,))
    assert event.action == "review.edited"
    assert event.subjects == {"review_item": "7", "subject": "40", "document": "12"}
    assert event.tenant == "t1"
    assert "Ana" not in event.model_dump_json()
