"""In-memory fakes of the persistence ports: records, the review queue, the audit log.

They keep the contracts of the SQL adapters (idempotent documents and versions, the review
state machine of :func:`clinllm.domain.review.transition`, a hash chain that
:func:`clinllm.domain.audit.verify_chain` checks) without a database. ``clinllm eval`` runs
workflows on them so that measuring never writes to the user's database; tests use them to
check a workflow's persistence without SQL.
"""

from __future__ import annotations

import builtins
import functools
import threading
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Concatenate, ParamSpec, TypeVar

from clinllm.domain.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditEvent,
    AuditKey,
    ChainVerification,
    chain_hash,
    verify_chain,
)
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.hashing import canonical_json, sha256_hex
from clinllm.domain.record_digest import extraction_digest
from clinllm.domain.records import (
    DocumentFailure,
    DocumentRecord,
    ExtractionRecord,
    NewExtraction,
    SourceDocument,
)
from clinllm.domain.review import (
    OPEN_STATUSES,
    NewReviewItem,
    ReviewItem,
    ReviewStatus,
    ReviewSteps,
    ReviewVerb,
    ReviewVersion,
    changed_keys,
    opened_version,
    review_event,
    transition,
)
from clinllm.errors import RecordNotFound, StaleVersion

__all__ = ["InMemoryAuditLog", "InMemoryRecordStore", "InMemoryReviewQueue"]


def _utc_now() -> datetime:
    return datetime.now(UTC)


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _one_writer(method: Callable[Concatenate[Any, _P], _R]) -> Callable[Concatenate[Any, _P], _R]:
    """Serialize a write under the audit log's lock (shared by the fakes built on it).

    The runner's stages run in threads: an id or a chain position is read then written, which
    must not interleave (transactions and the chain's lock do this for the SQL adapters).
    """

    @functools.wraps(method)
    def locked(self: Any, /, *args: _P.args, **kwargs: _P.kwargs) -> _R:
        with self._lock:
            return method(self, *args, **kwargs)

    return locked


class InMemoryAuditLog:
    """A :class:`~clinllm.domain.ports.AuditLog` in a list, chained like the SQL log."""

    def __init__(
        self, *, clock: Callable[[], datetime] = _utc_now, key: AuditKey | None = None
    ) -> None:
        self._clock = clock
        self._key = key if key is not None else AuditKey.ephemeral()
        self.chain: list[AuditEntry] = []
        self._lock = self.lock = threading.RLock()

    def __repr__(self) -> str:
        return f"InMemoryAuditLog(entries={len(self.chain)})"

    @_one_writer
    def append(self, event: AuditEvent) -> AuditEntry:
        """Append one event with its chain hash."""
        seq = len(self.chain) + 1
        prev = self.chain[-1].hash if self.chain else GENESIS_HASH
        ts = (event.ts or self._clock()).astimezone(UTC)
        fields = event.model_dump(exclude={"ts"})
        fields["doc_hashes"] = tuple(self._key.document_digest(h) for h in event.doc_hashes)
        entry = AuditEntry(
            seq=seq,
            ts=ts,
            prev_hash=prev,
            hash=chain_hash(seq=seq, ts=ts, prev_hash=prev, key=self._key, **fields),
            key_id=self._key.key_id,
            **fields,
        )
        self.chain.append(entry)
        return entry

    def entries(
        self, *, after_seq: int = 0, limit: int | None = None, action: str | None = None
    ) -> builtins.list[AuditEntry]:
        """Entries in chain order."""
        found = [
            e for e in self.chain if e.seq > after_seq and (action is None or e.action == action)
        ]
        return found[:limit] if limit is not None else found

    def verify(self) -> ChainVerification:
        """Recompute every link."""
        return verify_chain(self.chain, self._key)


