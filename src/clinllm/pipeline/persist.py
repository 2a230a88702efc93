"""Persist: the record, its evidence and findings, the model and prompt versions, the queue.

Through the :class:`~clinllm.domain.ports.RecordStore` port the outcome becomes the document's
next result version (idempotent: the same payload again adds nothing), with every value's
evidence (field path and proposer), every finding, the confidence, and which provider, model
and prompt produced it. A ``review`` route opens an item of the spec's review kind in the
:class:`~clinllm.domain.ports.ReviewQueue` with the route's reason codes.
"""

from __future__ import annotations

from typing import Any

from clinllm.domain.outcome import Outcome, Stored
from clinllm.domain.ports import RecordStore, ReviewQueue
from clinllm.domain.records import NewExtraction
from clinllm.domain.review import NewReviewItem
from clinllm.pipeline.spec import WorkflowSpec

__all__ = ["persist"]


def persist(
    spec: WorkflowSpec[Any, Any, Any],
    outcome: Outcome[Any],
    *,
    document_id: int,
    records: RecordStore,
    reviews: ReviewQueue | None,
    actor: str,
    tenant: str = "default",
) -> Stored:
    """Store ``outcome`` for ``document_id``; open a review item when its route says so.

    The version is stored under the run's key (tenant + ``outcome.idempotency_key``: workflow,
    workflow version, input hash), so the same input run again is one record, not two.
    """
    call = outcome.call
    extraction, created = records.add_extraction(
        document_id,
        NewExtraction(
            workflow=spec.name,
            payload=outcome.output.model_dump(mode="json"),
            confidence=dict(outcome.confidence),
            evidence=tuple(e for _, spans in sorted(outcome.evidence.items()) for e in spans),
            findings=outcome.findings,
            model=call.model if call is not None else None,
            provider=outcome.provider,
            prompt_version=outcome.prompt_version,
            run_key=f"{tenant}:{outcome.idempotency_key}"[:255]
            if outcome.idempotency_key
            else None,
        ),
        actor=actor,
    )
    item_id: int | None = None
    if outcome.route.action == "review" and reviews is not None and spec.review.kind:
        item, _ = reviews.open(
            NewReviewItem(
                kind=spec.review.kind,
                subject=str(extraction.id),
                payload={"workflow": spec.name},
                reasons=outcome.route.reasons,
                document_id=document_id,
            ),
            actor=actor,
        )
        item_id = item.id
    return Stored(
        document_id=document_id,
        extraction_id=extraction.id,
        created=created,
        review_item_id=item_id,
        record_digest=extraction.payload_sha256,
    )
