"""Content digests of stored records, so that an audit event can commit to what it describes.

An audit event names the record it is about (``record_kind`` + the id in ``subjects``) and
carries that record's digest, computed here when the record is written. ``audit verify``
recomputes the digest from the row as it is now: an emergency edited to routine in a triage
decision, a code changed in an extraction, an evidence quote moved, a review step rewritten,
all change the digest, and the keyed chain stops anyone without the key from fixing the event.

Only the fields that never change after the write enter a digest: a document's ``status`` moves
as work proceeds and is left out; its bytes, text and name are in. Timestamps are rendered
canonically (UTC, microseconds) so SQLite and PostgreSQL rows digest the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Final

from clinllm.domain.hashing import canonical_json, sha256_hex

__all__ = [
    "RECORD_KINDS",
    "document_digest",
    "extraction_digest",
    "review_version_digest",
]

#: The record kinds whose events carry a digest that ``audit verify`` checks.
RECORD_KINDS: Final = ("document", "extraction", "review_version")


def _ts(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _digest(kind: str, fields: Mapping[str, Any]) -> str:
    return sha256_hex(canonical_json({"kind": kind, **fields}))


def document_digest(
    *,
    sha256: str | None,
    source_name: str,
    media_type: str | None,
    byte_size: int | None,
    pages: int | None,
    text: str | None,
    page_starts: Sequence[int] | None,
    created_by: str,
    tenant: str = "default",
) -> str:
    """Digest of a document's identity and content (its text enters as a hash).

    The tenant enters when it is not ``default`` (moving a document to another tenant then
    breaks its digest); documents of the default tenant keep the digest they were stored with
    before documents had tenants, so older audit chains still verify.
    """
    owner = {} if tenant == "default" else {"tenant": tenant}
    return _digest(
        "document",
        {
            **owner,
            "sha256": sha256,
            "source_name": source_name,
            "media_type": media_type,
            "byte_size": byte_size,
            "pages": pages,
            "text_sha256": None if text is None else sha256_hex(text),
            "page_starts": list(page_starts or ()),
            "created_by": created_by,
        },
    )


def extraction_digest(
    *,
    document_id: int,
    workflow: str,
    version: int,
    payload: Mapping[str, Any],
    payload_sha256: str,
    confidence: Mapping[str, Any] | None,
    model: str | None,
    provider: str | None,
    prompt_version: str | None,
    created_by: str,
    supersedes_id: int | None,
    evidence: Sequence[Mapping[str, Any]],
    findings: Sequence[Mapping[str, Any]],
) -> str:
    """Digest of one result version with its evidence spans and findings.

    Evidence and findings are written in the same transaction as the version and never change,
    so they are part of it: a moved span or a deleted finding changes the digest. Each list is
    sorted so row order (which SQL does not promise) cannot matter.
    """
    return _digest(
        "extraction",
        {
            "document_id": document_id,
            "workflow": workflow,
            "version": version,
            "payload": dict(payload),
            "payload_sha256": payload_sha256,
            "confidence": None if confidence is None else dict(confidence),
            "model": model,
            "provider": provider,
            "prompt_version": prompt_version,
            "created_by": created_by,
            "supersedes_id": supersedes_id,
            "evidence": sorted(canonical_json(dict(e)) for e in evidence),
            "findings": sorted(canonical_json(dict(f)) for f in findings),
        },
    )


def review_version_digest(
    *,
    item_id: int,
    version: int,
    action: str,
    actor: str,
    at: datetime,
    status: str,
    payload: Mapping[str, Any],
    changed: Sequence[str],
    result: str | None,
) -> str:
    """Digest of one step of a review item's history (who did what, when, with what result)."""
    return _digest(
        "review_version",
        {
            "item_id": item_id,
            "version": version,
            "action": action,
            "actor": actor,
            "at": _ts(at),
            "status": status,
            "payload": dict(payload),
            "changed": list(changed),
            "result": result,
        },
    )
