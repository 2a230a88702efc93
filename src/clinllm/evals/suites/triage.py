"""Triage suite: runs the message-triage workflow on ``triage.jsonl``."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import JsonValue

from clinllm.evals.advice import contains_medical_advice
from clinllm.evals.datasets import TriageCase
from clinllm.evals.scorers import triage as scoring
from clinllm.evals.suites.base import CallInfo, CaseRun, Scored, WorkflowApp, call_info, label

__all__ = ["TriageSuite"]

#: The workflow this suite measures.
WORKFLOW = "triage"


class TriageSuite:
    """Scores category, urgency, emergency handling and draft safety.

    Args:
        app: The app whose ``triage`` workflow is measured (real or fake).
    """

    name = "triage"
    uses_model = True

    def __init__(self, app: WorkflowApp) -> None:
        self._app = app

    async def predict(self, case: TriageCase) -> tuple[scoring.TriagePrediction, CallInfo]:
        """Triage one message."""
        outcome = await self._app.run(WORKFLOW, case.input.message)
        output = getattr(outcome, "output", None)
        draft = (getattr(outcome, "actions", None) or {}).get("draft") or {}
        text = draft.get("text") if isinstance(draft, dict) else None
        prediction = scoring.TriagePrediction(
            category=label(getattr(output, "category", None)),
            urgency=label(getattr(output, "urgency", None)),
            draft=text if isinstance(text, str) else None,
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
