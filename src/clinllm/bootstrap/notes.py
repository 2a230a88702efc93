"""Clinical notes in the composition root: the spec's FHIR mapping, the intake, App methods.

Split from :mod:`clinllm.bootstrap` for size; imported from there. The note summary is a
workflow spec (``NOTE_SUMMARY``) run by the app's runner; the composition root binds its FHIR
mapping (an adapter) here, and :class:`NoteMethods` gives :class:`~clinllm.bootstrap.App` its
stable "summarize this document" method (:meth:`NoteMethods.summarize`) and the Bundle preview
of a stored record (:meth:`NoteMethods.fhir_preview`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from clinllm.domain.evidence import Evidence
from clinllm.domain.outcome import Outcome, RouteDecision
from clinllm.domain.ports import RecordStore
from clinllm.domain.records import ExtractionRecord
from clinllm.errors import RecordNotFound
from clinllm.pipeline.fhir import fhir_context
from clinllm.pipeline.runner import Runner
from clinllm.pipeline.spec import WorkflowSpec
from clinllm.settings import Settings

if TYPE_CHECKING:
    from clinllm.summarize import NoteIntake, SummaryResult

__all__ = ["NoteMethods", "build_note_intake", "note_summary_spec"]


def note_summary_spec() -> WorkflowSpec[Any, Any, Any]:
    """The note-summary spec with its FHIR mapping (the FHIR adapter's :func:`outcome_bundle`)."""
    from clinllm import __version__
    from clinllm.fhir import outcome_bundle
    from clinllm.workflows.note_summary import NOTE_SUMMARY, refuted_code

    def to_fhir(outcome: Outcome[Any], context: Mapping[str, Any]) -> Mapping[str, Any]:
        return outcome_bundle(outcome, context, refuted=refuted_code, software_version=__version__)

    return dataclasses.replace(NOTE_SUMMARY, to_fhir=to_fhir)


def build_note_intake(
    settings: Settings,
    runner: Runner,
    spec: WorkflowSpec[Any, Any, Any],
    *,
    patient: str | None = None,
    actor: str = "system",
) -> NoteIntake:
    """FHIR input unwrapped -> the runner over the note-summary spec -> the Bundle validated."""
    from clinllm.summarize import NoteIntake

    return NoteIntake(
        runner=runner,
        spec=spec,
        patient=patient,
        actor=actor,
        max_bytes=settings.limits.max_file_bytes,
    )


class NoteMethods:
    """The App's note methods (a mixin: :class:`~clinllm.bootstrap.App` holds the attributes)."""

    settings: Settings
    specs: Mapping[str, WorkflowSpec[Any, Any, Any]]
    runner: Runner
    records: RecordStore

    async def summarize(
        self,
        source: Path | bytes,
        *,
        name: str | None = None,
        patient: str | None = None,
        actor: str | None = None,
        runner: Runner | None = None,
    ) -> SummaryResult:
        """Summarize one clinical note: text, PDF, scanned PDF, or FHIR DocumentReference/Bundle.

        The stable entry point for "summarize this document" (CLI, HTTP, jobs). The result is
        stored, audited and queued for review like any workflow run; a file that cannot be
        read is a ``failed`` result, not an exception.

        Args:
            source: A file path, or the file's bytes.
            name: The file name or the caller's id (``source`` is bytes); stored, never logged.
            patient: ``Patient/123`` for the Bundle's subject, when the caller has one.
            actor: Who runs it (the app's default actor when None).
            runner: Another tenant's runner (the HTTP service); the app's when None.

        Raises:
            ConfigError: Misconfiguration (a provider, a corrupt model file, OCR missing).
        """
        intake = build_note_intake(
            self.settings,
            runner or self.runner,
            self.specs["note_summary"],
            patient=patient,
            actor=actor or "system",
        )
        if isinstance(source, Path):
            return await intake.process(source)
        return await intake.process_bytes(source, name or "note")

    def fhir_preview(self, record: ExtractionRecord) -> Mapping[str, Any] | None:
        """The FHIR Bundle of a stored result (the review page's preview), or None.

        Rebuilt from what was stored: the payload, its evidence (who proposed each item), the
        document's hash, the model and prompt version, the record's time. A caller's patient
        reference is not stored, so the preview's subject says it is absent.
        """
        spec = self.specs.get(record.workflow)
        if spec is None or spec.to_fhir is None:
            return None
        try:
            output = spec.output_schema.model_validate(record.payload)
            sha256 = self.records.get_document(record.document_id).sha256
        except (ValidationError, RecordNotFound):
            return None
        if sha256 is None:
            return None
        evidence: dict[str, tuple[Evidence, ...]] = {}
        for ev in self.records.evidence(record.id):
            if ev.field:
                evidence[ev.field] = (*evidence.get(ev.field, ()), ev)
        outcome: Outcome[Any] = Outcome(
            workflow=record.workflow,
            workflow_version=spec.version,
            prompt_version=record.prompt_version or "unknown",
            output=output,
            evidence=evidence,
            findings=(),
            confidence=dict(record.confidence or {}),
            route=RouteDecision("review"),
            call=None,
            input_sha256=sha256,
        )
        context = {
            **fhir_context(outcome),
            "provider": record.provider,
            "model": record.model,
            "generated_at": record.created_at,
        }
        return spec.to_fhir(outcome, context)
