"""Real review items for tests of the review UI and the HTTP service, made by the real workflows.

Nothing is inserted by hand: a bundled synthetic prior-auth letter and a synthetic portal message
go through :meth:`clinllm.bootstrap.App.run` (the pipeline, the rules provider, the store), and
the synthetic discharge summary through the note intake, so the items, records, evidence and
FHIR Bundle a test sees are exactly what a deployment would show a reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clinllm.domain.review import TRIAGE_DRAFT

if TYPE_CHECKING:
    from clinllm.bootstrap import App

__all__ = ["ROUTINE_MESSAGE", "SeededItems", "seed_review_items"]

#: A routine synthetic portal message: triage opens a reply draft for staff approval.
ROUTINE_MESSAGE = (
    "Hi, this is Dana Whitfield. Could I move my follow-up appointment next Tuesday to a "
    "morning slot? Thank you."
)
#: The bundled sample letters, tried in order until one goes to review under the rules provider.
_PRIOR_AUTH_SAMPLES = ("pa_mri_lumbar_letter.txt", "pa_adalimumab_expedited.txt")


@dataclass(frozen=True, slots=True)
class SeededItems:
    """Ids of the review items the seed opened in the app's tenant (None when not opened)."""

    prior_auth: int | None
    draft: int | None
    note: int | None


def _samples() -> Path:
    from clinllm.samples import sample_note_path

    return sample_note_path().parent


async def seed_review_items(app: App, *, note: bool = True) -> SeededItems:
    """Run the samples through ``app`` (persisted, any chain) and return the items opened.

    Args:
        app: Built with ``persist=True``; its settings' tenant owns the items.
        note: Also summarize the sample discharge summary (opens a note-summary item when the
            summary needs review).
    """
    prior_auth = draft = note_item = None
    for name in _PRIOR_AUTH_SAMPLES:
        outcome = await app.run("prior_auth", _samples() / name)
        if outcome.stored is not None and outcome.stored.review_item_id is not None:
            prior_auth = outcome.stored.review_item_id
            break
    await app.run("triage", ROUTINE_MESSAGE, source_name="portal-msg-1")
    drafts = app.reviews.list(kind=TRIAGE_DRAFT)
    draft = drafts[-1].id if drafts else None
    if note and app.store is not None:
        from clinllm.bootstrap import build_note_intake

        intake = build_note_intake(app.settings, app.gateway, app.store)
        result = await intake.process(_samples() / "note_discharge_copd.txt")
        note_item = result.review_id
    return SeededItems(prior_auth=prior_auth, draft=draft, note=note_item)
