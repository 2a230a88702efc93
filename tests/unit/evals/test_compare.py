from __future__ import annotations

from typing import Any

import pytest
from pydantic import JsonValue

from clinllm.errors import InputError
from clinllm.evals.compare import Direction, compare_reports, direction, parse_assignments
from clinllm.evals.datasets import DatasetRef
from clinllm.evals.report import EvalReport


def report(suite: str = "triage", **metrics: JsonValue) -> EvalReport:
    base: dict[str, Any] = {
        "category_accuracy": 0.9,
        "emergency_recall": 1.0,
        "advice_leak_rate": 0.0,
        "under_triage_rate": 0.1,
        "latency_p95_s": 0.5,
        "confusion_matrix": {"other": {"other": 3}},
        "confusion_matrix_urgency": {"routine": {"routine": 3}},
    }
    base.update(metrics)
    return EvalReport(
        suite=suite,
        provider="rules",
        dataset=DatasetRef(path="d", files={"triage.jsonl": "ab"}),
        n=10,
        started_at="2026-03-01T00:00:00+00:00",
        code_version="t",
        metrics=base,
        cases=[],
    )


def statuses(result: Any) -> dict[str, str]:
    return {row.metric: row.status for row in result.rows}


def test_identical_reports_pass() -> None:
    result = compare_reports(report(), report())
    assert not result.failed
    assert statuses(result)["confusion_matrix.other.other"] == "info"
    assert statuses(result)["confusion_matrix_urgency.routine.routine"] == "info"


def test_a_count_table_the_baseline_lacks_is_informational() -> None:
    older = report()
    older = older.model_copy(
        update={
            "metrics": {k: v for k, v in older.metrics.items() if k != "confusion_matrix_urgency"}
        }
    )
    result = compare_reports(older, report(confusion_matrix_urgency={"routine": {"urgent": 2}}))
    assert not result.failed
    assert statuses(result)["confusion_matrix_urgency.routine.urgent"] == "info"


def test_planted_accuracy_drop_fails_and_tolerance_allows_it() -> None:
    worse = report(category_accuracy=0.85)
    assert statuses(compare_reports(report(), worse))["category_accuracy"] == "regressed"
    assert compare_reports(report(), worse).failed
    assert not compare_reports(report(), worse, max_drop={"category_accuracy": 0.06}).failed
    assert not compare_reports(report(), worse, max_drop={"*": 0.1}).failed


def test_direction_aware_for_rates() -> None:
    assert (
        statuses(compare_reports(report(), report(under_triage_rate=0.2)))["under_triage_rate"]
        == "regressed"
    )
    assert (
        statuses(compare_reports(report(), report(under_triage_rate=0.0)))["under_triage_rate"]
        == "improved"
    )


def test_default_safety_gates_fail_even_without_a_drop() -> None:
    base = report(emergency_recall=0.9)
    result = compare_reports(base, report(emergency_recall=0.9))
    assert statuses(result)["emergency_recall"] == "gate_failed"
    assert result.failed
    assert not compare_reports(base, report(emergency_recall=0.9), default_gates=False).failed
    leak = compare_reports(report(), report(advice_leak_rate=0.05))
    assert statuses(leak)["advice_leak_rate"] == "gate_failed"


def test_must_gate_and_unmeasured_gated_metric() -> None:
    result = compare_reports(report(), report(), must={"category_accuracy": 0.95})
    assert statuses(result)["category_accuracy"] == "gate_failed"
    result = compare_reports(report(), report(), must={"no_such_metric": 1.0})
    assert statuses(result)["no_such_metric"] == "gate_failed"


def test_latency_is_not_gated_unless_named() -> None:
    slower = report(latency_p95_s=5.0)
    assert not compare_reports(report(), slower).failed
    assert compare_reports(report(), slower, max_drop={"latency_p95_s": 1.0}).failed


def test_metric_missing_from_candidate_fails() -> None:
    candidate = report()
    metrics = dict(candidate.metrics)
    del metrics["category_accuracy"]
    candidate = candidate.model_copy(update={"metrics": metrics})
    assert statuses(compare_reports(report(), candidate))["category_accuracy"] == "missing"


def test_unmeasurable_default_gate_is_skipped() -> None:
    assert not compare_reports(report(emergency_recall=None), report(emergency_recall=None)).failed


def test_different_suites_cannot_be_compared() -> None:
    with pytest.raises(InputError):
        compare_reports(report("triage"), report("phi"))


def test_different_data_warns() -> None:
    other = report().model_copy(
        update={"dataset": DatasetRef(path="d", files={"triage.jsonl": "cd"})}
    )
    assert compare_reports(report(), other).warnings


@pytest.mark.parametrize(
    ("metric", "way"),
    [
        ("schema_valid_rate", Direction.HIGHER),
        ("hallucinated_code_rate", Direction.LOWER),
        ("review_rate", Direction.NEUTRAL),
        ("by_channel.user.fpr", Direction.LOWER),
        ("recall_by_type.NAME", Direction.HIGHER),
        ("missing_fields_by_field.member_id.fp", Direction.NEUTRAL),
        ("requirements_breakdown.zero", Direction.NEUTRAL),
        ("chars_per_s", Direction.HIGHER),
        ("cost_per_case_usd", Direction.LOWER),
        ("false_positive_clinical_terms", Direction.LOWER),
        ("errors.refused_answerable", Direction.LOWER),
    ],
)
def test_direction(metric: str, way: Direction) -> None:
    assert direction(metric) is way


def test_parse_assignments() -> None:
    assert parse_assignments(["a=0.1", "b = 2"], "--x") == {"a": 0.1, "b": 2.0}
    with pytest.raises(InputError, match="--x expects METRIC=NUMBER"):
        parse_assignments(["a"], "--x")
    with pytest.raises(InputError):
        parse_assignments(["a=high"], "--x")
