from __future__ import annotations

import pytest

from clinllm.domain.calls import CallPolicy
from clinllm.pipeline.extract import ask_model, call_policy
from clinllm.pipeline.spec import Prompt
from clinllm.testing.fakes import FakeStructuredModel

from .toy import ToyModel

PROMPT = Prompt(instructions="Do it.", version="v1", max_output_tokens=32)


def test_every_workflow_call_carries_phi_and_the_specs_token_cap() -> None:
    base = CallPolicy(deadline_s=9, max_attempts=4, chain=("a", "b"))
    assert call_policy(base, PROMPT) == CallPolicy(
        deadline_s=9, max_attempts=4, chain=("a", "b"), contains_phi=True, max_output_tokens=32
    )


@pytest.mark.anyio
async def test_an_answer_from_the_rules_provider_is_not_taken_as_a_model_answer() -> None:
    rules = FakeStructuredModel({ToyModel: ToyModel(diagnoses=["M54.16"])}, provider="rules")
    answer = await ask_model(
        rules, PROMPT, ToyModel, shown="x", rules_text="x", policy=CallPolicy()
    )
    assert answer.output is None
    assert answer.from_rules
    assert answer.call is not None
    assert answer.call.output is not None
