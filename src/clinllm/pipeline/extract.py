"""Extract: deterministic recognizers, then the model through the gateway.

The recognizers of the spec read the screened text (flagged spans blanked). The model gets
the spec's instructions and the same screened text, through the
:class:`~clinllm.domain.ports.StructuredModel` port: schema enforced, marked as carrying PHI
(so the PHI stage applies each provider's data policy), and with the text the recognizers saw
as ``source_text`` so that the ``rules`` provider, the last fallback of every chain, answers
from the same rules. No value is accepted here: grounding and merging are the next stage's job.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from pydantic import BaseModel

from clinllm.domain.calls import CallPolicy, CallResult
from clinllm.domain.outcome import CallInfo
from clinllm.domain.ports import StructuredModel
from clinllm.pipeline.spec import ModelAnswer, Prompt

__all__ = ["ask_model", "call_info", "call_policy"]

ModelT = TypeVar("ModelT", bound=BaseModel)


def call_policy(base: CallPolicy, prompt: Prompt) -> CallPolicy:
    """The policy of one workflow's model call: the base policy, PHI on, the spec's token cap.

    Why one function: the CLI, the eval harness and the service must send the same call for
    the same workflow; every runner derives it here from the settings' base policy.
    """
    return dataclasses.replace(base, contains_phi=True, max_output_tokens=prompt.max_output_tokens)


async def ask_model(
    model: StructuredModel,
    prompt: Prompt,
    schema: type[ModelT],
    *,
    shown: str,
    rules_text: str,
    policy: CallPolicy,
) -> ModelAnswer[ModelT]:
    """Ask the model for candidates in ``schema``.

    Args:
        model: The structured model (the gateway).
        prompt: The spec's prompt.
        schema: The model-facing output schema.
        shown: What the model may read (the screened text).
        rules_text: What the ``rules`` provider reads (the text the recognizers saw).
        policy: The workflow's call policy (see :func:`call_policy`).

    Returns:
        The answer; ``output`` is None when every provider failed or when the ``rules``
        provider answered (its candidates are the recognizers' own).
    """
    call = await model.complete(
        prompt.messages(shown), output=schema, policy=policy, source_text=rules_text
    )
    answer = ModelAnswer(output=call.output, call=call)
    if answer.from_rules:
        return ModelAnswer(output=None, call=call)
    return answer


def call_info(
    extraction: CallResult[Any] | None,
    questions: CallResult[Any] | None,
    *,
    rules_settled: bool = False,
) -> CallInfo | None:
    """The outcome's call: the extraction call, or the questions' call when only it was made.

    When the spec's questions replace the extraction and the rules left none open, no call is
    made and the rules answered: reported as the ``rules`` provider (the last link of every
    chain), as when the gateway falls back to it, with no usage.
    """
    if extraction is not None:
        return CallInfo.of(extraction)
    if questions is not None:
        return CallInfo.of(questions)
    return CallInfo(provider="rules", model="rules") if rules_settled else None
