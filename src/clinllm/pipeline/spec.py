"""A workflow is a specification: what the pipeline's stages need to know, and nothing else.

:class:`WorkflowSpec` holds a workflow's schema, recognizers, prompt and prompt version, how
candidates and the model's grounded answer merge into the output, its validation rules, its
required fields, its review policy, its after-route actions and its FHIR mapping. The runner
(:mod:`clinllm.pipeline.runner`) runs the same stages for every spec, so a stage fixed once is
fixed for every workflow, and adding a workflow means writing a spec and its tests, not a
pipeline. See ``docs/architecture.md`` ("How to add a workflow").
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel

from clinllm.domain.calls import CallPolicy, CallResult, Message
from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.domain.outcome import Outcome, RouteDecision
from clinllm.domain.ports import AuditLog, ReviewQueue, StructuredModel
from clinllm.domain.screening import Channel, ScreenResult
from clinllm.pipeline.ground import CodeSystemName, Grounder
from clinllm.pipeline.questions import Answers, QuestionSet

__all__ = [
    "ActionContext",
    "AfterRoute",
    "CodeRef",
    "Draft",
    "MergeInput",
    "ModelAnswer",
    "Prompt",
    "ReviewPolicy",
    "RuleInput",
    "Validation",
    "WorkflowSpec",
]

OutT = TypeVar("OutT", bound=BaseModel)
ModelT = TypeVar("ModelT", bound=BaseModel)
CandT = TypeVar("CandT")


@dataclass(frozen=True, slots=True)
class Prompt:
    """The instructions for the model, versioned.

    Attributes:
        instructions: Fixed text, placed first so providers can reuse the prompt cache.
        version: Stored with every result, so a change is visible in records and evals.
        max_output_tokens: Generation cap for the workflow's model-facing schema.
    """

    instructions: str
    version: str
    max_output_tokens: int

    def messages(self, text: str) -> list[Message]:
        """Instructions first, the (screened) input last."""
        return [
            Message(role="system", content=self.instructions),
            Message(role="user", content=text),
        ]


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    """When a result goes to a person instead of being accepted.

    Attributes:
        threshold: A field below this confidence sends the case to review.
        required_fields: Fields that must be present (their absence is a ``missing:`` reason);
            presence is decided by the spec's ``required`` function.
        confidence_exempt: Field-path prefixes whose low confidence never sends to review (a
            payer requirement is a hint for the reviewer, not a value a claim depends on).
        item_level: Whether list items (``procedures[0]``) count on their own, or only through
            their list's confidence (the weakest item).
        review_on_error: An error-level finding sends the case to review.
        kind: The review item kind to open (``prior_auth.extraction``); None: the workflow opens
            none for a ``review`` route (it has its own after-route actions).
    """

    threshold: float = 0.7
    required_fields: tuple[str, ...] = ()
    confidence_exempt: tuple[str, ...] = ()
    item_level: bool = False
    review_on_error: bool = True
    kind: str | None = None


@dataclass(slots=True, repr=False)
class Draft(Generic[OutT]):
    """The result while the stages work on it: the output, evidence, confidence, findings.

    Keys of ``evidence`` and ``confidence`` are field paths (``payer``, ``procedures[0]``).
    """

    output: OutT
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    confidence: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"Draft(fields={len(self.confidence)}, findings={len(self.findings)})"

    def put(
        self, key: str, evidence: Evidence, confidence: float, source: str | None = None
    ) -> None:
        """Record a value's evidence (tagged with its field path) and its confidence."""
        tagged = evidence.tagged(field=key, source=source)
        self.evidence[key] = (*self.evidence.get(key, ()), tagged)
        self.confidence[key] = round(confidence, 3)

    def find(
        self,
        code: str,
        severity: Literal["info", "warning", "error"],
        message: str,
        field_: str | None = None,
        evidence: tuple[Evidence, ...] = (),
    ) -> None:
        """Record a finding (fixed text written by the rule, never document text)."""
        self.findings.append(
            Finding(code=code, severity=severity, message=message, field=field_, evidence=evidence)
        )


@dataclass(frozen=True, slots=True)
class ModelAnswer(Generic[ModelT]):
    """What the extract stage got from the model.

    Attributes:
        output: The model's validated answer, when a *model* gave it (None when no call was
            made, every provider failed, or the deterministic ``rules`` provider answered,
            since the rules are already the candidates).
        call: The gateway call, when one was made.
    """

    output: ModelT | None = None
    call: CallResult[ModelT] | None = None

    @property
    def provider(self) -> str | None:
        """The provider that answered, if any did."""
        return self.call.provider if self.call is not None else None

    @property
    def from_rules(self) -> bool:
        """Whether the deterministic ``rules`` provider answered (every model failed)."""
        return (self.provider or "").startswith("rules")

    @property
    def failed(self) -> bool:
        """Whether a call was made and no provider answered."""
        return self.call is not None and self.call.output is None


@dataclass(frozen=True, slots=True)
class MergeInput(Generic[CandT, ModelT]):
    """What a spec's ``merge`` gets: the source, the candidates, the model's answer, a grounder.

    Attributes:
        text: The original source text (every evidence span points into it).
        candidates: What the spec's recognizers found.
        answer: The model's answer (grounding is the merge's job: ask ``ground``).
        ground: A grounder over ``text`` that avoids the flagged spans and counts drops.
        screened: The injection screen's result.
        answers: The model's answers to the spec's open questions, by question key (empty
            when the spec asks none, no model is used, or no provider answered).
    """

    text: str
    candidates: CandT
    answer: ModelAnswer[ModelT]
    ground: Grounder
    screened: ScreenResult
    answers: Answers = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CodeRef:
    """A code in the output, for the code-set check of the validate stage.

    Attributes:
        path: Field path of the item that holds it (``diagnoses[0]``); a rejected code's item
            is removed from its list and the later items move up.
        system: The code system.
        code: The normalized code.
    """

    path: str
    system: CodeSystemName
    code: str


