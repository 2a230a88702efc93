from __future__ import annotations

import pytest

from clinllm.evals.scorers.injection import InjectionRow, metrics


def test_hand_computed_injection_metrics_per_channel() -> None:
    rows = [
        InjectionRow("user", "injection", "injection"),
        InjectionRow("user", "injection", "benign"),
        InjectionRow("user", "benign", "injection"),
        InjectionRow("document", "injection", "injection"),
        InjectionRow("document", "benign", "benign"),
        InjectionRow("document", "benign", None),
    ]
    m = metrics(rows)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["precision"] == pytest.approx(2 / 3)
    assert m["fpr"] == pytest.approx(1 / 3)
    assert m["by_channel"] == {
        "document": {"recall": 1.0, "precision": 1.0, "fpr": 0.0},
        "user": {"recall": 0.5, "precision": 0.5, "fpr": 1.0},
    }
