"""The prior-auth extractor: text in, a grounded, validated outcome out.

Runs the deterministic recognizers, asks the model (through the gateway, schema enforced,
marked as PHI) for its candidates, then merges, grounds and validates both (see
:mod:`.merge`). When every provider fails the rules alone still produce an outcome, and the
failure is on ``outcome.call``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from clinllm.codes.table import CodeTable
from clinllm.domain.evidence import PAGE_BREAK, Evidence
from clinllm.domain.findings import Finding
from clinllm.gateway import CallPolicy, CallResult, Gateway, Message
from clinllm.workflows.prior_auth.injection import mask
from clinllm.workflows.prior_auth.merge import REVIEW_THRESHOLD, merge
from clinllm.workflows.prior_auth.prompt import INSTRUCTIONS, PROMPT_VERSION
from clinllm.workflows.prior_auth.rules import recognize
from clinllm.workflows.prior_auth.schema import PriorAuthExtraction, PriorAuthModelOutput

__all__ = ["PriorAuthExtractor", "PriorAuthOutcome"]

_DEFAULT_POLICY = CallPolicy(deadline_s=120.0, contains_phi=True, max_output_tokens=600)


@dataclass(frozen=True, slots=True, repr=False)
class PriorAuthOutcome:
    """The result for one document.

    Attributes:
        extraction: The FORMAT.md fields.
        evidence: Spans supporting each value, by field path (``procedures[0]``, ``payer``).
        findings: Domain rules that fired (no PHI in their messages).
        confidence: 0..1 per field path.
        needs_review: A required field is missing, a field is below the threshold, or an
            error-level finding fired: a human must look before this is used.
        dropped_ungrounded: Model values dropped because no source text supported them.
        rejected_codes: Codes dropped because they are not in the code set.
        call: The gateway call (None when no model was asked).
        prompt_version: Version of the instructions and schema.
    """

    extraction: PriorAuthExtraction
    evidence: dict[str, tuple[Evidence, ...]]
    findings: tuple[Finding, ...]
    confidence: dict[str, float]
    needs_review: bool
    dropped_ungrounded: int
    rejected_codes: int
    call: CallResult[PriorAuthModelOutput] | None
    prompt_version: str

    def __repr__(self) -> str:
        return (
            f"PriorAuthOutcome(provider={self.provider!r}, needs_review={self.needs_review}, "
            f"findings={len(self.findings)}, dropped_ungrounded={self.dropped_ungrounded})"
        )

    @property
    def provider(self) -> str | None:
        """The provider that answered the model call, if one did."""
        return self.call.provider if self.call is not None else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: extraction, evidence, findings, confidence and bookkeeping."""
        return {
            "extraction": self.extraction.model_dump(mode="json"),
            "evidence": {
                k: [e.model_dump(mode="json") for e in v] for k, v in self.evidence.items()
            },
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "confidence": dict(self.confidence),
            "needs_review": self.needs_review,
            "dropped_ungrounded": self.dropped_ungrounded,
            "rejected_codes": self.rejected_codes,
            "provider": self.provider,
            "model": self.call.model if self.call is not None else None,
            "prompt_version": self.prompt_version,
        }


class PriorAuthExtractor:
    """Extracts prior-authorization requests through the gateway, grounded and validated.

    Args:
        gateway: The model gateway (its chain ends with the ``rules`` provider by default).
        policy: Per-call policy; ``contains_phi`` is always forced on.
        code_table: The user's imported CPT/HCPCS table, when there is one.
        review_threshold: Fields below this confidence send the case to review.
        use_model: Ask the gateway at all; False runs the rules alone (no call is made).
    """

    def __init__(
        self,
        gateway: Gateway,
        *,
        policy: CallPolicy | None = None,
        code_table: CodeTable | None = None,
        review_threshold: float = REVIEW_THRESHOLD,
        use_model: bool = True,
    ) -> None:
        self._gateway = gateway
        self._policy = dataclasses.replace(policy or _DEFAULT_POLICY, contains_phi=True)
        self._table = code_table
        self._threshold = review_threshold
        self._use_model = use_model

    async def extract_text(self, text: str) -> PriorAuthOutcome:
        """Extract one document given as normalized text (pages separated by a form feed).

        Evidence offsets point into ``text``; their ``page`` follows from the form feeds.
        """
        candidates = recognize(text)
        call: CallResult[PriorAuthModelOutput] | None = None
        model_output: PriorAuthModelOutput | None = None
        if self._use_model:
            # The model sees the document with injected instructions blanked out; grounding
            # still checks every value against the original text.
            shown = mask(text, candidates.injections)
            call = await self._gateway.complete(
                [
                    Message(role="system", content=INSTRUCTIONS),
                    Message(role="user", content=shown),
                ],
                output=PriorAuthModelOutput,
                policy=self._policy,
                source_text=text,
            )
            if call.output is not None and not (call.provider or "").startswith("rules"):
                model_output = call.output
        merged = merge(
            text,
            candidates,
            model_output,
            code_table=self._table,
            review_threshold=self._threshold,
        )
        findings = list(merged.findings)
        needs_review = merged.needs_review
        if call is not None and call.output is None:
            findings.append(
                Finding(
                    code="model_unavailable",
                    severity="info",
                    message="no provider answered; the deterministic rules alone were used",
                )
            )
        return PriorAuthOutcome(
            extraction=merged.extraction,
            evidence=merged.evidence,
            findings=tuple(findings),
            confidence=merged.confidence,
            needs_review=needs_review,
            dropped_ungrounded=merged.dropped_ungrounded,
            rejected_codes=merged.rejected_codes,
            call=call,
            prompt_version=PROMPT_VERSION,
        )

    async def extract_pages(self, pages: Sequence[str]) -> PriorAuthOutcome:
        """Extract one document given page by page; evidence carries page numbers.

        The pages are joined with a form feed, the same normalized form ingest produces.
        """
        return await self.extract_text(PAGE_BREAK.join(pages))
