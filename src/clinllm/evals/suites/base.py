"""What every suite adapter provides to the runner, and what one case run records."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from pydantic import JsonValue

from clinllm.errors import ClinLLMError, NotImplementedWorkflow

__all__ = [
    "CallInfo",
    "CaseRun",
    "Scored",
    "Suite",
    "SuiteNotImplemented",
    "WorkflowApp",
    "call_info",
    "describe_error",
    "label",
]

CaseT = TypeVar("CaseT")
PredT = TypeVar("PredT")


#: The suite's workflow does not exist in this build (see :mod:`clinllm.errors`).
SuiteNotImplemented = NotImplementedWorkflow


class WorkflowApp(Protocol):
    """The part of the composition root's ``App`` a workflow suite uses."""

    @property
    def specs(self) -> Mapping[str, Any]:
        """The workflows the app runs, by name."""
        ...

    async def run(self, workflow: str, source: str) -> Any:
        """Run ``workflow`` over the text ``source``; return its ``Outcome``."""
        ...


@dataclass(frozen=True, slots=True)
class CallInfo:
    """Bookkeeping of the model call(s) behind one case.

    Attributes:
        input_tokens: Prompt tokens over every attempt.
        output_tokens: Generated tokens over every attempt.
        cost_usd: Cost over every attempt.
        provider: Provider that produced the output, if any.
        errors: Typed failures (class name and content-free message).
    """

    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    provider: str | None = None
    errors: tuple[str, ...] = ()


def describe_error(exc: BaseException) -> str:
    """Describe an error for the report without risking content.

    clinllm errors carry identifiers only, by contract, so their message is kept; any other
    exception may quote its input, so only its class name is.
    """
    if isinstance(exc, ClinLLMError):
        return f"{type(exc).__name__}: {exc}"
    return type(exc).__name__


def call_info(call: Any) -> CallInfo:
    """Read usage, cost, provider and failure from an outcome's call (or None)."""
    if call is None:
        return CallInfo()
    usage = getattr(call, "usage", None)
    error = getattr(call, "error", None)
    return CallInfo(
        input_tokens=int(getattr(usage, "input_tokens", 0) or 0),
        output_tokens=int(getattr(usage, "output_tokens", 0) or 0),
        cost_usd=float(getattr(call, "cost_usd", 0.0) or 0.0),
        provider=getattr(call, "provider", None),
        errors=(describe_error(error),) if isinstance(error, BaseException) else (),
    )


def label(value: Any) -> str | None:
    """A label as a plain string: enum members give their value, None stays None."""
    if value is None:
        return None
    return str(getattr(value, "value", value))


@dataclass(frozen=True, slots=True)
class CaseRun(Generic[CaseT, PredT]):
    """One case after the workflow ran.

    Attributes:
        case: The dataset line.
        prediction: What the workflow produced, or None when it raised.
        latency_s: Wall time of the workflow call.
        info: Usage, cost and provider of its model calls.
        errors: Typed errors of the case (workflow exception or failed call).
    """

    case: CaseT
    prediction: PredT | None
    latency_s: float
    info: CallInfo = field(default_factory=CallInfo)
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Scored:
    """The per-case part of the report: field pass/fail and expected vs produced."""

    fields: dict[str, bool]
    expected: JsonValue
    produced: JsonValue


class Suite(Protocol[CaseT, PredT]):
    """A suite adapter: how to run a workflow on one case and how to score the results."""

    #: Suite name as given to ``--suite``.
    name: str
    #: Whether the suite calls a model (so tokens and cost are reported).
    uses_model: bool

    async def predict(self, case: CaseT) -> tuple[PredT, CallInfo]:
        """Run the workflow on one case. May raise; the runner records the error."""
        ...

    def score_case(self, run: CaseRun[CaseT, PredT]) -> Scored:
        """Per-case pass/fail and the values shown in the report."""
        ...

    def metrics(self, runs: Sequence[CaseRun[CaseT, PredT]]) -> dict[str, JsonValue]:
        """The suite's quality metrics over all cases."""
        ...
