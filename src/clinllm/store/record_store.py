"""``SqlRecordStore``: documents and their versioned results over SQL.

The SQL adapter of the :class:`~clinllm.domain.ports.RecordStore` port, composed of the two
repositories that do the work (:mod:`.documents`, :mod:`.extractions`); each write is audited in
its own transaction.
"""

from __future__ import annotations

import builtins

from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.records import (
    DocumentFailure,
    DocumentRecord,
    ExtractionRecord,
    NewExtraction,
    SourceDocument,
)
from clinllm.store.documents import DocumentRepository
from clinllm.store.extractions import ExtractionRepository

__all__ = ["SqlRecordStore"]


class SqlRecordStore:
    """Documents (idempotent by hash) and result versions (idempotent by payload).

    Args:
        documents: The documents repository.
        extractions: The extractions repository.
    """

    def __init__(self, documents: DocumentRepository, extractions: ExtractionRepository) -> None:
        self._documents = documents
        self._extractions = extractions

    def __repr__(self) -> str:
        return "SqlRecordStore()"

    def add_document(self, document: SourceDocument, *, actor: str) -> tuple[DocumentRecord, bool]:
        """Store a document, or return the one with the same SHA-256."""
        return self._documents.register(
            sha256=document.sha256,
            source_name=document.source_name,
            text=document.text,
            pages=document.pages,
            media_type=document.media_type,
            byte_size=document.byte_size,
            page_starts=document.page_starts,
            actor=actor,
        )

    def add_failed_document(self, failure: DocumentFailure, *, actor: str) -> DocumentRecord:
        """Record a document that could not be read."""
        return self._documents.record_failure(**failure.model_dump(), actor=actor)

    def mark_failed(
        self, document_id: int, *, error_type: str, reason: str, actor: str
    ) -> DocumentRecord:
        """Mark a stored document failed at a later stage."""
        return self._documents.mark_failed(
            document_id, error_type=error_type, reason=reason, actor=actor
        )

    def add_extraction(
        self, document_id: int, extraction: NewExtraction, *, actor: str
    ) -> tuple[ExtractionRecord, bool]:
        """Store a result as the document's next version (idempotent by payload)."""
        return self._extractions.add(
            document_id,
            extraction.workflow,
            extraction.payload,
            created_by=actor,
            model=extraction.model,
            provider=extraction.provider,
            prompt_version=extraction.prompt_version,
            confidence=extraction.confidence,
            evidence=extraction.evidence,
            findings=extraction.findings,
            run_key=extraction.run_key,
        )

    def get_document(self, document_id: int) -> DocumentRecord:
        """Fetch a document."""
        return self._documents.get(document_id)

    def document_text(self, document_id: int) -> str:
        """A document's normalized text."""
        return self._documents.text(document_id)

    def get_extraction(self, extraction_id: int) -> ExtractionRecord:
        """Fetch one result version."""
        return self._extractions.get(extraction_id)

    def latest_extraction(self, document_id: int, workflow: str) -> ExtractionRecord | None:
        """The newest version for a document and workflow."""
        return self._extractions.latest(document_id, workflow)

    def evidence(self, extraction_id: int) -> builtins.list[Evidence]:
        """Evidence stored with a version."""
        self._extractions.get(extraction_id)
        return self._extractions.evidence(extraction_id)

    def findings(self, extraction_id: int) -> builtins.list[Finding]:
        """Findings stored with a version."""
        self._extractions.get(extraction_id)
        return self._extractions.findings(extraction_id)
