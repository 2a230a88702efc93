"""Route: accept, send to review, or escalate, with machine reasons a reviewer can act on.

The spec's own route goes first (triage escalates an emergency whatever else holds). Otherwise
the review policy decides: a missing required field, a field below the confidence threshold,
or an error-level finding sends the case to a person. Reasons are codes, never text:
``missing:<field>``, ``low_confidence:<field>``, ``finding:<code>``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from clinllm.domain.outcome import RouteDecision
from clinllm.pipeline.spec import Draft, ReviewPolicy, WorkflowSpec

__all__ = ["decide", "missing_fields"]


def missing_fields(
    spec: WorkflowSpec[Any, Any, Any], draft: Draft[Any], candidates: Any
) -> tuple[str, ...]:
    """The required fields of the spec's review policy that the result does not have."""
    if spec.required is None:
        return ()
    present = spec.required(draft.output, candidates)
    return tuple(f for f in spec.review.required_fields if not present.get(f, False))


def _low(policy: ReviewPolicy, confidence: dict[str, float], *, gating: bool) -> list[str]:
    """Fields below the threshold; with ``gating``, only those that may send a case to review."""
    low = [k for k, v in sorted(confidence.items()) if v < policy.threshold]
    if not gating:
        return low
    return [
        k
        for k in low
        if (policy.item_level or "[" not in k)
        and not any(k.startswith(p) for p in policy.confidence_exempt)
    ]


def decide(
    spec: WorkflowSpec[Any, Any, Any], draft: Draft[Any], missing: Sequence[str]
) -> RouteDecision:
    """Where the result goes, and why.

    Every low-confidence field is listed as a reason (items and exempt fields too, for the
    reviewer), but only the policy's gating fields decide.
    """
    if spec.route is not None:
        own = spec.route(draft)
        if own is not None:
            return own
    policy = spec.review
    errors = [f.code for f in draft.findings if f.severity == "error"]
    gating = _low(policy, draft.confidence, gating=True)
    review = bool(missing or gating or (policy.review_on_error and errors))
    if not review:
        return RouteDecision("accept")
    reasons = [f"missing:{name}" for name in missing]
    reasons += [f"low_confidence:{k}" for k in _low(policy, draft.confidence, gating=False)]
    reasons += [f"finding:{code}" for code in errors]
    return RouteDecision("review", tuple(dict.fromkeys(reasons)) or ("needs_review",))
