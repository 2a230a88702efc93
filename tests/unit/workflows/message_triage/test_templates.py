"""Staff-owned templates: packaged, hashed, and a missing file is a config error."""

from __future__ import annotations

from pathlib import Path

import pytest

from clinllm.errors import ConfigError
from clinllm.workflows.message_triage.schema import CATEGORIES
from clinllm.workflows.message_triage.templates import Templates


def test_packaged_templates_cover_every_category_and_the_safety_message() -> None:
    templates = Templates.load()
    assert set(templates.drafts) == set(CATEGORIES)
    assert "911" in templates.safety.text
    assert len(templates.safety.sha256) == 64


def test_a_deployment_directory_overrides_the_package(tmp_path: Path) -> None:
    for name in ("emergency_safety_message.txt", "neutral_acknowledgement.txt"):
        (tmp_path / name).write_text("Call 911 now.", encoding="utf-8")
    for category in CATEGORIES:
        (tmp_path / f"draft_{category}.txt").write_text("Received.", encoding="utf-8")
    assert Templates.load(tmp_path).safety.text == "Call 911 now."


def test_missing_template_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"emergency_safety_message\.txt"):
        Templates.load(tmp_path)
