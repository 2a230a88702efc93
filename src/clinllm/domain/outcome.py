"""The result of one workflow run, whatever the workflow.

The runner (:mod:`clinllm.pipeline.runner`) returns an :class:`Outcome`: the validated output,
the evidence for each value, the findings, the confidence per field, the route (accept, review,
escalate), what the model call cost and who answered it, and where the result was stored. The
CLI, the eval harness, the Python API and the HTTP service all read this one shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel

from clinllm.domain.calls import CallResult, Usage
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.errors import ClinLLMError

__all__ = ["CallInfo", "Outcome", "Route", "RouteDecision", "Stored"]

OutT = TypeVar("OutT", bound=BaseModel)

#: ``accept``: usable as is; ``review``: a person must look first; ``escalate``: a person must
#: act now (a triage emergency).
Route = Literal["accept", "review", "escalate"]


def _empty() -> Mapping[str, Any]:
    return MappingProxyType({})


@dataclass(frozen=True, slots=True)
class RouteDecision:
    """Where the result goes, and why (machine reason codes, never text).

    Attributes:
        action: ``accept``, ``review`` or ``escalate``.
        reasons: ``missing:<field>``, ``low_confidence:<field>``, ``finding:<code>``,
            ``escalation:<rule>`` ...
    """

    action: Route
    reasons: tuple[str, ...] = ()

    @property
    def needs_review(self) -> bool:
        """Whether a person must look before the result is used."""
        return self.action != "accept"


@dataclass(frozen=True, slots=True)
class CallInfo:
    """The model call behind an outcome, without its content.

    Attributes:
        provider: The provider that answered, or None when none did.
        model: The model that answered.
        usage: Tokens summed over every attempt.
        cost_usd: Cost summed over every attempt.
        latency_s: Wall time of the logical call.
        fallback_used: The answer came from a provider other than the first one tried.
        attempts: How many attempts were made (refusals included).
        redactions: PHI entity type to how many were pseudonymized before sending.
        error: The typed failure when no provider answered.
    """

    provider: str | None
    model: str | None
    usage: Usage = field(default_factory=Usage)
    cost_usd: float = 0.0
    latency_s: float = 0.0
    fallback_used: bool = False
    attempts: int = 0
    redactions: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    error: ClinLLMError | None = None

    @classmethod
    def of(cls, result: CallResult[Any]) -> CallInfo:
        """Summarize a gateway result."""
        return cls(
            provider=result.provider,
            model=result.model,
            usage=result.usage,
            cost_usd=result.cost_usd,
            latency_s=result.latency_s,
            fallback_used=result.fallback_used,
            attempts=len(result.attempts),
            redactions=MappingProxyType(dict(result.redactions)),
            error=result.error,
        )


@dataclass(frozen=True, slots=True)
class Stored:
    """Where the persist stage put an outcome.

    Attributes:
        document_id: The stored source document.
        extraction_id: The stored result version.
        created: Whether a new version was written (False: the same payload was already the
            latest version, an idempotent re-run).
        review_item_id: The open review item, when the route asked for one.
        record_digest: The stored payload's digest (what the audit event names).
    """

    document_id: int
    extraction_id: int
    created: bool
    review_item_id: int | None = None
    record_digest: str | None = None


@dataclass(frozen=True, slots=True, repr=False)
class Outcome(Generic[OutT]):
    """One workflow run over one input.

    Attributes:
        workflow: The spec's name (``prior_auth``, ``triage``).
        workflow_version: The spec's version (part of the idempotency key).
        prompt_version: Version of the instructions and model-facing schema.
        output: The validated output model.
        evidence: Spans supporting each value, by field path (``procedures[0]``, ``payer``).
        findings: Validation rules that fired (no PHI in their messages).
        confidence: 0..1 per field path.
        route: Accept, review or escalate, with reasons.
        call: The model call, or None when no model was asked.
        dropped_ungrounded: Model values dropped because no source text supported them.
        rejected_codes: Codes dropped because they are not in the code set.
        input_sha256: SHA-256 of the input (bytes of a file, UTF-8 of a text).
        idempotency_key: ``<workflow>:<version>:<input_sha256>``: the same input through the
            same workflow version is the same job.
        stored: Where the result was persisted, when it was.
        actions: Results of the workflow's after-route actions, by action name (triage:
            ``escalation``, ``draft``); identifiers and staff-owned text only.
        fhir: The FHIR Bundle, when the workflow maps to FHIR.
    """

    workflow: str
    workflow_version: str
    prompt_version: str
    output: OutT
    evidence: Mapping[str, tuple[Evidence, ...]]
    findings: tuple[Finding, ...]
    confidence: Mapping[str, float]
    route: RouteDecision
    call: CallInfo | None
    dropped_ungrounded: int = 0
    rejected_codes: int = 0
    input_sha256: str = ""
    idempotency_key: str = ""
    stored: Stored | None = None
    actions: Mapping[str, Any] = field(default_factory=_empty)
    fhir: Mapping[str, Any] | None = None

    @property
    def needs_review(self) -> bool:
        """Whether a person must look before the result is used."""
        return self.route.needs_review

    @property
    def provider(self) -> str | None:
        """The provider that answered the model call, if one did."""
        return self.call.provider if self.call is not None else None

    def __repr__(self) -> str:
        return (
            f"Outcome(workflow={self.workflow!r}, route={self.route.action!r}, "
            f"provider={self.provider!r}, findings={len(self.findings)}, "
            f"dropped_ungrounded={self.dropped_ungrounded})"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: output, evidence, findings, confidence, route and bookkeeping."""
        call = self.call
        return {
            "workflow": self.workflow,
            "workflow_version": self.workflow_version,
            "output": self.output.model_dump(mode="json"),
            "evidence": {
                k: [e.model_dump(mode="json", exclude_none=True) for e in v]
                for k, v in self.evidence.items()
            },
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "confidence": dict(self.confidence),
            "route": self.route.action,
            "route_reasons": list(self.route.reasons),
            "needs_review": self.needs_review,
            "dropped_ungrounded": self.dropped_ungrounded,
            "rejected_codes": self.rejected_codes,
            "provider": self.provider,
            "model": call.model if call is not None else None,
            "prompt_version": self.prompt_version,
            "fallback_used": call.fallback_used if call is not None else None,
            "redactions": dict(call.redactions) if call is not None else {},
            "idempotency_key": self.idempotency_key,
            "actions": dict(self.actions),
        }
