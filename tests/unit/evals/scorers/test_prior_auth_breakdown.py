from __future__ import annotations

from typing import Any

from clinllm.evals.datasets import PriorAuthExpected
from clinllm.evals.scorers import prior_auth as pa
from clinllm.evals.scorers import prior_auth_breakdown as bd


def extraction(**changes: Any) -> PriorAuthExpected:
    data: dict[str, Any] = {
        "procedures": [{"code": "72148", "system": "CPT"}],
        "diagnoses": [{"code": "M54.16"}],
        "medications": [],
        "payer": "Blue Ridge Health Plan",
        "member_id": None,
        "requesting_provider": {"name": "Maria Okafor", "npi": "1457392816"},
        "service_date": "2026-03-14",
        "deadline": None,
        "urgency": "standard",
        "payer_requirements": ["6 weeks of documented conservative therapy"],
        "missing_fields": ["member_id"],
    }
    data.update(changes)
    return PriorAuthExpected.model_validate(data)


def row(expected: PriorAuthExpected, produced: PriorAuthExpected | None) -> pa.PriorAuthRow:
    prediction = None if produced is None else pa.PriorAuthPrediction(produced)
    return pa.PriorAuthRow(expected=expected, text="", prediction=prediction)


def test_counts_false_missing_and_missed_absence_per_field() -> None:
    rows = [
        # Right: member id missing both ways.
        row(extraction(), extraction()),
        # A wrong value read for an absent member id: a missed absence held with a value.
        row(extraction(), extraction(member_id="XYZ123", missing_fields=[])),
        # A present service date reported missing although its value was read right.
        row(
            extraction(missing_fields=[]),
            extraction(missing_fields=["service_date"]),
        ),
        row(extraction(), None),
    ]
    counts = bd.missing_fields_by_field(rows)
    assert counts["member_id"] == {
        "gold": 4 - 1,
        "tp": 1,
        "fp": 0,
        "fn": 2,
        "fn_with_value": 1,
        "fp_with_value": 0,
        "fp_value_right": 0,
    }
    assert counts["service_date"]["fp"] == 1
    assert counts["service_date"]["fp_value_right"] == 1
    assert counts["patient_dob"] == {"gold": 0, "tp": 0, "fp": 0, "fn": 0}


def test_requirements_breakdown_sorts_gold_by_recall() -> None:
    gold = extraction(payer_requirements=["six weeks physical therapy", "recent MRI report"])
    rows = [
        row(gold, extraction(payer_requirements=["physical therapy"])),
        row(gold, extraction(payer_requirements=[])),
        row(extraction(payer_requirements=[]), extraction(payer_requirements=["x", "y"])),
    ]
    counts = bd.requirements_breakdown(rows)
    assert counts == {
        "gold": 4,
        "cases": 2,
        "full": 0,
        "partial": 1,
        "zero": 3,
        "zero_no_output": 2,
        "produced": 1,
        "produced_without_gold": 2,
        "recall_numbers_folded": 0.5 / 4,
    }


def test_counts_spelled_as_words_match_digits_in_the_folded_recall() -> None:
    gold = extraction(payer_requirements=["6 weeks of physical therapy"])
    counts = bd.requirements_breakdown(
        [row(gold, extraction(payer_requirements=["six weeks of physical therapy"]))]
    )
    assert counts["partial"] == 1
    assert counts["recall_numbers_folded"] == 1.0


def test_breakdowns_are_keyed_by_name() -> None:
    out = bd.breakdowns([row(extraction(), extraction())])
    assert set(out) == {"missing_fields_by_field", "requirements_breakdown"}
