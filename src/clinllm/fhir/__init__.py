"""FHIR R4: the only module that imports ``fhir.resources``.

:func:`build_bundle` maps a note summary to a document Bundle (AI-labelled, with evidence
extensions and Provenance), :func:`validate_bundle` validates it, :func:`relabel_after_review`
records a clinician's approval, and :func:`read_note` reads a note out of a DocumentReference.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from clinllm.fhir.bundle import (
    AIAST,
    EVIDENCE_URL,
    ICD10CM,
    BundleContext,
    SummaryView,
    build_bundle,
)
from clinllm.fhir.reader import NoteAttachment, is_fhir_json, read_note
from clinllm.fhir.relabel import CLINAST, relabel_after_review
from clinllm.fhir.validate import validate_bundle

__all__ = [
    "AIAST",
    "CLINAST",
    "EVIDENCE_URL",
    "ICD10CM",
    "BundleContext",
    "NoteAttachment",
    "SummaryView",
    "build_bundle",
    "bundle_check",
    "is_fhir_json",
    "read_note",
    "relabel_after_review",
    "validate_bundle",
    "view_of",
]


def view_of(outcome: Any) -> SummaryView:
    """The mapper's view of a ``NoteSummaryOutcome``."""
    return SummaryView(
        summary=outcome.summary.model_dump(mode="json"),
        evidence=dict(outcome.evidence),
        model_fields=frozenset(outcome.model_fields),
        negated_codes=dict(getattr(outcome, "negated_codes", {}) or {}),
    )


def bundle_check(outcome: Any, source_id: str) -> bool:
    """Map an outcome to a Bundle and validate it (the eval's ``fhir_valid_rate``)."""
    from clinllm import __version__
    from clinllm.domain.hashing import sha256_hex

    context = BundleContext(
        document_sha256=sha256_hex(source_id),
        generated_at=datetime.now(UTC),
        model_name=getattr(outcome, "model", None),
        model_version=getattr(outcome, "model", None),
        software_version=__version__,
        prompt_version=str(getattr(outcome, "prompt_version", "unknown")),
    )
    return not validate_bundle(build_bundle(view_of(outcome), context))
