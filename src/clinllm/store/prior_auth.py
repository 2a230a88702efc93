"""Persist a prior-authorization outcome: extraction, evidence, findings, review queue entry.

The prior-auth workflow returns a :class:`~clinllm.workflows.prior_auth.PriorAuthOutcome`
and knows nothing about databases; this adapter turns one outcome into the store's records
in one place, so ``clinllm extract``, the HTTP API and the demo all persist the same way:
a new extraction version (idempotent when nothing changed), each value's evidence, each
finding, and — when the outcome needs review — an open review item with machine reason codes
(``missing:<field>``, ``low_confidence:<field>``, ``finding:<code>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from clinllm.store.records import EvidenceInput, ExtractionRecord, FindingInput, ReviewItem

if TYPE_CHECKING:
    from clinllm.store.store import Store
    from clinllm.workflows.prior_auth import PriorAuthOutcome

__all__ = ["WORKFLOW", "RecordedOutcome", "record_prior_auth", "review_reasons"]

#: The workflow name extractions are stored under.
WORKFLOW = "prior_auth"


@dataclass(frozen=True, slots=True)
class RecordedOutcome:
    """What :func:`record_prior_auth` stored.

    Attributes:
        extraction: The stored (or unchanged latest) extraction version.
        created: Whether a new version was written.
        review_item: The open review item, when the outcome needs review.
    """

    extraction: ExtractionRecord
    created: bool
    review_item: ReviewItem | None


def review_reasons(outcome: PriorAuthOutcome, *, threshold: float | None = None) -> list[str]:
    """Machine reason codes for sending an outcome to review (never document text).

    Args:
        outcome: The workflow's outcome.
        threshold: Confidence below which a field is flagged; defaults to the workflow's own
            review threshold.
    """
    if threshold is None:
        from clinllm.workflows.prior_auth.merge import REVIEW_THRESHOLD

        threshold = REVIEW_THRESHOLD
    reasons = [f"missing:{name}" for name in outcome.extraction.missing_fields]
    reasons += [
        f"low_confidence:{field}"
        for field, value in sorted(outcome.confidence.items())
        if value < threshold
    ]
    reasons += [f"finding:{f.code}" for f in outcome.findings if f.severity == "error"]
    return list(dict.fromkeys(reasons)) or ["needs_review"]


def record_prior_auth(
    store: Store, document_id: int, outcome: PriorAuthOutcome, *, actor: str = "system"
) -> RecordedOutcome:
    """Store one prior-auth outcome for a document and queue it for review when needed.

    Args:
        store: The store.
        document_id: The document the outcome was extracted from.
        outcome: The workflow's outcome.
        actor: Who ran the extraction (``system`` for automatic runs).

    Raises:
        RecordNotFound: No such document.
    """
    evidence = [
        EvidenceInput(
            field=field[:128], start=span.start, end=span.end, quote=span.text, page=span.page
        )
        for field, spans in sorted(outcome.evidence.items())
        for span in spans
    ]
    findings = [
        FindingInput(code=f.code, severity=f.severity, field=f.field, detail=f.message)
        for f in outcome.findings
    ]
    call = outcome.call
    extraction, created = store.extractions.add(
        document_id,
        WORKFLOW,
        outcome.extraction.model_dump(mode="json"),
        created_by=actor,
        model=call.model if call is not None else None,
        provider=outcome.provider,
        prompt_version=outcome.prompt_version,
        confidence=dict(outcome.confidence),
        evidence=evidence,
        findings=findings,
    )
    item = None
    if outcome.needs_review:
        item, _ = store.reviews.enqueue(extraction.id, review_reasons(outcome), actor=actor)
    return RecordedOutcome(extraction=extraction, created=created, review_item=item)
