"""``SqlTriageStore`` meets the triage workflow's ``TriageStore`` port, like the in-memory fake.

The same behaviour runs against the fake shipped with the workflow, SQLite and PostgreSQL
(skipped with a printed reason when the server is unreachable).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from clinllm.errors import InputError
from clinllm.store import Store
from clinllm.store.testing import migrated_postgres, migrated_sqlite, postgres_unavailable_reason
from clinllm.workflows.message_triage.memory import InMemoryTriageStore
from clinllm.workflows.message_triage.ports import (
    DecisionRecord,
    DraftRecord,
    EscalationRecord,
    TriageAuditEvent,
    TriageStore,
)
from clinllm.workflows.message_triage.schema import EvidenceSpan

T0 = datetime(2026, 3, 1, 8, 0, 0, 500000, tzinfo=UTC)
MESSAGE = "my dad has crushing chest pain right now"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture(params=["memory", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def triage_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[TriageStore]:
    if request.param == "memory":
        yield InMemoryTriageStore()
        return
    if request.param == "sqlite":
        with migrated_sqlite(tmp_path) as engine:
            yield Store(engine).triage
        return
    reason = postgres_unavailable_reason()
    if reason is not None:
        print(reason)
        pytest.skip(reason)
    with migrated_postgres() as engine:
        yield Store(engine).triage


def _decision(decision_id: str = "d1", at: datetime = T0) -> DecisionRecord:
    return DecisionRecord(
        id=decision_id,
        created_at=at,
        message_sha256=_sha(MESSAGE),
        message=MESSAGE,
        category="symptom_escalation",
        urgency="emergency",
        decided_by="rule:chest_pain_now",
        category_by="rule:chest_pain_now",
        rule_ids=("chest_pain_now",),
        evidence=(
            EvidenceSpan(start=11, end=30, text=MESSAGE[11:30], source="rule:chest_pain_now"),
        ),
        external_id="msg-1",
    )


def _draft(draft_id: str, decision_id: str = "d1", at: datetime = T0) -> DraftRecord:
    return DraftRecord(
        id=draft_id,
        decision_id=decision_id,
        created_at=at,
        text="We received your message.",
        source="template",
        template_id="ack.txt",
    )


def test_satisfies_the_protocol(triage_store: TriageStore) -> None:
    assert isinstance(triage_store, TriageStore)


def test_decisions_round_trip_and_ids_are_unique(triage_store: TriageStore) -> None:
    triage_store.save_decision(_decision())
    assert triage_store.get_decision("d1") == _decision()
    with pytest.raises(InputError):
        triage_store.save_decision(_decision())
    with pytest.raises(InputError, match="nope"):
        triage_store.get_decision("nope")


def test_escalations_open_at_once_and_can_be_acknowledged(triage_store: TriageStore) -> None:
    triage_store.save_decision(_decision())
    escalation = EscalationRecord(
        id="e1",
        decision_id="d1",
        created_at=T0,
        rule_ids=("chest_pain_now",),
        decided_by="rule:chest_pain_now",
        safety_message="Call 911 now.",
        safety_template_sha256="c" * 64,
    )
    triage_store.add_escalation(escalation)
    assert triage_store.list_open_escalations() == [escalation]
    done = triage_store.acknowledge_escalation("e1", actor="nurse1", at=T0 + timedelta(minutes=1))
    assert done.status == "acknowledged"
    assert triage_store.list_open_escalations() == []
    with pytest.raises(InputError):
        triage_store.acknowledge_escalation("e404", actor="nurse1", at=T0)


def test_draft_edit_approve_history(triage_store: TriageStore) -> None:
    triage_store.save_decision(_decision())
    triage_store.save_draft(_draft("r1"))
    triage_store.save_draft(_draft("r2", at=T0 + timedelta(seconds=5)))
    assert [d.id for d in triage_store.list_pending_drafts()] == ["r1", "r2"]
    edited = triage_store.edit_draft(
        "r1", actor="staff1", text="We received your message today.", at=T0 + timedelta(minutes=2)
    )
    assert edited.status == "pending"
    assert edited.revision == 1
    approved = triage_store.approve_draft("r1", actor="staff2", at=T0 + timedelta(minutes=3))
    assert approved.status == "approved"
    assert approved.reviewed_by == "staff2"
    assert approved.reviewed_at == T0 + timedelta(minutes=3)
    rejected = triage_store.reject_draft("r2", actor="staff1", at=T0 + timedelta(minutes=4))
    assert rejected.status == "rejected"
    assert triage_store.list_pending_drafts() == []
    reviews = triage_store.list_draft_reviews("r1")
    assert [(r.action, r.actor, r.changed) for r in reviews] == [
        ("edited", "staff1", True),
        ("approved", "staff2", False),
    ]
    assert reviews[0].before_text == "We received your message."
    assert reviews[0].after_text == "We received your message today."
    with pytest.raises(InputError, match=r"not pending|approved"):
        triage_store.approve_draft("r1", actor="staff1", at=T0)
    with pytest.raises(InputError):
        triage_store.get_draft("r404")


def test_audit_events_are_accepted(triage_store: TriageStore) -> None:
    triage_store.save_decision(_decision())
    triage_store.record_audit(
        TriageAuditEvent(
            id="a1",
            kind="triage.decision",
            at=T0,
            actor="system",
            decision_id="d1",
            message_sha256=_sha(MESSAGE),
            category="symptom_escalation",
            urgency="emergency",
            decided_by="rule:chest_pain_now",
            rule_ids=("chest_pain_now",),
        )
    )


def test_sql_audit_events_are_chained_without_content(tmp_path: Path) -> None:
    with migrated_sqlite(tmp_path) as engine:
        store = Store(engine)
        store.triage.save_decision(_decision())
        store.triage.record_audit(
            TriageAuditEvent(
                id="a1",
                kind="triage.escalation",
                at=T0,
                actor="system",
                decision_id="d1",
                subject_id="e1",
                message_sha256=_sha(MESSAGE),
                urgency="emergency",
                rule_ids=("chest_pain_now",),
            )
        )
        (entry,) = store.audit.entries()
        assert entry.action == "triage.escalation"
        assert entry.subjects == {"event": "a1", "decision": "d1", "subject": "e1"}
        assert entry.doc_hashes == (_sha(MESSAGE),)
        assert entry.ts == T0
        assert MESSAGE not in entry.model_dump_json()
        assert store.audit.verify().ok
        store.triage.save_draft(_draft("r1"))
        store.triage.edit_draft("r1", actor="s", text="New text.", at=T0)
        (diff,) = store.triage.draft_diffs("r1")
        assert "+New text." in diff
