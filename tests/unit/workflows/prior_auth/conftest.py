"""Fixtures for the prior-auth workflow tests: the workflow run by rules alone."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable

import pytest

from clinllm.domain.calls import CallPolicy
from clinllm.pipeline.runner import Runner
from clinllm.screening import RuleScreen
from clinllm.testing.fakes import FakeStructuredModel
from clinllm.workflows.prior_auth import PRIOR_AUTH, PriorAuthExtraction

#: The workflow without the model's questions: what the rules alone decide.
RULES_ONLY = dataclasses.replace(PRIOR_AUTH, questions=None)

Extract = Callable[[str], Awaitable[tuple[PriorAuthExtraction, tuple[str, ...]]]]


async def _extract(text: str) -> tuple[PriorAuthExtraction, tuple[str, ...]]:
    runner = Runner(
        model=FakeStructuredModel({}),
        screen=RuleScreen(),
        base_policy=CallPolicy(deadline_s=5),
        use_model=False,
    )
    out = await runner.run(RULES_ONLY, text)
    return out.output, out.route.reasons


@pytest.fixture
def extract() -> Extract:
    """Run the workflow on a text by rules alone: (output, the route's reasons)."""
    return _extract
