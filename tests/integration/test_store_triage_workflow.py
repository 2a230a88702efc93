"""The triage workflow on the SQL store: decisions, escalations, drafts, a verified audit chain."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import anyio
import pytest

from clinllm.gateway import Gateway
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.store import Store
from clinllm.store.testing import migrated_sqlite
from clinllm.workflows.message_triage import RULES, Triager


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with migrated_sqlite(tmp_path) as engine:
        yield Store(engine)


def test_emergency_and_routine_messages_persist_and_audit(store: Store) -> None:
    gateway = Gateway(providers={"rules": RulesProvider(RULES)}, default_chain=("rules",))
    triager = Triager(gateway, store=store.triage)
    emergency = "I have crushing chest pain right now and my left arm is numb"
    routine = "Can I move my appointment next Tuesday to the afternoon?"
    first = anyio.run(triager.triage, emergency)
    second = anyio.run(triager.triage, routine)
    assert first.decision.urgency == "emergency"
    (escalation,) = store.triage.list_open_escalations()
    assert escalation.emergency
    assert store.triage.get_decision(escalation.decision_id).message == emergency
    pending = store.triage.list_pending_drafts()
    assert len(pending) >= 1
    assert second.decision.urgency != "emergency"
    verification = store.audit.verify()
    assert verification.ok
    assert verification.entries >= 3
    for entry in store.audit.entries():
        assert emergency not in entry.model_dump_json()
        assert routine not in entry.model_dump_json()
