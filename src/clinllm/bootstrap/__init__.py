"""The composition root: settings in, one :class:`App` out.

This is the only place that knows which adapter serves which port, which workflows exist, and
with which configuration they run: the call policy (deadline, attempts, PHI flag, each
workflow's token cap), the provider chain, the code table, the injection screen, the PHI stage,
the stores. The CLI, the eval harness, the Python API (:func:`clinllm.open_app`) and, later, the
HTTP service and the job workers all get their objects from :func:`build_app`, so they run one
configuration (a test compares what ``clinllm eval`` and ``clinllm extract`` obtain). Nothing is
built at import time.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import stamina.instrumentation

from clinllm.bootstrap.notes import NoteMethods, build_note_intake
from clinllm.bootstrap.observability import configure_observability, process_observability
from clinllm.bootstrap.policies import (
    audit_key,
    build_embedder,
    build_policy_eval_search,
    build_policy_index,
    build_policy_ingestor,
    build_policy_search,
)
from clinllm.bootstrap.specs import AnySpec, output_schemas, rules_by_schema, workflow_specs
from clinllm.bootstrap.storage import build_store
from clinllm.codes.table import CodeTable
from clinllm.domain.calls import CallPolicy
from clinllm.domain.outcome import Outcome
from clinllm.domain.ports import AuditLog, Job, JobQueue, RecordStore, ReviewQueue, RunTracer
from clinllm.domain.records import ExtractionRecord, SourceDocument
from clinllm.domain.review import ReviewItem
from clinllm.errors import ConfigError, NotImplementedWorkflow
from clinllm.gateway import Gateway
from clinllm.gateway.pricing import PriceTable
from clinllm.gateway.providers.rules import RulesProvider
from clinllm.gateway.registry import ProviderRegistry
from clinllm.gateway.shared import ProviderStateStore
from clinllm.observability.logging import configure_logging
from clinllm.phi.guard import PseudonymizingGuard
from clinllm.pipeline.correction import correct_review
from clinllm.pipeline.phi import PhiDataPolicy
from clinllm.pipeline.runner import RunConfig, Runner
from clinllm.settings import Settings, load_settings, parse_chain
from clinllm.store import Store

if TYPE_CHECKING:
    from clinllm.workflows.message_triage import EscalationHook
    from clinllm.workflows.policy_search import PolicySearch

__all__ = [
    "App",
    "audit_key",
    "base_policy",
    "build_app",
    "build_code_table",
    "build_embedder",
    "build_gateway",
    "build_note_intake",
    "build_phi_guard",
    "build_policy_eval_search",
    "build_policy_index",
    "build_policy_ingestor",
    "build_policy_search",
    "build_store",
    "configure_process",
    "correct_review",
    "open_app",
    "output_schemas",
    "workflow_specs",
]


def configure_process(settings: Settings) -> None:
    """Process-wide set-up for entrypoints: allowlisted logs, library hooks that log off, telemetry.

    stamina's default retry hooks log the retried call's arguments, which can hold PHI; they
    are replaced by none (the gateway logs each attempt itself through the allowlist).
    Telemetry (traces from the ``OTEL_*`` variables, the metrics registry) is configured once
    here; :func:`build_app` then traces through it.
    """
    configure_logging(settings.log_level)
    stamina.instrumentation.set_on_retry_hooks([])
    configure_observability()


def build_phi_guard(settings: Settings) -> PseudonymizingGuard:
    """The guard that pseudonymizes PHI for providers without a BAA.

    The salt comes from ``CLINLLM_PSEUDONYM_SALT``; without one a random per-process salt is
    used, so surrogates are consistent within a run and never linkable across tenants or runs.
    """
    from clinllm.phi import default_detector
    from clinllm.phi.pseudonymize import Pseudonymizer

    salt = (
        settings.pseudonym_salt.get_secret_value().encode("utf-8")
        if settings.pseudonym_salt is not None
        else secrets.token_bytes(32)
    )
    if len(salt) < 16:
        raise ConfigError(
            "CLINLLM_PSEUDONYM_SALT must be at least 16 bytes", setting="CLINLLM_PSEUDONYM_SALT"
        )
    return PseudonymizingGuard(Pseudonymizer(default_detector(), salt=salt))


def build_code_table(settings: Settings) -> CodeTable:
    """The user's imported CPT/HCPCS tables in the data dir (CPT is licensed: none shipped)."""
    return CodeTable(settings.data_dir)


