from __future__ import annotations

from typing import Any

import pytest

from clinllm.evals.datasets import PriorAuthExpected
from clinllm.evals.scorers import prior_auth as pa

TEXT = (
    "Blue Ridge Health Plan. Member ID: BRH-5520-19384. Provider: Dr. Maria Okafor, MD, "
    "NPI 1457392816. MRI lumbar spine CPT 72148 for M54.16 radiculopathy. PMH E11.9. "
    "Date of service 03/14/2026. Requirement: 6 weeks of documented conservative therapy."
)


def gold(**changes: Any) -> PriorAuthExpected:
    data: dict[str, Any] = {
        "procedures": [{"code": "72148", "system": "CPT"}],
        "diagnoses": [{"code": "M54.16"}],
        "medications": [],
        "payer": "Blue Ridge Health Plan",
        "member_id": "BRH552019384",
        "requesting_provider": {"name": "Maria Okafor", "npi": "1457392816"},
        "service_date": "2026-03-14",
        "deadline": None,
        "urgency": "standard",
        "payer_requirements": ["6 weeks of documented conservative therapy"],
        "missing_fields": [],
    }
    data.update(changes)
    return PriorAuthExpected.model_validate(data)


def row(
    produced: PriorAuthExpected | None,
    codes: tuple[pa.EmittedCode, ...] = (),
    *,
    review: bool = False,
) -> pa.PriorAuthRow:
    prediction = None if produced is None else pa.PriorAuthPrediction(produced, codes, review)
    return pa.PriorAuthRow(expected=gold(), text=TEXT, prediction=prediction)


def test_perfect_extraction_scores_one_everywhere() -> None:
    codes = (pa.EmittedCode("72148", "CPT"), pa.EmittedCode("M54.16", "ICD-10-CM"))
    metrics = pa.metrics([row(gold(), codes)])
    for name in (
        "procedure_code_f1",
        "diagnosis_code_f1",
        "payer_accuracy",
        "member_id_accuracy",
        "npi_accuracy",
        "service_date_accuracy",
        "deadline_accuracy",
        "urgency_accuracy",
        "requirements_recall",
        "schema_valid_rate",
    ):
        assert metrics[name] == 1.0, name
    assert metrics["hallucinated_code_rate"] == 0.0
    assert metrics["ungrounded_value_rate"] == 0.0
    assert metrics["medication_f1"] is None  # nothing to find, nothing found: not measurable
    assert metrics["missing_fields_f1"] is None
    assert metrics["review_rate"] == 0.0


def test_normalized_forms_match() -> None:
    produced = gold(
        diagnoses=[{"code": "m5416"}],
        payer="BLUE RIDGE HEALTH PLAN",
        member_id="BRH-5520-19384",
        requesting_provider={"name": "Dr. Maria Okafor", "npi": "1457392816"},
    )
    results = pa.field_results(row(produced))
    assert all(results.values()), results


def test_wrong_and_extra_codes_hand_computed() -> None:
    # gold {72148}, produced {72148, 72149}: tp=1 fp=1 -> F1 = 2/3
    # gold {M5416}, produced {E119}: tp=0 fp=1 fn=1 -> F1 = 0
    produced = gold(
        procedures=[{"code": "72148", "system": "CPT"}, {"code": "72149", "system": "CPT"}],
        diagnoses=[{"code": "E11.9"}],
    )
    codes = (
        pa.EmittedCode("72148", "CPT"),
        pa.EmittedCode("72149", "CPT"),  # valid format, not in the document -> hallucinated
        pa.EmittedCode("E11.9", "ICD-10-CM"),  # in the document and real -> not hallucinated
        pa.EmittedCode("M54.99", "ICD-10-CM"),  # not a code at all
    )
    metrics = pa.metrics([row(produced, codes)])
    assert metrics["procedure_code_f1"] == pytest.approx(2 / 3)
    assert metrics["diagnosis_code_f1"] == 0.0
    assert metrics["hallucinated_code_rate"] == pytest.approx(2 / 4)


def test_failed_case_counts_as_wrong_not_skipped() -> None:
    metrics = pa.metrics([row(gold()), row(None)])
    assert metrics["payer_accuracy"] == 0.5
    assert metrics["schema_valid_rate"] == 0.5
    assert metrics["procedure_code_f1"] == pytest.approx(2 / 3)  # tp=1 fn=1
    assert metrics["requirements_recall"] == 0.5


def test_correct_absence_counts_as_correct() -> None:
    expected = gold(member_id=None, missing_fields=["member_id"])
    r = pa.PriorAuthRow(expected=expected, text=TEXT, prediction=pa.PriorAuthPrediction(expected))
    assert pa.member_id_accuracy([r]) == 1.0
    assert pa.missing_fields_f1([r]) == 1.0


def test_requirements_recall_is_best_token_overlap() -> None:
    # gold content words: 6 weeks documented conservative therapy (5); produced covers 3 of them
    produced = gold(payer_requirements=["conservative therapy for 6 weeks", "unrelated"])
    assert pa.requirements_recall([row(produced)]) == pytest.approx(4 / 5)


def test_ungrounded_values_are_counted() -> None:
    produced = gold(payer="Northwind Health Partners")  # not in the text
    # emitted values: payer, member id, npi, provider name -> 1 of 4 ungrounded
    assert pa.ungrounded_value_rate([row(produced)]) == pytest.approx(1 / 4)


def test_review_rate() -> None:
    assert pa.review_rate([row(gold(), review=True), row(gold())]) == 0.5


def test_projection_drops_extra_keys_and_reads_dates() -> None:
    raw = gold().model_dump()
    raw["procedures"][0]["confidence"] = 0.9
    raw["service_date"] = "03/14/2026"
    raw["evidence"] = []
    assert pa.project_extraction(raw) == gold()
    raw["urgency"] = "whenever"
    assert pa.project_extraction(raw) is None
    assert pa.project_extraction({"procedures": []}) is None


def test_code_in_text_accepts_dotless_but_not_substrings() -> None:
    assert pa.code_in_text("M5416", TEXT)
    assert pa.code_in_text("m54.16", TEXT)
    assert not pa.code_in_text("7214", TEXT)


def test_code_in_text_reads_a_code_glued_to_a_dotted_leader() -> None:
    assert pa.code_in_text("E0601", "CPT/HCPCS.................E0601\n")
    assert pa.code_in_text("M54.16", "ICD-10......M54.16.")
    assert not pa.code_in_text("E060", "CPT/HCPCS.................E0601\n")


def test_dropped_ungrounded_per_case_averages_over_predictions() -> None:
    rows = [
        pa.PriorAuthRow(gold(), TEXT, pa.PriorAuthPrediction(gold(), dropped_ungrounded=3)),
        pa.PriorAuthRow(gold(), TEXT, pa.PriorAuthPrediction(gold(), dropped_ungrounded=1)),
        pa.PriorAuthRow(gold(), TEXT, None),
    ]
    assert pa.dropped_ungrounded_per_case(rows) == 2.0
