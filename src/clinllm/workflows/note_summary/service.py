"""The note summarizer: a note's text in, a grounded, validated, reviewable summary out.

Stages, in the order the shared pipeline runs them: screen (prompt-injection sentences are
blanked before the model sees the note) → extract (deterministic recognizers) → the model,
through the gateway, schema enforced, marked as PHI, answers only the questions the rules
could not settle (:mod:`.questions`; no question, no call) → ground and validate
(:mod:`.merge`) → confidence and route (:mod:`.review`). Persisting, the FHIR Bundle and the
audit event are the intake's (:mod:`clinllm.summarize`), which owns the store. When every
provider fails the rules alone still produce an outcome, and the failure is on ``outcome.call``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from clinllm.domain.evidence import Evidence
from clinllm.domain.findings import Finding
from clinllm.gateway import CallPolicy, CallResult, Gateway, Message
from clinllm.screening.rules import find_injections, mask
from clinllm.workflows.note_summary.merge import REVIEW_THRESHOLD, merge
from clinllm.workflows.note_summary.prompt import PROMPT_VERSION, QUESTION_INSTRUCTIONS
from clinllm.workflows.note_summary.questions import (
    apply_answers,
    open_questions,
    render_questions,
)
from clinllm.workflows.note_summary.review import review_reasons
from clinllm.workflows.note_summary.rules import recognize
from clinllm.workflows.note_summary.schema import NoteAnswers, NoteSummary

__all__ = ["NoteSummarizer", "NoteSummaryOutcome"]

_DEFAULT_POLICY = CallPolicy(deadline_s=240.0, contains_phi=True, max_output_tokens=80)


@dataclass(frozen=True, slots=True, repr=False)
class NoteSummaryOutcome:
    """The result for one note.

    Attributes:
        summary: The FORMAT.md fields.
        evidence: Spans supporting each item, by path (``problems[0]``).
        findings: Rules that fired (no PHI in their messages).
        confidence: 0..1 per item path.
        needs_review: Whether a human must look (see :mod:`.review`).
        review_reasons: Machine reason codes for the review queue.
        model_fields: Item paths a model contributed to (labelled as AI output in FHIR).
        dropped_ungrounded: Model values dropped because the note does not support them.
        rejected_codes: Model codes dropped (not in the code set or not supported).
        rejected_context: Model values dropped as negated, uncertain or history-only.
        call: The gateway call (None when no model was asked).
        prompt_version: Version of the instructions and schema.
        questions: How many questions the rules left open (asked when a model is used).
        negated_codes: ICD-10-CM code of a ruled-out condition, by path (``negated[2]``).
    """

    summary: NoteSummary
    evidence: dict[str, tuple[Evidence, ...]]
    findings: tuple[Finding, ...]
    confidence: dict[str, float]
    needs_review: bool
    review_reasons: tuple[str, ...]
    model_fields: frozenset[str]
    dropped_ungrounded: int
    rejected_codes: int
    rejected_context: int
    call: CallResult[NoteAnswers] | None
    prompt_version: str
    questions: int = 0
    negated_codes: dict[str, str] = dataclasses.field(default_factory=dict)

    def __repr__(self) -> str:
        return (
            f"NoteSummaryOutcome(provider={self.provider!r}, needs_review={self.needs_review}, "
            f"problems={len(self.summary.problems)}, dropped_ungrounded={self.dropped_ungrounded})"
        )

    @property
    def provider(self) -> str | None:
        """The provider that answered the model call, if one did."""
        return self.call.provider if self.call is not None else None

    @property
    def model(self) -> str | None:
        """The model that answered, if a model (not the rules) did."""
        if self.call is None or (self.call.provider or "").startswith("rules"):
            return None
        return self.call.model

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form: summary, evidence, findings, confidence and bookkeeping."""
        return {
            "summary": self.summary.model_dump(mode="json"),
            "evidence": {
                k: [e.model_dump(mode="json") for e in v] for k, v in self.evidence.items()
            },
            "findings": [f.model_dump(mode="json") for f in self.findings],
            "confidence": dict(self.confidence),
            "needs_review": self.needs_review,
            "review_reasons": list(self.review_reasons),
            "model_fields": sorted(self.model_fields),
            "dropped_ungrounded": self.dropped_ungrounded,
            "rejected_codes": self.rejected_codes,
            "rejected_context": self.rejected_context,
            "provider": self.provider,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "questions": self.questions,
            "negated_codes": dict(self.negated_codes),
        }


class NoteSummarizer:
    """Summarizes clinical notes through the gateway, grounded and validated.

    Args:
        gateway: The model gateway (its chain ends with the ``rules`` provider by default).
        policy: Per-call policy; ``contains_phi`` is always forced on.
        review_threshold: Items below this confidence send the note to review.
        use_model: Ask the gateway at all; False runs the rules alone (no call is made).
        ask_medications: Also ask the model about default medication actions (off: see
            :func:`~clinllm.workflows.note_summary.questions.open_questions`).
    """

    def __init__(
        self,
        gateway: Gateway,
        *,
        policy: CallPolicy | None = None,
        review_threshold: float = REVIEW_THRESHOLD,
        use_model: bool = True,
        ask_medications: bool = False,
    ) -> None:
        self._gateway = gateway
        self._policy = dataclasses.replace(policy or _DEFAULT_POLICY, contains_phi=True)
        self._threshold = review_threshold
        self._use_model = use_model
        self._ask_medications = ask_medications

    async def summarize_text(self, text: str) -> NoteSummaryOutcome:
        """Summarize one note given as normalized text (pages separated by a form feed)."""
        injections = find_injections(text)
        shown = mask(text, injections)
        candidates = recognize(shown)
        questions = open_questions(shown, candidates, medications=self._ask_medications)
        call: CallResult[NoteAnswers] | None = None
        answers: NoteAnswers | None = None
        if self._use_model and questions:
            call = await self._gateway.complete(
                [
                    Message(role="system", content=QUESTION_INSTRUCTIONS),
                    Message(role="user", content=render_questions(questions)),
                ],
                output=NoteAnswers,
                policy=self._policy,
                source_text=shown,
            )
            if call.output is not None and not (call.provider or "").startswith("rules"):
                answers = call.output
        settled_candidates, settled = apply_answers(shown, candidates, questions, answers)
        merged = merge(shown, settled_candidates, None, settled)
        findings = list(merged.findings)
        for _ in injections:
            findings.append(
                Finding(
                    code="prompt_injection",
                    severity="error",
                    message="text addressed to an AI was found and masked",
                )
            )
        if call is not None and call.output is None:
            findings.append(
                Finding(
                    code="model_unavailable",
                    severity="info",
                    message="no provider answered; the deterministic rules alone were used",
                )
            )
        reasons = review_reasons(
            confidence=merged.confidence,
            evidence=merged.evidence,
            findings=findings,
            problem_count=len(merged.summary.problems),
            has_assessment=any(s.kind == "assessment" for s in candidates.sections),
            threshold=self._threshold,
        )
        return NoteSummaryOutcome(
            summary=merged.summary,
            evidence=merged.evidence,
            findings=tuple(findings),
            confidence=merged.confidence,
            needs_review=bool(reasons),
            review_reasons=tuple(reasons),
            model_fields=frozenset(merged.model_fields),
            dropped_ungrounded=merged.dropped_ungrounded,
            rejected_codes=merged.rejected_codes,
            rejected_context=merged.rejected_context,
            call=call,
            prompt_version=PROMPT_VERSION,
            questions=len(questions),
            negated_codes=dict(merged.negated_codes),
        )
