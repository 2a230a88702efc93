"""Our own names for the OpenTelemetry GenAI semantic conventions, and the attribute allowlist.

The ``opentelemetry-semantic-conventions`` package marks its GenAI constants as incubating:
they may be renamed between releases. Dashboards and alerts key on these strings, so they are
pinned here, in one module, and a rename upstream is a deliberate change here rather than a
silent one after a dependency bump. Values follow semantic conventions 1.37 (``gen_ai.*``).

:data:`ALLOWED_ATTRIBUTES` is the only set of span attribute keys that ever leaves the process
(the scrubbing processor in :mod:`clinllm.observability.tracing` drops every other key): ids,
names, numbers and enums; no key that could carry a prompt, a reply, a document or an error
message.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ALLOWED_ATTRIBUTES",
    "ERROR_TYPE",
    "GEN_AI_OPERATION_NAME",
    "GEN_AI_OUTPUT_TYPE",
    "GEN_AI_PROVIDER_NAME",
    "GEN_AI_REQUEST_MAX_TOKENS",
    "GEN_AI_REQUEST_MODEL",
    "GEN_AI_REQUEST_TEMPERATURE",
    "GEN_AI_RESPONSE_ID",
    "GEN_AI_RESPONSE_MODEL",
    "GEN_AI_TOKEN_TYPE",
    "GEN_AI_USAGE_INPUT_TOKENS",
    "GEN_AI_USAGE_OUTPUT_TOKENS",
    "OPERATION_CHAT",
    "OPERATION_DURATION",
    "OPERATION_DURATION_BUCKETS",
    "TOKEN_USAGE",
    "TOKEN_USAGE_BUCKETS",
    "provider_name",
]

# ----------------------------------------------------------------------------- attributes
GEN_AI_OPERATION_NAME: Final = "gen_ai.operation.name"
GEN_AI_PROVIDER_NAME: Final = "gen_ai.provider.name"
GEN_AI_REQUEST_MODEL: Final = "gen_ai.request.model"
GEN_AI_REQUEST_MAX_TOKENS: Final = "gen_ai.request.max_tokens"
GEN_AI_REQUEST_TEMPERATURE: Final = "gen_ai.request.temperature"
GEN_AI_RESPONSE_MODEL: Final = "gen_ai.response.model"
GEN_AI_RESPONSE_ID: Final = "gen_ai.response.id"
GEN_AI_USAGE_INPUT_TOKENS: Final = "gen_ai.usage.input_tokens"
GEN_AI_USAGE_OUTPUT_TOKENS: Final = "gen_ai.usage.output_tokens"
GEN_AI_OUTPUT_TYPE: Final = "gen_ai.output.type"
GEN_AI_TOKEN_TYPE: Final = "gen_ai.token.type"  # noqa: S105 - an attribute name
ERROR_TYPE: Final = "error.type"

#: ``gen_ai.operation.name`` of a chat completion (every call the gateway makes is one).
OPERATION_CHAT: Final = "chat"

# -------------------------------------------------------------------------------- metrics
#: Histogram of tokens per operation, by ``gen_ai.token.type`` (``input`` / ``output``).
TOKEN_USAGE: Final = "gen_ai.client.token.usage"  # noqa: S105 - a metric name
#: Histogram of the client-side duration of one operation, in seconds.
OPERATION_DURATION: Final = "gen_ai.client.operation.duration"

#: Explicit bucket boundaries the conventions give for ``gen_ai.client.token.usage``.
TOKEN_USAGE_BUCKETS: Final[tuple[float, ...]] = (
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864,
)  # fmt: skip
#: Explicit bucket boundaries the conventions give for ``gen_ai.client.operation.duration``.
OPERATION_DURATION_BUCKETS: Final[tuple[float, ...]] = (
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92,
)  # fmt: skip

# ------------------------------------------------------------------------ provider names
#: Our provider kinds (the part of a provider string before ``:``) to the conventions' values.
_PROVIDER_NAMES: Final[dict[str, str]] = {
    "openai": "openai",
    "azure": "azure.ai.openai",
    "anthropic": "anthropic",
    "local": "clinllm.llama_cpp",
    "rules": "clinllm.rules",
    "fake": "clinllm.fake",
}


def provider_name(provider: str) -> str:
    """``gen_ai.provider.name`` for one of our provider strings (``openai:gpt-4o-mini``).

    Well-known providers get the conventions' value; ours (the embedded model, the rules
    engine) and named OpenAI-compatible endpoints get a ``clinllm.`` name, as the conventions
    ask for custom providers.
    """
    kind = provider.split(":", 1)[0]
    return _PROVIDER_NAMES.get(kind, f"clinllm.{kind}")


# -------------------------------------------------------------------------- the allowlist
#: Every span attribute key that may be exported; anything else is dropped before export.
ALLOWED_ATTRIBUTES: Final[frozenset[str]] = frozenset(
    {
        GEN_AI_OPERATION_NAME,
        GEN_AI_PROVIDER_NAME,
        GEN_AI_REQUEST_MODEL,
        GEN_AI_REQUEST_MAX_TOKENS,
        GEN_AI_REQUEST_TEMPERATURE,
        GEN_AI_RESPONSE_MODEL,
        GEN_AI_RESPONSE_ID,
        GEN_AI_USAGE_INPUT_TOKENS,
        GEN_AI_USAGE_OUTPUT_TOKENS,
        GEN_AI_OUTPUT_TYPE,
        ERROR_TYPE,
        # HTTP server spans (the route template, never the raw path or query).
        "http.request.method",
        "http.route",
        "http.response.status_code",
        "url.scheme",
        "network.protocol.version",
        # clinllm's own: identifiers, names, enums and numbers.
        "clinllm.workflow",
        "clinllm.workflow.version",
        "clinllm.prompt.version",
        "clinllm.stage",
        "clinllm.provider",
        "clinllm.chain.length",
        "clinllm.attempt.outcome",
        "clinllm.attempts",
        "clinllm.repair",
        "clinllm.fallback_used",
        "clinllm.cost_usd",
        "clinllm.route",
        "clinllm.document.id",
        "clinllm.extraction.id",
        "clinllm.candidates",
        "clinllm.findings",
        "clinllm.dropped_ungrounded",
        "clinllm.short_circuit",
        "clinllm.questions",
        "clinllm.tenant",
        "gen_ai.evaluation.name",
        "gen_ai.evaluation.score.value",
        "clinllm.eval.suite",
        "clinllm.eval.n",
    }
)
