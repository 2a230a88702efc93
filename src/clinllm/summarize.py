"""Note-summary intake: one file from bytes on disk to a stored, audited summary and Bundle.

    ingest (text | PDF | scanned PDF | FHIR DocumentReference or Bundle) -> summarize through
    the gateway (PHI policy applied there) -> grounding, validation, review policy (in the
    workflow) -> FHIR R4 Bundle, validated -> persist (summary, evidence, findings, Bundle,
    model and prompt versions) -> review queue when needed -> audit event (hash-chained)

A file that cannot be read is recorded as failed with its reason and the batch goes on.
``clinllm summarize``, ``clinllm demo`` and the Python API share this service.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from clinllm import __version__
from clinllm.domain.audit import AuditEvent
from clinllm.domain.records import DocumentRecord, NewExtraction, SourceDocument
from clinllm.domain.review import NewReviewItem
from clinllm.errors import ClinLLMError, ConfigError, InputError
from clinllm.fhir import (
    BundleContext,
    build_bundle,
    is_fhir_json,
    read_note,
    validate_bundle,
    view_of,
)
from clinllm.files import read_bounded
from clinllm.observability.logging import get_logger, log_event
from clinllm.pipeline.ingest import IngestedDocument, IngestError, ingest
from clinllm.store import Store
from clinllm.workflows.note_summary import REVIEW_KIND, NoteSummarizer
from clinllm.workflows.note_summary.service import NoteSummaryOutcome

__all__ = ["WORKFLOW", "NoteIntake", "SummaryResult"]

#: The workflow name summaries are stored under.
WORKFLOW = "note_summary"
_log = get_logger("clinllm.summarize")


@dataclass(frozen=True, slots=True)
class SummaryResult:
    """What happened to one file (``outcome`` and ``bundle`` are None for failures)."""

    source: str
    status: Literal["summarized", "failed"]
    document_id: int | None = None
    extraction_id: int | None = None
    review_id: int | None = None
    outcome: dict[str, Any] | None = None
    bundle: dict[str, Any] | None = None
    fhir_problems: tuple[str, ...] = ()
    error_type: str | None = None
    error: str | None = None
    input_error: bool = False
    """The failure was the file's fault (unreadable, too large, not a note)."""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (without the Bundle, which is written on its own)."""
        return {
            "source": self.source,
            "status": self.status,
            "document_id": self.document_id,
            "extraction_id": self.extraction_id,
            "review_id": self.review_id,
            "fhir_valid": self.bundle is not None and not self.fhir_problems,
            "fhir_problems": list(self.fhir_problems),
            "error_type": self.error_type,
            "error": self.error,
            **(self.outcome or {}),
        }


