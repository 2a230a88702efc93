"""FHIR: map an outcome to a FHIR R4 Bundle, when the workflow has a mapping.

The hook only: a spec's ``to_fhir(outcome, context)`` builds the Bundle (the FHIR adapter,
``clinllm.fhir``, is the only module that imports ``fhir.resources``, and it validates what it
builds). Every element must come from a grounded value or a code-set lookup; the runner passes
the identifiers a Provenance needs (document, record, model, prompt version) in ``context``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from clinllm.domain.outcome import Outcome
from clinllm.pipeline.spec import WorkflowSpec

__all__ = ["fhir_context", "to_fhir"]


def fhir_context(
    outcome: Outcome[Any], references: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Identifiers a mapping may cite: document, record, model, prompt version, input hash.

    ``references`` are the caller's (``patient``: ``Patient/123``); they are added as given,
    under their own keys, never derived from the input.
    """
    stored = outcome.stored
    return {
        **(references or {}),
        "workflow": outcome.workflow,
        "document_id": stored.document_id if stored is not None else None,
        "extraction_id": stored.extraction_id if stored is not None else None,
        "model": outcome.call.model if outcome.call is not None else None,
        "provider": outcome.provider,
        "prompt_version": outcome.prompt_version,
        "input_sha256": outcome.input_sha256,
    }


def to_fhir(
    spec: WorkflowSpec[Any, Any, Any],
    outcome: Outcome[Any],
    references: Mapping[str, str] | None = None,
) -> Mapping[str, Any] | None:
    """The spec's FHIR Bundle for ``outcome``, or None when the workflow has no mapping."""
    if spec.to_fhir is None:
        return None
    return spec.to_fhir(outcome, fhir_context(outcome, references))
