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
from clinllm.pipeline.phi import PhiDataPolicy
from clinllm.settings import Settings, parse_chain

if TYPE_CHECKING:
    from clinllm.intake import PriorAuthIntake
    from clinllm.store import Store

__all__ = [
    "build_gateway",
    "build_phi_guard",
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
    from clinllm.workflows import message_triage, prior_auth

    return {**prior_auth.RULES, **message_triage.RULES}


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
        outbound=PhiDataPolicy(build_phi_guard(settings), scope=settings.tenant),
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
