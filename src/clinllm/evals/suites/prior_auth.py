"""Prior-auth suite: runs the extraction workflow on ``prior_auth.jsonl``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, JsonValue

from clinllm.evals.datasets import PriorAuthCase
from clinllm.evals.scorers import prior_auth as scoring
from clinllm.evals.scorers import prior_auth_breakdown
from clinllm.evals.suites.base import CallInfo, CaseRun, Scored, WorkflowApp, call_info

__all__ = ["PriorAuthSuite", "emitted_codes"]

#: The workflow this suite measures.
WORKFLOW = "prior_auth"


def _as_data(extraction: Any) -> Mapping[str, Any] | None:
    if isinstance(extraction, BaseModel):
        data = extraction.model_dump(mode="json")
        return data if isinstance(data, dict) else None
    return extraction if isinstance(extraction, Mapping) else None


def emitted_codes(data: Mapping[str, Any]) -> tuple[scoring.EmittedCode, ...]:
    """Every procedure and diagnosis code in a raw extraction, with its claimed system."""
    codes: list[scoring.EmittedCode] = []
    for item in data.get("procedures") or ():
        if isinstance(item, Mapping) and isinstance(item.get("code"), str):
            codes.append(scoring.EmittedCode(item["code"], str(item.get("system") or "")))
    for item in data.get("diagnoses") or ():
        if isinstance(item, Mapping) and isinstance(item.get("code"), str):
            codes.append(scoring.EmittedCode(item["code"], "ICD-10-CM"))
    return tuple(codes)


class PriorAuthSuite:
    """Scores every field of the extraction plus grounding and code validity.

    Args:
        app: The app whose ``prior_auth`` workflow is measured (real or fake).
    """

    name = "prior_auth"
    uses_model = True

    def __init__(self, app: WorkflowApp) -> None:
        self._app = app

    async def predict(self, case: PriorAuthCase) -> tuple[scoring.PriorAuthPrediction, CallInfo]:
        """Extract one document."""
        outcome = await self._app.run(WORKFLOW, case.input.text)
        data = _as_data(getattr(outcome, "output", None))
        prediction = scoring.PriorAuthPrediction(
            extraction=scoring.project_extraction(data) if data is not None else None,
            emitted_codes=emitted_codes(data) if data is not None else (),
            needs_review=bool(getattr(outcome, "needs_review", False)),
            dropped_ungrounded=int(getattr(outcome, "dropped_ungrounded", 0) or 0),
        )
        return prediction, call_info(getattr(outcome, "call", None))

    @staticmethod
    def _row(run: CaseRun[PriorAuthCase, scoring.PriorAuthPrediction]) -> scoring.PriorAuthRow:
        return scoring.PriorAuthRow(
            expected=run.case.expected, text=run.case.input.text, prediction=run.prediction
        )

    def score_case(self, run: CaseRun[PriorAuthCase, scoring.PriorAuthPrediction]) -> Scored:
        """Pass/fail per field; produced is the projected extraction (or null)."""
        row = self._row(run)
        produced: JsonValue = row.produced.model_dump() if row.produced is not None else None
        return Scored(
            fields=scoring.field_results(row),
            expected=run.case.expected.model_dump(),
            produced=produced,
        )

    def metrics(
        self, runs: Sequence[CaseRun[PriorAuthCase, scoring.PriorAuthPrediction]]
    ) -> dict[str, JsonValue]:
        """All prior-auth metrics, then the per-field and requirement counts (aggregate)."""
        rows = [self._row(r) for r in runs]
        return {**scoring.metrics(rows), **prior_auth_breakdown.breakdowns(rows)}
