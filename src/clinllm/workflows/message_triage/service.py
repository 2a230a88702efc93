"""``Triager``: route one portal message, escalate emergencies, store a draft for staff.

One call does, in order:

1. run the deterministic rules; a red-flag emergency is decided by them alone and escalated
   at once (no model could change it: rules only raise urgency, and a red-flag symptom
   outranks every category). Otherwise ask the model through the gateway for a label (schema
   enforced, ``contains_phi=True``, the message as ``source_text`` so the ``rules`` provider
   can answer when every model fails); if the call fails entirely, the local rules answer;
2. merge with the deterministic red-flag rules, which may only RAISE urgency (and route a
   red-flag symptom to ``symptom_escalation``, the category that outranks all others); a
   request the rules see that outranks the model's category (a refill next to the
   appointment the model picked) wins, per the labelling convention;
3. keep the evidence (rule spans, grounded model quotes) and who decided each half;
4. persist the decision and, for an emergency, create the escalation at once (store first,
   then every hook; a failing hook never loses it) with the staff-owned safety message;
5. for anything else, store a reply draft pending staff approval: a staff template per
   category, or a model draft that must pass the advice guard (else the neutral template);
6. write audit events with ids and hashes only.

Nothing is ever sent to the patient by clinllm.
"""

from __future__ import annotations

import dataclasses
import inspect
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from clinllm.domain.calls import CallPolicy, CallResult
from clinllm.domain.hashing import sha256_hex
from clinllm.errors import ClinLLMError, ConfigError
from clinllm.gateway.gateway import Gateway
from clinllm.observability.logging import get_logger, log_event
from clinllm.workflows.message_triage.escalation import EscalationEvent, EscalationHook
from clinllm.workflows.message_triage.guard import AdviceGuard
from clinllm.workflows.message_triage.ports import (
    AuditEventKind,
    AuditSink,
    DecisionRecord,
    DraftRecord,
    DraftSource,
    EscalationRecord,
    TriageAuditEvent,
    TriageStore,
)
from clinllm.workflows.message_triage.prompt import draft_messages, triage_messages
from clinllm.workflows.message_triage.rules import (
    RulesVerdict,
    category_supported,
    classify,
    medication_gap,
)
from clinllm.workflows.message_triage.schema import (
    CATEGORY_PRIORITY,
    URGENCY_RANK,
    Category,
    EvidenceSpan,
    TriageDecision,
    TriageModelOutput,
    TriageOutcome,
    Urgency,
)
from clinllm.workflows.message_triage.templates import Templates

__all__ = ["DraftMode", "DraftModelOutput", "Triager"]

_log = get_logger("clinllm.workflows.message_triage")

#: ``template``: staff template per category (safe default); ``model``: a model draft that
#: must pass the advice guard; ``off``: no drafts.
DraftMode = Literal["template", "model", "off"]

_SYSTEM_ACTOR = "system"
_LOCAL_RULES = "rules:local"


