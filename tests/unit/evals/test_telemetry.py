from __future__ import annotations

import builtins
import logging
from typing import Any

import pytest

from clinllm.evals.datasets import DatasetRef
from clinllm.evals.report import EvalReport
from clinllm.evals.telemetry import emit_evaluation_events

REPORT = EvalReport(
    suite="triage",
    provider="rules",
    dataset=DatasetRef(path="d", files={}),
    n=1,
    started_at="2026-03-01T00:00:00+00:00",
    code_version="t",
    metrics={
        "category_accuracy": 1.0,
        "emergency_recall": None,
        "confusion_matrix": {"other": {"other": 1}},
    },
    cases=[],
)


def test_one_event_per_measured_metric() -> None:
    pytest.importorskip("opentelemetry")
    assert emit_evaluation_events(REPORT) == 1


def test_missing_opentelemetry_logs_one_line(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    real_import = builtins.__import__

    def no_otel(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith("opentelemetry"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_otel)
    with caplog.at_level(logging.INFO, logger="clinllm.evals"):
        assert emit_evaluation_events(REPORT) == 0
    assert [r.getMessage() for r in caplog.records] == ["eval.tracing_unavailable"]
