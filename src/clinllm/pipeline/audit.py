"""Audit: one hash-chained event per run, with identifiers and hashes, never content.

The event names the document and the stored record, the model that answered, the input's hash,
the route and its reason codes, the prompt version, what the PHI stage pseudonymized (counts by
type), and the digest of the stored record, so the record can later be checked against it.
"""

from __future__ import annotations

from typing import Any

from clinllm.domain.audit import AuditEvent
from clinllm.domain.outcome import Outcome
from clinllm.domain.ports import AuditLog
from clinllm.pipeline.spec import WorkflowSpec

__all__ = ["audit_event", "record_run"]


def audit_event(
    spec: WorkflowSpec[Any, Any, Any], outcome: Outcome[Any], *, actor: str, tenant: str
) -> AuditEvent:
    """The event of one run (see the module docstring for what it holds)."""
    call = outcome.call
    redactions = dict(call.redactions) if call is not None else {}
    subjects: dict[str, str] = {}
    if outcome.stored is not None:
        subjects = {
            "document": str(outcome.stored.document_id),
            "extraction": str(outcome.stored.extraction_id),
        }
        if outcome.stored.review_item_id is not None:
            subjects["review_item"] = str(outcome.stored.review_item_id)
    decision: dict[str, str | list[str] | None] = {
        "workflow_version": spec.version,
        "provider": outcome.provider,
        "prompt_version": outcome.prompt_version,
        "route": outcome.route.action,
        "needs_review": str(outcome.needs_review).lower(),
        "reasons": [r[:128] for r in outcome.route.reasons],
        "phi_redacted": [f"{k}:{v}" for k, v in sorted(redactions.items())],
        "findings": sorted({f.code for f in outcome.findings}),
    }
    return AuditEvent(
        actor=actor,
        action=f"{spec.name}.{spec.audit_action}",
        subjects=subjects,
        model=call.model if call is not None else None,
        doc_hashes=(outcome.input_sha256,) if outcome.input_sha256 else (),
        decision=decision,
        record_digest=outcome.stored.record_digest if outcome.stored is not None else None,
        tenant=tenant,
    )


def record_run(
    log: AuditLog,
    spec: WorkflowSpec[Any, Any, Any],
    outcome: Outcome[Any],
    *,
    actor: str,
    tenant: str,
) -> None:
    """Append the run's event to the audit log."""
    log.append(audit_event(spec, outcome, actor=actor, tenant=tenant))
