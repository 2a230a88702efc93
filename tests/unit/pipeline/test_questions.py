"""The questions stage: a spec's unsettled candidates asked in one call, answers to its merge."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

import pytest
from pydantic import ValidationError

from clinllm.domain.calls import CallPolicy
from clinllm.pipeline.questions import (
    Question,
    QuestionSet,
    answer_schema,
    excerpt,
    render,
)
from clinllm.pipeline.runner import Runner
from clinllm.pipeline.spec import Draft, MergeInput
from clinllm.screening import RuleScreen
from clinllm.testing.fakes import FakeStructuredModel

from .toy import TOY, Code, Seen, Toy, ToyModel

pytestmark = pytest.mark.anyio

ANSWERS = answer_schema("ToyAnswers", ("yes", "no"), 4)
NOTE = "Member: A123\nAssessment: lumbar radiculopathy M54.16; mother had E11.9 (diabetes).\n"


def open_codes(text: str, seen: Seen) -> Sequence[Question]:
    """Every ICD-10-CM-looking token is a question: is it this patient's diagnosis?"""
    return [
        Question(
            key=m.group(0),
            ask=f"Is {m.group(0)} this patient's diagnosis?",
            excerpt=excerpt(text, m.start(), m.end()),
            options=("yes", "no"),
        )
        for m in re.finditer(r"\b[A-Z]\d\d\.\d+\b", text)
    ]


def merge_answers(inp: MergeInput[Seen, ToyModel]) -> Draft[Toy]:
    """The toy's merge, plus the codes the model said yes to."""
    draft = TOY.merge(inp)
    codes = [Code(code=k) for k, v in inp.answers.items() if v == "yes"]
    draft.output = draft.output.model_copy(update={"diagnoses": codes})
    for i, c in enumerate(codes):
        start = inp.text.index(c.code)
        draft.put(f"diagnoses[{i}]", inp.ground.span(start, start + len(c.code)), 0.8, "model")
    return draft


QSET = QuestionSet(
    instructions="Answer yes or no for each code.", version="toyq/1", schema=ANSWERS,
    open=open_codes, max_questions=4,
)  # fmt: skip
SPEC = dataclasses.replace(TOY, questions=QSET, merge=merge_answers)


def runner(fake: FakeStructuredModel, *, use_model: bool = True) -> Runner:
    return Runner(
        model=fake, screen=RuleScreen(), base_policy=CallPolicy(deadline_s=5), use_model=use_model
    )


async def test_open_questions_are_asked_in_one_call_and_answers_reach_the_merge() -> None:
    fake = FakeStructuredModel({ANSWERS: ANSWERS(answers=["yes", "no"])})
    out = await runner(fake).run(SPEC, NOTE)
    assert [d.code for d in out.output.diagnoses] == ["M54.16"]
    (call,) = fake.calls  # one call, and no full-schema extraction
    assert call.output is ANSWERS
    assert call.messages[0].content == QSET.instructions  # the fixed prefix, cached
    assert "M54.16" in call.messages[1].content
    assert "E11.9" in call.messages[1].content
    assert call.policy is not None
    assert call.policy.contains_phi
    assert call.policy.max_output_tokens == QSET.max_output_tokens
    assert out.prompt_version.endswith("+toyq/1")
    assert out.call is not None
    assert out.call.provider == "fake"


async def test_no_open_question_no_call() -> None:
    fake = FakeStructuredModel({ANSWERS: ANSWERS(answers=["yes"])})
    out = await runner(fake).run(SPEC, "Member: A123\nNo codes here.\n")
    assert fake.calls == []
    assert out.call is not None  # the rules answered, as when a chain falls back to them
    assert (out.call.provider, out.call.attempts, out.call.usage.total_tokens) == ("rules", 0, 0)


async def test_rules_alone_ask_nothing() -> None:
    fake = FakeStructuredModel({ANSWERS: ANSWERS(answers=["yes", "yes"])})
    out = await runner(fake, use_model=False).run(SPEC, NOTE)
    assert fake.calls == []
    assert out.output.diagnoses == []


async def test_a_failed_call_leaves_the_rules_and_says_so() -> None:
    fake = FakeStructuredModel({ANSWERS: None})
    out = await runner(fake).run(SPEC, NOTE)
    assert out.output.diagnoses == []
    assert "model_unavailable" in {f.code for f in out.findings}


async def test_answers_from_the_rules_provider_count_as_none() -> None:
    fake = FakeStructuredModel({ANSWERS: ANSWERS(answers=["yes", "yes"])}, provider="rules")
    out = await runner(fake).run(SPEC, NOTE)
    assert out.output.diagnoses == []


async def test_keeping_the_extraction_call_makes_both_calls() -> None:
    both = dataclasses.replace(SPEC, questions=dataclasses.replace(QSET, replaces_extraction=False))
    fake = FakeStructuredModel(
        {ANSWERS: ANSWERS(answers=["no", "yes"]), ToyModel: ToyModel(diagnoses=[])}
    )
    out = await runner(fake).run(both, NOTE)
    assert [c.output for c in fake.calls] == [ANSWERS, ToyModel]
    assert [d.code for d in out.output.diagnoses] == ["E11.9"]


def test_the_answer_schema_holds_a_model_to_the_options_and_the_count() -> None:
    assert ANSWERS(answers=["yes", "no"]).answers == ["yes", "no"]
    with pytest.raises(ValidationError):
        ANSWERS(answers=["maybe"])
    with pytest.raises(ValidationError):
        ANSWERS(answers=["yes"] * 5)
    schema = ANSWERS.model_json_schema()
    assert schema["properties"]["answers"]["items"]["enum"] == ["yes", "no"]
    with pytest.raises(ValueError, match="at least one option"):
        answer_schema("Empty", (), 3)


def test_render_numbers_questions_with_their_excerpt_and_options() -> None:
    qs = open_codes(NOTE, Seen(None))
    text = render(qs)
    assert text.startswith('1. Excerpt: "')
    assert "\n2. Excerpt:" in text
    assert text.count("Answer one of: yes, no") == 2
    assert "A123" not in repr(qs[0])  # excerpts (PHI) stay out of reprs


def test_excerpt_is_bounded_and_collapses_whitespace() -> None:
    text = "x" * 500 + " code  M54.16\n\n here " + "y" * 500
    start = text.index("M54.16")
    got = excerpt(text, start, start + 6, width=120)
    assert "M54.16" in got
    assert len(got) <= 130
    assert "  " not in got
