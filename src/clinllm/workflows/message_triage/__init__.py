"""Patient message triage: route every portal message, escalate emergencies, draft for staff.

The assistant routes; it never gives medical advice. Deterministic red-flag rules can only
raise urgency; emergencies raise an escalation with a staff-owned safety message at once;
reply drafts are stored pending staff approval and pass an advice guard first.
"""

from clinllm.workflows.message_triage.escalation import (
    EscalationEvent,
    EscalationHook,
    RecordingEscalationHook,
)
from clinllm.workflows.message_triage.guard import AdviceGuard, GuardVerdict
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
from clinllm.workflows.message_triage.rules import RULES, classify, triage_rules
from clinllm.workflows.message_triage.schema import (
    Category,
    EvidenceSpan,
    TriageDecision,
    TriageModelOutput,
    TriageOutcome,
    Urgency,
)
from clinllm.workflows.message_triage.service import DraftMode, DraftModelOutput, Triager
from clinllm.workflows.message_triage.templates import Templates

__all__ = [
    "RULES",
    "AdviceGuard",
    "AuditSink",
    "Category",
    "DecisionRecord",
    "DraftMode",
    "DraftModelOutput",
    "DraftRecord",
    "DraftReview",
    "EscalationEvent",
    "EscalationHook",
    "EscalationRecord",
    "EvidenceSpan",
    "GuardVerdict",
    "InMemoryTriageStore",
    "RecordingEscalationHook",
    "Templates",
    "TriageAuditEvent",
    "TriageDecision",
    "TriageModelOutput",
    "TriageOutcome",
    "TriageStore",
    "Triager",
    "Urgency",
    "classify",
    "triage_rules",
]
