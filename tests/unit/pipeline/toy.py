"""A small workflow spec for the pipeline's tests: what adding a workflow looks like.

Input: a short note. Output: the member id and the ICD-10-CM diagnoses. The recognizer reads
``Member: <id>`` lines; the model proposes diagnosis codes, which must ground in the note.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from clinllm.domain.findings import Finding
from clinllm.pipeline.spec import (
    CodeRef,
    Draft,
    MergeInput,
    Prompt,
    ReviewPolicy,
    RuleInput,
    Validation,
    WorkflowSpec,
)

_FROZEN = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


class Code(BaseModel):
    model_config = _FROZEN
    code: str


class Toy(BaseModel):
    """The output: what callers get and what is stored."""

    model_config = _FROZEN
    member_id: str | None = None
    diagnoses: list[Code] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class ToyModel(BaseModel):
    """What the model fills in: small and capped."""

    model_config = _FROZEN
    diagnoses: list[str] = Field(default_factory=list, max_length=5)


@dataclass(frozen=True)
class Seen:
    """What the recognizer found: the member id and where."""

    member: tuple[str, int, int] | None


def recognize(text: str) -> Seen:
    m = re.search(r"Member: (\w+)", text)
    return Seen((m.group(1), m.start(1), m.end(1)) if m else None)


def merge(inp: MergeInput[Seen, ToyModel]) -> Draft[Toy]:
    draft: Draft[Toy] = Draft(Toy())
    member = None
    if inp.candidates.member is not None:
        member, start, end = inp.candidates.member
        draft.put("member_id", inp.ground.span(start, end), 0.9, "rule:member")
    codes: list[Code] = []
    if inp.answer.output is not None:
        for raw in inp.answer.output.diagnoses:
            ev = inp.ground.code(raw, "ICD-10-CM") or inp.ground.value(raw)
            if ev is None:
                inp.ground.drop()
                continue
            draft.put(f"diagnoses[{len(codes)}]", ev, 0.8, inp.answer.provider)
            codes.append(Code(code=raw))
    draft.output = Toy(member_id=member, diagnoses=codes)
    return draft


def codes(toy: Toy) -> Iterator[CodeRef]:
    for i, d in enumerate(toy.diagnoses):
        yield CodeRef(f"diagnoses[{i}]", "ICD-10-CM", d.code)


def rules(inp: RuleInput[Toy, Seen]) -> Validation:
    out = Validation()
    member = inp.draft.output.member_id
    if member is not None and member.startswith("X"):
        out.caps["member_id"] = 0.2
        out.findings.append(
            Finding(
                code="member_test_id", severity="warning", message="a test id", field="member_id"
            )
        )
    return out


def present(toy: Toy, seen: Seen) -> Mapping[str, bool]:
    return {"member_id": toy.member_id is not None, "diagnosis": bool(toy.diagnoses)}


def record_missing(toy: Toy, missing: tuple[str, ...]) -> Toy:
    return toy.model_copy(update={"missing": list(missing)})


PROMPT = Prompt(instructions="List the diagnosis codes.", version="toy/1", max_output_tokens=64)

TOY: WorkflowSpec[Toy, ToyModel, Seen] = WorkflowSpec(
    name="toy",
    version="1",
    output_schema=Toy,
    model_schema=ToyModel,
    prompt=PROMPT,
    recognize=recognize,
    merge=merge,
    codes=codes,
    rules=rules,
    required=present,
    record_missing=record_missing,
    review=ReviewPolicy(required_fields=("member_id", "diagnosis"), kind="toy.extraction"),
)
