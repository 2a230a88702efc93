"""Anthropic through the official ``anthropic`` SDK.

The schema is enforced by forcing one tool call whose ``input_schema`` is the output schema.
SDK retries are off; every SDK exception is translated here.
"""

from __future__ import annotations

import json
from typing import Any

import anthropic

from clinllm.errors import (
    ProviderConnectionError,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
)
from clinllm.gateway.ports import Capabilities, DataPolicy, ModelRequest, ModelResponse, Usage
from clinllm.gateway.providers.http_errors import status_error

__all__ = ["AnthropicProvider", "translate_anthropic_error"]


def translate_anthropic_error(provider: str, exc: Exception) -> ProviderError:
    """Map an ``anthropic`` exception to the clinllm tree, keeping status and request id only."""
    if isinstance(exc, anthropic.APITimeoutError):
        return ProviderTimeout(provider)
    if isinstance(exc, anthropic.APIConnectionError):
        return ProviderConnectionError(provider, detail="connection failed")
    if isinstance(exc, anthropic.APIStatusError):
        headers = dict(exc.response.headers) if exc.response is not None else None
        return status_error(provider, exc.status_code, request_id=exc.request_id, headers=headers)
    return ProviderUnavailable(provider, detail=type(exc).__name__)


class AnthropicProvider:
    """One Claude model.

    Args:
        name: Provider string, e.g. ``anthropic:claude-haiku-4-5``.
        model: Model name sent in the request.
        client: An ``anthropic.AsyncAnthropic`` built with ``max_retries=0``.
        phi_allowed: Whether a BAA covers this account.
    """

    def __init__(
        self, *, name: str, model: str, client: anthropic.AsyncAnthropic, phi_allowed: bool = False
    ) -> None:
        self._name = name
        self._model = model
        self._client = client
        self._policy = DataPolicy(phi_allowed=phi_allowed, local=False)

    @property
    def name(self) -> str:
        """Provider string."""
        return self._name

    @property
    def capabilities(self) -> Capabilities:
        """Schema enforced by a forced tool call."""
        return Capabilities(tool_calling=True)

    @property
    def data_policy(self) -> DataPolicy:
        """Remote: PHI only with a BAA."""
        return self._policy

    async def generate(self, request: ModelRequest) -> ModelResponse:
        """One message whose answer is the forced tool call's input."""
        system = "\n\n".join(m.content for m in request.messages if m.role == "system")
        turns = [
            {"role": m.role, "content": m.content} for m in request.messages if m.role != "system"
        ]
        tool_name = "".join(c if c.isalnum() or c in "_-" else "_" for c in request.schema_name)[
            :64
        ]
        kwargs: dict[str, Any] = {
            "model": self._model,
            "max_tokens": request.max_output_tokens,
            "temperature": request.temperature,
            "messages": turns,
            "timeout": max(request.timeout_s, 0.001),
        }
        if system:
            kwargs["system"] = system
        if request.output_mode == "native":
            kwargs["tools"] = [
                {
                    "name": tool_name,
                    "description": f"Record the {request.schema_name} extracted from the input.",
                    "input_schema": request.json_schema,
                }
            ]
            kwargs["tool_choice"] = {"type": "tool", "name": tool_name}
        try:
            message = await self._client.messages.create(**kwargs)
        except anthropic.AnthropicError as exc:
            raise translate_anthropic_error(self._name, exc) from exc
        except ValueError as exc:  # the SDK lets a non-JSON response body through as-is
            raise ProviderUnavailable(self._name, detail="malformed response body") from exc
        text = ""
        for block in message.content:
            if block.type == "tool_use":
                text = json.dumps(block.input)
                break
            if block.type == "text":
                text += block.text
        return ModelResponse(
            text=text,
            usage=Usage(message.usage.input_tokens, message.usage.output_tokens),
            model=message.model,
            finish_reason="length" if message.stop_reason == "max_tokens" else "stop",
            request_id=getattr(message, "_request_id", None),
        )

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.close()
