"""Clinical notes in the composition root: intake (ingest, summarize, FHIR, persist, audit).

Split from :mod:`clinllm.bootstrap` for size; imported from there. The note summary is not yet a
workflow spec on the runner, so it keeps its own intake service.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from clinllm.gateway import Gateway
from clinllm.settings import Settings
from clinllm.store import Store

if TYPE_CHECKING:
    from clinllm.summarize import NoteIntake

__all__ = ["build_note_intake"]


def build_note_intake(
    settings: Settings,
    gateway: Gateway,
    store: Store,
    *,
    patient: str | None = None,
    actor: str = "system",
) -> NoteIntake:
    """Ingest -> summarize -> FHIR Bundle -> persist -> audit for clinical notes."""
    from clinllm.bootstrap import base_policy
    from clinllm.summarize import NoteIntake
    from clinllm.workflows.note_summary import NoteSummarizer

    summarizer = NoteSummarizer(
        gateway,
        policy=dataclasses.replace(base_policy(settings), contains_phi=True, max_output_tokens=700),
    )
    return NoteIntake(
        summarizer=summarizer,
        store=store,
        patient=patient,
        actor=actor,
        max_bytes=settings.limits.max_file_bytes,
        max_pages=settings.limits.max_pages,
    )
