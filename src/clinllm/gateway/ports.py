"""The port every model provider implements, and the values that cross it.

The values shared with the pipeline (:class:`Message`, :class:`Usage`, :class:`DataPolicy`) live
in :mod:`clinllm.domain.calls` and are re-exported here for provider adapters. A provider
adapter turns one :class:`ModelRequest` into one :class:`ModelResponse` or raises
a :class:`clinllm.errors.ProviderError`. Retries, deadlines, limits, breakers, fallbacks,
validation and re-asks live in :mod:`clinllm.gateway.gateway`, never in an adapter: one
retry loop for the whole system, and SDK retries are off.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

from pydantic import BaseModel

from clinllm.domain.calls import DataPolicy, Message, Usage

__all__ = [
    "Capabilities",
    "ChatModel",
    "DataPolicy",
    "Message",
    "ModelRequest",
    "ModelResponse",
    "OutputMode",
    "Usage",
]

#: How the output shape is enforced: by the provider (``native``: JSON schema, grammar or a
#: forced tool call) or by instructions in the prompt and validation afterwards (``prompted``).
OutputMode = Literal["native", "prompted"]


@dataclass(frozen=True, slots=True)
class Capabilities:
    """What a provider can do to constrain output.

    Attributes:
        json_schema: Enforces a JSON schema natively (OpenAI ``json_schema`` strict mode).
        grammar: Constrains decoding with a grammar built from the schema (llama.cpp).
        tool_calling: Can be forced to call one tool whose input is the schema (Anthropic).
        deterministic: Produces the same output for the same input without a model (rules).
    """

    json_schema: bool = False
    grammar: bool = False
    tool_calling: bool = False
    deterministic: bool = False

    @property
    def native_structured_output(self) -> bool:
        """Whether the provider itself keeps the output inside the schema."""
        return self.json_schema or self.grammar or self.tool_calling or self.deterministic


@dataclass(frozen=True, slots=True)
class ModelRequest:
    """What the gateway asks of one provider for one attempt.

    Attributes:
        messages: The conversation, instructions first.
        schema_name: Name of the output model (used as the JSON schema / tool name).
        json_schema: The JSON schema the output must satisfy.
        output_mode: ``native`` when the provider enforces the schema, else ``prompted``.
        max_output_tokens: Generation cap; hitting it is a failure, not a result.
        temperature: Sampling temperature; 0 for extraction.
        source_text: The document the call is about. Only the ``rules`` provider reads it
            (it runs deterministic rules on it); model providers see the messages only.
        output_type: The pydantic model of the output, for providers that dispatch on it.
        timeout_s: Time left for this attempt; the adapter must give up by then.
    """

    messages: tuple[Message, ...]
    schema_name: str
    json_schema: dict[str, Any]
    output_mode: OutputMode
    max_output_tokens: int
    temperature: float
    timeout_s: float
    source_text: str | None = None
    output_type: type[BaseModel] | None = field(default=None, compare=False)

    def __repr__(self) -> str:
        return (
            f"ModelRequest(schema_name={self.schema_name!r}, messages={len(self.messages)}, "
            f"output_mode={self.output_mode!r}, timeout_s={self.timeout_s:.3f})"
        )


@dataclass(frozen=True, slots=True)
class ModelResponse:
    """One provider answer: raw JSON text plus bookkeeping.

    ``text`` is raw model output. It never leaves the gateway unvalidated and is never logged.

    Attributes:
        text: The raw output (JSON expected).
        usage: Tokens the provider reported (or counted) for this attempt.
        model: The model that answered, as the provider names it.
        finish_reason: ``stop`` when the output ended by itself, ``length`` when it hit the cap.
        request_id: The provider's request id, when there is one.
    """

    text: str
    usage: Usage
    model: str
    finish_reason: Literal["stop", "length"] = "stop"
    request_id: str | None = None

    def __repr__(self) -> str:
        return (
            f"ModelResponse(model={self.model!r}, text=<{len(self.text)} chars>, "
            f"finish_reason={self.finish_reason!r}, usage={self.usage})"
        )


@runtime_checkable
class ChatModel(Protocol):
    """A model provider: one attempt in, one answer or a typed :class:`ProviderError` out.

    Adapters translate every vendor exception at this boundary and keep only status codes and
    request ids, never response bodies.
    """

    @property
    def name(self) -> str:
        """The provider string this adapter was resolved from, e.g. ``openai:gpt-4o-mini``."""
        ...

    @property
    def capabilities(self) -> Capabilities:
        """How the provider can constrain output."""
        ...

    @property
    def data_policy(self) -> DataPolicy:
        """Whether PHI may be sent to it."""
        ...

    async def generate(self, request: ModelRequest) -> ModelResponse:
        """Run one attempt.

        Raises:
            clinllm.errors.ProviderError: A typed failure; never a vendor exception.
        """
        ...

    async def aclose(self) -> None:
        """Release connections or model memory."""
        ...
