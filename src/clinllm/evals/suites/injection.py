"""Injection suite: runs the injection screen on ``injection.jsonl``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pydantic import JsonValue

from clinllm.domain.screening import InjectionScreen
from clinllm.evals.datasets import InjectionCase
from clinllm.evals.scorers import injection as scoring
from clinllm.evals.suites.base import CallInfo, CaseRun, Scored

__all__ = ["InjectionPrediction", "InjectionSuite"]


@dataclass(frozen=True, slots=True)
class InjectionPrediction:
    """What the screen said about one text: the label, its score and the reasons that fired.

    Reasons are stable machine names (``direct_override``, ``classifier`` ...), never text.
    """

    label: str
    score: float
    reasons: tuple[str, ...]


class InjectionSuite:
    """Scores recall and false-positive rate of the screen, overall and per channel.

    Args:
        screen: The screen (real or fake). It runs in the event loop thread: screening is
            CPU-bound and fast, and the runner times each call.
    """

    name = "injection"
    uses_model = False

    def __init__(self, screen: InjectionScreen) -> None:
        self._screen = screen

    async def predict(self, case: InjectionCase) -> tuple[InjectionPrediction, CallInfo]:
        """Screen one text on its channel."""
        result = self._screen.screen(case.input.text, case.input.channel)
        prediction = InjectionPrediction(
            label="injection" if result.flagged else "benign",
            score=result.score,
            reasons=tuple(sorted({f.reason for f in result.findings})),
        )
        return prediction, CallInfo()

    @staticmethod
    def _row(run: CaseRun[InjectionCase, InjectionPrediction]) -> scoring.InjectionRow:
        return scoring.InjectionRow(
            channel=run.case.input.channel,
            expected=run.case.expected.label,
            predicted=run.prediction.label if run.prediction is not None else None,
        )

    def score_case(self, run: CaseRun[InjectionCase, InjectionPrediction]) -> Scored:
        """One field, ``label``; produced shows the label, score and reasons (no text)."""
        row = self._row(run)
        produced: JsonValue = None
        if run.prediction is not None:
            produced = {
                "label": run.prediction.label,
                "score": round(run.prediction.score, 4),
                "reasons": list(run.prediction.reasons),
            }
        return Scored(
            fields={"label": row.predicted == row.expected},
            expected={"label": run.case.expected.label, "channel": run.case.input.channel},
            produced=produced,
        )

    def metrics(
        self, runs: Sequence[CaseRun[InjectionCase, InjectionPrediction]]
    ) -> dict[str, JsonValue]:
        """``recall``, ``precision``, ``fpr`` overall and per channel."""
        return dict(scoring.metrics([self._row(r) for r in runs]))
