"""Note-summary intake: one file to a summary and its validated FHIR Bundle, on the runner.

    FHIR DocumentReference or Bundle -> the note's bytes (here; never a url fetched) ->
    ``Runner.run(NOTE_SUMMARY, ...)`` (ingest, screen, questions, merge, validate, route,
    persist, audit, the FHIR mapping with the caller's patient) -> the Bundle validated

What is particular to the intake is only that: unwrapping FHIR input, the caller's patient
reference, validating the Bundle before it leaves, and a result per file (a file that cannot
be read is a failed result and the batch goes on). ``clinllm summarize``, ``clinllm demo``,
the HTTP route and ``App.summarize`` share it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from clinllm.domain.outcome import Outcome
from clinllm.errors import ClinLLMError, ConfigError, InputError
from clinllm.fhir import is_fhir_json, model_fields, read_note, validate_bundle
from clinllm.files import read_bounded
from clinllm.observability.logging import get_logger, log_event
from clinllm.pipeline.runner import Runner
from clinllm.pipeline.spec import WorkflowSpec

__all__ = ["WORKFLOW", "NoteIntake", "SummaryResult", "summary_dict"]

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


def summary_dict(outcome: Outcome[Any]) -> dict[str, Any]:
    """An outcome as the summarize command and the HTTP route show it (``summary`` first)."""
    data = outcome.to_dict()
    out = {"summary": data.pop("output")}
    out.update(data)
    out["review_reasons"] = list(outcome.route.reasons)
    out["model_fields"] = sorted(model_fields(outcome.evidence))
    return out


class NoteIntake:
    """Runs clinical notes through the note-summary spec and validates their Bundles.

    Args:
        runner: The app's runner (its stores, queue, audit log and tenant).
        spec: The note-summary spec with its FHIR mapping (from the composition root).
        patient: ``Patient/123`` to reference from every resource, when the caller has one.
        max_bytes: Largest file accepted.
        actor: Who runs the intake.
    """

    def __init__(
        self,
        *,
        runner: Runner,
        spec: WorkflowSpec[Any, Any, Any],
        patient: str | None = None,
        max_bytes: int = 20 * 1024 * 1024,
        actor: str = "system",
    ) -> None:
        self._runner = runner
        self._spec = spec
        self._patient = patient
        self._max_bytes = max_bytes
        self._actor = actor

    def __repr__(self) -> str:
        return f"NoteIntake(spec={self._spec!r}, patient={self._patient is not None})"

    async def process(self, path: Path) -> SummaryResult:
        """Run one file through intake. Never raises for a bad file: it is a failed result.

        Raises:
            ConfigError: Misconfiguration stops the batch (a corrupt model file, OCR missing).
        """
        try:
            data = read_bounded(path, max_bytes=self._max_bytes, name=path.name)
        except (InputError, OSError) as exc:
            return _failed(path.name, exc, input_error=True)
        return await self.process_bytes(data, path.name)

    async def process_bytes(self, data: bytes, name: str) -> SummaryResult:
        """Run one file's bytes through intake (the HTTP service's uploads and JSON text).

        Raises:
            ConfigError: Misconfiguration stops the batch (a corrupt model file, OCR missing).
        """
        references = {"patient": self._patient} if self._patient else None
        try:
            if is_fhir_json(data):
                data = read_note(data).data
            outcome = await self._runner.run(
                self._spec, data, source_name=name, actor=self._actor, references=references
            )
        except (InputError, OSError) as exc:  # IngestError is an InputError
            return _failed(name, exc, input_error=True)
        except ConfigError:
            raise
        except ClinLLMError as exc:
            return _failed(name, exc, input_error=False)
        bundle = dict(outcome.fhir) if outcome.fhir is not None else None
        problems = tuple(validate_bundle(bundle)) if bundle is not None else ("no Bundle",)
        stored = outcome.stored
        log_event(
            _log,
            "summarize.done",
            document_id=str(stored.document_id) if stored is not None else None,
            extraction_id=str(stored.extraction_id) if stored is not None else None,
            provider=outcome.provider,
            status=outcome.route.action,
        )
        return SummaryResult(
            name,
            "summarized",
            stored.document_id if stored is not None else None,
            stored.extraction_id if stored is not None else None,
            stored.review_item_id if stored is not None else None,
            summary_dict(outcome),
            bundle,
            problems,
        )


def _failed(name: str, exc: Exception, *, input_error: bool) -> SummaryResult:
    log_event(_log, "summarize.failed", stage="ingest", error_type=type(exc).__name__)
    return SummaryResult(
        name,
        "failed",
        error_type=type(exc).__name__,
        error=str(exc)[:200],
        input_error=input_error,
    )
