"""The note-summary workflow's FHIR mapping: a runner outcome to a validated R4 Bundle.

The spec's ``to_fhir`` hook (the composition root binds it to the workflow's code-set lookup
for ruled-out conditions). Everything comes from the outcome and the caller's references:
the summary, the evidence spans (an item whose evidence a model proposed is labelled AIAST),
the input's hash, the prompt version, the model that answered (none when the rules alone
did), and the patient or encounter only when the caller gave one.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from clinllm.domain.evidence import Evidence
from clinllm.fhir.bundle import BundleContext, SummaryView, build_bundle

__all__ = ["RULE_PREFIX", "model_fields", "outcome_bundle"]

#: Evidence sources that start with this were read by a rule; any other is a model's.
RULE_PREFIX = "rule:"


def model_fields(evidence: Mapping[str, Sequence[Evidence]]) -> frozenset[str]:
    """The item paths a model took part in: any of their evidence not proposed by a rule."""
    return frozenset(
        key
        for key, spans in evidence.items()
        if any(e.source is not None and not e.source.startswith(RULE_PREFIX) for e in spans)
    )


def outcome_bundle(
    outcome: Any,
    context: Mapping[str, Any],
    *,
    refuted: Callable[[str], str | None],
    software_version: str,
) -> dict[str, Any]:
    """The document Bundle of a note-summary outcome.

    Args:
        outcome: The runner's outcome (``output`` is a ``NoteSummary``).
        context: The runner's FHIR context (:func:`clinllm.pipeline.fhir.fhir_context`):
            ``provider``, ``model``, ``input_sha256``, and the caller's ``patient`` /
            ``encounter``; ``generated_at`` (a stored record's time) when rebuilding one.
        refuted: The ICD-10-CM code of a ruled-out condition's words, when unambiguous.
        software_version: clinllm's version (the rules engine's).
    """
    summary = outcome.output.model_dump(mode="json")
    negated = {
        f"negated[{i}]": code
        for i, words in enumerate(summary.get("negated") or [])
        if (code := refuted(str(words))) is not None
    }
    provider = str(context.get("provider") or "")
    model = context.get("model") if provider and not provider.startswith("rules") else None
    when = context.get("generated_at")
    ctx = BundleContext(
        document_sha256=str(context.get("input_sha256") or outcome.input_sha256),
        generated_at=when if isinstance(when, datetime) else datetime.now(UTC),
        model_name=model,
        model_version=model,
        software_version=software_version,
        prompt_version=str(outcome.prompt_version),
        patient=context.get("patient"),
        encounter=context.get("encounter"),
    )
    view = SummaryView(summary, dict(outcome.evidence), model_fields(outcome.evidence), negated)
    return build_bundle(view, ctx)