def base_policy(settings: Settings) -> CallPolicy:
    """The call policy every workflow starts from (each sets its own token cap and PHI flag)."""
    return CallPolicy(deadline_s=settings.deadline_s, max_attempts=settings.max_attempts)


def build_gateway(
    settings: Settings,
    chain: str | Sequence[str] | None = None,
    *,
    specs: Mapping[str, AnySpec] | None = None,
    tracer: RunTracer | None = None,
) -> Gateway:
    """The gateway for ``settings``, with ``chain`` (or the default chain) checked now.

    Args:
        settings: Read once by the caller.
        chain: The default chain for this gateway: provider strings, or one string as a user
            types it (``--provider "openai:gpt-4o-mini,rules"``). None or empty: the settings'.
        specs: The workflows whose rules the ``rules`` provider answers with; every workflow
            of ``settings`` when None.
        tracer: Traces (and meters) every model call; none when None.

    Raises:
        ConfigError: A provider in the chain is unknown or misconfigured, naming the setting.
    """
    if isinstance(chain, str):
        chain = parse_chain(chain)
    providers = settings.providers
    limits = {
        "openai": providers.openai,
        "azure": providers.azure,
        "anthropic": providers.anthropic,
        **providers.endpoints,
    }
    rules = RulesProvider(rules_by_schema(specs if specs is not None else workflow_specs(settings)))
    gateway = Gateway(
        resolver=ProviderRegistry(providers, rules=rules),
        default_chain=tuple(chain) if chain else settings.default_chain,
        default_policy=base_policy(settings),
        prices=PriceTable.bundled(),
        breaker=providers.breaker,
        limits=limits,
        outbound=PhiDataPolicy(build_phi_guard(settings), scope=settings.tenant),
        tracer=tracer,
        states=_provider_states(settings),
    )
    gateway.check()
    return gateway


def _provider_states(settings: Settings) -> ProviderStateStore | None:
    """Where provider limits and breakers live: Redis when ``CLINLLM_JOBS__REDIS_URL`` is set.

    In Redis they are shared by every worker of the account; without it each process keeps
    its own (the embedded default).
    """
    url = settings.jobs.redis_url
    if not url:
        return None
    from clinllm.gateway.shared import RedisProviderState

    return RedisProviderState(url, namespace=settings.tenant)