class DraftModelOutput(BaseModel):
    """The model's reply draft: one short string, nothing else."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    reply: Annotated[str, StringConstraints(min_length=1, max_length=400)]
    """The acknowledgement text (checked by the advice guard before it is stored)."""

    def __repr__(self) -> str:
        return f"DraftModelOutput(reply=<{len(self.reply)} chars>)"

    __str__ = __repr__


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return uuid.uuid4().hex


class Triager:
    """Routes portal messages; escalates emergencies; drafts replies for staff approval.

    Args:
        gateway: The model gateway (its chain should end with the ``rules`` provider).
        policy: Call policy for the label call; ``contains_phi`` is always forced on. The
            default allows 120 s: an embedded model's first call (load + prompt) can take over
            a minute on a busy CPU, and a portal message can wait; red-flag emergencies never
            wait for the model at all.
        store: Where decisions, escalations and drafts go; None keeps nothing (eval runs).
        audit: Where audit events go; defaults to ``store``.
        escalation_hooks: Integrations notified of every emergency, in order.
        drafts: How reply drafts are produced (see :data:`DraftMode`).
        templates: Staff-owned texts; the packaged ones when None.
        guard: The advice guard; the default rules when None.
        clock: UTC clock for records (injectable for tests).
    """

    def __init__(
        self,
        gateway: Gateway,
        *,
        policy: CallPolicy | None = None,
        store: TriageStore | None = None,
        audit: AuditSink | None = None,
        escalation_hooks: Sequence[EscalationHook] = (),
        drafts: DraftMode = "template",
        templates: Templates | None = None,
        guard: AdviceGuard | None = None,
        clock: Callable[[], datetime] = _utcnow,
    ) -> None:
        base = policy or CallPolicy(deadline_s=120.0, max_output_tokens=160)
        self._policy = dataclasses.replace(base, contains_phi=True)
        self._gateway = gateway
        self._store = store
        self._audit = audit if audit is not None else store
        self._hooks = tuple(escalation_hooks)
        self._drafts: DraftMode = drafts
        self._templates = templates or Templates.load()
        self._guard = guard or AdviceGuard()
        self._clock = clock

    def __repr__(self) -> str:
        return (
            f"Triager(drafts={self._drafts!r}, hooks={len(self._hooks)}, "
            f"store={type(self._store).__name__})"
        )

    # ------------------------------------------------------------------------------ triage
    async def triage(self, message: str, *, external_id: str | None = None) -> TriageOutcome:
        """Route one message.

        Args:
            message: The portal message (PHI: never logged, never in an error).
            external_id: The caller's id for the message, stored with the decision.

        Raises:
            ConfigError: The gateway is misconfigured.
            ClinLLMError: The store failed (raised after every escalation hook ran).
        """
        started = time.monotonic()
        verdict = classify(message)
        call: CallResult[TriageModelOutput] | None = None
        if not any(hit.urgency == "emergency" for hit in verdict.red_flags):
            # A red-flag emergency is fixed (rules only raise; a red-flag symptom outranks
            # every category): escalate now instead of waiting seconds for a model.
            call = await self._gateway.complete(
                triage_messages(message),
                output=TriageModelOutput,
                policy=self._policy,
                source_text=message,
            )
        decision = _merge(message, call, verdict)
        decision_id = _new_id()
        message_sha = sha256_hex(message)
        now = self._clock()

        store_error: ClinLLMError | None = None
        if self._store is not None:
            self._store.save_decision(
                DecisionRecord(
                    id=decision_id,
                    created_at=now,
                    message_sha256=message_sha,
                    message=message,
                    category=decision.category,
                    urgency=decision.urgency,
                    decided_by=decision.decided_by,
                    category_by=decision.category_by,
                    rule_ids=decision.rule_ids,
                    provider=decision.provider,
                    model=decision.model,
                    evidence=decision.evidence,
                    external_id=external_id,
                )
            )
        self._record(
            "triage.decision",
            decision_id,
            message_sha256=message_sha,
            category=decision.category,
            urgency=decision.urgency,
            decided_by=decision.decided_by,
            rule_ids=decision.rule_ids,
        )

        escalation: EscalationRecord | None = None
        draft_text: str | None = None
        draft_id: str | None = None
        if decision.urgency == "emergency":
            escalation, store_error = await self._escalate(decision_id, message_sha, decision)
        elif self._drafts != "off":
            draft_text, draft_id = await self._draft(decision_id, message, decision.category)

        log_event(
            _log,
            "triage.decision",
            workflow="triage",
            decision_id=decision_id,
            provider=decision.provider,
            outcome=decision.category,
            status=decision.urgency,
            fallback_used=call.fallback_used if call is not None else None,
            latency_ms=round((time.monotonic() - started) * 1000, 2),
        )
        if store_error is not None:
            raise store_error
        return TriageOutcome(
            decision_id=decision_id,
            message_sha256=message_sha,
            decision=decision,
            draft=draft_text,
            draft_id=draft_id,
            escalation=escalation,
            call=call,
        )

    # -------------------------------------------------------------------------- escalation
    async def _escalate(
        self, decision_id: str, message_sha: str, decision: TriageDecision
    ) -> tuple[EscalationRecord, ClinLLMError | None]:
        record = EscalationRecord(
            id=_new_id(),
            decision_id=decision_id,
            created_at=self._clock(),
            rule_ids=decision.rule_ids,
            decided_by=decision.decided_by,
            safety_message=self._templates.safety.text,
            safety_template_sha256=self._templates.safety.sha256,
        )
        store_error: ClinLLMError | None = None
        if self._store is not None:
            try:
                self._store.add_escalation(record)
            except ClinLLMError as exc:
                # Keep going: the hooks must still hear about the emergency.
                store_error = exc
                log_event(
                    _log,
                    "triage.escalation_store_failed",
                    level=logging.ERROR,
                    decision_id=decision_id,
                    error_type=type(exc).__name__,
                )
        self._record("triage.escalation", decision_id, subject_id=record.id,
                     message_sha256=message_sha, category=decision.category,
                     urgency="emergency", decided_by=decision.decided_by,
                     rule_ids=decision.rule_ids)  # fmt: skip
        event = EscalationEvent(
            escalation_id=record.id,
            decision_id=decision_id,
            created_at=record.created_at,
            category=decision.category,
            decided_by=decision.decided_by,
            rule_ids=decision.rule_ids,
            message_sha256=message_sha,
            safety_message=record.safety_message,
        )
        for hook in self._hooks:
            try:
                result = hook.on_escalation(event)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:  # noqa: BLE001 - one failing integration must not stop the next
                log_event(
                    _log,
                    "triage.escalation_hook_failed",
                    level=logging.ERROR,
                    decision_id=decision_id,
                    error_type=type(exc).__name__,
                )
                self._record("triage.escalation_hook_failed", decision_id, subject_id=record.id,
                             reason_codes=(type(exc).__name__,))  # fmt: skip
        return record, store_error

    # ------------------------------------------------------------------------------ drafts
    async def _draft(
        self, decision_id: str, message: str, category: Category
    ) -> tuple[str, str | None]:
        template = self._templates.drafts[category]
        source: DraftSource = "template"
        text = template.text
        template_id: str | None = template.name
        reasons: tuple[str, ...] = ()
        if self._drafts == "model":
            result = await self._gateway.complete(
                draft_messages(message, category),
                output=DraftModelOutput,
                policy=dataclasses.replace(self._policy, max_output_tokens=200),
                source_text=message,
            )
            if result.output is not None:
                text, source, template_id = result.output.reply.strip(), "model", None
        verdict = self._guard.check(text)
        if not verdict.allowed:
            reasons = verdict.reasons
            text, source = self._templates.neutral.text, "guard_fallback"
            template_id = self._templates.neutral.name
            self._record("triage.draft_guard_rejected", decision_id, reason_codes=reasons)
        draft_id: str | None = None
        if self._store is not None:
            draft_id = _new_id()
            self._store.save_draft(
                DraftRecord(
                    id=draft_id,
                    decision_id=decision_id,
                    created_at=self._clock(),
                    text=text,
                    source=source,
                    template_id=template_id,
                    guard_reasons=reasons,
                )
            )
            self._record("triage.draft_saved", decision_id, subject_id=draft_id,
                         content_sha256=sha256_hex(text), reason_codes=reasons)  # fmt: skip
        return text, draft_id

    # ------------------------------------------------------------------------ staff review
    def edit_draft(self, draft_id: str, *, actor: str, text: str) -> DraftRecord:
        """Record a staff edit of a pending draft (who, when, what changed)."""
        draft = self._require_store().edit_draft(draft_id, actor=actor, text=text, at=self._clock())
        self._review_audit("triage.draft_edited", draft, actor)
        return draft

    def approve_draft(self, draft_id: str, *, actor: str) -> DraftRecord:
        """Record a staff approval. clinllm still sends nothing: the caller's system does."""
        draft = self._require_store().approve_draft(draft_id, actor=actor, at=self._clock())
        self._review_audit("triage.draft_approved", draft, actor)
        return draft

    def reject_draft(self, draft_id: str, *, actor: str) -> DraftRecord:
        """Record a staff rejection of a draft."""
        draft = self._require_store().reject_draft(draft_id, actor=actor, at=self._clock())
        self._review_audit("triage.draft_rejected", draft, actor)
        return draft

    def _review_audit(self, kind: AuditEventKind, draft: DraftRecord, actor: str) -> None:
        self._record(kind, draft.decision_id, subject_id=draft.id, actor=actor,
                     content_sha256=sha256_hex(draft.text))  # fmt: skip

    def _require_store(self) -> TriageStore:
        if self._store is None:
            raise ConfigError("draft review needs a TriageStore", setting="triage.store")
        return self._store

    # ------------------------------------------------------------------------------- audit
    def _record(
        self,
        kind: AuditEventKind,
        decision_id: str,
        *,
        actor: str = _SYSTEM_ACTOR,
        subject_id: str | None = None,
        message_sha256: str | None = None,
        content_sha256: str | None = None,
        category: Category | None = None,
        urgency: Urgency | None = None,
        decided_by: str | None = None,
        rule_ids: tuple[str, ...] = (),
        reason_codes: tuple[str, ...] = (),
    ) -> None:
        if self._audit is None:
            return
        self._audit.record_audit(
            TriageAuditEvent(
                id=_new_id(),
                kind=kind,
                at=self._clock(),
                actor=actor,
                decision_id=decision_id,
                subject_id=subject_id,
                message_sha256=message_sha256,
                content_sha256=content_sha256,
                category=category,
                urgency=urgency,
                decided_by=decided_by,
                rule_ids=rule_ids,
                reason_codes=reason_codes,
            )
        )


