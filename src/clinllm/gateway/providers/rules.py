"""The deterministic provider: no model at all, each workflow's rules on the source text.

It is the last link of every default chain, so a workflow still returns a validated (if less
complete) answer when every model is down, slow or refused. Its output goes through the same
validation as any model's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from pydantic import BaseModel

from clinllm.errors import ProviderRejected
from clinllm.gateway.ports import Capabilities, DataPolicy, ModelRequest, ModelResponse, Usage

__all__ = ["RuleFunction", "RulesProvider"]

#: A workflow's rules: the source text in, an instance of the workflow's output model out.
RuleFunction = Callable[[str], BaseModel]


class RulesProvider:
    """Dispatches on the requested output model to the rules a workflow registered for it.

    Args:
        rules: Output model to the function producing it from the source text.
        name: Provider string (``rules``).
    """

    def __init__(
        self, rules: Mapping[type[BaseModel], RuleFunction], *, name: str = "rules"
    ) -> None:
        self._rules = dict(rules)
        self._name = name

    @property
    def name(self) -> str:
        """Provider string."""
        return self._name

    @property
    def capabilities(self) -> Capabilities:
        """Deterministic: always produces its own schema."""
        return Capabilities(deterministic=True)

    @property
    def data_policy(self) -> DataPolicy:
        """Runs in this process: PHI never leaves it."""
        return DataPolicy(phi_allowed=True, local=True)

    def register(self, output: type[BaseModel], rule: RuleFunction) -> None:
        """Add (or replace) the rules for ``output``."""
        self._rules[output] = rule

    async def generate(self, request: ModelRequest) -> ModelResponse:
        """Run the rules registered for the requested output model on the source text.

        Raises:
            ProviderRejected: No rules are registered for that output model.
        """
        rule = self._rules.get(request.output_type) if request.output_type else None
        if rule is None:
            raise ProviderRejected(self._name, detail=f"no rules for {request.schema_name}")
        text = request.source_text
        if text is None:
            text = next((m.content for m in reversed(request.messages) if m.role == "user"), "")
        value = rule(text)
        return ModelResponse(text=value.model_dump_json(), usage=Usage(), model="rules")

    async def aclose(self) -> None:
        """Nothing to release."""
