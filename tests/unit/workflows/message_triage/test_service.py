"""Triager: model + rules merge, escalations and hooks, guarded drafts, audit, no leaks."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

import pytest

from clinllm.errors import ClinLLMError, InputError, ProviderRejected, ProviderUnavailable
from clinllm.gateway import CallPolicy, Gateway
from clinllm.gateway.providers.fake import FakeChatModel
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.observability.logging import AllowlistFormatter
from clinllm.workflows.message_triage import (
    RULES,
    EscalationEvent,
    InMemoryTriageStore,
    RecordingEscalationHook,
    Triager,
)
from clinllm.workflows.message_triage.ports import EscalationRecord
from clinllm.workflows.message_triage.schema import URGENCY_RANK, TriageModelOutput

pytestmark = pytest.mark.anyio

SENTINEL = "Zebulon Quixfeather"
CHEST = f"This is {SENTINEL}. Please refill my nitroglycerin, the chest pressure won't go away."
REFILL = f"Hi, {SENTINEL} here, please refill my atorvastatin, two weeks left."
ADVICE = f"{SENTINEL}: my sugars are fine, should I double my insulin before the trip?"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
FAST = CallPolicy(deadline_s=5, max_attempts=1, backoff_initial_s=0.0)


def label(category: str, urgency: str, *evidence: str) -> dict[str, object]:
    return {"category": category, "urgency": urgency, "evidence": list(evidence)}


def gateway(*script: object) -> Gateway:
    return Gateway(
        providers={
            "fake": FakeChatModel(script, repeat_last=True),  # type: ignore[arg-type]
            "rules": RulesProvider(RULES),
        },
        default_chain=("fake", "rules"),
    )


def triager(gw: Gateway, **kwargs: object) -> Triager:
    return Triager(gw, policy=FAST, clock=lambda: NOW, **kwargs)  # type: ignore[arg-type]


async def test_a_red_flag_emergency_is_escalated_without_waiting_for_the_model() -> None:
    fake = FakeChatModel([label("refill_request", "routine")])
    gw = Gateway(providers={"fake": fake}, default_chain=("fake",))
    hook = RecordingEscalationHook()
    outcome = await triager(gw, escalation_hooks=[hook]).triage(CHEST)
    assert fake.requests == []
    assert outcome.call is None
    assert (outcome.category, outcome.urgency) == ("symptom_escalation", "emergency")
    assert outcome.decision.decided_by == "rule:chest_pain_now"
    assert len(hook.events) == 1
    for span in outcome.decision.evidence:
        assert CHEST[span.start : span.end] == span.text


async def test_rules_raise_the_model_urgency_and_route_the_red_flag_symptom() -> None:
    message = f"{SENTINEL} needs a refill of amoxicillin, and has a fever of 102.5 tonight"
    t = triager(gateway(label("refill_request", "routine", "refill of amoxicillin")))
    outcome = await t.triage(message)
    decision = outcome.decision
    assert (outcome.category, outcome.urgency) == ("symptom_escalation", "urgent")
    assert decision.decided_by == "rule:fever"
    assert decision.category_by == "rule:fever"
    assert (decision.model_category, decision.model_urgency) == ("refill_request", "routine")
    assert {"rule:fever", "fake"} <= {e.source for e in decision.evidence}
    for span in decision.evidence:
        assert message[span.start : span.end] == span.text


@pytest.mark.parametrize("model_urgency", ["routine", "urgent", "emergency"])
@pytest.mark.parametrize(
    "message",
    [REFILL, ADVICE, "Why was I billed twice?", "my 3 year old has a fever of 101", CHEST],
)
async def test_rules_never_lower_the_model_urgency(model_urgency: str, message: str) -> None:
    t = triager(gateway(label("other", model_urgency)))
    outcome = await t.triage(message)
    assert URGENCY_RANK[outcome.urgency] >= URGENCY_RANK[model_urgency]  # type: ignore[index]
    if outcome.call is not None and outcome.urgency == model_urgency:
        assert outcome.decision.decided_by == "fake"


async def test_model_quotes_not_in_the_message_are_dropped() -> None:
    t = triager(gateway(label("refill_request", "routine", "atorvastatin", "invented quote")))
    outcome = await t.triage(REFILL)
    texts = [e.text for e in outcome.decision.evidence if e.source == "fake"]
    assert texts == ["atorvastatin"]


async def test_the_gateway_call_is_marked_phi_and_carries_the_source_text() -> None:
    fake = FakeChatModel([label("refill_request", "routine")])
    gw = Gateway(providers={"fake": fake}, default_chain=("fake",))
    await Triager(gw, policy=CallPolicy(contains_phi=False)).triage(REFILL)
    request = fake.requests[0]
    assert request.source_text == REFILL
    assert request.messages[0].role == "system"
    assert request.messages[-1].content == REFILL


async def test_phi_flag_refuses_a_provider_without_baa_and_rules_still_answer() -> None:
    fake = FakeChatModel([label("other", "routine")], phi_allowed=False)
    gw = Gateway(
        providers={"fake": fake, "rules": RulesProvider(RULES)}, default_chain=("fake", "rules")
    )
    outcome = await triager(gw).triage("my 3 year old has a fever of 101")
    assert fake.requests == []
    assert outcome.decision.provider == "rules"
    assert outcome.urgency == "urgent"


async def test_every_provider_failing_still_routes_with_local_rules() -> None:
    gw = Gateway(providers={"fake": FakeChatModel([ProviderUnavailable("fake")], repeat_last=True)},
                 default_chain=("fake",))  # fmt: skip
    outcome = await triager(gw).triage("Out of my warfarin since yesterday, please send a new rx")
    assert outcome.call is not None
    assert not outcome.call.ok
    assert (outcome.category, outcome.urgency) == ("refill_request", "urgent")
    assert outcome.decision.provider is None
    assert outcome.decision.decided_by.startswith("rules:local/")


async def test_emergency_creates_an_escalation_with_the_staff_safety_message() -> None:
    store, hook = InMemoryTriageStore(), RecordingEscalationHook()
    t = triager(gateway(label("symptom_escalation", "emergency")), store=store,
                escalation_hooks=[hook])  # fmt: skip
    outcome = await t.triage(CHEST)
    assert outcome.escalation is not None
    assert outcome.draft is None
    assert store.list_open_escalations() == [outcome.escalation]
    assert outcome.escalation.emergency
    assert "911" in outcome.escalation.safety_message
    assert [e.escalation_id for e in hook.events] == [outcome.escalation.id]
    event = hook.events[0]
    assert event.decision_id == outcome.decision_id
    assert SENTINEL not in repr(event)
    assert "nitroglycerin" not in repr(event)
    kinds = [e.kind for e in store.audit_events]
    assert kinds == ["triage.decision", "triage.escalation"]


async def test_model_only_emergency_is_escalated_too() -> None:
    hook = RecordingEscalationHook()
    t = triager(gateway(label("symptom_escalation", "emergency")), escalation_hooks=[hook])
    outcome = await t.triage("I feel something is very wrong and I need help")
    assert outcome.urgency == "emergency"
    assert outcome.decision.decided_by == "fake"
    assert len(hook.events) == 1


class _FailingHook:
    def on_escalation(self, event: EscalationEvent) -> None:
        raise RuntimeError(f"pager down for {event.decision_id}")


class _AsyncHook:
    def __init__(self) -> None:
        self.seen: list[str] = []

    async def on_escalation(self, event: EscalationEvent) -> None:
        self.seen.append(event.escalation_id)


async def test_a_failing_hook_does_not_lose_the_escalation() -> None:
    store, after, async_hook = InMemoryTriageStore(), RecordingEscalationHook(), _AsyncHook()
    t = triager(gateway(label("other", "routine")), store=store,
                escalation_hooks=[_FailingHook(), after, async_hook])  # fmt: skip
    outcome = await t.triage(CHEST)
    assert outcome.escalation is not None
    assert store.list_open_escalations() == [outcome.escalation]
    assert len(after.events) == 1
    assert async_hook.seen == [outcome.escalation.id]
    failed = [e for e in store.audit_events if e.kind == "triage.escalation_hook_failed"]
    assert [e.reason_codes for e in failed] == [("RuntimeError",)]


class _StoreDown(InMemoryTriageStore):
    def add_escalation(self, record: EscalationRecord) -> None:
        raise InputError("escalation table unavailable")


async def test_store_failure_still_notifies_hooks_then_raises() -> None:
    hook = RecordingEscalationHook()
    t = triager(gateway(label("other", "routine")), store=_StoreDown(), escalation_hooks=[hook])
    with pytest.raises(InputError):
        await t.triage(CHEST)
    assert len(hook.events) == 1


async def test_non_emergency_stores_a_template_draft_pending_approval() -> None:
    store = InMemoryTriageStore()
    t = triager(gateway(label("refill_request", "routine")), store=store)
    outcome = await t.triage(REFILL)
    assert outcome.escalation is None
    assert outcome.draft
    assert outcome.draft_id
    draft = store.get_draft(outcome.draft_id)
    assert (draft.status, draft.source, draft.text) == ("pending", "template", outcome.draft)
    assert store.list_pending_drafts() == [draft]


async def test_advice_question_is_routed_not_answered() -> None:
    advice = {"reply": "Yes, you can double your insulin to 40 units tonight."}
    store = InMemoryTriageStore()
    t = triager(gateway(label("other", "routine"), advice), store=store, drafts="model")
    outcome = await t.triage(ADVICE)
    assert outcome.draft is not None
    assert "insulin" not in outcome.draft
    assert "40" not in outcome.draft
    assert outcome.draft_id is not None
    draft = store.get_draft(outcome.draft_id)
    assert draft.source == "guard_fallback"
    assert "dose_change" in draft.guard_reasons
    rejected = [e for e in store.audit_events if e.kind == "triage.draft_guard_rejected"]
    assert len(rejected) == 1


async def test_a_neutral_model_draft_passes_the_guard() -> None:
    reply = {"reply": "Thank you, your message was sent to the pharmacy team for review."}
    store = InMemoryTriageStore()
    t = triager(gateway(label("refill_request", "routine"), reply), store=store, drafts="model")
    outcome = await t.triage(REFILL)
    assert outcome.draft == reply["reply"]
    assert outcome.draft_id is not None
    assert store.get_draft(outcome.draft_id).source == "model"


async def test_drafts_off_stores_none() -> None:
    t = triager(gateway(label("refill_request", "routine")), drafts="off")
    assert (await t.triage(REFILL)).draft is None


async def test_staff_edit_and_approval_are_recorded_with_actor_and_change() -> None:
    store = InMemoryTriageStore()
    t = triager(gateway(label("refill_request", "routine")), store=store)
    outcome = await t.triage(REFILL)
    assert outcome.draft_id is not None
    t.edit_draft(outcome.draft_id, actor="rn-042", text="Sent to Dr. Lee for signature.")
    approved = t.approve_draft(outcome.draft_id, actor="rn-042")
    assert (approved.status, approved.reviewed_by, approved.revision) == ("approved", "rn-042", 1)
    reviews = store.list_draft_reviews(outcome.draft_id)
    assert [(r.action, r.actor, r.changed) for r in reviews] == [
        ("edited", "rn-042", True),
        ("approved", "rn-042", False),
    ]
    assert reviews[0].after_text == "Sent to Dr. Lee for signature."
    kinds = [e.kind for e in store.audit_events][-2:]
    assert kinds == ["triage.draft_edited", "triage.draft_approved"]
    with pytest.raises(InputError):
        t.reject_draft(outcome.draft_id, actor="rn-042")


async def test_review_without_a_store_is_a_config_error() -> None:
    t = triager(gateway(label("other", "routine")))
    with pytest.raises(ClinLLMError, match=r"triage\.store|TriageStore"):
        t.approve_draft("x", actor="rn")


async def test_sentinel_name_never_reaches_logs_audit_errors_or_reprs(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    store, hook = InMemoryTriageStore(), RecordingEscalationHook()
    script = [ProviderRejected("fake", status_code=400), label("other", "routine")]
    t = triager(gateway(*script), store=store, escalation_hooks=[_FailingHook(), hook])
    outcomes = [await t.triage(m) for m in (CHEST, REFILL, ADVICE)]
    down = triager(gateway(label("other", "routine")), store=_StoreDown())
    with pytest.raises(InputError) as raised:
        await down.triage(CHEST)
    formatter = AllowlistFormatter()
    logged = "\n".join(formatter.format(r) for r in caplog.records) + caplog.text
    audit = json.dumps([e.model_dump(mode="json") for e in store.audit_events])
    reprs = " ".join(repr(x) for o in outcomes for x in (o, o.decision, o.escalation))
    reprs += " ".join(repr(r) for r in store.decisions.values())
    for text in (logged, audit, str(raised.value), reprs, repr(hook.events)):
        assert "Quixfeather" not in text
    for content_word in ("nitroglycerin", "atorvastatin", "insulin", "Thank you"):
        assert content_word not in audit


async def test_schema_validation_errors_hide_the_input() -> None:
    with pytest.raises(ValueError, match="category") as raised:
        TriageModelOutput.model_validate({"category": SENTINEL, "urgency": "routine"})
    assert "Quixfeather" not in str(raised.value)


async def test_a_higher_priority_request_seen_by_the_rules_wins_the_category() -> None:
    message = "Please schedule my annual physical. Also my BP pills are running low, 2 weeks left."
    t = triager(gateway(label("appointment_scheduling", "routine")))
    outcome = await t.triage(message)
    assert outcome.category == "refill_request"
    assert outcome.decision.category_by == "rule:cue_refill_request"
    assert outcome.urgency == "routine"


async def test_a_lower_priority_cue_never_replaces_the_model_category() -> None:
    message = "I need a refill of my atorvastatin, and why was my copay $40?"
    t = triager(gateway(label("refill_request", "routine")))
    outcome = await t.triage(message)
    assert outcome.category == "refill_request"
    assert outcome.decision.category_by == "fake"


async def test_a_model_category_with_no_footing_in_the_message_is_replaced() -> None:
    message = "Are you open on the holiday Monday?"
    t = triager(gateway(label("billing_question", "routine")))
    outcome = await t.triage(message)
    assert outcome.category == "other"
    assert outcome.decision.model_category == "billing_question"
    assert outcome.decision.category_by == "rule:default_other"


async def test_a_grounded_model_category_is_kept() -> None:
    message = "Can Dr. Ruiz see me some afternoon next week?"
    t = triager(gateway(label("appointment_scheduling", "routine")))
    outcome = await t.triage(message)
    assert outcome.category == "appointment_scheduling"
    assert outcome.decision.category_by == "fake"


async def test_the_rules_urgency_is_a_floor_for_same_day_needs() -> None:
    message = "Discharged yesterday, papers say I need a PCP visit within 2 days. Get me in?"
    t = triager(gateway(label("appointment_scheduling", "routine")))
    outcome = await t.triage(message)
    assert outcome.urgency == "urgent"
    assert outcome.decision.decided_by == "rule:post_discharge_visit"
