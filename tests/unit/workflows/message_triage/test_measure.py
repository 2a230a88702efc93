"""The quick measurement loop reports the issue's figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinllm.workflows.message_triage.measure import main, measure

EXTRA = Path(__file__).parents[4] / "tests" / "data" / "triage_extra.jsonl"


def test_measure_reports_every_target_metric_on_the_extra_set() -> None:
    figures = measure(EXTRA)
    assert figures["n"] >= 40
    assert figures["emergency_recall"] == 1.0
    assert figures["under_triage_rate"] <= 0.02
    assert figures["category_accuracy"] >= 0.90
    assert figures["urgency_accuracy"] >= 0.85


def test_misses_name_ids_and_rules_never_text(capsys: pytest.CaptureFixture[str]) -> None:
    main([str(EXTRA), "--misses"])
    out = capsys.readouterr().out
    assert "triage_extra.jsonl: n=" in out
    for line in out.splitlines():
        if line.startswith("miss "):
            assert "rule:" in line
            assert "chest tightness" not in line
