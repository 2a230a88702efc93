"""Escalation events and the hook integrations subscribe to (pager, on-call phone, webhook).

An emergency must reach a person even when one integration is down. The workflow stores the
escalation first, then calls every hook in turn; a hook that raises is recorded (its error
type, never its message) and the next hook still runs. The event carries ids, labels and the
message hash, never the message text: a pager or chat integration should not become a PHI
channel; a hook that needs the text fetches it from the store by ``decision_id`` (the stored
decision's id; the message is its document).

Delivery is at least once: when the same message is triaged again (a client's retry, a job
retried after a crash) while its escalation is still open, every hook hears it again with the
same ``escalation_id`` and ``redelivery=True``, because the first delivery may have failed or
been lost with the process. A hook deduplicates by ``escalation_id``.
"""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable

from clinllm.workflows.message_triage.schema import Category

__all__ = ["EscalationEvent", "EscalationHook", "RecordingEscalationHook"]


@dataclass(frozen=True, slots=True)
class EscalationEvent:
    """What a hook receives for one emergency.

    Attributes:
        escalation_id: The escalation's review item id (None when it could not be stored).
        decision_id: The stored decision (extraction) that raised it, when stored.
        created_at: When it was raised (UTC).
        category: The routed category (normally ``symptom_escalation``).
        decided_by: ``rule:<id>`` or the provider string that set ``emergency``.
        rule_ids: Red-flag rules that fired.
        message_sha256: Hash of the message; the text stays in the store.
        safety_message: The staff-owned safety text attached to the escalation.
        urgency: Always ``emergency`` today.
        redelivery: This escalation was delivered before (same ``escalation_id``); the
            message was triaged again while the escalation was still open.
    """

    escalation_id: str | None
    decision_id: str | None
    created_at: datetime
    category: Category
    decided_by: str
    rule_ids: tuple[str, ...]
    message_sha256: str
    safety_message: str
    urgency: str = "emergency"
    redelivery: bool = False


@runtime_checkable
class EscalationHook(Protocol):
    """An integration notified of every emergency escalation.

    ``on_escalation`` may be a plain or an ``async`` method. It should return quickly (queue
    the page, do not wait for the on-call to answer); raising does not lose the escalation.
    """

    def on_escalation(self, event: EscalationEvent) -> Awaitable[None] | None:
        """Handle one escalation."""
        ...


@dataclass
class RecordingEscalationHook:
    """A hook that keeps every event it receives: the fake for tests and ``--dry-run``."""

    events: list[EscalationEvent] = field(default_factory=list)

    def on_escalation(self, event: EscalationEvent) -> None:
        """Remember ``event``."""
        self.events.append(event)