class NoteIntake:
    """Ingests, summarizes, maps to FHIR, persists and audits clinical notes.

    Args:
        summarizer: The workflow (holds the gateway and its policy).
        store: Where records, reviews and the audit log live.
        patient: ``Patient/123`` to reference from every resource, when the caller has one.
        max_bytes: Largest file accepted.
        max_pages: Most pages of a PDF accepted.
        actor: Who runs the intake.
    """

    def __init__(
        self,
        *,
        summarizer: NoteSummarizer,
        store: Store,
        patient: str | None = None,
        max_bytes: int = 20 * 1024 * 1024,
        max_pages: int = 500,
        actor: str = "system",
    ) -> None:
        self._summarizer = summarizer
        self._store = store
        self._patient = patient
        self._max_bytes = max_bytes
        self._max_pages = max_pages
        self._actor = actor

    async def process(self, path: Path) -> SummaryResult:
        """Run one file through intake. Never raises for a bad file: it is recorded as failed.

        Raises:
            ConfigError: Misconfiguration stops the batch (a corrupt model file, OCR missing).
        """
        try:
            data = read_bounded(path, max_bytes=self._max_bytes, name=path.name)
        except (InputError, OSError) as exc:
            log_event(_log, "summarize.failed", stage="ingest", error_type=type(exc).__name__)
            return SummaryResult(
                path.name,
                "failed",
                error_type=type(exc).__name__,
                error=str(exc)[:200],
                input_error=True,
            )
        return await self.process_bytes(data, path.name)

    async def process_bytes(self, data: bytes, name: str) -> SummaryResult:
        """Run one file's bytes through intake (the HTTP service's uploads and JSON text).

        Parsing (PDF, OCR, FHIR), the FHIR Bundle and its validation, and the database writes
        run in a worker thread, so a service calling this keeps its event loop free for other
        requests while a note is read or recorded; only the model call runs on the loop.

        Raises:
            ConfigError: Misconfiguration stops the batch (a corrupt model file, OCR missing).
        """
        read = await asyncio.to_thread(self._read, data, name)
        if isinstance(read, SummaryResult):
            return read
        document, record = read
        try:
            outcome = await self._summarizer.summarize_text(document.text)
        except ConfigError:
            raise
        except ClinLLMError as exc:
            await asyncio.to_thread(
                self._store.records.mark_failed,
                record.id,
                error_type=type(exc).__name__,
                reason=str(exc),
                actor=self._actor,
            )
            return SummaryResult(
                name, "failed", record.id, error_type=type(exc).__name__, error=str(exc)
            )
        return await asyncio.to_thread(self._record, name, document, record, outcome)

    def _read(
        self, data: bytes, name: str
    ) -> SummaryResult | tuple[IngestedDocument, DocumentRecord]:
        try:
            if is_fhir_json(data):
                data = read_note(data).data
            document = ingest(
                data, max_bytes=self._max_bytes, max_pages=self._max_pages, source_name=name
            )
        except (IngestError, InputError, OSError) as exc:
            log_event(_log, "summarize.failed", stage="ingest", error_type=type(exc).__name__)
            return SummaryResult(
                name,
                "failed",
                error_type=type(exc).__name__,
                error=str(exc)[:200],
                input_error=True,
            )
        record, _ = self._store.records.add_document(
            SourceDocument(
                sha256=document.sha256,
                source_name=document.source_name[:255],
                text=document.text,
                pages=document.page_count,
                media_type=document.media_type,
                byte_size=document.byte_size,
                page_starts=tuple(page.start for page in document.pages),
            ),
            actor=self._actor,
        )
        return document, record

    def _record(
        self,
        name: str,
        document: IngestedDocument,
        record: DocumentRecord,
        outcome: NoteSummaryOutcome,
    ) -> SummaryResult:
        context = BundleContext(
            document_sha256=document.sha256,
            generated_at=datetime.now(UTC),
            model_name=outcome.model,
            model_version=outcome.model,
            software_version=__version__,
            prompt_version=outcome.prompt_version,
            patient=self._patient,
        )
        bundle = build_bundle(view_of(outcome), context)
        problems = tuple(validate_bundle(bundle))
        reasons = list(outcome.review_reasons) + [f"fhir_invalid:{p[:60]}" for p in problems[:3]]
        payload = {"summary": outcome.summary.model_dump(mode="json"), "fhir_bundle": bundle}
        extraction, _ = self._store.records.add_extraction(
            record.id,
            NewExtraction(
                workflow=WORKFLOW,
                payload=payload,
                confidence=dict(outcome.confidence),
                evidence=tuple(
                    e.tagged(field=k[:128], source=None)
                    for k, spans in sorted(outcome.evidence.items())
                    for e in spans
                ),
                findings=tuple(outcome.findings),
                model=outcome.model,
                provider=outcome.provider,
                prompt_version=outcome.prompt_version,
            ),
            actor=self._actor,
        )
        review_id = None
        if reasons:
            item, _ = self._store.reviews.open(
                NewReviewItem(
                    kind=REVIEW_KIND,
                    subject=str(extraction.id),
                    payload={"workflow": WORKFLOW},
                    reasons=tuple(r[:128] for r in reasons),
                    document_id=record.id,
                ),
                actor=self._actor,
            )
            review_id = item.id
        self._store.audit.append(
            AuditEvent(
                actor=self._actor,
                action="note_summary.summarized",
                subjects={"document": str(record.id), "extraction": str(extraction.id)},
                model=outcome.model,
                doc_hashes=(document.sha256,),
                decision={
                    "provider": outcome.provider,
                    "prompt_version": outcome.prompt_version,
                    "needs_review": str(bool(reasons)).lower(),
                    "fhir_valid": str(not problems).lower(),
                },
                record_digest=extraction.payload_sha256,
                tenant=self._store.tenant,
            )
        )
        log_event(
            _log,
            "summarize.done",
            document_id=str(record.id),
            extraction_id=str(extraction.id),
            provider=outcome.provider,
            status="review" if reasons else "accepted",
        )
        return SummaryResult(
            name,
            "summarized",
            record.id,
            extraction.id,
            review_id,
            outcome.to_dict(),
            bundle,
            problems,
        )
