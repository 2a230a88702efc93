"""Triage's after-route actions: escalate an emergency at once, draft a reply for staff.

**Escalate** (route ``escalate``): an emergency becomes a ``triage.escalation`` item at the top of
the review queue (priority 100) with the staff-owned safety message, then every escalation hook
is called in turn (pager, on-call phone). Storing comes first, but a failing store does not stop
the hooks, and a failing hook does not stop the next one: an emergency must reach a person even
when one integration is down. The store's failure is raised after every hook ran.

**Draft** (any other route, unless drafts are off): a reply *draft* becomes a ``triage.draft``
item pending staff approval: the staff template for the category, or a model draft that must
pass the advice guard (else the neutral acknowledgement). clinllm never sends anything to a
patient.

Audit events carry ids, labels and hashes, never message or draft text.
"""

from __future__ import annotations

import asyncio
import dataclasses
import inspect
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from clinllm.domain.audit import AuditEvent
from clinllm.domain.hashing import sha256_hex
from clinllm.domain.outcome import Outcome
from clinllm.domain.review import TRIAGE_DRAFT, TRIAGE_ESCALATION, NewReviewItem
from clinllm.errors import ClinLLMError
from clinllm.observability.logging import get_logger, log_event
from clinllm.pipeline.spec import ActionContext
from clinllm.workflows.message_triage.escalation import EscalationEvent, EscalationHook
from clinllm.workflows.message_triage.guard import AdviceGuard
from clinllm.workflows.message_triage.prompt import draft_messages
from clinllm.workflows.message_triage.schema import TriageDecision
from clinllm.workflows.message_triage.templates import Templates

__all__ = ["DraftMode", "DraftModelOutput", "DraftReply", "Escalate"]

_log = get_logger("clinllm.workflows.message_triage")

#: ``template``: staff template per category (safe default); ``model``: a model draft that
#: must pass the advice guard; ``off``: no drafts.
DraftMode = Literal["template", "model", "off"]

#: An emergency escalation outranks every other case in the queue.
ESCALATION_PRIORITY = 100


class DraftModelOutput(BaseModel):
    """The model's reply draft: one short string, nothing else."""

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    reply: Annotated[str, StringConstraints(min_length=1, max_length=400)]
    """The acknowledgement text (checked by the advice guard before it is stored)."""

    def __repr__(self) -> str:
        return f"DraftModelOutput(reply=<{len(self.reply)} chars>)"

    __str__ = __repr__


def _subject(outcome: Outcome[TriageDecision]) -> str:
    """The stored decision's id, or the input's hash when nothing is stored."""
    return str(outcome.stored.extraction_id) if outcome.stored is not None else outcome.input_sha256


async def _audit(
    context: ActionContext, action: str, outcome: Outcome[TriageDecision], **decision: Any
) -> None:
    """Append the action's audit event (in a thread: a database write off the event loop)."""
    await asyncio.to_thread(_append, context, action, outcome, decision)


def _append(
    context: ActionContext, action: str, outcome: Outcome[TriageDecision], decision: Any
) -> None:
    if context.audit is None:
        return
    subjects = {"subject": _subject(outcome)}
    if outcome.stored is not None:
        subjects["document"] = str(outcome.stored.document_id)
    context.audit.append(
        AuditEvent(
            actor=context.actor,
            action=action,
            subjects=subjects,
            doc_hashes=(outcome.input_sha256,),
            decision={k: v for k, v in decision.items() if v is not None},
        )
    )


