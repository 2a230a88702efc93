"""Questions: the model labels the candidates the rules could not settle, one word each.

A small model on a shared CPU is slow at writing a whole record and no better than the rules
at reading forms (measured on prior auth: the full-schema call added nothing over the rules
and took 40-80 s). What it can add is a judgment in context that a rule cannot make: is this
code requested now or a past procedure, is this NPI the requesting clinician's or the
facility's, is this date the service date or the letter's. So a spec declares
:class:`QuestionSet`: its rules return the candidates they could not settle as
:class:`Question` objects (an excerpt around the candidate and a short enum of answers), the
runner asks them in one schema-constrained call, and the spec's ``merge`` reads the answers
(:attr:`~clinllm.pipeline.spec.MergeInput.answers`). No open question, no call: a document the
rules read completely costs nothing.

Why one call with a numbered list: the system prompt (the spec's fixed instructions) is the
same for every document, so the provider's KV cache reuses it, and the answer is a few tokens
per question. An answer outside its question's options, or a missing one, is ignored (the
rules' reading stands); the rules keep the last word on everything they can check.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from clinllm.domain.calls import CallPolicy, CallResult, Message
from clinllm.domain.ports import StructuredModel

__all__ = [
    "AnswerList",
    "Answers",
    "Question",
    "QuestionSet",
    "answer_schema",
    "ask_questions",
    "excerpt",
    "render",
]

CandT = TypeVar("CandT")

#: Question key -> the answer the model chose (only answers among the question's options).
Answers = Mapping[str, str]


@dataclass(frozen=True, slots=True)
class Question:
    """One candidate the rules could not settle.

    Attributes:
        key: The spec's identifier for the candidate (its merge looks the answer up by it).
        ask: The question, short ("Is code 72148 requested in this request?").
        excerpt: The document's words around the candidate (what the model reads).
        options: The answers this question accepts.
    """

    key: str
    ask: str
    excerpt: str
    options: tuple[str, ...]

    def __repr__(self) -> str:
        # The excerpt is document text (PHI): keep it out of reprs and logs.
        return f"Question(key={self.key!r}, options={self.options!r})"


class AnswerList(BaseModel):
    """The model's answers, one per question, in order (a spec narrows the item type)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    answers: list[str] = Field(default_factory=list)


def answer_schema(name: str, options: Sequence[str], max_questions: int) -> type[AnswerList]:
    """An :class:`AnswerList` whose items are one of ``options``, at most ``max_questions``.

    Built once per spec (at import), so a provider that compiles a grammar per schema compiles
    it once; the enum keeps a small model to one word per question.
    """
    if not options:
        msg = "a question set needs at least one option"
        raise ValueError(msg)
    item: Any = Literal.__getitem__(tuple(dict.fromkeys(options)))
    model: type[AnswerList] = create_model(
        name,
        __base__=AnswerList,
        answers=(list[item], Field(default_factory=list, max_length=max_questions)),
    )
    return model


@dataclass(frozen=True, slots=True, kw_only=True)
class QuestionSet(Generic[CandT]):
    """What a spec declares to have the model label its unsettled candidates.

    Attributes:
        instructions: The fixed system prompt (first, identical for every document: cached).
        version: Version of the instructions; part of the spec's prompt version.
        schema: The answer schema (:func:`answer_schema`).
        open: The rules' text and candidates -> the questions they could not settle.
        max_questions: Most questions asked in one call (later ones are left to the rules).
        max_output_tokens: Generation cap (a few tokens per answer).
        replaces_extraction: The questions are the model's whole job for this spec: the
            full-schema call is not made. False keeps both calls.
    """

    instructions: str
    version: str
    schema: type[AnswerList]
    open: Callable[[str, CandT], Sequence[Question]]
    max_questions: int = 8
    max_output_tokens: int = 96
    replaces_extraction: bool = True


def excerpt(text: str, start: int, end: int, width: int = 240) -> str:
    """The line(s) around ``[start, end)``, whitespace collapsed, at most ``width`` characters.

    Lines rather than sentences: prior-auth forms and tables carry their meaning in the row and
    the label above it, and a sentence boundary inside a table is meaningless.
    """
    left = max(0, start - width // 2)
    right = min(len(text), end + width // 2)
    # Start at a line or sentence boundary when one is close, so the excerpt reads naturally.
    cut = max(text.rfind("\n", left, start - 40), text.rfind(". ", left, start - 40))
    if cut > left:
        left = cut + 1
    stop = [i for i in (text.find("\n", end + 40, right),) if i != -1]
    if stop:
        right = stop[0]
    return re.sub(r"\s+", " ", text[left:right]).strip()


def render(questions: Sequence[Question]) -> str:
    """The user message: numbered questions, each with its excerpt and options."""
    lines = []
    for i, q in enumerate(questions, 1):
        lines.append(
            f'{i}. Excerpt: "{q.excerpt}"\n   {q.ask} Answer one of: {", ".join(q.options)}'
        )
    return "\n".join(lines)


async def ask_questions(
    model: StructuredModel,
    qset: QuestionSet[Any],
    questions: Sequence[Question],
    *,
    policy: CallPolicy,
    source_text: str,
) -> tuple[Answers, CallResult[AnswerList]]:
    """Ask ``questions`` in one call; the answers by question key, and the call.

    An answer from the deterministic ``rules`` provider is none (the rules asked the
    question); an answer outside its question's options, or a missing one, is left out.
    """
    call = await model.complete(
        [
            Message(role="system", content=qset.instructions),
            Message(role="user", content=render(questions)),
        ],
        output=qset.schema,
        policy=policy,
        source_text=source_text,
    )
    if call.output is None or (call.provider or "").startswith("rules"):
        return {}, call
    answers: dict[str, str] = {}
    for q, a in zip(questions, call.output.answers, strict=False):
        if a in q.options:
            answers[q.key] = a
    return answers, call
