from __future__ import annotations

from pathlib import Path

import pytest

from clinllm.errors import InputError
from clinllm.evals.datasets import DatasetRef
from clinllm.evals.report import EvalReport, flatten_metrics


def test_flatten_metrics_makes_dotted_numeric_keys() -> None:
    flat = flatten_metrics(
        {
            "recall": 0.5,
            "recall_by_type": {"NAME": 1, "DATE": None},
            "by_channel": {"user": {"fpr": 0.0}},
            "note": "x",
        }
    )
    assert flat == {
        "recall": 0.5,
        "recall_by_type.NAME": 1.0,
        "recall_by_type.DATE": None,
        "by_channel.user.fpr": 0.0,
    }


def test_round_trip_and_bad_file(tmp_path: Path) -> None:
    report = EvalReport(
        suite="phi",
        provider="none",
        dataset=DatasetRef(path="d", files={"phi.jsonl": "ab"}),
        n=0,
        started_at="2026-03-01T00:00:00+00:00",
        code_version="t",
        metrics={"recall": None},
        cases=[],
    )
    path = tmp_path / "out" / "r.json"
    report.write(path)
    assert EvalReport.read(path) == report
    path.write_text('{"suite": "phi"}', encoding="utf-8")
    with pytest.raises(InputError, match=r"report r.json: field provider"):
        EvalReport.read(path)
    with pytest.raises(InputError, match="file not found"):
        EvalReport.read(tmp_path / "missing.json")
