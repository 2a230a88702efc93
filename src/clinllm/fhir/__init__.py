"""FHIR R4: the only module that imports ``fhir.resources``.

:func:`build_bundle` maps a note summary to a document Bundle (AI-labelled, with evidence
extensions and Provenance; :func:`outcome_bundle` for a runner outcome), :func:`validate_bundle`
validates it, :func:`relabel_after_review` records a clinician's approval, and
:func:`read_note` reads a note out of a DocumentReference.
"""

from __future__ import annotations

from clinllm.fhir.bundle import (
    AIAST,
    EVIDENCE_URL,
    ICD10CM,
    BundleContext,
    SummaryView,
    build_bundle,
)
from clinllm.fhir.outcome import model_fields, outcome_bundle
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
    "is_fhir_json",
    "model_fields",
    "outcome_bundle",
    "read_note",
    "relabel_after_review",
    "validate_bundle",
]
