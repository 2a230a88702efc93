"""Patient message triage: route every portal message, escalate emergencies, draft for staff.

The assistant routes; it never gives medical advice. Deterministic red-flag rules can only
raise urgency; emergencies raise an escalation with a staff-owned safety message at once;
reply drafts are stored pending staff approval and pass an advice guard first.
"""

from clinllm.workflows.message_triage.memory import InMemoryTriageStore
from clinllm.workflows.message_triage.ports import (
    AuditSink,
    DecisionRecord,
    DraftRecord,
    DraftReview,
    EscalationRecord,
    TriageAuditEvent,
    TriageStore,
)
from clinllm.workflows.message_triage.schema import (
    Category,
    EvidenceSpan,
    TriageDecision,
    TriageModelOutput,
    TriageOutcome,
    Urgency,
)

__all__ = [
    "AuditSink",
    "Category",
    "DecisionRecord",
    "DraftRecord",
    "DraftReview",
    "EscalationRecord",
    "EvidenceSpan",
    "InMemoryTriageStore",
    "TriageAuditEvent",
    "TriageDecision",
    "TriageModelOutput",
    "TriageOutcome",
    "TriageStore",
    "Urgency",
]
