"""The escalation hook port and its recording fake."""

from __future__ import annotations

from datetime import UTC, datetime

from clinllm.workflows.message_triage.escalation import (
    EscalationEvent,
    EscalationHook,
    RecordingEscalationHook,
)


def test_recording_hook_is_an_escalation_hook_and_keeps_events() -> None:
    hook = RecordingEscalationHook()
    assert isinstance(hook, EscalationHook)
    event = EscalationEvent(
        escalation_id="e1", decision_id="d1", created_at=datetime(2026, 3, 1, tzinfo=UTC),
        category="symptom_escalation", decided_by="rule:stroke_signs", rule_ids=("stroke_signs",),
        message_sha256="0" * 64, safety_message="Call 911.",
    )  # fmt: skip
    hook.on_escalation(event)
    assert hook.events == [event]
    assert event.urgency == "emergency"
