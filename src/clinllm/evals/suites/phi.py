"""PHI suite: runs the PHI detector on ``phi.jsonl``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import JsonValue

from clinllm.evals.datasets import PhiCase
from clinllm.evals.scorers import phi as scoring
from clinllm.evals.suites.base import CallInfo, CaseRun, Scored, label

__all__ = ["PhiDetector", "PhiSuite"]

#: ``clinllm.phi.detect``: text in, findings (start, end, type, text) out.
PhiDetector = Callable[[str], Sequence[Any]]


class PhiSuite:
    """Scores token-level PHI recall/precision, per type, and over-redaction.

    Args:
        detect: The detector function (real or fake). It runs in the event loop thread:
            detection is CPU-bound and fast, and the runner times each call.
    """

    name = "phi"
    uses_model = False

    def __init__(self, detect: PhiDetector) -> None:
        self._detect = detect

    async def predict(self, case: PhiCase) -> tuple[scoring.PhiPrediction, CallInfo]:
        """Detect PHI in one text."""
        findings = tuple(
            scoring.PhiFindingView(
                start=int(f.start), end=int(f.end), type=label(f.type) or "", text=str(f.text)
            )
            for f in self._detect(case.input.text)
        )
        return scoring.PhiPrediction(findings=findings), CallInfo()

    @staticmethod
    def _row(run: CaseRun[PhiCase, scoring.PhiPrediction]) -> scoring.PhiRow:
        return scoring.PhiRow(
            text=run.case.input.text,
            expected=run.case.expected,
            prediction=run.prediction,
            latency_s=run.latency_s,
        )

    def score_case(self, run: CaseRun[PhiCase, scoring.PhiPrediction]) -> Scored:
        """Recall/precision pass per case; spans listed as expected and produced."""
        produced: JsonValue = None
        if run.prediction is not None:
            produced = [
                {"start": f.start, "end": f.end, "type": f.type, "text": f.text}
                for f in run.prediction.findings
            ]
        return Scored(
            fields=scoring.field_results(self._row(run)),
            expected=[s.model_dump() for s in run.case.expected.spans],
            produced=produced,
        )

    def metrics(
        self, runs: Sequence[CaseRun[PhiCase, scoring.PhiPrediction]]
    ) -> dict[str, JsonValue]:
        """All PHI metrics."""
        return dict(scoring.metrics([self._row(r) for r in runs]))
