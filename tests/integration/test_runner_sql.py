"""Both workflows through the composition root's app on a real SQLite database.

Sample files are ingested (text, fax PDF), run through the runner, stored with evidence,
queued for review when the policy says so, and audited; re-runs are idempotent; refused files
are recorded as failed.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from clinllm.bootstrap import App, build_app
from clinllm.domain.review import PRIOR_AUTH_EXTRACTION, TRIAGE_DRAFT, TRIAGE_ESCALATION
from clinllm.errors import CorruptDocument, EmptyDocument, IngestError
from clinllm.samples import sample_paths
from clinllm.samples.render import text_pdf
from clinllm.settings import load_settings

pytestmark = pytest.mark.anyio


@pytest.fixture
async def app(tmp_path: Path) -> AsyncIterator[App]:
    settings = load_settings(data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'c.db'}")
    async with build_app(settings, chain="rules") as built:
        yield built


def _sample(suffix: str) -> Path:
    (path,) = [p for p in sample_paths() if p.name.endswith(suffix)]
    return path


async def test_missing_member_id_goes_to_review_and_rerun_is_idempotent(app: App) -> None:
    assert app.store is not None
    fax = _sample("knee_arthroscopy_fax.pdf")
    outcome = await app.run("prior_auth", fax)
    stored = outcome.stored
    assert stored is not None
    assert stored.created
    assert stored.review_item_id is not None
    item = app.reviews.get(stored.review_item_id)
    assert (item.kind, item.subject) == (PRIOR_AUTH_EXTRACTION, str(stored.extraction_id))
    assert "missing:member_id" in item.reasons
    assert app.records.get_document(stored.document_id).status == "needs_review"
    text = app.records.document_text(stored.document_id)
    evidence = app.records.evidence(stored.extraction_id)
    assert evidence
    for span in evidence:
        assert text[span.start : span.end] == span.text
        assert span.field
    again = await app.run("prior_auth", fax.read_bytes(), source_name=fax.name)
    assert again.stored is not None
    assert (again.stored.created, again.stored.review_item_id) == (False, item.id)
    assert again.stored.extraction_id == stored.extraction_id
    assert len(app.store.extractions.history(stored.document_id, "prior_auth")) == 1
    (event, _) = app.audit.entries(action="prior_auth.extracted")
    assert event.record_digest == stored.record_digest
    assert event.subjects["review_item"] == str(item.id)
    assert app.audit.verify().ok


async def test_complete_request_is_stored_without_review(app: App) -> None:
    outcome = await app.run("prior_auth", _sample("adalimumab_expedited.txt"))
    assert outcome.stored is not None
    assert outcome.stored.review_item_id is None
    record = app.records.get_extraction(outcome.stored.extraction_id)
    assert record.payload["urgency"] == "expedited"
    assert record.prompt_version == outcome.prompt_version
    assert app.reviews.list() == []


@pytest.mark.parametrize(
    ("data", "error_type"),
    [(text_pdf(["x"])[:150], CorruptDocument), (b"", EmptyDocument)],
)
async def test_a_refused_file_is_recorded_as_failed(
    app: App, data: bytes, error_type: type[IngestError]
) -> None:
    assert app.store is not None
    with pytest.raises(error_type):
        await app.run("prior_auth", data, source_name="fax-0042.pdf")
    (record,) = app.store.documents.list(status="failed")
    assert (record.error_type, record.source_name) == (error_type.__name__, "fax-0042.pdf")
    (event,) = app.audit.entries(action="document.failed")
    assert event.decision["error_type"] == error_type.__name__


async def test_triage_persists_decisions_escalations_and_drafts_without_content_in_audit(
    app: App,
) -> None:
    emergency = "I have crushing chest pain right now and my left arm is numb"
    routine = "Can I move my appointment next Tuesday to the afternoon?"
    first = await app.run("triage", emergency)
    second = await app.run("triage", routine)
    assert first.output.urgency == "emergency"
    assert first.route.action == "escalate"
    (escalation,) = app.reviews.list(kind=TRIAGE_ESCALATION)
    assert first.stored is not None
    assert escalation.subject == str(first.stored.extraction_id)
    assert app.records.document_text(first.stored.document_id) == emergency
    (draft,) = app.reviews.list(kind=TRIAGE_DRAFT)
    assert second.stored is not None
    assert draft.subject == str(second.stored.extraction_id)
    assert [i.id for i in app.reviews.list()] == [escalation.id, draft.id]  # emergencies first
    verification = app.audit.verify()
    assert verification.ok
    for entry in app.audit.entries():
        assert emergency not in entry.model_dump_json()
        assert routine not in entry.model_dump_json()
