from __future__ import annotations

from typing import Any

import pytest

from clinllm.evals.datasets import NoteSummaryExpected
from clinllm.evals.scorers import note_summary as ns


def summary(**changes: Any) -> NoteSummaryExpected:
    data: dict[str, Any] = {
        "problems": [
            {"code": "E11.65", "text": "type 2 diabetes with hyperglycemia"},
            {"code": "I10", "text": "essential hypertension"},
        ],
        "medication_changes": [
            {"name": "metformin", "action": "dose_changed", "dose": "1000 mg"},
            {"name": "lisinopril", "action": "continued", "dose": "20 mg"},
        ],
        "follow_up": [{"what": "repeat HbA1c", "when": "3 months"}],
        "red_flags": ["HbA1c 11.2%"],
        "negated": ["chest pain", "blurred vision"],
    }
    data.update(changes)
    return NoteSummaryExpected.model_validate(data)


def test_hand_computed_note_metrics() -> None:
    produced = summary(
        problems=[
            {"code": "E11.9", "text": "type 2 diabetes"},
            {"code": "I10", "text": "hypertension"},
            {"code": "R07.9", "text": "chest pain"},
        ],
        medication_changes=[
            {"name": "Metformin", "action": "dose_changed", "dose": None},
            {"name": "lisinopril", "action": "stopped", "dose": None},
        ],
        follow_up=[{"what": "HbA1c in 3 months", "when": None}],
        red_flags=[],
    )
    rows = [ns.NoteSummaryRow(summary(), ns.NoteSummaryPrediction(produced, fhir_valid=True))]
    m = ns.metrics(rows)
    # codes: gold {E1165, I10}, produced {E119, I10, R079}: tp=1 fp=2 fn=1 -> 2/(2+3)
    assert m["problem_code_f1"] == pytest.approx(2 / 5)
    # categories: gold {E11, I10}, produced {E11, I10, R07}: tp=2 fp=1 -> 4/5
    assert m["problem_category_f1"] == pytest.approx(4 / 5)
    # (metformin, dose_changed) matches; lisinopril action wrong: tp=1 fp=1 fn=1 -> 1/2
    assert m["medication_change_f1"] == pytest.approx(1 / 2)
    assert m["follow_up_recall"] == 1.0
    assert m["red_flag_recall"] == 0.0
    # "chest pain" appears among problems, "blurred vision" does not
    assert m["negation_leak_rate"] == pytest.approx(1 / 2)
    assert m["fhir_valid_rate"] == 1.0
    assert m["schema_valid_rate"] == 1.0
    assert m["hallucinated_code_rate"] == 0.0


def test_invented_code_is_hallucinated_and_missing_summary_is_invalid() -> None:
    bad = summary(problems=[{"code": "E11.99", "text": "x"}, {"code": "I10", "text": "y"}])
    rows = [
        ns.NoteSummaryRow(summary(), ns.NoteSummaryPrediction(bad)),
        ns.NoteSummaryRow(summary(), None),
    ]
    m = ns.metrics(rows)
    assert m["hallucinated_code_rate"] == pytest.approx(1 / 2)
    assert m["schema_valid_rate"] == 0.5
    assert m["fhir_valid_rate"] is None


def test_combination_parts_match_in_any_order_but_a_missing_part_does_not() -> None:
    gold = summary(
        medication_changes=[
            {"name": "sacubitril-valsartan", "action": "started", "dose": None},
            {"name": "buprenorphine-naloxone", "action": "started", "dose": None},
        ]
    )
    produced = summary(
        medication_changes=[
            {"name": "valsartan-sacubitril", "action": "started", "dose": None},
            {"name": "buprenorphine", "action": "started", "dose": None},
        ]
    )
    rows = [ns.NoteSummaryRow(gold, ns.NoteSummaryPrediction(produced, fhir_valid=True))]
    # one product in the other order matches; buprenorphine alone is another product
    assert ns.metrics(rows)["medication_change_f1"] == pytest.approx(1 / 2)
