"""OpenAI-compatible providers through the official ``openai`` SDK.

Covers OpenAI (``openai:<model>``), Azure OpenAI (``azure:<deployment>``) and any compatible
server by base URL, such as vLLM, Ollama or llama.cpp server (``<endpoint>:<model>``). SDK
retries are off: the gateway owns the one retry loop. Every SDK exception is translated here
into a :class:`clinllm.errors.ProviderError` that keeps the status code and request id only.
"""

from __future__ import annotations

from typing import Any

import openai

from clinllm.errors import (
    ProviderConnectionError,
    ProviderError,
    ProviderTimeout,
    ProviderUnavailable,
)
from clinllm.gateway.config import StructuredOutputMode
from clinllm.gateway.ports import Capabilities, DataPolicy, ModelRequest, ModelResponse, Usage
from clinllm.gateway.providers.http_errors import status_error

__all__ = ["OpenAICompatProvider", "translate_openai_error"]


def translate_openai_error(provider: str, exc: Exception) -> ProviderError:
    """Map an ``openai`` exception to the clinllm tree, keeping status and request id only."""
    if isinstance(exc, openai.APITimeoutError):
        return ProviderTimeout(provider)
    if isinstance(exc, openai.APIConnectionError):
        return ProviderConnectionError(provider, detail="connection failed")
    if isinstance(exc, openai.APIStatusError):
        headers = dict(exc.response.headers) if exc.response is not None else None
        return status_error(provider, exc.status_code, request_id=exc.request_id, headers=headers)
    if isinstance(exc, openai.APIResponseValidationError):
        return ProviderUnavailable(provider, detail="malformed response envelope")
    return ProviderUnavailable(provider, detail=type(exc).__name__)


class OpenAICompatProvider:
    """One model behind an OpenAI-compatible chat completions API.

    Args:
        name: The provider string, e.g. ``openai:gpt-4o-mini``.
        model: Model (or Azure deployment) name sent in the request.
        client: An ``openai.AsyncOpenAI`` or ``AsyncAzureOpenAI`` built with ``max_retries=0``.
        structured_output: How the schema is passed to this server.
        phi_allowed: Whether a BAA covers this endpoint.
    """

    def __init__(
        self,
        *,
        name: str,
        model: str,
        client: openai.AsyncOpenAI,
        structured_output: StructuredOutputMode = "json_schema",
        phi_allowed: bool = False,
    ) -> None:
        self._name = name
        self._model = model
        self._client = client
        self._mode = structured_output
        self._policy = DataPolicy(phi_allowed=phi_allowed, local=False)

    @property
    def name(self) -> str:
        """Provider string."""
        return self._name

    @property
    def capabilities(self) -> Capabilities:
        """Native JSON schema unless the server was configured as ``prompted``."""
        return Capabilities(
            json_schema=self._mode == "json_schema",
            grammar=self._mode == "json_object_schema",
            tool_calling=True,
        )

    @property
    def data_policy(self) -> DataPolicy:
        """Remote: PHI only with a BAA."""
        return self._policy

    def load(self) -> object:
        """Resolve the SDK's chat resources now (:class:`~clinllm.gateway.gateway.Loadable`).

        The ``openai`` client imports its chat module and builds its response models on the
        first ``client.chat`` access, about 0.3 s of CPU; a worker's warm-up pays it here
        rather than its first job. No request is sent.
        """
        return self._client.chat.completions

    def _response_format(self, request: ModelRequest) -> dict[str, Any] | None:
        if request.output_mode != "native" or self._mode == "prompted":
            return None
        if self._mode == "json_schema":
            return {
                "type": "json_schema",
                "json_schema": {
                    "name": request.schema_name[:64],
                    "schema": request.json_schema,
                    "strict": True,
                },
            }
        return {"type": "json_object", "schema": request.json_schema}

    async def generate(self, request: ModelRequest) -> ModelResponse:
        """One chat completion with the schema enforced as configured."""
        kwargs: dict[str, Any] = {
            "model": self._model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.max_output_tokens,
            "temperature": request.temperature,
            "timeout": max(request.timeout_s, 0.001),
        }
        response_format = self._response_format(request)
        if response_format is not None:
            kwargs["response_format"] = response_format
        try:
            completion = await self._client.chat.completions.create(**kwargs)
        except openai.OpenAIError as exc:
            raise translate_openai_error(self._name, exc) from exc
        except ValueError as exc:  # the SDK lets a non-JSON response body through as-is
            raise ProviderUnavailable(self._name, detail="malformed response body") from exc
        request_id = getattr(completion, "_request_id", None)
        if not completion.choices:
            raise ProviderUnavailable(self._name, request_id=request_id, detail="no choices")
        choice = completion.choices[0]
        text = choice.message.content or ""
        usage = completion.usage
        return ModelResponse(
            text=text,
            usage=Usage(usage.prompt_tokens, usage.completion_tokens) if usage else Usage(),
            model=completion.model or self._model,
            finish_reason="length" if choice.finish_reason == "length" else "stop",
            request_id=request_id,
        )

    async def aclose(self) -> None:
        """Close the HTTP connection pool."""
        await self._client.close()
