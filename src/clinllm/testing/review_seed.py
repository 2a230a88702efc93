"""Real review items for tests of the review UI and the HTTP service, made by the real workflows.

Nothing is inserted by hand: a bundled synthetic prior-auth letter and a synthetic portal message
go through :meth:`clinllm.bootstrap.App.run` (the pipeline, the rules provider, the store), and
a synthetic clinic note through the note intake, so the items, records, evidence and
FHIR Bundle a test sees are exactly what a deployment would show a reviewer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from clinllm.domain.review import TRIAGE_DRAFT

if TYPE_CHECKING:
    from clinllm.bootstrap import App

__all__ = ["BRIEF_NOTE", "ROUTINE_MESSAGE", "SeededItems", "seed_review_items"]

#: A routine synthetic portal message: triage opens a reply draft for staff approval.
ROUTINE_MESSAGE = (
    "Hi, this is Dana Whitfield. Could I move my follow-up appointment next Tuesday to a "
    "morning slot? Thank you."
)
#: A short synthetic clinic note without an assessment section: its summary goes to review
#: (``no_assessment``), so the queue holds a note summary with its FHIR Bundle.
BRIEF_NOTE = (
    "Clinic visit 2026-03-02. Patient: Jordan Reyes, DOB 1961-07-14, MRN 88120455.\n"
    "Seen for type 2 diabetes mellitus without complications. A1c 7.9%.\n"
    "Metformin 500 mg twice daily: increase to 1000 mg twice daily.\n"
    "Follow up in 3 months with repeat A1c.\n"
)
#: The bundled sample letters, tried in order until one goes to review under the rules provider.
_PRIOR_AUTH_SAMPLES = ("pa_knee_arthroscopy_fax.pdf", "pa_cardiac_cath_injection.txt")


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
        note: Also summarize :data:`BRIEF_NOTE` (opens a note-summary item: it needs review).
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
        note_item = (
            await app.summarize(BRIEF_NOTE.encode("utf-8"), name="clinic-note.txt")
        ).review_id
    return SeededItems(prior_auth=prior_auth, draft=draft, note=note_item)
