"""Instructions for the model: route the message, never answer it.

The instructions are fixed text placed first in every call so providers can reuse the prompt
cache (the embedded model spends most of its time reading the prompt); the patient message is
always the last message. They ask for a label and short quotes only: the model is a router,
and a router that writes prose is a router that gives advice.

``PROMPT_VERSION`` changes whenever the text changes, so evaluations and stored decisions
can tell which instructions produced a label.
"""

from __future__ import annotations

from clinllm.domain.calls import Message

__all__ = [
    "DRAFT_INSTRUCTIONS",
    "DRAFT_PROMPT_VERSION",
    "INSTRUCTIONS",
    "PROMPT_VERSION",
    "draft_messages",
    "triage_messages",
]

PROMPT_VERSION = "triage-2026-12-06.1"
DRAFT_PROMPT_VERSION = "triage-draft-2026-11-24.1"

INSTRUCTIONS = """\
You route patient portal messages for a medical clinic. You never answer the message and never
give medical advice. Return JSON only: {"category": ..., "urgency": ..., "evidence": [...]}.

category (pick one):
- symptom_escalation: a symptom or health change that needs clinical attention
- refill_request: a prescription refill, renewal, new script, pharmacy change or supplies
- appointment_scheduling: book, cancel, reschedule, confirm or ask about a visit
- billing_question: bills, charges, copays, insurance coverage, payments, costs
- other: forms, letters, copies of records (vaccine records too), portal problems, feedback,
  and medication questions with no symptom ("can I drink alcohol on this antibiotic?")
If the message has several requests, choose the one needing the soonest clinical action:
symptom_escalation > refill_request > appointment_scheduling > billing_question > other.
A minor symptom mentioned next to another request ("refill my allergy pills, just sneezy")
does not make it symptom_escalation.

urgency (pick one):
- emergency: possible threat to life now (chest pain now, stroke signs, trouble breathing,
  throat or tongue swelling, heavy bleeding, suicidal intent, overdose, unresponsive, fever in a
  baby under 3 months, very low blood sugar with confusion)
- urgent: needs a same-day response (fever, worsening infection, out of a medicine that must
  not be missed, vomiting with dehydration, high blood sugar or blood pressure readings, a
  missed chemotherapy or dialysis, an infection or drug exposure in pregnancy, a dangerous
  drug combination)
- routine: everything else. Billing, scheduling and paperwork questions are routine, and so
  is a refill with days of medicine left.
An emergency anywhere in the message counts, even in the last sentence of a billing or
scheduling message, in Spanish or another language, or reported for someone else ("my dad's
face is drooping"). Negated or past symptoms ("no chest pain", "last year I had chest pain")
and names ("the Stroke Support Group") do not count. Capital letters alone are not urgency.
Questions asking what to do ("should I double my insulin?") are routed, not answered.

evidence: up to 2 short exact quotes (under 60 characters) copied from the message that
justify the label.
"""

DRAFT_INSTRUCTIONS = """\
You write a short, polite acknowledgement to a patient portal message for clinic staff to
review before sending. Say only that the message was received and who will follow up. Never
give medical advice: no doses, no medication changes, no diagnosis, no treatment, no
interpretation of results, no reassurance. Return JSON only: {"reply": "..."} (under 400
characters).
"""


def triage_messages(message: str) -> list[Message]:
    """Instructions first, the patient message last (prompt-cache reuse)."""
    return [Message(role="system", content=INSTRUCTIONS), Message(role="user", content=message)]


def draft_messages(message: str, category: str) -> list[Message]:
    """Instructions first, then the routing, then the patient message."""
    return [
        Message(role="system", content=DRAFT_INSTRUCTIONS),
        Message(role="system", content=f"The message was routed to: {category}."),
        Message(role="user", content=message),
    ]