@dataclass(frozen=True, slots=True)
class Escalate:
    """Raise an emergency at once: a top-priority review item, then every hook.

    Args:
        templates: The staff-owned texts (the safety message).
        hooks: Integrations notified of every emergency, in order.
    """

    templates: Templates
    hooks: tuple[EscalationHook, ...] = ()
    name: str = "escalation"

    async def __call__(
        self, outcome: Outcome[TriageDecision], context: ActionContext
    ) -> Mapping[str, Any] | None:
        """Escalate an ``escalate`` route; do nothing for any other."""
        if outcome.route.action != "escalate":
            return None
        decision = outcome.output
        safety = self.templates.safety
        item_id: int | None = None
        redelivery = False
        store_error: ClinLLMError | None = None
        if context.reviews is not None:
            try:
                new = NewReviewItem(
                    kind=TRIAGE_ESCALATION,
                    subject=_subject(outcome),
                    payload={
                        "category": decision.category,
                        "decided_by": decision.decided_by,
                        "rule_ids": list(decision.rule_ids),
                        "safety_message": safety.text,
                        "safety_template_sha256": safety.sha256,
                    },
                    reasons=outcome.route.reasons,
                    document_id=outcome.stored.document_id if outcome.stored else None,
                    priority=ESCALATION_PRIORITY,
                )
                item, created = await asyncio.to_thread(
                    context.reviews.open, new, actor=context.actor
                )
                item_id = item.id
                if not created:
                    # The same decision was escalated already (a re-run, or a concurrent run
                    # of the same message): one escalation. While nobody has resolved it the
                    # hooks hear it again (at least once: the first delivery may have failed
                    # or died with its process); once resolved, a person has it.
                    already = {
                        "id": item_id,
                        "emergency": True,
                        "rule_ids": list(decision.rule_ids),
                        "decided_by": decision.decided_by,
                        "safety_message": safety.text,
                        "already_escalated": True,
                    }
                    if not item.open or not self.hooks:
                        return already
                    redelivery = True
            except ClinLLMError as exc:
                # Keep going: the hooks must still hear about the emergency.
                store_error = exc
                log_event(
                    _log, "triage.escalation_store_failed", level=logging.ERROR,
                    error_type=type(exc).__name__,
                )  # fmt: skip
        event = EscalationEvent(
            escalation_id=str(item_id) if item_id is not None else None,
            decision_id=str(outcome.stored.extraction_id) if outcome.stored else None,
            created_at=context.clock(),
            category=decision.category,
            decided_by=decision.decided_by,
            rule_ids=decision.rule_ids,
            message_sha256=outcome.input_sha256,
            safety_message=safety.text,
            redelivery=redelivery,
        )
        for hook in self.hooks:
            try:
                result = hook.on_escalation(event)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:  # noqa: BLE001 - one failing integration must not stop the next
                log_event(
                    _log, "triage.escalation_hook_failed", level=logging.ERROR,
                    error_type=type(exc).__name__,
                )  # fmt: skip
                await _audit(
                    context, "triage.escalation_hook_failed", outcome,
                    reason_codes=[type(exc).__name__],
                )  # fmt: skip
        if store_error is not None:
            raise store_error
        return {
            "id": item_id,
            "emergency": True,
            "rule_ids": list(decision.rule_ids),
            "decided_by": decision.decided_by,
            "safety_message": safety.text,
            **({"already_escalated": True} if redelivery else {}),
        }


@dataclass(frozen=True, slots=True)
class DraftReply:
    """Store a reply draft for staff approval (never sent by clinllm).

    Args:
        mode: ``template`` (staff template per category), ``model`` (guarded model draft) or
            ``off``.
        templates: The staff-owned texts.
        guard: The advice guard every draft must pass.
    """

    mode: DraftMode
    templates: Templates
    guard: AdviceGuard
    name: str = "draft"

    async def __call__(
        self, outcome: Outcome[TriageDecision], context: ActionContext
    ) -> Mapping[str, Any] | None:
        """Draft a reply for anything but an escalation."""
        if self.mode == "off" or outcome.route.action == "escalate":
            return None
        category = outcome.output.category
        template = self.templates.drafts[category]
        source, text = "template", template.text
        template_id: str | None = template.name
        reasons: Sequence[str] = ()
        if self.mode == "model":
            result = await context.model.complete(
                draft_messages(context.shown, category),
                output=DraftModelOutput,
                policy=dataclasses.replace(context.policy, max_output_tokens=200),
                source_text=context.shown,
            )
            if result.output is not None:
                source, text, template_id = "model", result.output.reply.strip(), None
        verdict = self.guard.check(text)
        if not verdict.allowed:
            reasons = verdict.reasons
            source, text = "guard_fallback", self.templates.neutral.text
            template_id = self.templates.neutral.name
            await _audit(
                context, "triage.draft_guard_rejected", outcome, reason_codes=list(reasons)
            )
        item_id: int | None = None
        if context.reviews is not None:
            new = NewReviewItem(
                kind=TRIAGE_DRAFT,
                subject=_subject(outcome),
                payload={
                    "text": text,
                    "source": source,
                    "template_id": template_id,
                    "guard_reasons": list(reasons),
                    "category": category,
                },
                document_id=outcome.stored.document_id if outcome.stored else None,
            )
            item, _ = await asyncio.to_thread(context.reviews.open, new, actor=context.actor)
            item_id = item.id
        await _audit(
            context, "triage.draft_saved", outcome,
            source=source, content_sha256=sha256_hex(text), reason_codes=list(reasons) or None,
        )  # fmt: skip
        return {
            "id": item_id,
            "text": text,
            "source": source,
            "template_id": template_id,
            "status": "pending_staff_approval",
        }
