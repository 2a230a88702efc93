"""Triage labels, the small model-facing output, and the evidenced final decision.

Two output shapes exist on purpose. :class:`TriageModelOutput` is what a model (or the rules
provider) must produce through the gateway: tiny, capped, nothing free-form, so a 1.5B model
on CPU can fill it under a grammar in a second or two. :class:`TriageDecision` is what the
workflow hands to people: the merged label, the evidence spans that drove it, and who decided
(a rule id or a provider), so staff can see *why* a message was routed where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from clinllm.domain.labels import (
    TRIAGE_CATEGORIES,
    TRIAGE_URGENCIES,
    TriageCategory,
    TriageUrgency,
)

if TYPE_CHECKING:
    from clinllm.domain.calls import CallResult
    from clinllm.workflows.message_triage.ports import EscalationRecord

__all__ = [
    "CATEGORIES",
    "CATEGORY_PRIORITY",
    "MAX_QUOTES",
    "MAX_QUOTE_CHARS",
    "URGENCIES",
    "URGENCY_RANK",
    "Category",
    "EvidenceSpan",
    "TriageDecision",
    "TriageModelOutput",
    "TriageOutcome",
    "Urgency",
    "max_urgency",
]

#: Where a message is routed (FORMAT.md, triage.jsonl).
Category = TriageCategory
#: How soon staff must act: ``emergency`` = possible life threat now, ``urgent`` = same day.
Urgency = TriageUrgency

CATEGORIES: tuple[Category, ...] = TRIAGE_CATEGORIES
URGENCIES: tuple[Urgency, ...] = TRIAGE_URGENCIES

#: Higher rank = sooner action. Rules may only move a decision up this scale.
URGENCY_RANK: dict[Urgency, int] = {"routine": 0, "urgent": 1, "emergency": 2}

#: Labelling convention for messages with several requests: the one needing the soonest
#: clinical action wins (lower index wins).
CATEGORY_PRIORITY: tuple[Category, ...] = (
    "symptom_escalation",
    "refill_request",
    "appointment_scheduling",
    "billing_question",
    "other",
)


def max_urgency(*levels: Urgency) -> Urgency:
    """The most urgent of ``levels``: the only way urgencies are ever combined.

    Combining by maximum is what guarantees that adding a rule can raise urgency but never
    lower it, so a missed keyword can at worst leave the model's answer as it was.
    """
    return max(levels, key=URGENCY_RANK.__getitem__, default="routine")


#: Caps on the model's evidence: every generated token costs ~60 ms on the embedded model.
MAX_QUOTES = 2
MAX_QUOTE_CHARS = 60

_Quote = Annotated[str, StringConstraints(min_length=1, max_length=MAX_QUOTE_CHARS)]


class TriageModelOutput(BaseModel):
    """What the model (or the ``rules`` provider) returns: a label and up to two short quotes.

    Kept small for the embedded model: enums, capped list, capped strings, no prose. The
    quotes are grounded afterwards (a quote not found in the message is dropped), so the model
    cannot invent evidence.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    category: Category
    """Where the message goes."""
    urgency: Urgency
    """How soon staff must act."""
    evidence: list[_Quote] = Field(default_factory=list, max_length=MAX_QUOTES)
    """Short verbatim quotes from the message that justify the label."""

    def __repr__(self) -> str:
        return (
            f"TriageModelOutput(category={self.category!r}, urgency={self.urgency!r}, "
            f"evidence=<{len(self.evidence)} quotes>)"
        )

    __str__ = __repr__


class EvidenceSpan(BaseModel):
    """A half-open character range ``[start, end)`` of the message that drove a decision.

    Attributes mirror the pipeline's evidence spans: offsets into the original message, the
    text itself (PHI: never logged), and which rule or provider pointed at it.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    start: int = Field(ge=0)
    """Offset of the first character."""
    end: int = Field(ge=0)
    """Offset one past the last character."""
    text: str
    """``message[start:end]``. May be PHI."""
    source: str
    """``rule:<id>`` for a red-flag or category rule, else the provider string."""

    def __repr__(self) -> str:
        return f"EvidenceSpan({self.start}, {self.end}, source={self.source!r})"

    __str__ = __repr__


class TriageDecision(BaseModel):
    """The final, evidenced routing of one message.

    ``decided_by`` names what set the urgency (the consequential half of the label): a rule
    id such as ``rule:chest_pain_now`` when a red-flag rule raised it, else the provider
    string (``local:qwen2.5-coder-1.5b``, ``rules``). ``category_by`` does the same for the
    category.
    """

    model_config = ConfigDict(frozen=True, hide_input_in_errors=True, extra="forbid")

    category: Category
    urgency: Urgency
    evidence: tuple[EvidenceSpan, ...] = ()
    """Spans that drove the decision (rule hits and grounded model quotes)."""
    decided_by: str
    """What set the urgency: ``rule:<id>`` or a provider string."""
    category_by: str
    """What set the category: ``rule:<id>`` or a provider string."""
    rule_ids: tuple[str, ...] = ()
    """Every red-flag rule that fired, in firing order."""
    provider: str | None = None
    """The gateway provider that answered, or None when the gateway call failed."""
    model: str | None = None
    """The model that answered, when one did."""
    model_category: Category | None = None
    """The category the provider proposed, kept to measure how often rules overrode it."""
    model_urgency: Urgency | None = None
    """The urgency the provider proposed, before rules raised it."""


@dataclass(frozen=True, slots=True)
class TriageOutcome:
    """Everything one ``Triager.triage`` call produced.

    Attributes:
        decision_id: Id of the persisted decision record.
        message_sha256: Hash of the message (what audit events carry instead of content).
        decision: The evidenced routing.
        draft: Reply draft pending staff approval, or None (always None for emergencies).
        draft_id: Id of the stored draft, when there is one.
        escalation: The escalation raised for an emergency, else None.
        call: The gateway call result, or None when the gateway was not called.
    """

    decision_id: str
    message_sha256: str
    decision: TriageDecision
    draft: str | None = None
    draft_id: str | None = None
    escalation: EscalationRecord | None = None
    call: CallResult[TriageModelOutput] | None = None

    @property
    def category(self) -> Category:
        """Where the message was routed."""
        return self.decision.category

    @property
    def urgency(self) -> Urgency:
        """How soon staff must act."""
        return self.decision.urgency

    def __repr__(self) -> str:
        return (
            f"TriageOutcome(decision_id={self.decision_id!r}, category={self.category!r}, "
            f"urgency={self.urgency!r}, draft={'yes' if self.draft else 'no'}, "
            f"escalation={'yes' if self.escalation else 'no'})"
        )
