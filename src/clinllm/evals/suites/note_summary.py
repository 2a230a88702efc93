"""Note-summary suite: runs the ``note_summary`` workflow on ``note_summary.jsonl``.

Every outcome's FHIR R4 Bundle (the spec's mapping, built by the runner) is also validated
(``fhir_valid_rate``), when the adapter is given a bundle validator.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel, JsonValue, ValidationError

from clinllm.evals.datasets import NoteSummaryCase, NoteSummaryExpected
from clinllm.evals.scorers import note_summary as scoring
from clinllm.evals.suites.base import CallInfo, CaseRun, Scored, WorkflowApp, call_info

__all__ = ["BundleCheck", "NoteSummarySuite"]

#: Validates one FHIR Bundle: the problems found (empty when it is valid).
BundleCheck = Callable[[Any], Sequence[str]]

#: The workflow this suite measures.
WORKFLOW = "note_summary"


def _project(summary: Any) -> NoteSummaryExpected | None:
    data = summary.model_dump(mode="json") if isinstance(summary, BaseModel) else summary
    if not isinstance(data, dict):
        return None
    try:
        return NoteSummaryExpected.model_validate(
            {
                "problems": [
                    {"code": p.get("code"), "text": p.get("text") or ""}
                    for p in data.get("problems") or []
                ],
                "medication_changes": [
                    {"name": m.get("name"), "action": m.get("action"), "dose": m.get("dose")}
                    for m in data.get("medication_changes") or []
                ],
                "follow_up": [
                    {"what": f.get("what") or "", "when": f.get("when")}
                    for f in data.get("follow_up") or []
                ],
                "red_flags": list(data.get("red_flags") or []),
                "negated": list(data.get("negated") or []),
            }
        )
    except (ValidationError, AttributeError, TypeError):
        return None


class NoteSummarySuite:
    """Scores problem codes, medication changes, follow-up, red flags, negation, FHIR validity.

    Args:
        app: The app whose ``note_summary`` workflow is measured (real or fake).
        bundle_check: Validates an outcome's Bundle; None skips FHIR validity. An outcome
            without a Bundle counts as invalid.
    """

    name = "note_summary"
    uses_model = True

    def __init__(self, app: WorkflowApp, bundle_check: BundleCheck | None = None) -> None:
        self._app = app
        self._bundle_check = bundle_check

    async def predict(
        self, case: NoteSummaryCase
    ) -> tuple[scoring.NoteSummaryPrediction, CallInfo]:
        """Summarize one note (and validate its Bundle)."""
        outcome = await self._app.run(WORKFLOW, case.input.text)
        summary = _project(getattr(outcome, "output", None))
        valid = None
        if self._bundle_check is not None and summary is not None:
            bundle = getattr(outcome, "fhir", None)
            valid = bundle is not None and not self._bundle_check(bundle)
        prediction = scoring.NoteSummaryPrediction(summary=summary, fhir_valid=valid)
        return prediction, call_info(getattr(outcome, "call", None))

    @staticmethod
    def _row(
        run: CaseRun[NoteSummaryCase, scoring.NoteSummaryPrediction],
    ) -> scoring.NoteSummaryRow:
        return scoring.NoteSummaryRow(expected=run.case.expected, prediction=run.prediction)

    def score_case(self, run: CaseRun[NoteSummaryCase, scoring.NoteSummaryPrediction]) -> Scored:
        """Pass/fail per scored part; produced is the projected summary (or null)."""
        row = self._row(run)
        produced = row.produced
        expected = run.case.expected
        fields: dict[str, bool] = {
            "problem_codes": produced is not None
            and {p.code.replace(".", "") for p in produced.problems}
            == {p.code.replace(".", "") for p in expected.problems},
            "medication_changes": scoring.medication_change_f1([row]) in (None, 1.0),
            "negation_leaks": scoring.negation_leak_rate([row]) in (None, 0.0),
        }
        if run.prediction is not None and run.prediction.fhir_valid is not None:
            fields["fhir_valid"] = run.prediction.fhir_valid
        return Scored(
            fields=fields,
            expected=expected.model_dump(),
            produced=produced.model_dump() if produced is not None else None,
        )

    def metrics(
        self, runs: Sequence[CaseRun[NoteSummaryCase, scoring.NoteSummaryPrediction]]
    ) -> dict[str, JsonValue]:
        """All note-summary metrics."""
        return dict(scoring.metrics([self._row(r) for r in runs]))
