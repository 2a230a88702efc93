"""Records against events: the half of ``audit verify`` that reads the record tables.

The chain proves the events were not changed; this module proves the records were not changed
either. Each event that describes a record (``record_kind`` set) carries the record's digest
(:mod:`clinllm.domain.record_digest`); the newest such event per record is what the record
must match now. Three findings, each named by record kind and id (never content):

* a record whose digest differs from its event's: edited after it was written;
* a record with no event: inserted behind the log's back (or its event was cut off the tail);
* an event whose record is gone: deleted.

A review item's current state is checked against its newest version (which the chain covers),
so flipping an item from ``accepted`` back to ``pending`` is found as well.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from clinllm.domain.audit import AuditEntry, ChainVerification
from clinllm.domain.record_digest import (
    document_digest,
    extraction_digest,
    review_version_digest,
)
from clinllm.store.models import (
    DocumentRow,
    EvidenceRow,
    ExtractionRow,
    FindingRow,
    ReviewItemRow,
    ReviewVersionRow,
)

__all__ = [
    "document_row_digest",
    "extraction_row_digest",
    "review_version_row_digest",
    "verify_records",
]


def document_row_digest(row: DocumentRow) -> str:
    """The digest of a stored document, as its events commit to it."""
    return document_digest(
        sha256=row.sha256,
        source_name=row.source_name,
        media_type=row.media_type,
        byte_size=row.byte_size,
        pages=row.pages,
        text=row.text,
        page_starts=row.page_starts,
        created_by=row.created_by,
        tenant=row.tenant,
    )


def _evidence(session: Session, extraction_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(EvidenceRow).where(EvidenceRow.extraction_id == extraction_id))
    return [
        {
            "field": r.field,
            "page": r.page,
            "start": r.start,
            "end": r.end,
            "quote": r.quote,
            "source": r.source,
        }
        for r in rows
    ]


def _findings(session: Session, extraction_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(select(FindingRow).where(FindingRow.extraction_id == extraction_id))
    return [
        {"code": r.code, "severity": r.severity, "field": r.field, "detail": r.detail} for r in rows
    ]


def extraction_row_digest(session: Session, row: ExtractionRow) -> str:
    """The digest of a stored result version with its evidence and findings."""
    return extraction_digest(
        document_id=row.document_id,
        workflow=row.workflow,
        version=row.version,
        payload=row.payload,
        payload_sha256=row.payload_sha256,
        confidence=row.confidence,
        model=row.model,
        provider=row.provider,
        prompt_version=row.prompt_version,
        created_by=row.created_by,
        supersedes_id=row.supersedes_id,
        evidence=_evidence(session, row.id),
        findings=_findings(session, row.id),
    )


def review_version_row_digest(row: ReviewVersionRow) -> str:
    """The digest of one stored review step."""
    return review_version_digest(
        item_id=row.item_id,
        version=row.version,
        action=row.action,
        actor=row.actor,
        at=row.at,
        status=row.status,
        payload=row.payload,
        changed=row.changed,
        result=row.result,
    )


def _expected(entries: Iterable[AuditEntry]) -> dict[str, dict[str, tuple[int, str]]]:
    """Per record kind, per id: the seq and digest of the newest event describing it."""
    expected: dict[str, dict[str, tuple[int, str]]] = defaultdict(dict)
    for entry in entries:
        kind = entry.record_kind
        if kind is None or entry.record_digest is None or kind not in entry.subjects:
            continue
        expected[kind][entry.subjects[kind]] = (entry.seq, entry.record_digest)
    return expected


def _batches(session: Session, model: Any, batch: int = 500) -> Iterator[Any]:
    last = 0
    while True:
        rows = list(
            session.scalars(select(model).where(model.id > last).order_by(model.id).limit(batch))
        )
        if not rows:
            return
        yield from rows
        last = rows[-1].id


def _problems(session: Session, expected: dict[str, dict[str, tuple[int, str]]]) -> Iterator[str]:
    """Every mismatch between the record tables and the events, first found first."""
    tables: tuple[tuple[str, Any], ...] = (
        ("document", DocumentRow),
        ("extraction", ExtractionRow),
        ("review_version", ReviewVersionRow),
    )
    for kind, model in tables:
        events = expected.get(kind, {})
        seen: set[str] = set()
        for row in _batches(session, model):
            key = str(row.id)
            seen.add(key)
            if kind == "document":
                digest = document_row_digest(row)
            elif kind == "extraction":
                digest = extraction_row_digest(session, row)
            else:
                digest = review_version_row_digest(row)
            if key not in events:
                yield f"{kind} {key} has no audit event (added outside clinllm, or the tail cut)"
            elif events[key][1] != digest:
                yield f"{kind} {key} differs from its audit event (row {events[key][0]})"
        for key in sorted(set(events) - seen, key=lambda k: int(k) if k.isdigit() else 0):
            yield f"{kind} {key} was deleted (audit row {events[key][0]} describes it)"
    yield from _review_items(session)


def _review_items(session: Session) -> Iterator[str]:
    """A review item's state must be its newest version's (which the chain covers)."""
    for item in _batches(session, ReviewItemRow):
        latest = session.scalars(
            select(ReviewVersionRow)
            .where(ReviewVersionRow.item_id == item.id)
            .order_by(ReviewVersionRow.version.desc())
            .limit(1)
        ).first()
        if latest is None:
            yield f"review item {item.id} has no version history"
        elif (item.version, item.status, item.payload, item.result) != (
            latest.version,
            latest.status,
            latest.payload,
            latest.result,
        ):
            yield f"review item {item.id} differs from its newest version ({latest.version})"


def verify_records(
    session: Session, chain: ChainVerification, entries: Iterable[AuditEntry]
) -> ChainVerification:
    """``chain`` (already verified) extended with the records check.

    With legacy entries allowed, records whose only events predate the keyed chain (and review
    items carried over from before it) cannot be checked; they are skipped rather than
    reported (``records_checked`` says how many were checked).
    """
    entries = list(entries)
    expected = _expected(entries)
    legacy = chain.legacy_entries > 0
    checked = 0
    for problem in _problems(session, expected):
        if legacy and ("has no audit event" in problem or problem.startswith("review item")):
            continue  # written before the chain was keyed: nothing to check it against
        return chain.model_copy(update={"ok": False, "reason": problem, "records_checked": checked})
    checked = sum(len(ids) for ids in expected.values())
    return chain.model_copy(update={"records_checked": checked})