class App(NoteMethods):
    """Everything an entrypoint needs, built once by :func:`build_app`.

    Attributes:
        settings: The settings it was built from.
        gateway: The model gateway (the ``StructuredModel`` adapter).
        specs: Every workflow, by name.
        runner: Runs a spec through the pipeline's stages with this app's ports.
        store: The SQL store, when results are persisted (None for ``persist=False``).
        records: Where documents and results go (SQL, or in memory for ``persist=False``).
        reviews: The review queue.
        audit: The audit log.
    """

    def __init__(
        self,
        *,
        settings: Settings,
        gateway: Gateway,
        specs: Mapping[str, AnySpec],
        runner: Runner,
        store: Store | None,
        records: RecordStore,
        reviews: ReviewQueue,
        audit: AuditLog,
    ) -> None:
        self.settings = settings
        self.gateway = gateway
        self.specs: Mapping[str, AnySpec] = MappingProxyType(dict(specs))
        self.runner = runner
        self.store = store
        self.records = records
        self.reviews = reviews
        self.audit = audit
        self._jobs: JobQueue | None = None
        self._queues: dict[str, ReviewQueue] = {}

    def __repr__(self) -> str:
        return f"App(workflows={sorted(self.specs)}, persisted={self.store is not None})"

    def spec(self, workflow: str) -> AnySpec:
        """The workflow named ``workflow``.

        Raises:
            NotImplementedWorkflow: No such workflow in this build.
        """
        try:
            return self.specs[workflow]
        except KeyError:
            raise NotImplementedWorkflow(workflow) from None

    def config(self, workflow: str) -> RunConfig:
        """What a run of ``workflow`` uses: spec, call policy, chain, code table, screen."""
        return self.runner.config(self.spec(workflow))

    async def run(
        self,
        workflow: str,
        source: str | Path | bytes | SourceDocument,
        *,
        source_name: str | None = None,
        actor: str | None = None,
    ) -> Outcome[Any]:
        """Run ``workflow`` over one input.

        A ``str`` is the text itself (a message, a document's text); a ``Path`` or ``bytes`` is
        a file to ingest (text, PDF, scanned PDF, image).

        Raises:
            NotImplementedWorkflow: No such workflow.
            IngestError: The file cannot be read (recorded as a failed document first).
            ConfigError: Misconfiguration (a provider, a corrupt model file, OCR missing).
        """
        return await self.runner.run(
            self.spec(workflow), source, source_name=source_name, actor=actor
        )

    def review_queue(self, tenant: str) -> ReviewQueue:
        """The review queue of ``tenant`` on this app's database.

        The HTTP service and the review pages serve many tenants from one process: each request
        works the queue of its principal's tenant, never the one in the settings.

        Raises:
            ConfigError: ``persist=False`` and ``tenant`` is not the settings' tenant.
        """
        if tenant == self.settings.tenant:
            return self.reviews
        if self.store is None:
            raise ConfigError("an in-memory app holds one tenant's queue", setting="tenant")
        if tenant not in self._queues:
            self._queues[tenant] = self.store.for_tenant(tenant).reviews
        return self._queues[tenant]

    def correct_review(
        self,
        item_id: int,
        changes: Mapping[str, Any],
        *,
        actor: str,
        tenant: str | None = None,
    ) -> tuple[ReviewItem, ExtractionRecord]:
        """Correct fields of the record a review item is about (validated, then versioned).

        Raises:
            RecordNotFound: No such item in ``tenant``'s queue.
            InvalidTransition: The item cannot be corrected now.
            InvalidCorrection: The correction breaks the workflow's schema; nothing is stored.
        """
        queue = self.review_queue(tenant if tenant is not None else self.settings.tenant)
        schemas = output_schemas(self.specs)
        return correct_review(queue, self.records, schemas, item_id, changes, actor=actor)

    def policy_eval_search(
        self, documents: Sequence[tuple[str, str, str, Sequence[str]]], *, tenant: str
    ) -> PolicySearch:
        """A policy search over a fresh temporary index holding ``documents`` (the eval suite).

        Policy search is not yet a spec on the runner; until it is, the eval harness gets it
        from here, with this app's gateway.
        """
        return build_policy_eval_search(self.gateway, documents, tenant=tenant)

    @property
    def jobs(self) -> JobQueue:
        """This app's tenant's view of the job queue, built on first use (in memory unpersisted)."""
        if self._jobs is None:
            if self.store is None:
                from clinllm.testing.fakes import InMemoryJobQueue

                self._jobs = InMemoryJobQueue(records=self.records, tenant=self.settings.tenant)
            else:
                from clinllm.bootstrap.jobs import service_jobs

                self._jobs = service_jobs(self).for_tenant(self.settings.tenant)
        return self._jobs

    async def submit(
        self,
        workflow: str,
        source: str | Path | bytes,
        *,
        source_name: str | None = None,
        idempotency_key: str | None = None,
        actor: str | None = None,
        options: Mapping[str, str] | None = None,
    ) -> Job:
        """Queue ``workflow`` over one input as a job; a worker runs it (``clinllm worker``).

        The input is read now (so an unreadable file fails here, recorded), then the document
        and its job are stored in one transaction. The same document submitted twice to one
        workflow is one job unless ``idempotency_key`` says otherwise. Every workflow can be
        queued (``options``: identifiers a run needs, e.g. a note's ``patient`` reference).

        Raises:
            NotImplementedWorkflow: No such workflow.
            IngestError: The file cannot be read.
        """
        from clinllm.bootstrap.service import build_service

        return await build_service(self).submit(
            self.jobs,
            self.settings.tenant,
            workflow,
            source,
            source_name=source_name,
            actor=actor or "system",
            idempotency_key=idempotency_key,
            options=options,
        )

    async def warm_up(self) -> None:
        """Load embedded models now, so no input's deadline is spent loading weights."""
        await self.gateway.warm_up()

    async def aclose(self) -> None:
        """Close the providers and the database connections."""
        await self.gateway.aclose()
        if self.store is not None:
            self.store.engine.dispose()

    async def __aenter__(self) -> App:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


