"""Merge the model's label with the red-flag rules: rules only ever raise urgency.

1. A red-flag emergency was decided by the rules alone (the runner made no model call: rules
   only raise, and a red-flag symptom outranks every category).
2. Otherwise the model's label is taken, unless no word of the message supports its category
   (then it is ungrounded and the rules' category stands); its quotes are grounded in the
   message (a quote the message does not hold, or one inside a flagged injection span, is
   dropped and counted).
3. The rules' urgency is a floor; a red-flag symptom routes to ``symptom_escalation``; a request
   the rules see that outranks the model's category wins (the labelling convention); a critical
   medication gap makes a routine refill urgent.

When every provider failed, the local rules route the message and say so (``rules:local/...``).
"""

from __future__ import annotations

from clinllm.domain.evidence import Evidence
from clinllm.pipeline.spec import Draft, MergeInput
from clinllm.workflows.message_triage.context import Match
from clinllm.workflows.message_triage.rules import RulesVerdict, category_supported, medication_gap
from clinllm.workflows.message_triage.schema import (
    CATEGORY_PRIORITY,
    URGENCY_RANK,
    Category,
    TriageDecision,
    TriageModelOutput,
    Urgency,
)

__all__ = ["merge"]

_LOCAL_RULES = "rules:local"


def merge(inp: MergeInput[RulesVerdict, TriageModelOutput]) -> Draft[TriageDecision]:
    """The evidenced decision for one message (see the module docstring)."""
    verdict, ground, call = inp.candidates, inp.ground, inp.answer.call
    flag_sources = {f"rule:{h.rule_id}" for h in verdict.red_flags}
    urgency_sources = flag_sources | {verdict.urgency_rule}
    output = call.output if call is not None else None
    rules_decided = output is None or inp.answer.from_rules
    evidence: list[tuple[str, Evidence]] = []

    def add(source: str, match: Match, field: str | None = None) -> None:
        key = field or ("urgency" if source in urgency_sources else "category")
        evidence.append((key, ground.span(match.start, match.end).tagged(field=key, source=source)))

    for source, m in verdict.spans:
        if rules_decided or source in flag_sources:
            add(source, m)
    provider: str | None = None
    category: Category
    urgency: Urgency
    if call is None:
        category, urgency = verdict.category, verdict.urgency
        category_by, decided_by = verdict.category_rule, verdict.urgency_rule
    elif output is not None and call.provider is not None:
        provider = call.provider
        category, urgency = output.category, output.urgency
        if inp.answer.from_rules:
            category_by, decided_by = verdict.category_rule, verdict.urgency_rule
        else:
            category_by = decided_by = call.provider
            for quote in output.evidence:
                ev = ground.quote(quote)
                if ev is None:
                    ground.drop()
                else:
                    evidence.append(("category", ev.tagged(field="category", source=provider)))
            if not category_supported(category, inp.text):
                # No word of the message supports the model's label: it is ungrounded.
                category, category_by = verdict.category, verdict.category_rule
    else:
        # Every provider failed: the local rules still route the message.
        category, urgency = verdict.category, verdict.urgency
        category_by = f"{_LOCAL_RULES}/{verdict.category_rule}"
        decided_by = f"{_LOCAL_RULES}/{verdict.urgency_rule}"

    rule_ids = tuple(h.rule_id for h in verdict.red_flags)
    # The rules' urgency is a floor: red flags, and same-day needs such as a visit due within
    # two days of a discharge.
    if URGENCY_RANK[verdict.urgency] > URGENCY_RANK[urgency]:
        urgency, decided_by = verdict.urgency, verdict.urgency_rule
    if verdict.red_flags:
        symptom = next((h for h in verdict.red_flags if h.category == "symptom_escalation"), None)
        if symptom is not None and category != "symptom_escalation":
            category, category_by = "symptom_escalation", f"rule:{symptom.rule_id}"
    # Several requests: the one needing the soonest clinical action wins. A request cue the
    # model's label outranks is kept; one that outranks the model's label replaces it.
    if verdict.cues and category != "symptom_escalation":
        cue_category, cue_span = verdict.cues[0]
        if CATEGORY_PRIORITY.index(cue_category) < CATEGORY_PRIORITY.index(category):
            category, category_by = cue_category, f"rule:cue_{cue_category}"
            add(category_by, cue_span, "category")
    gap = medication_gap(inp.text)
    if gap is not None and urgency == "routine":
        rule, span = gap
        urgency, decided_by = "urgent", rule
        rule_ids = (*rule_ids, rule.removeprefix("rule:"))
        add(rule, span, "urgency")

    draft: Draft[TriageDecision] = Draft(
        TriageDecision(
            category=category,
            urgency=urgency,
            decided_by=decided_by,
            category_by=category_by,
            rule_ids=rule_ids,
            provider=provider,
            model=call.model if call is not None else None,
            model_category=output.category if output is not None else None,
            model_urgency=output.urgency if output is not None else None,
        )
    )
    # One span once (the first reason it was kept), grouped by the field it supports.
    seen: set[tuple[int, int]] = set()
    for key, ev in evidence:
        if (ev.start, ev.end) not in seen:
            seen.add((ev.start, ev.end))
            draft.evidence[key] = (*draft.evidence.get(key, ()), ev)
    return draft
