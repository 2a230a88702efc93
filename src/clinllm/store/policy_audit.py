"""The policy-search audit sink: ingest, search and answer events into the hash-chained log.

Each event holds identifiers only (user, groups, tenant, chunk ids, decision, model, screen
reasons) and the keyed digest of the question, never the question or any chunk text; the
audit record type itself refuses long or multi-line values, so text cannot slip in.
"""

from __future__ import annotations

from clinllm.domain.audit import AuditEvent
from clinllm.domain.policies import PolicyAuditEvent
from clinllm.domain.ports import AuditLog

__all__ = ["StorePolicyAudit"]


class StorePolicyAudit:
    """:class:`~clinllm.domain.policies.PolicyAuditSink` over :class:`AuditLog`.

    Args:
        log: The store's audit log (``store.audit``).
    """

    def __init__(self, log: AuditLog) -> None:
        self._log = log

    def __repr__(self) -> str:
        return "StorePolicyAudit()"

    def record_policy_event(self, event: PolicyAuditEvent) -> None:
        """Append one event to the chain."""
        subjects = {"tenant": event.tenant}
        if event.question_digest:
            subjects["question_hmac"] = event.question_digest
        if event.document:
            subjects["policy_document"] = event.document
        decision: dict[str, str | list[str] | None] = {
            "decision": event.decision,
            "groups": list(event.groups),
            "retrieved": list(event.retrieved),
            "cited": list(event.cited),
            "screen": list(event.screen_reasons),
            "reasons": list(event.reasons),
        }
        self._log.append(
            AuditEvent(
                actor=event.actor,
                action=event.action,
                subjects=subjects,
                model=event.model,
                doc_hashes=(event.doc_hash,) if event.doc_hash else (),
                decision=decision,
                tenant=event.tenant,
            )
        )