def _extraction_digest(record: ExtractionRecord, new: NewExtraction) -> str:
    """The record digest the SQL store commits to, computed the same way (one contract)."""
    return extraction_digest(
        document_id=record.document_id,
        workflow=record.workflow,
        version=record.version,
        payload=record.payload,
        payload_sha256=record.payload_sha256,
        confidence=record.confidence,
        model=record.model,
        provider=record.provider,
        prompt_version=record.prompt_version,
        created_by=record.created_by,
        supersedes_id=record.supersedes_id,
        evidence=[
            {
                "field": (e.field or "")[:128],
                "page": e.page,
                "start": e.start,
                "end": e.end,
                "quote": e.text,
                "source": e.source,
            }
            for e in new.evidence
        ],
        findings=[
            {"code": f.code, "severity": f.severity, "field": f.field, "detail": f.message[:500]}
            for f in new.findings
        ],
    )


class InMemoryRecordStore:
    """A :class:`~clinllm.domain.ports.RecordStore` in dicts, audited like the SQL store.

    Args:
        audit: Where ``document.*`` and ``extraction.*`` events go.
        clock: Aware UTC clock.
    """

    def __init__(
        self, audit: InMemoryAuditLog, *, clock: Callable[[], datetime] = _utc_now
    ) -> None:
        self._audit = audit
        self._lock = audit.lock
        self._clock = clock
        self.documents: dict[int, DocumentRecord] = {}
        self.texts: dict[int, str] = {}
        self.extractions: dict[int, ExtractionRecord] = {}
        self._evidence: dict[int, tuple[Evidence, ...]] = {}
        self._findings: dict[int, tuple[Finding, ...]] = {}
        self._run_keys: dict[int, str] = {}

    def __repr__(self) -> str:
        return (
            f"InMemoryRecordStore(documents={len(self.documents)}, "
            f"extractions={len(self.extractions)})"
        )

    def _by_sha(self, sha256: str | None) -> DocumentRecord | None:
        return next((d for d in self.documents.values() if sha256 and d.sha256 == sha256), None)

    def _put_document(self, record: DocumentRecord, action: str, **decision: str) -> None:
        self.documents[record.id] = record
        self._audit.append(
            AuditEvent(
                actor=record.created_by,
                action=action,
                subjects={"document": str(record.id)},
                doc_hashes=(record.sha256,) if record.sha256 else (),
                decision=dict(decision),
            )
        )

    @_one_writer
    def add_document(self, document: SourceDocument, *, actor: str) -> tuple[DocumentRecord, bool]:
        """Store a document, or return the one with the same hash."""
        existing = self._by_sha(document.sha256)
        if existing is not None and existing.status != "failed":
            return existing, False
        now = self._clock()
        record = DocumentRecord(
            id=existing.id if existing else len(self.documents) + 1,
            sha256=document.sha256,
            source_name=document.source_name,
            media_type=document.media_type,
            byte_size=document.byte_size,
            pages=document.pages,
            status="ingested",
            error_type=None,
            error_reason=None,
            created_at=existing.created_at if existing else now,
            created_by=existing.created_by if existing else actor,
            updated_at=now,
        )
        self.texts[record.id] = document.text
        self._put_document(record, "document.ingested")
        return record, True

    @_one_writer
    def add_failed_document(self, failure: DocumentFailure, *, actor: str) -> DocumentRecord:
        """Record a document that could not be read."""
        source_name, error_type, reason = failure.source_name, failure.error_type, failure.reason
        sha256, byte_size = failure.sha256, failure.byte_size
        existing = self._by_sha(sha256)
        if existing is not None and existing.status != "failed":
            return existing
        now = self._clock()
        record = DocumentRecord(
            id=existing.id if existing else len(self.documents) + 1,
            sha256=sha256,
            source_name=source_name[:255],
            media_type=None,
            byte_size=byte_size,
            pages=None,
            status="failed",
            error_type=error_type[:64],
            error_reason=reason[:255],
            created_at=existing.created_at if existing else now,
            created_by=existing.created_by if existing else actor,
            updated_at=now,
        )
        self._put_document(record, "document.failed", error_type=error_type[:64], outcome="failed")
        return record

    @_one_writer
    def mark_failed(
        self, document_id: int, *, error_type: str, reason: str, actor: str
    ) -> DocumentRecord:
        """Mark a stored document failed."""
        record = self.get_document(document_id).model_copy(
            update={
                "status": "failed",
                "error_type": error_type[:64],
                "error_reason": reason[:255],
                "updated_at": self._clock(),
            }
        )
        self._put_document(record, "document.failed", error_type=error_type[:64], outcome="failed")
        return record

    @_one_writer
    def add_extraction(
        self, document_id: int, extraction: NewExtraction, *, actor: str
    ) -> tuple[ExtractionRecord, bool]:
        """Store the document's next version (the same payload again is a no-op)."""
        document = self.get_document(document_id)
        digest = sha256_hex(canonical_json(extraction.payload))
        if extraction.run_key is not None:
            for stored in self.extractions.values():
                if self._run_keys.get(stored.id) == extraction.run_key:
                    return stored, False
        latest = self.latest_extraction(document_id, extraction.workflow)
        if latest is not None and latest.payload_sha256 == digest:
            return latest, False
        record = ExtractionRecord(
            id=len(self.extractions) + 1,
            document_id=document_id,
            workflow=extraction.workflow,
            version=(latest.version + 1) if latest else 1,
            payload=dict(extraction.payload),
            payload_sha256=digest,
            confidence=dict(extraction.confidence) if extraction.confidence is not None else None,
            model=extraction.model,
            provider=extraction.provider,
            prompt_version=extraction.prompt_version,
            created_at=self._clock(),
            created_by=actor,
            supersedes_id=latest.id if latest else None,
        )
        self.extractions[record.id] = record
        if extraction.run_key is not None:
            self._run_keys[record.id] = extraction.run_key
        self._evidence[record.id] = extraction.evidence
        self._findings[record.id] = extraction.findings
        if document.status in ("ingested", "failed"):
            self.documents[document_id] = document.model_copy(update={"status": "extracted"})
        self._audit.append(
            AuditEvent(
                actor=actor,
                action="extraction.created",
                subjects={"document": str(document_id), "extraction": str(record.id)},
                model=extraction.model,
                doc_hashes=(document.sha256,) if document.sha256 else (),
                decision={
                    "workflow": extraction.workflow,
                    "version": str(record.version),
                    "payload_sha256": digest,
                    "prompt_version": extraction.prompt_version,
                },
                record_kind="extraction",
                record_digest=_extraction_digest(record, extraction),
            )
        )
        return record, True

    def get_document(self, document_id: int) -> DocumentRecord:
        """Fetch a document."""
        try:
            return self.documents[document_id]
        except KeyError:
            raise RecordNotFound("document", document_id) from None

    def document_text(self, document_id: int) -> str:
        """A document's text."""
        try:
            return self.texts[document_id]
        except KeyError:
            raise RecordNotFound("document text", document_id) from None

    def get_extraction(self, extraction_id: int) -> ExtractionRecord:
        """Fetch one version."""
        try:
            return self.extractions[extraction_id]
        except KeyError:
            raise RecordNotFound("extraction", extraction_id) from None

    def latest_extraction(self, document_id: int, workflow: str) -> ExtractionRecord | None:
        """The newest version for a document and workflow."""
        found = [
            e
            for e in self.extractions.values()
            if e.document_id == document_id and e.workflow == workflow
        ]
        return max(found, key=lambda e: e.version, default=None)

    def evidence(self, extraction_id: int) -> builtins.list[Evidence]:
        """Evidence stored with a version."""
        self.get_extraction(extraction_id)
        return list(self._evidence.get(extraction_id, ()))

    def findings(self, extraction_id: int) -> builtins.list[Finding]:
        """Findings stored with a version."""
        self.get_extraction(extraction_id)
        return list(self._findings.get(extraction_id, ()))


