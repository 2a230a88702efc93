"""Typed configuration of providers, built by the composition root from settings.

The gateway never reads environment variables itself: ``clinllm.settings`` reads them once and
``clinllm.bootstrap`` hands these objects to :func:`clinllm.gateway.registry.resolve`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr

__all__ = [
    "AnthropicConfig",
    "AzureOpenAIConfig",
    "BreakerConfig",
    "EndpointConfig",
    "LimitsConfig",
    "LocalModelConfig",
    "OpenAIConfig",
    "ProvidersConfig",
    "StructuredOutputMode",
]

#: How an OpenAI-compatible server takes a schema: the standard strict ``json_schema``
#: response format (OpenAI, Azure, vLLM, Ollama), llama.cpp server's ``json_object`` with a
#: ``schema`` key, or none at all (prompted JSON, validated, one repair re-ask).
StructuredOutputMode = Literal["json_schema", "json_object_schema", "prompted"]


class LimitsConfig(BaseModel):
    """Client-side rate limits for one provider, so we slow down before the provider says 429."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    requests_per_minute: int | None = Field(default=None, gt=0)
    """Maximum requests started per minute; None for no limit."""
    tokens_per_minute: int | None = Field(default=None, gt=0)
    """Maximum (estimated prompt + max output) tokens per minute; None for no limit."""


class OpenAIConfig(LimitsConfig):
    """The OpenAI API (``openai:<model>``)."""

    api_key: SecretStr | None = None
    """API key; required to use ``openai:`` providers."""
    base_url: str | None = None
    """Override of the API base URL (e.g. a proxy)."""
    organization: str | None = None
    """OpenAI organization id, when the key belongs to several."""
    phi_allowed: bool = False
    """True only when a BAA with OpenAI covers this account."""
    structured_output: StructuredOutputMode = "json_schema"
    """How the schema is sent; OpenAI supports strict ``json_schema``."""


class AzureOpenAIConfig(LimitsConfig):
    """Azure OpenAI (``azure:<deployment>``)."""

    api_key: SecretStr | None = None
    """API key of the Azure OpenAI resource."""
    endpoint: str | None = None
    """``https://<resource>.openai.azure.com``."""
    api_version: str = "2024-10-21"
    """Azure OpenAI REST API version."""
    phi_allowed: bool = False
    """True only when the Azure BAA covers this resource."""


class EndpointConfig(LimitsConfig):
    """A named OpenAI-compatible server: vLLM, Ollama, llama.cpp server (``<name>:<model>``)."""

    base_url: str
    """Base URL of the server's OpenAI-compatible API, e.g. ``http://127.0.0.1:8000/v1``."""
    api_key: SecretStr | None = None
    """Key, when the server wants one."""
    phi_allowed: bool = False
    """True when the server is covered by a BAA or runs inside your own boundary."""
    structured_output: StructuredOutputMode = "json_schema"
    """How this server takes a schema (llama.cpp server needs ``json_object_schema``)."""


class AnthropicConfig(LimitsConfig):
    """Anthropic (``anthropic:<model>``)."""

    api_key: SecretStr | None = None
    """API key; required to use ``anthropic:`` providers."""
    base_url: str | None = None
    """Override of the API base URL."""
    phi_allowed: bool = False
    """True only when a BAA with Anthropic covers this account."""


class LocalModelConfig(BaseModel):
    """The embedded model run by llama.cpp in a child process (``local:<model>``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    cache_dir: Path = Field(default_factory=lambda: Path.home() / ".cache" / "clinllm" / "models")
    """Where chunked model packages are assembled into one GGUF file, once."""
    n_threads: int = Field(default=2, gt=0)
    """CPU threads for llama.cpp."""
    n_ctx: int = Field(default=8192, gt=0)
    """Context window in tokens."""
    prefix_cache_mb: int = Field(default=256, ge=0)
    """Memory for the KV states of recent prompts, so that workflows alternating in one process
    each keep their shared instructions evaluated (0: reuse only the previous call's prefix)."""
    model_path: Path | None = None
    """A GGUF file of your own for ``local:custom``; needs ``model_sha256``."""
    model_sha256: str | None = None
    """SHA-256 of ``model_path``, checked before the file is loaded."""


class BreakerConfig(BaseModel):
    """When a provider's circuit opens and when it is probed again."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    failure_threshold: int = Field(default=5, gt=0)
    """Consecutive hard failures (5xx, timeouts, connection errors) that open the circuit."""
    reset_timeout_s: float = Field(default=30.0, gt=0)
    """Seconds the circuit stays open before one half-open probe is let through."""


class ProvidersConfig(BaseModel):
    """Everything :func:`clinllm.gateway.registry.resolve` needs to build any provider."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    openai: OpenAIConfig = Field(default_factory=OpenAIConfig)
    azure: AzureOpenAIConfig = Field(default_factory=AzureOpenAIConfig)
    anthropic: AnthropicConfig = Field(default_factory=AnthropicConfig)
    endpoints: dict[str, EndpointConfig] = Field(default_factory=dict)
    local: LocalModelConfig = Field(default_factory=LocalModelConfig)
    breaker: BreakerConfig = Field(default_factory=BreakerConfig)
