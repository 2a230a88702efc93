from __future__ import annotations

import pytest

from clinllm.evals.datasets import TriageExpected
from clinllm.evals.report import flatten_metrics
from clinllm.evals.scorers import triage as tr


def row(
    gold: tuple[str, str], pred: tuple[str, str] | None, draft: str | None = None
) -> tr.TriageRow:
    expected = TriageExpected.model_validate({"category": gold[0], "urgency": gold[1]})
    prediction = None if pred is None else tr.TriagePrediction(pred[0], pred[1], draft)
    return tr.TriageRow(expected=expected, prediction=prediction)


ROWS = [
    row(("symptom_escalation", "emergency"), ("symptom_escalation", "emergency")),
    row(("symptom_escalation", "emergency"), ("symptom_escalation", "urgent")),  # under-triaged
    row(("refill_request", "routine"), ("refill_request", "emergency")),  # over-triaged
    row(
        ("billing_question", "routine"), ("other", "routine"), draft="Take 2 tablets every 6 hours."
    ),
    row(("other", "routine"), None),  # workflow failed
]


def test_hand_computed_triage_metrics() -> None:
    m = tr.metrics(ROWS)
    assert m["category_accuracy"] == pytest.approx(3 / 5)
    assert m["urgency_accuracy"] == pytest.approx(2 / 5)
    assert m["emergency_recall"] == pytest.approx(1 / 2)
    assert m["emergency_precision"] == pytest.approx(1 / 2)
    # row 2 lower than gold, row 5 has no label
    assert m["under_triage_rate"] == pytest.approx(2 / 5)
    assert m["advice_leak_rate"] == 1.0
    # per-label F1: symptom 1.0, refill 1.0, billing 0 (fn), other 0 (fp and fn)
    assert m["category_macro_f1"] == pytest.approx(2 / 4)


def test_confusion_matrix_counts_gold_by_predicted() -> None:
    matrix = tr.confusion_matrix(ROWS)
    assert matrix["symptom_escalation"] == {
        **dict.fromkeys((*tr.CATEGORIES, "none"), 0),
        "symptom_escalation": 2,
    }
    flat = flatten_metrics({"m": matrix})
    assert flat["m.billing_question.other"] == 1
    assert flat["m.other.none"] == 1


def test_urgency_confusion_matrix_puts_under_triage_left_of_the_diagonal() -> None:
    matrix = tr.metrics(ROWS)["confusion_matrix_urgency"]
    assert matrix == {
        "routine": {"routine": 1, "urgent": 0, "emergency": 1, "none": 1},
        "urgent": {"routine": 0, "urgent": 0, "emergency": 0, "none": 0},
        "emergency": {"routine": 0, "urgent": 1, "emergency": 1, "none": 0},
    }


def test_no_emergencies_means_recall_not_measurable() -> None:
    m = tr.metrics([row(("other", "routine"), ("other", "routine"))])
    assert m["emergency_recall"] is None
    assert m["advice_leak_rate"] is None  # no drafts
    assert m["under_triage_rate"] == 0.0


def test_field_results() -> None:
    assert tr.field_results(ROWS[1]) == {"category": True, "urgency": False}
