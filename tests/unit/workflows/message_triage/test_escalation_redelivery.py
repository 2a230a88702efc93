"""Escalation hooks hear an emergency at least once: again on a re-run while it is still open."""

from __future__ import annotations

import pytest

from clinllm.domain.review import TRIAGE_ESCALATION
from clinllm.workflows.message_triage.escalation import EscalationEvent, RecordingEscalationHook

from .test_spec import CHEST, Triage, gateway, label

pytestmark = pytest.mark.anyio


class _DownOnce:
    """A pager that is down for the first delivery and up afterwards."""

    def __init__(self) -> None:
        self.calls = 0
        self.delivered: list[EscalationEvent] = []

    def on_escalation(self, event: EscalationEvent) -> None:
        self.calls += 1
        if self.calls == 1:
            raise ConnectionError("pager unreachable")
        self.delivered.append(event)


async def test_a_failed_delivery_reaches_the_hook_when_the_message_is_triaged_again() -> None:
    pager = _DownOnce()
    triage = Triage(gateway(label("other", "routine")), hooks=[pager])
    first = await triage(CHEST)
    assert pager.delivered == []
    second = await triage(CHEST)  # the client retries the same message

    (item,) = triage.reviews.list(kind=TRIAGE_ESCALATION)  # still one escalation
    assert [e.escalation_id for e in pager.delivered] == [str(item.id)]
    assert pager.delivered[0].redelivery is True
    assert first.actions["escalation"]["id"] == second.actions["escalation"]["id"] == item.id
    assert second.actions["escalation"]["already_escalated"] is True


async def test_no_redelivery_once_a_person_has_resolved_the_escalation() -> None:
    hook = RecordingEscalationHook()
    triage = Triage(gateway(label("other", "routine")), hooks=[hook])
    await triage(CHEST)
    (item,) = triage.reviews.list(kind=TRIAGE_ESCALATION)
    triage.reviews.claim(item.id, actor="rn1")
    triage.reviews.accept(item.id, actor="rn1")

    again = await triage(CHEST)
    assert len(hook.events) == 1
    assert hook.events[0].redelivery is False
    assert again.actions["escalation"]["already_escalated"] is True
