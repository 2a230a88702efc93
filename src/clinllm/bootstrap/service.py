"""What a long-running service needs from the composition root: every workflow, per tenant.

The CLI runs one tenant per process (``CLINLLM_TENANT``); the HTTP service serves many from one
process, each request on the tenant of its API key. :class:`Service` wraps the one
:class:`~clinllm.bootstrap.App` (one gateway, one model loaded once, one database) and hands out a
:class:`TenantScope` per tenant: the same runner configuration with that tenant's review queue,
so a review item or audit event is always the requesting key's tenant's. Entry points call the
methods here rather than composing adapters themselves (an import-linter contract forbids it).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from clinllm.domain.audit import ChainVerification
from clinllm.domain.identity import KeyStore
from clinllm.domain.outcome import Outcome
from clinllm.domain.policies import IngestResult, Reader
from clinllm.domain.ports import Job, JobQueue, ReviewQueue
from clinllm.domain.records import SourceDocument
from clinllm.domain.requests import IdempotencyStore, KeyLimiter, SignOuts
from clinllm.domain.review import ReviewItem, ReviewVersion
from clinllm.errors import ConfigError, IngestError, RecordNotFound
from clinllm.files import read_bounded
from clinllm.pipeline.runner import Runner
from clinllm.settings import HttpSettings, Settings
from clinllm.store import Store

if TYPE_CHECKING:
    from clinllm.bootstrap import App
    from clinllm.summarize import SummaryResult
    from clinllm.workflows.policy_search import PolicyAnswer, PolicyIngestor, PolicySearch
    from clinllm.workflows.policy_search.service import SearchOutcome

__all__ = [
    "NOTE_SUMMARY",
    "Service",
    "TenantScope",
    "app_key_store",
    "build_key_store",
    "build_service",
]

#: The note summary: a workflow with its own intake until it is a runner spec.
NOTE_SUMMARY = "note_summary"

#: Audit entries read per batch while filtering one tenant's export.
_AUDIT_BATCH = 500


@dataclass(frozen=True, slots=True)
class TenantScope:
    """One tenant's view of the app: its runner and its review queue (same database)."""

    tenant: str
    runner: Runner
    reviews: ReviewQueue
    store: Store


