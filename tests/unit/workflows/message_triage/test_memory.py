"""The in-memory TriageStore fake honours the port's contract."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from clinllm.errors import InputError
from clinllm.workflows.message_triage.memory import InMemoryTriageStore
from clinllm.workflows.message_triage.ports import (
    DecisionRecord,
    DraftRecord,
    EscalationRecord,
    TriageStore,
)

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def decision(decision_id: str = "d1") -> DecisionRecord:
    return DecisionRecord(
        id=decision_id, created_at=T0, message_sha256="0" * 64, message="text",
        category="other", urgency="routine", decided_by="rules", category_by="rules",
    )  # fmt: skip


def test_is_a_triage_store() -> None:
    assert isinstance(InMemoryTriageStore(), TriageStore)


def test_duplicate_ids_and_unknown_ids_are_input_errors() -> None:
    store = InMemoryTriageStore()
    store.save_decision(decision())
    with pytest.raises(InputError, match="d1"):
        store.save_decision(decision())
    with pytest.raises(InputError, match="nope"):
        store.get_draft("nope")


def test_escalations_are_listed_until_acknowledged() -> None:
    store = InMemoryTriageStore()
    for i, offset in enumerate((2, 1)):
        store.add_escalation(EscalationRecord(
            id=f"e{i}", decision_id="d1", created_at=T0 + timedelta(minutes=offset),
            decided_by="rule:chest_pain_now", safety_message="Call 911.",
            safety_template_sha256="0" * 64,
        ))  # fmt: skip
    assert [e.id for e in store.list_open_escalations()] == ["e1", "e0"]
    store.acknowledge_escalation("e1", actor="rn-1", at=T0)
    assert [e.id for e in store.list_open_escalations()] == ["e0"]


def test_only_pending_drafts_can_be_reviewed() -> None:
    store = InMemoryTriageStore()
    store.save_draft(DraftRecord(id="x", decision_id="d1", created_at=T0, text="Hi.",
                                 source="template"))  # fmt: skip
    store.reject_draft("x", actor="rn-1", at=T0)
    assert store.list_pending_drafts() == []
    with pytest.raises(InputError, match="rejected"):
        store.approve_draft("x", actor="rn-1", at=T0)
