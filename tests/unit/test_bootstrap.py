"""The composition root: one configuration, whoever asks for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinllm.bootstrap import build_app, open_app
from clinllm.codes.table import CodeTable
from clinllm.errors import ConfigError, NotImplementedWorkflow
from clinllm.settings import Settings, load_settings
from clinllm.store import Store
from clinllm.testing.memory import InMemoryRecordStore


def _settings(tmp_path: Path, **overrides: object) -> Settings:
    return load_settings(
        data_dir=tmp_path, database_url=f"sqlite:///{tmp_path / 'c.db'}", **overrides
    )


def test_persisted_and_in_memory_apps_run_the_same_configuration(tmp_path: Path) -> None:
    settings = _settings(tmp_path, deadline_s=42.0, max_attempts=2)
    stored = build_app(settings, chain="rules")
    measured = build_app(settings, chain="rules", persist=False)
    try:
        assert isinstance(stored.store, Store)
        assert isinstance(measured.records, InMemoryRecordStore)
        for name in ("prior_auth", "triage"):
            assert stored.config(name) == measured.config(name)
        config = stored.config("prior_auth")
        assert (config.policy.deadline_s, config.policy.max_attempts) == (42.0, 2)
        assert config.policy.contains_phi
        assert config.policy.max_output_tokens == 900
        assert stored.config("triage").policy.max_output_tokens == 160
        assert config.chain == ("rules",)
        assert config.codes == CodeTable(tmp_path)
    finally:
        if stored.store is not None:
            stored.store.engine.dispose()


def test_a_setting_that_changes_behaviour_changes_the_configuration(tmp_path: Path) -> None:
    base = build_app(_settings(tmp_path), chain="rules", persist=False)
    drafts_off = build_app(_settings(tmp_path, triage_drafts="off"), chain="rules", persist=False)
    other_chain = build_app(_settings(tmp_path), chain="rules,rules", persist=False)
    assert base.config("prior_auth") == drafts_off.config("prior_auth")
    assert base.config("triage") != drafts_off.config("triage")
    assert base.config("prior_auth") != other_chain.config("prior_auth")


def test_the_rules_provider_answers_every_workflows_model_schema(tmp_path: Path) -> None:
    app = build_app(_settings(tmp_path), chain="rules", persist=False)
    rules = app.gateway.provider("rules")
    for spec in app.specs.values():
        assert spec.rules_provider is not None
        assert rules.capabilities.deterministic
    assert set(app.specs) == {"prior_auth", "triage", "note_summary"}


def test_an_unknown_workflow_is_not_implemented(tmp_path: Path) -> None:
    app = build_app(_settings(tmp_path), chain="rules", persist=False)
    with pytest.raises(NotImplementedWorkflow, match="policy_search"):
        app.spec("policy_search")


def test_a_bad_chain_fails_before_anything_is_built(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="CLINLLM_OPENAI__API_KEY"):
        build_app(_settings(tmp_path), chain="openai:gpt-4o-mini")
    assert not (tmp_path / "c.db").exists()  # no database was created


@pytest.mark.anyio
async def test_the_python_api_runs_a_workflow_end_to_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLINLLM_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CLINLLM_DEFAULT_CHAIN", "rules")
    async with open_app() as app:
        outcome = await app.run("triage", "Why was I billed twice for one visit?")
    assert outcome.output.category == "billing_question"
    assert outcome.stored is not None
    assert (tmp_path / "clinllm.db").exists()