def build_app(
    settings: Settings,
    *,
    chain: str | Sequence[str] | None = None,
    persist: bool = True,
    use_model: bool = True,
    escalation_hooks: Sequence[EscalationHook] = (),
    actor: str = "system",
    tracer: RunTracer | None = None,
) -> App:
    """Build everything from ``settings``: the one composition root.

    Args:
        settings: Read once by the caller.
        chain: Provider chain override (``--provider``); the settings' default chain when None.
        persist: Store documents, results, review items and audit events in the configured
            database. False keeps them in memory (``clinllm eval``: measuring never writes to
            the user's database; the stages run exactly the same).
        use_model: False runs the rules alone (no model call at all).
        escalation_hooks: Integrations notified of every triage emergency.
        actor: Who runs workflows by default.
        tracer: Traces runs, stages and model calls; the process's telemetry when None and
            :func:`configure_process` ran, else nothing.

    Raises:
        ConfigError: A provider, a setting or the database URL is wrong, naming the setting.
    """
    from clinllm.screening import default_screen

    if tracer is None and (observability := process_observability()) is not None:
        tracer = observability.telemetry
    specs = workflow_specs(settings, escalation_hooks=escalation_hooks)
    gateway = build_gateway(settings, chain, specs=specs, tracer=tracer)
    store: Store | None = None
    records: RecordStore
    reviews: ReviewQueue
    audit: AuditLog
    if persist:
        store = build_store(settings)
        records, reviews, audit = store.records, store.reviews, store.audit
    else:
        from clinllm.testing.memory import (
            InMemoryAuditLog,
            InMemoryRecordStore,
            InMemoryReviewQueue,
        )

        memory_audit = InMemoryAuditLog()  # an ephemeral key: nothing outlives the run
        memory_records = InMemoryRecordStore(memory_audit)
        records, audit = memory_records, memory_audit
        reviews = InMemoryReviewQueue(memory_records, memory_audit, tenant=settings.tenant)
    runner = Runner(
        model=gateway,
        screen=default_screen(),
        base_policy=base_policy(settings),
        chain=gateway.default_chain,
        codes=build_code_table(settings),
        records=records,
        reviews=reviews,
        audit_log=audit,
        tenant=settings.tenant,
        actor=actor,
        use_model=use_model,
        max_bytes=settings.limits.max_file_bytes,
        max_pages=settings.limits.max_pages,
        max_chars=settings.limits.max_message_chars,
        tracer=tracer,
    )
    return App(
        settings=settings,
        gateway=gateway,
        specs=specs,
        runner=runner,
        store=store,
        records=records,
        reviews=reviews,
        audit=audit,
    )


def open_app(settings: Settings | None = None, **options: Any) -> App:
    """The Python API's way in: ``app = clinllm.open_app()``, then ``await app.run(...)``.

    Args:
        settings: Settings to use; read from the ``CLINLLM_*`` environment when None.
        **options: Passed to :func:`build_app` (``chain``, ``persist``, ``use_model`` ...).
    """
    return build_app(settings if settings is not None else load_settings(), **options)
