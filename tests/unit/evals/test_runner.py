from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar

import pytest
from rich.console import Console

from clinllm.domain.calls import Attempt, CallResult, Usage
from clinllm.domain.outcome import CallInfo
from clinllm.errors import ConfigError, SchemaViolation
from clinllm.evals.datasets import load_triage
from clinllm.evals.runner import code_version, run_suite
from clinllm.evals.suites.triage import TriageSuite

DATA = Path(__file__).parents[2] / "data" / "evalsets" / "synthetic_b"
SECRET = "Zebulon Quarterfield"


def _call() -> CallResult:  # type: ignore[type-arg]
    attempt = Attempt(
        provider="fake", model="m", outcome="ok", usage=Usage(100, 20), cost_usd=0.002
    )
    return CallResult(
        output=None, error=None, provider="fake", model="m", attempts=(attempt,), latency_s=0.01
    )


class KeywordTriager:
    """A fake app: emergency for a few words, routine otherwise; raises on one message."""

    specs: ClassVar[dict[str, None]] = {"triage": None}

    async def run(self, workflow: str, message: str) -> SimpleNamespace:
        assert workflow == "triage"
        if "copay" in message:
            raise SchemaViolation("TriageModelOutput", locations=("category",))
        if "sweating" in message:
            raise ValueError(SECRET)
        emergency = any(w in message for w in ("slurring", "throat"))
        return SimpleNamespace(
            output=SimpleNamespace(
                category="symptom_escalation" if emergency else "other",
                urgency="emergency" if emergency else "routine",
            ),
            actions={"draft": {"text": "A nurse will call you shortly."}},
            call=CallInfo.of(_call()),
        )


@pytest.mark.anyio
async def test_report_has_the_contract_keys_and_per_case_details() -> None:
    data = load_triage(DATA)
    report = await run_suite(
        TriageSuite(KeywordTriager()),
        data.cases,
        provider="fake",
        dataset=data.ref,
        concurrency=3,
        console=Console(file=io.StringIO()),
    )
    dumped = report.model_dump()
    assert set(dumped) == {
        "suite",
        "provider",
        "dataset",
        "n",
        "started_at",
        "code_version",
        "metrics",
        "cases",
    }
    assert report.n == 12
    assert [c.id for c in report.cases] == [c.id for c in data.cases]  # order kept with concurrency
    for key in (
        "category_accuracy",
        "category_macro_f1",
        "urgency_accuracy",
        "emergency_recall",
        "emergency_precision",
        "under_triage_rate",
        "advice_leak_rate",
        "confusion_matrix",
        "latency_p50_s",
        "latency_p95_s",
        "tokens_per_case",
        "cost_per_case_usd",
    ):
        assert key in report.metrics, key
    # 3 gold emergencies; the fake finds 2 (slurring, throat) and crashes on the third
    assert report.metrics["emergency_recall"] == pytest.approx(2 / 3)
    assert report.metrics["advice_leak_rate"] == 0.0
    # 10 cases made a call of 120 tokens; 2 failed cases spent nothing
    assert report.metrics["tokens_per_case"] == pytest.approx(120 * 10 / 12)
    first = report.cases[0]
    assert first.fields == {"category": True, "urgency": True, "draft_has_no_advice": True}
    assert first.usage.input_tokens == 100
    assert first.cost_usd == pytest.approx(0.002)
    assert first.provider == "fake"
    failed = {c.id: c for c in report.cases if c.errors}
    assert failed["trb-05"].errors[0].startswith("SchemaViolation: output does not validate")
    assert failed["trb-07"].errors == ["ValueError"]  # foreign exception text withheld
    assert SECRET not in report.model_dump_json()
    assert not failed["trb-07"].passed
    assert failed["trb-07"].produced is None


def test_code_version_is_not_empty() -> None:
    assert code_version()


class MisconfiguredTriager:
    specs: ClassVar[dict[str, None]] = {"triage": None}

    async def run(self, workflow: str, message: str) -> SimpleNamespace:
        raise ConfigError("unknown provider 'nope'", setting="CLINLLM_DEFAULT_CHAIN")


@pytest.mark.anyio
async def test_configuration_error_stops_the_run() -> None:
    data = load_triage(DATA)
    with pytest.raises(ConfigError):
        await run_suite(
            TriageSuite(MisconfiguredTriager()),
            data.cases[:2],
            provider="x",
            dataset=data.ref,
            console=Console(file=io.StringIO()),
        )