class InMemoryReviewQueue(ReviewSteps):
    """A :class:`~clinllm.domain.ports.ReviewQueue` in a dict, with the domain state machine.

    Args:
        records: Where corrections are stored as new versions of the subject.
        audit: Where every step is recorded.
        tenant: The tenant whose queue this is.
        clock: Aware UTC clock.
    """

    def __init__(
        self,
        records: InMemoryRecordStore,
        audit: InMemoryAuditLog,
        *,
        tenant: str = "default",
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        self._records = records
        self._audit = audit
        self._lock = audit.lock
        self._tenant = tenant
        self._clock = clock
        self.items: dict[int, ReviewItem] = {}
        self.versions: dict[int, builtins.list[ReviewVersion]] = {}

    def __repr__(self) -> str:
        return f"InMemoryReviewQueue(tenant={self._tenant!r}, items={len(self.items)})"

    def _hashes(self, item: ReviewItem) -> tuple[str, ...]:
        if item.document_id is None or item.document_id not in self._records.documents:
            return ()
        sha = self._records.documents[item.document_id].sha256
        return (sha,) if sha else ()

    @_one_writer
    def open(self, new: NewReviewItem, *, actor: str) -> tuple[ReviewItem, bool]:
        """Open a case unless one of its kind exists for its subject (open or closed)."""
        for item in self.items.values():
            if item.kind == new.kind and item.subject == new.subject:
                return item, False
        now = self._clock()
        item = ReviewItem(
            id=len(self.items) + 1,
            tenant=self._tenant,
            **new.model_dump(exclude={"reasons"}),
            reasons=tuple(r[:128] for r in new.reasons),
            version=1,
            status="pending",
            created_at=now,
            created_by=actor,
            updated_at=now,
            updated_by=actor,
        )
        self.items[item.id] = item
        self.versions[item.id] = [opened_version(item)]
        self._audit.append(review_event(item, "opened", doc_hashes=self._hashes(item)))
        return item, True

    def get(self, item_id: int) -> ReviewItem:
        """Fetch one item."""
        try:
            return self.items[item_id]
        except KeyError:
            raise RecordNotFound("review item", item_id) from None

    def list(
        self,
        *,
        status: ReviewStatus | Sequence[ReviewStatus] | None = OPEN_STATUSES,
        kind: str | None = None,
        limit: int = 100,
    ) -> builtins.list[ReviewItem]:
        """Items, highest priority then oldest first."""
        wanted = (status,) if isinstance(status, str) else status
        found = [
            i
            for i in self.items.values()
            if (wanted is None or i.status in wanted) and (kind is None or i.kind == kind)
        ]
        found.sort(key=lambda i: (-i.priority, i.created_at, i.id))
        return found[:limit]

    def history(self, item_id: int) -> builtins.list[ReviewVersion]:
        """Every version of an item."""
        self.get(item_id)
        return list(self.versions[item_id])

    def _check_version(self, item_id: int, expected_version: int | None) -> None:
        current = self.get(item_id).version
        if expected_version is not None and current != expected_version:
            raise StaleVersion("review item", item_id, current=current)

    def _act(
        self,
        item_id: int,
        verb: ReviewVerb,
        actor: str,
        *,
        expected_version: int | None = None,
        **kw: Any,
    ) -> ReviewItem:
        self._check_version(item_id, expected_version)
        after, version = transition(self.get(item_id), verb, actor=actor, now=self._clock(), **kw)
        if version is not None:
            self.items[item_id] = after
            self.versions[item_id].append(version)
            self._audit.append(review_event(after, version.action, doc_hashes=self._hashes(after)))
        return after

    def correct(
        self,
        item_id: int,
        payload: Mapping[str, Any],
        *,
        actor: str,
        evidence: Sequence[Evidence] = (),
        expected_version: int | None = None,
    ) -> tuple[ReviewItem, ExtractionRecord]:
        """Store the corrected payload as a new version of the subject."""
        self._check_version(item_id, expected_version)
        item = self.get(item_id)
        transition(item, "correct", actor=actor, now=self._clock())  # check before writing
        original = self._records.get_extraction(int(item.subject))
        new, _ = self._records.add_extraction(
            original.document_id,
            NewExtraction(
                workflow=original.workflow,
                payload=dict(payload),
                evidence=tuple(evidence),
                prompt_version=original.prompt_version,
            ),
            actor=actor,
        )
        changed = changed_keys(original.payload, payload)
        after = self._act(item_id, "correct", actor, result=str(new.id), changed=changed)
        return after, new
