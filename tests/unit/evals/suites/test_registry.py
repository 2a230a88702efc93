from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clinllm.evals.suites import registry
from clinllm.evals.suites.base import SuiteNotImplemented

DATA = Path(__file__).parents[3] / "data" / "evalsets" / "synthetic_b"


class _App:
    def __init__(self, *names: str) -> None:
        self.specs = dict.fromkeys(names)

    async def run(self, workflow: str, source: str) -> Any:
        raise AssertionError("not run here")


@pytest.mark.parametrize("suite", ["no_such_suite"])
def test_suites_without_workflow_are_not_implemented(suite: str) -> None:
    with pytest.raises(SuiteNotImplemented, match=f"suite {suite} is not implemented yet"):
        registry.prepare_suite(suite, DATA, lambda: pytest.fail("no app needed"))


def test_a_workflow_the_app_does_not_have_is_not_implemented() -> None:
    with pytest.raises(SuiteNotImplemented, match="suite triage"):
        registry.prepare_suite("triage", DATA, lambda: _App("prior_auth"))


def test_a_malformed_dataset_is_reported_before_the_app_is_built(tmp_path: Path) -> None:
    (tmp_path / "triage.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(Exception, match="line 1"):
        registry.prepare_suite("triage", tmp_path, lambda: pytest.fail("built too early"))


def test_workflow_suites_run_the_apps_workflow_with_a_limit() -> None:
    prepared = registry.prepare_suite("triage", DATA, lambda: _App("triage"), limit=3)
    assert (prepared.suite.name, len(prepared.cases)) == ("triage", 3)
    assert set(prepared.dataset.files) == {"triage.jsonl"}


def test_phi_suite_applies_limit_without_building_an_app() -> None:
    prepared = registry.prepare_suite("phi", DATA, lambda: pytest.fail("no app needed"), limit=2)
    assert len(prepared.cases) == 2
    assert prepared.suite.name == "phi"
    assert set(prepared.dataset.files) == {"phi.jsonl"}


def test_injection_suite_builds_the_default_screen_without_a_gateway() -> None:
    prepared = registry.prepare_suite("injection", DATA, lambda: pytest.fail("no gateway needed"))
    assert prepared.suite.name == "injection"
    assert len(prepared.cases) == 8
    assert set(prepared.dataset.files) == {"injection.jsonl"}
