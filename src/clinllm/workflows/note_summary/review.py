"""When a note summary goes to a human: the review policy, as machine reason codes.

A summary is accepted only when every item is grounded and confident and nothing disagrees.
It goes to the review queue (item kind ``note_summary.summary``) when:

* ``low_confidence:<item>`` — an item is below the threshold (a model-only value, a default
  action, a code the note supports weakly);
* ``missing_evidence:<item>`` — an item has no evidence span (never expected; a guard);
* ``finding:<code>`` — a rule found a conflict (``model_disagrees``), a detail the code set
  asks for and the note lacks (``additional_code_unspecified``), or a category code;
* ``no_problems`` — no problem could be coded: an encounter note addresses something;
* ``no_assessment`` — the note has no assessment section, so "addressed" was guessed;
* ``model_unavailable`` is informational: the rules alone were used (not a reason by itself).

Reasons are identifiers, never note content, so the queue can be listed and logged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.outcome import RouteDecision
from clinllm.pipeline.spec import Draft
from clinllm.workflows.note_summary.merge import REVIEW_THRESHOLD

__all__ = ["REVIEW_KIND", "RULE_SOURCE", "review_reasons", "route"]

#: The kind of review item a note summary creates.
REVIEW_KIND = "note_summary.summary"
#: The evidence ``source`` of an item the rules alone read.
RULE_SOURCE = "rule:note_summary"

_CONFLICTS = frozenset({"model_disagrees", "additional_code_unspecified", "icd_not_billable"})


def review_reasons(
    *,
    confidence: Mapping[str, float],
    evidence: Mapping[str, Sequence[Evidence]],
    findings: Sequence[Finding],
    problem_count: int,
    has_assessment: bool,
    threshold: float,
) -> list[str]:
    """Why the summary needs a human (empty when it does not)."""
    reasons = [f"low_confidence:{k}" for k, v in sorted(confidence.items()) if v < threshold]
    reasons += [f"missing_evidence:{k}" for k in sorted(confidence) if not evidence.get(k)]
    reasons += [
        f"finding:{f.code}" for f in findings if f.severity == "error" or f.code in _CONFLICTS
    ]
    if problem_count == 0:
        reasons.append("no_problems")
    if not has_assessment:
        reasons.append("no_assessment")
    return list(dict.fromkeys(reasons))


def route(draft: Draft[Any]) -> RouteDecision:
    """The spec's route: accept, or review with the reasons above.

    A note's conflicts are warnings (a model that disagrees, a code detail the note lacks),
    which the shared review policy would let pass; here they send the summary to a person.
    Only items count (``problems[0]``), not the list confidences the runner adds.
    """
    reasons = review_reasons(
        confidence={k: v for k, v in draft.confidence.items() if "[" in k},
        evidence=draft.evidence,
        findings=draft.findings,
        problem_count=len(draft.output.problems),
        has_assessment=not any(f.code == "no_assessment" for f in draft.findings),
        threshold=REVIEW_THRESHOLD,
    )
    return RouteDecision("review", tuple(reasons)) if reasons else RouteDecision("accept")