class Service:
    """Every workflow of one :class:`~clinllm.bootstrap.App`, for any tenant.

    Args:
        app: Built with ``persist=True`` (a service keeps what it decides).

    Raises:
        ConfigError: ``app`` keeps nothing (``persist=False``).
    """

    def __init__(self, app: App) -> None:
        if app.store is None:
            raise ConfigError(
                "the HTTP service needs a database (build the app with persist=True)",
                setting="CLINLLM_DATABASE_URL",
            )
        self.app = app
        self._store: Store = app.store
        self._scopes: dict[str, TenantScope] = {}
        self._lock = threading.Lock()
        self._search: PolicySearch | None = None
        self._ingestor: PolicyIngestor | None = None

    def __repr__(self) -> str:
        return f"Service(app={self.app!r}, tenants={len(self._scopes)})"

    def scope(self, tenant: str) -> TenantScope:
        """The tenant's scope, built on first use and kept (cheap: no new connection pool)."""
        with self._lock:
            found = self._scopes.get(tenant)
            if found is None:
                store = self._store.for_tenant(tenant)
                found = TenantScope(
                    tenant=tenant,
                    runner=self.app.runner.for_tenant(tenant, store.reviews, store.records),
                    reviews=store.reviews,
                    store=store,
                )
                self._scopes[tenant] = found
            return found

    async def run(
        self,
        tenant: str,
        workflow: str,
        source: str | bytes | SourceDocument,
        *,
        source_name: str | None,
        actor: str,
        references: Mapping[str, str] | None = None,
    ) -> Outcome[Any]:
        """Run a workflow spec for ``tenant``; see ``App.run``.

        A :class:`SourceDocument` is one read before (a job's stored document); ``references``
        are the caller's (a note's ``patient``), for the spec's FHIR mapping.
        """
        spec = self.app.spec(workflow)
        return await self.scope(tenant).runner.run(
            spec, source, source_name=source_name, actor=actor, references=references
        )

    async def submit(
        self,
        jobs: JobQueue,
        tenant: str,
        workflow: str,
        source: str | Path | bytes,
        *,
        source_name: str | None,
        actor: str,
        idempotency_key: str | None,
        options: Mapping[str, str] | None = None,
    ) -> Job:
        """Read the input, then store it and its job in one transaction (``tenant``'s).

        The job carries identifiers only (its document id, the workflow, the actor and
        ``options``); a worker runs it in ``tenant``'s scope (:func:`job_handler`).

        Raises:
            NotImplementedWorkflow: ``workflow`` cannot run as a job.
            IngestError: The input cannot be read (recorded as a failed document).
        """
        self.app.spec(workflow)  # raises NotImplementedWorkflow
        if workflow == NOTE_SUMMARY:
            source, source_name = self._note_text(source, source_name)
        document = await self.scope(tenant).runner.read(
            source, source_name=source_name, actor=actor
        )
        return await jobs.for_tenant(tenant).submit(
            workflow, document, idempotency_key=idempotency_key, actor=actor, options=options
        )

    def _note_text(
        self, source: str | Path | bytes, source_name: str | None
    ) -> tuple[str | Path | bytes, str | None]:
        """A note given as FHIR JSON (a DocumentReference or a Bundle): its attachment's bytes.

        ``clinllm summarize`` unwraps it the same way, so a queued note and a direct one store
        the same document. A file is read once here and handed on as bytes (with its name); one
        that cannot be read is handed on as it is, so the reader records the failure.
        """
        from clinllm.fhir import is_fhir_json, read_note

        if isinstance(source, Path):
            try:
                data = read_bounded(source, max_bytes=self.app.settings.limits.max_file_bytes)
            except IngestError:
                return source, source_name
            return self._note_text(data, source_name or source.name)
        if isinstance(source, bytes) and is_fhir_json(source):
            return read_note(source).data, source_name
        return source, source_name

    async def summarize(
        self, tenant: str, data: bytes, name: str, *, patient: str | None, actor: str
    ) -> SummaryResult:
        """A clinical note (text, PDF, FHIR JSON) to a stored summary and FHIR Bundle."""
        return await self.app.summarize(
            data, name=name, patient=patient, actor=actor, runner=self.scope(tenant).runner
        )

    def _policy_search(self) -> PolicySearch:
        from clinllm.bootstrap import build_embedder, build_policy_ingestor, build_policy_search
        from clinllm.bootstrap.policies import build_sentence_vectors

        with self._lock:
            if self._search is None or self._ingestor is None:
                embedder = build_embedder(self.app.settings)
                # One in-memory cache for both: what this process ingests it does not re-read.
                sentences = build_sentence_vectors(embedder)
                self._search = build_policy_search(
                    self.app.settings,
                    self.app.gateway,
                    self._store,
                    embedder=embedder,
                    sentences=sentences,
                )
                self._ingestor = build_policy_ingestor(
                    self.app.settings, self._store, embedder=embedder, sentences=sentences
                )
            return self._search

    def ingest_policy(
        self,
        *,
        tenant: str,
        key: str,
        raw: str,
        media_type: str,
        title: str | None,
        groups: Sequence[str],
        actor: str,
    ) -> IngestResult:
        """Index one policy document (text, Markdown or HTML) for ``groups`` of ``tenant``."""
        from clinllm.retrieval.loader import load_policy_text

        self._policy_search()
        assert self._ingestor is not None
        loaded = load_policy_text(raw, media_type, title=title)
        return self._ingestor.ingest(key, loaded, groups=groups, tenant=tenant, actor=actor)

    def search_policies(self, question: str, reader: Reader) -> SearchOutcome:
        """Ranked passages ``reader`` may read (permission filter in the store's query)."""
        return self._policy_search().search(question, reader)

    async def ask_policies(self, question: str, reader: Reader) -> PolicyAnswer:
        """A grounded answer with citations from passages ``reader`` may read, or a refusal."""
        return await self._policy_search().ask(question, reader)

    def review_item(self, tenant: str, item_id: int) -> ReviewItem:
        """One item of ``tenant``'s queue (:class:`RecordNotFound` for another tenant's)."""
        return self.scope(tenant).reviews.get(item_id)

    def review_detail(self, tenant: str, item_id: int) -> dict[str, Any]:
        """An item, its versions, and the record it is about with evidence and findings."""
        scope = self.scope(tenant)
        item = scope.reviews.get(item_id)
        history: list[ReviewVersion] = scope.reviews.history(item_id)
        out: dict[str, Any] = {
            "item": item.model_dump(mode="json"),
            "history": [v.model_dump(mode="json") for v in history],
        }
        subject = item.result or item.subject
        if subject.isdigit():
            records = scope.store.records
            try:
                extraction = records.get_extraction(int(subject))
            except RecordNotFound:
                return out
            out["extraction"] = extraction.model_dump(mode="json")
            out["evidence"] = [e.model_dump(mode="json") for e in records.evidence(extraction.id)]
            out["findings"] = [f.model_dump(mode="json") for f in records.findings(extraction.id)]
        return out

    def current_payload(self, tenant: str, item_id: int) -> dict[str, Any]:
        """The payload of the record a review item is about (what a correction patches)."""
        scope = self.scope(tenant)
        item = scope.reviews.get(item_id)
        if not item.subject.isdigit():
            raise RecordNotFound("extraction", item.subject)
        return dict(scope.store.records.get_extraction(int(item.subject)).payload)

    def audit_verify(self) -> ChainVerification:
        """Check the whole hash chain (one chain for every tenant: that is what it proves)."""
        return self._store.audit.verify()

    def audit_export(
        self, tenant: str, *, after_seq: int = 0, limit: int = 1000
    ) -> Iterator[dict[str, Any]]:
        """``tenant``'s entries after ``after_seq`` as FHIR AuditEvent, at most ``limit``."""
        from clinllm.store.audit import to_fhir_audit_event

        seq, sent = after_seq, 0
        while sent < limit:
            batch = self._store.audit.entries(after_seq=seq, limit=_AUDIT_BATCH)
            if not batch:
                return
            for entry in batch:
                seq = entry.seq
                if entry.tenant == tenant:
                    yield to_fhir_audit_event(entry)
                    sent += 1
                    if sent >= limit:
                        return

    async def ready(self) -> dict[str, str]:
        """Whether the database answers and the default chain's providers resolve."""
        checks: dict[str, str] = {}
        try:
            await asyncio.to_thread(self._ping)
            checks["database"] = "ok"
        except Exception as exc:  # noqa: BLE001 - readiness reports, it never raises
            checks["database"] = f"failed:{type(exc).__name__}"
        try:
            self.app.gateway.check()
            checks["model"] = "ok"
        except Exception as exc:  # noqa: BLE001 - readiness reports, it never raises
            checks["model"] = f"failed:{type(exc).__name__}"
        return checks

    def _ping(self) -> None:
        with self._store.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def keys(self) -> KeyStore:
        """The API keys in this app's database."""
        return app_key_store(self.app)

    def idempotency_store(self) -> IdempotencyStore:
        """Responses replayed by ``Idempotency-Key``, in this app's database (every process)."""
        from clinllm.store.idempotency import SqlIdempotencyStore

        return SqlIdempotencyStore(self._store.engine)

    def sign_outs(self) -> SignOuts:
        """Review-UI sessions ended by sign-out, in this app's database (every process)."""
        from clinllm.store.sign_outs import SqlSignOuts

        return SqlSignOuts(self._store.engine)

    def shared_key_limiter(self, http: HttpSettings) -> KeyLimiter | None:
        """Per-key rate limits in Redis when one is configured, else None (in process)."""
        url = http.redis_url or self.app.settings.jobs.redis_url
        if url is None:
            return None
        from clinllm.observability.logging import get_logger, log_event
        from clinllm.store.key_limits import RedisKeyLimiter

        log = get_logger("clinllm.http")

        def failed(error_type: str) -> None:
            log_event(log, "http.rate_limit_unavailable", error_type=error_type)

        return RedisKeyLimiter(
            url, per_minute=http.rate_per_minute, burst=http.rate_burst, on_error=failed
        )


def build_service(app: App) -> Service:
    """The per-tenant service over ``app`` (the HTTP service's and the workers' entry)."""
    return Service(app)


def app_key_store(app: App) -> KeyStore:
    """The API keys in ``app``'s database (``clinllm serve``: no second service to build)."""
    from clinllm.store.keys import SqlKeyStore

    if app.store is None:
        raise ConfigError("API keys need a database: build the app with persist=True")
    return SqlKeyStore(app.store.engine)


def build_key_store(settings: Settings) -> KeyStore:
    """The SQL key store in the configured database, migrated (``clinllm keys``)."""
    from clinllm.bootstrap import build_store
    from clinllm.store.keys import SqlKeyStore

    return SqlKeyStore(build_store(settings).engine)