@dataclass(frozen=True, slots=True)
class RuleInput(Generic[OutT, CandT]):
    """What a spec's domain rules get: the draft so far, the candidates, the source text."""

    draft: Draft[OutT]
    candidates: CandT
    text: str


@dataclass(slots=True)
class Validation:
    """What a spec's domain rules say.

    Attributes:
        findings: Rules that fired.
        caps: Field path -> the highest confidence the field may keep (a failed NPI check
            digit caps ``requesting_provider.npi`` at 0.3).
    """

    findings: list[Finding] = field(default_factory=list)
    caps: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ActionContext:
    """What an after-route action may use: the model, the queue, the audit log, the input.

    Attributes:
        model: The structured model (e.g. for a reply draft).
        policy: The call policy of this workflow.
        reviews: The review queue, when results are persisted.
        audit: The audit log, when results are persisted.
        actor: Who runs the workflow.
        text: The original input text (PHI).
        shown: The text the model may see (flagged spans masked).
        clock: Aware UTC clock.
    """

    model: StructuredModel
    policy: CallPolicy
    reviews: ReviewQueue | None
    audit: AuditLog | None
    actor: str
    text: str
    shown: str
    clock: Callable[[], datetime]


class AfterRoute(Protocol[OutT]):
    """A workflow action that runs once the route is decided (triage: escalate, draft)."""

    @property
    def name(self) -> str:
        """The key of its result in :attr:`Outcome.actions`."""
        ...

    def __call__(
        self, outcome: Outcome[OutT], context: ActionContext
    ) -> Awaitable[Mapping[str, Any] | None]:
        """Act on ``outcome``; return identifiers (and staff-owned text) for the caller."""
        ...


def _never(candidates: object) -> bool:
    return False


@dataclass(frozen=True, slots=True, kw_only=True)
class WorkflowSpec(Generic[OutT, ModelT, CandT]):
    """Everything workflow-specific; the runner does the rest.

    Attributes:
        name: Workflow name (``prior_auth``): the stored ``workflow``, the audit action prefix.
        version: Workflow version, part of the idempotency key: bump it when the spec's
            behaviour changes, so a re-run is not mistaken for the same job.
        output_schema: The validated output handed to callers and stored.
        model_schema: The small, capped schema the model fills in.
        prompt: Instructions, prompt version and output-token cap.
        recognize: Deterministic recognizers: the text the recognizers may see -> candidates.
        merge: Candidates + the model's answer (grounded through ``MergeInput.ground``) ->
            output, evidence and confidence.
        channel: Where the input comes from, for the injection screen (``document``/``user``).
        recognize_unmasked: Let the recognizers (and the ``rules`` provider) read the text with
            flagged spans in place. Only for rules that can raise but never lower what is at
            stake (triage's red flags: an injected "chest pain" can only over-escalate, while
            masking could hide a real emergency). The model always sees the masked text.
        short_circuit: Decide without a model call (triage: a red-flag emergency).
        codes: The output's codes, for the code-set check.
        rules: Domain rules -> findings and confidence caps.
        required: Output + candidates -> whether each required field is present.
        record_missing: Write the missing required fields into the output (when its schema
            reports them, like prior auth's ``missing_fields``).
        review: The review policy.
        route: A workflow-specific route decided before the review policy (triage escalates
            an emergency); None falls through to the policy.
        after_route: Actions to run once the route is decided.
        to_fhir: Map an outcome to a FHIR Bundle (the FHIR adapter implements the mapping).
        rules_provider: The deterministic answer in the model schema, registered with the
            gateway's ``rules`` provider (the last fallback of every chain).
        audit_action: The verb of the run's audit event (``<name>.<audit_action>``).
        questions: Candidates the rules could not settle, asked of the model one short enum
            answer each (:mod:`clinllm.pipeline.questions`); the answers reach ``merge``.
    """

    name: str
    version: str
    output_schema: type[OutT]
    model_schema: type[ModelT]
    prompt: Prompt
    recognize: Callable[[str], CandT]
    merge: Callable[[MergeInput[CandT, ModelT]], Draft[OutT]]
    channel: Channel = "document"
    recognize_unmasked: bool = False
    short_circuit: Callable[[CandT], bool] = _never
    codes: Callable[[OutT], Iterable[CodeRef]] | None = None
    rules: Callable[[RuleInput[OutT, CandT]], Validation] | None = None
    required: Callable[[OutT, CandT], Mapping[str, bool]] | None = None
    record_missing: Callable[[OutT, tuple[str, ...]], OutT] | None = None
    review: ReviewPolicy = field(default_factory=ReviewPolicy)
    route: Callable[[Draft[OutT]], RouteDecision | None] | None = None
    after_route: tuple[AfterRoute[OutT], ...] = ()
    to_fhir: Callable[[Outcome[OutT], Mapping[str, Any]], Mapping[str, Any] | None] | None = None
    rules_provider: Callable[[str], ModelT] | None = None
    audit_action: str = "extracted"
    questions: QuestionSet[CandT] | None = None

    def __repr__(self) -> str:
        return f"WorkflowSpec(name={self.name!r}, version={self.version!r})"