def _ground(message: str, quotes: Sequence[str], source: str) -> list[EvidenceSpan]:
    """Model quotes found verbatim (case-insensitively) in the message; the rest are dropped."""
    lowered = message.lower()
    spans: list[EvidenceSpan] = []
    for quote in quotes:
        needle = quote.strip().lower()
        at = lowered.find(needle) if needle else -1
        if at >= 0:
            end = at + len(needle)
            spans.append(EvidenceSpan(start=at, end=end, text=message[at:end], source=source))
    return spans


def _merge(
    message: str, call: CallResult[TriageModelOutput] | None, verdict: RulesVerdict
) -> TriageDecision:
    """Model label + red-flag rules; rules only raise urgency.

    ``call`` is None when a red-flag emergency made the model call pointless.
    """
    flag_sources = {f"rule:{h.rule_id}" for h in verdict.red_flags}
    output = call.output if call is not None else None
    rules_decided = output is None or (call is not None and call.provider == "rules")
    evidence: list[EvidenceSpan] = [
        EvidenceSpan(start=m.start, end=m.end, text=m.text, source=source)
        for source, m in verdict.spans
        if rules_decided or source in flag_sources
    ]
    provider: str | None = None
    if call is None:
        category, urgency = verdict.category, verdict.urgency
        category_by, decided_by = verdict.category_rule, verdict.urgency_rule
    elif output is not None and call.provider is not None:
        provider = call.provider
        category, urgency = output.category, output.urgency
        if call.provider == "rules":
            category_by, decided_by = verdict.category_rule, verdict.urgency_rule
        else:
            category_by = decided_by = call.provider
            evidence.extend(_ground(message, output.evidence, call.provider))
            if not category_supported(category, message):
                # No word of the message supports the model's label: it is ungrounded.
                category, category_by = verdict.category, verdict.category_rule
    else:
        # Every provider failed: the local rules still route the message.
        category, urgency = verdict.category, verdict.urgency
        category_by = f"{_LOCAL_RULES}/{verdict.category_rule}"
        decided_by = f"{_LOCAL_RULES}/{verdict.urgency_rule}"

    rule_ids = tuple(h.rule_id for h in verdict.red_flags)
    # The rules' urgency is a floor: red flags, and same-day needs such as a visit due within
    # two days of a discharge.
    if URGENCY_RANK[verdict.urgency] > URGENCY_RANK[urgency]:
        urgency, decided_by = verdict.urgency, verdict.urgency_rule
    if verdict.red_flags:
        symptom = next((h for h in verdict.red_flags if h.category == "symptom_escalation"), None)
        if symptom is not None and category != "symptom_escalation":
            category, category_by = "symptom_escalation", f"rule:{symptom.rule_id}"
    # Several requests: the one needing the soonest clinical action wins. A request cue the
    # model's label outranks is kept; one that outranks the model's label replaces it.
    if verdict.cues and category != "symptom_escalation":
        cue_category, cue_span = verdict.cues[0]
        if CATEGORY_PRIORITY.index(cue_category) < CATEGORY_PRIORITY.index(category):
            category, category_by = cue_category, f"rule:cue_{cue_category}"
            evidence.append(
                EvidenceSpan(start=cue_span.start, end=cue_span.end, text=cue_span.text,
                             source=category_by)
            )  # fmt: skip
    gap = medication_gap(message)
    if gap is not None and urgency == "routine":
        rule, span = gap
        urgency, decided_by = "urgent", rule
        rule_ids = (*rule_ids, rule.removeprefix("rule:"))
        evidence.append(EvidenceSpan(start=span.start, end=span.end, text=span.text, source=rule))
    unique = list({(e.start, e.end): e for e in reversed(evidence)}.values())[::-1]
    return TriageDecision(
        category=category,
        urgency=urgency,
        evidence=tuple(unique),
        decided_by=decided_by,
        category_by=category_by,
        rule_ids=rule_ids,
        provider=provider,
        model=call.model if call is not None else None,
        model_category=output.category if output is not None else None,
        model_urgency=output.urgency if output is not None else None,
    )
