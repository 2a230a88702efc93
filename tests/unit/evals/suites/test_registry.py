from __future__ import annotations

import types
from pathlib import Path

import pytest

from clinllm.evals.suites import registry
from clinllm.evals.suites.base import SuiteNotImplemented

DATA = Path(__file__).parents[3] / "data" / "evalsets" / "synthetic_b"


@pytest.mark.parametrize("suite", ["note_summary", "injection"])
def test_suites_without_workflow_are_not_implemented(suite: str) -> None:
    with pytest.raises(SuiteNotImplemented, match=f"suite {suite} is not implemented yet"):
        registry.prepare_suite(suite, DATA, lambda: pytest.fail("no gateway needed"))


def test_missing_workflow_module_is_not_implemented(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry._WORKFLOWS, "triage", ("clinllm.workflows.no_such_flow", "X"))
    with pytest.raises(SuiteNotImplemented):
        registry.workflow_module("triage")


def test_missing_workflow_class_is_not_implemented(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(registry._WORKFLOWS, "triage", ("clinllm.evals.metrics", "NoSuchClass"))
    with pytest.raises(SuiteNotImplemented):
        registry.workflow_module("triage")


def test_a_broken_import_inside_a_workflow_is_not_disguised(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def import_with_a_missing_dependency(name: str) -> types.ModuleType:
        raise ModuleNotFoundError("No module named 'some_dependency'", name="some_dependency")

    monkeypatch.setattr(
        "clinllm.evals.suites.registry.importlib.import_module", import_with_a_missing_dependency
    )
    with pytest.raises(ModuleNotFoundError):
        registry.workflow_module("triage")


def test_phi_suite_applies_limit_without_building_a_gateway() -> None:
    prepared = registry.prepare_suite(
        "phi", DATA, lambda: pytest.fail("no gateway needed"), limit=2
    )
    assert len(prepared.cases) == 2
    assert prepared.suite.name == "phi"
    assert set(prepared.dataset.files) == {"phi.jsonl"}
