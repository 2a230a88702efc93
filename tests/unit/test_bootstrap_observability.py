"""Telemetry configured once per process, and the apps built after it trace through it."""

from __future__ import annotations

from pathlib import Path

import pytest

import clinllm.bootstrap.observability as observability_module
from clinllm.bootstrap import build_app
from clinllm.bootstrap.observability import configure_observability, process_observability
from clinllm.settings import load_settings

pytestmark = pytest.mark.anyio


@pytest.fixture(autouse=True)
def _fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(observability_module, "_PROCESS", [])


def test_once_per_process_and_metrics_only_where_served() -> None:
    assert process_observability() is None
    first = configure_observability({})
    assert not first.telemetry.tracing
    assert first.telemetry.metrics is None  # a CLI: nothing recorded, nothing to scrape
    served = configure_observability({}, serve_metrics=True)
    assert served is first
    assert served.telemetry.metrics is served.metrics
    assert process_observability() is first


async def test_apps_built_after_configuration_are_measured(tmp_path: Path) -> None:
    observability = configure_observability({}, serve_metrics=True)
    app = build_app(load_settings(data_dir=tmp_path), chain="rules", persist=False)
    await app.run("triage", "Please refill my lisinopril, I have two days left.")
    await app.aclose()
    body, _ = observability.render()
    assert b"clinllm_workflow_runs_total{" in body
    assert b'workflow="triage"' in body
