"""Triage labels, the small model-facing output, and the final decision.

Two output shapes exist on purpose. :class:`TriageModelOutput` is what a model (or the rules
provider) must produce through the gateway: tiny, capped, nothing free-form, so a 1.5B model
on CPU can fill it under a grammar in a second or two. :class:`TriageDecision` is what the
workflow hands to people: the merged label and who decided each half (a rule id or a provider),
so staff can see *why* a message was routed where it was; the evidence spans that drove it are
on the run's outcome (``outcome.evidence["urgency"]``, ``["category"]``), like every workflow's.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from clinllm.domain.labels import (
    TRIAGE_CATEGORIES,
    TRIAGE_URGENCIES,
    TriageCategory,
    TriageUrgency,
)

__all__ = [
    "CATEGORIES",
    "CATEGORY_PRIORITY",
    "MAX_QUOTES",
    "MAX_QUOTE_CHARS",
    "URGENCIES",
    "URGENCY_RANK",
    "Category",
    "TriageDecision",
    "TriageModelOutput",
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
