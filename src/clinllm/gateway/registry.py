"""Provider strings resolved lazily to adapters.

Strings: ``openai:gpt-4o-mini``, ``azure:<deployment>``, ``anthropic:claude-haiku-4-5``,
``local:qwen2.5-coder-1.5b``, ``<endpoint>:<model>`` (a named OpenAI-compatible server), ``rules``.

Each vendor SDK is imported inside its branch, so a deployment that never names a provider never
imports its SDK. Bad configuration fails here with a :class:`ConfigError` naming the setting.
"""

from __future__ import annotations

from clinllm.errors import ConfigError
from clinllm.gateway.config import ProvidersConfig
from clinllm.gateway.ports import ChatModel

__all__ = ["KNOWN_KINDS", "ProviderRegistry"]

#: Provider kinds built in; named OpenAI-compatible endpoints add their own names.
KNOWN_KINDS = ("openai", "azure", "anthropic", "local", "rules", "fake")

_CHAIN_SETTING = "CLINLLM_DEFAULT_CHAIN"


class ProviderRegistry:
    """Builds providers from their strings using one :class:`ProvidersConfig`.

    Args:
        config: Keys, endpoints, local model settings.
        rules: The ``rules`` provider (built by the composition root with every workflow's
            rules), returned for the string ``rules``.
    """

    def __init__(self, config: ProvidersConfig, *, rules: ChatModel | None = None) -> None:
        self._config = config
        self._rules = rules

    def __call__(self, name: str) -> ChatModel:
        """Build the provider named ``name``.

        Raises:
            ConfigError: Unknown kind, missing model name, missing key or a bad model file.
        """
        kind, _, model = name.partition(":")
        if kind == "rules":
            if self._rules is None:
                raise ConfigError("the rules provider is not configured", setting=_CHAIN_SETTING)
            return self._rules
        if not model:
            raise ConfigError(
                f"provider {name!r} needs a model after the colon, e.g. openai:gpt-4o-mini",
                setting=_CHAIN_SETTING,
            )
        if kind == "openai":
            return self._openai(name, model)
        if kind == "azure":
            return self._azure(name, model)
        if kind == "anthropic":
            return self._anthropic(name, model)
        if kind == "local":
            return self._local(name, model)
        if kind in self._config.endpoints:
            return self._endpoint(name, kind, model)
        known = ", ".join([*KNOWN_KINDS[:5], *sorted(self._config.endpoints)])
        raise ConfigError(
            f"unknown provider kind {kind!r} in {name!r}; known: {known} (add an "
            f"OpenAI-compatible endpoint with CLINLLM_ENDPOINTS__{kind.upper()}__BASE_URL)",
            setting=_CHAIN_SETTING,
        )

    def _openai(self, name: str, model: str) -> ChatModel:
        cfg = self._config.openai
        if cfg.api_key is None:
            raise ConfigError(
                f"provider {name!r} needs an API key: set CLINLLM_OPENAI__API_KEY",
                setting="CLINLLM_OPENAI__API_KEY",
            )
        import openai

        from clinllm.gateway.providers.openai_compat import OpenAICompatProvider

        client = openai.AsyncOpenAI(
            api_key=cfg.api_key.get_secret_value(),
            base_url=cfg.base_url,
            organization=cfg.organization,
            max_retries=0,
        )
        return OpenAICompatProvider(
            name=name,
            model=model,
            client=client,
            structured_output=cfg.structured_output,
            phi_allowed=cfg.phi_allowed,
        )

    def _azure(self, name: str, deployment: str) -> ChatModel:
        cfg = self._config.azure
        if cfg.api_key is None or not cfg.endpoint:
            missing = "CLINLLM_AZURE__API_KEY" if cfg.api_key is None else "CLINLLM_AZURE__ENDPOINT"
            raise ConfigError(f"provider {name!r} needs {missing}", setting=missing)
        import openai

        from clinllm.gateway.providers.openai_compat import OpenAICompatProvider

        client = openai.AsyncAzureOpenAI(
            api_key=cfg.api_key.get_secret_value(),
            azure_endpoint=cfg.endpoint,
            api_version=cfg.api_version,
            max_retries=0,
        )
        return OpenAICompatProvider(
            name=name, model=deployment, client=client, phi_allowed=cfg.phi_allowed
        )

    def _endpoint(self, name: str, endpoint: str, model: str) -> ChatModel:
        cfg = self._config.endpoints[endpoint]
        import openai

        from clinllm.gateway.providers.openai_compat import OpenAICompatProvider

        client = openai.AsyncOpenAI(
            api_key=cfg.api_key.get_secret_value() if cfg.api_key else "not-needed",
            base_url=cfg.base_url,
            max_retries=0,
        )
        return OpenAICompatProvider(
            name=name,
            model=model,
            client=client,
            structured_output=cfg.structured_output,
            phi_allowed=cfg.phi_allowed,
        )

    def _anthropic(self, name: str, model: str) -> ChatModel:
        cfg = self._config.anthropic
        if cfg.api_key is None:
            raise ConfigError(
                f"provider {name!r} needs an API key: set CLINLLM_ANTHROPIC__API_KEY",
                setting="CLINLLM_ANTHROPIC__API_KEY",
            )
        import anthropic

        from clinllm.gateway.providers.anthropic import AnthropicProvider

        client = anthropic.AsyncAnthropic(
            api_key=cfg.api_key.get_secret_value(), base_url=cfg.base_url, max_retries=0
        )
        return AnthropicProvider(name=name, model=model, client=client, phi_allowed=cfg.phi_allowed)

    def _local(self, name: str, key: str) -> ChatModel:
        from clinllm.gateway.providers.local_models import LOCAL_MODELS, locate_model, verify

        cfg = self._config.local
        if key == "custom":
            if cfg.model_path is None or not cfg.model_sha256:
                raise ConfigError(
                    "local:custom needs CLINLLM_LOCAL__MODEL_PATH and CLINLLM_LOCAL__MODEL_SHA256",
                    setting="CLINLLM_LOCAL__MODEL_PATH",
                )
            path = verify(cfg.model_path, cfg.model_sha256, setting="CLINLLM_LOCAL__MODEL_SHA256")
            label = cfg.model_path.name
        else:
            spec = LOCAL_MODELS.get(key)
            if spec is None:
                raise ConfigError(
                    f"unknown embedded model {key!r}; known: {', '.join(sorted(LOCAL_MODELS))}, "
                    "custom",
                    setting=_CHAIN_SETTING,
                )
            path = locate_model(spec, cfg.cache_dir, setting="CLINLLM_LOCAL__CACHE_DIR")
            label = spec.title
        from clinllm.gateway.providers.local_llama import LocalLlamaProvider

        return LocalLlamaProvider(
            name=name,
            model_path=path,
            model_label=label,
            n_ctx=cfg.n_ctx,
            n_threads=cfg.n_threads,
            prefix_cache_mb=cfg.prefix_cache_mb,
        )
