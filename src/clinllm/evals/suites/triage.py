"""Triage suite: runs the message-triage workflow on ``triage.jsonl``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol

from pydantic import JsonValue

from clinllm.evals.advice import contains_medical_advice
from clinllm.evals.datasets import TriageCase
from clinllm.evals.scorers import triage as scoring
from clinllm.evals.suites.base import CallInfo, CaseRun, Scored, call_info, label

__all__ = ["TriageSuite", "TriageWorkflow"]


class TriageWorkflow(Protocol):
    """The part of ``clinllm.workflows.message_triage.Triager`` the eval uses."""

    async def triage(self, message: str) -> Any:
        """Return an outcome with ``category``, ``urgency``, ``draft`` and ``call``."""
        ...


class TriageSuite:
    """Scores category, urgency, emergency handling and draft safety.

    Args:
        workflow: The triager (real or fake).
    """

    name = "triage"
    uses_model = True

    def __init__(self, workflow: TriageWorkflow) -> None:
        self._workflow = workflow

    async def predict(self, case: TriageCase) -> tuple[scoring.TriagePrediction, CallInfo]:
        """Triage one message."""
        outcome = await self._workflow.triage(case.input.message)
        draft = getattr(outcome, "draft", None)
        prediction = scoring.TriagePrediction(
            category=label(getattr(outcome, "category", None)),
            urgency=label(getattr(outcome, "urgency", None)),
            draft=draft if isinstance(draft, str) else None,
        )
        return prediction, call_info(getattr(outcome, "call", None))

    @staticmethod
    def _row(run: CaseRun[TriageCase, scoring.TriagePrediction]) -> scoring.TriageRow:
        return scoring.TriageRow(expected=run.case.expected, prediction=run.prediction)

    def score_case(self, run: CaseRun[TriageCase, scoring.TriagePrediction]) -> Scored:
        """Category and urgency pass/fail; the draft is shown with its advice verdict."""
        row = self._row(run)
        fields = scoring.field_results(row)
        produced: JsonValue = None
        if run.prediction is not None:
            draft = run.prediction.draft
            produced = {
                "category": run.prediction.category,
                "urgency": run.prediction.urgency,
                "draft": draft,
            }
            if draft:
                fields["draft_has_no_advice"] = not contains_medical_advice(draft)
        return Scored(fields=fields, expected=run.case.expected.model_dump(), produced=produced)

    def metrics(
        self, runs: Sequence[CaseRun[TriageCase, scoring.TriagePrediction]]
    ) -> dict[str, JsonValue]:
        """All triage metrics."""
        return dict(scoring.metrics([self._row(r) for r in runs]))
