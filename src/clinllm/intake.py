"""Document intake for prior authorization: one file from bytes on disk to a stored, audited record.

    ingest (text | PDF | scanned PDF) -> extraction through the gateway (PHI policy applied there)
    -> grounding and validation (in the workflow) -> persist (record, evidence, findings, model and
    prompt versions) -> review queue when needed -> audit event (hash-chained, no content)

A file that cannot be read is recorded as failed with its reason (never silently dropped); the
batch goes on. ``clinllm extract``, ``clinllm demo`` and the Python API share this service, so
every entrypoint persists the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from clinllm.errors import ClinLLMError, ConfigError
from clinllm.observability.logging import get_logger, log_event
from clinllm.pipeline.ingest import IngestError, ingest
from clinllm.store import AuditEvent, Store
from clinllm.store.prior_auth import record_prior_auth
from clinllm.workflows.prior_auth import PriorAuthExtractor

__all__ = ["IntakeResult", "PriorAuthIntake"]

_log = get_logger("clinllm.intake")


@dataclass(frozen=True, slots=True)
class IntakeResult:
    """What happened to one file.

    Attributes:
        source: The file name.
        status: ``extracted`` (stored; maybe queued for review) or ``failed``.
        document_id: The stored document (also for failures, when the file could be hashed).
        sha256: SHA-256 of the file's bytes, when it was read.
        extraction_id: The stored extraction version.
        review_id: The open review item, when the case needs a human.
        outcome: The workflow's JSON-ready outcome (extraction, evidence, findings, confidence).
        error_type: The typed error's name for failures.
        error: The error's message (identifiers only, never content).
        pages: Page count.
        ocr_used: Whether any page was read by OCR.
        latency_s: Wall time of the model call, when there was one.
        redactions: PHI entity counts pseudonymized before a remote provider saw the text.
    """

    source: str
    status: Literal["extracted", "failed"]
    document_id: int | None = None
    sha256: str | None = None
    extraction_id: int | None = None
    review_id: int | None = None
    outcome: dict[str, Any] | None = None
    error_type: str | None = None
    error: str | None = None
    pages: int = 0
    ocr_used: bool = False
    latency_s: float | None = None
    redactions: Mapping[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (the file written per document by ``clinllm extract``)."""
        return {
            "source": self.source,
            "status": self.status,
            "document_id": self.document_id,
            "sha256": self.sha256,
            "extraction_id": self.extraction_id,
            "review_id": self.review_id,
            "pages": self.pages,
            "ocr_used": self.ocr_used,
            "latency_s": self.latency_s,
            "redactions": dict(self.redactions),
            "error_type": self.error_type,
            "error": self.error,
            **(self.outcome or {}),
        }


class PriorAuthIntake:
    """Ingests, extracts, persists and audits prior-authorization documents.

    Args:
        extractor: The prior-auth workflow (holds the gateway and its policy).
        store: Where records, reviews and the audit log live.
        max_bytes: Largest file accepted.
        actor: Who is running the intake (``system`` for batch jobs).
    """

    def __init__(
        self,
        *,
        extractor: PriorAuthExtractor,
        store: Store,
        max_bytes: int = 20 * 1024 * 1024,
        actor: str = "system",
    ) -> None:
        self._extractor = extractor
        self._store = store
        self._max_bytes = max_bytes
        self._actor = actor

    async def process(self, path: Path) -> IntakeResult:
        """Run one file through intake. Never raises for a bad file: it is recorded as failed.

        Raises:
            ConfigError: Misconfiguration stops the batch: a corrupt model file, or OCR needed
                and tesseract not installed (``OcrUnavailable`` names the Debian package).
        """
        name = path.name
        try:
            document = ingest(path, max_bytes=self._max_bytes)
        except IngestError as exc:
            data = _read_for_hash(path, self._max_bytes)
            record = self._store.documents.add_ingest_error(exc, data=data, actor=self._actor)
            log_event(_log, "intake.failed", stage="ingest", error_type=type(exc).__name__)
            return IntakeResult(
                source=name,
                status="failed",
                document_id=record.id,
                sha256=record.sha256,
                error_type=type(exc).__name__,
                error=str(exc),
            )

        record, _created = self._store.documents.add_ingested(document, actor=self._actor)
        try:
            outcome = await self._extractor.extract_text(document.text)
        except ConfigError:
            raise
        except ClinLLMError as exc:
            self._store.documents.mark_failed(
                record.id, error_type=type(exc).__name__, reason=str(exc), actor=self._actor
            )
            log_event(_log, "intake.failed", stage="extract", error_type=type(exc).__name__)
            return IntakeResult(
                source=name,
                status="failed",
                document_id=record.id,
                sha256=document.sha256,
                error_type=type(exc).__name__,
                error=str(exc),
                pages=document.page_count,
                ocr_used=document.ocr_used,
            )
        stored = record_prior_auth(self._store, record.id, outcome, actor=self._actor)
        call = outcome.call
        redactions = dict(call.redactions) if call is not None else {}
        self._store.audit.append(
            AuditEvent(
                actor=self._actor,
                action="prior_auth.extracted",
                subjects={"document": str(record.id), "extraction": str(stored.extraction.id)},
                model=call.model if call is not None else None,
                doc_hashes=(document.sha256,),
                decision={
                    "provider": outcome.provider,
                    "prompt_version": outcome.prompt_version,
                    "needs_review": str(outcome.needs_review).lower(),
                    "phi_redacted": [f"{k}:{v}" for k, v in sorted(redactions.items())],
                },
            )
        )
        log_event(
            _log,
            "intake.extracted",
            document_id=str(record.id),
            extraction_id=str(stored.extraction.id),
            provider=outcome.provider,
            status="review" if outcome.needs_review else "accepted",
        )
        return IntakeResult(
            source=name,
            status="extracted",
            document_id=record.id,
            sha256=document.sha256,
            extraction_id=stored.extraction.id,
            review_id=stored.review_item.id if stored.review_item is not None else None,
            outcome=outcome.to_dict(),
            pages=document.page_count,
            ocr_used=document.ocr_used,
            latency_s=call.latency_s if call is not None else None,
            redactions=redactions,
        )


def _read_for_hash(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes, so a failed record still carries its hash; None if unreadable."""
    try:
        if path.is_file() and path.stat().st_size <= max_bytes:
            return path.read_bytes()
    except OSError:
        return None
    return None
