"""Patient message triage as a specification for the pipeline's runner.

A portal message in; a category and an urgency out, with who decided each half and the spans
that drove it. The message passes the same stages as every workflow: the injection screen
(``user`` channel; the model sees flagged spans blanked), the recognizers (the red-flag rules
and request cues), the model through the gateway unless a red-flag emergency already decided,
grounding of the model's quotes, and the route: an emergency is *escalated* at once. The
after-route actions escalate (a top-priority review item, then the hooks) or store a reply
draft for staff approval.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from clinllm.domain.outcome import RouteDecision
from clinllm.pipeline.spec import Draft, Prompt, ReviewPolicy, WorkflowSpec
from clinllm.workflows.message_triage.actions import DraftMode, DraftReply, Escalate
from clinllm.workflows.message_triage.escalation import EscalationHook
from clinllm.workflows.message_triage.guard import AdviceGuard
from clinllm.workflows.message_triage.merge import merge
from clinllm.workflows.message_triage.prompt import INSTRUCTIONS, PROMPT_VERSION
from clinllm.workflows.message_triage.rules import (
    RulesVerdict,
    SemanticLayer,
    classify,
    triage_rules,
)
from clinllm.workflows.message_triage.schema import TriageDecision, TriageModelOutput
from clinllm.workflows.message_triage.templates import Templates

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class _WithLayer(Generic[_T]):
    """``fn(text, layer)``, equal to another built from the same function and layer.

    (A ``functools.partial`` compares by identity, so two specs built alike would differ, and
    ``clinllm eval`` could not show it runs what ``clinllm extract`` runs.)
    """

    fn: Callable[[str, SemanticLayer | None], _T]
    layer: SemanticLayer | None

    def __call__(self, text: str) -> _T:
        return self.fn(text, self.layer)


__all__ = ["PROMPT", "TriageSpec", "triage_spec"]

#: The label call's prompt: 160 output tokens hold the label and two short quotes.
PROMPT = Prompt(instructions=INSTRUCTIONS, version=PROMPT_VERSION, max_output_tokens=160)

#: The spec's type, for annotations.
TriageSpec = WorkflowSpec[TriageDecision, TriageModelOutput, RulesVerdict]


def _emergency(verdict: RulesVerdict) -> bool:
    """A red-flag emergency is decided by the rules: no model could lower it."""
    return any(hit.urgency == "emergency" for hit in verdict.red_flags)


def _escalate(draft: Draft[TriageDecision]) -> RouteDecision | None:
    """An emergency is escalated, whoever decided it; anything else falls to the policy."""
    decision = draft.output
    if decision.urgency != "emergency":
        return None
    reasons = [f"escalation:{decision.decided_by}"]
    reasons += [f"rule:{rule}" for rule in decision.rule_ids]
    return RouteDecision("escalate", tuple(dict.fromkeys(reasons)))


def triage_spec(
    *,
    drafts: DraftMode = "template",
    hooks: Sequence[EscalationHook] = (),
    templates: Templates | None = None,
    guard: AdviceGuard | None = None,
    semantic: SemanticLayer | None = None,
) -> TriageSpec:
    """The triage workflow.

    Args:
        drafts: Reply drafts: ``template`` (staff template per category, the safe default),
            ``model`` (a model draft that must pass the advice guard) or ``off``.
        hooks: Integrations notified of every emergency, in order.
        templates: Staff-owned texts; the packaged ones when None.
        guard: The advice guard; the default rules when None.
        semantic: The semantic red-flag layer (:class:`~.semantic.SemanticFlags`), raise
            only, read with the rules; none when None.

    Raises:
        ConfigError: A template file is missing or empty.
    """
    texts = templates or Templates.load()
    return WorkflowSpec(
        name="triage",
        version="2",
        output_schema=TriageDecision,
        model_schema=TriageModelOutput,
        prompt=PROMPT,
        recognize=_WithLayer(classify, semantic),
        merge=merge,
        channel="user",
        # The red-flag rules only raise urgency: an injected "chest pain" can at worst
        # over-escalate, while masking could hide a real emergency. The model sees the mask.
        recognize_unmasked=True,
        short_circuit=_emergency,
        # The human step of triage is the draft approval (and the escalation): a decision
        # itself is not queued, and an injection finding is recorded on it.
        review=ReviewPolicy(review_on_error=False),
        route=_escalate,
        after_route=(
            Escalate(templates=texts, hooks=tuple(hooks)),
            DraftReply(mode=drafts, templates=texts, guard=guard or AdviceGuard()),
        ),
        rules_provider=_WithLayer(triage_rules, semantic),
        audit_action="decision",
    )
