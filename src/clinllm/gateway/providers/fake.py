"""A scripted provider for tests and ``--dry-run``: replies come from a list, in order.

Shipped in the package (not only in tests) so that users can test their own workflows against
the gateway without a model, the way ``httpx.MockTransport`` lets them test HTTP code.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel

from clinllm.errors import ProviderRejected
from clinllm.gateway.ports import Capabilities, DataPolicy, ModelRequest, ModelResponse, Usage

__all__ = ["FakeChatModel", "FakeReply", "Script"]


@dataclass(frozen=True, slots=True)
class FakeReply:
    """One scripted answer.

    Attributes:
        text: Raw output to return (JSON or deliberately broken text).
        usage: Tokens to report.
        finish_reason: ``length`` to simulate output cut at the token limit.
        delay_s: Sleep before answering (to exercise deadlines).
    """

    text: str
    usage: Usage = field(default_factory=lambda: Usage(10, 10))
    finish_reason: str = "stop"
    delay_s: float = 0.0


#: A script item: a reply, raw text, a model/dict to serialize, an error to raise, or a function
#: of the request returning any of these.
Script = (
    FakeReply
    | str
    | BaseModel
    | dict[str, object]
    | Exception
    | Callable[[ModelRequest], "FakeReply | str | BaseModel | dict[str, object] | Exception"]
)


class FakeChatModel:
    """Returns scripted replies and records every request it received.

    Args:
        script: Replies in order; the last one repeats when ``repeat_last`` is set.
        name: Provider string it answers as.
        capabilities: Capabilities to declare (default: native JSON schema).
        phi_allowed: Its data policy.
        repeat_last: Keep answering with the last item once the script is used up.
    """

    def __init__(
        self,
        script: Iterable[Script],
        *,
        name: str = "fake",
        capabilities: Capabilities | None = None,
        phi_allowed: bool = True,
        repeat_last: bool = False,
    ) -> None:
        self._script = list(script)
        self._name = name
        self._capabilities = capabilities or Capabilities(json_schema=True)
        self._policy = DataPolicy(phi_allowed=phi_allowed, local=True)
        self._repeat_last = repeat_last
        self.requests: list[ModelRequest] = []

    @property
    def name(self) -> str:
        """Provider string."""
        return self._name

    @property
    def capabilities(self) -> Capabilities:
        """Declared capabilities."""
        return self._capabilities

    @property
    def data_policy(self) -> DataPolicy:
        """Declared data policy."""
        return self._policy

    async def generate(self, request: ModelRequest) -> ModelResponse:
        """Answer with the next scripted item."""
        self.requests.append(request)
        if not self._script:
            raise ProviderRejected(self._name, detail="fake script exhausted")
        item = (
            self._script[0]
            if self._repeat_last and len(self._script) == 1
            else (self._script.pop(0))
        )
        if callable(item) and not isinstance(item, BaseModel):
            item = item(request)
        if isinstance(item, Exception):
            raise item
        if isinstance(item, BaseModel):
            item = FakeReply(item.model_dump_json())
        elif isinstance(item, dict):
            item = FakeReply(json.dumps(item))
        elif isinstance(item, str):
            item = FakeReply(item)
        if item.delay_s:
            await asyncio.sleep(item.delay_s)
        return ModelResponse(
            text=item.text,
            usage=item.usage,
            model=f"{self._name}-model",
            finish_reason="length" if item.finish_reason == "length" else "stop",
        )

    async def aclose(self) -> None:
        """Nothing to release."""
