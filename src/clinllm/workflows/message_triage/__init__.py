"""Patient message triage: route every portal message, escalate emergencies, draft for staff.

The assistant routes; it never gives medical advice. Deterministic red-flag rules can only
raise urgency; emergencies are escalated at once with a staff-owned safety message; reply
drafts are stored pending staff approval and pass an advice guard first.

The workflow is a specification (:func:`triage_spec`, in :mod:`.spec`) run by the pipeline's
runner; ``RULES`` is what the composition root registers with the gateway's ``rules`` provider.
"""

from clinllm.workflows.message_triage.actions import (
    DraftMode,
    DraftModelOutput,
    DraftReply,
    Escalate,
)
from clinllm.workflows.message_triage.escalation import (
    EscalationEvent,
    EscalationHook,
    RecordingEscalationHook,
)
from clinllm.workflows.message_triage.guard import AdviceGuard, GuardVerdict
from clinllm.workflows.message_triage.rules import RULES, classify, triage_rules
from clinllm.workflows.message_triage.schema import (
    Category,
    TriageDecision,
    TriageModelOutput,
    Urgency,
)
from clinllm.workflows.message_triage.spec import PROMPT, TriageSpec, triage_spec
from clinllm.workflows.message_triage.templates import Templates

__all__ = [
    "PROMPT",
    "RULES",
    "AdviceGuard",
    "Category",
    "DraftMode",
    "DraftModelOutput",
    "DraftReply",
    "Escalate",
    "EscalationEvent",
    "EscalationHook",
    "GuardVerdict",
    "RecordingEscalationHook",
    "Templates",
    "TriageDecision",
    "TriageModelOutput",
    "TriageSpec",
    "Urgency",
    "classify",
    "triage_rules",
    "triage_spec",
]
