"""The composition root: settings in, adapters and services out.

This is the only place that knows which concrete adapter serves which port. Entrypoints
(CLI, HTTP, evals) call these factories; nothing is built at import time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import stamina.instrumentation
from pydantic import BaseModel

from clinllm.gateway import CallPolicy, Gateway
from clinllm.gateway.pricing import PriceTable
from clinllm.gateway.providers.rules import RuleFunction, RulesProvider
from clinllm.gateway.registry import ProviderRegistry
from clinllm.observability.logging import configure_logging
from clinllm.settings import Settings

__all__ = ["build_gateway", "build_rules_provider", "configure_process", "workflow_rules"]


def configure_process(settings: Settings) -> None:
    """Process-wide set-up for entrypoints: allowlisted logs, library hooks that log off.

    stamina's default retry hooks log the retried call's arguments, which can hold PHI; they
    are replaced by none (the gateway logs each attempt itself through the allowlist).
    """
    configure_logging(settings.log_level)
    stamina.instrumentation.set_on_retry_hooks([])


def workflow_rules() -> Mapping[type[BaseModel], RuleFunction]:
    """Every workflow's deterministic rules, keyed by the output model they produce."""
    rules: dict[type[BaseModel], RuleFunction] = {}
    return rules


def build_rules_provider(
    extra: Mapping[type[BaseModel], RuleFunction] | None = None,
) -> RulesProvider:
    """The ``rules`` provider with every workflow's rules (plus ``extra``)."""
    return RulesProvider({**workflow_rules(), **(extra or {})})


def build_gateway(
    settings: Settings,
    chain: Sequence[str] | None = None,
    *,
    rules: RulesProvider | None = None,
) -> Gateway:
    """The gateway for ``settings``, with ``chain`` (or the default chain) checked now.

    Args:
        settings: Read once by the caller.
        chain: Provider strings to use as the default chain (e.g. from ``--provider``).
        rules: The rules provider; built from every workflow's rules when None.

    Raises:
        ConfigError: A provider in the chain is unknown or misconfigured, naming the setting.
    """
    rules_provider = rules or build_rules_provider()
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
        scope=settings.tenant,
    )
    gateway.check()
    return gateway
