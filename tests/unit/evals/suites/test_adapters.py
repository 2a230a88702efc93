from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from pydantic import BaseModel
from rich.console import Console

from clinllm.evals.datasets import DatasetRef, load_phi, load_prior_auth
from clinllm.evals.report import flatten_metrics
from clinllm.evals.runner import build_report, run_cases
from clinllm.evals.suites.phi import PhiSuite
from clinllm.evals.suites.prior_auth import PriorAuthSuite

DATA = Path(__file__).parents[3] / "data" / "evalsets" / "synthetic_b"


class Extraction(BaseModel):
    """A workflow-shaped extraction with extra keys the eval must ignore."""

    procedures: list[dict[str, Any]]
    diagnoses: list[dict[str, Any]]
    medications: list[dict[str, Any]]
    payer: str | None
    member_id: str | None
    requesting_provider: dict[str, Any]
    service_date: str | None
    deadline: str | None
    urgency: str
    payer_requirements: list[str]
    missing_fields: list[str]
    confidence: dict[str, float] = {}


class GoldEchoApp:
    """Returns the gold answer for known texts plus one invented code, so scores are known."""

    specs: ClassVar[dict[str, None]] = {"prior_auth": None}

    def __init__(self, gold: dict[str, dict[str, Any]]) -> None:
        self.gold = gold

    async def run(self, workflow: str, text: str) -> Any:
        assert workflow == "prior_auth"
        data = dict(self.gold[text])
        data["diagnoses"] = [*data["diagnoses"], {"code": "Q99.99", "evidence": [1, 2]}]
        return type(
            "Outcome", (), {"output": Extraction(**data), "needs_review": True, "call": None}
        )()


def _quiet() -> Console:
    return Console(file=io.StringIO())


@pytest.mark.anyio
async def test_prior_auth_adapter_projects_and_scores() -> None:
    data = load_prior_auth(DATA)
    gold = {c.input.text: c.expected.model_dump() for c in data.cases}
    suite = PriorAuthSuite(GoldEchoApp(gold))
    runs = await run_cases(suite, data.cases, console=_quiet())
    report = build_report(
        suite, runs, provider="fake", dataset=data.ref, started_at=datetime.now(UTC), version="t"
    )
    m = report.metrics
    assert m["procedure_code_f1"] == 1.0
    assert m["payer_accuracy"] == 1.0
    assert m["schema_valid_rate"] == 1.0
    assert m["review_rate"] == 1.0
    # 6 invented codes among 7 procedure + 7 diagnosis gold codes + 6 invented = 20 emitted
    assert m["hallucinated_code_rate"] == pytest.approx(6 / 20)
    assert m["diagnosis_code_f1"] == pytest.approx(2 * 7 / (2 * 7 + 6))
    assert report.cases[0].fields["diagnoses"] is False
    assert report.cases[0].fields["payer"] is True


class Finding:
    def __init__(self, start: int, end: int, type: str, text: str) -> None:
        self.start, self.end, self.type, self.text = start, end, type, text


@pytest.mark.anyio
async def test_phi_adapter_with_a_detector_that_finds_only_names() -> None:
    data = load_phi(DATA)
    names = {c.input.text: [s for s in c.expected.spans if s.type == "NAME"] for c in data.cases}

    def detect(text: str) -> list[Finding]:
        return [Finding(s.start, s.end, s.type, s.text) for s in names[text]]

    suite = PhiSuite(detect)
    runs = await run_cases(suite, data.cases, console=_quiet())
    report = build_report(
        suite,
        runs,
        provider="none",
        dataset=DatasetRef(path="x", files={}),
        started_at=datetime.now(UTC),
        version="t",
    )
    m = report.metrics
    assert m["precision"] == 1.0
    flat = flatten_metrics(m)
    assert flat["recall_by_type.NAME"] == 1.0
    assert flat["recall_by_type.PHONE"] == 0.0
    assert 0 < m["recall"] < 1  # type: ignore[operator]
    assert "tokens_per_case" not in m  # no model, no tokens reported
